//! SARIF output against the official SARIF 2.1.0 JSON schema (OASIS, errata 01, vendored in
//! `tests/sarif/`; see the README there), and the fields code-scanning tools read: rules with
//! a full description, help and a `helpUri` on docs.rs whose anchor is a real heading of
//! `docs/diagnostics.md` (published as the module `diagnostic::reference`), related
//! locations, `columnKind`, percent-encoded relative URIs.

use competence::Limits;
use competence::check::check_files;
use competence::diagnostic::{Code, Diagnostic, DocPath, render};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/sarif/sarif-schema-2.1.0.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the vendored schema does not compile: {e}"))
}

fn assert_valid(log: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "jsonl" || e == "json")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The findings of every invalid fixture, named relative to the repository root (as `check`
/// run there names them).
fn every_finding() -> Vec<Diagnostic> {
    let files: Vec<PathBuf> = files_under(&root().join("tests/fixtures/invalid"))
        .into_iter()
        .filter_map(|p| p.strip_prefix(root()).ok().map(Path::to_owned))
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    assert_eq!(cwd, root(), "tests run in the package root");
    let report = check_files(&files, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    report.diagnostics
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_fixture_finding_validates_against_the_official_schema() {
    let found = every_finding();
    assert!(found.len() > 50, "{}", found.len());
    assert!(found.iter().any(|d| !d.related.is_empty()));
    let log = parse(&render::sarif(&found));
    assert_valid(&log);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    // Related spans become related locations, each located and explained.
    let with_related = run["results"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r.get("relatedLocations").is_some()))
        .unwrap_or_else(|| panic!("no result has related locations"));
    let first = &with_related["relatedLocations"][0];
    assert_eq!(first["id"], 0);
    assert!(
        first["message"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(
        first["physicalLocation"]["region"]["startLine"].is_u64(),
        "{first}"
    );
    // Relative, percent-encoded URIs against %SRCROOT%.
    for result in run["results"].as_array().into_iter().flatten() {
        let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = artifact["uri"].as_str().unwrap_or_default();
        assert!(uri.starts_with("tests/fixtures/invalid/"), "{uri}");
        assert!(!uri.contains('@') && !uri.contains(' '), "{uri}");
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
    }
    // A finding with help keeps it.
    assert!(
        run["results"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["message"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("\nhelp: "))),
        "no result carries its help"
    );
}

/// The anchor rustdoc (and GitHub) gives a Markdown heading: lower case, punctuation other
/// than `-` and `_` dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn rules_describe_every_code_and_link_to_its_heading() {
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let anchors: Vec<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(anchor)
        .collect();
    let log = parse(&render::sarif(&[]));
    assert_valid(&log);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), Code::ALL.len());
    let page = format!(
        "https://docs.rs/competence/{}/competence/diagnostic/reference/index.html",
        env!("CARGO_PKG_VERSION")
    );
    for (rule, code) in rules.iter().zip(Code::ALL) {
        let id = code.as_str();
        assert_eq!(rule["id"], id);
        // Every code has its heading, whose anchor is the code itself.
        // Exactly one: a second would get the anchor `{id}-1`.
        assert_eq!(
            anchors.iter().filter(|a| *a == id).count(),
            1,
            "one heading ## `{id}`"
        );
        let full = rule["fullDescription"]["text"].as_str().unwrap_or_default();
        assert!(full.len() > code.summary().len() / 2, "{id}: {full}");
        let help = rule["help"]["text"].as_str().unwrap_or_default();
        assert!(help.starts_with("Fix: "), "{id}: {help}");
        // The reference as this version of the crate publishes it (the module
        // `diagnostic::reference` is the text of docs/diagnostics.md), at the code's heading.
        let uri = rule["helpUri"].as_str().unwrap_or_default();
        let (at, fragment) = uri.split_once('#').unwrap_or((uri, ""));
        assert_eq!(at, page, "{id}");
        assert_eq!(fragment, id);
    }
}

#[test]
fn a_finding_without_a_file_has_no_artifact() {
    let d = Diagnostic::new(Code::UnknownKind, DocPath::root(0), "unknown kind");
    let log = parse(&render::sarif(&[d]));
    assert_valid(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0];
    assert!(location.get("physicalLocation").is_none(), "{location}");
    assert!(!log.to_string().contains("<input>"));
    // The validator does reject what the schema forbids.
    let mut wrong = log.clone();
    wrong["runs"][0]["columnKind"] = Value::from("characters");
    wrong["runs"][0]["results"][0]["locations"][0]["physicalLocation"] =
        serde_json::json!({ "region": { "startLine": 0 } });
    assert!(validator().iter_errors(&wrong).count() >= 2);
}

#[test]
fn odd_file_names_are_encoded() {
    let mut d = Diagnostic::new(Code::UnknownKind, DocPath::root(0), "unknown kind");
    d.file = Some(PathBuf::from("frameworks/team draft #2@1.0.0.yaml"));
    let mut absolute = d.clone();
    absolute.file = Some(std::env::temp_dir().join("a b.yaml"));
    let log = parse(&render::sarif(&[d, absolute]));
    assert_valid(&log);
    let results = &log["runs"][0]["results"];
    let artifact = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        artifact["uri"],
        "frameworks/team%20draft%20%232%401.0.0.yaml"
    );
    let artifact = &results[1]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(artifact.get("uriBaseId").is_none());
    assert!(
        artifact["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with("/a%20b.yaml")),
        "{artifact}"
    );
}
