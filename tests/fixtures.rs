//! The fixture harness: runs the real `competence check` over every fixture and compares its
//! human output with the expected file beside it.
//!
//! - `tests/fixtures/valid/*.yaml`: each must check with no findings at all.
//! - `tests/fixtures/invalid/<code>/<case>.yaml` with `<case>.expected` beside it, or a
//!   directory `tests/fixtures/invalid/<code>/<case>/` (several files, such as a tailoring
//!   and its base) with `expected.txt` inside. Optional `<case>.args` / `args.txt`: extra
//!   arguments, one per line. The expected output must contain `[<code>]`.
//!
//! Set `UPDATE_EXPECT=1` to rewrite the expected files; then read the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `competence check` in `dir` on `target` and returns (exit code, stdout).
fn check(dir: &Path, target: &str, extra: &[String]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .arg("check")
        .arg(target)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn args(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.map(|e| e.path()).unwrap_or_default())
        .collect();
    entries.sort();
    entries
}

#[test]
fn valid_fixtures_have_no_findings() {
    let dir = fixtures().join("valid");
    let mut seen = 0;
    for path in sorted_entries(&dir) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".yaml") {
            continue;
        }
        seen += 1;
        let (code, stdout) = check(&dir, name, &[]);
        assert_eq!(
            (code, stdout.as_str()),
            (0, ""),
            "{name} should check clean"
        );
    }
    assert!(seen > 0, "no valid fixtures found");
    // Together too: distinct ids, so no `duplicate-framework` between them.
    let (code, stdout) = check(&dir, ".", &[]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, ""),
        "the valid fixtures should check clean together"
    );
}

#[test]
fn invalid_fixtures_match_expected_output() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut cases = 0;
    for code_dir in sorted_entries(&fixtures().join("invalid")) {
        let Some(code) = code_dir
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            continue;
        };
        for case in sorted_entries(&code_dir) {
            let Some(name) = case.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            let (run_dir, target, expected_path, extra) = if case.is_dir() {
                (
                    case.clone(),
                    ".".to_owned(),
                    case.join("expected.txt"),
                    args(&case.join("args.txt")),
                )
            } else if let Some(stem) = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".json"))
            {
                (
                    code_dir.clone(),
                    name.clone(),
                    code_dir.join(format!("{stem}.expected")),
                    args(&code_dir.join(format!("{stem}.args"))),
                )
            } else {
                continue;
            };
            cases += 1;
            let (status, stdout) = check(&run_dir, &target, &extra);
            if !stdout.contains(&format!("[{code}]")) {
                failures.push(format!("{code}/{name}: output lacks [{code}]:\n{stdout}"));
            }
            let severity_error = stdout.lines().any(|l| l.starts_with("error["));
            if status != i32::from(severity_error) {
                failures.push(format!(
                    "{code}/{name}: exit {status} does not match the findings"
                ));
            }
            if update {
                std::fs::write(&expected_path, &stdout).unwrap_or_else(|e| panic!("{e}"));
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != stdout {
                failures.push(format!(
                    "{code}/{name}: output differs from {}\n--- expected\n{expected}\n--- actual\n{stdout}",
                    expected_path.display()
                ));
            }
        }
    }
    assert!(cases > 0, "no invalid fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every diagnostic code has a fixture directory and a line in docs/diagnostics.md.
#[test]
fn every_code_has_a_fixture_and_documentation() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"))
            .unwrap_or_default();
    let mut missing = Vec::new();
    for code in competence::Code::ALL {
        let name = code.as_str();
        let dir = fixtures().join("invalid").join(name);
        let has_case = dir.is_dir()
            && std::fs::read_dir(&dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false);
        if !has_case {
            missing.push(format!("no fixture in tests/fixtures/invalid/{name}/"));
        }
        if !docs.contains(&format!("## `{name}`")) {
            missing.push(format!("docs/diagnostics.md has no section `## `{name}``"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
