//! `competence diff`: one fixture pair per classification rule, and the laws of the diff.
//!
//! `tests/fixtures/diff/<rule-id>/` holds `old.yaml`, `new.yaml` and `expected.txt` (the class
//! the pair needs: `major`, `minor` or `patch`); a `base.yaml` beside them is added to the
//! catalog, for pairs of tailorings.

use competence::Limits;
use competence::diff::{self, Class, Rule};
use competence::model::{Document, Framework, Text};
use competence::tailor::ResolvedFramework;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn side(dir: &Path, name: &str) -> ResolvedFramework {
    let base = dir.join("base.yaml");
    let catalogs: Vec<PathBuf> = if base.is_file() {
        vec![base]
    } else {
        Vec::new()
    };
    let path = dir.join(name);
    diff::read_side(&path.to_string_lossy(), &catalogs, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .framework
}

#[test]
fn every_rule_has_a_fixture_pair_with_its_class() {
    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures().join(rule.as_str());
        if !dir.is_dir() {
            failures.push(format!("no fixture pair in {}", dir.display()));
            continue;
        }
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        let (old, new) = (side(&dir, "old.yaml"), side(&dir, "new.yaml"));
        let changes = diff::diff(&old, &new);
        if !changes.changes.iter().any(|c| c.rule == *rule) {
            failures.push(format!(
                "{rule}: no `{rule}` change in {:#?}",
                changes.changes
            ));
        }
        let required = changes.required().map(Class::as_str).unwrap_or("none");
        if required != expected.trim() {
            failures.push(format!(
                "{rule}: needs {required}, expected {}: {:#?}",
                expected.trim(),
                changes.changes
            ));
        }
        if rule.class().as_str() != expected.trim() {
            failures.push(format!(
                "{rule}: expected.txt disagrees with the rule's class"
            ));
        }
        // The new version in each fixture carries exactly the bump its changes need.
        if !changes.check(&old.version, &new.version).ok() {
            failures.push(format!("{rule}: the fixture's version bump is too small"));
        }
    }
    // No stray fixture directories.
    for entry in std::fs::read_dir(fixtures()).unwrap_or_else(|e| panic!("{e}")) {
        let name = entry
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .unwrap_or_default();
        if Rule::from_name(&name).is_none() {
            failures.push(format!("tests/fixtures/diff/{name} names no rule"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn replaces_makes_a_rename_minor_and_its_absence_major() {
    let dir = fixtures().join("item-renamed");
    let old = side(&dir, "old.yaml");
    let new = side(&dir, "new.yaml");
    assert_eq!(diff::diff(&old, &new).required(), Some(Class::Minor));
    let text = std::fs::read_to_string(dir.join("new.yaml")).unwrap_or_default();
    let without = text.replace("        replaces: [listening]\n", "");
    let loaded = competence::load_str(None, &without, &Limits::default());
    let Some((_, Document::Framework(f))) = loaded.documents.first() else {
        panic!("not a framework: {:?}", loaded.diagnostics)
    };
    let changes = diff::diff(&old, &ResolvedFramework::from_framework(f));
    assert_eq!(changes.required(), Some(Class::Major));
    assert!(changes.changes.iter().any(|c| c.rule == Rule::ItemRemoved
        && c.item.as_ref().is_some_and(|i| i.as_str() == "listening")));
}

fn shipped() -> Framework {
    let text = include_str!("../frameworks/mh-peer-support-worker@1.0.0.yaml");
    let loaded = competence::load_str(None, text, &Limits::default());
    match loaded.documents.into_iter().next() {
        Some((_, Document::Framework(f))) => std::sync::Arc::unwrap_or_clone(f),
        _ => panic!("the shipped framework does not load"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A framework compared with itself has no changes, whatever it holds.
    #[test]
    fn diff_with_itself_is_empty(keep in proptest::collection::vec(any::<bool>(), 40)) {
        let mut f = shipped();
        let mut n = 0;
        for domain in &mut f.domains {
            domain.competencies.retain(|_| { n += 1; keep.get(n % keep.len()).copied().unwrap_or(true) });
        }
        let resolved = ResolvedFramework::from_framework(&f);
        prop_assert!(diff::diff(&resolved, &resolved).is_empty());
    }

    /// Changing only wording (titles, descriptions, indicator text) is a patch.
    #[test]
    fn wording_only_is_a_patch(
        edits in proptest::collection::vec((0usize..200, 0usize..3, "[A-Za-z ]{1,30}"), 1..8)
    ) {
        let old = shipped();
        let mut new = old.clone();
        new.version = semver::Version::new(1, 0, 1);
        for (at, field, words) in edits {
            let words = format!("Reworded {words}");
            let count = new.domains.iter().map(|d| d.competencies.len()).sum::<usize>().max(1);
            let mut k = at % count;
            let Some(c) = new.domains.iter_mut().flat_map(|d| d.competencies.iter_mut()).find(|_| {
                let hit = k == 0;
                k = k.saturating_sub(1);
                hit
            }) else { continue };
            match field {
                0 => c.title = Text::new(words),
                1 => c.description = Some(Text::new(words)),
                _ => {
                    let len = c.indicators.len().max(1);
                    if let Some(i) = c.indicators.get_mut(at % len) {
                        i.text = Text::new(words);
                    }
                }
            }
        }
        let changes = diff::diff(
            &ResolvedFramework::from_framework(&old),
            &ResolvedFramework::from_framework(&new),
        );
        prop_assert!(changes.changes.iter().all(|c| c.class == Class::Patch), "{:#?}", changes.changes);
        prop_assert!(changes.check(&old.version, &new.version).ok());
    }
}
