use crate::{Outcome, output};
use competence::Limits;
use competence::check::check_paths;
use competence::diagnostic::{Tally, render};
use std::path::PathBuf;

/// Arguments of `competence check`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to check (directories: every regular file named *.yaml, *.yml,
    /// *.json or *.jsonl inside; FIFOs, devices and sockets are skipped with a note).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// More frameworks to resolve tailorings against (repeatable); the built-in ones are
    /// always available.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The largest file accepted, in bytes.
    #[arg(long, default_value_t = Limits::default().max_bytes)]
    max_file_size: usize,
    /// The most documents accepted in one YAML stream.
    #[arg(long, default_value_t = Limits::default().max_documents)]
    max_documents: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// rustc-style, with source snippets
    Human,
    /// one JSON array
    Json,
    /// GitHub Actions workflow commands
    Github,
    /// SARIF 2.1.0
    Sarif,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let limits = Limits {
        max_bytes: args.max_file_size,
        max_documents: args.max_documents,
    };
    let report = check_paths(&args.paths, &args.catalog, &limits)?;
    let files = &report.files;
    let tally = Tally::of(&report.diagnostics);
    let text = match args.format {
        // Snippets come only from frameworks and crosswalks: evidence text is never echoed.
        Format::Human => render::human(&report.diagnostics, &report.sources),
        Format::Json => format!("{}\n", render::json(&report.diagnostics)),
        Format::Github => render::github(&report.diagnostics),
        Format::Sarif => format!("{}\n", render::sarif(&report.diagnostics)),
    };
    output::stdout(&text)?;
    output::note_skipped(&report.skipped);
    eprintln!(
        "checked {} file{}: {} error{}, {} warning{}",
        files.len(),
        plural(files.len()),
        tally.errors,
        plural(tally.errors),
        tally.warnings,
        plural(tally.warnings)
    );
    Ok(if tally.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
