//! The assessment as JSON: stable snake_case field names, kebab-case values, framework order,
//! weights as exact decimals. Its schema is committed as `schema/report.schema.json`.

use crate::assess::Assessment;

/// The assessment, pretty-printed, with a trailing newline.
pub fn render(assessment: &Assessment<'_>) -> String {
    // Serialising plain structs of strings and integers cannot fail.
    let mut text = serde_json::to_string_pretty(assessment).unwrap_or_default();
    text.push('\n');
    text
}

/// The assessment on one line (for JSON Lines output of cohorts).
pub fn render_line(assessment: &Assessment<'_>) -> String {
    let mut text = serde_json::to_string(assessment).unwrap_or_default();
    text.push('\n');
    text
}
