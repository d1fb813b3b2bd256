//! Loading: bytes to typed documents plus every finding about them, located.

mod fast;
mod stream;

pub use stream::{JsonLines, Line, Records, RecordsError, records};

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Crosswalk, Document, EvidenceRecord, Framework, Kind};
use crate::validate;
use crate::yaml::{self, Limits, Quoting, SpanTree};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file held: the documents that parsed and every finding, located.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The file, if the text came from one.
    pub file: Option<PathBuf>,
    /// The kind of document the file holds, when it could be told.
    pub kind: Option<Kind>,
    /// Documents that parsed (also those with semantic findings), with their stream index.
    pub documents: Vec<(usize, Document)>,
    /// Every finding, with spans and the file set.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A failure that stops loading, as opposed to a finding about the content.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Reads and loads one file. At most [`Limits::max_bytes`] are read, whatever the path is
/// (a device such as `/dev/zero`, a FIFO): more is a `file-too-large` finding.
pub fn load_file(path: &Path, limits: &Limits) -> Result<Loaded, LoadError> {
    load_file_keeping_text(path, limits).map(|(loaded, _)| loaded)
}

/// Reads and loads one file, and returns its text (without a byte-order mark) when its kind
/// could be told, so findings made later (at resolution, or about evidence claims) can be
/// located. Callers must not store evidence text: `check` uses it only to locate claim
/// findings and never puts it in the catalog or in snippets.
pub(crate) fn load_file_keeping_text(
    path: &Path,
    limits: &Limits,
) -> Result<(Loaded, Option<Arc<str>>), LoadError> {
    // At most the limit plus one byte is read, whatever the file is (a device, a FIFO).
    let read =
        crate::files::read_bounded(path, limits.max_bytes).map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source,
        })?;
    let bytes = match read {
        crate::files::Contents::Read(bytes) => bytes,
        crate::files::Contents::TooLarge => {
            let d = Diagnostic::new(
                Code::FileTooLarge,
                DocPath::root(0),
                format!(
                    "the file is larger than the limit of {} bytes",
                    limits.max_bytes
                ),
            );
            return Ok((
                finish(Some(path), None, None, Vec::new(), Findings::from(vec![d])),
                None,
            ));
        }
    };
    // The text is checked for UTF-8 once: as a `String` when it is UTF-8 (loading then skips
    // the check), else as bytes, which reports where it is not. The text is shared before the
    // model is built, so the copy into the `Arc` never overlaps with the model in memory.
    let (loaded, text) = match String::from_utf8(bytes) {
        Ok(text) => {
            let text = Arc::<str>::from(text);
            (load_utf8(Some(path), &text, limits), Some(text))
        }
        Err(e) => (load_bytes(Some(path), e.as_bytes(), limits), None),
    };
    // Evidence text is returned for locating claim findings; the caller must not keep it.
    let text = text
        .filter(|_| loaded.kind.is_some())
        .map(|t| t.strip_prefix('\u{feff}').map(Arc::from).unwrap_or(t));
    Ok((loaded, text))
}

/// Gives a span to every finding (and related location) in `file` that has a path but no span,
/// using the span-aware parse of that file's `text`. Findings in other files are left alone.
/// Parses only when something needs locating, and records only what locating those paths needs.
pub(crate) fn locate(file: Option<&Path>, text: &str, diagnostics: &mut [Diagnostic]) {
    let wanted = |f: Option<&Path>| f == file;
    let paths = unlocated(diagnostics, wanted);
    if paths.is_empty() {
        return;
    }
    let tree = SpanTree::build_for_paths(text, paths);
    fill_spans(&tree, diagnostics, wanted);
}

/// The paths [`fill_spans`] will locate: of the findings and related locations without a
/// span, among those `wanted` says belong to the file.
fn unlocated(diagnostics: &[Diagnostic], wanted: impl Fn(Option<&Path>) -> bool) -> Vec<&DocPath> {
    let mut paths = Vec::new();
    for d in diagnostics {
        if wanted(d.file.as_deref()) && d.span.is_none() {
            paths.push(&d.path);
        }
        for r in &d.related {
            if wanted(r.file.as_deref()) && r.span.is_none() {
                paths.push(&r.path);
            }
        }
    }
    paths
}

/// Sets the span of every finding and related location without one, among those `wanted`
/// says belong to the tree's file.
fn fill_spans(
    tree: &SpanTree<'_>,
    diagnostics: &mut [Diagnostic],
    wanted: impl Fn(Option<&Path>) -> bool,
) {
    for d in diagnostics.iter_mut() {
        if wanted(d.file.as_deref()) && d.span.is_none() {
            d.span = tree.locate(&d.path);
        }
        for related in &mut d.related {
            if wanted(related.file.as_deref()) && related.span.is_none() {
                related.span = tree.locate(&related.path);
            }
        }
    }
}

/// Loads bytes (a whole file's content).
pub fn load_bytes(file: Option<&Path>, bytes: &[u8], limits: &Limits) -> Loaded {
    match yaml::decode(bytes, limits) {
        Ok(text) if is_json_lines(file) => load_json_lines(file, text, limits),
        Ok(text) => load_str(file, text, limits),
        Err(d) => finish(file, None, None, Vec::new(), Findings::from(vec![*d])),
    }
}

/// [`load_bytes`] for bytes known to be UTF-8: the same checks but that one.
fn load_utf8(file: Option<&Path>, text: &str, limits: &Limits) -> Loaded {
    match yaml::decode_utf8(text, limits) {
        Ok(text) if is_json_lines(file) => load_json_lines(file, text, limits),
        Ok(text) => load_str(file, text, limits),
        Err(d) => finish(file, None, None, Vec::new(), Findings::from(vec![*d])),
    }
}

/// Whether `file` is JSON Lines (`*.jsonl`): evidence records, one per line.
pub fn is_json_lines(file: Option<&Path>) -> bool {
    file.and_then(|f| f.extension()).and_then(|e| e.to_str()) == Some("jsonl")
}

/// Loads JSON Lines text: each non-blank line an evidence record, its document index the line
/// number less one. For cohorts, stream with [`stream::JsonLines`] instead;
/// this collects, for `check` on files within the size limit.
pub fn load_json_lines(file: Option<&Path>, text: &str, limits: &Limits) -> Loaded {
    let mut documents = Vec::new();
    let mut diagnostics = Findings::new(limits.max_findings);
    for (count, line) in stream::JsonLines::new(text.as_bytes(), file, *limits).enumerate() {
        // Reading from memory cannot fail; a failure would end the stream like end of file.
        let Ok(line) = line else { break };
        if count >= limits.max_documents {
            // Findings are kept for every record: bound them as YAML streams are bounded.
            let mut d = Diagnostic::new(
                Code::TooManyDocuments,
                DocPath::root(line.line.saturating_sub(1)),
                format!("the file holds more than {} records", limits.max_documents),
            );
            d.span = yaml::LineIndex::new(text).line_span(line.line);
            diagnostics.push(d);
            break;
        }
        diagnostics.extend(line.diagnostics);
        if let Some(record) = line.record {
            documents.push((
                line.line.saturating_sub(1),
                Document::Evidence(Box::new(record)),
            ));
        }
    }
    // The lines are located already; `finish` only sets the file and sorts. The count of
    // findings not listed stands at the first line.
    let mut loaded = finish(file, None, Some(Kind::Evidence), documents, diagnostics);
    for d in &mut loaded.diagnostics {
        if d.code == Code::TooManyFindings && d.span.is_none() {
            d.span = yaml::LineIndex::new(text).line_span(1);
        }
    }
    loaded
}

/// Loads text. The kind of document is read from its `kind:` field.
pub fn load_str(file: Option<&Path>, text: &str, limits: &Limits) -> Loaded {
    let kind = match yaml::sniff_kind(text) {
        Some((name, start, end)) => Kind::parse(&name).ok_or((name, Some((start, end)))),
        None => match yaml::parsed_kind(text, limits) {
            Some(name) => Kind::parse(&name).ok_or((name, None)),
            None => Err((String::new(), None)),
        },
    };
    let kind = match kind {
        Ok(kind) => kind,
        Err((name, range)) => {
            // The kind is unknown, so the file may be evidence: parser messages quote nothing.
            let mut diagnostics = yaml::parse_documents_into::<serde::de::IgnoredAny>(
                text,
                limits,
                Quoting::Redacted,
                |_, _| {},
            );
            if diagnostics.is_empty() {
                let message = if name.is_empty() {
                    "the document has no `kind`: expected framework, evidence or crosswalk"
                        .to_owned()
                } else {
                    // The file may be evidence: only a token-like value is shown.
                    format!(
                        "unknown kind {}: expected framework, evidence or crosswalk",
                        crate::diagnostic::quote_token(&name)
                    )
                };
                let mut d =
                    Diagnostic::new(Code::UnknownKind, DocPath::root(0).key("kind"), message);
                if let Some((start, end)) = range {
                    d.span = Some(yaml::LineIndex::new(text).span(start, end));
                }
                diagnostics.push(d);
            }
            let mut found = Findings::new(limits.max_findings);
            found.extend(diagnostics);
            return finish(file, Some(text), None, Vec::new(), found);
        }
    };
    let mut found = Findings::new(limits.max_findings);
    let documents = match kind {
        Kind::Framework => typed::<Framework>(text, limits, Quoting::Shown, &mut found, |f| {
            Document::Framework(std::sync::Arc::new(f))
        }),
        // Evidence text is private: parser messages about it quote no value.
        Kind::Evidence => {
            typed::<EvidenceRecord>(text, limits, Quoting::Redacted, &mut found, |r| {
                Document::Evidence(Box::new(r))
            })
        }
        Kind::Crosswalk => typed::<Crosswalk>(text, limits, Quoting::Shown, &mut found, |c| {
            Document::Crosswalk(std::sync::Arc::new(c))
        }),
    };
    // Failing path only: a document whose typed parse failed gets every shape problem.
    found.edit(|diagnostics| yaml::every_shape_error(text, kind, &documents, diagnostics));
    finish(file, Some(text), Some(kind), documents, found)
}

/// The documents of `text` that parse as `T`; every finding about them goes to `found`.
fn typed<T: serde::de::DeserializeOwned>(
    text: &str,
    limits: &Limits,
    quoting: Quoting,
    found: &mut Findings,
    wrap: impl Fn(T) -> Document,
) -> Vec<(usize, Document)> {
    // At most one parser finding per document (and the documents are limited). Each is
    // wrapped as it is parsed: the models are never all held by value at once.
    let mut documents = Vec::new();
    let diagnostics = yaml::parse_documents_into::<T>(text, limits, quoting, |index, value| {
        documents.push((index, wrap(value)))
    });
    found.extend(diagnostics);
    for (index, document) in &documents {
        validate::document_into(document, *index, found);
    }
    documents
}

/// Sets the file on every finding and, only if some finding lacks a location, parses the text
/// again with spans to locate it.
fn finish(
    file: Option<&Path>,
    text: Option<&str>,
    kind: Option<Kind>,
    documents: Vec<(usize, Document)>,
    mut found: Findings,
) -> Loaded {
    let parse_failed = |d: &Diagnostic| {
        matches!(
            d.code,
            Code::DuplicateKey
                | Code::UnknownField
                | Code::WrongType
                | Code::MissingField
                | Code::YamlSyntax
        )
    };
    // The text is read again only for the documents that need it: those with a finding to
    // locate, and those whose parse failed (to find every duplicate key: the parser stops at
    // its first problem).
    let mut wanted = BTreeSet::new();
    let mut failed = false;
    for d in found.kept() {
        if parse_failed(d) {
            failed = true;
            wanted.insert(d.path.document);
        }
        if d.span.is_none() {
            wanted.insert(d.path.document);
        }
        for r in d.related.iter().filter(|r| r.span.is_none()) {
            wanted.insert(r.path.document);
        }
    }
    if let Some(text) = text.filter(|_| !wanted.is_empty()) {
        // Duplicate keys are read from the events, with no tree (see `yaml::duplicate_keys`).
        let (mut duplicates, more) = if failed {
            yaml::duplicate_keys(text, &wanted, found.limit())
        } else {
            (Vec::new(), 0)
        };
        found.count_unlisted(Code::DuplicateKey, more);
        // The key may be evidence text: not named, in the message or the path (which then
        // ends at the mapping), unless the file is a framework or crosswalk.
        if !matches!(kind, Some(Kind::Framework | Kind::Crosswalk)) {
            for d in &mut duplicates {
                d.message = crate::diagnostic::redact_parser_message(&d.message);
                for path in
                    std::iter::once(&mut d.path).chain(d.related.iter_mut().map(|r| &mut r.path))
                {
                    path.segments.pop();
                    path.at_key = false;
                }
            }
        }
        if !duplicates.is_empty() {
            // The parser reports a duplicate struct field at the mapping's start; the span
            // parser knows exactly which key, and where it first appeared.
            found.edit(|diagnostics| diagnostics.retain(|d| d.code != Code::DuplicateKey));
            found.extend(duplicates);
        }
        // Only what locating the findings without a span needs is parsed into a tree. Files
        // are set below: every finding here is about this text.
        found.edit(|diagnostics| {
            let paths = unlocated(diagnostics, |_| true);
            if !paths.is_empty() {
                let tree = SpanTree::build_for_paths(text, paths);
                fill_spans(&tree, diagnostics, |_| true);
            }
        });
    }
    let mut diagnostics = found.into_vec();
    // The count of findings not listed is about the whole file: it stands at its start.
    if let (Some(text), Some(last)) = (text, diagnostics.last_mut()) {
        if last.code == Code::TooManyFindings && last.span.is_none() {
            last.span = Some(yaml::LineIndex::new(text).span(0, 0));
        }
    }
    for d in &mut diagnostics {
        d.file = file.map(Path::to_owned);
        for related in &mut d.related {
            if related.file.is_none() {
                related.file = file.map(Path::to_owned);
            }
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    Loaded {
        file: file.map(Path::to_owned),
        kind,
        documents,
        diagnostics,
    }
}

/// Removes the input value a parser quoted in its message, whatever the quotes, so that
/// evidence text never reaches a diagnostic (see [`crate::diagnostic::sanitize`] for what is
/// done to the values that may be shown).
pub(crate) fn redact_quoted(message: &str) -> String {
    crate::diagnostic::redact_parser_message(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_values_are_redacted_from_parser_messages() {
        let text = "format: competence/1\nkind: evidence\nlearner: L-1\nframework: x\nevidence:\n  - id: e1\n    kind: observation\n    date: 2026-01-01\n    claims: secret words\n";
        let loaded = load_str(None, text, &Limits::default());
        let message = &loaded.diagnostics[0].message;
        assert!(message.starts_with("invalid type: string"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }
}
