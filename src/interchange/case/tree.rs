//! The `isChildOf` tree of a package: one parent per item, children in sequence order, every
//! item reachable from the document. Broken structure (a missing parent, several parents, a
//! cycle) is repaired by placing items at the top level, each repair noted. Linear in the
//! package: no walk up a chain is repeated.

use super::package::{Association, Package};
use crate::interchange::Note;
use std::collections::HashMap;

pub(super) struct Tree {
    /// Items at the top level (children of the document), in order.
    pub roots: Vec<usize>,
    /// Children of each item, in order.
    pub children: Vec<Vec<usize>>,
    /// The item each item was attached to, when that is another item.
    pub parent: Vec<Option<usize>>,
    /// Indices of the associations the tree used.
    pub used: Vec<bool>,
}

/// Items by identifier (the first of duplicates).
pub(super) fn index(package: &Package) -> HashMap<&str, usize> {
    let mut by_id = HashMap::new();
    for (i, item) in package.items.iter().enumerate() {
        by_id.entry(item.identifier.as_str()).or_insert(i);
    }
    by_id
}

fn sequence(a: &Association) -> i64 {
    a.sequence.unwrap_or(i64::MAX)
}

/// Builds the tree over the items in `keep` (duplicates left out by the caller).
pub(super) fn build(
    package: &Package,
    by_id: &HashMap<&str, usize>,
    keep: &[bool],
    notes: &mut Vec<Note>,
) -> Tree {
    let n = package.items.len();
    let doc = package.document.identifier.as_str();
    // parent: None = not yet attached; Some(None) = the document; Some(Some(p)) = item p.
    let mut parent: Vec<Option<Option<usize>>> = vec![None; n];
    let mut order: Vec<(i64, usize)> = vec![(i64::MAX, usize::MAX); n];
    let mut used = vec![false; package.associations.len()];
    for (a, assoc) in package.associations.iter().enumerate() {
        if assoc.kind != "isChildOf" {
            continue;
        }
        let Some(&child) = by_id.get(assoc.origin.identifier.as_str()) else {
            continue; // left for the association notes
        };
        if !keep.get(child).copied().unwrap_or(false) {
            continue;
        }
        let target = if assoc.destination.identifier == doc {
            Some(None)
        } else {
            by_id
                .get(assoc.destination.identifier.as_str())
                .filter(|&&p| keep.get(p).copied().unwrap_or(false))
                .map(|&p| Some(p))
        };
        let Some(target) = target else {
            continue; // a parent outside the package: noted below if the item has no other
        };
        if target == Some(child) {
            continue;
        }
        if let Some(slot) = parent.get_mut(child) {
            if slot.is_none() {
                *slot = Some(target);
                if let Some(o) = order.get_mut(child) {
                    *o = (sequence(assoc), a);
                }
                if let Some(u) = used.get_mut(a) {
                    *u = true;
                }
            }
        }
    }
    for (i, item) in package.items.iter().enumerate() {
        if keep.get(i).copied().unwrap_or(false) && parent.get(i).copied().flatten().is_none() {
            notes.push(Note::about(
                &item.identifier,
                "no `isChildOf` to the document or an item of this package: placed at the top level",
            ));
            if let Some(slot) = parent.get_mut(i) {
                *slot = Some(None);
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for i in 0..n {
        if !keep.get(i).copied().unwrap_or(false) {
            continue;
        }
        match parent.get(i).copied().flatten() {
            Some(Some(p)) => {
                if let Some(c) = children.get_mut(p) {
                    c.push(i);
                }
            }
            _ => roots.push(i),
        }
    }
    let key = |&i: &usize| order.get(i).copied().unwrap_or((i64::MAX, usize::MAX));
    roots.sort_by_key(key);
    for c in &mut children {
        c.sort_by_key(key);
    }
    let mut tree = Tree {
        roots,
        children,
        parent: parent.iter().map(|p| p.flatten()).collect(),
        used,
    };
    break_cycles(package, keep, &mut tree, notes);
    tree
}

/// Items not reachable from the document hang in `isChildOf` cycles: for each such cycle,
/// the first of its items met is moved to the top level.
fn break_cycles(package: &Package, keep: &[bool], tree: &mut Tree, notes: &mut Vec<Note>) {
    let n = package.items.len();
    let mut reached = vec![false; n];
    let mut stack: Vec<usize> = tree.roots.clone();
    mark(&tree.children, &mut reached, &mut stack);
    let mut walk = vec![0usize; n];
    for start in 0..n {
        if !keep.get(start).copied().unwrap_or(false) || reached.get(start).copied().unwrap_or(true)
        {
            continue;
        }
        // Walk up until an item seen on this walk: that item is on the cycle.
        let mut at = start;
        while walk.get(at).copied() == Some(0) {
            if let Some(w) = walk.get_mut(at) {
                *w = start + 1;
            }
            match tree.parent.get(at).copied().flatten() {
                Some(p) => at = p,
                None => break,
            }
        }
        let cut = at;
        if let Some(old) = tree.parent.get(cut).copied().flatten() {
            if let Some(siblings) = tree.children.get_mut(old) {
                siblings.retain(|&c| c != cut);
            }
        }
        if let Some(p) = tree.parent.get_mut(cut) {
            *p = None;
        }
        tree.roots.push(cut);
        if let Some(item) = package.items.get(cut) {
            notes.push(Note::about(
                &item.identifier,
                "its `isChildOf` chain is a cycle: placed at the top level",
            ));
        }
        let mut stack = vec![cut];
        mark(&tree.children, &mut reached, &mut stack);
    }
}

fn mark(children: &[Vec<usize>], reached: &mut [bool], stack: &mut Vec<usize>) {
    while let Some(i) = stack.pop() {
        match reached.get_mut(i) {
            Some(r) if !*r => *r = true,
            _ => continue,
        }
        if let Some(c) = children.get(i) {
            stack.extend(c.iter().copied());
        }
    }
}
