//! A cohort at a glance: each learner's status on every competency, collected one assessment
//! at a time while a cohort streams past, for the HTML heat map
//! ([`html::render_cohort`](super::html::render_cohort)).
//!
//! Memory grows with a small row per learner (an id, one byte per competency and three
//! numbers), never with whole assessments: add each assessment as it is made, then let it go.
//! The framework's competency list is copied once per distinct framework and role.

use crate::assess::{Assessment, Status};
use crate::model::{Date, Id, Text};
use std::collections::HashMap;

/// Learners' statuses, grouped by the framework and role they were assessed against.
#[derive(Debug, Clone, Default)]
pub struct Cohort {
    groups: Vec<CohortGroup>,
}

/// One learner's result, reduced to what the heat map shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortRow {
    /// The learner's opaque id.
    pub learner: Id,
    /// Status per competency, in framework order (as [`CohortGroup::competencies`]).
    pub statuses: Vec<Status>,
    /// Ready for the role.
    pub ready: bool,
    /// Targeted competencies met.
    pub met: u32,
    /// Targeted, applicable competencies.
    pub targeted: u32,
}

/// Learners assessed against the same framework, role, crosswalk and date: one heat map.
#[derive(Debug, Clone)]
pub struct CohortGroup {
    framework: String,
    title: Text,
    context: Option<Text>,
    crosswalk: Option<String>,
    role: Option<(Id, Text)>,
    as_of: Date,
    domains: Vec<CohortDomain>,
    rows: Vec<CohortRow>,
    /// Row position by learner, to replace a learner's earlier record.
    by_learner: HashMap<Id, usize>,
}

/// A domain of a group's framework: the heat map's row groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortDomain {
    /// Its id.
    pub id: Id,
    /// Its display code.
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// Its competencies, in framework order.
    pub competencies: Vec<CohortCompetency>,
}

/// A competency of a group's framework: one row of the heat map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortCompetency {
    /// Its id.
    pub id: Id,
    /// Its display code.
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
}

impl Cohort {
    /// An empty cohort.
    pub fn new() -> Cohort {
        Cohort::default()
    }

    /// Adds one learner's assessment. A learner already in the same group is replaced by this
    /// later record (keeping their column); the result says whether that happened.
    pub fn add(&mut self, assessment: &Assessment) -> bool {
        let row = CohortRow::of(assessment);
        let position = self.groups.iter().position(|g| g.holds(assessment));
        match position.and_then(|p| self.groups.get_mut(p)) {
            Some(group) => group.insert(row),
            None => {
                let mut group = CohortGroup::of(assessment);
                group.insert(row);
                self.groups.push(group);
                false
            }
        }
    }

    /// The groups, in the order their first learner was added.
    pub fn groups(&self) -> &[CohortGroup] {
        &self.groups
    }

    /// The number of learners (rows) over all groups.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    /// Whether no learner has been added.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.rows.is_empty())
    }
}

impl CohortRow {
    /// The row for one assessment.
    pub fn of(assessment: &Assessment) -> CohortRow {
        let s = assessment.summary();
        CohortRow {
            learner: assessment.learner().clone(),
            statuses: assessment.competencies().map(|c| c.status).collect(),
            ready: s.ready,
            met: s.coverage.met,
            targeted: s.coverage.targeted,
        }
    }
}

impl CohortGroup {
    fn of(a: &Assessment) -> CohortGroup {
        let domains = a
            .domains()
            .map(|d| CohortDomain {
                id: d.id.clone(),
                code: d.code.cloned(),
                title: d.title.clone(),
                competencies: d
                    .competencies
                    .iter()
                    .map(|c| CohortCompetency {
                        id: c.id.clone(),
                        code: c.code.cloned(),
                        title: c.title.clone(),
                    })
                    .collect(),
            })
            .collect();
        CohortGroup {
            framework: a.framework().name.clone(),
            title: a.framework().title.clone(),
            context: a.framework().context.clone(),
            crosswalk: a.framework().crosswalk.as_ref().map(|x| x.name.clone()),
            role: a.role().map(|r| (r.id.clone(), r.title.clone())),
            as_of: a.as_of(),
            domains,
            rows: Vec::new(),
            by_learner: HashMap::new(),
        }
    }

    /// Whether `a` belongs here: same framework, role, crosswalk, date and competencies.
    fn holds(&self, a: &Assessment) -> bool {
        self.framework == a.framework().name
            && self.role.as_ref().map(|r| &r.0) == a.role().map(|r| &r.id)
            && self.crosswalk.as_deref()
                == a.framework().crosswalk.as_ref().map(|x| x.name.as_str())
            && self.as_of == a.as_of()
            && self
                .competencies()
                .map(|c| &c.id)
                .eq(a.competencies().map(|c| c.id))
    }

    /// Adds or replaces the learner's row; true when it replaced one.
    fn insert(&mut self, row: CohortRow) -> bool {
        if let Some(slot) = self
            .by_learner
            .get(&row.learner)
            .and_then(|&n| self.rows.get_mut(n))
        {
            *slot = row;
            return true;
        }
        self.by_learner.insert(row.learner.clone(), self.rows.len());
        self.rows.push(row);
        false
    }

    /// The framework, `id@version`.
    pub fn framework(&self) -> &str {
        &self.framework
    }

    /// The framework's title.
    pub fn title(&self) -> &Text {
        &self.title
    }

    /// Where and for whom a tailoring applies.
    pub fn context(&self) -> Option<&Text> {
        self.context.as_ref()
    }

    /// The crosswalk the records were read through, `id@version`.
    pub fn crosswalk(&self) -> Option<&str> {
        self.crosswalk.as_deref()
    }

    /// The role's id and title, when one was chosen.
    pub fn role(&self) -> Option<(&Id, &Text)> {
        self.role.as_ref().map(|(id, title)| (id, title))
    }

    /// The date the assessments hold on.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The framework's domains, in framework order.
    pub fn domains(&self) -> &[CohortDomain] {
        &self.domains
    }

    /// Every competency, in framework order (the order of [`CohortRow::statuses`]).
    pub fn competencies(&self) -> impl Iterator<Item = &CohortCompetency> {
        self.domains.iter().flat_map(|d| d.competencies.iter())
    }

    /// One row per learner, in the order they were first added.
    pub fn rows(&self) -> &[CohortRow] {
        &self.rows
    }

    /// How many learners are ready for the role.
    pub fn ready(&self) -> usize {
        self.rows.iter().filter(|r| r.ready).count()
    }
}
