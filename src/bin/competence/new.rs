use crate::{Outcome, output};

/// Arguments of `competence new`.
#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<Outcome, output::Error> {
    Err("not yet implemented".into())
}
