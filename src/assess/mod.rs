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
//! let assessment = Assessor::new(&resolved).role("worker").as_of(as_of).assess(&record).unwrap();
//! assert!(assessment.ready());
//! ```

mod claims;
mod crosswalk;
mod gaps;
mod ledger;
mod levels;
mod plan;
mod result;
mod status;
mod summary;

pub use claims::validate_claims;
pub use crosswalk::CrosswalkView;
pub use gaps::{Gap, GapDetail, Gaps, MissingIndicator};
pub use ledger::{Disposition, LedgerEntry};
pub use result::{
    Assessment, CompetencyAssessment, CrosswalkInfo, DomainAssessment, FrameworkInfo, LevelInfo,
    NotApplicable, RoleInfo, Total,
};
pub use status::Status;
pub use summary::{Coverage, Summary};

use crate::model::{Date, EvidenceRecord, Id};
use crate::tailor::{ResolvedFramework, ResolvedRole};
use plan::Plan;

/// What stops an assessment from running.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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

fn list(ids: &[Id]) -> String {
    if ids.is_empty() {
        return "(none)".to_owned();
    }
    ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")
}

/// Assesses evidence records against one resolved framework, role and date. Build it once and
/// call [`Assessor::assess`] for each learner of a cohort: the framework is prepared once.
#[derive(Debug, Clone)]
pub struct Assessor<'f> {
    plan: Plan<'f>,
    role: Result<Option<&'f ResolvedRole>, AssessError>,
    /// Target rank per competency, in plan order.
    targets: Vec<Option<usize>>,
    /// Target level per competency as the role names it (it may be off the scale, which
    /// validation reports; the report still shows what was asked, out of reach).
    target_levels: Vec<Option<&'f Id>>,
    as_of: Option<Date>,
    /// The gaps of competencies without evidence, for this role (prepared once).
    unevidenced: gaps::Unevidenced<'f>,
    /// Read claims through this crosswalk (the record was made against its `from`).
    via: Option<&'f CrosswalkView>,
}

impl<'f> Assessor<'f> {
    /// An assessor for `framework`, with no role (everything is reported as not targeted).
    pub fn new(framework: &'f ResolvedFramework) -> Assessor<'f> {
        let plan = Plan::new(framework);
        let targets = vec![None; plan.competencies.len()];
        Assessor {
            target_levels: vec![None; plan.competencies.len()],
            plan,
            role: Ok(None),
            targets,
            as_of: None,
            unevidenced: gaps::Unevidenced::default(),
            via: None,
        }
    }

    /// Reads every claim through `crosswalk`: for records made against the crosswalk's `from`
    /// framework, assessed against this one. Claims count as the linked competencies
    /// (`crosswalked` in the ledger) at the mapped level; `related` links do not count and
    /// are listed as related evidence beside the gaps.
    pub fn via(mut self, crosswalk: &'f CrosswalkView) -> Assessor<'f> {
        self.via = Some(crosswalk);
        self
    }

    /// Assesses for `role`. An unknown role makes [`Assessor::assess`] fail with
    /// [`AssessError::UnknownRole`].
    pub fn role(mut self, role: &str) -> Assessor<'f> {
        let framework = self.plan.framework;
        let (Some(found), Some(targets)) = (framework.role(role), framework.role_targets(role))
        else {
            self.role = Err(AssessError::UnknownRole {
                role: role.to_owned(),
                framework: framework.name(),
                available: framework.roles.iter().map(|r| r.role.id.clone()).collect(),
            });
            return self;
        };
        self.role = Ok(Some(found));
        // A target level not on the scale (validation reports it) is out of reach.
        let unreachable = self.plan.levels();
        self.target_levels = self
            .plan
            .competencies
            .iter()
            .map(|c| {
                targets
                    .get(c.competency.id.as_str())
                    .and_then(|level| level_in(framework, level))
            })
            .collect();
        self.targets = self
            .target_levels
            .iter()
            .map(|level| {
                level
                    .as_ref()
                    .map(|l| framework.level_rank(l.as_str()).unwrap_or(unreachable))
            })
            .collect();
        self.unevidenced = gaps::Unevidenced::new(&self.plan, &self.targets, &self.target_levels);
        self
    }

    /// The date the assessment holds on: evidence after it is future-dated, and expiry is
    /// measured to it.
    pub fn as_of(mut self, date: Date) -> Assessor<'f> {
        self.as_of = Some(date);
        self
    }

    /// Assesses one learner's record.
    pub fn assess<'a>(&self, record: &'a EvidenceRecord) -> Result<Assessment<'a>, AssessError>
    where
        'f: 'a,
    {
        let role = self.role.clone()?;
        let as_of = self.as_of.ok_or(AssessError::NoDate)?;
        let plan = &self.plan;
        let ledger = ledger::build(plan, record, as_of, self.via);
        let run = result::Run {
            plan,
            unevidenced: &self.unevidenced,
            targets: &self.targets,
            target_levels: &self.target_levels,
            role,
            as_of,
            crosswalk: self.via.map(|v| CrosswalkInfo {
                name: v.name(),
                from: v.from(),
            }),
        };
        Ok(result::assemble(&run, record, ledger))
    }
}

/// The framework's own copy of a level id, so the report can borrow it: the scale's, or for a
/// level off the scale (validation reports it) the role target that names it.
fn level_in<'f>(framework: &'f ResolvedFramework, level: &Id) -> Option<&'f Id> {
    framework
        .scale
        .iter()
        .map(|l| &l.id)
        .find(|id| *id == level)
        .or_else(|| {
            framework
                .roles
                .iter()
                .flat_map(|r| r.role.targets.iter().map(|(_, l)| l))
                .find(|id| *id == level)
        })
}
