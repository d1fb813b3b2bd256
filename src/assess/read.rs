//! Reading a JSON report back into an [`Assessment`]: the report is parsed in its written
//! shape, then turned into the compact form, with a frame of its own built from the titles it
//! carries. The next steps are kept as written.
//!
//! A report must hold together to be read: every evidence id it cites is an item of its
//! ledger, every prerequisite a competency it lists, every level on its scale, the numbers of
//! a gap agree (`short` is `need - have`), and the summaries count the statuses. Reports this
//! crate writes always do; a hand-edited one that does not is refused with the reason, rather
//! than read into an assessment that would write a different report.

use super::frame::{
    CompetencyFrame, DomainFrame, Frame, FrameworkInfo, IndicatorFrame, KindFrame, LevelInfo,
    NotApplicable, RoleInfo, ValueInfo,
};
use super::gap::{Details, GapData, GapStore, OwnDetails};
use super::ledger::{Disposition, Entry, Item, Named, Route};
use super::organisation::OrganisationContext;
use super::position::{LevelRank, Position, Span};
use super::result::Assessment;
use super::status::{Cell, Own, Source, Status};
use super::summary::Summary;
use super::view::Total;
use crate::model::{AssessorRole, Date, Id, Relation, Text, Voice};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

impl<'de> Deserialize<'de> for Assessment {
    /// Reads an assessment from its report.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Assessment, D::Error> {
        let report = Report::deserialize(deserializer)?;
        build(report).map_err(|e| {
            serde::de::Error::custom(format!("the report does not hold together: {e}"))
        })
    }
}

/// The report's JSON Schema (`schema/report.schema.json`): the shape the types below read,
/// which is the shape [`Assessment`] writes (the tests read back every report they write).
impl JsonSchema for Assessment {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Assessment".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Report::json_schema(generator)
    }
}

// The report as written. Field and type names, and doc comments, make the committed schema.

/// A learner's evidence assessed against a framework and role, as of a date.
#[derive(Deserialize, JsonSchema)]
#[schemars(title = "competence assessment report")]
struct Report {
    /// The learner's opaque id.
    learner: Id,
    /// The framework assessed against.
    framework: FrameworkInfo,
    /// The role assessed for; absent when none was given.
    role: Option<RoleInfo>,
    /// The date the assessment holds on.
    as_of: Date,
    /// The framework's scale, lowest first.
    scale: Vec<LevelInfo>,
    /// The framework's values, in framework order.
    #[serde(default)]
    values: Vec<ValueInfo>,
    /// Counts, coverage and readiness over the whole framework.
    summary: Summary,
    /// The learner's own voice, from the record: goals, reflections, response to the plan,
    /// supervisor's comments and the plan as agreed. Assessment never reads it.
    #[serde(default)]
    voice: Option<Voice>,
    /// The learner's organisation's readiness, as context for the plan (not the learner's
    /// gaps).
    #[serde(default)]
    organisation: Option<OrganisationContext>,
    /// Results by domain, in framework order.
    domains: Vec<DomainAssessment>,
    /// Every claim and what became of it, in input order.
    ledger: Vec<LedgerEntry>,
}

/// One domain's results.
#[derive(Deserialize, JsonSchema)]
struct DomainAssessment {
    /// Its id.
    id: Id,
    /// Its display code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<Text>,
    /// Its title.
    title: Text,
    /// Counts, coverage and readiness within the domain.
    summary: Summary,
    /// Its competencies, in framework order.
    competencies: Vec<CompetencyAssessment>,
}

/// One competency's result.
#[derive(Deserialize, JsonSchema)]
struct CompetencyAssessment {
    /// Its id.
    id: Id,
    /// Its display code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<Text>,
    /// Its title.
    title: Text,
    /// Where it stands for the role.
    status: Status,
    /// The values it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    values: Vec<Id>,
    /// The level the role asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<Id>,
    /// The highest level demonstrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    achieved: Option<Id>,
    /// The items that counted towards it, by date then id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<Id>,
    /// What stands between it and `met`, when targeted and not met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    gaps: Vec<Gap>,
    /// With gaps: evidence items linked to it through a crosswalk only as `related`. They do
    /// not count, but may point to what to build on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related_evidence: Vec<Id>,
    /// Why it is not assessed here, when a tailoring excludes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_applicable: Option<NotApplicable>,
}

/// One reason a targeted competency is not met yet, with a suggested next step.
#[derive(Deserialize, JsonSchema)]
struct Gap {
    #[serde(flatten)]
    detail: GapDetail,
    /// A suggestion in plain words.
    next_step: String,
}

/// The kinds of gap, in the order reports list them.
#[derive(Deserialize, JsonSchema)]
#[serde(tag = "code", rename_all = "kebab-case")]
enum GapDetail {
    /// The level reached so far is below the target.
    Level {
        /// The level demonstrated so far, if any.
        achieved: Option<Id>,
        /// The level the role asks for.
        target: Id,
    },
    /// The evidence at the target level weighs less than the rule asks.
    Weight {
        /// Total weight at the target level or above.
        have: Total,
        /// What the rule asks for.
        need: Total,
        /// The difference.
        short: Total,
    },
    /// Fewer items at the target level than the rule asks.
    Items {
        /// Items at the target level or above.
        have: u32,
        /// What the rule asks for.
        need: u32,
        /// The difference.
        short: u32,
    },
    /// No item at the target level comes from an independent source.
    Independent {
        /// The kinds of evidence that are independent, in policy order.
        kinds: Vec<Id>,
    },
    /// No item at the target level was assessed by someone in one of the roles the policy
    /// asks for (`require_assessor`).
    Assessor {
        /// The roles, in the vocabulary's order.
        roles: Vec<AssessorRole>,
    },
    /// Indicators expected up to the target level that no evidence names yet.
    Indicators {
        /// The indicators, in framework order.
        missing: Vec<MissingIndicator>,
        /// Whether the policy requires every one of them (`require_indicators`); when not,
        /// they are the abilities still to show, listed to guide the next steps.
        #[serde(default = "yes")]
        required: bool,
    },
    /// Evidence at the target level that has expired and would count if renewed.
    Expired {
        /// The items, by date then id.
        evidence: Vec<Id>,
    },
    /// Prerequisites that are not met yet.
    Prerequisites {
        /// The competencies, in framework order.
        competencies: Vec<Id>,
    },
    /// The most recent evidence recorded as `not-yet`, for context.
    NotYet {
        /// The item's id.
        evidence: Id,
        /// Its date.
        date: Date,
    },
}

/// An indicator not yet evidenced.
#[derive(Deserialize, JsonSchema)]
struct MissingIndicator {
    /// Its id.
    id: Id,
    /// What it looks like in practice.
    text: Text,
    /// The level at which it is expected.
    level: Id,
}

/// One line of the ledger: a claim and what became of it. Evidence is identified by id only;
/// its summary is never copied.
#[derive(Deserialize, JsonSchema)]
pub(crate) struct LedgerEntry {
    /// The evidence item's id.
    evidence: Id,
    /// The item's position in the record, from 0 (tells duplicates apart).
    item: usize,
    /// The claim's position in the item, from 0; absent for an item without claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    claim: Option<usize>,
    /// The item's kind.
    kind: Id,
    /// The item's date.
    date: Date,
    /// The role in which the item's assessor saw the learner's practice, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessor_role: Option<AssessorRole>,
    /// The competency: the successor when migrated, otherwise as named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    competency: Option<Id>,
    /// The old id the claim named, when it was migrated through `replaces`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    migrated_from: Option<Id>,
    /// The competency of the record's own framework the claim named, when it was read through
    /// a crosswalk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    crosswalked_from: Option<Id>,
    /// The crosswalk link's relation, when the claim was read through a crosswalk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    /// The level claimed, or the lowest level when the claim names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<Id>,
    /// What became of the claim.
    disposition: Disposition,
    /// The last day the item is current for this competency, when it expires at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    current_until: Option<Date>,
    /// Indicators named that the competency does not have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unknown_indicators: Vec<Id>,
    /// Indicators named that a tailoring excludes here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    not_applicable_indicators: Vec<Id>,
}

/// Reports written before `required` was listed only required indicators.
fn yes() -> bool {
    true
}

fn index(n: usize, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what} {n} is out of range"))
}

fn build(report: Report) -> Result<Assessment, String> {
    let mut names: Vec<Id> = Vec::new();
    let items = items(&report.ledger, &mut names)?;
    let ledger = report
        .ledger
        .into_iter()
        .map(|e| entry(e, &mut names))
        .collect::<Result<Vec<Entry>, String>>()?;
    let scale = report.scale;
    let rank = |id: &Id| {
        scale
            .iter()
            .rposition(|l| l.id == *id)
            .map(LevelRank::new)
            .ok_or_else(|| format!("the level `{id}` is not on its scale"))
    };
    let mut item_at: HashMap<&str, u32> = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        item_at.entry(item.id.as_str()).or_insert(index(n, "item")?);
    }
    let item = |id: &Id| {
        item_at
            .get(id.as_str())
            .copied()
            .ok_or_else(|| format!("the evidence `{id}` is not in its ledger"))
    };
    let mut position_of: HashMap<String, u32> = HashMap::new();
    for (n, c) in report
        .domains
        .iter()
        .flat_map(|d| &d.competencies)
        .enumerate()
    {
        position_of
            .entry(c.id.as_str().to_owned())
            .or_insert(index(n, "competency")?);
    }
    let has_role = report.role.is_some();
    let mut domains = Vec::with_capacity(report.domains.len());
    let mut competencies: Vec<CompetencyFrame> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut own: Vec<Own> = Vec::new();
    let mut details: Vec<OwnDetails> = Vec::new();
    let mut store = GapStore::default();
    let mut kinds: Option<Vec<Id>> = None;
    for domain in report.domains {
        let start = competencies.len();
        for c in domain.competencies {
            let k = competencies.len();
            let achieved = c.achieved.as_ref().map(&rank).transpose()?;
            let evidence = ids(&c.evidence, &item, &mut store.lists)?;
            let related = ids(&c.related_evidence, &item, &mut store.lists)?;
            let mut frame = CompetencyFrame {
                target_rank: c.target.as_ref().and_then(|t| rank(t).ok()),
                id: c.id,
                code: c.code,
                title: c.title,
                target: c.target,
                not_applicable: c.not_applicable,
                values: c.values,
                indicators: Vec::new(),
                unevidenced: None,
                shared_gaps: [Span::default(); 3],
            };
            let from = store.gaps.len();
            for gap in c.gaps {
                let data = match gap.detail {
                    GapDetail::Level { achieved, target } => {
                        if frame.target.as_ref() != Some(&target) {
                            return Err(format!(
                                "a level gap of `{}` aims at `{target}`, not its target",
                                frame.id
                            ));
                        }
                        GapData::Level {
                            achieved: achieved.as_ref().map(&rank).transpose()?,
                        }
                    }
                    GapDetail::Weight { have, need, short } => {
                        if need.0.checked_sub(have.0) != Some(short.0) {
                            return Err(format!("a weight gap of `{}` does not add up", frame.id));
                        }
                        GapData::Weight {
                            have: have.0,
                            need: need.0,
                        }
                    }
                    GapDetail::Items { have, need, short } => {
                        if need.checked_sub(have) != Some(short) {
                            return Err(format!("an items gap of `{}` does not add up", frame.id));
                        }
                        GapData::Items { have, need }
                    }
                    GapDetail::Independent { kinds: listed } => {
                        match &kinds {
                            None => kinds = Some(listed),
                            Some(known) if *known == listed => {}
                            Some(_) => {
                                return Err("its independent gaps list different kinds".into());
                            }
                        }
                        GapData::Independent
                    }
                    GapDetail::Assessor { roles } => GapData::Assessor {
                        roles: roles.iter().fold(0, |set, r| set | r.bit()),
                    },
                    GapDetail::Indicators { missing, required } => {
                        let mut at = Vec::with_capacity(missing.len());
                        for m in missing {
                            let level = rank(&m.level)?;
                            let found = frame.indicators.iter().position(|i| i.id == m.id);
                            let n = match found {
                                Some(n) => {
                                    let same = frame
                                        .indicators
                                        .get(n)
                                        .is_some_and(|i| i.text == m.text && i.level == level);
                                    if !same {
                                        return Err(format!(
                                            "the indicator `{}` is described twice",
                                            m.id
                                        ));
                                    }
                                    n
                                }
                                None => {
                                    frame.indicators.push(IndicatorFrame {
                                        id: m.id,
                                        text: m.text,
                                        level,
                                    });
                                    frame.indicators.len() - 1
                                }
                            };
                            at.push(index(n, "indicator")?);
                        }
                        GapData::Indicators {
                            required,
                            missing: Span::push(&mut store.lists, at),
                        }
                    }
                    GapDetail::Expired { evidence } => GapData::Expired {
                        evidence: ids(&evidence, &item, &mut store.lists)?,
                    },
                    GapDetail::Prerequisites { competencies } => {
                        let mut at = Vec::with_capacity(competencies.len());
                        for id in &competencies {
                            at.push(position_of.get(id.as_str()).copied().ok_or_else(|| {
                                format!("the prerequisite `{id}` is not one of its competencies")
                            })?);
                        }
                        GapData::Prerequisites {
                            competencies: Span::push(&mut store.lists, at),
                        }
                    }
                    GapDetail::NotYet { evidence, date } => GapData::NotYet {
                        item: item(&evidence)?,
                        date,
                    },
                };
                store.gaps.push(data);
                store.words.push(gap.next_step);
            }
            let gaps = Span::since(&store.gaps, from);
            let plain =
                achieved.is_none() && evidence.is_empty() && gaps.is_empty() && related.is_empty();
            if !plain {
                own.push(Own {
                    position: Position::new(k),
                    achieved,
                });
                details.push(OwnDetails {
                    evidence,
                    gaps,
                    related,
                });
            }
            cells.push(Cell {
                status: c.status,
                source: if plain { Source::Plain } else { Source::Own },
            });
            competencies.push(frame);
        }
        let span = Span::new(start..competencies.len());
        let counted = Summary::of(span.of(&cells).iter().map(|c| c.status), has_role);
        if counted != domain.summary {
            return Err(format!(
                "the summary of the domain `{}` does not count its statuses",
                domain.id
            ));
        }
        domains.push(DomainFrame {
            id: domain.id,
            code: domain.code,
            title: domain.title,
            competencies: span,
        });
    }
    if Summary::of(cells.iter().map(|c| c.status), has_role) != report.summary {
        return Err("its summary does not count its statuses".into());
    }
    let kinds: Vec<KindFrame> = kinds
        .unwrap_or_default()
        .into_iter()
        .map(|id| KindFrame {
            id,
            title: None,
            weight: 0,
            independent: true,
        })
        .collect();
    let frame = Frame {
        framework: report.framework,
        role: report.role,
        scale,
        values: report.values,
        domains,
        independent: (0..kinds.len())
            .map(|n| index(n, "kind"))
            .collect::<Result<_, _>>()?,
        kinds,
        competencies,
        store: GapStore::default(),
        engine: None,
    };
    Ok(Assessment {
        frame: Arc::new(frame),
        learner: report.learner,
        as_of: report.as_of,
        summary: report.summary,
        items,
        ledger,
        names,
        indicators: Vec::new(),
        cells,
        own,
        details: OnceLock::from(Details {
            store,
            own: details,
        }),
        voice: report.voice.map(Arc::new),
        organisation: report.organisation.map(Arc::new),
    })
}

/// Evidence ids as item indices, pushed to `lists`.
fn ids(
    ids: &[Id],
    item: &impl Fn(&Id) -> Result<u32, String>,
    lists: &mut Vec<u32>,
) -> Result<Span, String> {
    let from = lists.len();
    for id in ids {
        lists.push(item(id)?);
    }
    Ok(Span::since(lists, from))
}

/// The record's items, as the ledger names them (every item has at least one entry).
fn items(ledger: &[LedgerEntry], names: &mut Vec<Id>) -> Result<Vec<Item>, String> {
    let count = ledger
        .iter()
        .map(|e| e.item.saturating_add(1))
        .max()
        .unwrap_or(0);
    if count > ledger.len() {
        return Err("its ledger skips an item".into());
    }
    let mut found: Vec<Option<&LedgerEntry>> = vec![None; count];
    for e in ledger {
        match found.get_mut(e.item) {
            Some(slot @ None) => *slot = Some(e),
            Some(Some(first)) => {
                if first.evidence != e.evidence
                    || first.kind != e.kind
                    || first.date != e.date
                    || first.assessor_role != e.assessor_role
                {
                    return Err(format!("its ledger describes item {} two ways", e.item));
                }
            }
            None => return Err("its ledger skips an item".into()),
        }
    }
    let mut items = Vec::with_capacity(count);
    for e in found {
        let e = e.ok_or("its ledger skips an item")?;
        let kind = Named::Other(index(names.len(), "name")?);
        names.push(e.kind.clone());
        items.push(Item {
            id: e.evidence.clone(),
            kind,
            date: e.date,
            role: e.assessor_role,
        });
    }
    Ok(items)
}

/// A ledger entry, with every name kept as written.
fn entry(e: LedgerEntry, names: &mut Vec<Id>) -> Result<Entry, String> {
    let mut name = |id: Id| -> Result<u32, String> {
        let at = index(names.len(), "name")?;
        names.push(id);
        Ok(at)
    };
    let route = match (e.migrated_from, e.crosswalked_from, e.relation) {
        (None, None, None) => Route::Direct,
        (Some(old), None, None) => Route::Migrated { from: name(old)? },
        (None, Some(from), Some(relation)) => Route::Crosswalked {
            from: name(from)?,
            relation,
        },
        _ => return Err(format!("a ledger entry of item {} mixes routes", e.item)),
    };
    let competency = e.competency.map(&mut name).transpose()?.map(Named::Other);
    let level = e.level.map(&mut name).transpose()?.map(Named::Other);
    let unknown_indicators = Span::push(names, e.unknown_indicators);
    let not_applicable_indicators = Span::push(names, e.not_applicable_indicators);
    Ok(Entry {
        item: index(e.item, "item")?,
        claim: e.claim.map(|c| index(c, "claim")).transpose()?,
        competency,
        level,
        route,
        disposition: e.disposition,
        current_until: e.current_until,
        unknown_indicators,
        not_applicable_indicators,
        indicators: Span::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_a_read_report_are_its_own() {
        assert_eq!(index(3, "item").ok(), Some(3));
        assert!(index(usize::MAX, "item").is_err());
    }
}
