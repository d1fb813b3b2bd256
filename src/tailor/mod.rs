//! Tailoring: resolving a chain of frameworks that extend frameworks into one
//! [`ResolvedFramework`], with guardrails for core items and provenance on every item.

mod resolved;

pub use resolved::{
    Amendment, Exclusion, GuidanceNote, Provenance, ResolvedCompetency, ResolvedDomain,
    ResolvedFramework, ResolvedIndicator, ResolvedRole, ResolvedValue,
};
