//! Comparing two versions of a framework, item by item, and the least version bump the
//! changes need (DESIGN.md "Semver for frameworks").
//!
//! Both sides are [`ResolvedFramework`]s, so a tailoring is compared as it resolves: a new
//! exclusion in it is a change like a removal in a base. Each [`Change`] names the [`Rule`]
//! that classifies it; the rules are a table ([`Rule::ALL`]) with a fixture pair each.
//!
//! ```
//! use competence::diff::{self, Class};
//! use competence::model::Framework;
//! use competence::tailor::ResolvedFramework;
//!
//! let old: Framework = serde_json::from_str(r#"{
//!   "format": "competence/1", "kind": "framework", "id": "demo", "version": "1.0.0",
//!   "title": "Demo",
//!   "domains": [{ "id": "relational", "title": "Relational", "competencies": [
//!     { "id": "listening", "title": "Listening" }, { "id": "sharing", "title": "Sharing" }] }]
//! }"#).unwrap();
//! let mut new = old.clone();
//! new.version = "1.1.0".parse().unwrap();
//! new.domains[0].competencies.pop();
//! let changes = diff::diff(
//!     &ResolvedFramework::from_framework(&old),
//!     &ResolvedFramework::from_framework(&new),
//! );
//! assert_eq!(changes.required(), Some(Class::Major));
//! assert_eq!(changes.changes[0].rule.as_str(), "item-removed");
//! let verdict = changes.check(&old.version, &new.version);
//! assert!(!verdict.ok());
//! ```

mod items;
mod policy;
mod rules;
mod semver_check;
mod side;

pub use rules::{Class, Rule};
pub use semver_check::{Verdict, allowed_bump};
pub use side::{Side, SideError, read_side};

use crate::diagnostic::{DocPath, Span};
use crate::model::Id;
use crate::tailor::ResolvedFramework;
use serde::Serialize;

/// Where a changed item is in one of the two frameworks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Location {
    /// The path in the resolved framework, which is the path in its file when the framework
    /// is not a tailoring.
    pub path: DocPath,
    /// Line and column in the file, when [`Diff::locate`] found them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Location {
    fn at(path: DocPath) -> Option<Location> {
        Some(Location { path, span: None })
    }
}

/// One classified change between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The rule that classifies it.
    pub rule: Rule,
    /// The bump it needs (the rule's class).
    pub class: Class,
    /// The item changed (in the new version when it has one), if the change is about an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Id>,
    /// What changed, in plain words.
    pub message: String,
    /// Where in the old version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Location>,
    /// Where in the new version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Location>,
}

/// The root of a resolved framework: it is written as a document of its own, so every path of
/// a change is a path in that document (and in the file, when the framework is not a
/// tailoring).
pub(crate) fn root() -> DocPath {
    DocPath::root(0)
}

/// Old id -> new id, for items renamed with `replaces`: found by comparing items, read by the
/// role and policy comparisons.
pub(crate) type Renames = std::collections::HashMap<Id, Id>;

/// Collects changes in order, with the class taken from the rule.
#[derive(Debug, Default)]
pub(crate) struct Changes(Vec<Change>);

impl Changes {
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        item: Option<&Id>,
        message: String,
        old: Option<DocPath>,
        new: Option<DocPath>,
    ) {
        self.0.push(Change {
            rule,
            class: rule.class(),
            item: item.cloned(),
            message,
            old: old.and_then(Location::at),
            new: new.and_then(Location::at),
        });
    }
}

/// Every change from one version to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// The old framework, `id@version`.
    pub old: String,
    /// The new framework, `id@version`.
    pub new: String,
    /// The changes: scale, values, domains, competencies, indicators, roles and targets,
    /// then the evidence policy; each in framework order.
    pub changes: Vec<Change>,
}

impl Diff {
    /// The least bump the changes need; `None` when nothing changed.
    pub fn required(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Measures the version bump from `old` to `new` against what the changes need.
    pub fn check(&self, old: &semver::Version, new: &semver::Version) -> Verdict<'_> {
        semver_check::verdict(self, old, new)
    }

    /// Gives changes line and column from the files' texts (pass only the text of a side
    /// that is not a tailoring: a tailoring's items live in several files).
    pub fn locate(&mut self, old_text: Option<&str>, new_text: Option<&str>) {
        for (text, is_old) in [(old_text, true), (new_text, false)] {
            let Some(text) = text else { continue };
            if self.changes.is_empty() {
                continue;
            }
            let tree = crate::yaml::SpanTree::build(text);
            for change in &mut self.changes {
                let location = if is_old {
                    change.old.as_mut()
                } else {
                    change.new.as_mut()
                };
                if let Some(location) = location {
                    location.span = tree.locate(&location.path);
                }
            }
        }
    }
}

/// Compares two resolved frameworks item by item and classifies every change.
pub fn diff(old: &ResolvedFramework, new: &ResolvedFramework) -> Diff {
    let mut changes = Changes::default();
    items::metadata(old, new, &mut changes);
    items::scale(old, new, &mut changes);
    let renames = items::items(old, new, &mut changes);
    policy::targets(old, new, &renames, &mut changes);
    policy::policy(old, new, &renames, &mut changes);
    Diff {
        old: old.name(),
        new: new.name(),
        changes: changes.0,
    }
}
