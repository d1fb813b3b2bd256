//! Where every item of a framework being resolved sits (its slot in the resolved lists, which
//! never move: items are only appended, and exclusion marks rather than removes) and where it
//! was defined (file and path), for references and related locations.

use super::resolved::{ResolvedCompetency, ResolvedDomain, ResolvedFramework, ResolvedIndicator};
use crate::diagnostic::closest;
use crate::diagnostic::{Code, Diagnostic, DocPath, Related};
use crate::model::{Framework, Id, ItemSort, Loc};
use std::collections::HashMap;
use std::path::Path;

/// The position of an item in a [`ResolvedFramework`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Level(usize),
    Value(usize),
    Domain(usize),
    Competency(usize, usize),
    Indicator(usize, usize, usize),
    Role(usize),
}

impl Slot {
    /// The slot of an item of a framework without `extends`, which
    /// [`ResolvedFramework::from_framework`] keeps where it is.
    fn of_base(loc: Loc) -> Option<Slot> {
        match loc {
            Loc::Level(l) => Some(Slot::Level(l)),
            Loc::Value(v) => Some(Slot::Value(v)),
            Loc::Domain(_, d) => Some(Slot::Domain(d)),
            Loc::Competency(_, d, c) => Some(Slot::Competency(d, c)),
            Loc::Indicator(_, d, c, i) => Some(Slot::Indicator(d, c, i)),
            Loc::Role(r) => Some(Slot::Role(r)),
            _ => None,
        }
    }

    pub(crate) fn sort(self) -> ItemSort {
        match self {
            Slot::Level(_) => ItemSort::Level,
            Slot::Value(_) => ItemSort::Value,
            Slot::Domain(_) => ItemSort::Domain,
            Slot::Competency(..) => ItemSort::Competency,
            Slot::Indicator(..) => ItemSort::Indicator,
            Slot::Role(_) => ItemSort::Role,
        }
    }
}

/// An item: where it is and where it was defined.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    pub slot: Slot,
    file: Option<&'a Path>,
    /// The document that defines it, in `file`.
    document: usize,
    loc: Loc,
}

impl Item<'_> {
    /// The path of the item's `id` field in its document.
    fn path(&self) -> DocPath {
        DocPath::root(self.document).item_id(self.loc)
    }
}

/// Every item of the framework being resolved, by id.
#[derive(Debug, Default)]
pub(crate) struct Items<'a> {
    map: HashMap<Id, Item<'a>>,
}

impl<'a> Items<'a> {
    /// The items of a framework without `extends`, as [`ResolvedFramework::from_framework`]
    /// lays them out.
    pub(crate) fn of_base(
        framework: &Framework,
        file: Option<&'a Path>,
        root: &DocPath,
    ) -> Items<'a> {
        let mut items = Items::default();
        let document = root.document;
        for item in framework.items().filter(|item| !item.loc.is_addition()) {
            if let Some(slot) = Slot::of_base(item.loc) {
                items.insert(item.id, slot, file, document, item.loc);
            }
        }
        if framework.scale.is_empty() {
            let met = Id::new(Framework::IMPLICIT_LEVEL);
            items.insert(&met, Slot::Level(0), file, document, Loc::Root);
        }
        items
    }

    /// Records an item defined at `loc` in document `document` of `file`; the first
    /// definition of an id wins (duplicates are reported by validation of the file that has
    /// them).
    pub(crate) fn insert(
        &mut self,
        id: &Id,
        slot: Slot,
        file: Option<&'a Path>,
        document: usize,
        loc: Loc,
    ) {
        self.map.entry(id.clone()).or_insert(Item {
            slot,
            file,
            document,
            loc,
        });
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Item<'a>> {
        self.map.get(id)
    }

    /// A related location pointing at where `id` is defined.
    pub(crate) fn related(&self, id: &str, message: &str) -> Option<Related> {
        let item = self.map.get(id)?;
        Some(Related {
            message: message.to_owned(),
            file: item.file.map(Path::to_owned),
            path: item.path(),
            span: None,
        })
    }

    /// `Some(slot)` when `id` names an item of one of `sorts`; otherwise reports an
    /// `unknown-reference` at `at` (with a near-miss suggestion or the item's definition).
    pub(crate) fn expect(
        &self,
        id: &Id,
        sorts: &[ItemSort],
        at: DocPath,
        found: &mut Vec<Diagnostic>,
    ) -> Option<Slot> {
        let wanted = sorts
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        match self.map.get(id.as_str()) {
            Some(item) if sorts.contains(&item.slot.sort()) => Some(item.slot),
            Some(item) => {
                let mut d = Diagnostic::new(
                    Code::UnknownReference,
                    at,
                    format!(
                        "`{id}` is {}, but a {wanted} is expected here",
                        item.slot.sort().with_article()
                    ),
                );
                d.related.extend(self.related(id.as_str(), "defined here"));
                found.push(d);
                None
            }
            None => {
                let mut d = Diagnostic::new(
                    Code::UnknownReference,
                    at,
                    format!("no {wanted} has the id `{id}` in the framework or its bases"),
                );
                let candidates = self
                    .map
                    .iter()
                    .filter(|(_, i)| sorts.contains(&i.slot.sort()))
                    .map(|(k, _)| k.as_str());
                if let Some(near) = closest(id.as_str(), candidates) {
                    d = d.with_help(format!("did you mean `{near}`?"));
                }
                found.push(d);
                None
            }
        }
    }

    /// Reports `level` unless it is on the scale.
    pub(crate) fn expect_level(
        &self,
        framework: &ResolvedFramework,
        level: &Id,
        at: DocPath,
        found: &mut Vec<Diagnostic>,
    ) -> bool {
        if framework.scale.iter().any(|l| l.id == *level) {
            return true;
        }
        let ids: Vec<&str> = framework.scale.iter().map(|l| l.id.as_str()).collect();
        let mut d = Diagnostic::new(
            Code::UnknownLevel,
            at,
            format!("`{level}` is not a level of the scale ({})", ids.join(", ")),
        );
        if let Some(near) = closest(level.as_str(), ids.iter().copied()) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        found.push(d);
        false
    }
}

/// The domain at `d`.
pub(crate) fn domain_mut(
    framework: &mut ResolvedFramework,
    d: usize,
) -> Option<&mut ResolvedDomain> {
    framework.domains.get_mut(d)
}

/// The competency at `(d, c)`.
pub(crate) fn competency_mut(
    framework: &mut ResolvedFramework,
    d: usize,
    c: usize,
) -> Option<&mut ResolvedCompetency> {
    framework.domains.get_mut(d)?.competencies.get_mut(c)
}

/// The competency at `(d, c)`.
pub(crate) fn competency_at(
    framework: &ResolvedFramework,
    d: usize,
    c: usize,
) -> Option<&ResolvedCompetency> {
    framework.domains.get(d)?.competencies.get(c)
}

/// The indicator at `(d, c, i)`.
pub(crate) fn indicator_mut(
    framework: &mut ResolvedFramework,
    d: usize,
    c: usize,
    i: usize,
) -> Option<&mut ResolvedIndicator> {
    competency_mut(framework, d, c)?.indicators.get_mut(i)
}

/// The provenance of the item at `slot` (levels have none).
pub(crate) fn provenance_mut(
    framework: &mut ResolvedFramework,
    slot: Slot,
) -> Option<&mut super::Provenance> {
    match slot {
        Slot::Level(_) => None,
        Slot::Value(v) => framework.values.get_mut(v).map(|v| &mut v.provenance),
        Slot::Domain(d) => framework.domains.get_mut(d).map(|d| &mut d.provenance),
        Slot::Competency(d, c) => competency_mut(framework, d, c).map(|c| &mut c.provenance),
        Slot::Indicator(d, c, i) => indicator_mut(framework, d, c, i).map(|i| &mut i.provenance),
        Slot::Role(r) => framework.roles.get_mut(r).map(|r| &mut r.provenance),
    }
}

/// The provenance of the item at `slot` (levels have none).
pub(crate) fn provenance_at(
    framework: &ResolvedFramework,
    slot: Slot,
) -> Option<&super::Provenance> {
    match slot {
        Slot::Level(_) => None,
        Slot::Value(v) => framework.values.get(v).map(|v| &v.provenance),
        Slot::Domain(d) => framework.domains.get(d).map(|d| &d.provenance),
        Slot::Competency(d, c) => competency_at(framework, d, c).map(|c| &c.provenance),
        Slot::Indicator(d, c, i) => competency_at(framework, d, c)
            .and_then(|c| c.indicators.get(i))
            .map(|i| &i.provenance),
        Slot::Role(r) => framework.roles.get(r).map(|r| &r.provenance),
    }
}
