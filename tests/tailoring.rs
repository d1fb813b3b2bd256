//! End to end: a national -> regional -> team chain resolved from files, compared with the
//! expected `resolved.json`; and the `resolve` and `new tailoring` commands.
//!
//! Set `UPDATE_EXPECT=1` to rewrite `resolved.json`; then read the diff before committing.

use competence::Limits;
use competence::catalog::Catalog;
use competence::tailor::{self, ResolvedFramework};
use std::path::{Path, PathBuf};
use std::process::Command;

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/tailoring-chain")
}

fn resolve_team() -> (ResolvedFramework, Vec<String>) {
    let mut catalog = Catalog::new();
    for name in ["national.yaml", "regional.yaml", "team.yaml"] {
        let found = catalog
            .add_file(&case().join(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .diagnostics;
        assert!(found.is_empty(), "{found:#?}");
    }
    let wanted = "harbour-team-psw".parse().unwrap_or_else(|e| panic!("{e}"));
    let resolution = tailor::resolve(&catalog, &wanted).unwrap_or_else(|e| panic!("{e}"));
    let codes = resolution
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.path))
        .collect();
    (
        resolution
            .framework
            .unwrap_or_else(|| panic!("not resolved")),
        codes,
    )
}

#[test]
fn chain_resolves_to_the_expected_framework() {
    let (framework, codes) = resolve_team();
    assert_eq!(
        codes,
        [
            // In regional.yaml: its indicator added to the core competency `sharing`.
            "added-to-core tailoring.add_indicators[0].id",
            "dropped-prerequisite tailoring.exclude[1].id",
            "dropped-target tailoring.exclude[1].id"
        ]
    );
    let json = format!(
        "{}\n",
        serde_json::to_string_pretty(&framework).unwrap_or_else(|e| panic!("{e}"))
    );
    let expected_path = case().join("resolved.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &json).unwrap_or_else(|e| panic!("{e}"));
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert!(
        expected == json,
        "resolved.json differs; run with UPDATE_EXPECT=1 and read the diff"
    );
}

#[test]
fn chain_semantics() {
    let (framework, _) = resolve_team();
    assert_eq!(
        framework.chain,
        [
            "national-psw@1.0.0",
            "regional-psw@1.1.0",
            "harbour-team-psw@0.3.0"
        ]
    );
    let (_, groups) = framework
        .competency("groups")
        .unwrap_or_else(|| panic!("groups"));
    let excluded = groups
        .provenance
        .excluded
        .as_ref()
        .unwrap_or_else(|| panic!("groups not excluded"));
    assert_eq!(excluded.by, "harbour-team-psw@0.3.0");
    let (_, networks) = framework
        .competency("local-networks")
        .unwrap_or_else(|| panic!("local-networks"));
    assert_eq!(networks.provenance.introduced_by, "regional-psw@1.1.0");
    assert!(
        networks.requires.is_empty(),
        "the excluded prerequisite is dropped"
    );
    assert_eq!(networks.code.as_ref().map(|c| c.as_str()), Some("C1"));
    let (_, sharing) = framework
        .competency("sharing")
        .unwrap_or_else(|| panic!("sharing"));
    let by: Vec<&str> = sharing
        .provenance
        .guidance
        .iter()
        .map(|g| g.by.as_str())
        .collect();
    assert_eq!(by, ["regional-psw@1.1.0", "harbour-team-psw@0.3.0"]);
    // Targets merged into `worker` are inherited by `senior-worker`, which adds its own.
    let targets = framework
        .role_targets("senior-worker")
        .unwrap_or_else(|| panic!("role"));
    assert_eq!(
        targets.get("local-networks").map(|l| l.as_str()),
        Some("developing")
    );
    assert_eq!(
        targets.get("ward-rounds").map(|l| l.as_str()),
        Some("established")
    );
    assert_eq!(targets.get("signposting"), None);
    let policy = &framework.assessment;
    assert!(policy.evidence.get("testimony").is_some());
    let sharing_rule = policy
        .overrides
        .get("sharing")
        .unwrap_or_else(|| panic!("override"));
    assert_eq!(
        (sharing_rule.min_items, sharing_rule.require_independent),
        (Some(2), Some(true))
    );
    assert_eq!(
        policy.sufficiency.as_ref().and_then(|s| s.min_items),
        Some(2)
    );
}

fn competence(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn new_tailoring_checks_clean_as_it_stands() {
    let dir = scratch("new-tailoring");
    let (code, _, err) = competence(
        &dir,
        &[
            "new",
            "tailoring",
            "--extends",
            "mh-peer-support-worker@^1.0",
            "--id",
            "my-team",
            "-o",
            "my-team.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.join("my-team.yaml")).unwrap_or_default();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/framework.schema.json\n"));
    let (code, out, err) = competence(&dir, &["check", "my-team.yaml"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    // Its commented example, uncommented, checks clean too: it teaches nothing the guardrails
    // refuse or name.
    let example: String = text
        .lines()
        .skip_while(|l| !l.starts_with("# Replace"))
        .skip(2)
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
        .collect();
    let filled = text.replace("tailoring: {}\n", &format!("tailoring:\n{example}"));
    let filled = filled
        .split("# Replace")
        .next()
        .unwrap_or_default()
        .to_owned();
    std::fs::write(
        dir.join("example.yaml"),
        filled.replace("id: my-team", "id: my-example"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = competence(&dir, &["check", "example.yaml"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let (code, out, _) = competence(
        &dir,
        &["resolve", "my-team", "--catalog", ".", "--format", "json"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"my-team@0.1.0\""));
    // Not overwritten; unknown bases list what exists.
    let (code, _, err) = competence(
        &dir,
        &[
            "new",
            "tailoring",
            "--extends",
            "mh-peer-support-worker@^1.0",
            "--id",
            "my-team",
            "-o",
            "my-team.yaml",
        ],
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = competence(
        &dir,
        &["new", "tailoring", "--extends", "nope@^1", "--id", "x"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("mh-peer-support-worker"), "{err}");
}

#[test]
fn resolve_and_list_commands() {
    let dir = scratch("resolve-command");
    let catalog = case();
    let catalog = catalog.to_string_lossy();
    let (code, _, err) = competence(
        &dir,
        &[
            "resolve",
            "harbour-team-psw",
            "--catalog",
            &catalog,
            "--format",
            "json",
            "-o",
            "out.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("dropped-target"),
        "warnings go to stderr: {err}"
    );
    let written = std::fs::read_to_string(dir.join("out.json")).unwrap_or_default();
    let expected = std::fs::read_to_string(case().join("resolved.json")).unwrap_or_default();
    assert_eq!(written, expected);
    let (code, out, _) = competence(&dir, &["resolve", "riverside-forensic-psw"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("format: competence/1\nkind: framework\nid: riverside-forensic-psw\n"),
        "{out}"
    );
    let (code, _, err) = competence(&dir, &["resolve", "nowhere"]);
    assert_eq!(code, 2);
    assert!(err.contains("riverside-forensic-psw"), "{err}");
    let (code, out, _) = competence(&dir, &["list", "--catalog", &catalog]);
    assert_eq!(code, 0);
    assert!(
        out.lines().any(|l| l.contains("harbour-team-psw")
            && l.contains("0.3.0")
            && l.contains("regional-psw@^1.1")),
        "{out}"
    );
}

/// `resolve` output reads back: `check` accepts it as a framework (beside its source, which
/// stays in the catalog: a resolved copy is not a duplicate), and resolving it gives the same
/// output again.
#[test]
fn resolve_output_checks_clean_and_resolves_to_itself() {
    let dir = scratch("resolve-round-trip");
    let chain = case();
    let chain = chain.to_string_lossy();
    for (framework, format) in [
        ("riverside-forensic-psw", "yaml"),
        ("mh-peer-support-worker", "yaml"),
        ("northgate-community-racialised-communities", "json"),
        ("harbour-team-psw", "yaml"),
    ] {
        let (code, out, err) = competence(
            &dir,
            &[
                "resolve",
                framework,
                "--catalog",
                &chain,
                "--format",
                format,
            ],
        );
        assert_eq!(code, 0, "{err}");
        let file = format!("{framework}.{format}");
        std::fs::write(dir.join(&file), &out).unwrap_or_else(|e| panic!("{e}"));
        let (code, found, err) = competence(&dir, &["check", &file, "--catalog", &chain]);
        assert_eq!((code, found.as_str()), (0, ""), "{file}: {err}");
        // Only the resolved copy: it stands on its own.
        let own = scratch(&format!("resolve-round-trip-{framework}"));
        std::fs::write(own.join(&file), &out).unwrap_or_else(|e| panic!("{e}"));
        let (code, again, err) = competence(
            &own,
            &["resolve", framework, "--catalog", ".", "--format", format],
        );
        assert_eq!((code, again.as_str()), (0, out.as_str()), "{file}: {err}");
    }
}

/// A tailoring's targets are a layer on top of the role's own, like a role that extends it:
/// a domain target covers the whole domain, even competencies the base role names one by one.
#[test]
fn tailoring_domain_target_supersedes_base_competency_targets() {
    let base = r#"
format: competence/1
kind: framework
id: aud
version: 1.0.0
title: A
scale: [{ id: dev, title: Dev }, { id: est, title: Est }, { id: lead, title: Lead }]
domains:
  - id: d1
    title: D1
    competencies:
      - { id: a, title: A, indicators: [{ id: a1, text: A one. }] }
  - id: d2
    title: D2
    competencies:
      - { id: e, title: E, indicators: [{ id: e1, text: E one. }] }
      - { id: f, title: F, indicators: [{ id: f1, text: F one. }] }
roles:
  - { id: r, title: R, targets: { d1: est, e: dev } }
  - { id: r2, title: R2, extends: r, targets: { a: lead } }
assessment: { evidence: { observation: { weight: 1.0, independent: true } } }
"#;
    let tailoring = r#"
format: competence/1
kind: framework
id: aud-local
version: 1.0.0
title: L
extends: aud@^1
context: Somewhere.
tailoring:
  targets:
    r: { f: est, d2: lead }
"#;
    let limits = competence::Limits::default();
    let mut catalog = competence::catalog::Catalog::new();
    let mut found = catalog.add_text(None, base, &limits).diagnostics;
    found.extend(catalog.add_text(None, tailoring, &limits).diagnostics);
    assert!(found.is_empty(), "{found:?}");
    let top = "aud-local@^1".parse().unwrap_or_else(|e| panic!("{e}"));
    let resolution = competence::tailor::resolve(&catalog, &top).unwrap_or_else(|e| panic!("{e}"));
    let framework = resolution
        .framework
        .unwrap_or_else(|| panic!("{:?}", resolution.diagnostics));
    let targets = |role: &str| -> Vec<(String, String)> {
        framework
            .role_targets(role)
            .map(|t| {
                t.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    // `e: dev` from the base gives way to the tailoring's `d2: lead`; the tailoring's own
    // competency target `f: est` overrides its domain target.
    assert_eq!(
        targets("r"),
        pairs(&[("a", "est"), ("e", "lead"), ("f", "est")])
    );
    // A role extending `r` inherits the tailored targets, then applies its own.
    assert_eq!(
        targets("r2"),
        pairs(&[("a", "lead"), ("e", "lead"), ("f", "est")])
    );
}
