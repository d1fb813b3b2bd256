//! Locations: line and column from byte offsets, and the span-aware second parse that maps a
//! [`DocPath`] to where it is in the text. Used only when a file has findings.
//!
//! Both are linear in the text: [`LineIndex`] (in `diagnostic`, since renderers use it too)
//! answers every question in `O(log n)`, and [`SpanTree`] records only the documents that
//! have findings, in flat arrays; built for paths, only the nodes on the way to them.

#[cfg(test)]
use crate::diagnostic::{Code, Diagnostic};
use crate::diagnostic::{DocPath, LineIndex, Segment, Span};
use std::cell::RefCell;
use std::cmp::Ordering;
#[cfg(test)]
use std::collections::BTreeSet;
use std::collections::HashMap;

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
    /// An alias, a subtree too deep to record, or a collection no wanted path goes into.
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

/// A collection being built: its node, where its children start on the pending stack, and
/// which of its children are recorded whole.
struct Open {
    node: u32,
    base: usize,
    scope: Scope,
    /// In a sequence, where the wanted paths of the items still to come start.
    next: usize,
}

/// Which nodes below a collection are recorded.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// All of them: a whole document is recorded.
    All,
    /// Those on the wanted paths `paths[from..to]` of [`Wanted`], which all go through the
    /// collection; the other children stand as one node each.
    Paths { from: usize, to: usize },
}

impl Scope {
    /// Whether a node at `depth` (segments from the root) in this scope has its children
    /// recorded: some wanted path goes on below it.
    fn leads_on(self, wanted: Option<&Wanted<'_>>, depth: usize) -> bool {
        match (self, wanted) {
            (Scope::Paths { from, to }, Some(wanted)) => wanted.leads_on(from, to, depth),
            _ => true,
        }
    }
}

/// The paths a tree is built for, sorted by document and then segment by segment (a path
/// before its extensions), so that the paths through any node are a contiguous run.
struct Wanted<'p> {
    paths: Vec<&'p DocPath>,
}

/// A path segment or a step of the text, compared without owning a key.
#[derive(Debug, Clone, Copy)]
enum Step<'k> {
    Key(&'k str),
    Index(usize),
}

impl Step<'_> {
    fn of(segment: &Segment) -> Step<'_> {
        match segment {
            Segment::Key(key) => Step::Key(key),
            Segment::Index(index) => Step::Index(*index),
        }
    }

    /// The order [`Wanted`] sorts by: keys before indexes.
    fn order(self, other: Step<'_>) -> Ordering {
        match (self, other) {
            (Step::Key(a), Step::Key(b)) => a.cmp(b),
            (Step::Index(a), Step::Index(b)) => a.cmp(&b),
            (Step::Key(_), Step::Index(_)) => Ordering::Less,
            (Step::Index(_), Step::Key(_)) => Ordering::Greater,
        }
    }
}

impl<'p> Wanted<'p> {
    fn new(mut paths: Vec<&'p DocPath>) -> Wanted<'p> {
        paths.sort_unstable_by(|a, b| {
            a.document.cmp(&b.document).then_with(|| {
                let steps = |p: &'p DocPath| p.segments.iter().map(Step::of);
                steps(a)
                    .zip(steps(b))
                    .map(|(x, y)| x.order(y))
                    .find(|o| o.is_ne())
                    .unwrap_or_else(|| a.segments.len().cmp(&b.segments.len()))
            })
        });
        Wanted { paths }
    }

    /// The last document with a wanted path.
    fn last_document(&self) -> Option<usize> {
        self.paths.last().map(|p| p.document)
    }

    /// The scope of `document`'s root: the run of its paths.
    fn document(&self, document: usize) -> Scope {
        let from = self.paths.partition_point(|p| p.document < document);
        let to = self.paths.partition_point(|p| p.document <= document);
        Scope::Paths { from, to }
    }

    fn has_document(&self, document: usize) -> bool {
        matches!(self.document(document), Scope::Paths { from, to } if from < to)
    }

    /// The bounds of the paths of `paths[from..to]` (which share their first `depth`
    /// segments) whose next segment is `step`: empty when there are none. Quick when they
    /// are near `from`.
    fn below(&self, from: usize, to: usize, depth: usize, step: Step<'_>) -> (usize, usize) {
        let run = self.paths.get(from..to).unwrap_or_default();
        // Paths that end at `depth` sort first.
        let order = |p: &&DocPath| {
            p.segments
                .get(depth)
                .map_or(Ordering::Less, |s| Step::of(s).order(step))
        };
        let start = partition_near_start(run, |p| order(p) == Ordering::Less);
        let rest = run.get(start..).unwrap_or_default();
        let end = start + partition_near_start(rest, |p| order(p) != Ordering::Greater);
        (from + start, from + end)
    }

    /// Whether a path of `paths[from..to]` has more than `depth` segments: the longest sorts
    /// last.
    fn leads_on(&self, from: usize, to: usize, depth: usize) -> bool {
        self.paths
            .get(from..to)
            .and_then(|run| run.last())
            .is_some_and(|p| p.segments.len() > depth)
    }
}

/// [`slice::partition_point`], probing from the start outwards: `O(log k)` for a point `k`
/// from the start, as when the items of a sequence each take the next few paths.
fn partition_near_start<T>(slice: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut bound = 1;
    while bound < slice.len() && slice.get(bound - 1).is_some_and(&pred) {
        bound *= 2;
    }
    // The point is at least `bound / 2`, where the last probe held, and at most `bound`.
    let low = bound / 2;
    let high = bound.min(slice.len());
    low + slice
        .get(low..high)
        .map_or(0, |probed| probed.partition_point(&pred))
}

impl<'a> SpanTree<'a> {
    /// Parses every document of `text`, up to the default document limit.
    pub(crate) fn build(text: &'a str) -> SpanTree<'a> {
        SpanTree::parse(
            text,
            &|_| true,
            super::Limits::default().max_documents,
            None,
        )
    }

    /// Parses `text` with the span-aware parser, recording only the documents in `wanted`
    /// and stopping after the last of them. Parts after a syntax error are missing (what was
    /// open when it stopped is kept); lookups then fall back to the nearest ancestor recorded,
    /// or to the document's first line. The library builds pruned trees
    /// ([`SpanTree::build_for_paths`]); tests compare them with this one.
    #[cfg(test)]
    pub(crate) fn build_for(text: &'a str, wanted: &BTreeSet<usize>) -> SpanTree<'a> {
        match wanted.last() {
            Some(&last) => SpanTree::parse(text, &|d| wanted.contains(&d), last, None),
            None => SpanTree::parse(text, &|_| false, 0, None),
        }
    }

    /// Like [`SpanTree::build_for`] the documents of `wanted`, but recording in them only what
    /// locating those paths needs: the nodes on the paths, and every child of a node that some
    /// path goes on below (so that indexes count and keys and values alternate as in the
    /// text). A collection no path goes below is one node, its subtree skipped. For each path,
    /// [`SpanTree::locate`] answers as on the tree of the whole document; nothing else (such
    /// as [`SpanTree::duplicate_keys`]) is meaningful on this tree.
    pub(crate) fn build_for_paths(text: &'a str, wanted: Vec<&DocPath>) -> SpanTree<'a> {
        let wanted = Wanted::new(wanted);
        match wanted.last_document() {
            Some(last) => SpanTree::parse(text, &|d| wanted.has_document(d), last, Some(&wanted)),
            None => SpanTree::parse(text, &|_| false, 0, None),
        }
    }

    /// The number of nodes recorded.
    #[cfg(test)]
    fn node_count(&self) -> usize {
        self.nodes.len()
    }

    fn parse(
        text: &'a str,
        wanted: &dyn Fn(usize) -> bool,
        last: usize,
        paths: Option<&Wanted<'_>>,
    ) -> SpanTree<'a> {
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
        let built = super::guard(|| tree.record(wanted, last, paths));
        if built.is_err() {
            tree.documents.iter_mut().for_each(|d| *d = None);
        }
        tree
    }

    /// Records the `wanted` documents up to `last`; in them, with `paths`, only the nodes
    /// those paths need.
    fn record(&mut self, wanted: &dyn Fn(usize) -> bool, last: usize, paths: Option<&Wanted<'_>>) {
        use saphyr_parser::Event;
        let text = agreeable(self.index.text());
        let text = text.as_ref();
        let mut open: Vec<Open> = Vec::new();
        let mut pending: Vec<u32> = Vec::new();
        let mut skipped_depth = 0usize;
        // The node standing for a skipped collection no path goes into: it ends where the
        // collection does.
        let mut collapsed: Option<u32> = None;
        let mut root = Scope::All;
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
                    if let Some(paths) = paths {
                        root = paths.document(document);
                    }
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
                    // Segments from the root to the new node.
                    let depth = open.len();
                    let scope = match open.last_mut() {
                        None => Some(root),
                        Some(parent) => {
                            self.scope_below(paths, parent, depth.saturating_sub(1), &pending)
                        }
                    };
                    match scope {
                        Some(scope) if scope.leads_on(paths, depth) => {
                            let Some(node) = self.push(start, end, kind) else {
                                return;
                            };
                            open.push(Open {
                                node,
                                base: pending.len(),
                                scope,
                                next: match scope {
                                    Scope::Paths { from, .. } => from,
                                    Scope::All => 0,
                                },
                            });
                        }
                        _ => {
                            // No wanted path goes below: one node, kept as a collection when a
                            // path ends on it (a block collection is located by its first line).
                            let kind = if scope.is_some() {
                                kind
                            } else {
                                NodeKind::Other
                            };
                            collapsed = self.leaf(&open, &mut pending, start, end, kind, None);
                            skipped_depth = 1;
                        }
                    }
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if skipped_depth > 0 {
                        skipped_depth -= 1;
                        if skipped_depth == 0 {
                            if let Some(node) = collapsed.take() {
                                self.end_at(node, end);
                            }
                        }
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
        if let Some(node) = collapsed {
            self.end_at(node, stopped_at);
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

    /// The scope of a collection starting now under `parent`, which is `depth` segments from
    /// the root and whose children so far are on `pending`; `None` when no wanted path goes
    /// into it.
    fn scope_below(
        &self,
        paths: Option<&Wanted<'_>>,
        parent: &mut Open,
        depth: usize,
        pending: &[u32],
    ) -> Option<Scope> {
        let (Some(paths), Scope::Paths { from, to }) = (paths, parent.scope) else {
            return Some(Scope::All);
        };
        let position = pending.len().saturating_sub(parent.base);
        let (start, end) = match self.node(parent.node)?.kind {
            // Items come in the order their paths are sorted in: search on from the last one's.
            NodeKind::Sequence => {
                let run = paths.below(parent.next, to, depth, Step::Index(position));
                parent.next = run.1;
                run
            }
            // Only values are on paths, found by their key's value as `locate` finds them.
            NodeKind::Mapping if position % 2 == 1 => {
                let key = self.key_text(*pending.last()?)?;
                paths.below(from, to, depth, Step::Key(key))
            }
            _ => return None,
        };
        (start < end).then_some(Scope::Paths {
            from: start,
            to: end,
        })
    }

    /// Sets where a node recorded before its end was seen ends.
    fn end_at(&mut self, index: u32, end: usize) {
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.end = end.max(node.start);
        }
    }

    /// Adds a scalar, alias or collection recorded as one node under the open collection, or
    /// as a document's root; returns the node.
    fn leaf(
        &mut self,
        open: &[Open],
        pending: &mut Vec<u32>,
        start: usize,
        end: usize,
        kind: NodeKind,
        value: Option<&str>,
    ) -> Option<u32> {
        let node = self.push(start, end, kind)?;
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
        Some(node)
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

    /// The paths that the tree built for all of `paths` locates other than the tree of their
    /// whole document does, with both answers.
    fn disagreements(text: &str, paths: &[DocPath]) -> Vec<String> {
        let wanted: Vec<&DocPath> = paths.iter().collect();
        let pruned = SpanTree::build_for_paths(text, wanted);
        paths
            .iter()
            .filter_map(|p| {
                let whole = SpanTree::build_for(text, &std::iter::once(p.document).collect());
                let (a, b) = (pruned.locate(p), whole.locate(p));
                (a != b).then(|| format!("{p:?}: for paths {a:?}, whole {b:?}"))
            })
            .collect()
    }

    /// `root(document)` followed by `steps`, keys given as text and indexes as numbers.
    fn path(document: usize, steps: &[&str]) -> DocPath {
        steps
            .iter()
            .fold(DocPath::root(document), |p, s| match s.parse::<usize>() {
                Ok(i) => p.index(i),
                Err(_) => p.key(s),
            })
    }

    /// Each path as given, and as the key it ends at.
    fn with_keys(paths: Vec<DocPath>) -> Vec<DocPath> {
        paths
            .into_iter()
            .flat_map(|p| [p.clone(), p.the_key()])
            .collect()
    }

    #[test]
    fn a_tree_for_paths_locates_them_as_the_whole_tree_does() {
        let large: String = (0..40).map(|i| format!("k{i}: {{v: [{i}]}}\n")).collect();
        let cases: &[(&str, &[&[&str]])] = &[
            // Block and flow, paths that exist, end early, or go on past what exists.
            (
                "a: 1\nlist:\n  - {id: x, tags: [p, q]}\n  - id: y\n    deep: {m: [1, {n: 2}]}\nflow: [{a: 1}, [2, 3], {b: {c: 4}}]\n",
                &[
                    &["list", "1", "deep", "m", "1", "n"],
                    &["list", "0", "tags", "1"],
                    &["flow", "2", "b", "c"],
                    &["flow", "1", "1"],
                    &["list", "1"],
                    &["list"],
                    &[],
                    &["list", "5", "id"],
                    &["list", "1", "nope"],
                    &["flow", "0", "a", "b"],
                    &["flow", "0", "zz"],
                ],
            ),
            // Keys spelled other than their value, and a collection as a key.
            (
                "\"a b\": {x: 1}\n'c': [1, {d: 2}]\n\"\\x41\": {y: [3]}\n[k]: {z: 1}\nc: {late: 1}\n",
                &[
                    &["a b", "x"],
                    &["c", "1", "d"],
                    &["A", "y", "0"],
                    &["[k]", "z"],
                    &["c", "late"],
                    &["\\x41"],
                ],
            ),
            // Through aliases, and into the anchored collection.
            (
                "base: &b {x: 1, y: [2]}\nuse: *b\nmore: {k: *b}\n",
                &[&["use", "x"], &["more", "k", "y", "0"], &["base", "y", "0"]],
            ),
            // A syntax error part way: what was open is kept.
            (
                "a:\n  b: [1, {c: 2}\n  d: 3\ne: {f: 1}\n",
                &[&["a", "b", "1", "c"], &["a", "d"], &["e", "f"]],
            ),
            // Duplicate keys: the first is the one located.
            (
                "m: {x: [1]}\nm: {x: [1, 2]}\n",
                &[&["m", "x", "1"], &["m", "x", "0"]],
            ),
            // A large mapping, searched by hash.
            (&large, &[&["k39", "v", "0"], &["k3", "v"], &["k40"]]),
        ];
        for (text, steps) in cases {
            let paths = with_keys(steps.iter().map(|s| path(0, s)).collect());
            assert_eq!(disagreements(text, &paths), Vec::<String>::new(), "{text}");
            // And each path alone.
            for p in &paths {
                assert_eq!(
                    disagreements(text, std::slice::from_ref(p)),
                    Vec::<String>::new()
                );
            }
        }
    }

    #[test]
    fn a_tree_for_paths_records_only_their_documents() {
        let text = "a: 1\n---\nb: {c: [1, 2]}\n---\nd: [3\n---\ne: 4\n";
        let paths = with_keys(vec![
            path(1, &["b", "c", "1"]),
            path(2, &["d", "0"]),
            path(0, &["a"]),
            path(3, &["e"]),
        ]);
        assert_eq!(disagreements(text, &paths), Vec::<String>::new());
        let tree = SpanTree::build_for_paths(text, vec![&paths[0]]);
        assert_eq!(tree.documents.first().copied().flatten(), None);
        assert_eq!(
            tree.locate(&paths[0]).map(|s| (s.line, s.column)),
            Some((3, 12))
        );
    }

    #[test]
    fn a_tree_for_paths_keeps_the_depth_limit() {
        let depth = MAX_SPAN_DEPTH + 40;
        let sequences = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let mappings = format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth));
        for (text, step) in [(&sequences, "0"), (&mappings, "a")] {
            let paths: Vec<DocPath> = [MAX_SPAN_DEPTH - 1, MAX_SPAN_DEPTH, depth]
                .into_iter()
                .map(|n| path(0, &vec![step; n]))
                .collect();
            assert_eq!(disagreements(text, &paths), Vec::<String>::new());
        }
    }

    #[test]
    fn a_tree_for_paths_holds_one_node_per_item_not_per_scalar() {
        let items: Vec<String> = (0..60_000)
            .map(|i| format!("{{id: v{i}, title: V}}"))
            .collect();
        let text = format!("kind: framework\nvalues: [{}]\n", items.join(", "));
        let wanted = path(0, &["values", "59999", "id"]);
        let pruned = SpanTree::build_for_paths(&text, vec![&wanted]);
        let whole = SpanTree::build(&text);
        assert!(pruned.node_count() < 60_100, "{}", pruned.node_count());
        assert!(whole.node_count() > 250_000, "{}", whole.node_count());
        assert_eq!(pruned.locate(&wanted), whole.locate(&wanted));
        assert!(pruned.locate(&wanted).is_some_and(|s| s.column > 1_000_000));
    }

    #[test]
    fn partition_near_start_finds_the_partition_point() {
        for len in 0..70 {
            let slice: Vec<usize> = (0..len).collect();
            for point in 0..=len {
                let found = partition_near_start(&slice, |&x| x < point);
                assert_eq!(found, point, "length {len}");
            }
        }
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        /// Keys as written, and their value (`None` for a collection as key).
        const KEYS: [(&str, Option<&str>); 6] = [
            ("a", Some("a")),
            ("b", Some("b")),
            ("\"a\"", Some("a")),
            ("'b c'", Some("b c")),
            ("\"b\\x20c\"", Some("b c")),
            ("[k]", None),
        ];
        const SCALARS: [&str; 4] = ["1", "x", "'s'", "\"t\""];
        /// Keys looked for, some found nowhere.
        const LOOKED_FOR: [&str; 4] = ["a", "b", "b c", "zz"];

        #[derive(Debug, Clone)]
        enum Yaml {
            Scalar(usize),
            /// `*A` once an anchor is written, else a scalar.
            Alias,
            Map(Vec<(usize, Yaml)>, bool),
            Seq(Vec<Yaml>, bool),
        }

        impl Yaml {
            /// Written on lines of its own (`bool`: flow style).
            fn is_block(&self) -> bool {
                match self {
                    Yaml::Map(entries, flow) => !flow && !entries.is_empty(),
                    Yaml::Seq(items, flow) => !flow && !items.is_empty(),
                    _ => false,
                }
            }
        }

        /// A mapping or sequence of `inner` values, block or flow.
        fn collection(inner: impl Strategy<Value = Yaml> + Clone) -> impl Strategy<Value = Yaml> {
            prop_oneof![
                (
                    prop::collection::vec((0..KEYS.len(), inner.clone()), 0..5),
                    prop::bool::weighted(0.3)
                )
                    .prop_map(|(entries, flow)| Yaml::Map(entries, flow)),
                (
                    prop::collection::vec(inner, 0..5),
                    prop::bool::weighted(0.3)
                )
                    .prop_map(|(items, flow)| Yaml::Seq(items, flow)),
            ]
        }

        /// A document: a scalar now and then, else a collection some levels deep.
        fn yaml() -> impl Strategy<Value = Yaml> {
            let leaf = prop_oneof![
                4 => (0..SCALARS.len()).prop_map(Yaml::Scalar),
                1 => Just(Yaml::Alias),
            ];
            let nested = leaf.clone().prop_recursive(5, 60, 5, collection);
            prop_oneof![1 => leaf, 9 => collection(nested)]
        }

        /// Writes YAML text; the first collection written gets the anchor `&A`.
        struct Writer {
            out: String,
            anchored: bool,
        }

        impl Writer {
            fn anchor(&mut self) {
                if !self.anchored {
                    self.anchored = true;
                    self.out.push_str("&A ");
                }
            }

            fn inline(&mut self, value: &Yaml) {
                match value {
                    Yaml::Scalar(i) => self.out.push_str(SCALARS[*i]),
                    Yaml::Alias if self.anchored => self.out.push_str("*A"),
                    Yaml::Alias => self.out.push('1'),
                    Yaml::Map(entries, _) => {
                        self.anchor();
                        self.out.push('{');
                        for (n, (key, value)) in entries.iter().enumerate() {
                            if n > 0 {
                                self.out.push_str(", ");
                            }
                            self.out.push_str(KEYS[*key].0);
                            self.out.push_str(": ");
                            self.inline(value);
                        }
                        self.out.push('}');
                    }
                    Yaml::Seq(items, _) => {
                        self.anchor();
                        self.out.push('[');
                        for (n, item) in items.iter().enumerate() {
                            if n > 0 {
                                self.out.push_str(", ");
                            }
                            self.inline(item);
                        }
                        self.out.push(']');
                    }
                }
            }

            /// After a `key:` or `-`: the rest of the line, and the lines of a block value.
            fn after(&mut self, value: &Yaml, indent: usize) {
                if value.is_block() {
                    if !self.anchored {
                        self.out.push(' ');
                        self.anchor();
                    }
                    self.out.push('\n');
                    self.block(value, indent + 2);
                } else {
                    self.out.push(' ');
                    self.inline(value);
                    self.out.push('\n');
                }
            }

            fn block(&mut self, value: &Yaml, indent: usize) {
                let pad = " ".repeat(indent);
                match value {
                    Yaml::Map(entries, false) if !entries.is_empty() => {
                        for (key, value) in entries {
                            self.out.push_str(&pad);
                            self.out.push_str(KEYS[*key].0);
                            self.out.push(':');
                            self.after(value, indent);
                        }
                    }
                    Yaml::Seq(items, false) if !items.is_empty() => {
                        for item in items {
                            self.out.push_str(&pad);
                            self.out.push('-');
                            self.after(item, indent);
                        }
                    }
                    _ => {
                        self.out.push_str(&pad);
                        self.inline(value);
                        self.out.push('\n');
                    }
                }
            }

            fn document(&mut self, value: &Yaml) {
                if value.is_block() {
                    self.anchor();
                    self.out.push('\n');
                }
                self.block(value, 0);
            }
        }

        /// A path into `value` chosen by `picks`, one more segment if `extra` says so.
        fn walk(
            value: &Yaml,
            document: usize,
            picks: &[prop::sample::Index],
            extra: Option<(bool, usize)>,
        ) -> DocPath {
            let mut at = DocPath::root(document);
            let mut value = value;
            for pick in picks {
                match value {
                    Yaml::Map(entries, _) if !entries.is_empty() => {
                        let (key, next) = pick.get(entries);
                        at = at.key(KEYS[*key].1.unwrap_or("[k]"));
                        value = next;
                    }
                    Yaml::Seq(items, _) if !items.is_empty() => {
                        let i = pick.index(items.len());
                        at = at.index(i);
                        value = pick.get(items);
                    }
                    _ => break,
                }
            }
            match extra {
                Some((true, i)) => at.key(LOOKED_FOR[i % LOOKED_FOR.len()]),
                Some((false, i)) => at.index(i),
                None => at,
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            /// Whatever the text and the paths (found, partly found, in another document, in
            /// text cut short), the tree for the paths locates each as the whole tree does.
            #[test]
            fn a_tree_for_paths_locates_as_the_whole_tree(
                documents in prop::collection::vec(yaml(), 1..3),
                cut in prop::option::weighted(0.25, any::<prop::sample::Index>()),
                walks in prop::collection::vec(
                    (
                        any::<prop::sample::Index>(),
                        prop::collection::vec(any::<prop::sample::Index>(), 0..8),
                        prop::option::of((any::<bool>(), 0usize..4)),
                        any::<bool>(),
                    ),
                    1..6,
                ),
                made_up in prop::collection::vec(
                    (
                        0usize..3,
                        prop::collection::vec((any::<bool>(), 0usize..4), 0..4),
                        any::<bool>(),
                    ),
                    0..3,
                ),
            ) {
                let mut writer = Writer { out: String::new(), anchored: false };
                for (n, document) in documents.iter().enumerate() {
                    if n > 0 {
                        writer.out.push_str("---\n");
                    }
                    writer.document(document);
                }
                let mut text = writer.out;
                if let Some(cut) = cut {
                    text.truncate(cut.index(text.len()));
                }
                let mut paths: Vec<DocPath> = walks
                    .iter()
                    .map(|(document, picks, extra, at_key)| {
                        let document = document.index(documents.len());
                        let at = walk(&documents[document], document, picks, *extra);
                        if *at_key { at.the_key() } else { at }
                    })
                    .collect();
                paths.extend(made_up.iter().map(|(document, steps, at_key)| {
                    let at = steps.iter().fold(DocPath::root(*document), |p, (key, i)| {
                        if *key { p.key(LOOKED_FOR[*i]) } else { p.index(*i) }
                    });
                    if *at_key { at.the_key() } else { at }
                }));
                let wrong = disagreements(&text, &paths);
                prop_assert!(wrong.is_empty(), "{}\n---- text:\n{}", wrong.join("\n"), text);
            }
        }
    }
}
