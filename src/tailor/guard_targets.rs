//! Lowered targets for core items. A role's name carries the profile the framework gives it,
//! so a tailoring that lowers what an existing role needs of a core competency changes what
//! "ready for this role" means for the values base while keeping the name: `core-target-lowered`,
//! an error. Expecting less here is still possible, honestly named: a tailoring adds a role of
//! its own (`add_roles`, which may `extends` the role) with its own targets.

use super::apply::Resolver;
use super::guardrails::made_core_by;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Id, OrderedMap};

/// The effective targets of each existing role this tailoring sets targets for, before it
/// does: what a lowering is measured against.
pub(crate) struct TargetsBefore(Vec<(Id, OrderedMap<Id>)>);

impl Resolver<'_, '_> {
    /// The targets that lowerings by this tailoring are measured against.
    pub(crate) fn targets_before(&mut self) -> TargetsBefore {
        let (framework, step) = (&mut *self.framework, self.step);
        if step.tailoring.targets.is_empty() {
            return TargetsBefore(Vec::new());
        }
        // Items added so far (by this and earlier tailorings) are not indexed until the chain is
        // done; role targets look domains and competencies up by id.
        framework.reindex();
        let roles = step
            .tailoring
            .targets
            .keys()
            .filter(|role| {
                framework
                    .role(role.as_str())
                    .is_some_and(|r| r.provenance.introduced_by != step.by)
            })
            .filter_map(|role| Some((role.clone(), framework.role_targets(role.as_str())?)))
            .collect();
        TargetsBefore(roles)
    }
}

/// One lowering as the tailoring wrote it: a target key (a competency, or a domain covering
/// several) and the levels before and after.
struct Lowered {
    target: Id,
    was: Id,
    now: Id,
    competencies: Vec<Id>,
}

impl Resolver<'_, '_> {
    /// `core-target-lowered` for each core target this tailoring lowered.
    pub(crate) fn guard_targets(&mut self, before: &TargetsBefore) {
        let (framework, items, step) = (&*self.framework, &*self.items, self.step);
        let found = &mut self.found;
        for (role, old) in &before.0 {
            let (Some(new), Some(written)) = (
                framework.role_targets(role.as_str()),
                step.tailoring.targets.get(role.as_str()),
            ) else {
                continue;
            };
            let mut lowered: Vec<Lowered> = Vec::new();
            for (competency, was) in old.iter() {
                let Some((domain, c)) = framework.competency(competency.as_str()) else {
                    continue;
                };
                let Some(now) = new.get(competency.as_str()) else {
                    continue;
                };
                let rank = |level: &Id| framework.level_rank(level.as_str());
                let lower = matches!((rank(was), rank(now)), (Some(a), Some(b)) if b < a);
                if !c.core || !lower {
                    continue;
                }
                // The key the tailoring wrote: the competency's own wins over its domain's.
                let target = if written.get(competency.as_str()).is_some() {
                    competency
                } else if written.get(domain.id.as_str()).is_some() {
                    &domain.id
                } else {
                    continue;
                };
                match lowered
                    .iter_mut()
                    .find(|l| &l.target == target && &l.was == was && &l.now == now)
                {
                    Some(l) => l.competencies.push(competency.clone()),
                    None => lowered.push(Lowered {
                        target: target.clone(),
                        was: was.clone(),
                        now: now.clone(),
                        competencies: vec![competency.clone()],
                    }),
                }
            }
            for l in lowered {
                let what = match l.competencies.as_slice() {
                    [only] if *only == l.target => {
                        let by = framework
                            .competency(only.as_str())
                            .map_or_else(String::new, |(_, c)| {
                                made_core_by(framework, &c.provenance)
                            });
                        format!("the core competency `{only}`{by}")
                    }
                    all => format!(
                        "the core {} {} (through `{}`)",
                        if all.len() == 1 {
                            "competency"
                        } else {
                            "competencies"
                        },
                        all.iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        l.target
                    ),
                };
                let at = step
                    .at
                    .key("targets")
                    .key(role.as_str())
                    .key(l.target.as_str());
                let mut d = Diagnostic::new(
                Code::CoreTargetLowered,
                at,
                format!(
                    "role `{role}`: the target for {what} is lowered from {} to {}",
                    l.was, l.now
                ),
            )
            .with_help(
                "a role's core targets are what its name promises; to expect less here, add a role of your own with `add_roles` (it may `extends` this one) and target that",
            );
                d.related
                    .extend(items.related(role.as_str(), "the role is defined here"));
                found.push(d);
            }
        }
    }
}
