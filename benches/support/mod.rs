//! Inputs shared by the benches.

use std::fmt::Write;

/// A valid framework with `domains` x `per_domain` competencies, four indicators each.
pub fn generated_framework(domains: usize, per_domain: usize) -> String {
    let mut yaml = String::from(
        "format: competence/1\nkind: framework\nid: generated\nversion: 1.0.0\ntitle: Generated\n\
         scale:\n  - { id: developing, title: Developing }\n  - { id: established, title: Established }\n\
         values:\n  - { id: mutuality, title: Mutuality, core: true }\ndomains:\n",
    );
    for d in 0..domains {
        let _ = write!(
            yaml,
            "  - id: domain-{d}\n    title: Domain {d}\n    competencies:\n"
        );
        for c in 0..per_domain {
            let id = format!("competency-{d}-{c}");
            let _ = write!(
                yaml,
                "      - id: {id}\n        title: Competency {d}.{c}\n        description: What working well in area {d}.{c} looks like, in plain words.\n        values: [mutuality]\n"
            );
            if c > 0 {
                let _ = writeln!(yaml, "        requires: [competency-{d}-{}]", c - 1);
            }
            yaml.push_str("        indicators:\n");
            for i in 0..4 {
                let level = if i == 3 {
                    "\n            level: established"
                } else {
                    ""
                };
                let _ = write!(
                    yaml,
                    "          - id: {id}-i{i}\n            text: Shows ability {i} of this competency in everyday practice.{level}\n"
                );
            }
        }
    }
    yaml.push_str(
        "roles:\n  - id: worker\n    title: Worker\n    targets: { domain-0: established, domain-1: developing }\n\
         assessment:\n  evidence:\n    observation: { weight: 1.0, independent: true, valid_for: 2y }\n    reflection: { weight: 0.5 }\n\
         \x20 sufficiency: { min_weight: 1.5, min_items: 2, require_independent: true }\n",
    );
    yaml
}

/// [`generated_framework`] under its own id, so that several of them form one catalog.
#[allow(dead_code)] // not every bench uses it
pub fn framework_with_id(id: &str, domains: usize, per_domain: usize) -> String {
    generated_framework(domains, per_domain).replacen("id: generated\n", &format!("id: {id}\n"), 1)
}

/// Tailoring `level` (1 to 16) of a chain over [`generated_framework`]: `team-1` extends the
/// base, `team-k` extends `team-(k-1)`. Each adds a domain of ten competencies, amends ten
/// descriptions, gives guidance on ten competencies and excludes one.
#[allow(dead_code)] // not every bench uses it
pub fn chain_tailoring(level: usize) -> String {
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
    let _ = writeln!(
        yaml,
        "  exclude:\n    - {{ id: competency-{level}-49, rationale: Not offered here. }}"
    );
    yaml
}
