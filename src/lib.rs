//! # competence
//!
//! Versioned competency frameworks in YAML: load them, tailor them to a local context without
//! losing their protected core, assess a learner's evidence against them, and validate them
//! in CI with located diagnostics.
//!
//! The library is a pipeline of small stages; data flows one way:
//!
//! ```text
//! YAML/JSON text ──load──▶ documents ──validate──▶ diagnostics
//! ```
//!
//! ```
//! use competence::{load_str, Limits};
//!
//! let text = r#"
//! format: competence/1
//! kind: framework
//! id: demo
//! version: 1.0.0
//! title: Demo
//! domains:
//!   - id: relational
//!     title: Relational skills
//!     competencies:
//!       - id: listening
//!         title: Active listening
//!         requires: [sharing]
//!         indicators: [{ id: reflects, text: Reflects back what they heard. }]
//! assessment:
//!   evidence: { observation: { weight: 1.0, independent: true } }
//! "#;
//! let loaded = load_str(None, text, &Limits::default());
//! let finding = &loaded.diagnostics[0];
//! assert_eq!(finding.code.as_str(), "unknown-reference");
//! assert_eq!(finding.path.to_string(), "domains[0].competencies[0].requires[0]");
//! assert_eq!(finding.span.map(|s| (s.line, s.column)), Some((13, 20)));
//! ```
//!
//! Findings are data, failures are errors: problems in the input come back as
//! [`Diagnostic`]s; only what stops the work (an unreadable file) is an `Err`. The library
//! never prints, never exits and never reads the clock.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assess;
pub mod catalog;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod evidence_stream;
pub mod load;
pub mod model;
pub mod report;
pub mod schema;
pub mod tailor;
pub mod validate;
pub mod yaml;

pub use diagnostic::{Code, Diagnostic, DocPath, Severity, Span};
pub use load::{LoadError, Loaded, load_bytes, load_file, load_str};
pub use yaml::Limits;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
