use crate::diagnostic::DocPath;
use crate::model::{Domain, Framework, Id};
use std::collections::HashMap;

/// The sort of an item; ids are unique across all sorts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemSort {
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
    pub fn with_article(self) -> String {
        match self {
            ItemSort::Indicator => "an indicator".to_owned(),
            other => format!("a {}", other.as_str()),
        }
    }

    /// The word used in messages.
    pub fn as_str(self) -> &'static str {
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

/// Where an item is defined, as indices; turned into a [`DocPath`] only when a finding needs
/// one, so that valid files pay for no path building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loc {
    Scale(usize),
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

/// Which list of domains: the framework's own or a tailoring's additions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domains {
    Own,
    Added,
}

/// One item and where it is defined.
#[derive(Debug, Clone)]
pub struct ItemRef<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its sort.
    pub sort: ItemSort,
    document: usize,
    loc: Loc,
}

impl ItemRef<'_> {
    /// The path of the item's `id` field.
    pub fn path(&self) -> DocPath {
        let root = DocPath::root(self.document);
        let tailoring = || root.key("tailoring");
        let domains = |list: Domains| match list {
            Domains::Own => root.key("domains"),
            Domains::Added => tailoring().key("add_domains"),
        };
        let item = match self.loc {
            Loc::Scale(i) => root.key("scale").index(i),
            Loc::Value(i) => root.key("values").index(i),
            Loc::Domain(list, d) => domains(list).index(d),
            Loc::Competency(list, d, c) => domains(list).index(d).key("competencies").index(c),
            Loc::Indicator(list, d, c, i) => domains(list)
                .index(d)
                .key("competencies")
                .index(c)
                .key("indicators")
                .index(i),
            Loc::Role(i) => root.key("roles").index(i),
            Loc::AddCompetency(i) => tailoring().key("add_competencies").index(i),
            Loc::AddCompetencyIndicator(i, j) => tailoring()
                .key("add_competencies")
                .index(i)
                .key("indicators")
                .index(j),
            Loc::AddIndicator(i) => tailoring().key("add_indicators").index(i),
            Loc::AddValue(i) => tailoring().key("add_values").index(i),
            Loc::AddRole(i) => tailoring().key("add_roles").index(i),
        };
        item.key("id")
    }
}

/// Every item of a framework document (including a tailoring's additions) by id.
#[derive(Debug, Default)]
pub struct ItemIndex<'a> {
    /// All items in document order, duplicates included.
    pub items: Vec<ItemRef<'a>>,
    first: HashMap<&'a str, usize>,
}

impl<'a> ItemIndex<'a> {
    /// Indexes the items a framework document defines.
    pub fn of_framework(framework: &'a Framework, root: &DocPath) -> ItemIndex<'a> {
        let mut index = ItemIndex {
            items: Vec::new(),
            first: HashMap::new(),
        };
        let document = root.document;
        let push = |index: &mut ItemIndex<'a>, id: &'a Id, sort: ItemSort, loc: Loc| {
            let position = index.items.len();
            index.first.entry(id.as_str()).or_insert(position);
            index.items.push(ItemRef {
                id,
                sort,
                document,
                loc,
            });
        };
        for (i, level) in framework.scale.iter().enumerate() {
            push(&mut index, &level.id, ItemSort::Level, Loc::Scale(i));
        }
        for (i, value) in framework.values.iter().enumerate() {
            push(&mut index, &value.id, ItemSort::Value, Loc::Value(i));
        }
        let domains = |index: &mut ItemIndex<'a>, list: &'a [Domain], which: Domains| {
            for (d, domain) in list.iter().enumerate() {
                push(index, &domain.id, ItemSort::Domain, Loc::Domain(which, d));
                for (c, competency) in domain.competencies.iter().enumerate() {
                    push(
                        index,
                        &competency.id,
                        ItemSort::Competency,
                        Loc::Competency(which, d, c),
                    );
                    for (i, indicator) in competency.indicators.iter().enumerate() {
                        push(
                            index,
                            &indicator.id,
                            ItemSort::Indicator,
                            Loc::Indicator(which, d, c, i),
                        );
                    }
                }
            }
        };
        domains(&mut index, &framework.domains, Domains::Own);
        if let Some(t) = &framework.tailoring {
            domains(&mut index, &t.add_domains, Domains::Added);
        }
        for (i, role) in framework.roles.iter().enumerate() {
            push(&mut index, &role.id, ItemSort::Role, Loc::Role(i));
        }
        if let Some(t) = &framework.tailoring {
            for (i, c) in t.add_competencies.iter().enumerate() {
                push(
                    &mut index,
                    &c.id,
                    ItemSort::Competency,
                    Loc::AddCompetency(i),
                );
                for (j, indicator) in c.indicators.iter().enumerate() {
                    push(
                        &mut index,
                        &indicator.id,
                        ItemSort::Indicator,
                        Loc::AddCompetencyIndicator(i, j),
                    );
                }
            }
            for (i, indicator) in t.add_indicators.iter().enumerate() {
                push(
                    &mut index,
                    &indicator.id,
                    ItemSort::Indicator,
                    Loc::AddIndicator(i),
                );
            }
            for (i, value) in t.add_values.iter().enumerate() {
                push(&mut index, &value.id, ItemSort::Value, Loc::AddValue(i));
            }
            for (i, role) in t.add_roles.iter().enumerate() {
                push(&mut index, &role.id, ItemSort::Role, Loc::AddRole(i));
            }
        }
        index
    }

    /// The first item with this id.
    pub fn get(&self, id: &str) -> Option<&ItemRef<'a>> {
        self.first.get(id).and_then(|&i| self.items.get(i))
    }

    /// The sort of the first item with this id.
    pub fn sort(&self, id: &str) -> Option<ItemSort> {
        self.get(id).map(|item| item.sort)
    }
}
