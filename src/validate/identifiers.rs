//! Id syntax, and ids unique across the whole framework.

use super::ItemIndex;
use crate::diagnostic::{Code, Diagnostic};

pub(super) fn check(items: &ItemIndex<'_>, found: &mut Vec<Diagnostic>) {
    for (position, item) in items.items.iter().enumerate() {
        if !item.id.is_valid() {
            found.push(
                Diagnostic::new(
                    Code::InvalidId,
                    item.path(),
                    format!("`{}` is not a valid id", item.id),
                )
                .with_help("ids use letters, digits, '.', '_' and '-', start with a letter or digit, and are at most 64 characters"),
            );
        }
        if let Some(first) = items.get(item.id.as_str()) {
            // The index remembers the first position of each id; any later one is a duplicate.
            if items
                .items
                .get(position)
                .is_some_and(|_| !std::ptr::eq(first, item))
            {
                found.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        item.path(),
                        format!(
                            "the id `{}` is already used by {} (ids are unique across the whole framework)",
                            item.id,
                            first.sort.with_article()
                        ),
                    )
                    .with_related(first.path(), "first defined here"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DocPath;
    use crate::validate::testing::*;

    #[test]
    fn table() {
        let table = [
            (
                "id: listening\n",
                "id: bad id\n",
                "invalid-id",
                "domains[0].competencies[0].id",
            ),
            (
                "id: sharing\n",
                "id: listening\n",
                "duplicate-id",
                "domains[0].competencies[1].id",
            ),
            (
                "id: worker\n",
                "id: mutuality\n",
                "duplicate-id",
                "roles[0].id",
            ),
            (
                "{ id: established,",
                "{ id: developing,",
                "duplicate-id",
                "scale[1].id",
            ),
        ];
        for (from, to, code, path) in table {
            let found = codes(&super::super::framework(&edit(from, to), &DocPath::root(0)));
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{to}: {found:?}"
            );
        }
    }
}
