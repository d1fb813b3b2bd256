//! Evidence text never appears in a diagnostic, in any output format.
//!
//! Every fixture is checked again with a marker placed in the text fields of its evidence
//! (`summary`, `link`); then evidence built to make the parsers fail in each way they can, with
//! the marker in the offending value, is checked as YAML, JSON and JSON Lines. The marker must
//! appear in no rendered output: human (with snippets), JSON, GitHub annotations and SARIF.

use competence::check::check_paths;
use competence::diagnostic::render;
use competence::{Diagnostic, Limits};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const MARKER: &str = "SECRET-MARKER";

/// A fresh directory under the system's temporary directory.
fn scratch() -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "competence-privacy-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Checks `dir` and renders the findings in every format; returns them and the output.
fn check_and_render(dir: &Path) -> (Vec<Diagnostic>, String) {
    // Every file named, so each is checked whatever it declares (a walk would leave out a
    // file whose `format` is not ours).
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let report = check_paths(&files, &[], &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut out = render::human(&report.diagnostics, &report.sources);
    out.push_str(&render::json(&report.diagnostics));
    out.push_str(&render::github(&report.diagnostics));
    out.push_str(&render::sarif(&report.diagnostics));
    (report.diagnostics, out)
}

/// Marks the text fields of every evidence item in a YAML evidence file: replaces the values
/// of `summary:` and `link:` and adds a `summary` to block-style items without one.
fn mark_yaml(text: &str) -> String {
    if !text.contains("kind: evidence") {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(field) = ["summary:", "link:"]
            .iter()
            .find(|f| trimmed.starts_with(**f))
        {
            out.push_str(&format!(
                "{}{field} {MARKER} disclosed a private matter\n",
                " ".repeat(indent)
            ));
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if trimmed.starts_with("- id:") {
            out.push_str(&format!(
                "{}link: \"https://example.org/{MARKER}\"\n",
                " ".repeat(indent + 2)
            ));
            let has_summary = lines
                .clone()
                .take_while(|l| l.len() - l.trim_start().len() > indent)
                .any(|l| l.trim_start().starts_with("summary:"));
            if !has_summary {
                out.push_str(&format!(
                    "{}summary: {MARKER} disclosed a private matter\n",
                    " ".repeat(indent + 2)
                ));
            }
        }
    }
    out
}

/// Marks the evidence items of one JSON record.
fn mark_json(record: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(record) else {
        return record.to_owned();
    };
    if let Some(items) = value.get_mut("evidence").and_then(|e| e.as_array_mut()) {
        for item in items {
            if let Some(item) = item.as_object_mut() {
                item.insert("summary".into(), format!("{MARKER} disclosed").into());
                item.insert(
                    "link".into(),
                    format!("https://example.org/{MARKER}").into(),
                );
            }
        }
    }
    value.to_string()
}

/// Copies `from` (a file or a directory) into `to`, marking evidence text on the way.
fn copy_marked(from: &Path, to: &Path) {
    if from.is_dir() {
        let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}"));
        for entry in entries.flatten() {
            copy_marked(&entry.path(), &to.join(entry.file_name()));
        }
        return;
    }
    let Ok(text) = std::fs::read_to_string(from) else {
        // Not UTF-8 (an encoding fixture): nothing to mark.
        let _ = std::fs::copy(from, to);
        return;
    };
    let marked = match from.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => mark_yaml(&text),
        Some("json") => mark_json(&text),
        Some("jsonl") => text.lines().map(mark_json).collect::<Vec<_>>().join("\n") + "\n",
        _ => return,
    };
    if let Some(parent) = to.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(to, marked).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
}

fn fixture_cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = vec![root.join("valid")];
    let codes = std::fs::read_dir(root.join("invalid")).unwrap_or_else(|e| panic!("{e}"));
    for code in codes.flatten() {
        let entries = std::fs::read_dir(code.path()).unwrap_or_else(|e| panic!("{e}"));
        cases.extend(entries.flatten().map(|e| e.path()).filter(|p| {
            p.is_dir()
                || p.extension()
                    .is_some_and(|e| e == "yaml" || e == "json" || e == "jsonl")
        }));
    }
    cases.sort();
    cases
}

#[test]
fn no_fixture_echoes_evidence_text() {
    let mut marked_evidence = 0;
    let mut leaks = Vec::new();
    for case in fixture_cases() {
        let dir = scratch();
        let name = case.file_name().map(PathBuf::from).unwrap_or_default();
        copy_marked(&case, &dir.join(&name));
        let has_marker = std::fs::read_dir(&dir)
            .map(|_| contains_marker(&dir))
            .unwrap_or(false);
        marked_evidence += usize::from(has_marker);
        let (_, out) = check_and_render(&dir);
        if out.contains(MARKER) {
            leaks.push(format!("{}:\n{out}", case.display()));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        marked_evidence >= 10,
        "only {marked_evidence} fixtures had evidence to mark"
    );
    assert!(
        leaks.is_empty(),
        "evidence text in diagnostics:\n{}",
        leaks.join("\n")
    );
}

fn contains_marker(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let path = e.path();
            if path.is_dir() {
                contains_marker(&path)
            } else {
                std::fs::read_to_string(&path).is_ok_and(|t| t.contains(MARKER))
            }
        })
}

/// One evidence item's fields, in YAML flow style, with `{field}` replaced.
const ITEM: &str = "id: obs-1, kind: observation, date: 2026-03-14, claims: [active-listening]";

/// An evidence record in YAML with `item` as its only item and `extra` lines at the top.
fn record(extra: &str, item: &str) -> String {
    format!(
        "format: competence/1\nkind: evidence\nlearner: L-0042\nframework: mh-peer-support-worker@^1.0\n{extra}evidence:\n  - {{{item}}}\n"
    )
}

/// Evidence that makes the parsers and the checks fail in every way, the marker in the value
/// each finding is about. `m` is the marker inside a phrase, as text would hold it.
fn hostile_evidence() -> Vec<(&'static str, String)> {
    let m = format!("{MARKER} disclosed self-harm on the ward");
    let item = |field: &str, value: &str| {
        let mut fields: Vec<String> = ITEM
            .split(", ")
            .filter(|f| !f.starts_with(&format!("{field}:")))
            .map(str::to_owned)
            .collect();
        fields.push(format!("{field}: {value}"));
        fields.join(", ")
    };
    vec![
        ("unknown variant", record("", &item("outcome", &m))),
        (
            "unknown variant, one word",
            record("", &item("outcome", MARKER)),
        ),
        ("invalid date", record("", &item("date", &m))),
        ("invalid date, one word", record("", &item("date", MARKER))),
        (
            "string for a list",
            record("", &item("claims", &format!("\"{m}\""))),
        ),
        ("unknown field", record("", &format!("{ITEM}, \"{m}\": 1"))),
        (
            "unknown field, one word",
            record("", &format!("{ITEM}, {MARKER}: 1")),
        ),
        (
            "unknown top-level field",
            record(&format!("{MARKER}: {m}\n"), ITEM),
        ),
        ("invalid id", record("", &item("id", &format!("\"{m}\"")))),
        (
            "invalid kind",
            record("", &item("kind", &format!("\"{m}\""))),
        ),
        (
            "unknown claim",
            record("", &item("claims", &format!("[\"{m}\"]"))),
        ),
        (
            "unknown level",
            record(
                "",
                &item(
                    "claims",
                    &format!("[{{competency: active-listening, level: \"{m}\"}}]"),
                ),
            ),
        ),
        (
            "unknown indicator",
            record(
                "",
                &item(
                    "claims",
                    &format!("[{{competency: active-listening, indicators: [\"{m}\"]}}]"),
                ),
            ),
        ),
        (
            "text where a map is",
            record("", &item("claims", &format!("[{{\"{m}\": 1}}]"))),
        ),
        (
            "summary of the wrong type",
            record("", &format!("{ITEM}, summary: [\"{m}\"]")),
        ),
        (
            "summary as a map",
            record("", &format!("{ITEM}, summary: {{\"{m}\": 1}}")),
        ),
        (
            "duplicate text key",
            record("", &format!("{ITEM}, \"{m}\": 1, \"{m}\": 2")),
        ),
        (
            "duplicate summary",
            record(
                "",
                &format!("{ITEM}, summary: \"{m}\", summary: \"{m} again\""),
            ),
        ),
        (
            "learner as text",
            format!("format: competence/1\nkind: evidence\nlearner: \"{m}\"\nframework: x\n"),
        ),
        (
            "framework as text",
            format!("format: competence/1\nkind: evidence\nlearner: L\nframework: \"{m}\"\n"),
        ),
        (
            "format as text",
            format!("format: \"{m}\"\nkind: evidence\nlearner: L\nframework: x\n"),
        ),
        (
            "kind as text",
            format!("format: competence/1\nkind: \"{m}\"\nlearner: L\n"),
        ),
        (
            "evidence as text",
            format!(
                "format: competence/1\nkind: evidence\nlearner: L\nframework: x\nevidence: \"{m}\"\n"
            ),
        ),
        (
            "unclosed quote",
            record("", &format!("{ITEM}, summary: \"{m}")),
        ),
        (
            "control character",
            record("", &format!("{ITEM}, summary: \"{m}\u{7}\"")),
        ),
        ("raw NUL", record("", &format!("{ITEM}, summary: {m}\0"))),
        (
            "undefined alias",
            record("", &format!("{ITEM}, summary: *{MARKER}")),
        ),
        (
            "nested undefined alias",
            format!("format: competence/1\nkind: evidence\nevidence: [{{x: [*{MARKER}]}}]\n"),
        ),
        (
            "bad indentation",
            format!(
                "format: competence/1\nkind: evidence\nlearner: L\n  summary: {m}\n bad: {m}\n"
            ),
        ),
        (
            "tab",
            format!("format: competence/1\nkind: evidence\nlearner: L\nsummary:\n\t- {m}\n"),
        ),
        ("integer outcome", record("", &item("outcome", "12"))),
        (
            "long text",
            record("", &item("outcome", &format!("\"{}\"", m.repeat(500)))),
        ),
    ]
}

/// The same record as JSON, when it is well-formed YAML.
fn as_json(yaml: &str) -> Option<String> {
    let value: serde_json::Value = serde_yaml::from_str(yaml).ok()?;
    Some(value.to_string())
}

#[test]
fn no_parser_error_echoes_evidence_text() {
    let mut leaks = Vec::new();
    let mut silent = Vec::new();
    for (name, yaml) in hostile_evidence() {
        let mut inputs = vec![("record.yaml", yaml.clone())];
        if let Some(json) = as_json(&yaml) {
            inputs.push(("record.json", json.clone()));
            inputs.push(("cohort.jsonl", format!("{json}\n{json}\n")));
        }
        for (file, text) in inputs {
            let dir = scratch();
            std::fs::write(dir.join(file), &text).unwrap_or_else(|e| panic!("{e}"));
            let (diagnostics, out) = check_and_render(&dir);
            // Converting to JSON may drop what made the YAML wrong (a repeated key).
            if diagnostics.is_empty() && file == "record.yaml" {
                silent.push(format!("{name} ({file})"));
            }
            if out.contains(MARKER) {
                leaks.push(format!("{name} ({file}):\n{out}"));
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    assert!(silent.is_empty(), "no finding for: {}", silent.join(", "));
    assert!(
        leaks.is_empty(),
        "evidence text in diagnostics:\n{}",
        leaks.join("\n")
    );
}

/// JSON and JSON Lines evidence written by hand: parser errors only JSON has.
#[test]
fn no_json_parser_error_echoes_evidence_text() {
    let m = format!("{MARKER} disclosed");
    let head = r#""format":"competence/1","kind":"evidence","learner":"L","framework":"mh-peer-support-worker@^1.0""#;
    let item = r#""id":"e","kind":"observation","date":"2026-03-14""#;
    let records = [
        format!(r#"{{{head},"evidence":[{{{item},"outcome":"{m}"}}]}}"#),
        format!(r#"{{{head},"evidence":[{{{item},"date":"{m}"}}]}}"#),
        format!(r#"{{{head},"evidence":[{{{item},"{m}":1}}]}}"#),
        format!(r#"{{{head},"evidence":[{{{item},"claims":"{m}"}}]}}"#),
        format!(r#"{{{head},"evidence":[{{{item},"summary":"{m}"#),
        format!("{{{head},\"evidence\":[{{{item},\"summary\":\"{m}\u{1}\"}}]}}"),
        format!(r#"{{{head},"evidence":[{{{item},"summary":"{m}"}}]}} trailing {m}"#),
        format!(r#"{{{head},"evidence":[{{{item},"summary":"{m}",,}}]}}"#),
        format!(r#"{{{head},"evidence":[{{{item},"summary":"{m}","summary":"{m}"}}]}}"#),
    ];
    let mut leaks = Vec::new();
    for (i, record) in records.iter().enumerate() {
        for (file, text) in [
            ("record.json", record.clone()),
            ("cohort.jsonl", format!("{record}\n{record}\n")),
        ] {
            let dir = scratch();
            std::fs::write(dir.join(file), &text).unwrap_or_else(|e| panic!("{e}"));
            let (diagnostics, out) = check_and_render(&dir);
            assert!(
                !diagnostics.is_empty(),
                "record {i} ({file}) has no finding"
            );
            if out.contains(MARKER) {
                leaks.push(format!("record {i} ({file}):\n{out}"));
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    assert!(
        leaks.is_empty(),
        "evidence text in diagnostics:\n{}",
        leaks.join("\n")
    );
}
