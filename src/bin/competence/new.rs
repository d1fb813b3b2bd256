use crate::{Outcome, output, read};
use competence::model::{FrameworkRef, Id};
use std::path::PathBuf;

/// Arguments of `competence new`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// A tailoring of a framework in the catalog.
    Tailoring {
        /// The framework to tailor, with a requirement: `mh-peer-support-worker@^1.0`.
        #[arg(long, value_name = "ID@REQ")]
        extends: FrameworkRef,
        /// The new framework's id.
        #[arg(long, value_name = "NEW_ID")]
        id: String,
        /// More frameworks to look the base up in (repeatable).
        #[arg(long, value_name = "DIR")]
        catalog: Vec<PathBuf>,
        /// Write to this file (it must not exist yet) instead of stdout (`-`: stdout).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: read::LimitArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let What::Tailoring {
        extends,
        id,
        catalog,
        output,
        limits,
    } = args.what;
    let id = Id::new(id);
    if !id.is_valid() {
        return Err(format!("`{id}` is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit").into());
    }
    let catalog = read::catalog(&catalog, limits.limits())?;
    let base = catalog.select(&extends)?;
    let framework = base.framework().ok_or("the base is not a framework")?;
    let text = competence::tailor::starter(framework, &extends, &id);
    match &output {
        Some(path) => output::new_file(path, &text)?,
        None => output::stdout(&text)?,
    }
    Ok(Outcome::Success)
}
