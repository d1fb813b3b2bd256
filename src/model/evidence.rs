use super::{Date, FrameworkRef, Id, Kind, Text};
use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// One learner's evidence (`kind: evidence`).
///
/// Evidence text may describe health and lived experience: the library identifies evidence by
/// id and location only and never copies `summary` into diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "competence evidence record")]
pub struct EvidenceRecord {
    /// Always `competence/1`.
    #[schemars(extend("const" = "competence/1"))]
    pub format: String,
    /// Always `evidence` here.
    pub kind: Kind,
    /// An opaque learner id; no names needed.
    pub learner: Id,
    /// The framework the evidence was gathered against: an id, optionally `@requirement`.
    pub framework: FrameworkRef,
    /// The evidence items.
    #[serde(default)]
    pub evidence: Vec<EvidenceItem>,
}

/// One piece of evidence and the competencies it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// Unique within the record.
    pub id: Id,
    /// A kind from the framework's policy.
    pub kind: Id,
    /// When it happened.
    pub date: Date,
    /// An opaque assessor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<Id>,
    /// Whether the item demonstrates what it claims.
    #[serde(default)]
    pub outcome: Outcome,
    /// A short description. Never copied into diagnostics or logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// A pointer to the artefact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
    /// What the item is evidence of.
    #[serde(default)]
    pub claims: Vec<Claim>,
}

/// The outcome of an evidence item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The item shows what it claims (default).
    #[default]
    Demonstrated,
    /// Assessed, and not yet there.
    NotYet,
}

/// A claim that an evidence item shows a competency, at a level, through indicators.
/// A bare id is shorthand for the lowest level with no indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The competency claimed.
    pub competency: Id,
    /// The level claimed; default: the lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// Indicators shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Id>,
}

/// A claim written out in full.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FullClaim")]
struct FullClaim {
    /// The competency claimed.
    competency: Id,
    /// The level claimed; default: the lowest.
    #[serde(default)]
    level: Option<Id>,
    /// Indicators shown.
    #[serde(default)]
    indicators: Vec<Id>,
}

impl JsonSchema for Claim {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Claim".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The shorthand `- peer-relationship` is a bare id; the long form is a map.
        let short = generator.subschema_for::<Id>();
        let full = generator.subschema_for::<FullClaim>();
        schemars::json_schema!({
            "description": "A competency id (shorthand: lowest level, no indicators) or a map with `competency`, `level` and `indicators`.",
            "anyOf": [short, full]
        })
    }
}

impl<'de> Deserialize<'de> for Claim {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Claim, D::Error> {
        struct ClaimVisitor;

        impl<'de> Visitor<'de> for ClaimVisitor {
            type Value = Claim;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a competency id or a map with `competency`")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Claim, E> {
                Ok(Claim {
                    competency: Id::new(id),
                    level: None,
                    indicators: Vec::new(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Claim, A::Error> {
                let full =
                    FullClaim::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Claim {
                    competency: full.competency,
                    level: full.level,
                    indicators: full.indicators,
                })
            }
        }

        deserializer.deserialize_any(ClaimVisitor)
    }
}
