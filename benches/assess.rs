//! Assessing a cohort from JSON Lines against parsing the same lines with serde_json alone
//! (DESIGN.md "Performance": at most 1.3×, memory flat). Both read from an in-memory buffer so
//! the comparison is CPU only.
//!
//! `cargo bench --bench assess`

use competence::assess::Assessor;
use competence::evidence_stream::JsonLines;
use competence::model::{Date, EvidenceRecord, Framework};
use competence::tailor::ResolvedFramework;
use competence::{Limits, load_str};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

const DOMAINS: usize = 10;
const PER_DOMAIN: usize = 30;
const LEARNERS: usize = 10_000;

fn framework_yaml() -> String {
    let mut y = String::from(
        "format: competence/1\nkind: framework\nid: big\nversion: 1.0.0\ntitle: Big\nscale:\n  - { id: developing, title: Developing }\n  - { id: established, title: Established }\n  - { id: leading, title: Leading }\ndomains:\n",
    );
    for d in 0..DOMAINS {
        let _ = writeln!(y, "  - id: d{d}\n    title: Domain {d}\n    competencies:");
        for c in 0..PER_DOMAIN {
            let _ = writeln!(y, "      - id: c{d}-{c}\n        title: Competency {d}.{c}");
            if c > 0 {
                let _ = writeln!(y, "        requires: [c{d}-0]");
            }
            let _ = writeln!(y, "        indicators:");
            for i in 0..4 {
                let level = ["developing", "developing", "established", "leading"][i];
                let _ = writeln!(
                    y,
                    "          - {{ id: c{d}-{c}-i{i}, text: Indicator {i}., level: {level} }}"
                );
            }
        }
    }
    y.push_str("roles:\n  - id: worker\n    title: Worker\n    targets: {");
    let targets: Vec<String> = (0..DOMAINS).map(|d| format!("d{d}: established")).collect();
    y.push_str(&targets.join(", "));
    y.push_str("}\nassessment:\n  evidence:\n    observation: { weight: 1.0, independent: true, valid_for: 2y }\n    supervision: { weight: 0.5, independent: true, valid_for: 1y }\n    reflection: { weight: 0.5 }\n  sufficiency: { min_weight: 1.5, min_items: 2, require_independent: true }\n  overrides:\n    d0: { require_indicators: true, valid_for: 1y }\n");
    y
}

/// One learner per line: 20 items of 4 claims each, spread over the framework.
fn cohort() -> String {
    let kinds = ["observation", "supervision", "reflection"];
    let levels = ["developing", "established", "leading"];
    let mut out = String::new();
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for learner in 0..LEARNERS {
        let _ = write!(
            out,
            r#"{{"format":"competence/1","kind":"evidence","learner":"L-{learner}","framework":"big","evidence":["#
        );
        for item in 0..20 {
            if item > 0 {
                out.push(',');
            }
            let kind = kinds[next(3) as usize];
            let _ = write!(
                out,
                r#"{{"id":"e{item}","kind":"{kind}","date":"2026-{:02}-{:02}","summary":"Observed a session.","claims":["#,
                1 + next(11),
                1 + next(28)
            );
            for claim in 0..4 {
                if claim > 0 {
                    out.push(',');
                }
                let (d, c) = (next(DOMAINS as u64), next(PER_DOMAIN as u64));
                let level = levels[next(3) as usize];
                let _ = write!(
                    out,
                    r#"{{"competency":"c{d}-{c}","level":"{level}","indicators":["c{d}-{c}-i{}","c{d}-{c}-i{}"]}}"#,
                    next(4),
                    next(4)
                );
            }
            out.push_str("]}");
        }
        out.push_str("]}\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    let loaded = load_str(None, &framework_yaml(), &Limits::default());
    let framework: Framework = match loaded.documents.into_iter().next() {
        Some((_, competence::model::Document::Framework(f))) => *f,
        _ => panic!(
            "generated framework did not load: {:#?}",
            loaded.diagnostics
        ),
    };
    let resolved = ResolvedFramework::from_framework(&framework);
    let as_of: Date = "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"));
    let assessor = Assessor::new(&resolved).role("worker").as_of(as_of);
    let lines = cohort();
    let mut group = c.benchmark_group("cohort-10k-learners-300-competencies");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function("serde_json parse only (baseline)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for line in lines.lines() {
                let record: EvidenceRecord =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
                n += record.evidence.len();
            }
            black_box(n)
        })
    });
    group.bench_function("stream and assess", |b| {
        b.iter(|| {
            let mut ready = 0usize;
            for line in JsonLines::new(lines.as_bytes(), None, Limits::default()) {
                let line = line.unwrap_or_else(|e| panic!("{e}"));
                let Some(record) = line.record else {
                    panic!("bad line")
                };
                let assessment = assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"));
                ready += usize::from(assessment.ready());
                black_box(&assessment);
            }
            black_box(ready)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
