//! The only module that touches the YAML parsers.
//!
//! Documents are parsed with the `serde_yaml` API straight into the typed model; its errors
//! carry line and column. Files of 64 KiB or more are first offered to `fast`, our own
//! reader for the block style frameworks are written in, which gives up (and leaves the file
//! to `serde_yaml`) on anything outside that style or any error. Semantic findings carry a
//! [`DocPath`]; only when a file has findings is it parsed a second time, with the
//! span-aware `saphyr` parser, into a span tree that maps paths to line and column and finds
//! duplicate keys. Valid files never pay for that.
//!
//! No input may panic the library. The known ways the parsers panic are refused before they
//! are reached (an alias to an undefined anchor, see [`check_aliases`]; flow nesting, see
//! [`flow_too_deep`]); as a last line of defence every call into a parser crate runs inside
//! [`guard`], which turns a panic into a diagnostic. `docs/decisions.md` says why.

mod duplicates;
mod fast;
mod oversized;
mod shape;
mod spans;
mod starts;

pub(crate) use crate::diagnostic::LineIndex;
pub(crate) use duplicates::duplicate_keys;
#[cfg(fuzzing)]
pub(crate) use fast::parse as fast_parse;
pub(crate) use shape::every_shape_error;
pub(crate) use spans::SpanTree;
pub(crate) use starts::document_lines;

use crate::diagnostic::{Code, Diagnostic, DocPath};
use serde::de::DeserializeOwned;
use std::cell::OnceCell;
use std::collections::HashSet;

/// Bounds on what the loader accepts, so no input can exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes (default 16 MiB).
    pub max_bytes: usize,
    /// The most documents in one YAML stream (default 100,000).
    pub max_documents: usize,
    /// The most errors, and separately the most warnings, listed for one file (default
    /// 1,000 each; at least 1). The rest are counted in one `too-many-findings` warning, so
    /// no file can make the loader hold millions of findings.
    pub max_findings: usize,
    /// The largest document read with full YAML, in bytes not counting comments and
    /// indentation (default 2 MiB): one with an anchor, alias, tag, tab, carriage return,
    /// multi-line flow collection or deep nesting, or in a stream of several documents. The
    /// YAML parser holds such a document whole as events, some 36 times its size, so a larger
    /// one is a `document-too-large` finding. A file of one document in the plain block style is read
    /// without that cost and is bounded by `max_bytes` alone.
    pub max_full_yaml_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_documents: 100_000,
            max_findings: 1_000,
            max_full_yaml_bytes: 2 * 1024 * 1024,
        }
    }
}

/// Runs a call into a parser crate, catching a panic. The panic hook is left alone (it is the
/// program's, not ours), so the default hook still writes the panic to standard error.
pub(crate) fn guard<R>(call: impl FnOnce() -> R) -> Result<R, ParserPanic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).map_err(|_| ParserPanic)
}

/// A parser crate panicked (see [`guard`]). The payload is dropped: it could quote input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParserPanic;

/// The finding for a parser that panicked on document `document`.
fn panic_diagnostic(document: usize) -> Diagnostic {
    Diagnostic::new(
        Code::YamlSyntax,
        DocPath::root(document),
        "the YAML parser failed on this document (an internal error of the parser; nothing after it is checked)",
    )
    .with_help("please report this file to the competence maintainers")
}

/// [`decode`] for text already known to be UTF-8: the size and wide-encoding checks, in the
/// same order, and the byte-order mark stripped.
pub(crate) fn decode_utf8<'a>(text: &'a str, limits: &Limits) -> Result<&'a str, Box<Diagnostic>> {
    if text.len() > limits.max_bytes || wide_encoding(text.as_bytes()).is_some() {
        // `decode` reports these exactly as it does for bytes (before any UTF-8 check).
        return decode(text.as_bytes(), limits);
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
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
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(Box::new(
            Diagnostic::new(
                Code::InvalidUtf8,
                DocPath::root(0),
                format!("the file is not UTF-8: it looks like {encoding}"),
            )
            .with_span(LineIndex::new("").span(0, 0))
            .with_help(
                "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
            ),
        ));
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

/// Names the encoding of text in UTF-16 or UTF-32: by its byte-order mark, or, without one,
/// by zero bytes in every other (or three in four) place at the start, as ASCII text has
/// there. UTF-8 text has no zero bytes, so this never mistakes it.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    const MARKS: [(&[u8], &str); 4] = [
        (
            b"\xFF\xFE\0\0",
            "UTF-32 (little-endian, with a byte-order mark)",
        ),
        (
            b"\0\0\xFE\xFF",
            "UTF-32 (big-endian, with a byte-order mark)",
        ),
        (
            b"\xFF\xFE",
            "UTF-16 (little-endian, with a byte-order mark)",
        ),
        (b"\xFE\xFF", "UTF-16 (big-endian, with a byte-order mark)"),
    ];
    if let Some((_, name)) = MARKS.iter().find(|(mark, _)| bytes.starts_with(mark)) {
        return Some(name);
    }
    let head = bytes.get(..bytes.len().min(256) & !3)?;
    if head.len() < 4 {
        return None;
    }
    let zero_share = |width: usize, little: bool| {
        let (mut zero, mut all) = (0usize, 0usize);
        for unit in head.chunks_exact(width) {
            all += 1;
            let text_byte = if little { 0 } else { width - 1 };
            let zeros = unit
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == 0 && i != text_byte);
            if zeros.count() == width - 1 && unit.get(text_byte) != Some(&0) {
                zero += 1;
            }
        }
        // Nine in ten units shaped like ASCII in this encoding.
        zero * 10 >= all * 9
    };
    if zero_share(4, true) {
        Some("UTF-32 (little-endian, without a byte-order mark)")
    } else if zero_share(4, false) {
        Some("UTF-32 (big-endian, without a byte-order mark)")
    } else if zero_share(2, true) {
        Some("UTF-16 (little-endian, without a byte-order mark)")
    } else if zero_share(2, false) {
        Some("UTF-16 (big-endian, without a byte-order mark)")
    } else {
        None
    }
}

/// Whether the text looks like JSON: it opens an object whose first key is quoted (or that
/// is empty). A YAML flow mapping (`{format: competence/1, …}`) has bare keys and is YAML.
pub(crate) fn looks_like_json(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
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
pub(crate) fn parsed_kind(text: &str, limits: &Limits) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        kind: Option<String>,
    }
    if looks_like_json(text) {
        return serde_json::from_str::<Head>(text).ok()?.kind;
    }
    if flow_too_deep(text).is_some() {
        return None;
    }
    if text.len() > limits.max_full_yaml_bytes {
        if let fast::Read::Value(head) = fast::read::<Head>(text) {
            return head.kind;
        }
        // Too large for full YAML: the caller reports it, with the kind unknown.
        if oversized::oversized_document(text, limits.max_full_yaml_bytes)
            .is_some_and(|o| o.document == 0)
        {
            return None;
        }
    }
    // Only the first document is read, so an undefined alias cannot derail the stream here.
    guard(|| {
        let first = serde_yaml::Deserializer::from_str(text).next()?;
        <Head as serde::Deserialize>::deserialize(first).ok()?.kind
    })
    .ok()
    .flatten()
}

/// Whether parser messages may quote input values: not for evidence, whose text is private.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// Framework and crosswalk documents: values are shown (escaped and shortened).
    Shown,
    /// Evidence, and documents whose kind is unknown: quoted values are replaced by `…`.
    Redacted,
}

/// Parses every document of `text` into `T`, with its index in the stream. Each failed
/// document gives one located diagnostic; a syntax error ends the stream, since nothing after
/// it can be trusted.
#[cfg(test)]
pub(crate) fn parse_documents<T: DeserializeOwned>(
    text: &str,
    limits: &Limits,
    quoting: Quoting,
) -> (Vec<(usize, T)>, Vec<Diagnostic>) {
    let mut parsed = Vec::new();
    let diagnostics = parse_documents_into(text, limits, quoting, |document, value| {
        parsed.push((document, value))
    });
    (parsed, diagnostics)
}

/// Parses every document of `text` into `T`, handing each to `sink` with its index as soon as
/// it is parsed, so that the caller can keep it in a smaller form (a stream of 100,000 small
/// documents held as models by value took 128 MB before any of them was boxed). Each failed
/// document gives one located diagnostic; a syntax error ends the stream, since nothing after
/// it can be trusted.
pub(crate) fn parse_documents_into<T: DeserializeOwned>(
    text: &str,
    limits: &Limits,
    quoting: Quoting,
    mut sink: impl FnMut(usize, T),
) -> Vec<Diagnostic> {
    // Built only when a finding needs a location: valid files never pay for it.
    let index = OnceCell::new();
    let index = || index.get_or_init(|| LineIndex::new(text));
    let mut diagnostics = Vec::new();
    if text.trim().is_empty() || !has_content(text) {
        diagnostics.push(Diagnostic::new(
            Code::EmptyDocument,
            DocPath::root(0),
            "the file has no content",
        ));
        return diagnostics;
    }
    if looks_like_json(text) {
        match serde_json::from_str::<T>(text) {
            Ok(value) => sink(0, value),
            Err(e) => diagnostics.push(json_error(&e, index(), quoting)),
        }
        return diagnostics;
    }
    // The fast path reads large files in a few bytes a node. When the model refuses a value
    // it read, that refusal is `yaml_serde`'s own first finding, unless the rest of the text
    // would stop `yaml_serde` before it: then the reference parse below decides.
    let mut refusal = None;
    // Also under `MIN_BYTES` when the bound on full YAML is lower: what the fast path reads
    // is within the bound whatever its size.
    if text.len() >= fast::MIN_BYTES || text.len() > limits.max_full_yaml_bytes {
        match fast::read::<T>(text) {
            fast::Read::Value(value) => {
                sink(0, value);
                return diagnostics;
            }
            fast::Read::Refused(refused) => refusal = Some(refused),
            fast::Read::Outside => {}
        }
    }
    if let Some(offset) = flow_too_deep(text) {
        // The YAML parser's cost grows with the square of flow nesting: 100,000 brackets take
        // minutes. Refuse such input before it reaches the parser.
        let diagnostic = Diagnostic::new(
            Code::TooDeep,
            DocPath::root(0),
            format!("the nesting is deeper than {MAX_FLOW_DEPTH} levels"),
        )
        .with_span(index().span(offset, offset + 1));
        diagnostics.push(diagnostic);
        return diagnostics;
    }
    if let Some(refused) = refusal.filter(|_| refusal_stands(text)) {
        let message = refused.worded();
        diagnostics.push(typed_finding(
            0,
            message,
            refused.offset,
            text,
            index,
            quoting,
        ));
        return diagnostics;
    }
    // The YAML deserializer panics on the rest of a document after an undefined alias: find
    // one first, and stop the stream at its document instead of handing that to the parser.
    let aliases = check_aliases(text, limits, quoting);
    // Found before `yaml_serde` holds any document whole (see `oversized`).
    let oversized = oversized::oversized_document(text, limits.max_full_yaml_bytes);
    let mut stream = match guard(|| serde_yaml::Deserializer::from_str(text).enumerate()) {
        Ok(stream) => stream,
        Err(ParserPanic) => {
            diagnostics.push(located_panic(0, text));
            return diagnostics;
        }
    };
    let mut last_error: Option<String> = None;
    let mut next_document = 0;
    loop {
        // Checked before `next`: that is where `yaml_serde` reads the document's events.
        if let Some(big) = oversized.filter(|o| o.document == next_document) {
            diagnostics.push(too_large_document(big, limits, index()));
            break;
        }
        let (document, deserializer) = match guard(|| stream.next()) {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(ParserPanic) => {
                diagnostics.push(located_panic(next_document, text));
                break;
            }
        };
        next_document = document + 1;
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
        if let Aliases::Undefined {
            document: at,
            finding,
        } = &aliases
        {
            if *at == document {
                diagnostics.push(finding.clone());
                break;
            }
        }
        if let Aliases::Unchecked { document: at, .. } = &aliases {
            if document > *at {
                break;
            }
        }
        let result = match guard(|| T::deserialize(deserializer)) {
            Ok(result) => result,
            Err(ParserPanic) => {
                diagnostics.push(located_panic(document, text));
                break;
            }
        };
        match result {
            Ok(value) => sink(document, value),
            Err(e) => {
                let message = e.to_string();
                // After a syntax error the parser reports the same error for ever.
                if last_error.as_deref() == Some(message.as_str()) {
                    break;
                }
                let mut diagnostic = yaml_error(document, &e, &message, text, index, quoting);
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
    // The alias check could not read past a syntax error in this document, so nothing after
    // it was handed to the deserializer: say why, unless the deserializer found it too.
    if let Aliases::Unchecked { document, finding } = aliases {
        let reported = diagnostics.iter().any(|d| {
            d.path.document >= document && matches!(d.code, Code::YamlSyntax | Code::TooDeep)
        });
        if !reported {
            diagnostics.push(finding);
        }
    }
    diagnostics
}

/// The finding for a document too large for full YAML, at its first line.
fn too_large_document(big: oversized::Oversized, limits: &Limits, index: &LineIndex) -> Diagnostic {
    let line_end = index.line_end(big.start);
    Diagnostic::new(
        Code::DocumentTooLarge,
        DocPath::root(big.document),
        format!(
            "the document is {} bytes (comments and indentation aside) and needs full YAML, which reads at most {}: only a file of one document in the plain block style is read at any size (full YAML is needed for an anchor, alias, tag, tab, carriage return, multi-line flow collection or nesting over 64 levels, among others)",
            big.bytes, limits.max_full_yaml_bytes
        ),
    )
    .with_span(index.span(big.start, line_end))
    .with_help(
        "write it in the plain block style, split it into files of one document each, or raise the bound with `--max-full-yaml-size BYTES`",
    )
}

/// Whether `yaml_serde` would reach the fast path's refusal: the whole text, read into
/// nothing, is inside the fast path's subset, which the fast path reads as `yaml_serde` reads
/// it (one document, no alias, nothing the two parsers could read differently). The span
/// parser will not do for this: it accepts some text libyaml stops at (`id:` then a line
/// `:`), and the refusal would stand where `yaml_serde` reports a syntax error.
fn refusal_stands(text: &str) -> bool {
    matches!(
        fast::read::<serde::de::IgnoredAny>(text),
        fast::Read::Value(_)
    )
}

/// A parser panic on `document`, located at the document's first line when it can be found.
fn located_panic(document: usize, text: &str) -> Diagnostic {
    let mut diagnostic = panic_diagnostic(document);
    diagnostic.span =
        SpanTree::build_for_paths(text, vec![&diagnostic.path]).locate(&diagnostic.path);
    diagnostic
}

/// What the alias check found, before the text reaches the deserializer.
enum Aliases {
    /// No alias, or every alias names an anchor defined before it.
    Defined,
    /// The first alias to an anchor not defined before it, in `document`.
    Undefined {
        document: usize,
        finding: Diagnostic,
    },
    /// The span-aware parser stopped at a syntax error in `document` (`finding`) before the
    /// end, so aliases after it are unchecked: documents after it must not be deserialized.
    Unchecked {
        document: usize,
        finding: Diagnostic,
    },
}

/// Finds the first alias to an anchor not defined before it in its document. libyaml's loader
/// stops a document at such an alias and hands the rest of it out as if it were the next
/// document, on which `yaml_serde` panics.
///
/// A cheap scan for `*` where an alias could start comes first; only then does the
/// span-aware parser read the events. When that parser stops at a syntax error of its own
/// (the two parsers disagree on some inputs, such as a byte order mark inside a document),
/// the check cannot vouch for the rest, and the caller reads no further than that document:
/// the panic needs a document after the alias's. [`guard`] stays the last line of defence.
fn check_aliases(text: &str, limits: &Limits, quoting: Quoting) -> Aliases {
    enum Stop {
        Alias(usize, usize),
        Syntax(usize, usize, String),
    }
    if !might_have_alias(text) {
        return Aliases::Defined;
    }
    let found = guard(|| {
        use saphyr_parser::Event;
        let mut documents = 0usize;
        // The anchors of this document. `saphyr` keeps anchors from one document to the
        // next, but libyaml's loader does not: an alias to an earlier document's anchor is
        // undefined to it, so the check keeps its own set and empties it at each document.
        // A name `saphyr` never saw at all is its own error (`unknown anchor`, below).
        let mut anchors = HashSet::new();
        for event in saphyr_parser::Parser::new_from_str(text) {
            let document = documents.saturating_sub(1);
            match event {
                Ok((Event::DocumentStart(..), _)) => {
                    anchors.clear();
                    documents += 1;
                    if documents > limits.max_documents {
                        return None;
                    }
                }
                Ok((
                    Event::MappingStart(anchor, _)
                    | Event::SequenceStart(anchor, _)
                    | Event::Scalar(_, _, anchor, _),
                    _,
                )) if anchor != 0 => {
                    anchors.insert(anchor);
                }
                Ok((Event::Alias(anchor), span)) if !anchors.contains(&anchor) => {
                    return Some(Stop::Alias(document, span.start.index()));
                }
                Ok(_) => {}
                Err(e) if e.info().contains("unknown anchor") => {
                    return Some(Stop::Alias(document, e.marker().index()));
                }
                Err(e) => {
                    return Some(Stop::Syntax(
                        document,
                        e.marker().index(),
                        e.info().to_owned(),
                    ));
                }
            }
        }
        None
    });
    let index = LineIndex::new(text);
    match found {
        Ok(None) => Aliases::Defined,
        Ok(Some(Stop::Alias(document, char_index))) => {
            let span = index.span_at(index.byte_of_char(char_index));
            let token = text.get(span.start..span.end).unwrap_or_default();
            let message = if token.starts_with('*') && quoting == Quoting::Shown {
                format!("the alias `{token}` names no anchor defined before it in this document")
            } else {
                "an alias names no anchor defined before it in this document".to_owned()
            };
            let finding = Diagnostic::new(Code::YamlSyntax, DocPath::root(document), message)
                .with_span(span)
                .with_help("define the anchor (`&name`) before the alias (`*name`) in the same document, or write the value out");
            Aliases::Undefined { document, finding }
        }
        Ok(Some(Stop::Syntax(document, char_index, info))) => {
            let span = index.span_at(index.byte_of_char(char_index));
            // The parser's own words describe the YAML; evidence gets none of them all the same.
            let message = match quoting {
                Quoting::Shown => info,
                Quoting::Redacted => "the YAML cannot be read past this point".to_owned(),
            };
            let finding = Diagnostic::new(Code::YamlSyntax, DocPath::root(document), message)
                .with_span(span)
                .with_help("nothing after this point was checked; fix it and check again");
            Aliases::Unchecked { document, finding }
        }
        // The parser panicked: read only the first document.
        Err(ParserPanic) => Aliases::Unchecked {
            document: 0,
            finding: panic_diagnostic(0),
        },
    }
}

/// Whether the text has a `*` where an alias could start: at the start of the text or after
/// white space or a flow indicator, and followed by a name. A `*` anywhere else is text.
fn might_have_alias(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts = |next: Option<&u8>| next.is_some_and(|b| !b.is_ascii_whitespace());
    if bytes.first() == Some(&b'*') && starts(bytes.get(1)) {
        return true;
    }
    bytes.windows(3).any(|w| match w {
        [before, b'*', next] => {
            matches!(
                before,
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'?' | b'-'
            ) && !next.is_ascii_whitespace()
        }
        _ => false,
    })
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

fn json_error(e: &serde_json::Error, index: &LineIndex, quoting: Quoting) -> Diagnostic {
    let code = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Code::YamlSyntax,
        _ => classify(&e.to_string()).0,
    };
    let message = strip_location(&e.to_string());
    let (code, message) = match classify(&message) {
        (Code::YamlSyntax, _) => (code, message),
        (found, text) => (found, text),
    };
    let message = match quoting {
        Quoting::Shown => message,
        Quoting::Redacted => crate::diagnostic::redact_parser_message(&message),
    };
    let mut diagnostic = Diagnostic::new(code, DocPath::root(0), message);
    if let Some(start) = index.line_start(e.line()) {
        // serde_json counts the column in bytes, up to and including the offending one.
        diagnostic.span = Some(index.span_at(start + e.column().saturating_sub(1)));
    }
    diagnostic
}

fn yaml_error<'a>(
    document: usize,
    e: &serde_yaml::Error,
    message: &str,
    text: &str,
    index: impl Fn() -> &'a LineIndex<'a>,
    quoting: Quoting,
) -> Diagnostic {
    let message = renumber_context(&strip_location(message), text);
    typed_finding(
        document,
        message,
        e.location().map(|l| l.index()),
        text,
        index,
        quoting,
    )
}

/// The finding for a parser's message (without its location) about `document`, at byte
/// `location` when known: its path, code and words, as every typed parse reports them.
fn typed_finding<'a>(
    document: usize,
    message: String,
    location: Option<usize>,
    text: &str,
    index: impl Fn() -> &'a LineIndex<'a>,
    quoting: Quoting,
) -> Diagnostic {
    // libyaml's reader reports a forbidden character by its byte offset only.
    let (message, position) = match reader_position(&message) {
        Some((problem, offset)) => (control_message(problem, text, offset), Some(offset)),
        None => (message, None),
    };
    // Messages read `path.to[1].field: what went wrong`.
    let (path, rest) = match message.split_once(": ") {
        Some((prefix, rest)) => match DocPath::parse(document, prefix) {
            Some(path) => (path, rest.to_owned()),
            None => (DocPath::root(document), message.clone()),
        },
        None => (DocPath::root(document), message.clone()),
    };
    let (code, text_of) = classify(&rest);
    let written = location.and_then(|l| source_number(text, l));
    let text_of = match written {
        Some(written) => describe_written_number(&text_of, written),
        None => text_of,
    };
    let text_of = match quoting {
        Quoting::Shown => text_of,
        Quoting::Redacted => crate::diagnostic::redact_parser_message(&text_of),
    };
    let mut diagnostic = Diagnostic::new(code, path, text_of);
    if code == Code::YamlSyntax && text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        diagnostic.help = Some(
            "the file holds U+0085, U+2028 or U+2029, which YAML reads as line breaks (editors often do not show them)"
                .to_owned(),
        );
    }
    // The byte offset, not line and column: libyaml also breaks lines at U+0085, U+2028 and
    // U+2029, which no editor does, so its line numbers can be past the end of the text.
    if let Some(offset) = position {
        let width = text
            .get(offset..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        diagnostic.span = Some(index().span(offset, offset + width));
    } else if let Some(location) = location {
        diagnostic.span = Some(index().span_at(location));
    }
    diagnostic
}

/// The problem and byte offset of a libyaml reader error, `<problem> at position N`.
fn reader_position(message: &str) -> Option<(&str, usize)> {
    let (problem, position) = message.rsplit_once(" at position ")?;
    Some((problem, position.trim().parse().ok()?))
}

/// Names the character a reader error is about, when it is a control character.
fn control_message(problem: &str, text: &str, offset: usize) -> String {
    match text.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_control() || !c.is_ascii() => format!(
            "the character U+{:04X} is not allowed in YAML ({problem})",
            u32::from(c)
        ),
        _ => problem.to_owned(),
    }
}

/// The number literal at `offset` when YAML reads it as an integer in another base (`0x10`,
/// `0o17`, `0b101`): what was written, to show in messages. Only such numerals are returned,
/// so no text of the document can reach a message through it.
fn source_number(text: &str, offset: usize) -> Option<&str> {
    let rest = text.get(offset..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
        .unwrap_or(rest.len());
    let token = rest.get(..end.min(64))?;
    let digits = token.strip_prefix(['+', '-']).unwrap_or(token);
    let radix = digits.get(..2).map(str::to_ascii_lowercase);
    let is_radix = matches!(radix.as_deref(), Some("0x" | "0o" | "0b"))
        && digits.len() > 2
        && digits
            .get(2..)
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_hexdigit() || c == '_'));
    is_radix.then_some(token)
}

/// `invalid type: integer `16`, expected …` for `0x10` becomes a message that shows `0x10`.
fn describe_written_number(message: &str, written: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: integer `") else {
        return message.to_owned();
    };
    let Some((value, expected)) = rest.split_once("`, expected ") else {
        return message.to_owned();
    };
    let base = match written
        .trim_start_matches(['+', '-'])
        .get(..2)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("0x") => "hexadecimal",
        Some("0o") => "octal",
        _ => "binary",
    };
    format!(
        "`{written}` is read as the {base} integer {value}, which is not accepted here: expected {expected}, written in decimal"
    )
}

/// Removes the parser's ` at line L column C` suffix; the span carries it instead. libyaml
/// messages read `<problem> at line L column C, while <context> at line L2 column C2`: the span
/// is the problem's location, so that one goes, and the context's stays (it says where the
/// unclosed construct began).
fn strip_location(message: &str) -> String {
    // Only libyaml's own messages have a location before `, while `; a value the model
    // quotes may hold those words too (`core: "x, while y"`).
    if let Some((problem, context)) = message.split_once(", while ") {
        let stripped = strip_trailing_location(problem);
        if stripped.len() < problem.len() {
            return format!("{stripped}, while {context}");
        }
    }
    strip_trailing_location(message)
}

/// Rewrites the context's `at line L column C` in the lines and columns everyone else counts.
/// libyaml also starts a line at a lone `\r`, U+0085, U+2028 and U+2029; editors (and our
/// spans) start one at `\n` only.
fn renumber_context(message: &str, text: &str) -> String {
    const OTHER_BREAKS: [char; 4] = ['\r', '\u{85}', '\u{2028}', '\u{2029}'];
    if !text.contains(OTHER_BREAKS) {
        return message.to_owned();
    }
    let Some(at) = message.rfind(" at line ") else {
        return message.to_owned();
    };
    let (head, tail) = message.split_at(at);
    let numbers = tail
        .strip_prefix(" at line ")
        .and_then(|t| t.split_once(" column "))
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.trim().parse::<usize>().ok()?)));
    let Some((line, column)) = numbers else {
        return message.to_owned();
    };
    // Walk to libyaml's line and column, counting its line breaks.
    let (mut current, mut offset) = (1usize, None);
    let mut chars = text.char_indices().peekable();
    if line == 1 {
        offset = Some(0);
    }
    while offset.is_none() {
        let Some((i, c)) = chars.next() else { break };
        let breaks = match c {
            '\r' => chars.peek().map(|&(_, n)| n) != Some('\n'),
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        if breaks {
            current += 1;
            if current == line {
                offset = Some(i + c.len_utf8());
            }
        }
    }
    let Some(start) = offset else {
        return message.to_owned();
    };
    let byte = text
        .get(start..)
        .and_then(|rest| rest.char_indices().nth(column.saturating_sub(1)))
        .map_or(text.len(), |(i, _)| start + i);
    let span = LineIndex::new(text).span(byte, byte);
    format!("{head} at line {} column {}", span.line, span.column)
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

/// Serialises a value as YAML, as `competence resolve --format yaml` writes it.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let catalog = competence::catalog::Catalog::builtin();
/// let reference = "mh-peer-support-worker@^1".parse()?;
/// let resolved = competence::tailor::resolve(&catalog, &reference)?.framework.ok_or("none")?;
/// let yaml = competence::to_yaml(&resolved)?;
/// assert!(yaml.starts_with("format: competence/1\nkind: framework\n"));
/// # Ok(()) }
/// ```
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, WriteError> {
    match guard(|| serde_yaml::to_string(value)) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(WriteError(e.to_string())),
        Err(ParserPanic) => Err(WriteError(
            "the YAML writer failed (an internal error of the writer)".to_owned(),
        )),
    }
}

/// Why a value could not be written as YAML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write YAML: {0}")]
pub struct WriteError(String);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::{BoxedStrategy, Just, Strategy, any, prop_oneof};

    #[test]
    fn json_is_an_object_with_quoted_keys() {
        assert!(looks_like_json("{\"format\": \"competence/1\"}"));
        assert!(looks_like_json("  {\n  \"a\": 1}"));
        assert!(looks_like_json("{}"));
        assert!(!looks_like_json("{format: competence/1, kind: framework}"));
        assert!(!looks_like_json("format: x"));
    }

    #[test]
    fn documents_over_the_bound_on_full_yaml_are_refused_before_the_parser_reads_them() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct Doc {
            id: String,
            title: String,
        }
        let limits = Limits {
            max_full_yaml_bytes: 40,
            ..Limits::default()
        };
        let codes = |found: &[Diagnostic]| -> Vec<(Code, usize, Option<usize>)> {
            found
                .iter()
                .map(|d| (d.code, d.path.document, d.span.map(|s| s.line)))
                .collect()
        };
        // In the plain block style the fast path reads it, whatever the bound.
        let plain = "id: a-long-identifier\ntitle: A title long enough to pass the bound\n";
        let (docs, found) = parse_documents::<Doc>(plain, &limits, Quoting::Shown);
        assert_eq!((docs.len(), codes(&found)), (1, vec![]));
        // An anchor takes it to full YAML: refused, at its first line, after the comments.
        let anchored = "# c\nid: a-long-identifier\ntitle: &t A title long enough to pass\n";
        let (docs, found) = parse_documents::<Doc>(anchored, &limits, Quoting::Shown);
        assert_eq!(
            (docs.len(), codes(&found)),
            (0, vec![(Code::DocumentTooLarge, 0, Some(2))])
        );
        // Under the default bound it is read as before.
        let (docs, found) = parse_documents::<Doc>(anchored, &Limits::default(), Quoting::Shown);
        assert_eq!((docs.len(), codes(&found)), (1, vec![]));
        // In a stream, the documents before the large one are read; it and those after are not.
        let stream = format!("id: a\ntitle: A\n---\n{plain}---\nid: c\ntitle: C\n");
        let (docs, found) = parse_documents::<Doc>(&stream, &limits, Quoting::Shown);
        assert_eq!(
            (docs.len(), codes(&found)),
            (1, vec![(Code::DocumentTooLarge, 1, Some(3))])
        );
        // The kind of a flow document too large for full YAML is not read by the parser.
        let flow = "{kind: framework, id: &i a-long-identifier, title: A title}";
        assert_eq!(parsed_kind(flow, &limits), None);
        assert_eq!(
            parsed_kind(flow, &Limits::default()),
            Some("framework".to_owned())
        );
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
        let (ok, bad) =
            parse_documents::<D>("id: a\n---\nid: [\n", &Limits::default(), Quoting::Shown);
        assert_eq!(ok.len(), 1);
        assert_eq!(bad.len(), 1);
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        kind: String,
        #[serde(default)]
        domains: Vec<Domain>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Domain {
        id: String,
    }

    /// Code, document, message and line and column of a finding.
    type Found = (Code, usize, String, Option<(usize, usize)>);

    fn parse(text: &str) -> (usize, Vec<Found>) {
        let (ok, bad) = parse_documents::<Doc>(text, &Limits::default(), Quoting::Shown);
        let bad = bad
            .into_iter()
            .map(|d| {
                let at = d.span.map(|s| (s.line, s.column));
                (d.code, d.path.document, d.message, at)
            })
            .collect();
        (ok.len(), bad)
    }

    #[test]
    fn an_undefined_alias_is_a_located_finding_not_a_panic() {
        // Each of these panicked inside the deserializer: the typed parse failed before the
        // alias, and the rest of the document came back as a document of its own.
        for (text, line, column) in [
            ("kind: framework\ndomains: [{x: [*c]}]\n", 2, 16),
            ("kind: framework\ndomains: [{x: *c}]\n", 2, 15),
            ("kind: framework\nx: *c\n", 2, 4),
            ("kind: framework\ndomains: [[*c]]\n", 2, 12),
            ("kind: framework\ndomains:\n  - x:\n      - *c\n", 4, 9),
        ] {
            let (_, bad) = parse(text);
            let last = bad.last().cloned();
            assert_eq!(
                last.map(|(code, _, message, at)| (code, message, at)),
                Some((
                    Code::YamlSyntax,
                    "the alias `*c` names no anchor defined before it in this document".to_owned(),
                    Some((line, column))
                )),
                "{text}"
            );
        }
        // Documents before it are read; the stream stops at it.
        let (ok, bad) = parse("kind: a\n---\nkind: b\nx: [*c]\n---\nkind: c\n");
        assert_eq!(ok, 1);
        assert_eq!(bad.iter().map(|b| b.1).collect::<Vec<_>>(), vec![1]);
        // Anchors do not cross documents: an alias to an earlier document's anchor is
        // undefined to libyaml (found by the `resolve` fuzz target), while a document may
        // define an anchor again under the same name.
        let (ok, bad) = parse("kind: &c a\n---\nkind: b\ndomains: [{x: [*c]}]\n---\nx: 1\n");
        assert_eq!(ok, 1);
        assert_eq!(
            bad.iter().map(|b| (b.1, b.3)).collect::<Vec<_>>(),
            vec![(1, Some((4, 16)))]
        );
        let (ok, bad) = parse("kind: &c a\n---\nkind: &c b\ndomains: [{id: *c}]\n");
        assert_eq!((ok, bad), (2, vec![]));
        // Defined anchors, and `*` in text, are fine.
        let (ok, bad) = parse("kind: &k a\ndomains: [{id: *k}]\n---\nkind: \"*x\"\n");
        assert_eq!((ok, bad), (2, vec![]));
        assert!(might_have_alias("x: *a\n"));
        assert!(!might_have_alias("x: a * b\n"));
    }

    /// A YAML node of depth at most `depth` from a small grammar rich in anchors and aliases:
    /// scalars, aliases, flow sequences and mappings, each maybe anchored, names `a0` to `a2`.
    fn aliased_node(depth: u32) -> BoxedStrategy<String> {
        let anchor = prop_oneof![
            Just(String::new()),
            (0..3u8).prop_map(|n| format!("&a{n} "))
        ];
        let leaf = prop_oneof![
            (anchor.clone(), "[a-z]{1,3}").prop_map(|(a, s)| format!("{a}{s}")),
            (0..3u8).prop_map(|n| format!("*a{n}")),
        ];
        leaf.prop_recursive(depth, 12, 3, move |inner| {
            prop_oneof![
                (
                    anchor.clone(),
                    proptest::collection::vec(inner.clone(), 0..3)
                )
                    .prop_map(|(a, items)| format!("{a}[{}]", items.join(", "))),
                (
                    anchor.clone(),
                    proptest::collection::vec(("[a-z]{1,2}", inner), 0..3)
                )
                    .prop_map(|(a, entries)| {
                        let entries: Vec<String> =
                            entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                        format!("{a}{{{}}}", entries.join(", "))
                    }),
            ]
        })
        .boxed()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The alias check's law: whatever aliases a stream holds, and whichever documents fail
        /// to parse before them, the deserializer is never handed a document it panics on.
        #[test]
        fn no_stream_of_aliases_reaches_a_parser_panic(
            documents in proptest::collection::vec(
                proptest::collection::vec(
                    (prop_oneof![Just("domains"), Just("kind"), Just("x")], aliased_node(3), any::<bool>()),
                    1..4,
                ),
                1..4,
            )
        ) {
            let text: String = documents
                .iter()
                .map(|entries| {
                    entries
                        .iter()
                        .map(|(key, node, block)| match block {
                            true => format!("{key}:\n  - {node}\n"),
                            false => format!("{key}: {node}\n"),
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("---\n");
            let (_, bad) = parse(&text);
            let guard_finding = panic_diagnostic(0).message;
            let panicked = bad.iter().any(|(_, _, message, _)| *message == guard_finding);
            proptest::prop_assert!(!panicked, "a parser panic on:\n{text}");
        }
    }

    #[test]
    fn documents_after_a_syntax_error_only_one_parser_sees_are_not_read() {
        // Found by the `load` fuzz target: saphyr stops at a byte order mark inside a document,
        // libyaml reads on, and an undefined alias in a later document panicked the
        // deserializer. Nothing after the document saphyr could not read is deserialized.
        let text = "kind: x\u{feff}y\n---\nkind: b\nx: 1\ndomains: [{x: [*c]}]\n";
        let (ok, bad) = parse(text);
        assert_eq!(ok, 1, "{bad:?}");
        assert_eq!(
            bad,
            vec![(
                Code::YamlSyntax,
                0,
                "a byte order mark must not appear inside a document".to_owned(),
                Some((1, 8))
            )]
        );
        // Without a possible alias the stream is read as before.
        let (ok, _) = parse("kind: x\u{feff}y\n---\nkind: b\n");
        assert_eq!(ok, 2);
    }

    #[test]
    fn a_panic_in_a_parser_becomes_an_error() {
        assert_eq!(guard(|| 1), Ok(1));
        let caught = guard(|| -> u8 { panic!("inside a parser") });
        assert_eq!(caught, Err(ParserPanic));
        let d = located_panic(1, "a: 1\n---\nb: 2\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!(d.span.map(|s| s.line), Some(3));
    }

    #[test]
    fn decoding_known_utf8_agrees_with_decoding_bytes() {
        let small = Limits {
            max_bytes: 8,
            ..Limits::default()
        };
        for text in [
            "",
            "a: b\n",
            "\u{feff}a: b\n",
            "\u{feff}a\0b\0",
            "a\0b\0c\0d\0",
            "0123456789",
        ] {
            for limits in [Limits::default(), small] {
                let bytes = decode(text.as_bytes(), &limits).map_err(|d| d.message);
                let known = decode_utf8(text, &limits).map_err(|d| d.message);
                assert_eq!(known, bytes, "{text:?}");
            }
        }
    }

    #[test]
    fn utf16_and_utf32_are_named() {
        let text = "format: competence/1\nkind: framework\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xFF, 0xFE][..], &utf16le].concat();
        let limits = Limits::default();
        let message = |bytes: &[u8]| decode(bytes, &limits).err().map(|d| d.message);
        for (bytes, name) in [
            (&utf16le[..], "UTF-16 (little-endian, without"),
            (&utf16be[..], "UTF-16 (big-endian, without"),
            (&with_bom[..], "UTF-16 (little-endian, with a"),
        ] {
            let found = message(bytes).unwrap_or_default();
            assert!(found.contains(name), "{found}");
        }
        assert_eq!(message(text.as_bytes()), None);
        assert_eq!(message("é".repeat(100).as_bytes()), None);
    }

    #[test]
    fn a_control_character_is_located_where_it_is() {
        let (_, bad) = parse("kind: framework\ndomains:\n  - id: ab\0cd\n");
        let (code, _, message, at) =
            bad.first()
                .cloned()
                .unwrap_or((Code::EmptyText, 0, String::new(), None));
        assert_eq!(code, Code::YamlSyntax);
        assert_eq!(at, Some((3, 11)));
        assert!(
            message.starts_with("the character U+0000 is not allowed"),
            "{message}"
        );
    }

    #[test]
    fn locations_use_offsets_where_libyaml_counts_other_line_breaks() {
        // libyaml breaks lines at U+0085; editors do not, so its line 4 is our line 3.
        let (_, bad) = parse("kind: framework\nx: a\u{85}b\nkind: x\n");
        let (code, _, message, at) =
            bad.first()
                .cloned()
                .unwrap_or((Code::EmptyText, 0, String::new(), None));
        assert_eq!(code, Code::YamlSyntax);
        assert_eq!(at, Some((3, 1)));
        assert!(
            message.ends_with("while scanning a simple key at line 2 column 6"),
            "{message}"
        );
    }

    #[test]
    fn hexadecimal_numbers_are_shown_as_written() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct W {
            weight: crate::model::Weight,
        }
        let (_, bad) = parse_documents::<W>("weight: 0x10\n", &Limits::default(), Quoting::Shown);
        let message = bad.first().map(|d| d.message.clone()).unwrap_or_default();
        assert_eq!(
            message,
            "`0x10` is read as the hexadecimal integer 16, which is not accepted here: expected a number, written in decimal"
        );
    }

    #[test]
    fn evidence_messages_quote_no_value() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct E {
            outcome: crate::model::Outcome,
        }
        let (_, bad) = parse_documents::<E>(
            "outcome: disclosed self-harm on the ward\n",
            &Limits::default(),
            Quoting::Redacted,
        );
        let message = bad.first().map(|d| d.message.clone()).unwrap_or_default();
        assert!(
            message.starts_with("unknown variant `…`, expected"),
            "{message}"
        );
    }
}

/// The finding the fast path gives for `text` when it refuses it and the refusal stands, as
/// `parse_documents` reports it for a large file; for the differential test and fuzz target.
#[cfg(any(test, fuzzing))]
pub(crate) fn fast_refusal<T: DeserializeOwned>(text: &str) -> Option<Diagnostic> {
    let fast::Read::Refused(refused) = fast::read::<T>(text) else {
        return None;
    };
    if flow_too_deep(text).is_some() || !refusal_stands(text) {
        return None;
    }
    let index = LineIndex::new(text);
    Some(typed_finding(
        0,
        refused.worded(),
        refused.offset,
        text,
        || &index,
        Quoting::Shown,
    ))
}

/// The first finding of the reference parse of a text under [`fast::MIN_BYTES`].
#[cfg(any(test, fuzzing))]
pub(crate) fn reference_finding<T: DeserializeOwned>(text: &str) -> Option<Diagnostic> {
    if text.len() >= fast::MIN_BYTES {
        return None;
    }
    let found = parse_documents_into::<T>(text, &Limits::default(), Quoting::Shown, |_, _| {});
    found.into_iter().next()
}

/// The fast path's refusals against `yaml_serde`'s findings: on every framework, evidence
/// and crosswalk the repository holds, each changed line by line into something the model
/// refuses, a refusal that stands must be the finding the reference parse gives.
#[cfg(test)]
mod refusal_tests {
    use super::*;
    use crate::model::{Crosswalk, EvidenceRecord, Framework};

    fn compare<T: DeserializeOwned>(text: &str, compared: &mut usize) {
        let Some(fast) = fast_refusal::<T>(text) else {
            return;
        };
        *compared += 1;
        let reference = reference_finding::<T>(text);
        assert_eq!(
            reference.map(|d| format!("{d:?}")),
            Some(format!("{fast:?}")),
            "the fast path refused this differently:\n{text}"
        );
    }

    /// The texts to change: every YAML file under `tests/fixtures`, `tests/cases` and
    /// `examples` small enough for `yaml_serde` to read on its own.
    fn texts() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        if text.len() < 8 * 1024 {
                            out.push(text);
                        }
                    }
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["tests/fixtures", "tests/cases", "examples"] {
            walk(&root.join(dir), &mut out);
        }
        out
    }

    /// Changes of one line's value (or key) that a model may refuse.
    fn variants(text: &str) -> Vec<String> {
        const VALUES: [&str; 10] = [
            "{not: text}",
            "\"x, while y\"",
            "[a, b]",
            "12",
            "0x10",
            "true",
            "\"quoted\"",
            "~",
            "-3.5",
            "not-a-date",
        ];
        let lines: Vec<&str> = text.lines().collect();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let Some((key, _)) = line.split_once(": ") else {
                continue;
            };
            if key.trim_start().starts_with('#') {
                continue;
            }
            let mut changed = |new_line: String| {
                let mut copy = lines.clone();
                copy[i] = &new_line;
                out.push(copy.join("\n") + "\n");
            };
            for value in VALUES {
                changed(format!("{key}: {value}"));
            }
            changed(format!("{key}x: 1"));
            changed(format!("{key}:"));
            changed(format!("{key}: "));
            changed(String::new());
        }
        out
    }

    /// What the `yaml_fast` fuzz target found while the refusals were written: a second line
    /// `:` that the span parser reads and libyaml stops at (the refusal must not stand), and
    /// an empty last value without a newline (placed just past its `:`, as libyaml places it).
    #[test]
    fn the_fuzzers_findings_stay_fixed() {
        assert_eq!(fast_refusal::<EvidenceRecord>("id:\n:"), None);
        let text = "from: ";
        let fast = fast_refusal::<Crosswalk>(text);
        assert!(fast.is_some());
        assert_eq!(
            fast.map(|d| format!("{d:?}")),
            reference_finding::<Crosswalk>(text).map(|d| format!("{d:?}"))
        );
    }

    #[test]
    fn every_refusal_that_stands_is_the_reference_finding() {
        let mut compared = 0;
        for text in texts() {
            for changed in std::iter::once(text.clone()).chain(variants(&text)) {
                if changed.contains("kind: evidence") {
                    compare::<EvidenceRecord>(&changed, &mut compared);
                } else if changed.contains("kind: crosswalk") {
                    compare::<Crosswalk>(&changed, &mut compared);
                } else {
                    compare::<Framework>(&changed, &mut compared);
                }
            }
        }
        assert!(compared > 1000, "only {compared} refusals compared");
    }
}
