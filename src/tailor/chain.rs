//! Following `extends` from a framework down to its base, through the catalog: the chain of
//! frameworks to apply, base first. A missing base, a version that does not match, a cycle or a
//! chain of more than [`MAX_CHAIN`] links is a finding at the `extends` that caused it.

use crate::catalog::{Catalog, Entry, SelectError};
use crate::diagnostic::{Code, Diagnostic};

/// The most `extends` links a chain may have (national -> regional -> trust -> team needs 3).
pub const MAX_CHAIN: usize = 16;

/// The chain from `top` down to its base, base first; `None` (with a finding) when broken.
pub(crate) fn build<'c>(
    catalog: &'c Catalog,
    top: &'c Entry,
    found: &mut Vec<Diagnostic>,
) -> Option<Vec<&'c Entry>> {
    let mut chain: Vec<&Entry> = vec![top];
    let mut current = top;
    while let Some(reference) = current.framework().and_then(|f| f.extends.as_ref()) {
        let at = current.root().key("extends");
        let mut finding = |d: Diagnostic| {
            let mut d = d;
            d.file.clone_from(&current.file);
            found.push(d);
        };
        if chain.len() > MAX_CHAIN {
            let mut d = Diagnostic::new(
                Code::ChainTooDeep,
                top.root().key("extends"),
                format!(
                    "the tailoring chain of `{}` has more than {MAX_CHAIN} `extends` links",
                    top.name()
                ),
            )
            .with_help("flatten some of the intermediate tailorings into one");
            d.file.clone_from(&top.file);
            found.push(d);
            return None;
        }
        let base = match catalog.select(reference) {
            Ok(base) => base,
            Err(SelectError::UnknownId { id, known }) => {
                finding(
                    Diagnostic::new(Code::MissingBase, at, format!("no framework `{id}` in the catalog"))
                        .with_help(format!(
                            "the catalog holds: {}; add the base's file or directory to the paths checked, or pass `--catalog DIR`",
                            known.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                        )),
                );
                return None;
            }
            Err(SelectError::NoMatchingVersion {
                id,
                requirement,
                versions,
            }) => {
                finding(
                    Diagnostic::new(
                        Code::NoMatchingVersion,
                        at,
                        format!("no version of `{id}` matches `{requirement}`"),
                    )
                    .with_help(format!(
                        "the catalog holds {}",
                        versions
                            .iter()
                            .map(|v| format!("{id}@{v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                return None;
            }
        };
        if let Some(start) = chain.iter().position(|e| std::ptr::eq(*e, base)) {
            // Report at the link that closes the cycle, naming it from there, so every
            // framework on the cycle gets the same finding.
            let mut names: Vec<String> = chain
                .get(start..)
                .unwrap_or_default()
                .iter()
                .map(|e| e.name())
                .collect();
            let last = names.len().saturating_sub(1);
            names.rotate_left(last);
            names.push(current.name());
            finding(Diagnostic::new(
                Code::ChainCycle,
                at,
                format!(
                    "frameworks extend each other in a cycle: {}",
                    names.join(" -> ")
                ),
            ));
            return None;
        }
        chain.push(base);
        current = base;
    }
    chain.reverse();
    Some(chain)
}
