//! Item-by-item comparison: metadata, the scale, and values, domains, competencies,
//! indicators and roles matched by id (or through `replaces`).

use super::policy::requires_indicators;
use super::{Changes, Renames, Rule, root};
use crate::diagnostic::DocPath;
use crate::model::{Domains, Id, Item, ItemSort, Loc, Text};
use crate::tailor::{
    Provenance, ResolvedCompetency, ResolvedDomain, ResolvedFramework, ResolvedIndicator,
    ResolvedRole, ResolvedValue,
};
use std::collections::{HashMap, HashSet};

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
    let at = |i: usize| root().item(Loc::Level(i));
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

/// The sorts of item matched by id (or through `replaces`), in the order their changes are
/// listed.
const MATCHED: [ItemSort; 5] = [
    ItemSort::Value,
    ItemSort::Domain,
    ItemSort::Competency,
    ItemSort::Indicator,
    ItemSort::Role,
];

/// An item of a resolved framework, as comparison reads it.
#[derive(Clone, Copy)]
enum Resolved<'a> {
    Value(&'a ResolvedValue),
    Domain(&'a ResolvedDomain),
    Competency(&'a ResolvedDomain, &'a ResolvedCompetency),
    Indicator(
        &'a ResolvedDomain,
        &'a ResolvedCompetency,
        &'a ResolvedIndicator,
    ),
    Role(&'a ResolvedRole),
}

impl<'a> Resolved<'a> {
    /// The item at `loc` of a resolved framework.
    fn at(f: &'a ResolvedFramework, loc: Loc) -> Option<Resolved<'a>> {
        let domain = |d: usize| f.domains.get(d);
        let competency = |d: usize, c: usize| {
            let domain = domain(d)?;
            Some((domain, domain.competencies.get(c)?))
        };
        Some(match loc {
            Loc::Value(v) => Resolved::Value(f.values.get(v)?),
            Loc::Domain(Domains::Own, d) => Resolved::Domain(domain(d)?),
            Loc::Competency(Domains::Own, d, c) => {
                let (domain, competency) = competency(d, c)?;
                Resolved::Competency(domain, competency)
            }
            Loc::Indicator(Domains::Own, d, c, i) => {
                let (domain, competency) = competency(d, c)?;
                Resolved::Indicator(domain, competency, competency.indicators.get(i)?)
            }
            Loc::Role(r) => Resolved::Role(f.roles.get(r)?),
            _ => return None,
        })
    }

    /// The wording fields, named.
    fn wording(self) -> Vec<(&'static str, Option<&'a Text>)> {
        let titled = |title: &'a Text, description: Option<&'a Text>| {
            vec![("title", Some(title)), ("description", description)]
        };
        match self {
            Resolved::Value(v) => titled(&v.title, v.description.as_ref()),
            Resolved::Domain(d) => titled(&d.title, d.description.as_ref()),
            Resolved::Competency(_, c) => titled(&c.title, c.description.as_ref()),
            Resolved::Indicator(_, _, i) => vec![("text", Some(&i.text))],
            Resolved::Role(r) => titled(&r.title, r.description.as_ref()),
        }
    }

    /// The display code, for the sorts that have one.
    fn code(self) -> Option<&'a Text> {
        match self {
            Resolved::Domain(d) => d.code.as_ref(),
            Resolved::Competency(_, c) => c.code.as_ref(),
            _ => None,
        }
    }

    /// Core and provenance; roles are compared for neither.
    fn standing(self) -> Option<(bool, &'a Provenance)> {
        match self {
            Resolved::Value(v) => Some((v.core, &v.provenance)),
            Resolved::Domain(d) => Some((d.core, &d.provenance)),
            Resolved::Competency(_, c) => Some((c.core, &c.provenance)),
            Resolved::Indicator(_, _, i) => Some((i.core, &i.provenance)),
            Resolved::Role(_) => None,
        }
    }
}

/// One item matched or reported: its id, what it replaces, its path and the item itself.
struct Entry<'a> {
    item: Item<'a>,
    path: DocPath,
    resolved: Resolved<'a>,
}

fn entries(f: &ResolvedFramework, sort: ItemSort) -> Vec<Entry<'_>> {
    let root = root();
    f.items()
        .filter(|item| item.sort == sort)
        .filter_map(|item| {
            Some(Entry {
                resolved: Resolved::at(f, item.loc)?,
                path: root.item(item.loc),
                item,
            })
        })
        .collect()
}

/// What the rules for additions and removals of one sort know of the old version, by ids in
/// the new one (so they read the renames found so far).
struct Before {
    /// Domains that were core (a competency added into one is added to the core).
    core_domains: HashSet<Id>,
    /// Competencies there were (an indicator added with a new competency is part of it).
    competencies: HashSet<Id>,
    /// Competencies that were core (an indicator added to one is added to the core).
    core_competencies: HashSet<Id>,
    /// Competencies removed, by their old id (their indicators go with them).
    gone: HashSet<Id>,
}

impl Before {
    fn new(
        sort: ItemSort,
        old: &ResolvedFramework,
        new: &ResolvedFramework,
        renames: &Renames,
    ) -> Before {
        let mut before = Before {
            core_domains: HashSet::new(),
            competencies: HashSet::new(),
            core_competencies: HashSet::new(),
            gone: HashSet::new(),
        };
        match sort {
            ItemSort::Competency => {
                before.core_domains = old
                    .domains
                    .iter()
                    .filter(|d| d.core)
                    .map(|d| renamed(renames, &d.id).clone())
                    .collect();
            }
            ItemSort::Indicator => {
                let competencies = || old.domains.iter().flat_map(|d| &d.competencies);
                before.competencies = competencies()
                    .map(|c| renamed(renames, &c.id).clone())
                    .collect();
                before.core_competencies = competencies()
                    .filter(|c| c.core)
                    .map(|c| renamed(renames, &c.id).clone())
                    .collect();
                let kept: HashSet<&Id> = new
                    .domains
                    .iter()
                    .flat_map(|d| &d.competencies)
                    .map(|c| &c.id)
                    .collect();
                before.gone = competencies()
                    .map(|c| &c.id)
                    .filter(|id| !kept.contains(renamed(renames, id)))
                    .cloned()
                    .collect();
            }
            _ => {}
        }
        before
    }

    /// The rule for an item of NEW with no match in OLD, and what the message adds.
    fn addition(&self, new: &ResolvedFramework, added: Resolved<'_>) -> (Rule, String) {
        match added {
            Resolved::Competency(domain, _) if self.core_domains.contains(&domain.id) => (
                Rule::AddedToCore,
                format!(" to the core domain `{}`", domain.id),
            ),
            Resolved::Indicator(domain, competency, _) => {
                let parent = &competency.id;
                let parent_is_new = !self.competencies.contains(parent);
                if !parent_is_new && required(new, domain, competency) {
                    (
                        Rule::IndicatorRequired,
                        " where every indicator is required".to_owned(),
                    )
                } else if self.core_competencies.contains(parent) {
                    (
                        Rule::AddedToCore,
                        format!(" to the core competency `{parent}`"),
                    )
                } else {
                    (Rule::ItemAdded, String::new())
                }
            }
            _ => (Rule::ItemAdded, String::new()),
        }
    }

    /// Whether the removal of an item of OLD is part of a larger one (an indicator removed
    /// with its competency).
    fn implied(&self, removed: Resolved<'_>) -> bool {
        match removed {
            Resolved::Indicator(_, competency, _) => self.gone.contains(&competency.id),
            _ => false,
        }
    }
}

/// Whether every indicator of `competency` is required in `f`.
fn required(
    f: &ResolvedFramework,
    domain: &ResolvedDomain,
    competency: &ResolvedCompetency,
) -> bool {
    requires_indicators(f, domain.id.as_str(), competency.id.as_str())
}

/// Values, domains, competencies, indicators and roles, sort by sort. Returns the renames
/// found.
pub(super) fn items(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    out: &mut Changes,
) -> Renames {
    let mut renames = Renames::new();
    for sort in MATCHED {
        let (a, b) = (entries(old, sort), entries(new, sort));
        let before = Before::new(sort, old, new, &renames);
        let pairs = matching(sort, &a, &b, &before, new, out, &mut renames);
        for (o, n) in pairs {
            if let (Some(x), Some(y)) = (a.get(o), b.get(n)) {
                compare(sort, old, new, x, y, &renames, out);
            }
        }
    }
    renames
}

/// Matches old items to new ones by id, then through `replaces`; reports removals, renames
/// and additions. Returns the matched pairs (old position, new position).
fn matching(
    sort: ItemSort,
    old: &[Entry<'_>],
    new: &[Entry<'_>],
    before: &Before,
    new_framework: &ResolvedFramework,
    out: &mut Changes,
    renames: &mut Renames,
) -> Vec<(usize, usize)> {
    let sort = sort.as_str();
    let by_id: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(n, i)| (i.item.id.as_str(), n))
        .collect();
    let mut successor: HashMap<&str, usize> = HashMap::new();
    for (n, entry) in new.iter().enumerate() {
        for r in entry.item.replaces {
            successor.entry(r.as_str()).or_insert(n);
        }
    }
    let mut pairs = Vec::new();
    let mut matched: HashSet<usize> = HashSet::new();
    for (o, entry) in old.iter().enumerate() {
        let id = entry.item.id;
        if let Some(&n) = by_id.get(id.as_str()) {
            pairs.push((o, n));
            matched.insert(n);
        } else if let Some((&n, theirs)) = successor
            .get(id.as_str())
            .and_then(|n| new.get(*n).map(|t| (n, t)))
        {
            let their_id = theirs.item.id;
            out.push(
                Rule::ItemRenamed,
                Some(their_id),
                format!("{sort} `{id}` renamed to `{their_id}` (which replaces it)"),
                Some(entry.path.clone()),
                Some(theirs.path.clone()),
            );
            renames.insert(id.clone(), their_id.clone());
            pairs.push((o, n));
            matched.insert(n);
        } else if !before.implied(entry.resolved) {
            out.push(
                Rule::ItemRemoved,
                Some(id),
                format!("{sort} `{id}` removed, and nothing lists it in `replaces`"),
                Some(entry.path.clone()),
                None,
            );
        }
    }
    for (n, entry) in new.iter().enumerate() {
        if !matched.contains(&n) {
            let (rule, note) = before.addition(new_framework, entry.resolved);
            out.push(
                rule,
                Some(entry.item.id),
                format!("{sort} `{}` added{note}", entry.item.id),
                None,
                Some(entry.path.clone()),
            );
        }
    }
    pairs
}

/// Compares a matched pair: wording and display code, then core, exclusion and guidance, then
/// what only competencies and indicators have.
fn compare(
    sort: ItemSort,
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    x: &Entry<'_>,
    y: &Entry<'_>,
    renames: &Renames,
    out: &mut Changes,
) {
    let sort_name = sort.as_str();
    let id = y.item.id;
    let paths = (&x.path, &y.path);
    wording(sort_name, id, x.resolved, y.resolved, paths, out);
    if let (Some(a), Some(b)) = (x.resolved.standing(), y.resolved.standing()) {
        standing(sort_name, id, (a.0, b.0), (a.1, b.1), paths, out);
    }
    match (x.resolved, y.resolved) {
        (Resolved::Competency(da, a), Resolved::Competency(db, b)) => {
            competency((&da.id, a), (&db.id, b), paths, renames, out);
        }
        (Resolved::Indicator(_, ca, a), Resolved::Indicator(db, cb, b)) => {
            let required = || required(new, db, cb);
            indicator(
                (old, &ca.id, a),
                (new, &cb.id, b),
                paths,
                required,
                renames,
                out,
            );
        }
        _ => {}
    }
}

/// Compares wording fields and display codes of a matched pair.
fn wording(
    sort: &str,
    id: &Id,
    a: Resolved<'_>,
    b: Resolved<'_>,
    paths: (&DocPath, &DocPath),
    out: &mut Changes,
) {
    let changed: Vec<&str> = a
        .wording()
        .iter()
        .zip(b.wording())
        .filter(|((_, x), (_, y))| x != y)
        .map(|((field, _), _)| *field)
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
    if a.code() != b.code() {
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

fn renamed<'a>(renames: &'a Renames, id: &'a Id) -> &'a Id {
    renames.get(id).unwrap_or(id)
}

/// A competency's domain, prerequisites and values.
fn competency(
    (old_domain, a): (&Id, &ResolvedCompetency),
    (new_domain, b): (&Id, &ResolvedCompetency),
    (old_path, new_path): (&DocPath, &DocPath),
    renames: &Renames,
    out: &mut Changes,
) {
    let id = &b.id;
    if renamed(renames, old_domain) != new_domain {
        out.push(
            Rule::CompetencyMoved,
            Some(id),
            format!("competency `{id}` moved from domain `{old_domain}` to `{new_domain}`"),
            Some(old_path.clone()),
            Some(new_path.clone()),
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
                Some(old_path.clone()),
                Some(new_path.key("requires").index(n)),
            );
        }
    }
    for (n, r) in a.requires.iter().enumerate() {
        if !after.contains(renamed(renames, r)) {
            out.push(
                Rule::RequiresRemoved,
                Some(id),
                format!("competency `{id}` no longer requires `{r}`"),
                Some(old_path.key("requires").index(n)),
                Some(new_path.clone()),
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
            Some(old_path.clone()),
            Some(new_path.clone()),
        );
    }
}

/// An indicator's competency and level.
fn indicator(
    (old, old_owner, a): (&ResolvedFramework, &Id, &ResolvedIndicator),
    (new, new_owner, b): (&ResolvedFramework, &Id, &ResolvedIndicator),
    (old_path, new_path): (&DocPath, &DocPath),
    required: impl Fn() -> bool,
    renames: &Renames,
    out: &mut Changes,
) {
    let (xi, yi) = (a, b);
    let id = &yi.id;
    if renamed(renames, old_owner) != new_owner {
        out.push(
            Rule::IndicatorMoved,
            Some(id),
            format!("indicator `{id}` moved from `{old_owner}` to `{new_owner}`"),
            Some(old_path.clone()),
            Some(new_path.clone()),
        );
    }
    let rank = |f: &ResolvedFramework, level: Option<&Id>| {
        level.and_then(|l| f.level_rank(l.as_str())).unwrap_or(0)
    };
    let (rank_old, rank_new) = (rank(old, xi.level.as_ref()), rank(new, yi.level.as_ref()));
    let level_old = xi.level.as_ref().or(old.scale.first().map(|l| &l.id));
    let level_new = yi.level.as_ref().or(new.scale.first().map(|l| &l.id));
    if level_old != level_new || rank_old != rank_new {
        let rule = if rank_new < rank_old && required() {
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
            Some(old_path.clone()),
            Some(new_path.clone()),
        );
    }
}
