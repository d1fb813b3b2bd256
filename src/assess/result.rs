//! The assessment as data: what reports render and JSON serialises.
//!
//! An [`Assessment`] owns its data and borrows nothing, so it can be kept, returned from a
//! request handler, sent to another thread or stored as JSON and read back. It is also
//! compact, because a cohort makes one per learner: what every learner of one assessor shares
//! (the framework's titles, the role's targets, the gaps of a competency without evidence) is
//! held once behind an `Arc`, and each learner's result keeps only what is theirs: a status
//! per competency, results for the competencies their evidence touches, and a small ledger
//! entry per claim that names competencies and levels by position rather than by copied id.
//!
//! Read it through views ([`DomainAssessment`], [`CompetencyAssessment`], [`LedgerEntry`],
//! [`Gap`](super::Gap)) that borrow from it and carry ids, titles and words.

use super::frame::{
    CompetencyFrame, Frame, FrameworkInfo, LevelInfo, NotApplicable, RoleInfo, ValueInfo,
};
use super::gap::Details;
use super::gaps::GapDetail;
use super::gaps::{self, Gaps};
use super::ledger::{Disposition, Entry, Item, Named, Route};
use super::organisation::{OrganisationArea, OrganisationContext};
use super::position::{LevelRank, Position, Span, widen};
use super::status::{Cell, Own, Source, Status};
use super::summary::Summary;
use super::view::{IdList, unknown_id};
use crate::model::{AssessorRole, Date, Id, Relation, Text, Voice};
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A learner's evidence assessed against a framework and role, as of a date.
///
/// Owned and `Send + Sync`; cloning shares the framework's part. Serialises as the JSON
/// report (`schema/report.schema.json`) and deserialises from it: a report read back equals
/// the assessment it was written from. Reading checks that the report holds together (every
/// id it cites is listed, the summaries match the statuses) and refuses one that does not.
#[derive(Clone)]
pub struct Assessment {
    pub(crate) frame: Arc<Frame>,
    pub(crate) learner: Id,
    pub(crate) as_of: Date,
    pub(crate) summary: Summary,
    /// The record's items, by index.
    pub(crate) items: Vec<Item>,
    pub(crate) ledger: Vec<Entry>,
    /// Names the framework does not have, which ledger entries and items cite.
    pub(crate) names: Vec<Id>,
    /// The indicator indices counted claims name (ledger entries hold spans of it).
    pub(crate) indicators: Vec<u32>,
    /// By position.
    pub(crate) cells: Vec<Cell>,
    /// The competencies with a result of their own, by position.
    pub(crate) own: Vec<Own>,
    /// Their evidence lists and gaps: found from the ledger when first read (a cohort run
    /// that only counts readiness never needs them), or read from a report.
    pub(crate) details: OnceLock<Details>,
    /// The learner's voice, from the record (reports show it; assessment never reads it).
    pub(crate) voice: Option<Arc<Voice>>,
    /// The learner's organisation's readiness, as context for the plan.
    pub(crate) organisation: Option<Arc<OrganisationContext>>,
}

impl Assessment {
    /// The learner's opaque id.
    pub fn learner(&self) -> &Id {
        &self.learner
    }

    /// The framework assessed against.
    pub fn framework(&self) -> &FrameworkInfo {
        &self.frame.framework
    }

    /// The role assessed for; none when none was given.
    pub fn role(&self) -> Option<&RoleInfo> {
        self.frame.role.as_ref()
    }

    /// The date the assessment holds on.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The learner's own voice from the record (goals, reflections, response, agreed plan),
    /// when it has one.
    pub fn voice(&self) -> Option<&Voice> {
        self.voice.as_deref()
    }

    /// The organisation's readiness, when given as context ([`Assessment::with_organisation`]).
    pub fn organisation(&self) -> Option<&OrganisationContext> {
        self.organisation.as_deref()
    }

    /// This assessment with `organisation`'s readiness as context: its plan then shows what
    /// the organisation is still working on, apart from the learner's own next steps. Nothing
    /// about the learner's result changes. An organisation assessed without a role gives no
    /// context (and takes away any given before).
    ///
    /// ```
    /// # use competence::assess::Assessment;
    /// # fn demo(worker: Assessment, organisation: &Assessment) {
    /// let worker = worker.with_organisation(organisation);
    /// assert_eq!(worker.organisation().is_some(), organisation.role().is_some());
    /// # }
    /// ```
    #[must_use]
    pub fn with_organisation(mut self, organisation: &Assessment) -> Assessment {
        self.organisation = organisation_context(organisation).map(Arc::new);
        self
    }

    /// Whether the role assessed for describes an organisation reviewing itself.
    pub fn is_organisation_review(&self) -> bool {
        self.role()
            .is_some_and(|r| r.subject == crate::model::RoleSubject::Organisation)
    }

    /// The framework's values, in framework order.
    pub fn values(&self) -> &[ValueInfo] {
        &self.frame.values
    }

    /// The framework's scale, lowest first.
    pub fn scale(&self) -> &[LevelInfo] {
        &self.frame.scale
    }

    /// Counts, coverage and readiness over the whole framework.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Whether every targeted, applicable competency is met (false without a role).
    pub fn ready(&self) -> bool {
        self.summary.ready
    }

    /// Results by domain, in framework order.
    pub fn domains(&self) -> impl ExactSizeIterator<Item = DomainAssessment<'_>> + '_ {
        self.frame.domains.iter().map(move |d| {
            let competencies = CompetencyList {
                assessment: self,
                span: d.competencies,
            };
            DomainAssessment {
                id: &d.id,
                code: d.code.as_ref(),
                title: &d.title,
                summary: Summary::of(
                    d.competencies
                        .of(&self.cells)
                        .iter()
                        .map(|cell| cell.status),
                    self.frame.role.is_some(),
                ),
                competencies,
            }
        })
    }

    /// Every competency, in framework order.
    pub fn competencies(&self) -> impl ExactSizeIterator<Item = CompetencyAssessment<'_>> + '_ {
        CompetencyList {
            assessment: self,
            span: Span::new(0..self.frame.competencies.len()),
        }
        .iter()
    }

    /// The competency with this id.
    pub fn competency(&self, id: &str) -> Option<CompetencyAssessment<'_>> {
        self.competencies().find(|c| c.id.as_str() == id)
    }

    /// Every claim and what became of it, in input order.
    pub fn ledger(&self) -> impl ExactSizeIterator<Item = LedgerEntry<'_>> + '_ {
        self.ledger.iter().map(move |e| self.entry(e))
    }

    pub(crate) fn competency_at<'a>(
        &'a self,
        k: usize,
        c: &'a CompetencyFrame,
    ) -> CompetencyAssessment<'a> {
        let frame = &*self.frame;
        let cell = self.cells.get(k).copied().unwrap_or(Cell {
            status: Status::NotTargeted,
            source: Source::Plain,
        });
        let level = |rank: Option<LevelRank>| {
            rank.map(|r| frame.scale.get(r.index()).map_or(unknown_id(), |l| &l.id))
        };
        let own = match cell.source {
            Source::Own => self
                .own
                .binary_search_by_key(&Position::new(k), |o| o.position)
                .ok()
                .and_then(|n| Some((self.own.get(n)?, n))),
            _ => None,
        };
        let none = IdList::items(&self.items, &[]);
        let (achieved, evidence, gaps, related_evidence) = match (own, cell.source) {
            (Some((own, n)), _) => {
                let details = self.details();
                let at = details.own.get(n).copied().unwrap_or_default();
                let lists = &details.store.lists;
                (
                    own.achieved,
                    IdList::items(&self.items, at.evidence.of(lists)),
                    Gaps::new(frame, &self.items, &details.store, at.gaps, c),
                    IdList::items(&self.items, at.related.of(lists)),
                )
            }
            (None, Source::Shared(shared)) => {
                let span = c
                    .shared_gaps
                    .get(shared.index())
                    .copied()
                    .unwrap_or_default();
                (
                    c.unevidenced,
                    none,
                    Gaps::new(frame, &self.items, &frame.store, span, c),
                    none,
                )
            }
            (None, _) => (
                c.unevidenced,
                none,
                Gaps::new(frame, &self.items, &frame.store, Span::default(), c),
                none,
            ),
        };
        CompetencyAssessment {
            id: &c.id,
            code: c.code.as_ref(),
            title: &c.title,
            status: cell.status,
            values: &c.values,
            target: c.target.as_ref(),
            achieved: level(achieved),
            evidence,
            gaps,
            related_evidence,
            not_applicable: c.not_applicable.as_ref(),
        }
    }

    fn entry<'a>(&'a self, e: &'a Entry) -> LedgerEntry<'a> {
        let frame = &*self.frame;
        let name = |n: u32| self.names.get(widen(n)).unwrap_or(unknown_id());
        let item = self.items.get(widen(e.item));
        let kind = match item.map(|i| i.kind) {
            Some(Named::Known(k)) => frame.kinds.get(widen(k)).map_or(unknown_id(), |k| &k.id),
            Some(Named::Other(n)) => name(n),
            None => unknown_id(),
        };
        let (migrated_from, crosswalked_from, relation) = match e.route {
            Route::Direct => (None, None, None),
            Route::Migrated { from } => (Some(name(from)), None, None),
            Route::Crosswalked { from, relation } => (None, Some(name(from)), Some(relation)),
        };
        LedgerEntry {
            evidence: item.map_or(unknown_id(), |i| &i.id),
            item: widen(e.item),
            claim: e.claim.map(widen),
            kind,
            date: item.map_or(e.current_until.unwrap_or(self.as_of), |i| i.date),
            assessor_role: item.and_then(|i| i.role),
            competency: e.competency.map(|c| match c {
                Named::Known(p) => frame
                    .competencies
                    .get(p.index())
                    .map_or(unknown_id(), |c| &c.id),
                Named::Other(n) => name(n),
            }),
            migrated_from,
            crosswalked_from,
            relation,
            level: e.level.map(|l| match l {
                Named::Known(r) => frame.scale.get(r.index()).map_or(unknown_id(), |l| &l.id),
                Named::Other(n) => name(n),
            }),
            disposition: e.disposition,
            current_until: e.current_until,
            unknown_indicators: e.unknown_indicators.of(&self.names),
            not_applicable_indicators: e.not_applicable_indicators.of(&self.names),
        }
    }

    /// The lists and gaps of the competencies with a result of their own, found when first
    /// asked for.
    pub(crate) fn details(&self) -> &Details {
        self.details.get_or_init(|| {
            gaps::explain(
                &self.frame,
                &self.items,
                &self.ledger,
                &self.indicators,
                &self.cells,
                &self.own,
            )
        })
    }

    /// The report's shape, borrowed: what serialisation, equality and `Debug` go through.
    fn report(&self) -> Report<'_> {
        Report {
            learner: &self.learner,
            framework: &self.frame.framework,
            role: self.frame.role.as_ref(),
            as_of: self.as_of,
            scale: &self.frame.scale,
            values: &self.frame.values,
            summary: self.summary,
            voice: self.voice.as_deref(),
            organisation: self.organisation.as_deref(),
            domains: DomainList(self),
            ledger: LedgerList(self),
        }
    }
}

impl PartialEq for Assessment {
    fn eq(&self, other: &Self) -> bool {
        self.report() == other.report()
    }
}

impl Eq for Assessment {}

impl fmt::Debug for Assessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.report();
        f.debug_struct("Assessment")
            .field("learner", r.learner)
            .field("framework", r.framework)
            .field("role", &r.role)
            .field("as_of", &r.as_of)
            .field("scale", &r.scale)
            .field("values", &r.values)
            .field("summary", &r.summary)
            .field("voice", &r.voice)
            .field("organisation", &r.organisation)
            .field("domains", &r.domains)
            .field("ledger", &r.ledger)
            .finish()
    }
}

impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(serializer)
    }
}

/// The report's shape, borrowed from an assessment (the shape read back, and the schema, are
/// `read`'s).
#[derive(Debug, PartialEq, Eq, Serialize)]
struct Report<'a> {
    /// The learner's opaque id.
    learner: &'a Id,
    /// The framework assessed against.
    framework: &'a FrameworkInfo,
    /// The role assessed for; absent when none was given.
    role: Option<&'a RoleInfo>,
    /// The date the assessment holds on.
    as_of: Date,
    /// The framework's scale, lowest first.
    scale: &'a [LevelInfo],
    /// The framework's values, in framework order.
    #[serde(skip_serializing_if = "is_empty_values")]
    values: &'a [ValueInfo],
    /// Counts, coverage and readiness over the whole framework.
    summary: Summary,
    /// The learner's own voice, from the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    voice: Option<&'a Voice>,
    /// The learner's organisation's readiness, as context.
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<&'a OrganisationContext>,
    /// Results by domain, in framework order.
    domains: DomainList<'a>,
    /// Every claim and what became of it, in input order.
    ledger: LedgerList<'a>,
}

/// The domains of an assessment, as a list for serialising.
struct DomainList<'a>(&'a Assessment);

/// The ledger of an assessment, as a list for serialising.
struct LedgerList<'a>(&'a Assessment);

impl<'a> DomainList<'a> {
    fn iter(&self) -> impl Iterator<Item = DomainAssessment<'a>> + 'a {
        self.0.domains()
    }
}

impl<'a> LedgerList<'a> {
    fn iter(&self) -> impl Iterator<Item = LedgerEntry<'a>> + 'a {
        self.0.ledger()
    }
}

/// Serialisation, equality and `Debug` of a list read through its `iter`.
macro_rules! list_impls {
    ($list:ident) => {
        impl Serialize for $list<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }

        impl PartialEq for $list<'_> {
            fn eq(&self, other: &Self) -> bool {
                self.iter().eq(other.iter())
            }
        }

        impl Eq for $list<'_> {}

        impl fmt::Debug for $list<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }
    };
}

list_impls!(DomainList);
list_impls!(LedgerList);
list_impls!(CompetencyList);

/// One domain's results, read from an [`Assessment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DomainAssessment<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a Text>,
    /// Its title.
    pub title: &'a Text,
    /// Counts, coverage and readiness within the domain.
    pub summary: Summary,
    /// Its competencies, in framework order.
    pub competencies: CompetencyList<'a>,
}

/// Competencies of an assessment, in framework order.
#[derive(Clone, Copy)]
pub struct CompetencyList<'a> {
    assessment: &'a Assessment,
    /// Positions.
    span: Span,
}

impl<'a> CompetencyList<'a> {
    /// How many.
    pub fn len(&self) -> usize {
        self.span.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.span.is_empty()
    }

    /// The competencies.
    pub fn iter(self) -> impl ExactSizeIterator<Item = CompetencyAssessment<'a>> + 'a {
        let assessment = self.assessment;
        let start = self.span.start();
        self.span
            .of(&assessment.frame.competencies)
            .iter()
            .enumerate()
            .map(move |(n, c)| assessment.competency_at(start + n, c))
    }
}

impl<'a> IntoIterator for &CompetencyList<'a> {
    type Item = CompetencyAssessment<'a>;
    type IntoIter = Box<dyn Iterator<Item = CompetencyAssessment<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// One competency's result, read from an [`Assessment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CompetencyAssessment<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its display code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a Text>,
    /// Its title.
    pub title: &'a Text,
    /// Where it stands for the role.
    pub status: Status,
    /// The values it serves.
    #[serde(skip_serializing_if = "is_empty")]
    pub values: &'a [Id],
    /// The level the role asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'a Id>,
    /// The highest level demonstrated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<&'a Id>,
    /// The items that counted towards it, by date then id.
    #[serde(skip_serializing_if = "IdList::is_empty")]
    pub evidence: IdList<'a>,
    /// What stands between it and `met`, when targeted and not met.
    #[serde(skip_serializing_if = "Gaps::is_empty")]
    pub gaps: Gaps<'a>,
    /// With gaps: evidence items linked to it through a crosswalk only as `related`. They do
    /// not count, but may point to what to build on.
    #[serde(skip_serializing_if = "IdList::is_empty")]
    pub related_evidence: IdList<'a>,
    /// Why it is not assessed here, when a tailoring excludes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<&'a NotApplicable>,
}

/// One line of the ledger, read from an [`Assessment`]: a claim and what became of it.
/// Evidence is identified by id only; its summary is never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
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
    /// The role in which the item's assessor saw the learner's practice, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessor_role: Option<AssessorRole>,
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
    #[serde(skip_serializing_if = "is_empty")]
    pub unknown_indicators: &'a [Id],
    /// Indicators named that a tailoring excludes here.
    #[serde(skip_serializing_if = "is_empty")]
    pub not_applicable_indicators: &'a [Id],
}

fn is_empty(ids: &&[Id]) -> bool {
    ids.is_empty()
}

fn is_empty_values(values: &&[ValueInfo]) -> bool {
    values.is_empty()
}

/// The context an organisation's readiness assessment gives its workers' plans; `None`
/// when it was made without a role (there is then nothing it is working towards).
fn organisation_context(organisation: &Assessment) -> Option<OrganisationContext> {
    let role = organisation.role()?.clone();
    let working_on = organisation
        .competencies()
        .filter(|c| {
            matches!(
                c.status,
                Status::Partial | Status::Missing | Status::Blocked
            )
        })
        .map(|c| OrganisationArea {
            id: c.id.clone(),
            code: c.code.cloned(),
            title: c.title.clone(),
            status: c.status,
            to_show: c
                .gaps
                .iter()
                .filter_map(|g| match &g.detail {
                    GapDetail::Indicators { missing, .. } => {
                        Some(missing.iter().map(|m| m.text.clone()).collect::<Vec<_>>())
                    }
                    _ => None,
                })
                .flatten()
                .collect(),
        })
        .collect();
    Some(OrganisationContext {
        id: organisation.learner().clone(),
        framework: organisation.framework().name.clone(),
        role,
        as_of: organisation.as_of(),
        coverage: organisation.summary().coverage,
        working_on,
    })
}
