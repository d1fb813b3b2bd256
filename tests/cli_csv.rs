//! The CSV exports of `competence assess`, run through the real binary and read back with
//! the `csv` crate's reader.

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
    assert_eq!(rows.len(), 72, "36 competencies for each of two learners");
    let learners: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(learners[0], "L-0107");
    assert_eq!(learners[71], "L-0042");
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
    assert_eq!(alone[..], rows[..36]);
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
    assert_eq!(header.len(), 6 + 36);
    let summary: Vec<[&str; 6]> = rows
        .iter()
        .map(|r| [0, 1, 2, 3, 4, 5].map(|n| r[n].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            [
                "L-0107",
                "mh-peer-support-worker@1.0.0",
                "peer-support-worker",
                "false",
                "20",
                "29"
            ],
            [
                "L-0042",
                "mh-peer-support-worker@1.0.0",
                "peer-support-worker",
                "true",
                "29",
                "29"
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
