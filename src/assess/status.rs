//! Step 3 of DESIGN.md "Assessment": each competency's status against the role's targets.

use super::ledger::Noted;
use super::levels::Levels;
use super::plan::Plan;
use super::position::{LevelRank, Position, narrow, widen};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a competency stands for the role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The target level is reached and every prerequisite is met.
    Met,
    /// The target level is reached, but a prerequisite is not yet.
    Blocked,
    /// There is counted evidence, and the target level is not reached yet.
    Partial,
    /// No counted evidence yet.
    Missing,
    /// Excluded by a tailoring: not assessed in this context.
    NotApplicable,
    /// The role does not target it (or no role was given); scored for information.
    NotTargeted,
}

impl Status {
    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Blocked => "blocked",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not-applicable",
            Status::NotTargeted => "not-targeted",
        }
    }
}

/// One competency's status, and where the rest of its result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub status: Status,
    pub source: Source,
}

/// Where a competency's result is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// No evidence and no gaps: the level without evidence, from the frame.
    Plain,
    /// No evidence: the level without evidence and shared gaps, from the frame.
    Shared(Shared),
    /// In the assessment's `own`.
    Own,
}

/// Which of a competency's shared gaps (those without evidence) apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shared {
    /// Every prerequisite is satisfied.
    Satisfied,
    /// None is.
    Unsatisfied,
    /// Some are: those that are not for a learner without evidence.
    Baseline,
}

impl Shared {
    /// The shared gaps for `unmet` unsatisfied prerequisites out of `requires`: none or all
    /// of them (any other mix is the baseline's, or the learner's own).
    pub fn of(unmet: usize, requires: usize) -> Option<Shared> {
        if unmet == 0 {
            Some(Shared::Satisfied)
        } else if unmet == requires {
            Some(Shared::Unsatisfied)
        } else {
            None
        }
    }

    /// Its index in a competency's shared gaps.
    pub fn index(self) -> usize {
        match self {
            Shared::Satisfied => 0,
            Shared::Unsatisfied => 1,
            Shared::Baseline => 2,
        }
    }
}

/// A competency with a result of its own: its level (its lists and gaps are found when the
/// assessment is first read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Own {
    pub position: Position,
    pub achieved: Option<LevelRank>,
}

/// A role's targets as ranks, and what a learner without any evidence gets, prepared once
/// per assessor. A learner's own result differs from that baseline only where their evidence
/// is, and where a prerequisite it satisfies (or no longer fails) is required: only those
/// competencies are worked out per learner.
#[derive(Debug, Clone, Default)]
pub(crate) struct Targets {
    /// The target rank per competency, by position; `None` when untargeted. A target off the
    /// scale (validation reports it) is one past the highest rank: out of reach.
    pub ranks: Vec<Option<LevelRank>>,
    /// The targeted competencies in an order where each comes after the targeted
    /// prerequisites it needs met (Kahn's algorithm). Competencies on a `requires` cycle
    /// (which validation rejects), or after one, are left out: they count as not met.
    order: Vec<Position>,
    /// Each position's index in `order`, `u32::MAX` when not in it.
    rank_in_order: Vec<u32>,
    /// For each position, the targeted, applicable competencies that require it: where its
    /// status or gaps can make a difference. `dependants[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<u32>,
    dependants: Vec<Position>,
    /// The result of a learner with no evidence.
    pub baseline: Baseline,
}

/// What a learner with no evidence gets: every status, whether each competency is met and
/// satisfies a prerequisite, and where each result's gaps are.
#[derive(Debug, Clone, Default)]
pub(crate) struct Baseline {
    pub cells: Vec<Cell>,
    pub met: Vec<bool>,
    /// Whether each competency satisfies a competency that requires it.
    pub satisfied: Vec<bool>,
    /// Competencies that reach their target without evidence (only under a rule that asks
    /// for no weight): their `met` depends on prerequisites.
    pub reached: Vec<Position>,
    /// For competencies without evidence whose prerequisites are partly satisfied, which
    /// are not: their shared gaps (`Shared::Baseline`).
    pub partial: Vec<(Position, Vec<Position>)>,
}

impl Targets {
    /// Targets for `plan` from each competency's target rank.
    pub fn new(plan: &Plan, ranks: Vec<Option<LevelRank>>) -> Targets {
        let targeted = |p: Position| ranks.get(p.index()).copied().flatten().is_some();
        let n = plan.competencies.len();
        // Edges prerequisite -> dependant, between targeted competencies only, for the order.
        let mut waiting = vec![0usize; n];
        let mut after: Vec<Vec<Position>> = vec![Vec::new(); n];
        // Every applicable prerequisite -> targeted, applicable dependant, for recomputing.
        let mut needed_by: Vec<Vec<Position>> = vec![Vec::new(); n];
        for (k, competency) in plan.competencies.iter().enumerate() {
            let k = Position::new(k);
            if !targeted(k) || competency.excluded {
                continue;
            }
            for &p in &competency.requires {
                if let Some(list) = needed_by.get_mut(p.index()) {
                    if list.last() != Some(&k) {
                        list.push(k);
                    }
                }
                if !targeted(p) {
                    continue;
                }
                if let (Some(count), Some(list)) =
                    (waiting.get_mut(k.index()), after.get_mut(p.index()))
                {
                    *count += 1;
                    list.push(k);
                }
            }
        }
        let mut order: Vec<Position> = (0..n)
            .map(Position::new)
            .filter(|&k| targeted(k) && waiting.get(k.index()) == Some(&0))
            .collect();
        let mut next = 0;
        while let Some(&p) = order.get(next) {
            next += 1;
            for &k in after.get(p.index()).map(Vec::as_slice).unwrap_or_default() {
                if let Some(count) = waiting.get_mut(k.index()) {
                    *count -= 1;
                    if *count == 0 {
                        order.push(k);
                    }
                }
            }
        }
        let mut rank_in_order = vec![u32::MAX; n];
        for (i, k) in order.iter().enumerate() {
            if let Some(slot) = rank_in_order.get_mut(k.index()) {
                *slot = narrow(i);
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut dependants = Vec::new();
        offsets.push(0);
        for list in needed_by {
            dependants.extend(list);
            offsets.push(narrow(dependants.len()));
        }
        let mut targets = Targets {
            ranks,
            order,
            rank_in_order,
            offsets,
            dependants,
            baseline: Baseline::default(),
        };
        targets.baseline = targets.no_evidence(plan);
        targets
    }

    /// The target rank of the competency at `p`.
    pub fn rank(&self, p: Position) -> Option<LevelRank> {
        self.ranks.get(p.index()).copied().flatten()
    }

    /// The targeted, applicable competencies that require `p`.
    fn dependants(&self, p: Position) -> &[Position] {
        let at = |i: usize| self.offsets.get(i).copied().map_or(0, widen);
        self.dependants
            .get(at(p.index())..at(p.index() + 1))
            .unwrap_or_default()
    }

    /// The result of a learner with no evidence.
    fn no_evidence(&self, plan: &Plan) -> Baseline {
        let achieved = &plan.unevidenced;
        let n = plan.competencies.len();
        let reached: Vec<Position> = (0..n)
            .map(Position::new)
            .filter(|&k| reached(self, achieved, k))
            .collect();
        let mut met = vec![false; n];
        for &k in &self.order {
            if reached.binary_search(&k).is_ok() {
                let value = requires(plan, k)
                    .iter()
                    .all(|&p| satisfied(&met, self, achieved, p));
                if let Some(slot) = met.get_mut(k.index()) {
                    *slot = value;
                }
            }
        }
        let satisfied: Vec<bool> = (0..n)
            .map(|p| satisfied(&met, self, achieved, Position::new(p)))
            .collect();
        let mut cells = Vec::with_capacity(n);
        let mut partial = Vec::new();
        for k in (0..n).map(Position::new) {
            let unmet: Vec<Position> = requires(plan, k)
                .iter()
                .copied()
                .filter(|p| !satisfied.get(p.index()).copied().unwrap_or(false))
                .collect();
            let status = status(plan, self, achieved, &met, k, false, unmet.is_empty());
            let source = match status {
                Status::Blocked | Status::Partial | Status::Missing => {
                    match Shared::of(unmet.len(), requires(plan, k).len()) {
                        Some(shared) => Source::Shared(shared),
                        None => {
                            partial.push((k, unmet));
                            Source::Shared(Shared::Baseline)
                        }
                    }
                }
                _ => Source::Plain,
            };
            cells.push(Cell { status, source });
        }
        Baseline {
            cells,
            met,
            satisfied,
            reached,
            partial,
        }
    }
}

/// The prerequisites of `k` that exist and apply.
fn requires(plan: &Plan, k: Position) -> &[Position] {
    plan.get(k)
        .map(|c| c.requires.as_slice())
        .unwrap_or_default()
}

fn achieved_at(achieved: &[Option<LevelRank>], p: Position) -> Option<LevelRank> {
    achieved.get(p.index()).copied().flatten()
}

/// Whether the competency at `k` reaches its target.
fn reached(targets: &Targets, achieved: &[Option<LevelRank>], k: Position) -> bool {
    match (targets.rank(k), achieved_at(achieved, k)) {
        (Some(target), Some(achieved)) => achieved >= target,
        _ => false,
    }
}

/// Whether `p` satisfies a competency that requires it: met, when the role targets it;
/// otherwise demonstrated at least at the lowest level.
fn satisfied(met: &[bool], targets: &Targets, achieved: &[Option<LevelRank>], p: Position) -> bool {
    if targets.rank(p).is_some() {
        met.get(p.index()).copied().unwrap_or(false)
    } else {
        achieved_at(achieved, p).is_some()
    }
}

/// DESIGN.md's status of `k`, given whether any claim on it counted and whether every
/// prerequisite is satisfied.
fn status(
    plan: &Plan,
    targets: &Targets,
    achieved: &[Option<LevelRank>],
    met: &[bool],
    k: Position,
    evidenced: bool,
    prerequisites_satisfied: bool,
) -> Status {
    if plan.get(k).is_none_or(|c| c.excluded) {
        Status::NotApplicable
    } else if targets.rank(k).is_none() {
        Status::NotTargeted
    } else if reached(targets, achieved, k) {
        if met.get(k.index()).copied().unwrap_or(false) || prerequisites_satisfied {
            Status::Met
        } else {
            Status::Blocked
        }
    } else if evidenced {
        Status::Partial
    } else {
        Status::Missing
    }
}

/// Step 3's working buffers, reused from one learner to the next.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// Sort keys.
    order: Vec<u64>,
    met: Vec<bool>,
    recompute: Vec<Position>,
}

impl Buffers {
    /// Gives back the memory of buffers that grew beyond `keep` entries.
    pub fn trim(&mut self, keep: usize) {
        super::trim_buffer(&mut self.order, keep);
        super::trim_buffer(&mut self.met, keep);
        super::trim_buffer(&mut self.recompute, keep);
    }
}

/// An emptied buffer taken from `v`, to be given back (with its capacity) when done.
fn take<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

/// Every competency's status, and whether each is met (prerequisites included).
#[derive(Debug, Default)]
pub(crate) struct Standing {
    /// By position: the baseline's cells, with the status of every competency in
    /// `recompute` worked out again (step 4 works out where their gaps are).
    pub cells: Vec<Cell>,
    /// By position.
    pub met: Vec<bool>,
    /// The competencies whose result may differ from the baseline, by position: those with
    /// evidence (counted, expired, not-yet or related) and those requiring a competency that
    /// satisfies them differently.
    pub recompute: Vec<Position>,
}

/// The prerequisites of `k` that are not satisfied, in framework order. A prerequisite the
/// role targets must itself be met; one it does not target needs at least the lowest level.
pub(crate) fn unsatisfied<'s>(
    plan: &'s Plan,
    targets: &'s Targets,
    levels: &'s Levels,
    met: &'s [bool],
    k: Position,
) -> impl Iterator<Item = Position> + 's {
    requires(plan, k)
        .iter()
        .copied()
        .filter(move |&p| !satisfied(met, targets, &levels.achieved, p))
}

impl Standing {
    /// Gives the buffers back for the next learner.
    pub fn give_back(met: Vec<bool>, recompute: Vec<Position>, buffers: &mut Buffers) {
        buffers.met = met;
        buffers.recompute = recompute;
    }
}

/// Step 3: the status of every competency from its achieved level, its target and its
/// prerequisites. Starts from the baseline and works out again only what the learner's
/// evidence can change.
pub(crate) fn decide(
    plan: &Plan,
    targets: &Targets,
    levels: &Levels,
    noted: &[Noted],
    buffers: &mut Buffers,
    everything: bool,
) -> Standing {
    let base = &targets.baseline;
    let achieved = &levels.achieved;
    let mut met = take(&mut buffers.met);
    met.extend_from_slice(&base.met);
    // `met` can only change for competencies that reach their target: those with evidence,
    // and those that need none (evidence only ever adds). Prerequisites first.
    let candidates = &mut buffers.order;
    candidates.clear();
    candidates.extend(
        levels
            .evidenced
            .iter()
            .map(|e| e.position)
            .chain(base.reached.iter().copied())
            .filter(|&k| reached(targets, achieved, k))
            .filter_map(|k| {
                let at = targets.rank_in_order.get(k.index()).copied()?;
                (at != u32::MAX).then_some((u64::from(at) << 32) | u64::from(narrow(k.index())))
            }),
    );
    candidates.sort_unstable();
    candidates.dedup();
    for &c in candidates.iter() {
        let k = Position::new(widen(u32::try_from(c & 0xffff_ffff).unwrap_or(u32::MAX)));
        let value = requires(plan, k)
            .iter()
            .all(|&p| satisfied(&met, targets, achieved, p));
        if let Some(slot) = met.get_mut(k.index()) {
            *slot = value;
        }
    }
    // Worked out again: every competency with evidence (both lists are by position), and
    // those requiring a competency that now satisfies them differently.
    let mut recompute = take(&mut buffers.recompute);
    let mut a = levels.evidenced.iter().map(|e| e.position).peekable();
    let mut b = noted.iter().map(|n| n.position).peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(&x), Some(&y)) if x <= y => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        let Some(k) = next else {
            break;
        };
        if recompute.last() != Some(&k) {
            recompute.push(k);
        }
    }
    let mut more = false;
    for p in levels
        .evidenced
        .iter()
        .map(|e| e.position)
        .chain(base.reached.iter().copied())
    {
        let was = base.satisfied.get(p.index()).copied().unwrap_or(false);
        let dependants = targets.dependants(p);
        if !dependants.is_empty() && satisfied(&met, targets, achieved, p) != was {
            recompute.extend_from_slice(dependants);
            more = true;
        }
    }
    if more {
        recompute.sort_unstable();
        recompute.dedup();
    }
    if everything {
        // Tests check that working out everything again gives the same result.
        recompute.clear();
        recompute.extend((0..plan.competencies.len()).map(Position::new));
    }
    let mut cells = base.cells.clone();
    let mut evidenced = levels.evidenced.iter().map(|e| e.position).peekable();
    for &k in &recompute {
        while evidenced.next_if(|&e| e < k).is_some() {}
        let has_evidence = evidenced.next_if_eq(&k).is_some();
        let all_satisfied = requires(plan, k)
            .iter()
            .all(|&p| satisfied(&met, targets, achieved, p));
        let status = status(
            plan,
            targets,
            achieved,
            &met,
            k,
            has_evidence,
            all_satisfied,
        );
        if let Some(cell) = cells.get_mut(k.index()) {
            cell.status = status;
        }
    }
    Standing {
        cells,
        met,
        recompute,
    }
}
