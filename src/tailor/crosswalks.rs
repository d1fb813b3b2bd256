//! Rules for a crosswalk against the catalog: both frameworks resolve, every linked id exists
//! on its side, the level map is total and keeps order, and no other crosswalk maps the same
//! pair of frameworks. (On its own, a crosswalk is checked by `validate`.)

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::{Crosswalk, FrameworkRef};
use crate::tailor::{self, ResolvedFramework};

fn resolve(
    catalog: &Catalog,
    reference: &FrameworkRef,
    at: DocPath,
    found: &mut Vec<Diagnostic>,
) -> Option<ResolvedFramework> {
    let problem = match tailor::resolve(catalog, reference) {
        Err(e) => e.to_string(),
        Ok(r) if r.has_errors() || r.framework.is_none() => {
            format!("`{reference}` does not resolve: `competence check` it to see why")
        }
        Ok(r) => return r.framework,
    };
    found.push(
        Diagnostic::new(Code::CrosswalkUnresolved, at, problem)
            .with_help("add the framework with `--catalog DIR`, or correct the reference"),
    );
    None
}

/// Every finding about `crosswalk` (document `root` of its file) against `catalog`.
pub fn crosswalk_in_catalog(
    crosswalk: &Crosswalk,
    root: &DocPath,
    catalog: &Catalog,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let from = resolve(catalog, &crosswalk.from, root.key("from"), &mut found);
    let to = resolve(catalog, &crosswalk.to, root.key("to"), &mut found);
    overlap(crosswalk, root, catalog, &mut found);
    if let Some(from) = &from {
        for (i, link) in crosswalk.links.iter().enumerate() {
            let known = from.competency(link.from.as_str()).is_some()
                || from.successor(link.from.as_str()).is_some();
            if !known {
                found.push(Diagnostic::new(
                    Code::CrosswalkUnknownId,
                    root.key("links").index(i).key("from"),
                    format!("`{}` is not a competency of {}", link.from, from.name()),
                ));
            }
        }
    }
    if let Some(to) = &to {
        for (i, link) in crosswalk.links.iter().enumerate() {
            for (j, id) in link.to.iter().enumerate() {
                if to.competency(id.as_str()).is_none() {
                    found.push(Diagnostic::new(
                        Code::CrosswalkUnknownId,
                        root.key("links").index(i).key("to").index(j),
                        format!("`{id}` is not a competency of {}", to.name()),
                    ));
                }
            }
        }
    }
    if let (Some(from), Some(to)) = (&from, &to) {
        levels(crosswalk, root, from, to, &mut found);
    }
    found
}

fn levels(
    crosswalk: &Crosswalk,
    root: &DocPath,
    from: &ResolvedFramework,
    to: &ResolvedFramework,
    found: &mut Vec<Diagnostic>,
) {
    let at = root.key("levels");
    let ids = |f: &ResolvedFramework| f.scale.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    let differ = ids(from) != ids(to);
    for (key, level) in crosswalk.levels.iter() {
        if from.level_rank(key.as_str()).is_none() {
            found.push(Diagnostic::new(
                Code::CrosswalkLevelMap,
                at.key(key.as_str()).the_key(),
                format!("`{key}` is not a level of {}", from.name()),
            ));
        }
        if to.level_rank(level.as_str()).is_none() {
            found.push(Diagnostic::new(
                Code::CrosswalkLevelMap,
                at.key(key.as_str()),
                format!("`{level}` is not a level of {}", to.name()),
            ));
        }
    }
    if differ {
        // Levels below the lowest mapped one may be left out on purpose: claims at them do
        // not carry across (the ledger records them as `unknown-level`, never counted). A
        // gap above it is a mistake.
        let lowest_mapped = from
            .scale
            .iter()
            .position(|l| crosswalk.levels.get(l.id.as_str()).is_some())
            .unwrap_or(0);
        let missing: Vec<&str> = from
            .scale
            .iter()
            .skip(lowest_mapped)
            .map(|l| l.id.as_str())
            .filter(|l| crosswalk.levels.get(l).is_none())
            .collect();
        if !missing.is_empty() {
            found.push(
                Diagnostic::new(
                    Code::CrosswalkLevelMap,
                    at.clone(),
                    format!(
                        "the scales of {} and {} differ, and the level map leaves out: {}",
                        from.name(),
                        to.name(),
                        missing.join(", ")
                    ),
                )
                .with_help("map every level of the `from` scale, from the lowest one that carries across upwards, to a level of the `to` scale"),
            );
        }
    }
    // Order: walking the from scale upwards, the mapped levels never go down.
    let mut highest: Option<(usize, &str)> = None;
    for level in &from.scale {
        let Some(mapped) = crosswalk.levels.get(level.id.as_str()) else {
            continue;
        };
        let Some(rank) = to.level_rank(mapped.as_str()) else {
            continue;
        };
        if let Some((top, below)) = highest.filter(|(top, _)| rank < *top) {
            let _ = top;
            found.push(Diagnostic::new(
                Code::CrosswalkLevelOrder,
                at.key(level.id.as_str()),
                format!(
                    "`{}` maps to `{mapped}`, below what the lower level `{below}` maps to: the map must keep order",
                    level.id
                ),
            ));
            continue;
        }
        highest = Some((rank, level.id.as_str()));
    }
}

fn overlap(crosswalk: &Crosswalk, root: &DocPath, catalog: &Catalog, found: &mut Vec<Diagnostic>) {
    let others: Vec<String> = catalog
        .crosswalks()
        .filter_map(|e| e.crosswalk().map(|c| (e, c)))
        .filter(|(_, c)| {
            c.id != crosswalk.id && c.from.id == crosswalk.from.id && c.to.id == crosswalk.to.id
        })
        .map(|(e, _)| e.name())
        .collect();
    if !others.is_empty() {
        found.push(
            Diagnostic::new(
                Code::CrosswalkOverlap,
                root.key("id"),
                format!(
                    "{} also maps `{}` to `{}`; assessment uses the first by id",
                    others.join(", "),
                    crosswalk.from.id,
                    crosswalk.to.id
                ),
            )
            .with_help("keep one crosswalk per pair of frameworks, or give this one new versions"),
        );
    }
}
