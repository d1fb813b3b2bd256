//! Every reference resolves to an item of the right sort: values, `requires`, role `extends`
//! and targets, policy overrides, indicator and target levels, and `replaces`.

use super::ItemIndex;
use crate::diagnostic::closest;
use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::ItemSort;
use crate::model::{Framework, Id};
use std::collections::HashMap;

pub(super) fn check(
    framework: &Framework,
    items: &ItemIndex<'_>,
    root: &DocPath,
    found: &mut Findings,
) {
    let levels = LevelSet::of(framework);
    // Paths are built only for findings: valid files pay nothing for them.
    for (d, domain) in framework.domains.iter().enumerate() {
        for (c, competency) in domain.competencies.iter().enumerate() {
            let at = || root.key("domains").index(d).key("competencies").index(c);
            for (i, value) in competency.values.iter().enumerate() {
                expect(
                    items,
                    value,
                    &[ItemSort::Value],
                    || at().key("values").index(i),
                    found,
                );
            }
            for (i, required) in competency.requires.iter().enumerate() {
                expect(
                    items,
                    required,
                    &[ItemSort::Competency],
                    || at().key("requires").index(i),
                    found,
                );
            }
            for (i, indicator) in competency.indicators.iter().enumerate() {
                if let Some(level) = &indicator.level {
                    levels.expect(
                        level,
                        || at().key("indicators").index(i).key("level"),
                        found,
                    );
                }
            }
        }
    }
    for (r, role) in framework.roles.iter().enumerate() {
        let at = || root.key("roles").index(r);
        if let Some(parent) = &role.extends {
            expect(
                items,
                parent,
                &[ItemSort::Role],
                || at().key("extends"),
                found,
            );
        }
        for (target, level) in role.targets.iter() {
            let key = || at().key("targets").key(target.as_str());
            expect(
                items,
                target,
                &[ItemSort::Domain, ItemSort::Competency],
                || key().the_key(),
                found,
            );
            levels.expect(level, key, found);
        }
    }
    if let Some(policy) = &framework.assessment {
        for id in policy.overrides.keys() {
            let key = || {
                root.key("assessment")
                    .key("overrides")
                    .key(id.as_str())
                    .the_key()
            };
            expect(
                items,
                id,
                &[ItemSort::Domain, ItemSort::Competency],
                key,
                found,
            );
        }
    }
    replaces(framework, items, root, found);
}

/// Reports `id` unless it names an item of one of `sorts`.
pub(crate) fn expect(
    items: &ItemIndex<'_>,
    id: &Id,
    sorts: &[ItemSort],
    at: impl FnOnce() -> DocPath,
    found: &mut Findings,
) {
    let item = items.get(id.as_str());
    if item.is_some_and(|item| sorts.contains(&item.sort)) {
        return;
    }
    let wanted = sorts
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" or ");
    match item {
        Some(item) => found.push(
            Diagnostic::new(
                Code::UnknownReference,
                at(),
                format!(
                    "`{id}` is {}, but a {wanted} is expected here",
                    item.sort.with_article()
                ),
            )
            .with_related(items.path(item), "defined here"),
        ),
        None => {
            let mut d = Diagnostic::new(
                Code::UnknownReference,
                at(),
                format!("no {wanted} has the id `{id}`"),
            );
            if let Some(near) = closest(
                id.as_str(),
                items
                    .items
                    .iter()
                    .filter(|i| sorts.contains(&i.sort))
                    .map(|i| i.id.as_str()),
            ) {
                d = d.with_help(format!("did you mean `{near}`?"));
            }
            found.push(d);
        }
    }
}

/// The scale's level ids, or the implicit `met`.
pub(crate) struct LevelSet<'a> {
    ids: Vec<&'a str>,
}

impl<'a> LevelSet<'a> {
    pub(crate) fn of(framework: &'a Framework) -> LevelSet<'a> {
        let ids = if framework.scale.is_empty() {
            vec![Framework::IMPLICIT_LEVEL]
        } else {
            framework.scale.iter().map(|l| l.id.as_str()).collect()
        };
        LevelSet { ids }
    }

    pub(crate) fn expect(&self, level: &Id, at: impl FnOnce() -> DocPath, found: &mut Findings) {
        if !self.ids.contains(&level.as_str()) {
            let mut d = Diagnostic::new(
                Code::UnknownLevel,
                at(),
                format!(
                    "`{level}` is not a level of the scale ({})",
                    self.ids.join(", ")
                ),
            );
            if let Some(near) = closest(level.as_str(), self.ids.iter().copied()) {
                d = d.with_help(format!("did you mean `{near}`?"));
            }
            found.push(d);
        }
    }
}

/// `replaces` may not name a live id, nor an id another item replaces too.
fn replaces(framework: &Framework, items: &ItemIndex<'_>, root: &DocPath, found: &mut Findings) {
    // Most items replace nothing; collect only the lists that are not empty.
    let mut lists: Vec<(&[Id], DocPath)> = Vec::new();
    for (i, v) in framework
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.replaces.is_empty())
    {
        lists.push((&v.replaces, root.key("values").index(i)));
    }
    for (d, domain) in framework.domains.iter().enumerate() {
        let at = || root.key("domains").index(d);
        if !domain.replaces.is_empty() {
            lists.push((&domain.replaces, at()));
        }
        for (c, competency) in domain.competencies.iter().enumerate() {
            let at = || at().key("competencies").index(c);
            if !competency.replaces.is_empty() {
                lists.push((&competency.replaces, at()));
            }
            for (i, indicator) in competency
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| !i.replaces.is_empty())
            {
                lists.push((&indicator.replaces, at().key("indicators").index(i)));
            }
        }
    }
    for (r, role) in framework
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.replaces.is_empty())
    {
        lists.push((&role.replaces, root.key("roles").index(r)));
    }
    let mut claimed: HashMap<&str, DocPath> = HashMap::new();
    for (list, at) in lists {
        for (i, old) in list.iter().enumerate() {
            let path = at.key("replaces").index(i);
            if let Some(live) = items.get(old.as_str()) {
                found.push(
                    Diagnostic::new(
                        Code::ReplacesLiveId,
                        path.clone(),
                        format!("`{old}` is still the id of {}; an item can only replace ids no longer in use", live.sort.with_article()),
                    )
                    .with_related(items.path(live), "still defined here"),
                );
            } else if let Some(first) = claimed.get(old.as_str()) {
                found.push(
                    Diagnostic::new(
                        Code::ReplacesLiveId,
                        path.clone(),
                        format!("`{old}` is already replaced by another item; evidence naming it must have one successor"),
                    )
                    .with_related(first.clone(), "replaced here first"),
                );
            } else {
                claimed.insert(old.as_str(), path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    #[test]
    fn table() {
        let table = [
            (
                "values: [mutuality]\n        requires",
                "values: [mutualty]\n        requires",
                "unknown-reference",
                "domains[0].competencies[1].values[0]",
            ),
            (
                "requires: [listening]",
                "requires: [listen]",
                "unknown-reference",
                "domains[0].competencies[1].requires[0]",
            ),
            (
                "requires: [listening]",
                "requires: [relational]",
                "unknown-reference",
                "domains[0].competencies[1].requires[0]",
            ),
            (
                "level: established }",
                "level: expert }",
                "unknown-level",
                "domains[0].competencies[1].indicators[0].level",
            ),
            (
                "targets: { relational: developing }",
                "targets: { relational: expert }",
                "unknown-level",
                "roles[0].targets.relational",
            ),
            (
                "targets: { relational: developing }",
                "targets: { nowhere: developing }",
                "unknown-reference",
                "roles[0].targets.nowhere",
            ),
            (
                "title: Worker\n",
                "title: Worker\n    extends: boss\n",
                "unknown-reference",
                "roles[0].extends",
            ),
            (
                "title: Sharing\n",
                "title: Sharing\n        replaces: [listening]\n",
                "replaces-live-id",
                "domains[0].competencies[1].replaces[0]",
            ),
            (
                "  sufficiency:",
                "  overrides: { nowhere: { min_items: 2 } }\n  sufficiency:",
                "unknown-reference",
                "assessment.overrides.nowhere",
            ),
        ];
        rule_table(&table, |_, _| {});
    }
}
