//! The real `competence` binary on cohorts (issues 13 and 14): JSON Lines in, cohort lines
//! out, to stdout, a file, a device or a directory of full reports; and what standard error
//! says when it is not a terminal (a summary; one line per learner with `--verbose`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn competence(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "competence-cli-cohort-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A learner with two items: an observation and a supervision note on active listening, and a
/// claim on a competency the framework does not have (so the ledger has two dispositions).
fn record(learner: &str) -> String {
    format!(
        r#"{{"format":"competence/1","kind":"evidence","learner":"{learner}","framework":"mh-peer-support-worker","evidence":[{{"id":"o1","kind":"observation","date":"2026-01-10","claims":[{{"competency":"active-listening","level":"established"}},"no-such-area"]}},{{"id":"s1","kind":"supervision","date":"2026-02-10","claims":["active-listening"]}}]}}"#
    )
}

const ROLE: [&str; 2] = ["--role", "peer-support-worker"];
const AS_OF: [&str; 2] = ["--as-of", "2026-11-27"];

/// A cohort of `n` learners in `dir/cohort.jsonl`.
fn cohort(dir: &Path, n: usize) {
    let text: String = (1..=n).map(|i| record(&format!("L-{i}")) + "\n").collect();
    std::fs::write(dir.join("cohort.jsonl"), text).unwrap_or_else(|e| panic!("{e}"));
}

fn assess(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "assess",
        "cohort.jsonl",
        ROLE[0],
        ROLE[1],
        AS_OF[0],
        AS_OF[1],
    ];
    args.extend_from_slice(extra);
    competence(dir, &args)
}

/// JSON Lines in: JSON Lines out by default (no --format), one cohort line per learner, each
/// naming the learner's own results by id, with the whole ledger and no words.
#[test]
fn json_lines_in_gives_cohort_lines_out_by_default() {
    let dir = scratch("default");
    cohort(&dir, 3);
    let output = assess(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let learners: Vec<&str> = lines.iter().filter_map(|l| l["learner"].as_str()).collect();
    assert_eq!(learners, ["L-1", "L-2", "L-3"]);
    let line = &lines[0];
    assert_eq!(line["framework"], "mh-peer-support-worker@1.1.0");
    assert_eq!(line["role"], "peer-support-worker");
    assert!(line.get("domains").is_none(), "{line}");
    assert!(!out.contains("next_step"), "{out}");
    let ledger = line["ledger"].as_array().cloned().unwrap_or_default();
    let dispositions: Vec<&str> = ledger
        .iter()
        .filter_map(|e| e["disposition"].as_str())
        .collect();
    assert_eq!(dispositions, ["counted", "unknown-competency", "counted"]);
    let listed: Vec<&str> = line["competencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(listed, ["active-listening"]);

    // --format json says the same; one YAML record with --format json stays pretty.
    let explicit = assess(&dir, &["--format", "json"]);
    assert_eq!(stdout(&explicit), out);
    let one = competence(
        &dir,
        &[
            "assess",
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/evidence/learner-ready.yaml")
                .to_string_lossy(),
            ROLE[0],
            ROLE[1],
            AS_OF[0],
            AS_OF[1],
            "--format",
            "json",
        ],
    );
    assert!(stdout(&one).starts_with("{\n"), "{}", stdout(&one));
}

/// `-o FILE` writes the same JSON Lines as stdout (`-o -`); `-o /dev/null` writes through the
/// device; `-o DIR/` writes one pretty full report per learner; an input is never the output.
#[cfg(unix)]
#[test]
fn cohort_lines_go_to_stdout_a_file_a_device_or_a_directory() {
    let dir = scratch("outputs");
    cohort(&dir, 2);
    let to_stdout = assess(&dir, &["-o", "-"]);
    assert_eq!(to_stdout.status.code(), Some(0), "{}", stderr(&to_stdout));
    assert_eq!(stdout(&to_stdout).lines().count(), 2);

    let to_file = assess(&dir, &["-o", "lines.jsonl"]);
    assert_eq!(to_file.status.code(), Some(0), "{}", stderr(&to_file));
    assert!(to_file.stdout.is_empty());
    assert_eq!(read(&dir.join("lines.jsonl")), stdout(&to_stdout));
    // Replaced atomically, and no temporary file left beside it.
    let again = assess(&dir, &["-o", "lines.jsonl"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let to_null = assess(&dir, &["-o", "/dev/null"]);
    assert_eq!(to_null.status.code(), Some(0), "{}", stderr(&to_null));
    assert!(to_null.stdout.is_empty());

    let to_dir = assess(&dir, &["-o", "reports/"]);
    assert_eq!(to_dir.status.code(), Some(0), "{}", stderr(&to_dir));
    for learner in ["L-1", "L-2"] {
        let report = read(&dir.join(format!("reports/{learner}.json")));
        assert!(report.starts_with("{\n"), "{report}");
        assert!(report.contains("\"domains\""), "{learner}");
    }
    // An existing directory needs no slash.
    std::fs::remove_dir_all(dir.join("reports")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.join("reports")).unwrap_or_else(|e| panic!("{e}"));
    let to_dir = assess(&dir, &["-o", "reports"]);
    assert_eq!(to_dir.status.code(), Some(0), "{}", stderr(&to_dir));
    assert!(dir.join("reports/L-1.json").is_file());

    let before = read(&dir.join("cohort.jsonl"));
    let onto_input = assess(&dir, &["-o", "cohort.jsonl"]);
    assert_eq!(onto_input.status.code(), Some(2));
    assert!(
        stderr(&onto_input).contains("refusing to write"),
        "{}",
        stderr(&onto_input)
    );
    assert_eq!(read(&dir.join("cohort.jsonl")), before);
}

/// Standard error that is not a terminal gets one summary line and no line per learner;
/// `--verbose` names each learner's progress as well.
#[test]
fn stderr_off_a_terminal_gets_a_summary_and_verbose_gets_every_learner() {
    let dir = scratch("progress");
    cohort(&dir, 3);
    let quiet = assess(&dir, &["-o", "/dev/null"]);
    let err = stderr(&quiet);
    assert_eq!(quiet.status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        "assessed 3 learners: 0 ready for the role, 3 working towards it\n"
    );
    let verbose = assess(&dir, &["-o", "/dev/null", "--verbose"]);
    let err = stderr(&verbose);
    assert_eq!(verbose.status.code(), Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    for (line, learner) in lines.iter().zip(["L-1", "L-2", "L-3"]) {
        assert!(line.starts_with(&format!("{learner}: ")), "{err}");
    }
    assert!(lines[3].starts_with("assessed 3 learners"), "{err}");
    // No progress escape codes off a terminal.
    assert!(!err.contains('\u{1b}'), "{err:?}");
}
