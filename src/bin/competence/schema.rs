use crate::{Outcome, output};
use competence::model::Kind;

/// Arguments of `competence schema`.
#[derive(clap::Args)]
pub struct Args {
    /// framework, evidence, crosswalk or report
    #[arg(value_parser = ["framework", "evidence", "crosswalk", "report"])]
    kind: String,
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    if args.kind == "report" {
        output::stdout(&competence::schema::report())?;
        return Ok(Outcome::Success);
    }
    let kind = Kind::parse(&args.kind).ok_or("unknown kind")?;
    output::stdout(&competence::schema::for_kind(kind))?;
    Ok(Outcome::Success)
}
