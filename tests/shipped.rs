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
    (
        "added-to-core",
        "frameworks/srn-values-peer-support@1.0.2.yaml",
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
        plan.contains("**All 28 areas of the Peer Support Worker profile are shown.**"),
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

/// Runs `competence` and parses its stdout as JSON, failing with its stderr otherwise.
fn json_of(args: &[&str]) -> serde_json::Value {
    let output = competence(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Each new version of a shipped framework rises enough for its changes (issue 12's second
/// part): the base and Northgate by a minor version, the apprenticeship and SRN by a patch.
#[test]
fn content_review_versions_pass_the_semver_check() {
    for (old, new) in [
        (
            "mh-peer-support-worker@1.0.0",
            "frameworks/mh-peer-support-worker@1.1.0.yaml",
        ),
        (
            "peer-worker-apprenticeship@2.0.0",
            "frameworks/peer-worker-apprenticeship@2.0.1.yaml",
        ),
        (
            "srn-values-peer-support@1.0.1",
            "frameworks/srn-values-peer-support@1.0.2.yaml",
        ),
        (
            "northgate-community-racialised-communities@2.0.0",
            "frameworks/northgate-community-racialised-communities@2.1.0.yaml",
        ),
    ] {
        let output = competence(&["diff", old, new, "--check"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{old} -> {new}:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// The tailorings name the base `^1`, so they read 1.1.0 and its fixes as they are.
#[test]
fn tailorings_resolve_against_the_reviewed_base() {
    for id in [
        "srn-values-peer-support",
        "riverside-forensic-psw",
        "northgate-community-racialised-communities",
    ] {
        let resolved = json_of(&["resolve", id, "--format", "json"]);
        let chain = resolved["resolved"]["chain"].to_string();
        assert!(
            chain.contains("mh-peer-support-worker@1.1.0"),
            "{id}: {chain}"
        );
    }
}

/// The base framework's values: respect (the national framework's first value) is core and
/// linked to the values competency; lived experience of caring counts in area 3.2.
#[test]
fn base_values_include_respect_and_caring_experience() {
    let base = json_of(&["resolve", "mh-peer-support-worker@1.1", "--format", "json"]);
    let values = base["values"].as_array().cloned().unwrap_or_default();
    let respect = values.iter().find(|v| v["id"] == "respect");
    assert_eq!(
        respect.map(|v| v["core"].clone()),
        Some(serde_json::json!(true))
    );
    let competency = |id: &str| -> serde_json::Value {
        base["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["competencies"].as_array().cloned().unwrap_or_default())
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no competency {id}"))
    };
    assert!(
        competency("peer-values")["values"]
            .to_string()
            .contains("\"respect\"")
    );
    let sharing = competency("sharing-lived-experience");
    assert!(
        sharing["description"]
            .to_string()
            .contains("caring for someone"),
        "{sharing}"
    );
}

/// The wording of a resolved framework: every title, description, indicator text, summary,
/// context and guidance, lowercased (ids are left out: they are identifiers, kept stable so
/// evidence and tailorings that name them keep working).
fn wording_of(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    (
                        "title" | "description" | "text" | "summary" | "context" | "guidance",
                        serde_json::Value::String(s),
                    ) => {
                        out.push_str(&s.to_lowercase());
                        out.push('\n');
                    }
                    _ => wording_of(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| wording_of(v, out)),
        _ => {}
    }
}

/// Wording that asked peer workers to make their challenge palatable is gone from every
/// shipped framework as it resolves today (comments in the files may still quote it).
#[test]
fn no_tone_policing_wording_in_shipped_frameworks() {
    for id in [
        "mh-peer-support-worker",
        "peer-worker-apprenticeship",
        "srn-values-peer-support",
        "riverside-forensic-psw",
        "northgate-community-racialised-communities",
    ] {
        let mut text = String::new();
        wording_of(&json_of(&["resolve", id, "--format", "json"]), &mut text);
        assert!(text.contains("peer"), "{id}: no wording found");
        for phrase in [
            "calmly why",
            "colleagues can hear",
            "likely to be heard",
            "in a constructive way",
            "constructively",
        ] {
            assert!(!text.contains(phrase), "{id} says {phrase:?}");
        }
    }
    // The 1.0.0 base said them, so the check can fail.
    let mut old = String::new();
    wording_of(
        &json_of(&[
            "resolve",
            "mh-peer-support-worker@=1.0.0",
            "--format",
            "json",
        ]),
        &mut old,
    );
    assert!(old.contains("colleagues can hear") && old.contains("likely to be heard"));
}

/// Assesses one record given as text, returning the JSON report.
fn assess_text(name: &str, record: &str, extra: &[&str]) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped-content-review");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, record).unwrap_or_else(|e| panic!("{e}"));
    let path = path.to_string_lossy().into_owned();
    let mut args = vec![
        "assess",
        path.as_str(),
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    json_of(&args)
}

fn status_in(report: &serde_json::Value, id: &str) -> serde_json::Value {
    report["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["competencies"].as_array().cloned().unwrap_or_default())
        .find(|c| c["id"] == id)
        .map(|c| c["status"].clone())
        .unwrap_or_else(|| panic!("no competency {id} in the report"))
}

/// The worker's own wellbeing is learner-held: no role of the base targets it, including the
/// new leadership roles, while the roles still target using supervision.
#[test]
fn own_wellbeing_is_targeted_by_no_role() {
    let record = "format: competence/1\nkind: evidence\nlearner: W-0001\nframework: mh-peer-support-worker@^1\n\
                  evidence:\n  - id: sup-1\n    kind: supervision\n    date: 2026-10-01\n    claims: [looking-after-wellbeing, using-supervision]\n";
    for role in [
        "peer-support-worker",
        "senior-peer-support-worker",
        "peer-support-lead",
        "peer-support-manager",
        "strategic-peer-lead",
    ] {
        let report = assess_text("wellbeing.yaml", record, &["--role", role]);
        assert_eq!(
            status_in(&report, "looking-after-wellbeing"),
            serde_json::json!("not-targeted"),
            "{role}"
        );
        assert_eq!(
            status_in(&report, "using-supervision"),
            serde_json::json!("partial"),
            "{role}"
        );
    }
}

/// Leading peer support beyond the team: the two new roles target the leadership domain, the
/// team-level peer support lead does not.
#[test]
fn leadership_roles_target_leading_peer_support() {
    let record = "format: competence/1\nkind: evidence\nlearner: M-0001\nframework: mh-peer-support-worker@^1\n\
                  evidence:\n  - id: pd-1\n    kind: professional-discussion\n    date: 2026-10-01\n    claims: [peer-support-strategy]\n";
    let lead = assess_text("lead.yaml", record, &["--role", "peer-support-lead"]);
    assert_eq!(
        status_in(&lead, "peer-support-strategy"),
        serde_json::json!("not-targeted")
    );
    for role in ["peer-support-manager", "strategic-peer-lead"] {
        let report = assess_text("lead.yaml", record, &["--role", role]);
        for id in [
            "managing-and-supervising-peer-workers",
            "recruiting-and-developing-peer-workers",
            "peer-networks-and-movement",
        ] {
            assert_eq!(
                status_in(&report, id),
                serde_json::json!("missing"),
                "{role} {id}"
            );
        }
        assert_eq!(
            status_in(&report, "peer-support-strategy"),
            serde_json::json!("partial")
        );
    }
}

/// Safeguarding evidence keeps its kind's own period: a certificate two years old still counts
/// (it expired after one year under 1.0.0), one over three years old has expired.
#[test]
fn safeguarding_training_is_valid_for_its_refresher_cycle() {
    let record = |framework: &str| {
        format!(
            "format: competence/1\nkind: evidence\nlearner: S-0001\nframework: {framework}\n\
             evidence:\n  - id: cert-old\n    kind: training-certificate\n    date: 2023-06-01\n    claims: [safeguarding]\n\
             \x20 - id: cert-recent\n    kind: training-certificate\n    date: 2024-12-01\n    claims: [safeguarding]\n"
        )
    };
    let dispositions = |report: &serde_json::Value| -> Vec<String> {
        report["ledger"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["disposition"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let new = assess_text(
        "safeguarding.yaml",
        &record("mh-peer-support-worker@^1"),
        &[],
    );
    assert_eq!(dispositions(&new), ["expired", "counted"]);
    let old = assess_text(
        "safeguarding.yaml",
        &record("mh-peer-support-worker@=1.0.0"),
        &[],
    );
    assert_eq!(dispositions(&old), ["expired", "expired"]);
}

/// Northgate's organisational duties are reviewed by the organisation, in a role of its own.
#[test]
fn northgate_organisation_reviews_its_race_equity_duties() {
    let record = "format: competence/1\nkind: evidence\nlearner: ORG-9\nframework: northgate-community-racialised-communities\n\
                  evidence:\n  - id: review-1\n    kind: testimony\n    date: 2026-10-01\n    claims: [race-literate-supervision]\n";
    let report = assess_text(
        "northgate-org.yaml",
        record,
        &["--role", "race-equity-readiness"],
    );
    assert_eq!(
        report["role"]["subject"],
        serde_json::json!("organisation"),
        "{}",
        report["role"]
    );
    assert_eq!(
        status_in(&report, "race-literate-supervision"),
        serde_json::json!("partial")
    );
    assert_eq!(
        status_in(&report, "pcref-race-equity-plan"),
        serde_json::json!("missing")
    );
    assert_eq!(
        status_in(&report, "preparing-for-peer-roles"),
        serde_json::json!("missing")
    );
    let worker = assess_text(
        "northgate-org.yaml",
        record,
        &["--role", "peer-support-worker"],
    );
    assert_eq!(
        status_in(&worker, "race-literate-supervision"),
        serde_json::json!("not-targeted")
    );
}
