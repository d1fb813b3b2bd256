//! The generated cohort the benches and `examples/cohort_input.rs` share: a 300-competency
//! framework (10 domains of 30, three levels, prerequisites, one `require_indicators`
//! domain) whose role targets all 300, and learners of 20 evidence items with 4 claims each
//! (80 claims), from a fixed seed.

#![allow(dead_code)] // each user takes what it needs

use std::fmt::Write;

pub const DOMAINS: usize = 10;
pub const PER_DOMAIN: usize = 30;
pub const LEARNERS: usize = 10_000;

pub fn framework_yaml() -> String {
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

/// `learners` learners, one per line: 20 items of 4 claims each, spread over the framework.
pub fn cohort(learners: usize) -> String {
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
    for learner in 0..learners {
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
