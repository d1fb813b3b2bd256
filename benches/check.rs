//! `check` on a valid 2,000-competency framework against a bare YAML parse of the same text.
//!
//! Budget (DESIGN.md "Performance"): `load_and_validate` costs at most 1.2x `bare_yaml_parse`.
//! Run: `cargo bench --bench check`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

mod support;
use support::generated_framework;

fn check(c: &mut Criterion) {
    let text = generated_framework(40, 50);
    let limits = competence::Limits::default();
    let loaded = competence::load_str(None, &text, &limits);
    assert!(
        loaded.diagnostics.is_empty(),
        "generated framework must be valid: {:?}",
        loaded.diagnostics.first()
    );
    let mut group = c.benchmark_group("check-2000-competencies");
    group.sample_size(20);
    group.bench_function("bare_yaml_parse", |b| {
        b.iter(|| serde_yaml::from_str::<serde_yaml::Value>(black_box(&text)))
    });
    group.bench_function("typed_parse_only", |b| {
        b.iter(|| serde_yaml::from_str::<competence::model::Framework>(black_box(&text)))
    });
    group.bench_function("load_and_validate", |b| {
        b.iter(|| competence::load_str(None, black_box(&text), &limits))
    });
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
