//! Applying a chain, base first: for each tailoring a [`Resolver`] applies its additions, then
//! amendments and guidance, exclusions, role targets and the policy; then what exclusions leave
//! dangling is dropped, and what the tailoring wrote is checked against the result.

use super::Step;
use super::items::{Items, Slot};
use super::resolved::ResolvedFramework;
use crate::catalog::Entry;
use crate::diagnostic::{Diagnostic, DocPath};
use crate::model::{Framework, Id, ItemSort, Tailoring};
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

/// One tailoring being applied to the framework resolved so far: the state every operation
/// of the step reads and writes. The operations (in `additions`, `changes`, `exclude` and
/// `verify`) are its methods, run in the order of [`Resolver::run`].
pub(crate) struct Resolver<'r, 'a> {
    /// The framework resolved so far.
    pub framework: &'r mut ResolvedFramework,
    /// Where each of its items sits and was defined.
    pub items: &'r mut Items<'a>,
    /// The tailoring being applied.
    pub step: &'r Step<'a>,
    /// What it wrote, to locate findings about it.
    pub written: Written,
    /// Its findings.
    pub found: Vec<Diagnostic>,
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
        let mut resolver = Resolver {
            framework: &mut framework,
            items: &mut items,
            step: &step,
            written: Written::default(),
            found: Vec::new(),
        };
        resolver.run();
        let mut local = resolver.found;
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

impl Resolver<'_, '_> {
    /// Applies the tailoring: additions, amendments and guidance, exclusions, role targets and
    /// the policy, each with its guardrails; then cycles, and what exclusions leave dangling.
    fn run(&mut self) {
        self.add();
        self.verify_additions();
        self.guard_additions();
        self.amend();
        self.guidance();
        self.exclude();
        // Lowered targets and a relaxed policy are measured against the framework as it stood
        // before this tailoring's targets and policy.
        let targets_before = self.targets_before();
        self.targets();
        self.guard_targets(&targets_before);
        let policy_before = self.policy_before();
        self.policy();
        self.guard_policy(policy_before);
        self.verify_cycles();
        self.drop_dangling();
    }

    /// `Some(slot)` when `id` names an item of one of `sorts`; otherwise reports an
    /// `unknown-reference` at `at`.
    pub(crate) fn expect(&mut self, id: &Id, sorts: &[ItemSort], at: DocPath) -> Option<Slot> {
        self.items.expect(id, sorts, at, &mut self.found)
    }

    /// Reports `level` unless it is on the scale.
    pub(crate) fn expect_level(&mut self, level: &Id, at: DocPath) -> bool {
        self.items
            .expect_level(self.framework, level, at, &mut self.found)
    }
}
