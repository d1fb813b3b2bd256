//! `competence assess`: evidence records to development plans. Reading inputs, resolving
//! frameworks through the catalog and writing files happen here; every rule is the library's.

use crate::assess_csv::{self, Table};
use crate::progress::Progress;
use crate::{Outcome, output, read};
use competence::Limits;
use competence::assess::{Assessment, Assessors, ChooseError, assess_organisation};
use competence::catalog::Catalog;
use competence::diagnostic::{Diagnostic, Sources, render};
use competence::load;
use competence::model::{Date, EvidenceRecord, FrameworkRef};
use competence::report;
use competence::report::cohort::Cohort;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `competence assess`.
#[derive(clap::Args)]
#[command(after_help = "\
Output: one record's report goes to stdout, or to -o FILE. JSON for several records (several
inputs, a YAML stream, any *.jsonl input) is JSON Lines, one cohort line per learner (the
learner's own results by id and number; schema: `competence schema report`), to stdout or to
-o FILE; JSON is the default format for *.jsonl input. -o DIR (an existing directory, or a path
ending in /) gets one full report per learner instead (<learner>.json / .md / .html); so do
Markdown and HTML for several records, with -o naming a directory. On stdout, Markdown reports
are separated by `---` lines. --format csv writes one table for every learner, to stdout or
to -o FILE.

Standard error shows a progress line on a terminal, then a one-line summary; --verbose
names each learner's progress towards the role as well.

A record that cannot be assessed (its framework is not in the catalog, the framework has no
such role, no crosswalk leads to --framework) is reported on stderr as FILE:LINE: learner ID,
and every other record is still assessed and written.

Outputs never replace an input of the run, and `-o -` is stdout. An existing FIFO, device or
symbolic link is written through, never replaced; a regular file is replaced atomically.

Exit status: 0 done; 1 with --require-ready when a learner is not ready; 2 when the command
could not run, or when any input could not be read or any record could not be assessed (the
others are still assessed and written).")]
pub struct Args {
    /// Evidence files: YAML (one or many records) or JSON Lines (`*.jsonl`, one per line).
    #[arg(required = true)]
    evidence: Vec<PathBuf>,
    /// Assess against this framework (`id` or `id@requirement`) instead of each record's own.
    #[arg(long, value_name = "ID[@REQ]")]
    framework: Option<FrameworkRef>,
    /// The role to assess readiness for.
    #[arg(long)]
    role: Option<String>,
    /// The date the assessment holds on (YYYY-MM-DD); default: today (UTC).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Report format [default: json for *.jsonl input, markdown otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file (JSON Lines for several records), or into this directory (existing,
    /// or ending in /) as <learner>.json / .md / .html (`-`: stdout).
    #[arg(short, long, value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// Also write a cohort page to FILE: one HTML heat map of every learner's status on every
    /// competency, and beside it the same matrix as CSV (FILE with the extension `.csv`; not
    /// for `--cohort -`). Without -o, no per-learner reports are written.
    #[arg(long, value_name = "FILE")]
    cohort: Option<PathBuf>,
    /// Also write the evidence ledger of every learner to FILE as one CSV table: a row per
    /// claim, with what it counted for or why not (`-`: stdout, when the reports go to a file).
    #[arg(long, value_name = "FILE")]
    ledger_csv: Option<PathBuf>,
    /// An organisation's readiness record (assessed against its framework's organisation
    /// role): each plan shows what the organisation is working on, as context, for records
    /// that name this organisation (`organisation:`) or none.
    #[arg(long, value_name = "FILE")]
    organisation: Option<PathBuf>,
    /// Exit 1 unless every learner is ready for the role.
    #[arg(long)]
    require_ready: bool,
    /// More frameworks and crosswalks, beside the built-in ones.
    #[arg(long, value_name = "DIR")]
    catalog: Vec<PathBuf>,
    #[command(flatten)]
    limits: read::LimitArgs,
    /// Name each learner's progress towards the role on stderr, one line per learner
    /// (instead of the progress line), then the summary.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The assessment as JSON (schema: `competence schema report`)
    Json,
    /// A development plan in Markdown
    Markdown,
    /// A development plan as one self-contained, printable HTML page
    Html,
    /// One CSV table for every learner: a row per learner and competency, with the target,
    /// the level achieved, the status and the next steps
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }

    fn render(self, assessment: &Assessment) -> String {
        match self {
            Format::Json => report::json::render(assessment),
            Format::Markdown => report::markdown::render(assessment),
            Format::Html => report::html::render(assessment),
            Format::Csv => report::csv::render(assessment),
        }
    }
}

/// Where reports go.
enum Sink {
    /// Nowhere: only the cohort page was asked for.
    Nowhere,
    /// Stdout, or a file of JSON Lines: written as the reports are made.
    Stream {
        out: output::Stream,
        written: usize,
        /// JSON as JSON Lines (one cohort line per learner): more than one record is or may
        /// be written.
        json_lines: bool,
    },
    File {
        path: PathBuf,
        written: bool,
    },
    Dir {
        path: PathBuf,
        names: HashSet<String>,
    },
    /// `--format csv`: one table for every learner, to stdout or a file.
    Csv(Box<Table>),
}

/// What has been said about frameworks already, so a cohort says it once.
#[derive(Default)]
struct Said {
    /// References whose resolution findings were printed.
    unresolved: HashSet<String>,
    /// Crosswalks whose use was noted.
    crosswalks: HashSet<String>,
}

/// Why one record produced no report.
enum Failure {
    /// This record only: it is reported and the run goes on.
    Record(String),
    /// The run cannot go on (an output cannot be written).
    Fatal(output::Error),
}

pub fn run(args: Args) -> Result<Outcome, output::Error> {
    let limits = args.limits.limits();
    let (catalog, found) = Catalog::builtin_and(&args.catalog, &limits)?;
    output::note_skipped(catalog.skipped());
    read::print_diagnostics(&found, &catalog);
    if found.iter().any(Diagnostic::is_error) {
        return Err("the catalog has errors: see the findings above".into());
    }
    // Every file this run reads; checked before anything is written.
    let mut inputs = output::Inputs::new();
    inputs.add(&args.evidence);
    inputs.add(catalog.files_read());
    let many = args.evidence.len() > 1 || args.evidence.iter().any(|p| is_jsonl(p));
    let format = args
        .format
        .unwrap_or(if args.evidence.iter().any(|p| is_jsonl(p)) {
            Format::Json
        } else {
            Format::Markdown
        });
    if let Some(cohort) = &args.cohort {
        if output::is_stdout(cohort) && args.output.as_ref().is_some_and(|o| output::is_stdout(o)) {
            return Err("--cohort - and the reports cannot both go to stdout: give -o".into());
        }
        inputs.check(cohort)?;
        if args.output.as_ref() == Some(cohort) {
            return Err("-o and --cohort name the same file".into());
        }
    }
    let mut sink = sink(&args, format, many, &inputs)?;
    let (cohort_csv, mut ledger) = csv_outputs(&args, &sink, &inputs)?;
    if let Some(path) = &args.organisation {
        inputs.add(std::slice::from_ref(path));
    }
    let as_of = args.as_of.unwrap_or_else(today);
    let organisation = match &args.organisation {
        Some(path) => Some(organisation(path, &catalog, as_of, limits)?),
        None => None,
    };
    let mut assessors = Assessors::new(catalog, as_of);
    if let Some(role) = &args.role {
        assessors = assessors.role(role.clone());
    }
    if let Some(framework) = &args.framework {
        assessors = assessors.against(framework.clone());
    }
    let mut said = Said::default();
    let mut unreadable = 0usize;
    let mut not_assessed = 0usize;
    let mut not_ready = 0usize;
    let mut cohort = args.cohort.as_ref().map(|_| Cohort::new());
    let mut progress = Progress::new(args.verbose);
    let mut assess = |record: &EvidenceRecord,
                      sink: &mut Sink,
                      progress: &mut Progress|
     -> Result<(), Failure> {
        let assessed = assessors.assess(record);
        let mut findings = assessors.take_findings();
        // The shipped tailorings' own warnings (justified `added-to-core`, say) are theirs to
        // answer, checked by `competence check` and in our tests; printed on every `assess`
        // they are noise a training provider cannot act on. Errors, and every finding about
        // the user's own `--catalog` files, are still shown.
        findings.retain(|d| d.is_error() || !d.file.as_deref().is_some_and(is_built_in));
        read::print_diagnostics(&findings, assessors.catalog());
        let assessment = match assessed {
            Ok(assessment) => match &organisation {
                Some(org)
                    if record
                        .organisation
                        .as_ref()
                        .is_none_or(|named| named == org.learner()) =>
                {
                    assessment.with_organisation(org)
                }
                _ => assessment,
            },
            Err(ChooseError::Unresolved {
                reference,
                diagnostics,
            }) => {
                if said.unresolved.insert(reference.clone()) {
                    read::print_diagnostics(&diagnostics, assessors.catalog());
                }
                return Err(Failure::Record(format!(
                    "cannot resolve {reference}: see the findings above"
                )));
            }
            Err(e) => return Err(Failure::Record(e.to_string())),
        };
        if let Some(crosswalk) = &assessment.framework().crosswalk {
            if said.crosswalks.insert(crosswalk.name.clone()) {
                progress.say(&format!(
                    "note: reading {} evidence through the crosswalk {}",
                    crosswalk.from, crosswalk.name
                ));
            }
        }
        progress.assessed(&assessment);
        if !assessment.ready() {
            not_ready += 1;
        }
        if let Some(cohort) = &mut cohort {
            if cohort.add(&assessment) {
                progress.say(&format!(
                    "warning: learner {} appears twice; the cohort page shows the later record",
                    assessment.learner()
                ));
            }
        }
        if let Some(ledger) = &mut ledger {
            ledger.write(&assessment).map_err(Failure::Fatal)?;
        }
        write(sink, format, &assessment, &inputs, progress)
    };
    for path in &args.evidence {
        let records = match load::records(path, limits) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("error: {e}");
                unreadable += 1;
                continue;
            }
        };
        if let Sink::Stream { json_lines, .. } = &mut sink {
            // With one input, this is known before its first report is written.
            *json_lines |= format == Format::Json && records.may_hold_several();
        }
        for line in records {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    progress.say(&format!("error: {e}"));
                    unreadable += 1;
                    break;
                }
            };
            // Evidence text is never echoed: no sources for snippets.
            if !line.diagnostics.is_empty() {
                progress.print(&render::human(&line.diagnostics, &Sources::new()));
            }
            let record = match line.record {
                Some(record) if !line.has_errors() => record,
                _ => {
                    unreadable += 1;
                    continue;
                }
            };
            match assess(&record, &mut sink, &mut progress) {
                Ok(()) => {}
                Err(Failure::Record(reason)) => {
                    progress.say(&format!(
                        "error: {}:{}: learner {}: {reason}",
                        path.display(),
                        line.line,
                        record.learner
                    ));
                    not_assessed += 1;
                }
                Err(Failure::Fatal(e)) => return Err(e),
            }
        }
    }
    let table = match sink {
        Sink::Stream { out, .. } => {
            out.finish()?;
            None
        }
        Sink::Csv(table) => Some(table),
        _ => None,
    };
    progress.finish(not_ready, args.role.is_some());
    if let (Some(path), Some(cohort)) = (&args.cohort, &cohort) {
        output::file(path, &report::html::render_cohort(cohort), &inputs)?;
        if let Some(matrix) = &cohort_csv {
            output::file(matrix, &report::csv::render_cohort(cohort), &inputs)?;
        }
    }
    if let Some(table) = table {
        table.finish(&inputs)?;
    }
    if let Some(ledger) = ledger {
        ledger.finish(&inputs)?;
    }
    let mut problems = Vec::new();
    if unreadable > 0 {
        problems.push(format!("{unreadable} evidence input(s) could not be read"));
    }
    if not_assessed > 0 {
        problems.push(format!("{not_assessed} record(s) could not be assessed"));
    }
    if !problems.is_empty() {
        return Err(format!(
            "{}: see the messages above; every other record was assessed",
            problems.join(" and ")
        )
        .into());
    }
    Ok(if args.require_ready && not_ready > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Where the reports go, checked before anything is assessed: a file output must not be an
/// input of the run. JSON for several records is JSON Lines, to stdout or a file; a
/// directory (existing, or named with a trailing `/`) gets a full report per learner, and so
/// does `-o` for several Markdown or HTML reports.
fn sink(
    args: &Args,
    format: Format,
    many: bool,
    inputs: &output::Inputs,
) -> Result<Sink, output::Error> {
    let json_lines = many && format == Format::Json;
    let stream = |path: &Path| -> Result<Sink, output::Error> {
        Ok(Sink::Stream {
            out: output::Stream::open(path, inputs)?,
            written: 0,
            json_lines,
        })
    };
    let Some(path) = &args.output else {
        return if args.cohort.is_some() {
            Ok(Sink::Nowhere)
        } else if format == Format::Csv {
            Ok(Sink::Csv(Box::new(Table::competencies(Path::new("-")))))
        } else {
            stream(Path::new("-"))
        };
    };
    if format == Format::Csv {
        if path.is_dir() || path.to_string_lossy().ends_with('/') {
            return Err(format!(
                "--format csv writes one table for every learner: give -o a file, not the directory {}",
                path.display()
            )
            .into());
        }
        inputs.check(path)?;
        return Ok(Sink::Csv(Box::new(Table::competencies(path))));
    }
    if output::is_stdout(path) {
        return stream(path);
    }
    let dir = path.is_dir() || path.to_string_lossy().ends_with('/');
    if json_lines && !dir {
        return stream(path);
    }
    if dir || many {
        inputs.check(path)?;
        std::fs::create_dir_all(path)
            .map_err(|e| format!("cannot create the directory {}: {e}", path.display()))?;
        return Ok(Sink::Dir {
            path: path.clone(),
            names: HashSet::new(),
        });
    }
    inputs.check(path)?;
    Ok(Sink::File {
        path: path.clone(),
        written: false,
    })
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

fn write(
    sink: &mut Sink,
    format: Format,
    assessment: &Assessment,
    inputs: &output::Inputs,
    progress: &Progress,
) -> Result<(), Failure> {
    let fatal = |e: output::Error| Failure::Fatal(e);
    match sink {
        Sink::Nowhere => Ok(()),
        Sink::Stream {
            out,
            written,
            json_lines,
        } => {
            let failed = |e: std::io::Error| Failure::Fatal(format!("cannot write: {e}").into());
            if *written > 0 && format == Format::Html {
                return Err(fatal("more than one evidence record: give -o a directory to write one HTML report per learner".into()));
            }
            if *written > 0 && format == Format::Markdown {
                out.write_all(b"\n---\n\n").map_err(failed)?;
            }
            *written += 1;
            if format == Format::Json && *json_lines {
                report::line::write(out, assessment).map_err(failed)
            } else {
                out.write_all(format.render(assessment).as_bytes())
                    .map_err(failed)
            }
        }
        Sink::File { path, written } => {
            if *written {
                return Err(fatal(format!(
                    "more than one evidence record: give -o a directory to write one report per learner (not {})",
                    path.display()
                )
                .into()));
            }
            *written = true;
            output::file(path, &format.render(assessment), inputs).map_err(fatal)
        }
        Sink::Dir { path, names } => {
            let learner = assessment.learner();
            if !learner.is_valid() {
                return Err(Failure::Record(format!(
                    "learner id `{learner}` cannot name a file"
                )));
            }
            let name = format!("{learner}.{}", format.extension());
            let target = path.join(&name);
            // An input in the output directory is never replaced: this learner's report is
            // not written, and the others are.
            inputs
                .check(&target)
                .map_err(|e| Failure::Record(e.to_string()))?;
            if !names.insert(name.clone()) {
                progress.say(&format!(
                    "warning: learner {learner} appears twice; {name} holds the later record"
                ));
            }
            output::file(&target, &format.render(assessment), inputs).map_err(fatal)
        }
        Sink::Csv(table) => table.write(assessment).map_err(fatal),
    }
}

/// The cohort matrix's path (beside the cohort page) and the ledger table, checked before
/// anything is assessed: neither may replace an input or another output of the run, and
/// only one output may go to stdout.
fn csv_outputs(
    args: &Args,
    sink: &Sink,
    inputs: &output::Inputs,
) -> Result<(Option<PathBuf>, Option<Table>), output::Error> {
    let matrix = args.cohort.as_deref().and_then(assess_csv::cohort_sibling);
    if let (Some(matrix), Some(page)) = (&matrix, &args.cohort) {
        if assess_csv::same_output(matrix, page) {
            return Err(format!(
                "--cohort {} names the CSV matrix's file: the cohort page is HTML, and its matrix is written beside it with the extension .csv; give the page another name",
                page.display()
            )
            .into());
        }
        inputs.check(matrix)?;
        if args
            .output
            .as_deref()
            .is_some_and(|o| assess_csv::same_output(o, matrix))
        {
            return Err(format!(
                "-o and the cohort's CSV matrix ({}) name the same file",
                matrix.display()
            )
            .into());
        }
    }
    let Some(path) = &args.ledger_csv else {
        return Ok((matrix, None));
    };
    if output::is_stdout(path) {
        let reports_on_stdout = match sink {
            Sink::Stream { .. } | Sink::Csv(_) => {
                args.output.as_deref().is_none_or(output::is_stdout)
            }
            _ => false,
        };
        if reports_on_stdout || args.cohort.as_deref().is_some_and(output::is_stdout) {
            return Err("--ledger-csv - and another output cannot both go to stdout: give one of them a file".into());
        }
    } else {
        inputs.check(path)?;
        let others = [
            ("-o", args.output.as_deref()),
            ("--cohort", args.cohort.as_deref()),
            ("the cohort's CSV matrix", matrix.as_deref()),
        ];
        for (name, other) in others {
            if other.is_some_and(|o| !output::is_stdout(o) && assess_csv::same_output(o, path)) {
                return Err(format!(
                    "--ledger-csv and {name} name the same file ({})",
                    path.display()
                )
                .into());
            }
        }
    }
    Ok((matrix, Some(Table::ledger(path))))
}

/// The organisation's readiness assessment from its record (the first in `path`).
fn organisation(
    path: &Path,
    catalog: &Catalog,
    as_of: Date,
    limits: Limits,
) -> Result<Assessment, output::Error> {
    let mut records = load::records(path, limits).map_err(|e| e.to_string())?;
    let Some(line) = records.next() else {
        return Err(format!("{}: holds no record", path.display()).into());
    };
    let line = line.map_err(|e| e.to_string())?;
    eprint!("{}", render::human(&line.diagnostics, &Sources::new()));
    let readable = !line.has_errors();
    let Some(record) = line.record.filter(|_| readable) else {
        return Err(format!(
            "{}: the organisation's record cannot be read",
            path.display()
        )
        .into());
    };
    let assessment = assess_organisation(catalog, &record, as_of)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("{}", report::summary_line(&assessment));
    Ok(assessment)
}

/// Whether a finding's file is one of the frameworks built into the binary (the catalog names
/// them `<built-in>/FILE`).
fn is_built_in(file: &Path) -> bool {
    file.starts_with("<built-in>")
}

/// Today's date in UTC, from the system clock (only the CLI reads it).
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    Date::from_days_since_epoch(days)
        .unwrap_or_else(|| Date::from_days_since_epoch(0).unwrap_or_else(|| unreachable!()))
}
