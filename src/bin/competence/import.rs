use crate::{Outcome, output, read};
use competence::catalog::Catalog;
use competence::check_text;
use competence::diagnostic::{Sources, render};
use competence::files::{Contents, read_bounded};
use competence::interchange::case;
use std::path::PathBuf;

/// Arguments of `competence import`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    format: Format,
}

#[derive(clap::Subcommand)]
enum Format {
    /// A CASE 1.0/1.1 CFPackage (JSON) as a framework file; what cannot be represented is
    /// listed on stderr, one note per identifier.
    Case {
        /// The package (JSON); `-` reads standard input.
        package: PathBuf,
        /// Write the framework here instead of stdout (`-`: stdout).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: read::LimitArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let Format::Case {
        package,
        output,
        limits,
    } = args.format;
    let limits = limits.limits();
    let bytes = if package.as_os_str() == "-" {
        let stdin = std::io::stdin().lock();
        competence::files::read_to_limit(stdin, limits.max_bytes, None)?
    } else {
        read_bounded(&package, limits.max_bytes)
            .map_err(|e| format!("cannot read {}: {e}", package.display()))?
    };
    let Contents::Read(bytes) = bytes else {
        return Err(read::too_large(&package, limits).into());
    };
    let imported = case::import(&bytes, &limits)
        .map_err(|e| format!("{}: not a CASE package: {e}", package.display()))?;
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    let framework = &imported.framework;
    let text = format!(
        "# Imported from the CASE package {} by `competence import case`.\n# {} notes on what could not be represented were printed when it was imported.\n{}",
        package.display(),
        imported.notes.len(),
        competence::to_yaml(framework)?
    );
    // The result must pass `check` on its own; findings would be our bug, so say so loudly.
    let name = PathBuf::from(format!("{}.yaml", framework.name()));
    let checked = check_text(&name, &text, &Catalog::new(), &limits);
    let mut inputs = output::Inputs::new();
    inputs.add([&package]);
    match &output {
        Some(path) => output::file(path, &text, &inputs)?,
        None => output::stdout(&text)?,
    }
    eprintln!(
        "imported {} with {} notes",
        framework.name(),
        imported.notes.len()
    );
    if checked.diagnostics.iter().any(|d| d.is_error()) {
        let mut sources = Sources::new();
        sources.insert(name, text);
        eprint!("{}", render::human(&checked.diagnostics, &sources));
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Success)
}
