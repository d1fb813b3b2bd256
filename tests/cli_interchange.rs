//! `competence import case`, `export case` and `export badges` through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn competence(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_competence"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    match stdin {
        None => command.output().unwrap(),
        Some(input) => {
            use std::io::Write;
            let mut child = command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(input).unwrap();
            child.wait_with_output().unwrap()
        }
    }
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("competence-cli-interchange-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn import_writes_a_checked_framework_and_notes_on_stderr() {
    let out = temp("five-levels.yaml");
    let run = competence(
        &[
            "import",
            "case",
            "tests/interchange/case/five-levels.json",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("note: ") && stderr.contains("`exactMatchOf`"),
        "{stderr}"
    );
    let check = competence(&["check", out.to_str().unwrap()], None);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // Export it and import the export: the same framework, line for line.
    let catalog = out.to_str().unwrap();
    let exported = competence(
        &[
            "export",
            "case",
            "peer-support-practice-cadre-de-competences",
            "--catalog",
            catalog,
            "--date",
            "2026-12-01",
        ],
        None,
    );
    assert_eq!(exported.status.code(), Some(0));
    let again = competence(&["import", "case", "-"], Some(&exported.stdout));
    assert_eq!(again.status.code(), Some(0));
    let first = std::fs::read_to_string(&out).unwrap();
    let second = String::from_utf8(again.stdout).unwrap();
    let body = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&first), body(&second));
}

#[test]
fn broken_packages_exit_2_with_a_located_error() {
    let run = competence(
        &[
            "import",
            "case",
            "tests/interchange/case/hostile-wrong-type.json",
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("$.CFItems[1].fullStatement: expected a string, found a number"),
        "{stderr}"
    );
}

#[test]
fn badges_and_a_credential_for_a_ready_learner() {
    let badges = competence(
        &[
            "export",
            "badges",
            "mh-peer-support-worker",
            "--role",
            "peer-support-worker",
        ],
        None,
    );
    assert_eq!(badges.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&badges.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);

    let report = temp("report.json");
    let assess = competence(
        &[
            "assess",
            "examples/evidence/learner-ready.yaml",
            "--role",
            "peer-support-worker",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "-o",
            report.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        assess.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&assess.stderr)
    );
    let credential = competence(
        &[
            "export",
            "badges",
            "mh-peer-support-worker",
            "--report",
            report.to_str().unwrap(),
            "--issuer",
            "https://issuer.example.org",
        ],
        None,
    );
    assert_eq!(
        credential.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&credential.stderr)
    );
    assert!(String::from_utf8_lossy(&credential.stderr).contains("unsigned"));
    let json: serde_json::Value = serde_json::from_slice(&credential.stdout).unwrap();
    assert_eq!(json[0]["type"][1], "AchievementCredential");
    assert!(Path::new(&report).exists());
}
