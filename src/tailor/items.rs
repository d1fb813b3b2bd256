//! Where every item of a framework being resolved sits (its slot in the resolved lists, which
//! never move: items are only appended, and exclusion marks rather than removes) and where it
//! was defined (file and path), for references and related locations.

use super::resolved::{ResolvedCompetency, ResolvedDomain, ResolvedFramework, ResolvedIndicator};
use crate::diagnostic::{Code, Diagnostic, DocPath, Related};
use crate::model::{Framework, Id};
use crate::validate::ItemSort;
use crate::validate::references::closest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
pub(crate) struct Item {
    pub slot: Slot,
    pub file: Option<PathBuf>,
    pub path: DocPath,
}

/// Every item of the framework being resolved, by id.
#[derive(Debug, Default)]
pub(crate) struct Items {
    map: HashMap<Id, Item>,
}

impl Items {
    /// The items of a framework without `extends`, as [`ResolvedFramework::from_framework`]
    /// lays them out.
    pub(crate) fn of_base(framework: &Framework, file: Option<&Path>, root: &DocPath) -> Items {
        let mut items = Items::default();
        let mut add = |id: &Id, slot: Slot, path: DocPath| {
            items.insert(id, slot, file, path.key("id"));
        };
        for (l, level) in framework.scale.iter().enumerate() {
            add(&level.id, Slot::Level(l), root.key("scale").index(l));
        }
        for (v, value) in framework.values.iter().enumerate() {
            add(&value.id, Slot::Value(v), root.key("values").index(v));
        }
        for (d, domain) in framework.domains.iter().enumerate() {
            let at = root.key("domains").index(d);
            add(&domain.id, Slot::Domain(d), at.clone());
            for (c, competency) in domain.competencies.iter().enumerate() {
                let at = at.key("competencies").index(c);
                add(&competency.id, Slot::Competency(d, c), at.clone());
                for (i, indicator) in competency.indicators.iter().enumerate() {
                    add(
                        &indicator.id,
                        Slot::Indicator(d, c, i),
                        at.key("indicators").index(i),
                    );
                }
            }
        }
        for (r, role) in framework.roles.iter().enumerate() {
            add(&role.id, Slot::Role(r), root.key("roles").index(r));
        }
        if framework.scale.is_empty() {
            add(
                &Id::new(Framework::IMPLICIT_LEVEL),
                Slot::Level(0),
                root.clone(),
            );
        }
        items
    }

    /// Records an item; the first definition of an id wins (duplicates are reported by
    /// validation of the file that has them).
    pub(crate) fn insert(&mut self, id: &Id, slot: Slot, file: Option<&Path>, path: DocPath) {
        self.map.entry(id.clone()).or_insert_with(|| Item {
            slot,
            file: file.map(Path::to_owned),
            path,
        });
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Item> {
        self.map.get(id)
    }

    /// A related location pointing at where `id` is defined.
    pub(crate) fn related(&self, id: &str, message: &str) -> Option<Related> {
        let item = self.map.get(id)?;
        Some(Related {
            message: message.to_owned(),
            file: item.file.clone(),
            path: item.path.clone(),
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
