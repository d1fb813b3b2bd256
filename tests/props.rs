//! Property tests for loading: no input makes it panic, every location is inside the text,
//! and model -> YAML -> model is the identity.

use competence::model::{Document, Framework};
use competence::{Limits, load_bytes, load_str};
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../frameworks/mh-peer-support-worker@1.0.0.yaml");
const EVIDENCE: &str = include_str!("../examples/evidence/learner-ready.yaml");

fn spans_inside(text: &str, loaded: &competence::Loaded) {
    let lines = text.lines().count().max(1) + 1;
    for d in &loaded.diagnostics {
        if let Some(span) = d.span {
            assert!(
                span.start <= span.end && span.end <= text.len() + 1,
                "{d:?}"
            );
            assert!(span.line >= 1 && span.line <= lines, "{d:?}");
            assert!(span.column >= 1, "{d:?}");
        }
    }
}

/// Applies edits to a valid file: delete, duplicate or insert at byte positions.
fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        let at = at % (bytes.len() + 1);
        match op % 5 {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, byte),
            2 => bytes.insert(at, b"-:[]{}#&*!|>'\"%@`\n\t ~"[usize::from(byte) % 21]),
            3 => {
                // Duplicate the line that contains `at`: duplicate keys, ids and items.
                let start = bytes[..at.min(bytes.len())]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| start + p + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
            _ if at < bytes.len() => bytes[at] = byte,
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let loaded = load_bytes(None, &bytes, &Limits::default());
        if let Ok(text) = std::str::from_utf8(&bytes) {
            spans_inside(text, &loaded);
        }
    }

    #[test]
    fn arbitrary_yaml_like_text_never_panics(text in "(format: competence/1\nkind: (framework|evidence|crosswalk)\n)?[-a-z0-9:{}\\[\\],#&*!|>'\" \n]{0,300}") {
        let loaded = load_str(None, &text, &Limits::default());
        spans_inside(&text, &loaded);
    }

    #[test]
    fn mutated_frameworks_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let bytes = mutate(SHIPPED, &edits);
        let loaded = load_bytes(None, &bytes, &Limits::default());
        if let Ok(text) = std::str::from_utf8(&bytes) {
            spans_inside(text, &loaded);
        }
    }

    #[test]
    fn mutated_evidence_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let bytes = mutate(EVIDENCE, &edits);
        let _ = load_bytes(None, &bytes, &Limits::default());
    }

    #[test]
    fn model_yaml_model_is_identity(framework in arb::framework()) {
        let yaml = competence::to_yaml(&framework).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = load_str(None, &yaml, &Limits::default());
        let parse_errors: Vec<_> = loaded.diagnostics.iter().filter(|d| loaded.documents.is_empty() || d.code.as_str() == "yaml-syntax").collect();
        prop_assert!(parse_errors.is_empty(), "{yaml}\n{parse_errors:#?}");
        match loaded.documents.first() {
            Some((_, Document::Framework(back))) => prop_assert_eq!(back.as_ref(), &framework),
            other => prop_assert!(false, "not a framework: {other:?}"),
        }
    }
}

#[test]
fn shipped_framework_round_trips() {
    let loaded = load_str(None, SHIPPED, &Limits::default());
    let Some((_, Document::Framework(framework))) = loaded.documents.first() else {
        panic!("shipped framework does not load: {:?}", loaded.diagnostics);
    };
    let yaml = competence::to_yaml(framework.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let back = load_str(None, &yaml, &Limits::default());
    match back.documents.first() {
        Some((_, Document::Framework(again))) => assert_eq!(again, framework),
        other => panic!("{other:?} {:?}", back.diagnostics),
    }
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    let limits = Limits {
        max_bytes: 1024,
        ..Limits::default()
    };
    let text = format!(
        "format: competence/1\nkind: framework\n# {}\n",
        "x".repeat(2048)
    );
    // The limit is on bytes read: `load_bytes` (and `load_file`) enforce it.
    let loaded = load_bytes(None, text.as_bytes(), &limits);
    assert_eq!(loaded.diagnostics[0].code.as_str(), "file-too-large");
}

#[test]
fn alias_bombs_and_deep_nesting_are_bounded() {
    let mut bomb = String::from(
        "format: competence/1\nkind: framework\nid: x\nversion: 1.0.0\ntitle: T\nsummary: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..9 {
        let prev = i - 1;
        bomb.push_str(&format!("s{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let loaded = load_str(None, &bomb, &Limits::default());
    assert!(!loaded.diagnostics.is_empty());
    let deep = format!(
        "format: competence/1\nkind: framework\nid: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let loaded = load_str(None, &deep, &Limits::default());
    assert!(loaded.diagnostics[0].is_error(), "{:?}", loaded.diagnostics);
    // Where nothing typed stops it first (a document of unknown kind), the depth limit does.
    let deep = format!(
        "kind: other
x: {}{}
",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let loaded = load_str(None, &deep, &Limits::default());
    assert_eq!(
        loaded.diagnostics[0].code.as_str(),
        "too-deep",
        "{:?}",
        loaded.diagnostics
    );
}

mod arb {
    use super::*;
    use competence::model::*;

    fn id() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9-]{0,8}"
    }

    fn text() -> impl Strategy<Value = Text> {
        // Awkward but legal text: YAML indicators, quotes, colons, leading spaces, unicode.
        "[A-Za-z0-9 :#'\"!&*é-]{1,30}"
            .prop_filter("not a null spelling", |s| {
                !matches!(s.trim(), "~" | "null" | "Null" | "NULL")
            })
            .prop_map(Text::new)
    }

    pub fn framework() -> impl Strategy<Value = Framework> {
        (
            proptest::collection::vec(
                (id(), text(), proptest::option::of(text()), any::<bool>()),
                0..4,
            ),
            proptest::collection::vec(
                (
                    id(),
                    text(),
                    proptest::collection::vec((id(), text()), 0..3),
                ),
                0..4,
            ),
            proptest::collection::vec(
                (1u32..=1000, any::<bool>(), proptest::option::of(1u32..=36)),
                0..3,
            ),
            (0u64..5, 0u64..20, 0u64..5),
            proptest::option::of(1u32..10),
        )
            .prop_map(
                |(values, competencies, kinds, (major, minor, patch), min_items)| {
                    let mut used = std::collections::HashSet::new();
                    let mut unique = |s: String| {
                        let mut s = s;
                        while !used.insert(s.clone()) {
                            s.push('x');
                        }
                        Id::new(s)
                    };
                    let values = values
                        .into_iter()
                        .map(|(id, title, description, core)| Value {
                            id: unique(id),
                            title,
                            description,
                            core,
                            replaces: vec![],
                        })
                        .collect();
                    let competencies = competencies
                        .into_iter()
                        .map(|(id, title, indicators)| Competency {
                            id: unique(id),
                            code: None,
                            title,
                            description: None,
                            core: false,
                            values: vec![],
                            requires: vec![],
                            replaces: vec![],
                            source_id: None,
                            indicators: indicators
                                .into_iter()
                                .map(|(id, text)| Indicator {
                                    id: unique(id),
                                    text,
                                    level: None,
                                    core: false,
                                    replaces: vec![],
                                    source_id: None,
                                })
                                .collect(),
                        })
                        .collect();
                    let evidence = kinds
                        .into_iter()
                        .enumerate()
                        .filter_map(|(i, (w, independent, months))| {
                            Some((
                                Id::new(format!("kind-{i}")),
                                EvidenceKind {
                                    title: None,
                                    description: None,
                                    weight: Weight::from_thousandths(w)?,
                                    independent,
                                    valid_for: months
                                        .and_then(|m| Duration::new(m, DurationUnit::Months)),
                                },
                            ))
                        })
                        .collect();
                    Framework {
                        format: "competence/1".into(),
                        kind: Kind::Framework,
                        id: Id::new("generated"),
                        version: semver::Version::new(major, minor, patch),
                        title: Text::new("Generated"),
                        summary: None,
                        publisher: None,
                        licence: None,
                        source: vec![],
                        source_id: None,
                        extends: None,
                        context: None,
                        scale: vec![],
                        values,
                        domains: vec![Domain {
                            id: Id::new("domain-generated"),
                            code: Some(Text::new("3.10")),
                            title: Text::new("Domain"),
                            description: None,
                            core: false,
                            replaces: vec![],
                            source_id: None,
                            competencies,
                        }],
                        roles: vec![],
                        assessment: Some(Policy {
                            evidence,
                            sufficiency: Some(Sufficiency {
                                min_weight: Some(Amount::from_thousandths(1500)),
                                min_items,
                                ..Sufficiency::default()
                            }),
                            overrides: OrderedMap::new(),
                            rationale: None,
                        }),
                        tailoring: None,
                        resolved: None,
                    }
                },
            )
    }
}
