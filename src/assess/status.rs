//! Step 3 of DESIGN.md "Assessment": each competency's status against the role's targets.

use super::levels::Levels;
use super::plan::Plan;
use super::position::{LevelRank, Position};
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

/// A role's targets as ranks, prepared once per assessor.
#[derive(Debug, Clone, Default)]
pub(crate) struct Targets {
    /// The target rank per competency, by position; `None` when untargeted. A target off the
    /// scale (validation reports it) is one past the highest rank: out of reach.
    pub ranks: Vec<Option<LevelRank>>,
    /// The targeted competencies in an order where each comes after the targeted
    /// prerequisites it needs met (Kahn's algorithm). Competencies on a `requires` cycle
    /// (which validation rejects), or after one, are left out: they count as not met.
    pub order: Vec<Position>,
}

impl Targets {
    /// Targets for `plan` from each competency's target rank.
    pub fn new(plan: &Plan, ranks: Vec<Option<LevelRank>>) -> Targets {
        let targeted = |p: Position| ranks.get(p.index()).copied().flatten().is_some();
        let n = plan.competencies.len();
        // Edges prerequisite -> dependant, between targeted competencies only.
        let mut waiting = vec![0usize; n];
        let mut dependants: Vec<Vec<Position>> = vec![Vec::new(); n];
        for (k, competency) in plan.competencies.iter().enumerate() {
            let k = Position::new(k);
            if !targeted(k) {
                continue;
            }
            for &p in competency.requires.iter().filter(|&&p| targeted(p)) {
                if let (Some(count), Some(list)) =
                    (waiting.get_mut(k.index()), dependants.get_mut(p.index()))
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
            for &k in dependants
                .get(p.index())
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if let Some(count) = waiting.get_mut(k.index()) {
                    *count -= 1;
                    if *count == 0 {
                        order.push(k);
                    }
                }
            }
        }
        Targets { ranks, order }
    }

    /// The target rank of the competency at `p`.
    pub fn rank(&self, p: Position) -> Option<LevelRank> {
        self.ranks.get(p.index()).copied().flatten()
    }
}

/// Every competency's status, and whether each is met (prerequisites included).
#[derive(Debug, Default)]
pub(crate) struct Standing {
    /// By position.
    pub statuses: Vec<Status>,
    /// By position.
    pub met: Vec<bool>,
}

impl Standing {
    /// The prerequisites of `k` that are not satisfied, in framework order. A prerequisite the
    /// role targets must itself be met; one it does not target needs at least the lowest
    /// level.
    pub fn unsatisfied<'s>(
        &'s self,
        plan: &'s Plan,
        targets: &'s Targets,
        levels: &'s Levels,
        k: Position,
    ) -> impl Iterator<Item = Position> + 's {
        plan.get(k)
            .map(|c| c.requires.as_slice())
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(move |&p| !satisfied(&self.met, targets, levels, p))
    }
}

fn satisfied(met: &[bool], targets: &Targets, levels: &Levels, p: Position) -> bool {
    if targets.rank(p).is_some() {
        met.get(p.index()).copied().unwrap_or(false)
    } else {
        levels.achieved.get(p.index()).copied().flatten().is_some()
    }
}

/// Step 3: the status of every competency from its achieved level, its target and its
/// prerequisites.
pub(crate) fn decide(plan: &Plan, targets: &Targets, levels: &Levels) -> Standing {
    let achieved = |p: Position| levels.achieved.get(p.index()).copied().flatten();
    let reached = |p: Position| match (targets.rank(p), achieved(p)) {
        (Some(target), Some(achieved)) => achieved >= target,
        _ => false,
    };
    let n = plan.competencies.len();
    let mut standing = Standing {
        statuses: Vec::with_capacity(n),
        met: vec![false; n],
    };
    // `met`, prerequisites first; most competencies do not reach their target, and stop at
    // the first test.
    for &k in &targets.order {
        if !reached(k) {
            continue;
        }
        let requires = plan
            .get(k)
            .map(|c| c.requires.as_slice())
            .unwrap_or_default();
        let value = requires
            .iter()
            .all(|&p| satisfied(&standing.met, targets, levels, p));
        if let Some(slot) = standing.met.get_mut(k.index()) {
            *slot = value;
        }
    }
    let mut evidenced = levels.evidenced.iter().map(|e| e.position).peekable();
    for (k, competency) in plan.competencies.iter().enumerate() {
        let k = Position::new(k);
        let has_evidence = evidenced.next_if_eq(&k).is_some();
        let status = if competency.excluded {
            Status::NotApplicable
        } else if targets.rank(k).is_none() {
            Status::NotTargeted
        } else if reached(k) {
            if standing.met.get(k.index()).copied().unwrap_or(false)
                || standing
                    .unsatisfied(plan, targets, levels, k)
                    .next()
                    .is_none()
            {
                Status::Met
            } else {
                Status::Blocked
            }
        } else if has_evidence {
            Status::Partial
        } else {
            Status::Missing
        };
        standing.statuses.push(status);
    }
    standing
}
