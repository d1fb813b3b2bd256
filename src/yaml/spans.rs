//! Locations: line and column from byte offsets, and the span-aware second parse that maps a
//! [`DocPath`] to where it is in the text. Used only when a file has findings.
//!
//! Both are linear in the text: [`LineIndex`] (in `diagnostic`, since renderers use it too)
//! answers every question in `O(log n)`, and [`SpanTree`] records only the documents that
//! have findings, in flat arrays.

#[cfg(test)]
use crate::diagnostic::{Code, Diagnostic};
use crate::diagnostic::{DocPath, LineIndex, Segment, Span};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// A YAML node of the span tree: its byte range and, for a collection, where its children are
/// listed in [`SpanTree::children`] (mappings list key, value, key, value, …).
#[derive(Debug, Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    first: u32,
    count: u32,
    kind: NodeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Scalar,
    Sequence,
    Mapping,
    /// An alias, or a subtree too deep to record.
    Other,
}

/// Spans of the nodes of some documents of a file, for locating semantic findings.
pub(crate) struct SpanTree<'a> {
    index: LineIndex<'a>,
    nodes: Vec<Node>,
    children: Vec<u32>,
    /// Keys whose value differs from their source text (quoted, escaped, folded).
    keys: HashMap<u32, Box<str>>,
    /// The root node of each document that was recorded, by stream index.
    documents: Vec<Option<u32>>,
    /// Where each document the span parser reached starts.
    document_starts: Vec<usize>,
    /// For large mappings looked up in: key to the index of the value node.
    lookups: RefCell<HashMap<u32, HashMap<String, u32>>>,
}

/// Deeper nodes are not recorded; the typed parse rejects such nesting anyway.
pub(super) const MAX_SPAN_DEPTH: usize = 256;

/// Mappings with more entries than this are searched through a hash map built once.
const LINEAR_LOOKUP: u32 = 32;

/// A collection being built: its node and where its children start on the pending stack.
struct Open {
    node: u32,
    base: usize,
}

impl<'a> SpanTree<'a> {
    /// Parses every document of `text`, up to the default document limit.
    pub(crate) fn build(text: &'a str) -> SpanTree<'a> {
        SpanTree::parse(text, &|_| true, super::Limits::default().max_documents)
    }

    /// Parses `text` with the span-aware parser, recording only the documents in `wanted`
    /// and stopping after the last of them. Parts after a syntax error are missing (what was
    /// open when it stopped is kept); lookups then fall back to the nearest ancestor recorded,
    /// or to the document's first line.
    pub(crate) fn build_for(text: &'a str, wanted: &BTreeSet<usize>) -> SpanTree<'a> {
        match wanted.last() {
            Some(&last) => SpanTree::parse(text, &|d| wanted.contains(&d), last),
            None => SpanTree::parse(text, &|_| false, 0),
        }
    }

    fn parse(text: &'a str, wanted: &dyn Fn(usize) -> bool, last: usize) -> SpanTree<'a> {
        let mut tree = SpanTree {
            index: LineIndex::new(text),
            nodes: Vec::new(),
            children: Vec::new(),
            keys: HashMap::new(),
            documents: Vec::new(),
            document_starts: Vec::new(),
            lookups: RefCell::new(HashMap::new()),
        };
        // A panic in the span parser only loses locations.
        let built = super::guard(|| tree.record(wanted, last));
        if built.is_err() {
            tree.documents.iter_mut().for_each(|d| *d = None);
        }
        tree
    }

    fn record(&mut self, wanted: &dyn Fn(usize) -> bool, last: usize) {
        use saphyr_parser::Event;
        let text = agreeable(self.index.text());
        let text = text.as_ref();
        let mut open: Vec<Open> = Vec::new();
        let mut pending: Vec<u32> = Vec::new();
        let mut skipped_depth = 0usize;
        let mut recording = false;
        let mut stopped_at = text.len();
        for event in saphyr_parser::Parser::new_from_str(text) {
            let (event, span) = match event {
                Ok(found) => found,
                Err(e) => {
                    stopped_at = self.index.byte_of_char(e.marker().index());
                    break;
                }
            };
            let start = self.index.byte_of_char(span.start.index());
            let end = self.index.byte_of_char(span.end.index()).max(start);
            let (kind, value) = match event {
                Event::DocumentStart(..) => {
                    let document = self.document_starts.len();
                    if document > last {
                        return;
                    }
                    self.document_starts.push(start);
                    self.documents.push(None);
                    recording = wanted(document);
                    continue;
                }
                _ if !recording => continue,
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    if open.len() >= MAX_SPAN_DEPTH || skipped_depth > 0 {
                        if skipped_depth == 0 {
                            // The whole deep subtree stands as one node, so keys and values
                            // still alternate in its parent.
                            self.leaf(&open, &mut pending, start, end, NodeKind::Other, None);
                        }
                        skipped_depth += 1;
                        continue;
                    }
                    let kind = if matches!(event, Event::SequenceStart(..)) {
                        NodeKind::Sequence
                    } else {
                        NodeKind::Mapping
                    };
                    let Some(node) = self.push(start, end, kind) else {
                        return;
                    };
                    open.push(Open {
                        node,
                        base: pending.len(),
                    });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if skipped_depth > 0 {
                        skipped_depth -= 1;
                        continue;
                    }
                    self.close(&mut open, &mut pending, end);
                    continue;
                }
                _ if skipped_depth > 0 => continue,
                Event::Scalar(value, ..) => (NodeKind::Scalar, Some(value)),
                Event::Alias(_) => (NodeKind::Other, None),
                _ => continue,
            };
            self.leaf(&open, &mut pending, start, end, kind, value.as_deref());
        }
        // Keep what was open when the parser stopped: its nearest ancestors locate findings.
        while !open.is_empty() {
            self.close(&mut open, &mut pending, stopped_at);
        }
    }

    /// Adds a node; `None` when the tree is full (more nodes than `u32` counts).
    fn push(&mut self, start: usize, end: usize, kind: NodeKind) -> Option<u32> {
        let index = u32::try_from(self.nodes.len()).ok()?;
        self.nodes.push(Node {
            start,
            end,
            first: 0,
            count: 0,
            kind,
        });
        Some(index)
    }

    /// Adds a scalar or alias under the open collection, or as a document's root.
    fn leaf(
        &mut self,
        open: &[Open],
        pending: &mut Vec<u32>,
        start: usize,
        end: usize,
        kind: NodeKind,
        value: Option<&str>,
    ) {
        let Some(node) = self.push(start, end, kind) else {
            return;
        };
        // A mapping's children alternate key, value: remember keys not spelled as they read.
        let is_key = open.last().is_some_and(|o| {
            self.nodes.get(o.node as usize).map(|n| n.kind) == Some(NodeKind::Mapping)
                && (pending.len() - o.base) % 2 == 0
        });
        if let (true, Some(value)) = (is_key, value) {
            if self.index.text().get(start..end) != Some(value) {
                self.keys.insert(node, value.into());
            }
        }
        self.attach(open, pending, node);
    }

    /// Ends the innermost open collection at `end` and attaches it to its parent.
    fn close(&mut self, open: &mut Vec<Open>, pending: &mut Vec<u32>, end: usize) {
        let Some(closed) = open.pop() else {
            return;
        };
        let first = u32::try_from(self.children.len()).unwrap_or(u32::MAX);
        let items = pending.get(closed.base..).unwrap_or_default();
        let count = u32::try_from(items.len()).unwrap_or(0);
        self.children.extend_from_slice(items);
        pending.truncate(closed.base);
        if let Some(node) = self.nodes.get_mut(closed.node as usize) {
            node.end = end.max(node.start);
            node.first = first;
            node.count = count;
        }
        self.attach(open, pending, closed.node);
    }

    fn attach(&mut self, open: &[Open], pending: &mut Vec<u32>, node: u32) {
        if open.is_empty() {
            if let Some(root) = self.documents.last_mut() {
                *root = Some(node);
            }
        } else {
            pending.push(node);
        }
    }

    fn node(&self, index: u32) -> Option<&Node> {
        self.nodes.get(index as usize)
    }

    fn children_of(&self, node: &Node) -> &[u32] {
        let first = node.first as usize;
        self.children
            .get(first..first + node.count as usize)
            .unwrap_or_default()
    }

    /// The text of a scalar key.
    fn key_text(&self, index: u32) -> Option<&str> {
        let node = self.node(index)?;
        if node.kind != NodeKind::Scalar {
            return None;
        }
        match self.keys.get(&index) {
            Some(key) => Some(key),
            None => self.index.text().get(node.start..node.end),
        }
    }

    /// The key node and value node of `key` in the mapping `mapping`.
    fn entry(&self, mapping: u32, node: &Node, key: &str) -> Option<(u32, u32)> {
        let items = self.children_of(node);
        if node.count <= LINEAR_LOOKUP {
            return items.chunks(2).find_map(|pair| match pair {
                [k, v] if self.key_text(*k) == Some(key) => Some((*k, *v)),
                _ => None,
            });
        }
        let mut lookups = self.lookups.borrow_mut();
        let table = lookups.entry(mapping).or_insert_with(|| {
            let mut table = HashMap::new();
            for (i, pair) in items.chunks(2).enumerate() {
                if let Some(k) = pair.first().and_then(|&k| self.key_text(k)) {
                    // The first of duplicate keys is the one a finding means.
                    table.entry(k.to_owned()).or_insert(2 * i as u32);
                }
            }
            table
        });
        let at = *table.get(key)? as usize;
        Some((*items.get(at)?, *items.get(at + 1)?))
    }

    /// Duplicate keys in any mapping of the recorded documents, each with the first
    /// occurrence as related. The loader finds them with `yaml::duplicate_keys`, which keeps
    /// no tree; this stays as the reference its property test compares with.
    #[cfg(test)]
    pub(crate) fn duplicate_keys(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (document, root) in self.documents.iter().enumerate() {
            let Some(root) = *root else { continue };
            // Depth-first, with the path kept as a stack of segments.
            let mut segments: Vec<Segment> = Vec::new();
            let mut stack: Vec<Visit> = vec![Visit::Enter(root, None)];
            while let Some(visit) = stack.pop() {
                let Visit::Enter(index, segment) = visit else {
                    segments.pop();
                    continue;
                };
                if let Some(segment) = segment {
                    segments.push(segment);
                    stack.push(Visit::Exit);
                }
                let Some(node) = self.node(index) else {
                    continue;
                };
                let items = self.children_of(node);
                match node.kind {
                    NodeKind::Mapping => {
                        let mut seen: HashMap<&str, u32> = HashMap::new();
                        for pair in items.chunks(2) {
                            let Some((&key, name)) = pair
                                .first()
                                .and_then(|key| Some((key, self.key_text(*key)?)))
                            else {
                                continue;
                            };
                            if let Some(&first) = seen.get(name) {
                                let path = DocPath {
                                    document,
                                    segments: segments.clone(),
                                    at_key: false,
                                };
                                found.push(self.duplicate(path.key(name), key, first));
                            } else {
                                seen.insert(name, key);
                            }
                        }
                        for pair in items.chunks(2).rev() {
                            if let (Some(name), Some(&value)) =
                                (pair.first().and_then(|&k| self.key_text(k)), pair.get(1))
                            {
                                stack
                                    .push(Visit::Enter(value, Some(Segment::Key(name.to_owned()))));
                            }
                        }
                    }
                    NodeKind::Sequence => {
                        for (i, &item) in items.iter().enumerate().rev() {
                            stack.push(Visit::Enter(item, Some(Segment::Index(i))));
                        }
                    }
                    NodeKind::Scalar | NodeKind::Other => {}
                }
            }
        }
        found
    }

    #[cfg(test)]
    fn duplicate(&self, child: DocPath, key: u32, first: u32) -> Diagnostic {
        let name = self.key_text(key).unwrap_or_default();
        let mut d = Diagnostic::new(
            Code::DuplicateKey,
            child.clone().the_key(),
            format!("duplicate key `{name}` in the same mapping"),
        );
        d.span = self.node(key).map(|n| self.index.span(n.start, n.end));
        d.related.push(crate::diagnostic::Related {
            message: "first used here".to_owned(),
            file: None,
            path: child.the_key(),
            span: self.node(first).map(|n| self.index.span(n.start, n.end)),
        });
        d
    }

    /// The span of the node at `path`, or of its nearest recorded ancestor, or of the first
    /// line of its document when the span parser did not record the document.
    pub(crate) fn locate(&self, path: &DocPath) -> Option<Span> {
        let Some(mut index) = self.documents.get(path.document).copied().flatten() else {
            return self.document_line(path.document);
        };
        let mut key_node: Option<u32> = None;
        for segment in &path.segments {
            let node = self.node(index)?;
            let next = match (node.kind, segment) {
                (NodeKind::Mapping, Segment::Key(k)) => {
                    self.entry(index, node, k).map(|(k, v)| (Some(k), v))
                }
                (NodeKind::Sequence, Segment::Index(i)) => {
                    self.children_of(node).get(*i).map(|&v| (None, v))
                }
                _ => None,
            };
            match next {
                Some((key, value)) => {
                    key_node = key;
                    index = value;
                }
                None => {
                    key_node = None;
                    break;
                }
            }
        }
        let target = match key_node {
            Some(key) if path.at_key => key,
            _ => index,
        };
        self.node(target).map(|node| self.span_of(node))
    }

    /// The first line of document `document`: where the span parser saw it start, or else
    /// its `---` marker found by reading lines (markers cannot occur inside content).
    fn document_line(&self, document: usize) -> Option<Span> {
        let start = match self.document_starts.get(document) {
            Some(&start) => start,
            None => lexical_document_start(self.index.text(), document)?,
        };
        let line = self.index.newlines_before(start) + 1;
        self.index.line_span(line)
    }

    fn span_of(&self, node: &Node) -> Span {
        // A block collection's span runs to the next sibling; point at its first line.
        let end = match node.kind {
            NodeKind::Scalar | NodeKind::Other => node.end,
            _ => node.end.min(self.index.line_end(node.start)),
        };
        self.index.span(node.start, end)
    }
}

/// The text as the span parser should read it: a tab after `:` (which libyaml reads as the
/// space it is, and the span parser refuses) becomes a space. Same length, so every offset
/// holds; copied only when there is such a tab.
pub(super) fn agreeable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(":\t") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut previous = 0u8;
    for byte in &mut bytes {
        if *byte == b'\t' && previous == b':' {
            *byte = b' ';
        }
        previous = *byte;
    }
    // Only ASCII tabs changed to ASCII spaces: still UTF-8.
    String::from_utf8(bytes).map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned)
}

#[cfg(test)]
enum Visit {
    Enter(u32, Option<Segment>),
    Exit,
}

/// The byte offset of document `document`'s `---` marker (or of the text, for a first
/// document without one), reading lines only.
fn lexical_document_start(text: &str, document: usize) -> Option<usize> {
    let mut offset = 0;
    let mut count = 0usize;
    let mut content_seen = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let marker =
            trimmed == "---" || trimmed.starts_with("--- ") || trimmed.starts_with("---\t");
        if marker {
            // A marker before any content starts the first document; later ones the next.
            if content_seen || count > 0 {
                count += 1;
            }
            content_seen = true;
            if count == document {
                return Some(offset);
            }
        } else if !(trimmed.trim().is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with('%'))
        {
            if !content_seen && document == 0 {
                return Some(0);
            }
            content_seen = true;
        }
        offset += line.len();
    }
    None
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
        assert_eq!(d.path.to_string(), "m.x");
        assert_eq!(d.span.map(|s| (s.line, s.column)), Some((4, 3)));
        assert_eq!(d.related[0].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn line_index_agrees_with_counting() {
        let text = "héllo\nwörld — ok\r\n\n€€€ x\n".repeat(9);
        let index = LineIndex::new(&text);
        let mut line = 1;
        let mut column = 1;
        for (offset, c) in text.char_indices() {
            let span = index.span(offset, offset);
            assert_eq!((span.line, span.column), (line, column), "at {offset}");
            assert_eq!(
                index.byte_of_char(text.get(..offset).map_or(0, |t| t.chars().count())),
                offset
            );
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        assert_eq!(index.line_start(2), Some(7));
        assert_eq!(index.line_span(2).map(|s| (s.start, s.end)), Some((7, 20)));
        assert_eq!(index.line_start(1000), None);
    }

    #[test]
    fn records_only_wanted_documents_and_falls_back_to_their_first_line() {
        let text = "a: 1\n---\nb: 2\n---\nc: [3\n---\nd: 4\n";
        let wanted: BTreeSet<usize> = [1, 2, 3].into_iter().collect();
        let tree = SpanTree::build_for(text, &wanted);
        let at = |p: DocPath| tree.locate(&p).map(|s| (s.line, s.column));
        assert_eq!(tree.documents.first().copied().flatten(), None);
        assert_eq!(at(DocPath::root(1).key("b")), Some((3, 4)));
        // Document 2 stopped at a syntax error: its open mapping is kept.
        assert_eq!(at(DocPath::root(2).key("c")), Some((5, 4)));
        // Document 3 was never reached by the span parser: its marker line.
        assert_eq!(at(DocPath::root(3).key("d")), Some((6, 1)));
    }

    #[test]
    fn a_tab_after_a_colon_does_not_lose_the_location() {
        // libyaml accepts `key:\tvalue`; the span parser stops there.
        let text = "a: 1\nb:\tx\nc:\n  d: 1\n";
        let tree = SpanTree::build(text);
        let span = tree.locate(&DocPath::root(0).key("c").key("d"));
        assert!(span.is_some());
    }

    #[test]
    fn large_mappings_are_searched_by_hash() {
        let text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        let tree = SpanTree::build(&text);
        let at = |k: &str| tree.locate(&DocPath::root(0).key(k)).map(|s| s.line);
        assert_eq!(at("k0"), Some(1));
        assert_eq!(at("k99"), Some(100));
        assert_eq!(at("k100"), Some(1));
    }
}
