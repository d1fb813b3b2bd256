use crate::diagnostic::{Diagnostic, sanitize};

/// Renders diagnostics as one JSON array of objects with `code`, `severity`, `message`,
/// `file`, `path`, `span` (or null), `related` and, when there is one, `help`. Messages, notes
/// and help pass through [`sanitize`], as in every renderer.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.message = sanitize(&d.message);
            d.help = d.help.as_deref().map(sanitize);
            for related in &mut d.related {
                related.message = sanitize(&related.message);
            }
            d
        })
        .collect();
    // Serialising plain data with string keys cannot fail; fall back to an empty array anyway.
    serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".to_owned())
}
