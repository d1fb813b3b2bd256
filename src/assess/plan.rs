//! What assessment needs from a framework, computed once per framework rather than once per
//! learner: a flat competency table with positions instead of ids, each competency's effective
//! sufficiency rule, and id lookups. The plan owns what it copies and shares the framework
//! through an `Arc`, so an assessor that holds it can be kept and sent between threads.

use super::position::{LevelRank, Position, narrow, widen};
use crate::model::{Duration, Id, Policy, Sufficiency};
use crate::tailor::{ResolvedCompetency, ResolvedDomain, ResolvedFramework};
use std::sync::Arc;

/// An id as a comparison key: its length and up to 16 of its bytes, read as two words
/// (short ids in overlapping halves). For an id of at most 16 bytes (most ids) the key
/// decides equality, so comparing keys compares ids without touching the text; longer ids
/// are compared in full when their keys are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key {
    first: u64,
    last: u64,
    len: u32,
}

impl Key {
    #[inline]
    pub fn of(id: &str) -> Key {
        let b = id.as_bytes();
        let u32_at = |chunk: Option<&[u8; 4]>| chunk.copied().map_or(0, u32::from_le_bytes);
        let u64_at = |chunk: Option<&[u8; 8]>| chunk.copied().map_or(0, u64::from_le_bytes);
        let (first, last) = match b.len() {
            0 => (0, 0),
            // The first, middle and last bytes say it all.
            1..=3 => {
                let byte = |n: usize| u64::from(b.get(n).copied().unwrap_or(0));
                (
                    byte(0) | (byte(b.len() / 2) << 8) | (byte(b.len() - 1) << 16),
                    0,
                )
            }
            // The first and last four bytes, overlapping.
            4..=7 => (
                u64::from(u32_at(b.first_chunk::<4>()))
                    | (u64::from(u32_at(b.last_chunk::<4>())) << 32),
                0,
            ),
            _ => (u64_at(b.first_chunk::<8>()), u64_at(b.last_chunk::<8>())),
        };
        Key {
            first,
            last,
            len: narrow(b.len()),
        }
    }

    /// Whether the key alone decides equality (the id is at most 16 bytes long).
    #[inline]
    pub fn exact(self) -> bool {
        self.len <= 16
    }

    /// Whether ids with these keys, the first being `a`, the second `b`, are the same.
    #[inline]
    pub fn same(self, a: &str, other: Key, b: &str) -> bool {
        self == other && (self.exact() || a == b)
    }

    /// A slot index for a table of `1 << bits` slots: the top bits of a multiplicative
    /// (Fibonacci) hash, which depend on every bit of the key.
    #[inline]
    fn slot(self, bits: u32) -> usize {
        let h = (self.first ^ self.last.rotate_left(29) ^ u64::from(self.len))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        usize::try_from(h.checked_shr(64 - bits).unwrap_or(0)).unwrap_or(0)
    }
}

/// A lookup table from framework ids to values, for looking up ids read from evidence: open
/// addressing over [`Key`]s kept in the slots with their values, so a lookup of a short id
/// reads one slot (usually) and compares a few integers. The table holds the framework's ids
/// only and is built once; evidence only queries it.
#[derive(Debug, Clone)]
pub(crate) struct IdTable<V> {
    /// A power of two long.
    slots: Vec<Slot<V>>,
    /// `slots.len()` is `1 << bits`.
    bits: u32,
    /// The id in each slot, for comparing long ones in full.
    ids: Vec<Box<str>>,
}

/// A slot: an id's key, flattened (`len` is `u32::MAX` when the slot is empty), and its value.
#[derive(Debug, Clone, Copy)]
struct Slot<V> {
    first: u64,
    last: u64,
    len: u32,
    value: V,
}

impl<V> Slot<V> {
    fn key(&self) -> Key {
        Key {
            first: self.first,
            last: self.last,
            len: self.len,
        }
    }
}

impl<V: Copy> IdTable<V> {
    /// The table of `pairs`; a later pair for the same id replaces an earlier one (as a map
    /// built by inserting in order would).
    pub fn new<'s>(pairs: impl IntoIterator<Item = (&'s str, V)>) -> IdTable<V> {
        let pairs: Vec<(&str, V)> = pairs.into_iter().collect();
        let size = (pairs.len() * 2).next_power_of_two().max(8);
        let mut table = IdTable {
            slots: Vec::with_capacity(size),
            bits: size.trailing_zeros(),
            ids: vec![Box::from(""); size],
        };
        let Some(&(_, filler)) = pairs.first() else {
            return table;
        };
        table.slots.resize(
            size,
            Slot {
                first: 0,
                last: 0,
                len: u32::MAX,
                value: filler,
            },
        );
        let mask = size - 1;
        for (id, value) in pairs {
            let key = Key::of(id);
            let mut at = key.slot(table.bits);
            while let Some(slot) = table.slots.get_mut(at) {
                if slot.len == u32::MAX {
                    *slot = Slot {
                        first: key.first,
                        last: key.last,
                        len: key.len,
                        value,
                    };
                    if let Some(stored) = table.ids.get_mut(at) {
                        *stored = id.into();
                    }
                    break;
                }
                let same = slot.key() == key
                    && (key.exact() || table.ids.get(at).is_some_and(|s| **s == *id));
                if same {
                    slot.value = value;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        table
    }

    /// The value for `id`.
    #[inline]
    pub fn get(&self, id: &str) -> Option<V> {
        let key = Key::of(id);
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = key.slot(self.bits);
        loop {
            let slot = self.slots.get(at)?;
            if slot.len == u32::MAX {
                return None;
            }
            if slot.key() == key && (key.exact() || self.ids.get(at).is_some_and(|s| **s == *id)) {
                return Some(slot.value);
            }
            at = (at + 1) & mask;
        }
    }
}

/// What the ledger reads about a competency for every claim, kept small and side by side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hot {
    pub excluded: bool,
    /// The competency rule's `valid_for`.
    pub valid_for: Option<Duration>,
    /// Its indicators' keys, in [`Plan::indicator_keys`].
    keys: u32,
    count: u32,
}

/// An indicator's key and whether a tailoring excludes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndicatorKey {
    first: u64,
    last: u64,
    len: u32,
    excluded: bool,
}

/// The sufficiency rule that applies to one competency, with the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    /// In thousandths.
    pub min_weight: u64,
    pub min_items: u32,
    pub require_independent: bool,
    pub require_indicators: bool,
    pub valid_for: Option<Duration>,
    /// The assessor roles of which one must appear at a level, as a set of
    /// [`AssessorRole::bit`](crate::model::AssessorRole)s; 0: no requirement.
    pub require_assessor: u16,
}

impl Rule {
    /// DESIGN.md defaults: min_weight 1, min_items 1, both switches off, no expiry.
    fn from(sufficiency: &Sufficiency) -> Rule {
        Rule {
            min_weight: sufficiency.min_weight.map_or(1000, |a| a.thousandths()),
            min_items: sufficiency.min_items.unwrap_or(1),
            require_independent: sufficiency.require_independent.unwrap_or(false),
            require_indicators: sufficiency.require_indicators.unwrap_or(false),
            valid_for: sufficiency.valid_for,
            require_assessor: sufficiency
                .require_assessor
                .iter()
                .flatten()
                .fold(0, |set, role| set | role.bit()),
        }
    }
}

/// A kind of evidence of the policy, as assessment weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindPlan {
    /// In thousandths.
    pub weight: u64,
    pub independent: bool,
    pub valid_for: Option<Duration>,
}

/// One indicator of a competency, as assessment sees it.
#[derive(Debug, Clone)]
pub(crate) struct IndicatorPlan {
    pub id: Id,
    pub key: Key,
    /// The keys of the ids it replaces.
    pub replaced: Vec<Key>,
    /// The rank at which it is first expected.
    pub rank: LevelRank,
    /// Excluded by a tailoring: never expected, and noted when claimed.
    pub excluded: bool,
    pub replaces: Vec<Id>,
}

/// One competency, as assessment sees it.
#[derive(Debug, Clone)]
pub(crate) struct CompetencyPlan {
    /// Excluded by a tailoring: not assessed here.
    pub excluded: bool,
    pub rule: Rule,
    pub indicators: Vec<IndicatorPlan>,
    /// The prerequisites that exist and apply here (excluded and unknown ids are left out:
    /// resolution drops the former with a warning, validation reports the latter).
    pub requires: Vec<Position>,
    /// The level achieved with no counted evidence at all (none under any rule with a
    /// positive weight; computed rather than assumed, by `levels::prepare`). Most
    /// competencies of a learner have no evidence, and this is their achieved level.
    pub unevidenced: Option<LevelRank>,
}

impl CompetencyPlan {
    /// The index of an indicator named in a claim, following `replaces` on indicators, and
    /// whether a tailoring excludes it.
    pub fn indicator(&self, id: &str) -> Option<(usize, bool)> {
        let key = Key::of(id);
        self.indicators
            .iter()
            .position(|i| key.same(id, i.key, i.id.as_str()))
            .or_else(|| {
                self.indicators.iter().position(|i| {
                    i.replaces
                        .iter()
                        .zip(&i.replaced)
                        .any(|(r, k)| key.same(id, *k, r.as_str()))
                })
            })
            .and_then(|n| Some((n, self.indicators.get(n)?.excluded)))
    }
}

/// A framework prepared for assessment.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub framework: Arc<ResolvedFramework>,
    pub competencies: Vec<CompetencyPlan>,
    /// Each competency's level with no evidence, by position (copied per learner, then
    /// overwritten where there is evidence).
    pub unevidenced: Vec<Option<LevelRank>>,
    /// The policy's kinds, in policy order.
    pub kinds: Vec<KindPlan>,
    /// By position.
    hot: Vec<Hot>,
    indicator_keys: Vec<IndicatorKey>,
    by_id: IdTable<Position>,
    /// Old ids (`replaces`) to the position of the competency that replaces them.
    replaced: IdTable<Position>,
    kind_ids: IdTable<usize>,
    levels: IdTable<LevelRank>,
    /// `id@version`, worded once.
    pub name: String,
}

impl Plan {
    pub fn new(framework: Arc<ResolvedFramework>) -> Plan {
        let policy: &Policy = &framework.assessment;
        let top = policy.sufficiency.clone().unwrap_or_default();
        let levels = IdTable::new(
            framework
                .scale
                .iter()
                .enumerate()
                .map(|(n, level)| (level.id.as_str(), LevelRank::new(n))),
        );
        let rank = |level: Option<&Id>| {
            level
                .and_then(|l| levels.get(l.as_str()))
                .unwrap_or(LevelRank::LOWEST)
        };
        let mut competencies = Vec::new();
        for domain in &framework.domains {
            for competency in &domain.competencies {
                competencies.push(CompetencyPlan {
                    excluded: competency.provenance.excluded.is_some(),
                    rule: Rule::from(&effective(&top, policy, domain, competency)),
                    indicators: competency
                        .indicators
                        .iter()
                        .map(|i| IndicatorPlan {
                            key: Key::of(i.id.as_str()),
                            replaced: i.replaces.iter().map(|r| Key::of(r.as_str())).collect(),
                            id: i.id.clone(),
                            rank: rank(i.level.as_ref()),
                            excluded: i.provenance.excluded.is_some(),
                            replaces: i.replaces.clone(),
                        })
                        .collect(),
                    requires: Vec::new(),
                    unevidenced: None,
                });
            }
        }
        let by_id = IdTable::new(
            framework
                .competencies()
                .enumerate()
                .map(|(n, (_, c))| (c.id.as_str(), Position::new(n))),
        );
        let replaced = IdTable::new(framework.competencies().flat_map(|(_, c)| {
            c.replaces.iter().filter_map(|old| {
                let successor = framework.successor(old.as_str())?;
                Some((old.as_str(), by_id.get(successor.as_str())?))
            })
        }));
        let applies: Vec<bool> = competencies.iter().map(|c| !c.excluded).collect();
        for (competency, (_, resolved)) in competencies.iter_mut().zip(framework.competencies()) {
            competency.requires = resolved
                .requires
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .filter(|p: &Position| applies.get(p.index()).copied().unwrap_or(false))
                .collect();
        }
        let kind_ids = IdTable::new(
            policy
                .evidence
                .iter()
                .enumerate()
                .map(|(n, (id, _))| (id.as_str(), n)),
        );
        let kinds = policy
            .evidence
            .iter()
            .map(|(_, kind)| KindPlan {
                weight: u64::from(kind.weight.thousandths()),
                independent: kind.independent,
                valid_for: kind.valid_for,
            })
            .collect();
        let name = framework.name();
        let mut indicator_keys = Vec::new();
        let hot = competencies
            .iter()
            .map(|c| {
                let keys = narrow(indicator_keys.len());
                indicator_keys.extend(c.indicators.iter().map(|i| IndicatorKey {
                    first: i.key.first,
                    last: i.key.last,
                    len: i.key.len,
                    excluded: i.excluded,
                }));
                Hot {
                    excluded: c.excluded,
                    valid_for: c.rule.valid_for,
                    keys,
                    count: narrow(c.indicators.len()),
                }
            })
            .collect();
        Plan {
            hot,
            indicator_keys,
            unevidenced: competencies.iter().map(|c| c.unevidenced).collect(),
            competencies,
            kinds,
            by_id,
            replaced,
            kind_ids,
            levels,
            name,
            framework,
        }
    }

    /// The competency at `position`.
    #[inline]
    pub fn get(&self, position: Position) -> Option<&CompetencyPlan> {
        self.competencies.get(position.index())
    }

    /// What the ledger reads about the competency at `position`.
    #[inline]
    pub fn hot(&self, position: Position) -> Option<&Hot> {
        self.hot.get(position.index())
    }

    /// The index of an indicator of the competency at `position` (described by `hot`) named in
    /// a claim, following `replaces`, and whether a tailoring excludes it.
    #[inline]
    pub fn indicator(&self, position: Position, hot: &Hot, id: &str) -> Option<(usize, bool)> {
        let key = Key::of(id);
        if key.exact() {
            let start = widen(hot.keys);
            let keys = self
                .indicator_keys
                .get(start..start + widen(hot.count))
                .unwrap_or_default();
            let found = keys
                .iter()
                .position(|k| k.first == key.first && k.last == key.last && k.len == key.len);
            if let Some(n) = found {
                return keys.get(n).map(|k| (n, k.excluded));
            }
        }
        self.get(position)?.indicator(id)
    }

    /// The position of a competency by id.
    #[inline]
    pub fn competency(&self, id: &str) -> Option<Position> {
        self.by_id.get(id)
    }

    /// The position of the competency that replaces the old id `id`.
    pub fn successor(&self, id: &str) -> Option<Position> {
        self.replaced.get(id)
    }

    /// A kind of evidence by id: its index in policy order, and how it weighs.
    #[inline]
    pub fn kind(&self, id: &str) -> Option<(usize, &KindPlan)> {
        let n = self.kind_ids.get(id)?;
        Some((n, self.kinds.get(n)?))
    }

    /// The rank of a level by id.
    #[inline]
    pub fn level(&self, id: &str) -> Option<LevelRank> {
        self.levels.get(id)
    }

    /// The number of levels on the scale.
    pub fn levels(&self) -> usize {
        self.framework.scale.len()
    }
}

/// The policy's sufficiency, merged with the domain's override and then the competency's.
fn effective(
    top: &Sufficiency,
    policy: &Policy,
    domain: &ResolvedDomain,
    competency: &ResolvedCompetency,
) -> Sufficiency {
    let mut rule = top.clone();
    if let Some(over) = policy.overrides.get(domain.id.as_str()) {
        rule = rule.merged(over);
    }
    if let Some(over) = policy.overrides.get(competency.id.as_str()) {
        rule = rule.merged(over);
    }
    rule
}
