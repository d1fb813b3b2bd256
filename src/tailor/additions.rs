//! `add_values`, `add_domains`, `add_competencies`, `add_indicators` and `add_roles`: new
//! items, appended after the base's. An added id the base already uses (`added-id-exists`)
//! and an addition into an excluded item (`added-into-excluded`) are left out.

use super::Step;
use super::apply::Resolver;
use super::guardrails;
use super::items::{Slot, competency_at, competency_mut, domain_mut};
use super::resolved::{
    Provenance, ResolvedCompetency, ResolvedDomain, ResolvedIndicator, ResolvedRole, ResolvedValue,
};
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::{Competency, Domain, Domains, Id, Indicator, ItemSort, Loc};

impl Resolver<'_, '_> {
    /// Every addition of the tailoring, in the order of its lists.
    pub(crate) fn add(&mut self) {
        let step = self.step;
        let t = step.tailoring;
        for (i, value) in t.add_values.iter().enumerate() {
            let loc = Loc::AddValue(i);
            if self.fresh(&value.id, &step.path(loc)) {
                let slot = Slot::Value(self.framework.values.len());
                self.record(&value.id, slot, loc);
                let provenance = origin_in(step, None, value.core);
                self.framework
                    .values
                    .push(ResolvedValue::new(value, provenance));
            }
        }
        for (i, domain) in t.add_domains.iter().enumerate() {
            self.add_domain(domain, i);
        }
        for (i, add) in t.add_competencies.iter().enumerate() {
            let loc = Loc::AddCompetency(i);
            let at = step.path(loc);
            let Some(Slot::Domain(d)) = self.expect(&add.into, &[ItemSort::Domain], at.key("into"))
            else {
                continue;
            };
            if let Some(domain) = self.framework.domains.get(d) {
                // An exclusion the guardrails will refuse does not make it excluded.
                let excluded = domain.provenance.excluded.is_some()
                    || (excluded_here(step, &[&domain.id])
                        && !guardrails::refuses_exclusion(self.framework, Slot::Domain(d)));
                if self.refuse_if_excluded(&add.into, excluded, &at) {
                    continue;
                }
            }
            self.add_competency(d, &add.competency(), loc);
        }
        for (i, add) in t.add_indicators.iter().enumerate() {
            let loc = Loc::AddIndicator(i);
            let at = step.path(loc);
            let Some(Slot::Competency(d, c)) =
                self.expect(&add.into, &[ItemSort::Competency], at.key("into"))
            else {
                continue;
            };
            if let Some(competency) = competency_at(self.framework, d, c) {
                let framework = &*self.framework;
                let domain = framework.domains.get(d).map(|d| &d.id);
                // An exclusion the guardrails will refuse does not make it excluded.
                let refused = |slot| guardrails::refuses_exclusion(framework, slot);
                let excluded = competency.provenance.excluded.is_some()
                    || (excluded_here(step, &[&competency.id]) && !refused(Slot::Competency(d, c)))
                    || (domain.is_some_and(|id| excluded_here(step, &[id]))
                        && !refused(Slot::Domain(d)));
                if self.refuse_if_excluded(&add.into, excluded, &at) {
                    continue;
                }
            }
            self.add_indicator((d, c), &add.indicator(), loc);
        }
        for (i, role) in t.add_roles.iter().enumerate() {
            let loc = Loc::AddRole(i);
            let at = step.path(loc);
            if self.fresh(&role.id, &at) {
                let slot = Slot::Role(self.framework.roles.len());
                self.record(&role.id, slot, loc);
                if role.extends.is_some() {
                    self.written
                        .role_extends
                        .push((role.id.clone(), at.key("extends")));
                }
                for target in role.targets.keys() {
                    let path = at.key("targets").key(target.as_str());
                    self.written
                        .targets
                        .insert((role.id.clone(), target.clone()), path);
                }
                self.framework
                    .roles
                    .push(ResolvedRole::new(role, origin(step)));
            }
        }
    }

    /// Records an item this step adds, defined at `loc` in its document.
    fn record(&mut self, id: &Id, slot: Slot, loc: Loc) {
        let step = self.step;
        self.items
            .insert(id, slot, step.file, step.at.document, loc);
    }

    /// Whether `id` is new; otherwise reports `added-id-exists` with the base's definition.
    fn fresh(&mut self, id: &Id, at: &DocPath) -> bool {
        let Some(existing) = self.items.get(id.as_str()) else {
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
        d.related
            .extend(self.items.related(id.as_str(), "defined here"));
        self.found.push(d);
        false
    }

    /// Reports `added-into-excluded` at the addition when `into` is excluded; whether it is.
    fn refuse_if_excluded(&mut self, into: &Id, excluded: bool, at: &DocPath) -> bool {
        if excluded {
            let mut d = Diagnostic::new(
                Code::AddedIntoExcluded,
                at.key("into"),
                format!("`{into}` is excluded, so nothing can be added into it"),
            );
            d.related
                .extend(self.items.related(into.as_str(), "defined here"));
            self.found.push(d);
        }
        excluded
    }

    /// Domain `i` of `add_domains`, with its competencies.
    fn add_domain(&mut self, domain: &Domain, i: usize) {
        let loc = Loc::Domain(Domains::Added, i);
        if !self.fresh(&domain.id, &self.step.path(loc)) {
            return;
        }
        let d = self.framework.domains.len();
        self.record(&domain.id, Slot::Domain(d), loc);
        self.framework.domains.push(ResolvedDomain {
            id: domain.id.clone(),
            code: domain.code.clone(),
            title: domain.title.clone(),
            description: domain.description.clone(),
            core: domain.core,
            replaces: domain.replaces.clone(),
            source_id: domain.source_id.clone(),
            provenance: origin_in(self.step, None, domain.core),
            competencies: Vec::new(),
        });
        for (c, competency) in domain.competencies.iter().enumerate() {
            self.add_competency(d, competency, Loc::Competency(Domains::Added, i, c));
        }
    }

    /// A competency, defined at `loc`, into the domain at slot `d`, with its indicators.
    fn add_competency(&mut self, d: usize, competency: &Competency, loc: Loc) {
        let step = self.step;
        let at = step.path(loc);
        if !self.fresh(&competency.id, &at) {
            return;
        }
        let Some(domain) = domain_mut(self.framework, d) else {
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
        self.record(&competency.id, Slot::Competency(d, c), loc);
        self.written
            .requires
            .insert(competency.id.clone(), at.key("requires"));
        for (i, indicator) in competency.indicators.iter().enumerate() {
            self.add_indicator((d, c), indicator, loc.indicator(i));
        }
    }

    /// An indicator, defined at `loc`, into the competency at slot `(d, c)`.
    fn add_indicator(&mut self, (d, c): (usize, usize), indicator: &Indicator, loc: Loc) {
        let step = self.step;
        if !self.fresh(&indicator.id, &step.path(loc)) {
            return;
        }
        let Some(competency) = competency_mut(self.framework, d, c) else {
            return;
        };
        let i = competency.indicators.len();
        let provenance = origin_in(step, Some(&competency.provenance), indicator.core);
        let core = indicator.core || competency.core;
        competency
            .indicators
            .push(ResolvedIndicator::new(indicator, core, provenance));
        self.record(&indicator.id, Slot::Indicator(d, c, i), loc);
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

/// Whether this tailoring excludes one of `ids` (exclusions apply after additions, so an
/// addition into something the same tailoring excludes is caught here).
fn excluded_here(step: &Step<'_>, ids: &[&Id]) -> bool {
    step.tailoring.exclude.iter().any(|e| ids.contains(&&e.id))
}
