//! The assessment as data: what reports render and JSON serialises. It borrows ids and titles
//! from the framework and the record rather than copying them, so assessing a cohort allocates
//! little per learner; render or serialise it before the record goes.

use super::gaps::{self, Gaps, Unevidenced};
use super::ledger::{Disposition, Ledger, LedgerEntry};
use super::levels;
use super::plan::Plan;
use super::status::{self, Status};
use super::summary::Summary;
use crate::model::{Amount, Date, EvidenceRecord, Id, Text};
use crate::tailor::ResolvedRole;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Range;

/// A learner's evidence assessed against a framework and role, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(title = "competence assessment report")]
pub struct Assessment<'a> {
    /// The learner's opaque id.
    pub learner: &'a Id,
    /// The framework assessed against.
    pub framework: FrameworkInfo<'a>,
    /// The role assessed for; absent when none was given.
    pub role: Option<RoleInfo<'a>>,
    /// The date the assessment holds on.
    pub as_of: Date,
    /// The framework's scale, lowest first.
    pub scale: Vec<LevelInfo<'a>>,
    /// Counts, coverage and readiness over the whole framework.
    pub summary: Summary,
    /// Results by domain, in framework order.
    pub domains: Vec<DomainAssessment<'a>>,
    /// Every claim and what became of it, in input order.
    pub ledger: Vec<LedgerEntry<'a>>,
}

impl<'a> Assessment<'a> {
    /// Whether every targeted, applicable competency is met (false without a role).
    pub fn ready(&self) -> bool {
        self.summary.ready
    }

    /// Every competency, in framework order.
    pub fn competencies(&self) -> impl Iterator<Item = &CompetencyAssessment<'a>> {
        self.domains.iter().flat_map(|d| d.competencies.iter())
    }
}

/// The framework an assessment used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrameworkInfo<'a> {
    /// `id@version`.
    pub name: String,
    /// Its title.
    pub title: &'a Text,
    /// Where and for whom a tailoring applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<&'a Text>,
    /// The tailoring chain, base first, as `id@version`.
    pub chain: &'a [String],
    /// The crosswalk the record's claims were read through, when it was made against another
    /// framework.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<CrosswalkInfo<'a>>,
}

/// The crosswalk an assessment read the claims through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CrosswalkInfo<'a> {
    /// The crosswalk, `id@version`.
    pub name: &'a str,
    /// The framework the record was made against, `id@version`.
    pub from: &'a str,
}

/// The role an assessment was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RoleInfo<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its title.
    pub title: &'a Text,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelInfo<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its title.
    pub title: &'a Text,
}

/// One domain's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DomainAssessment<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a Text>,
    /// Its title.
    pub title: &'a Text,
    /// Counts, coverage and readiness within the domain.
    pub summary: Summary,
    /// Its competencies, in framework order.
    pub competencies: Vec<CompetencyAssessment<'a>>,
}

/// One competency's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CompetencyAssessment<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a Text>,
    /// Its title.
    pub title: &'a Text,
    /// Where it stands for the role.
    pub status: Status,
    /// The level the role asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'a Id>,
    /// The highest level demonstrated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<&'a Id>,
    /// The items that counted towards it, by date then id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<&'a Id>,
    /// What stands between it and `met`, when targeted and not met.
    #[serde(default, skip_serializing_if = "Gaps::is_empty")]
    pub gaps: Gaps<'a>,
    /// With gaps: evidence items linked to it through a crosswalk only as `related`. They do
    /// not count, but may point to what to build on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_evidence: Vec<&'a Id>,
    /// Why it is not assessed here, when a tailoring excludes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicable<'a>>,
}

/// Why a competency is not assessed in this context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NotApplicable<'a> {
    /// The framework (`id@version`) that excluded it.
    pub by: &'a str,
    /// Why.
    pub rationale: &'a Text,
    /// The excluded domain it went with, when not excluded itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a Id>,
}

/// A total of weights, held as exact thousandths and written as a decimal number (0.75).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Total(pub u64);

impl Total {
    /// The total in thousandths.
    pub fn thousandths(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Amount::from_thousandths(self.0), f)
    }
}

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As the model's amounts: a whole number, or the shortest float that round-trips,
        // which for three decimals is the decimal itself (1.25, never 1.2499…).
        Amount::from_thousandths(self.0).serialize(serializer)
    }
}

impl JsonSchema for Total {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Total".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "multipleOf": 0.001,
            "description": "A total of weights, at most three decimals."
        })
    }
}

/// What every learner's assessment shares: the plan, the role's targets and the gaps of
/// competencies without evidence, all prepared once per assessor.
pub(crate) struct Run<'p, 'f> {
    pub plan: &'p Plan<'f>,
    pub unevidenced: &'p Unevidenced<'f>,
    /// Target rank per competency, in plan order.
    pub targets: &'p [Option<usize>],
    /// Target level per competency as the role names it.
    pub target_levels: &'p [Option<&'f Id>],
    pub role: Option<&'f ResolvedRole>,
    pub as_of: Date,
    pub crosswalk: Option<CrosswalkInfo<'f>>,
}

/// Steps 2 to 5 of DESIGN.md "Assessment" for one learner, from the ledger (step 1).
///
/// The work per learner is proportional to the evidence, plus one small fixed step per
/// competency: competencies without counted, expired or not-yet evidence take their achieved
/// level from the plan and their gaps from the shared lists in `run.unevidenced`.
pub(crate) fn assemble<'a>(
    run: &Run<'_, 'a>,
    record: &'a EvidenceRecord,
    ledger: Ledger<'a>,
) -> Assessment<'a> {
    let plan = run.plan;
    let framework = plan.framework;
    let has_role = run.role.is_some();
    let (summary, domains) = {
        let contributions = levels::contributions(&ledger);
        let mut achieved: Vec<Option<usize>> =
            plan.competencies.iter().map(|c| c.unevidenced).collect();
        let mut evidenced = vec![false; plan.competencies.len()];
        for group in contributions.chunk_by(|a, b| a.competency == b.competency) {
            let Some(k) = group.first().map(|c| c.competency) else {
                continue;
            };
            if let (Some(competency), Some(level), Some(flag)) = (
                plan.competencies.get(k),
                achieved.get_mut(k),
                evidenced.get_mut(k),
            ) {
                *level = levels::achieved(competency, group, plan.levels());
                *flag = true;
            }
        }
        // Expired and not-yet entries (gaps cite them) and related ones, by competency and
        // then in ledger order.
        let mut noted: Vec<(usize, usize)> = Vec::new();
        let mut related: Vec<(usize, usize)> = Vec::new();
        for (n, (entry, facts)) in ledger.entries.iter().zip(&ledger.facts).enumerate() {
            let Some(k) = facts.competency else {
                continue;
            };
            match entry.disposition {
                Disposition::Expired | Disposition::NotYet => noted.push((k, n)),
                Disposition::Related => related.push((k, n)),
                _ => {}
            }
        }
        noted.sort_unstable();
        related.sort_unstable();
        let noted_at: Vec<usize> = noted.iter().map(|&(_, n)| n).collect();
        let inputs = status::Inputs {
            targets: run.targets,
            achieved: &achieved,
            evidenced: &evidenced,
        };
        let (statuses, met) = status::statuses(plan, &inputs);
        let mut domains: Vec<DomainAssessment<'a>> = framework
            .domains
            .iter()
            .map(|d| DomainAssessment {
                id: &d.id,
                code: d.code.as_ref(),
                title: &d.title,
                summary: Summary::default(),
                competencies: Vec::with_capacity(d.competencies.len()),
            })
            .collect();
        let (mut at_contribution, mut at_noted, mut at_related) = (0, 0, 0);
        for (k, competency) in plan.competencies.iter().enumerate() {
            let evidence = contributions
                .get(span(
                    &contributions,
                    &mut at_contribution,
                    |c| c.competency,
                    k,
                ))
                .unwrap_or_default();
            let noted_here = noted_at
                .get(span(&noted, &mut at_noted, |x| x.0, k))
                .unwrap_or_default();
            let related_here = related
                .get(span(&related, &mut at_related, |x| x.0, k))
                .unwrap_or_default();
            let status = statuses.get(k).copied().unwrap_or(Status::NotTargeted);
            let target_level = run.target_levels.get(k).copied().flatten();
            let achieved_rank = achieved.get(k).copied().flatten();
            let gaps: Gaps<'a> = match (status, run.targets.get(k).copied().flatten(), target_level)
            {
                (
                    Status::Blocked | Status::Partial | Status::Missing,
                    Some(target),
                    Some(target_level),
                ) => {
                    let unmet = || status::unsatisfied(plan, &inputs, &met, k);
                    let shared = if evidence.is_empty() && noted_here.is_empty() {
                        run.unevidenced
                            .get(k, unmet().count(), competency.requires.len())
                    } else {
                        None
                    };
                    match shared {
                        Some(shared) => shared.clone(),
                        None => {
                            let unmet: Vec<usize> = unmet().collect();
                            gaps::gaps(&gaps::Context {
                                plan,
                                competency,
                                evidence,
                                entries: &ledger.entries,
                                facts: &ledger.facts,
                                noted: noted_here,
                                target,
                                target_level,
                                achieved: achieved_rank,
                                unmet_prerequisites: &unmet,
                            })
                            .into()
                        }
                    }
                }
                _ => Gaps::default(),
            };
            let mut counted: Vec<(Date, &'a Id)> = evidence
                .iter()
                .filter_map(|c| record.evidence.get(c.item))
                .map(|item| (item.date, &item.id))
                .collect();
            counted.sort();
            let mut related_evidence: Vec<&'a Id> = Vec::new();
            if !gaps.is_empty() {
                for &(_, n) in related_here {
                    if let Some(entry) = ledger.entries.get(n) {
                        if !related_evidence.contains(&entry.evidence) {
                            related_evidence.push(entry.evidence);
                        }
                    }
                }
            }
            let resolved = competency.competency;
            let result = CompetencyAssessment {
                id: &resolved.id,
                code: resolved.code.as_ref(),
                title: &resolved.title,
                status,
                target: target_level,
                achieved: achieved_rank.and_then(|a| plan.level_id(a)),
                evidence: counted.into_iter().map(|(_, id)| id).collect(),
                gaps,
                related_evidence,
                not_applicable: resolved
                    .provenance
                    .excluded
                    .as_ref()
                    .map(|x| NotApplicable {
                        by: x.by.as_str(),
                        rationale: &x.rationale,
                        via: x.via.as_ref(),
                    }),
            };
            if let Some(domain) = domains.get_mut(competency.domain) {
                domain.competencies.push(result);
            }
        }
        for domain in &mut domains {
            domain.summary = Summary::of(domain.competencies.iter().map(|c| c.status), has_role);
        }
        (Summary::of(statuses.iter().copied(), has_role), domains)
    };
    Assessment {
        learner: &record.learner,
        framework: FrameworkInfo {
            name: plan.name.clone(),
            title: &framework.title,
            context: framework.context.as_ref(),
            chain: &framework.chain,
            crosswalk: run.crosswalk.clone(),
        },
        role: run.role.map(|r| RoleInfo {
            id: &r.role.id,
            title: &r.role.title,
        }),
        as_of: run.as_of,
        scale: framework
            .scale
            .iter()
            .map(|l| LevelInfo {
                id: &l.id,
                title: &l.title,
            })
            .collect(),
        summary,
        domains,
        ledger: ledger.entries,
    }
}

/// The run of `list`, from `*from`, whose key is `k`; moves `*from` past it. `list` is sorted
/// by key and keys are asked for in increasing order, so every element is looked at once.
fn span<T>(list: &[T], from: &mut usize, key: impl Fn(&T) -> usize, k: usize) -> Range<usize> {
    let start = *from;
    while list.get(*from).is_some_and(|x| key(x) == k) {
        *from += 1;
    }
    start..*from
}
