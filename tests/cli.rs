//! Runs the real `competence` binary.

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

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("competence-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const FOUR_PROBLEMS: &str = "\
format: competence/1
kind: framework
id: demo
version: 1.0.0
title: Demo
scale:
  - { id: developing, title: Developing }
values:
  - { id: mutuality, title: Mutuality }
domains:
  - id: relational
    title: Relational
    competencies:
      - id: listening
        title: Listening
        values: [mutuality]
        requires: [sharing]
        indicators:
          - { id: reflects, text: Reflects back what they heard. }
      - id: sharing
        title: Sharing
        values: [mutuality]
        requires: [listening, nowhere]
        indicators:
          - { id: reflects, text: Shares with purpose. }
roles:
  - id: worker
    title: Worker
    targets: { relational: expert }
assessment:
  evidence:
    observation: { weight: 1.0, independent: true }
";

#[test]
fn four_problems_in_one_file_all_reported_with_locations() {
    let dir = scratch("four");
    std::fs::write(dir.join("bad.yaml"), FOUR_PROBLEMS).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "bad.yaml", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let expected = [
        "::error file=bad.yaml,line=23,col=20,", // cycle closes at sharing -> listening
        "::error file=bad.yaml,line=23,col=31,", // dangling requires: nowhere
        "::error file=bad.yaml,line=25,col=19,", // duplicate id: reflects
        "::error file=bad.yaml,line=29,col=28,", // unknown level: expert
    ];
    for (line, prefix) in out.lines().zip(expected) {
        assert!(
            line.starts_with(prefix),
            "{line} should start with {prefix}"
        );
    }
    for code in [
        "requires-cycle",
        "unknown-reference",
        "duplicate-id",
        "unknown-level",
    ] {
        assert!(
            out.contains(&format!("title={code}::")),
            "{code} missing from\n{out}"
        );
    }
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(stderr(&output).contains("4 errors"), "{}", stderr(&output));
}

#[test]
fn syntax_error_is_located_and_valid_file_exits_zero() {
    let dir = scratch("syntax");
    std::fs::write(
        dir.join("broken.yaml"),
        "format: competence/1\nkind: framework\nid: x\ntitle: [unclosed\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "broken.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.starts_with("error[yaml-syntax]"), "{out}");
    assert!(out.contains("--> broken.yaml:5:1"), "{out}");

    let output = competence(
        &root(),
        &["check", "frameworks/mh-peer-support-worker@1.0.0.yaml"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn json_output_is_valid_json() {
    let dir = scratch("json");
    std::fs::write(dir.join("bad.yaml"), FOUR_PROBLEMS).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "bad.yaml", "--format", "json"]);
    let parsed: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    let array = parsed.as_array().map_or(0, Vec::len);
    assert_eq!(array, 4);
    assert_eq!(parsed[0]["span"]["line"], 23);
    assert_eq!(parsed[2]["related"][0]["span"]["line"], 19);
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let dir = scratch("sarif");
    std::fs::write(dir.join("bad.yaml"), FOUR_PROBLEMS).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "bad.yaml", "--format", "sarif"]);
    let parsed: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed["version"], "2.1.0");
    assert_eq!(
        parsed["runs"][0]["results"].as_array().map_or(0, Vec::len),
        4
    );
    assert_eq!(
        parsed["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        23
    );
}

#[test]
fn schema_command_matches_committed_file() {
    for kind in ["framework", "evidence", "crosswalk"] {
        let output = competence(&root(), &["schema", kind]);
        assert_eq!(output.status.code(), Some(0));
        let committed = std::fs::read_to_string(root().join(format!("schema/{kind}.schema.json")))
            .unwrap_or_default();
        assert_eq!(stdout(&output), committed, "{kind}");
    }
}

#[test]
fn usage_errors_and_missing_files_exit_two() {
    let output = competence(&root(), &["check", "no/such/file.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/file.yaml"),
        "{}",
        stderr(&output)
    );
    let output = competence(&root(), &["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let output = competence(&root(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn directories_are_walked_and_all_files_reported() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("nested")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("a.yaml"), "format: competence/1\nkind: nonsense\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("nested/b.yml"),
        "format: competence/1\nkind: framework\nid: b\nversion: 1.0\ntitle: B\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("notes.txt"), "not checked").unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let parsed: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = parsed
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["unknown-kind", "invalid-version"]);
    assert!(
        stderr(&output).contains("checked 2 files"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn evidence_text_is_never_echoed() {
    let dir = scratch("private");
    let record = "format: competence/1\nkind: evidence\nlearner: L-1\nframework: x\nevidence:\n  - id: e1\n    kind: observation\n    date: 2026-02-30\n    summary: PRIVATE lived experience text\n";
    std::fs::write(dir.join("record.yaml"), record).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", "record.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("[invalid-date]"), "{out}");
    assert!(!out.contains("PRIVATE"), "{out}");
}

#[test]
fn assess_through_the_shipped_crosswalk_records_crosswalked_claims() {
    let report = gateway_report("peer-worker-apprenticeship@^1");
    assert_eq!(
        report["framework"]["crosswalk"]["name"],
        "mh-peer-support-worker-to-peer-worker-apprenticeship@1.0.0"
    );
    let ledger = report["ledger"].as_array().cloned().unwrap_or_default();
    let crosswalked: Vec<&serde_json::Value> = ledger
        .iter()
        .filter(|e| e["disposition"] == "crosswalked")
        .collect();
    assert!(!crosswalked.is_empty());
    // sharing-lived-experience is linked exactly to S5, at the mapped level.
    assert!(crosswalked.iter().any(|e| e["competency"] == "S5"
        && e["crosswalked_from"] == "sharing-lived-experience"
        && e["relation"] == "exact"
        && e["level"] == "pass"));
    // related links are recorded, and never count.
    assert!(
        ledger
            .iter()
            .any(|e| e["disposition"] == "related" && e["relation"] == "related")
    );
    // Evidence that counted for S5 is listed on S5.
    let s5 = report["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["competencies"].as_array().cloned().unwrap_or_default())
        .find(|c| c["id"] == "S5")
        .unwrap_or_default();
    assert!(
        !s5["evidence"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .is_empty()
    );
}

/// The JSON report of the ready example learner assessed for `framework`'s gateway role
/// (through the shipped crosswalk); the command must succeed.
fn gateway_report(framework: &str) -> serde_json::Value {
    let output = competence(
        &root(),
        &[
            "assess",
            "--framework",
            framework,
            "--role",
            "gateway",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "examples/evidence/learner-ready.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"))
}

/// Crosswalk 2.0.0 reads national-framework evidence towards peer-worker-apprenticeship 2.0.0:
/// its renamed ids, the links 1.0.0 lacked, and `developing` left out of the level map, so
/// training-stage evidence is recorded but does not count towards gateway.
#[test]
fn assess_through_crosswalk_2_leaves_developing_evidence_uncounted() {
    let report = gateway_report("peer-worker-apprenticeship");
    assert_eq!(
        report["framework"]["crosswalk"]["name"],
        "mh-peer-support-worker-to-peer-worker-apprenticeship@2.0.0"
    );
    let ledger = report["ledger"].as_array().cloned().unwrap_or_default();
    let via = |from: &str, to: &str, disposition: &str, level: Option<&str>| {
        ledger.iter().any(|e| {
            e["crosswalked_from"] == from
                && e["competency"] == to
                && e["disposition"] == disposition
                && level.is_none_or(|l| e["level"] == l)
        })
    };
    assert!(via(
        "sharing-lived-experience",
        "sharing-experience-purposefully",
        "crosswalked",
        Some("pass")
    ));
    // The links crosswalk 1.0.0 said had no counterpart.
    assert!(via(
        "peer-relationship",
        "agreeing-purpose-and-boundaries",
        "crosswalked",
        None
    ));
    assert!(via(
        "peer-relationship",
        "endings-and-transitions",
        "crosswalked",
        None
    ));
    assert!(via(
        "self-harm-and-suicide-prevention",
        "recognising-and-raising-concerns",
        "crosswalked",
        None
    ));
    // Supervision records carry across now that the apprenticeship accepts them.
    assert!(
        ledger
            .iter()
            .any(|e| e["kind"] == "supervision" && e["disposition"] == "crosswalked")
    );
    // Evidence at `developing` stays in the ledger and does not count.
    assert!(
        ledger
            .iter()
            .filter(|e| e["crosswalked_from"].is_string() && e["level"] == "developing")
            .all(|e| e["disposition"] == "unknown-level")
    );
    assert!(
        ledger
            .iter()
            .any(|e| e["evidence"] == "cert-2025-06-27" && e["disposition"] == "unknown-level")
    );
    // No id in the report looks like one of the standard's codes.
    assert!(ledger.iter().all(|e| {
        let id = e["competency"].as_str().unwrap_or_default();
        !(id.len() <= 3 && id.starts_with(['K', 'S', 'B']))
    }));
}

#[test]
fn diff_check_fails_when_a_removal_gets_only_a_minor_bump() {
    let dir = scratch("diff-check");
    let fixtures = root().join("tests/fixtures/diff/item-removed");
    let old = std::fs::read_to_string(fixtures.join("old.yaml")).unwrap_or_default();
    let new = std::fs::read_to_string(fixtures.join("new.yaml"))
        .unwrap_or_default()
        .replace("version: 2.0.0", "version: 1.1.0");
    std::fs::write(dir.join("old.yaml"), old).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("new.yaml"), new).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["diff", "old.yaml", "new.yaml", "--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("needs a major version bump"), "{err}");
    assert!(
        err.contains("[item-removed] competency `sharing` removed"),
        "{err}"
    );
    let out = stdout(&output);
    assert!(out.contains("major (1):"), "{out}");
    assert!(out.contains("old: old.yaml:24:"), "{out}");
    // Without --check the same diff succeeds; with a major bump --check passes.
    let output = competence(&dir, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    let output = competence(
        &dir,
        &[
            "diff",
            "old.yaml",
            &fixtures.join("new.yaml").to_string_lossy(),
            "--check",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["required"], "major");
    assert_eq!(json["ok"], true);
    assert_eq!(json["changes"][0]["rule"], "item-removed");
}

#[test]
fn diff_of_catalog_versions_and_unreadable_input() {
    let output = competence(
        &root(),
        &[
            "diff",
            "mh-peer-support-worker@1.0.0",
            "mh-peer-support-worker@1.0.0",
            "--check",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("no changes"));
    let output = competence(
        &root(),
        &["diff", "no-such-file.yaml", "mh-peer-support-worker@1.0.0"],
    );
    assert_eq!(output.status.code(), Some(2));
    let dir = scratch("diff-broken");
    std::fs::write(
        dir.join("bad.yaml"),
        "format: competence/1\nkind: framework\nid: [\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["diff", "bad.yaml", "mh-peer-support-worker@1.0.0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("yaml-syntax"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_lines_are_checked_line_by_line() {
    let dir = scratch("jsonl");
    let good = r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"mh-peer-support-worker","evidence":[{"id":"o1","kind":"observation","date":"2026-01-10","claims":["no-such-competency"]}]}"#;
    let text = format!(
        "{good}\n\n{{\"format\": \"competence/1\", \"kind\": \"evidence\", \"learner\": \"L-2\", \"framework\": 12}}\nnot json\n"
    );
    std::fs::write(dir.join("cohort.jsonl"), text).unwrap_or_else(|e| panic!("{e}"));
    let output = competence(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let parsed: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(String, u64)> = parsed
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or_default().to_owned(),
                        d["span"]["line"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected = [
        ("unknown-competency", 1),
        ("wrong-type", 3),
        ("yaml-syntax", 4),
    ];
    let expected: Vec<(String, u64)> = expected
        .iter()
        .map(|(c, l)| ((*c).to_owned(), *l))
        .collect();
    assert_eq!(found, expected);
}

/// `assess` does not repeat the shipped tailorings' own (justified) warnings on every run, but
/// still shows the warnings of a tailoring the user brings with `--catalog`.
#[test]
fn assess_shows_warnings_of_the_users_catalog_not_of_the_built_in_tailorings() {
    let root = root();
    let built_in = competence(
        &root,
        &[
            "assess",
            "examples/evidence/learner-forensic.yaml",
            "--role",
            "peer-support-worker",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "-o",
            "-",
        ],
    );
    assert_eq!(built_in.status.code(), Some(0), "{}", stderr(&built_in));
    assert!(
        !stderr(&built_in).contains("added-to-core"),
        "{}",
        stderr(&built_in)
    );
    // `check` still reports them.
    let check = competence(
        &root,
        &["check", "frameworks/riverside-forensic-psw@2.0.0.yaml"],
    );
    assert!(
        stdout(&check).contains("warning[added-to-core]"),
        "{}",
        stdout(&check)
    );

    let dir = scratch("own-catalog-warnings");
    let fixture = root.join("tests/fixtures/invalid/added-to-core/indicator-into-core");
    std::fs::create_dir_all(dir.join("catalog")).unwrap_or_else(|e| panic!("{e}"));
    for name in ["base.yaml", "tailoring.yaml"] {
        std::fs::copy(fixture.join(name), dir.join("catalog").join(name))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let evidence = "format: competence/1\nkind: evidence\nlearner: L-1\nframework: demo-local\n\
                    evidence:\n  - id: e1\n    kind: observation\n    date: 2026-03-14\n    \
                    claims: [listening]\n";
    std::fs::write(dir.join("ev.yaml"), evidence).unwrap_or_else(|e| panic!("{e}"));
    let own = competence(
        &dir,
        &[
            "assess",
            "ev.yaml",
            "--catalog",
            "catalog",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "-o",
            "-",
        ],
    );
    assert_eq!(own.status.code(), Some(0), "{}", stderr(&own));
    assert!(
        stderr(&own).contains("warning[added-to-core]"),
        "{}",
        stderr(&own)
    );
}
