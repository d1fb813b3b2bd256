//! A fast path for large YAML files in the block style the frameworks are written in.
//!
//! `yaml_serde` first turns a whole document into a vector of libyaml events and only then
//! deserializes it: on a 35 MB framework that costs seven times the file in memory and most
//! of `check`'s time. This module reads the text directly into the model's `Deserialize`
//! impls, one node at a time, borrowing every scalar it can.
//!
//! It accepts a strict subset of YAML: one document of block mappings (plain keys) and block
//! sequences, with plain, quoted, literal and folded scalars and one-line flow collections.
//! Anything else (an anchor, alias, tag, tab, carriage return, control character,
//! multi-line plain or quoted scalar, directive, second document, unusual escape or
//! indentation) makes it give up: the caller then parses the file with `yaml_serde`, which
//! accepts or reports it exactly as before. What it accepts it must read exactly as
//! `yaml_serde` does: each `deserialize_*` answers as `yaml_serde` 0.10 answers it, and plain
//! scalars are resolved with a copy of its rules (null, booleans, integers, floats). A
//! differential test and fuzz target hold the two to that (`tests` below and
//! `fuzz/fuzz_targets/yaml_fast.rs`).
//!
//! When the model refuses a value (a wrong type, an unknown field, a bad id), the refusal is
//! [`Read::Refused`], worded and placed as `yaml_serde` words and places its own error: at the
//! start of the innermost node being read, with that node's path. Every value it handed the
//! model up to there was read as `yaml_serde` reads it, so `yaml_serde` would refuse the same
//! value first, unless something later in the text stops it before it deserializes anything
//! (a syntax error, an alias, a second document); the caller checks that by reading the events
//! once. A failing 15 MB file then costs what the fast path costs, not `yaml_serde`'s vector
//! of every event (35 times the file). `refusal_tests` in `yaml/mod.rs` compares the two on
//! some 30,000 refusals.
//!
//! It runs only on files of [`MIN_BYTES`] or more, where the speed and memory matter; smaller
//! files, most of what people write and everything a fuzzer generates for the other targets,
//! take the reference parser alone. `docs/decisions.md` ("Checking at scale") has the numbers.

use crate::diagnostic::{DocPath, Segment};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IgnoredAny, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use std::borrow::Cow;
use std::fmt;

/// Files smaller than this are read by `yaml_serde` alone.
pub(crate) const MIN_BYTES: usize = 64 * 1024;

/// Nesting deeper than this gives up (`yaml_serde` stops at 128).
const MAX_DEPTH: usize = 64;

/// `libyaml` refuses an implicit key longer than 1,024 characters.
const MAX_KEY: usize = 1000;

/// Reads `text` as one document of `T`, or gives up (`None`) for the reference parser.
#[cfg(any(test, fuzzing))]
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    match read(text) {
        Read::Value(value) => Some(value),
        Read::Refused(_) | Read::Outside => None,
    }
}

/// What the fast path made of a text.
#[derive(Debug)]
pub(crate) enum Read<T> {
    /// The document, read as `yaml_serde` reads it.
    Value(T),
    /// The model refused a value that this reader read as `yaml_serde` reads it, up to there:
    /// `yaml_serde` refuses it too, in the same words, unless the rest of the document stops
    /// it first (a syntax error, an alias, a second document: the caller checks that).
    Refused(Refusal),
    /// Outside the subset: the reference parser must read the text.
    Outside,
}

/// The model's refusal of one value, placed as `yaml_serde` places it: at the start of the
/// innermost node being read, with that node's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The model's message (no path, no location).
    pub(crate) message: String,
    /// The path of the node, in document 0.
    pub(crate) path: DocPath,
    /// The byte offset of the node's start, when a node's method placed it.
    pub(crate) offset: Option<usize>,
}

impl Refusal {
    /// The message as `yaml_serde` words it, less its location: `path.to[1].key: message`,
    /// with no path at the root (`path.rs`: `Display for Path`).
    pub(crate) fn worded(&self) -> String {
        let mut path = String::new();
        for segment in &self.path.segments {
            match segment {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(index) => {
                    if path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&format!("[{index}]"));
                }
            }
        }
        if path.is_empty() {
            self.message.clone()
        } else {
            format!("{path}: {}", self.message)
        }
    }
}

/// Reads `text` as one document of `T` (see [`Read`]).
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Read<T> {
    if !printable(text.as_bytes()) {
        return Read::Outside;
    }
    let Some(mut parser) = Parser::start(text) else {
        return Read::Outside;
    };
    // A refusal the root's own method did not place stays unplaced, as in `yaml_serde`.
    match T::deserialize(&mut parser) {
        Ok(value) if parser.at_end() => Read::Value(value),
        Ok(_) | Err(Stop::Outside) => Read::Outside,
        Err(Stop::Refused { message, at }) => {
            let (offset, segments) = match at {
                Some((offset, segments)) => (Some(offset), segments),
                None => (None, Vec::new()),
            };
            Read::Refused(Refusal {
                message,
                path: DocPath {
                    document: 0,
                    segments,
                    at_key: false,
                },
                offset,
            })
        }
    }
}

/// Why the fast path stopped.
#[derive(Debug)]
enum Stop {
    /// The text is outside the subset (or this reader cannot tell): the reference parser
    /// reads it.
    Outside,
    /// The model refused a value the fast path read as `yaml_serde` reads it. `at` is set by
    /// the innermost node being read when the refusal came, as `yaml_serde` places its own.
    Refused {
        message: String,
        at: Option<(usize, Vec<Segment>)>,
    },
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Outside => f.write_str("outside the fast path"),
            Stop::Refused { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(message: T) -> Stop {
        Stop::Refused {
            message: message.to_string(),
            at: None,
        }
    }
}

type Result<T> = std::result::Result<T, Stop>;

/// Whether every character is one the subset allows: printable, no tab or carriage return,
/// and none that YAML 1.1 treats as a line break or byte-order mark (NEL, LS, PS, BOM), nor
/// U+FFFE and U+FFFF. The text is already UTF-8.
fn printable(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if (b < 0x20 && b != b'\n') || b == 0x7f {
                return false;
            }
            i += 1;
            continue;
        }
        match (b, bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
            // C1 controls, NEL among them.
            (0xc2, Some(0x80..=0x9f), _) => return false,
            // LINE SEPARATOR, PARAGRAPH SEPARATOR.
            (0xe2, Some(0x80), Some(0xa8 | 0xa9)) => return false,
            // BOM; U+FFFE, U+FFFF.
            (0xef, Some(0xbb), Some(0xbf)) | (0xef, Some(0xbf), Some(0xbe | 0xbf)) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The characters a plain key may hold. Anything else gives up, which keeps keys clear of
/// every indicator, quoting and merge-key question.
fn key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'@' | b'+')
}

/// A scalar, already read.
#[derive(Debug, Clone)]
struct Scalar<'a> {
    value: Cow<'a, str>,
    /// Plain scalars are resolved (null, bool, numbers); quoted and block scalars are strings.
    plain: bool,
}

impl Scalar<'_> {
    /// `yaml_serde`'s test for a null that an `Option` reads as `None`.
    fn is_null(&self) -> bool {
        self.plain && (self.value.is_empty() || resolve::null(&self.value))
    }
}

/// The next node, as far as it has been read.
#[derive(Debug, Clone)]
enum Node<'a> {
    Scalar(Scalar<'a>),
    /// A block mapping whose keys start at `column`. The parser is at its first key if that
    /// is on a dash's line (`compact`), else at the start of a line before it.
    Map {
        column: usize,
        compact: bool,
    },
    /// A block sequence whose dashes are at `column`; the parser is at the start of a line
    /// before its first dash.
    Seq {
        column: usize,
    },
    /// A flow mapping; the parser is just past its `{`.
    FlowMap,
    /// A flow sequence; the parser is just past its `[`.
    FlowSeq,
}

/// Where the next node starts.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// On this line, at the parser's position, owned by a key or dash at column `owner`: it
    /// may not continue on a line indented more than `owner`. After a dash (`compact`), it
    /// may be a mapping whose first key is on the dash's line.
    Inline { owner: usize, compact: bool },
    /// On a later line, indented more than `owner`, or (a sequence under a mapping key,
    /// `sequence_at_owner`) at `owner`. If there is none, the node is an empty scalar.
    Below {
        owner: usize,
        sequence_at_owner: bool,
    },
    /// Inside a flow collection, at the parser's position.
    Flow,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The byte the parser is at.
    at: usize,
    /// The start of the line `at` is on.
    line_start: usize,
    place: Place,
    /// A node read by a look-ahead (`deserialize_option`) and not yet consumed.
    peeked: Option<Node<'a>>,
    depth: usize,
    /// Where the node read last starts (a refusal is placed there).
    node_start: usize,
    /// Just past the last `:` or `-` that a value follows: where an empty value is placed.
    indicator_end: usize,
    /// The keys and indexes down to the node being read, for a refusal's path.
    path: Vec<Part<'a>>,
}

/// One step of [`Parser::path`]: borrowed, so that keeping the path costs no allocation.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> Parser<'a> {
    /// Positions the parser at the line of the root mapping's first key: past blank lines,
    /// comments and one optional `---`.
    fn start(text: &'a str) -> Option<Parser<'a>> {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            at: 0,
            line_start: 0,
            place: Place::Flow,
            peeked: None,
            depth: 0,
            node_start: 0,
            indicator_end: 0,
            path: Vec::new(),
        };
        parser.skip_blank_lines();
        // A marker only at the start of a line: indented, `---` is a scalar.
        if parser.at == parser.line_start && parser.rest_of_line().starts_with("---") {
            parser.at += 3;
            parser.end_of_line().ok()?;
            parser.skip_blank_lines();
        }
        if parser.indent() != 0 || !parser.is_key_line(parser.at) {
            return None;
        }
        parser.node_start = parser.at;
        parser.at = parser.line_start;
        parser.peeked = Some(Node::Map {
            column: 0,
            compact: false,
        });
        Some(parser)
    }

    /// Whether only blank lines and comments are left.
    fn at_end(&mut self) -> bool {
        self.skip_blank_lines();
        self.at >= self.bytes.len()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn byte_at(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// The rest of the text from the parser's position. Scans that must stay on the line stop
    /// at its newline themselves: cutting the line out first would cost the whole line for
    /// every scalar of a long flow collection.
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or_default()
    }

    /// The rest of the current line, without its newline.
    fn rest_of_line(&self) -> &'a str {
        let rest = self.text.get(self.at..).unwrap_or_default();
        rest.split('\n').next().unwrap_or_default()
    }

    /// The number of spaces at the start of the line at `line_start`.
    fn indent_at(&self, line_start: usize) -> usize {
        self.bytes
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b' ')
            .count()
    }

    /// The indentation of the current line (the parser is at a line start).
    fn indent(&self) -> usize {
        self.indent_at(self.line_start)
    }

    /// Moves to the start of the next line.
    fn next_line(&mut self) {
        match memchr(b'\n', self.bytes.get(self.at..).unwrap_or_default()) {
            Some(offset) => self.at += offset + 1,
            None => self.at = self.bytes.len(),
        }
        self.line_start = self.at;
    }

    /// From a line start, skips lines that are blank or hold only a comment; stops at the
    /// next line with content (the parser at its first non-space) or at the end.
    fn skip_blank_lines(&mut self) {
        loop {
            self.line_start = self.at;
            let indent = self.indent();
            match self.byte_at(self.at + indent) {
                None => {
                    self.at = self.bytes.len();
                    self.line_start = self.at;
                    return;
                }
                Some(b'\n' | b'#') => self.next_line(),
                Some(_) => {
                    self.at += indent;
                    return;
                }
            }
        }
    }

    /// The indentation of the next line that is not blank, comments included, from a line
    /// start; `None` at the end.
    fn next_content_indent(&self, from: usize, comments_count: bool) -> Option<usize> {
        let mut line = from;
        loop {
            let indent = self.indent_at(line);
            match self.byte_at(line + indent) {
                None => return None,
                Some(b'#') if comments_count => return Some(indent),
                Some(b'\n' | b'#') => {
                    line = line
                        + indent
                        + memchr(b'\n', self.bytes.get(line + indent..).unwrap_or_default())?
                        + 1;
                }
                Some(_) => return Some(indent),
            }
        }
    }

    /// After a node that ends its line: spaces, an optional comment, the newline. The next
    /// line with content must not be indented more than `owner` (it would continue the node,
    /// or be an error). With `strict`, comment lines count too.
    fn finish_line(&mut self, owner: usize, strict: bool) -> Result<()> {
        self.end_of_line()?;
        match self.next_content_indent(self.at, strict) {
            Some(indent) if indent > owner => Err(Stop::Outside),
            _ => Ok(()),
        }
    }

    /// Spaces, an optional comment (after a space), then the newline or the end; the parser
    /// ends at the next line's start.
    fn end_of_line(&mut self) -> Result<()> {
        while self.peek_byte() == Some(b' ') {
            self.at += 1;
        }
        match self.peek_byte() {
            None => {}
            Some(b'\n') => self.at += 1,
            // A comment starts a line or follows a space.
            Some(b'#')
                if self.at == self.line_start
                    || self.at.checked_sub(1).and_then(|at| self.byte_at(at)) == Some(b' ') =>
            {
                self.next_line()
            }
            Some(_) => return Err(Stop::Outside),
        }
        self.line_start = self.at;
        Ok(())
    }

    /// Whether a plain key and `:` (then a space or the line's end) start at `at`.
    fn is_key_line(&self, at: usize) -> bool {
        self.key_length(at).is_some()
    }

    /// The length of the plain key at `at`, if a key and its `:` are there.
    fn key_length(&self, at: usize) -> Option<usize> {
        let bytes = self.bytes.get(at..)?;
        let first = *bytes.first()?;
        if !(first.is_ascii_alphanumeric() || first == b'_') {
            return None;
        }
        let length = bytes.iter().take_while(|&&b| key_char(b)).count();
        if length > MAX_KEY || bytes.get(length) != Some(&b':') {
            return None;
        }
        match bytes.get(length + 1) {
            None | Some(b' ' | b'\n') => Some(length),
            Some(_) => None,
        }
    }

    /// Reads the next node: a scalar whole, or the opening of a collection.
    fn node(&mut self) -> Result<Node<'a>> {
        if let Some(node) = self.peeked.take() {
            return Ok(node);
        }
        self.node_start = self.at;
        match self.place {
            Place::Inline { owner, compact } => self.inline_node(owner, compact),
            Place::Below {
                owner,
                sequence_at_owner,
            } => self.node_below(owner, sequence_at_owner),
            Place::Flow => self.flow_node(),
        }
    }

    fn inline_node(&mut self, owner: usize, compact: bool) -> Result<Node<'a>> {
        match self.peek_byte().ok_or(Stop::Outside)? {
            b'"' => {
                let value = self.double_quoted()?;
                self.finish_line(owner, false)?;
                Ok(scalar(value, false))
            }
            b'\'' => {
                let value = self.single_quoted()?;
                self.finish_line(owner, false)?;
                Ok(scalar(value, false))
            }
            b'|' | b'>' => self.block_scalar(owner),
            b'[' => {
                self.at += 1;
                Ok(Node::FlowSeq)
            }
            b'{' => {
                self.at += 1;
                Ok(Node::FlowMap)
            }
            _ if compact && self.is_key_line(self.at) => Ok(Node::Map {
                column: self.at - self.line_start,
                compact: true,
            }),
            _ => {
                let value = self.block_plain()?;
                self.finish_line(owner, false)?;
                Ok(scalar(Cow::Borrowed(value), true))
            }
        }
    }

    /// The node on the lines below a key or dash that ended its line. The parser is left at
    /// the start of that line.
    fn node_below(&mut self, owner: usize, sequence_at_owner: bool) -> Result<Node<'a>> {
        let line = self.at;
        self.skip_blank_lines();
        let indent = self.at - self.line_start;
        let at_end = self.at >= self.bytes.len();
        let dash = self.at_dash();
        let key = self.is_key_line(self.at);
        let content = self.at;
        self.at = line;
        self.line_start = line;
        if at_end || indent < owner || (indent == owner && !(dash && sequence_at_owner)) {
            // libyaml places an empty value just after its `:` or `-`.
            self.node_start = self.indicator_end;
            return Ok(scalar(Cow::Borrowed(""), true));
        }
        if dash {
            self.node_start = content;
            Ok(Node::Seq { column: indent })
        } else if key && indent > owner {
            self.node_start = content;
            Ok(Node::Map {
                column: indent,
                compact: false,
            })
        } else {
            Err(Stop::Outside)
        }
    }

    fn flow_node(&mut self) -> Result<Node<'a>> {
        match self.peek_byte().ok_or(Stop::Outside)? {
            b'"' => Ok(scalar(self.double_quoted()?, false)),
            b'\'' => Ok(scalar(self.single_quoted()?, false)),
            b'[' => {
                self.at += 1;
                Ok(Node::FlowSeq)
            }
            b'{' => {
                self.at += 1;
                Ok(Node::FlowMap)
            }
            _ => Ok(scalar(Cow::Borrowed(self.flow_plain()?), true)),
        }
    }

    /// Whether `b` may not start a plain scalar here (`next` is the byte after it).
    fn indicator(b: u8, next: Option<u8>) -> bool {
        match b {
            b'-' => matches!(next, None | Some(b' ' | b'\n')),
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => true,
            _ => false,
        }
    }

    /// A one-line plain scalar in block context: up to ` #` or the line's end, trailing spaces
    /// dropped. A `: ` or final `:` (a key) gives up.
    fn block_plain(&mut self) -> Result<&'a str> {
        let line = self.rest_of_line();
        let bytes = line.as_bytes();
        let first = *bytes.first().ok_or(Stop::Outside)?;
        if Self::indicator(first, bytes.get(1).copied()) {
            return Err(Stop::Outside);
        }
        let mut end = bytes.len();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return Err(Stop::Outside),
                b'#' if bytes.get(i.wrapping_sub(1)) == Some(&b' ') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let value = line.get(..end).ok_or(Stop::Outside)?.trim_end_matches(' ');
        self.at += value.len();
        Ok(value)
    }

    /// A plain scalar in a flow collection: up to `,`, `]`, `}` or the line's end. Any `:`,
    /// `#`, `[` or `{` in it gives up.
    fn flow_plain(&mut self) -> Result<&'a str> {
        let line = self.rest();
        let bytes = line.as_bytes();
        let first = *bytes.first().ok_or(Stop::Outside)?;
        if Self::indicator(first, bytes.get(1).copied()) {
            return Err(Stop::Outside);
        }
        let end = bytes
            .iter()
            .position(|&b| matches!(b, b',' | b']' | b'}' | b':' | b'#' | b'[' | b'{' | b'\n'))
            .ok_or(Stop::Outside)?;
        if !matches!(bytes.get(end), Some(b',' | b']' | b'}')) {
            return Err(Stop::Outside);
        }
        let value = line.get(..end).ok_or(Stop::Outside)?.trim_end_matches(' ');
        self.at += end;
        Ok(value)
    }

    /// A double-quoted scalar on one line, with the common escapes.
    fn double_quoted(&mut self) -> Result<Cow<'a, str>> {
        let body = self.rest().get(1..).ok_or(Stop::Outside)?;
        let bytes = body.as_bytes();
        let end = bytes
            .iter()
            .position(|&b| matches!(b, b'"' | b'\\' | b'\n'))
            .ok_or(Stop::Outside)?;
        match bytes.get(end) {
            Some(b'"') => {
                self.at += end + 2;
                return Ok(Cow::Borrowed(body.get(..end).ok_or(Stop::Outside)?));
            }
            Some(b'\n') => return Err(Stop::Outside),
            _ => {}
        }
        let mut value = String::with_capacity(end + 16);
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\n' => return Err(Stop::Outside),
                '"' => {
                    self.at += i + 2;
                    return Ok(Cow::Owned(value));
                }
                '\\' => {
                    let (_, escape) = chars.next().ok_or(Stop::Outside)?;
                    match escape {
                        '\\' => value.push('\\'),
                        '"' => value.push('"'),
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        'u' => {
                            let hex = body.get(i + 2..i + 6).ok_or(Stop::Outside)?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return Err(Stop::Outside);
                            }
                            let code = u32::from_str_radix(hex, 16).map_err(|_| Stop::Outside)?;
                            let c = char::from_u32(code)
                                .filter(|&c| c >= ' ')
                                .ok_or(Stop::Outside)?;
                            value.push(c);
                            for _ in 0..4 {
                                chars.next();
                            }
                        }
                        _ => return Err(Stop::Outside),
                    }
                }
                c => value.push(c),
            }
        }
        Err(Stop::Outside)
    }

    /// A single-quoted scalar on one line (`''` is a quote).
    fn single_quoted(&mut self) -> Result<Cow<'a, str>> {
        let body = self.rest().get(1..).ok_or(Stop::Outside)?;
        let bytes = body.as_bytes();
        let mut i = 0;
        let mut owned: Option<String> = None;
        let mut copied = 0;
        loop {
            let quote = i + bytes
                .get(i..)
                .ok_or(Stop::Outside)?
                .iter()
                .position(|&b| b == b'\'' || b == b'\n')
                .ok_or(Stop::Outside)?;
            if bytes.get(quote) == Some(&b'\n') {
                return Err(Stop::Outside);
            }
            if bytes.get(quote + 1) == Some(&b'\'') {
                let text = owned.get_or_insert_with(String::new);
                text.push_str(body.get(copied..=quote).ok_or(Stop::Outside)?);
                copied = quote + 2;
                i = quote + 2;
                continue;
            }
            let value = match owned {
                Some(mut text) => {
                    text.push_str(body.get(copied..quote).ok_or(Stop::Outside)?);
                    Cow::Owned(text)
                }
                None => Cow::Borrowed(body.get(..quote).ok_or(Stop::Outside)?),
            };
            self.at += quote + 2;
            return Ok(value);
        }
    }

    /// A literal (`|`, `|-`) or folded (`>`, `>-`) scalar: its lines, all at one indentation
    /// deeper than `owner`, with no leading blank line and no more-indented line.
    fn block_scalar(&mut self, owner: usize) -> Result<Node<'a>> {
        let header = self.rest_of_line().as_bytes();
        let folded = header.first() == Some(&b'>');
        let strip = header.get(1) == Some(&b'-');
        self.at += if strip { 2 } else { 1 };
        if !matches!(self.peek_byte(), None | Some(b' ' | b'\n')) {
            return Err(Stop::Outside);
        }
        self.end_of_line()?;
        let mut lines: Vec<&'a str> = Vec::new();
        let mut content = None;
        loop {
            let start = self.at;
            let line = self.rest_of_line();
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            if self.at >= self.bytes.len() {
                break;
            }
            if spaces == line.len() {
                match content {
                    Some(indent) if spaces <= indent => lines.push(""),
                    _ => return Err(Stop::Outside),
                }
            } else {
                let indent = *content.get_or_insert(spaces);
                if indent <= owner {
                    return Err(Stop::Outside);
                }
                if spaces < indent {
                    self.at = start;
                    break;
                }
                if spaces > indent {
                    return Err(Stop::Outside);
                }
                lines.push(line.get(indent..).ok_or(Stop::Outside)?);
            }
            self.next_line();
        }
        self.line_start = self.at;
        // Without a final line break, clipping keeps none: rare enough to leave to yaml_serde.
        if content.is_none() || (self.at >= self.bytes.len() && !self.text.ends_with('\n')) {
            return Err(Stop::Outside);
        }
        // Blank lines at the end belong to no line: chomping drops them.
        while lines.last() == Some(&"") {
            lines.pop();
        }
        let mut value = String::new();
        let mut blanks = 0;
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                blanks += 1;
                continue;
            }
            if i > 0 {
                if !folded {
                    value.extend(std::iter::repeat_n('\n', blanks + 1));
                } else if blanks == 0 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', blanks));
                }
            }
            blanks = 0;
            value.push_str(line);
        }
        if !strip {
            value.push('\n');
        }
        if let Some(indent) = self.next_content_indent(self.at, true) {
            if indent > owner {
                return Err(Stop::Outside);
            }
        }
        Ok(scalar(Cow::Owned(value), false))
    }

    /// Whether a block sequence's dash (then a space or the line's end) is here.
    fn at_dash(&self) -> bool {
        self.peek_byte() == Some(b'-')
            && matches!(self.byte_at(self.at + 1), None | Some(b' ' | b'\n'))
    }

    /// Where the value after a key's `:` (`in_mapping`) or a dash, at column `owner`, starts:
    /// on this line after the spaces, or below when the line ends (a comment included).
    fn value_place(&mut self, owner: usize, in_mapping: bool) -> Result<Place> {
        self.indicator_end = self.at;
        self.skip_spaces();
        Ok(match self.peek_byte() {
            None | Some(b'\n' | b'#') => {
                self.end_of_line()?;
                Place::Below {
                    owner,
                    sequence_at_owner: in_mapping,
                }
            }
            Some(_) => Place::Inline {
                owner,
                compact: !in_mapping,
            },
        })
    }

    /// Places a refusal not yet placed at `start` (the node being read) and the current path,
    /// as `yaml_serde` places its errors: the innermost node's place wins.
    fn fix<T>(&self, result: Result<T>, start: usize) -> Result<T> {
        match result {
            Err(Stop::Refused { message, at: None }) => Err(Stop::Refused {
                message,
                at: Some((start, self.segments())),
            }),
            other => other,
        }
    }

    /// The current path as a finding's segments.
    fn segments(&self) -> Vec<Segment> {
        self.path
            .iter()
            .map(|part| match *part {
                Part::Key(key) => Segment::Key(key.to_owned()),
                Part::Index(index) => Segment::Index(index),
            })
            .collect()
    }

    /// Deserializes the next node under `part` of the path.
    fn under<T>(&mut self, part: Part<'a>, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.path.push(part);
        let value = read(self);
        self.path.pop();
        value
    }

    /// Runs `visit` one level deeper, giving up past [`MAX_DEPTH`].
    fn nested<T>(&mut self, visit: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::Outside);
        }
        let value = visit(self);
        self.depth -= 1;
        value
    }

    /// Skips spaces on this line.
    fn skip_spaces(&mut self) {
        while self.peek_byte() == Some(b' ') {
            self.at += 1;
        }
    }

    /// The node's own visit, by kind; used by every `deserialize_*` that accepts collections.
    fn visit_collection<V: Visitor<'a>>(&mut self, node: Node<'a>, visitor: V) -> Result<V::Value> {
        let owner = self.place;
        match node {
            Node::Map { column, compact } => self.nested(|p| {
                let mut access = BlockMap {
                    parser: p,
                    column,
                    key_here: compact,
                    done: false,
                    key: "",
                };
                let value = visitor.visit_map(&mut access)?;
                if !access.done {
                    return Err(Stop::Outside);
                }
                Ok(value)
            }),
            Node::Seq { column } => self.nested(|p| {
                let mut access = BlockSeq {
                    parser: p,
                    column,
                    done: false,
                    index: 0,
                };
                let value = visitor.visit_seq(&mut access)?;
                if !access.done {
                    return Err(Stop::Outside);
                }
                Ok(value)
            }),
            Node::FlowMap | Node::FlowSeq => {
                let value = self.nested(|p| {
                    p.skip_spaces();
                    if let Node::FlowMap = node {
                        let mut access = Flow {
                            parser: p,
                            closing: b'}',
                            first: true,
                            done: false,
                            key: "",
                            index: 0,
                        };
                        let value = visitor.visit_map(&mut access)?;
                        access.done.then_some(value).ok_or(Stop::Outside)
                    } else {
                        let mut access = Flow {
                            parser: p,
                            closing: b']',
                            first: true,
                            done: false,
                            key: "",
                            index: 0,
                        };
                        let value = visitor.visit_seq(&mut access)?;
                        access.done.then_some(value).ok_or(Stop::Outside)
                    }
                })?;
                // The outermost flow collection ends its line.
                if let Place::Inline { owner, .. } = owner {
                    self.finish_line(owner, false)?;
                }
                Ok(value)
            }
            Node::Scalar(_) => Err(Stop::Outside),
        }
    }
}

fn scalar(value: Cow<'_, str>, plain: bool) -> Node<'_> {
    Node::Scalar(Scalar { value, plain })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// A block mapping's entries.
struct BlockMap<'p, 'a> {
    parser: &'p mut Parser<'a>,
    column: usize,
    /// The parser is at the next key (the first key of a mapping on a dash's line).
    key_here: bool,
    done: bool,
    /// The key just read, for the path of its value.
    key: &'a str,
}

impl<'de> MapAccess<'de> for BlockMap<'_, 'de> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let p = &mut *self.parser;
        if !self.key_here {
            p.skip_blank_lines();
            let indent = p.at - p.line_start;
            if p.at >= p.bytes.len() || indent < self.column {
                p.at = p.line_start;
                self.done = true;
                return Ok(None);
            }
            if indent > self.column {
                return Err(Stop::Outside);
            }
        }
        self.key_here = false;
        let length = p.key_length(p.at).ok_or(Stop::Outside)?;
        let key = p.text.get(p.at..p.at + length).ok_or(Stop::Outside)?;
        let key_start = p.at;
        p.at += length + 1;
        p.place = p.value_place(self.column, true)?;
        let place = p.place;
        p.peeked = Some(scalar(Cow::Borrowed(key), true));
        p.node_start = key_start;
        self.key = key;
        let key = seed.deserialize(&mut *p)?;
        p.place = place;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let key = self.key;
        self.parser.under(Part::Key(key), |p| seed.deserialize(p))
    }
}

/// A block sequence's items.
struct BlockSeq<'p, 'a> {
    parser: &'p mut Parser<'a>,
    column: usize,
    done: bool,
    /// The index of the next item.
    index: usize,
}

impl<'de> SeqAccess<'de> for BlockSeq<'_, 'de> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let p = &mut *self.parser;
        p.skip_blank_lines();
        let indent = p.at - p.line_start;
        let dash = p.at_dash();
        if p.at >= p.bytes.len() || indent < self.column || (indent == self.column && !dash) {
            p.at = p.line_start;
            self.done = true;
            return Ok(None);
        }
        if indent > self.column {
            return Err(Stop::Outside);
        }
        p.at += 1;
        p.place = p.value_place(self.column, false)?;
        let index = self.index;
        self.index += 1;
        p.under(Part::Index(index), |p| seed.deserialize(p))
            .map(Some)
    }
}

/// A flow collection's entries, on one line.
struct Flow<'p, 'a> {
    parser: &'p mut Parser<'a>,
    closing: u8,
    first: bool,
    done: bool,
    /// The key just read (mappings), for the path of its value.
    key: &'a str,
    /// The index of the next item (sequences).
    index: usize,
}

impl Flow<'_, '_> {
    /// Moves to the next entry: `None` at the closing bracket (consumed).
    fn next_entry(&mut self) -> Result<Option<()>> {
        let p = &mut *self.parser;
        if self.done {
            return Err(Stop::Outside);
        }
        if !self.first {
            p.skip_spaces();
            match p.peek_byte() {
                Some(b',') => {
                    p.at += 1;
                    p.skip_spaces();
                    if p.peek_byte() == Some(self.closing) {
                        return Err(Stop::Outside);
                    }
                }
                Some(b) if b == self.closing => {}
                _ => return Err(Stop::Outside),
            }
        }
        self.first = false;
        if p.peek_byte() == Some(self.closing) {
            p.at += 1;
            self.done = true;
            return Ok(None);
        }
        p.place = Place::Flow;
        Ok(Some(()))
    }
}

impl<'de> SeqAccess<'de> for Flow<'_, 'de> {
    type Error = Stop;

    /// The number of entries, when it is clear from the line: a vector of one id then takes
    /// one slot, not the four a growing vector starts with (a 35 MB framework holds 100,000
    /// such lists).
    fn size_hint(&self) -> Option<usize> {
        if !self.first {
            return None;
        }
        let p = &*self.parser;
        let rest = p.bytes.get(p.at..)?;
        let mut entries = 1;
        for &b in rest {
            match b {
                b',' => entries += 1,
                b']' => {
                    return Some(if rest.first() == Some(&b']') {
                        0
                    } else {
                        entries
                    });
                }
                b'[' | b'{' | b'"' | b'\'' | b'\n' => return None,
                _ => {}
            }
        }
        None
    }

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.next_entry()?.is_none() {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        let value = self
            .parser
            .under(Part::Index(index), |p| seed.deserialize(p))?;
        self.parser.place = Place::Flow;
        Ok(Some(value))
    }
}

impl<'de> MapAccess<'de> for Flow<'_, 'de> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.next_entry()?.is_none() {
            return Ok(None);
        }
        let p = &mut *self.parser;
        let length = p.key_length(p.at).ok_or(Stop::Outside)?;
        let key = p.text.get(p.at..p.at + length).ok_or(Stop::Outside)?;
        let key_start = p.at;
        p.at += length + 1;
        p.skip_spaces();
        if matches!(p.peek_byte(), None | Some(b'\n' | b',' | b'}' | b'#')) {
            return Err(Stop::Outside);
        }
        p.peeked = Some(scalar(Cow::Borrowed(key), true));
        p.node_start = key_start;
        self.key = key;
        seed.deserialize(&mut *p).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let key = self.key;
        let value = self.parser.under(Part::Key(key), |p| seed.deserialize(p))?;
        self.parser.place = Place::Flow;
        Ok(value)
    }
}

/// An enum read from a scalar: a unit variant named by the scalar.
struct UnitVariant<'p, 'a> {
    parser: &'p mut Parser<'a>,
}

impl<'de> EnumAccess<'de> for UnitVariant<'_, 'de> {
    type Error = Stop;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(&mut *self.parser)?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'_, 'de> {
    type Error = Stop;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(Stop::Outside)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Stop::Outside)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Stop::Outside)
    }
}

/// Visits a string scalar, borrowed when it can be.
fn visit_text<'a, V: Visitor<'a>>(value: Cow<'a, str>, visitor: V) -> Result<V::Value> {
    match value {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// Deserializer methods that read as another does: `yaml_serde` reads every integer width as
/// 64 bits, `f32` as `f64`, and characters and identifiers as strings.
macro_rules! forward {
    ($($($from:ident),+ => $to:ident;)+) => {
        $($(
            fn $from<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.$to(visitor)
            }
        )+)+
    };
}

impl<'de> de::Deserializer<'de> for &mut Parser<'de> {
    type Error = Stop;

    // Each method reads its node and places a refusal from inside it at the node's start,
    // as `yaml_serde` does (`fix_mark`). A node of the wrong type is refused with
    // `yaml_serde`'s own `invalid type` error ([`mismatch`]).

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match node {
            Node::Scalar(Scalar { value, plain: true }) => resolve::untagged(visitor, value),
            Node::Scalar(Scalar { value, .. }) => visit_text(value, visitor),
            node => self.visit_collection(node, visitor),
        };
        self.fix(result, start)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match plain_value(&node).and_then(resolve::boolean) {
            Some(value) => visitor.visit_bool(value),
            None => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    forward! {
        deserialize_i8, deserialize_i16, deserialize_i32 => deserialize_i64;
        deserialize_u8, deserialize_u16, deserialize_u32 => deserialize_u64;
        deserialize_f32 => deserialize_f64;
        deserialize_char, deserialize_string, deserialize_identifier => deserialize_str;
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let int = plain_value(&node).and_then(|v| resolve::signed_int(v, i64::from_str_radix));
        let result = match int {
            Some(value) => visitor.visit_i64(value),
            None => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let int = plain_value(&node).and_then(|v| resolve::unsigned_int(v, u64::from_str_radix));
        let result = match int {
            Some(value) => visitor.visit_u64(value),
            None => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match plain_value(&node).and_then(resolve::float) {
            Some(value) => visitor.visit_f64(value),
            None => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match node {
            Node::Scalar(Scalar { value, .. }) => visit_text(value, visitor),
            node => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Stop::Outside)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Stop::Outside)
    }

    // `yaml_serde` places no error here: the inner node's method does.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        if let Node::Scalar(s) = &node {
            if s.is_null() {
                return visitor.visit_none();
            }
        }
        self.peeked = Some(node);
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match node {
            Node::Scalar(s) if s.is_null() => visitor.visit_unit(),
            _ => Err(Stop::Outside),
        };
        self.fix(result, start)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|p| visitor.visit_newtype_struct(p))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match node {
            node @ (Node::Seq { .. } | Node::FlowSeq) => self.visit_collection(node, visitor),
            Node::Scalar(Scalar { value, plain: true }) if value.is_empty() => visitor.visit_seq(
                de::value::SeqDeserializer::<_, Stop>::new(std::iter::empty::<()>()),
            ),
            node => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        let result = match node {
            node @ (Node::Map { .. } | Node::FlowMap) => self.visit_collection(node, visitor),
            Node::Scalar(Scalar { value, plain: true }) if value.is_empty() => visitor.visit_map(
                de::value::MapDeserializer::<_, Stop>::new(std::iter::empty::<((), ())>()),
            ),
            node => Err(mismatch(node, &visitor)),
        };
        self.fix(result, start)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let node = self.node()?;
        let start = self.node_start;
        if !matches!(node, Node::Scalar(_)) {
            return Err(Stop::Outside);
        }
        self.peeked = Some(node);
        let result = visitor.visit_enum(UnitVariant { parser: &mut *self });
        self.fix(result, start)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(IgnoredAny)?;
        visitor.visit_unit()
    }
}

/// The value of a plain scalar, the only kind booleans and numbers are read from.
fn plain_value<'n>(node: &'n Node<'_>) -> Option<&'n str> {
    match node {
        Node::Scalar(Scalar { value, plain: true }) => Some(value),
        _ => None,
    }
}

/// `yaml_serde`'s error for a node of the wrong type (`de.rs`: `invalid_type`): a scalar is
/// described as it resolves untagged, a collection as a map or a sequence.
fn mismatch(node: Node<'_>, expected: &dyn de::Expected) -> Stop {
    enum Void {}
    struct InvalidType<'e> {
        expected: &'e dyn de::Expected,
    }
    impl Visitor<'_> for InvalidType<'_> {
        type Value = Void;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.expected.fmt(formatter)
        }
    }
    let described = match node {
        Node::Scalar(Scalar { value, plain: true }) => {
            resolve::untagged(InvalidType { expected }, value)
        }
        Node::Scalar(Scalar { value, .. }) => visit_text(value, InvalidType { expected }),
        Node::Map { .. } | Node::FlowMap => {
            return de::Error::invalid_type(Unexpected::Map, expected);
        }
        Node::Seq { .. } | Node::FlowSeq => {
            return de::Error::invalid_type(Unexpected::Seq, expected);
        }
    };
    match described {
        Ok(void) => match void {},
        Err(stop) => stop,
    }
}

/// `yaml_serde` 0.10's resolution of plain scalars (`de.rs`: `visit_untagged_scalar`,
/// `parse_bool`, `parse_null`, `parse_unsigned_int`, `parse_signed_int`,
/// `parse_negative_int`, `parse_f64`, `digits_but_not_number`), copied so that a plain
/// scalar means here what it means there. yaml_serde is MIT or Apache-2.0, as we are.
mod resolve {
    use super::Result;
    use serde::de::Visitor;
    use std::borrow::Cow;
    use std::num::ParseIntError;

    pub(super) fn untagged<'a, V: Visitor<'a>>(visitor: V, v: Cow<'a, str>) -> Result<V::Value> {
        if v.is_empty() || null(&v) {
            return visitor.visit_unit();
        }
        if let Some(b) = boolean(&v) {
            return visitor.visit_bool(b);
        }
        if let Some(int) = unsigned_int(&v, u64::from_str_radix) {
            return visitor.visit_u64(int);
        }
        if let Some(int) = negative_int(&v, i64::from_str_radix) {
            return visitor.visit_i64(int);
        }
        if let Some(int) = unsigned_int(&v, u128::from_str_radix) {
            return visitor.visit_u128(int);
        }
        if let Some(int) = negative_int(&v, i128::from_str_radix) {
            return visitor.visit_i128(int);
        }
        if !digits_but_not_number(&v) {
            if let Some(f) = float(&v) {
                return visitor.visit_f64(f);
            }
        }
        super::visit_text(v, visitor)
    }

    pub(super) fn null(scalar: &str) -> bool {
        matches!(scalar, "null" | "Null" | "NULL" | "~")
    }

    pub(super) fn boolean(scalar: &str) -> Option<bool> {
        match scalar {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    type Radix<T> = fn(&str, u32) -> std::result::Result<T, ParseIntError>;

    /// `0x`, `0o` and `0b` after an optional sign, as `rest` of `scalar`.
    fn radix<T>(rest: &str, sign: &str, parse: Radix<T>) -> Option<T> {
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(digits) = rest.strip_prefix(prefix) {
                if digits.starts_with(['+', '-']) {
                    return None;
                }
                if let Ok(int) = parse(&format!("{sign}{digits}"), base) {
                    return Some(int);
                }
            }
        }
        None
    }

    pub(super) fn unsigned_int<T>(scalar: &str, parse: Radix<T>) -> Option<T> {
        let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(rest) = unpositive.strip_prefix(prefix) {
                if rest.starts_with(['+', '-']) {
                    return None;
                }
                if let Ok(int) = parse(rest, base) {
                    return Some(int);
                }
            }
        }
        if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
            return None;
        }
        parse(unpositive, 10).ok()
    }

    pub(super) fn signed_int<T>(scalar: &str, parse: Radix<T>) -> Option<T> {
        let unpositive = match scalar.strip_prefix('+') {
            Some(rest) if rest.starts_with(['+', '-']) => return None,
            Some(rest) => rest,
            None => scalar,
        };
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(rest) = unpositive.strip_prefix(prefix) {
                if rest.starts_with(['+', '-']) {
                    return None;
                }
                if let Ok(int) = parse(rest, base) {
                    return Some(int);
                }
            }
            if let Some(rest) = scalar
                .strip_prefix('-')
                .and_then(|s| s.strip_prefix(prefix))
            {
                if let Ok(int) = parse(&format!("-{rest}"), base) {
                    return Some(int);
                }
            }
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        parse(unpositive, 10).ok()
    }

    fn negative_int<T>(scalar: &str, parse: Radix<T>) -> Option<T> {
        if let Some(rest) = scalar.strip_prefix('-') {
            if let Some(int) = radix(rest, "-", parse) {
                return Some(int);
            }
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        parse(scalar, 10).ok()
    }

    pub(super) fn float(scalar: &str) -> Option<f64> {
        let unpositive = match scalar.strip_prefix('+') {
            Some(rest) if rest.starts_with(['+', '-']) => return None,
            Some(rest) => rest,
            None => scalar,
        };
        if let ".inf" | ".Inf" | ".INF" = unpositive {
            return Some(f64::INFINITY);
        }
        if let "-.inf" | "-.Inf" | "-.INF" = scalar {
            return Some(f64::NEG_INFINITY);
        }
        if let ".nan" | ".NaN" | ".NAN" = scalar {
            return Some(f64::NAN.copysign(1.0));
        }
        unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    fn digits_but_not_number(scalar: &str) -> bool {
        let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
        scalar.len() > 1
            && scalar.starts_with('0')
            && scalar.bytes().skip(1).all(|b| b.is_ascii_digit())
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::model::{Crosswalk, EvidenceRecord, Framework};
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    /// Whether the fast path read `text` as `T`; when it did, `yaml_serde` must have read
    /// the same value.
    fn agrees<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> bool {
        let Some(fast) = parse::<T>(text) else {
            return false;
        };
        match serde_yaml::from_str::<T>(text) {
            Ok(reference) => assert_eq!(fast, reference, "the two parsers disagree on:\n{text}"),
            Err(e) => panic!("the fast path read what yaml_serde refuses ({e}):\n{text}"),
        }
        true
    }

    /// Whether the fast path read `text`, as a YAML value and as each kind of document.
    fn accepted(text: &str) -> bool {
        let value = agrees::<serde_yaml::Value>(text);
        agrees::<Framework>(text);
        agrees::<EvidenceRecord>(text);
        agrees::<Crosswalk>(text);
        value
    }

    #[test]
    fn reads_the_block_style_as_yaml_serde_does() {
        let cases = [
            "a: 1\nb: two\n",
            "# comment\n---\na: b # trailing\n\n# between\nc: 'it''s'\n",
            "a:\n  b:\n    - 1\n    - x: y\n      z: \"q\\\"uote\\u00e9\"\n  c: ~\n",
            "a:\n- 1\n-\n  - 2\n- k: v\nb: [x, 'y', \"z\", [1, 2], {p: q}]\n",
            "a: { b: c, d: [e, f] , g: {} }\nh: []\n",
            "a: >-\n  folded\n  text\n\n  para\nb: |\n  literal\n  \n  more\n\nc: end\n",
            "a: >\n    four\n    spaces\n# after\nb: 1\n",
            "n: [null, Null, ~, true, False, 0x1f, 0o17, 0b11, -5, +7, 1.5, .inf, -.Inf, .nan, 007, 1e3, 1_000]\n",
            "s: a:b c#d [x] {y}, z\nt: -x\nu: http://example.org/a?b=c#frag\n",
            "empty:\nnext: value\nseq:\n- \n- x\n",
            "format: competence/1\nkind: framework\nid: x\nversion: 1.0.0\ntitle: X\n",
            "u: \"\\u00e9t\\u00e9 \\\\ \\n \\t\"\n",
        ];
        for case in cases {
            assert!(accepted(case), "the fast path gave up on:\n{case}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        let cases = [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: plain\n  continued\n",
            "a: \"two\n  lines\"\n",
            "a: [x,\n  y]\n",
            "%YAML 1.1\n---\na: b\n",
            "a: b\n---\nc: d\n",
            "a: b\n...\n",
            "<<: {a: b}\n",
            "? a\n: b\n",
            "\"a\": b\n",
            "a: |+\n  keep\n\n",
            // Found by the fuzzer: no line break at the end of the file; an indented `---`.
            "a: |\n  no final line break",
            " --- # c\nve: tll\n",
            " ---\nformat: competence/2 (\n",
            "a: |2\n   x\n",
            "a: >\n\n  leading blank\n",
            "a: >\n  x\n    more indented\n",
            "a: b: c\n",
            "a: - b\n",
            "- a\n- b\n",
            "plain scalar\n",
            "a: [x, ]\n",
            "a: {b: }\n",
            "a: \"\\x41\"\n",
            "a: \"\\ud800\"\n",
            "a: b\u{85}c\n",
            "\u{feff}a: b\n",
            "a: x\n   b: c\n",
            "a:\n    b: 1\n  c: 2\n",
        ];
        for case in cases {
            assert!(
                !accepted(case),
                "the fast path read what it should leave alone:\n{case}"
            );
        }
        // `depth` mappings, each the value of the one before.
        let nested = |depth: usize| {
            let keys: String = (0..depth)
                .map(|i| format!("{}k:\n", "  ".repeat(i)))
                .collect();
            format!("{keys}{}x: 1\n", "  ".repeat(depth))
        };
        assert!(accepted(&nested(60)), "60 levels are within the fast path");
        let deep = nested(70);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&deep).is_ok());
        assert!(
            parse::<serde_yaml::Value>(&deep).is_none(),
            "past MAX_DEPTH"
        );
    }

    #[test]
    fn reads_every_shipped_framework_as_yaml_serde_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
        let mut read = 0;
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            agrees::<serde_yaml::Value>(&text);
            if agrees::<Framework>(&text) {
                read += 1;
            }
        }
        assert!(
            read >= 10,
            "the fast path read only {read} shipped frameworks"
        );
    }

    #[test]
    fn reads_a_long_flow_line() {
        let entries: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    "{{id: c-{i}, title: 'Competency {i}''s', values: [v], \
                     indicators: [{{id: c-{i}-i, text: \"Shows \\u00e9 {i}.\"}}]}}"
                )
            })
            .collect();
        let text = format!(
            "format: competence/1\nkind: framework\nid: flow\nversion: 1.0.0\ntitle: Flow\n\
             values: [{{id: v, title: V}}]\ndomains: [{{id: d, title: D, competencies: [{}]}}]\n",
            entries.join(", ")
        );
        assert!(text.len() > super::MIN_BYTES);
        assert!(agrees::<Framework>(&text));
    }

    /// Bytes that matter to YAML, for mutations.
    const ALPHABET: &[u8] = b" \n-:#'\"[]{},|>&*!?%@`~x0.\\";

    fn sample() -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("frameworks/srn-values-peer-support@1.0.2.yaml");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Wherever a framework is changed, what the fast path reads, yaml_serde reads the same.
        #[test]
        fn agrees_with_yaml_serde_on_mutations(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..ALPHABET.len(), 0u8..3), 1..4)
        ) {
            let mut bytes = sample().into_bytes();
            for (at, symbol, op) in edits {
                let at = at.index(bytes.len());
                match op {
                    0 => bytes.insert(at, ALPHABET[symbol]),
                    1 => { bytes.remove(at); }
                    _ => bytes[at] = ALPHABET[symbol],
                }
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                accepted(text);
            }
        }
    }
}
