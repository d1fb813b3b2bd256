use crate::{Outcome, output};
use competence::Limits;
use competence::catalog::Catalog;
use std::fmt::Write;
use std::path::PathBuf;

/// Arguments of `competence list`.
#[derive(clap::Args)]
pub struct Args {
    /// More frameworks and crosswalks to list (repeatable), besides the built-in ones.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let (catalog, found) = Catalog::builtin_and(&args.catalog, &Limits::default())?;
    output::note_skipped(catalog.skipped());
    let errors = found.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "warning: {errors} error{} in the catalog files; run `competence check` on them",
            if errors == 1 { "" } else { "s" }
        );
    }
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
    Ok(Outcome::Success)
}
