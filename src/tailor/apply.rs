//! Applying a chain, base first: each tailoring's additions, then amendments and guidance,
//! exclusions, role targets and the policy; then what exclusions leave dangling is dropped,
//! and what the tailoring wrote is checked against the result.

use super::items::Items;
use super::resolved::ResolvedFramework;
use super::{
    Step, additions, changes, exclude, guard_additions, guard_policy, guard_targets, verify,
};
use crate::catalog::Entry;
use crate::diagnostic::{Diagnostic, DocPath};
use crate::model::{Framework, Id, Tailoring};
use std::collections::HashMap;

/// What one tailoring wrote, and where, to locate findings about it.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Competency id -> the path of the `requires` list this tailoring gave it.
    pub requires: HashMap<Id, DocPath>,
    /// Excluded id (directly or with its domain or competency) -> the `exclude` entry.
    pub excluded: HashMap<Id, DocPath>,
    /// (role, target id) -> where this tailoring set the target.
    pub targets: HashMap<(Id, Id), DocPath>,
    /// Added roles with `extends`: (role, path of `extends`).
    pub role_extends: Vec<(Id, DocPath)>,
}

/// Resolves a chain (base first). `None` if an entry is not a framework.
pub(crate) fn chain(chain: &[&Entry], found: &mut Vec<Diagnostic>) -> Option<ResolvedFramework> {
    let (base, rest) = chain.split_first()?;
    let base_framework = base.framework()?;
    let mut framework = ResolvedFramework::from_framework(base_framework);
    let mut items = Items::of_base(base_framework, base.file.as_deref(), &base.root());
    let empty = Tailoring::default();
    for entry in rest {
        let tailoring = entry.framework()?;
        header(&mut framework, tailoring);
        let step = Step {
            by: tailoring.name(),
            file: entry.file.as_deref(),
            at: entry.root().key("tailoring"),
            tailoring: tailoring.tailoring.as_ref().unwrap_or(&empty),
        };
        let mut local = Vec::new();
        one(&mut framework, &mut items, &step, &mut local);
        step.own(&mut local);
        found.extend(local);
    }
    framework.reindex();
    Some(framework)
}

/// The tailoring's own name, title and context replace the base's; its summary does when
/// it has one.
fn header(framework: &mut ResolvedFramework, tailoring: &Framework) {
    framework.id = tailoring.id.clone();
    framework.version = tailoring.version.clone();
    framework.title = tailoring.title.clone();
    if tailoring.summary.is_some() {
        framework.summary.clone_from(&tailoring.summary);
    }
    framework.context.clone_from(&tailoring.context);
    framework.chain.push(tailoring.name());
}

fn one<'a>(
    framework: &mut ResolvedFramework,
    items: &mut Items<'a>,
    step: &Step<'a>,
    found: &mut Vec<Diagnostic>,
) {
    let mut written = Written::default();
    additions::apply(framework, items, step, &mut written, found);
    verify::additions(framework, items, step, found);
    guard_additions::check(framework, items, step, found);
    changes::amend(framework, items, step, &mut written, found);
    changes::guidance(framework, items, step, found);
    exclude::apply(framework, items, step, &mut written, found);
    // Lowered targets and a relaxed policy are measured against the framework as it stood
    // before this tailoring's targets and policy.
    let targets_before = guard_targets::snapshot(framework, step);
    changes::targets(framework, items, step, &mut written, found);
    guard_targets::check(framework, items, step, &targets_before, found);
    let policy_before = guard_policy::snapshot(framework, step);
    changes::policy(framework, items, step, found);
    guard_policy::check(framework, step, policy_before, found);
    verify::cycles(framework, &written, found);
    exclude::drop_dangling(framework, items, step, &written, found);
}
