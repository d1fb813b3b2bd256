//! Assessing a cohort from JSON Lines against parsing the same lines with serde_json alone
//! (DESIGN.md "Performance": at most 1.3×, memory flat). Both read from an in-memory buffer so
//! the comparison is CPU only.
//!
//! - `serde_json parse only (baseline)`: every line into an `EvidenceRecord`, then dropped.
//! - `stream only`: `JsonLines` alone, to show what the stream costs before assessment.
//! - `stream and assess`: what the budget is about. `JsonLines` (bounded read, UTF-8 check,
//!   parse, evidence validation) and `Assessor::assess`, one learner at a time.
//! - `stream, assess and write JSON Lines`: the same plus the report of every learner written
//!   as one JSON line into a reused buffer (the cohort output of `competence assess`). Shown
//!   for honesty: a report is several times the size of its input line.
//!
//! Before the timings, the bench checks that memory stays flat: the process's peak resident
//! size (Linux `VmHWM`) after streaming 1,000 learners and after streaming all 10,000.
//!
//! `cargo bench --bench assess`

use competence::assess::Assessor;
use competence::load::JsonLines;
use competence::model::{Date, EvidenceRecord, Framework};
use competence::report;
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
    let assessor = Assessor::new(resolved).role("worker").as_of(as_of);
    let lines = cohort();
    flat_memory(&assessor, &lines);
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
    group.bench_function("stream only", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for line in JsonLines::new(lines.as_bytes(), None, Limits::default()) {
                let line = line.unwrap_or_else(|e| panic!("{e}"));
                let Some(record) = line.record else {
                    panic!("bad line")
                };
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
    group.bench_function("stream, assess and write JSON Lines", |b| {
        let mut out: Vec<u8> = Vec::with_capacity(1 << 20);
        b.iter(|| {
            let mut bytes = 0usize;
            for line in JsonLines::new(lines.as_bytes(), None, Limits::default()) {
                let line = line.unwrap_or_else(|e| panic!("{e}"));
                let Some(record) = line.record else {
                    panic!("bad line")
                };
                let assessment = assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"));
                out.clear();
                report::json::write_line(&mut out, &assessment).unwrap_or_else(|e| panic!("{e}"));
                bytes += out.len();
            }
            black_box(bytes)
        })
    });
    group.finish();
}

/// Streams and assesses the first `learners` lines; returns how many were ready.
fn stream(assessor: &Assessor, lines: &str, learners: usize) -> usize {
    let end = lines
        .match_indices('\n')
        .nth(learners.saturating_sub(1))
        .map_or(lines.len(), |(at, _)| at + 1);
    let mut ready = 0;
    for line in JsonLines::new(&lines.as_bytes()[..end], None, Limits::default()) {
        let line = line.unwrap_or_else(|e| panic!("{e}"));
        let record = line.record.unwrap_or_else(|| panic!("bad line"));
        let assessment = assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"));
        ready += usize::from(assessment.ready());
    }
    ready
}

/// The process's peak resident size in KiB (Linux), if known.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Memory stays flat as the cohort grows: the peak after 10,000 learners is the peak after
/// 1,000 (within 1 MiB), because records are read, assessed and dropped one at a time.
fn flat_memory(assessor: &Assessor, lines: &str) {
    let Some(before) = peak_kib() else {
        eprintln!("memory: VmHWM not available here; not checked");
        return;
    };
    black_box(stream(assessor, lines, 1_000));
    let small = peak_kib().unwrap_or(before);
    black_box(stream(assessor, lines, LEARNERS));
    let large = peak_kib().unwrap_or(small);
    eprintln!(
        "memory: peak resident {before} KiB with the cohort text loaded; {small} KiB after \
         streaming 1,000 learners; {large} KiB after 10,000 (growth {} KiB)",
        large.saturating_sub(small)
    );
    assert!(
        large <= small + 1024,
        "memory grew with the cohort: {small} KiB after 1,000 learners, {large} KiB after 10,000"
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
