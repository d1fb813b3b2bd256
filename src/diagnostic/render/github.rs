use super::display_path;
use crate::diagnostic::{Diagnostic, Severity, sanitize};
use std::fmt::Write;

/// How many annotations of each severity GitHub shows for one step; more are dropped by it.
pub const GITHUB_ANNOTATION_LIMIT: usize = 10;

/// Renders GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
///
/// GitHub shows at most ten errors and ten warnings per step, so the rest are not emitted as
/// annotations; a final `::notice` line says how many were left out and where to read them.
pub fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings, mut omitted) = (0usize, 0usize, 0usize);
    for d in diagnostics {
        let count = match d.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
        };
        *count += 1;
        if *count > GITHUB_ANNOTATION_LIMIT {
            omitted += 1;
            continue;
        }
        let mut properties = format!("file={}", escape_property(&display_path(d.file.as_deref())));
        if let Some(span) = d.span {
            let _ = write!(
                properties,
                ",line={},col={},endLine={},endColumn={}",
                span.line, span.column, span.end_line, span.end_column
            );
        }
        let _ = write!(properties, ",title={}", escape_property(d.code.as_str()));
        let mut message = format!("{} [{}]", sanitize(&d.message), d.code);
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {}", sanitize(help));
        }
        let _ = writeln!(
            out,
            "::{} {properties}::{}",
            d.severity.as_str(),
            escape_data(&message)
        );
    }
    if omitted > 0 {
        let _ = writeln!(
            out,
            "::notice title=competence::{}",
            escape_data(&format!(
                "{omitted} more diagnostics not shown as annotations (GitHub shows {GITHUB_ANNOTATION_LIMIT} per severity); {errors} errors and {warnings} warnings in all. Run `competence check` to see every one."
            ))
        );
    }
    out
}

/// Escapes the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, DocPath};

    #[test]
    fn escapes_and_caps() {
        let mut d = Diagnostic::new(Code::DuplicateId, DocPath::root(0), "a%b\nc");
        d.file = Some("x,y:z.yaml".into());
        let out = github(std::slice::from_ref(&d));
        assert_eq!(
            out,
            // A line break in a message is shown escaped, as every renderer does.
            "::error file=x%2Cy%3Az.yaml,title=duplicate-id::a%25b\\nc [duplicate-id]\n"
        );
        let many = vec![d; 12];
        let out = github(&many);
        assert_eq!(out.lines().filter(|l| l.starts_with("::error")).count(), 10);
        assert!(
            out.lines()
                .last()
                .is_some_and(|l| l.starts_with("::notice") && l.contains("2 more"))
        );
    }
}
