//! Tailoring: resolving a chain of frameworks that extend frameworks into one
//! [`ResolvedFramework`], with guardrails for core items and provenance on every item.
//!
//! Resolution follows `extends` through a [`Catalog`] down to a framework without one, then
//! applies each tailoring base first: additions, amendments, guidance, exclusions, role
//! targets and the evidence policy. Problems are [`Diagnostic`]s located in the file of the
//! tailoring that made them; only "the framework asked for is not in the catalog" is an
//! `Err`.
//!
//! ```
//! use competence::catalog::Catalog;
//! use competence::tailor;
//!
//! let catalog = Catalog::builtin();
//! let wanted = "riverside-forensic-psw".parse().unwrap();
//! let resolution = tailor::resolve(&catalog, &wanted).unwrap();
//! // Warnings only: its additions to core competencies are named (`added-to-core`).
//! assert!(!resolution.has_errors());
//! let framework = resolution.framework.unwrap();
//! assert_eq!(framework.chain, ["mh-peer-support-worker@1.1.0", "riverside-forensic-psw@2.0.0"]);
//! ```

mod additions;
mod apply;
mod chain;
mod changes;
mod crosswalks;
mod exclude;
mod guard_additions;
mod guard_policy;
mod guard_targets;
mod guardrails;
mod items;
mod resolved;
mod starter;
mod verify;

pub use chain::MAX_CHAIN;
pub use crosswalks::crosswalk_in_catalog;
pub use resolved::{
    Amendment, Exclusion, GuidanceNote, Provenance, ResolvedCompetency, ResolvedDomain,
    ResolvedFramework, ResolvedIndicator, ResolvedRole, ResolvedValue,
};
pub use starter::starter;

use crate::catalog::{Catalog, Entry, SelectError};
use crate::diagnostic::{self, Diagnostic, DocPath};
use crate::model::{FrameworkRef, Loc, Tailoring};
use std::path::{Path, PathBuf};

/// The outcome of resolving a framework.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Resolution {
    /// The resolved framework; `None` when the chain is broken (a missing base, a cycle, too
    /// deep). With error findings it is a best effort: the faulty changes are left out.
    pub framework: Option<ResolvedFramework>,
    /// Every finding, located in the file that made it, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Resolution {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Resolves the highest version of the framework `reference` names.
pub fn resolve(catalog: &Catalog, reference: &FrameworkRef) -> Result<Resolution, SelectError> {
    let entry = catalog.select(reference)?;
    Ok(resolve_entry(catalog, entry))
}

/// Resolves one framework of the catalog (a crosswalk resolves to nothing).
pub fn resolve_entry(catalog: &Catalog, entry: &Entry) -> Resolution {
    let mut found = Vec::new();
    let framework =
        chain::build(catalog, entry, &mut found).and_then(|chain| apply::chain(&chain, &mut found));
    locate(catalog, &mut found);
    found.dedup();
    Resolution {
        framework,
        diagnostics: found,
    }
}

/// The chain from `entry` down to its base, base first (`entry` last); `None` when it is
/// broken (a missing base, a cycle, too deep), which [`resolve_entry`] reports.
pub(crate) fn chain_of<'c>(catalog: &'c Catalog, entry: &'c Entry) -> Option<Vec<&'c Entry>> {
    chain::build(catalog, entry, &mut Vec::new())
}

/// Gives spans to findings from the texts the catalog kept, file by file.
fn locate(catalog: &Catalog, found: &mut [Diagnostic]) {
    let mut files: Vec<PathBuf> = Vec::new();
    for d in found.iter() {
        let all = std::iter::once(d.file.as_ref()).chain(d.related.iter().map(|r| r.file.as_ref()));
        for file in all.flatten() {
            if !files.contains(file) {
                files.push(file.clone());
            }
        }
    }
    for file in &files {
        if let Some(text) = catalog.text_of(file) {
            crate::load::locate(Some(file), text, found);
        }
    }
    diagnostic::sort(found);
}

/// One tailoring being applied: who it is, where it is, what it changes.
pub(crate) struct Step<'a> {
    /// `id@version` of the tailoring.
    pub by: String,
    /// Its file.
    pub file: Option<&'a Path>,
    /// The path of its `tailoring` block.
    pub at: DocPath,
    /// The changes.
    pub tailoring: &'a Tailoring,
}

impl Step<'_> {
    /// The path of the item at `loc` in this tailoring's document.
    pub(crate) fn path(&self, loc: Loc) -> DocPath {
        DocPath::root(self.at.document).item(loc)
    }

    /// Sets this step's file on findings that have none.
    fn own(&self, found: &mut [Diagnostic]) {
        for d in found {
            if d.file.is_none() {
                d.file = self.file.map(Path::to_owned);
            }
        }
    }
}
