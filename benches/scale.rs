//! Issue 13's ratio budgets as criterion benches (the CPU-time and peak-memory comparisons
//! with other tools are `benches/scale.sh`).
//!
//! - `check-vs-parse`: ten generated frameworks of 770 competencies (about 5.4 MB, the
//!   files of the 27 MB corpus) checked together in memory with `check_texts` (loading,
//!   validation, the catalog, resolution; one thread), beside a bare `serde_yaml` parse of
//!   the same texts into `Value`. Budget (DESIGN.md): at most 1.1x here, 1.2x in general.
//! - `check-chain`: a 2,000-competency base with 1 and with 16 chained tailorings, checked
//!   together. Budget: 16 costs at most 1.5x one (O(N + D·t), not O(D·N)).
//!
//! Run: `cargo bench --bench scale`.

use competence::catalog::Catalog;
use competence::{Limits, check::check_texts};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

mod support;
use support::{chain_tailoring, framework_with_id, generated_framework};

fn check_all(texts: &[(PathBuf, String)], catalog: &Catalog) -> usize {
    let texts: Vec<(&std::path::Path, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_path(), t.as_str()))
        .collect();
    let report = check_texts(&texts, catalog, &Limits::default());
    assert!(
        report.diagnostics.is_empty(),
        "{:?}",
        report.diagnostics.first()
    );
    report.files.len()
}

fn scale(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let corpus: Vec<(PathBuf, String)> = (0..10)
        .map(|i| {
            let id = format!("large-{i:02}");
            (format!("{id}.yaml").into(), framework_with_id(&id, 22, 35))
        })
        .collect();
    check_all(&corpus, &catalog);
    let mut group = c.benchmark_group("check-vs-parse");
    group.sample_size(10);
    group.bench_function("bare_yaml_parse", |b| {
        b.iter(|| {
            for (_, text) in &corpus {
                black_box(serde_yaml::from_str::<serde_yaml::Value>(black_box(text)).ok());
            }
        })
    });
    group.bench_function("check_texts", |b| {
        b.iter(|| check_all(black_box(&corpus), &catalog))
    });
    group.finish();

    let chain = |depth: usize| -> Vec<(PathBuf, String)> {
        let mut texts = vec![("generated.yaml".into(), generated_framework(40, 50))];
        texts.extend((1..=depth).map(|l| (format!("team-{l:02}.yaml").into(), chain_tailoring(l))));
        texts
    };
    let (one, sixteen) = (chain(1), chain(16));
    check_all(&one, &catalog);
    check_all(&sixteen, &catalog);
    let mut group = c.benchmark_group("check-chain");
    group.sample_size(10);
    group.bench_function("base_and_1", |b| {
        b.iter(|| check_all(black_box(&one), &catalog))
    });
    group.bench_function("base_and_16", |b| {
        b.iter(|| check_all(black_box(&sixteen), &catalog))
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
