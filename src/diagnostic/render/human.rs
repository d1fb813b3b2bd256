use super::display_path;
use crate::diagnostic::LineIndex;
use crate::diagnostic::{Diagnostic, Sources, Span, escaped_width, push_escaped, sanitize};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// The most characters of a source line a snippet shows: a window around the span, with `…`
/// where the line goes on.
pub const SNIPPET_WIDTH: usize = 120;

/// Of [`SNIPPET_WIDTH`], how many characters before the span a cut line keeps.
const SNIPPET_LEAD: usize = 40;

/// Renders diagnostics like rustc: a header, the location, and, when the source is known, the
/// line with a caret under the span.
///
/// Messages, notes and paths are passed through [`sanitize`], and the snippet shows at most
/// [`SNIPPET_WIDTH`] characters of its line, escaped the same way, so neither a long line nor
/// a control character in the input reaches the terminal whole.
pub fn human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    // One line index per source file, built on first use: finding a line costs O(log n).
    let mut indexes: HashMap<&Path, LineIndex<'_>> = HashMap::new();
    for diagnostic in diagnostics {
        let source = diagnostic
            .file
            .as_deref()
            .and_then(|f| Some((f, sources.get(f)?)));
        let index = source
            .map(|(file, text)| &*indexes.entry(file).or_insert_with(|| LineIndex::new(text)));
        render_one(&mut out, diagnostic, index);
        out.push('\n');
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, index: Option<&LineIndex<'_>>) {
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        d.severity.as_str(),
        d.code,
        sanitize(&d.message)
    );
    let file = display_path(d.file.as_deref());
    match d.span {
        Some(span) => {
            let gutter = span.line.to_string().len();
            let _ = writeln!(
                out,
                "{:gutter$}--> {file}:{}:{}",
                "", span.line, span.column
            );
            if let Some(index) = index {
                snippet(out, gutter, index, span);
            }
        }
        None => {
            let _ = writeln!(out, " --> {file}");
        }
    }
    if !d.path.is_root() {
        let _ = writeln!(out, "  = at: {}", sanitize(&d.path.to_string()));
    }
    for related in &d.related {
        let file = display_path(related.file.as_deref().or(d.file.as_deref()));
        let message = sanitize(&related.message);
        match related.span {
            Some(s) => {
                let _ = writeln!(out, "  = note: {message}: {file}:{}:{}", s.line, s.column);
            }
            None => {
                let _ = writeln!(
                    out,
                    "  = note: {message}: {file} at {}",
                    sanitize(&related.path.to_string())
                );
            }
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {}", sanitize(help));
    }
}

/// Writes the span's line, or a window of it, with carets under the span.
fn snippet(out: &mut String, gutter: usize, index: &LineIndex<'_>, span: Span) {
    let Some(line_start) = index.line_start(span.line) else {
        return;
    };
    let text = index.text();
    let line_end = index.line_end(line_start);
    // The byte offsets agree with line and column when the span came from a `LineIndex`;
    // otherwise count the column from the line's start.
    let start =
        if (line_start..=line_end).contains(&span.start) && text.is_char_boundary(span.start) {
            span.start
        } else {
            index
                .offset_at(span.line, span.column)
                .unwrap_or(line_start)
        };
    let end = if span.end_line != span.line {
        line_end
    } else if (start..=line_end).contains(&span.end) && text.is_char_boundary(span.end) {
        span.end
    } else {
        index
            .offset_at(span.line, span.end_column)
            .unwrap_or(line_end)
            .max(start)
    };
    let line = text.get(line_start..line_end).unwrap_or_default();
    // Offsets outside the line (a span from elsewhere) show no snippet rather than a wrong one.
    let (Some(at), Some(end_at)) = (start.checked_sub(line_start), end.checked_sub(line_start))
    else {
        return;
    };
    let (from, to) = window(line, at);
    let (Some(before), Some(shown)) = (line.get(from..at), line.get(from..to)) else {
        return;
    };
    let mut shown_text = String::new();
    if from > 0 {
        shown_text.push('…');
    }
    for c in shown.chars() {
        push_escaped(&mut shown_text, c, true);
    }
    if to < line.len() {
        shown_text.push('…');
    }
    // Tabs keep the caret aligned when copied into the indent.
    let mut indent = String::from(if from > 0 { " " } else { "" });
    for c in before.chars() {
        if c == '\t' {
            indent.push('\t');
        } else {
            indent.extend(std::iter::repeat_n(' ', escaped_width(c, true)));
        }
    }
    let marked = line.get(at..end_at.min(to).max(at)).unwrap_or_default();
    let carets = marked
        .chars()
        .map(|c| escaped_width(c, true))
        .sum::<usize>()
        .max(1);
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{} | {shown_text}", span.line);
    let _ = writeln!(out, "{:gutter$} | {indent}{}", "", "^".repeat(carets));
}

/// The byte range of `line` to show for a span from `start` (an offset in the line):
/// all of it when it is short, or [`SNIPPET_WIDTH`] characters from a little before `start`.
fn window(line: &str, start: usize) -> (usize, usize) {
    if line.chars().nth(SNIPPET_WIDTH).is_none() {
        return (0, line.len());
    }
    let before = line.get(..start).unwrap_or_default();
    let from = before
        .char_indices()
        .rev()
        .nth(SNIPPET_LEAD - 1)
        .map_or(0, |(at, _)| at);
    let rest = line.get(from..).unwrap_or_default();
    let to = rest
        .char_indices()
        .nth(SNIPPET_WIDTH)
        .map_or(line.len(), |(at, _)| from + at);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, DocPath};

    fn render(text: &str, start: usize, end: usize) -> String {
        let index = LineIndex::new(text);
        let mut d = Diagnostic::new(Code::WrongType, DocPath::root(0), "m");
        d.file = Some("f.yaml".into());
        d.span = Some(index.span(start, end));
        let mut sources = Sources::new();
        sources.insert("f.yaml".into(), text.to_owned());
        human(&[d], &sources)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(
            render("a: 1\nkey: value\n", 10, 15),
            "error[wrong-type]: m\n --> f.yaml:2:6\n  |\n2 | key: value\n  |      ^^^^^\n\n"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_span() {
        let line = format!(
            "values: [{}BAD{}]",
            "x, ".repeat(5_000_000),
            ", y".repeat(1000)
        );
        let at = line.find("BAD").unwrap_or(0);
        let out = render(&line, at, at + 3);
        let shown = out.lines().nth(3).unwrap_or_default();
        let carets = out.lines().nth(4).unwrap_or_default();
        assert!(shown.len() < SNIPPET_WIDTH * 2, "{shown}");
        assert!(
            shown.starts_with("1 | …") && shown.ends_with('…'),
            "{shown}"
        );
        let column =
            |s: &str, at: Option<usize>| at.and_then(|at| Some(s.get(..at)?.chars().count()));
        assert_eq!(
            column(carets, carets.find('^')),
            column(shown, shown.find("BAD")),
            "{out}"
        );
        assert!(carets.ends_with("^^^"));
    }

    #[test]
    fn control_and_bidi_characters_are_escaped_in_snippets() {
        let text = "title: a\u{202e}b: c\u{1b}[2J\n";
        let out = render(text, 7, 8);
        assert!(out.contains("a\\u{202e}b: c\\u{1b}[2J"), "{out}");
        assert!(!out.contains('\u{202e}') && !out.contains('\u{1b}'));
    }
}
