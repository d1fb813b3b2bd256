//! Every item of a framework and where it is: one walk, used by validation (ids, references),
//! tailoring (the items of a base) and diff (matching items by id or `replaces`).
//!
//! An item's place is kept as indices ([`Loc`]) and turned into a path (`DocPath::item`) only
//! when a finding or a change needs one, so that valid files pay for no path building.

use super::{Competency, Domain, Framework, Id, Indicator};
use std::iter::once;

/// The sort of an item; ids are unique across all sorts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum ItemSort {
    /// A scale level.
    Level,
    /// A value.
    Value,
    /// A domain.
    Domain,
    /// A competency.
    Competency,
    /// An indicator.
    Indicator,
    /// A role.
    Role,
}

impl ItemSort {
    /// The word with its article, for messages: "a domain", "an indicator".
    pub(crate) fn with_article(self) -> String {
        match self {
            ItemSort::Indicator => "an indicator".to_owned(),
            other => format!("a {}", other.as_str()),
        }
    }

    /// The word used in messages.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ItemSort::Level => "level",
            ItemSort::Value => "value",
            ItemSort::Domain => "domain",
            ItemSort::Competency => "competency",
            ItemSort::Indicator => "indicator",
            ItemSort::Role => "role",
        }
    }
}

/// Which list of domains: the framework's own or a tailoring's `add_domains`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domains {
    Own,
    Added,
}

/// Where an item is, as indices from the root of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The document itself (the implicit level of a framework without a scale).
    Root,
    Level(usize),
    Value(usize),
    Domain(Domains, usize),
    Competency(Domains, usize, usize),
    Indicator(Domains, usize, usize, usize),
    Role(usize),
    AddCompetency(usize),
    AddCompetencyIndicator(usize, usize),
    AddIndicator(usize),
    AddValue(usize),
    AddRole(usize),
}

impl Loc {
    /// The place of indicator `j` of the competency at this place (itself for any other
    /// place).
    pub(crate) fn indicator(self, j: usize) -> Loc {
        match self {
            Loc::Competency(list, d, c) => Loc::Indicator(list, d, c, j),
            Loc::AddCompetency(i) => Loc::AddCompetencyIndicator(i, j),
            other => other,
        }
    }

    /// Whether the item is one a tailoring adds (in `tailoring.add_*`).
    pub(crate) fn is_addition(self) -> bool {
        match self {
            Loc::Domain(list, ..) | Loc::Competency(list, ..) | Loc::Indicator(list, ..) => {
                list == Domains::Added
            }
            Loc::AddCompetency(_)
            | Loc::AddCompetencyIndicator(..)
            | Loc::AddIndicator(_)
            | Loc::AddValue(_)
            | Loc::AddRole(_) => true,
            Loc::Root | Loc::Level(_) | Loc::Value(_) | Loc::Role(_) => false,
        }
    }
}

/// One item: its sort, id, the ids it replaces, and where it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    /// Its sort.
    pub sort: ItemSort,
    /// Its id.
    pub id: &'a Id,
    /// The ids it replaces (none for levels).
    pub replaces: &'a [Id],
    /// Where it is.
    pub loc: Loc,
}

impl<'a> Item<'a> {
    pub(crate) fn new(sort: ItemSort, id: &'a Id, replaces: &'a [Id], loc: Loc) -> Item<'a> {
        Item {
            sort,
            id,
            replaces,
            loc,
        }
    }
}

/// The items of a list of domains: each domain, then each of its competencies followed by the
/// competency's indicators.
pub(crate) fn domain_items(list: &[Domain], which: Domains) -> impl Iterator<Item = Item<'_>> {
    list.iter().enumerate().flat_map(move |(d, domain)| {
        let own = Item::new(
            ItemSort::Domain,
            &domain.id,
            &domain.replaces,
            Loc::Domain(which, d),
        );
        once(own).chain(
            domain
                .competencies
                .iter()
                .enumerate()
                .flat_map(move |(c, competency)| {
                    competency_items(competency, Loc::Competency(which, d, c), move |i| {
                        Loc::Indicator(which, d, c, i)
                    })
                }),
        )
    })
}

/// A competency, then its indicators.
fn competency_items(
    competency: &Competency,
    loc: Loc,
    indicator: impl Fn(usize) -> Loc,
) -> impl Iterator<Item = Item<'_>> {
    let own = Item::new(
        ItemSort::Competency,
        &competency.id,
        &competency.replaces,
        loc,
    );
    once(own).chain(indicator_items(&competency.indicators, indicator))
}

fn indicator_items(
    list: &[Indicator],
    loc: impl Fn(usize) -> Loc,
) -> impl Iterator<Item = Item<'_>> {
    list.iter().enumerate().map(move |(i, indicator)| {
        Item::new(
            ItemSort::Indicator,
            &indicator.id,
            &indicator.replaces,
            loc(i),
        )
    })
}

impl Framework {
    /// Every item the document defines, in document order: the scale, values, domains (its own,
    /// then a tailoring's `add_domains`), roles, then the rest of a tailoring's additions
    /// (`add_competencies` with their indicators, `add_indicators`, `add_values`, `add_roles`).
    /// Duplicates are included.
    pub(crate) fn items(&self) -> impl Iterator<Item = Item<'_>> {
        let tailoring = self.tailoring.as_ref();
        let scale = self
            .scale
            .iter()
            .enumerate()
            .map(|(i, l)| Item::new(ItemSort::Level, &l.id, &[], Loc::Level(i)));
        let values = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| Item::new(ItemSort::Value, &v.id, &v.replaces, Loc::Value(i)));
        let roles = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| Item::new(ItemSort::Role, &r.id, &r.replaces, Loc::Role(i)));
        let added_domains = tailoring
            .into_iter()
            .flat_map(|t| domain_items(&t.add_domains, Domains::Added));
        let added =
            tailoring.into_iter().flat_map(|t| {
                let competencies = t.add_competencies.iter().enumerate().flat_map(|(i, c)| {
                    let own = Item::new(
                        ItemSort::Competency,
                        &c.id,
                        &c.replaces,
                        Loc::AddCompetency(i),
                    );
                    once(own).chain(indicator_items(&c.indicators, move |j| {
                        Loc::AddCompetencyIndicator(i, j)
                    }))
                });
                let indicators = t.add_indicators.iter().enumerate().map(|(i, x)| {
                    Item::new(
                        ItemSort::Indicator,
                        &x.id,
                        &x.replaces,
                        Loc::AddIndicator(i),
                    )
                });
                let values =
                    t.add_values.iter().enumerate().map(|(i, v)| {
                        Item::new(ItemSort::Value, &v.id, &v.replaces, Loc::AddValue(i))
                    });
                let roles =
                    t.add_roles.iter().enumerate().map(|(i, r)| {
                        Item::new(ItemSort::Role, &r.id, &r.replaces, Loc::AddRole(i))
                    });
                competencies.chain(indicators).chain(values).chain(roles)
            });
        scale
            .chain(values)
            .chain(domain_items(&self.domains, Domains::Own))
            .chain(added_domains)
            .chain(roles)
            .chain(added)
    }
}
