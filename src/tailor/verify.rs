//! Checks what a tailoring wrote against the framework it builds: references in added items
//! (values, prerequisites, levels, role `extends` and targets) and cycles it closes (`requires`
//! between competencies, `extends` between roles). Findings are located in the tailoring.

use super::apply::Resolver;
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::ItemSort;
use crate::model::{Competency, Id};
use std::collections::{HashMap, HashSet, VecDeque};

impl Resolver<'_, '_> {
    /// References in what the tailoring adds.
    pub(crate) fn verify_additions(&mut self) {
        let step = self.step;
        let t = step.tailoring;
        let mut added: Vec<(Competency, DocPath)> = Vec::new();
        for (d, domain) in t.add_domains.iter().enumerate() {
            for (c, competency) in domain.competencies.iter().enumerate() {
                let at = step
                    .at
                    .key("add_domains")
                    .index(d)
                    .key("competencies")
                    .index(c);
                added.push((competency.clone(), at));
            }
        }
        for (i, add) in t.add_competencies.iter().enumerate() {
            added.push((add.competency(), step.at.key("add_competencies").index(i)));
        }
        for (competency, at) in &added {
            for (j, value) in competency.values.iter().enumerate() {
                self.expect(value, &[ItemSort::Value], at.key("values").index(j));
            }
            for (j, required) in competency.requires.iter().enumerate() {
                self.expect(
                    required,
                    &[ItemSort::Competency],
                    at.key("requires").index(j),
                );
            }
            for (j, indicator) in competency.indicators.iter().enumerate() {
                if let Some(level) = &indicator.level {
                    self.expect_level(level, at.key("indicators").index(j).key("level"));
                }
            }
        }
        for (i, add) in t.add_indicators.iter().enumerate() {
            if let Some(level) = &add.level {
                self.expect_level(level, step.at.key("add_indicators").index(i).key("level"));
            }
        }
        for (r, role) in t.add_roles.iter().enumerate() {
            let at = step.at.key("add_roles").index(r);
            if let Some(parent) = &role.extends {
                self.expect(parent, &[ItemSort::Role], at.key("extends"));
            }
            for (target, level) in role.targets.iter() {
                let key = at.key("targets").key(target.as_str());
                self.expect(
                    target,
                    &[ItemSort::Domain, ItemSort::Competency],
                    key.clone().the_key(),
                );
                self.expect_level(level, key);
            }
        }
    }

    /// Cycles closed by `requires` lists and role `extends` this tailoring wrote, each reported
    /// once, at the reference written here.
    pub(crate) fn verify_cycles(&mut self) {
        let (framework, written, found) = (&*self.framework, &self.written, &mut self.found);
        let requires: HashMap<&str, &[Id]> = framework
            .competencies()
            .map(|(_, c)| (c.id.as_str(), c.requires.as_slice()))
            .collect();
        let mut lists: Vec<(&Id, &DocPath)> = written.requires.iter().collect();
        lists.sort_by(|a, b| a.1.cmp(b.1));
        let mut reported: HashSet<String> = HashSet::new();
        for (id, at) in lists {
            let list = requires.get(id.as_str()).copied().unwrap_or_default();
            for (j, required) in list.iter().enumerate() {
                let next = |n: &str| {
                    requires
                        .get(n)
                        .copied()
                        .unwrap_or_default()
                        .iter()
                        .map(Id::as_str)
                        .collect()
                };
                if let Some(path) = route(required.as_str(), id.as_str(), next) {
                    report(
                        Code::RequiresCycle,
                        "competencies require each other in a cycle",
                        id,
                        path,
                        at.index(j),
                        &mut reported,
                        found,
                    );
                }
            }
        }
        let extends: HashMap<&str, &str> = framework
            .roles
            .iter()
            .filter_map(|r| Some((r.id.as_str(), r.extends.as_ref()?.as_str())))
            .collect();
        for (role, at) in &written.role_extends {
            let Some(parent) = extends.get(role.as_str()) else {
                continue;
            };
            let next = |n: &str| extends.get(n).map(|p| vec![*p]).unwrap_or_default();
            if let Some(path) = route(parent, role.as_str(), next) {
                report(
                    Code::ExtendsCycle,
                    "roles extend each other in a cycle",
                    role,
                    path,
                    at.clone(),
                    &mut reported,
                    found,
                );
            }
        }
    }
}

fn report(
    code: Code,
    what: &str,
    from: &Id,
    path: Vec<String>,
    at: DocPath,
    reported: &mut HashSet<String>,
    found: &mut Vec<Diagnostic>,
) {
    let mut members = path.clone();
    members.sort();
    if !reported.insert(format!("{code}:{}", members.join(" "))) {
        return;
    }
    let mut names = vec![from.to_string()];
    names.extend(path);
    found.push(Diagnostic::new(
        code,
        at,
        format!("{what}: {}", names.join(" -> ")),
    ));
}

/// The shortest route from `start` to `goal` (both included), breadth first.
fn route<'a>(
    start: &'a str,
    goal: &str,
    next: impl Fn(&str) -> Vec<&'a str>,
) -> Option<Vec<String>> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut seen: HashSet<&str> = HashSet::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            let mut path = vec![node.to_owned()];
            let mut at = node;
            while let Some(p) = parent.get(at) {
                path.push((*p).to_owned());
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        for n in next(node) {
            if seen.insert(n) {
                parent.insert(n, node);
                queue.push_back(n);
            }
        }
    }
    None
}
