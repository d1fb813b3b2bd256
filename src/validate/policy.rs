//! The evidence policy can be satisfied.
//!
//! Any number of items of one kind may be gathered, so a high `min_weight` is never
//! impossible on its own. What can never be satisfied is a policy with no kinds at all, one
//! that requires an independent source when no kind is independent, or `min_items: 0`
//! (which would make a level demonstrated by nothing; it is rejected as meaningless).

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Framework, Sufficiency};

pub(super) fn check(framework: &Framework, root: &DocPath, found: &mut Findings) {
    let has_competencies = framework.domains.iter().any(|d| !d.competencies.is_empty());
    let Some(policy) = &framework.assessment else {
        if has_competencies {
            found.push(
                Diagnostic::new(Code::NoPolicy, root.clone(), "the framework has no `assessment` policy, so no evidence can count towards it")
                    .with_help("add `assessment: { evidence: { observation: { weight: 1.0, independent: true } } }`"),
            );
        }
        return;
    };
    let at = root.key("assessment");
    if policy.evidence.is_empty() && has_competencies {
        found.push(Diagnostic::new(
            Code::UnsatisfiablePolicy,
            at.clone(),
            "the policy accepts no kinds of evidence, so no level can ever be demonstrated",
        ));
        return;
    }
    let any_independent = policy.evidence.iter().any(|(_, kind)| kind.independent);
    let mut rules: Vec<(&Sufficiency, DocPath)> = Vec::new();
    if let Some(s) = &policy.sufficiency {
        rules.push((s, at.key("sufficiency")));
    }
    for (id, s) in policy.overrides.iter() {
        rules.push((s, at.key("overrides").key(id.as_str())));
    }
    for (rule, path) in rules {
        if rule.require_independent == Some(true) && !any_independent {
            found.push(
                Diagnostic::new(
                    Code::UnsatisfiablePolicy,
                    path.key("require_independent"),
                    "an independent source is required, but no kind of evidence is `independent: true`",
                )
                .with_help("mark the kinds that come from someone other than the learner `independent: true`"),
            );
        }
        if rule.min_items == Some(0) {
            found.push(Diagnostic::new(
                Code::InvalidValue,
                path.key("min_items"),
                "`min_items` must be at least 1: with 0, a level would be demonstrated without any evidence",
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
                "observation: { weight: 1.0, independent: true }",
                "observation: { weight: 1.0 }",
                "unsatisfiable-policy",
                "assessment.sufficiency.require_independent",
            ),
            (
                "min_items: 1",
                "min_items: 0",
                "invalid-value",
                "assessment.sufficiency.min_items",
            ),
            (
                "  evidence:\n    observation: { weight: 1.0, independent: true }\n    reflection: { weight: 0.5 }\n  sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true }\n",
                "  evidence: {}\n",
                "unsatisfiable-policy",
                "assessment",
            ),
        ];
        rule_table(&table, |_, _| {});
    }
}
