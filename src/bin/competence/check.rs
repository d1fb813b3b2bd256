use crate::{Outcome, output, read};
use competence::check::{Inputs, check_inputs};
use competence::diagnostic::{Tally, render};
use competence::files::{Discovery, read_to_limit};
use std::path::{Path, PathBuf};

/// Arguments of `competence check`.
#[derive(clap::Args)]
#[command(after_long_help = DISCOVERY)]
pub struct Args {
    /// Files and directories to check; `-` reads standard input. With none, the current
    /// directory. A file named here is always checked; directories are walked for our files
    /// only (see below).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Leave out files and directories matching GLOB in walks (`.gitignore` syntax, relative
    /// to the current directory; repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Filter files named on the command line as walks do: leave out those that match an
    /// --exclude glob or do not declare `format: competence/…` (for pre-commit and editors,
    /// which pass every YAML file).
    #[arg(long)]
    force_exclude: bool,
    /// The file name that findings give for standard input (`-`); its extension also tells
    /// JSON Lines (`.jsonl`) from YAML and JSON.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// List the files that walks left alone because they do not declare `format:
    /// competence/…`.
    #[arg(long, short)]
    verbose: bool,
    /// More frameworks to resolve tailorings against (repeatable), walked as the paths are;
    /// the built-in ones are always available.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    limits: read::LimitArgs,
}

const DISCOVERY: &str = "\
Which files are checked:
  A file named on the command line is always checked, whatever it holds.
  Directories are walked the way linters walk them: regular files named *.yaml, *.yml,
  *.json or *.jsonl that declare `format: competence/1` at the top of their first document
  are ours; other YAML and JSON files (CI workflows, compose files) are left alone, and
  listed with --verbose. .gitignore (in a git repository), .ignore and git's excludes are
  honoured, hidden files and directories are not entered, and --exclude globs are left out.
  FIFOs, devices, sockets and links to them are skipped with a note.";

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
    let limits = args.limits.limits();
    let mut discovery = Discovery::new().force_exclude(args.force_exclude);
    for glob in &args.exclude {
        discovery = discovery.exclude(glob)?;
    }
    let mut inputs = Inputs::default();
    inputs.discovery = discovery;
    inputs.catalogs = args.catalog;
    let stdin = Path::new("-");
    if args.paths.iter().any(|p| p == stdin) {
        let name = args
            .stdin_filename
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        let contents = read_to_limit(std::io::stdin().lock(), limits.max_bytes, None)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        inputs.texts.push((name, contents));
    }
    inputs.paths = args.paths.into_iter().filter(|p| p != stdin).collect();
    let report = check_inputs(&inputs, &limits)?;
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
    if args.verbose {
        for file in &report.undeclared {
            eprintln!(
                "skipped {}: does not declare `format: competence/1`",
                file.display()
            );
        }
    }
    if files.is_empty() {
        eprintln!(
            "note: no competence files found (files declaring `format: competence/1`{})",
            if report.undeclared.is_empty() {
                ""
            } else {
                "; --verbose lists the others"
            }
        );
    }
    eprintln!(
        "checked {} file{}: {} error{}, {} warning{}",
        files.len(),
        plural(files.len()),
        tally.errors,
        plural(tally.errors),
        tally.warnings,
        plural(tally.warnings)
    );
    let outcome = if tally.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    };
    // The process ends next: freeing every document of a large run (millions of small
    // allocations, on one thread) would only delay the exit.
    std::mem::forget(report);
    Ok(outcome)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
