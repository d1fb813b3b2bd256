//! The result of resolution: a framework with every tailoring applied, each item carrying its
//! provenance. Assessment and reports read only this type.

pub use crate::model::{Amendment, Exclusion, GuidanceNote, Provenance};

use crate::model::{
    Competency, Domain, Domains, FORMAT, Framework, Id, Indicator, Item, ItemSort, Kind, Level,
    Loc, OrderedMap, Policy, ResolvedFrom, Role, RoleSubject, Text, Value,
};
use semver::Version;
use serde::Serialize;
use std::collections::HashMap;

/// A value with provenance: its fields as they stand after tailoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedValue {
    /// Its id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Protected.
    #[serde(skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids it replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
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
    /// Its identifier in the framework it was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
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
    /// Its identifier in the framework it was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
    /// Where it came from.
    pub provenance: Provenance,
    /// Its indicators.
    pub indicators: Vec<ResolvedIndicator>,
}

/// An indicator with provenance: its fields as they stand after tailoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedIndicator {
    /// Its id.
    pub id: Id,
    /// The ability, in plain words.
    pub text: Text,
    /// The lowest level at which it is expected; default: the first level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
    /// Protected (itself, or through its competency or domain).
    #[serde(skip_serializing_if = "is_false")]
    pub core: bool,
    /// Ids it replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Its identifier in the framework it was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Text>,
    /// Where it came from.
    pub provenance: Provenance,
}

/// A role with provenance: its fields as they stand after tailoring (targets already include
/// tailoring overrides).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedRole {
    /// Its id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Who the role is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// A person in a job, or an organisation reviewing itself.
    #[serde(skip_serializing_if = "RoleSubject::is_person")]
    pub subject: RoleSubject,
    /// A role whose targets this one inherits, then overrides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<Id>,
    /// Domain or competency id -> level id.
    #[serde(skip_serializing_if = "OrderedMap::is_empty")]
    pub targets: OrderedMap<Id>,
    /// Ids it replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Id>,
    /// Where it came from.
    pub provenance: Provenance,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ResolvedValue {
    /// A value of a framework, with its provenance.
    pub(crate) fn new(v: &Value, provenance: Provenance) -> ResolvedValue {
        ResolvedValue {
            id: v.id.clone(),
            title: v.title.clone(),
            description: v.description.clone(),
            core: v.core,
            replaces: v.replaces.clone(),
            provenance,
        }
    }

    /// The value as a framework file writes it.
    fn to_value(&self) -> Value {
        Value {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            core: self.core,
            replaces: self.replaces.clone(),
        }
    }
}

impl ResolvedIndicator {
    /// An indicator of a framework, with its provenance and whether it is core (itself or
    /// through what holds it).
    pub(crate) fn new(i: &Indicator, core: bool, provenance: Provenance) -> ResolvedIndicator {
        ResolvedIndicator {
            id: i.id.clone(),
            text: i.text.clone(),
            level: i.level.clone(),
            core,
            replaces: i.replaces.clone(),
            source_id: i.source_id.clone(),
            provenance,
        }
    }

    /// The indicator as a framework file writes it.
    pub(crate) fn to_indicator(&self) -> Indicator {
        Indicator {
            id: self.id.clone(),
            text: self.text.clone(),
            level: self.level.clone(),
            core: self.core,
            replaces: self.replaces.clone(),
            source_id: self.source_id.clone(),
        }
    }
}

impl ResolvedRole {
    /// A role of a framework, with its provenance.
    pub(crate) fn new(r: &Role, provenance: Provenance) -> ResolvedRole {
        ResolvedRole {
            id: r.id.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            subject: r.subject,
            extends: r.extends.clone(),
            targets: r.targets.clone(),
            replaces: r.replaces.clone(),
            provenance,
        }
    }

    /// The role as a framework file writes it.
    fn to_role(&self) -> Role {
        Role {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            subject: self.subject,
            extends: self.extends.clone(),
            targets: self.targets.clone(),
            replaces: self.replaces.clone(),
        }
    }
}

/// A framework with its whole tailoring chain applied.
///
/// It serialises as the standalone framework it amounts to ([`to_framework`]): a
/// `kind: framework` document with no `extends`, every tailoring applied, and a `resolved`
/// block holding the chain and the provenance of the items. Read back (and resolved), that
/// document gives this framework again, provenance and exclusions included.
///
/// [`to_framework`]: ResolvedFramework::to_framework
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedFramework {
    /// The id of the framework resolved (the last of the chain).
    pub id: Id,
    /// Its version.
    pub version: Version,
    /// Its title.
    pub title: Text,
    /// Its summary.
    pub summary: Option<Text>,
    /// Where and for whom it applies (tailorings).
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
    index: Index,
}

impl Serialize for ResolvedFramework {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_framework().serialize(serializer)
    }
}

/// Reads what [`Serialize`] wrote (a standalone framework, with or without a `resolved`
/// block). A tailoring (a framework with `extends`) is refused: it needs its base, so resolve
/// it through a catalog ([`crate::tailor::resolve`]). Like
/// [`from_framework`](ResolvedFramework::from_framework), this does not validate references:
/// check untrusted text with [`crate::check_text`] first.
impl<'de> serde::Deserialize<'de> for ResolvedFramework {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let framework = Framework::deserialize(deserializer)?;
        if let Some(base) = &framework.extends {
            return Err(serde::de::Error::custom(format!(
                "`{}` extends `{base}`: resolve it through a catalog, which has its base",
                framework.name()
            )));
        }
        Ok(ResolvedFramework::from_framework(&framework))
    }
}

/// The scale of a framework that declares none.
fn implicit_scale() -> Vec<Level> {
    vec![Level {
        id: Id::new(Framework::IMPLICIT_LEVEL),
        title: Text::new("Met"),
        description: None,
    }]
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
    /// A framework without `extends`, as resolved: every item introduced by it; or, for a
    /// framework that [`to_framework`](ResolvedFramework::to_framework) wrote (with a
    /// `resolved` block), the chain and provenance written there, so the resolved framework
    /// read back is the one written.
    ///
    /// The framework should have passed validation; this does not check references.
    pub fn from_framework(framework: &Framework) -> ResolvedFramework {
        let name = framework.name();
        // A resolved framework read back: its chain and its items' provenance as written;
        // items without an entry were introduced by the base.
        let resolved = framework.resolved.as_ref();
        let mut chain = resolved.map_or_else(Vec::new, |r| r.chain.clone());
        if chain.last() != Some(&name) {
            chain.push(name.clone());
        }
        let base = chain.first().cloned().unwrap_or_else(|| name.clone());
        // A core item not written with `core_by` was made core by the base: what a base
        // marks core needs no provenance entry.
        let origin = |id: &Id, core: bool| {
            let mut p = resolved
                .and_then(|r| r.provenance.get(id.as_str()))
                .cloned()
                .unwrap_or_else(|| Provenance {
                    introduced_by: base.clone(),
                    ..Provenance::default()
                });
            if core && p.core_by.is_none() {
                p.core_by = Some(base.clone());
            }
            p
        };
        let scale = if framework.scale.is_empty() {
            implicit_scale()
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
                source_id: d.source_id.clone(),
                provenance: origin(&d.id, d.core),
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
                        source_id: c.source_id.clone(),
                        provenance: origin(&c.id, c.core || d.core),
                        indicators: c
                            .indicators
                            .iter()
                            .map(|i| {
                                let core = i.core || c.core || d.core;
                                ResolvedIndicator::new(i, core, origin(&i.id, core))
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
            chain,
            scale,
            values: framework
                .values
                .iter()
                .map(|v| ResolvedValue::new(v, origin(&v.id, v.core)))
                .collect(),
            domains,
            roles: framework
                .roles
                .iter()
                .map(|r| ResolvedRole::new(r, origin(&r.id, false)))
                .collect(),
            assessment: framework.assessment.clone().unwrap_or_default(),
            index: Index::default(),
        };
        resolved.reindex();
        resolved
    }

    /// The standalone framework this amounts to: `kind: framework` with no `extends`, every
    /// tailoring applied, and a `resolved` block with the chain and the provenance of every
    /// item not simply introduced by the base (the first of the chain). Excluded items stay,
    /// marked there. The implicit scale and an empty policy are left out, as a file would.
    ///
    /// [`from_framework`](ResolvedFramework::from_framework) of the result gives this
    /// framework back.
    pub fn to_framework(&self) -> Framework {
        let base = self.chain.first().map_or("", String::as_str);
        let mut provenance = OrderedMap::new();
        let mut note = |id: &Id, p: &Provenance| {
            let plain = p.introduced_by == base
                && p.core_by.as_deref().is_none_or(|by| by == base)
                && p.amendments.is_empty()
                && p.guidance.is_empty()
                && p.excluded.is_none();
            if !plain {
                // Made core by the base goes without saying: reading back restores it.
                let mut p = p.clone();
                if p.core_by.as_deref() == Some(base) {
                    p.core_by = None;
                }
                provenance.insert(id.clone(), p);
            }
        };
        for v in &self.values {
            note(&v.id, &v.provenance);
        }
        for d in &self.domains {
            note(&d.id, &d.provenance);
            for c in &d.competencies {
                note(&c.id, &c.provenance);
                for i in &c.indicators {
                    note(&i.id, &i.provenance);
                }
            }
        }
        for r in &self.roles {
            note(&r.id, &r.provenance);
        }
        let domains = self
            .domains
            .iter()
            .map(|d| Domain {
                id: d.id.clone(),
                code: d.code.clone(),
                title: d.title.clone(),
                description: d.description.clone(),
                core: d.core,
                replaces: d.replaces.clone(),
                source_id: d.source_id.clone(),
                competencies: d
                    .competencies
                    .iter()
                    .map(|c| Competency {
                        id: c.id.clone(),
                        code: c.code.clone(),
                        title: c.title.clone(),
                        description: c.description.clone(),
                        core: c.core,
                        values: c.values.clone(),
                        requires: c.requires.clone(),
                        replaces: c.replaces.clone(),
                        source_id: c.source_id.clone(),
                        indicators: c
                            .indicators
                            .iter()
                            .map(ResolvedIndicator::to_indicator)
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Framework {
            format: FORMAT.to_owned(),
            kind: Kind::Framework,
            id: self.id.clone(),
            version: self.version.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            publisher: None,
            licence: None,
            source: Vec::new(),
            source_id: None,
            extends: None,
            context: self.context.clone(),
            scale: if self.scale == implicit_scale() {
                Vec::new()
            } else {
                self.scale.clone()
            },
            values: self.values.iter().map(ResolvedValue::to_value).collect(),
            domains,
            roles: self.roles.iter().map(ResolvedRole::to_role).collect(),
            assessment: (self.assessment != Policy::default()).then(|| self.assessment.clone()),
            tailoring: None,
            resolved: Some(ResolvedFrom {
                chain: self.chain.clone(),
                provenance,
            }),
        }
    }

    /// Rebuilds the id lookups; call after changing item lists.
    pub(crate) fn reindex(&mut self) {
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
            index.roles.insert(role.id.clone(), r);
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

    /// Every item, laid out as the resolved framework is written: the scale, values, each
    /// domain followed by its competencies (each followed by its indicators), then roles.
    pub(crate) fn items(&self) -> impl Iterator<Item = Item<'_>> {
        let scale = self
            .scale
            .iter()
            .enumerate()
            .map(|(i, l)| Item::new(ItemSort::Level, &l.id, &[], Loc::Level(i)));
        let values = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| Item::new(ItemSort::Value, &v.id, &v.replaces, Loc::Value(i)));
        let domains = self.domains.iter().enumerate().flat_map(|(d, domain)| {
            let own = Item::new(
                ItemSort::Domain,
                &domain.id,
                &domain.replaces,
                Loc::Domain(Domains::Own, d),
            );
            let competencies =
                domain
                    .competencies
                    .iter()
                    .enumerate()
                    .flat_map(move |(c, competency)| {
                        let own = Item::new(
                            ItemSort::Competency,
                            &competency.id,
                            &competency.replaces,
                            Loc::Competency(Domains::Own, d, c),
                        );
                        let indicators =
                            competency.indicators.iter().enumerate().map(move |(i, x)| {
                                Item::new(
                                    ItemSort::Indicator,
                                    &x.id,
                                    &x.replaces,
                                    Loc::Indicator(Domains::Own, d, c, i),
                                )
                            });
                        std::iter::once(own).chain(indicators)
                    });
            std::iter::once(own).chain(competencies)
        });
        let roles = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| Item::new(ItemSort::Role, &r.id, &r.replaces, Loc::Role(i)));
        scale.chain(values).chain(domains).chain(roles)
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
            if lineage.iter().any(|seen: &&ResolvedRole| seen.id == r.id) {
                break;
            }
            lineage.push(r);
            next = r.extends.as_ref().and_then(|p| self.role(p.as_str()));
        }
        let mut by_competency: HashMap<&str, &Id> = HashMap::new();
        for r in lineage.iter().rev() {
            for (target, level) in r.targets.iter() {
                if let Some(domain) = self.domain(target.as_str()) {
                    for c in &domain.competencies {
                        by_competency.insert(c.id.as_str(), level);
                    }
                }
            }
            for (target, level) in r.targets.iter() {
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
