//! Writing results: to stdout, or atomically to a file.

use std::io::Write;
use std::path::Path;

/// A failure that stops a command (exit 2).
pub type Error = Box<dyn std::error::Error>;

/// Writes `text` to stdout.
pub fn stdout(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename, so readers
/// never see half a file.
#[allow(dead_code)] // used by resolve and assess
pub fn file(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("cannot write {}: {e}", path.display()).into());
    }
    Ok(())
}
