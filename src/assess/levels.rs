//! Step 2 of DESIGN.md "Assessment": the level each competency is demonstrated at.

use super::ledger::Ledger;
use super::plan::CompetencyPlan;
use std::borrow::Cow;

/// One evidence item's contribution to one competency: once, at the highest level it claims
/// there, with the union of the indicators it names there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contribution<'p> {
    /// The competency's position in the plan.
    pub competency: usize,
    /// The item's position in the record.
    pub item: usize,
    pub rank: usize,
    pub weight: u64,
    pub independent: bool,
    /// Sorted positions of indicators: borrowed from the ledger when the item has one claim
    /// on the competency (the usual case), merged only when it has several.
    pub indicators: Cow<'p, [usize]>,
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

/// Counted claims grouped by competency, then item (both in order), one contribution per
/// competency and item. Only competencies with counted evidence appear: a learner's record
/// touches few of a framework's competencies, and the rest cost nothing here.
pub(crate) fn contributions<'p>(ledger: &'p Ledger<'_>) -> Vec<Contribution<'p>> {
    let mut counted: Vec<(usize, usize, usize)> = ledger
        .entries
        .iter()
        .zip(&ledger.facts)
        .enumerate()
        .filter(|(_, (entry, _))| entry.disposition.counts())
        .filter_map(|(n, (entry, facts))| {
            facts.rank?;
            Some((facts.competency?, entry.item, n))
        })
        .collect();
    counted.sort_unstable();
    let mut list: Vec<Contribution<'p>> = Vec::with_capacity(counted.len());
    for (k, item, n) in counted {
        let Some(facts) = ledger.facts.get(n) else {
            continue;
        };
        let rank = facts.rank.unwrap_or(0);
        match list.last_mut() {
            Some(last) if last.competency == k && last.item == item => {
                last.rank = last.rank.max(rank);
                let merged = last.indicators.to_mut();
                merged.extend_from_slice(&facts.indicators);
                merged.sort_unstable();
                merged.dedup();
            }
            _ => list.push(Contribution {
                competency: k,
                item,
                rank,
                weight: facts.weight,
                independent: facts.independent,
                indicators: Cow::Borrowed(&facts.indicators),
            }),
        }
    }
    list
}

/// The evidence measured against level `rank`.
pub(crate) fn check(
    competency: &CompetencyPlan<'_>,
    evidence: &[Contribution<'_>],
    rank: usize,
) -> LevelCheck {
    let (weight, items, independent) = tally(evidence, rank);
    let mut result = LevelCheck {
        weight,
        items,
        independent,
        missing_indicators: Vec::new(),
    };
    if competency.rule.require_indicators {
        result
            .missing_indicators
            .extend(missing_indicators(competency, evidence, rank));
    }
    result
}

/// Weight, number of items and independence of S(rank).
fn tally(evidence: &[Contribution<'_>], rank: usize) -> (u64, u32, bool) {
    let mut weight = 0;
    let mut items = 0;
    let mut independent = false;
    for c in evidence.iter().filter(|c| c.rank >= rank) {
        weight += c.weight;
        items += 1;
        independent |= c.independent;
    }
    (weight, items, independent)
}

/// Indicators expected at or below `rank` that no item claiming at least their level names.
fn missing_indicators<'e>(
    competency: &'e CompetencyPlan<'_>,
    evidence: &'e [Contribution<'_>],
    rank: usize,
) -> impl Iterator<Item = usize> + 'e {
    competency
        .indicators
        .iter()
        .enumerate()
        .filter(move |(_, indicator)| !indicator.excluded && indicator.rank <= rank)
        .filter(move |&(i, indicator)| {
            !evidence
                .iter()
                .any(|c| c.rank >= indicator.rank && c.indicators.binary_search(&i).is_ok())
        })
        .map(|(i, _)| i)
}

/// Whether level `rank` is demonstrated under `competency`'s rule (as [`check`], without
/// building the list of missing indicators).
fn demonstrated(
    competency: &CompetencyPlan<'_>,
    evidence: &[Contribution<'_>],
    rank: usize,
) -> bool {
    let rule = &competency.rule;
    let (weight, items, independent) = tally(evidence, rank);
    weight >= rule.min_weight
        && items >= rule.min_items
        && (!rule.require_independent || independent)
        && (!rule.require_indicators
            || missing_indicators(competency, evidence, rank)
                .next()
                .is_none())
}

/// The highest demonstrated level, as a rank. Levels are checked from the lowest up and the
/// first failure stops the climb: every condition only gets harder as the level rises (S(i)
/// shrinks, the expected indicators grow), so this is the highest demonstrated level, and a
/// framework cannot show a higher level "demonstrated" above a gap.
pub(crate) fn achieved(
    competency: &CompetencyPlan<'_>,
    evidence: &[Contribution<'_>],
    levels: usize,
) -> Option<usize> {
    let mut achieved = None;
    for rank in 0..levels {
        if !demonstrated(competency, evidence, rank) {
            break;
        }
        achieved = Some(rank);
    }
    achieved
}
