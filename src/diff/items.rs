//! Item-by-item comparison: metadata, the scale, and values, domains, competencies,
//! indicators and roles matched by id (or through `replaces`).

use super::policy::requires_indicators;
use super::{Changes, Renames, Rule};
use crate::diagnostic::DocPath;
use crate::model::{Id, Text};
use crate::tailor::{Provenance, ResolvedCompetency, ResolvedFramework};
use std::collections::{HashMap, HashSet};

fn root() -> DocPath {
    DocPath::root(0)
}

pub(super) fn metadata(old: &ResolvedFramework, new: &ResolvedFramework, out: &mut Changes) {
    let fields: [(&str, Option<&Text>, Option<&Text>); 3] = [
        ("title", Some(&old.title), Some(&new.title)),
        ("summary", old.summary.as_ref(), new.summary.as_ref()),
        ("context", old.context.as_ref(), new.context.as_ref()),
    ];
    for (field, a, b) in fields {
        if a != b {
            out.push(
                Rule::MetadataChanged,
                None,
                format!("the framework's {field} changed"),
                Some(root().key(field)),
                Some(root().key(field)),
            );
        }
    }
}

pub(super) fn scale(old: &ResolvedFramework, new: &ResolvedFramework, out: &mut Changes) {
    let at = |i: usize| root().key("scale").index(i);
    let position = |f: &ResolvedFramework, id: &Id| f.scale.iter().position(|l| &l.id == id);
    for (i, level) in old.scale.iter().enumerate() {
        match position(new, &level.id) {
            None => out.push(
                Rule::LevelRemoved,
                Some(&level.id),
                format!("scale level `{}` removed", level.id),
                Some(at(i)),
                None,
            ),
            Some(j) => {
                let theirs = new.scale.get(j);
                if theirs
                    .is_some_and(|l| l.title != level.title || l.description != level.description)
                {
                    out.push(
                        Rule::WordingChanged,
                        Some(&level.id),
                        format!("scale level `{}` reworded", level.id),
                        Some(at(i)),
                        Some(at(j)),
                    );
                }
            }
        }
    }
    let common_old: Vec<&Id> = old
        .scale
        .iter()
        .map(|l| &l.id)
        .filter(|id| position(new, id).is_some())
        .collect();
    let common_new: Vec<&Id> = new
        .scale
        .iter()
        .map(|l| &l.id)
        .filter(|id| position(old, id).is_some())
        .collect();
    if common_old != common_new {
        out.push(
            Rule::LevelsReordered,
            None,
            format!(
                "scale order changed from [{}] to [{}]",
                join(&common_old),
                join(&common_new)
            ),
            Some(root().key("scale")),
            Some(root().key("scale")),
        );
    }
    let old_lowest = old.scale.first().map(|l| &l.id);
    for (j, level) in new.scale.iter().enumerate() {
        if position(old, &level.id).is_some() {
            continue;
        }
        let below_all = j == 0 && old_lowest.is_some_and(|l| position(new, l).is_some());
        let (rule, message) = if below_all {
            (
                Rule::LowestLevelChanged,
                format!(
                    "scale level `{}` added below the lowest; claims without a level now mean it",
                    level.id
                ),
            )
        } else {
            (
                Rule::LevelAdded,
                format!("scale level `{}` added", level.id),
            )
        };
        out.push(rule, Some(&level.id), message, None, Some(at(j)));
    }
}

fn join(ids: &[&Id]) -> String {
    ids.iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One item of some sort, as matching sees it.
struct Item<'a> {
    id: &'a Id,
    replaces: &'a [Id],
    path: DocPath,
}

/// Matches old items to new ones by id, then through `replaces`; reports removals, renames
/// and additions. Returns the matched pairs (old position, new position).
fn matching(
    sort: &str,
    old: &[Item<'_>],
    new: &[Item<'_>],
    added: &dyn Fn(usize) -> (Rule, String),
    implied: &dyn Fn(usize) -> bool,
    out: &mut Changes,
    renames: &mut Renames,
) -> Vec<(usize, usize)> {
    let by_id: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(n, i)| (i.id.as_str(), n))
        .collect();
    let mut successor: HashMap<&str, usize> = HashMap::new();
    for (n, item) in new.iter().enumerate() {
        for r in item.replaces {
            successor.entry(r.as_str()).or_insert(n);
        }
    }
    let mut pairs = Vec::new();
    let mut matched: HashSet<usize> = HashSet::new();
    for (o, item) in old.iter().enumerate() {
        if let Some(&n) = by_id.get(item.id.as_str()) {
            pairs.push((o, n));
            matched.insert(n);
        } else if let Some((&n, theirs)) = successor
            .get(item.id.as_str())
            .and_then(|n| new.get(*n).map(|t| (n, t)))
        {
            out.push(
                Rule::ItemRenamed,
                Some(theirs.id),
                format!(
                    "{sort} `{}` renamed to `{}` (which replaces it)",
                    item.id, theirs.id
                ),
                Some(item.path.clone()),
                Some(theirs.path.clone()),
            );
            renames.insert(item.id.clone(), theirs.id.clone());
            pairs.push((o, n));
            matched.insert(n);
        } else if !implied(o) {
            out.push(
                Rule::ItemRemoved,
                Some(item.id),
                format!(
                    "{sort} `{}` removed, and nothing lists it in `replaces`",
                    item.id
                ),
                Some(item.path.clone()),
                None,
            );
        }
    }
    for (n, item) in new.iter().enumerate() {
        if !matched.contains(&n) {
            let (rule, note) = added(n);
            out.push(
                rule,
                Some(item.id),
                format!("{sort} `{}` added{note}", item.id),
                None,
                Some(item.path.clone()),
            );
        }
    }
    pairs
}

/// Compares wording fields of a matched pair.
fn wording(
    sort: &str,
    id: &Id,
    texts: [(&str, Option<&Text>, Option<&Text>); 2],
    code: (Option<&Text>, Option<&Text>),
    paths: (&DocPath, &DocPath),
    out: &mut Changes,
) {
    let changed: Vec<&str> = texts
        .iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, _, _)| *f)
        .collect();
    if !changed.is_empty() {
        out.push(
            Rule::WordingChanged,
            Some(id),
            format!("{sort} `{id}`: {} changed", changed.join(" and ")),
            Some(paths.0.clone()),
            Some(paths.1.clone()),
        );
    }
    if code.0 != code.1 {
        out.push(
            Rule::CodeChanged,
            Some(id),
            format!("{sort} `{id}`: display code changed"),
            Some(paths.0.clone()),
            Some(paths.1.clone()),
        );
    }
}

/// Core, exclusion and guidance of a matched pair.
fn standing(
    sort: &str,
    id: &Id,
    core: (bool, bool),
    provenance: (&Provenance, &Provenance),
    paths: (&DocPath, &DocPath),
    out: &mut Changes,
) {
    let (a, b) = (Some(paths.0.clone()), Some(paths.1.clone()));
    match core {
        (false, true) => out.push(
            Rule::CoreAdded,
            Some(id),
            match &provenance.1.core_by {
                Some(by) => format!("{sort} `{id}` is now core (made core by {by})"),
                None => format!("{sort} `{id}` is now core"),
            },
            a.clone(),
            b.clone(),
        ),
        (true, false) => out.push(
            Rule::CoreRemoved,
            Some(id),
            format!("{sort} `{id}` is no longer core"),
            a.clone(),
            b.clone(),
        ),
        _ => {}
    }
    match (&provenance.0.excluded, &provenance.1.excluded) {
        (None, Some(x)) => out.push(
            Rule::ItemExcluded,
            Some(id),
            format!("{sort} `{id}` is now excluded by {}", x.by),
            a.clone(),
            b.clone(),
        ),
        (Some(_), None) => out.push(
            Rule::ItemIncluded,
            Some(id),
            format!("{sort} `{id}` is no longer excluded"),
            a.clone(),
            b.clone(),
        ),
        _ => {}
    }
    let texts = |p: &Provenance| {
        p.guidance
            .iter()
            .map(|g| g.text.clone())
            .collect::<Vec<_>>()
    };
    if texts(provenance.0) != texts(provenance.1) {
        out.push(
            Rule::GuidanceChanged,
            Some(id),
            format!("{sort} `{id}`: guidance changed"),
            a,
            b,
        );
    }
}

struct Flat<'a> {
    domain: &'a Id,
    path: DocPath,
    competency: &'a ResolvedCompetency,
}

fn flat(f: &ResolvedFramework) -> Vec<Flat<'_>> {
    f.domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| {
            domain
                .competencies
                .iter()
                .enumerate()
                .map(move |(c, competency)| Flat {
                    domain: &domain.id,
                    path: root().key("domains").index(d).key("competencies").index(c),
                    competency,
                })
        })
        .collect()
}

/// Values, domains, competencies, indicators and roles. Returns the renames found.
pub(super) fn items(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    out: &mut Changes,
) -> Renames {
    let mut renames = Renames::new();
    let minor = |_: usize| (Rule::ItemAdded, String::new());
    // Values.
    fn values_of(f: &ResolvedFramework) -> Vec<Item<'_>> {
        f.values
            .iter()
            .enumerate()
            .map(|(n, v)| Item {
                id: &v.value.id,
                replaces: &v.value.replaces,
                path: root().key("values").index(n),
            })
            .collect()
    }
    let (a, b) = (values_of(old), values_of(new));
    for (o, n) in matching("value", &a, &b, &minor, &|_| false, out, &mut renames) {
        let (Some(x), Some(y), Some(pa), Some(pb)) =
            (old.values.get(o), new.values.get(n), a.get(o), b.get(n))
        else {
            continue;
        };
        let paths = (&pa.path, &pb.path);
        wording(
            "value",
            &y.value.id,
            [
                ("title", Some(&x.value.title), Some(&y.value.title)),
                (
                    "description",
                    x.value.description.as_ref(),
                    y.value.description.as_ref(),
                ),
            ],
            (None, None),
            paths,
            out,
        );
        standing(
            "value",
            &y.value.id,
            (x.value.core, y.value.core),
            (&x.provenance, &y.provenance),
            paths,
            out,
        );
    }
    // Domains.
    fn domains_of(f: &ResolvedFramework) -> Vec<Item<'_>> {
        f.domains
            .iter()
            .enumerate()
            .map(|(n, d)| Item {
                id: &d.id,
                replaces: &d.replaces,
                path: root().key("domains").index(n),
            })
            .collect()
    }
    let (a, b) = (domains_of(old), domains_of(new));
    for (o, n) in matching("domain", &a, &b, &minor, &|_| false, out, &mut renames) {
        let (Some(x), Some(y), Some(pa), Some(pb)) =
            (old.domains.get(o), new.domains.get(n), a.get(o), b.get(n))
        else {
            continue;
        };
        let paths = (&pa.path, &pb.path);
        wording(
            "domain",
            &y.id,
            [
                ("title", Some(&x.title), Some(&y.title)),
                (
                    "description",
                    x.description.as_ref(),
                    y.description.as_ref(),
                ),
            ],
            (x.code.as_ref(), y.code.as_ref()),
            paths,
            out,
        );
        standing(
            "domain",
            &y.id,
            (x.core, y.core),
            (&x.provenance, &y.provenance),
            paths,
            out,
        );
    }
    // Competencies.
    let (fa, fb) = (flat(old), flat(new));
    fn to_items<'a>(f: &'a [Flat<'a>]) -> Vec<Item<'a>> {
        f.iter()
            .map(|c| Item {
                id: &c.competency.id,
                replaces: &c.competency.replaces,
                path: c.path.clone(),
            })
            .collect()
    }
    let (a, b) = (to_items(&fa), to_items(&fb));
    // A competency added to a domain that was already core is an addition to the core.
    let core_before: HashSet<Id> = old
        .domains
        .iter()
        .filter(|d| d.core)
        .map(|d| renamed(&renames, &d.id).clone())
        .collect();
    let into_core = |n: usize| match fb.get(n) {
        Some(f) if core_before.contains(f.domain) => (
            Rule::AddedToCore,
            format!(" to the core domain `{}`", f.domain),
        ),
        _ => (Rule::ItemAdded, String::new()),
    };
    let pairs = matching(
        "competency",
        &a,
        &b,
        &into_core,
        &|_| false,
        out,
        &mut renames,
    );
    for &(o, n) in &pairs {
        let (Some(x), Some(y)) = (fa.get(o), fb.get(n)) else {
            continue;
        };
        competency(x, y, &renames, out);
    }
    indicators(old, new, &fa, &fb, out, &mut renames);
    // Roles.
    fn roles_of(f: &ResolvedFramework) -> Vec<Item<'_>> {
        f.roles
            .iter()
            .enumerate()
            .map(|(n, r)| Item {
                id: &r.role.id,
                replaces: &r.role.replaces,
                path: root().key("roles").index(n),
            })
            .collect()
    }
    let (a, b) = (roles_of(old), roles_of(new));
    for (o, n) in matching("role", &a, &b, &minor, &|_| false, out, &mut renames) {
        let (Some(x), Some(y), Some(pa), Some(pb)) =
            (old.roles.get(o), new.roles.get(n), a.get(o), b.get(n))
        else {
            continue;
        };
        wording(
            "role",
            &y.role.id,
            [
                ("title", Some(&x.role.title), Some(&y.role.title)),
                (
                    "description",
                    x.role.description.as_ref(),
                    y.role.description.as_ref(),
                ),
            ],
            (None, None),
            (&pa.path, &pb.path),
            out,
        );
    }
    renames
}

fn renamed<'a>(renames: &'a Renames, id: &'a Id) -> &'a Id {
    renames.get(id).unwrap_or(id)
}

fn competency(x: &Flat<'_>, y: &Flat<'_>, renames: &Renames, out: &mut Changes) {
    let (a, b) = (&x.competency, &y.competency);
    let id = &b.id;
    let paths = (&x.path, &y.path);
    wording(
        "competency",
        id,
        [
            ("title", Some(&a.title), Some(&b.title)),
            (
                "description",
                a.description.as_ref(),
                b.description.as_ref(),
            ),
        ],
        (a.code.as_ref(), b.code.as_ref()),
        paths,
        out,
    );
    standing(
        "competency",
        id,
        (a.core, b.core),
        (&a.provenance, &b.provenance),
        paths,
        out,
    );
    if renamed(renames, x.domain) != y.domain {
        out.push(
            Rule::CompetencyMoved,
            Some(id),
            format!(
                "competency `{id}` moved from domain `{}` to `{}`",
                x.domain, y.domain
            ),
            Some(x.path.clone()),
            Some(y.path.clone()),
        );
    }
    let before: HashSet<&Id> = a.requires.iter().map(|r| renamed(renames, r)).collect();
    let after: HashSet<&Id> = b.requires.iter().collect();
    for (n, r) in b.requires.iter().enumerate() {
        if !before.contains(r) {
            out.push(
                Rule::RequiresAdded,
                Some(id),
                format!("competency `{id}` now requires `{r}`"),
                Some(x.path.clone()),
                Some(y.path.key("requires").index(n)),
            );
        }
    }
    for (n, r) in a.requires.iter().enumerate() {
        if !after.contains(renamed(renames, r)) {
            out.push(
                Rule::RequiresRemoved,
                Some(id),
                format!("competency `{id}` no longer requires `{r}`"),
                Some(x.path.key("requires").index(n)),
                Some(y.path.clone()),
            );
        }
    }
    let values_before: HashSet<&Id> = a.values.iter().map(|v| renamed(renames, v)).collect();
    let values_after: HashSet<&Id> = b.values.iter().collect();
    if values_before != values_after {
        out.push(
            Rule::ValuesChanged,
            Some(id),
            format!("competency `{id}`: the values it serves changed"),
            Some(x.path.clone()),
            Some(y.path.clone()),
        );
    }
}

struct Ind<'a> {
    owner: &'a Flat<'a>,
    indicator: &'a crate::tailor::ResolvedIndicator,
    path: DocPath,
}

fn indicators_of<'a>(f: &'a [Flat<'a>]) -> Vec<Ind<'a>> {
    f.iter()
        .flat_map(|owner| {
            owner
                .competency
                .indicators
                .iter()
                .enumerate()
                .map(move |(i, indicator)| Ind {
                    owner,
                    indicator,
                    path: owner.path.key("indicators").index(i),
                })
        })
        .collect()
}

fn indicator_items<'a>(v: &'a [Ind<'a>]) -> Vec<Item<'a>> {
    v.iter()
        .map(|i| Item {
            id: &i.indicator.indicator.id,
            replaces: &i.indicator.indicator.replaces,
            path: i.path.clone(),
        })
        .collect()
}

/// Indicators, matched across the whole framework (ids are unique framework-wide).
fn indicators(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    fa: &[Flat<'_>],
    fb: &[Flat<'_>],
    out: &mut Changes,
    renames: &mut Renames,
) {
    let (a, b) = (indicators_of(fa), indicators_of(fb));
    let (ia, ib) = (indicator_items(&a), indicator_items(&b));
    let required_at = |n: usize| {
        b.get(n).is_some_and(|i| {
            requires_indicators(new, i.owner.domain.as_str(), i.owner.competency.id.as_str())
        })
    };
    // A new indicator on a competency that is itself new is part of that addition.
    let known: HashSet<Id> = fa
        .iter()
        .map(|f| renamed(renames, &f.competency.id).clone())
        .collect();
    // Competencies that were core before, by their id in NEW.
    let core_before: HashSet<Id> = fa
        .iter()
        .filter(|f| f.competency.core)
        .map(|f| renamed(renames, &f.competency.id).clone())
        .collect();
    let added = |n: usize| {
        let parent = b.get(n).map(|i| &i.owner.competency.id);
        let parent_is_new = parent.is_some_and(|p| !known.contains(p));
        if required_at(n) && !parent_is_new {
            (
                Rule::IndicatorRequired,
                " where every indicator is required".to_owned(),
            )
        } else if let Some(p) = parent.filter(|p| core_before.contains(*p)) {
            (Rule::AddedToCore, format!(" to the core competency `{p}`"))
        } else {
            (Rule::ItemAdded, String::new())
        }
    };
    // An indicator removed with its competency is part of that removal.
    let kept: HashSet<&Id> = fb.iter().map(|f| &f.competency.id).collect();
    let gone: HashSet<Id> = fa
        .iter()
        .map(|f| &f.competency.id)
        .filter(|id| !kept.contains(renamed(renames, id)))
        .cloned()
        .collect();
    let implied = |o: usize| {
        a.get(o)
            .is_some_and(|i| gone.contains(&i.owner.competency.id))
    };
    let pairs = matching("indicator", &ia, &ib, &added, &implied, out, renames);
    for (o, n) in pairs {
        let (Some(x), Some(y)) = (a.get(o), b.get(n)) else {
            continue;
        };
        let (xi, yi) = (&x.indicator.indicator, &y.indicator.indicator);
        let id = &yi.id;
        let paths = (&x.path, &y.path);
        wording(
            "indicator",
            id,
            [
                ("text", Some(&xi.text), Some(&yi.text)),
                ("text", None, None),
            ],
            (None, None),
            paths,
            out,
        );
        standing(
            "indicator",
            id,
            (xi.core, yi.core),
            (&x.indicator.provenance, &y.indicator.provenance),
            paths,
            out,
        );
        if renamed(renames, &x.owner.competency.id) != &y.owner.competency.id {
            out.push(
                Rule::IndicatorMoved,
                Some(id),
                format!(
                    "indicator `{id}` moved from `{}` to `{}`",
                    x.owner.competency.id, y.owner.competency.id
                ),
                Some(x.path.clone()),
                Some(y.path.clone()),
            );
        }
        let rank_old = xi
            .level
            .as_ref()
            .and_then(|l| old.level_rank(l.as_str()))
            .unwrap_or(0);
        let rank_new = yi
            .level
            .as_ref()
            .and_then(|l| new.level_rank(l.as_str()))
            .unwrap_or(0);
        let level_old = xi.level.as_ref().or(old.scale.first().map(|l| &l.id));
        let level_new = yi.level.as_ref().or(new.scale.first().map(|l| &l.id));
        if level_old != level_new || rank_old != rank_new {
            let rule = if rank_new < rank_old && required_at(n) {
                Rule::IndicatorLevelLowered
            } else {
                Rule::IndicatorLevelChanged
            };
            let name = |l: Option<&Id>| l.map_or("(none)".to_owned(), |l| l.to_string());
            out.push(
                rule,
                Some(id),
                format!(
                    "indicator `{id}`: level changed from {} to {}",
                    name(level_old),
                    name(level_new)
                ),
                Some(x.path.clone()),
                Some(y.path.clone()),
            );
        }
    }
}
