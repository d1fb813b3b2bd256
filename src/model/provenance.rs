//! Provenance: where an item of a resolved framework came from along a tailoring chain. Held
//! by [`ResolvedFramework`](crate::tailor::ResolvedFramework)'s items, and written into the
//! `resolved` block of a resolved framework's file so that reading it back keeps it.

use super::{Id, OrderedMap, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where an item came from and what happened to it along a tailoring chain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The framework (`id@version`) that introduced the item.
    pub introduced_by: String,
    /// For a core item: the framework (`id@version`) whose `core: true`, on the item or on
    /// the domain or competency holding it, protects it. Tailorings after that one in the
    /// chain are bound by the guardrails for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_by: Option<String>,
    /// Amendments, base first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Local guidance, base first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<GuidanceNote>,
    /// Set when a tailoring excluded the item (directly or through its domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Exclusion>,
}

/// One amendment of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The framework (`id@version`) that made it.
    pub by: String,
    /// The fields it changed.
    pub fields: Vec<String>,
    /// Why.
    pub rationale: Text,
}

/// Local guidance on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuidanceNote {
    /// The framework (`id@version`) that gave it.
    pub by: String,
    /// The guidance.
    pub text: Text,
}

/// Why an item is not assessed here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The framework (`id@version`) that excluded it.
    pub by: String,
    /// Why.
    pub rationale: Text,
    /// The excluded domain or competency this item was excluded with, when not excluded itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Id>,
}

/// The `resolved` block of a framework written by `competence resolve`: the tailoring chain it
/// was resolved from, and the provenance of its items. With it, a resolved framework read back
/// resolves to what was written, provenance and exclusions included. Not written by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvedFrom {
    /// The chain, base first, as `id@version`; the last is this framework.
    pub chain: Vec<String>,
    /// Provenance by item id, for every item not simply introduced by the base (the first of
    /// the chain): added by a tailoring, amended, given guidance or excluded. Excluded items
    /// stay in the framework, marked here, so reports can say why they are not assessed.
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub provenance: OrderedMap<Provenance>,
}
