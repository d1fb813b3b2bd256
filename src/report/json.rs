//! The assessment as JSON: stable snake_case field names, kebab-case values, framework order,
//! weights as exact decimals. Its schema is committed as `schema/report.schema.json`.

use crate::assess::Assessment;
use std::io;

/// The assessment, pretty-printed, with a trailing newline.
pub fn render(assessment: &Assessment) -> String {
    super::to_string(16 * 1024, |bytes| write(bytes, assessment))
}

/// The assessment on one line (for JSON Lines output of cohorts).
pub fn render_line(assessment: &Assessment) -> String {
    super::to_string(8 * 1024, |bytes| write_line(bytes, assessment))
}

/// Writes the assessment, pretty-printed, with a trailing newline, straight to `out` (no
/// intermediate string). Pass a buffered writer.
pub fn write<W: io::Write>(mut out: W, assessment: &Assessment) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, assessment)?;
    out.write_all(b"\n")
}

/// Writes the assessment on one line, with a trailing newline, straight to `out`: for JSON
/// Lines output of cohorts, one learner at a time. Pass a buffered writer.
pub fn write_line<W: io::Write>(mut out: W, assessment: &Assessment) -> io::Result<()> {
    serde_json::to_writer(&mut out, assessment)?;
    out.write_all(b"\n")
}
