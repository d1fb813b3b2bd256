//! The cohort line: one learner's assessment as one compact JSON line, for JSON Lines output
//! of cohorts (`competence assess cohort.jsonl`).
//!
//! A full report ([`json`](super::json)) repeats, for every learner, what the framework and
//! the role already say: titles, indicator texts, the gaps of every competency without
//! evidence and every next step in words. Over 300 competencies that is some 360 KB per
//! learner, about 40 times the evidence it was made from. The cohort line keeps what is the
//! learner's own and names everything else by id:
//!
//! - `learner`, `framework` (`id@version`), `crosswalk` (when the claims were read through
//!   one), `role` (its id), `as_of` and the `summary`, as in the full report;
//! - `competencies`: every competency with a result of its own (counted evidence; or, when
//!   targeted, gaps of its own: expired, not-yet or related evidence, or prerequisites met in
//!   a mix no learner without evidence has), and any other that is met, blocked or partial,
//!   in framework order, each with its
//!   `status`, `achieved` level, counted `evidence`, `related_evidence` and `gaps` as data
//!   (codes, numbers and ids as in the full report, but indicators by id only, no list of
//!   the independent kinds, which the policy gives, and no next step in words);
//! - `ledger`: every claim and what became of it, entry for entry as in the full report, so
//!   every piece of evidence is accounted for and every number above can be traced to it.
//!
//! A competency that is not listed has nothing of this learner's (only claims that did not
//! count may name it in the ledger): its status is the one of a learner without evidence
//! (`missing` when the role targets it, else `not-targeted`, or `not-applicable` when a
//! tailoring excludes it), and its gaps are those every learner without evidence has.
//! The full report of one learner (`competence assess` on that record, or `-o DIR`) words all
//! of it; the framework (`competence resolve ID@VERSION`) has every title and text.
//!
//! The line's JSON Schema is part of the report's (`competence schema report`: a report is a
//! full report or a cohort line).

use crate::assess::{
    Assessment, CompetencyAssessment, GapDetail, LedgerEntryShape, Status, Summary, Total,
};
use crate::model::{AssessorRole, Date, Id};
use schemars::JsonSchema;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io;

/// Writes `assessment` as one cohort line, with a trailing newline, straight to `out`. Pass
/// a buffered writer; the line is written as it is serialised, with no intermediate string.
///
/// ```
/// # use competence::assess::Assessment;
/// # fn demo(assessment: &Assessment) -> std::io::Result<()> {
/// let mut out = Vec::new();
/// competence::report::line::write(&mut out, assessment)?;
/// let line: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(line["learner"], assessment.learner().as_str());
/// # Ok(()) }
/// ```
pub fn write<W: io::Write>(mut out: W, assessment: &Assessment) -> io::Result<()> {
    serde_json::to_writer(&mut out, &Line(assessment))?;
    out.write_all(b"\n")
}

/// The cohort line of `assessment`, with a trailing newline.
pub fn render(assessment: &Assessment) -> String {
    super::to_string(16 * 1024, |bytes| write(bytes, assessment))
}

/// Whether a competency is listed on the line: it has a result of its own, or a status
/// that only evidence (or a rule that asks for none) gives.
fn listed(assessment: &Assessment, k: usize) -> bool {
    assessment.cells.get(k).is_some_and(|cell| {
        cell.source == crate::assess::Source::Own
            || matches!(cell.status, Status::Met | Status::Blocked | Status::Partial)
    })
}

struct Line<'a>(&'a Assessment);

impl Serialize for Line<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let framework = a.framework();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("learner", a.learner())?;
        map.serialize_entry("framework", &framework.name)?;
        if let Some(crosswalk) = &framework.crosswalk {
            map.serialize_entry("crosswalk", &crosswalk.name)?;
        }
        if let Some(role) = a.role() {
            map.serialize_entry("role", &role.id)?;
        }
        map.serialize_entry("as_of", &a.as_of())?;
        map.serialize_entry("summary", a.summary())?;
        map.serialize_entry("competencies", &Competencies(a))?;
        map.serialize_entry("ledger", &Ledger(a))?;
        map.end()
    }
}

struct Competencies<'a>(&'a Assessment);

impl Serialize for Competencies<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        for (k, c) in a.frame.competencies.iter().enumerate() {
            if listed(a, k) {
                seq.serialize_element(&Competency(a.competency_at(k, c)))?;
            }
        }
        seq.end()
    }
}

struct Competency<'a>(CompetencyAssessment<'a>);

impl Serialize for Competency<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = &self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", c.id)?;
        map.serialize_entry("status", &c.status)?;
        if let Some(achieved) = c.achieved {
            map.serialize_entry("achieved", achieved)?;
        }
        if !c.evidence.is_empty() {
            map.serialize_entry("evidence", &c.evidence)?;
        }
        if !c.gaps.is_empty() {
            map.serialize_entry("gaps", &Gaps(c.gaps))?;
        }
        if !c.related_evidence.is_empty() {
            map.serialize_entry("related_evidence", &c.related_evidence)?;
        }
        map.end()
    }
}

struct Gaps<'a>(crate::assess::Gaps<'a>);

impl Serialize for Gaps<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.details().map(Gap))
    }
}

struct Gap<'a>(GapDetail<'a>);

impl Serialize for Gap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.0 {
            GapDetail::Level { achieved, target } => {
                map.serialize_entry("code", "level")?;
                map.serialize_entry("achieved", achieved)?;
                map.serialize_entry("target", target)?;
            }
            GapDetail::Weight { have, need, short } => {
                map.serialize_entry("code", "weight")?;
                map.serialize_entry("have", have)?;
                map.serialize_entry("need", need)?;
                map.serialize_entry("short", short)?;
            }
            GapDetail::Items { have, need, short } => {
                map.serialize_entry("code", "items")?;
                map.serialize_entry("have", have)?;
                map.serialize_entry("need", need)?;
                map.serialize_entry("short", short)?;
            }
            GapDetail::Independent { .. } => {
                map.serialize_entry("code", "independent")?;
            }
            GapDetail::Assessor { roles } => {
                map.serialize_entry("code", "assessor")?;
                map.serialize_entry("roles", roles)?;
            }
            GapDetail::Indicators { missing, required } => {
                map.serialize_entry("code", "indicators")?;
                map.serialize_entry("missing", &IndicatorIds(*missing))?;
                map.serialize_entry("required", required)?;
            }
            GapDetail::Expired { evidence } => {
                map.serialize_entry("code", "expired")?;
                map.serialize_entry("evidence", evidence)?;
            }
            GapDetail::Prerequisites { competencies } => {
                map.serialize_entry("code", "prerequisites")?;
                map.serialize_entry("competencies", competencies)?;
            }
            GapDetail::NotYet { evidence, date } => {
                map.serialize_entry("code", "not-yet")?;
                map.serialize_entry("evidence", evidence)?;
                map.serialize_entry("date", date)?;
            }
        }
        map.end()
    }
}

struct IndicatorIds<'a>(crate::assess::MissingIndicators<'a>);

impl Serialize for IndicatorIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|m| m.id))
    }
}

struct Ledger<'a>(&'a Assessment);

impl Serialize for Ledger<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.ledger())
    }
}

// The line's shape for its JSON Schema. Field and type names, and doc comments, make the
// committed schema; the tests check every line written against it.

/// One learner's assessment on one line, for cohorts: the learner's own results by id and
/// number; what the framework and role say (titles, texts, next steps in words) is left to
/// the framework and the full report. Competencies not listed have no evidence of this
/// learner's and the result of a learner without evidence.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct CohortLine {
    /// The learner's opaque id.
    learner: Id,
    /// The framework assessed against, `id@version`.
    framework: String,
    /// The crosswalk the record's claims were read through, `id@version`, when it was made
    /// against another framework.
    #[serde(default)]
    crosswalk: Option<String>,
    /// The role assessed for, by id; absent when none was given.
    #[serde(default)]
    role: Option<Id>,
    /// The date the assessment holds on.
    as_of: Date,
    /// Counts, coverage and readiness over the whole framework.
    summary: Summary,
    /// The competencies with evidence of this learner's, or met, blocked or partial, in
    /// framework order.
    competencies: Vec<LineCompetency>,
    /// Every claim and what became of it, in input order.
    ledger: Vec<LedgerEntryShape>,
}

/// One competency's result on a cohort line.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct LineCompetency {
    /// Its id.
    id: Id,
    /// Where it stands for the role.
    status: Status,
    /// The highest level demonstrated.
    #[serde(default)]
    achieved: Option<Id>,
    /// The items that counted towards it, by date then id.
    #[serde(default)]
    evidence: Vec<Id>,
    /// What stands between it and `met`, as data (the full report words each as a next
    /// step).
    #[serde(default)]
    gaps: Vec<LineGap>,
    /// With gaps: evidence items linked to it through a crosswalk only as `related`.
    #[serde(default)]
    related_evidence: Vec<Id>,
}

/// One reason a targeted competency is not met yet, as data.
#[derive(JsonSchema)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[allow(dead_code)]
enum LineGap {
    /// The level reached so far is below the target.
    Level {
        /// The level demonstrated so far, if any.
        achieved: Option<Id>,
        /// The level the role asks for.
        target: Id,
    },
    /// The evidence at the target level weighs less than the rule asks.
    Weight {
        /// Total weight at the target level or above.
        have: Total,
        /// What the rule asks for.
        need: Total,
        /// The difference.
        short: Total,
    },
    /// Fewer items at the target level than the rule asks.
    Items {
        /// Items at the target level or above.
        have: u32,
        /// What the rule asks for.
        need: u32,
        /// The difference.
        short: u32,
    },
    /// No item at the target level comes from an independent source (the framework's
    /// policy says which kinds are).
    Independent,
    /// No item at the target level was assessed by someone in one of the roles the policy
    /// asks for.
    Assessor {
        /// The roles, in the vocabulary's order.
        roles: Vec<AssessorRole>,
    },
    /// Indicators expected up to the target level that no evidence names yet.
    Indicators {
        /// The indicators' ids, in framework order (their texts and levels are the
        /// framework's).
        missing: Vec<Id>,
        /// Whether the policy requires every one of them.
        required: bool,
    },
    /// Evidence at the target level that has expired and would count if renewed.
    Expired {
        /// The items, by date then id.
        evidence: Vec<Id>,
    },
    /// Prerequisites that are not met yet.
    Prerequisites {
        /// The competencies, in framework order.
        competencies: Vec<Id>,
    },
    /// The most recent evidence recorded as `not-yet`, for context.
    NotYet {
        /// The item's id.
        evidence: Id,
        /// Its date.
        date: Date,
    },
}
