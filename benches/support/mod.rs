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
