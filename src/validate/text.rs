//! Titles, texts and rationales are not empty; titles and codes are one line; no text holds
//! control characters or bidirectional formatting characters.

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Competency, Domain, Framework, Indicator, Policy, Role, Text, Value};

/// `at` builds the path only when the text is empty, so valid files pay nothing for it.
fn require(text: &Text, at: impl FnOnce() -> DocPath, found: &mut Findings) {
    if text.is_blank() {
        found.push(Diagnostic::new(Code::EmptyText, at(), "this text is empty"));
    }
}

fn optional(text: Option<&Text>, at: impl FnOnce() -> DocPath, found: &mut Findings) {
    if let Some(text) = text {
        require(text, at, found);
    }
}

fn domains(domains: &[Domain], at: &DocPath, found: &mut Findings) {
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

pub(super) fn framework(framework: &Framework, root: &DocPath, found: &mut Findings) {
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

/// Whether a text field is one line (a title or code, named as in messages) or may have
/// several (descriptions, indicator text, rationales, guidance).
#[derive(Clone, Copy)]
enum Lines {
    One(&'static str),
    Many,
}

/// A line break inside a text: YAML keeps `\n` from a `|` block or an escape; the others come
/// only from escapes.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A character that should not be in any text: a control character other than a line break
/// or tab, or a bidirectional embedding, override or isolate control (U+202A–U+202E,
/// U+2066–U+2069), which makes text display in another order than it is stored.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\t' && !is_line_break(c))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks one text's characters. Most texts are plain ASCII or common punctuation; the byte
/// filter keeps the character walk to the few that might hold one of these characters (every
/// C0 control, DEL, and the lead bytes of C1 controls and of U+2028–U+2069).
fn characters(
    text: Option<&Text>,
    lines: Lines,
    at: impl FnOnce() -> DocPath,
    found: &mut Findings,
) {
    let Some(text) = text.map(Text::as_str) else {
        return;
    };
    if !text
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
    {
        return;
    }
    let hidden = text.chars().find(|&c| is_hidden_control(c));
    let broken = match lines {
        Lines::One(field) => text.trim().contains(is_line_break).then_some(field),
        Lines::Many => None,
    };
    if hidden.is_none() && broken.is_none() {
        return;
    }
    let at = at();
    if let Some(c) = hidden {
        let what = if c.is_control() {
            "the control character"
        } else {
            "the bidirectional formatting character"
        };
        found.push(
            Diagnostic::new(
                Code::ControlCharacter,
                at.clone(),
                format!(
                    "this text contains {what} U+{:04X}, which does not show as itself: it can hide text or change the order it is shown in",
                    u32::from(c)
                ),
            )
            .with_help("remove it; reports leave it out (in YAML it usually comes from an escape such as `\\u202E` or `\\a` in a double-quoted string)"),
        );
    }
    if let Some(field) = broken {
        found.push(
            Diagnostic::new(
                Code::MultilineTitle,
                at,
                format!(
                    "this {field} has a line break, but a {field} is one line: reports join its lines with spaces"
                ),
            )
            .with_help("write it on one line (in YAML, a `|` block or a `\\n` escape keeps line breaks; a plain or `>` scalar joins lines)"),
        );
    }
}

fn level_like(
    title: &Text,
    description: Option<&Text>,
    at: impl Fn() -> DocPath,
    found: &mut Findings,
) {
    characters(
        Some(title),
        Lines::One("title"),
        || at().key("title"),
        found,
    );
    characters(description, Lines::Many, || at().key("description"), found);
}

fn indicator_characters(indicator: &Indicator, at: impl Fn() -> DocPath, found: &mut Findings) {
    characters(
        Some(&indicator.text),
        Lines::Many,
        || at().key("text"),
        found,
    );
}

fn competency_characters(competency: &Competency, at: impl Fn() -> DocPath, found: &mut Findings) {
    characters(
        competency.code.as_ref(),
        Lines::One("code"),
        || at().key("code"),
        found,
    );
    level_like(
        &competency.title,
        competency.description.as_ref(),
        &at,
        found,
    );
    for (i, indicator) in competency.indicators.iter().enumerate() {
        indicator_characters(indicator, || at().key("indicators").index(i), found);
    }
}

fn domain_characters(domains: &[Domain], at: &DocPath, found: &mut Findings) {
    for (d, domain) in domains.iter().enumerate() {
        let at = || at.index(d);
        characters(
            domain.code.as_ref(),
            Lines::One("code"),
            || at().key("code"),
            found,
        );
        level_like(&domain.title, domain.description.as_ref(), at, found);
        for (c, competency) in domain.competencies.iter().enumerate() {
            competency_characters(competency, || at().key("competencies").index(c), found);
        }
    }
}

fn value_characters(values: &[Value], at: &DocPath, found: &mut Findings) {
    for (i, value) in values.iter().enumerate() {
        level_like(
            &value.title,
            value.description.as_ref(),
            || at.index(i),
            found,
        );
    }
}

fn role_characters(roles: &[Role], at: &DocPath, found: &mut Findings) {
    for (i, role) in roles.iter().enumerate() {
        level_like(
            &role.title,
            role.description.as_ref(),
            || at.index(i),
            found,
        );
    }
}

fn policy_characters(policy: Option<&Policy>, at: &DocPath, found: &mut Findings) {
    for (id, kind) in policy.iter().flat_map(|p| p.evidence.iter()) {
        let at = || at.key("evidence").key(id.as_str());
        characters(
            kind.title.as_ref(),
            Lines::One("title"),
            || at().key("title"),
            found,
        );
        characters(
            kind.description.as_ref(),
            Lines::Many,
            || at().key("description"),
            found,
        );
    }
}

/// Line breaks in titles and codes (`multiline-title`) and hidden control characters in any
/// text of the framework (`control-character`): warnings, since the text still reads, but
/// reports fold it onto one line and leave such characters out.
pub(super) fn framework_characters(framework: &Framework, root: &DocPath, found: &mut Findings) {
    let f = framework;
    characters(
        Some(&f.title),
        Lines::One("title"),
        || root.key("title"),
        found,
    );
    for (field, text) in [("publisher", &f.publisher), ("licence", &f.licence)] {
        characters(text.as_ref(), Lines::One(field), || root.key(field), found);
    }
    for (field, text) in [("summary", &f.summary), ("context", &f.context)] {
        characters(text.as_ref(), Lines::Many, || root.key(field), found);
    }
    for (i, source) in f.source.iter().enumerate() {
        let at = || root.key("source").index(i);
        characters(
            Some(&source.title),
            Lines::One("title"),
            || at().key("title"),
            found,
        );
        characters(
            source.url.as_ref(),
            Lines::One("url"),
            || at().key("url"),
            found,
        );
        characters(
            source.note.as_ref(),
            Lines::Many,
            || at().key("note"),
            found,
        );
    }
    for (i, level) in f.scale.iter().enumerate() {
        level_like(
            &level.title,
            level.description.as_ref(),
            || root.key("scale").index(i),
            found,
        );
    }
    value_characters(&f.values, &root.key("values"), found);
    domain_characters(&f.domains, &root.key("domains"), found);
    role_characters(&f.roles, &root.key("roles"), found);
    policy_characters(f.assessment.as_ref(), &root.key("assessment"), found);
    let Some(t) = &f.tailoring else {
        return;
    };
    let at = root.key("tailoring");
    domain_characters(&t.add_domains, &at.key("add_domains"), found);
    for (i, c) in t.add_competencies.iter().enumerate() {
        competency_characters(
            &c.competency(),
            || at.key("add_competencies").index(i),
            found,
        );
    }
    for (i, indicator) in t.add_indicators.iter().enumerate() {
        characters(
            Some(&indicator.text),
            Lines::Many,
            || at.key("add_indicators").index(i).key("text"),
            found,
        );
    }
    value_characters(&t.add_values, &at.key("add_values"), found);
    role_characters(&t.add_roles, &at.key("add_roles"), found);
    for (i, amend) in t.amend.iter().enumerate() {
        let at = || at.key("amend").index(i);
        for (field, text, lines) in [
            ("title", &amend.title, Lines::One("title")),
            ("code", &amend.code, Lines::One("code")),
            ("description", &amend.description, Lines::Many),
            ("text", &amend.text, Lines::Many),
            ("rationale", &amend.rationale, Lines::Many),
        ] {
            characters(text.as_ref(), lines, || at().key(field), found);
        }
    }
    for (i, guidance) in t.guidance.iter().enumerate() {
        characters(
            Some(&guidance.text),
            Lines::Many,
            || at.key("guidance").index(i).key("text"),
            found,
        );
    }
    for (i, exclude) in t.exclude.iter().enumerate() {
        characters(
            exclude.rationale.as_ref(),
            Lines::Many,
            || at.key("exclude").index(i).key("rationale"),
            found,
        );
    }
    policy_characters(t.assessment.as_ref(), &at.key("assessment"), found);
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
        rule_table(&table, |_, _| {});
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

    #[test]
    fn line_breaks_in_titles_and_hidden_characters_anywhere() {
        let table = [
            (
                "title: Listening\n",
                "title: \"Listening\\n## Injected\"\n",
                "multiline-title",
                "domains[0].competencies[0].title",
            ),
            (
                "title: Demo\n",
                "title: |\n  Demo\n  more\n",
                "multiline-title",
                "title",
            ),
            (
                "  - { id: developing, title: Developing }",
                "  - { id: developing, title: \"Dev\\u2028eloping\" }",
                "multiline-title",
                "scale[0].title",
            ),
            (
                "title: Relational\n",
                "title: Relational\n    code: \"3\\r1\"\n",
                "multiline-title",
                "domains[0].code",
            ),
            (
                "text: Reflects back what they heard. }",
                "text: \"Reflects \\u202Eback\" }",
                "control-character",
                "domains[0].competencies[0].indicators[0].text",
            ),
            (
                "title: Worker\n",
                "title: \"Wor\\aker\"\n",
                "control-character",
                "roles[0].title",
            ),
            (
                "reflection: { weight: 0.5 }",
                "reflection: { weight: 0.5, description: \"a\\x1b[31mred\" }",
                "control-character",
                "assessment.evidence.reflection.description",
            ),
        ];
        rule_table(&table, only);
        // Line breaks and tabs are fine where text may have several lines, and a block
        // scalar's final line break is not a second line.
        for (from, to) in [
            (
                "text: Reflects back what they heard. }",
                "text: \"Reflects back\\n\\twhat they heard.\" }",
            ),
            ("title: Demo\n", "title: |\n  Demo\n"),
            ("title: Demo\n", "title: \"Démo — “quoted” ‘x’ …\"\n"),
        ] {
            let found = codes(&super::super::framework(&edit(from, to), &DocPath::root(0)));
            assert!(found.is_empty(), "{to}: {found:?}");
        }
    }

    #[test]
    fn tailorings_are_checked_too() {
        let framework = parse(
            "format: competence/1\nkind: framework\nid: t\nversion: 1.0.0\ntitle: T\nextends: demo@1\ncontext: \"here\\u2066\"\ntailoring:\n  exclude:\n    - { id: listening, rationale: \"not\\0here\" }\n  add_competencies:\n    - { into: relational, id: new, title: \"New\\nline\" }\n",
        );
        let found = codes(&super::super::framework(&framework, &DocPath::root(0)));
        for (code, path) in [
            ("control-character", "context"),
            ("control-character", "tailoring.exclude[0].rationale"),
            ("multiline-title", "tailoring.add_competencies[0].title"),
        ] {
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{code} at {path}: {found:?}"
            );
        }
    }
}
