//! 1EdTech CASE (Competencies and Academic Standards Exchange) 1.0 and 1.1 packages: a
//! `CFPackage` in as a framework ([`import`]), a resolved framework out as a package
//! ([`export`], [`export_from_catalog`]).
//!
//! ## How a CASE tree becomes three levels
//!
//! CASE trees have any depth; ours have domains, competencies and indicators. Items at the
//! top of the `isChildOf` tree are **domains**. Below a domain, an item with children, or a
//! leaf right under the domain, is a **competency**: deeper levels are flattened into the
//! domain in document order, each keeping its `humanCodingScheme` as `code` (a note names the
//! parent link that was not kept). A leaf below that is an **indicator** of its parent.
//! Every item keeps its CASE identifier in `source_id`, so an export gives it back.
//!
//! Ids come from human codes (kept as they are when they are valid ids), else from the
//! title in lower-case words, made unique with `-2`, `-3`…; titles are the abbreviated
//! statement, or the full statement's first line (the full statement stays as the
//! description). Markdown stays as text. `precedes` becomes `requires` between
//! competencies (links that close a cycle are left out), `replacedBy` from an item outside
//! the package becomes `replaces`, and a package's one rubric whose criteria share a list of
//! levels becomes the scale. Everything else is a [`Note`], named by its identifier.
//!
//! ```
//! use competence::Limits;
//! use competence::interchange::case;
//!
//! let package = r#"{
//!   "CFDocument": { "identifier": "c5fb0a4e-0000-4000-8000-000000000001", "uri": "https://case.example/doc",
//!                   "creator": "Example Body", "title": "Peer work", "version": "2.1",
//!                   "lastChangeDateTime": "2026-01-05T10:00:00+00:00" },
//!   "CFItems": [
//!     { "identifier": "c5fb0a4e-0000-4000-8000-000000000002", "fullStatement": "Relationships",
//!       "humanCodingScheme": "R", "uri": "https://case.example/R", "lastChangeDateTime": "2026-01-05T10:00:00+00:00" },
//!     { "identifier": "c5fb0a4e-0000-4000-8000-000000000003", "fullStatement": "Listens *actively*.",
//!       "humanCodingScheme": "R.1", "uri": "https://case.example/R.1", "lastChangeDateTime": "2026-01-05T10:00:00+00:00" }
//!   ],
//!   "CFAssociations": [
//!     { "identifier": "c5fb0a4e-0000-4000-8000-000000000004", "associationType": "isChildOf",
//!       "uri": "https://case.example/a1", "lastChangeDateTime": "2026-01-05T10:00:00+00:00",
//!       "originNodeURI": { "identifier": "c5fb0a4e-0000-4000-8000-000000000002", "title": "R", "uri": "https://case.example/R" },
//!       "destinationNodeURI": { "identifier": "c5fb0a4e-0000-4000-8000-000000000001", "title": "Peer work", "uri": "https://case.example/doc" } },
//!     { "identifier": "c5fb0a4e-0000-4000-8000-000000000005", "associationType": "isChildOf",
//!       "uri": "https://case.example/a2", "lastChangeDateTime": "2026-01-05T10:00:00+00:00",
//!       "originNodeURI": { "identifier": "c5fb0a4e-0000-4000-8000-000000000003", "title": "R.1", "uri": "https://case.example/R.1" },
//!       "destinationNodeURI": { "identifier": "c5fb0a4e-0000-4000-8000-000000000002", "title": "R", "uri": "https://case.example/R" } }
//!   ]
//! }"#;
//! let imported = case::import(package.as_bytes(), &Limits::default()).unwrap();
//! let framework = &imported.framework;
//! assert_eq!(framework.id.as_str(), "peer-work");
//! assert_eq!(framework.version.to_string(), "2.1.0");
//! assert_eq!(framework.domains[0].competencies[0].id.as_str(), "R.1");
//! // The version was read leniently, and a starter evidence policy was added: both noted.
//! assert!(imported.notes.iter().any(|n| n.message.contains("read as 2.1.0")));
//! ```

mod export;
mod extension;
mod fields;
pub(crate) mod ids;
mod import;
mod package;
mod requires;
mod tree;

pub use export::{ExportError, ExportOptions, Exported, export, export_from_catalog};

use crate::Limits;
use crate::interchange::Note;
use crate::model::Framework;

/// A framework made from a CASE package, and what could not be represented.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Imported {
    /// The framework, ready to write as YAML (check it with [`crate::check_text`]).
    pub framework: Framework,
    /// Every item, association, definition and field not represented, by identifier.
    pub notes: Vec<Note>,
}

/// Why a package could not be read at all. Problems with parts of a readable package are
/// [`Note`]s instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// Larger than [`Limits::max_bytes`].
    #[error("the package is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON (or nested deeper than the JSON reader allows).
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// JSON, but not shaped like a CASE package: a required field missing or of the wrong
    /// type.
    #[error("{path}: {message}")]
    Shape {
        /// Where, as a JSON path such as `$.CFItems[3].fullStatement`.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Reads a CASE 1.0 or 1.1 `CFPackage` (JSON) into a framework.
///
/// Bounded by `limits.max_bytes`; never panics on any input. A broken tree (a missing
/// parent, an item with several parents, an `isChildOf` cycle) and duplicate identifiers are
/// repaired and noted rather than refused.
pub fn import(json: &[u8], limits: &Limits) -> Result<Imported, ImportError> {
    if json.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            size: json.len(),
            limit: limits.max_bytes,
        });
    }
    let value: serde_json::Value = serde_json::from_slice(json).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let package = package::read(&value)?;
    let (framework, notes) = import::build(&package);
    Ok(Imported { framework, notes })
}
