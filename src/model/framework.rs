use super::reference::{version_schema, version_serde};
use super::{
    Amount, AssessorRole, Duration, FrameworkRef, Id, Kind, OrderedMap, ResolvedFrom, Text, Weight,
};
use schemars::JsonSchema;
use semver::Version;
use serde::{Deserialize, Serialize};

/// A competency framework (`kind: framework`): its scale, values, domains of competencies,
/// role profiles and evidence policy. With `extends`, it is a tailoring of another framework
/// and carries its changes in `tailoring` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "competence framework")]
pub struct Framework {
    /// Always `competence/1`.
    #[schemars(extend("const" = "competence/1"))]
    pub format: String,
    /// Always `framework` here.
    pub kind: Kind,
    /// The framework's id; with `version`, it names the framework as `id@version`.
    pub id: Id,
    /// Semver version. See DESIGN.md "Semver for frameworks" for what is breaking.
    #[serde(with = "version_serde")]
    #[schemars(schema_with = "version_schema")]
    pub version: Version,
    /// A short human title.
    pub title: Text,
    /// One paragraph on purpose and scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Who publishes this framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    /// The licence of this file's text, such as CC-BY-4.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<Text>,
    /// What this framework was built from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<Source>,
    /// This framework's identifier in the system it was imported from (a CASE `CFDocument`
    /// identifier), kept so that an export gives the same identifier back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
    /// The base framework this one tailors, as `id@requirement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<FrameworkRef>,
    /// Where and for whom a tailoring applies. Required with `extends`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    /// Proficiency levels, lowest first. Omitted: one implicit level, `met`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<Level>,
    /// The values the competencies serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Value>,
    /// Groups of competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Domain>,
    /// Role profiles: which level each role needs of which competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The evidence policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Policy>,
    /// The changes a tailoring makes to its base. Only with `extends`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tailoring: Option<Tailoring>,
    /// Written by `competence resolve`: the chain this framework was resolved from and the
    /// provenance of its items. Not with `extends`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<ResolvedFrom>,
}

impl Framework {
    /// The implicit level of a framework without a scale.
    pub const IMPLICIT_LEVEL: &'static str = "met";

    /// `id@version`.
    pub fn name(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }
}

/// Where a framework's content comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source's title.
    pub title: Text,
    /// A link to the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// How the source was used, and what in it is unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One level of the proficiency scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The level's id.
    pub id: Id,
    /// A short title.
    pub title: Text,
    /// What working at this level looks like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A value that competencies serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// The value's id.
    pub id: Id,
    /// A short title.
    pub title: Text,
    /// What the value means in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected: a tailoring may not exclude or reword it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids this item replaces: evidence naming them counts for this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
}

/// A group of competencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// The domain's id.
    pub id: Id,
    /// A display code from the source framework, such as "3".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// A short title.
    pub title: Text,
    /// What the domain covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected, with everything inside it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// This item's identifier in the framework it was imported from (a CASE `CFItem`
    /// identifier), kept so that an export gives the same identifier back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
    /// The domain's competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<Competency>,
}

/// A competency: an area of ability, assessed through its indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// The competency's id.
    pub id: Id,
    /// A display code from the source framework, such as "3.2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// A short title.
    pub title: Text,
    /// What the competency is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected: a tailoring may not exclude or reword it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids of the values this competency serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Id>,
    /// Ids of prerequisite competencies (acyclic).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Id>,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// This item's identifier in the framework it was imported from (a CASE `CFItem`
    /// identifier), kept so that an export gives the same identifier back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
    /// Observable abilities: the assessable detail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

/// An observable ability within a competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator's id.
    pub id: Id,
    /// The ability, in plain words.
    pub text: Text,
    /// The lowest level at which it is expected; default: the first level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// Protected: a tailoring may not exclude or reword it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// This item's identifier in the framework it was imported from (a CASE `CFItem`
    /// identifier), kept so that an export gives the same identifier back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
}

/// A role profile: who must reach what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The role's id.
    pub id: Id,
    /// A short title.
    pub title: Text,
    /// Who the role is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// What the role describes: a person in a job (the default) or an organisation reviewing
    /// itself (reports are then worded as an organisational self-review).
    #[serde(default, skip_serializing_if = "RoleSubject::is_person")]
    pub subject: RoleSubject,
    /// A role whose targets this one inherits, then overrides (acyclic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<Id>,
    /// Domain or competency id -> level id. A domain sets all its competencies; a competency
    /// id overrides its domain.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub targets: OrderedMap<Id>,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
}

/// What a role profile describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoleSubject {
    /// A person in a job role (default).
    #[default]
    Person,
    /// An organisation reviewing its own readiness (such as for employing peer workers).
    Organisation,
}

impl RoleSubject {
    /// Whether it is the default, a person.
    pub fn is_person(&self) -> bool {
        *self == RoleSubject::Person
    }
}

/// The evidence policy: what counts, and how much is enough.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The kinds of evidence accepted, by id.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub evidence: OrderedMap<EvidenceKind>,
    /// What is enough to demonstrate a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sufficiency: Option<Sufficiency>,
    /// Per domain or competency id: sufficiency fields that differ from the default.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub overrides: OrderedMap<Sufficiency>,
    /// In a tailoring's `assessment`: why the policy differs here. Required when the change
    /// relaxes what core competencies need (`core-policy-relaxed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

/// A kind of evidence and what one item of it is worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    /// A short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// What counts as this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// What one item contributes, in (0, 1], at most three decimals.
    pub weight: Weight,
    /// Whether it comes from someone other than the learner.
    #[serde(default, skip_serializing_if = "is_false")]
    pub independent: bool,
    /// How long an item stays current, such as `2y`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_for: Option<Duration>,
}

/// Sufficiency rules. Every field is optional so that overrides and tailorings can change one
/// field and inherit the rest; unset fields at the top take the defaults (min_weight 1,
/// min_items 1, both switches off).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sufficiency {
    /// The least total weight of the items at a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weight: Option<Amount>,
    /// The least number of items at a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// Whether some item at a level must be of an independent kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_independent: Option<bool>,
    /// Whether every indicator expected up to a level must be named by some item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_indicators: Option<bool>,
    /// How long evidence stays current here; the shorter of this and the kind's applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_for: Option<Duration>,
    /// Assessor roles of which at least one must have assessed some item at a level (such as
    /// `[peer, senior-peer]` for peer-led assessment); absent or empty: any role, or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_assessor: Option<Vec<AssessorRole>>,
}

impl Sufficiency {
    /// `self` with the fields `over` sets replaced.
    pub fn merged(&self, over: &Sufficiency) -> Sufficiency {
        Sufficiency {
            min_weight: over.min_weight.or(self.min_weight),
            min_items: over.min_items.or(self.min_items),
            require_independent: over.require_independent.or(self.require_independent),
            require_indicators: over.require_indicators.or(self.require_indicators),
            valid_for: over.valid_for.or(self.valid_for),
            require_assessor: over
                .require_assessor
                .clone()
                .or_else(|| self.require_assessor.clone()),
        }
    }
}

/// The changes a tailored framework makes to its base.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tailoring {
    /// Whole new domains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_domains: Vec<Domain>,
    /// New competencies, each into an existing or added domain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_competencies: Vec<AddCompetency>,
    /// New indicators, each into an existing or added competency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_indicators: Vec<AddIndicator>,
    /// New values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_values: Vec<Value>,
    /// New roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_roles: Vec<Role>,
    /// Changes to fields of existing items, each with a rationale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amend: Vec<Amend>,
    /// Local guidance on existing items (allowed on core items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<Guidance>,
    /// Items that do not apply in this context, each with a rationale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Exclude>,
    /// Per role id: target overrides (id -> level).
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub targets: OrderedMap<OrderedMap<Id>>,
    /// A partial policy, merged field by field over the base's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Policy>,
}

/// A competency added into a domain by a tailoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddCompetency {
    /// The domain (from the base or added) that receives it.
    pub into: Id,
    /// The competency's id.
    pub id: Id,
    /// A display code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// A short title.
    pub title: Text,
    /// What the competency is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected in tailorings of this tailoring.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids of the values it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Id>,
    /// Ids of prerequisite competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Id>,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Observable abilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Why it is added. Required when `into` is a core domain (`added-to-core`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

impl AddCompetency {
    /// The competency this adds, without `into`.
    pub fn competency(&self) -> Competency {
        Competency {
            id: self.id.clone(),
            code: self.code.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            core: self.core,
            values: self.values.clone(),
            requires: self.requires.clone(),
            replaces: self.replaces.clone(),
            source_id: None,
            indicators: self.indicators.clone(),
        }
    }
}

/// An indicator added into a competency by a tailoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddIndicator {
    /// The competency (from the base or added) that receives it.
    pub into: Id,
    /// The indicator's id.
    pub id: Id,
    /// The ability, in plain words.
    pub text: Text,
    /// The lowest level at which it is expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// Protected in tailorings of this tailoring.
    #[serde(default, skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids this item replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Why it is added. Required when `into` is a core competency (`added-to-core`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

impl AddIndicator {
    /// The indicator this adds, without `into`.
    pub fn indicator(&self) -> Indicator {
        Indicator {
            id: self.id.clone(),
            text: self.text.clone(),
            level: self.level.clone(),
            core: self.core,
            replaces: self.replaces.clone(),
            source_id: None,
        }
    }
}

/// A change to fields of an existing item. Only the fields given change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amend {
    /// The item to change.
    pub id: Id,
    /// A new title (not on core items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// A new description (not on core items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// New indicator text (not on core items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// A new display code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// A new expected level (indicators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// The values served, replacing the list (competencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Id>>,
    /// The prerequisites, replacing the list (competencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Vec<Id>>,
    /// Why the change is needed here. Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

impl Amend {
    /// The names of the fields this amendment sets, in a fixed order.
    pub fn fields(&self) -> Vec<&'static str> {
        let set = [
            ("title", self.title.is_some()),
            ("description", self.description.is_some()),
            ("text", self.text.is_some()),
            ("code", self.code.is_some()),
            ("level", self.level.is_some()),
            ("values", self.values.is_some()),
            ("requires", self.requires.is_some()),
        ];
        set.into_iter()
            .filter(|(_, on)| *on)
            .map(|(name, _)| name)
            .collect()
    }
}

/// Local guidance on an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// The item it is about.
    pub id: Id,
    /// The guidance.
    pub text: Text,
}

/// An item that does not apply in a tailoring's context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclude {
    /// The item to exclude; a domain excludes its competencies.
    pub id: Id,
    /// Why it does not apply here. Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
}

fn is_false(b: &bool) -> bool {
    !*b
}
