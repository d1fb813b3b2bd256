//! What every assessment made by one assessor shares: the framework's titles and structure
//! as reports show them, the role's targets, and the gaps of a competency without evidence
//! (worded once). An [`Assessment`](super::Assessment) holds it through an `Arc`, so a
//! learner's result copies none of it, and keeps only what differs for that learner.
//!
//! A report read back from JSON gets a frame of its own, built from what the JSON says.

use super::gaps::{self, GapStore};
use super::plan::Plan;
use super::position::{LevelRank, Position, Span, narrow};
use super::result::{CrosswalkInfo, FrameworkInfo, LevelInfo, NotApplicable, RoleInfo};
use super::status::Targets;
use crate::model::{Id, Text};
use crate::tailor::ResolvedRole;
use std::sync::Arc;

/// The shared part of an assessment.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub framework: FrameworkInfo,
    pub role: Option<RoleInfo>,
    pub scale: Vec<LevelInfo>,
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
    /// named, by position) and through `crosswalk`.
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
                    indicators: competency
                        .indicators
                        .iter()
                        .zip(planned.map(|p| p.indicators.as_slice()).unwrap_or_default())
                        .map(|(resolved, planned)| IndicatorFrame {
                            id: planned.id.clone(),
                            text: resolved.indicator.text.clone(),
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
        let mut frame = Frame {
            framework: FrameworkInfo {
                name: plan.name.clone(),
                title: framework.title.clone(),
                context: framework.context.clone(),
                chain: framework.chain.clone(),
                crosswalk,
            },
            role: role.map(|r| RoleInfo {
                id: r.role.id.clone(),
                title: r.role.title.clone(),
            }),
            scale: framework
                .scale
                .iter()
                .map(|l| LevelInfo {
                    id: l.id.clone(),
                    title: l.title.clone(),
                })
                .collect(),
            domains,
            competencies,
            kinds,
            independent,
            store: GapStore::default(),
            engine: None,
        };
        frame.share_gaps(plan, targets);
        frame.engine = Some(engine);
        frame
    }

    /// Finds and words, once, the gaps of every targeted competency without evidence, for
    /// the two common prerequisite cases (all satisfied, none satisfied) and the one of a
    /// learner without evidence; any other mix is found per learner.
    fn share_gaps(&mut self, plan: &Plan, targets: &Targets) {
        let mut store = GapStore::default();
        let mut partial = targets.baseline.partial.iter().peekable();
        for (k, (competency, planned)) in self
            .competencies
            .iter_mut()
            .zip(&plan.competencies)
            .enumerate()
        {
            let k = Position::new(k);
            let baseline = partial.next_if(|(p, _)| *p == k).map(|(_, unmet)| unmet);
            let (Some(target), Some(_)) = (targets.rank(k), &competency.target) else {
                continue;
            };
            let with = |unmet: &[Position], store: &mut GapStore| {
                gaps::find(
                    &gaps::Context {
                        competency: planned,
                        evidence: &[],
                        indicators: &[],
                        noted: &[],
                        entries: &[],
                        items: &[],
                        target,
                        achieved: planned.unevidenced,
                        unmet_prerequisites: unmet,
                    },
                    store,
                )
            };
            let none = with(&[], &mut store);
            let all = with(&planned.requires, &mut store);
            let some = baseline.map_or_else(Span::default, |unmet| with(unmet, &mut store));
            competency.shared_gaps = [none, all, some];
        }
        self.store = store;
        let mut words = Vec::with_capacity(self.store.gaps.len());
        for competency in &self.competencies {
            for span in competency.shared_gaps {
                for data in span.of(&self.store.gaps) {
                    let lists = &self.store.lists;
                    let detail = gaps::detail(self, competency, &[], lists, data);
                    words.push(gaps::word(self, competency, lists, data, &detail));
                }
            }
        }
        self.store.words = words;
    }
}
