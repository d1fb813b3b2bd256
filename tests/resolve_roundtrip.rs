//! A resolved framework serialises as a standalone `kind: framework` with a `resolved` block
//! holding the chain and provenance. Read back (and resolved again) it is the resolved
//! framework that was written, in YAML and in JSON. (`tests/tailoring.rs` runs the same round
//! trip through the `resolve` and `check` commands.)

use competence::catalog::Catalog;
use competence::model::{Document, Framework};
use competence::tailor::{self, ResolvedFramework};
use competence::{Limits, load_str};
use std::path::PathBuf;

/// The shipped catalog plus the national -> regional -> team chain of
/// `tests/cases/tailoring-chain`.
fn catalog() -> Catalog {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/tailoring-chain");
    let mut catalog = Catalog::builtin();
    for name in ["national.yaml", "regional.yaml", "team.yaml"] {
        let found = catalog
            .add_file(&dir.join(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .diagnostics;
        assert!(found.is_empty(), "{found:#?}");
    }
    catalog
}

fn resolve(catalog: &Catalog, name: &str) -> ResolvedFramework {
    let reference = name
        .replace('@', "@=")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let resolution = tailor::resolve(catalog, &reference).unwrap_or_else(|e| panic!("{e}"));
    assert!(!resolution.has_errors(), "{:#?}", resolution.diagnostics);
    resolution
        .framework
        .unwrap_or_else(|| panic!("{name} did not resolve"))
}

/// Loads `text` as one framework document, with no errors.
fn read_back(text: &str) -> Framework {
    let loaded = load_str(None, text, &Limits::default());
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{text}");
    match loaded.documents.into_iter().next() {
        Some((_, Document::Framework(f))) => std::sync::Arc::unwrap_or_clone(f),
        other => panic!("not a framework: {other:?}"),
    }
}

#[test]
fn resolved_frameworks_read_back_as_themselves() {
    let catalog = catalog();
    let names: Vec<String> = catalog.frameworks().map(|e| e.name()).collect();
    assert!(names.len() >= 7, "{names:?}");
    for name in names {
        let resolved = resolve(&catalog, &name);
        let yaml = competence::to_yaml(&resolved).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            yaml.starts_with("format: competence/1\nkind: framework\n"),
            "{yaml}"
        );
        let json = serde_json::to_string_pretty(&resolved).unwrap_or_else(|e| panic!("{e}"));
        for text in [&yaml, &json] {
            let framework = read_back(text);
            assert!(framework.extends.is_none() && framework.tailoring.is_none());
            assert_eq!(
                ResolvedFramework::from_framework(&framework),
                resolved,
                "{name} does not read back as itself from\n{text}"
            );
            // Through a catalog of its own: what `extends` and `framework:` would get.
            let mut own = Catalog::new();
            let found = own.add_text(None, text, &Limits::default()).diagnostics;
            assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
            assert_eq!(resolve(&own, &name), resolved, "{name}");
        }
        // Straight through serde, as a program storing resolved frameworks would.
        let back: ResolvedFramework =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, resolved, "{name} through serde_json");
    }
}

#[test]
fn a_tailoring_does_not_deserialize_as_resolved() {
    let tailoring = r#"{"format": "competence/1", "kind": "framework", "id": "t",
        "version": "1.0.0", "title": "T", "extends": "mh-peer-support-worker@^1",
        "context": "here", "tailoring": {}}"#;
    let error = serde_json::from_str::<ResolvedFramework>(tailoring)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("resolve it through a catalog"), "{error}");
}

#[test]
fn the_resolved_block_keeps_chain_provenance_and_exclusions() {
    let resolved = resolve(&catalog(), "harbour-team-psw@0.3.0");
    let framework = resolved.to_framework();
    let block = framework
        .resolved
        .as_ref()
        .unwrap_or_else(|| panic!("no resolved block"));
    assert_eq!(
        block.chain,
        [
            "national-psw@1.0.0",
            "regional-psw@1.1.0",
            "harbour-team-psw@0.3.0"
        ]
    );
    assert_eq!(
        block
            .provenance
            .get("inclusion")
            .map(|p| p.introduced_by.as_str()),
        Some("regional-psw@1.1.0")
    );
    // Items only introduced by the base have no entry; excluded ones have theirs.
    for (_, c) in resolved.competencies() {
        let p = &c.provenance;
        let plain = p.introduced_by == "national-psw@1.0.0"
            && p.amendments.is_empty()
            && p.guidance.is_empty()
            && p.excluded.is_none();
        assert_eq!(
            block.provenance.get(c.id.as_str()).is_none(),
            plain,
            "{}",
            c.id
        );
    }
    assert!(
        resolved
            .competencies()
            .any(|(_, c)| c.provenance.excluded.is_some()),
        "the case excludes a competency"
    );
    // A framework resolved from itself records only its chain.
    let base = resolve(&catalog(), "national-psw@1.0.0").to_framework();
    let block = base.resolved.unwrap_or_default();
    assert_eq!(block.chain, ["national-psw@1.0.0"]);
    assert!(block.provenance.is_empty());
}

#[test]
fn a_tailoring_can_extend_a_resolved_framework() {
    let catalog = catalog();
    let regional = resolve(&catalog, "regional-psw@1.1.0");
    let yaml = competence::to_yaml(&regional).unwrap_or_else(|e| panic!("{e}"));
    let team = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/tailoring-chain/team.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // National and regional only as the resolved regional framework.
    let mut flat = Catalog::new();
    for text in [yaml.as_str(), team.as_str()] {
        let found = flat.add_text(None, text, &Limits::default()).diagnostics;
        assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
    }
    assert_eq!(
        resolve(&flat, "harbour-team-psw@0.3.0"),
        resolve(&catalog, "harbour-team-psw@0.3.0")
    );
}
