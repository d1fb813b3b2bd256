//! Resolving a chain of five tailorings over a 2,000-competency framework, beside loading
//! that framework.
//!
//! Budget (DESIGN.md "Performance"): resolving costs less than loading.
//! Run: `cargo bench --bench resolve`.

use competence::catalog::Catalog;
use competence::model::FrameworkRef;
use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;

mod support;
use support::generated_framework;

/// Tailoring `level` (1..=5) of the chain: adds a domain of ten competencies, amends ten
/// descriptions, gives guidance on ten competencies and excludes one.
fn tailoring(level: usize) -> String {
    let base = if level == 1 {
        "generated".to_owned()
    } else {
        format!("team-{}", level - 1)
    };
    let mut yaml = format!(
        "format: competence/1\nkind: framework\nid: team-{level}\nversion: 1.0.0\ntitle: Team {level}\n\
         extends: {base}@^1\ncontext: Level {level} of a generated chain.\ntailoring:\n  add_domains:\n\
         \x20   - id: local-{level}\n      title: Local {level}\n      competencies:\n"
    );
    for c in 0..10 {
        let _ = write!(
            yaml,
            "        - id: local-{level}-{c}\n          title: Local {level}.{c}\n          values: [mutuality]\n\
             \x20         indicators: [{{ id: local-{level}-{c}-i, text: Shows it locally. }}]\n"
        );
    }
    yaml.push_str("  amend:\n");
    for c in 0..10 {
        let _ = writeln!(
            yaml,
            "    - {{ id: competency-{level}-{c}, description: Locally reworded., rationale: Local practice differs. }}"
        );
    }
    yaml.push_str("  guidance:\n");
    for c in 10..20 {
        let _ = writeln!(
            yaml,
            "    - {{ id: competency-{level}-{c}, text: Local example. }}"
        );
    }
    let _ = write!(
        yaml,
        "  exclude:\n    - {{ id: competency-{level}-49, rationale: Not offered here. }}"
    );
    yaml
}

fn resolve(c: &mut Criterion) {
    let base = generated_framework(40, 50);
    let limits = competence::Limits::default();
    let mut catalog = Catalog::new();
    let mut findings = catalog.add_text(None, &base, &limits).diagnostics;
    for level in 1..=5 {
        findings.extend(
            catalog
                .add_text(None, &tailoring(level), &limits)
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
