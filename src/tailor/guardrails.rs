//! The guardrails: what a tailoring may not do to core items.
//!
//! An item is core when it is marked `core: true` or sits inside a core domain or core
//! competency. A core item cannot be excluded, nor can an item with a core item inside it
//! (excluding it would exclude the core item too). A core item's wording (`title`,
//! `description`, `text`) cannot be amended, and its `values` can be extended but not
//! reduced. Its `code`, an indicator's `level` and a competency's `requires` may be amended;
//! guidance may be given, and items may be added into it.

use super::items::{Items, Slot, competency_at, provenance_at};
use super::resolved::{Provenance, ResolvedCompetency, ResolvedFramework};
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::ItemSort;
use crate::model::{Amend, Id, Text};

/// The fields `amend` can change on each sort of item.
pub(crate) fn amendable(sort: ItemSort) -> &'static [&'static str] {
    match sort {
        ItemSort::Value | ItemSort::Role => &["title", "description"],
        ItemSort::Domain => &["title", "description", "code"],
        ItemSort::Competency => &["title", "description", "code", "values", "requires"],
        ItemSort::Indicator => &["text", "level"],
        ItemSort::Level => &[],
    }
}

/// The fields that reword an item: protected on core items.
pub(crate) const WORDING: [&str; 3] = ["title", "description", "text"];

/// Whether the item at `slot` is core (itself, or through what contains it).
pub(crate) fn is_core(framework: &ResolvedFramework, slot: Slot) -> bool {
    match slot {
        Slot::Value(v) => framework.values.get(v).is_some_and(|v| v.core),
        Slot::Domain(d) => framework.domains.get(d).is_some_and(|d| d.core),
        Slot::Competency(d, c) => competency_at(framework, d, c).is_some_and(|c| c.core),
        Slot::Indicator(d, c, i) => competency_at(framework, d, c)
            .and_then(|c| c.indicators.get(i))
            .is_some_and(|i| i.core),
        Slot::Level(_) | Slot::Role(_) => false,
    }
}

/// The first core indicator of a competency.
fn core_indicator(c: &ResolvedCompetency) -> Option<(ItemSort, &Id)> {
    c.indicators
        .iter()
        .find(|i| i.core)
        .map(|i| (ItemSort::Indicator, &i.id))
}

/// The first core item inside the item at `slot`.
fn core_inside(framework: &ResolvedFramework, slot: Slot) -> Option<(ItemSort, &Id)> {
    match slot {
        Slot::Domain(d) => framework.domains.get(d)?.competencies.iter().find_map(|c| {
            if c.core {
                Some((ItemSort::Competency, &c.id))
            } else {
                core_indicator(c)
            }
        }),
        Slot::Competency(d, c) => core_indicator(competency_at(framework, d, c)?),
        _ => None,
    }
}

/// ` (made core by `x@1.0.0`)` when a tailoring, not the base, made the item core: a
/// tailoring below it may not know that its change touches someone else's protected item.
pub(crate) fn made_core_by(framework: &ResolvedFramework, provenance: &Provenance) -> String {
    match &provenance.core_by {
        Some(by) if framework.chain.first() != Some(by) => format!(" (made core by `{by}`)"),
        _ => String::new(),
    }
}

/// `missing-rationale` when a change that guardrails allow only with a reason has none (at
/// `at.id`, or at `at` when `key` is `None`) or a blank one (at its `rationale`).
pub(crate) fn require_rationale(
    rationale: Option<&Text>,
    at: &DocPath,
    key: Option<&str>,
    what: &str,
    found: &mut Vec<Diagnostic>,
) {
    match rationale {
        Some(text) if !text.is_blank() => {}
        Some(_) => found.push(Diagnostic::new(
            Code::MissingRationale,
            at.key("rationale"),
            format!("the rationale for {what} is empty: say why it is needed in this context"),
        )),
        None => found.push(Diagnostic::new(
            Code::MissingRationale,
            key.map_or_else(|| at.clone(), |k| at.key(k)),
            format!("{what} has no `rationale`: say why it is needed in this context"),
        )),
    }
}

/// Whether excluding the item at `slot` would be refused (`core-excluded`): it is core, or
/// holds a core item.
pub(crate) fn refuses_exclusion(framework: &ResolvedFramework, slot: Slot) -> bool {
    is_core(framework, slot) || core_inside(framework, slot).is_some()
}

/// `core-excluded` if excluding the item at `slot` would exclude a core item.
pub(crate) fn check_exclude(
    framework: &ResolvedFramework,
    items: &Items,
    slot: Slot,
    id: &Id,
    at: &DocPath,
) -> Option<Diagnostic> {
    let message = if is_core(framework, slot) {
        let by =
            provenance_at(framework, slot).map_or_else(String::new, |p| made_core_by(framework, p));
        format!(
            "`{id}` is a core {}{by}: a tailoring cannot exclude it",
            slot.sort().as_str()
        )
    } else {
        let (sort, inner) = core_inside(framework, slot)?;
        format!(
            "`{id}` contains the core {} `{inner}`: excluding it would exclude a core item",
            sort.as_str()
        )
    };
    let mut d = Diagnostic::new(Code::CoreExcluded, at.key("id"), message)
        .with_help("core items keep the values base of the framework intact; add `guidance` on how it applies here instead");
    d.related.extend(items.related(id.as_str(), "defined here"));
    Some(d)
}

/// Findings that stop an amendment: no fields, fields the item lacks (`invalid-amend`), and
/// rewording or reducing the values of a core item (`core-amended`).
pub(crate) fn check_amend(
    framework: &ResolvedFramework,
    items: &Items,
    slot: Slot,
    amend: &Amend,
    at: &DocPath,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let fields = amend.fields();
    let sort = slot.sort();
    if fields.is_empty() {
        found.push(Diagnostic::new(
            Code::InvalidAmend,
            at.key("id"),
            format!("this amendment of `{}` changes no field", amend.id),
        ));
    }
    let allowed = amendable(sort);
    for field in &fields {
        if !allowed.contains(field) {
            found.push(
                Diagnostic::new(
                    Code::InvalidAmend,
                    at.key(field).the_key(),
                    format!(
                        "`{}` is {}, which has no `{field}` to amend",
                        amend.id,
                        sort.with_article()
                    ),
                )
                .with_help(format!(
                    "{} can amend: {}",
                    sort.with_article(),
                    allowed.join(", ")
                )),
            );
        }
    }
    if !is_core(framework, slot) {
        return found;
    }
    let related = || items.related(amend.id.as_str(), "the core item is defined here");
    for field in fields
        .iter()
        .filter(|f| WORDING.contains(f) && allowed.contains(f))
    {
        let mut d = Diagnostic::new(
            Code::CoreAmended,
            at.key(field).the_key(),
            format!(
                "`{}` is a core {}: its {field} cannot be reworded by a tailoring",
                amend.id,
                sort.as_str()
            ),
        )
        .with_help("add `guidance` to explain how it applies here instead");
        d.related.extend(related());
        found.push(d);
    }
    if let (Some(new), Slot::Competency(d, c)) = (&amend.values, slot) {
        let old = competency_at(framework, d, c)
            .map(|c| c.values.as_slice())
            .unwrap_or_default();
        let dropped: Vec<&str> = old
            .iter()
            .filter(|v| !new.contains(v))
            .map(Id::as_str)
            .collect();
        if !dropped.is_empty() {
            let mut d = Diagnostic::new(
                Code::CoreAmended,
                at.key("values"),
                format!(
                    "`{}` is a core competency: it must keep serving {}; values can be added to it, not removed",
                    amend.id,
                    dropped
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            d.related.extend(related());
            found.push(d);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::validate::testing::{BASE, codes};
    use crate::yaml::Limits;
    use std::path::Path;

    /// Resolves a tailoring of the validation tests' `demo@1.0.0` with this `tailoring` body.
    pub(crate) fn resolve(body: &str) -> Vec<(String, String)> {
        resolve_over(BASE, body)
    }

    /// A base with a core domain (`values`) and a non-core one, to weaken.
    const CORE_BASE: &str = r#"
format: competence/1
kind: framework
id: demo
version: 1.0.0
title: Demo
scale:
  - { id: developing, title: Developing }
  - { id: established, title: Established }
values:
  - { id: mutuality, title: Mutuality, core: true }
domains:
  - id: values
    title: Values
    core: true
    competencies:
      - id: living
        title: Living the values
        values: [mutuality]
        indicators: [{ id: names, text: Names the values. }]
      - id: power
        title: Sharing power
        values: [mutuality]
        indicators: [{ id: notices, text: Notices power. }]
  - id: relational
    title: Relational
    competencies:
      - id: listening
        title: Listening
        values: [mutuality]
        indicators: [{ id: reflects, text: Reflects back. }]
roles:
  - id: worker
    title: Worker
    targets: { values: established, listening: established }
assessment:
  evidence:
    observation: { weight: 1.0, independent: true }
    self: { weight: 0.25 }
  sufficiency: { min_weight: 1.0, min_items: 2, require_independent: true }
  overrides:
    power: { require_assessor: [peer, senior-peer] }
"#;

    /// Resolves a tailoring of `base` (id `demo`) with this `tailoring` body.
    fn resolve_over(base: &str, body: &str) -> Vec<(String, String)> {
        let mut catalog = Catalog::new();
        let _ = catalog
            .add_text(Some(Path::new("base.yaml")), base, &Limits::default())
            .diagnostics;
        let text = format!(
            "format: competence/1\nkind: framework\nid: local\nversion: 1.0.0\ntitle: Local\nextends: demo@^1\ncontext: here\ntailoring:\n{body}"
        );
        let loaded = catalog
            .add_text(Some(Path::new("local.yaml")), &text, &Limits::default())
            .diagnostics;
        assert!(loaded.is_empty(), "{loaded:#?}");
        let wanted = "local".parse().unwrap_or_else(|e| panic!("{e}"));
        let resolution = super::super::resolve(&catalog, &wanted).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            resolution
                .diagnostics
                .iter()
                .all(|d| d.file.as_deref() == Some(Path::new("local.yaml")))
        );
        codes(&resolution.diagnostics)
    }

    #[test]
    fn table() {
        let rationale = "rationale: r";
        let table = [
            (
                format!("  exclude: [{{ id: mutuality, {rationale} }}]"),
                "unknown-reference",
                "tailoring.exclude[0].id",
            ),
            (
                format!("  exclude: [{{ id: nowhere, {rationale} }}]"),
                "unknown-reference",
                "tailoring.exclude[0].id",
            ),
            (
                format!("  amend: [{{ id: mutuality, title: M, {rationale} }}]"),
                "core-amended",
                "tailoring.amend[0].title",
            ),
            (
                format!("  amend: [{{ id: mutuality, description: M, {rationale} }}]"),
                "core-amended",
                "tailoring.amend[0].description",
            ),
            (
                format!("  amend: [{{ id: listening, level: developing, {rationale} }}]"),
                "invalid-amend",
                "tailoring.amend[0].level",
            ),
            (
                format!("  amend: [{{ id: listening, {rationale} }}]"),
                "invalid-amend",
                "tailoring.amend[0].id",
            ),
            (
                format!("  amend: [{{ id: listening, values: [nothing], {rationale} }}]"),
                "unknown-reference",
                "tailoring.amend[0].values[0]",
            ),
            (
                format!("  amend: [{{ id: purposeful, level: expert, {rationale} }}]"),
                "unknown-level",
                "tailoring.amend[0].level",
            ),
            (
                format!("  amend: [{{ id: listening, requires: [sharing], {rationale} }}]"),
                "requires-cycle",
                "tailoring.amend[0].requires[0]",
            ),
            (
                format!("  exclude: [{{ id: listening, {rationale} }}]"),
                "dropped-prerequisite",
                "tailoring.exclude[0].id",
            ),
            (
                format!("  exclude: [{{ id: relational, {rationale} }}]"),
                "dropped-target",
                "tailoring.exclude[0].id",
            ),
            (
                "  add_values: [{ id: listening, title: L }]".to_owned(),
                "added-id-exists",
                "tailoring.add_values[0].id",
            ),
            (
                "  add_indicators: [{ into: relational, id: x, text: X }]".to_owned(),
                "unknown-reference",
                "tailoring.add_indicators[0].into",
            ),
            (
                "  add_competencies: [{ into: relational, id: x, title: X, requires: [nowhere] }]"
                    .to_owned(),
                "unknown-reference",
                "tailoring.add_competencies[0].requires[0]",
            ),
            (
                "  add_roles: [{ id: lead, title: L, extends: lead }]".to_owned(),
                "extends-cycle",
                "tailoring.add_roles[0].extends",
            ),
            (
                "  targets: { boss: { listening: developing } }".to_owned(),
                "unknown-reference",
                "tailoring.targets.boss",
            ),
            (
                "  targets: { worker: { listening: expert } }".to_owned(),
                "unknown-level",
                "tailoring.targets.worker.listening",
            ),
            (
                "  assessment: { overrides: { nowhere: { min_items: 2 } } }".to_owned(),
                "unknown-reference",
                "tailoring.assessment.overrides.nowhere",
            ),
            (
                "  assessment: { evidence: { observation: { weight: 1.0 } } }".to_owned(),
                "unsatisfiable-policy",
                "tailoring.assessment",
            ),
        ];
        for (body, code, path) in table {
            let found = resolve(&format!("{body}\n"));
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{body}: {found:?}"
            );
        }
    }

    #[test]
    fn weakening_the_core() {
        let r = "rationale: r";
        let table = [
            (
                "  targets: { worker: { values: developing } }".to_owned(),
                "core-target-lowered",
                "tailoring.targets.worker.values",
            ),
            (
                "  targets: { worker: { living: developing } }".to_owned(),
                "core-target-lowered",
                "tailoring.targets.worker.living",
            ),
            (
                format!("  assessment: {{ sufficiency: {{ min_items: 1 }}, {r} }}"),
                "core-policy-relaxed",
                "tailoring.assessment.sufficiency.min_items",
            ),
            (
                format!(
                    "  assessment: {{ overrides: {{ living: {{ require_independent: false }} }}, {r} }}"
                ),
                "core-policy-relaxed",
                "tailoring.assessment.overrides.living.require_independent",
            ),
            (
                format!("  assessment: {{ evidence: {{ self: {{ weight: 1.0 }} }}, {r} }}"),
                "core-policy-relaxed",
                "tailoring.assessment.evidence.self.weight",
            ),
            (
                format!(
                    "  assessment: {{ overrides: {{ power: {{ require_assessor: [peer, senior-peer, manager] }} }}, {r} }}"
                ),
                "core-policy-relaxed",
                "tailoring.assessment.overrides.power.require_assessor",
            ),
            (
                "  assessment: { overrides: { values: { min_weight: 0.5 } } }".to_owned(),
                "missing-rationale",
                "tailoring.assessment",
            ),
            (
                format!("  add_indicators: [{{ into: living, id: forms, text: F, {r} }}]"),
                "added-to-core",
                "tailoring.add_indicators[0].id",
            ),
            (
                "  add_indicators: [{ into: living, id: forms, text: F }]".to_owned(),
                "missing-rationale",
                "tailoring.add_indicators[0].id",
            ),
            (
                format!("  add_competencies: [{{ into: values, id: forms, title: F, {r} }}]"),
                "added-to-core",
                "tailoring.add_competencies[0].id",
            ),
        ];
        for (body, code, path) in table {
            let found = resolve_over(CORE_BASE, &format!("{body}\n"));
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{body}: {found:?}"
            );
        }
    }

    #[test]
    fn not_weakening_the_core() {
        // Raising, tightening, non-core changes, new kinds and a tailoring's own additions.
        let body = "  add_domains: [{ id: local, title: L, core: true, competencies: [{ id: mine, title: M, values: [mutuality], indicators: [{ id: m, text: M }] }] }]
  add_indicators: [{ into: mine, id: more, text: More }, { into: listening, id: phone, text: P }]
  add_roles: [{ id: trainee, title: T, extends: worker, targets: { values: developing } }]
  targets: { worker: { living: established, listening: developing, mine: developing } }
  assessment:
    evidence: { testimony: { weight: 1.0, independent: true } }
    overrides: { listening: { min_items: 1 }, mine: { min_items: 1 }, values: { min_items: 3 } }
";
        assert_eq!(
            resolve_over(CORE_BASE, body),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn allowed_on_core_items() {
        let body = "  guidance: [{ id: mutuality, text: G }]\n  amend: [{ id: sharing, code: '3.2', rationale: r }]\n  add_indicators: [{ into: sharing, id: extra, text: E }]\n";
        assert_eq!(resolve(body), Vec::<(String, String)>::new());
    }
}
