//! `requires` between competencies and `extends` between roles are acyclic.

use super::ItemIndex;
use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Framework, Id};
use std::collections::HashMap;

pub(super) fn check(
    framework: &Framework,
    _items: &ItemIndex<'_>,
    root: &DocPath,
    found: &mut Findings,
) {
    // Paths are built only for a reference that closes a cycle: a framework of 50,000
    // competencies would otherwise hold a path per competency and per reference while it
    // is checked. Competency k is found again by counting through the domains.
    let count = framework.domains.iter().map(|d| d.competencies.len()).sum();
    let mut requires: Vec<Edges<'_>> = Vec::with_capacity(count);
    for competency in framework.domains.iter().flat_map(|d| &d.competencies) {
        requires.push(Edges {
            id: &competency.id,
            to: &competency.requires,
        });
    }
    let competency_path = |mut k: usize, i: usize| {
        let mut d = 0;
        for domain in &framework.domains {
            if k < domain.competencies.len() {
                break;
            }
            k -= domain.competencies.len();
            d += 1;
        }
        root.key("domains")
            .index(d)
            .key("competencies")
            .index(k)
            .key("requires")
            .index(i)
    };
    report(
        &requires,
        competency_path,
        Code::RequiresCycle,
        "competencies require each other in a cycle",
        found,
    );
    let roles: Vec<Edges<'_>> = framework
        .roles
        .iter()
        .map(|role| Edges {
            id: &role.id,
            to: role.extends.as_slice(),
        })
        .collect();
    report(
        &roles,
        |r, _| root.key("roles").index(r).key("extends"),
        Code::ExtendsCycle,
        "roles extend each other in a cycle",
        found,
    );
}

/// A node and the ids it refers to.
pub(crate) struct Edges<'a> {
    pub id: &'a Id,
    pub to: &'a [Id],
}

/// Finds every cycle once (iterative depth-first search, so deep chains cannot overflow the
/// stack) and reports it at the reference that closes it.
/// `locate(k, i)` is the path of node k's reference i.
pub(crate) fn report(
    nodes: &[Edges<'_>],
    locate: impl Fn(usize, usize) -> DocPath,
    code: Code,
    what: &str,
    found: &mut Findings,
) {
    let index: HashMap<&Id, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; nodes.len()];
    for start in 0..nodes.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edge = *next;
            *next += 1;
            let Some(target) = nodes.get(node).and_then(|n| n.to.get(edge)) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            let Some(&t) = index.get(target) else {
                continue;
            };
            match state.get(t) {
                Some(0) => {
                    if let Some(s) = state.get_mut(t) {
                        *s = 1;
                    }
                    stack.push((t, 0));
                }
                Some(1) => {
                    let from = stack.iter().position(|(n, _)| *n == t).unwrap_or(0);
                    let mut names: Vec<&str> = stack
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|(n, _)| nodes.get(*n).map(|n| n.id.as_str()))
                        .collect();
                    names.push(target.as_str());
                    found.push(Diagnostic::new(
                        code,
                        locate(node, edge),
                        format!("{what}: {}", names.join(" -> ")),
                    ));
                }
                _ => {}
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
                "title: Listening\n",
                "title: Listening\n        requires: [sharing]\n",
                "requires-cycle",
                "domains[0].competencies[1].requires[0]",
            ),
            (
                "title: Worker\n",
                "title: Worker\n    extends: worker\n",
                "extends-cycle",
                "roles[0].extends",
            ),
        ];
        rule_table(&table, |code, found| {
            assert_eq!(
                found.iter().filter(|(c, _)| c == code).count(),
                1,
                "{found:?}"
            );
        });
    }
}
