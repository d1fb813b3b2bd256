use crate::{Outcome, output, read};
use competence::Limits;
use competence::assess::Assessment;
use competence::catalog::Catalog;
use competence::files::{Contents, read_bounded};
use competence::interchange::{badges, case};
use competence::model::{Date, FrameworkRef};
use competence::tailor;
use std::path::PathBuf;

/// Arguments of `competence export`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    format: Format,
}

#[derive(clap::Subcommand)]
enum Format {
    /// The resolved framework as a CASE 1.1 CFPackage (JSON).
    Case {
        /// The framework: an id, optionally with a semver requirement.
        framework: FrameworkRef,
        /// More frameworks (repeatable); the built-in ones are always available.
        #[arg(long, value_name = "DIR")]
        catalog: Vec<PathBuf>,
        /// The date written as lastChangeDateTime (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<Date>,
        /// Write here instead of stdout (`-`: stdout).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: read::LimitArgs,
    },
    /// Open Badges 3.0 Achievements for the framework's roles; with --report, an unsigned
    /// AchievementCredential when the assessed learner meets the role.
    Badges {
        /// The framework: an id, optionally with a semver requirement.
        framework: FrameworkRef,
        /// Only this role (default: every role).
        #[arg(long)]
        role: Option<String>,
        /// One Achievement per competency too.
        #[arg(long)]
        competencies: bool,
        /// An assessment report (`assess --format json`): write its credential instead.
        #[arg(long, value_name = "REPORT", requires = "issuer")]
        report: Option<PathBuf>,
        /// The issuer's profile URI, for credentials.
        #[arg(long, value_name = "URI")]
        issuer: Option<String>,
        /// More frameworks (repeatable); the built-in ones are always available.
        #[arg(long, value_name = "DIR")]
        catalog: Vec<PathBuf>,
        /// Write here instead of stdout (`-`: stdout).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: read::LimitArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    match args.format {
        Format::Case {
            framework,
            catalog,
            date,
            output,
            limits,
        } => {
            let (catalog, inputs) = open(&catalog, output.as_ref(), limits.limits())?;
            let exported =
                case::export_from_catalog(&catalog, &framework, date.unwrap_or_else(today))?;
            for note in &exported.notes {
                eprintln!("note: {note}");
            }
            write(&exported.package, output.as_ref(), &inputs)
        }
        Format::Badges {
            framework,
            role,
            competencies,
            report,
            issuer,
            catalog,
            output,
            limits,
        } => {
            let limits = limits.limits();
            let (catalog, mut inputs) = open(&catalog, output.as_ref(), limits)?;
            let resolution = tailor::resolve(&catalog, &framework)?;
            let resolved = match resolution.framework {
                Some(f) if !resolution.has_errors() => f,
                _ => {
                    return Err(format!(
                        "{framework} could not be resolved; run `competence check`"
                    )
                    .into());
                }
            };
            let json = match (report, issuer) {
                (Some(report), Some(issuer)) => {
                    inputs.add([&report]);
                    let Contents::Read(bytes) = read_bounded(&report, limits.max_bytes)
                        .map_err(|e| format!("cannot read {}: {e}", report.display()))?
                    else {
                        return Err(read::too_large(&report, limits).into());
                    };
                    let assessment: Assessment = serde_json::from_slice(&bytes).map_err(|e| {
                        format!("{}: not an assessment report: {e}", report.display())
                    })?;
                    let credential = badges::credential(&resolved, &assessment, &issuer)?;
                    if credential.is_none() {
                        eprintln!(
                            "note: {} does not meet the role yet: no credential",
                            assessment.learner()
                        );
                    } else {
                        eprintln!(
                            "note: the credential is unsigned: the issuer signs it before issuing"
                        );
                    }
                    serde_json::Value::Array(credential.into_iter().collect())
                }
                _ => serde_json::Value::Array(badges::achievements(
                    &resolved,
                    role.as_deref(),
                    competencies,
                )?),
            };
            write(&json, output.as_ref(), &inputs)
        }
    }
}

fn open(
    dirs: &[PathBuf],
    output: Option<&PathBuf>,
    limits: Limits,
) -> Result<(Catalog, output::Inputs), output::Error> {
    let catalog = read::catalog(dirs, limits)?;
    let mut inputs = output::Inputs::new();
    inputs.add(catalog.files_read());
    if let Some(path) = output {
        inputs.check(path)?;
    }
    Ok((catalog, inputs))
}

fn write(
    json: &serde_json::Value,
    path: Option<&PathBuf>,
    inputs: &output::Inputs,
) -> Result<Outcome, output::Error> {
    let text = format!("{}\n", serde_json::to_string_pretty(json)?);
    match path {
        Some(path) => output::file(path, &text, inputs)?,
        None => output::stdout(&text)?,
    }
    Ok(Outcome::Success)
}

/// Today's date in UTC (as `assess` reads it; only the CLI reads the clock).
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    Date::from_days_since_epoch(days)
        .unwrap_or_else(|| Date::new(1970, 1, 1).unwrap_or_else(|| unreachable!()))
}
