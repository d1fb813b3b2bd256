use crate::diagnostic::DocPath;
use crate::model::{Framework, Id};
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

/// One item and where it is defined.
#[derive(Debug, Clone)]
pub struct ItemRef<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its sort.
    pub sort: ItemSort,
    /// The path of its `id` field.
    pub path: DocPath,
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
        let mut index = ItemIndex::default();
        for (i, level) in framework.scale.iter().enumerate() {
            index.push(&level.id, ItemSort::Level, root.key("scale").index(i));
        }
        for (i, value) in framework.values.iter().enumerate() {
            index.push(&value.id, ItemSort::Value, root.key("values").index(i));
        }
        index.domains(&framework.domains, &root.key("domains"));
        for (i, role) in framework.roles.iter().enumerate() {
            index.push(&role.id, ItemSort::Role, root.key("roles").index(i));
        }
        if let Some(t) = &framework.tailoring {
            let at = root.key("tailoring");
            index.domains(&t.add_domains, &at.key("add_domains"));
            for (i, c) in t.add_competencies.iter().enumerate() {
                let path = at.key("add_competencies").index(i);
                index.push(&c.id, ItemSort::Competency, path.clone());
                for (j, indicator) in c.indicators.iter().enumerate() {
                    index.push(&indicator.id, ItemSort::Indicator, path.key("indicators").index(j));
                }
            }
            for (i, indicator) in t.add_indicators.iter().enumerate() {
                index.push(&indicator.id, ItemSort::Indicator, at.key("add_indicators").index(i));
            }
            for (i, value) in t.add_values.iter().enumerate() {
                index.push(&value.id, ItemSort::Value, at.key("add_values").index(i));
            }
            for (i, role) in t.add_roles.iter().enumerate() {
                index.push(&role.id, ItemSort::Role, at.key("add_roles").index(i));
            }
        }
        index
    }

    fn domains(&mut self, domains: &'a [crate::model::Domain], at: &DocPath) {
        for (i, domain) in domains.iter().enumerate() {
            let path = at.index(i);
            self.push(&domain.id, ItemSort::Domain, path.clone());
            for (j, competency) in domain.competencies.iter().enumerate() {
                let path = path.key("competencies").index(j);
                self.push(&competency.id, ItemSort::Competency, path.clone());
                for (k, indicator) in competency.indicators.iter().enumerate() {
                    self.push(&indicator.id, ItemSort::Indicator, path.key("indicators").index(k));
                }
            }
        }
    }

    fn push(&mut self, id: &'a Id, sort: ItemSort, item: DocPath) {
        let position = self.items.len();
        self.first.entry(id.as_str()).or_insert(position);
        self.items.push(ItemRef {
            id,
            sort,
            path: item.key("id"),
        });
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
