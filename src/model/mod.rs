//! Plain data types for the three document kinds of format `competence/1`.
//!
//! These types mirror the YAML one to one (they are what `serde` fills in) and carry no
//! behaviour beyond parsing their scalars. Rules that relate one item to another live in
//! validation, which [`crate::load_str`] runs; resolution of tailorings lives in [`crate::tailor`].

mod crosswalk;
mod date;
mod evidence;
mod framework;
mod id;
mod item;
mod map;
mod provenance;
mod reference;
mod text;
mod weight;

pub use crosswalk::{Crosswalk, Link, Relation};
pub use date::{Date, DateError, Duration, DurationUnit};
pub use evidence::{
    AgreedPlan, Agreement, AssessorRole, Claim, EvidenceItem, EvidenceRecord, Outcome,
    UnknownAssessorRole, Voice,
};
pub use framework::{
    AddCompetency, AddIndicator, Amend, Competency, Domain, EvidenceKind, Exclude, Framework,
    Guidance, Indicator, Level, Policy, Role, RoleSubject, Source, Sufficiency, Tailoring, Value,
};
pub use id::{Id, InvalidId};
pub(crate) use item::{Domains, Item, ItemSort, Loc};
pub use map::OrderedMap;
pub use provenance::{Amendment, Exclusion, GuidanceNote, Provenance, ResolvedFrom};
pub use reference::{FrameworkRef, ReferenceError};
pub use text::Text;
pub use weight::{Amount, Weight};

use serde::{Deserialize, Serialize};

/// The only format this version of the library reads.
pub const FORMAT: &str = "competence/1";

/// The `kind:` of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// A competency framework, possibly tailoring another.
    Framework,
    /// One learner's evidence record.
    Evidence,
    /// A mapping between two frameworks.
    Crosswalk,
}

impl Kind {
    /// Every kind, in the order the CLI lists them.
    pub const ALL: [Kind; 3] = [Kind::Framework, Kind::Evidence, Kind::Crosswalk];

    /// The name used in `kind:` and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Framework => "framework",
            Kind::Evidence => "evidence",
            Kind::Crosswalk => "crosswalk",
        }
    }

    /// Parses the name used in `kind:`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One parsed document of any kind.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Document {
    /// `kind: framework`; shared (not copied) with the catalog it is added to.
    Framework(std::sync::Arc<Framework>),
    /// `kind: evidence`
    Evidence(Box<EvidenceRecord>),
    /// `kind: crosswalk`; shared (not copied) with the catalog it is added to.
    Crosswalk(std::sync::Arc<Crosswalk>),
}

impl Document {
    /// The document's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Document::Framework(_) => Kind::Framework,
            Document::Evidence(_) => Kind::Evidence,
            Document::Crosswalk(_) => Kind::Crosswalk,
        }
    }
}

/// Deserializes a string and parses it inside the visitor, so that the parser locates an error
/// at the value rather than at the enclosing mapping.
pub(crate) fn parse_str<'de, D, T, F>(
    deserializer: D,
    expecting: &'static str,
    parse: F,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    struct StrVisitor<F> {
        expecting: &'static str,
        parse: F,
    }
    impl<T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'_> for StrVisitor<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.parse)(text).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(StrVisitor { expecting, parse })
}
