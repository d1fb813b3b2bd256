//! The assessment as data: what reports render and JSON serialises. It borrows ids and titles
//! from the framework and the record rather than copying them, so assessing a cohort allocates
//! little per learner; render or serialise it before the record goes.

use super::gaps::Gap;
use super::ledger::LedgerEntry;
use super::status::Status;
use super::summary::Summary;
use crate::model::{Amount, Date, Id, Text};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::fmt;

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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<&'a Id>,
    /// What stands between it and `met`, when targeted and not met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap<'a>>,
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
