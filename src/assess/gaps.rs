//! Step 4 of DESIGN.md "Assessment": what stands between a targeted competency and `met`,
//! as data with a plain-language next step. Next steps suggest what to gather or work on;
//! they never pass judgement on the learner.
//!
//! A gap is stored as a few integers ([`GapData`]: ranks, weights, and spans of item indices,
//! positions or indicator indices in an arena); [`Gap`] is the view a caller reads, with ids
//! and the next step in words. The words are put together when a gap is read, from the
//! framework's titles that the assessment shares, so a cohort run that only counts readiness
//! never words a gap. Gaps shared by every learner (those of competencies without evidence)
//! are worded once per assessor; a report read back from JSON keeps the words it was given.

use super::frame::{CompetencyFrame, Frame, IndicatorFrame, KindFrame, LevelInfo};
use super::gap::{Details, GapData, GapStore, OwnDetails};
use super::ledger::{Disposition, Entry, Item, Named, Noted};
use super::levels::{self, Contribution, Levels};
use super::plan::{CompetencyPlan, Plan};
use super::position::{LevelRank, Position, Span, narrow, widen};
use super::status::{self, Cell, Own, Shared, Source, Standing, Status, Targets};
use super::view::{IdList, Total, unknown_id, unknown_text};
use crate::model::{AssessorRole, Date, Id, Text};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// One reason a targeted competency is not met yet, with a suggested next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Gap<'a> {
    /// What the gap is, with its data.
    #[serde(flatten)]
    pub detail: GapDetail<'a>,
    /// A suggestion in plain words.
    next_step: Cow<'a, str>,
}

impl Gap<'_> {
    /// A suggestion in plain words: what to gather or work on next.
    pub fn next_step(&self) -> &str {
        &self.next_step
    }
}

/// The kinds of gap, in the order reports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum GapDetail<'a> {
    /// The level reached so far is below the target.
    Level {
        /// The level demonstrated so far, if any.
        achieved: Option<&'a Id>,
        /// The level the role asks for.
        target: &'a Id,
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
        kinds: IdList<'a>,
    },
    /// No item at the target level was assessed by someone in one of the roles the policy
    /// asks for (`require_assessor`).
    Assessor {
        /// The roles, in the vocabulary's order.
        roles: AssessorRoles,
    },
    /// Indicators expected up to the target level that no evidence names yet.
    Indicators {
        /// The indicators, in framework order.
        missing: MissingIndicators<'a>,
        /// Whether the policy requires every one of them (`require_indicators`); when not,
        /// they are the abilities still to show, listed to guide the next steps.
        required: bool,
    },
    /// Evidence at the target level that has expired and would count if renewed.
    Expired {
        /// The items, by date then id.
        evidence: IdList<'a>,
    },
    /// Prerequisites that are not met yet.
    Prerequisites {
        /// The competencies, in framework order.
        competencies: IdList<'a>,
    },
    /// The most recent evidence recorded as `not-yet`, for context.
    NotYet {
        /// The item's id.
        evidence: &'a Id,
        /// Its date.
        date: Date,
    },
}

/// A set of assessor roles, listed in the vocabulary's order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AssessorRoles(pub(crate) u16);

impl AssessorRoles {
    /// The roles, in the vocabulary's order.
    pub fn iter(self) -> impl Iterator<Item = AssessorRole> {
        AssessorRole::ALL
            .into_iter()
            .filter(move |r| self.0 & r.bit() != 0)
    }

    /// Whether `role` is one of them.
    pub fn contains(self, role: AssessorRole) -> bool {
        self.0 & role.bit() != 0
    }
}

impl fmt::Debug for AssessorRoles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for AssessorRoles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// An indicator not yet evidenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MissingIndicator<'a> {
    /// Its id.
    pub id: &'a Id,
    /// What it looks like in practice.
    pub text: &'a Text,
    /// The level at which it is expected.
    pub level: &'a Id,
}

/// The indicators of an `indicators` gap, in framework order.
#[derive(Clone, Copy)]
pub struct MissingIndicators<'a> {
    indicators: &'a [IndicatorFrame],
    scale: &'a [LevelInfo],
    at: &'a [u32],
}

impl<'a> MissingIndicators<'a> {
    /// How many.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The indicators.
    pub fn iter(self) -> impl ExactSizeIterator<Item = MissingIndicator<'a>> + 'a {
        let (indicators, scale) = (self.indicators, self.scale);
        self.at
            .iter()
            .map(move |&i| match indicators.get(widen(i)) {
                Some(indicator) => MissingIndicator {
                    id: &indicator.id,
                    text: &indicator.text,
                    level: scale
                        .get(indicator.level.index())
                        .map_or(unknown_id(), |l| &l.id),
                },
                None => MissingIndicator {
                    id: unknown_id(),
                    text: unknown_text(),
                    level: unknown_id(),
                },
            })
    }
}

impl<'a> IntoIterator for &MissingIndicators<'a> {
    type Item = MissingIndicator<'a>;
    type IntoIter = Box<dyn Iterator<Item = MissingIndicator<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for MissingIndicators<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for MissingIndicators<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for MissingIndicators<'_> {}

impl Serialize for MissingIndicators<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The gaps of one competency, read from an assessment.
#[derive(Clone, Copy)]
pub struct Gaps<'a> {
    frame: &'a Frame,
    items: &'a [Item],
    store: &'a GapStore,
    span: Span,
    competency: &'a CompetencyFrame,
}

impl<'a> Gaps<'a> {
    pub(crate) fn new(
        frame: &'a Frame,
        items: &'a [Item],
        store: &'a GapStore,
        span: Span,
        competency: &'a CompetencyFrame,
    ) -> Gaps<'a> {
        Gaps {
            frame,
            items,
            store,
            span,
            competency,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.span.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.span.len()
    }

    /// The gaps, in the order reports list them.
    pub fn iter(self) -> impl ExactSizeIterator<Item = Gap<'a>> + 'a {
        let Gaps {
            frame,
            items,
            store,
            span,
            competency,
        } = self;
        let start = span.start();
        span.of(&store.gaps)
            .iter()
            .enumerate()
            .map(move |(n, data)| {
                let detail = detail(frame, competency, items, &store.lists, data);
                let next_step = match store.words.get(start + n) {
                    Some(words) => Cow::Borrowed(words.as_str()),
                    None => Cow::Owned(word(frame, competency, &store.lists, data, &detail)),
                };
                Gap { detail, next_step }
            })
    }
}

impl<'a> Gaps<'a> {
    /// The gaps as data only, without their next steps in words (the cohort line).
    pub(crate) fn details(self) -> impl ExactSizeIterator<Item = GapDetail<'a>> + 'a {
        let Gaps {
            frame,
            items,
            store,
            span,
            competency,
        } = self;
        span.of(&store.gaps)
            .iter()
            .map(move |data| detail(frame, competency, items, &store.lists, data))
    }
}

impl<'a> IntoIterator for &Gaps<'a> {
    type Item = Gap<'a>;
    type IntoIter = Box<dyn Iterator<Item = Gap<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for Gaps<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Gaps<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Gaps<'_> {}

impl Serialize for Gaps<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A stored gap as ids and numbers.
pub(crate) fn detail<'a>(
    frame: &'a Frame,
    competency: &'a CompetencyFrame,
    items: &'a [Item],
    lists: &'a [u32],
    data: &GapData,
) -> GapDetail<'a> {
    let level = |rank: LevelRank| frame.scale.get(rank.index()).map(|l| &l.id);
    match *data {
        GapData::Level { achieved } => GapDetail::Level {
            achieved: achieved.and_then(level),
            target: competency.target.as_ref().unwrap_or(unknown_id()),
        },
        GapData::Weight { have, need } => GapDetail::Weight {
            have: Total(have),
            need: Total(need),
            short: Total(need.saturating_sub(have)),
        },
        GapData::Items { have, need } => GapDetail::Items {
            have,
            need,
            short: need.saturating_sub(have),
        },
        GapData::Independent => GapDetail::Independent {
            kinds: IdList::kinds(&frame.kinds, &frame.independent),
        },
        GapData::Assessor { roles } => GapDetail::Assessor {
            roles: AssessorRoles(roles),
        },
        GapData::Indicators { missing, required } => GapDetail::Indicators {
            required,
            missing: MissingIndicators {
                indicators: &competency.indicators,
                scale: &frame.scale,
                at: missing.of(lists),
            },
        },
        GapData::Expired { evidence } => GapDetail::Expired {
            evidence: IdList::items(items, evidence.of(lists)),
        },
        GapData::Prerequisites { competencies } => GapDetail::Prerequisites {
            competencies: IdList::competencies(&frame.competencies, competencies.of(lists)),
        },
        GapData::NotYet { item, date } => GapDetail::NotYet {
            evidence: items.get(widen(item)).map_or(unknown_id(), |i| &i.id),
            date,
        },
    }
}

/// The next step for a gap of `competency`, in words.
pub(crate) fn word(
    frame: &Frame,
    competency: &CompetencyFrame,
    lists: &[u32],
    data: &GapData,
    detail: &GapDetail<'_>,
) -> String {
    let title = |rank: LevelRank| frame.scale.get(rank.index()).map(|l| l.title.as_str());
    // An organisation's self-review is about the organisation, not someone's practice.
    let organisation = frame
        .role
        .as_ref()
        .is_some_and(|r| r.subject == crate::model::RoleSubject::Organisation);
    let target = competency
        .target_rank
        .and_then(title)
        .or(competency.target.as_ref().map(Id::as_str))
        .unwrap_or_default();
    match detail {
        GapDetail::Level { .. } => {
            let achieved = match data {
                GapData::Level { achieved } => achieved.and_then(title),
                _ => None,
            };
            match achieved {
                Some(achieved) => {
                    format!("Shown so far at {achieved}; the aim is to show it at {target}.")
                }
                None => format!("The aim is to show this at {target}."),
            }
        }
        GapDetail::Weight { short, .. } => {
            let kinds = examples(&frame.kinds, |k| k.weight >= short.0, "for example");
            if kinds.is_empty() {
                format!(
                    "Gather more evidence of this at {target}: it will take more than one piece."
                )
            } else {
                format!("Gather more evidence of this at {target}{kinds}.")
            }
        }
        GapDetail::Items { short, .. } => {
            let occasions = if *short == 1 {
                "one more occasion".to_owned()
            } else {
                format!("{short} more occasions")
            };
            format!(
                "Show this at {target} on {occasions}, so the evidence is not from one moment only."
            )
        }
        GapDetail::Independent { .. } if organisation => format!(
            "Ask people who see this in practice, such as the peer workers employed here, to record it at {target}{}.",
            examples(&frame.kinds, |k| k.independent, "for example in")
        ),
        GapDetail::Independent { .. } => format!(
            "Ask someone who has seen your practice to record it at {target}{}.",
            examples(&frame.kinds, |k| k.independent, "for example in")
        ),
        GapDetail::Assessor { roles } => {
            let names: Vec<&str> = roles.iter().map(|r| r.words()).collect();
            let who = match names.as_slice() {
                [] => "someone in the role the policy names".to_owned(),
                [one] => (*one).to_owned(),
                [init @ .., last] => format!("{} or {last}", init.join(", ")),
            };
            if organisation {
                format!(
                    "Ask {who} to review this area at {target}, and record their role on the evidence."
                )
            } else {
                format!(
                    "Ask {who} who has worked alongside you to observe or discuss your practice in this area at {target}, and record their role on the evidence."
                )
            }
        }
        GapDetail::Indicators { missing, .. } => {
            let n = missing.len();
            format!(
                "Look for chances to show {} at {target}, and name {} on the evidence you record.",
                if n == 1 {
                    "this ability".to_owned()
                } else {
                    format!("these {n} abilities")
                },
                if n == 1 { "it" } else { "them" }
            )
        }
        GapDetail::Expired { evidence } => format!(
            "{} would count again if renewed: a recent piece of the same kind can take {} place.",
            list(evidence),
            if evidence.len() == 1 { "its" } else { "their" }
        ),
        GapDetail::Prerequisites { .. } => {
            let titles: Vec<&str> = match data {
                GapData::Prerequisites { competencies } => competencies
                    .of(lists)
                    .iter()
                    .filter_map(|&p| frame.competencies.get(widen(p)))
                    .map(|c| c.title.as_str())
                    .collect(),
                _ => Vec::new(),
            };
            format!(
                "This area builds on {}; working on {} first will let this one count in full.",
                titles.join(" and "),
                if titles.len() == 1 {
                    "that area"
                } else {
                    "those areas"
                }
            )
        }
        GapDetail::NotYet { evidence, date } => format!(
            "{evidence} ({date}) was recorded as not yet; the feedback from it is a good place to start in supervision."
        ),
    }
}

/// What the gaps of one competency are found from.
pub(crate) struct Context<'c> {
    pub competency: &'c CompetencyPlan,
    /// Its counted evidence, one contribution per item.
    pub evidence: &'c [Contribution],
    /// The indicator arena the contributions point into.
    pub indicators: &'c [u32],
    /// Its expired, not-yet and related entries.
    pub noted: &'c [Noted],
    pub entries: &'c [Entry],
    pub items: &'c [Item],
    pub target: LevelRank,
    pub achieved: Option<LevelRank>,
    pub unmet_prerequisites: &'c [Position],
}

/// The gaps of one targeted competency that is not met, pushed to `store`.
pub(crate) fn find(cx: &Context<'_>, store: &mut GapStore) -> Span {
    let from = store.gaps.len();
    let short_of_target = cx.achieved.is_none_or(|a| a < cx.target);
    let noted = |disposition: Disposition| {
        cx.noted
            .iter()
            .filter(move |n| n.disposition == disposition)
            .filter_map(|n| cx.entries.get(widen(n.entry)))
    };
    if short_of_target {
        store.push(GapData::Level {
            achieved: cx.achieved,
        });
        let check = levels::check(cx.competency, cx.evidence, cx.indicators, cx.target);
        let rule = &cx.competency.rule;
        if check.weight < rule.min_weight {
            store.push(GapData::Weight {
                have: check.weight,
                need: rule.min_weight,
            });
        }
        if check.items < rule.min_items {
            store.push(GapData::Items {
                have: check.items,
                need: rule.min_items,
            });
        }
        if rule.require_independent && !check.independent {
            store.push(GapData::Independent);
        }
        if rule.require_assessor != 0 && check.roles & rule.require_assessor == 0 {
            store.push(GapData::Assessor {
                roles: rule.require_assessor,
            });
        }
        if !check.missing_indicators.is_empty() {
            let missing = store.list(check.missing_indicators);
            store.push(GapData::Indicators {
                missing,
                required: rule.require_indicators,
            });
        }
        let at_target = |e: &&Entry| e.rank().is_some_and(|r| r >= cx.target);
        if noted(Disposition::Expired).any(|e| at_target(&e)) {
            let mut expired: Vec<u32> = noted(Disposition::Expired)
                .filter(at_target)
                .map(|e| e.item)
                .collect();
            let key = |n: &u32| cx.items.get(widen(*n)).map(|i| (i.date, &i.id));
            expired.sort_by(|a, b| key(a).cmp(&key(b)));
            expired.dedup();
            let evidence = store.list(expired);
            store.push(GapData::Expired { evidence });
        }
    }
    if !cx.unmet_prerequisites.is_empty() {
        let competencies = store.list(cx.unmet_prerequisites.iter().map(|p| narrow(p.index())));
        store.push(GapData::Prerequisites { competencies });
    }
    if short_of_target {
        let latest = noted(Disposition::NotYet)
            .filter_map(|e| Some((cx.items.get(widen(e.item))?, e.item)))
            .max_by(|(a, _), (b, _)| (a.date, &a.id).cmp(&(b.date, &b.id)));
        if let Some((found, item)) = latest {
            store.push(GapData::NotYet {
                item,
                date: found.date,
            });
        }
    }
    Span::since(&store.gaps, from)
}

/// Step 4, as an assessment is made: where each competency's gaps are. Only the competencies
/// step 3 worked out again are looked at; the rest keep the baseline's, which the frame
/// shares. Of those, one without counted, expired, not-yet or related evidence whose
/// prerequisites are all or none satisfied also takes its gaps from the frame; the others
/// get a result of their own, whose lists and gaps [`explain`] finds when first read.
pub(crate) fn locate(
    plan: &Plan,
    targets: &Targets,
    frame: &Frame,
    levels: &Levels,
    noted: &[Noted],
    standing: Standing,
    buffers: &mut status::Buffers,
) -> (Vec<Cell>, Vec<Own>) {
    let Standing {
        mut cells,
        met,
        recompute,
    } = standing;
    let mut own = Vec::with_capacity(recompute.len());
    let mut evidenced = levels.evidenced.iter().peekable();
    let mut noted = noted.iter().map(|n| n.position).peekable();
    for &position in &recompute {
        let k = position.index();
        let (Some(competency), Some(cell)) = (plan.competencies.get(k), cells.get_mut(k)) else {
            continue;
        };
        while evidenced.next_if(|e| e.position < position).is_some() {}
        while noted.next_if(|&p| p < position).is_some() {}
        let here = evidenced.next_if(|e| e.position == position);
        let has_noted = noted.peek() == Some(&position);
        let achieved = here.map_or(competency.unevidenced, |e| e.achieved);
        let gapped = matches!(
            cell.status,
            Status::Blocked | Status::Partial | Status::Missing
        ) && targets.rank(position).is_some()
            && frame
                .competencies
                .get(k)
                .is_some_and(|c| c.target.is_some());
        cell.source = if gapped && here.is_none() && !has_noted {
            let unmet = status::unsatisfied(plan, targets, levels, &met, position).count();
            match Shared::of(unmet, competency.requires.len()) {
                Some(shared) => Source::Shared(shared),
                None => Source::Own,
            }
        } else if gapped || here.is_some() {
            Source::Own
        } else {
            Source::Plain
        };
        if cell.source == Source::Own {
            own.push(Own { position, achieved });
        }
    }
    Standing::give_back(met, recompute, buffers);
    (cells, own)
}

/// Step 4, when an assessment is first read: the evidence lists and gaps of its competencies
/// with a result of their own, from its ledger, as [`locate`] left them.
pub(crate) fn explain(
    frame: &Frame,
    items: &[Item],
    ledger: &[Entry],
    indicators: &[u32],
    cells: &[Cell],
    own: &[Own],
) -> Details {
    let Some(engine) = &frame.engine else {
        return Details {
            store: GapStore::default(),
            own: vec![OwnDetails::default(); own.len()],
        };
    };
    let (plan, targets) = (&*engine.plan, &*engine.targets);
    // The ledger again, as steps 2 and 4 use it.
    let mut noted = Vec::new();
    for (n, e) in ledger.iter().enumerate() {
        if let (
            Some(Named::Known(position)),
            Disposition::Expired | Disposition::NotYet | Disposition::Related,
        ) = (e.competency, e.disposition)
        {
            noted.push(Noted {
                position,
                entry: narrow(n),
                disposition: e.disposition,
            });
        }
    }
    noted.sort_unstable();
    let mut indicators = indicators.to_vec();
    let levels = levels::score(
        plan,
        ledger,
        items,
        &mut indicators,
        &mut levels::Buffers::default(),
    );
    // Whether a prerequisite is satisfied, from the statuses: a targeted competency is met
    // exactly when its status is `met`.
    let achieved = |p: Position| match cells.get(p.index()).map(|c| c.source) {
        Some(Source::Own) => own
            .binary_search_by_key(&p, |o| o.position)
            .ok()
            .and_then(|n| own.get(n))
            .and_then(|o| o.achieved),
        _ => plan.get(p).and_then(|c| c.unevidenced),
    };
    let satisfied = |p: Position| {
        if targets.rank(p).is_some() {
            cells
                .get(p.index())
                .is_some_and(|c| c.status == Status::Met)
        } else {
            achieved(p).is_some()
        }
    };
    let mut store = GapStore {
        gaps: Vec::with_capacity(4 * own.len()),
        lists: Vec::with_capacity(ledger.len()),
        words: Vec::new(),
    };
    let mut details = Vec::with_capacity(own.len());
    let mut evidenced = levels.evidenced.iter().peekable();
    let mut rest = noted.as_slice();
    let mut unmet: Vec<Position> = Vec::new();
    for this in own {
        let position = this.position;
        let k = position.index();
        while evidenced.next_if(|e| e.position < position).is_some() {}
        let contributions = evidenced
            .next_if(|e| e.position == position)
            .map(|e| levels.of(e))
            .unwrap_or_default();
        let skip = rest.iter().take_while(|n| n.position < position).count();
        rest = rest.get(skip..).unwrap_or_default();
        let split = rest.iter().take_while(|n| n.position == position).count();
        let (noted_here, after) = rest.split_at_checked(split).unwrap_or((&[], rest));
        rest = after;
        let evidence = evidence_list(contributions, items, &mut store.lists);
        let status = cells.get(k).map_or(Status::NotTargeted, |c| c.status);
        let target = targets.rank(position);
        let (Some(competency), Some(target), Status::Blocked | Status::Partial | Status::Missing) =
            (plan.get(position), target, status)
        else {
            details.push(OwnDetails {
                evidence,
                gaps: Span::default(),
                related: Span::default(),
            });
            continue;
        };
        unmet.clear();
        unmet.extend(
            competency
                .requires
                .iter()
                .copied()
                .filter(|&p| !satisfied(p)),
        );
        let gaps = find(
            &Context {
                competency,
                evidence: contributions,
                indicators: &indicators,
                noted: noted_here,
                entries: ledger,
                items,
                target,
                achieved: this.achieved,
                unmet_prerequisites: &unmet,
            },
            &mut store,
        );
        let from = store.lists.len();
        if !gaps.is_empty() {
            for n in noted_here
                .iter()
                .filter(|n| n.disposition == Disposition::Related)
            {
                let Some(entry) = ledger.get(widen(n.entry)) else {
                    continue;
                };
                let seen = store
                    .lists
                    .get(from..)
                    .is_some_and(|seen| seen.contains(&entry.item));
                if !seen {
                    store.lists.push(entry.item);
                }
            }
        }
        details.push(OwnDetails {
            evidence,
            gaps,
            related: Span::since(&store.lists, from),
        });
    }
    Details {
        store,
        own: details,
    }
}

/// Finds and words, once, the gaps of every targeted competency without evidence, for
/// the two common prerequisite cases (all satisfied, none satisfied) and the one of a
/// learner without evidence; any other mix is found per learner.
pub(crate) fn share(frame: &mut Frame, plan: &Plan, targets: &Targets) {
    let mut store = GapStore::default();
    let mut partial = targets.baseline.partial.iter().peekable();
    for (k, (competency, planned)) in frame
        .competencies
        .iter_mut()
        .zip(&plan.competencies)
        .enumerate()
    {
        let k = Position::new(k);
        let baseline = partial.next_if(|(p, _)| *p == k).map(|(_, unmet)| unmet);
        let (Some(target), Some(_)) = (targets.rank(k), &competency.target) else {
            continue;
        };
        let with = |unmet: &[Position], store: &mut GapStore| {
            find(
                &Context {
                    competency: planned,
                    evidence: &[],
                    indicators: &[],
                    noted: &[],
                    entries: &[],
                    items: &[],
                    target,
                    achieved: planned.unevidenced,
                    unmet_prerequisites: unmet,
                },
                store,
            )
        };
        let none = with(&[], &mut store);
        let all = with(&planned.requires, &mut store);
        let some = baseline.map_or_else(Span::default, |unmet| with(unmet, &mut store));
        competency.shared_gaps = [none, all, some];
    }
    frame.store = store;
    let mut words = Vec::with_capacity(frame.store.gaps.len());
    for competency in &frame.competencies {
        for span in competency.shared_gaps {
            for data in span.of(&frame.store.gaps) {
                let lists = &frame.store.lists;
                let detail = detail(frame, competency, &[], lists, data);
                words.push(word(frame, competency, lists, data, &detail));
            }
        }
    }
    frame.store.words = words;
}

/// The items that counted towards a competency, by date then id, pushed to `lists`.
fn evidence_list(contributions: &[Contribution], items: &[Item], lists: &mut Vec<u32>) -> Span {
    let from = lists.len();
    lists.extend(contributions.iter().map(|c| c.item));
    if let Some(added) = lists.get_mut(from..) {
        let key = |n: &u32| items.get(widen(*n)).map(|i| (i.date, &i.id));
        added.sort_by(|a, b| key(a).cmp(&key(b)));
    }
    Span::since(lists, from)
}

/// ", for example an observation of practice or testimony": up to two kind titles that fit.
fn examples(kinds: &[KindFrame], fits: impl Fn(&KindFrame) -> bool, lead: &str) -> String {
    let names: Vec<String> = kinds
        .iter()
        .filter(|k| fits(k))
        .take(2)
        .map(|k| {
            k.title
                .as_ref()
                .map_or_else(|| k.id.to_string(), |t| lower_first_word(t.as_str()))
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!(", {lead} {}", with_article(one)),
        [one, two, ..] => format!(", {lead} {} or {}", with_article(one), with_article(two)),
    }
}

/// "Direct observation" reads "direct observation" mid-sentence, but "NHS record" keeps its
/// capitals: only a capitalised ordinary first word is lowered.
fn lower_first_word(title: &str) -> String {
    let first = title.split_whitespace().next().unwrap_or_default();
    let ordinary = first.chars().skip(1).all(|c| !c.is_uppercase());
    match first.chars().next() {
        Some(c) if ordinary && c.is_uppercase() => {
            let mut lowered: String = c.to_lowercase().collect();
            lowered.push_str(title.get(c.len_utf8()..).unwrap_or_default());
            lowered
        }
        _ => title.to_owned(),
    }
}

/// "a" or "an" by the sound of the first word, for the words evidence kinds use: vowels take
/// "an" except a long "u"/"one"; all-capital abbreviations are read letter by letter.
fn with_article(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or_default();
    let lower = first.to_lowercase();
    let abbreviation = first.len() > 1
        && first
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit());
    let vowel_sound = if abbreviation {
        // F, H, L, M, N, R, S, X and the vowels are said with a vowel sound: "an NHS record".
        first
            .chars()
            .next()
            .is_some_and(|c| "AEFHILMNORSX".contains(c))
    } else {
        let starts_vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
        let long_u = ["uni", "use", "usu", "one", "once", "eu"]
            .iter()
            .any(|p| lower.starts_with(p));
        starts_vowel && !long_u
    };
    format!("{} {name}", if vowel_sound { "an" } else { "a" })
}

fn list(ids: &IdList<'_>) -> String {
    let names: Vec<&str> = ids.iter().map(Id::as_str).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod wording_tests {
    use super::*;

    #[test]
    fn articles_and_capitals() {
        let table = [
            ("observation", "an observation"),
            ("supervision record", "a supervision record"),
            ("one-to-one session", "a one-to-one session"),
            ("user testimony", "a user testimony"),
            ("NHS record", "an NHS record"),
            ("PDP review", "a PDP review"),
            ("independent testimony", "an independent testimony"),
        ];
        for (name, expected) in table {
            assert_eq!(with_article(name), expected);
        }
        assert_eq!(lower_first_word("Direct observation"), "direct observation");
        assert_eq!(
            lower_first_word("NHS supervision record"),
            "NHS supervision record"
        );
    }
}
