//! File discovery through the real binary, as a CI maintainer meets it: `competence check` in
//! an ordinary repository checks the competence files and leaves every other YAML file, the
//! ignored and the hidden ones alone; `--exclude`, standard input and named files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "competence-discovery-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

fn competence(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const WORKFLOW: &str = "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";
const COMPOSE: &str = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n";
/// A competence file with errors: found only if a walk goes where it must not.
const BROKEN: &str = "format: competence/1\nkind: framework\nid: Not An Id\n";

/// A scratch git repository holding the shipped frameworks, a GitHub workflow, a
/// docker-compose file, an ignored directory and a hidden one (both with broken competence
/// files).
fn repository(name: &str) -> PathBuf {
    let dir = scratch(name);
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&dir)
        .status()
        .unwrap_or_else(|e| panic!("this test needs git: {e}"));
    assert!(git.success(), "git init failed");
    let shipped = root().join("frameworks");
    for entry in std::fs::read_dir(&shipped).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let target = dir.join("frameworks").join(entry.file_name());
        std::fs::create_dir_all(dir.join("frameworks")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(entry.path(), target).unwrap_or_else(|e| panic!("{e}"));
    }
    write(&dir, ".github/workflows/ci.yml", WORKFLOW);
    write(&dir, "docker-compose.yml", COMPOSE);
    write(
        &dir,
        "package.json",
        "{\"name\": \"site\", \"private\": true}\n",
    );
    write(&dir, ".gitignore", "/build/\n");
    write(&dir, "build/broken.yaml", BROKEN);
    write(&dir, ".drafts/broken.yaml", BROKEN);
    dir
}

fn shipped_count() -> usize {
    std::fs::read_dir(root().join("frameworks"))
        .map(|entries| entries.count())
        .unwrap_or(0)
}

#[test]
fn check_with_no_arguments_checks_exactly_the_competence_files() {
    let dir = repository("plain");
    let output = competence(&dir, &["check"], None);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}{}", stdout(&output));
    assert!(shipped_count() >= 6);
    assert!(
        err.contains(&format!("checked {} files: 0 errors", shipped_count())),
        "{err}"
    );
    // `check .` is the same run; --verbose names what was left alone, and never the ignored
    // or hidden files.
    let output = competence(&dir, &["check", ".", "--verbose", "--format", "json"], None);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    // The shipped frameworks may carry warnings (guardrail notes), never errors.
    let found: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        found
            .as_array()
            .is_some_and(|all| all.iter().all(|d| d["severity"] == "warning")),
        "{found}"
    );
    for left_alone in ["docker-compose.yml", "package.json"] {
        assert!(
            err.contains(&format!("skipped ./{left_alone}: does not declare")),
            "{err}"
        );
    }
    assert!(
        !err.contains(".github"),
        "hidden directories are not entered: {err}"
    );
    assert!(
        !err.contains("build/"),
        "ignored directories are not entered: {err}"
    );
    assert!(!err.contains(".drafts"), "{err}");
}

#[test]
fn a_named_file_is_always_checked() {
    let dir = repository("named");
    // Ignored, hidden, or not ours at all: named, it is checked and what is wrong is reported.
    let output = competence(
        &dir,
        &["check", "build/broken.yaml", ".drafts/broken.yaml"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("--> build/broken.yaml"), "{out}");
    assert!(out.contains("--> .drafts/broken.yaml"), "{out}");
    let output = competence(
        &dir,
        &["check", "docker-compose.yml", "--format", "json"],
        None,
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = found
        .as_array()
        .map(|all| all.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(!codes.is_empty(), "{found}");
    assert!(
        found
            .as_array()
            .is_some_and(|all| all.iter().all(|d| d["file"] == "docker-compose.yml")),
        "{found}"
    );
    // With --force-exclude (the pre-commit hook), a named file that is not ours is left alone.
    let output = competence(
        &dir,
        &[
            "check",
            "--force-exclude",
            "docker-compose.yml",
            "frameworks/mh-peer-support-worker@1.0.0.yaml",
        ],
        None,
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("checked 1 file: 0 errors"), "{err}");
}

#[test]
fn exclude_leaves_out_files_and_directories() {
    let dir = repository("exclude");
    write(&dir, "drafts/broken.yaml", BROKEN);
    write(&dir, "frameworks/old/broken.yml", BROKEN);
    let output = competence(&dir, &["check"], None);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let output = competence(
        &dir,
        &["check", "--exclude", "drafts/", "--exclude", "*.yml"],
        None,
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}{}", stdout(&output));
    assert!(
        err.contains(&format!("checked {} files", shipped_count())),
        "{err}"
    );
    // Anchored globs, and the catalog walk follows the same excludes.
    let output = competence(
        &dir,
        &[
            "check",
            "drafts",
            "--exclude",
            "/drafts/broken.yaml",
            "--catalog",
            "frameworks",
            "--exclude",
            "frameworks/old",
        ],
        None,
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}{}", stdout(&output));
    assert!(err.contains("checked 0 files"), "{err}");
    assert!(err.contains("no competence files found"), "{err}");
    let output = competence(&dir, &["check", "--exclude", "[z-a]"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid exclude glob"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn standard_input_with_a_file_name() {
    let dir = scratch("stdin");
    let text = std::fs::read_to_string(root().join("frameworks/mh-peer-support-worker@1.0.0.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "-"], Some(&text));
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("checked 1 file: 0 errors"), "{err}");
    // Findings name the file given for standard input, at the right line.
    let broken = text.replacen("id: mh-peer-support-worker\n", "id: Not An Id\n", 1);
    let output = competence(
        &dir,
        &["check", "-", "--stdin-filename", "frameworks/mine.yaml"],
        Some(&broken),
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("error[invalid-id]"), "{out}");
    assert!(out.contains("--> frameworks/mine.yaml:"), "{out}");
    // Without a name, `<stdin>`.
    let output = competence(&dir, &["check", "-", "--format", "github"], Some(&broken));
    assert!(
        stdout(&output).contains("file=<stdin>"),
        "{}",
        stdout(&output)
    );
    // The name's extension decides the kind: JSON Lines, one record per line.
    let records = "{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-1\",\"framework\":\"mh-peer-support-worker\",\"evidence\":[]}\n{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-2\",\"framework\":\"mh-peer-support-worker\",\"evidence\":[],\"oops\":1}\n";
    let output = competence(
        &dir,
        &[
            "check",
            "-",
            "--stdin-filename",
            "cohort.jsonl",
            "--format",
            "json",
        ],
        Some(records),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found[0]["file"], "cohort.jsonl", "{found}");
    assert_eq!(found[0]["code"], "unknown-field", "{found}");
    assert_eq!(found[0]["span"]["line"], 2, "{found}");
    // Standard input and files together.
    let output = competence(
        &root(),
        &["check", "-", "frameworks", "--stdin-filename", "x.yaml"],
        Some(&text),
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("checked {} files", shipped_count() + 1)),
        "{err}"
    );
}
