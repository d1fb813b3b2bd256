//! Prerequisites from `precedes` associations without cycles: a link inside a strongly
//! connected group of competencies closes a cycle, and every such link is left out (rather
//! than guessing which one the author meant). Linear: Kosaraju's two passes, iterative.

/// One link: (dependent, prerequisite, association index).
pub(super) type Edge = (usize, usize, usize);

/// The links that form no cycle, and those that do, each in input order.
pub(super) fn split(edges: &[Edge], nodes: usize) -> (Vec<Edge>, Vec<Edge>) {
    let component = components(edges, nodes);
    edges
        .iter()
        .partition(|&&(from, to, _)| from != to && component.get(from) != component.get(to))
}

/// The strongly connected component of each node.
fn components(edges: &[Edge], nodes: usize) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for &(from, to, _) in edges {
        if let (Some(o), Some(b)) = (out.get_mut(from), back.get_mut(to)) {
            o.push(to);
            b.push(from);
        }
    }
    // Pass 1: finishing order on the graph.
    let mut seen = vec![false; nodes];
    let mut order = Vec::with_capacity(nodes);
    for start in 0..nodes {
        if seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        if let Some(s) = seen.get_mut(start) {
            *s = true;
        }
        while let Some((node, next)) = stack.pop() {
            match out.get(node).and_then(|o| o.get(next)).copied() {
                Some(child) => {
                    stack.push((node, next + 1));
                    if let Some(s) = seen.get_mut(child) {
                        if !*s {
                            *s = true;
                            stack.push((child, 0));
                        }
                    }
                }
                None => order.push(node),
            }
        }
    }
    // Pass 2: components on the reversed graph, in reverse finishing order.
    let mut component = vec![usize::MAX; nodes];
    for (count, &start) in order.iter().rev().enumerate() {
        if component.get(start).copied() != Some(usize::MAX) {
            continue;
        }
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            match component.get_mut(node) {
                Some(c) if *c == usize::MAX => *c = count,
                _ => continue,
            }
            if let Some(b) = back.get(node) {
                stack.extend(b.iter().copied());
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_left_out() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 is not; 4 -> 4 is.
        let edges = [(0, 1, 0), (1, 2, 1), (2, 0, 2), (3, 0, 3), (4, 4, 4)];
        let (kept, dropped) = split(&edges, 5);
        assert_eq!(kept, vec![(3, 0, 3)]);
        assert_eq!(dropped.len(), 4);
    }
}
