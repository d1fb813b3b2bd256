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

use super::frame::{CompetencyFrame, Frame, KindFrame};
use super::gaps::{GapStore, Gaps};
use super::ledger::{Disposition, Entry, Item, Named, Route};
use super::position::{LevelRank, Position, Span, widen};
use super::status::Status;
use super::summary::Summary;
use crate::model::{Amount, Date, Id, Relation, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, LazyLock, OnceLock};

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
}

/// The lists and gaps of the competencies with a result of their own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Details {
    /// Their gaps, and the item lists the details point into.
    pub store: GapStore,
    /// Parallel to the assessment's `own`.
    pub own: Vec<OwnDetails>,
}

/// Where one competency's lists and gaps are, in [`Details::store`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OwnDetails {
    /// Item indices in the lists, by date then id.
    pub evidence: Span,
    pub gaps: Span,
    /// Item indices in the lists.
    pub related: Span,
}

/// One competency's status, and where the rest of its result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub status: Status,
    pub source: Source,
}

/// Where a competency's result is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// No evidence and no gaps: the level without evidence, from the frame.
    Plain,
    /// No evidence: the level without evidence and shared gaps, from the frame.
    Shared(Shared),
    /// In the assessment's `own`.
    Own,
}

/// Which of a competency's shared gaps (those without evidence) apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shared {
    /// Every prerequisite is satisfied.
    Satisfied,
    /// None is.
    Unsatisfied,
    /// Some are: those that are not for a learner without evidence.
    Baseline,
}

impl Shared {
    /// The shared gaps for `unmet` unsatisfied prerequisites out of `requires`: none or all
    /// of them (any other mix is the baseline's, or the learner's own).
    pub fn of(unmet: usize, requires: usize) -> Option<Shared> {
        if unmet == 0 {
            Some(Shared::Satisfied)
        } else if unmet == requires {
            Some(Shared::Unsatisfied)
        } else {
            None
        }
    }

    /// Its index in a competency's shared gaps.
    pub fn index(self) -> usize {
        match self {
            Shared::Satisfied => 0,
            Shared::Unsatisfied => 1,
            Shared::Baseline => 2,
        }
    }
}

/// A competency with a result of its own: its level (its lists and gaps are in
/// [`Details`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Own {
    pub position: Position,
    pub achieved: Option<LevelRank>,
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

    fn competency_at<'a>(&'a self, k: usize, c: &'a CompetencyFrame) -> CompetencyAssessment<'a> {
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
        self.details.get_or_init(|| super::gaps::explain(self))
    }

    /// The report's shape, borrowed: what serialisation, equality and `Debug` go through.
    fn report(&self) -> Report<'_> {
        Report {
            learner: &self.learner,
            framework: &self.frame.framework,
            role: self.frame.role.as_ref(),
            as_of: self.as_of,
            scale: &self.frame.scale,
            summary: self.summary,
            domains: DomainList(self),
            ledger: LedgerList(self),
        }
    }
}

/// An id for a view whose stored index points nowhere. Results are built so that this never
/// shows; it keeps the views total instead of panicking.
pub(crate) fn unknown_id() -> &'static Id {
    static UNKNOWN: LazyLock<Id> = LazyLock::new(|| Id::new(""));
    &UNKNOWN
}

/// A text for a view whose stored index points nowhere (see [`unknown_id`]).
pub(crate) fn unknown_text() -> &'static Text {
    static UNKNOWN: LazyLock<Text> = LazyLock::new(|| Text::new(""));
    &UNKNOWN
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
            .field("summary", &r.summary)
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

impl<'de> Deserialize<'de> for Assessment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Assessment, D::Error> {
        super::read::assessment(deserializer)
    }
}

impl JsonSchema for Assessment {
    fn schema_name() -> Cow<'static, str> {
        "Assessment".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        super::read::schema(generator)
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
    /// Counts, coverage and readiness over the whole framework.
    summary: Summary,
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
list_impls!(IdList);

/// The framework an assessment used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct FrameworkInfo {
    /// `id@version`.
    pub name: String,
    /// Its title.
    pub title: Text,
    /// Where and for whom a tailoring applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    /// The tailoring chain, base first, as `id@version`.
    pub chain: Vec<String>,
    /// The crosswalk the record's claims were read through, when it was made against another
    /// framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<CrosswalkInfo>,
}

/// The crosswalk an assessment read the claims through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CrosswalkInfo {
    /// The crosswalk, `id@version`.
    pub name: String,
    /// The framework the record was made against, `id@version`.
    pub from: String,
}

/// The role an assessment was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RoleInfo {
    /// Its id.
    pub id: Id,
    /// Its title.
    pub title: Text,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct LevelInfo {
    /// Its id.
    pub id: Id,
    /// Its title.
    pub title: Text,
}

/// Why a competency is not assessed in this context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct NotApplicable {
    /// The framework (`id@version`) that excluded it.
    pub by: String,
    /// Why.
    pub rationale: Text,
    /// The excluded domain it went with, when not excluded itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Id>,
}

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

/// A list of ids read from an assessment: evidence items, competencies or kinds of evidence.
#[derive(Clone, Copy)]
pub struct IdList<'a> {
    source: IdSource<'a>,
    at: &'a [u32],
}

#[derive(Clone, Copy)]
enum IdSource<'a> {
    Items(&'a [Item]),
    Competencies(&'a [CompetencyFrame]),
    Kinds(&'a [KindFrame]),
}

impl<'a> IdList<'a> {
    pub(crate) fn items(items: &'a [Item], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Items(items),
            at,
        }
    }

    pub(crate) fn competencies(competencies: &'a [CompetencyFrame], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Competencies(competencies),
            at,
        }
    }

    pub(crate) fn kinds(kinds: &'a [KindFrame], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Kinds(kinds),
            at,
        }
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The ids.
    pub fn iter(self) -> impl ExactSizeIterator<Item = &'a Id> + 'a {
        let source = self.source;
        self.at.iter().map(move |&n| {
            let n = widen(n);
            match source {
                IdSource::Items(items) => items.get(n).map(|i| &i.id),
                IdSource::Competencies(competencies) => competencies.get(n).map(|c| &c.id),
                IdSource::Kinds(kinds) => kinds.get(n).map(|k| &k.id),
            }
            .unwrap_or(unknown_id())
        })
    }
}

impl<'a> IntoIterator for &IdList<'a> {
    type Item = &'a Id;
    type IntoIter = Box<dyn Iterator<Item = &'a Id> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// A total of weights, held as exact thousandths and written as a decimal number (0.75).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Total(pub u64);

impl Total {
    /// The total in thousandths.
    pub fn thousandths(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Amount::from_thousandths(self.0), f)
    }
}

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As the model's amounts: a whole number, or the shortest float that round-trips,
        // which for three decimals is the decimal itself (1.25, never 1.2499…).
        Amount::from_thousandths(self.0).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Total, D::Error> {
        struct TotalVisitor;
        impl serde::de::Visitor<'_> for TotalVisitor {
            type Value = Total;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number at least 0 with at most three decimals")
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Total, E> {
                value
                    .checked_mul(1000)
                    .map(Total)
                    .ok_or_else(|| E::custom(format!("{value} is too large a total")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Total, E> {
                u64::try_from(value)
                    .map_err(|_| E::custom(format!("{value} is below 0")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Total, E> {
                let scaled = value * 1000.0;
                let rounded = scaled.round();
                if value.is_finite()
                    && (0.0..1e15).contains(&rounded)
                    && (scaled - rounded).abs() < 1e-6
                {
                    // In range and whole: the conversion is exact.
                    Ok(Total(rounded as u64))
                } else {
                    Err(E::custom(format!(
                        "{value} is not a total of weights (at least 0, at most three decimals)"
                    )))
                }
            }
        }
        deserializer.deserialize_any(TotalVisitor)
    }
}

impl JsonSchema for Total {
    fn schema_name() -> Cow<'static, str> {
        "Total".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "multipleOf": 0.001,
            "description": "A total of weights, at most three decimals."
        })
    }
}
