use super::{Date, FrameworkRef, Id, Kind, Text};
use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// One learner's evidence (`kind: evidence`).
///
/// Evidence text may describe health and lived experience: the library identifies evidence by
/// id and location only and never copies `summary` into diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "competence evidence record")]
pub struct EvidenceRecord {
    /// Always `competence/1`.
    #[schemars(extend("const" = "competence/1"))]
    pub format: String,
    /// Always `evidence` here.
    pub kind: Kind,
    /// An opaque learner id; no names needed.
    pub learner: Id,
    /// The framework the evidence was gathered against: an id, optionally `@requirement`.
    pub framework: FrameworkRef,
    /// The organisation the learner works in: the opaque id (`learner:`) of the organisation's
    /// own readiness record, whose unmet items the learner's plan shows as context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Id>,
    /// The learner's own voice: goals, reflections, response to the plan, and the plan as
    /// agreed. Reports show it; assessment rules never read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<Voice>,
    /// The evidence items.
    #[serde(default)]
    pub evidence: Vec<EvidenceItem>,
}

/// The learner's own voice in their record, in their words. Shown in the plan in a section of
/// its own; never read by assessment rules.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    /// What the learner wants to work towards, in their words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Text>,
    /// The learner's reflections on their practice and progress.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflections: Vec<Text>,
    /// The learner's response to the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Text>,
    /// The supervisor's comments on the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_comments: Option<Text>,
    /// The plan as agreed between the learner and others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_plan: Option<AgreedPlan>,
}

impl Voice {
    /// Whether it says nothing at all.
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty()
            && self.reflections.is_empty()
            && self.response.is_none()
            && self.supervisor_comments.is_none()
            && self.agreed_plan.is_none()
    }
}

/// A plan agreed between the learner and others: when, by whom, in what role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreedPlan {
    /// When it was agreed.
    pub date: Date,
    /// Who agreed it, each with their role (the learner as `self`).
    pub agreed_by: Vec<Agreement>,
    /// What was agreed, briefly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// When to look at it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Date>,
}

/// One person who agreed a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// An opaque id (no names needed).
    pub who: Id,
    /// The role they agreed it in.
    pub role: AssessorRole,
}

impl EvidenceRecord {
    /// A record of `learner`'s evidence gathered against `framework`, with no items yet.
    ///
    /// ```
    /// use competence::model::{Claim, EvidenceItem, EvidenceRecord, Outcome};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let record = EvidenceRecord::new("L-0042".parse()?, "mh-peer-support-worker@^1".parse()?)
    ///     .with_item(
    ///         EvidenceItem::new("obs-1".parse()?, "observation".parse()?, "2026-03-14".parse()?)
    ///             .with_claim(Claim::new("active-listening".parse()?).at("established".parse()?)),
    ///     )
    ///     .with_item(
    ///         EvidenceItem::new("sup-1".parse()?, "supervision".parse()?, "2026-04-02".parse()?)
    ///             .with_outcome(Outcome::NotYet)
    ///             .with_claim("peer-relationship".parse::<competence::model::Id>()?),
    ///     );
    /// assert_eq!(record.evidence.len(), 2);
    /// assert_eq!(record.format, "competence/1");
    /// # Ok(()) }
    /// ```
    pub fn new(learner: Id, framework: FrameworkRef) -> EvidenceRecord {
        EvidenceRecord {
            format: super::FORMAT.to_owned(),
            kind: Kind::Evidence,
            learner,
            framework,
            organisation: None,
            voice: None,
            evidence: Vec::new(),
        }
    }

    /// Sets the learner's voice.
    #[must_use]
    pub fn with_voice(mut self, voice: Voice) -> EvidenceRecord {
        self.voice = Some(voice);
        self
    }

    /// Names the organisation whose readiness record gives the plan its context.
    #[must_use]
    pub fn with_organisation(mut self, organisation: Id) -> EvidenceRecord {
        self.organisation = Some(organisation);
        self
    }

    /// Adds an evidence item at the end.
    #[must_use]
    pub fn with_item(mut self, item: EvidenceItem) -> EvidenceRecord {
        self.evidence.push(item);
        self
    }
}

/// One piece of evidence and the competencies it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// Unique within the record.
    pub id: Id,
    /// A kind from the framework's policy.
    pub kind: Id,
    /// When it happened.
    pub date: Date,
    /// An opaque assessor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<Id>,
    /// The role in which the assessor (or the author of testimony) saw the learner's practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor_role: Option<AssessorRole>,
    /// Whether the item demonstrates what it claims.
    #[serde(default)]
    pub outcome: Outcome,
    /// A short description. Never copied into diagnostics or logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// A pointer to the artefact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
    /// What the item is evidence of.
    #[serde(default)]
    pub claims: Vec<Claim>,
}

impl EvidenceItem {
    /// An item of `kind` dated `date`, demonstrated, with no claims, assessor, summary or link.
    pub fn new(id: Id, kind: Id, date: Date) -> EvidenceItem {
        EvidenceItem {
            id,
            kind,
            date,
            assessor: None,
            assessor_role: None,
            outcome: Outcome::Demonstrated,
            summary: None,
            link: None,
            claims: Vec::new(),
        }
    }

    /// Adds a claim; a bare [`Id`] is the shorthand claim (lowest level, no indicators).
    #[must_use]
    pub fn with_claim(mut self, claim: impl Into<Claim>) -> EvidenceItem {
        self.claims.push(claim.into());
        self
    }

    /// Sets the outcome.
    #[must_use]
    pub fn with_outcome(mut self, outcome: Outcome) -> EvidenceItem {
        self.outcome = outcome;
        self
    }

    /// Sets the opaque assessor id.
    #[must_use]
    pub fn with_assessor(mut self, assessor: Id) -> EvidenceItem {
        self.assessor = Some(assessor);
        self
    }

    /// Sets the role in which the assessor saw the learner's practice.
    #[must_use]
    pub fn with_assessor_role(mut self, role: AssessorRole) -> EvidenceItem {
        self.assessor_role = Some(role);
        self
    }
}

/// The role in which whoever assessed an evidence item (observed, discussed, supervised or
/// gave testimony) knows the learner's practice. A fixed vocabulary, so that a policy can ask
/// for evidence from given roles (`require_assessor`) and reports can say who saw what.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AssessorRole {
    /// Another peer support worker.
    Peer,
    /// A senior peer support worker or peer lead.
    SeniorPeer,
    /// The learner's supervisor (line or practice supervision, peer or not).
    Supervisor,
    /// A clinician in the team (nurse, psychologist, psychiatrist, occupational therapist, …).
    Clinician,
    /// A manager who is not the learner's supervisor.
    Manager,
    /// A person the learner supports (testimony only with their informed consent).
    PersonSupported,
    /// A colleague in another role (not a peer worker, not a clinician or manager).
    Colleague,
    /// The learner themselves.
    #[serde(rename = "self")]
    Learner,
}

impl AssessorRole {
    /// Every role, in the order of the vocabulary.
    pub const ALL: [AssessorRole; 8] = [
        AssessorRole::Peer,
        AssessorRole::SeniorPeer,
        AssessorRole::Supervisor,
        AssessorRole::Clinician,
        AssessorRole::Manager,
        AssessorRole::PersonSupported,
        AssessorRole::Colleague,
        AssessorRole::Learner,
    ];

    /// The name used in YAML and JSON (`senior-peer`, `self`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AssessorRole::Peer => "peer",
            AssessorRole::SeniorPeer => "senior-peer",
            AssessorRole::Supervisor => "supervisor",
            AssessorRole::Clinician => "clinician",
            AssessorRole::Manager => "manager",
            AssessorRole::PersonSupported => "person-supported",
            AssessorRole::Colleague => "colleague",
            AssessorRole::Learner => "self",
        }
    }

    /// The role in plain words, with an article: "a peer", "a senior peer", "the learner".
    pub fn words(self) -> &'static str {
        match self {
            AssessorRole::Peer => "a peer",
            AssessorRole::SeniorPeer => "a senior peer",
            AssessorRole::Supervisor => "a supervisor",
            AssessorRole::Clinician => "a clinician",
            AssessorRole::Manager => "a manager",
            AssessorRole::PersonSupported => "a person supported",
            AssessorRole::Colleague => "a colleague",
            AssessorRole::Learner => "the learner",
        }
    }

    /// A bit of its own, for sets of roles.
    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for AssessorRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for AssessorRole {
    type Err = UnknownAssessorRole;

    fn from_str(s: &str) -> Result<AssessorRole, UnknownAssessorRole> {
        AssessorRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownAssessorRole(s.to_owned()))
    }
}

/// A name that is not in the assessor-role vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown assessor role `{0}`: expected one of peer, senior-peer, supervisor, clinician, manager, person-supported, colleague, self"
)]
pub struct UnknownAssessorRole(pub String);

/// The outcome of an evidence item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Outcome {
    /// The item shows what it claims (default).
    #[default]
    Demonstrated,
    /// Assessed, and not yet there.
    NotYet,
}

/// A claim that an evidence item shows a competency, at a level, through indicators.
/// A bare id is shorthand for the lowest level with no indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The competency claimed.
    pub competency: Id,
    /// The level claimed; default: the lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// Indicators shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Id>,
}

impl Claim {
    /// A claim of `competency` at the lowest level, naming no indicators.
    pub fn new(competency: Id) -> Claim {
        Claim {
            competency,
            level: None,
            indicators: Vec::new(),
        }
    }

    /// Claims the competency at `level`.
    #[must_use]
    pub fn at(mut self, level: Id) -> Claim {
        self.level = Some(level);
        self
    }

    /// Names an indicator the evidence shows.
    #[must_use]
    pub fn with_indicator(mut self, indicator: Id) -> Claim {
        self.indicators.push(indicator);
        self
    }
}

impl From<Id> for Claim {
    fn from(competency: Id) -> Claim {
        Claim::new(competency)
    }
}

/// A claim written out in full.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FullClaim")]
struct FullClaim {
    /// The competency claimed.
    competency: Id,
    /// The level claimed; default: the lowest.
    #[serde(default)]
    level: Option<Id>,
    /// Indicators shown.
    #[serde(default)]
    indicators: Vec<Id>,
}

impl JsonSchema for Claim {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Claim".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The shorthand `- peer-relationship` is a bare id; the long form is a map.
        let short = generator.subschema_for::<Id>();
        let full = generator.subschema_for::<FullClaim>();
        schemars::json_schema!({
            "description": "A competency id (shorthand: lowest level, no indicators) or a map with `competency`, `level` and `indicators`.",
            "anyOf": [short, full]
        })
    }
}

impl<'de> Deserialize<'de> for Claim {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Claim, D::Error> {
        struct ClaimVisitor;

        impl<'de> Visitor<'de> for ClaimVisitor {
            type Value = Claim;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a competency id or a map with `competency`")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Claim, E> {
                Ok(Claim {
                    competency: Id::new(id),
                    level: None,
                    indicators: Vec::new(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Claim, A::Error> {
                let full =
                    FullClaim::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Claim {
                    competency: full.competency,
                    level: full.level,
                    indicators: full.indicators,
                })
            }
        }

        deserializer.deserialize_any(ClaimVisitor)
    }
}
