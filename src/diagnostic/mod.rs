//! Findings as data: [`Diagnostic`], its [`Code`], where it is ([`DocPath`], [`Span`]) and
//! renderers for people and machines.
//!
//! Diagnostics never contain evidence text: they identify evidence by id and location only,
//! and the human renderer shows source snippets only for files registered in [`Sources`].

mod code;
mod findings;
mod lines;
mod path;
pub mod reference;
pub mod render;
mod suggest;
mod text;

pub use code::Code;
pub(crate) use findings::Findings;
pub(crate) use lines::LineIndex;
pub use path::{DocPath, Segment};
pub(crate) use suggest::closest;
pub use text::{MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS, quote_token, sanitize};
pub(crate) use text::{escape, escaped_width, push_escaped, redact_parser_message};

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Must be fixed: `check` exits 1.
    Error,
    /// Worth a look; does not fail `check`.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A location in a file: a byte range and 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Start line, from 1.
    pub line: usize,
    /// Start column in characters, from 1.
    pub column: usize,
    /// End line, from 1.
    pub end_line: usize,
    /// End column in characters, from 1, exclusive.
    pub end_column: usize,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
}

/// A secondary location, such as "first defined here".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// What this location shows.
    pub message: String,
    /// The file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// The path in the document.
    pub path: DocPath,
    /// The resolved location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One finding about an input.
///
/// It serialises as the JSON renderer shows it and deserialises from that form. The path is
/// written as text (`domains[2].competencies[5].id`), without the index of the document in
/// its file's stream: read back, a finding is placed in document 0, and its `span` (line,
/// column and byte range) still says exactly where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// A stable kebab-case code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The file, when the input came from one.
    pub file: Option<PathBuf>,
    /// Where in the document.
    pub path: DocPath,
    /// Line and column, when known.
    pub span: Option<Span>,
    /// Other locations that explain this one.
    #[serde(default)]
    pub related: Vec<Related>,
    /// A suggestion for fixing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One line for logs and error messages: `error[unknown-level]: message (team.yaml:29:28, at
/// roles[0].targets.relational)`. The message passes through [`sanitize`], as in every
/// renderer; for snippets and related locations use [`render`].
///
/// ```
/// use competence::{Code, Diagnostic, DocPath};
/// let d = Diagnostic::new(Code::DuplicateId, DocPath::root(0).key("values").index(1), "`hope` twice");
/// assert_eq!(d.to_string(), "error[duplicate-id]: `hope` twice (at values[1])");
/// ```
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            sanitize(&self.message)
        )?;
        let path = self.path.to_string();
        let place = match (&self.file, self.span) {
            (Some(file), Some(span)) => Some(format!(
                "{}:{}:{}",
                sanitize(&file.display().to_string()),
                span.line,
                span.column
            )),
            (Some(file), None) => Some(sanitize(&file.display().to_string())),
            (None, Some(span)) => Some(format!("line {}, column {}", span.line, span.column)),
            (None, None) => None,
        };
        match (place, path.is_empty()) {
            (Some(place), false) => write!(f, " ({place}, at {})", sanitize(&path)),
            (Some(place), true) => write!(f, " ({place})"),
            (None, false) => write!(f, " (at {})", sanitize(&path)),
            (None, true) => Ok(()),
        }
    }
}

impl Diagnostic {
    /// A finding with the code's severity, at `path`.
    pub fn new(code: Code, path: DocPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: None,
            path,
            span: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// Adds a related location in the same document.
    pub fn with_related(mut self, path: DocPath, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            message: message.into(),
            file: None,
            path,
            span: None,
        });
        self
    }

    /// Adds a suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the location directly (for findings the parser located).
    pub fn with_span(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The key diagnostics sort by: file, line, column, then code and message for stability.
    pub fn sort_key(&self) -> (Option<&Path>, usize, usize, Code, &str) {
        let (line, column) = self.span.map_or((0, 0), |s| (s.line, s.column));
        (self.file.as_deref(), line, column, self.code, &self.message)
    }
}

/// Sorts diagnostics by file, line and column, as `check` reports them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

impl Tally {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// Source text by file, for renderers that show snippets. Only framework and crosswalk files
/// are registered by the CLI: evidence text may be sensitive and is never echoed.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: HashMap<PathBuf, String>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Registers a file's text.
    pub fn insert(&mut self, file: PathBuf, text: String) {
        self.texts.insert(file, text);
    }

    /// The text of `file`, if registered.
    pub fn get(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).map(String::as_str)
    }
}
