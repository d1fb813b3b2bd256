//! Warnings about things that are allowed but probably unintended.

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::Framework;
use std::collections::HashSet;

pub(super) fn check(framework: &Framework, root: &DocPath, found: &mut Findings) {
    let mut served: HashSet<&str> = HashSet::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        let at = root.key("domains").index(d);
        if domain.competencies.is_empty() {
            found.push(Diagnostic::new(
                Code::EmptyDomain,
                at.key("id"),
                format!("the domain `{}` has no competencies", domain.id),
            ));
        }
        for (c, competency) in domain.competencies.iter().enumerate() {
            served.extend(competency.values.iter().map(|v| v.as_str()));
            if competency.indicators.is_empty() {
                found.push(
                    Diagnostic::new(
                        Code::NoIndicators,
                        at.key("competencies").index(c).key("id"),
                        format!("the competency `{}` has no indicators, so evidence can only claim it as a whole", competency.id),
                    )
                    .with_help("add observable abilities under `indicators`"),
                );
            }
        }
    }
    for (i, value) in framework.values.iter().enumerate() {
        if !served.contains(value.id.as_str()) {
            found.push(Diagnostic::new(
                Code::UnusedValue,
                root.key("values").index(i).key("id"),
                format!(
                    "no competency lists the value `{}` in its `values`",
                    value.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn table() {
        let table = [
            (
                "  - { id: mutuality, title: Mutuality, core: true }\n",
                "  - { id: mutuality, title: Mutuality, core: true }\n  - { id: hope, title: Hope }\n",
                "unused-value",
                "values[1].id",
            ),
            (
                "roles:\n",
                "  - { id: empty, title: Empty }\nroles:\n",
                "empty-domain",
                "domains[1].id",
            ),
            (
                "        indicators:\n          - { id: reflects-back, text: Reflects back what they heard. }\n",
                "",
                "no-indicators",
                "domains[0].competencies[0].id",
            ),
        ];
        rule_table(&table, |code, found| {
            assert!(found.iter().all(|(c, _)| c == code), "{found:?}");
        });
    }
}
