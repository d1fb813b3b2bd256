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
//!                               │
//!                  catalog (id@version index; built-in frameworks embedded)
//!                               │
//!                   resolve (apply tailoring chain) ──▶ ResolvedFramework (with provenance)
//!                               │
//! evidence ──load──▶ EvidenceRecord ──assess(framework, role, as_of)──▶ Assessment
//!                                                                          │
//!                                               report: JSON · Markdown · HTML · CSV
//! ```
//!
//! | stage | module | what it gives |
//! |---|---|---|
//! | files | [`files`] | reads bounded by the size limit; directory walks that find our files (declared format, ignore files honoured) |
//! | load | [`load`] (the YAML parser stays inside) | typed [`model`] documents and located [`Diagnostic`]s |
//! | validate | (internal, run by [`load`]) | findings about one document on its own |
//! | catalog | [`catalog`] | documents by `id@version`, the built-in frameworks included |
//! | resolve | [`tailor`] | a [`tailor::ResolvedFramework`] with provenance on every item |
//! | assess | [`assess`] | an [`assess::Assessment`]: ledger, levels, statuses, gaps |
//! | report | [`report`] | JSON, a Markdown development plan, HTML pages and a cohort heat map; CSV tables for spreadsheets |
//! | diff | [`diff`] | changes between versions, classified, and the bump they need |
//! | interchange | [`interchange`] | CASE packages in and out; Open Badges 3.0 achievements and credentials |
//!
//! ## From a learner's evidence to a development plan
//!
//! ```
//! use competence::assess::Assessor;
//! use competence::catalog::Catalog;
//! use competence::model::{Date, Document};
//! use competence::{Limits, load_str};
//!
//! // The built-in catalog holds the shipped frameworks; no files needed.
//! let catalog = Catalog::builtin();
//! let reference = "mh-peer-support-worker@^1".parse().unwrap();
//! let resolution = competence::tailor::resolve(&catalog, &reference).unwrap();
//! let framework = resolution.framework.unwrap();
//!
//! let evidence = r#"
//! format: competence/1
//! kind: evidence
//! learner: L-0001
//! framework: mh-peer-support-worker
//! evidence:
//!   - id: obs-2026-03-14
//!     kind: observation
//!     date: 2026-03-14
//!     claims:
//!       - competency: active-listening
//!         level: established
//! "#;
//! let loaded = load_str(None, evidence, &Limits::default());
//! let Some((_, Document::Evidence(record))) = loaded.documents.first() else { panic!() };
//!
//! let as_of: Date = "2026-11-27".parse().unwrap();
//! let assessment = Assessor::new(framework)
//!     .role("peer-support-worker")
//!     .as_of(as_of)
//!     .assess(record)
//!     .unwrap();
//! assert!(!assessment.ready()); // one observation is a start, not a portfolio
//! let plan = competence::report::markdown::render(&assessment);
//! assert!(plan.starts_with("# Development plan for L-0001"));
//! ```
//!
//! ## Checking a framework file
//!
//! [`check_text`] finds everything `competence check` finds for the same text: a tailoring is
//! resolved against the catalog, so guardrail findings are found in memory too.
//!
//! ```
//! use competence::catalog::Catalog;
//! use competence::{Limits, check_text};
//! use std::path::Path;
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
//! let report = check_text(Path::new("demo.yaml"), text, &Catalog::builtin(), &Limits::default());
//! let finding = &report.diagnostics[0];
//! assert_eq!(finding.code.as_str(), "unknown-reference");
//! assert_eq!(finding.path.to_string(), "domains[0].competencies[0].requires[0]");
//! assert_eq!(finding.span.map(|s| (s.line, s.column)), Some((13, 20)));
//! ```
//!
//! ## Cargo features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `cli` | on | the `competence` binary and its argument parser (clap) |
//!
//! A program that embeds the engine depends on it with `default-features = false` and
//! compiles no command-line crate:
//!
//! ```toml
//! [dependencies]
//! competence = { version = "0.1", default-features = false }
//! ```
//!
//! ## Why it is built this way
//!
//! - **Findings are data, failures are errors.** Problems in the input come back as
//!   [`Diagnostic`]s and gaps as [`assess::Gap`]s; only what stops the work (an unreadable
//!   file, a framework the catalog lacks) is an `Err`.
//! - **No hidden I/O, no clock, no printing.** The caller passes `as_of`; the binary is the
//!   only place that reads files it was not handed, reads today's date, or prints.
//! - **Exact arithmetic.** Weights are integer thousandths, so every machine computes the same
//!   levels and the same JSON, byte for byte.
//! - **Evidence stays private.** Evidence is identified by id and location; its text never
//!   reaches a diagnostic or a report.
//!
//! The design decisions behind these are in `docs/decisions.md`.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]
#![warn(missing_docs)]

/// An enum as a table: each row is a variant with a stable kebab-case name, a class (a variant
/// of another enum) and a one-line description, which also documents the variant. Generates
/// the enum, `ALL` (every variant, in table order), `as_str`, and the two accessors named in
/// the header. Used by diagnostic codes and diff rules.
macro_rules! enum_table {
    (
        $(#[$meta:meta])*
        enum $name:ident;
        $class_fn:ident -> $class:ident, $(#[$class_doc:meta])*;
        $text_fn:ident, $(#[$text_doc:meta])*;
        rows {
            $( $(#[$doc:meta])* $variant:ident = $id:literal, $value:ident, $text:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$doc])* #[doc = $text] $variant, )*
        }

        impl $name {
            /// Every one, in table order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The stable kebab-case name, which never changes once released.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $id, )* }
            }

            $(#[$class_doc])*
            pub fn $class_fn(self) -> $class {
                match self { $( $name::$variant => $class::$value, )* }
            }

            $(#[$text_doc])*
            pub fn $text_fn(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
        }
    };
}

pub mod assess;
pub mod catalog;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod files;
pub mod interchange;
pub mod load;
pub mod model;
pub mod report;
pub mod schema;
pub mod tailor;
mod validate;
mod yaml;

/// Hooks for the fuzz targets, compiled only by `cargo fuzz` (which sets `--cfg fuzzing`).
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// The large-file fast path of the YAML loader alone: `None` where it gives up.
    pub fn fast_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
        crate::yaml::fast_parse(text)
    }

    /// The fast path's refusal of `text` as `T`, as the loader would report it for a large
    /// file (`None` when it does not refuse, or the refusal would not stand), and the first
    /// finding of the reference parse, which must be the same.
    pub fn fast_refusal<T: serde::de::DeserializeOwned>(
        text: &str,
    ) -> Option<(crate::Diagnostic, Option<crate::Diagnostic>)> {
        let fast = crate::yaml::fast_refusal::<T>(text)?;
        Some((fast, crate::yaml::reference_finding::<T>(text)))
    }
}

pub use check::{check_text, check_texts};
pub use diagnostic::{Code, Diagnostic, DocPath, Severity, Span};
pub use load::{LoadError, Loaded, load_bytes, load_file, load_str};
pub use yaml::{Limits, WriteError, to_yaml};

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
