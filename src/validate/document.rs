//! The document's header (`format`, `kind`) and the shape of a tailored framework.

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Crosswalk, EvidenceRecord, FORMAT, Framework, Kind};

fn header(format: &str, kind: Kind, expected: Kind, root: &DocPath, found: &mut Findings) {
    if format != FORMAT {
        // Evidence is private: only a token-like value is shown.
        let shown = match expected {
            Kind::Evidence => crate::diagnostic::quote_token(format),
            _ => format!("`{format}`"),
        };
        found.push(Diagnostic::new(
            Code::UnknownFormat,
            root.key("format"),
            format!("unknown format {shown}; this version reads `{FORMAT}`"),
        ));
    }
    if kind != expected {
        found.push(Diagnostic::new(
            Code::UnknownKind,
            root.key("kind"),
            format!("this file holds {expected} documents, but this document is a {kind}; put each kind in its own file"),
        ));
    }
}

pub(super) fn framework(framework: &Framework, root: &DocPath, found: &mut Findings) {
    header(
        &framework.format,
        framework.kind,
        Kind::Framework,
        root,
        found,
    );
    match (&framework.extends, &framework.tailoring) {
        (Some(_), _) => {
            if framework.context.is_none() {
                found.push(
                    Diagnostic::new(Code::MissingContext, root.key("extends"), "a tailored framework needs a `context`: where and for whom this tailoring applies")
                        .with_help("add `context: <the service, place and people this tailoring is for>`"),
                );
            }
            let content = [
                ("scale", !framework.scale.is_empty()),
                ("values", !framework.values.is_empty()),
                ("domains", !framework.domains.is_empty()),
                ("roles", !framework.roles.is_empty()),
                ("assessment", framework.assessment.is_some()),
            ];
            for (field, present) in content {
                if present {
                    found.push(
                        Diagnostic::new(
                            Code::TailoringWithContent,
                            root.key(field).the_key(),
                            format!("a tailored framework cannot have top-level `{field}`: every change to the base goes through the `tailoring` block"),
                        )
                        .with_help(match field {
                            "domains" => "use `tailoring.add_domains`",
                            "values" => "use `tailoring.add_values`",
                            "roles" => "use `tailoring.add_roles` and `tailoring.targets`",
                            "assessment" => "use `tailoring.assessment`",
                            _ => "a tailoring keeps its base's scale",
                        }),
                    );
                }
            }
        }
        (None, Some(_)) => found.push(Diagnostic::new(
            Code::TailoringWithoutExtends,
            root.key("tailoring").the_key(),
            "a `tailoring` block needs `extends: <base id>@<requirement>` to say what it tailors",
        )),
        (None, None) => {}
    }
}

pub(super) fn evidence(record: &EvidenceRecord, root: &DocPath, found: &mut Findings) {
    header(&record.format, record.kind, Kind::Evidence, root, found);
    // Paths are built only for invalid ids: cohorts of valid records pay nothing for them.
    let mut check = |id: &crate::model::Id, at: &dyn Fn() -> DocPath| {
        if !id.is_valid() {
            // Not a valid id, so perhaps text: shown only when it looks like a token.
            found.push(Diagnostic::new(
                Code::InvalidId,
                at(),
                format!(
                    "{} is not a valid id",
                    crate::diagnostic::quote_token(id.as_str())
                ),
            ));
        }
    };
    check(&record.learner, &|| root.key("learner"));
    for (i, item) in record.evidence.iter().enumerate() {
        let at = || root.key("evidence").index(i);
        check(&item.id, &|| at().key("id"));
        check(&item.kind, &|| at().key("kind"));
        if let Some(assessor) = &item.assessor {
            check(assessor, &|| at().key("assessor"));
        }
    }
}

pub(super) fn crosswalk(crosswalk: &Crosswalk, root: &DocPath, found: &mut Findings) {
    header(
        &crosswalk.format,
        crosswalk.kind,
        Kind::Crosswalk,
        root,
        found,
    );
    if !crosswalk.id.is_valid() {
        found.push(Diagnostic::new(
            Code::InvalidId,
            root.key("id"),
            format!("`{}` is not a valid id", crosswalk.id),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn table() {
        let table = [
            (
                "format: competence/1",
                "format: competence/2",
                "unknown-format",
                "format",
            ),
            (
                "title: Demo\n",
                "title: Demo\nextends: base@1\n",
                "missing-context",
                "extends",
            ),
            (
                "title: Demo\n",
                "title: Demo\nextends: base@1\ncontext: here\n",
                "tailoring-with-content",
                "domains",
            ),
            (
                "title: Demo\n",
                "title: Demo\ntailoring: {}\n",
                "tailoring-without-extends",
                "tailoring",
            ),
        ];
        rule_table(&table, |_, _| {});
    }
}
