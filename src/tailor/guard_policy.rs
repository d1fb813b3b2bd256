//! A relaxed evidence policy for core competencies. A tailoring may change what counts as
//! enough evidence (what is available differs between services), but asking less of the core
//! competencies weakens how the values base is assured, so every relaxation that reaches a core
//! competency is named (`core-policy-relaxed`, a warning: the learner must still reach the
//! same level) and the tailoring's `assessment` must say why (`missing-rationale`).
//!
//! It compares the rule that applies to each core competency (top, its domain's override, its
//! own) before and after the tailoring, so every route to a relaxation is caught; and evidence
//! kinds that count for more, which apply to core competencies too.

use super::apply::Resolver;
use super::guardrails::require_rationale;
use super::resolved::ResolvedFramework;
use crate::diagnostic::{Code, Diagnostic, DocPath};
use crate::model::{EvidenceKind, Id, OrderedMap, Policy, Sufficiency};

/// The evidence kinds and the rule of each core competency before this tailoring's policy.
pub(crate) struct PolicyBefore {
    kinds: OrderedMap<EvidenceKind>,
    /// (domain, competency, effective rule), for core competencies that are assessed and
    /// were there before this tailoring.
    rules: Vec<(Id, Id, Sufficiency)>,
}

/// The rule that applies to a competency: top, then its domain's override, then its own.
fn effective(policy: &Policy, domain: &Id, competency: &Id) -> Sufficiency {
    let mut rule = policy.sufficiency.clone().unwrap_or_default();
    for key in [domain, competency] {
        if let Some(over) = policy.overrides.get(key.as_str()) {
            rule = rule.merged(over);
        }
    }
    rule
}

impl Resolver<'_, '_> {
    /// The rules of the core competencies that relaxations by this tailoring are measured
    /// against; `None` when it has no `assessment`.
    pub(crate) fn policy_before(&self) -> Option<PolicyBefore> {
        let (framework, step) = (&*self.framework, self.step);
        step.tailoring.assessment.as_ref()?;
        let rules = framework
            .competencies()
            .filter(|(_, c)| {
                c.core && c.provenance.excluded.is_none() && c.provenance.introduced_by != step.by
            })
            .map(|(d, c)| {
                let rule = effective(&framework.assessment, &d.id, &c.id);
                (d.id.clone(), c.id.clone(), rule)
            })
            .collect();
        Some(PolicyBefore {
            kinds: framework.assessment.evidence.clone(),
            rules,
        })
    }
}

/// Each sufficiency field that asks less in `new` than in `old` (defaults filled in), with
/// both values as written for a message.
fn looser(old: &Sufficiency, new: &Sufficiency) -> Vec<(&'static str, String, String)> {
    let mut found = Vec::new();
    let weight = |s: &Sufficiency| s.min_weight.map_or(1000, |w| w.thousandths());
    if weight(new) < weight(old) {
        let show = |s: &Sufficiency| s.min_weight.map_or("1".to_owned(), |w| w.to_string());
        found.push(("min_weight", show(old), show(new)));
    }
    let items = |s: &Sufficiency| s.min_items.unwrap_or(1);
    if items(new) < items(old) {
        found.push(("min_items", items(old).to_string(), items(new).to_string()));
    }
    let switches = [
        (
            "require_independent",
            old.require_independent,
            new.require_independent,
        ),
        (
            "require_indicators",
            old.require_indicators,
            new.require_indicators,
        ),
    ];
    for (field, was, now) in switches {
        if was == Some(true) && now != Some(true) {
            found.push((field, "true".to_owned(), "false".to_owned()));
        }
    }
    // A role list admits only those roles; no list (or one naming a role the old list did
    // not) lets evidence from other assessors count.
    if let Some(was) = &old.require_assessor {
        let admits_more = match &new.require_assessor {
            None => true,
            Some(now) => now.iter().any(|role| !was.contains(role)),
        };
        if admits_more {
            let show = |s: &Sufficiency| match &s.require_assessor {
                None => "any assessor".to_owned(),
                Some(roles) => roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            found.push(("require_assessor", show(old), show(new)));
        }
    }
    let length = |s: &Sufficiency| s.valid_for.map(|d| d.approx_hundredths_of_days());
    let longer = match (length(old), length(new)) {
        (Some(_), None) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    if longer {
        let show = |s: &Sufficiency| {
            s.valid_for
                .map_or("unlimited".to_owned(), |d| d.to_string())
        };
        found.push(("valid_for", show(old), show(new)));
    }
    found
}

/// Whether `s` sets `field` (a sufficiency field name).
fn sets(s: &Sufficiency, field: &str) -> bool {
    match field {
        "min_weight" => s.min_weight.is_some(),
        "min_items" => s.min_items.is_some(),
        "require_independent" => s.require_independent.is_some(),
        "require_indicators" => s.require_indicators.is_some(),
        "valid_for" => s.valid_for.is_some(),
        "require_assessor" => s.require_assessor.is_some(),
        _ => false,
    }
}

/// One relaxation as the tailoring wrote it, with the core competencies it reaches.
struct Relaxed {
    at: DocPath,
    field: &'static str,
    was: String,
    now: String,
    competencies: Vec<Id>,
}

impl Resolver<'_, '_> {
    /// `core-policy-relaxed` for each rule this tailoring relaxed for core competencies.
    pub(crate) fn guard_policy(&mut self, before: Option<PolicyBefore>) {
        let (framework, step) = (&*self.framework, self.step);
        let found = &mut self.found;
        let (Some(before), Some(partial)) = (before, &step.tailoring.assessment) else {
            return;
        };
        let at = step.at.key("assessment");
        let mut relaxed: Vec<Relaxed> = Vec::new();
        for (domain, competency, old) in &before.rules {
            let new = effective(&framework.assessment, domain, competency);
            for (field, was, now) in looser(old, &new) {
                // Where the tailoring wrote it: the most specific of its own keys that sets it.
                let over = |id: &Id| {
                    partial
                        .overrides
                        .get(id.as_str())
                        .filter(|s| sets(s, field))
                };
                let path = if over(competency).is_some() {
                    at.key("overrides").key(competency.as_str())
                } else if over(domain).is_some() {
                    at.key("overrides").key(domain.as_str())
                } else if partial.sufficiency.as_ref().is_some_and(|s| sets(s, field)) {
                    at.key("sufficiency")
                } else {
                    at.clone()
                }
                .key(field);
                match relaxed
                    .iter_mut()
                    .find(|r| r.at == path && r.was == was && r.now == now)
                {
                    Some(r) => r.competencies.push(competency.clone()),
                    None => relaxed.push(Relaxed {
                        at: path,
                        field,
                        was,
                        now,
                        competencies: vec![competency.clone()],
                    }),
                }
            }
        }
        let measured: Vec<Id> = before.rules.iter().map(|(_, c, _)| c.clone()).collect();
        let mut any = false;
        for r in relaxed {
            any = true;
            found.push(
            Diagnostic::new(
                Code::CorePolicyRelaxed,
                r.at,
                format!(
                    "`{}` is relaxed from {} to {} for {}",
                    r.field,
                    r.was,
                    r.now,
                    named(framework, &measured, &r.competencies)
                ),
            )
            .with_help("less evidence for a core competency weakens how the values base is assured; if evidence is harder to come by here, say so in the `assessment`'s `rationale`"),
        );
        }
        if !before.rules.is_empty() {
            for (kind, new) in partial.evidence.iter() {
                let Some(old) = before.kinds.get(kind.as_str()) else {
                    continue;
                };
                for (field, was, now) in kind_looser(old, new) {
                    any = true;
                    found.push(Diagnostic::new(
                    Code::CorePolicyRelaxed,
                    at.key("evidence").key(kind.as_str()).key(field),
                    format!(
                        "the evidence kind `{kind}` counts for more ({field} from {was} to {now}), for the core competencies too"
                    ),
                ).with_help("an item of this kind now goes further towards a core competency; say why in the `assessment`'s `rationale`, or add a kind of your own for local evidence"));
                }
            }
        }
        if any {
            require_rationale(
                partial.rationale.as_ref(),
                &at,
                None,
                "this `assessment`, which relaxes the evidence policy for core competencies,",
                found,
            );
        }
    }
}

/// What makes an evidence kind count for more: a higher weight, `independent` switched on, a
/// longer (or no) validity.
fn kind_looser(old: &EvidenceKind, new: &EvidenceKind) -> Vec<(&'static str, String, String)> {
    let mut found = Vec::new();
    if new.weight.thousandths() > old.weight.thousandths() {
        found.push(("weight", old.weight.to_string(), new.weight.to_string()));
    }
    if new.independent && !old.independent {
        found.push(("independent", "false".to_owned(), "true".to_owned()));
    }
    let length = |k: &EvidenceKind| k.valid_for.map(|d| d.approx_hundredths_of_days());
    let longer = match (length(old), length(new)) {
        (Some(_), None) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    if longer {
        let show = |k: &EvidenceKind| {
            k.valid_for
                .map_or("unlimited".to_owned(), |d| d.to_string())
        };
        found.push(("valid_for", show(old), show(new)));
    }
    found
}

/// The competencies by id; a domain whose competencies (of those the guardrail measured) are
/// all listed is named once instead.
fn named(framework: &ResolvedFramework, measured: &[Id], competencies: &[Id]) -> String {
    let mut domains: Vec<String> = Vec::new();
    let mut loose: Vec<String> = Vec::new();
    let mut done: Vec<&Id> = Vec::new();
    for id in competencies {
        if done.contains(&id) {
            continue;
        }
        // Found by a walk, not the index: items added along the chain are indexed only at
        // its end.
        let holder = framework
            .domains
            .iter()
            .find(|d| d.competencies.iter().any(|c| &c.id == id));
        let whole = holder.and_then(|domain| {
            let inside: Vec<&Id> = domain
                .competencies
                .iter()
                .map(|c| &c.id)
                .filter(|c| measured.contains(c))
                .collect();
            (inside.len() > 1 && inside.iter().all(|c| competencies.contains(c)))
                .then_some((domain, inside))
        });
        match whole {
            Some((domain, inside)) => {
                domains.push(format!("`{}`", domain.id));
                done.extend(inside);
            }
            None => {
                loose.push(format!("`{id}`"));
                done.push(id);
            }
        }
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    let mut parts = Vec::new();
    if !domains.is_empty() {
        let word = plural(domains.len(), "domain", "domains");
        parts.push(format!("the core {word} {}", domains.join(", ")));
    }
    if !loose.is_empty() {
        let word = plural(loose.len(), "competency", "competencies");
        parts.push(format!("the core {word} {}", loose.join(", ")));
    }
    parts.join(" and ")
}
