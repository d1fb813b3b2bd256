//! Step 5 of DESIGN.md "Assessment": counts by status, coverage and readiness.

use super::status::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Counts by status, coverage and readiness, for a domain or the whole framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Every targeted, applicable competency is met (always false without a role).
    pub ready: bool,
    /// Competencies met.
    pub met: u32,
    /// Competencies at their target but waiting on a prerequisite.
    pub blocked: u32,
    /// Competencies with evidence, below their target.
    pub partial: u32,
    /// Targeted competencies without counted evidence.
    pub missing: u32,
    /// Competencies excluded by a tailoring.
    pub not_applicable: u32,
    /// Competencies the role does not target.
    pub not_targeted: u32,
    /// Met out of targeted.
    pub coverage: Coverage,
}

/// Met out of targeted, exactly, with a whole percentage for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Coverage {
    /// Targeted competencies met.
    pub met: u32,
    /// Targeted, applicable competencies.
    pub targeted: u32,
    /// `met * 100 / targeted` rounded down, so 100 means every one is met; absent when
    /// nothing is targeted.
    pub percent: Option<u32>,
}

impl Summary {
    /// Counts `statuses`. `has_role` is false when the assessment has no role, in which case
    /// nothing is ready; nor is anything when nothing is targeted.
    pub(crate) fn of(statuses: impl IntoIterator<Item = Status>, has_role: bool) -> Summary {
        // Counted into an array by status, without a branch per competency (statuses come in
        // no order a branch predictor could learn).
        let mut counts = [0u32; 6];
        for status in statuses {
            if let Some(count) = counts.get_mut(status as usize) {
                *count += 1;
            }
        }
        let [met, blocked, partial, missing, not_applicable, not_targeted] = counts;
        let mut s = Summary {
            met,
            blocked,
            partial,
            missing,
            not_applicable,
            not_targeted,
            ..Summary::default()
        };
        let targeted = s.met + s.blocked + s.partial + s.missing;
        s.coverage = Coverage {
            met: s.met,
            targeted,
            percent: (targeted > 0).then(|| {
                let percent = u64::from(s.met) * 100 / u64::from(targeted);
                u32::try_from(percent).unwrap_or(100)
            }),
        };
        // Readiness is for a role that asks for something: a role that targets nothing that
        // applies here (empty, or all excluded) is not "ready", as no role is not.
        s.ready = has_role && targeted > 0 && s.met == targeted;
        s
    }
}

#[cfg(test)]
mod readiness_tests {
    use super::*;

    #[test]
    fn each_status_is_counted_in_its_own_field() {
        let s = Summary::of(
            [
                Status::Met,
                Status::Blocked,
                Status::Blocked,
                Status::Partial,
                Status::Partial,
                Status::Partial,
                Status::Missing,
                Status::Missing,
                Status::Missing,
                Status::Missing,
                Status::NotApplicable,
                Status::NotTargeted,
                Status::NotTargeted,
            ],
            true,
        );
        assert_eq!(
            (
                s.met,
                s.blocked,
                s.partial,
                s.missing,
                s.not_applicable,
                s.not_targeted
            ),
            (1, 2, 3, 4, 1, 2)
        );
    }

    #[test]
    fn ready_needs_a_role_that_asks_for_something() {
        let table = [
            (vec![Status::Met, Status::Met], true, true),
            (vec![Status::Met, Status::Partial], true, false),
            (
                vec![Status::Met, Status::NotApplicable, Status::NotTargeted],
                true,
                true,
            ),
            (vec![], true, false),
            (
                vec![Status::NotApplicable, Status::NotTargeted],
                true,
                false,
            ),
            (vec![Status::Met], false, false),
        ];
        for (statuses, has_role, ready) in table {
            assert_eq!(
                Summary::of(statuses.clone(), has_role).ready,
                ready,
                "{statuses:?} role={has_role}"
            );
        }
    }
}
