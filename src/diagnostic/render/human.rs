use super::display_path;
use crate::diagnostic::{Diagnostic, Sources, Span};
use std::fmt::Write;

/// Renders diagnostics like rustc: a header, the location, and, when the source is known, the
/// line with a caret under the span.
pub fn human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        render_one(&mut out, diagnostic, sources);
        out.push('\n');
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources) {
    let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
    let file = display_path(d.file.as_deref());
    let source = d.file.as_deref().and_then(|f| sources.get(f));
    match d.span {
        Some(span) => {
            let gutter = span.line.to_string().len();
            let _ = writeln!(
                out,
                "{:gutter$}--> {file}:{}:{}",
                "", span.line, span.column
            );
            if let Some(line) = source.and_then(|s| s.lines().nth(span.line.saturating_sub(1))) {
                snippet(out, gutter, line, span);
            }
        }
        None => {
            let _ = writeln!(out, " --> {file}");
        }
    }
    if !d.path.is_root() {
        let _ = writeln!(out, "  = at: {}", d.path);
    }
    for related in &d.related {
        let file = display_path(related.file.as_deref().or(d.file.as_deref()));
        match related.span {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "  = note: {}: {file}:{}:{}",
                    related.message, s.line, s.column
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  = note: {}: {file} at {}",
                    related.message, related.path
                );
            }
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
}

fn snippet(out: &mut String, gutter: usize, line: &str, span: Span) {
    let line = line.trim_end_matches('\r');
    let width = line.chars().count();
    let start = span.column.saturating_sub(1).min(width);
    let end = if span.end_line == span.line {
        span.end_column
            .saturating_sub(1)
            .clamp(start + 1, width.max(start + 1))
    } else {
        width.max(start + 1)
    };
    // Tabs keep the caret aligned when copied into the indent.
    let indent: String = line
        .chars()
        .take(start)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{} | {line}", span.line);
    let _ = writeln!(out, "{:gutter$} | {indent}{}", "", "^".repeat(end - start));
}
