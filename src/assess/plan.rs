//! What assessment needs from a framework, computed once per framework rather than once per
//! learner: a flat competency table with positions instead of ids, each competency's effective
//! sufficiency rule, and id lookups. The plan owns what it copies and shares the framework
//! through an `Arc`, so an assessor that holds it can be kept and sent between threads.

use super::position::{LevelRank, Position};
use crate::model::{Duration, Id, Policy, Sufficiency};
use crate::tailor::{ResolvedCompetency, ResolvedDomain, ResolvedFramework};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// A small, fast hash for the plan's id tables (FxHash's mixing step). The tables are built
/// once from the framework and only looked up with evidence input, so the input cannot shape
/// them (no flooding), and ids are short: SipHash cost more than the rest of a lookup.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..chunk.len()) {
                head.copy_from_slice(chunk);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A table keyed by framework ids, looked up with evidence text.
pub(crate) type IdMap<V> = HashMap<Box<str>, V, BuildHasherDefault<IdHasher>>;

/// The sufficiency rule that applies to one competency, with the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    /// In thousandths.
    pub min_weight: u64,
    pub min_items: u32,
    pub require_independent: bool,
    pub require_indicators: bool,
    pub valid_for: Option<Duration>,
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
    /// positive weight; computed rather than assumed). Most competencies of a learner have
    /// no evidence, and this is their achieved level.
    pub unevidenced: Option<LevelRank>,
}

impl CompetencyPlan {
    /// The index of an indicator named in a claim, following `replaces` on indicators.
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.indicators
            .iter()
            .position(|i| i.id.as_str() == id)
            .or_else(|| {
                self.indicators
                    .iter()
                    .position(|i| i.replaces.iter().any(|r| r.as_str() == id))
            })
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
    by_id: IdMap<Position>,
    /// Old ids (`replaces`) to the position of the competency that replaces them.
    replaced: IdMap<Position>,
    kind_ids: IdMap<usize>,
    levels: IdMap<LevelRank>,
    /// `id@version`, worded once.
    pub name: String,
}

impl Plan {
    pub fn new(framework: Arc<ResolvedFramework>) -> Plan {
        let policy: &Policy = &framework.assessment;
        let top = policy.sufficiency.clone().unwrap_or_default();
        let mut levels = IdMap::default();
        for (n, level) in framework.scale.iter().enumerate() {
            levels.insert(level.id.as_str().into(), LevelRank::new(n));
        }
        let rank = |level: Option<&Id>| {
            level
                .and_then(|l| levels.get(l.as_str()).copied())
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
                            id: i.indicator.id.clone(),
                            rank: rank(i.indicator.level.as_ref()),
                            excluded: i.provenance.excluded.is_some(),
                            replaces: i.indicator.replaces.clone(),
                        })
                        .collect(),
                    requires: Vec::new(),
                    unevidenced: None,
                });
            }
        }
        let mut by_id = IdMap::default();
        for (n, (_, c)) in framework.competencies().enumerate() {
            by_id.insert(c.id.as_str().into(), Position::new(n));
        }
        let mut replaced = IdMap::default();
        for (_, c) in framework.competencies() {
            for old in &c.replaces {
                let successor = framework
                    .successor(old.as_str())
                    .and_then(|s| by_id.get(s.as_str()).copied());
                if let Some(p) = successor {
                    replaced.insert(old.as_str().into(), p);
                }
            }
        }
        let applies: Vec<bool> = competencies.iter().map(|c| !c.excluded).collect();
        let scale = framework.scale.len();
        for (competency, (_, resolved)) in competencies.iter_mut().zip(framework.competencies()) {
            competency.requires = resolved
                .requires
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .filter(|p: &Position| applies.get(p.index()).copied().unwrap_or(false))
                .collect();
            competency.unevidenced = super::levels::achieved(competency, &[], &[], scale);
        }
        let mut kind_ids = IdMap::default();
        let mut kinds = Vec::new();
        for (n, (id, kind)) in policy.evidence.iter().enumerate() {
            kind_ids.insert(id.as_str().into(), n);
            kinds.push(KindPlan {
                weight: u64::from(kind.weight.thousandths()),
                independent: kind.independent,
                valid_for: kind.valid_for,
            });
        }
        let name = framework.name();
        Plan {
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
    pub fn get(&self, position: Position) -> Option<&CompetencyPlan> {
        self.competencies.get(position.index())
    }

    /// The position of a competency by id.
    pub fn competency(&self, id: &str) -> Option<Position> {
        self.by_id.get(id).copied()
    }

    /// The position of the competency that replaces the old id `id`.
    pub fn successor(&self, id: &str) -> Option<Position> {
        self.replaced.get(id).copied()
    }

    /// A kind of evidence by id: its index in policy order, and how it weighs.
    pub fn kind(&self, id: &str) -> Option<(usize, &KindPlan)> {
        let n = *self.kind_ids.get(id)?;
        Some((n, self.kinds.get(n)?))
    }

    /// The rank of a level by id.
    pub fn level(&self, id: &str) -> Option<LevelRank> {
        self.levels.get(id).copied()
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
