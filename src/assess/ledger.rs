//! Step 1 of DESIGN.md "Assessment": every claim gets exactly one disposition.

use super::crosswalk::CrosswalkView;
use super::plan::Plan;
use crate::model::{Claim, Date, EvidenceItem, EvidenceRecord, Id, Outcome, Relation};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashSet;

/// What became of one claim (or of an item without claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Disposition {
    /// Counts towards the competency it names.
    Counted,
    /// Counts towards the competency that `replaces` the id it names.
    Migrated,
    /// Counts through a crosswalk from another framework (an `exact`, `broader` or `narrower`
    /// link).
    Crosswalked,
    /// Linked through a crosswalk only as `related`: shown beside the gaps, not counted.
    Related,
    /// The evidence id was seen earlier in the record; the first occurrence counts.
    DuplicateEvidence,
    /// The item's kind is not in the framework's evidence policy.
    UnknownKind,
    /// The item is dated after the assessment date.
    FutureDated,
    /// The item's outcome is `not-yet`.
    NotYet,
    /// The competency is not in the framework.
    UnknownCompetency,
    /// The competency is excluded by a tailoring.
    NotApplicable,
    /// The level is not on the framework's scale.
    UnknownLevel,
    /// The item is older than the kind's or the competency's `valid_for`.
    Expired,
    /// The item has no claims.
    NoClaims,
}

impl Disposition {
    /// Whether the claim counts towards its competency.
    pub fn counts(self) -> bool {
        matches!(
            self,
            Disposition::Counted | Disposition::Migrated | Disposition::Crosswalked
        )
    }

    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Counted => "counted",
            Disposition::Migrated => "migrated",
            Disposition::Crosswalked => "crosswalked",
            Disposition::Related => "related",
            Disposition::DuplicateEvidence => "duplicate-evidence",
            Disposition::UnknownKind => "unknown-kind",
            Disposition::FutureDated => "future-dated",
            Disposition::NotYet => "not-yet",
            Disposition::UnknownCompetency => "unknown-competency",
            Disposition::NotApplicable => "not-applicable",
            Disposition::UnknownLevel => "unknown-level",
            Disposition::Expired => "expired",
            Disposition::NoClaims => "no-claims",
        }
    }
}

/// One line of the ledger: a claim and what became of it. Evidence is identified by id only;
/// its summary is never copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LedgerEntry<'a> {
    /// The evidence item's id.
    pub evidence: &'a Id,
    /// The item's position in the record, from 0 (tells duplicates apart).
    pub item: usize,
    /// The claim's position in the item, from 0; absent for an item without claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<usize>,
    /// The item's kind.
    pub kind: &'a Id,
    /// The item's date.
    pub date: Date,
    /// The competency: the successor when migrated, otherwise as named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competency: Option<&'a Id>,
    /// The old id the claim named, when it was migrated through `replaces`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrated_from: Option<&'a Id>,
    /// The competency of the record's own framework the claim named, when it was read through
    /// a crosswalk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crosswalked_from: Option<&'a Id>,
    /// The crosswalk link's relation, when the claim was read through a crosswalk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// The level claimed, or the lowest level when the claim names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'a Id>,
    /// What became of the claim.
    pub disposition: Disposition,
    /// The last day the item is current for this competency, when it expires at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_until: Option<Date>,
    /// Indicators named that the competency does not have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_indicators: Vec<&'a Id>,
    /// Indicators named that a tailoring excludes here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable_indicators: Vec<&'a Id>,
}

/// What the engine needs to know about an entry beyond what is reported.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// Position of the competency in the plan, when known.
    pub competency: Option<usize>,
    /// Rank of the claimed level, when known.
    pub rank: Option<usize>,
    /// Weight of the item's kind in thousandths (0 when unknown).
    pub weight: u64,
    pub independent: bool,
    /// Positions of the known, applicable indicators named.
    pub indicators: Vec<usize>,
}

/// The ledger with the facts for each entry, index for index.
pub(crate) struct Ledger<'a> {
    pub entries: Vec<LedgerEntry<'a>>,
    pub facts: Vec<Facts>,
}

/// Gives every claim of every item its disposition, in input order. Through a crosswalk, a
/// claim linked to several competencies has one entry per linked competency (same `item` and
/// `claim`), and a claim with no link one `unknown-competency` entry.
pub(crate) fn build<'a>(
    plan: &Plan<'a>,
    record: &'a EvidenceRecord,
    as_of: Date,
    via: Option<&'a CrosswalkView>,
) -> Ledger<'a> {
    let claims: usize = record.evidence.iter().map(|i| i.claims.len().max(1)).sum();
    let mut ledger = Ledger {
        entries: Vec::with_capacity(claims),
        facts: Vec::with_capacity(claims),
    };
    let mut seen: HashSet<&str> = HashSet::with_capacity(record.evidence.len());
    for (n, item) in record.evidence.iter().enumerate() {
        let duplicate = !seen.insert(item.id.as_str());
        if item.claims.is_empty() {
            let disposition = if duplicate {
                Disposition::DuplicateEvidence
            } else {
                Disposition::NoClaims
            };
            ledger.entries.push(entry(item, n, None, disposition));
            ledger.facts.push(Facts::default());
            continue;
        }
        for (c, claim) in item.claims.iter().enumerate() {
            let at = At {
                item,
                n,
                c,
                duplicate,
                as_of,
            };
            let Some(view) = via else {
                let (entry, facts) = judge(plan, &at, own_target(plan, claim));
                ledger.entries.push(entry);
                ledger.facts.push(facts);
                continue;
            };
            for target in crosswalked_targets(plan, view, claim) {
                let (entry, facts) = judge(plan, &at, target);
                ledger.entries.push(entry);
                ledger.facts.push(facts);
            }
        }
    }
    ledger
}

fn entry<'a>(
    item: &'a EvidenceItem,
    n: usize,
    claim: Option<usize>,
    disposition: Disposition,
) -> LedgerEntry<'a> {
    LedgerEntry {
        evidence: &item.id,
        item: n,
        claim,
        kind: &item.kind,
        date: item.date,
        competency: None,
        migrated_from: None,
        crosswalked_from: None,
        relation: None,
        level: None,
        disposition,
        current_until: None,
        unknown_indicators: Vec::new(),
        not_applicable_indicators: Vec::new(),
    }
}

/// Where a claim sits in the record, and what holds for its whole item.
struct At<'a> {
    item: &'a EvidenceItem,
    n: usize,
    c: usize,
    duplicate: bool,
    as_of: Date,
}

/// How a claim reaches the competency it is judged against.
enum Route<'a> {
    /// The competency it names.
    Direct,
    /// The successor of the old id it names (`replaces`).
    Migrated(&'a Id),
    /// A competency linked from the one it names through a crosswalk.
    Crosswalk(&'a Id, Relation),
}

/// The competency and level a claim is judged against.
struct Target<'a> {
    /// Position in the plan, when the competency exists.
    position: Option<usize>,
    /// The id reported when the competency does not exist.
    named: &'a Id,
    level: Option<&'a Id>,
    rank: Option<usize>,
    indicators: &'a [Id],
    route: Route<'a>,
}

/// A claim read against the framework it names: by id, or through `replaces`.
fn own_target<'a>(plan: &Plan<'a>, claim: &'a Claim) -> Target<'a> {
    let named = claim.competency.as_str();
    let (position, route) = match plan.competency(named) {
        Some(p) => (Some(p), Route::Direct),
        None => match plan
            .framework
            .successor(named)
            .and_then(|s| plan.competency(s.as_str()))
        {
            Some(p) => (Some(p), Route::Migrated(&claim.competency)),
            None => (None, Route::Direct),
        },
    };
    // The level: as claimed, or the lowest; an unknown level keeps its name for the report.
    let (level, rank) = match &claim.level {
        Some(level) => (Some(level), plan.framework.level_rank(level.as_str())),
        None => (plan.level_id(0), (plan.levels() > 0).then_some(0)),
    };
    Target {
        position,
        named: &claim.competency,
        level,
        rank,
        indicators: &claim.indicators,
        route,
    }
}

/// A claim read through a crosswalk: one target per linked competency.
fn crosswalked_targets<'a>(
    plan: &Plan<'a>,
    view: &'a CrosswalkView,
    claim: &'a Claim,
) -> Vec<Target<'a>> {
    let links = view.links(claim.competency.as_str());
    if links.is_empty() {
        return vec![Target {
            position: None,
            named: &claim.competency,
            level: claim.level.as_ref(),
            rank: None,
            indicators: &[],
            route: Route::Direct,
        }];
    }
    let level = view.level(claim.level.as_ref());
    links
        .iter()
        .map(|(to, relation)| Target {
            position: plan.competency(to.as_str()),
            named: to,
            level: level.or(claim.level.as_ref()),
            rank: level.and_then(|l| plan.framework.level_rank(l.as_str())),
            indicators: &[],
            route: Route::Crosswalk(&claim.competency, *relation),
        })
        .collect()
}

/// Works out everything about a claim against its target, then picks the first disposition
/// that applies in the order DESIGN.md gives.
fn judge<'a>(plan: &Plan<'a>, at: &At<'a>, target: Target<'a>) -> (LedgerEntry<'a>, Facts) {
    let item = at.item;
    let mut e = entry(item, at.n, Some(at.c), Disposition::Counted);
    let mut facts = Facts::default();
    let kind = plan.kind(item.kind.as_str());
    if let Some(kind) = kind {
        facts.weight = u64::from(kind.weight.thousandths());
        facts.independent = kind.independent;
    }
    let position = target.position;
    let competency = position.and_then(|p| plan.competencies.get(p));
    e.competency = Some(competency.map_or(target.named, |c| &c.competency.id));
    match target.route {
        Route::Direct => {}
        Route::Migrated(old) => e.migrated_from = Some(old),
        Route::Crosswalk(from, relation) => {
            e.crosswalked_from = Some(from);
            e.relation = Some(relation);
        }
    }
    facts.competency = position;
    let rank = target.rank;
    e.level = target.level;
    facts.rank = rank;
    // Expiry: the earlier of the two expiry dates wins, which is "the shorter valid_for"
    // measured in real calendar days from this item's date.
    if let Some(competency) = competency {
        let by_kind = kind
            .and_then(|k| k.valid_for)
            .and_then(|d| item.date.plus(d));
        let by_rule = competency.rule.valid_for.and_then(|d| item.date.plus(d));
        e.current_until = match (by_kind, by_rule) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for named in target.indicators {
            match competency.indicator(named.as_str()) {
                Some(i) if competency.indicators.get(i).is_some_and(|x| x.excluded) => {
                    e.not_applicable_indicators.push(named);
                }
                Some(i) => facts.indicators.push(i),
                None => e.unknown_indicators.push(named),
            }
        }
        facts.indicators.sort_unstable();
        facts.indicators.dedup();
    }
    let as_of = at.as_of;
    e.disposition = if at.duplicate {
        Disposition::DuplicateEvidence
    } else if kind.is_none() {
        Disposition::UnknownKind
    } else if item.date > as_of {
        Disposition::FutureDated
    } else if item.outcome == Outcome::NotYet {
        Disposition::NotYet
    } else if competency.is_none() {
        Disposition::UnknownCompetency
    } else if competency.is_some_and(|c| c.excluded()) {
        Disposition::NotApplicable
    } else if rank.is_none() {
        Disposition::UnknownLevel
    } else if e.current_until.is_some_and(|until| until < as_of) {
        Disposition::Expired
    } else {
        match target.route {
            Route::Direct => Disposition::Counted,
            Route::Migrated(_) => Disposition::Migrated,
            Route::Crosswalk(_, Relation::Related) => Disposition::Related,
            Route::Crosswalk(..) => Disposition::Crosswalked,
        }
    };
    (e, facts)
}
