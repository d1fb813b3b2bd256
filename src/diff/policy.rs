//! Role targets and the evidence policy: what a learner must show, and what evidence is worth.

use super::{Changes, Renames, Rule, root};
use crate::diagnostic::DocPath;
use crate::model::{AssessorRole, Duration, EvidenceKind, Id, Loc, Sufficiency};
use crate::tailor::ResolvedFramework;

/// The sufficiency that applies to a competency: top, then its domain's override, then its own.
fn effective(f: &ResolvedFramework, domain: &str, competency: &str) -> Sufficiency {
    let policy = &f.assessment;
    let mut rule = policy.sufficiency.clone().unwrap_or_default();
    for key in [domain, competency] {
        if let Some(over) = policy.overrides.get(key) {
            rule = rule.merged(over);
        }
    }
    rule
}

/// Whether every indicator must be evidenced for this competency.
pub(super) fn requires_indicators(f: &ResolvedFramework, domain: &str, competency: &str) -> bool {
    effective(f, domain, competency)
        .require_indicators
        .unwrap_or(false)
}

/// Effective role targets, compared per competency (so a new competency in a targeted domain,
/// or a change of `extends`, shows up as what it does to the role).
pub(super) fn targets(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    renames: &Renames,
    out: &mut Changes,
) {
    for (n, role) in new.roles.iter().enumerate() {
        let role_id = &role.id;
        let old_id = renames
            .iter()
            .find(|(_, to)| *to == role_id)
            .map_or(role_id, |(from, _)| from);
        let (Some(o), Some(before), Some(after)) = (
            old.roles.iter().position(|r| &r.id == old_id),
            old.role_targets(old_id.as_str()),
            new.role_targets(role_id.as_str()),
        ) else {
            continue;
        };
        let old_path = root().item(Loc::Role(o));
        let new_path = root().item(Loc::Role(n));
        let rank = |f: &ResolvedFramework, level: &Id| f.level_rank(level.as_str());
        for (competency, level) in after.iter() {
            let was = renames
                .iter()
                .find(|(_, to)| *to == competency)
                .map_or(competency, |(from, _)| from);
            match before.get(was.as_str()) {
                None => out.push(
                    Rule::TargetAdded,
                    Some(competency),
                    format!("role `{role_id}` now targets `{competency}` at {level}"),
                    Some(old_path.clone()),
                    Some(new_path.clone()),
                ),
                Some(prior) => {
                    let (a, b) = (rank(old, prior), rank(new, level));
                    let raised = match (a, b) {
                        (Some(a), Some(b)) => b > a,
                        // Off the scale (validation reports it) is out of reach: as high as it gets.
                        (Some(_), None) => true,
                        _ => false,
                    };
                    let lowered = matches!((a, b), (Some(a), Some(b)) if b < a)
                        || matches!((a, b), (None, Some(_)));
                    if raised || lowered {
                        let rule = if raised {
                            Rule::TargetRaised
                        } else {
                            lowered_rule(new, competency)
                        };
                        let core = if rule == Rule::CoreTargetLowered {
                            "the core competency "
                        } else {
                            ""
                        };
                        out.push(
                            rule,
                            Some(competency),
                            format!(
                                "role `{role_id}`: target for {core}`{competency}` changed from {prior} to {level}"
                            ),
                            Some(old_path.clone()),
                            Some(new_path.clone()),
                        );
                    }
                }
            }
        }
        for (competency, level) in before.iter() {
            let now = renames.get(competency).unwrap_or(competency);
            let gone = new
                .competency(now.as_str())
                .is_none_or(|(_, c)| c.provenance.excluded.is_some());
            if after.get(now.as_str()).is_none() && !gone {
                out.push(
                    lowered_rule(new, now),
                    Some(now),
                    format!("role `{role_id}` no longer targets `{now}` (was {level})"),
                    Some(old_path.clone()),
                    Some(new_path.clone()),
                );
            }
        }
    }
}

/// A lowered target is `core-target-lowered` when the competency is core in NEW, so the
/// weakening of the core shows apart from ordinary lowering.
fn lowered_rule(new: &ResolvedFramework, competency: &Id) -> Rule {
    if new
        .competency(competency.as_str())
        .is_some_and(|(_, c)| c.core)
    {
        Rule::CoreTargetLowered
    } else {
        Rule::TargetLowered
    }
}

/// Whether relaxing `field` at `key` (`None`: the top) reaches a core competency: one that is
/// core and assessed in NEW, and whose effective rule asks less of it in that field than the
/// rule of the same competency (through a rename) in OLD.
fn reaches_core(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    renames: &Renames,
    key: Option<&Id>,
    field: &str,
) -> bool {
    new.competencies()
        .filter(|(_, c)| c.core && c.provenance.excluded.is_none())
        .filter(|(d, c)| key.is_none_or(|k| *k == d.id || *k == c.id))
        .any(|(d, c)| {
            let was = renames
                .iter()
                .find(|(_, to)| **to == c.id)
                .map_or(&c.id, |(from, _)| from);
            let Some((od, oc)) = old.competency(was.as_str()) else {
                return false;
            };
            let before = effective(old, od.id.as_str(), oc.id.as_str());
            let after = effective(new, d.id.as_str(), c.id.as_str());
            sufficiency(&before, &after, None)
                .iter()
                .any(|(f, way)| *f == field && *way == Way::Looser)
        })
}

/// Which way a change goes for the learner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Tighter,
    Looser,
}

/// A shorter (or newly set) validity is tighter.
fn validity(a: Option<Duration>, b: Option<Duration>) -> Option<Way> {
    match (a, b) {
        (None, Some(_)) => Some(Way::Tighter),
        (Some(_), None) => Some(Way::Looser),
        (Some(a), Some(b)) => {
            let (x, y) = (a.approx_hundredths_of_days(), b.approx_hundredths_of_days());
            (x != y).then_some(if y < x { Way::Tighter } else { Way::Looser })
        }
        (None, None) => None,
    }
}

fn more<T: Ord>(a: T, b: T) -> Option<Way> {
    (a != b).then_some(if b > a { Way::Tighter } else { Way::Looser })
}

/// Field-by-field comparison of two sufficiency rules with the defaults filled in; `only`
/// limits it to the fields an override sets.
fn sufficiency(
    a: &Sufficiency,
    b: &Sufficiency,
    only: Option<(&Sufficiency, &Sufficiency)>,
) -> Vec<(&'static str, Way)> {
    let set = |f: fn(&Sufficiency) -> bool| only.is_none_or(|(x, y)| f(x) || f(y));
    let mut found = Vec::new();
    let weight = |s: &Sufficiency| s.min_weight.map_or(1000, |w| w.thousandths());
    if set(|s| s.min_weight.is_some()) {
        if let Some(w) = more(weight(a), weight(b)) {
            found.push(("min_weight", w));
        }
    }
    if set(|s| s.min_items.is_some()) {
        if let Some(w) = more(a.min_items.unwrap_or(1), b.min_items.unwrap_or(1)) {
            found.push(("min_items", w));
        }
    }
    if set(|s| s.require_independent.is_some()) {
        if let Some(w) = more(
            a.require_independent.unwrap_or(false),
            b.require_independent.unwrap_or(false),
        ) {
            found.push(("require_independent", w));
        }
    }
    if set(|s| s.require_indicators.is_some()) {
        if let Some(w) = more(
            a.require_indicators.unwrap_or(false),
            b.require_indicators.unwrap_or(false),
        ) {
            found.push(("require_indicators", w));
        }
    }
    if set(|s| s.valid_for.is_some()) {
        if let Some(w) = validity(a.valid_for, b.valid_for) {
            found.push(("valid_for", w));
        }
    }
    if set(|s| s.require_assessor.is_some()) {
        if let Some(w) = assessors(a.require_assessor.as_deref(), b.require_assessor.as_deref()) {
            found.push(("require_assessor", w));
        }
    }
    found
}

/// Admitting fewer assessor roles is tighter (evidence that counted may stop counting);
/// admitting more, with none dropped, is looser. No list admits every role.
fn assessors(a: Option<&[AssessorRole]>, b: Option<&[AssessorRole]>) -> Option<Way> {
    let admits = |list: Option<&[AssessorRole]>, role: AssessorRole| {
        list.is_none_or(|roles| roles.contains(&role))
    };
    let dropped = AssessorRole::ALL
        .iter()
        .any(|&role| admits(a, role) && !admits(b, role));
    let added = AssessorRole::ALL
        .iter()
        .any(|&role| admits(b, role) && !admits(a, role));
    if dropped {
        Some(Way::Tighter)
    } else if added {
        Some(Way::Looser)
    } else {
        None
    }
}

fn kind(a: &EvidenceKind, b: &EvidenceKind) -> Vec<(&'static str, Way)> {
    let mut found = Vec::new();
    if let Some(w) = more(b.weight.thousandths(), a.weight.thousandths()) {
        found.push(("weight", w));
    }
    if let Some(w) = more(b.independent, a.independent) {
        found.push(("independent", w));
    }
    if let Some(w) = validity(a.valid_for, b.valid_for) {
        found.push(("valid_for", w));
    }
    found
}

/// Evidence kinds, the top sufficiency and the overrides.
pub(super) fn policy(
    old: &ResolvedFramework,
    new: &ResolvedFramework,
    renames: &Renames,
    out: &mut Changes,
) {
    let (pa, pb) = (&old.assessment, &new.assessment);
    let kinds = root().key("assessment").key("evidence");
    for (id, a) in pa.evidence.iter() {
        let path = kinds.key(id.as_str());
        let Some(b) = pb.evidence.get(id.as_str()) else {
            out.push(
                Rule::KindRemoved,
                Some(id),
                format!("evidence kind `{id}` removed"),
                Some(path),
                None,
            );
            continue;
        };
        for (field, way) in kind(a, b) {
            let (rule, word) = match way {
                Way::Tighter => (Rule::KindTightened, "counts for less"),
                Way::Looser => (Rule::KindRelaxed, "counts for more"),
            };
            out.push(
                rule,
                Some(id),
                format!("evidence kind `{id}` {word}: {field} changed"),
                Some(path.key(field)),
                Some(path.key(field)),
            );
        }
        if a.title != b.title || a.description != b.description {
            out.push(
                Rule::WordingChanged,
                Some(id),
                format!("evidence kind `{id}` reworded"),
                Some(path.clone()),
                Some(path),
            );
        }
    }
    for (id, _) in pb.evidence.iter() {
        if pa.evidence.get(id.as_str()).is_none() {
            out.push(
                Rule::KindAdded,
                Some(id),
                format!("evidence kind `{id}` added"),
                None,
                Some(kinds.key(id.as_str())),
            );
        }
    }
    let top = root().key("assessment").key("sufficiency");
    let (ta, tb) = (
        pa.sufficiency.clone().unwrap_or_default(),
        pb.sufficiency.clone().unwrap_or_default(),
    );
    for (field, way) in sufficiency(&ta, &tb, None) {
        let core = way == Way::Looser && reaches_core(old, new, renames, None, field);
        push_sufficiency(out, None, field, way, core, top.key(field));
    }
    let overrides = root().key("assessment").key("overrides");
    let mut keys: Vec<&Id> = pa.overrides.keys().collect();
    keys.extend(
        pb.overrides
            .keys()
            .filter(|k| pa.overrides.get(k.as_str()).is_none()),
    );
    let none = Sufficiency::default();
    for key in keys {
        let (oa, ob) = (
            pa.overrides.get(key.as_str()).unwrap_or(&none),
            pb.overrides.get(key.as_str()).unwrap_or(&none),
        );
        for (field, way) in sufficiency(&ta.merged(oa), &tb.merged(ob), Some((oa, ob))) {
            let core = way == Way::Looser && reaches_core(old, new, renames, Some(key), field);
            push_sufficiency(
                out,
                Some(key),
                field,
                way,
                core,
                overrides.key(key.as_str()).key(field),
            );
        }
    }
}

/// `core`: the relaxation reaches a core competency.
fn push_sufficiency(
    out: &mut Changes,
    key: Option<&Id>,
    field: &str,
    way: Way,
    core: bool,
    path: DocPath,
) {
    let (rule, word) = match way {
        Way::Tighter => (Rule::SufficiencyTightened, "tightened"),
        Way::Looser if core => (Rule::CorePolicyRelaxed, "relaxed for core competencies"),
        Way::Looser => (Rule::SufficiencyRelaxed, "relaxed"),
    };
    let scope = key.map_or("sufficiency".to_owned(), |k| {
        format!("sufficiency for `{k}`")
    });
    out.push(
        rule,
        key,
        format!("{scope} {word}: {field}"),
        Some(path.clone()),
        Some(path),
    );
}

#[cfg(test)]
mod tests {
    use super::{AssessorRole, Way, assessors};
    use AssessorRole::{Manager, Peer, SeniorPeer};

    #[test]
    fn assessor_lists_tighten_when_a_role_is_dropped_and_loosen_when_one_is_added() {
        type Row = (
            Option<&'static [AssessorRole]>,
            Option<&'static [AssessorRole]>,
            Option<Way>,
        );
        let table: [Row; 6] = [
            (None, Some(&[Peer]), Some(Way::Tighter)),
            (Some(&[Peer]), None, Some(Way::Looser)),
            (Some(&[Peer]), Some(&[Peer, SeniorPeer]), Some(Way::Looser)),
            (Some(&[Peer, SeniorPeer]), Some(&[Peer]), Some(Way::Tighter)),
            (Some(&[Peer]), Some(&[Manager]), Some(Way::Tighter)),
            (Some(&[Peer, SeniorPeer]), Some(&[SeniorPeer, Peer]), None),
        ];
        for (a, b, way) in table {
            assert!(assessors(a, b) == way, "{a:?} -> {b:?}");
        }
    }
}
