//! Locations: line and column from byte offsets, and the span-aware second parse that maps a
//! [`DocPath`] to where it is in the text. Used only when a file has findings.

use crate::diagnostic::{Code, Diagnostic, DocPath, Segment, Span};

/// Byte offsets of line starts, to turn offsets into line and column.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Line and column (1-based, column in characters) of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The span of a byte range.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let (line, column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end.max(start));
        Span {
            line,
            column,
            end_line,
            end_column: if end_line == line {
                end_column.max(column + 1)
            } else {
                end_column
            },
            start,
            end: end.max(start),
        }
    }

    /// The span of the token at a 1-based line and column: to the end of the word.
    /// The span of a whole line (1-based), without its line break.
    pub(crate) fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = self.text.get(start..)?;
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        Some(self.span(start, start + len))
    }

    pub(crate) fn span_at_line_column(&self, line: usize, column: usize) -> Option<Span> {
        let start_of_line = *self.starts.get(line.checked_sub(1)?)?;
        let rest = self.text.get(start_of_line..)?;
        let column_offset: usize = rest
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let start = start_of_line + column_offset;
        let tail = self.text.get(start..).unwrap_or_default();
        if tail.starts_with(['[', '{']) {
            return Some(self.span(start, start + 1));
        }
        let len = tail
            .find(['\n', '\r', ':', ',', ']', '}'])
            .unwrap_or(tail.len());
        let len = tail.get(..len).map_or(0, |t| t.trim_end().len());
        Some(self.span(start, start + len.max(1).min(tail.len().max(1))))
    }
}

/// A YAML node with its byte range, from the span-aware parser.
#[derive(Debug)]
struct Node {
    start: usize,
    end: usize,
    value: NodeValue,
}

#[derive(Debug)]
enum NodeValue {
    Scalar(String),
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
    Other,
}

/// Spans of every node of a file's documents, for locating semantic findings.
pub(crate) struct SpanTree<'a> {
    index: LineIndex<'a>,
    documents: Vec<Node>,
    duplicates: Vec<Diagnostic>,
}

/// Deeper nodes are not recorded; the typed parse rejects such nesting anyway.
const MAX_SPAN_DEPTH: usize = 256;

impl<'a> SpanTree<'a> {
    /// Parses `text` with the span-aware parser. Parts after a syntax error are missing;
    /// lookups then fall back to the nearest ancestor that was recorded.
    pub(crate) fn build(text: &'a str) -> SpanTree<'a> {
        let index = LineIndex::new(text);
        let mut chars = CharCursor::new(text);
        let mut documents = Vec::new();
        // Open collections: the node being built and, for mappings, a pending key.
        let mut stack: Vec<(Node, Option<Node>)> = Vec::new();
        let mut skipped_depth = 0usize;
        for event in saphyr_parser::Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let start = chars.byte(span.start.index());
            let end = chars.byte(span.end.index());
            use saphyr_parser::Event;
            let leaf = match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    if stack.len() >= MAX_SPAN_DEPTH {
                        skipped_depth += 1;
                        continue;
                    }
                    let value = if matches!(event, Event::SequenceStart(..)) {
                        NodeValue::Sequence(Vec::new())
                    } else {
                        NodeValue::Mapping(Vec::new())
                    };
                    stack.push((Node { start, end, value }, None));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if skipped_depth > 0 {
                        skipped_depth -= 1;
                        continue;
                    }
                    let Some((mut node, _)) = stack.pop() else {
                        continue;
                    };
                    node.end = end.max(node.start);
                    node
                }
                Event::Scalar(value, ..) => Node {
                    start,
                    end,
                    value: NodeValue::Scalar(value.into_owned()),
                },
                Event::Alias(_) => Node {
                    start,
                    end,
                    value: NodeValue::Other,
                },
                _ => continue,
            };
            if skipped_depth > 0 {
                continue;
            }
            match stack.last_mut() {
                None => documents.push(leaf),
                Some((parent, pending)) => match &mut parent.value {
                    NodeValue::Sequence(items) => items.push(leaf),
                    NodeValue::Mapping(entries) => match pending.take() {
                        None => *pending = Some(leaf),
                        Some(key) => entries.push((key, leaf)),
                    },
                    _ => {}
                },
            }
        }
        let mut tree = SpanTree {
            index,
            documents,
            duplicates: Vec::new(),
        };
        tree.duplicates = tree.find_duplicate_keys();
        tree
    }

    /// Duplicate keys in any mapping, each with the first occurrence as related.
    pub(crate) fn duplicate_keys(&self) -> &[Diagnostic] {
        &self.duplicates
    }

    fn find_duplicate_keys(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (document, root) in self.documents.iter().enumerate() {
            let mut pending: Vec<(&Node, DocPath)> = vec![(root, DocPath::root(document))];
            while let Some((node, path)) = pending.pop() {
                match &node.value {
                    NodeValue::Mapping(entries) => {
                        let mut seen: std::collections::HashMap<&str, &Node> = Default::default();
                        for (key, value) in entries {
                            let name = match &key.value {
                                NodeValue::Scalar(s) => s.as_str(),
                                _ => continue,
                            };
                            let child = path.key(name);
                            if let Some(first) = seen.get(name) {
                                let mut related = DocPath::root(document);
                                related.segments.clone_from(&child.segments);
                                let mut d = Diagnostic::new(
                                    Code::DuplicateKey,
                                    child.clone().the_key(),
                                    format!("duplicate key `{name}` in the same mapping"),
                                )
                                .with_span(self.index.span(key.start, key.end));
                                d.related.push(crate::diagnostic::Related {
                                    message: "first used here".to_owned(),
                                    file: None,
                                    path: related.the_key(),
                                    span: Some(self.index.span(first.start, first.end)),
                                });
                                found.push(d);
                            } else {
                                seen.insert(name, key);
                            }
                            pending.push((value, child));
                        }
                    }
                    NodeValue::Sequence(items) => {
                        for (i, item) in items.iter().enumerate() {
                            pending.push((item, path.index(i)));
                        }
                    }
                    _ => {}
                }
            }
        }
        found
    }

    /// The span of the node at `path`, or of its nearest recorded ancestor.
    pub(crate) fn locate(&self, path: &DocPath) -> Option<Span> {
        let mut node = self.documents.get(path.document)?;
        let mut key_node: Option<&Node> = None;
        for segment in &path.segments {
            let next = match (&node.value, segment) {
                (NodeValue::Mapping(entries), Segment::Key(k)) => entries
                    .iter()
                    .find(|(key, _)| matches!(&key.value, NodeValue::Scalar(s) if s == k))
                    .map(|(key, value)| (Some(key), value)),
                (NodeValue::Sequence(items), Segment::Index(i)) => items.get(*i).map(|v| (None, v)),
                _ => None,
            };
            match next {
                Some((key, value)) => {
                    key_node = key;
                    node = value;
                }
                None => {
                    key_node = None;
                    break;
                }
            }
        }
        let target = match key_node {
            Some(key) if path.at_key => key,
            _ => node,
        };
        Some(self.span_of(target))
    }

    fn span_of(&self, node: &Node) -> Span {
        // A block collection's span runs to the next sibling; point at its first line.
        let end = match &node.value {
            NodeValue::Scalar(_) | NodeValue::Other => node.end,
            _ => {
                let text = self
                    .index
                    .text
                    .get(node.start..node.end)
                    .unwrap_or_default();
                node.start + text.find('\n').unwrap_or(text.len())
            }
        };
        self.index.span(node.start, end)
    }
}

/// Converts the span parser's character offsets into byte offsets, walking forward.
struct CharCursor<'a> {
    text: &'a str,
    char_index: usize,
    byte_index: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor {
            text,
            char_index: 0,
            byte_index: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if char_index < self.char_index {
            self.char_index = 0;
            self.byte_index = 0;
        }
        let rest = self.text.get(self.byte_index..).unwrap_or_default();
        let advance: usize = rest
            .chars()
            .take(char_index - self.char_index)
            .map(char::len_utf8)
            .sum();
        self.byte_index += advance;
        self.char_index = char_index;
        self.byte_index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_paths_and_falls_back() {
        let text = "a: 1\nlist:\n  - id: x\n  - id: \"é\"\n";
        let tree = SpanTree::build(text);
        let at = |p: DocPath| tree.locate(&p).map(|s| (s.line, s.column));
        assert_eq!(
            at(DocPath::root(0).key("list").index(1).key("id")),
            Some((4, 9))
        );
        assert_eq!(
            at(DocPath::root(0).key("list").index(1).key("id").the_key()),
            Some((4, 5))
        );
        assert_eq!(
            at(DocPath::root(0).key("list").index(7).key("id")),
            Some((3, 3))
        );
    }

    #[test]
    fn finds_duplicate_keys_with_first_location() {
        let tree = SpanTree::build("a: 1\nm:\n  x: 1\n  x: 2\n");
        let found = tree.duplicate_keys();
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.span.map(|s| (s.line, s.column)), Some((4, 3)));
        assert_eq!(d.related[0].span.map(|s| s.line), Some(3));
    }
}
