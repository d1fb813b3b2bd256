//! Assessing a cohort from JSON Lines against parsing the same lines with serde_json alone
//! (DESIGN.md "Performance": at most 1.3×, memory flat). Both read from an in-memory buffer so
//! the comparison is CPU only.
//!
//! - `serde_json parse only (baseline)`: every line into an `EvidenceRecord`, then dropped.
//! - `stream only`: `JsonLines` alone, to show what the stream costs before assessment.
//! - `stream and assess`: what the budget is about. `JsonLines` (bounded read, UTF-8 check,
//!   parse, evidence validation) and `Assessor::assess`, one learner at a time.
//! - `stream, assess and write JSON Lines`: the same plus the report of every learner written
//!   as one JSON line into a reused buffer. Shown for honesty: a full report is about 40
//!   times the size of its input line.
//! - `stream, assess and write cohort lines`: the same with the cohort line
//!   (`report::line::write`), what `competence assess` writes for JSON Lines input.
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
use std::hint::black_box;

#[path = "common/cohort.rs"]
mod cohort_data;

use cohort_data::{LEARNERS, framework_yaml};

fn cohort() -> String {
    cohort_data::cohort(LEARNERS)
}

fn bench(c: &mut Criterion) {
    let loaded = load_str(None, &framework_yaml(), &Limits::default());
    let framework: Framework = match loaded.documents.into_iter().next() {
        Some((_, competence::model::Document::Framework(f))) => std::sync::Arc::unwrap_or_clone(f),
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
    group.bench_function("stream, assess and write cohort lines", |b| {
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
                report::line::write(&mut out, &assessment).unwrap_or_else(|e| panic!("{e}"));
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
