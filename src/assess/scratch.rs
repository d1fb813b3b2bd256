//! Working buffers for assessing one learner after another: what the steps need while they
//! run but the result does not keep. Each thread keeps one set and reuses it, so a cohort
//! allocates them once instead of once per learner; they never hold more than the largest
//! record needs (and are trimmed back after a very large one), so memory stays flat.

use super::{ledger, levels, status};
use std::cell::RefCell;

/// Buffers for one assessment at a time, one set per step.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub ledger: ledger::Buffers,
    pub levels: levels::Buffers,
    pub status: status::Buffers,
}

/// Buffers of more entries than this are given back after use.
const KEEP: usize = 1 << 16;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Runs `f` with this thread's buffers (fresh ones if they are in use or already gone).
pub(crate) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = SCRATCH
        .try_with(|cell| {
            cell.try_borrow_mut()
                .map(|mut kept| std::mem::take(&mut *kept))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let result = f(&mut scratch);
    scratch.ledger.trim(KEEP);
    scratch.levels.trim(KEEP);
    scratch.status.trim(KEEP);
    let _ = SCRATCH.try_with(|cell| {
        if let Ok(mut kept) = cell.try_borrow_mut() {
            *kept = scratch;
        }
    });
    result
}
