//! The only module that touches the YAML parsers.
//!
//! Documents are parsed with the `serde_yaml` API straight into the typed model; its errors
//! carry line and column. Semantic findings carry a [`DocPath`]; only when a file has findings
//! is it parsed a second time, with the span-aware `saphyr` parser, into a span tree that
//! maps paths to line and column and finds duplicate keys. Valid files never pay for that.

use crate::diagnostic::{Code, Diagnostic, DocPath, Segment, Span};
use serde::de::DeserializeOwned;

/// Bounds on what the loader accepts, so no input can exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes (default 16 MiB).
    pub max_bytes: usize,
    /// The most documents in one YAML stream (default 100,000).
    pub max_documents: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_documents: 100_000,
        }
    }
}

/// Checks size and encoding and strips a byte-order mark.
pub(crate) fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str, Box<Diagnostic>> {
    if bytes.len() > limits.max_bytes {
        return Err(Box::new(Diagnostic::new(
            Code::FileTooLarge,
            DocPath::root(0),
            format!(
                "the file is {} bytes, more than the limit of {} bytes",
                bytes.len(),
                limits.max_bytes
            ),
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The valid prefix is UTF-8 by definition; locate the bad byte by counting in it.
        let prefix = String::from_utf8_lossy(valid);
        let index = LineIndex::new(&prefix);
        let span = index.span(prefix.len(), prefix.len() + 1);
        Box::new(
            Diagnostic::new(
                Code::InvalidUtf8,
                DocPath::root(0),
                format!("the file is not valid UTF-8 (at byte {})", e.valid_up_to()),
            )
            .with_span(span),
        )
    })
}

/// Whether the text looks like JSON (its first significant character opens an object).
pub(crate) fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Finds the `kind:` of the first document without parsing it: the first top-level
/// `kind:` line. Returns the value and its byte range. `None` when no such line exists
/// (flow-style YAML), in which case the caller parses to find out.
pub(crate) fn sniff_kind(text: &str) -> Option<(String, usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("kind:") {
            let value = rest.split(" #").next().unwrap_or_default().trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            let start = offset + line.find(value).unwrap_or(5);
            return Some((value.to_owned(), start, start + value.len()));
        }
        offset += line.len();
    }
    None
}

/// Reads the top-level `kind` of a document through the parser, for inputs the line scan
/// cannot read (JSON, flow style).
pub(crate) fn parsed_kind(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        kind: Option<String>,
    }
    if looks_like_json(text) {
        return serde_json::from_str::<Head>(text).ok()?.kind;
    }
    let first = serde_yaml::Deserializer::from_str(text).next()?;
    <Head as serde::Deserialize>::deserialize(first).ok()?.kind
}

/// A document that parsed, with its index in the stream.
pub(crate) struct Parsed<T> {
    pub document: usize,
    pub value: T,
}

/// Parses every document of `text` into `T`. Each failed document gives one located
/// diagnostic; a syntax error ends the stream, since nothing after it can be trusted.
pub(crate) fn parse_documents<T: DeserializeOwned>(
    text: &str,
    limits: &Limits,
) -> (Vec<Parsed<T>>, Vec<Diagnostic>) {
    let index = LineIndex::new(text);
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    if text.trim().is_empty() || !has_content(text) {
        diagnostics.push(Diagnostic::new(
            Code::EmptyDocument,
            DocPath::root(0),
            "the file has no content",
        ));
        return (parsed, diagnostics);
    }
    if looks_like_json(text) {
        match serde_json::from_str::<T>(text) {
            Ok(value) => parsed.push(Parsed { document: 0, value }),
            Err(e) => diagnostics.push(json_error(&e, &index)),
        }
        return (parsed, diagnostics);
    }
    if let Some(offset) = flow_too_deep(text) {
        // The YAML parser's cost grows with the square of flow nesting: 100,000 brackets take
        // minutes. Refuse such input before it reaches the parser.
        let diagnostic = Diagnostic::new(
            Code::TooDeep,
            DocPath::root(0),
            format!("the nesting is deeper than {MAX_FLOW_DEPTH} levels"),
        )
        .with_span(index.span(offset, offset + 1));
        diagnostics.push(diagnostic);
        return (parsed, diagnostics);
    }
    let mut last_error: Option<String> = None;
    for (document, deserializer) in serde_yaml::Deserializer::from_str(text).enumerate() {
        if document >= limits.max_documents {
            diagnostics.push(Diagnostic::new(
                Code::TooManyDocuments,
                DocPath::root(document),
                format!(
                    "the file holds more than {} documents",
                    limits.max_documents
                ),
            ));
            break;
        }
        match T::deserialize(deserializer) {
            Ok(value) => parsed.push(Parsed { document, value }),
            Err(e) => {
                let message = e.to_string();
                // After a syntax error the parser reports the same error for ever.
                if last_error.as_deref() == Some(message.as_str()) {
                    break;
                }
                let mut diagnostic = yaml_error(document, &e, &message, &index);
                let fatal = matches!(
                    diagnostic.code,
                    Code::YamlSyntax | Code::TooDeep | Code::AliasLimit
                );
                // A syntax error inside document k first breaks document k's typed parse and
                // is then reported as document k + 1: keep only the syntax error.
                if fatal && last_error.is_some() {
                    let previous = document.checked_sub(1);
                    if diagnostics
                        .last()
                        .is_some_and(|d| Some(d.path.document) == previous)
                    {
                        diagnostics.pop();
                        diagnostic.path.document = previous.unwrap_or(0);
                    }
                }
                diagnostics.push(diagnostic);
                if fatal {
                    break;
                }
                last_error = Some(message);
            }
        }
    }
    (parsed, diagnostics)
}

/// The deepest flow nesting (`[` and `{`) accepted, as deep as the parser's own limit.
const MAX_FLOW_DEPTH: usize = 128;

/// The offset of the first flow bracket nested deeper than [`MAX_FLOW_DEPTH`]. Counts every
/// bracket, even in text and comments: a false alarm needs 129 unclosed brackets in prose.
fn flow_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Whether the text has anything other than comments, blank lines and document markers.
fn has_content(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        !(line.is_empty() || line.starts_with('#') || line == "---" || line == "...")
    })
}

fn json_error(e: &serde_json::Error, index: &LineIndex) -> Diagnostic {
    let code = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Code::YamlSyntax,
        _ => classify(&e.to_string()).0,
    };
    let message = strip_location(&e.to_string());
    let (code, message) = match classify(&message) {
        (Code::YamlSyntax, _) => (code, message),
        (found, text) => (found, text),
    };
    let mut diagnostic = Diagnostic::new(code, DocPath::root(0), message);
    if e.line() > 0 {
        diagnostic.span = index.span_at_line_column(e.line(), e.column().max(1));
    }
    diagnostic
}

fn yaml_error(
    document: usize,
    e: &serde_yaml::Error,
    message: &str,
    index: &LineIndex,
) -> Diagnostic {
    let message = strip_location(message);
    // Messages read `path.to[1].field: what went wrong`.
    let (path, rest) = match message.split_once(": ") {
        Some((prefix, rest)) => match DocPath::parse(document, prefix) {
            Some(path) => (path, rest.to_owned()),
            None => (DocPath::root(document), message.clone()),
        },
        None => (DocPath::root(document), message.clone()),
    };
    let (code, text) = classify(&rest);
    let mut diagnostic = Diagnostic::new(code, path, text);
    if let Some(location) = e.location() {
        diagnostic.span = index.span_at_line_column(location.line(), location.column());
    }
    diagnostic
}

/// Removes the parser's ` at line L column C` suffix; the span carries it instead. libyaml
/// messages read `<problem> at line L column C, while <context> at line L2 column C2`: the span
/// is the problem's location, so that one goes, and the context's stays (it says where the
/// unclosed construct began).
fn strip_location(message: &str) -> String {
    if let Some((problem, context)) = message.split_once(", while ") {
        return format!("{}, while {context}", strip_trailing_location(problem));
    }
    strip_trailing_location(message)
}

fn strip_trailing_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at)
            if message
                .get(at..)
                .is_some_and(|tail| tail.contains(" column ")) =>
        {
            message.get(..at).unwrap_or(message).to_owned()
        }
        _ => message.to_owned(),
    }
}

/// Maps a parser message to a code. Our own types tag their messages `[code] …`.
fn classify(message: &str) -> (Code, String) {
    if let Some(rest) = message.strip_prefix('[') {
        if let Some((name, text)) = rest.split_once("] ") {
            if let Some(code) = Code::from_name(name) {
                return (code, text.to_owned());
            }
        }
    }
    let code = if message.starts_with("unknown field") {
        Code::UnknownField
    } else if message.starts_with("missing field") {
        Code::MissingField
    } else if message.starts_with("duplicate field") || message.contains("duplicate entry") {
        Code::DuplicateKey
    } else if message.starts_with("invalid type") {
        Code::WrongType
    } else if message.starts_with("unknown variant")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        Code::InvalidValue
    } else if message.starts_with("recursion limit exceeded") {
        return (
            Code::TooDeep,
            "the nesting is deeper than 128 levels".to_owned(),
        );
    } else if message.starts_with("repetition limit exceeded") {
        return (
            Code::AliasLimit,
            "aliases expand to far more nodes than the document holds (an alias bomb?)".to_owned(),
        );
    } else {
        Code::YamlSyntax
    };
    (code, message.to_owned())
}

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

/// Serialises a value as YAML (for `resolve --format yaml`).
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    serde_yaml::to_string(value)
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

    #[test]
    fn sniffs_kind() {
        assert_eq!(
            sniff_kind("format: x\nkind: framework # c\n").map(|k| k.0),
            Some("framework".to_owned())
        );
        assert_eq!(sniff_kind("  kind: x\n"), None);
    }

    #[test]
    fn syntax_error_stream_ends() {
        #[derive(serde::Deserialize)]
        struct D {
            #[allow(dead_code)]
            id: String,
        }
        let (ok, bad) = parse_documents::<D>("id: a\n---\nid: [\n", &Limits::default());
        assert_eq!(ok.len(), 1);
        assert_eq!(bad.len(), 1);
    }
}
