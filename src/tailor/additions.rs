//! `add_values`, `add_domains`, `add_competencies`, `add_indicators` and `add_roles`: new
//! items, appended after the base's. An added id the base already uses (`added-id-exists`)
//! and an addition into an excluded item (`added-into-excluded`) are left out.

use super::Step;
use super::apply::Written;
use super::guardrails;
use super::items::{Items, Slot, competency_at, competency_mut, domain_mut};
use super::resolved::{
    Provenance, ResolvedCompetency, ResolvedDomain, ResolvedFramework, ResolvedIndicator,
    ResolvedRole, ResolvedValue,
};
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::ItemSort;
use crate::model::{Competency, Domain, Domains, Id, Indicator, Loc};

pub(crate) fn apply<'a>(
    framework: &mut ResolvedFramework,
    items: &mut Items<'a>,
    step: &Step<'a>,
    written: &mut Written,
    found: &mut Vec<Diagnostic>,
) {
    let t = step.tailoring;
    for (i, value) in t.add_values.iter().enumerate() {
        let at = step.path(Loc::AddValue(i));
        if fresh(items, &value.id, &at, found) {
            items.insert(
                &value.id,
                Slot::Value(framework.values.len()),
                step.file,
                step.at.document,
                Loc::AddValue(i),
            );
            framework.values.push(ResolvedValue {
                value: value.clone(),
                provenance: origin_in(step, None, value.core),
            });
        }
    }
    for (i, domain) in t.add_domains.iter().enumerate() {
        add_domain(
            framework,
            items,
            step,
            domain,
            Loc::Domain(Domains::Added, i),
            written,
            found,
        );
    }
    for (i, add) in t.add_competencies.iter().enumerate() {
        let loc = Loc::AddCompetency(i);
        let at = step.path(loc);
        let Some(Slot::Domain(d)) =
            items.expect(&add.into, &[ItemSort::Domain], at.key("into"), found)
        else {
            continue;
        };
        if let Some(domain) = framework.domains.get(d) {
            // An exclusion the guardrails will refuse does not make it excluded.
            let excluded = domain.provenance.excluded.is_some()
                || (excluded_here(step, &[&domain.id])
                    && !guardrails::refuses_exclusion(framework, Slot::Domain(d)));
            if into_excluded(items, &domain.id, excluded, &at, found) {
                continue;
            }
        }
        add_competency(
            framework,
            items,
            step,
            d,
            &add.competency(),
            loc,
            written,
            found,
        );
    }
    for (i, add) in t.add_indicators.iter().enumerate() {
        let loc = Loc::AddIndicator(i);
        let at = step.path(loc);
        let Some(Slot::Competency(d, c)) =
            items.expect(&add.into, &[ItemSort::Competency], at.key("into"), found)
        else {
            continue;
        };
        if let Some(competency) = competency_at(framework, d, c) {
            let domain = framework.domains.get(d).map(|d| &d.id);
            // An exclusion the guardrails will refuse does not make it excluded.
            let refused = |slot| guardrails::refuses_exclusion(framework, slot);
            let excluded = competency.provenance.excluded.is_some()
                || (excluded_here(step, &[&competency.id]) && !refused(Slot::Competency(d, c)))
                || (domain.is_some_and(|id| excluded_here(step, &[id]))
                    && !refused(Slot::Domain(d)));
            if into_excluded(items, &competency.id, excluded, &at, found) {
                continue;
            }
        }
        add_indicator(framework, items, step, (d, c), &add.indicator(), loc, found);
    }
    for (i, role) in t.add_roles.iter().enumerate() {
        let at = step.path(Loc::AddRole(i));
        if fresh(items, &role.id, &at, found) {
            items.insert(
                &role.id,
                Slot::Role(framework.roles.len()),
                step.file,
                step.at.document,
                Loc::AddRole(i),
            );
            if role.extends.is_some() {
                written
                    .role_extends
                    .push((role.id.clone(), at.key("extends")));
            }
            for target in role.targets.keys() {
                let path = at.key("targets").key(target.as_str());
                written
                    .targets
                    .insert((role.id.clone(), target.clone()), path);
            }
            framework.roles.push(ResolvedRole {
                role: role.clone(),
                provenance: origin(step),
            });
        }
    }
}

fn origin(step: &Step<'_>) -> Provenance {
    Provenance {
        introduced_by: step.by.clone(),
        ..Provenance::default()
    }
}

/// The provenance of an item this step adds: core through its container (which was made core
/// first, so that framework binds it), or through its own `core: true` (this step).
fn origin_in(step: &Step<'_>, container: Option<&Provenance>, own_core: bool) -> Provenance {
    let core_by = container
        .and_then(|p| p.core_by.clone())
        .or_else(|| own_core.then(|| step.by.clone()));
    Provenance {
        core_by,
        ..origin(step)
    }
}

/// Whether `id` is new; otherwise reports `added-id-exists` with the base's definition.
fn fresh(items: &Items, id: &Id, at: &DocPath, found: &mut Vec<Diagnostic>) -> bool {
    let Some(existing) = items.get(id.as_str()) else {
        return true;
    };
    let mut d = Diagnostic::new(
        Code::AddedIdExists,
        at.key("id"),
        format!(
            "the base already has {} with the id `{id}`",
            existing.slot.sort().with_article()
        ),
    )
    .with_help("to change the existing item use `amend`; to add a new one choose another id");
    d.related.extend(items.related(id.as_str(), "defined here"));
    found.push(d);
    false
}

/// Whether this tailoring excludes one of `ids` (exclusions apply after additions, so an
/// addition into something the same tailoring excludes is caught here).
fn excluded_here(step: &Step<'_>, ids: &[&Id]) -> bool {
    step.tailoring.exclude.iter().any(|e| ids.contains(&&e.id))
}

fn into_excluded(
    items: &Items,
    into: &Id,
    excluded: bool,
    at: &DocPath,
    found: &mut Vec<Diagnostic>,
) -> bool {
    if excluded {
        let mut d = Diagnostic::new(
            Code::AddedIntoExcluded,
            at.key("into"),
            format!("`{into}` is excluded, so nothing can be added into it"),
        );
        d.related
            .extend(items.related(into.as_str(), "defined here"));
        found.push(d);
    }
    excluded
}

fn add_domain<'a>(
    framework: &mut ResolvedFramework,
    items: &mut Items<'a>,
    step: &Step<'a>,
    domain: &Domain,
    loc: Loc,
    written: &mut Written,
    found: &mut Vec<Diagnostic>,
) {
    if !fresh(items, &domain.id, &step.path(loc), found) {
        return;
    }
    let d = framework.domains.len();
    items.insert(
        &domain.id,
        Slot::Domain(d),
        step.file,
        step.at.document,
        loc,
    );
    framework.domains.push(ResolvedDomain {
        id: domain.id.clone(),
        code: domain.code.clone(),
        title: domain.title.clone(),
        description: domain.description.clone(),
        core: domain.core,
        replaces: domain.replaces.clone(),
        source_id: domain.source_id.clone(),
        provenance: origin_in(step, None, domain.core),
        competencies: Vec::new(),
    });
    let Loc::Domain(list, i) = loc else {
        return;
    };
    for (c, competency) in domain.competencies.iter().enumerate() {
        add_competency(
            framework,
            items,
            step,
            d,
            competency,
            Loc::Competency(list, i, c),
            written,
            found,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn add_competency<'a>(
    framework: &mut ResolvedFramework,
    items: &mut Items<'a>,
    step: &Step<'a>,
    d: usize,
    competency: &Competency,
    loc: Loc,
    written: &mut Written,
    found: &mut Vec<Diagnostic>,
) {
    let at = step.path(loc);
    if !fresh(items, &competency.id, &at, found) {
        return;
    }
    let Some(domain) = domain_mut(framework, d) else {
        return;
    };
    let c = domain.competencies.len();
    let core = competency.core || domain.core;
    let provenance = origin_in(step, Some(&domain.provenance), competency.core);
    domain.competencies.push(ResolvedCompetency {
        id: competency.id.clone(),
        code: competency.code.clone(),
        title: competency.title.clone(),
        description: competency.description.clone(),
        core,
        values: competency.values.clone(),
        requires: competency.requires.clone(),
        replaces: competency.replaces.clone(),
        source_id: competency.source_id.clone(),
        provenance,
        indicators: Vec::new(),
    });
    items.insert(
        &competency.id,
        Slot::Competency(d, c),
        step.file,
        step.at.document,
        loc,
    );
    written
        .requires
        .insert(competency.id.clone(), at.key("requires"));
    for (i, indicator) in competency.indicators.iter().enumerate() {
        add_indicator(
            framework,
            items,
            step,
            (d, c),
            indicator,
            loc.indicator(i),
            found,
        );
    }
}

fn add_indicator<'a>(
    framework: &mut ResolvedFramework,
    items: &mut Items<'a>,
    step: &Step<'a>,
    (d, c): (usize, usize),
    indicator: &Indicator,
    loc: Loc,
    found: &mut Vec<Diagnostic>,
) {
    if !fresh(items, &indicator.id, &step.path(loc), found) {
        return;
    }
    let Some(competency) = competency_mut(framework, d, c) else {
        return;
    };
    let i = competency.indicators.len();
    let provenance = origin_in(step, Some(&competency.provenance), indicator.core);
    competency.indicators.push(ResolvedIndicator {
        indicator: Indicator {
            core: indicator.core || competency.core,
            ..indicator.clone()
        },
        provenance,
    });
    items.insert(
        &indicator.id,
        Slot::Indicator(d, c, i),
        step.file,
        step.at.document,
        loc,
    );
}
