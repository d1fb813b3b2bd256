//! Step 1 of DESIGN.md "Assessment": every claim gets exactly one disposition.
//!
//! A ledger entry is small and holds no string of its own: the competency and level a claim
//! names become a position and a rank in the framework when the framework has them; only a
//! name the framework lacks (an unknown competency, level or indicator, an old id read through
//! `replaces` or a crosswalk) is copied, once, into the result's list of names.

use super::crosswalk::CrosswalkView;
use super::plan::{Key, KindPlan, Plan};
use super::position::{LevelRank, Position, Span, narrow, widen};
use crate::model::{
    AssessorRole, Claim, Date, Duration, EvidenceItem, EvidenceRecord, Id, Outcome, Relation,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::cmp::Ordering;

/// What became of one claim (or of an item without claims).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
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

/// A name that is the framework's (by position, rank or index) or one it does not have
/// (an index into the result's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named<T> {
    Known(T),
    Other(u32),
}

/// How a claim reached the competency of its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// The competency it names.
    Direct,
    /// The successor of the old id it names (`replaces`); the old id is a name.
    Migrated { from: u32 },
    /// A competency linked from the one it names through a crosswalk; that one is a name.
    Crosswalked { from: u32, relation: Relation },
}

/// An evidence item of the record, as the result keeps it: id, kind and date (never its
/// summary or link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub id: Id,
    /// The index of the kind in the policy, or a name.
    pub kind: Named<u32>,
    pub date: Date,
    /// The assessor's role, when the item names one.
    pub role: Option<AssessorRole>,
}

/// One line of the ledger: a claim and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub item: u32,
    /// The claim's index in its item; none for an item without claims.
    pub claim: Option<u32>,
    pub competency: Option<Named<Position>>,
    pub level: Option<Named<LevelRank>>,
    pub route: Route,
    pub disposition: Disposition,
    pub current_until: Option<Date>,
    /// Names.
    pub unknown_indicators: Span,
    /// Names.
    pub not_applicable_indicators: Span,
    /// When the claim counts: the indicators it names that count with it (indices in the
    /// competency, sorted, in the indicator arena).
    pub indicators: Span,
}

impl Entry {
    /// The rank of the level claimed, when it is on the scale.
    pub fn rank(&self) -> Option<LevelRank> {
        match self.level {
            Some(Named::Known(rank)) => Some(rank),
            _ => None,
        }
    }
}

/// An expired, not-yet or related entry on a known competency, which gaps cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Noted {
    pub position: Position,
    /// The entry's index in the ledger.
    pub entry: u32,
    pub disposition: Disposition,
}

/// Step 1's working buffers, reused from one learner to the next.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// Item ids as keys, to find repeated ids.
    keys: Vec<(Key, u32)>,
    /// Whether each item repeats an earlier id.
    duplicates: Vec<bool>,
    /// The expired, not-yet and related entries on known competencies, by position.
    pub noted: Vec<Noted>,
}

impl Buffers {
    /// Gives back the memory of buffers that grew beyond `keep` entries.
    pub fn trim(&mut self, keep: usize) {
        trim(&mut self.keys, keep);
        trim(&mut self.duplicates, keep);
        trim(&mut self.noted, keep);
    }
}

fn trim<T>(v: &mut Vec<T>, keep: usize) {
    if v.capacity() > keep {
        v.clear();
        v.shrink_to(keep / 16);
    }
}

/// The ledger: what the result keeps of the record and its claims.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    pub items: Vec<Item>,
    pub entries: Vec<Entry>,
    pub names: Vec<Id>,
    /// The indicator indices counted claims name.
    pub indicators: Vec<u32>,
}

/// Gives every claim of every item its disposition, in input order. Through a crosswalk, a
/// claim linked to several competencies has one entry per linked competency (same `item` and
/// `claim`), and a claim with no link one `unknown-competency` entry. The expired, not-yet and
/// related entries on known competencies are listed in `buffers.noted`, by position.
pub(crate) fn build(
    plan: &Plan,
    record: &EvidenceRecord,
    as_of: Date,
    via: Option<&CrosswalkView>,
    buffers: &mut Buffers,
) -> Ledger {
    let claims: usize = record.evidence.iter().map(|i| i.claims.len().max(1)).sum();
    let mut ledger = Ledger {
        items: Vec::with_capacity(record.evidence.len()),
        entries: Vec::with_capacity(claims),
        names: Vec::new(),
        indicators: Vec::with_capacity(2 * claims),
    };
    duplicates(record, buffers);
    buffers.noted.clear();
    for (n, item) in record.evidence.iter().enumerate() {
        let duplicate = buffers.duplicates.get(n).copied().unwrap_or(false);
        let kind = plan.kind(item.kind.as_str());
        ledger.items.push(Item {
            id: item.id.clone(),
            kind: match kind {
                Some((k, _)) => Named::Known(narrow(k)),
                None => Named::Other(name(&mut ledger.names, &item.kind)),
            },
            date: item.date,
            role: item.assessor_role,
        });
        let kind = kind.map(|(_, k)| k);
        let at = At {
            item,
            n: narrow(n),
            duplicate,
            kind,
            kind_until: kind
                .and_then(|k| k.valid_for)
                .and_then(|d| item.date.plus(d)),
            rule_until: Cell::new(None),
            as_of,
        };
        if item.claims.is_empty() {
            ledger.entries.push(Entry {
                item: at.n,
                claim: None,
                competency: None,
                level: None,
                route: Route::Direct,
                disposition: if duplicate {
                    Disposition::DuplicateEvidence
                } else {
                    Disposition::NoClaims
                },
                current_until: None,
                unknown_indicators: Span::default(),
                not_applicable_indicators: Span::default(),
                indicators: Span::default(),
            });
            continue;
        }
        for (c, claim) in item.claims.iter().enumerate() {
            let c = narrow(c);
            match via {
                None => judge(plan, &at, c, own_target(plan, claim), &mut ledger, buffers),
                Some(view) => {
                    for target in crosswalked_targets(plan, view, claim) {
                        judge(plan, &at, c, target, &mut ledger, buffers);
                    }
                }
            }
        }
    }
    buffers.noted.sort_unstable();
    ledger
}

/// Marks, in `buffers.duplicates`, each item whose id an earlier item has. Found by sorting,
/// not hashing, so no record can make it slow; ids are compared by [`Key`] first.
fn duplicates(record: &EvidenceRecord, buffers: &mut Buffers) {
    let items = &record.evidence;
    let keys = &mut buffers.keys;
    keys.clear();
    keys.extend(
        items
            .iter()
            .enumerate()
            .map(|(n, i)| (Key::of(i.id.as_str()), narrow(n))),
    );
    let id = |n: u32| items.get(widen(n)).map(|i| i.id.as_str());
    keys.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| {
                if ka.exact() {
                    Ordering::Equal
                } else {
                    id(*a).cmp(&id(*b))
                }
            })
            .then(a.cmp(b))
    });
    let duplicate = &mut buffers.duplicates;
    duplicate.clear();
    duplicate.resize(items.len(), false);
    for pair in keys.windows(2) {
        if let [(ka, a), (kb, b)] = *pair {
            if ka == kb && (ka.exact() || id(a) == id(b)) {
                if let Some(flag) = duplicate.get_mut(widen(b)) {
                    *flag = true;
                }
            }
        }
    }
}

/// Copies a name the framework lacks into the result's names.
fn name(names: &mut Vec<Id>, id: &Id) -> u32 {
    let at = narrow(names.len());
    names.push(id.clone());
    at
}

/// Where a claim sits in the record, and what holds for its whole item.
struct At<'r, 'p> {
    item: &'r EvidenceItem,
    n: u32,
    duplicate: bool,
    kind: Option<&'p KindPlan>,
    /// The end of the item's currency by its kind's `valid_for`.
    kind_until: Option<Date>,
    /// The end by the last competency rule's `valid_for` worked out for the item (most
    /// competencies share one).
    rule_until: Cell<Option<(Duration, Option<Date>)>>,
    as_of: Date,
}

impl At<'_, '_> {
    /// The end of the item's currency by a competency rule's `valid_for`.
    fn until(&self, valid_for: Duration) -> Option<Date> {
        match self.rule_until.get() {
            Some((d, until)) if d == valid_for => until,
            _ => {
                let until = self.item.date.plus(valid_for);
                self.rule_until.set(Some((valid_for, until)));
                until
            }
        }
    }
}

/// How a claim reaches the competency it is judged against.
enum Via<'r> {
    /// The competency it names.
    Direct,
    /// The successor of the old id it names (`replaces`).
    Migrated(&'r Id),
    /// A competency linked from the one it names through a crosswalk.
    Crosswalk(&'r Id, Relation),
}

/// The competency and level a claim is judged against.
struct Target<'r> {
    /// The competency, when the framework has it.
    position: Option<Position>,
    /// The id reported when it does not.
    named: &'r Id,
    /// The level as named, for the report when it is off the scale.
    level: Option<&'r Id>,
    rank: Option<LevelRank>,
    indicators: &'r [Id],
    via: Via<'r>,
}

/// A claim read against the framework it names: by id, or through `replaces`.
#[inline(always)]
fn own_target<'r>(plan: &Plan, claim: &'r Claim) -> Target<'r> {
    let named = claim.competency.as_str();
    let (position, via) = match plan.competency(named) {
        Some(p) => (Some(p), Via::Direct),
        None => match plan.successor(named) {
            Some(p) => (Some(p), Via::Migrated(&claim.competency)),
            None => (None, Via::Direct),
        },
    };
    // The level: as claimed, or the lowest; an unknown level keeps its name for the report.
    let (level, rank) = match &claim.level {
        Some(level) => (Some(level), plan.level(level.as_str())),
        None => (None, (plan.levels() > 0).then_some(LevelRank::LOWEST)),
    };
    Target {
        position,
        named: &claim.competency,
        level,
        rank,
        indicators: &claim.indicators,
        via,
    }
}

/// A claim read through a crosswalk: one target per linked competency.
fn crosswalked_targets<'r>(
    plan: &Plan,
    view: &'r CrosswalkView,
    claim: &'r Claim,
) -> Vec<Target<'r>> {
    let links = view.links(claim.competency.as_str());
    if links.is_empty() {
        return vec![Target {
            position: None,
            named: &claim.competency,
            level: claim.level.as_ref(),
            rank: None,
            indicators: &[],
            via: Via::Direct,
        }];
    }
    let level = view.level(claim.level.as_ref());
    links
        .iter()
        .map(|(to, relation)| Target {
            position: plan.competency(to.as_str()),
            named: to,
            level: level.or(claim.level.as_ref()),
            rank: level.and_then(|l| plan.level(l.as_str())),
            indicators: &[],
            via: Via::Crosswalk(&claim.competency, *relation),
        })
        .collect()
}

/// Works out everything about a claim against its target, then picks the first disposition
/// that applies in the order DESIGN.md gives, and records the entry.
#[inline(always)]
fn judge(
    plan: &Plan,
    at: &At<'_, '_>,
    claim: u32,
    target: Target<'_>,
    ledger: &mut Ledger,
    buffers: &mut Buffers,
) {
    let item = at.item;
    let position = target.position;
    let competency = position.and_then(|p| Some((p, plan.hot(p)?)));
    // Expiry: the earlier of the two expiry dates wins, which is "the shorter valid_for"
    // measured in real calendar days from this item's date.
    let current_until = competency.and_then(|(_, competency)| {
        let by_kind = at.kind_until;
        let by_rule = competency.valid_for.and_then(|d| at.until(d));
        match (by_kind, by_rule) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    });
    let as_of = at.as_of;
    let disposition = if at.duplicate {
        Disposition::DuplicateEvidence
    } else if at.kind.is_none() {
        Disposition::UnknownKind
    } else if item.date > as_of {
        Disposition::FutureDated
    } else if item.outcome == Outcome::NotYet {
        Disposition::NotYet
    } else if competency.is_none() {
        Disposition::UnknownCompetency
    } else if competency.is_some_and(|(_, c)| c.excluded) {
        Disposition::NotApplicable
    } else if target.rank.is_none() {
        Disposition::UnknownLevel
    } else if current_until.is_some_and(|until| until < as_of) {
        Disposition::Expired
    } else {
        match target.via {
            Via::Direct => Disposition::Counted,
            Via::Migrated(_) => Disposition::Migrated,
            Via::Crosswalk(_, Relation::Related) => Disposition::Related,
            Via::Crosswalk(..) => Disposition::Crosswalked,
        }
    };
    // Indicators: the known, applicable ones count with the claim; the others are noted.
    let counted_from = ledger.indicators.len();
    let unknown_from = ledger.names.len();
    let mut not_applicable: Vec<&Id> = Vec::new();
    if let (Some((p, competency)), false) = (competency, target.indicators.is_empty()) {
        let counts = disposition.counts();
        for named in target.indicators {
            match plan.indicator(p, competency, named.as_str()) {
                Some((_, true)) => not_applicable.push(named),
                Some((i, false)) => {
                    let i = narrow(i);
                    let seen = ledger
                        .indicators
                        .get(counted_from..)
                        .is_some_and(|seen| seen.contains(&i));
                    if counts && !seen {
                        ledger.indicators.push(i);
                    }
                }
                None => ledger.names.push(named.clone()),
            }
        }
        if let Some(named) = ledger.indicators.get_mut(counted_from..) {
            named.sort_unstable();
        }
    }
    let unknown_indicators = Span::since(&ledger.names, unknown_from);
    let not_applicable_indicators = if not_applicable.is_empty() {
        Span::default()
    } else {
        Span::push(&mut ledger.names, not_applicable.into_iter().cloned())
    };
    let indicators = Span::since(&ledger.indicators, counted_from);
    let entry = narrow(ledger.entries.len());
    let competency_name = match position {
        Some(p) => Named::Known(p),
        None => Named::Other(name(&mut ledger.names, target.named)),
    };
    let level = match (target.rank, target.level) {
        (Some(rank), _) => Some(Named::Known(rank)),
        (None, Some(level)) => Some(Named::Other(name(&mut ledger.names, level))),
        (None, None) => None,
    };
    let route = match target.via {
        Via::Direct => Route::Direct,
        Via::Migrated(old) => Route::Migrated {
            from: name(&mut ledger.names, old),
        },
        Via::Crosswalk(from, relation) => Route::Crosswalked {
            from: name(&mut ledger.names, from),
            relation,
        },
    };
    ledger.entries.push(Entry {
        item: at.n,
        claim: Some(claim),
        competency: Some(competency_name),
        level,
        route,
        disposition,
        current_until,
        unknown_indicators,
        not_applicable_indicators,
        indicators,
    });
    if let (Some(position), Disposition::Expired | Disposition::NotYet | Disposition::Related) =
        (position, disposition)
    {
        buffers.noted.push(Noted {
            position,
            entry,
            disposition,
        });
    }
}
