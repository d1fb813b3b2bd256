use crate::diagnostic::DocPath;
use crate::model::{Framework, Item};
use std::collections::HashMap;

/// Every item of a framework document (including a tailoring's additions) by id.
#[derive(Debug)]
pub(crate) struct ItemIndex<'a> {
    /// All items in document order, duplicates included.
    pub items: Vec<Item<'a>>,
    first: HashMap<&'a str, usize>,
    root: DocPath,
}

impl<'a> ItemIndex<'a> {
    /// Indexes the items a framework document defines.
    pub(crate) fn of_framework(framework: &'a Framework, root: &DocPath) -> ItemIndex<'a> {
        // Counted first: collecting would grow the vector by doubling, up to twice the size
        // on a large framework, at the moment memory peaks (the whole model is alive).
        let mut items: Vec<Item<'a>> = Vec::with_capacity(framework.items().count());
        items.extend(framework.items());
        let mut first = HashMap::with_capacity(items.len());
        for (position, item) in items.iter().enumerate() {
            first.entry(item.id.as_str()).or_insert(position);
        }
        ItemIndex {
            items,
            first,
            root: root.clone(),
        }
    }

    /// The first item with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&Item<'a>> {
        self.first.get(id).and_then(|&i| self.items.get(i))
    }

    /// The sort of the first item with this id.
    pub(crate) fn sort(&self, id: &str) -> Option<crate::model::ItemSort> {
        self.get(id).map(|item| item.sort)
    }

    /// The path of an item's `id` field.
    pub(crate) fn path(&self, item: &Item<'_>) -> DocPath {
        self.root.item_id(item.loc)
    }
}
