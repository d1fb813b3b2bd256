//! Where each document of a YAML stream starts, for naming a record by its line.

/// The line (from 1) where each document of `text` starts: its `---` marker, or its first
/// content for an implicit document. One streaming pass of the span-aware parser; nothing is
/// kept but the lines. Stops at a syntax error (documents after it are not found), and at a
/// panic of the parser (see [`super::guard`]).
pub(crate) fn document_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let _ = super::guard(|| {
        for event in saphyr_parser::Parser::new_from_str(text) {
            match event {
                Ok((saphyr_parser::Event::DocumentStart(_), span)) => lines.push(span.start.line()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_and_explicit_documents() {
        assert_eq!(
            document_lines("# c\na: 1\n---\nb: 2\n\n--- \nc: 3\n"),
            [2, 3, 6]
        );
        assert_eq!(document_lines("{\"a\": 1}"), [1]);
        assert!(document_lines("").is_empty());
    }
}
