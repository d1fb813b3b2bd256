//! `amend`, `guidance`, per-role `targets` and the partial `assessment` policy.

use super::apply::Resolver;
use super::guardrails;
use super::items::{Slot, competency_mut, indicator_mut, provenance_mut};
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

impl Resolver<'_, '_> {
    pub(crate) fn amend(&mut self) {
        let step = self.step;
        for (i, amend) in step.tailoring.amend.iter().enumerate() {
            let at = step.at.key("amend").index(i);
            let Some(slot) = self.expect(&amend.id, &AMENDABLE, at.key("id")) else {
                continue;
            };
            let problems = guardrails::check_amend(self.framework, self.items, slot, amend, &at);
            let mut ok = problems.is_empty();
            self.found.extend(problems);
            for (j, value) in amend.values.iter().flatten().enumerate() {
                ok &= self
                    .expect(value, &[ItemSort::Value], at.key("values").index(j))
                    .is_some();
            }
            for (j, required) in amend.requires.iter().flatten().enumerate() {
                ok &= self
                    .expect(
                        required,
                        &[ItemSort::Competency],
                        at.key("requires").index(j),
                    )
                    .is_some();
            }
            if let Some(level) = &amend.level {
                ok &= self.expect_level(level, at.key("level"));
            }
            if !ok {
                continue;
            }
            set_fields(self.framework, slot, amend);
            if amend.requires.is_some() {
                self.written
                    .requires
                    .insert(amend.id.clone(), at.key("requires"));
            }
            if let Some(provenance) = provenance_mut(self.framework, slot) {
                provenance.amendments.push(Amendment {
                    by: step.by.clone(),
                    fields: amend.fields().into_iter().map(str::to_owned).collect(),
                    rationale: amend.rationale.clone().unwrap_or_else(|| Text::new("")),
                });
            }
        }
    }

    pub(crate) fn guidance(&mut self) {
        let step = self.step;
        for (i, guidance) in step.tailoring.guidance.iter().enumerate() {
            let at = step.at.key("guidance").index(i).key("id");
            let Some(slot) = self.expect(&guidance.id, &AMENDABLE, at) else {
                continue;
            };
            if let Some(provenance) = provenance_mut(self.framework, slot) {
                provenance.guidance.push(GuidanceNote {
                    by: step.by.clone(),
                    text: guidance.text.clone(),
                });
            }
        }
    }

    /// Per-role target overrides, merged into the role's own targets (so roles that extend it
    /// inherit them).
    pub(crate) fn targets(&mut self) {
        let step = self.step;
        for (role, targets) in step.tailoring.targets.iter() {
            let key = step.at.key("targets").key(role.as_str());
            let Some(Slot::Role(r)) = self.expect(role, &[ItemSort::Role], key.clone().the_key())
            else {
                continue;
            };
            // A tailoring's targets are a layer on top of the role's own, like a role that
            // extends it: a domain target here covers the whole domain, superseding the role's own
            // competency targets inside it; a competency target here overrides both. So domain
            // targets are applied first, then competency targets.
            let (domains, competencies): (Vec<_>, Vec<_>) = targets
                .iter()
                .partition(|(target, _)| self.framework.domain(target.as_str()).is_some());
            for (target, level) in domains.into_iter().chain(competencies) {
                let at = key.key(target.as_str());
                let known = self
                    .expect(
                        target,
                        &[ItemSort::Domain, ItemSort::Competency],
                        at.clone().the_key(),
                    )
                    .is_some();
                let on_scale = self.expect_level(level, at.clone());
                if !(known && on_scale) {
                    continue;
                }
                let inside: Vec<Id> = self
                    .framework
                    .domain(target.as_str())
                    .map(|d| d.competencies.iter().map(|c| c.id.clone()).collect())
                    .unwrap_or_default();
                if let Some(resolved) = self.framework.roles.get_mut(r) {
                    for competency in &inside {
                        resolved.targets.remove(competency.as_str());
                    }
                    resolved.targets.insert(target.clone(), level.clone());
                    self.written
                        .targets
                        .insert((role.clone(), target.clone()), at);
                }
            }
        }
    }

    /// The partial policy, merged over the base's: evidence kinds key by key (a kind given
    /// replaces that kind), `sufficiency` field by field, `overrides` key by key and field by field.
    pub(crate) fn policy(&mut self) {
        let step = self.step;
        let Some(partial) = &step.tailoring.assessment else {
            return;
        };
        let at = step.at.key("assessment");
        let found = &mut self.found;
        let policy = &mut self.framework.assessment;
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
            if self
                .items
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
                set(&mut value.title, amend.title.as_ref());
                set_opt(&mut value.description, amend.description.as_ref());
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
                set(&mut indicator.text, amend.text.as_ref());
                set_opt(&mut indicator.level, amend.level.as_ref());
            }
        }
        Slot::Role(r) => {
            if let Some(role) = framework.roles.get_mut(r) {
                set(&mut role.title, amend.title.as_ref());
                set_opt(&mut role.description, amend.description.as_ref());
            }
        }
        Slot::Level(_) => {}
    }
}
