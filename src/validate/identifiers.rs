//! Id syntax, and ids unique across the whole framework.

use super::ItemIndex;
use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::{Framework, Id};

/// The framework's own id follows the same rule as its items' ids: it names the framework in
/// `id@version`, in `extends` and in evidence records.
pub(super) fn framework(framework: &Framework, root: &DocPath, found: &mut Findings) {
    if !framework.id.is_valid() {
        found.push(invalid(&framework.id, root.key("id")));
    }
}

fn invalid(id: &Id, path: DocPath) -> Diagnostic {
    Diagnostic::new(Code::InvalidId, path, format!("`{id}` is not a valid id")).with_help(
        "ids use letters, digits, '.', '_' and '-', start with a letter or digit, and are at most 64 characters",
    )
}

pub(super) fn check(items: &ItemIndex<'_>, found: &mut Findings) {
    for (position, item) in items.items.iter().enumerate() {
        if !item.id.is_valid() {
            found.push(invalid(item.id, items.path(item)));
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
                        items.path(item),
                        format!(
                            "the id `{}` is already used by {} (ids are unique across the whole framework)",
                            item.id,
                            first.sort.with_article()
                        ),
                    )
                    .with_related(items.path(first), "first defined here"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
            ("id: demo\n", "id: Broken Framework\n", "invalid-id", "id"),
            ("id: demo\n", "id: demo@1\n", "invalid-id", "id"),
        ];
        rule_table(&table, |_, _| {});
    }
}
