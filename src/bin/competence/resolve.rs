use crate::{Outcome, output, read};
use competence::diagnostic::{Sources, render};
use competence::model::FrameworkRef;
use competence::tailor;
use std::path::PathBuf;

/// Arguments of `competence resolve`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework: an id, optionally with a semver requirement (`id@^1.2`, `id@=1.0.0`).
    framework: FrameworkRef,
    /// More frameworks to resolve against (repeatable); the built-in ones are always available.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    /// How to print the resolved framework.
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    format: Format,
    /// Write to this file instead of stdout (`-`: stdout). A regular file is replaced
    /// atomically; a FIFO, device or symbolic link is written through; a file the run read
    /// (in a --catalog directory) is never written over.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    limits: read::LimitArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// YAML
    Yaml,
    /// JSON
    Json,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let catalog = read::catalog(&args.catalog, args.limits.limits())?;
    // The chain is resolved from these files: none may be written over.
    let mut inputs = output::Inputs::new();
    inputs.add(catalog.files_read());
    if let Some(path) = &args.output {
        inputs.check(path)?;
    }
    let resolution = tailor::resolve(&catalog, &args.framework)?;
    if !resolution.diagnostics.is_empty() {
        let mut sources = Sources::new();
        for d in &resolution.diagnostics {
            if let Some(text) = d.file.as_deref().and_then(|f| catalog.text_of(f)) {
                sources.insert(d.file.clone().unwrap_or_default(), text.to_owned());
            }
        }
        eprint!("{}", render::human(&resolution.diagnostics, &sources));
    }
    let framework = match resolution.framework {
        Some(framework) if !resolution.has_errors() => framework,
        _ => {
            eprintln!(
                "error: {} could not be resolved; see the findings above",
                args.framework
            );
            return Ok(Outcome::Findings);
        }
    };
    let text = match args.format {
        Format::Yaml => competence::to_yaml(&framework)?,
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&framework)?),
    };
    match &args.output {
        Some(path) => output::file(path, &text, &inputs)?,
        None => output::stdout(&text)?,
    }
    Ok(Outcome::Success)
}
