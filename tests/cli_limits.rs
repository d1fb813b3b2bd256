//! The read limits are the same on every command that reads files (`--max-file-size`,
//! `--max-documents`), and a file refused by them is reported as what it is
//! (`file-too-large`, `too-many-documents`), never as a consequence of it (a `missing-base`, a
//! framework the catalog seems not to hold). The real binary; small files against a small
//! limit prove the same as big files against the default one, except in the one test that
//! writes a 35 MB framework.

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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "competence-cli-limits-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cat")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A valid tailoring, padded with comments to about 4 KiB: over a 2 KiB limit, far under the
/// default one.
fn team() -> String {
    let mut text = String::from(
        "format: competence/1\nkind: framework\nid: team\nversion: 1.0.0\ntitle: Our team\n\
         extends: mh-peer-support-worker@^1\ncontext: A community team.\ntailoring: {}\n",
    );
    while text.len() < 4096 {
        text.push_str("# Notes from the team's review meeting, kept beside the file.\n");
    }
    text
}

const EVIDENCE: &str = "format: competence/1\nkind: evidence\nlearner: L-1\nframework: team\n\
evidence:\n  - { id: obs-1, kind: observation, date: 2026-03-14, claims: [active-listening] }\n";

const SMALL: &str = "2048";

/// A run refused by a limit: exit 2, the finding named, and none of the codes or messages a
/// missing framework would give.
#[track_caller]
fn assert_refused(output: &Output, code: &str) {
    let err = text(&output.stderr);
    let all = format!("{}{err}", text(&output.stdout));
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains(&format!("[{code}]")), "no {code} in:\n{all}");
    for misleading in [
        "missing-base",
        "unknown-reference",
        "no framework `team`",
        "cannot resolve",
        "panicked",
    ] {
        assert!(!all.contains(misleading), "{misleading} in:\n{all}");
    }
}

#[test]
fn every_command_that_reads_files_takes_the_limit_flags() {
    let dir = scratch("help");
    for command in [
        &["check"][..],
        &["resolve"],
        &["assess"],
        &["diff"],
        &["list"],
        &["new", "tailoring"],
        &["import", "case"],
        &["export", "case"],
        &["export", "badges"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let output = competence(&dir, &args);
        let help = text(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        for flag in ["--max-file-size <BYTES>", "--max-documents <N>"] {
            assert!(help.contains(flag), "{command:?} has no {flag}:\n{help}");
        }
    }
}

#[test]
fn a_catalog_file_over_the_limit_is_reported_by_every_command() {
    let dir = scratch("catalog");
    write(&dir.join("cat/team.yaml"), &team());
    write(&dir.join("evidence.yaml"), EVIDENCE);
    let limited = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--catalog", "cat", "--max-file-size", SMALL]);
        competence(&dir, &all)
    };
    assert_refused(&limited(&["resolve", "team"]), "file-too-large");
    assert_refused(
        &limited(&[
            "assess",
            "evidence.yaml",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
        ]),
        "file-too-large",
    );
    assert_refused(
        &limited(&["new", "tailoring", "--extends", "team@^1", "--id", "sub"]),
        "file-too-large",
    );
    assert_refused(&limited(&["export", "case", "team"]), "file-too-large");
    assert_refused(&limited(&["export", "badges", "team"]), "file-too-large");
    assert_refused(
        &limited(&["diff", "team@1.0.0", "mh-peer-support-worker@1.0.0"]),
        "file-too-large",
    );
    // The file itself named: its own finding.
    assert_refused(
        &competence(
            &dir,
            &[
                "diff",
                "cat/team.yaml",
                "cat/team.yaml",
                "--max-file-size",
                SMALL,
            ],
        ),
        "file-too-large",
    );
    // `list` still lists what it could read, and says what it could not.
    let output = limited(&["list"]);
    assert_refused(&output, "file-too-large");
    let listed = text(&output.stdout);
    assert!(listed.contains("mh-peer-support-worker"), "{listed}");
    assert!(!listed.contains("team"), "{listed}");
}

#[test]
fn with_the_limit_raised_the_same_commands_run() {
    let dir = scratch("raised");
    write(&dir.join("cat/team.yaml"), &team());
    write(&dir.join("evidence.yaml"), EVIDENCE);
    let raised = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--catalog", "cat", "--max-file-size", "8192"]);
        let output = competence(&dir, &all);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&output.stderr)
        );
        text(&output.stdout)
    };
    assert!(raised(&["resolve", "team"]).contains("id: team"));
    assert!(raised(&["list"]).contains("team"));
    assert!(
        raised(&[
            "assess",
            "evidence.yaml",
            "--as-of",
            "2026-11-27",
            "--format",
            "json"
        ])
        .contains("\"learner\": \"L-1\"")
    );
    assert!(raised(&["new", "tailoring", "--extends", "team@^1", "--id", "sub"]).contains("sub"));
    assert!(raised(&["export", "case", "team", "--date", "2026-11-27"]).contains("CFDocument"));
    assert!(raised(&["diff", "team@1.0.0", "cat/team.yaml"]).contains("no changes"));
}

#[test]
fn files_read_outside_the_catalog_are_bounded_too() {
    let dir = scratch("outside");
    // Evidence over the limit.
    let mut evidence = EVIDENCE.replace("framework: team", "framework: mh-peer-support-worker");
    while evidence.len() < 4096 {
        evidence.push_str("# padding\n");
    }
    write(&dir.join("evidence.yaml"), &evidence);
    let output = competence(
        &dir,
        &[
            "assess",
            "evidence.yaml",
            "--as-of",
            "2026-11-27",
            "--max-file-size",
            SMALL,
        ],
    );
    assert_refused(&output, "file-too-large");
    // A CASE package and an assessment report: refused by the limit before being parsed (the
    // default limit reads them and finds they are not what was asked for).
    write(
        &dir.join("package.json"),
        &format!("{{\"x\": \"{}\"}}", "y".repeat(4096)),
    );
    let output = competence(
        &dir,
        &["import", "case", "package.json", "--max-file-size", SMALL],
    );
    assert_refused(&output, "file-too-large");
    let output = competence(&dir, &["import", "case", "package.json"]);
    assert!(!text(&output.stderr).contains("file-too-large"));
    let output = competence(
        &dir,
        &[
            "export",
            "badges",
            "mh-peer-support-worker",
            "--report",
            "package.json",
            "--issuer",
            "https://issuer.example",
            "--max-file-size",
            SMALL,
        ],
    );
    assert_refused(&output, "file-too-large");
}

#[test]
fn the_document_limit_applies_to_catalogs_and_evidence() {
    let dir = scratch("documents");
    let framework = |v: &str| {
        format!("format: competence/1\nkind: framework\nid: many\nversion: {v}\ntitle: Many\n")
    };
    let stream = [framework("1.0.0"), framework("1.1.0"), framework("1.2.0")].join("---\n");
    write(&dir.join("cat/many.yaml"), &stream);
    let output = competence(
        &dir,
        &[
            "resolve",
            "many",
            "--catalog",
            "cat",
            "--max-documents",
            "2",
        ],
    );
    let err = text(&output.stderr);
    assert!(err.contains("[too-many-documents]"), "{err}");
    assert_eq!(output.status.code(), Some(2), "{err}");
    let output = competence(&dir, &["resolve", "many", "--catalog", "cat"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let record = EVIDENCE.replace("framework: team", "framework: mh-peer-support-worker");
    write(&dir.join("cohort.yaml"), &[&*record; 3].join("---\n"));
    let output = competence(
        &dir,
        &[
            "assess",
            "cohort.yaml",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "--max-documents",
            "2",
        ],
    );
    let err = text(&output.stderr);
    assert!(err.contains("too-many-documents"), "{err}");
    assert_eq!(output.status.code(), Some(2), "{err}");
}

/// The case from issue 13: a 35 MB framework in a catalog directory. With the default limit
/// it is refused as `file-too-large` (its size is read from the file system, so this is
/// quick); with the limit raised it resolves.
#[test]
fn a_35_mb_framework_is_refused_by_name_or_resolved_with_the_limit_raised() {
    let dir = scratch("big");
    let mut big = String::with_capacity(36 * 1024 * 1024);
    big.push_str("format: competence/1\nkind: framework\nid: big\nversion: 1.0.0\ntitle: Big\n");
    let line = format!("# {}\n", "x".repeat(98));
    while big.len() < 35 * 1024 * 1024 {
        big.push_str(&line);
    }
    write(&dir.join("cat/big.yaml"), &big);
    drop(big);
    let output = competence(&dir, &["resolve", "big", "--catalog", "cat"]);
    assert_refused(&output, "file-too-large");
    let err = text(&output.stderr);
    assert!(err.contains("cat/big.yaml"), "{err}");
    assert!(!err.contains("no framework `big`"), "{err}");
    let output = competence(
        &dir,
        &[
            "resolve",
            "big",
            "--catalog",
            "cat",
            "--max-file-size",
            "40000000",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("id: big"));
    let _ = std::fs::remove_dir_all(&dir);
}
