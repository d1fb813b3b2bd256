//! The CSV outputs of `competence assess`: the competency table (`--format csv`) and the
//! evidence ledger (`--ledger-csv FILE`), each one table for every learner of the run, and
//! the cohort matrix written beside the cohort page. The tables are the library's
//! (`report::csv`); this module only decides where they go.
//!
//! On stdout a table is streamed a learner at a time. A file is collected in memory and
//! written once, at the end of the run, through `output::file` (atomically, never over an
//! input), so an interrupted run leaves no half table behind.

use crate::output;
use competence::assess::Assessment;
use competence::report::csv::{CompetencyWriter, LedgerWriter};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where a table's bytes go while it is written.
enum Out {
    Stdout(io::Stdout),
    Memory(Vec<u8>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(out) => out.write(buf),
            Out::Memory(bytes) => bytes.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(out) => out.flush(),
            Out::Memory(_) => Ok(()),
        }
    }
}

enum Writer {
    Competencies(CompetencyWriter<Out>),
    Ledger(LedgerWriter<Out>),
}

/// One CSV table of the run, for stdout (`-`) or a file.
pub struct Table {
    /// None: stdout.
    path: Option<PathBuf>,
    writer: Writer,
}

impl Table {
    /// The competency table (`--format csv`), to `path` or stdout.
    pub fn competencies(path: &Path) -> Table {
        let (path, out) = target(path);
        Table {
            path,
            writer: Writer::Competencies(CompetencyWriter::new(out)),
        }
    }

    /// The ledger (`--ledger-csv`), to `path` or stdout.
    pub fn ledger(path: &Path) -> Table {
        let (path, out) = target(path);
        Table {
            path,
            writer: Writer::Ledger(LedgerWriter::new(out)),
        }
    }

    /// Adds one learner's rows (on stdout, written at once).
    pub fn write(&mut self, assessment: &Assessment) -> Result<(), output::Error> {
        let stdout = self.path.is_none();
        let written = match &mut self.writer {
            Writer::Competencies(w) => w
                .write(assessment)
                .and_then(|()| if stdout { w.flush() } else { Ok(()) }),
            Writer::Ledger(w) => w
                .write(assessment)
                .and_then(|()| if stdout { w.flush() } else { Ok(()) }),
        };
        written.map_err(|e| self.failed(&e))
    }

    /// Ends the table (a header alone when no learner was written) and writes a file's
    /// table, never over one of `inputs`.
    pub fn finish(self, inputs: &output::Inputs) -> Result<(), output::Error> {
        let finished = match self.writer {
            Writer::Competencies(w) => w.finish(),
            Writer::Ledger(w) => w.finish(),
        };
        let out = finished.map_err(|e| match &self.path {
            Some(path) => format!("cannot write {}: {e}", path.display()),
            None => format!("cannot write to stdout: {e}"),
        })?;
        match (out, &self.path) {
            (Out::Memory(bytes), Some(path)) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("cannot write {}: not UTF-8", path.display()))?;
                output::file(path, &text, inputs)
            }
            _ => Ok(()),
        }
    }

    fn failed(&self, e: &io::Error) -> output::Error {
        match &self.path {
            Some(path) => format!("cannot write {}: {e}", path.display()).into(),
            None => format!("cannot write to stdout: {e}").into(),
        }
    }
}

fn target(path: &Path) -> (Option<PathBuf>, Out) {
    if output::is_stdout(path) {
        (None, Out::Stdout(io::stdout()))
    } else {
        (Some(path.to_owned()), Out::Memory(Vec::new()))
    }
}

/// Where the cohort matrix goes beside the cohort page at `page`: the same name with the
/// extension `.csv`. None when the page does not go to a regular file (stdout, a FIFO, a
/// device): there is nothing to put a file beside.
pub fn cohort_sibling(page: &Path) -> Option<PathBuf> {
    if output::is_stdout(page) {
        return None;
    }
    match std::fs::metadata(page) {
        Ok(meta) if !meta.is_file() => None,
        _ => Some(page.with_extension("csv")),
    }
}

/// Whether two output paths name the same file: the same text, or the same file once their
/// directories are resolved (so `./a.csv` and `a.csv`, or two links to one file, are one).
pub fn same_output(a: &Path, b: &Path) -> bool {
    a == b || resolved(a).is_some_and(|a| resolved(b).is_some_and(|b| a == b))
}

/// The canonical path of an existing file, or of a new one's directory joined with its name.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return Some(canonical);
    }
    let name = path.file_name()?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = std::fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
    Some(dir.join(name))
}
