use super::reference::{version_schema, version_serde};
use super::{FrameworkRef, Id, Kind, OrderedMap};
use schemars::JsonSchema;
use semver::Version;
use serde::{Deserialize, Serialize};

/// A mapping between two frameworks (`kind: crosswalk`), so evidence gathered against one can
/// count towards the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "competence crosswalk")]
pub struct Crosswalk {
    /// Always `competence/1`.
    #[schemars(extend("const" = "competence/1"))]
    pub format: String,
    /// Always `crosswalk` here.
    pub kind: Kind,
    /// The crosswalk's id.
    pub id: Id,
    /// Semver version.
    #[serde(with = "version_serde")]
    #[schemars(schema_with = "version_schema")]
    pub version: Version,
    /// The framework the evidence was gathered against.
    pub from: FrameworkRef,
    /// The framework it is assessed against.
    pub to: FrameworkRef,
    /// From-level id -> to-level id; needed when the scales differ; must keep order.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub levels: OrderedMap<Id>,
    /// Competency links.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// One link from a competency to competencies of the other framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// A competency id in the `from` framework.
    pub from: Id,
    /// Competency ids in the `to` framework.
    pub to: Vec<Id>,
    /// How closely they match.
    pub relation: Relation,
}

/// How closely two linked competencies match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Relation {
    /// Evidence carries across.
    Exact,
    /// The `from` competency is broader: evidence carries across.
    Broader,
    /// The `from` competency is narrower: evidence carries across.
    Narrower,
    /// Shown as related evidence, not counted.
    Related,
}
