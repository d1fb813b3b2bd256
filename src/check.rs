//! Checking files and directories, as `competence check` does: every finding in every file.

use crate::diagnostic::{self, Diagnostic};
use crate::load::{LoadError, Loaded, load_file};
use crate::yaml::Limits;
use std::path::{Path, PathBuf};

/// File extensions `check` reads when walking a directory.
pub const EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// The result of checking a set of paths.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every file loaded, in path order.
    pub files: Vec<Loaded>,
    /// Every finding across all files, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

/// What stops a check.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A path given does not exist or cannot be listed.
    #[error("cannot read {}: {source}", path.display())]
    Walk {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Lists the files under `paths`: files as given, directories walked for `*.yaml`, `*.yml`
/// and `*.json`, sorted so output is stable.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CheckError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| CheckError::Walk {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), CheckError> {
    let error = |source| CheckError::Walk {
        path: dir.to_owned(),
        source,
    };
    // An explicit stack: directory depth is input too.
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(error)? {
            let entry = entry.map_err(error)?;
            let path = entry.path();
            let kind = entry.file_type().map_err(error)?;
            if kind.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e))
            {
                files.push(path);
            }
        }
    }
    Ok(())
}

/// Loads and validates every file, in parallel, and gathers every finding.
pub fn check_files(files: &[PathBuf], limits: &Limits) -> Result<CheckReport, CheckError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let chunk = files.len().div_ceil(workers).max(1);
    let results: Vec<Result<Loaded, LoadError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|f| load_file(f, limits)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut report = CheckReport::default();
    for result in results {
        let loaded = result?;
        report.diagnostics.extend(loaded.diagnostics.iter().cloned());
        report.files.push(loaded);
    }
    diagnostic::sort(&mut report.diagnostics);
    Ok(report)
}
