//! Laws of tailoring resolution, over random tailorings of the built-in national framework.

use competence::Limits;
use competence::catalog::Catalog;
use competence::model::{Amend, Exclude, Framework, Guidance, Id, Tailoring, Text};
use competence::tailor::{self, ResolvedFramework};
use proptest::prelude::*;
use std::path::Path;

const BASE: &str = "mh-peer-support-worker";

fn base() -> (Catalog, Framework) {
    let catalog = Catalog::builtin();
    let wanted = BASE.parse().unwrap_or_else(|e| panic!("{e}"));
    let entry = catalog.select(&wanted).unwrap_or_else(|e| panic!("{e}"));
    let framework = entry
        .framework()
        .cloned()
        .unwrap_or_else(|| panic!("not a framework"));
    (catalog, framework)
}

/// Every item id of the base: values, domains, competencies, indicators.
fn ids(framework: &Framework) -> Vec<Id> {
    let mut ids: Vec<Id> = framework.values.iter().map(|v| v.id.clone()).collect();
    for d in &framework.domains {
        ids.push(d.id.clone());
        for c in &d.competencies {
            ids.push(c.id.clone());
            ids.extend(c.indicators.iter().map(|i| i.id.clone()));
        }
    }
    ids
}

fn tailoring_of(
    base: &Framework,
    id: &str,
    title: &str,
    context: &str,
    tailoring: Tailoring,
) -> Framework {
    let mut framework: Framework = serde_json::from_value(serde_json::json!({
        "format": "competence/1", "kind": "framework", "id": id, "version": "0.1.0",
        "title": title, "extends": format!("{}@^1", base.id), "context": context,
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    framework.tailoring = Some(tailoring);
    framework
}

fn resolve(catalog: &Catalog, tailoring: &Framework) -> (Option<ResolvedFramework>, usize) {
    let mut catalog = catalog.clone();
    let text = competence::to_yaml(tailoring).unwrap_or_else(|e| panic!("{e}"));
    let found = catalog
        .add_text(Some(Path::new("local.yaml")), &text, &Limits::default())
        .diagnostics;
    assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
    let wanted = tailoring
        .id
        .as_str()
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let resolution = tailor::resolve(&catalog, &wanted).unwrap_or_else(|e| panic!("{e}"));
    let errors = resolution
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    (resolution.framework, errors)
}

/// A random tailoring: exclusions, amendments of wording and guidance on any base ids.
fn tailorings(ids: Vec<Id>) -> impl Strategy<Value = Tailoring> {
    let pick = proptest::sample::select(ids);
    let op = (0..3u8, pick, "[a-z ]{1,12}");
    proptest::collection::vec(op, 0..12).prop_map(|ops| {
        let mut t = Tailoring::default();
        for (kind, id, text) in ops {
            let text = Text::new(format!("x{text}"));
            match kind {
                0 => t.exclude.push(Exclude {
                    id,
                    rationale: Some(text),
                }),
                1 => t.amend.push(Amend {
                    id,
                    title: Some(text.clone()),
                    description: None,
                    text: None,
                    code: None,
                    level: None,
                    values: None,
                    requires: None,
                    rationale: Some(text),
                }),
                _ => t.guidance.push(Guidance { id, text }),
            }
        }
        t
    })
}

fn every_item_has_provenance(framework: &ResolvedFramework) -> bool {
    let introduced = |p: &tailor::Provenance| !p.introduced_by.is_empty();
    framework.values.iter().all(|v| introduced(&v.provenance))
        && framework.roles.iter().all(|r| introduced(&r.provenance))
        && framework.domains.iter().all(|d| {
            introduced(&d.provenance)
                && d.competencies.iter().all(|c| {
                    introduced(&c.provenance)
                        && c.indicators.iter().all(|i| introduced(&i.provenance))
                })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn empty_tailoring_gives_the_base_back(id in "[a-z][a-z0-9-]{0,20}", title in "[A-Za-z][A-Za-z ]{0,30}", context in "[A-Za-z][A-Za-z ]{0,30}") {
        prop_assume!(id != BASE);
        let (catalog, base) = base();
        let local = tailoring_of(&base, &id, &title, &context, Tailoring::default());
        let (resolved, errors) = resolve(&catalog, &local);
        prop_assert_eq!(errors, 0);
        let mut resolved = resolved.unwrap_or_else(|| panic!("not resolved"));
        let expected = ResolvedFramework::from_framework(&base);
        prop_assert_eq!(resolved.chain.clone(), vec![base.name(), local.name()]);
        prop_assert_eq!(resolved.context.as_ref().map(Text::as_str), Some(context.as_str()));
        resolved.id = expected.id.clone();
        resolved.version = expected.version.clone();
        resolved.title = expected.title.clone();
        resolved.context = expected.context.clone();
        resolved.chain = expected.chain.clone();
        prop_assert_eq!(resolved, expected);
    }

    #[test]
    fn resolution_is_deterministic_and_keeps_core_items(t in tailorings(ids(&base().1))) {
        let (catalog, base) = base();
        let local = tailoring_of(&base, "local", "Local", "Here", t);
        let (first, _) = resolve(&catalog, &local);
        let (second, _) = resolve(&catalog, &local);
        let first = first.unwrap_or_else(|| panic!("not resolved"));
        let second = second.unwrap_or_else(|| panic!("not resolved"));
        let json = |f: &ResolvedFramework| serde_json::to_string(f).unwrap_or_default();
        prop_assert_eq!(json(&first), json(&second));
        prop_assert!(every_item_has_provenance(&first));
        let original = ResolvedFramework::from_framework(&base);
        for (domain, competency) in original.competencies() {
            let (_, now) = first.competency(competency.id.as_str()).unwrap_or_else(|| panic!("lost {}", competency.id));
            if competency.core {
                prop_assert!(now.provenance.excluded.is_none(), "core {} excluded", competency.id);
                prop_assert_eq!(&now.title, &competency.title);
                prop_assert_eq!(&now.description, &competency.description);
                for (before, after) in competency.indicators.iter().zip(&now.indicators) {
                    prop_assert_eq!(&before.text, &after.text);
                    prop_assert!(after.provenance.excluded.is_none());
                }
            }
            if domain.core {
                let now = first.domain(domain.id.as_str()).unwrap_or_else(|| panic!("lost {}", domain.id));
                prop_assert!(now.provenance.excluded.is_none());
                prop_assert_eq!(&now.title, &domain.title);
            }
        }
        for (before, after) in original.values.iter().zip(&first.values) {
            if before.core {
                prop_assert_eq!(&before.title, &after.title);
            }
        }
    }
}
