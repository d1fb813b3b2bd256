//! The `competence` command: a thin layer over the library. Each subcommand lives in its own
//! file and only parses arguments, calls the library and prints.
//!
//! Exit status: 0 success; 1 findings (errors in `check`, a failed `diff --check`, `assess
//! --require-ready` when a learner is not ready); 2 the command could not run, or some of its
//! inputs could not be read or assessed; 130 interrupted (temporary files removed).

mod assess;
mod assess_csv;
mod check;
mod completions;
mod diff;
mod export;
mod import;
mod list;
mod new;
mod output;
mod progress;
mod read;
mod resolve;
mod schema;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Competency frameworks in YAML: check, tailor, assess.
#[derive(Parser)]
#[command(name = "competence", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate framework, evidence and crosswalk files; report every problem at once.
    Check(check::Args),
    /// Resolve a framework's tailoring chain and print the result with provenance.
    Resolve(resolve::Args),
    /// Assess evidence records against a framework and role; write development plans.
    Assess(assess::Args),
    /// Compare two versions of a framework and classify each change as major, minor or patch.
    Diff(diff::Args),
    /// List the frameworks and crosswalks in the catalog.
    List(list::Args),
    /// Write a commented starter file.
    New(new::Args),
    /// Print the JSON Schema of a document kind.
    Schema(schema::Args),
    /// Read a framework from another format (CASE).
    Import(import::Args),
    /// Write a framework in another format (CASE, Open Badges).
    Export(export::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionArgs),
    /// Print the manual page (roff), or write it with -o.
    Man(completions::ManArgs),
}

/// What a subcommand's run ended with.
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the command ran and found problems.
    Findings,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    output::remove_unfinished_on_interrupt();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Resolve(args) => resolve::run(args),
        Command::Assess(args) => assess::run(args),
        Command::Diff(args) => diff::run(args),
        Command::List(args) => list::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
