//! The bound on documents read with full YAML.
//!
//! `yaml_serde` turns a whole document into a vector of libyaml events before it deserializes
//! anything: about 36 times the document in memory. The fast path (`fast.rs`) reads large
//! documents in the plain block style without that vector; a document it cannot read (an
//! anchor, an alias, a tag, a tab, a carriage return, a multi-line flow collection, or any
//! document of a stream of several) goes to `yaml_serde`, and so may be at most
//! [`Limits::max_full_yaml_bytes`](super::Limits::max_full_yaml_bytes). A larger one is a
//! `document-too-large` finding, found here from the text's document markers before
//! `yaml_serde` reads it.

/// A document larger than the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Oversized {
    /// Its index in the stream.
    pub(crate) document: usize,
    /// The byte offset of its first line: its `---`, or its first content.
    pub(crate) start: usize,
    /// Its size in bytes, up to the next document.
    pub(crate) bytes: usize,
}

/// The first document of `text` larger than `max` bytes.
///
/// A document's size is the bytes of its lines past their indentation, leaving out blank
/// lines and lines that are only a comment: the events `yaml_serde` holds grow with the
/// nodes, and neither comments nor indentation make any (a 4 MB comment must not hide the
/// syntax error after it, nor deep indentation the nesting error). Lines in a block scalar
/// that start with `#` are left out too; a scalar is one event, about its own size, so that
/// costs nothing.
pub(crate) fn oversized_document(text: &str, max: usize) -> Option<Oversized> {
    if text.len() <= max {
        return None;
    }
    documents(text)
        .enumerate()
        .find(|(_, d)| d.bytes > max)
        .map(|(document, d)| Oversized {
            document,
            start: d.start,
            bytes: d.bytes,
        })
}

/// One document found by [`documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    /// The byte offset of its first line.
    start: usize,
    /// The bytes of its lines past their indentation, blank and comment lines left out.
    bytes: usize,
}

/// The documents of `text`, found by their markers in a line by line scan as libyaml finds
/// them: a line starting `---` then a blank starts a document, a line starting `...` then a
/// blank ends one, and content after an end (or at the top) starts an implicit one. Comments,
/// blank lines and directives (`%`) outside a document belong to none. A marker inside a
/// quoted scalar or a flow collection is a syntax error for libyaml, which stops there.
fn documents(text: &str) -> impl Iterator<Item = Found> + '_ {
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0;
    let mut open: Option<Found> = None;
    std::iter::from_fn(move || {
        for line in lines.by_ref() {
            let here = offset;
            offset += line.len();
            let counted = if is_content(line) {
                line.trim_start_matches([' ', '\t']).len()
            } else {
                0
            };
            if marker(line, "---") {
                let new = Found {
                    start: here,
                    bytes: line.len(),
                };
                if let Some(done) = open.replace(new) {
                    return Some(done);
                }
            } else if marker(line, "...") {
                if let Some(mut done) = open.take() {
                    done.bytes += line.len();
                    return Some(done);
                }
            } else if let Some(current) = &mut open {
                current.bytes += counted;
            } else if counted > 0 && !line.starts_with('%') {
                open = Some(Found {
                    start: here,
                    bytes: counted,
                });
            }
        }
        open.take()
    })
}

/// Whether `line` is the document marker `mark`: at the line's start, then a blank or the end.
fn marker(line: &str, mark: &str) -> bool {
    line.strip_prefix(mark)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
}

/// Whether `line` is more than blanks and a comment.
fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    !(trimmed.is_empty() || trimmed.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start and counted size of every document.
    fn found(text: &str) -> Vec<(usize, usize)> {
        documents(text).map(|d| (d.start, d.bytes)).collect()
    }

    #[test]
    fn documents_are_found_by_their_markers() {
        assert_eq!(found("a: 1\n"), [(0, 5)]);
        // Leading comments and a directive belong to no document.
        assert_eq!(found("# c\n%YAML 1.1\n---\na: 1\n"), [(14, 9)]);
        // An implicit document, then an explicit one.
        assert_eq!(found("a: 1\n---\nb: 2\n"), [(0, 5), (5, 9)]);
        // `...` ends a document; content after it starts the next.
        assert_eq!(found("a: 1\n...\n# c\nb: 2\n"), [(0, 9), (13, 5)]);
        // `---x` is not a marker; `--- |` is; two markers make an empty document.
        assert_eq!(found("a: ---x\n---x: 1\n"), [(0, 16)]);
        assert_eq!(found("--- |\n  text\n"), [(0, 11)]);
        assert_eq!(found("---\n---\na: 1\n"), [(0, 4), (4, 9)]);
        // Comment lines, blank lines and indentation inside a document are not counted.
        assert_eq!(
            found("a: 1\n# a comment\n\n  # another\nb: 2 # counted\n"),
            [(0, 20)]
        );
    }

    #[test]
    fn the_first_document_over_the_bound_is_named_with_its_index() {
        let big = format!("values: [{}]\n", "x, ".repeat(100));
        let text = format!("# head\nkind: framework\n---\n{big}---\nid: small\n");
        assert_eq!(
            oversized_document(&text, 100),
            Some(Oversized {
                document: 1,
                start: 23,
                bytes: 4 + big.len(),
            })
        );
        // Under the bound, or a text no larger than it: nothing.
        assert_eq!(oversized_document(&text, 400), None);
        assert_eq!(
            oversized_document("a: 1\n", 4),
            Some(Oversized {
                document: 0,
                start: 0,
                bytes: 5
            })
        );
        assert_eq!(oversized_document("a: 1\n", 5), None);
        // Explicit documents with an end marker each.
        let text = format!("---\na: 1\n...\n---\n{big}...\n");
        assert_eq!(oversized_document(&text, 100).map(|o| o.document), Some(1));
        // A large comment does not make a document large.
        let text = format!("a: 1\n#{}\nb: [\n", "c".repeat(1000));
        assert_eq!(oversized_document(&text, 100), None);
    }
}
