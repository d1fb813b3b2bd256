//! The `resolved` block that `competence resolve` writes: only on a framework without
//! `extends`, and its provenance names items of the framework (not levels).

use super::items::ItemIndex;
use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::Framework;
use crate::model::ItemSort;

pub(super) fn check(
    framework: &Framework,
    items: &ItemIndex<'_>,
    root: &DocPath,
    found: &mut Findings,
) {
    let Some(resolved) = &framework.resolved else {
        return;
    };
    if framework.extends.is_some() {
        found.push(
            Diagnostic::new(
                Code::TailoringWithContent,
                root.key("resolved").the_key(),
                "a tailored framework cannot have a `resolved` block: `competence resolve` writes it on the framework a chain resolves to, which has no `extends`",
            )
            .with_help("remove `resolved`, or `extends` and `tailoring` if this is a resolved framework"),
        );
        return;
    }
    for id in resolved.provenance.keys() {
        let known = items
            .sort(id.as_str())
            .is_some_and(|sort| sort != ItemSort::Level);
        if !known {
            found.push(Diagnostic::new(
                Code::UnknownReference,
                root.key("resolved")
                    .key("provenance")
                    .key(id.as_str())
                    .the_key(),
                format!(
                    "the provenance names `{id}`, which is not a value, domain, competency, indicator or role of this framework"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DocPath;
    use crate::validate::testing::*;

    #[test]
    fn table() {
        let table = [
            (
                "roles:\n",
                "resolved:\n  chain: [demo@1.0.0]\n  provenance:\n    nothing: { introduced_by: x@1.0.0 }\nroles:\n",
                "unknown-reference",
                "resolved.provenance.nothing",
            ),
            (
                "roles:\n",
                "resolved:\n  chain: [demo@1.0.0]\n  provenance:\n    developing: { introduced_by: x@1.0.0 }\nroles:\n",
                "unknown-reference",
                "resolved.provenance.developing",
            ),
        ];
        rule_table(&table, only);
        let fine = "resolved:\n  chain: [base@1.0.0, demo@1.0.0]\n  provenance:\n    listening: { introduced_by: demo@1.0.0 }\nroles:\n";
        let found = codes(&super::super::framework(
            &edit("roles:\n", fine),
            &DocPath::root(0),
        ));
        assert!(found.is_empty(), "{found:?}");
        let tailored = parse(
            "format: competence/1\nkind: framework\nid: t\nversion: 1.0.0\ntitle: T\nextends: demo@1\ncontext: here\nresolved: { chain: [demo@1.0.0] }\n",
        );
        let found = codes(&super::super::framework(&tailored, &DocPath::root(0)));
        assert_eq!(
            found,
            [("tailoring-with-content".to_owned(), "resolved".to_owned())]
        );
    }
}
