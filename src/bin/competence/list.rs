use crate::{Outcome, output, read};
use competence::diagnostic::Diagnostic;
use std::fmt::Write;
use std::path::PathBuf;

/// Arguments of `competence list`.
#[derive(clap::Args)]
pub struct Args {
    /// More frameworks and crosswalks to list (repeatable), besides the built-in ones.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    #[command(flatten)]
    limits: read::LimitArgs,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    // What could be read is listed even when some catalog file has errors; those are
    // printed as findings and the run exits 2.
    let (catalog, found) = read::catalog_and_findings(&args.catalog, args.limits.limits())?;
    let rows = catalog.listing();
    let width = rows.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let _ = write!(
            out,
            "{:<9} {:<width$}  {}",
            row.kind.as_str(),
            row.id.as_str(),
            row.versions.join(", ")
        );
        if !row.bases.is_empty() {
            let _ = write!(out, "  ({})", row.bases.join(", "));
        }
        out.push('\n');
    }
    output::stdout(&out)?;
    if found.iter().any(Diagnostic::is_error) {
        return Err(read::catalog_errors(&found, "what could be read is listed").into());
    }
    Ok(Outcome::Success)
}
