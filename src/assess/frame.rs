//! What every assessment made by one assessor shares: the framework's titles and structure
//! as reports show them, the role's targets, and the gaps of a competency without evidence
//! (worded once). An [`Assessment`](super::Assessment) holds it through an `Arc`, so a
//! learner's result copies none of it, and keeps only what differs for that learner.
//!
//! A report read back from JSON gets a frame of its own, built from what the JSON says.

use super::gap::GapStore;
use super::plan::Plan;
use super::position::{LevelRank, Position, Span, narrow};
use super::status::Targets;
use crate::model::{Id, RoleSubject, Text};
use crate::tailor::ResolvedRole;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The framework an assessment used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct FrameworkInfo {
    /// `id@version`.
    pub name: String,
    /// Its title.
    pub title: Text,
    /// Where and for whom a tailoring applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    /// The tailoring chain, base first, as `id@version`.
    pub chain: Vec<String>,
    /// The crosswalk the record's claims were read through, when it was made against another
    /// framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<CrosswalkInfo>,
}

/// The crosswalk an assessment read the claims through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CrosswalkInfo {
    /// The crosswalk, `id@version`.
    pub name: String,
    /// The framework the record was made against, `id@version`.
    pub from: String,
}

/// The role an assessment was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RoleInfo {
    /// Its id.
    pub id: Id,
    /// Its title.
    pub title: Text,
    /// What it describes: absent for a person in a job, `organisation` for an organisation's
    /// self-review.
    #[serde(default, skip_serializing_if = "RoleSubject::is_person")]
    pub subject: RoleSubject,
}

/// A value of the framework, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ValueInfo {
    /// Its id.
    pub id: Id,
    /// Its title.
    pub title: Text,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct LevelInfo {
    /// Its id.
    pub id: Id,
    /// Its title.
    pub title: Text,
}

/// Why a competency is not assessed in this context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct NotApplicable {
    /// The framework (`id@version`) that excluded it.
    pub by: String,
    /// Why.
    pub rationale: Text,
    /// The excluded domain it went with, when not excluded itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Id>,
}

/// The shared part of an assessment.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub framework: FrameworkInfo,
    pub role: Option<RoleInfo>,
    pub scale: Vec<LevelInfo>,
    /// The framework's values, in framework order.
    pub values: Vec<ValueInfo>,
    pub domains: Vec<DomainFrame>,
    /// By position.
    pub competencies: Vec<CompetencyFrame>,
    /// The policy's kinds of evidence, in policy order.
    pub kinds: Vec<KindFrame>,
    /// Indices in `kinds` of the independent ones.
    pub independent: Vec<u32>,
    /// The shared gaps of competencies without evidence, worded.
    pub store: GapStore,
    /// What the assessments were made with, to find their gaps when first read; none for
    /// a report read back (its gaps are as written).
    pub engine: Option<Engine>,
}

/// The framework and role as prepared for assessment.
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    pub plan: Arc<Plan>,
    pub targets: Arc<Targets>,
}

/// A domain: its titles and the positions of its competencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DomainFrame {
    pub id: Id,
    pub code: Option<Text>,
    pub title: Text,
    /// Positions.
    pub competencies: Span,
}

/// A competency: its titles, the role's target, and its result without evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompetencyFrame {
    pub id: Id,
    pub code: Option<Text>,
    pub title: Text,
    /// The target as the role names it (it may be off the scale, which validation reports;
    /// the report still shows what was asked).
    pub target: Option<Id>,
    pub target_rank: Option<LevelRank>,
    pub not_applicable: Option<NotApplicable>,
    /// The values it serves.
    pub values: Vec<Id>,
    /// Its indicators, as missing-indicator gaps show them.
    pub indicators: Vec<IndicatorFrame>,
    /// The level achieved without evidence.
    pub unevidenced: Option<LevelRank>,
    /// Its gaps without evidence (in `store`): with every prerequisite satisfied, with none,
    /// and with those a learner without evidence satisfies (see `result::Shared`).
    pub shared_gaps: [Span; 3],
}

/// An indicator, as a missing-indicator gap shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndicatorFrame {
    pub id: Id,
    pub text: Text,
    /// The level at which it is expected.
    pub level: LevelRank,
}

/// A kind of evidence, as next steps mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KindFrame {
    pub id: Id,
    pub title: Option<Text>,
    /// In thousandths.
    pub weight: u64,
    pub independent: bool,
}

impl Frame {
    /// The frame for assessing against `plan`'s framework, for `role` (with its targets as
    /// named, by position) and through `crosswalk`; its shared gaps are found by
    /// [`gaps::share`](super::gaps::share).
    pub fn new(
        engine: Engine,
        role: Option<&ResolvedRole>,
        target_names: &[Option<Id>],
        crosswalk: Option<CrosswalkInfo>,
    ) -> Frame {
        let (plan, targets) = (&*engine.plan, &*engine.targets);
        let framework = &plan.framework;
        let mut domains = Vec::with_capacity(framework.domains.len());
        let mut competencies: Vec<CompetencyFrame> = Vec::with_capacity(plan.competencies.len());
        for domain in &framework.domains {
            let start = competencies.len();
            for competency in &domain.competencies {
                let k = Position::new(competencies.len());
                let planned = plan.get(k);
                competencies.push(CompetencyFrame {
                    id: competency.id.clone(),
                    code: competency.code.clone(),
                    title: competency.title.clone(),
                    target: target_names.get(k.index()).cloned().flatten(),
                    target_rank: targets.rank(k),
                    not_applicable: competency.provenance.excluded.as_ref().map(|x| {
                        NotApplicable {
                            by: x.by.clone(),
                            rationale: x.rationale.clone(),
                            via: x.via.clone(),
                        }
                    }),
                    values: competency.values.clone(),
                    indicators: competency
                        .indicators
                        .iter()
                        .zip(planned.map(|p| p.indicators.as_slice()).unwrap_or_default())
                        .map(|(resolved, planned)| IndicatorFrame {
                            id: planned.id.clone(),
                            text: resolved.text.clone(),
                            level: planned.rank,
                        })
                        .collect(),
                    unevidenced: planned.and_then(|p| p.unevidenced),
                    shared_gaps: [Span::default(); 3],
                });
            }
            domains.push(DomainFrame {
                id: domain.id.clone(),
                code: domain.code.clone(),
                title: domain.title.clone(),
                competencies: Span::new(start..competencies.len()),
            });
        }
        let kinds: Vec<KindFrame> = framework
            .assessment
            .evidence
            .iter()
            .map(|(id, kind)| KindFrame {
                id: id.clone(),
                title: kind.title.clone(),
                weight: u64::from(kind.weight.thousandths()),
                independent: kind.independent,
            })
            .collect();
        let independent = kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| k.independent)
            .map(|(n, _)| narrow(n))
            .collect();
        Frame {
            framework: FrameworkInfo {
                name: plan.name.clone(),
                title: framework.title.clone(),
                context: framework.context.clone(),
                chain: framework.chain.clone(),
                crosswalk,
            },
            role: role.map(|r| RoleInfo {
                id: r.id.clone(),
                title: r.title.clone(),
                subject: r.subject,
            }),
            scale: framework
                .scale
                .iter()
                .map(|l| LevelInfo {
                    id: l.id.clone(),
                    title: l.title.clone(),
                })
                .collect(),
            values: framework
                .values
                .iter()
                .map(|v| ValueInfo {
                    id: v.id.clone(),
                    title: v.title.clone(),
                })
                .collect(),
            domains,
            competencies,
            kinds,
            independent,
            store: GapStore::default(),
            engine: Some(engine),
        }
    }
}
