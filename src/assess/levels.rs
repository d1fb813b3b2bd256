//! Step 2 of DESIGN.md "Assessment": the level each competency is demonstrated at.

use super::ledger::Ledger;
use super::plan::{CompetencyPlan, Plan};

/// One evidence item's contribution to one competency: once, at the highest level it claims
/// there, with the union of the indicators it names there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contribution {
    /// The item's position in the record.
    pub item: usize,
    pub rank: usize,
    pub weight: u64,
    pub independent: bool,
    /// Sorted positions of indicators.
    pub indicators: Vec<usize>,
}

/// How the evidence stands against the rule at one level: the numbers the gaps report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct LevelCheck {
    /// Total weight of S(i), in thousandths.
    pub weight: u64,
    /// Number of items in S(i).
    pub items: u32,
    /// Whether S(i) has an item of an independent kind.
    pub independent: bool,
    /// Indicators expected at or below the level that no item claiming at least the
    /// indicator's level names (only when the rule requires indicators).
    pub missing_indicators: Vec<usize>,
}

impl LevelCheck {
    /// Whether the level is demonstrated under `competency`'s rule.
    pub fn demonstrated(&self, competency: &CompetencyPlan<'_>) -> bool {
        let rule = &competency.rule;
        self.weight >= rule.min_weight
            && self.items >= rule.min_items
            && (!rule.require_independent || self.independent)
            && self.missing_indicators.is_empty()
    }
}

/// Groups counted claims by competency and item.
pub(crate) fn contributions(plan: &Plan<'_>, ledger: &Ledger<'_>) -> Vec<Vec<Contribution>> {
    let mut by_competency: Vec<Vec<Contribution>> = vec![Vec::new(); plan.competencies.len()];
    for (entry, facts) in ledger.entries.iter().zip(&ledger.facts) {
        if !entry.disposition.counts() {
            continue;
        }
        let (Some(k), Some(rank)) = (facts.competency, facts.rank) else {
            continue;
        };
        let Some(list) = by_competency.get_mut(k) else {
            continue;
        };
        match list.iter_mut().find(|c| c.item == entry.item) {
            Some(existing) => {
                existing.rank = existing.rank.max(rank);
                existing.indicators.extend_from_slice(&facts.indicators);
                existing.indicators.sort_unstable();
                existing.indicators.dedup();
            }
            None => list.push(Contribution {
                item: entry.item,
                rank,
                weight: facts.weight,
                independent: facts.independent,
                indicators: facts.indicators.clone(),
            }),
        }
    }
    by_competency
}

/// The evidence measured against level `rank`.
pub(crate) fn check(
    competency: &CompetencyPlan<'_>,
    evidence: &[Contribution],
    rank: usize,
) -> LevelCheck {
    let mut result = LevelCheck::default();
    for c in evidence.iter().filter(|c| c.rank >= rank) {
        result.weight += c.weight;
        result.items += 1;
        result.independent |= c.independent;
    }
    if competency.rule.require_indicators {
        for (i, indicator) in competency.indicators.iter().enumerate() {
            if indicator.excluded || indicator.rank > rank {
                continue;
            }
            let named = evidence
                .iter()
                .any(|c| c.rank >= indicator.rank && c.indicators.binary_search(&i).is_ok());
            if !named {
                result.missing_indicators.push(i);
            }
        }
    }
    result
}

/// The highest demonstrated level, as a rank. Levels are checked from the lowest up and the
/// first failure stops the climb: every condition only gets harder as the level rises (S(i)
/// shrinks, the expected indicators grow), so this is the highest demonstrated level, and a
/// framework cannot show a higher level "demonstrated" above a gap.
pub(crate) fn achieved(
    competency: &CompetencyPlan<'_>,
    evidence: &[Contribution],
    levels: usize,
) -> Option<usize> {
    let mut achieved = None;
    for rank in 0..levels {
        if !check(competency, evidence, rank).demonstrated(competency) {
            break;
        }
        achieved = Some(rank);
    }
    achieved
}
