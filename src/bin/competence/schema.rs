use crate::{Outcome, output};
use competence::model::Kind;

/// Arguments of `competence schema`.
#[derive(clap::Args)]
pub struct Args {
    /// framework, evidence or crosswalk
    #[arg(value_parser = ["framework", "evidence", "crosswalk"])]
    kind: String,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let kind = Kind::parse(&args.kind).ok_or("unknown kind")?;
    output::stdout(&competence::schema::for_kind(kind))?;
    Ok(Outcome::Success)
}
