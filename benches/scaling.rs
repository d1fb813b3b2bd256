//! Scaling: each stage on an input of size n and of size 8n, and the ratio of the two times.
//! A ratio near 8 is linear; near 64 is quadratic. This is a benchmark, not a timed test: it
//! reports, it does not fail. DESIGN.md "Bad input" and "Performance": locating findings is
//! linear in the file, and no stage is quadratic in framework or evidence size.
//!
//! | group | input at n | at 8n |
//! |---|---|---|
//! | `locate` | 500 framework documents in one file, one finding each to locate | 4,000 |
//! | `load-framework` | a valid framework of 250 competencies (4 indicators each) | 2,000 |
//! | `load-documents` | 1,000 small valid documents in one file | 8,000 |
//! | `load-flow-line` | a valid framework of 1,000 competencies, all on one line in flow style | 8,000 |
//! | `resolve-framework` | a chain of 3 tailorings over 250 competencies | over 2,000 |
//! | `resolve-chain` | a chain of 2 tailorings over 500 competencies | of 16 |
//! | `json-lines` | 1,000 evidence records, one per line, streamed | 8,000 |
//!
//! Run: `cargo bench --bench scaling` (about a minute and a half). The ratios are printed at
//! the end, from the median time per iteration of each input.

use competence::Limits;
use competence::catalog::Catalog;
use competence::load::JsonLines;
use competence::model::FrameworkRef;
use criterion::{Bencher, BenchmarkId, Criterion};
use std::fmt::Write;
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod support;
use support::generated_framework;

/// Seconds per iteration of each sample, by group and size label, in the order measured.
type Times = Vec<(String, String, Vec<f64>)>;
static TIMES: Mutex<Times> = Mutex::new(Vec::new());

/// Samples kept per input for the median (criterion's warm-up calls come first and are
/// dropped).
const SAMPLES: usize = 10;

/// Measures `f` for criterion and records its time per iteration for the ratios.
fn timed<O>(b: &mut Bencher<'_>, group: &str, size: &str, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        let elapsed = start.elapsed();
        let per_iteration = elapsed.as_secs_f64() / iters.max(1) as f64;
        if let Ok(mut times) = TIMES.lock() {
            match times.iter_mut().find(|(g, s, _)| g == group && s == size) {
                Some((_, _, samples)) => samples.push(per_iteration),
                None => times.push((group.to_owned(), size.to_owned(), vec![per_iteration])),
            }
        }
        elapsed
    });
}

/// `count` framework documents in one stream, each with one finding that needs locating
/// (a `requires` naming no competency).
fn documents_with_findings(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        let _ = write!(
            text,
            "---\nformat: competence/1\nkind: framework\nid: f{i}\nversion: 1.0.0\ntitle: F\n\
             domains:\n  - id: d\n    title: D\n    competencies:\n      - id: c\n        title: C\n\
             \x20       indicators: [{{ id: i, text: Shows it. }}]\n        requires: [missing-{i}]\n\
             assessment:\n  evidence: {{ observation: {{ weight: 1.0, independent: true }} }}\n"
        );
    }
    text
}

/// `count` small valid framework documents in one stream.
/// A valid framework of `count` competencies whose domains are written on one line, in flow
/// style, with plain, single- and double-quoted scalars (escapes included). It has no
/// findings, so nothing is located and the time is the reading and validation alone.
fn flow_line_framework(count: usize) -> String {
    let mut yaml = String::from(
        "format: competence/1\nkind: framework\nid: flow\nversion: 1.0.0\ntitle: Flow\n\
         scale: [{id: developing, title: Developing}, {id: established, title: Established}]\n\
         values: [{id: mutuality, title: Mutuality, core: true}]\n\
         assessment: {evidence: {observation: {weight: 1.0, independent: true}}}\n\
         domains: [{id: d, title: \"One \\\"long\\\" line\", competencies: [",
    );
    for i in 0..count {
        if i > 0 {
            yaml.push_str(", ");
        }
        let _ = write!(
            yaml,
            "{{id: c-{i}, title: 'Competency {i}''s title', values: [mutuality], \
             indicators: [{{id: c-{i}-i, text: \"Shows it \\u00e9 {i}.\"}}]}}"
        );
    }
    yaml.push_str("]}]\n");
    yaml
}

fn valid_documents(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        let _ = write!(
            text,
            "---\nformat: competence/1\nkind: framework\nid: f{i}\nversion: 1.0.0\ntitle: Framework {i}\n"
        );
    }
    text
}

/// Tailoring `level` of a chain over `generated`: guidance on ten competencies of domain 0.
fn tailoring(level: usize) -> String {
    let base = if level == 1 {
        "generated".to_owned()
    } else {
        format!("team-{}", level - 1)
    };
    let mut yaml = format!(
        "format: competence/1\nkind: framework\nid: team-{level}\nversion: 1.0.0\ntitle: Team {level}\n\
         extends: {base}@^1\ncontext: Level {level} of a generated chain.\ntailoring:\n  guidance:\n"
    );
    for c in 0..10 {
        let _ = writeln!(
            yaml,
            "    - {{ id: competency-0-{c}, text: Local example from team {level}. }}"
        );
    }
    yaml
}

/// A catalog holding `generated` (domains x 50 competencies) and a chain of `depth`
/// tailorings over it, and the reference to the top of the chain.
fn chain(domains: usize, depth: usize) -> (Catalog, FrameworkRef) {
    let limits = Limits::default();
    let mut catalog = Catalog::new();
    let mut found = catalog
        .add_text(None, &generated_framework(domains, 50), &limits)
        .diagnostics;
    for level in 1..=depth {
        found.extend(
            catalog
                .add_text(None, &tailoring(level), &limits)
                .diagnostics,
        );
    }
    assert!(
        found.is_empty(),
        "the chain loads cleanly: {:?}",
        found.first()
    );
    let top = format!("team-{depth}@^1")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let resolved = competence::tailor::resolve(&catalog, &top).unwrap_or_else(|e| panic!("{e}"));
    assert!(!resolved.has_errors(), "{:?}", resolved.diagnostics.first());
    (catalog, top)
}

/// `count` evidence records, one JSON line each, five items of two claims.
fn json_lines(count: usize) -> Vec<u8> {
    let mut text = String::new();
    for i in 0..count {
        let _ = write!(
            text,
            "{{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L-{i}\",\"framework\":\"generated\",\"evidence\":["
        );
        for item in 0..5 {
            let comma = if item == 0 { "" } else { "," };
            let _ = write!(
                text,
                "{comma}{{\"id\":\"e{item}\",\"kind\":\"observation\",\"date\":\"2026-0{}-1{item}\",\"claims\":[\"competency-0-{item}\",{{\"competency\":\"competency-1-{item}\",\"level\":\"established\"}}]}}",
                item + 1
            );
        }
        text.push_str("]}\n");
    }
    text.into_bytes()
}

/// Benchmarks `run` on the input at n and at 8n.
fn pair<I>(
    c: &mut Criterion,
    group: &str,
    sizes: [(String, I); 2],
    run: impl Fn(&I) -> usize + Copy,
) {
    let mut g = c.benchmark_group(group);
    for (label, input) in &sizes {
        g.bench_with_input(BenchmarkId::from_parameter(label), input, |b, input| {
            timed(b, group, label, || run(input));
        });
    }
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let limits = Limits::default();
    let file = std::path::Path::new("scaling.yaml");

    let sizes = [500, 4_000].map(|n| (format!("{n} documents"), documents_with_findings(n)));
    pair(c, "locate", sizes, |text| {
        competence::load_str(Some(file), text, &limits)
            .diagnostics
            .len()
    });

    let sizes = [5, 40].map(|d| {
        (
            format!("{} competencies", d * 50),
            generated_framework(d, 50),
        )
    });
    pair(c, "load-framework", sizes, |text| {
        competence::load_str(Some(file), text, &limits)
            .documents
            .len()
    });

    // The large-file reader scans a long line once, not once per scalar on it.
    let sizes = [1_000, 8_000].map(|n| (format!("{n} competencies"), flow_line_framework(n)));
    pair(c, "load-flow-line", sizes, |text| {
        competence::load_str(Some(file), text, &limits)
            .documents
            .len()
    });

    let sizes = [1_000, 8_000].map(|n| (format!("{n} documents"), valid_documents(n)));
    pair(c, "load-documents", sizes, |text| {
        competence::load_str(Some(file), text, &limits)
            .documents
            .len()
    });

    let sizes = [5, 40].map(|d| (format!("{} competencies", d * 50), chain(d, 3)));
    pair(c, "resolve-framework", sizes, |(catalog, top)| {
        competence::tailor::resolve(catalog, top).map_or(0, |r| r.diagnostics.len())
    });

    let sizes = [2, 16].map(|depth| (format!("{depth} tailorings"), chain(10, depth)));
    pair(c, "resolve-chain", sizes, |(catalog, top)| {
        competence::tailor::resolve(catalog, top).map_or(0, |r| r.diagnostics.len())
    });

    let sizes = [1_000, 8_000].map(|n| (format!("{n} records"), json_lines(n)));
    pair(c, "json-lines", sizes, |bytes| {
        JsonLines::new(bytes.as_slice(), None, limits)
            .filter_map(Result::ok)
            .filter(|line| line.record.is_some())
            .count()
    });
}

fn median(samples: &[f64]) -> Option<f64> {
    let tail = samples.get(samples.len().saturating_sub(SAMPLES)..)?;
    let mut sorted = tail.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied()
}

fn show(seconds: f64) -> String {
    match seconds {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s => format!("{:.1} µs", s * 1e6),
    }
}

/// Prints, for each group, the two median times and their ratio.
fn print_ratios() {
    let Ok(times) = TIMES.lock() else { return };
    if times.is_empty() {
        return;
    }
    println!("\nscaling: time at 8n / time at n (ratio near 8 = linear, near 64 = quadratic)");
    let mut groups: Vec<&str> = times.iter().map(|(g, _, _)| g.as_str()).collect();
    groups.dedup();
    for group in groups {
        let sizes: Vec<(&str, f64)> = times
            .iter()
            .filter(|(g, _, _)| g == group)
            .filter_map(|(_, size, samples)| Some((size.as_str(), median(samples)?)))
            .collect();
        let [(small, ts), (large, tl)] = sizes[..] else {
            continue;
        };
        println!(
            "  {group:<18} {small:>17}: {:>9}   {large:>17}: {:>9}   ratio {:>5.1}",
            show(ts),
            show(tl),
            tl / ts
        );
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    scaling(&mut criterion);
    criterion.final_summary();
    print_ratios();
}
