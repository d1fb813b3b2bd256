//! Step 2 of DESIGN.md "Assessment": the level each competency is demonstrated at.

use super::ledger::{Claimed, Ledger};
use super::plan::{CompetencyPlan, Plan};
use super::position::{LevelRank, Position, Span};

/// One evidence item's contribution to one competency: once, at the highest level it claims
/// there, with the union of the indicators it names there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Contribution {
    pub position: Position,
    /// The item's index in the record.
    pub item: u32,
    pub rank: LevelRank,
    /// In thousandths.
    pub weight: u64,
    pub independent: bool,
    /// Sorted indicator indices, in [`Levels::indicators`].
    pub indicators: Span,
}

/// A competency with counted evidence: its contributions and the level they demonstrate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Evidenced {
    pub position: Position,
    /// In [`Levels::contributions`].
    pub contributions: Span,
    pub achieved: Option<LevelRank>,
}

/// The levels of one learner's competencies.
#[derive(Debug, Default)]
pub(crate) struct Levels {
    /// One per competency and item, grouped by competency, then item, both in order.
    pub contributions: Vec<Contribution>,
    /// The indicator indices contributions point into.
    pub indicators: Vec<u32>,
    /// The competencies with counted evidence, by position. Only these cost anything here:
    /// a learner's record touches few of a framework's competencies.
    pub evidenced: Vec<Evidenced>,
    /// The achieved level of every competency, by position.
    pub achieved: Vec<Option<LevelRank>>,
}

impl Levels {
    /// The contributions of an evidenced competency.
    pub fn of(&self, evidenced: &Evidenced) -> &[Contribution] {
        evidenced.contributions.of(&self.contributions)
    }
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
    pub missing_indicators: Vec<u32>,
}

/// Step 2: groups the counted claims of the ledger into contributions and works out the
/// achieved level of every competency that has any. The rest keep the plan's level for no
/// evidence.
pub(crate) fn score(plan: &Plan, ledger: &mut Ledger) -> Levels {
    let mut counted = std::mem::take(&mut ledger.counted);
    counted.sort_unstable_by_key(|c| (c.position, c.item));
    let mut indicators = std::mem::take(&mut ledger.indicators);
    let mut contributions: Vec<Contribution> = Vec::with_capacity(counted.len());
    for Claimed {
        position,
        item,
        rank,
        weight,
        independent,
        indicators: named,
    } in counted
    {
        match contributions.last_mut() {
            Some(last) if last.position == position && last.item == item => {
                // The same item claims the competency again: once, at its highest level,
                // with the union of the indicators.
                last.rank = last.rank.max(rank);
                if !named.is_empty() {
                    let mut union: Vec<u32> = last.indicators.of(&indicators).to_vec();
                    union.extend_from_slice(named.of(&indicators));
                    union.sort_unstable();
                    union.dedup();
                    last.indicators = Span::push(&mut indicators, union);
                }
            }
            _ => contributions.push(Contribution {
                position,
                item,
                rank,
                weight,
                independent,
                indicators: named,
            }),
        }
    }
    let mut achieved = plan.unevidenced.clone();
    let mut evidenced = Vec::new();
    let mut start = 0;
    for group in contributions.chunk_by(|a, b| a.position == b.position) {
        let span = Span::new(start..start + group.len());
        start += group.len();
        let Some(position) = group.first().map(|c| c.position) else {
            continue;
        };
        let Some(competency) = plan.get(position) else {
            continue;
        };
        let level = self::achieved(competency, group, &indicators, plan.levels());
        if let Some(slot) = achieved.get_mut(position.index()) {
            *slot = level;
        }
        evidenced.push(Evidenced {
            position,
            contributions: span,
            achieved: level,
        });
    }
    Levels {
        contributions,
        indicators,
        evidenced,
        achieved,
    }
}

/// The evidence measured against level `rank`.
pub(crate) fn check(
    competency: &CompetencyPlan,
    evidence: &[Contribution],
    indicators: &[u32],
    rank: LevelRank,
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
            .extend(missing_indicators(competency, evidence, indicators, rank));
    }
    result
}

/// Weight, number of items and independence of S(rank).
fn tally(evidence: &[Contribution], rank: LevelRank) -> (u64, u32, bool) {
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
    competency: &'e CompetencyPlan,
    evidence: &'e [Contribution],
    indicators: &'e [u32],
    rank: LevelRank,
) -> impl Iterator<Item = u32> + 'e {
    competency
        .indicators
        .iter()
        .zip(0u32..)
        .filter(move |(indicator, _)| !indicator.excluded && indicator.rank <= rank)
        .filter(move |&(indicator, i)| {
            !evidence.iter().any(|c| {
                c.rank >= indicator.rank && c.indicators.of(indicators).binary_search(&i).is_ok()
            })
        })
        .map(|(_, i)| i)
}

/// Whether level `rank` is demonstrated under `competency`'s rule (as [`check`], without
/// building the list of missing indicators).
fn demonstrated(
    competency: &CompetencyPlan,
    evidence: &[Contribution],
    indicators: &[u32],
    rank: LevelRank,
) -> bool {
    let rule = &competency.rule;
    let (weight, items, independent) = tally(evidence, rank);
    weight >= rule.min_weight
        && items >= rule.min_items
        && (!rule.require_independent || independent)
        && (!rule.require_indicators
            || missing_indicators(competency, evidence, indicators, rank)
                .next()
                .is_none())
}

/// The highest demonstrated level. Levels are checked from the lowest up and the first
/// failure stops the climb: every condition only gets harder as the level rises (S(i)
/// shrinks, the expected indicators grow), so this is the highest demonstrated level, and a
/// framework cannot show a higher level "demonstrated" above a gap.
pub(crate) fn achieved(
    competency: &CompetencyPlan,
    evidence: &[Contribution],
    indicators: &[u32],
    levels: usize,
) -> Option<LevelRank> {
    let mut achieved = None;
    for rank in (0..levels).map(LevelRank::new) {
        if !demonstrated(competency, evidence, indicators, rank) {
            break;
        }
        achieved = Some(rank);
    }
    achieved
}
