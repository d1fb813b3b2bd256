//! Finding one side of a comparison: a framework file, or `id@version` in the catalog.

use crate::catalog::{BUILTIN_DIR, Catalog, CatalogError, Entry, builtin_sources};
use crate::diagnostic::Diagnostic;
use crate::load::{LoadError, load_file_keeping_text};
use crate::model::{Document, FrameworkRef};
use crate::tailor::{self, ResolvedFramework};
use crate::yaml::Limits;
use semver::Version;
use std::path::{Path, PathBuf};

/// One side of a comparison, resolved.
#[derive(Debug, Clone)]
pub struct Side {
    /// The framework, resolved through the catalog.
    pub framework: ResolvedFramework,
    /// The file it came from, when known.
    pub file: Option<PathBuf>,
    /// The file's text, when the framework is not a tailoring (so paths are paths in it).
    pub text: Option<String>,
}

/// Why a side could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SideError {
    /// The file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A `--catalog` path could not be read.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// The file or its resolution has errors.
    #[error("{what} has errors")]
    Findings {
        /// What was read.
        what: String,
        /// The findings (errors and warnings).
        diagnostics: Vec<Diagnostic>,
    },
    /// The file holds no framework.
    #[error("{} holds no framework", .0.display())]
    NotAFramework(PathBuf),
    /// Neither a file nor a framework in the catalog.
    #[error("`{0}` is neither a file nor a framework in the catalog: {1}")]
    NotFound(String, String),
}

/// Reads `arg`: a path to a framework file when one exists (any kind of file, read within the
/// size limit), otherwise `id@version` (exact) or
/// `id@requirement` in the built-in catalog plus `catalogs`. A file wins over a catalog copy
/// with the same `id@version`, so an edited file can be compared before its version changes.
/// Errors in the files under `catalogs` (one too large to read, a duplicate) are
/// [`SideError::Findings`] about "the catalog".
pub fn read_side(arg: &str, catalogs: &[PathBuf], limits: &Limits) -> Result<Side, SideError> {
    let path = Path::new(arg);
    // Any existing path that is not a directory is read (a FIFO, `/dev/stdin`), within the
    // size limit.
    if path.exists() && !path.is_dir() {
        return read_file(path, catalogs, limits);
    }
    let (catalog, found) = Catalog::builtin_and(catalogs, limits)?;
    catalog_errors(found)?;
    let entry = match arg.split_once('@') {
        Some((id, version)) => match Version::parse(version) {
            Ok(v) => catalog
                .get(id, &v)
                .ok_or_else(|| SideError::NotFound(arg.to_owned(), format!("no `{id}@{v}`")))?,
            Err(_) => select(&catalog, arg)?,
        },
        None => select(&catalog, arg)?,
    };
    resolve(&catalog, entry, arg)
}

/// Stops at errors in the `--catalog` files (a file too large to read, a duplicate), so they
/// are reported as what they are rather than as a framework the catalog seems not to hold.
fn catalog_errors(found: Vec<Diagnostic>) -> Result<(), SideError> {
    if found.iter().any(Diagnostic::is_error) {
        return Err(SideError::Findings {
            what: "the catalog".to_owned(),
            diagnostics: found,
        });
    }
    Ok(())
}

fn select<'c>(catalog: &'c Catalog, arg: &str) -> Result<&'c Entry, SideError> {
    let reference: FrameworkRef = arg.parse().map_err(|e: crate::model::ReferenceError| {
        SideError::NotFound(arg.to_owned(), e.to_string())
    })?;
    catalog
        .select(&reference)
        .map_err(|e| SideError::NotFound(arg.to_owned(), e.to_string()))
}

fn read_file(path: &Path, catalogs: &[PathBuf], limits: &Limits) -> Result<Side, SideError> {
    let (loaded, text) = load_file_keeping_text(path, limits)?;
    if loaded.has_errors() {
        return Err(SideError::Findings {
            what: path.display().to_string(),
            diagnostics: loaded.diagnostics,
        });
    }
    let Some(index) = loaded
        .documents
        .iter()
        .find(|(_, d)| matches!(d, Document::Framework(_)))
        .map(|(i, _)| *i)
    else {
        return Err(SideError::NotAFramework(path.to_owned()));
    };
    // The file first, so it wins over a catalog copy of the same id@version.
    let mut catalog = Catalog::new();
    let _ = catalog.add_loaded(&loaded, text);
    catalog_errors(catalog.add_paths(catalogs, limits)?)?;
    for (name, builtin) in builtin_sources() {
        let file = Path::new(BUILTIN_DIR).join(name);
        let _ = catalog.add_text(Some(&file), builtin, limits);
    }
    let entry = catalog
        .entry_at(path, index)
        .ok_or_else(|| SideError::NotAFramework(path.to_owned()))?;
    resolve(&catalog, entry, &path.display().to_string())
}

fn resolve(catalog: &Catalog, entry: &Entry, what: &str) -> Result<Side, SideError> {
    let resolution = tailor::resolve_entry(catalog, entry);
    let tailored = entry.framework().is_some_and(|f| f.extends.is_some());
    match resolution.framework {
        Some(framework) if !resolution.has_errors() => Ok(Side {
            framework,
            file: entry.file.clone(),
            text: entry
                .text()
                .filter(|_| !tailored && entry.index == 0)
                .map(str::to_owned),
        }),
        _ => Err(SideError::Findings {
            what: what.to_owned(),
            diagnostics: resolution.diagnostics,
        }),
    }
}
