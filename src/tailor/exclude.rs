//! `exclude`: marking items as not applicable here (they stay in the result, with the
//! reason), and dropping what then points at them: prerequisites and role targets, each with a
//! warning.

use super::apply::Resolver;
use super::guardrails;
use super::items::{Slot, competency_mut};
use super::resolved::Exclusion;
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::ItemSort;
use crate::model::{Id, Text};
use std::collections::HashSet;

impl Resolver<'_, '_> {
    pub(crate) fn exclude(&mut self) {
        let step = self.step;
        for (i, exclude) in step.tailoring.exclude.iter().enumerate() {
            let at = step.at.key("exclude").index(i);
            let sorts = [ItemSort::Domain, ItemSort::Competency, ItemSort::Indicator];
            let Some(slot) = self.expect(&exclude.id, &sorts, at.key("id")) else {
                continue;
            };
            if let Some(d) =
                guardrails::check_exclude(self.framework, self.items, slot, &exclude.id, &at)
            {
                self.found.push(d);
                continue;
            }
            let exclusion = Exclusion {
                by: step.by.clone(),
                rationale: exclude.rationale.clone().unwrap_or_else(|| Text::new("")),
                via: None,
            };
            self.mark(slot, &exclusion, &at.key("id"));
        }
    }

    /// Marks the item at `slot` and, through it, what it contains. Something already excluded
    /// keeps its first exclusion.
    fn mark(&mut self, slot: Slot, exclusion: &Exclusion, at: &DocPath) {
        let written = &mut self.written;
        let framework = &mut *self.framework;
        let via = |id: &Id| Exclusion {
            via: Some(id.clone()),
            ..exclusion.clone()
        };
        match slot {
            Slot::Domain(d) => {
                let Some(domain) = framework.domains.get_mut(d) else {
                    return;
                };
                if domain.provenance.excluded.is_some() {
                    return;
                }
                domain.provenance.excluded = Some(exclusion.clone());
                written.excluded.insert(domain.id.clone(), at.clone());
                let through = via(&domain.id);
                for competency in &mut domain.competencies {
                    if competency.provenance.excluded.is_none() {
                        competency.provenance.excluded = Some(through.clone());
                        written.excluded.insert(competency.id.clone(), at.clone());
                    }
                    for indicator in &mut competency.indicators {
                        indicator
                            .provenance
                            .excluded
                            .get_or_insert_with(|| through.clone());
                    }
                }
            }
            Slot::Competency(d, c) => {
                let Some(competency) = competency_mut(framework, d, c) else {
                    return;
                };
                if competency.provenance.excluded.is_some() {
                    return;
                }
                competency.provenance.excluded = Some(exclusion.clone());
                written.excluded.insert(competency.id.clone(), at.clone());
                let through = via(&competency.id);
                for indicator in &mut competency.indicators {
                    indicator
                        .provenance
                        .excluded
                        .get_or_insert_with(|| through.clone());
                }
            }
            Slot::Indicator(d, c, i) => {
                let indicator =
                    competency_mut(framework, d, c).and_then(|c| c.indicators.get_mut(i));
                if let Some(indicator) = indicator {
                    indicator
                        .provenance
                        .excluded
                        .get_or_insert_with(|| exclusion.clone());
                }
            }
            _ => {}
        }
    }

    /// Drops prerequisites and role targets that point at excluded competencies and domains, with
    /// a warning at the exclusion (or, when this tailoring wrote the reference, at the reference).
    pub(crate) fn drop_dangling(&mut self) {
        let (step, written, items) = (self.step, &self.written, &*self.items);
        let framework = &mut *self.framework;
        let found = &mut self.found;
        let mut excluded: HashSet<Id> = HashSet::new();
        for domain in &framework.domains {
            if domain.provenance.excluded.is_some() {
                excluded.insert(domain.id.clone());
            }
            for competency in &domain.competencies {
                if competency.provenance.excluded.is_some() {
                    excluded.insert(competency.id.clone());
                }
            }
        }
        if excluded.is_empty() {
            return;
        }
        for competency in framework
            .domains
            .iter_mut()
            .flat_map(|d| d.competencies.iter_mut())
        {
            if competency.provenance.excluded.is_some()
                || !competency.requires.iter().any(|r| excluded.contains(r))
            {
                continue;
            }
            for (j, required) in competency.requires.iter().enumerate() {
                if !excluded.contains(required) {
                    continue;
                }
                let at = written
                    .excluded
                    .get(required)
                    .cloned()
                    .or_else(|| written.requires.get(&competency.id).map(|p| p.index(j)))
                    .unwrap_or_else(|| step.at.clone());
                let mut d = Diagnostic::new(
                    Code::DroppedPrerequisite,
                    at,
                    format!(
                        "`{}` requires `{required}`, which is excluded: the prerequisite is dropped",
                        competency.id
                    ),
                );
                d.related.extend(
                    items.related(competency.id.as_str(), "the competency that requires it"),
                );
                found.push(d);
            }
            competency.requires.retain(|r| !excluded.contains(r));
        }
        for role in &mut framework.roles {
            let id = role.id.clone();
            let dropped: Vec<Id> = role
                .targets
                .keys()
                .filter(|t| excluded.contains(*t))
                .cloned()
                .collect();
            for target in dropped {
                let at = written
                    .excluded
                    .get(&target)
                    .or_else(|| written.targets.get(&(id.clone(), target.clone())))
                    .cloned()
                    .unwrap_or_else(|| step.at.clone());
                let mut d = Diagnostic::new(
                    Code::DroppedTarget,
                    at,
                    format!(
                        "the role `{id}` targets `{target}`, which is excluded: the target is dropped"
                    ),
                );
                d.related.extend(items.related(id.as_str(), "the role"));
                found.push(d);
                role.targets.remove(target.as_str());
            }
        }
    }
}
