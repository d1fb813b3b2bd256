//! The shipped frameworks and examples, as a new user meets them: they check clean, the
//! catalog lists them, and the README's main command prints a development plan.

use std::path::Path;
use std::process::{Command, Output};

fn competence(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

/// Warnings the shipped files carry on purpose, each justified by a comment at its line.
const JUSTIFIED_WARNINGS: &[(&str, &str, &str)] = &[
    (
        "excluded-claim",
        "examples/evidence/learner-forensic.yaml",
        "evidence[7].claims[0].competency",
    ),
    (
        "added-to-core",
        "frameworks/riverside-forensic-psw@1.0.0.yaml",
        "tailoring.add_indicators[0].id",
    ),
    (
        "added-to-core",
        "frameworks/riverside-forensic-psw@1.0.0.yaml",
        "tailoring.add_indicators[1].id",
    ),
    (
        "added-to-core",
        "frameworks/riverside-forensic-psw@2.0.0.yaml",
        "tailoring.add_indicators[0].id",
    ),
    (
        "added-to-core",
        "frameworks/riverside-forensic-psw@2.0.0.yaml",
        "tailoring.add_indicators[1].id",
    ),
    (
        "added-to-core",
        "frameworks/riverside-forensic-psw@2.0.0.yaml",
        "tailoring.add_indicators[2].id",
    ),
    (
        "added-to-core",
        "frameworks/srn-values-peer-support@1.0.0.yaml",
        "tailoring.add_indicators[0].id",
    ),
    (
        "added-to-core",
        "frameworks/srn-values-peer-support@1.0.1.yaml",
        "tailoring.add_indicators[0].id",
    ),
];

#[test]
fn shipped_files_check_clean() {
    let output = competence(&["check", "frameworks", "examples", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let findings: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(String, String, String)> = findings
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    let text = |k: &str| d[k].as_str().unwrap_or_default().replace('\\', "/");
                    (text("code"), text("file"), text("path"))
                })
                .collect()
        })
        .unwrap_or_default();
    let justified: Vec<(String, String, String)> = JUSTIFIED_WARNINGS
        .iter()
        .map(|(c, f, p)| ((*c).to_owned(), (*f).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(found, justified, "only justified warnings may remain");
    for (_, file, _) in JUSTIFIED_WARNINGS {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .unwrap_or_default();
        assert!(
            text.contains("# Deliberate:"),
            "{file} should justify its warnings in a comment"
        );
    }
}

#[test]
fn every_shipped_file_has_the_schema_modeline() {
    for dir in ["frameworks", "examples/evidence"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let first = text.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("# yaml-language-server: $schema=")
                    && first.ends_with(".schema.json"),
                "{} lacks the schema modeline",
                path.display()
            );
            let schema = first.trim_start_matches("# yaml-language-server: $schema=");
            assert!(
                root.join(schema).is_file(),
                "{}: {schema} does not exist",
                path.display()
            );
        }
    }
}

#[test]
fn list_shows_the_shipped_frameworks() {
    let output = competence(&["list"]);
    assert_eq!(output.status.code(), Some(0));
    let out = String::from_utf8_lossy(&output.stdout);
    for id in [
        "mh-peer-support-worker",
        "peer-worker-apprenticeship",
        "srn-values-peer-support",
        "riverside-forensic-psw",
        "northgate-community-racialised-communities",
    ] {
        assert!(out.contains(id), "{id} missing from\n{out}");
    }
}

#[test]
fn readme_main_command_prints_a_development_plan() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap_or_default();
    let command = "cargo run -- assess examples/evidence/learner-ready.yaml --role peer-support-worker --as-of 2026-11-27 --format markdown";
    assert!(
        readme.contains(command),
        "the README's main command changed: update this test"
    );
    let output = competence(&[
        "assess",
        "examples/evidence/learner-ready.yaml",
        "--role",
        "peer-support-worker",
        "--as-of",
        "2026-11-27",
        "--format",
        "markdown",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan = String::from_utf8_lossy(&output.stdout);
    assert!(plan.starts_with("# Development plan for L-0042"), "{plan}");
    assert!(
        plan.contains("**All 29 areas of the Peer Support Worker profile are shown.**"),
        "{plan}"
    );
    assert!(plan.contains("## In the learner's own words"), "{plan}");
}

/// peer-worker-apprenticeship 2.0.0 renamed the 1.0.0 ids that looked like the standard's
/// codes (`K4`, `S1`, `k4-signs-of-abuse`, …); `replaces` keeps evidence recorded against them
/// counting, indicators included, so the renamed competencies are met as before.
#[test]
fn apprenticeship_evidence_under_the_old_ids_still_counts() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped-apprenticeship-ids");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let record = dir.join("record.yaml");
    std::fs::write(
        &record,
        "format: competence/1\nkind: evidence\nlearner: A-0001\nframework: peer-worker-apprenticeship@2\n\
         evidence:\n\
         \x20 - id: obs-1\n    kind: observation\n    date: 2026-05-01\n    claims:\n\
         \x20     - { competency: S1, indicators: [s1-builds-trust, s1-shares-power] }\n\
         \x20     - { competency: K4, indicators: [k4-signs-of-abuse, k4-suicide-awareness, k4-escalation-routes] }\n\
         \x20 - id: pd-1\n    kind: professional-discussion\n    date: 2026-06-01\n    claims: [S1, K4]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = record.to_string_lossy().into_owned();
    let output = competence(&[
        "assess",
        &path,
        "--role",
        "gateway",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let ledger = report["ledger"].as_array().cloned().unwrap_or_default();
    assert_eq!(ledger.len(), 4);
    assert!(
        ledger.iter().all(|e| e["disposition"] == "migrated"),
        "{ledger:#?}"
    );
    let status = |id: &str| {
        report["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["competencies"].as_array().cloned().unwrap_or_default())
            .find(|c| c["id"] == id)
            .map(|c| c["status"].clone())
    };
    for id in [
        "mutual-reciprocal-relationships",
        "safeguarding-and-keeping-safe",
    ] {
        assert_eq!(status(id), Some(serde_json::json!("met")), "{id}");
    }
}
