//! What every command that reads files shares: the read limits (`--max-file-size`,
//! `--max-documents` and the rest, one clap struct flattened into each command) and opening the catalog so
//! that every finding about its files reaches the user, never only a consequence of it (a
//! framework refused as `file-too-large` is said to be that, not a `missing-base` later).

use crate::output;
use competence::Limits;
use competence::catalog::Catalog;
use competence::diagnostic::{Diagnostic, Sources, render};
use std::path::{Path, PathBuf};

/// The limits on what a command reads, the same flags and defaults on every command.
#[derive(Clone, Copy, clap::Args)]
pub struct LimitArgs {
    /// The largest file accepted, in bytes; a larger one is a `file-too-large` finding.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_bytes)]
    max_file_size: usize,
    /// The most documents accepted in one YAML stream; more is a `too-many-documents`
    /// finding.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_documents)]
    max_documents: usize,
    /// The most errors, and the most warnings, listed for one file; the rest are counted in
    /// one `too-many-findings` warning.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_findings,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    max_findings: usize,
    /// The largest document read with full YAML (an anchor, alias, tag, tab, carriage return
    /// or multi-line flow collection, or one of several documents in a file), in bytes; a
    /// larger one is a `document-too-large` finding.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_full_yaml_bytes)]
    max_full_yaml_size: usize,
}

impl LimitArgs {
    /// The library's limits these flags give.
    pub fn limits(self) -> Limits {
        Limits {
            max_bytes: self.max_file_size,
            max_documents: self.max_documents,
            max_findings: self.max_findings,
            max_full_yaml_bytes: self.max_full_yaml_size,
        }
    }
}

/// The built-in catalog plus `dirs`. Skipped entries are noted and every finding about the
/// catalog's files is printed on stderr, located; when one is an error the command stops
/// (exit 2), since what it would go on to say could be a consequence of it.
pub fn catalog(dirs: &[PathBuf], limits: Limits) -> Result<Catalog, output::Error> {
    let (catalog, found) = catalog_and_findings(dirs, limits)?;
    if found.iter().any(Diagnostic::is_error) {
        return Err(catalog_errors(&found, "nothing else was done").into());
    }
    Ok(catalog)
}

/// As [`catalog`], but the findings are returned after printing and do not stop the command.
pub fn catalog_and_findings(
    dirs: &[PathBuf],
    limits: Limits,
) -> Result<(Catalog, Vec<Diagnostic>), output::Error> {
    let (catalog, found) = Catalog::builtin_and(dirs, &limits)?;
    output::note_skipped(catalog.skipped());
    print_diagnostics(&found, &catalog);
    Ok((catalog, found))
}

/// The message a command ends with when its catalog has errors, saying what it did.
pub fn catalog_errors(found: &[Diagnostic], done: &str) -> String {
    let errors = found.iter().filter(|d| d.is_error()).count();
    format!(
        "{errors} error{} in the catalog files (see the findings above); {done}",
        if errors == 1 { "" } else { "s" }
    )
}

/// Why a file read outside the catalog (a CASE package, a report) was refused: the same
/// words and code as the `file-too-large` finding.
pub fn too_large(path: &Path, limits: Limits) -> String {
    format!(
        "{}: [file-too-large] the file is larger than the limit of {} bytes (raise it with --max-file-size BYTES)",
        path.display(),
        limits.max_bytes
    )
}

/// Prints findings on stderr, with snippets of the catalog's framework and crosswalk files
/// (evidence text is never kept by the catalog, so never shown).
pub fn print_diagnostics(found: &[Diagnostic], catalog: &Catalog) {
    if found.is_empty() {
        return;
    }
    let mut sources = Sources::new();
    for d in found {
        if let Some(file) = &d.file {
            if let Some(text) = catalog.text_of(file) {
                sources.insert(file.clone(), text.to_owned());
            }
        }
    }
    eprint!("{}", render::human(found, &sources));
}
