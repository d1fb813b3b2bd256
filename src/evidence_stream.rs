//! Evidence for cohorts: JSON Lines, one record per line, read as a stream so a cohort is
//! never held in memory. Each malformed line gives one located diagnostic and the stream goes
//! on with the next line.

use crate::diagnostic::{Code, Diagnostic, DocPath, Span};
use crate::load::LoadError;
use crate::model::EvidenceRecord;
use crate::validate;
use crate::yaml::Limits;
use std::io::{BufRead, Read};
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

/// Reads evidence records from JSON Lines, one at a time. Blank lines are skipped; a line
/// longer than [`Limits::max_bytes`] is reported (`file-too-large`) and skipped without being
/// held in memory.
pub struct JsonLines<R> {
    reader: R,
    file: Option<PathBuf>,
    limits: Limits,
    line: usize,
    offset: usize,
    buffer: Vec<u8>,
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
    /// consumed and whether the line was cut short.
    fn read_line(&mut self) -> Result<(usize, bool), std::io::Error> {
        self.buffer.clear();
        let cap = u64::try_from(self.limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = Read::take(&mut self.reader, cap).read_until(b'\n', &mut self.buffer)?;
        let too_long =
            self.buffer.len() > self.limits.max_bytes && self.buffer.last() != Some(&b'\n');
        let mut consumed = read;
        if too_long {
            // Skip the rest of the line in small pieces.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let n = Read::take(&mut self.reader, 64 * 1024).read_until(b'\n', &mut rest)?;
                consumed += n;
                if n == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
        }
        Ok((consumed, too_long))
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Line, LoadError>;

    fn next(&mut self) -> Option<Result<Line, LoadError>> {
        loop {
            let (consumed, too_long) = match self.read_line() {
                Ok(read) => read,
                Err(e) => return Some(Err(self.read_error(e))),
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
                diagnostics.push(Diagnostic::new(
                    Code::FileTooLarge,
                    DocPath::root(document),
                    format!(
                        "line {} is longer than the limit of {} bytes",
                        self.line, self.limits.max_bytes
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
            for d in &mut diagnostics {
                d.file.clone_from(&self.file);
                if d.span.is_none() {
                    d.span = Some(line_span(self.line, start, consumed));
                }
            }
            return Some(Ok(Line {
                line: self.line,
                record,
                diagnostics,
            }));
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
        crate::load::redact_quoted(&message),
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

    #[test]
    fn overlong_lines_are_skipped() {
        let long = format!(
            "{}\n{}\n",
            "x".repeat(100),
            r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"f"}"#
        );
        let limits = Limits {
            max_bytes: 90,
            ..Limits::default()
        };
        let lines: Vec<Line> = JsonLines::new(long.as_bytes(), None, limits)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].diagnostics[0].code.as_str(), "file-too-large");
        assert!(lines[1].record.is_some());
    }
}
