//! Resolving a chain of five tailorings over a 2,000-competency framework, beside loading
//! that framework.
//!
//! Budget (DESIGN.md "Performance"): resolving costs less than loading.
//! Run: `cargo bench --bench resolve`.

use competence::catalog::Catalog;
use competence::model::FrameworkRef;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

mod support;
use support::{chain_tailoring, generated_framework};

fn resolve(c: &mut Criterion) {
    let base = generated_framework(40, 50);
    let limits = competence::Limits::default();
    let mut catalog = Catalog::new();
    let mut findings = catalog.add_text(None, &base, &limits).diagnostics;
    for level in 1..=5 {
        findings.extend(
            catalog
                .add_text(None, &chain_tailoring(level), &limits)
                .diagnostics,
        );
    }
    assert!(
        findings.is_empty(),
        "generated chain must load cleanly: {:?}",
        findings.first()
    );
    let top: FrameworkRef = "team-5@^1".parse().unwrap_or_else(|e| panic!("{e}"));
    let resolution = competence::tailor::resolve(&catalog, &top).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !resolution.has_errors(),
        "chain must resolve: {:?}",
        resolution.diagnostics.first()
    );
    assert!(resolution.framework.is_some());

    let mut group = c.benchmark_group("resolve-chain-of-5-over-2000");
    group.sample_size(20);
    group.bench_function("load_base", |b| {
        b.iter(|| competence::load_str(None, black_box(&base), &limits))
    });
    group.bench_function("resolve_chain", |b| {
        b.iter(|| competence::tailor::resolve(black_box(&catalog), &top))
    });
    group.finish();
}

criterion_group!(benches, resolve);
criterion_main!(benches);
