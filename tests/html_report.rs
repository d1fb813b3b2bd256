//! HTML reports end to end: the real binary on the example learners, against the built-in
//! catalog.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLES: [&str; 3] = [
    "examples/evidence/learner-ready.yaml",
    "examples/evidence/learner-gaps.yaml",
    "examples/evidence/learner-forensic.yaml",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn assess(extra: &[&str]) -> Output {
    let mut args = vec!["assess"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--role", "peer-support-worker", "--as-of", "2026-11-27"]);
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(root())
        .args(&args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("competence-html-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `summary:` and `link:` values of the example records: text that must never reach a
/// report.
fn private_text() -> Vec<String> {
    let mut found = Vec::new();
    for file in EXAMPLES {
        for line in read(&root().join(file)).lines() {
            let line = line.trim();
            for key in ["summary:", "link:"] {
                if let Some(value) = line.strip_prefix(key) {
                    let value = value.trim().trim_matches('"');
                    if value.len() > 12 {
                        found.push(value.to_owned());
                    }
                }
            }
        }
    }
    assert!(
        found.len() > 5,
        "the examples have evidence summaries: {found:?}"
    );
    found
}

/// One self-contained, accessible page: no scripts, nothing fetched, a language, tables with
/// captions and scoped headers, and no evidence text.
fn assert_self_contained(html: &str) {
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<html").count(), 1, "one document");
    for needle in [
        "<meta charset=\"utf-8\">",
        "<style>",
        "<caption",
        "<th scope=\"col\"",
        "<th scope=\"row\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        " src=",
        "@import",
        "url(",
        "@font-face",
        "http://",
        "https://",
        "javascript:",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    for text in private_text() {
        assert!(!html.contains(&text), "evidence text in the report: {text}");
    }
}

#[test]
fn one_html_plan_per_learner_into_a_directory() {
    let dir = scratch("plans");
    let out = dir.join("plans");
    let mut args: Vec<&str> = EXAMPLES.to_vec();
    let out_arg = out.to_string_lossy().into_owned();
    args.extend_from_slice(&["--format", "html", "-o", &out_arg]);
    let output = assess(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());

    let ready = read(&out.join("L-0042.html"));
    assert_self_contained(&ready);
    assert!(ready.contains("<title>Development plan for L-0042</title>"));
    assert!(
        ready.contains(
            "<strong>All 28 areas of the Peer Support Worker profile are shown.</strong>"
        )
    );
    assert!(ready.contains("role=\"img\" aria-label=\"28 of 28 areas shown so far (100%)\""));
    assert!(!ready.contains("Next steps"));

    let gaps = read(&out.join("L-0107.html"));
    assert_self_contained(&gaps);
    assert!(
        gaps.contains("<strong>Working towards the Peer Support Worker profile</strong>: 20 of 28")
    );
    assert!(!gaps.contains("Not yet ready"));
    assert!(gaps.contains("aria-label=\"20 of 28 areas shown so far (71%)\""));
    assert!(gaps.contains("<h2 id=\"next-steps\">Next steps</h2>"));
    assert!(gaps.contains("waiting on another area"));
    assert!(gaps.contains("<th scope=\"row\">sup-2025-07-24</th>"));
    assert!(gaps.contains("expired"));
    // Strengths come first, then progress; the ledger last.
    let at = |needle: &str| gaps.find(needle).unwrap_or(usize::MAX);
    assert!(at("What the evidence shows") < at("Progress towards the profile"));
    assert!(at("Progress towards the profile") < at("Where things stand"));
    assert!(at("Where things stand") < at("Next steps"));
    assert!(at("Next steps") < at("Evidence ledger"));

    let forensic = read(&out.join("L-0311.html"));
    assert_self_contained(&forensic);
    assert!(forensic.contains("riverside-forensic-psw@2.0.0"));
    assert!(forensic.contains("<h2 id=\"not-applicable\">Not applicable here</h2>"));
    assert!(forensic.contains("<dt>Context</dt>"));

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_input_prints_its_plan_and_the_output_is_deterministic() {
    let first = assess(&[EXAMPLES[1], "--format", "html"]);
    let second = assess(&[EXAMPLES[1], "--format", "html"]);
    assert_eq!(first.status.code(), Some(0));
    let html = String::from_utf8_lossy(&first.stdout);
    assert_self_contained(&html);
    assert!(html.contains("Development plan for L-0107"));
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn several_html_plans_need_a_directory() {
    let output = assess(&[EXAMPLES[0], EXAMPLES[1], "--format", "html"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("give -o a directory"));
}

#[test]
fn cohort_page_shows_every_learner_by_competency() {
    let dir = scratch("cohort");
    let page = dir.join("cohort.html");
    let page_arg = page.to_string_lossy().into_owned();
    let mut args: Vec<&str> = EXAMPLES.to_vec();
    args.extend_from_slice(&["--cohort", &page_arg]);
    let output = assess(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Only the cohort page was asked for.
    assert!(output.stdout.is_empty());
    let html = read(&page);
    assert_self_contained(&html);
    assert!(html.contains("<h1>Cohort overview</h1>"));
    // A legend that spells out every abbreviation.
    for (letters, words) in [
        ("S", "shown"),
        ("IP", "in progress"),
        ("W", "waiting on another area"),
        ("NS", "not started yet"),
        ("NA", "not applicable here"),
    ] {
        assert!(html.contains(&format!(">{letters}</span> {words}</li>")));
    }
    // Two frameworks, so two heat maps: the two national learners share one.
    assert_eq!(html.matches("<table class=\"heat\">").count(), 2);
    assert!(html.contains(
        "<th scope=\"col\" class=\"learner\">L-0042</th><th scope=\"col\" class=\"learner\">L-0107</th>"
    ));
    assert!(html.contains("<th scope=\"col\" class=\"learner\">L-0311</th>"));
    assert!(html.contains("<th scope=\"rowgroup\""));
    assert!(!html.contains("Ready for the role"));
    assert!(html.contains("Patterns for planning support"));
    // Every cell carries its status in text as well as in colour.
    assert!(html.contains(
        "<td class=\"st-met\"><span aria-hidden=\"true\">S</span><span class=\"vh\">shown</span></td>"
    ));
    assert!(html.contains("<span class=\"vh\">waiting on another area</span>"));

    // With -o as well, the plans are written beside it, and the page is the same.
    let plans = dir.join("plans");
    let plans_arg = plans.to_string_lossy().into_owned();
    let mut args: Vec<&str> = EXAMPLES.to_vec();
    args.extend_from_slice(&["--cohort", &page_arg, "-o", &plans_arg]);
    let output = assess(&args);
    assert_eq!(output.status.code(), Some(0));
    assert!(plans.join("L-0107.md").is_file());
    assert_eq!(read(&page), html);

    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_organisations_record_gives_its_workers_plans_context() {
    let output = assess(&[
        EXAMPLES[1],
        "--organisation",
        "examples/evidence/organisation.yaml",
        "--format",
        "markdown",
        "--verbose", // the learner's line on stderr
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan = String::from_utf8_lossy(&output.stdout);
    assert!(
        plan.contains("## What your organisation is working on"),
        "{plan}"
    );
    assert!(plan.contains("- Fair employment and progression (in progress)"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ORG-1: reviewing against the Organisation readiness"),
        "{stderr}"
    );
    assert!(stderr.contains("L-0107: working towards the Peer Support Worker profile: 20 of 28"));
    // The forensic record names no organisation and gets the context too; the ready learner
    // would as well: only a record naming another organisation is left without it.
    let page = assess(&[
        "examples/evidence/learner-forensic.yaml",
        "--organisation",
        "examples/evidence/organisation.yaml",
        "--format",
        "html",
    ]);
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.contains("<h2 id=\"organisation\">What your organisation is working on</h2>"));
}
