//! Step 3 works out again only the competencies a learner's evidence can change, starting from
//! the result of a learner without evidence. These tests hold it to working out everything,
//! over a framework with prerequisites inside and across domains, targeted and not.

use super::Assessor;
use crate::model::{Claim, Date, Document, EvidenceItem, EvidenceRecord, Id, Kind, Outcome};
use crate::tailor::ResolvedFramework;
use crate::{Limits, load_str};
use proptest::prelude::*;

const FRAMEWORK: &str = r#"
format: competence/1
kind: framework
id: prereq
version: 1.0.0
title: Prerequisites
scale:
  - { id: developing, title: Developing }
  - { id: established, title: Established }
domains:
  - id: a
    title: A
    competencies:
      - { id: a1, title: A1, indicators: [{ id: a1-x, text: X. }, { id: a1-y, text: Y., level: established }] }
      - { id: a2, title: A2, requires: [a1] }
      - { id: a3, title: A3, requires: [a1, c1] }
      - { id: a4, title: A4, requires: [b1, a2] }
  - id: b
    title: B
    competencies:
      - { id: b1, title: B1, indicators: [{ id: b1-x, text: X. }] }
      - { id: b2, title: B2, requires: [b1, c2] }
      - { id: b3, title: B3, requires: [a3] }
  - id: c
    title: C
    competencies:
      - { id: c1, title: C1 }
      - { id: c2, title: C2 }
      - { id: c3, title: C3, requires: [c1] }
roles:
  - id: worker
    title: Worker
    targets: { a: established, b: developing, c3: developing }
assessment:
  evidence:
    observation: { weight: 1.0, independent: true, valid_for: 2y }
    reflection: { weight: 0.5 }
    supervision: { weight: 0.5, independent: true, valid_for: 1y }
  sufficiency: { min_weight: 1.0, min_items: 1 }
  overrides:
    a: { min_weight: 1.5, require_independent: true }
    b: { require_indicators: true }
"#;

fn framework() -> ResolvedFramework {
    let loaded = load_str(None, FRAMEWORK, &Limits::default());
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        loaded.diagnostics
    );
    match loaded.documents.into_iter().next() {
        Some((_, Document::Framework(f))) => ResolvedFramework::from_framework(&f),
        _ => panic!("no framework"),
    }
}

fn claim() -> impl Strategy<Value = Claim> {
    (
        prop::sample::select(vec![
            "a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1", "c2", "c3", "nope",
        ]),
        prop::sample::select(vec![None, Some("developing"), Some("established")]),
        prop::sample::subsequence(vec!["a1-x", "a1-y", "b1-x", "odd"], 0..3),
    )
        .prop_map(|(c, l, i)| Claim {
            competency: Id::new(c),
            level: l.map(Id::new),
            indicators: i.into_iter().map(Id::new).collect(),
        })
}

fn record(items: Vec<(&'static str, i64, bool, Vec<Claim>)>) -> EvidenceRecord {
    let start: Date = "2025-01-01".parse().unwrap_or_else(|e| panic!("{e}"));
    EvidenceRecord {
        format: "competence/1".to_owned(),
        kind: Kind::Evidence,
        learner: Id::new("L-1"),
        framework: "prereq".parse().unwrap_or_else(|e| panic!("{e}")),
        organisation: None,
        voice: None,
        evidence: items
            .into_iter()
            .enumerate()
            .map(|(n, (kind, days, not_yet, claims))| EvidenceItem {
                id: Id::new(format!("e{n}")),
                kind: Id::new(kind),
                date: Date::from_days_since_epoch(start.days_since_epoch() + days).unwrap_or(start),
                assessor: None,
                assessor_role: None,
                outcome: if not_yet {
                    Outcome::NotYet
                } else {
                    Outcome::Demonstrated
                },
                summary: None,
                link: None,
                claims,
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn working_out_only_what_evidence_changes_equals_working_out_everything(
        items in prop::collection::vec(
            (
                prop::sample::select(vec!["observation", "reflection", "supervision", "bogus"]),
                0i64..800,
                prop::bool::weighted(0.1),
                prop::collection::vec(claim(), 0..4),
            ),
            0..14,
        ),
    ) {
        let assessor = Assessor::new(framework())
            .role("worker")
            .as_of("2026-11-27".parse().unwrap_or_else(|e| panic!("{e}")));
        let record = record(items);
        let some = assessor.assess_with(&record, false).unwrap_or_else(|e| panic!("{e}"));
        let all = assessor.assess_with(&record, true).unwrap_or_else(|e| panic!("{e}"));
        let json = |a: &super::Assessment| serde_json::to_string_pretty(a).unwrap_or_default();
        prop_assert_eq!(json(&some), json(&all));
        prop_assert!(some == all);
    }
}
