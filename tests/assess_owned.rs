//! Owned, shareable results: an assessor kept in shared state and used from several threads,
//! assessments returned by value and read back from their JSON reports (through a crosswalk
//! too), and reports that do not hold together refused.

use competence::assess::{Assessment, Assessor, CrosswalkView, Disposition};
use competence::catalog::Catalog;
use competence::model::{Date, Document, EvidenceRecord};
use competence::report;
use competence::tailor::{self, ResolvedFramework};
use competence::{Limits, load_file};
use std::path::Path;
use std::sync::Arc;

fn shareable<T: Clone + Send + Sync + 'static>() {}

fn as_of() -> Date {
    "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"))
}

fn resolve(catalog: &Catalog, reference: &str) -> ResolvedFramework {
    let reference = reference.parse().unwrap_or_else(|e| panic!("{e}"));
    let resolution = tailor::resolve(catalog, &reference).unwrap_or_else(|e| panic!("{e}"));
    resolution
        .framework
        .unwrap_or_else(|| panic!("{reference} did not resolve"))
}

fn records(path: &str) -> Vec<EvidenceRecord> {
    let loaded = load_file(Path::new(path), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded
        .documents
        .into_iter()
        .filter_map(|(_, d)| match d {
            Document::Evidence(r) => Some(*r),
            _ => None,
        })
        .collect()
}

const LEARNERS: [&str; 3] = [
    "examples/evidence/learner-ready.yaml",
    "examples/evidence/learner-gaps.yaml",
    "examples/evidence/learner-forensic.yaml",
];

#[test]
fn assessors_and_assessments_are_owned_and_shareable() {
    shareable::<Assessor>();
    shareable::<Assessment>();
    shareable::<CrosswalkView>();
}

/// What a web service does: one assessor in shared state, requests on several threads, each
/// returning an owned assessment.
#[test]
fn one_assessor_serves_several_threads() {
    let catalog = Catalog::builtin();
    let framework = Arc::new(resolve(&catalog, "mh-peer-support-worker@^1"));
    let assessor = Arc::new(
        Assessor::new(Arc::clone(&framework))
            .role("peer-support-worker")
            .as_of(as_of()),
    );
    assert!(Arc::ptr_eq(assessor.framework(), &framework));
    let all: Vec<EvidenceRecord> = LEARNERS.iter().flat_map(|p| records(p)).collect();
    let alone: Vec<Assessment> = all
        .iter()
        .map(|r| assessor.assess(r).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let assessor = Arc::clone(&assessor);
            let all = all.clone();
            std::thread::spawn(move || -> Vec<Assessment> {
                all.iter()
                    .map(|r| assessor.assess(r).unwrap_or_else(|e| panic!("{e}")))
                    .collect()
            })
        })
        .collect();
    for handle in handles {
        let together = handle
            .join()
            .unwrap_or_else(|_| panic!("a thread panicked"));
        assert_eq!(together, alone);
    }
    // The records can go: the assessments own what they need.
    drop(all);
    let json: Vec<String> = alone.iter().map(report::json::render).collect();
    assert!(json.iter().all(|j| j.contains("\"ledger\"")));
    // A clone of the assessor shares its preparation and gives the same results.
    let copy = (*assessor).clone();
    let again = records(LEARNERS[1]);
    assert_eq!(copy.assess(&again[0]).ok().as_ref(), alone.get(1));
}

fn read_back(assessment: &Assessment) -> Assessment {
    let json = report::json::render(assessment);
    let read: Assessment = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report::json::render(&read), json);
    read
}

#[test]
fn reports_read_back_render_the_same_plans() {
    let catalog = Catalog::builtin();
    for (reference, role) in [
        ("mh-peer-support-worker@^1", "peer-support-worker"),
        ("riverside-forensic-psw@^1", "peer-support-worker"),
    ] {
        let assessor = Assessor::new(resolve(&catalog, reference))
            .role(role)
            .as_of(as_of());
        for path in LEARNERS {
            for record in records(path) {
                let a = assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"));
                let read = read_back(&a);
                assert_eq!(read, a, "{reference} {path}");
                assert_eq!(
                    report::markdown::render(&read),
                    report::markdown::render(&a)
                );
                assert_eq!(report::html::render(&read), report::html::render(&a));
            }
        }
    }
}

#[test]
fn an_assessment_through_a_crosswalk_reads_back() {
    let catalog = Catalog::builtin();
    let from = resolve(&catalog, "mh-peer-support-worker@^1");
    let to = resolve(&catalog, "peer-worker-apprenticeship@^1");
    let crosswalk = catalog
        .crosswalk_between(
            (from.id.as_str(), &from.version),
            (to.id.as_str(), &to.version),
        )
        .and_then(|e| e.crosswalk())
        .unwrap_or_else(|| panic!("no shipped crosswalk"));
    let view = CrosswalkView::new(crosswalk, &from, &to);
    let assessor = Assessor::new(to)
        .via(Arc::new(view))
        .role("gateway")
        .as_of(as_of());
    let record = records(LEARNERS[0]).remove(0);
    let a = assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"));
    assert!(a.framework().crosswalk.is_some());
    assert!(
        a.ledger()
            .any(|e| e.disposition == Disposition::Crosswalked && e.crosswalked_from.is_some())
    );
    assert_eq!(read_back(&a), a);
}

/// A case report with one value changed by `edit`.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string("tests/cases/every-disposition/report.json")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    edit(&mut value);
    value.to_string()
}

#[test]
fn a_report_that_does_not_hold_together_is_refused() {
    // Unchanged, it reads.
    assert!(serde_json::from_str::<Assessment>(&edited(|_| {})).is_ok());
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: [(&str, Edit); 5] = [
        (
            "summary",
            Box::new(|v| v["summary"]["met"] = serde_json::json!(7)),
        ),
        (
            "evidence",
            Box::new(|v| {
                v["domains"][0]["competencies"][0]["evidence"] = serde_json::json!(["no-such-item"])
            }),
        ),
        (
            "add up",
            Box::new(|v| {
                v["domains"][0]["competencies"][0]["gaps"][1]["short"] = serde_json::json!(9)
            }),
        ),
        (
            "level",
            Box::new(|v| {
                v["domains"][0]["competencies"][0]["achieved"] = serde_json::json!("expert")
            }),
        ),
        (
            "skips",
            Box::new(|v| v["ledger"][0]["item"] = serde_json::json!(99)),
        ),
    ];
    for (what, edit) in cases {
        let error = serde_json::from_str::<Assessment>(&edited(edit))
            .err()
            .unwrap_or_else(|| panic!("{what}: read"));
        assert!(
            error.to_string().contains("does not hold together"),
            "{what}: {error}"
        );
    }
}
