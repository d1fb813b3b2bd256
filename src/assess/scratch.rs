//! Working buffers for assessing one learner after another: what the steps need while they
//! run but the result does not keep. Each thread keeps one set and reuses it, so a cohort
//! allocates them once instead of once per learner; they never hold more than the largest
//! record needs (and are trimmed back after a very large one), so memory stays flat.

use super::ledger::Noted;
use super::levels::{Contribution, Evidenced};
use super::plan::Key;
use super::position::{LevelRank, Position};
use std::cell::RefCell;

/// Buffers for one assessment at a time.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Step 1: item ids as keys, to find repeated ids.
    pub keys: Vec<(Key, u32)>,
    /// Step 1: whether each item repeats an earlier id.
    pub duplicates: Vec<bool>,
    /// Step 1: expired, not-yet and related entries on known competencies.
    pub noted: Vec<Noted>,
    /// Step 2: the first and last counted entry per competency (kept all empty between
    /// uses), the next entry of each, and the competencies touched.
    pub head: Vec<u32>,
    pub tail: Vec<u32>,
    pub next: Vec<u32>,
    pub touched: Vec<u32>,
    /// Step 3: sort keys.
    pub order: Vec<u64>,
    /// Step 2.
    pub contributions: Vec<Contribution>,
    /// Step 2.
    pub evidenced: Vec<Evidenced>,
    /// Step 2: the achieved level of every competency, by position.
    pub achieved: Vec<Option<LevelRank>>,
    /// Step 3: whether every competency is met, by position.
    pub met: Vec<bool>,
    /// Step 3: the competencies worked out again.
    pub recompute: Vec<Position>,
}

/// Buffers of more entries than this are given back after use.
const KEEP: usize = 1 << 16;

impl Scratch {
    fn trim(&mut self) {
        fn trim<T>(v: &mut Vec<T>) {
            if v.capacity() > KEEP {
                v.clear();
                v.shrink_to(KEEP / 16);
            }
        }
        trim(&mut self.keys);
        trim(&mut self.duplicates);
        trim(&mut self.noted);
        trim(&mut self.order);
        trim(&mut self.next);
        trim(&mut self.touched);
        if self.head.capacity() > KEEP {
            // Emptied: the next use sizes them again.
            self.head = Vec::new();
            self.tail = Vec::new();
        }
        trim(&mut self.contributions);
        trim(&mut self.evidenced);
        trim(&mut self.achieved);
        trim(&mut self.met);
        trim(&mut self.recompute);
    }
}

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
    scratch.trim();
    let _ = SCRATCH.try_with(|cell| {
        if let Ok(mut kept) = cell.try_borrow_mut() {
            *kept = scratch;
        }
    });
    result
}

/// An emptied buffer taken from `v`, to be given back (with its capacity) when done.
pub(crate) fn take<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}
