//! Evidence for cohorts: JSON Lines, one record per line, read as a stream so a cohort is
//! never held in memory. Each malformed line gives one located diagnostic and the stream goes
//! on with the next line.
//!
//! Every read is bounded: a line is read to at most [`Limits::max_bytes`] plus one byte. Two
//! kinds of line end the stream instead, because they show the input is not line-structured
//! text and reading on could last for ever (`/dev/zero` has no newline, `/dev/urandom` never
//! ends): a line longer than the limit, and a line holding a NUL byte (never valid in JSON).
//! Each is reported (`file-too-large`, `yaml-syntax`) and the rest of the input is not read.
//!
//! The usual line (wholly in the reader's buffer, no escapes, nulls or unknown fields) is read
//! in place by a fast path that builds the same record `serde_json` would; every other line is
//! copied out and read by `serde_json`, which accepts or reports it. The two give the same
//! records and findings.
//!
//! [`records`] reads any evidence input of a cohort, JSON Lines or YAML, as one stream of
//! records, each with the line it starts on, so a record that cannot be assessed can be named
//! by file, line and learner while the others go on.

use super::LoadError;
use crate::diagnostic::{Code, Diagnostic, DocPath, Span};
use crate::model::{Document, EvidenceItem, EvidenceRecord, Kind};
use crate::validate;
use crate::yaml::Limits;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One non-blank line of a JSON Lines file.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line number, from 1.
    pub line: usize,
    /// The record, when the line parsed (it may still have findings).
    pub record: Option<EvidenceRecord>,
    /// Findings about the line, located; they never quote evidence text.
    pub diagnostics: Vec<Diagnostic>,
}

impl Line {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads evidence records from JSON Lines, one at a time. Blank lines are skipped. A line
/// longer than [`Limits::max_bytes`] is reported (`file-too-large`) without being held in
/// memory, and so is a line with a NUL byte (`yaml-syntax`); either ends the stream.
pub struct JsonLines<R> {
    reader: R,
    file: Option<PathBuf>,
    limits: Limits,
    line: usize,
    offset: usize,
    buffer: Vec<u8>,
    /// The items of the record being read by the fast path.
    items: Vec<EvidenceItem>,
    /// Whether to try the fast path (always, but for tests comparing the two paths).
    fast: bool,
    ended: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads from `reader`; `file` names it in diagnostics.
    pub fn new(reader: R, file: Option<&Path>, limits: Limits) -> JsonLines<R> {
        JsonLines {
            reader,
            file: file.map(Path::to_owned),
            limits,
            line: 0,
            offset: 0,
            buffer: Vec::new(),
            items: Vec::new(),
            fast: true,
            ended: false,
        }
    }

    fn read_error(&self, source: std::io::Error) -> LoadError {
        LoadError::Read {
            path: self
                .file
                .clone()
                .unwrap_or_else(|| PathBuf::from("<input>")),
            source,
        }
    }

    /// Reads one line into the buffer, at most the limit plus one byte; returns the bytes
    /// read and whether the line was cut short (then the rest of the input is left unread).
    fn read_line(&mut self) -> Result<(usize, bool), std::io::Error> {
        self.buffer.clear();
        let cap = u64::try_from(self.limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = Read::take(&mut self.reader, cap).read_until(b'\n', &mut self.buffer)?;
        let too_long =
            self.buffer.len() > self.limits.max_bytes && self.buffer.last() != Some(&b'\n');
        Ok((read, too_long))
    }

    /// The next line read in place from the reader's buffer, when it is a usual record (see
    /// [`fast`](super::fast)): the whole line, newline included, is already buffered and within
    /// the limit, and `serde_json` would read it. `Ok(None)` leaves the line, unread, to the
    /// ordinary path; an error is the reader's, which the ordinary path would meet too.
    fn fast_line(&mut self) -> Result<Option<Line>, std::io::Error> {
        if !self.fast {
            return Ok(None);
        }
        let available = match self.reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return Ok(None),
            Err(e) => return Err(e),
        };
        let window = available
            .get(..self.limits.max_bytes.saturating_add(1))
            .unwrap_or(available);
        let Some((record, consumed)) = super::fast::record(window, &mut self.items) else {
            return Ok(None);
        };
        if self.items.capacity() > 1 << 12 {
            self.items = Vec::new();
        }
        self.reader.consume(consumed);
        self.line += 1;
        let start = self.offset;
        self.offset += consumed;
        let diagnostics = validate::evidence(&record, &DocPath::root(self.line - 1));
        Ok(Some(self.finish(
            Some(record),
            diagnostics,
            start,
            consumed,
        )))
    }

    /// The line read, its findings located in it.
    fn finish(
        &self,
        record: Option<EvidenceRecord>,
        mut diagnostics: Vec<Diagnostic>,
        start: usize,
        consumed: usize,
    ) -> Line {
        for d in &mut diagnostics {
            d.file.clone_from(&self.file);
            if d.span.is_none() {
                d.span = Some(line_span(self.line, start, consumed));
            }
        }
        Line {
            line: self.line,
            record,
            diagnostics,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Line, LoadError>;

    fn next(&mut self) -> Option<Result<Line, LoadError>> {
        loop {
            if self.ended {
                return None;
            }
            match self.fast_line() {
                Ok(Some(line)) => return Some(Ok(line)),
                Ok(None) => {}
                Err(e) => {
                    self.ended = true;
                    return Some(Err(self.read_error(e)));
                }
            }
            let (consumed, too_long) = match self.read_line() {
                Ok(read) => read,
                Err(e) => {
                    self.ended = true;
                    return Some(Err(self.read_error(e)));
                }
            };
            if consumed == 0 {
                return None;
            }
            self.line += 1;
            let start = self.offset;
            self.offset += consumed;
            let document = self.line - 1;
            let mut diagnostics = Vec::new();
            let mut record = None;
            if too_long {
                self.ended = true;
                diagnostics.push(Diagnostic::new(
                    Code::FileTooLarge,
                    DocPath::root(document),
                    format!(
                        "line {} is longer than the limit of {} bytes; the rest of the input is not read",
                        self.line, self.limits.max_bytes
                    ),
                ));
            } else if self.buffer.contains(&0) {
                self.ended = true;
                diagnostics.push(Diagnostic::new(
                    Code::YamlSyntax,
                    DocPath::root(document),
                    format!(
                        "line {} holds a NUL byte, so this is not JSON Lines text; the rest of the input is not read",
                        self.line
                    ),
                ));
            } else {
                let bytes = self
                    .buffer
                    .strip_prefix(b"\xEF\xBB\xBF")
                    .unwrap_or(&self.buffer);
                match std::str::from_utf8(bytes) {
                    Err(e) => diagnostics.push(Diagnostic::new(
                        Code::InvalidUtf8,
                        DocPath::root(document),
                        format!(
                            "line {} is not valid UTF-8 (at byte {})",
                            self.line,
                            e.valid_up_to()
                        ),
                    )),
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => match serde_json::from_str::<EvidenceRecord>(text) {
                        Ok(parsed) => {
                            diagnostics
                                .extend(validate::evidence(&parsed, &DocPath::root(document)));
                            record = Some(parsed);
                        }
                        Err(e) => {
                            diagnostics.push(json_error(&e, document, self.line, start, text))
                        }
                    },
                }
            }
            return Some(Ok(self.finish(record, diagnostics, start, consumed)));
        }
    }
}

/// Every evidence record of one input, in order, each with the line it starts on: a JSON Lines
/// file (`*.jsonl`) streamed line by line, any other file (one YAML or JSON record, or a YAML
/// stream of them) read whole within the size limit. Made by [`records`].
pub struct Records {
    inner: Inner,
}

enum Inner {
    Lines(JsonLines<BufReader<std::fs::File>>),
    Loaded {
        lines: std::vec::IntoIter<Line>,
        several: bool,
    },
}

/// Why an evidence input could not be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordsError {
    /// The file could not be opened or read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The file holds frameworks or crosswalks, not evidence.
    #[error("{} holds a {kind}, not evidence records", path.display())]
    NotEvidence {
        /// The file.
        path: PathBuf,
        /// What it holds.
        kind: Kind,
    },
}

/// Opens one evidence input of a cohort; see [`Records`]. A YAML file with an error anywhere
/// gives one item without a record, carrying every finding (a syntax error can hide the
/// documents after it, so none is assessed); otherwise one item per document, with that
/// document's warnings. Items of JSON Lines are read as the stream goes: a read error ends
/// it.
///
/// Opening a FIFO waits for a writer; every read is bounded by [`Limits::max_bytes`] (per
/// line for JSON Lines), so no input can exhaust memory.
pub fn records(path: &Path, limits: Limits) -> Result<Records, RecordsError> {
    if super::is_json_lines(Some(path)) {
        let file = std::fs::File::open(path).map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source,
        })?;
        let reader = BufReader::with_capacity(64 * 1024, file);
        return Ok(Records {
            inner: Inner::Lines(JsonLines::new(reader, Some(path), limits)),
        });
    }
    let (loaded, text) = super::load_file_keeping_text(path, &limits)?;
    if let Some(kind) = loaded
        .kind
        .filter(|k| *k != Kind::Evidence && !loaded.has_errors())
    {
        return Err(RecordsError::NotEvidence {
            path: path.to_owned(),
            kind,
        });
    }
    if loaded.has_errors() || loaded.kind.is_none() {
        let line = loaded
            .diagnostics
            .iter()
            .find_map(|d| d.span.map(|s| s.line))
            .unwrap_or(1);
        let item = Line {
            line,
            record: None,
            diagnostics: loaded.diagnostics,
        };
        return Ok(Records {
            inner: Inner::Loaded {
                lines: vec![item].into_iter(),
                several: false,
            },
        });
    }
    // The text is used only to find where documents start, and dropped here.
    let starts = text
        .as_deref()
        .map(crate::yaml::document_lines)
        .unwrap_or_default();
    let mut diagnostics = loaded.diagnostics;
    let mut lines = Vec::with_capacity(loaded.documents.len());
    for (index, document) in loaded.documents {
        let Document::Evidence(record) = document else {
            continue;
        };
        let (mine, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .into_iter()
            .partition(|d| d.path.document == index);
        diagnostics = rest;
        lines.push(Line {
            line: starts.get(index).copied().unwrap_or(1),
            record: Some(*record),
            diagnostics: mine,
        });
    }
    if let Some(first) = lines.first_mut() {
        // Findings about no document in particular go with the first.
        first.diagnostics.extend(diagnostics);
    }
    let several = lines.len() > 1;
    Ok(Records {
        inner: Inner::Loaded {
            lines: lines.into_iter(),
            several,
        },
    })
}

impl Records {
    /// Whether the input may hold more than one record: always for JSON Lines (a stream),
    /// otherwise when the file holds several documents.
    pub fn may_hold_several(&self) -> bool {
        match &self.inner {
            Inner::Lines(_) => true,
            Inner::Loaded { several, .. } => *several,
        }
    }
}

impl Iterator for Records {
    type Item = Result<Line, LoadError>;

    fn next(&mut self) -> Option<Result<Line, LoadError>> {
        match &mut self.inner {
            Inner::Lines(lines) => lines.next(),
            Inner::Loaded { lines, .. } => lines.next().map(Ok),
        }
    }
}

/// The whole line, for findings about a line as a whole.
fn line_span(line: usize, start: usize, len: usize) -> Span {
    Span {
        line,
        column: 1,
        end_line: line,
        end_column: len.max(1),
        start,
        end: start + len,
    }
}

/// A parser error on one line, located at its column, with the code its message implies and
/// any quoted input removed (evidence text never reaches a diagnostic).
fn json_error(
    e: &serde_json::Error,
    document: usize,
    line: usize,
    start: usize,
    text: &str,
) -> Diagnostic {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(&message).to_owned(),
        None => message,
    };
    let (code, message) = match message
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("] "))
    {
        Some((name, rest)) if Code::from_name(name).is_some() => (
            Code::from_name(name).unwrap_or(Code::WrongType),
            rest.to_owned(),
        ),
        _ => {
            let code = match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    Code::YamlSyntax
                }
                _ if message.starts_with("unknown field") => Code::UnknownField,
                _ if message.starts_with("missing field") => Code::MissingField,
                _ if message.starts_with("duplicate field") => Code::DuplicateKey,
                _ if message.starts_with("unknown variant")
                    || message.starts_with("invalid value") =>
                {
                    Code::InvalidValue
                }
                _ => Code::WrongType,
            };
            (code, message)
        }
    };
    // The column is in characters of this line; find its byte offset for the span.
    let column = e.column().max(1);
    let byte = text
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(b, _)| b);
    let end_byte = text
        .get(byte..)
        .and_then(|rest| rest.chars().next())
        .map_or(byte, |c| byte + c.len_utf8());
    Diagnostic::new(
        code,
        DocPath::root(document),
        super::redact_quoted(&message),
    )
    .with_span(Span {
        line,
        column,
        end_line: line,
        end_column: column + 1,
        start: start + byte,
        end: start + end_byte,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_records_and_locates_bad_lines() {
        let text = concat!(
            r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"f","evidence":[]}"#,
            "\n\n",
            r#"{"format":"competence/1","kind":"evidence","learner":"L-2","framework":"f","evidence":[{"id":"a","kind":"k","date":"2026-02-30"}]}"#,
            "\n",
            r#"{"format":"competence/1","kind":"evidence","learner":"L-3","framework":"f","secret":"x"}"#,
            "\n",
            "{not json\n",
        );
        let lines: Vec<Line> = JsonLines::new(text.as_bytes(), None, Limits::default())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        let summary: Vec<(usize, bool, Vec<&str>)> = lines
            .iter()
            .map(|l| {
                (
                    l.line,
                    l.record.is_some(),
                    l.diagnostics.iter().map(|d| d.code.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, true, vec![]),
                (3, false, vec!["invalid-date"]),
                (4, false, vec!["unknown-field"]),
                (5, false, vec!["yaml-syntax"]),
            ]
        );
        let bad = &lines[1].diagnostics[0];
        assert_eq!(bad.span.map(|s| s.line), Some(3));
    }

    /// Everything read by `JsonLines`, as text to compare.
    fn read_all<R: BufRead>(lines: JsonLines<R>, fast: bool) -> String {
        let lines: Vec<_> = JsonLines { fast, ..lines }.collect();
        format!("{lines:#?}")
    }

    /// The fast path changes nothing a caller sees: records, findings, spans, line numbers
    /// and where the stream ends, for every single-byte change of a record between two good
    /// ones, read from one buffer, through a small `BufReader` (lines straddle its buffer)
    /// and with a limit some lines exceed.
    #[test]
    fn the_fast_path_reads_what_the_ordinary_path_reads() {
        let good = concat!(
            r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"f@^1","evidence":[{"id":"e1","kind":"observation","date":"2026-03-14","outcome":"not-yet","summary":"A session.","claims":["c1",{"competency":"c2","level":"established","indicators":["i1","c2-i1"]}]},{"id":"e1","kind":"k","date":"2026-02-28","assessor":"a b"}]}"#,
            "\n"
        );
        let replacements = [
            b'"', b'\\', b',', b'{', b'}', b']', b' ', b'\n', b'\r', b'n', b'0', b'x', b'-', 0,
            0xc3, 0xff,
        ];
        let mut inputs = vec![format!("{good}\n  \n{good}").into_bytes()];
        for at in 0..good.len() {
            for &r in &replacements {
                let mut changed = good.as_bytes().to_vec();
                changed[at] = r;
                let mut removed = good.as_bytes().to_vec();
                removed.remove(at);
                for bad in [changed, removed] {
                    let mut input = good.as_bytes().to_vec();
                    input.extend_from_slice(&bad);
                    input.extend_from_slice(good.as_bytes());
                    inputs.push(input);
                }
            }
        }
        assert!(super::super::fast::record(good.as_bytes(), &mut Vec::new()).is_some());
        let limit = |max_bytes| Limits {
            max_bytes,
            ..Limits::default()
        };
        // Exactly the good line fits, and one byte less.
        let (fits, short) = (limit(good.len() - 1), limit(good.len() - 2));
        for input in &inputs {
            for limits in [Limits::default(), fits, short] {
                let whole = |fast| read_all(JsonLines::new(&input[..], None, limits), fast);
                assert_eq!(whole(true), whole(false));
                let small = |fast| {
                    let reader = BufReader::with_capacity(100, &input[..]);
                    read_all(
                        JsonLines::new(reader, Some(Path::new("x.jsonl")), limits),
                        fast,
                    )
                };
                assert_eq!(small(true), small(false));
            }
        }
    }

    #[test]
    fn an_overlong_line_ends_the_stream() {
        let record =
            r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"f"}"#;
        let long = format!("{record}\n{}\n{record}\n", "x".repeat(100));
        let limits = Limits {
            max_bytes: 90,
            ..Limits::default()
        };
        let lines: Vec<Line> = JsonLines::new(long.as_bytes(), None, limits)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lines.len(), 2);
        assert!(lines[0].record.is_some());
        assert_eq!(lines[1].diagnostics[0].code.as_str(), "file-too-large");
        assert_eq!(lines[1].line, 2);
    }

    #[test]
    fn endless_inputs_end() {
        let limits = Limits {
            max_bytes: 1024,
            ..Limits::default()
        };
        // /dev/zero: no newline ever.
        let zero = std::io::BufReader::new(std::io::repeat(0));
        let lines: Vec<_> = JsonLines::new(zero, None, limits).collect();
        assert_eq!(lines.len(), 1);
        // Endless short lines of binary: the first NUL ends it.
        let binary = std::io::BufReader::new(std::io::Read::chain(
            &b"{}\n\xff\xfe\n"[..],
            std::io::repeat(0),
        ));
        let codes: Vec<Vec<&str>> = JsonLines::new(binary, None, limits)
            .map(|l| {
                l.map(|l| l.diagnostics.iter().map(|d| d.code.as_str()).collect())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            codes,
            [
                vec!["missing-field"],
                vec!["invalid-utf8"],
                vec!["file-too-large"]
            ]
        );
        let nul = std::io::BufReader::new(std::io::Read::chain(
            &b"{}\n"[..],
            std::io::Read::take(std::io::repeat(0), 10).chain(std::io::repeat(b'\n')),
        ));
        let codes: Vec<Vec<&str>> = JsonLines::new(nul, None, limits)
            .map(|l| {
                l.map(|l| l.diagnostics.iter().map(|d| d.code.as_str()).collect())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(codes, [vec!["missing-field"], vec!["yaml-syntax"]]);
    }

    #[test]
    fn records_of_a_yaml_stream_carry_their_lines() {
        let dir = std::env::temp_dir().join(format!("competence-records-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let record = |learner: &str| {
            format!("format: competence/1\nkind: evidence\nlearner: {learner}\nframework: f\n")
        };
        let file = dir.join("cohort.yaml");
        let text = format!("# a cohort\n{}---\n{}", record("L-1"), record("L-2"));
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let cohort = records(&file, Limits::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(cohort.may_hold_several());
        let found: Vec<(usize, String)> = cohort
            .map(|l| {
                let l = l.unwrap_or_else(|e| panic!("{e}"));
                let learner = l.record.map(|r| r.learner.to_string()).unwrap_or_default();
                (l.line, learner)
            })
            .collect();
        assert_eq!(found, [(2, "L-1".to_owned()), (6, "L-2".to_owned())]);

        let framework = dir.join("framework.yaml");
        std::fs::write(
            &framework,
            "format: competence/1\nkind: framework\nid: f\nversion: 1.0.0\ntitle: F\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            records(&framework, Limits::default()),
            Err(RecordsError::NotEvidence {
                kind: Kind::Framework,
                ..
            })
        ));
    }
}
