//! Assessing a record made against one framework with another, through a crosswalk
//! (DESIGN.md "Crosswalk"). A claim names a competency of the `from` framework; each link from
//! it gives a competency of the framework assessed against, and the claimed level is mapped
//! through the crosswalk's `levels`.
//!
//! `exact`, `broader` and `narrower` links count in full, as the linked competency at the
//! mapped level: the crosswalk's author has judged that the evidence carries across, and the
//! target's own sufficiency rule (weight, items, independence) still applies. `related` links
//! do not count; they are recorded in the ledger as `related` and shown beside the gaps.
//! Indicators named in a claim belong to the `from` competency and do not carry across.

use crate::model::{Crosswalk, Id, Relation};
use crate::tailor::ResolvedFramework;
use std::collections::HashMap;

/// A crosswalk prepared for assessment: links by `from` competency, and the level map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrosswalkView {
    name: String,
    from: String,
    links: HashMap<Id, Vec<(Id, Relation)>>,
    successors: HashMap<Id, Id>,
    levels: HashMap<Id, Id>,
    to_levels: Vec<Id>,
    lowest: Option<Id>,
}

impl CrosswalkView {
    /// Prepares `crosswalk` between the resolved frameworks it maps: `from`, the framework the
    /// evidence was recorded against, and `to`, the one assessed against.
    pub fn new(
        crosswalk: &Crosswalk,
        from: &ResolvedFramework,
        to: &ResolvedFramework,
    ) -> CrosswalkView {
        let mut links: HashMap<Id, Vec<(Id, Relation)>> = HashMap::new();
        for link in &crosswalk.links {
            let list = links.entry(link.from.clone()).or_default();
            for target in &link.to {
                if !list.iter().any(|(t, _)| t == target) {
                    list.push((target.clone(), link.relation));
                }
            }
        }
        let successors = from
            .competencies()
            .flat_map(|(_, c)| c.replaces.iter().map(|old| (old.clone(), c.id.clone())))
            .collect();
        CrosswalkView {
            name: format!("{}@{}", crosswalk.id, crosswalk.version),
            from: from.name(),
            links,
            successors,
            levels: crosswalk
                .levels
                .iter()
                .map(|(a, b)| (a.clone(), b.clone()))
                .collect(),
            to_levels: to.scale.iter().map(|l| l.id.clone()).collect(),
            lowest: from.scale.first().map(|l| l.id.clone()),
        }
    }

    /// The crosswalk, as `id@version`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The framework the evidence was recorded against, as `id@version`.
    pub fn from(&self) -> &str {
        &self.from
    }

    /// The linked competencies of the other framework for a `from` competency id (following
    /// `replaces` in the `from` framework), with how closely each matches.
    pub fn links(&self, from: &str) -> &[(Id, Relation)] {
        self.links
            .get(from)
            .or_else(|| {
                self.successors
                    .get(from)
                    .and_then(|s| self.links.get(s.as_str()))
            })
            .map_or(&[], Vec::as_slice)
    }

    /// The level of the other framework a claimed `from` level maps to (a claim without a
    /// level means the lowest `from` level). Without a level map, a level maps to the level
    /// with the same id.
    pub fn level(&self, claimed: Option<&Id>) -> Option<&Id> {
        let claimed = claimed.or(self.lowest.as_ref())?;
        if self.levels.is_empty() {
            return self.to_levels.iter().find(|l| *l == claimed);
        }
        self.levels.get(claimed.as_str())
    }
}
