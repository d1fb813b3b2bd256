//! The sample learners in examples/evidence/ assessed against the shipped base framework give
//! the results their README works out by hand.

use competence::assess::{Assessor, Disposition, Status};
use competence::model::{Date, Document, EvidenceRecord, Framework};
use competence::tailor::ResolvedFramework;
use competence::{Limits, load_file};
use std::path::Path;

fn framework(path: &str) -> Framework {
    let loaded = load_file(Path::new(path), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    match loaded.documents.into_iter().next() {
        Some((_, Document::Framework(f))) => std::sync::Arc::unwrap_or_clone(f),
        _ => panic!("{path}: not a framework"),
    }
}

fn record(path: &str) -> EvidenceRecord {
    let loaded = load_file(Path::new(path), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    match loaded.documents.into_iter().next() {
        Some((_, Document::Evidence(r))) => *r,
        _ => panic!("{path}: not evidence"),
    }
}

fn as_of() -> Date {
    "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"))
}

fn count(assessment: &competence::assess::Assessment, disposition: Disposition) -> usize {
    assessment
        .ledger()
        .filter(|e| e.disposition == disposition)
        .count()
}

#[test]
fn learner_ready_is_ready() {
    let base = ResolvedFramework::from_framework(&framework(
        "frameworks/mh-peer-support-worker@1.1.0.yaml",
    ));
    let record = record("examples/evidence/learner-ready.yaml");
    let assessment = Assessor::new(base)
        .role("peer-support-worker")
        .as_of(as_of())
        .assess(&record)
        .unwrap_or_else(|e| panic!("{e}"));
    let not_met: Vec<_> = assessment
        .competencies()
        .filter(|c| c.status != Status::Met && c.target.is_some())
        .map(|c| (c.id.as_str(), c.status, c.gaps))
        .collect();
    assert!(not_met.is_empty(), "{not_met:#?}");
    assert!(assessment.ready());
    assert_eq!(assessment.summary().coverage.met, 28);
    assert_eq!(assessment.summary().coverage.targeted, 28);
    assert_eq!(assessment.ledger().len(), 98);
    assert_eq!(count(&assessment, Disposition::Counted), 94);
    assert_eq!(count(&assessment, Disposition::Expired), 4);
    let coping = assessment
        .competencies()
        .find(|c| c.id.as_str() == "coping-and-grounding");
    assert_eq!(coping.map(|c| c.status), Some(Status::NotTargeted));
}

#[test]
fn learner_gaps_has_each_kind_of_gap() {
    let base = ResolvedFramework::from_framework(&framework(
        "frameworks/mh-peer-support-worker@1.1.0.yaml",
    ));
    let record = record("examples/evidence/learner-gaps.yaml");
    let assessment = Assessor::new(base)
        .role("peer-support-worker")
        .as_of(as_of())
        .assess(&record)
        .unwrap_or_else(|e| panic!("{e}"));
    let s = *assessment.summary();
    let statuses: Vec<_> = assessment
        .competencies()
        .filter(|c| c.status != Status::Met && c.target.is_some())
        .map(|c| (c.id.as_str(), c.status))
        .collect();
    assert_eq!(
        (s.met, s.partial, s.blocked, s.missing),
        (20, 6, 1, 1),
        "{statuses:?}"
    );
    assert!(!assessment.ready());
    assert_eq!(assessment.ledger().len(), 70);
    assert_eq!(count(&assessment, Disposition::Counted), 67);
    assert_eq!(count(&assessment, Disposition::Expired), 2);
    assert_eq!(count(&assessment, Disposition::NotYet), 1);
    let status = |id: &str| {
        assessment
            .competencies()
            .find(|c| c.id.as_str() == id)
            .map(|c| c.status)
    };
    assert_eq!(status("sharing-lived-experience"), Some(Status::Blocked));
    assert_eq!(status("peer-values"), Some(Status::Partial));
    assert_eq!(status("group-peer-support"), Some(Status::Missing));
    // Under 1.1.0 the autumn 2025 safeguarding observation and discussion keep their kinds'
    // 2-year validity (1.0.0 expired all safeguarding evidence after a year).
    assert_eq!(status("safeguarding"), Some(Status::Met));
    assert_eq!(status("using-supervision"), Some(Status::Partial));
    // The worker's own wellbeing is learner-held: not part of the profile.
    assert_eq!(status("looking-after-wellbeing"), Some(Status::NotTargeted));
}
