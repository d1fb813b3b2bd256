//! Reports of an [`Assessment`](crate::assess::Assessment): JSON for programs, Markdown as a
//! development plan for the learner and supervisor, and the same plan as a self-contained,
//! printable HTML page; plus an HTML cohort page built from small per-learner rows
//! ([`cohort::Cohort`]), and CSV tables of all three for spreadsheets ([`csv`]: competencies,
//! the ledger, the cohort matrix). All are deterministic: the same input gives the same bytes.

pub mod cohort;
pub mod csv;
mod escape;
pub mod html;
pub mod json;
pub mod line;
pub mod markdown;
mod words;

pub use words::summary_line;

/// What a writer of JSON puts into memory, as a string: a report of plain strings and
/// integers written to a `Vec` cannot fail, and would it, the result is one empty line.
fn to_string(capacity: usize, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut bytes = Vec::with_capacity(capacity);
    if write(&mut bytes).is_err() {
        bytes.clear();
        bytes.push(b'\n');
    }
    String::from_utf8(bytes).unwrap_or_default()
}
