//! `competence diff`: the changes between two versions of a framework, classified, and with
//! `--check` whether the new version's number covers them.

use crate::{Outcome, output, read};
use competence::Limits;
use competence::diagnostic::{Sources, render};
use competence::diff::{self, Change, Class, Diff, Location, Side, SideError, Verdict};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `competence diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The old version: a framework file, or `ID@VERSION` in the catalog.
    old: String,
    /// The new version: a framework file, or `ID@VERSION` in the catalog.
    new: String,
    /// Exit 1 when NEW's version bump is smaller than the changes need.
    #[arg(long)]
    check: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// More frameworks to resolve against (repeatable); the built-in ones are always available.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    #[command(flatten)]
    limits: read::LimitArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Changes grouped by class, with ids and locations
    Human,
    /// The changes and the verdict as JSON
    Json,
}

fn side(arg: &str, catalogs: &[PathBuf], limits: Limits) -> Result<Side, output::Error> {
    diff::read_side(arg, catalogs, &limits).map_err(|e| {
        if let SideError::Findings { diagnostics, .. } = &e {
            eprint!("{}", render::human(diagnostics, &Sources::new()));
        }
        e.into()
    })
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let limits = args.limits.limits();
    let old = side(&args.old, &args.catalog, limits)?;
    let new = side(&args.new, &args.catalog, limits)?;
    let mut changes = diff::diff(&old.framework, &new.framework);
    changes.locate(old.text.as_deref(), new.text.as_deref());
    let verdict = changes.check(&old.framework.version, &new.framework.version);
    let text = match args.format {
        Format::Human => human(&changes, &verdict, &old, &new),
        Format::Json => {
            let value = serde_json::json!({
                "old": changes.old,
                "new": changes.new,
                "required": verdict.required,
                "allowed": verdict.allowed,
                "ok": verdict.ok(),
                "changes": changes.changes,
            });
            format!("{}\n", serde_json::to_string_pretty(&value)?)
        }
    };
    output::stdout(&text)?;
    if args.check && !verdict.ok() {
        let mut message = format!(
            "error: {} needs a {} version bump from {}, but {} is {}; the changes that force it:\n",
            changes.new,
            verdict.required.map_or("higher", Class::as_str),
            old.framework.version,
            new.framework.version,
            verdict
                .allowed
                .map_or("not a higher version".to_owned(), |c| format!("a {c} bump")),
        );
        for c in &verdict.forcing {
            let _ = writeln!(message, "  {} [{}] {}", c.class, c.rule, c.message);
        }
        eprint!("{message}");
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Success)
}

fn place(side: &Side, location: Option<&Location>) -> Option<String> {
    let location = location?;
    match (&side.file, location.span) {
        (Some(file), Some(span)) => {
            Some(format!("{}:{}:{}", file.display(), span.line, span.column))
        }
        _ => Some(location.path.to_string()),
    }
}

fn human(changes: &Diff, verdict: &Verdict<'_>, old: &Side, new: &Side) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} -> {}", changes.old, changes.new);
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    for class in Class::LARGEST_FIRST {
        let group: Vec<&Change> = changes
            .changes
            .iter()
            .filter(|c| c.class == class)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{class} ({}):", group.len());
        for c in group {
            let _ = writeln!(out, "  [{}] {}", c.rule, c.message);
            let places: Vec<String> = [
                place(old, c.old.as_ref()).map(|p| format!("old: {p}")),
                place(new, c.new.as_ref()).map(|p| format!("new: {p}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !places.is_empty() {
                let _ = writeln!(out, "      {}", places.join("  "));
            }
        }
    }
    let _ = writeln!(
        out,
        "\nneeds: a {} bump; {} -> {} is {}",
        verdict.required.map_or("no", Class::as_str),
        old.framework.version,
        new.framework.version,
        verdict
            .allowed
            .map_or("not a higher version".to_owned(), |c| format!("a {c} bump")),
    );
    out
}
