//! The laws of DESIGN.md "Assessment", over generated records: determinism, evidence order
//! independence, monotonicity and ledger completeness.

use competence::assess::{Assessment, Assessor, Disposition, Status};
use competence::model::{
    Claim, Date, Document, EvidenceItem, EvidenceRecord, Framework, Id, Outcome,
};
use competence::report;
use competence::tailor::ResolvedFramework;
use competence::{Limits, load_file};
use proptest::prelude::*;
use std::path::Path;

fn framework() -> ResolvedFramework {
    let loaded = load_file(
        Path::new("tests/cases/ready/frameworks/demo@1.0.0.yaml"),
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    match loaded.documents.into_iter().next() {
        Some((_, Document::Framework(f))) => ResolvedFramework::from_framework(&f as &Framework),
        _ => panic!("no framework"),
    }
}

fn as_of() -> Date {
    "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"))
}

fn day(offset: u32) -> Date {
    let start: Date = "2024-06-01".parse().unwrap_or_else(|e| panic!("{e}"));
    Date::from_days_since_epoch(start.days_since_epoch() + i64::from(offset)).unwrap_or(start)
}

fn claim() -> impl Strategy<Value = Claim> {
    (
        prop::sample::select(vec!["peer-values", "listening", "safety", "nope"]),
        prop::sample::select(vec![
            None,
            Some("developing"),
            Some("established"),
            Some("expert"),
        ]),
        prop::sample::subsequence(
            vec![
                "explains-values",
                "values-under-pressure",
                "reflects-back",
                "knows-procedure",
                "raises-concerns",
                "odd",
            ],
            0..3,
        ),
    )
        .prop_map(|(c, l, i)| Claim {
            competency: Id::new(c),
            level: l.map(Id::new),
            indicators: i.into_iter().map(Id::new).collect(),
        })
}

fn item() -> impl Strategy<Value = (String, u32, bool, Vec<Claim>)> {
    (
        prop::sample::select(vec!["observation", "supervision", "reflection", "bogus"]),
        0u32..1000,
        prop::bool::weighted(0.1),
        prop::collection::vec(claim(), 0..4),
    )
        .prop_map(|(k, d, n, c)| (k.to_owned(), d, n, c))
}

fn record(items: Vec<(String, u32, bool, Vec<Claim>)>) -> EvidenceRecord {
    EvidenceRecord {
        format: "competence/1".to_owned(),
        kind: competence::model::Kind::Evidence,
        learner: Id::new("L-1"),
        framework: "demo".parse().unwrap_or_else(|e| panic!("{e}")),
        organisation: None,
        voice: None,
        evidence: items
            .into_iter()
            .enumerate()
            .map(|(n, (kind, date, not_yet, claims))| EvidenceItem {
                id: Id::new(format!("e{n}")),
                kind: Id::new(kind),
                date: day(date),
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

fn assess(framework: &ResolvedFramework, record: &EvidenceRecord) -> Assessment {
    Assessor::new(framework.clone())
        .role("worker")
        .as_of(as_of())
        .assess(record)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Everything but the ledger's input positions, which follow the input order by definition.
fn results(a: &Assessment) -> (String, Vec<String>) {
    let domains: Vec<_> = a.domains().collect();
    let domains = serde_json::to_string(&(a.summary(), &domains)).unwrap_or_default();
    let mut ledger: Vec<String> = a
        .ledger()
        .map(|e| {
            format!(
                "{} {:?} {:?} {:?} {}",
                e.evidence,
                e.claim,
                e.competency,
                e.level,
                e.disposition.as_str()
            )
        })
        .collect();
    ledger.sort();
    (domains, ledger)
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Missing => 0,
        Status::Partial => 1,
        Status::Blocked => 2,
        Status::Met => 3,
        Status::NotApplicable | Status::NotTargeted => 4,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn same_input_same_bytes(items in prop::collection::vec(item(), 0..12)) {
        let framework = framework();
        let record = record(items);
        let first = report::json::render(&assess(&framework, &record));
        let copy = record.clone();
        prop_assert_eq!(&first, &report::json::render(&assess(&framework, &copy)));
        prop_assert_eq!(report::markdown::render(&assess(&framework, &record)), report::markdown::render(&assess(&framework, &copy)));
    }

    #[test]
    fn evidence_order_does_not_matter(items in prop::collection::vec(item(), 0..12).prop_shuffle(), seed in any::<u64>()) {
        let framework = framework();
        let record = record(items);
        let mut shuffled = record.clone();
        // A deterministic permutation from the seed (ids stay unique, so no duplicates).
        let n = shuffled.evidence.len();
        if n > 1 {
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let j = usize::try_from(s >> 33).unwrap_or(0) % (i + 1);
                shuffled.evidence.swap(i, j);
            }
        }
        prop_assert_eq!(results(&assess(&framework, &record)), results(&assess(&framework, &shuffled)));
    }

    #[test]
    fn a_counted_claim_never_lowers_a_level_or_status(
        items in prop::collection::vec(item(), 0..10),
        competency in prop::sample::select(vec!["peer-values", "listening", "safety"]),
        level in prop::sample::select(vec![None, Some("developing"), Some("established")]),
        kind in prop::sample::select(vec!["observation", "supervision", "reflection"]),
        age in 0u32..150,
    ) {
        let framework = framework();
        let before_record = record(items.clone());
        let mut more = items;
        let date = 900 - age.min(900);
        more.push((kind.to_owned(), date, false, vec![Claim {
            competency: Id::new(competency),
            level: level.map(Id::new),
            indicators: Vec::new(),
        }]));
        let after_record = record(more);
        let before = assess(&framework, &before_record);
        let after = assess(&framework, &after_record);
        prop_assert_eq!(after.ledger().last().map(|e| e.disposition), Some(Disposition::Counted));
        let levels = |a: &Assessment| -> Vec<(Option<usize>, u8)> {
            a.competencies()
                .map(|c| (c.achieved.and_then(|l| framework.level_rank(l.as_str())), rank(c.status)))
                .collect()
        };
        for ((l0, s0), (l1, s1)) in levels(&before).into_iter().zip(levels(&after)) {
            prop_assert!(l1 >= l0, "level fell");
            prop_assert!(s1 >= s0, "status fell");
        }
    }

    #[test]
    fn the_ledger_accounts_for_every_claim(items in prop::collection::vec(item(), 0..12)) {
        let framework = framework();
        let record = record(items);
        let a = assess(&framework, &record);
        let expected: usize = record.evidence.iter().map(|i| i.claims.len().max(1)).sum();
        prop_assert_eq!(a.ledger().len(), expected);
        for (n, item) in record.evidence.iter().enumerate() {
            let entries: Vec<_> = a.ledger().filter(|e| e.item == n).collect();
            prop_assert_eq!(entries.len(), item.claims.len().max(1));
            if item.claims.is_empty() {
                prop_assert_eq!(entries.first().map(|e| e.disposition), Some(Disposition::NoClaims));
            }
        }
    }
}
