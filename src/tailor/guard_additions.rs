//! Additions into core items. Adding is allowed, but an indicator is what assessors look for:
//! one added to a core competency (or a competency added to a core domain) changes what the
//! values base is assessed by, which is how a peer framework drifts into a clinical checklist.
//! So each such addition is named (`added-to-core`, a warning) and must say why
//! (`missing-rationale`). Additions into items this same tailoring added are its own business.

use super::Step;
use super::apply::Resolver;
use super::guardrails::{made_core_by, require_rationale};
use super::items::{Items, Slot, competency_at};
use super::resolved::{Provenance, ResolvedFramework};
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::{Id, Text};

impl Resolver<'_, '_> {
    /// `added-to-core` (and `missing-rationale`) for each addition into a core item that was
    /// there before this tailoring.
    pub(crate) fn guard_additions(&mut self) {
        let (framework, items, step) = (&*self.framework, &*self.items, self.step);
        let found = &mut self.found;
        let t = step.tailoring;
        for (i, add) in t.add_indicators.iter().enumerate() {
            let Some(Slot::Competency(d, c)) = items.get(add.into.as_str()).map(|item| item.slot)
            else {
                continue;
            };
            let Some(into) = competency_at(framework, d, c) else {
                continue;
            };
            let added = into
                .indicators
                .iter()
                .any(|x| x.id == add.id && x.provenance.introduced_by == step.by);
            if added && bound(into.core, &into.provenance, step) {
                let addition = Addition {
                    sort: "indicator",
                    id: &add.id,
                    into_sort: "competency",
                    into: &add.into,
                    provenance: &into.provenance,
                    rationale: add.rationale.as_ref(),
                };
                report(
                    framework,
                    items,
                    &addition,
                    &step.at.key("add_indicators").index(i),
                    found,
                );
            }
        }
        for (i, add) in t.add_competencies.iter().enumerate() {
            let Some(Slot::Domain(d)) = items.get(add.into.as_str()).map(|item| item.slot) else {
                continue;
            };
            let Some(into) = framework.domains.get(d) else {
                continue;
            };
            let added = into
                .competencies
                .iter()
                .any(|x| x.id == add.id && x.provenance.introduced_by == step.by);
            if added && bound(into.core, &into.provenance, step) {
                let addition = Addition {
                    sort: "competency",
                    id: &add.id,
                    into_sort: "domain",
                    into: &add.into,
                    provenance: &into.provenance,
                    rationale: add.rationale.as_ref(),
                };
                report(
                    framework,
                    items,
                    &addition,
                    &step.at.key("add_competencies").index(i),
                    found,
                );
            }
        }
    }
}

/// Whether the guardrails bind this step for an item: it is core and was there before.
fn bound(core: bool, provenance: &Provenance, step: &Step<'_>) -> bool {
    core && provenance.introduced_by != step.by
}

struct Addition<'a> {
    sort: &'static str,
    id: &'a Id,
    into_sort: &'static str,
    into: &'a Id,
    provenance: &'a Provenance,
    rationale: Option<&'a Text>,
}

fn report(
    framework: &ResolvedFramework,
    items: &Items,
    addition: &Addition<'_>,
    at: &DocPath,
    found: &mut Vec<Diagnostic>,
) {
    let Addition {
        sort,
        id,
        into_sort,
        into,
        provenance,
        rationale,
    } = addition;
    let by = made_core_by(framework, provenance);
    let mut d = Diagnostic::new(
        Code::AddedToCore,
        at.key("id"),
        format!("the {sort} `{id}` is added to the core {into_sort} `{into}`{by}: it changes what assessors look for under the values base"),
    )
    .with_help(format!(
        "keep it if it is a peer ability this {into_sort} needs here, and say why in `rationale`; a clinical or service task belongs in a competency of your own, outside the core"
    ));
    d.related
        .extend(items.related(into.as_str(), "the core item is defined here"));
    found.push(d);
    require_rationale(
        *rationale,
        at,
        Some("id"),
        &format!("the addition of `{id}` to the core {into_sort} `{into}`"),
        found,
    );
}
