//! `require_assessor`: a policy that asks for peer-led assessment of the relational domain,
//! shown as a local tailoring of the shipped base framework (requiring it in the base itself
//! would be a major change for every learner; see docs/decisions-assessment.md).

use competence::assess::{Assessor, GapDetail, Status};
use competence::catalog::Catalog;
use competence::model::{AssessorRole, Document, EvidenceRecord};
use competence::{Limits, load_str, report, tailor};

/// A team tailoring: relational skills need evidence from a peer or senior peer.
const PEER_LED: &str = "\
format: competence/1
kind: framework
id: peer-led-team
version: 0.1.0
title: Peer Support Worker competences, peer-led assessment
extends: mh-peer-support-worker@^1.0
context: A peer-led team that asks a peer to have seen the relational work.
tailoring:
  assessment:
    overrides:
      core-relational-skills: { require_assessor: [peer, senior-peer] }
";

fn record(role: &str) -> EvidenceRecord {
    let text = format!(
        "format: competence/1
kind: evidence
learner: L-9
framework: peer-led-team
evidence:
  - id: obs-1
    kind: observation
    date: 2026-05-01
    assessor_role: {role}
    claims:
      - {{ competency: active-listening, level: established }}
  - id: ts-1
    kind: testimony
    date: 2026-05-02
    assessor_role: person-supported
    claims:
      - {{ competency: active-listening, level: established }}
"
    );
    let loaded = load_str(None, &text, &Limits::default());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    match loaded.documents.into_iter().next() {
        Some((_, Document::Evidence(r))) => *r,
        other => panic!("not evidence: {other:?}"),
    }
}

fn assessor() -> Assessor {
    let mut catalog = Catalog::builtin();
    let added = catalog.add_text(None, PEER_LED, &Limits::default());
    assert!(
        added.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        added.diagnostics
    );
    let resolution = tailor::resolve(&catalog, &"peer-led-team".parse().unwrap()).unwrap();
    let framework = resolution.framework.unwrap();
    Assessor::new(framework)
        .role("peer-support-worker")
        .as_of("2026-11-27".parse().unwrap())
}

#[test]
fn a_peers_observation_meets_it() {
    let a = assessor().assess(&record("peer")).unwrap();
    let c = a.competency("active-listening").unwrap();
    assert_eq!(c.status, Status::Met, "{:#?}", c.gaps);
    let senior = assessor().assess(&record("senior-peer")).unwrap();
    assert_eq!(
        senior.competency("active-listening").unwrap().status,
        Status::Met
    );
}

#[test]
fn a_managers_observation_does_not_and_the_gap_says_whom_to_ask() {
    let a = assessor().assess(&record("manager")).unwrap();
    let c = a.competency("active-listening").unwrap();
    assert_eq!(c.status, Status::Partial);
    let gap = c
        .gaps
        .iter()
        .find(|g| matches!(g.detail, GapDetail::Assessor { .. }))
        .expect("an assessor gap");
    let GapDetail::Assessor { roles } = gap.detail else {
        unreachable!()
    };
    assert_eq!(
        roles.iter().collect::<Vec<_>>(),
        [AssessorRole::Peer, AssessorRole::SeniorPeer]
    );
    assert!(
        gap.next_step()
            .starts_with("Ask a peer or a senior peer who has worked alongside you"),
        "{}",
        gap.next_step()
    );
    // Weight, items and independence are all there: only the role is missing (and the
    // abilities not yet named, which this policy lists but does not require).
    assert!(
        c.gaps.iter().all(|g| matches!(
            g.detail,
            GapDetail::Level { .. }
                | GapDetail::Assessor { .. }
                | GapDetail::Indicators {
                    required: false,
                    ..
                }
        )),
        "{:#?}",
        c.gaps
    );
    // Other domains do not ask for a peer.
    let other = a.competency("safeguarding").unwrap();
    assert!(
        !other
            .gaps
            .iter()
            .any(|g| matches!(g.detail, GapDetail::Assessor { .. }))
    );

    // JSON carries the gap and the roles, and reads back.
    let json = report::json::render(&a);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let compact = value.to_string();
    assert!(
        compact.contains(r#""roles":["peer","senior-peer"]"#),
        "{compact}"
    );
    assert!(compact.contains(r#""assessor_role":"manager""#));
    let back: competence::assess::Assessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let md = report::markdown::render(&a);
    assert!(md.contains("Ask a peer or a senior peer who has worked alongside you"));
}

#[test]
fn unknown_roles_are_located_diagnostics() {
    let text = "format: competence/1
kind: evidence
learner: L-9
framework: peer-led-team
evidence:
  - id: obs-1
    kind: observation
    date: 2026-05-01
    assessor_role: buddy
    claims: [active-listening]
";
    let loaded = load_str(None, text, &Limits::default());
    assert!(loaded.has_errors());
    let d = &loaded.diagnostics[0];
    let span = d.span.as_ref().expect("located");
    assert_eq!(span.line, 9, "{d}");
    assert!(d.message.contains("senior-peer"), "{d}");
}
