use crate::diagnostic::DocPath;
use crate::model::{Framework, Id, ItemSort, Loc};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Every item of a framework document (including a tailoring's additions) by id.
#[derive(Debug)]
pub(crate) struct ItemIndex<'a> {
    /// All items in document order, duplicates included.
    pub items: Vec<Entry<'a>>,
    first: HashMap<Key<'a>, usize>,
    root: DocPath,
}

/// What validation reads of an item: its sort, id and place, not what it replaces (48 bytes
/// where the model's `Item` takes 64: 4 MB at the peak on a 250,000-item framework).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub sort: ItemSort,
    pub id: &'a Id,
    pub loc: Loc,
}

/// An id as a hash key, found by `&str`: a thin pointer where a `&str` takes two words, which
/// on a framework of 250,000 items is 4 MB less at the moment memory peaks.
#[derive(Debug, Clone, Copy)]
struct Key<'a>(&'a Id);

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `str` hashes, which `Borrow<str>` requires.
        self.0.as_str().hash(state);
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Key<'_> {}

impl Borrow<str> for Key<'_> {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl<'a> ItemIndex<'a> {
    /// Indexes the items a framework document defines.
    pub(crate) fn of_framework(framework: &'a Framework, root: &DocPath) -> ItemIndex<'a> {
        // Counted first: collecting would grow the vector by doubling, up to twice the size
        // on a large framework, at the moment memory peaks (the whole model is alive).
        let mut items: Vec<Entry<'a>> = Vec::with_capacity(framework.items().count());
        items.extend(framework.items().map(|item| Entry {
            sort: item.sort,
            id: item.id,
            loc: item.loc,
        }));
        let mut first = HashMap::with_capacity(items.len());
        for (position, item) in items.iter().enumerate() {
            first.entry(Key(item.id)).or_insert(position);
        }
        ItemIndex {
            items,
            first,
            root: root.clone(),
        }
    }

    /// The first item with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&Entry<'a>> {
        self.first.get(id).and_then(|&i| self.items.get(i))
    }

    /// The sort of the first item with this id.
    pub(crate) fn sort(&self, id: &str) -> Option<ItemSort> {
        self.get(id).map(|item| item.sort)
    }

    /// The path of an item's `id` field.
    pub(crate) fn path(&self, item: &Entry<'_>) -> DocPath {
        self.root.item_id(item.loc)
    }
}
