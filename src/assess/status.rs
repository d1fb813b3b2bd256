//! Step 3 of DESIGN.md "Assessment": each competency's status against the role's targets.

use super::plan::Plan;
use schemars::JsonSchema;
use serde::Serialize;

/// Where a competency stands for the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
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

/// What status needs to know about each competency, by plan position.
pub(crate) struct Inputs<'s> {
    /// Target rank per competency; `None` when untargeted.
    pub targets: &'s [Option<usize>],
    /// Achieved rank per competency.
    pub achieved: &'s [Option<usize>],
    /// Whether any claim on the competency counted.
    pub evidenced: &'s [bool],
}

/// The status of every competency, in plan order, and whether each is met (prerequisites
/// included), for [`unsatisfied`].
pub(crate) fn statuses(plan: &Plan<'_>, inputs: &Inputs<'_>) -> (Vec<Status>, Vec<bool>) {
    let n = plan.competencies.len();
    let reached = |k: usize| match (
        inputs.targets.get(k).copied().flatten(),
        inputs.achieved.get(k).copied().flatten(),
    ) {
        (Some(target), Some(achieved)) => achieved >= target,
        _ => false,
    };
    let met = met_all(plan, inputs, &reached);
    let mut statuses = Vec::with_capacity(n);
    for (k, competency) in plan.competencies.iter().enumerate() {
        let target = inputs.targets.get(k).copied().flatten();
        let status = if competency.excluded() {
            Status::NotApplicable
        } else if target.is_none() {
            Status::NotTargeted
        } else if reached(k) {
            if unsatisfied(plan, inputs, &met, k).next().is_none() {
                Status::Met
            } else {
                Status::Blocked
            }
        } else if inputs.evidenced.get(k).copied().unwrap_or(false) {
            Status::Partial
        } else {
            Status::Missing
        };
        statuses.push(status);
    }
    (statuses, met)
}

/// The prerequisites of `k` that are not satisfied, in framework order. A prerequisite the
/// role targets must itself be met; one it does not target needs at least the lowest level.
pub(crate) fn unsatisfied<'s>(
    plan: &'s Plan<'_>,
    inputs: &'s Inputs<'_>,
    met: &'s [bool],
    k: usize,
) -> impl Iterator<Item = usize> + 's {
    plan.competencies
        .get(k)
        .map(|c| c.requires.as_slice())
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(move |&p| !satisfied(inputs, met, p))
}

fn satisfied(inputs: &Inputs<'_>, met: &[bool], p: usize) -> bool {
    if inputs.targets.get(p).copied().flatten().is_some() {
        met.get(p).copied().unwrap_or(false)
    } else {
        inputs.achieved.get(p).copied().flatten().is_some()
    }
}

/// `met` for every competency: target reached and every prerequisite satisfied, which for a
/// targeted prerequisite means met in turn. Computed depth-first with an explicit stack (a
/// long `requires` chain is input, and must not exhaust the call stack); a cycle, which
/// validation rejects, counts as not met.
fn met_all(plan: &Plan<'_>, inputs: &Inputs<'_>, reached: &dyn Fn(usize) -> bool) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done(bool),
    }
    let n = plan.competencies.len();
    let mut state = vec![State::New; n];
    let requires = |k: usize| {
        plan.competencies
            .get(k)
            .map(|c| c.requires.as_slice())
            .unwrap_or_default()
    };
    let targeted = |p: usize| inputs.targets.get(p).copied().flatten().is_some();
    let untargeted_ok = |k: usize| {
        requires(k)
            .iter()
            .filter(|&&p| !targeted(p))
            .all(|&p| inputs.achieved.get(p).copied().flatten().is_some())
    };
    let mut stack = Vec::new();
    for start in 0..n {
        if state.get(start) != Some(&State::New) {
            continue;
        }
        stack.clear();
        stack.push(start);
        while let Some(&k) = stack.last() {
            match state.get(k).copied() {
                Some(State::Done(_)) | None => {
                    stack.pop();
                }
                Some(State::New) => {
                    if let Some(s) = state.get_mut(k) {
                        *s = State::Open;
                    }
                    for &p in requires(k) {
                        if targeted(p) && state.get(p) == Some(&State::New) {
                            stack.push(p);
                        }
                    }
                }
                Some(State::Open) => {
                    stack.pop();
                    let prereqs_met = requires(k)
                        .iter()
                        .filter(|&&p| targeted(p))
                        .all(|&p| matches!(state.get(p), Some(State::Done(true))));
                    let value = reached(k) && prereqs_met && untargeted_ok(k);
                    if let Some(s) = state.get_mut(k) {
                        *s = State::Done(value);
                    }
                }
            }
        }
    }
    state.into_iter().map(|s| s == State::Done(true)).collect()
}
