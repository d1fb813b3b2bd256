//! The CSV exports of `competence assess`, run through the real binary and read back by two
//! other CSV readers: python3's `csv` module, which compares every row with the JSON report
//! of the same run, and the `csv` crate's reader.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn competence(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("competence-csv-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Example learners (`examples/evidence/NAME.yaml`), as arguments.
fn examples(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| {
            root()
                .join("examples/evidence")
                .join(format!("{name}.yaml"))
                .display()
                .to_string()
        })
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let output = competence(dir, args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    output
}

/// A table read with the `csv` crate's reader: the header, then the rows.
fn read(text: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text);
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{e}"))
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn one_table_for_every_learner_on_stdout() {
    let dir = scratch("stdout");
    let mut args = vec!["assess".to_owned()];
    args.extend(examples(&["learner-gaps", "learner-ready"]));
    args.extend(
        [
            "--as-of",
            "2026-11-27",
            "--role",
            "peer-support-worker",
            "--format",
            "csv",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&dir, &args);
    let (header, rows) = read(&output.stdout);
    assert_eq!(
        header[..5],
        ["learner", "framework", "role", "domain", "competency"]
    );
    assert_eq!(header.len(), 10);
    assert_eq!(rows.len(), 80, "40 competencies for each of two learners");
    let learners: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(learners[0], "L-0107");
    assert_eq!(learners[79], "L-0042");
    // The blocked area, with its next steps; a met area, without.
    let blocked = rows
        .iter()
        .find(|r| r[0] == "L-0107" && r[4] == "sharing-lived-experience")
        .unwrap_or_else(|| panic!("no row"));
    assert_eq!(blocked[8], "blocked");
    assert!(blocked[9].contains("This area builds on"), "{}", blocked[9]);
    // L-0042 is ready: nothing left to do anywhere.
    assert!(
        rows.iter()
            .filter(|r| r[0] == "L-0042")
            .all(|r| r[9].is_empty())
    );
    // One report on stdout is the same table.
    let one = run(
        &dir,
        &[
            args[0],
            args[1],
            "--as-of",
            "2026-11-27",
            "--role",
            "peer-support-worker",
            "--format",
            "csv",
        ],
    );
    let (_, alone) = read(&one.stdout);
    assert_eq!(alone[..], rows[..40]);
}

#[test]
fn no_csv_output_replaces_an_input_or_another_output() {
    let dir = scratch("refuse");
    let evidence = root().join("examples/evidence/learner-ready.yaml");
    let original = std::fs::read(&evidence).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("learner.yaml"), &original).unwrap_or_else(|e| panic!("{e}"));
    // An evidence file whose name the cohort matrix would take.
    std::fs::write(dir.join("page.csv"), &original).unwrap_or_else(|e| panic!("{e}"));
    let base = ["assess", "learner.yaml", "--as-of", "2026-11-27"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--format", "csv", "-o", "learner.yaml"],
            "refusing to write learner.yaml",
        ),
        (
            &["--ledger-csv", "learner.yaml"],
            "refusing to write learner.yaml",
        ),
        (
            &["--ledger-csv", "./learner.yaml"],
            "refusing to write ./learner.yaml",
        ),
        (
            &["--format", "csv", "-o", "t.csv", "--ledger-csv", "./t.csv"],
            "--ledger-csv and -o name the same file",
        ),
        (
            &["page.csv", "--cohort", "page.html"],
            "refusing to write page.csv",
        ),
        (
            &["--cohort", "c.html", "--ledger-csv", "c.csv"],
            "--ledger-csv and the cohort's CSV matrix",
        ),
        (&["--cohort", "c.csv"], "names the CSV matrix's file"),
        (
            &["--format", "csv", "--ledger-csv", "-"],
            "cannot both go to stdout",
        ),
    ];
    for &(extra, message) in cases {
        let mut args = base.to_vec();
        args.extend(extra);
        let output = competence(&dir, &args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        for input in ["learner.yaml", "page.csv"] {
            assert_eq!(
                std::fs::read(dir.join(input)).unwrap_or_else(|e| panic!("{e}")),
                original,
                "{args:?} changed {input}"
            );
        }
        let mut written: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|e| {
                e.unwrap_or_else(|e| panic!("{e}"))
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        written.sort();
        assert_eq!(
            written,
            ["learner.yaml", "page.csv"],
            "{args:?} wrote something"
        );
    }
    // A directory is not one table.
    let output = competence(
        &dir,
        &["assess", "learner.yaml", "--format", "csv", "-o", "."],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("give -o a file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_cohort_page_has_its_matrix_beside_it() {
    let dir = scratch("cohort");
    let mut args = vec!["assess".to_owned()];
    args.extend(examples(&["learner-gaps", "learner-ready"]));
    args.extend(
        [
            "--as-of",
            "2026-11-27",
            "--role",
            "peer-support-worker",
            "--cohort",
            "cohort.html",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&dir, &args);
    assert!(output.stdout.is_empty(), "only the cohort was asked for");
    assert!(dir.join("cohort.html").is_file());
    let (header, rows) =
        read(&std::fs::read(dir.join("cohort.csv")).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(
        header[..6],
        ["learner", "framework", "role", "ready", "met", "targeted"]
    );
    assert_eq!(header.len(), 6 + 40);
    let summary: Vec<[&str; 6]> = rows
        .iter()
        .map(|r| [0, 1, 2, 3, 4, 5].map(|n| r[n].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            [
                "L-0107",
                "mh-peer-support-worker@1.1.0",
                "peer-support-worker",
                "false",
                "20",
                "28"
            ],
            [
                "L-0042",
                "mh-peer-support-worker@1.1.0",
                "peer-support-worker",
                "true",
                "28",
                "28"
            ],
        ]
    );
    let column = header.iter().position(|h| h == "sharing-lived-experience");
    let column = column.unwrap_or_else(|| panic!("{header:?}"));
    assert_eq!(
        (rows[0][column].as_str(), rows[1][column].as_str()),
        ("blocked", "met")
    );
    // A cohort page on stdout has nothing to be beside.
    std::fs::remove_file(dir.join("cohort.csv")).unwrap_or_else(|e| panic!("{e}"));
    let mut to_stdout = args.clone();
    to_stdout.pop();
    to_stdout.push("-");
    let output = run(&dir, &to_stdout);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("<!DOCTYPE html>"));
    assert!(!dir.join("cohort.csv").exists() && !dir.join("-.csv").exists());
}

#[test]
fn a_table_is_written_for_the_learners_that_could_be_assessed() {
    let dir = scratch("partial");
    std::fs::write(
        dir.join("broken.yaml"),
        "format: competence/1\nkind: evidence\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ready = root().join("examples/evidence/learner-ready.yaml");
    let ready = ready.display().to_string();
    let output = competence(
        &dir,
        &[
            "assess",
            "broken.yaml",
            &ready,
            "--as-of",
            "2026-11-27",
            "--format",
            "csv",
            "-o",
            "t.csv",
            "--ledger-csv",
            "l.csv",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let (_, rows) = read(&std::fs::read(dir.join("t.csv")).unwrap_or_else(|e| panic!("{e}")));
    assert!(!rows.is_empty() && rows.iter().all(|r| r[0] == "L-0042"));
    let (_, rows) = read(&std::fs::read(dir.join("l.csv")).unwrap_or_else(|e| panic!("{e}")));
    assert!(!rows.is_empty() && rows.iter().all(|r| r[0] == "L-0042"));
    // Nothing assessed: the header alone.
    let output = competence(
        &dir,
        &[
            "assess",
            "broken.yaml",
            "--format",
            "csv",
            "--ledger-csv",
            "empty.csv",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let (header, rows) = read(&output.stdout);
    assert_eq!((header.len(), rows.len()), (10, 0));
    let (header, rows) =
        read(&std::fs::read(dir.join("empty.csv")).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!((header.len(), rows.len()), (17, 0));
}

/// Reads the competency table, the ledger and the cohort matrix with python3's `csv` module
/// and compares every row with the JSON Lines reports; prints how much it compared.
const COMPARE: &str = r#"
import csv, io, json, sys

reports = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
def table(path):
    with open(path, newline="", encoding="utf-8") as f:
        data = f.read()
    assert data.endswith("\r\n"), path
    rows = list(csv.reader(io.StringIO(data, newline="")))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows

TRIGGERS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
def safe(rows, path):
    for row in rows:
        for cell in row:
            stripped = cell.lstrip(" ")
            assert not stripped or stripped[0] not in TRIGGERS, (path, cell)

opt = lambda v: "" if v is None else str(v)
compared = {"competencies": 0, "ledger": 0, "cohort": 0, "next_steps": 0}

header, rows, raw = table(sys.argv[2])
safe(raw, sys.argv[2])
assert header == ["learner", "framework", "role", "domain", "competency", "title", "target",
                  "achieved", "status", "next_step"], header
expected = []
for r in reports:
    for d in r["domains"]:
        for c in d["competencies"]:
            expected.append((r, d, c))
assert len(rows) == len(expected), (len(rows), len(expected))
for row, (r, d, c) in zip(rows, expected):
    want = {"learner": r["learner"], "framework": r["framework"]["name"],
            "role": opt((r.get("role") or {}).get("id")), "domain": d["id"],
            "competency": c["id"], "target": opt(c.get("target")),
            "achieved": opt(c.get("achieved")), "status": c["status"]}
    got = {k: row[k] for k in want}
    assert got == want, (got, want)
    gaps = c.get("gaps", [])
    assert bool(gaps) == bool(row["next_step"]), (c["id"], row["next_step"])
    for gap in gaps:
        assert gap["next_step"] in row["next_step"], (gap["next_step"], row["next_step"])
        compared["next_steps"] += 1
    assert c["title"] in row["title"], (c["title"], row["title"])
    compared["competencies"] += 1

header, rows, raw = table(sys.argv[3])
safe(raw, sys.argv[3])
fields = ["evidence", "item", "claim", "kind", "date", "assessor_role", "competency", "level",
          "disposition", "migrated_from", "crosswalked_from", "relation", "current_until"]
assert header == ["learner", "framework"] + fields + ["unknown_indicators",
                  "not_applicable_indicators"], header
expected = [(r, e) for r in reports for e in r["ledger"]]
assert len(rows) == len(expected), (len(rows), len(expected))
for row, (r, e) in zip(rows, expected):
    want = {f: opt(e.get(f)) for f in fields}
    want["learner"] = r["learner"]
    want["framework"] = r["framework"]["name"]
    for f in ["unknown_indicators", "not_applicable_indicators"]:
        want[f] = " ".join(e.get(f, []))
    assert row == want, (row, want)
    compared["ledger"] += 1

header, rows, raw = table(sys.argv[4])
safe(raw, sys.argv[4])
assert header[:6] == ["learner", "framework", "role", "ready", "met", "targeted"], header
by_learner = {r["learner"]: r for r in reports}
assert sorted(row["learner"] for row in rows) == sorted(by_learner), rows
for row in rows:
    r = by_learner[row["learner"]]
    assert row["framework"] == r["framework"]["name"]
    assert row["role"] == opt((r.get("role") or {}).get("id"))
    assert row["ready"] == str(r["summary"]["ready"]).lower()
    assert row["met"] == str(r["summary"]["coverage"]["met"])
    assert row["targeted"] == str(r["summary"]["coverage"]["targeted"])
    ids = set()
    for d in r["domains"]:
        for c in d["competencies"]:
            assert row[c["id"]] == c["status"], (row["learner"], c["id"])
            ids.add(c["id"])
            compared["cohort"] += 1
    assert all(row[k] == "" for k in header[6:] if k not in ids), row

print(json.dumps(compared, sort_keys=True))
"#;

/// Every learner's full JSON report for `args` (an `assess` command line), in the run's order:
/// JSON Lines of several records are cohort lines, so the full reports are asked for with
/// `-o DIR/` and read back in the order of the cohort lines.
fn full_reports(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut lines = args.to_vec();
    lines.extend(["--format", "json", "-o", "-"]);
    let order = run(dir, &lines);
    let mut full = args.to_vec();
    full.extend(["--format", "json", "-o", "full/"]);
    run(dir, &full);
    String::from_utf8_lossy(&order.stdout)
        .lines()
        .map(|l| {
            let line: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            let learner = line["learner"].as_str().unwrap_or_default().to_owned();
            let text = std::fs::read(dir.join("full").join(format!("{learner}.json")))
                .unwrap_or_else(|e| panic!("{learner}: {e}"));
            serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{learner}: {e}"))
        })
        .collect()
}

/// Runs `assess` for JSON Lines and for the three CSV tables with the same arguments, and
/// has python3 compare them; returns what it compared and the ledger's dispositions.
fn compare_with_json(
    dir: &Path,
    learners: &[&str],
    extra: &[&str],
) -> (serde_json::Value, Vec<String>) {
    let evidence = examples(learners);
    let mut args: Vec<&str> = vec!["assess"];
    args.extend(evidence.iter().map(String::as_str));
    args.extend(["--as-of", "2026-11-27"]);
    args.extend(extra);
    let reports = full_reports(dir, &args);
    let lines: String = reports.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join("reports.jsonl"), lines).unwrap_or_else(|e| panic!("{e}"));
    let mut tables = args.clone();
    tables.extend([
        "--format",
        "csv",
        "-o",
        "competencies.csv",
        "--ledger-csv",
        "ledger.csv",
        "--cohort",
        "cohort.html",
    ]);
    run(dir, &tables);
    assert!(dir.join("cohort.html").is_file());
    let python = Command::new("python3")
        .current_dir(dir)
        .args([
            "-c",
            COMPARE,
            "reports.jsonl",
            "competencies.csv",
            "ledger.csv",
            "cohort.csv",
        ])
        .output()
        .unwrap_or_else(|e| panic!("python3 is required (as by .ci/run): {e}"));
    assert!(
        python.status.success(),
        "python3's csv module disagrees with the JSON report:\n{}",
        String::from_utf8_lossy(&python.stderr)
    );
    let compared: serde_json::Value =
        serde_json::from_slice(&python.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut reader =
        csv::Reader::from_path(dir.join("ledger.csv")).unwrap_or_else(|e| panic!("{e}"));
    let dispositions = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}"))[10].to_owned())
        .collect();
    (compared, dispositions)
}

#[test]
fn the_csv_tables_say_what_the_json_report_says() {
    let dir = scratch("json");
    let (compared, dispositions) = compare_with_json(
        &dir,
        &["learner-forensic", "learner-gaps", "learner-ready"],
        &["--role", "peer-support-worker"],
    );
    // Three learners, a row per competency each (45 in the forensic tailoring, 40 in the base
    // framework), and the steps of every open area.
    assert_eq!(compared["competencies"], 45 + 40 + 40, "{compared}");
    assert_eq!(compared["cohort"], 45 + 40 + 40, "{compared}");
    assert!(compared["next_steps"].as_u64() > Some(10), "{compared}");
    assert!(compared["ledger"].as_u64() > Some(50), "{compared}");
    for expected in ["counted", "expired", "not-yet", "not-applicable"] {
        assert!(
            dispositions.iter().any(|d| d == expected),
            "{expected} not in {dispositions:?}"
        );
    }
}

#[test]
fn the_csv_tables_through_a_crosswalk_say_what_the_json_report_says() {
    let dir = scratch("crosswalk");
    // Only the base framework's learners: the forensic tailoring has no crosswalk.
    let (compared, dispositions) = compare_with_json(
        &dir,
        &["learner-gaps", "learner-ready"],
        &["--framework", "peer-worker-apprenticeship"],
    );
    assert!(compared["ledger"].as_u64() > Some(20), "{compared}");
    for expected in ["crosswalked", "related"] {
        assert!(
            dispositions.iter().any(|d| d == expected),
            "{expected} not in {dispositions:?}"
        );
    }
}

/// A framework and a learner whose text a spreadsheet would run as formulas.
const HOSTILE_FRAMEWORK: &str = r#"format: competence/1
kind: framework
id: hostile
version: 1.0.0
title: "=HYPERLINK(\"https://evil.example\")"
scale:
  - { id: developing, title: "+Developing" }
domains:
  - id: relational
    title: "@Relational"
    competencies:
      - id: listening
        code: "-1"
        title: "=1+1"
        indicators:
          - { id: reflects, text: "=cmd|' /C calc'!A0" }
roles:
  - id: psw
    title: Peer worker
    targets: { relational: developing }
assessment:
  evidence: { observation: { weight: 1.0, independent: true } }
  sufficiency: { min_weight: 2.0, min_items: 1, require_independent: true }
"#;

const HOSTILE_RECORD: &str = "format: competence/1
kind: evidence
learner: L-1
framework: hostile
evidence:
  - id: obs-1
    kind: observation
    date: 2026-01-10
    claims:
      - competency: listening
";

#[test]
fn cells_a_spreadsheet_would_run_start_with_an_apostrophe() {
    let dir = scratch("formula");
    std::fs::create_dir_all(dir.join("catalog")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("catalog/hostile.yaml"), HOSTILE_FRAMEWORK)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("learner.yaml"), HOSTILE_RECORD).unwrap_or_else(|e| panic!("{e}"));
    let output = run(
        &dir,
        &[
            "assess",
            "learner.yaml",
            "--catalog",
            "catalog",
            "--role",
            "psw",
            "--as-of",
            "2026-11-27",
            "--format",
            "csv",
            "--ledger-csv",
            "ledger.csv",
            "--cohort",
            "cohort.html",
            "-o",
            "table.csv",
        ],
    );
    assert!(output.stdout.is_empty());
    let table = std::fs::read(dir.join("table.csv")).unwrap_or_else(|e| panic!("{e}"));
    let (_, rows) = read(&table);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][5], "'-1 =1+1", "code and title, neutralised");
    assert_eq!(rows[0][8], "partial");
    assert!(
        rows[0][9].contains("\n- =cmd|' /C calc'!A0"),
        "{}",
        rows[0][9]
    );
    for file in ["table.csv", "ledger.csv", "cohort.csv"] {
        let text = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let (header, rows) = read(&text);
        for cell in header.iter().chain(rows.iter().flatten()) {
            let first = cell.trim_start_matches(' ').chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')),
                "{file}: {cell:?}"
            );
        }
    }
}

#[test]
fn a_json_lines_cohort_is_one_table() {
    let dir = scratch("jsonl");
    let record = |learner: &str, claims: &str| {
        format!(
            r#"{{"format":"competence/1","kind":"evidence","learner":"{learner}","framework":"mh-peer-support-worker","evidence":[{{"id":"o1","kind":"observation","date":"2026-01-10","claims":[{claims}]}},{{"id":"o2","kind":"observation","date":"2026-02-10","claims":[{claims}]}}]}}"#
        )
    };
    let text = [
        record("L-1", r#""active-listening""#),
        record(
            "L-2",
            r#"{"competency":"active-listening","level":"established"},"no-such-competency""#,
        ),
        record("L-3", ""),
    ]
    .join("\n");
    std::fs::write(dir.join("cohort.jsonl"), text + "\n").unwrap_or_else(|e| panic!("{e}"));
    let common = [
        "assess",
        "cohort.jsonl",
        "--as-of",
        "2026-11-27",
        "--role",
        "peer-support-worker",
    ];
    let mut args = common.to_vec();
    args.extend(["--format", "csv", "--ledger-csv", "ledger.csv"]);
    let table = run(&dir, &args);
    let reports = full_reports(&dir, &common);
    assert_eq!(reports.len(), 3);
    let (header, rows) = read(&table.stdout);
    assert_eq!(header.len(), 10);
    assert_eq!(rows.len(), 3 * 40, "one header, every learner's rows");
    let statuses: Vec<(String, String, String)> = reports
        .iter()
        .flat_map(|r| {
            let learner = r["learner"].as_str().unwrap_or_default().to_owned();
            r["domains"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|d| d["competencies"].as_array().into_iter().flatten())
                .map(move |c| {
                    (
                        learner.clone(),
                        c["id"].as_str().unwrap_or_default().to_owned(),
                        c["status"].as_str().unwrap_or_default().to_owned(),
                    )
                })
        })
        .collect();
    let from_csv: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r[0].clone(), r[4].clone(), r[8].clone()))
        .collect();
    assert_eq!(from_csv, statuses);
    assert!(from_csv.contains(&("L-2".into(), "active-listening".into(), "met".into())));
    let (_, ledger) =
        read(&std::fs::read(dir.join("ledger.csv")).unwrap_or_else(|e| panic!("{e}")));
    let dispositions: Vec<(&str, &str)> = ledger
        .iter()
        .map(|r| (r[0].as_str(), r[10].as_str()))
        .collect();
    assert_eq!(
        dispositions,
        [
            ("L-1", "counted"),
            ("L-1", "counted"),
            ("L-2", "counted"),
            ("L-2", "unknown-competency"),
            ("L-2", "counted"),
            ("L-2", "unknown-competency"),
            ("L-3", "no-claims"),
            ("L-3", "no-claims"),
        ]
    );
}
