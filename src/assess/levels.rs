//! Step 2 of DESIGN.md "Assessment": the level each competency is demonstrated at.

use super::ledger::{Entry, Item, Named};
use super::plan::{CompetencyPlan, Plan};
use super::position::{LevelRank, Position, Span, narrow, widen};

/// Step 2's working buffers, reused from one learner to the next.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// The first and last counted entry per competency (all empty between uses), the next
    /// entry of each, and the competencies touched.
    head: Vec<u32>,
    tail: Vec<u32>,
    next: Vec<u32>,
    touched: Vec<u32>,
    contributions: Vec<Contribution>,
    evidenced: Vec<Evidenced>,
    achieved: Vec<Option<LevelRank>>,
}

impl Buffers {
    /// Gives back the memory of buffers that grew beyond `keep` entries.
    pub fn trim(&mut self, keep: usize) {
        super::trim_buffer(&mut self.next, keep);
        super::trim_buffer(&mut self.touched, keep);
        super::trim_buffer(&mut self.contributions, keep);
        super::trim_buffer(&mut self.evidenced, keep);
        super::trim_buffer(&mut self.achieved, keep);
        if self.head.capacity() > keep {
            // Emptied: the next use sizes them again.
            self.head = Vec::new();
            self.tail = Vec::new();
        }
    }
}

/// An emptied buffer taken from `v`, to be given back (with its capacity) when done.
fn take<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

/// The end of a list in the step's buffers.
const NONE: u32 = u32::MAX;

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
    /// The item's assessor role as a set bit (`AssessorRole::bit`); 0 when it names none.
    pub role: u16,
    /// Sorted indicator indices, in the indicator arena.
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
    /// The assessor roles of the items in S(i), as a set of bits.
    pub roles: u16,
    /// Indicators expected at or below the level that no item claiming at least the
    /// indicator's level names (whether or not the rule requires them).
    pub missing_indicators: Vec<u32>,
}

/// Works out, once per plan, the level each competency is achieved at with no evidence (step
/// 2's rule applied to nothing).
pub(crate) fn prepare(plan: &mut Plan) {
    let levels = plan.levels();
    for competency in &mut plan.competencies {
        competency.unevidenced = achieved(competency, &[], &[], levels);
    }
    plan.unevidenced = plan.competencies.iter().map(|c| c.unevidenced).collect();
}

/// Step 2: groups the counted claims of the ledger into contributions and works out the
/// achieved level of every competency that has any. The rest keep the plan's level for no
/// evidence. `indicators` is the ledger's indicator arena (a merged list is added to it).
pub(crate) fn score(
    plan: &Plan,
    entries: &[Entry],
    items: &[Item],
    indicators: &mut Vec<u32>,
    buffers: &mut Buffers,
) -> Levels {
    // Counted entries by competency, each competency's in entry order (which is item
    // order): a list per competency, threaded through `next`.
    let n = plan.competencies.len();
    let (head, tail, next, touched) = (
        &mut buffers.head,
        &mut buffers.tail,
        &mut buffers.next,
        &mut buffers.touched,
    );
    if head.len() != n {
        head.clear();
        head.resize(n, NONE);
        tail.clear();
        tail.resize(n, NONE);
    }
    next.clear();
    next.resize(entries.len(), NONE);
    touched.clear();
    for (i, e) in entries.iter().enumerate() {
        let (true, Some(Named::Known(position)), Some(_)) =
            (e.disposition.counts(), e.competency, e.rank())
        else {
            continue;
        };
        let (p, i) = (position.index(), narrow(i));
        let (Some(first), Some(last)) = (head.get_mut(p), tail.get_mut(p)) else {
            continue;
        };
        if *first == NONE {
            *first = i;
            touched.push(narrow(p));
        } else if let Some(link) = next.get_mut(widen(*last)) {
            *link = i;
        }
        *last = i;
    }
    // Competencies in framework order: sorted when few, else found by a pass over all.
    if touched.len() * 16 < n {
        touched.sort_unstable();
    } else {
        // Without a branch per competency: write every position, keep the touched ones.
        touched.clear();
        touched.resize(n + 1, 0);
        let mut kept = 0;
        for (p, &h) in head.iter().enumerate() {
            if let Some(slot) = touched.get_mut(kept) {
                *slot = narrow(p);
            }
            kept += usize::from(h != NONE);
        }
        touched.truncate(kept);
    }
    let mut contributions = take(&mut buffers.contributions);
    for &p in touched.iter() {
        let Some(first) = head.get_mut(widen(p)) else {
            continue;
        };
        let mut at = std::mem::replace(first, NONE);
        if let Some(last) = tail.get_mut(widen(p)) {
            *last = NONE;
        }
        while let Some(e) = entries.get(widen(at)) {
            at = next.get(widen(at)).copied().unwrap_or(NONE);
            let (Some(Named::Known(position)), Some(rank)) = (e.competency, e.rank()) else {
                continue;
            };
            match contributions.last_mut() {
                Some(last) if last.position == position && last.item == e.item => {
                    // The same item claims the competency again: once, at its highest
                    // level, with the union of the indicators.
                    last.rank = last.rank.max(rank);
                    if !e.indicators.is_empty() {
                        let mut union: Vec<u32> = last.indicators.of(indicators).to_vec();
                        union.extend_from_slice(e.indicators.of(indicators));
                        union.sort_unstable();
                        union.dedup();
                        last.indicators = Span::push(indicators, union);
                    }
                }
                _ => {
                    let item = items.get(widen(e.item));
                    let kind = match item.map(|i| i.kind) {
                        Some(Named::Known(k)) => plan.kinds.get(widen(k)),
                        _ => None,
                    };
                    contributions.push(Contribution {
                        position,
                        item: e.item,
                        rank,
                        weight: kind.map_or(0, |k| k.weight),
                        independent: kind.is_some_and(|k| k.independent),
                        role: item.and_then(|i| i.role).map_or(0, |r| r.bit()),
                        indicators: e.indicators,
                    });
                }
            }
        }
    }
    let mut achieved = take(&mut buffers.achieved);
    achieved.extend_from_slice(&plan.unevidenced);
    let mut evidenced = take(&mut buffers.evidenced);
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
        let level = self::achieved(competency, group, indicators, plan.levels());
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
        evidenced,
        achieved,
    }
}

impl Levels {
    /// Gives the buffers back for the next learner.
    pub fn give_back(self, buffers: &mut Buffers) {
        buffers.contributions = self.contributions;
        buffers.evidenced = self.evidenced;
        buffers.achieved = self.achieved;
    }
}

/// The evidence measured against level `rank`.
pub(crate) fn check(
    competency: &CompetencyPlan,
    evidence: &[Contribution],
    indicators: &[u32],
    rank: LevelRank,
) -> LevelCheck {
    let (weight, items, independent, roles) = tally(evidence, rank);
    let mut result = LevelCheck {
        weight,
        items,
        independent,
        roles,
        missing_indicators: Vec::new(),
    };
    // Listed whether or not the rule requires them: next steps name the abilities still to
    // show either way (the gap says whether they are required).
    result
        .missing_indicators
        .extend(missing_indicators(competency, evidence, indicators, rank));
    result
}

/// Weight, number of items, independence and assessor roles of S(rank).
fn tally(evidence: &[Contribution], rank: LevelRank) -> (u64, u32, bool, u16) {
    let mut weight = 0;
    let mut items = 0;
    let mut independent = false;
    let mut roles = 0;
    for c in evidence.iter().filter(|c| c.rank >= rank) {
        weight += c.weight;
        items += 1;
        independent |= c.independent;
        roles |= c.role;
    }
    (weight, items, independent, roles)
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
    let (weight, items, independent, roles) = tally(evidence, rank);
    weight >= rule.min_weight
        && items >= rule.min_items
        && (!rule.require_independent || independent)
        && (rule.require_assessor == 0 || roles & rule.require_assessor != 0)
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
