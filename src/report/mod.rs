//! Reports of an [`Assessment`](crate::assess::Assessment): JSON for programs, Markdown as a
//! development plan for the learner and supervisor. Both are deterministic: the same
//! assessment gives the same bytes.

pub mod json;
pub mod markdown;
