//! The result of resolution: a framework with every tailoring applied, each item carrying its
//! provenance. Assessment and reports read only this type.

use crate::model::{Framework, Id, Indicator, Level, OrderedMap, Policy, Role, Text, Value};
use semver::Version;
use serde::Serialize;
use std::collections::HashMap;

/// Where an item came from and what happened to it along a tailoring chain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Provenance {
    /// The framework (`id@version`) that introduced the item.
    pub introduced_by: String,
    /// Amendments, base first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Local guidance, base first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<GuidanceNote>,
    /// Set when a tailoring excluded the item (directly or through its domain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Exclusion>,
}

/// One amendment of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// The framework (`id@version`) that made it.
    pub by: String,
    /// The fields it changed.
    pub fields: Vec<String>,
    /// Why.
    pub rationale: Text,
}

/// Local guidance on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuidanceNote {
    /// The framework (`id@version`) that gave it.
    pub by: String,
    /// The guidance.
    pub text: Text,
}

/// Why an item is not assessed here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    /// The framework (`id@version`) that excluded it.
    pub by: String,
    /// Why.
    pub rationale: Text,
    /// The excluded domain or competency this item was excluded with, when not excluded itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Id>,
}

/// A value with provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedValue {
    /// The value as it stands after tailoring.
    #[serde(flatten)]
    pub value: Value,
    /// Where it came from.
    pub provenance: Provenance,
}

/// A domain with provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedDomain {
    /// Its id.
    pub id: Id,
    /// Display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// Title.
    pub title: Text,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected.
    pub core: bool,
    /// Ids it replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Where it came from.
    pub provenance: Provenance,
    /// Its competencies.
    pub competencies: Vec<ResolvedCompetency>,
}

/// A competency with provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedCompetency {
    /// Its id.
    pub id: Id,
    /// Display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// Title.
    pub title: Text,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected (itself, or through its domain).
    pub core: bool,
    /// Values served.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Id>,
    /// Prerequisites (after exclusions are dropped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Id>,
    /// Ids it replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Where it came from.
    pub provenance: Provenance,
    /// Its indicators.
    pub indicators: Vec<ResolvedIndicator>,
}

/// An indicator with provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedIndicator {
    /// The indicator as it stands after tailoring.
    #[serde(flatten)]
    pub indicator: Indicator,
    /// Where it came from.
    pub provenance: Provenance,
}

/// A role with provenance (targets already include tailoring overrides).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedRole {
    /// The role as it stands after tailoring.
    #[serde(flatten)]
    pub role: Role,
    /// Where it came from.
    pub provenance: Provenance,
}

/// A framework with its whole tailoring chain applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedFramework {
    /// The id of the framework resolved (the last of the chain).
    pub id: Id,
    /// Its version.
    #[serde(serialize_with = "serialize_version")]
    pub version: Version,
    /// Its title.
    pub title: Text,
    /// Its summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Where and for whom it applies (tailorings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    /// The chain, base first, as `id@version`; the last is this framework.
    pub chain: Vec<String>,
    /// The scale, lowest first; never empty (a framework without one has the level `met`).
    pub scale: Vec<Level>,
    /// Values.
    pub values: Vec<ResolvedValue>,
    /// Domains.
    pub domains: Vec<ResolvedDomain>,
    /// Roles.
    pub roles: Vec<ResolvedRole>,
    /// The merged evidence policy.
    pub assessment: Policy,
    #[serde(skip)]
    index: Index,
}

fn serialize_version<S: serde::Serializer>(version: &Version, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(version)
}

/// Lookups by id, rebuilt whenever the item lists change.
#[derive(Debug, Clone, PartialEq, Default)]
struct Index {
    competencies: HashMap<Id, (usize, usize)>,
    domains: HashMap<Id, usize>,
    roles: HashMap<Id, usize>,
    levels: HashMap<Id, usize>,
    replaced: HashMap<Id, Id>,
}

impl ResolvedFramework {
    /// A framework without `extends`, as resolved: every item introduced by it.
    ///
    /// The framework should have passed validation; this does not check references.
    pub fn from_framework(framework: &Framework) -> ResolvedFramework {
        let name = framework.name();
        let origin = || Provenance {
            introduced_by: name.clone(),
            ..Provenance::default()
        };
        let scale = if framework.scale.is_empty() {
            vec![Level {
                id: Id::new(Framework::IMPLICIT_LEVEL),
                title: Text::new("Met"),
                description: None,
            }]
        } else {
            framework.scale.clone()
        };
        let domains = framework
            .domains
            .iter()
            .map(|d| ResolvedDomain {
                id: d.id.clone(),
                code: d.code.clone(),
                title: d.title.clone(),
                description: d.description.clone(),
                core: d.core,
                replaces: d.replaces.clone(),
                provenance: origin(),
                competencies: d
                    .competencies
                    .iter()
                    .map(|c| ResolvedCompetency {
                        id: c.id.clone(),
                        code: c.code.clone(),
                        title: c.title.clone(),
                        description: c.description.clone(),
                        core: c.core || d.core,
                        values: c.values.clone(),
                        requires: c.requires.clone(),
                        replaces: c.replaces.clone(),
                        provenance: origin(),
                        indicators: c
                            .indicators
                            .iter()
                            .map(|i| ResolvedIndicator {
                                indicator: Indicator {
                                    core: i.core || c.core || d.core,
                                    ..i.clone()
                                },
                                provenance: origin(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut resolved = ResolvedFramework {
            id: framework.id.clone(),
            version: framework.version.clone(),
            title: framework.title.clone(),
            summary: framework.summary.clone(),
            context: framework.context.clone(),
            chain: vec![name.clone()],
            scale,
            values: framework
                .values
                .iter()
                .map(|v| ResolvedValue {
                    value: v.clone(),
                    provenance: origin(),
                })
                .collect(),
            domains,
            roles: framework
                .roles
                .iter()
                .map(|r| ResolvedRole {
                    role: r.clone(),
                    provenance: origin(),
                })
                .collect(),
            assessment: framework.assessment.clone().unwrap_or_default(),
            index: Index::default(),
        };
        resolved.reindex();
        resolved
    }

    /// Rebuilds the id lookups; call after changing item lists.
    pub fn reindex(&mut self) {
        let mut index = Index::default();
        for (d, domain) in self.domains.iter().enumerate() {
            index.domains.insert(domain.id.clone(), d);
            for (c, competency) in domain.competencies.iter().enumerate() {
                index.competencies.insert(competency.id.clone(), (d, c));
                for old in &competency.replaces {
                    index.replaced.insert(old.clone(), competency.id.clone());
                }
            }
        }
        for (r, role) in self.roles.iter().enumerate() {
            index.roles.insert(role.role.id.clone(), r);
        }
        for (l, level) in self.scale.iter().enumerate() {
            index.levels.insert(level.id.clone(), l);
        }
        self.index = index;
    }

    /// `id@version`.
    pub fn name(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The competency with this id, and its domain.
    pub fn competency(&self, id: &str) -> Option<(&ResolvedDomain, &ResolvedCompetency)> {
        let &(d, c) = self.index.competencies.get(id)?;
        let domain = self.domains.get(d)?;
        Some((domain, domain.competencies.get(c)?))
    }

    /// The domain with this id.
    pub fn domain(&self, id: &str) -> Option<&ResolvedDomain> {
        self.domains.get(*self.index.domains.get(id)?)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&ResolvedRole> {
        self.roles.get(*self.index.roles.get(id)?)
    }

    /// The position of a level on the scale (0 = lowest).
    pub fn level_rank(&self, id: &str) -> Option<usize> {
        self.index.levels.get(id).copied()
    }

    /// The competency that lists `old` in its `replaces`.
    pub fn successor(&self, old: &str) -> Option<&Id> {
        self.index.replaced.get(old)
    }

    /// Every competency with its domain, in framework order.
    pub fn competencies(&self) -> impl Iterator<Item = (&ResolvedDomain, &ResolvedCompetency)> {
        self.domains
            .iter()
            .flat_map(|d| d.competencies.iter().map(move |c| (d, c)))
    }

    /// The targets of a role after `extends`: competency id -> level id, in framework order.
    /// A parent's targets apply first; then the role's own domain targets, then its own
    /// competency targets, so a role overrides what it inherits and a competency target
    /// overrides its domain's. Excluded competencies are left out. `None` if the role does
    /// not exist; a cycle in `extends` (rejected by validation) stops at the repeat.
    pub fn role_targets(&self, role: &str) -> Option<OrderedMap<Id>> {
        let mut lineage = Vec::new();
        let mut next = Some(self.role(role)?);
        while let Some(r) = next {
            if lineage
                .iter()
                .any(|seen: &&ResolvedRole| seen.role.id == r.role.id)
            {
                break;
            }
            lineage.push(r);
            next = r.role.extends.as_ref().and_then(|p| self.role(p.as_str()));
        }
        let mut by_competency: HashMap<&str, &Id> = HashMap::new();
        for r in lineage.iter().rev() {
            for (target, level) in r.role.targets.iter() {
                if let Some(domain) = self.domain(target.as_str()) {
                    for c in &domain.competencies {
                        by_competency.insert(c.id.as_str(), level);
                    }
                }
            }
            for (target, level) in r.role.targets.iter() {
                if self.competency(target.as_str()).is_some() {
                    by_competency.insert(target.as_str(), level);
                }
            }
        }
        Some(
            self.competencies()
                .filter(|(_, c)| c.provenance.excluded.is_none())
                .filter_map(|(_, c)| {
                    by_competency
                        .get(c.id.as_str())
                        .map(|l| (c.id.clone(), (*l).clone()))
                })
                .collect(),
        )
    }
}
