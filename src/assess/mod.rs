//! Assessment: evidence claims to a ledger, levels, role status, gaps and summaries, exactly
//! as DESIGN.md "Assessment" lays out. No clock, no I/O: the date is the caller's.
//!
//! ```
//! use competence::assess::Assessor;
//! use competence::model::{Date, EvidenceRecord, Framework};
//! use competence::tailor::ResolvedFramework;
//!
//! let framework: Framework = serde_json::from_str(r#"{
//!   "format": "competence/1", "kind": "framework", "id": "demo", "version": "1.0.0",
//!   "title": "Demo",
//!   "domains": [{ "id": "relational", "title": "Relational",
//!     "competencies": [{ "id": "listening", "title": "Listening" }] }],
//!   "roles": [{ "id": "worker", "title": "Worker", "targets": { "relational": "met" } }],
//!   "assessment": { "evidence": { "observation": { "weight": 1.0, "independent": true } } }
//! }"#).unwrap();
//! let record: EvidenceRecord = serde_json::from_str(r#"{
//!   "format": "competence/1", "kind": "evidence", "learner": "L-1", "framework": "demo",
//!   "evidence": [{ "id": "obs-1", "kind": "observation", "date": "2026-03-14",
//!                  "claims": ["listening"] }]
//! }"#).unwrap();
//! let resolved = ResolvedFramework::from_framework(&framework);
//! let as_of: Date = "2026-11-27".parse().unwrap();
//! let assessment = Assessor::new(resolved).role("worker").as_of(as_of).assess(&record).unwrap();
//! assert!(assessment.ready());
//!
//! // The assessment is owned: keep it, send it, store its report and read it back.
//! drop(record);
//! let listening = assessment.competency("listening").unwrap();
//! assert_eq!(listening.status, competence::assess::Status::Met);
//! let json = competence::report::json::render(&assessment);
//! let read: competence::assess::Assessment = serde_json::from_str(&json).unwrap();
//! assert_eq!(read, assessment);
//! ```
//!
//! An [`Assessor`] is built once per framework, role and date and kept (it is `Clone + Send +
//! Sync`); each [`Assessment`] owns its data and is read through borrowed views
//! ([`DomainAssessment`], [`CompetencyAssessment`], [`LedgerEntry`], [`Gap`]).

mod choose;
mod claims;
mod crosswalk;
mod frame;
mod gap;
mod gaps;
mod ledger;
mod levels;
mod organisation;
mod plan;
mod position;
mod read;
pub(crate) use read::LedgerEntry as LedgerEntryShape;
mod result;
mod scratch;
mod status;
mod summary;
mod view;

pub use choose::{Assessors, ChooseError, assess_organisation, assessor_for};
pub use claims::validate_claims;
pub use crosswalk::CrosswalkView;
pub use frame::{CrosswalkInfo, FrameworkInfo, LevelInfo, NotApplicable, RoleInfo, ValueInfo};
pub use gaps::{AssessorRoles, Gap, GapDetail, Gaps, MissingIndicator, MissingIndicators};
pub use ledger::Disposition;
pub use organisation::{OrganisationArea, OrganisationContext};
pub use result::{Assessment, CompetencyAssessment, CompetencyList, DomainAssessment, LedgerEntry};
pub(crate) use status::Source;
pub use status::Status;
pub use summary::{Coverage, Summary};
pub use view::{IdList, Total};

use crate::model::{Date, EvidenceRecord, Id};
use crate::tailor::ResolvedFramework;
use frame::{Engine, Frame};
use plan::Plan;
use position::LevelRank;
#[cfg(test)]
use position::Position;
use status::Targets;
use std::sync::{Arc, OnceLock};

/// What stops an assessment from running.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssessError {
    /// The role is not in the framework.
    #[error("the framework {framework} has no role `{role}`; its roles are: {}", list(.available))]
    UnknownRole {
        /// The role asked for.
        role: String,
        /// The framework (`id@version`).
        framework: String,
        /// The roles it has, in framework order.
        available: Vec<Id>,
    },
    /// No `as_of` date was given: the library never reads the clock.
    #[error("no assessment date: call `as_of` (the library never reads the clock)")]
    NoDate,
}

/// Empties a per-thread scratch buffer that grew beyond `keep` entries and gives back most of
/// its memory, so one huge record does not pin memory for the rest of a cohort.
fn trim_buffer<T>(v: &mut Vec<T>, keep: usize) {
    if v.capacity() > keep {
        v.clear();
        v.shrink_to(keep / 16);
    }
}

fn list(ids: &[Id]) -> String {
    if ids.is_empty() {
        return "(none)".to_owned();
    }
    ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")
}

/// Assesses evidence records against one resolved framework, role and date.
///
/// Build it once and keep it: it owns what it prepared from the framework and shares the
/// framework itself through an `Arc`, so it is `Clone + Send + Sync + 'static` and can sit in
/// a server's state and be used from many threads at once. Cloning it is cheap (reference
/// counts). Each [`Assessor::assess`] returns an owned [`Assessment`].
///
/// ```
/// use competence::assess::Assessor;
/// fn shareable<T: Clone + Send + Sync + 'static>() {}
/// shareable::<Assessor>();
/// ```
#[derive(Debug, Clone)]
pub struct Assessor {
    plan: Arc<Plan>,
    targets: Arc<Targets>,
    frame: Arc<Frame>,
    /// Read claims through this crosswalk (the record was made against its `from`).
    via: Option<Arc<CrosswalkView>>,
    as_of: Option<Date>,
    /// Set when `role` named a role the framework lacks.
    error: Option<AssessError>,
}

impl Assessor {
    /// An assessor for `framework` (a [`ResolvedFramework`], or an `Arc` of one to share it
    /// with the rest of a program), with no role: everything is reported as not targeted.
    pub fn new(framework: impl Into<Arc<ResolvedFramework>>) -> Assessor {
        let mut plan = Plan::new(framework.into());
        levels::prepare(&mut plan);
        let plan = Arc::new(plan);
        let n = plan.competencies.len();
        let targets = Arc::new(Targets::new(&plan, vec![None; n]));
        let mut frame = Frame::new(
            Engine {
                plan: Arc::clone(&plan),
                targets: Arc::clone(&targets),
            },
            None,
            &vec![None; n],
            None,
        );
        gaps::share(&mut frame, &plan, &targets);
        Assessor {
            plan,
            targets,
            frame: Arc::new(frame),
            via: None,
            as_of: None,
            error: None,
        }
    }

    /// The framework assessed against.
    pub fn framework(&self) -> &Arc<ResolvedFramework> {
        &self.plan.framework
    }

    /// Reads every claim through `crosswalk`: for records made against the crosswalk's `from`
    /// framework, assessed against this one. Claims count as the linked competencies
    /// (`crosswalked` in the ledger) at the mapped level; `related` links do not count and
    /// are listed as related evidence beside the gaps.
    pub fn via(mut self, crosswalk: impl Into<Arc<CrosswalkView>>) -> Assessor {
        let crosswalk = crosswalk.into();
        Arc::make_mut(&mut self.frame).framework.crosswalk = Some(CrosswalkInfo {
            name: crosswalk.name().to_owned(),
            from: crosswalk.from().to_owned(),
        });
        self.via = Some(crosswalk);
        self
    }

    /// Assesses for `role`. An unknown role makes [`Assessor::assess`] fail with
    /// [`AssessError::UnknownRole`].
    pub fn role(mut self, role: &str) -> Assessor {
        let framework = &self.plan.framework;
        let (Some(found), Some(targets)) = (framework.role(role), framework.role_targets(role))
        else {
            self.error = Some(AssessError::UnknownRole {
                role: role.to_owned(),
                framework: framework.name(),
                available: framework.roles.iter().map(|r| r.id.clone()).collect(),
            });
            return self;
        };
        self.error = None;
        // A target level not on the scale (validation reports it) is out of reach.
        let unreachable = LevelRank::new(self.plan.levels());
        let names: Vec<Option<Id>> = framework
            .competencies()
            .map(|(_, c)| targets.get(c.id.as_str()).cloned())
            .collect();
        let ranks = names
            .iter()
            .map(|level| {
                level
                    .as_ref()
                    .map(|l| self.plan.level(l.as_str()).unwrap_or(unreachable))
            })
            .collect();
        let targets = Arc::new(Targets::new(&self.plan, ranks));
        let crosswalk = self.frame.framework.crosswalk.clone();
        let engine = Engine {
            plan: Arc::clone(&self.plan),
            targets: Arc::clone(&targets),
        };
        let mut frame = Frame::new(engine, Some(found), &names, crosswalk);
        gaps::share(&mut frame, &self.plan, &targets);
        self.frame = Arc::new(frame);
        self.targets = targets;
        self
    }

    /// The date the assessment holds on: evidence after it is future-dated, and expiry is
    /// measured to it.
    pub fn as_of(mut self, date: Date) -> Assessor {
        self.as_of = Some(date);
        self
    }

    /// Assesses one learner's record, in the five steps of DESIGN.md "Assessment".
    pub fn assess(&self, record: &EvidenceRecord) -> Result<Assessment, AssessError> {
        self.assess_with(record, false)
    }

    /// [`Assessor::assess`]; with `everything`, every competency is worked out again in step
    /// 3 rather than only those the evidence can change (for tests).
    fn assess_with(
        &self,
        record: &EvidenceRecord,
        everything: bool,
    ) -> Result<Assessment, AssessError> {
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        let as_of = self.as_of.ok_or(AssessError::NoDate)?;
        let plan = &*self.plan;
        let targets = &*self.targets;
        let (ledger, cells, own) = scratch::with(|scratch| {
            // 1. Ledger: every claim gets one disposition.
            let mut ledger = ledger::build(
                plan,
                record,
                as_of,
                self.via.as_deref(),
                &mut scratch.ledger,
            );
            // 2. Levels: the achieved level of each competency with counted evidence.
            let levels = levels::score(
                plan,
                &ledger.entries,
                &ledger.items,
                &mut ledger.indicators,
                &mut scratch.levels,
            );
            // 3. Role status, prerequisites included.
            let noted = &scratch.ledger.noted;
            let standing = status::decide(
                plan,
                targets,
                &levels,
                noted,
                &mut scratch.status,
                everything,
            );
            // 4. Gaps: where each competency's are (the frame's shared ones, or its own,
            // which are found from the ledger when first read).
            let (cells, own) = gaps::locate(
                plan,
                targets,
                &self.frame,
                &levels,
                noted,
                standing,
                &mut scratch.status,
            );
            levels.give_back(&mut scratch.levels);
            (ledger, cells, own)
        });
        // 5. Summary over the whole framework (each domain's is counted when read).
        let summary = Summary::of(cells.iter().map(|c| c.status), self.frame.role.is_some());
        Ok(Assessment {
            frame: Arc::clone(&self.frame),
            learner: record.learner.clone(),
            as_of,
            summary,
            items: ledger.items,
            ledger: ledger.entries,
            names: ledger.names,
            indicators: ledger.indicators,
            cells,
            own,
            details: OnceLock::new(),
            voice: record
                .voice
                .as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| Arc::new(v.clone())),
            organisation: None,
        })
    }
}

#[cfg(test)]
mod incremental_tests;

#[cfg(test)]
mod owned_tests {
    use super::*;

    fn shareable<T: Clone + Send + Sync + 'static>() {}

    #[test]
    fn assessors_and_assessments_can_be_kept_and_shared() {
        shareable::<Assessor>();
        shareable::<Assessment>();
        shareable::<CrosswalkView>();
    }

    #[test]
    fn positions_are_plain_indices() {
        assert_eq!(Position::new(7).index(), 7);
        assert!(LevelRank::new(1) > LevelRank::LOWEST);
    }
}
