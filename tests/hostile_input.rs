//! Crafted input through the real binary and the library's entry points: no panic, located
//! findings, bounded output.

use competence::catalog::Catalog;
use competence::{Code, Limits, load_bytes, load_str};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn competence(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("competence-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Aliases to undefined anchors that used to panic inside the YAML deserializer.
const UNDEFINED_ALIASES: [&str; 5] = [
    "format: competence/1\nkind: framework\ndomains: [{x: [*c]}]\n",
    "format: competence/1\nkind: evidence\nevidence: [{x: [*c]}]\n",
    "format: competence/1\nkind: framework\ndomains: [{x: *c}]\n",
    "format: competence/1\nkind: crosswalk\nx: *c\nlinks: []\n",
    "format: competence/1\nkind: framework\nid: a\n---\nkind: framework\ndomains: [[*c]]\n---\nkind: framework\n",
];

#[test]
fn undefined_aliases_are_findings_in_every_command() {
    let dir = scratch("aliases");
    for (i, text) in UNDEFINED_ALIASES.iter().enumerate() {
        let file = format!("alias-{i}.yaml");
        write(&dir.join(&file), text);
        let out = competence(&dir, &["check", &file]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stdout}{stderr}");
        assert!(stdout.contains("error[yaml-syntax]"), "{file}: {stdout}");
        assert!(
            stdout.contains("names no anchor defined before it"),
            "{stdout}"
        );
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    }
    // One such file in a catalog directory no longer takes every command down.
    for args in [
        vec!["list", "--catalog", "."],
        vec!["resolve", "community-peer-support", "--catalog", "."],
    ] {
        let out = competence(&dir, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn undefined_aliases_are_findings_in_the_library() {
    let limits = Limits::default();
    for text in UNDEFINED_ALIASES {
        let found = |diagnostics: &[competence::Diagnostic]| {
            diagnostics
                .iter()
                .any(|d| d.code == Code::YamlSyntax && d.span.is_some())
        };
        assert!(found(&load_str(None, text, &limits).diagnostics), "{text}");
        assert!(
            found(&load_bytes(Some(Path::new("x.yaml")), text.as_bytes(), &limits).diagnostics),
            "{text}"
        );
        let mut catalog = Catalog::builtin();
        assert!(
            found(
                &catalog
                    .add_text(Some(Path::new("x.yaml")), text, &limits)
                    .diagnostics
            ),
            "{text}"
        );
    }
}

/// A framework with one type error in a single flow line of about `bytes` bytes.
fn long_line_framework(bytes: usize) -> String {
    let mut values = String::from("values: [");
    let mut i = 0;
    while values.len() < bytes / 2 {
        values.push_str(&format!("{{ id: v{i}, title: Value {i} }}, "));
        i += 1;
    }
    values.push_str("[oops], ");
    while values.len() < bytes {
        values.push_str(&format!("{{ id: w{i}, title: Value {i} }}, "));
        i += 1;
    }
    values.push_str("{ id: last, title: Last }]\n");
    format!("format: competence/1\nkind: framework\nid: x\nversion: 1.0.0\ntitle: T\n{values}")
}

#[test]
fn a_long_line_is_shown_as_a_window() {
    let dir = scratch("long-line");
    write(&dir.join("long.yaml"), long_line_framework(2_000_000));
    for format in ["human", "json", "github", "sarif"] {
        let out = competence(&dir, &["check", "long.yaml", "--format", format]);
        assert_eq!(out.status.code(), Some(1));
        // SARIF lists every rule with its description and fix: some 46 KB whatever the
        // input (the 2 MB line must not show through).
        assert!(
            out.stdout.len() < 80_000,
            "{format}: {} bytes of output",
            out.stdout.len()
        );
    }
    let out = competence(&dir, &["check", "long.yaml"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let snippet = stdout.lines().nth(3).unwrap_or_default();
    assert!(
        snippet.contains("…") && snippet.contains("[oops]"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bidi_controls_and_long_ids_are_escaped_and_shortened_everywhere() {
    let dir = scratch("bidi");
    let long = "y".repeat(10_000);
    write(
        &dir.join("ids.yaml"),
        format!(
            "format: competence/1\nkind: framework\nid: x\nversion: 1.0.0\ntitle: T\nvalues:\n  - {{ id: \"x\\u202Ey\", title: V }}\n  - {{ id: {long}, title: V }}\n"
        ),
    );
    for format in ["human", "json", "github", "sarif"] {
        let out = competence(&dir, &["check", "ids.yaml", "--format", format]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(!stdout.contains('\u{202e}'), "{format}: {stdout}");
        assert!(
            !stdout.contains(&"y".repeat(200)),
            "{format}: the long id is echoed whole"
        );
        // JSON and SARIF escape the backslash once more.
        let shown = if matches!(format, "json" | "sarif") {
            "x\\\\u{202e}y"
        } else {
            "x\\u{202e}y"
        };
        assert!(stdout.contains(shown), "{format}: {stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_document_limit_holds_for_yaml_and_json_lines() {
    let dir = scratch("documents");
    let record = r#"{"format":"competence/1","kind":"evidence","learner":"L","framework":"x"}"#;
    write(&dir.join("cohort.jsonl"), format!("{record}\n").repeat(5));
    let yaml = "format: competence/1\nkind: evidence\nlearner: L\nframework: x\n";
    write(&dir.join("stream.yaml"), [yaml; 5].join("---\n"));
    for file in ["cohort.jsonl", "stream.yaml"] {
        let out = competence(&dir, &["check", file, "--max-documents", "3"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{file}: {stdout}");
        assert!(
            stdout.contains("error[too-many-documents]"),
            "{file}: {stdout}"
        );
        assert!(
            stdout.contains(&format!("{file}:")),
            "{file}: not located: {stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn many_documents_with_findings_are_located() {
    // Each document has a finding located by the span parser: the locating is linear, so
    // this stays quick (it was quadratic: 8,000 such documents took seconds).
    let dir = scratch("many-documents");
    let doc = "format: competence/1\nkind: evidence\nlearner: L\nframework: mh-peer-support-worker@^1.0\nevidence:\n  - {id: a, kind: observation, date: 2026-03-14}\n  - {id: a, kind: observation, date: 2026-03-14}\n";
    write(&dir.join("many.yaml"), vec![doc; 3000].join("---\n"));
    let out = competence(&dir, &["check", "many.yaml", "--format", "json"]);
    let findings: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let findings = findings.as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), 3000);
    for (i, d) in findings.iter().enumerate() {
        assert_eq!(d["code"], "duplicate-evidence");
        assert_eq!(d["span"]["line"], 7 + 8 * i, "{d}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
