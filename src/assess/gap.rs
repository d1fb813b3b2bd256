//! A gap as the result keeps it: a few integers, and the lists its numbers point into. What
//! a gap says, and its next step in words, is [`gaps`](super::gaps)'s work.

use super::position::{LevelRank, Span};
use crate::model::Date;

/// A gap as stored: numbers and spans of the owning [`GapStore`]'s list arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GapData {
    Level {
        achieved: Option<LevelRank>,
    },
    /// In thousandths.
    Weight {
        have: u64,
        need: u64,
    },
    Items {
        have: u32,
        need: u32,
    },
    /// The independent kinds are the framework's, in policy order.
    Independent,
    /// The roles the rule asks for, as a set of `AssessorRole::bit`s.
    Assessor {
        roles: u16,
    },
    /// Indicator indices of the competency.
    Indicators {
        missing: Span,
        /// Whether the rule requires them (`require_indicators`), or they are listed as
        /// abilities still to show.
        required: bool,
    },
    /// Item indices, by date then id.
    Expired {
        evidence: Span,
    },
    /// Positions, in framework order.
    Prerequisites {
        competencies: Span,
    },
    /// An item index, and its date.
    NotYet {
        item: u32,
        date: Date,
    },
}

/// Where gaps and their lists live: in the frame for the shared gaps, in the assessment for
/// a learner's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GapStore {
    pub gaps: Vec<GapData>,
    /// Item indices, positions and indicator indices, as the gaps' spans say.
    pub lists: Vec<u32>,
    /// Each gap's next step, when kept in words (shared gaps; a report read back); empty
    /// when worded on reading.
    pub words: Vec<String>,
}

impl GapStore {
    pub fn push(&mut self, gap: GapData) {
        self.gaps.push(gap);
    }

    pub fn list(&mut self, items: impl IntoIterator<Item = u32>) -> Span {
        Span::push(&mut self.lists, items)
    }
}

/// The lists and gaps of the competencies with a result of their own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Details {
    /// Their gaps, and the item lists the details point into.
    pub store: GapStore,
    /// Parallel to the assessment's `own`.
    pub own: Vec<OwnDetails>,
}

/// Where one competency's lists and gaps are, in the details' store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OwnDetails {
    /// Item indices in the lists, by date then id.
    pub evidence: Span,
    pub gaps: Span,
    /// Item indices in the lists.
    pub related: Span,
}
