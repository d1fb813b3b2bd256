//! `amend`, `guidance`, per-role `targets` and the partial `assessment` policy.

use super::Step;
use super::apply::Written;
use super::guardrails;
use super::items::{Items, Slot, competency_mut, indicator_mut, provenance_mut};
use super::resolved::{Amendment, GuidanceNote, ResolvedFramework};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::ItemSort;
use crate::model::{Amend, Id, Text};

/// Every sort of item `amend` and `guidance` can name.
const AMENDABLE: [ItemSort; 5] = [
    ItemSort::Value,
    ItemSort::Domain,
    ItemSort::Competency,
    ItemSort::Indicator,
    ItemSort::Role,
];

pub(crate) fn amend(
    framework: &mut ResolvedFramework,
    items: &Items,
    step: &Step<'_>,
    written: &mut Written,
    found: &mut Vec<Diagnostic>,
) {
    for (i, amend) in step.tailoring.amend.iter().enumerate() {
        let at = step.at.key("amend").index(i);
        let Some(slot) = items.expect(&amend.id, &AMENDABLE, at.key("id"), found) else {
            continue;
        };
        let problems = guardrails::check_amend(framework, items, slot, amend, &at);
        let mut ok = problems.is_empty();
        found.extend(problems);
        for (j, value) in amend.values.iter().flatten().enumerate() {
            ok &= items
                .expect(value, &[ItemSort::Value], at.key("values").index(j), found)
                .is_some();
        }
        for (j, required) in amend.requires.iter().flatten().enumerate() {
            ok &= items
                .expect(
                    required,
                    &[ItemSort::Competency],
                    at.key("requires").index(j),
                    found,
                )
                .is_some();
        }
        if let Some(level) = &amend.level {
            ok &= items.expect_level(framework, level, at.key("level"), found);
        }
        if !ok {
            continue;
        }
        set_fields(framework, slot, amend);
        if amend.requires.is_some() {
            written
                .requires
                .insert(amend.id.clone(), at.key("requires"));
        }
        if let Some(provenance) = provenance_mut(framework, slot) {
            provenance.amendments.push(Amendment {
                by: step.by.clone(),
                fields: amend.fields().into_iter().map(str::to_owned).collect(),
                rationale: amend.rationale.clone().unwrap_or_else(|| Text::new("")),
            });
        }
    }
}

/// Sets the fields an amendment gives (already checked to apply to the item).
fn set_fields(framework: &mut ResolvedFramework, slot: Slot, amend: &Amend) {
    fn set<T: Clone>(slot: &mut T, new: Option<&T>) {
        if let Some(new) = new {
            slot.clone_from(new);
        }
    }
    fn set_opt<T: Clone>(slot: &mut Option<T>, new: Option<&T>) {
        if let Some(new) = new {
            *slot = Some(new.clone());
        }
    }
    match slot {
        Slot::Value(v) => {
            if let Some(value) = framework.values.get_mut(v) {
                set(&mut value.value.title, amend.title.as_ref());
                set_opt(&mut value.value.description, amend.description.as_ref());
            }
        }
        Slot::Domain(d) => {
            if let Some(domain) = framework.domains.get_mut(d) {
                set(&mut domain.title, amend.title.as_ref());
                set_opt(&mut domain.description, amend.description.as_ref());
                set_opt(&mut domain.code, amend.code.as_ref());
            }
        }
        Slot::Competency(d, c) => {
            if let Some(competency) = competency_mut(framework, d, c) {
                set(&mut competency.title, amend.title.as_ref());
                set_opt(&mut competency.description, amend.description.as_ref());
                set_opt(&mut competency.code, amend.code.as_ref());
                set(&mut competency.values, amend.values.as_ref());
                set(&mut competency.requires, amend.requires.as_ref());
            }
        }
        Slot::Indicator(d, c, i) => {
            if let Some(indicator) = indicator_mut(framework, d, c, i) {
                set(&mut indicator.indicator.text, amend.text.as_ref());
                set_opt(&mut indicator.indicator.level, amend.level.as_ref());
            }
        }
        Slot::Role(r) => {
            if let Some(role) = framework.roles.get_mut(r) {
                set(&mut role.role.title, amend.title.as_ref());
                set_opt(&mut role.role.description, amend.description.as_ref());
            }
        }
        Slot::Level(_) => {}
    }
}

pub(crate) fn guidance(
    framework: &mut ResolvedFramework,
    items: &Items,
    step: &Step<'_>,
    found: &mut Vec<Diagnostic>,
) {
    for (i, guidance) in step.tailoring.guidance.iter().enumerate() {
        let at = step.at.key("guidance").index(i).key("id");
        let Some(slot) = items.expect(&guidance.id, &AMENDABLE, at, found) else {
            continue;
        };
        if let Some(provenance) = provenance_mut(framework, slot) {
            provenance.guidance.push(GuidanceNote {
                by: step.by.clone(),
                text: guidance.text.clone(),
            });
        }
    }
}

/// Per-role target overrides, merged into the role's own targets (so roles that extend it
/// inherit them).
pub(crate) fn targets(
    framework: &mut ResolvedFramework,
    items: &Items,
    step: &Step<'_>,
    written: &mut Written,
    found: &mut Vec<Diagnostic>,
) {
    for (role, targets) in step.tailoring.targets.iter() {
        let key = step.at.key("targets").key(role.as_str());
        let Some(Slot::Role(r)) =
            items.expect(role, &[ItemSort::Role], key.clone().the_key(), found)
        else {
            continue;
        };
        // A tailoring's targets are a layer on top of the role's own, like a role that
        // extends it: a domain target here covers the whole domain, superseding the role's own
        // competency targets inside it; a competency target here overrides both. So domain
        // targets are applied first, then competency targets.
        let (domains, competencies): (Vec<_>, Vec<_>) = targets
            .iter()
            .partition(|(target, _)| framework.domain(target.as_str()).is_some());
        for (target, level) in domains.into_iter().chain(competencies) {
            let at = key.key(target.as_str());
            let known = items
                .expect(
                    target,
                    &[ItemSort::Domain, ItemSort::Competency],
                    at.clone().the_key(),
                    found,
                )
                .is_some();
            let on_scale = items.expect_level(framework, level, at.clone(), found);
            if !(known && on_scale) {
                continue;
            }
            let inside: Vec<Id> = framework
                .domain(target.as_str())
                .map(|d| d.competencies.iter().map(|c| c.id.clone()).collect())
                .unwrap_or_default();
            if let Some(resolved) = framework.roles.get_mut(r) {
                for competency in &inside {
                    resolved.role.targets.remove(competency.as_str());
                }
                resolved.role.targets.insert(target.clone(), level.clone());
                written.targets.insert((role.clone(), target.clone()), at);
            }
        }
    }
}

/// The partial policy, merged over the base's: evidence kinds key by key (a kind given
/// replaces that kind), `sufficiency` field by field, `overrides` key by key and field by field.
pub(crate) fn policy(
    framework: &mut ResolvedFramework,
    items: &Items,
    step: &Step<'_>,
    found: &mut Vec<Diagnostic>,
) {
    let Some(partial) = &step.tailoring.assessment else {
        return;
    };
    let at = step.at.key("assessment");
    let policy = &mut framework.assessment;
    for (kind, evidence) in partial.evidence.iter() {
        policy.evidence.insert(kind.clone(), evidence.clone());
    }
    if let Some(over) = &partial.sufficiency {
        policy.sufficiency = Some(
            policy
                .sufficiency
                .as_ref()
                .map_or_else(|| over.clone(), |base| base.merged(over)),
        );
        if over.min_items == Some(0) {
            found.push(Diagnostic::new(
                Code::InvalidValue,
                at.key("sufficiency").key("min_items"),
                "`min_items` must be at least 1: with 0, a level would be demonstrated without any evidence",
            ));
        }
    }
    for (id, over) in partial.overrides.iter() {
        let key = at.key("overrides").key(id.as_str());
        if items
            .expect(
                id,
                &[ItemSort::Domain, ItemSort::Competency],
                key.clone().the_key(),
                found,
            )
            .is_none()
        {
            continue;
        }
        if over.min_items == Some(0) {
            found.push(Diagnostic::new(
                Code::InvalidValue,
                key.key("min_items"),
                "`min_items` must be at least 1",
            ));
        }
        let merged = policy
            .overrides
            .get(id.as_str())
            .map_or_else(|| over.clone(), |base| base.merged(over));
        policy.overrides.insert(id.clone(), merged);
    }
    let needs_independent = policy
        .sufficiency
        .iter()
        .chain(policy.overrides.iter().map(|(_, s)| s))
        .any(|s| s.require_independent == Some(true));
    if needs_independent && !policy.evidence.iter().any(|(_, k)| k.independent) {
        found.push(
            Diagnostic::new(
                Code::UnsatisfiablePolicy,
                at,
                "after this tailoring an independent source is required, but no kind of evidence is `independent: true`",
            )
            .with_help("mark the kinds that come from someone other than the learner `independent: true`"),
        );
    }
}
