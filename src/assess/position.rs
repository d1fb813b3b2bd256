//! The small index types assessment works with instead of ids: where a competency sits in the
//! framework, where a level sits on the scale, and a run of entries in one of the result's
//! arenas. Ids are turned into these once, when a claim is read; everything after compares
//! integers.
//!
//! They are 32 bits wide: a framework or record within [`Limits`](crate::Limits) has far fewer
//! than 2^32 competencies, levels or claims, and a wider count saturates rather than wraps
//! (lookups with a saturated index find nothing; nothing panics).

/// A competency's position in the framework: its index counting across domains, in framework
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Position(u32);

impl Position {
    pub(crate) fn new(index: usize) -> Position {
        Position(narrow(index))
    }

    pub(crate) fn index(self) -> usize {
        widen(self.0)
    }
}

/// A level's rank on the framework's scale: 0 for the lowest. A target off the scale (which
/// validation reports) has the rank one past the highest, so no evidence reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct LevelRank(u32);

impl LevelRank {
    pub(crate) const LOWEST: LevelRank = LevelRank(0);

    pub(crate) fn new(index: usize) -> LevelRank {
        LevelRank(narrow(index))
    }

    pub(crate) fn index(self) -> usize {
        widen(self.0)
    }
}

/// A run `start..end` of one of the arenas a result keeps its lists in (so a list costs no
/// allocation of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Appends `items` to `arena` and returns where they went.
    pub(crate) fn push<T>(arena: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> Span {
        let start = narrow(arena.len());
        arena.extend(items);
        Span {
            start,
            end: narrow(arena.len()),
        }
    }

    /// The span of indices `range`.
    pub(crate) fn new(range: std::ops::Range<usize>) -> Span {
        Span {
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    /// The span from `start` to the end of `arena` (what was pushed since `start`).
    pub(crate) fn since<T>(arena: &[T], start: usize) -> Span {
        Span {
            start: narrow(start),
            end: narrow(arena.len()),
        }
    }

    /// The entries of `arena` in this span (none if it is out of range).
    pub(crate) fn of<T>(self, arena: &[T]) -> &[T] {
        arena
            .get(widen(self.start)..widen(self.end))
            .unwrap_or_default()
    }

    /// Where it starts.
    pub(crate) fn start(self) -> usize {
        widen(self.start)
    }

    pub(crate) fn len(self) -> usize {
        widen(self.end.saturating_sub(self.start))
    }

    pub(crate) fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// An index as stored: 32 bits, saturating.
pub(crate) fn narrow(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// A stored index as a `usize`.
pub(crate) fn widen(index: u32) -> usize {
    usize::try_from(index).unwrap_or(usize::MAX)
}
