use crate::diagnostic::Diagnostic;

/// Renders diagnostics as one JSON array of objects with `code`, `severity`, `message`,
/// `file`, `path`, `span` (or null), `related` and, when there is one, `help`.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    // Serialising plain data with string keys cannot fail; fall back to an empty array anyway.
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_owned())
}
