//! What assessment needs from a framework, computed once per framework (and role) rather than
//! once per learner: a flat competency table, each competency's effective sufficiency rule,
//! and id lookups. Cohorts are assessed against one plan, so this is the cheap path.

use crate::model::{Duration, EvidenceKind, Id, Policy, Sufficiency};
use crate::tailor::{ResolvedCompetency, ResolvedDomain, ResolvedFramework};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A map keyed by ids borrowed from the framework.
pub(crate) type IdMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<IdHasher>>;

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

/// One indicator of a competency, as assessment sees it.
#[derive(Debug, Clone)]
pub(crate) struct IndicatorPlan<'a> {
    pub id: &'a Id,
    /// The rank at which it is first expected.
    pub rank: usize,
    /// Excluded by a tailoring: never expected, and noted when claimed.
    pub excluded: bool,
    pub replaces: &'a [Id],
}

/// One competency, as assessment sees it.
#[derive(Debug, Clone)]
pub(crate) struct CompetencyPlan<'a> {
    pub domain: usize,
    pub competency: &'a ResolvedCompetency,
    pub rule: Rule,
    pub indicators: Vec<IndicatorPlan<'a>>,
    /// Positions of the prerequisites that exist and apply here (excluded and unknown ids
    /// are left out: resolution drops the former with a warning, validation reports the
    /// latter).
    pub requires: Vec<usize>,
    /// The level achieved with no counted evidence at all (none under any rule with a
    /// positive weight; computed rather than assumed). Most competencies of a learner have
    /// no evidence, and this is their achieved level.
    pub unevidenced: Option<usize>,
}

impl<'a> CompetencyPlan<'a> {
    pub fn excluded(&self) -> bool {
        self.competency.provenance.excluded.is_some()
    }

    /// The position of an indicator named in a claim, following `replaces` on indicators.
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
pub(crate) struct Plan<'a> {
    pub framework: &'a ResolvedFramework,
    pub competencies: Vec<CompetencyPlan<'a>>,
    by_id: IdMap<'a, usize>,
    kinds: IdMap<'a, &'a EvidenceKind>,
    /// `id@version`, worded once.
    pub name: String,
}

impl<'a> Plan<'a> {
    pub fn new(framework: &'a ResolvedFramework) -> Plan<'a> {
        let policy: &Policy = &framework.assessment;
        let top = policy.sufficiency.clone().unwrap_or_default();
        let rank = |level: Option<&Id>| {
            level
                .and_then(|l| framework.level_rank(l.as_str()))
                .unwrap_or(0)
        };
        let mut competencies = Vec::new();
        for (d, domain) in framework.domains.iter().enumerate() {
            for competency in &domain.competencies {
                competencies.push(CompetencyPlan {
                    domain: d,
                    competency,
                    rule: Rule::from(&effective(&top, policy, domain, competency)),
                    indicators: competency
                        .indicators
                        .iter()
                        .map(|i| IndicatorPlan {
                            id: &i.indicator.id,
                            rank: rank(i.indicator.level.as_ref()),
                            excluded: i.provenance.excluded.is_some(),
                            replaces: &i.indicator.replaces,
                        })
                        .collect(),
                    requires: Vec::new(),
                    unevidenced: None,
                });
            }
        }
        let positions: IdMap<'a, usize> = competencies
            .iter()
            .enumerate()
            .map(|(n, c)| (c.competency.id.as_str(), n))
            .collect();
        let applies: Vec<bool> = competencies.iter().map(|c| !c.excluded()).collect();
        for competency in &mut competencies {
            competency.requires = competency
                .competency
                .requires
                .iter()
                .filter_map(|id| positions.get(id.as_str()).copied())
                .filter(|&p| applies.get(p).copied().unwrap_or(false))
                .collect();
            competency.unevidenced =
                super::levels::achieved(competency, &[], framework.scale.len());
        }
        let kinds = policy
            .evidence
            .iter()
            .map(|(id, kind)| (id.as_str(), kind))
            .collect();
        Plan {
            framework,
            competencies,
            by_id: positions,
            kinds,
            name: framework.name(),
        }
    }

    /// The position of a competency by id.
    pub fn competency(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A kind of evidence by id.
    pub fn kind(&self, id: &str) -> Option<&'a EvidenceKind> {
        self.kinds.get(id).copied()
    }

    /// The number of levels on the scale.
    pub fn levels(&self) -> usize {
        self.framework.scale.len()
    }

    /// The id of the level at `rank`.
    pub fn level_id(&self, rank: usize) -> Option<&'a Id> {
        self.framework.scale.get(rank).map(|l| &l.id)
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
