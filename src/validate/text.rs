//! Titles, texts and rationales are not empty.

use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::{Domain, Framework, Text};

/// `at` builds the path only when the text is empty, so valid files pay nothing for it.
fn require(text: &Text, at: impl FnOnce() -> DocPath, found: &mut Vec<Diagnostic>) {
    if text.is_blank() {
        found.push(Diagnostic::new(Code::EmptyText, at(), "this text is empty"));
    }
}

fn optional(text: Option<&Text>, at: impl FnOnce() -> DocPath, found: &mut Vec<Diagnostic>) {
    if let Some(text) = text {
        require(text, at, found);
    }
}

fn domains(domains: &[Domain], at: &DocPath, found: &mut Vec<Diagnostic>) {
    for (d, domain) in domains.iter().enumerate() {
        let at = || at.index(d);
        require(&domain.title, || at().key("title"), found);
        optional(
            domain.description.as_ref(),
            || at().key("description"),
            found,
        );
        for (c, competency) in domain.competencies.iter().enumerate() {
            let at = || at().key("competencies").index(c);
            require(&competency.title, || at().key("title"), found);
            optional(
                competency.description.as_ref(),
                || at().key("description"),
                found,
            );
            for (i, indicator) in competency.indicators.iter().enumerate() {
                require(
                    &indicator.text,
                    || at().key("indicators").index(i).key("text"),
                    found,
                );
            }
        }
    }
}

pub(super) fn framework(framework: &Framework, root: &DocPath, found: &mut Vec<Diagnostic>) {
    require(&framework.title, || root.key("title"), found);
    optional(framework.context.as_ref(), || root.key("context"), found);
    for (i, level) in framework.scale.iter().enumerate() {
        require(
            &level.title,
            || root.key("scale").index(i).key("title"),
            found,
        );
    }
    for (i, value) in framework.values.iter().enumerate() {
        require(
            &value.title,
            || root.key("values").index(i).key("title"),
            found,
        );
    }
    domains(&framework.domains, &root.key("domains"), found);
    for (i, role) in framework.roles.iter().enumerate() {
        require(
            &role.title,
            || root.key("roles").index(i).key("title"),
            found,
        );
    }
    let Some(t) = &framework.tailoring else {
        return;
    };
    let at = root.key("tailoring");
    domains(&t.add_domains, &at.key("add_domains"), found);
    for (i, c) in t.add_competencies.iter().enumerate() {
        let at = at.key("add_competencies").index(i);
        require(&c.title, || at.key("title"), found);
        for (j, indicator) in c.indicators.iter().enumerate() {
            require(
                &indicator.text,
                || at.key("indicators").index(j).key("text"),
                found,
            );
        }
    }
    for (i, indicator) in t.add_indicators.iter().enumerate() {
        require(
            &indicator.text,
            || at.key("add_indicators").index(i).key("text"),
            found,
        );
    }
    for (i, value) in t.add_values.iter().enumerate() {
        require(
            &value.title,
            || at.key("add_values").index(i).key("title"),
            found,
        );
    }
    for (i, role) in t.add_roles.iter().enumerate() {
        require(
            &role.title,
            || at.key("add_roles").index(i).key("title"),
            found,
        );
    }
    for (i, guidance) in t.guidance.iter().enumerate() {
        require(
            &guidance.text,
            || at.key("guidance").index(i).key("text"),
            found,
        );
    }
    let rationales = t
        .amend
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.rationale.as_ref(),
                at.key("amend").index(i),
                "amend",
                a.id.as_str(),
            )
        })
        .chain(t.exclude.iter().enumerate().map(|(i, e)| {
            (
                e.rationale.as_ref(),
                at.key("exclude").index(i),
                "exclude",
                e.id.as_str(),
            )
        }));
    for (rationale, path, what, id) in rationales {
        match rationale {
            Some(text) if !text.is_blank() => {}
            Some(_) => found.push(Diagnostic::new(
                Code::MissingRationale,
                path.key("rationale"),
                format!("the rationale for this {what} of `{id}` is empty: say why it is needed in this context"),
            )),
            None => found.push(Diagnostic::new(
                Code::MissingRationale,
                path.key("id"),
                format!("this {what} of `{id}` has no `rationale`: say why it is needed in this context"),
            )),
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
                "title: Listening\n",
                "title: \"  \"\n",
                "empty-text",
                "domains[0].competencies[0].title",
            ),
            (
                "text: Reflects back what they heard. }",
                "text: \"\" }",
                "empty-text",
                "domains[0].competencies[0].indicators[0].text",
            ),
        ];
        for (from, to, code, path) in table {
            let found = codes(&super::super::framework(&edit(from, to), &DocPath::root(0)));
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{to}: {found:?}"
            );
        }
    }

    #[test]
    fn rationale_required() {
        let framework = parse(
            "format: competence/1\nkind: framework\nid: t\nversion: 1.0.0\ntitle: T\nextends: demo@1\ncontext: here\ntailoring:\n  exclude:\n    - id: listening\n  amend:\n    - { id: sharing, title: S, rationale: ' ' }\n",
        );
        let found = codes(&super::super::framework(&framework, &DocPath::root(0)));
        assert!(
            found.contains(&("missing-rationale".into(), "tailoring.exclude[0].id".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "missing-rationale".into(),
                "tailoring.amend[0].rationale".into()
            )),
            "{found:?}"
        );
    }
}
