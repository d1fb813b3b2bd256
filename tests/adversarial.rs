//! The adversarial corpus: hostile inputs, each with its expected outcome beside it, run by
//! one harness like `tests/fixtures.rs` (see `tests/adversarial/README.md`).
//!
//! - `tests/adversarial/<case>.{yaml,yml,json,jsonl}` with `<case>.expected` beside it: one
//!   file, checked as `competence check <case>.yaml` does (in the library, `check_paths`).
//! - `tests/adversarial/<case>/` with `expected.txt` inside: several files (a tailoring chain,
//!   a catalog), checked together as `competence check <case>/` does.
//! - Generated cases ([`generated`]): inputs too large to commit (megabyte lines, thousands of
//!   documents, deep nesting), written to a temporary directory; `<case>.expected` only.
//! - CLI cases ([`cli_cases`]): non-regular files (a FIFO, a symlink to `/dev/zero`) made at
//!   run time in a temporary directory and given to the real binary, killed after
//!   [`CLI_BUDGET`]; `<case>.expected` only.
//!
//! Each library case runs in a child process (this test binary, re-run for one case) with
//! the library calls under `catch_unwind`, a budget of CPU time ([`BUDGET`], counted from
//! `/proc` so that a loaded machine is not mistaken for a hang; a child that blocks is killed
//! after [`WALL_FACTOR`] budgets of elapsed time) after which it is killed, and an
//! address-space cap, so no input can take the test run down: a panic, a hang,
//! a stack overflow or a memory blow-up is reported as a problem of that case. Besides
//! `check`, the child loads each file through `load_bytes`, `load_str` and
//! `Catalog::add_text`, assesses every evidence record against its framework for every role
//! and renders every report, and checks invariants that hold for every input:
//!
//! - no rendered diagnostic (human, JSON, GitHub, SARIF) contains [`MARKER`] (evidence text);
//! - human and GitHub output carry no control or bidirectional characters and no line longer
//!   than [`MAX_LINE`] characters;
//! - Markdown reports have no heading made of framework text ([`INJECTED`]), no raw `<script`,
//!   and every table row has as many cells as its header; HTML reports have no raw `<script`;
//! - peak memory stays within [`MEMORY_FACTOR`] times the input plus [`MEMORY_SLACK`].
//!
//! The outcome (exit status as `check` would give it, then the human rendering, long lists
//! summarised) must equal the expected file. `tests/adversarial/PENDING` lists cases that are
//! not fixed yet, one `name: reason` a line: their expected files are *specs* (`# spec` first
//! line: the exit status, the codes and locations the fix must give, text it must contain or
//! lack). A pending case is run and skipped with a note; the test fails when it meets its
//! spec, so the list stays honest: then remove it from PENDING and bless it.
//!
//! `BLESS=1 cargo test --test adversarial` rewrites the expected files of non-pending cases
//! from their current outcome (never one with a problem); read the diff before committing.

use competence::Limits;
use competence::assess::Assessor;
use competence::catalog::Catalog;
use competence::check::check_paths;
use competence::diagnostic::{Diagnostic, Sources, render};
use competence::model::{Date, Document, EvidenceRecord};
use competence::report::cohort::Cohort;
use competence::report::{html, json, markdown};
use competence::tailor::{self, ResolvedFramework};
use competence::{load_bytes, load_str};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Evidence text in the corpus carries this; no diagnostic may show it.
const MARKER: &str = "EVIDENCE-MARKER";
/// Framework text meant to break out of its place in a report carries this.
const INJECTED: &str = "INJECTED";
/// Time budget of a library case, in the child (debug build).
const BUDGET: Duration = Duration::from_secs(10);
/// Time budget of a generated (large) library case that is not pending (a pending one gets
/// [`BUDGET`]: while it hangs, it should not slow every test run down).
const LARGE_BUDGET: Duration = Duration::from_secs(120); // debug build, shared cores: generous; benches/scaling measures time
/// Time budget of a CLI case, after which the binary is killed.
const CLI_BUDGET: Duration = Duration::from_secs(20);
/// Address-space cap of a child, in KiB (`ulimit -v`), so a memory blow-up fails one case
/// instead of exhausting the machine.
const CHILD_MEMORY_KIB: u64 = 4 * 1024 * 1024;
/// Address-space cap of the binary in CLI cases, in KiB.
const CLI_MEMORY_KIB: u64 = 512 * 1024;
/// Peak memory may grow by this many times the input size (the model of a valid file of
/// many small items is about that; a failing one costs less) ...
const MEMORY_FACTOR: u64 = 10;
/// ... plus this much, in KiB.
const MEMORY_SLACK_KIB: u64 = 64 * 1024;
/// Cases allowed more than [`MEMORY_FACTOR`] times their input, each with why. The child
/// measures each entry point on its own (it keeps nothing of one when it runs the next), in a
/// debug build, whose allocator keeps more pages than the release binary's. Any other case
/// that grows past the factor fails.
const MEMORY_EXCEPTIONS: [(&str, u64, &str); 2] = [
    (
        "gen-too-many-documents",
        24,
        "100,001 documents of 110 bytes each: a framework model of about 1 KB for each, \
         held by the result (about 100 MB of the 177 MB heap peak); the release binary's \
         `check` peaks at 190 MB for the 11 MB",
    ),
    (
        "gen-huge-flow-line-one-type-error",
        12,
        "the shape walk's tree of a failing document (at most 250,000 nodes, some 45 MB \
         whatever the file) on a 1.4 MB file",
    ),
];

/// How many times its input a case may grow to (see [`MEMORY_EXCEPTIONS`]).
fn memory_factor(name: &str) -> u64 {
    MEMORY_EXCEPTIONS
        .iter()
        .find(|(case, _, _)| *case == name)
        .map_or(MEMORY_FACTOR, |(_, factor, _)| *factor)
}
/// The longest line human or GitHub output may have, in characters.
const MAX_LINE: usize = 1_000;
/// More findings than this are summarised in an outcome: the first ones in full, then a tally.
const SHOWN: usize = 12;
/// The most evidence records of one case assessed (a cohort file holds thousands).
const ASSESSED: usize = 20;
/// The child process reads its case from this variable.
const CHILD_ENV: &str = "COMPETENCE_ADVERSARIAL_CASE";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adversarial")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("adversarial")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

// ---------------------------------------------------------------------------------------------
// Generated inputs
// ---------------------------------------------------------------------------------------------

/// A case whose input is made by the harness.
struct Generated {
    name: &'static str,
    /// The file name (its extension decides how it is read).
    file: &'static str,
    make: fn() -> Vec<u8>,
}

fn framework_head(id: &str) -> String {
    format!("format: competence/1\nkind: framework\nid: {id}\nversion: 1.0.0\ntitle: Generated\n")
}

/// A one-line flow sequence of `count` values, `{id: vN, title: V}`, then `last` as its final
/// item: the shape of the generated huge `values:` lines.
fn flow_values(count: usize, last: &str) -> String {
    let mut text = String::from("values: [");
    for i in 0..count {
        let _ = write!(text, "{{id: v{i}, title: V}}, ");
    }
    let _ = writeln!(text, "{last}]");
    text
}

/// The generated cases.
fn generated() -> Vec<Generated> {
    vec![
        Generated {
            name: "gen-many-documents-one-error-each",
            file: "many.yaml",
            make: || {
                // 8,000 documents, each with one finding that needs locating (issue 9, 2).
                let mut text = String::new();
                for i in 0..8_000 {
                    let _ = write!(
                        text,
                        "---\n{}domains:\n  - id: d\n    title: D\n    competencies:\n      - id: c\n        title: C\n        requires: [missing-{i}]\n",
                        framework_head(&format!("f{i}"))
                    );
                }
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-valid-documents-then-one-bad",
            file: "valid-then-bad.yaml",
            make: || {
                // 20,000 valid documents and one bad one at the end (issue 9, 2).
                let mut text = String::new();
                for i in 0..20_000 {
                    let _ = write!(text, "---\n{}", framework_head(&format!("f{i}")));
                }
                text.push_str("---\nformat: competence/1\nkind: framework\nid: last\nversion: 1.0.0\ntitle: [not, text]\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-too-many-documents",
            file: "too-many.yaml",
            make: || {
                // 100,001 documents, about 10 MB: one over the default limit (issue 9, 2).
                let mut text = String::new();
                for i in 0..100_001 {
                    let _ = write!(
                        text,
                        "---\nformat: competence/1\nkind: framework\nid: framework-number-{i}\nversion: 1.0.0\ntitle: A generated framework\n"
                    );
                }
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-huge-flow-line-one-type-error",
            file: "huge-line.yaml",
            make: || {
                // A 2 MB single-line flow sequence with one type error at its end (issue 9, 4).
                let mut text = framework_head("huge-line");
                text.push_str(&flow_values(60_000, "{id: last, title: {not: text}}"));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-large-flow-line-one-type-error",
            file: "large-line.yaml",
            make: || {
                // An 8 MB single-line flow sequence with one map where text belongs at its end:
                // over 64 KiB, so the fast path reads it and reports the refusal itself. It
                // peaked at 36 times the file when `yaml_serde` read it again (issue 9, 4).
                let mut text = framework_head("large-line");
                text.push_str(&flow_values(240_000, "{id: last, title: {not: text}}"));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-large-flow-line-many-warnings",
            file: "many-warnings.yaml",
            make: || {
                // A valid 5 MB framework whose 160,000 values no competency lists: 160,000
                // warnings, of which 1,000 are kept (issue 9, 4: 87 times the file before).
                let mut text = framework_head("many-warnings");
                text.push_str(&flow_values(160_000, "{id: last, title: V}"));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-large-anchored-flow-line",
            file: "anchored.yaml",
            make: || {
                // A valid 8 MB framework with one anchor: outside the fast path, so full YAML,
                // which held it whole as events (436 MB for 12 MB). Over the 2 MiB bound on
                // full YAML, it is refused before the parser reads it (issue 9, 4).
                let mut text = framework_head("anchored").replace("title: ", "title: &t ");
                text.push_str(&flow_values(240_000, "{id: last, title: *t}"));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-stream-with-one-large-document",
            file: "stream.yaml",
            make: || {
                // Two small documents around a 3 MB one in the plain style: in a stream, every
                // document is read with full YAML, so the large one is refused and the first
                // is still checked (issue 9, 4).
                let mut text = framework_head("first");
                text.push_str("values: [{id: v, title: V}]\n---\n");
                text.push_str(&framework_head("large"));
                text.push_str(&flow_values(90_000, "{id: last, title: V}"));
                text.push_str("---\n");
                text.push_str(&framework_head("third"));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-many-duplicate-keys",
            file: "duplicates.yaml",
            make: || {
                // 500,000 repetitions of one key in a 3 MB mapping: 1,000 findings kept and
                // the rest counted, not a finding each (issue 9, 4; a review found 200 times
                // the input before the bound).
                let mut text = framework_head("duplicates");
                text.push_str("bogus: {");
                for _ in 0..500_000 {
                    text.push_str("a: 1, ");
                }
                text.push_str("b: 2}\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-id-10000-chars",
            file: "long-id.yaml",
            make: || {
                // A 10,000-character id: reported without echoing it whole (issue 9, 9).
                let mut text = framework_head(&"a".repeat(10_000));
                text.push_str(
                    "domains:\n  - id: d\n    title: D\n    competencies: [{ id: c, title: C }]\n",
                );
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-deep-block-sequences",
            file: "deep-block.yaml",
            make: || {
                // 10,000 nested block sequences on one line: `- - - - … x`.
                let mut text = framework_head("deep");
                text.push_str("values:\n  ");
                text.push_str(&"- ".repeat(10_000));
                text.push_str("x\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-deep-block-mappings",
            file: "deep-mappings.yaml",
            make: || {
                // 2,000 nested block mappings, each indented further (4 MB).
                let mut text = framework_head("deep");
                text.push_str("summary:\n");
                for depth in 1..=2_000 {
                    let _ = writeln!(text, "{}a:", "  ".repeat(depth));
                }
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-deep-flow-sequences",
            file: "deep-flow.yaml",
            make: || {
                // 100,000 nested flow sequences, closed.
                let mut text = framework_head("deep");
                text.push_str("values: ");
                text.push_str(&"[".repeat(100_000));
                text.push_str(&"]".repeat(100_000));
                text.push('\n');
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-deep-flow-unclosed",
            file: "deep-flow-unclosed.yaml",
            make: || {
                // One million `[{a: ` openers, never closed.
                let mut text = framework_head("deep");
                text.push_str("values: ");
                text.push_str(&"[{a: ".repeat(200_000));
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-huge-scalar",
            file: "huge-scalar.yaml",
            make: || {
                // A 4 MB plain scalar as a summary: valid, and must stay cheap.
                let mut text = framework_head("huge-scalar");
                text.push_str("summary: ");
                text.push_str(&"word ".repeat(800_000));
                text.push_str("\ndomains:\n  - id: d\n    title: D\n    competencies: [{ id: c, title: C }]\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-huge-comment-then-syntax-error",
            file: "huge-comment.yaml",
            make: || {
                // A 4 MB comment line, then a syntax error.
                let mut text = framework_head("huge-comment");
                text.push('#');
                text.push_str(&"x".repeat(4_000_000));
                text.push_str("\ntitle: [unclosed\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-wide-alias-fan-out",
            file: "fan-out.yaml",
            make: || {
                // One anchored sequence of 10,000 items aliased 5,000 times: 50 million nodes.
                let mut text = framework_head("fan-out");
                text.push_str("summary: &a [");
                text.push_str(&"x, ".repeat(10_000));
                text.push_str("x]\nvalues: [");
                text.push_str(&"*a, ".repeat(5_000));
                text.push_str("*a]\n");
                text.into_bytes()
            },
        },
        Generated {
            name: "gen-json-lines-cohort-with-bad-lines",
            file: "cohort.jsonl",
            make: || {
                // 20,000 records, every 100th line broken in a different way.
                let mut text = String::new();
                for i in 0..20_000 {
                    let line = match (i % 100, i / 100 % 4) {
                        (99, 0) => "not json at all".to_owned(),
                        (99, 1) => "{\"format\":\"competence/1\",\"kind\":\"evidence\"".to_owned(),
                        (99, 2) => format!(
                            "{{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-{i}\",\"framework\":12}}"
                        ),
                        (99, _) => format!(
                            "{{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-{i}\",\"framework\":\"mh-peer-support-worker\",\"evidence\":[{{\"id\":\"e\",\"kind\":\"observation\",\"date\":\"2026-02-30\",\"summary\":\"{MARKER}\",\"claims\":[\"active-listening\"]}}]}}"
                        ),
                        _ => format!(
                            "{{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-{i}\",\"framework\":\"mh-peer-support-worker\",\"evidence\":[{{\"id\":\"e\",\"kind\":\"observation\",\"date\":\"2026-01-10\",\"summary\":\"{MARKER}\",\"claims\":[\"active-listening\"]}}]}}"
                        ),
                    };
                    text.push_str(&line);
                    text.push('\n');
                }
                text.into_bytes()
            },
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// Cases and expectations
// ---------------------------------------------------------------------------------------------

enum Input {
    /// A committed file or directory, relative to the package root.
    Path(PathBuf),
    /// A generated file.
    Generated(Generated),
}

struct Case {
    name: String,
    input: Input,
    expected: PathBuf,
}

const INPUT_EXTENSIONS: &[&str] = &["yaml", "yml", "json", "jsonl"];

/// Every library case: committed files and directories, then the generated ones.
fn library_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for path in sorted_entries(&corpus()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let relative = Path::new("tests/adversarial").join(&name);
        if path.is_dir() {
            cases.push(Case {
                expected: path.join("expected.txt"),
                name,
                input: Input::Path(relative),
            });
        } else if let Some((stem, _)) = name
            .rsplit_once('.')
            .filter(|(_, ext)| INPUT_EXTENSIONS.contains(ext))
        {
            cases.push(Case {
                name: name.clone(),
                expected: corpus().join(format!("{stem}.expected")),
                input: Input::Path(relative),
            });
        }
    }
    for g in generated() {
        cases.push(Case {
            name: g.name.to_owned(),
            expected: corpus().join(format!("{}.expected", g.name)),
            input: Input::Generated(g),
        });
    }
    cases
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries
}

/// `tests/adversarial/PENDING`: case name -> reason.
fn pending() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("PENDING")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(':') {
            Some((name, reason)) => (name.trim().to_owned(), reason.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

/// A finding as a spec names it: severity, code and location.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    severity: String,
    code: String,
    at: Option<(usize, usize)>,
}

/// The findings of a human rendering, in order.
fn findings(outcome: &str) -> Vec<Finding> {
    let lines: Vec<&str> = outcome.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((severity, rest)) = line.split_once('[') else {
            continue;
        };
        if !matches!(severity, "error" | "warning") {
            continue;
        }
        let Some((code, _)) = rest.split_once("]: ") else {
            continue;
        };
        let at = lines
            .get(i + 1)
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|l| {
                let mut parts = l.rsplitn(3, ':');
                let column = parts.next()?.parse().ok()?;
                let line = parts.next()?.parse().ok()?;
                Some((line, column))
            });
        found.push(Finding {
            severity: severity.to_owned(),
            code: code.to_owned(),
            at,
        });
    }
    found
}

/// Severity, code and location (`None` matches anything: `*`; a location `Some(None)`: none).
type SpecFinding = (
    Option<String>,
    Option<String>,
    Option<Option<(usize, usize)>>,
);

/// An expectation written by hand for a case not fixed yet.
#[derive(Debug, Default)]
struct Spec {
    exit: Option<i32>,
    /// The findings, in order.
    findings: Vec<SpecFinding>,
    /// Other findings may come before, between and after those listed (`...`).
    open: bool,
    contains: Vec<String>,
    lacks: Vec<String>,
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(hex) = rest.strip_prefix("u{").and_then(|r| r.split_once('}')) {
            if let Some(c) = u32::from_str_radix(hex.0, 16).ok().and_then(char::from_u32) {
                out.push(c);
            }
            rest = hex.1;
        } else if let Some(r) = rest.strip_prefix('n') {
            out.push('\n');
            rest = r;
        } else if let Some(r) = rest.strip_prefix('t') {
            out.push('\t');
            rest = r;
        } else if let Some(r) = rest.strip_prefix('\\') {
            out.push('\\');
            rest = r;
        } else {
            out.push('\\');
        }
    }
    out.push_str(rest);
    out
}

/// Parses a spec: `# spec …` first, then lines `exit: N`, `error[code] L:C` (`*` for any
/// severity, code or location), `...`, `contains: TEXT`, `lacks: TEXT` (`\u{…}`, `\n`, `\t`
/// escapes). Other `#` lines are comments.
fn parse_spec(text: &str) -> Option<Spec> {
    if !text.starts_with("# spec") {
        return None;
    }
    let mut spec = Spec::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(n) = line.strip_prefix("exit:") {
            spec.exit = n.trim().parse().ok();
        } else if let Some(t) = line.strip_prefix("contains:") {
            spec.contains.push(unescape(t.trim()));
        } else if let Some(t) = line.strip_prefix("lacks:") {
            spec.lacks.push(unescape(t.trim()));
        } else if line == "..." {
            spec.open = true;
        } else if let Some(((severity, code), at)) = line
            .split_once(' ')
            .and_then(|(head, at)| Some((head.split_once('[')?, at)))
        {
            let any = |s: &str| (s != "*").then(|| s.to_owned());
            let code = code.trim_end_matches(']');
            let at = match at.trim() {
                "*" => None,
                "-" => Some(None),
                at => at
                    .split_once(':')
                    .and_then(|(l, c)| Some(Some((l.parse().ok()?, c.parse().ok()?)))),
            };
            spec.findings.push((any(severity), any(code), at));
        }
    }
    Some(spec)
}

/// Why `outcome` does not meet `spec`, if it does not.
fn spec_mismatch(spec: &Spec, outcome: &str) -> Option<String> {
    let exit = outcome
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("exit: "))
        .and_then(|n| n.parse::<i32>().ok());
    if spec.exit.is_some() && spec.exit != exit {
        return Some(format!("exit {exit:?}, the spec wants {:?}", spec.exit));
    }
    let found = findings(outcome);
    let matches = |(s, c, at): &SpecFinding, f: &Finding| {
        s.as_ref().is_none_or(|s| *s == f.severity)
            && c.as_ref().is_none_or(|c| *c == f.code)
            && at.is_none_or(|at| at == f.at)
    };
    let ok = if spec.open {
        // Each listed finding, in order, among others.
        let mut rest = found.iter();
        spec.findings
            .iter()
            .all(|wanted| rest.any(|f| matches(wanted, f)))
    } else {
        found.len() == spec.findings.len()
            && spec.findings.iter().zip(&found).all(|(w, f)| matches(w, f))
    };
    if !ok {
        return Some(format!("findings {found:?} do not match the spec"));
    }
    if let Some(t) = spec.contains.iter().find(|t| !outcome.contains(t.as_str())) {
        return Some(format!("the output lacks {t:?}"));
    }
    if let Some(t) = spec.lacks.iter().find(|t| outcome.contains(t.as_str())) {
        return Some(format!("the output contains {t:?}"));
    }
    None
}

/// What a run of a case gave: its outcome text and its problems (a panic, a hang, a broken
/// invariant), which no expected file may hold.
struct Run {
    outcome: String,
    problems: Vec<String>,
}

/// Compares `run` with the case's expectation; returns a failure, or notes to print.
fn judge(name: &str, expected: &Path, run: &Run, pending: &BTreeMap<String, String>) -> Judged {
    let expected_text = std::fs::read_to_string(expected).ok();
    let spec = expected_text.as_deref().and_then(parse_spec);
    if let Some(reason) = pending.get(name) {
        let Some(spec) = spec else {
            return Judged::Fail(format!(
                "{name}: pending, but {} is not a spec (`# spec` first line); it gives now:\n{}{}",
                expected.display(),
                run.outcome,
                run.problems
                    .iter()
                    .map(|p| format!("!! {p}\n"))
                    .collect::<String>()
            ));
        };
        if !run.problems.is_empty() {
            return Judged::Note(format!(
                "{name}: pending ({reason}): {}",
                run.problems.join("; ")
            ));
        }
        return match spec_mismatch(&spec, &run.outcome) {
            Some(why) => Judged::Note(format!(
                "{name}: pending ({reason}): no panic or hang now, but {why}"
            )),
            None => Judged::Fail(format!(
                "{name}: passes now; remove it from tests/adversarial/PENDING and run \
                 `BLESS=1 cargo test --test adversarial` to record its full outcome:\n{}",
                run.outcome
            )),
        };
    }
    if !run.problems.is_empty() {
        return Judged::Fail(format!(
            "{name}: {}\n(fix it, or list it in tests/adversarial/PENDING with the reason)\n{}",
            run.problems.join("\n  "),
            run.outcome
        ));
    }
    if bless() {
        std::fs::write(expected, &run.outcome)
            .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        return Judged::Pass;
    }
    match (&spec, expected_text) {
        (Some(spec), _) => match spec_mismatch(spec, &run.outcome) {
            Some(why) => Judged::Fail(format!("{name}: {why}:\n{}", run.outcome)),
            None => Judged::Pass,
        },
        (None, Some(text)) if text == run.outcome => Judged::Pass,
        (None, text) => Judged::Fail(format!(
            "{name}: the outcome differs from {} (BLESS=1 to accept it)\n--- expected\n{}\n--- actual\n{}",
            expected.display(),
            text.unwrap_or_else(|| "(missing)".to_owned()),
            run.outcome
        )),
    }
}

enum Judged {
    Pass,
    Note(String),
    Fail(String),
}

/// Runs `jobs` on two threads (the cases are processes; two at a time keeps a small machine
/// usable) and returns their results in order.
fn in_parallel<T: Send, R: Send>(jobs: Vec<T>, run: impl Fn(T) -> R + Sync) -> Vec<R> {
    let queue = Mutex::new(jobs.into_iter().enumerate().collect::<Vec<_>>());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let job = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some((i, job)) = job else { break };
                    let result = run(job);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn report(judged: Vec<Judged>, what: &str) {
    let mut failures = Vec::new();
    for j in judged {
        match j {
            Judged::Pass => {}
            // Straight to stderr, past the test harness's capture: shown on every run.
            Judged::Note(note) => {
                let _ = writeln!(std::io::stderr(), "note: {note}");
            }
            Judged::Fail(f) => failures.push(f),
        }
    }
    assert!(
        failures.is_empty(),
        "{} {what} failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Library cases: the parent side
// ---------------------------------------------------------------------------------------------

/// Waits for `child` at most `budget` of wall time; kills it after. Returns (status, stdout,
/// stderr), the status `None` when it was killed.
fn wait(child: Child, budget: Duration) -> (Option<std::process::ExitStatus>, String, String) {
    wait_for(child, budget, Clock::Wall)
}

/// How a budget is counted.
#[derive(Clone, Copy, PartialEq)]
enum Clock {
    /// Elapsed time: for cases that are expected to block (FIFOs).
    Wall,
    /// The child's own CPU time (Linux `/proc`), with elapsed time capped at
    /// [`WALL_FACTOR`] times the budget for a child that blocks: on a loaded machine a child
    /// waiting for a core is not a hang.
    Cpu,
}

/// A CPU-time budget still ends a blocked child after this many budgets of elapsed time.
const WALL_FACTOR: u32 = 6;

/// The CPU time (user + system) `pid` has used so far, if `/proc` says.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at its closing `)`:
    // state is field 3, utime 14, stime 15.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux the project runs on (`getconf CLK_TCK`).
    Some(Duration::from_millis(ticks * 10))
}

fn wait_for(
    mut child: Child,
    budget: Duration,
    clock: Clock,
) -> (Option<std::process::ExitStatus>, String, String) {
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if within(clock, budget, start, child.id()) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let text = |h: std::thread::JoinHandle<Vec<u8>>| {
        String::from_utf8_lossy(&h.join().unwrap_or_default()).into_owned()
    };
    (status, text(out), text(err))
}

/// Whether a child started at `start` is still within its budget.
fn within(clock: Clock, budget: Duration, start: Instant, pid: u32) -> bool {
    match clock {
        Clock::Wall => start.elapsed() < budget,
        Clock::Cpu => {
            start.elapsed() < budget * WALL_FACTOR && cpu_time(pid).is_none_or(|used| used < budget)
        }
    }
}

fn drain<R: std::io::Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut text);
        }
        text
    })
}

/// `sh -c 'ulimit -v KIB; exec PROGRAM ARGS…'`: the program under an address-space cap.
#[cfg(unix)]
fn capped(program: &Path, memory_kib: u64) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -v {memory_kib} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(program);
    command
}

/// Elsewhere the program runs without a cap (the time budget still holds).
#[cfg(not(unix))]
fn capped(program: &Path, _memory_kib: u64) -> Command {
    Command::new(program)
}

/// Runs one library case in a child process and reads its outcome.
fn run_library_case(case: &Case, pending: bool) -> Run {
    let (path, size, budget, shown_as) = match &case.input {
        Input::Path(path) => {
            let size = files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            (path.clone(), size, BUDGET, None)
        }
        Input::Generated(g) => {
            let dir = scratch(g.name);
            let file = dir.join(g.file);
            let bytes = (g.make)();
            std::fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let budget = if pending { BUDGET } else { LARGE_BUDGET };
            (file, bytes.len() as u64, budget, Some(dir))
        }
    };
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let child = capped(&exe, CHILD_MEMORY_KIB)
        .args([
            "child_process_entry_point",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    let (status, stdout, stderr) = wait_for(child, budget, Clock::Cpu);
    let normalise = |text: &str| match &shown_as {
        Some(dir) => text.replace(&format!("{}/", dir.display()), "<generated>/"),
        None => text.to_owned(),
    };
    let mut problems = Vec::new();
    let body = stdout
        .split_once(OUTCOME_START)
        .and_then(|(_, rest)| rest.split_once(OUTCOME_END));
    let Some((body, trailer)) = body else {
        let why = match status {
            None => format!(
                "no outcome: killed after {} s of CPU time (a hang)",
                budget.as_secs()
            ),
            Some(s) => format!("no outcome: the child ended with {s} (a crash or memory cap)"),
        };
        let tail: String = stderr
            .lines()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .join("\n  | ");
        problems.push(format!("{why}\n  | {tail}"));
        return Run {
            outcome: String::new(),
            problems,
        };
    };
    let outcome = normalise(body);
    let mut lines = Vec::new();
    for line in outcome.lines() {
        match line.strip_prefix("!! ") {
            Some(problem) => problems.push(problem.to_owned()),
            None => lines.push(line),
        }
    }
    // Memory: the child reports its resident size after warming up and its peak, on the rest
    // of the outcome's line (the test harness's own summary follows on later lines).
    let numbers: Vec<u64> = trailer
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let [base, peak] = numbers[..] else {
        problems.push(format!("no memory figures after the outcome: {trailer:?}"));
        return Run {
            outcome: normalise(body),
            problems,
        };
    };
    {
        let allowed = base + memory_factor(&case.name) * size / 1024 + MEMORY_SLACK_KIB;
        if peak > allowed {
            problems.push(format!(
                "peak memory {} MiB for {} KiB of input (allowed {} MiB)",
                peak / 1024,
                size / 1024,
                allowed / 1024
            ));
        }
    }
    if status.is_none() {
        problems.push(format!("killed after {} s of CPU time", budget.as_secs()));
    }
    let mut outcome = lines.join("\n");
    outcome.push('\n');
    Run { outcome, problems }
}

fn files_under(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_owned()];
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in sorted_entries(&dir) {
            if entry.is_dir() {
                pending.push(entry);
            } else if entry
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| INPUT_EXTENSIONS.contains(&e))
            {
                files.push(entry);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn adversarial_inputs_match_expected_outcomes() {
    let cases = library_cases();
    let pending = pending();
    let judged = in_parallel(cases, |case| {
        let run = run_library_case(&case, pending.contains_key(&case.name));
        judge(&case.name, &case.expected, &run, &pending)
    });
    report(judged, "adversarial cases");
}

// ---------------------------------------------------------------------------------------------
// Library cases: the child side
// ---------------------------------------------------------------------------------------------

const OUTCOME_START: &str = "<<<adversarial-outcome\n";
const OUTCOME_END: &str = "adversarial-outcome>>>";

static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `f`, turning a panic into a problem line naming where it happened.
fn guarded<T>(what: &str, problems: &mut Vec<String>, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(_) => {
            let message = PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_default();
            problems.push(format!("panic in {what}: {message}"));
            None
        }
    }
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Problems in rendered diagnostics: evidence text, terminal control characters, long lines.
fn diagnostic_problems(what: &str, text: &str, terminal: bool, problems: &mut Vec<String>) {
    if text.contains(MARKER) {
        problems.push(format!("{what}: evidence text ({MARKER}) in a diagnostic"));
    }
    if !terminal {
        return;
    }
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    if let Some(c) = text
        .chars()
        .find(|&c| bidi(c) || (c.is_control() && c != '\n' && c != '\t'))
    {
        problems.push(format!(
            "{what}: a raw control character {c:?} in the output"
        ));
    }
    if let Some(len) = text
        .lines()
        .map(|l| l.chars().count())
        .max()
        .filter(|&n| n > MAX_LINE)
    {
        problems.push(format!("{what}: a line of {len} characters in the output"));
    }
}

/// Renders `diagnostics` every way and checks each rendering.
fn check_renderings(
    what: &str,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    problems: &mut Vec<String>,
) {
    let renderings = [
        ("human", render::human(diagnostics, sources), true),
        ("github", render::github(diagnostics), true),
        ("json", render::json(diagnostics), false),
        ("sarif", render::sarif(diagnostics), false),
    ];
    for (format, text, terminal) in renderings {
        diagnostic_problems(&format!("{what} ({format})"), &text, terminal, problems);
    }
}

/// Problems in a Markdown report: headings or raw HTML made of input text, broken tables.
fn markdown_problems(what: &str, text: &str, problems: &mut Vec<String>) {
    for line in text.lines() {
        // A heading of the report's own may hold input text (a domain's title); what must not
        // happen is input text starting a heading line of its own. A `#` inside a heading's
        // text is literal in CommonMark.
        let heading = line.trim_start();
        let text_of_heading = heading.trim_start_matches('#').trim_start();
        if heading.starts_with('#') && text_of_heading.starts_with(INJECTED) {
            problems.push(format!("{what}: a heading made of input text: {line:?}"));
            break;
        }
    }
    if text.to_ascii_lowercase().contains("<script") {
        problems.push(format!("{what}: raw <script> in Markdown"));
    }
    // Unescaped `|` (not after an odd number of backslashes).
    let cells = |line: &str| {
        let mut count = 0;
        let mut backslashes = 0;
        for c in line.chars() {
            if c == '|' && backslashes % 2 == 0 {
                count += 1;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        count
    };
    let mut header: Option<usize> = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = cells(line);
        match header {
            None => header = Some(n),
            Some(h) if h != n => {
                problems.push(format!(
                    "{what}: a table row with {n} separators where its header has {h}: {line:?}"
                ));
                return;
            }
            Some(_) => {}
        }
    }
}

/// Assesses `record` against `framework` with no role and for each role, and renders every
/// report. Kept small: the assessor's signature is the part of the API most likely to change.
fn assess_reports(
    framework: &ResolvedFramework,
    record: &EvidenceRecord,
    as_of: Date,
) -> Vec<(String, String, String)> {
    let roles = std::iter::once(None).chain(framework.roles.iter().map(|r| Some(r.id.as_str())));
    let mut reports = Vec::new();
    let mut cohort = Cohort::new();
    for role in roles {
        let mut assessor = Assessor::new(framework.clone()).as_of(as_of);
        if let Some(role) = role {
            assessor = assessor.role(role);
        }
        let Ok(assessment) = assessor.assess(record) else {
            continue;
        };
        let label = format!("{} as {}", record.learner, role.unwrap_or("no role"));
        reports.push((label.clone(), "json".to_owned(), json::render(&assessment)));
        reports.push((
            label.clone(),
            "markdown".to_owned(),
            markdown::render(&assessment),
        ));
        reports.push((label, "html".to_owned(), html::render(&assessment)));
        cohort.add(&assessment);
    }
    if !cohort.is_empty() {
        reports.push((
            "cohort".to_owned(),
            "html".to_owned(),
            html::render_cohort(&cohort),
        ));
    }
    reports
}

/// The outcome's text: the exit status `check` would give, then its human output, with long
/// lists summarised.
fn summarise(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    if diagnostics.len() <= SHOWN {
        return render::human(diagnostics, sources);
    }
    let mut text = render::human(&diagnostics[..SHOWN], sources);
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for d in &diagnostics[SHOWN..] {
        *tally
            .entry(format!("{}[{}]", d.severity.as_str(), d.code))
            .or_default() += 1;
    }
    let _ = writeln!(text, "… and {} more:", diagnostics.len() - SHOWN);
    for (what, n) in tally {
        let _ = writeln!(text, "  {n} × {what}");
    }
    text
}

fn child(path: &Path) -> String {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut p) = PANIC.lock() {
            *p = Some(format!("{message}{location}"));
        }
    }));
    let limits = Limits::default();
    let as_of: Date = "2026-11-27".parse().unwrap_or_else(|e| panic!("{e:?}"));
    let _warm = Catalog::builtin();
    let base = status_kib("VmRSS:");
    let mut problems = Vec::new();
    let mut out = String::new();

    // 1. `competence check PATH`, in the library.
    let paths = [path.to_owned()];
    let report = guarded("check_paths", &mut problems, || {
        check_paths(&paths, &[], &limits)
    });
    let mut records: Vec<EvidenceRecord> = Vec::new();
    match report {
        Some(Ok(report)) => {
            let exit = i32::from(report.diagnostics.iter().any(Diagnostic::is_error));
            let _ = write!(
                out,
                "exit: {exit}\n{}",
                summarise(&report.diagnostics, &report.sources)
            );
            check_renderings("check", &report.diagnostics, &report.sources, &mut problems);
            // Only the records assessed below are kept: each entry point's memory is measured
            // on its own, not on top of the models `check` loaded.
            records = report
                .files
                .iter()
                .flat_map(|loaded| &loaded.documents)
                .filter_map(|(_, document)| match document {
                    Document::Evidence(record) => Some((**record).clone()),
                    _ => None,
                })
                .take(ASSESSED)
                .collect();
        }
        Some(Err(e)) => {
            let _ = writeln!(out, "exit: 2\nerror: {e}");
            diagnostic_problems("check error", &e.to_string(), true, &mut problems);
        }
        None => {}
    }

    // 2. The other entry points that take bytes or text, file by file.
    for file in files_under(path) {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let name = file.display().to_string();
        if let Some(loaded) = guarded(&format!("load_bytes({name})"), &mut problems, || {
            load_bytes(Some(&file), &bytes, &limits)
        }) {
            check_renderings(
                "load_bytes",
                &loaded.diagnostics,
                &Sources::new(),
                &mut problems,
            );
        }
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Some(loaded) = guarded(&format!("load_str({name})"), &mut problems, || {
            load_str(Some(&file), text, &limits)
        }) {
            check_renderings(
                "load_str",
                &loaded.diagnostics,
                &Sources::new(),
                &mut problems,
            );
        }
        if let Some(found) = guarded(&format!("Catalog::add_text({name})"), &mut problems, || {
            Catalog::builtin().add_text(Some(&file), text, &limits)
        }) {
            check_renderings(
                "add_text",
                &found.diagnostics,
                &Sources::new(),
                &mut problems,
            );
        }
    }

    // 3. Evidence records (the first few) assessed against their frameworks, every report
    // rendered.
    let catalog = guarded("Catalog::builtin_and", &mut problems, || {
        Catalog::builtin_and(&paths, &limits)
    });
    let mut resolved: BTreeMap<String, Option<ResolvedFramework>> = BTreeMap::new();
    if let Some(Ok((catalog, _))) = catalog {
        for record in &records {
            let reports = guarded(
                &format!("assess({})", record.learner),
                &mut problems,
                || {
                    let framework =
                        resolved
                            .entry(record.framework.to_string())
                            .or_insert_with(|| {
                                tailor::resolve(&catalog, &record.framework)
                                    .ok()
                                    .and_then(|r| r.framework)
                            });
                    framework
                        .as_ref()
                        .map(|f| assess_reports(f, record, as_of))
                        .unwrap_or_default()
                },
            );
            for (label, format, text) in reports.unwrap_or_default() {
                let what = format!("{format} report for {label}");
                match format.as_str() {
                    "markdown" => markdown_problems(&what, &text, &mut problems),
                    "html" if text.to_ascii_lowercase().contains("<script") => {
                        problems.push(format!("{what}: raw <script> in HTML"));
                    }
                    _ => {}
                }
            }
        }
    }

    problems.dedup();
    for problem in problems {
        let _ = writeln!(out, "!! {problem}");
    }
    let peak = status_kib("VmHWM:");
    format!("{OUTCOME_START}{out}{OUTCOME_END} {base} {peak}\n")
}

/// The child side of [`adversarial_inputs_match_expected_outcomes`]: runs the case named by
/// the environment and prints its outcome. Does nothing in a normal test run.
#[test]
fn child_process_entry_point() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        print!("{}", child(Path::new(&path)));
    }
}

// ---------------------------------------------------------------------------------------------
// CLI cases: non-regular files, given to the real binary
// ---------------------------------------------------------------------------------------------

/// A case run through the binary: `setup` makes its files in a fresh directory and returns
/// the arguments (and optionally a process feeding a FIFO, killed afterwards).
#[cfg(unix)]
struct CliCase {
    name: &'static str,
    setup: fn(&Path) -> (Vec<String>, Option<Child>),
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap_or_else(|e| panic!("cannot run mkfifo: {e}"));
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn good_framework(dir: &Path) {
    let text = "format: competence/1\nkind: framework\nid: good\nversion: 1.0.0\ntitle: Good\n";
    std::fs::write(dir.join("good.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("{e}"));
}

#[cfg(unix)]
fn cli_cases() -> Vec<CliCase> {
    vec![
        CliCase {
            name: "cli-fifo-in-checked-directory",
            setup: |dir| {
                good_framework(dir);
                mkfifo(&dir.join("pipe.yaml"));
                (vec!["check".into(), ".".into()], None)
            },
        },
        CliCase {
            name: "cli-fifo-in-catalog-directory",
            setup: |dir| {
                std::fs::create_dir(dir.join("catalog")).unwrap_or_else(|e| panic!("{e}"));
                good_framework(&dir.join("catalog"));
                mkfifo(&dir.join("catalog/pipe.yaml"));
                (
                    vec!["list".into(), "--catalog".into(), "catalog".into()],
                    None,
                )
            },
        },
        CliCase {
            name: "cli-fifo-given-explicitly-endless-writer",
            setup: |dir| {
                mkfifo(&dir.join("pipe.yaml"));
                let writer = Command::new("sh")
                    .arg("-c")
                    .arg("yes 'a: b' > pipe.yaml")
                    .current_dir(dir)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap_or_else(|e| panic!("{e}"));
                (vec!["check".into(), "pipe.yaml".into()], Some(writer))
            },
        },
        CliCase {
            name: "cli-dev-zero-symlink-in-checked-directory",
            setup: |dir| {
                good_framework(dir);
                symlink("/dev/zero", &dir.join("zero.yaml"));
                (vec!["check".into(), ".".into()], None)
            },
        },
        CliCase {
            name: "cli-dev-zero-symlink-given-explicitly",
            setup: |dir| {
                symlink("/dev/zero", &dir.join("zero.yaml"));
                (vec!["check".into(), "zero.yaml".into()], None)
            },
        },
        CliCase {
            name: "cli-dev-urandom-symlink-in-catalog",
            setup: |dir| {
                std::fs::create_dir(dir.join("catalog")).unwrap_or_else(|e| panic!("{e}"));
                symlink("/dev/urandom", &dir.join("catalog/random.yaml"));
                (
                    vec!["list".into(), "--catalog".into(), "catalog".into()],
                    None,
                )
            },
        },
    ]
}

#[cfg(unix)]
fn run_cli_case(case: &CliCase) -> Run {
    let dir = scratch(case.name);
    let (args, mut feeder) = (case.setup)(&dir);
    let binary = Path::new(env!("CARGO_BIN_EXE_competence"));
    let child = capped(binary, CLI_MEMORY_KIB)
        .args(&args)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
    let (status, stdout, stderr) = wait(child, CLI_BUDGET);
    if let Some(feeder) = &mut feeder {
        let _ = feeder.kill();
        let _ = feeder.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
    let shown = |t: &str| t.replace(&dir.display().to_string(), "<tmp>");
    let mut problems = Vec::new();
    let code = match status {
        None => {
            problems.push(format!("killed after {} s (a hang)", CLI_BUDGET.as_secs()));
            None
        }
        Some(s) if s.code().is_none() => {
            problems.push(format!(
                "ended by a signal ({s}): a crash or the memory cap"
            ));
            None
        }
        Some(s) if s.code() == Some(101) => {
            problems.push("exit 101: a panic".to_owned());
            s.code()
        }
        Some(s) => s.code(),
    };
    if stderr.contains("out of memory") || stderr.contains("memory allocation") {
        problems.push(format!(
            "read until the memory cap ({} MiB) stopped it: the read is not bounded",
            CLI_MEMORY_KIB / 1024
        ));
    }
    for (what, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        diagnostic_problems(what, text, true, &mut problems);
    }
    let outcome = format!(
        "exit: {}\n--- competence {}\n--- stdout\n{}--- stderr\n{}",
        code.map_or_else(|| "none".to_owned(), |c| c.to_string()),
        args.join(" "),
        shown(&stdout),
        shown(&stderr)
    );
    Run { outcome, problems }
}

#[cfg(unix)]
#[test]
fn non_regular_files_through_the_binary() {
    let pending = pending();
    let cases = cli_cases();
    // These mostly wait (on a FIFO, or for the kill): all at once.
    let judged: Vec<Judged> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .iter()
            .map(|case| {
                let pending = &pending;
                scope.spawn(move || {
                    let run = run_cli_case(case);
                    let expected = corpus().join(format!("{}.expected", case.name));
                    judge(case.name, &expected, &run, pending)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    report(judged, "CLI cases");
}

// ---------------------------------------------------------------------------------------------
// The corpus itself
// ---------------------------------------------------------------------------------------------

/// Every expected file belongs to a case, every PENDING line names one, and the corpus is as
/// large as promised.
#[test]
fn corpus_is_consistent() {
    let mut names: Vec<String> = library_cases().into_iter().map(|c| c.name).collect();
    #[cfg(unix)]
    names.extend(cli_cases().iter().map(|c| c.name.to_owned()));
    assert!(names.len() >= 40, "only {} adversarial cases", names.len());
    let mut problems = Vec::new();
    for (name, reason) in pending() {
        if !names.contains(&name) {
            problems.push(format!("PENDING names `{name}`, which is not a case"));
        }
        if reason.is_empty() {
            problems.push(format!("PENDING gives no reason for `{name}`"));
        }
    }
    for path in sorted_entries(&corpus()) {
        let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_dir() && !path.join("expected.txt").is_file() {
            problems.push(format!("{file}/ has no expected.txt"));
        }
        let Some(stem) = file.strip_suffix(".expected") else {
            continue;
        };
        let owner = names
            .iter()
            .any(|n| n == stem || n.rsplit_once('.').is_some_and(|(s, _)| s == stem));
        if !owner {
            problems.push(format!("{file} belongs to no case"));
        }
    }
    for name in &names {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let dir = corpus().join(name);
        let expected = if dir.is_dir() {
            dir.join("expected.txt")
        } else {
            corpus().join(format!("{stem}.expected"))
        };
        if !expected.is_file() && !bless() {
            problems.push(format!(
                "{name} has no expected outcome ({})",
                expected.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every memory exception names a generated case, so none outlives its case.
#[test]
fn memory_exceptions_name_generated_cases() {
    let names: Vec<&str> = generated().iter().map(|g| g.name).collect();
    for (case, factor, _) in MEMORY_EXCEPTIONS {
        assert!(names.contains(&case), "{case} is not a generated case");
        assert!(factor > MEMORY_FACTOR, "{case} needs no exception");
    }
}
