//! Step 4 of DESIGN.md "Assessment": what stands between a targeted competency and `met`,
//! as data with a plain-language next step. Next steps suggest what to gather or work on;
//! they never pass judgement on the learner.

use super::ledger::{Disposition, Facts, LedgerEntry};
use super::levels::{self, Contribution};
use super::plan::{CompetencyPlan, Plan};
use super::result::Total;
use crate::model::{Date, EvidenceKind, Id, OrderedMap, Text};
use crate::tailor::ResolvedFramework;
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// One reason a targeted competency is not met yet, with a suggested next step.
///
/// The next step is worded when it is asked for ([`Gap::next_step`], and when serialised),
/// not when the gap is found: a cohort run that only counts readiness pays nothing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap<'a> {
    /// What the gap is, with its data.
    pub detail: GapDetail<'a>,
    words: Words<'a>,
}

/// What the wording of a next step needs from the framework (prerequisite titles are looked
/// up when worded, so a gap holds no list of its own for them).
#[derive(Clone, Copy)]
struct Words<'a> {
    target: &'a str,
    achieved: Option<&'a str>,
    kinds: &'a OrderedMap<EvidenceKind>,
    framework: &'a ResolvedFramework,
}

impl fmt::Debug for Words<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Words")
            .field("target", &self.target)
            .field("achieved", &self.achieved)
            .field("kinds", &self.kinds)
            .field("framework", &self.framework.name())
            .finish()
    }
}

// The framework is compared by identity: a gap's words come from the framework it was
// assessed against, and comparing two whole frameworks per gap would be wasteful.
impl PartialEq for Words<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target
            && self.achieved == other.achieved
            && self.kinds == other.kinds
            && std::ptr::eq(self.framework, other.framework)
    }
}

// Policies hold only integers, ids and text, so equality is total.
impl Eq for Words<'_> {}

/// The serialised shape of a [`Gap`]: its data, flattened, and the next step.
#[derive(Serialize, JsonSchema)]
#[schemars(
    rename = "Gap",
    description = "One reason a targeted competency is not met yet, with a suggested next step."
)]
struct GapOut<'g, 'a> {
    #[serde(flatten)]
    detail: &'g GapDetail<'a>,
    /// A suggestion in plain words.
    next_step: String,
}

impl Serialize for Gap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        GapOut {
            detail: &self.detail,
            next_step: self.next_step(),
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Gap<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Gap".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        GapOut::json_schema(generator)
    }
}

impl Gap<'_> {
    /// A suggestion in plain words: what to gather or work on next.
    pub fn next_step(&self) -> String {
        let w = &self.words;
        let target = w.target;
        match &self.detail {
            GapDetail::Level { .. } => match w.achieved {
                Some(achieved) => format!(
                    "The evidence so far shows {achieved}. The next step is to build evidence at {target}."
                ),
                None => format!("The next step is to build evidence of this at {target}."),
            },
            GapDetail::Weight { short, .. } => format!(
                "Add evidence at {target} worth {short} more{}.",
                examples(
                    w.kinds,
                    |k| u64::from(k.weight.thousandths()) >= short.0,
                    "for example"
                )
            ),
            GapDetail::Items { short, .. } => {
                let pieces = if *short == 1 {
                    "one more piece".to_owned()
                } else {
                    format!("{short} more pieces")
                };
                format!("Gather {pieces} of evidence at {target}, from a different occasion.")
            }
            GapDetail::Independent { .. } => format!(
                "Gather one piece of independent evidence at {target}{}.",
                examples(w.kinds, |k| k.independent, "such as")
            ),
            GapDetail::Indicators { missing } => {
                let n = missing.len();
                format!(
                    "Look for chances to show {} in practice, and name {} on the evidence you record.",
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
            GapDetail::Prerequisites { competencies } => {
                let titles: Vec<&str> = competencies
                    .iter()
                    .filter_map(|id| w.framework.competency(id.as_str()))
                    .map(|(_, c)| c.title.as_str())
                    .collect();
                format!(
                    "This area builds on {}; developing {} first will let this count in full.",
                    titles.join(" and "),
                    if titles.len() == 1 { "that" } else { "those" }
                )
            }
            GapDetail::NotYet { evidence, date } => format!(
                "{evidence} ({date}) was recorded as not yet; the feedback from it is a good place to start in supervision."
            ),
        }
    }
}

/// The kinds of gap, in the order reports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "code", rename_all = "kebab-case")]
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
        kinds: Vec<&'a Id>,
    },
    /// Indicators expected up to the target level that no evidence names yet.
    Indicators {
        /// The indicators, in framework order.
        missing: Vec<MissingIndicator<'a>>,
    },
    /// Evidence at the target level that has expired and would count if renewed.
    Expired {
        /// The items, by date then id.
        evidence: Vec<&'a Id>,
    },
    /// Prerequisites that are not met yet.
    Prerequisites {
        /// The competencies, in framework order.
        competencies: Vec<&'a Id>,
    },
    /// The most recent evidence recorded as `not-yet`, for context.
    NotYet {
        /// The item's id.
        evidence: &'a Id,
        /// Its date.
        date: Date,
    },
}

/// An indicator not yet evidenced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MissingIndicator<'a> {
    /// Its id.
    pub id: &'a Id,
    /// What it looks like in practice.
    pub text: &'a Text,
    /// The level at which it is expected.
    pub level: &'a Id,
}

/// What the gaps of one competency are computed from.
pub(crate) struct Context<'p, 'a> {
    pub plan: &'p Plan<'a>,
    pub competency: &'p CompetencyPlan<'a>,
    pub evidence: &'p [Contribution<'p>],
    /// The ledger, entries and facts index for index.
    pub entries: &'p [LedgerEntry<'a>],
    pub facts: &'p [Facts],
    /// Positions in the ledger of this competency's expired and not-yet entries.
    pub noted: &'p [usize],
    pub target: usize,
    pub target_level: &'a Id,
    pub achieved: Option<usize>,
    pub unmet_prerequisites: &'p [usize],
}

/// The gaps of one targeted competency that is not met.
pub(crate) fn gaps<'a>(cx: &Context<'_, 'a>) -> Vec<Gap<'a>> {
    let plan = cx.plan;
    let framework: &'a ResolvedFramework = plan.framework;
    let level_title = |rank: usize| framework.scale.get(rank).map(|l| l.title.as_str());
    let words = Words {
        target: level_title(cx.target).unwrap_or(cx.target_level.as_str()),
        achieved: cx.achieved.and_then(level_title),
        kinds: &framework.assessment.evidence,
        framework,
    };
    let gap = |detail: GapDetail<'a>| Gap { detail, words };
    let mut found = Vec::with_capacity(4);
    let short_of_target = cx.achieved.is_none_or(|a| a < cx.target);
    let noted = || {
        cx.noted
            .iter()
            .filter_map(|&n| Some((cx.entries.get(n)?, cx.facts.get(n)?)))
    };
    if short_of_target {
        found.push(gap(GapDetail::Level {
            achieved: cx.achieved.and_then(|a| plan.level_id(a)),
            target: cx.target_level,
        }));
        let check = levels::check(cx.competency, cx.evidence, cx.target);
        let rule = &cx.competency.rule;
        if check.weight < rule.min_weight {
            found.push(gap(GapDetail::Weight {
                have: Total(check.weight),
                need: Total(rule.min_weight),
                short: Total(rule.min_weight - check.weight),
            }));
        }
        if check.items < rule.min_items {
            found.push(gap(GapDetail::Items {
                have: check.items,
                need: rule.min_items,
                short: rule.min_items - check.items,
            }));
        }
        if rule.require_independent && !check.independent {
            let kinds = words
                .kinds
                .iter()
                .filter(|(_, k)| k.independent)
                .map(|(id, _)| id)
                .collect();
            found.push(gap(GapDetail::Independent { kinds }));
        }
        if !check.missing_indicators.is_empty() {
            let missing = check
                .missing_indicators
                .iter()
                .filter_map(|&i| {
                    let planned = cx.competency.indicators.get(i)?;
                    let resolved = cx.competency.competency.indicators.get(i)?;
                    Some(MissingIndicator {
                        id: planned.id,
                        text: &resolved.indicator.text,
                        level: plan.level_id(planned.rank)?,
                    })
                })
                .collect();
            found.push(gap(GapDetail::Indicators { missing }));
        }
        let expired = |(e, f): &(&LedgerEntry<'a>, &Facts)| {
            e.disposition == Disposition::Expired && f.rank.is_some_and(|r| r >= cx.target)
        };
        if noted().any(|x| expired(&x)) {
            let mut expired: Vec<(Date, &'a Id)> = noted()
                .filter(expired)
                .map(|(e, _)| (e.date, e.evidence))
                .collect();
            expired.sort();
            expired.dedup();
            let evidence = expired.into_iter().map(|(_, id)| id).collect();
            found.push(gap(GapDetail::Expired { evidence }));
        }
    }
    if !cx.unmet_prerequisites.is_empty() {
        found.push(gap(GapDetail::Prerequisites {
            competencies: cx
                .unmet_prerequisites
                .iter()
                .filter_map(|&p| plan.competencies.get(p))
                .map(|c| &c.competency.id)
                .collect(),
        }));
    }
    if short_of_target {
        let latest = noted()
            .filter(|(e, _)| e.disposition == Disposition::NotYet)
            .map(|(e, _)| (e.date, e.evidence))
            .max();
        if let Some((date, evidence)) = latest {
            found.push(gap(GapDetail::NotYet { evidence, date }));
        }
    }
    found
}

/// The gaps of a competency: usually a list of its own, but for a competency without
/// evidence (most of them, for most learners) a list shared with every other learner, since
/// it depends only on the framework, the role and which prerequisites are met.
///
/// Reads as a slice of [`Gap`]s, and serialises as a JSON array.
#[derive(Clone, Default)]
pub struct Gaps<'a>(Repr<'a>);

#[derive(Clone)]
enum Repr<'a> {
    Own(Vec<Gap<'a>>),
    Shared(Arc<[Gap<'a>]>),
}

impl Default for Repr<'_> {
    fn default() -> Self {
        Repr::Own(Vec::new())
    }
}

impl<'a> Gaps<'a> {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The gaps as a slice.
    pub fn as_slice(&self) -> &[Gap<'a>] {
        match &self.0 {
            Repr::Own(list) => list,
            Repr::Shared(list) => list,
        }
    }

    fn shared(list: Vec<Gap<'a>>) -> Gaps<'a> {
        if list.is_empty() {
            Gaps::default()
        } else {
            Gaps(Repr::Shared(list.into()))
        }
    }
}

impl<'a> From<Vec<Gap<'a>>> for Gaps<'a> {
    fn from(list: Vec<Gap<'a>>) -> Gaps<'a> {
        Gaps(Repr::Own(list))
    }
}

impl<'a> std::ops::Deref for Gaps<'a> {
    type Target = [Gap<'a>];

    fn deref(&self) -> &[Gap<'a>] {
        self.as_slice()
    }
}

impl<'g, 'a> IntoIterator for &'g Gaps<'a> {
    type Item = &'g Gap<'a>;
    type IntoIter = std::slice::Iter<'g, Gap<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl fmt::Debug for Gaps<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq for Gaps<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Gaps<'_> {}

impl Serialize for Gaps<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl JsonSchema for Gaps<'_> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<Gap<'_>>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Gap<'_>>>::json_schema(generator)
    }
}

/// For each competency, the gaps it has when the learner has no counted, expired or not-yet
/// evidence on it: with every prerequisite satisfied, and with none (the two common cases;
/// any other mix is computed per learner). Built once per assessor and role.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unevidenced<'f> {
    per_competency: Vec<Option<[Gaps<'f>; 2]>>,
}

impl<'f> Unevidenced<'f> {
    /// For `plan` under the role's `targets` (rank and level as named, by plan position).
    pub fn new(
        plan: &Plan<'f>,
        targets: &[Option<usize>],
        target_levels: &[Option<&'f Id>],
    ) -> Unevidenced<'f> {
        let per_competency = plan
            .competencies
            .iter()
            .enumerate()
            .map(|(k, competency)| {
                let target = targets.get(k).copied().flatten()?;
                let target_level = target_levels.get(k).copied().flatten()?;
                let with = |unmet: &[usize]| {
                    Gaps::shared(gaps(&Context {
                        plan,
                        competency,
                        evidence: &[],
                        entries: &[],
                        facts: &[],
                        noted: &[],
                        target,
                        target_level,
                        achieved: competency.unevidenced,
                        unmet_prerequisites: unmet,
                    }))
                };
                Some([with(&[]), with(&competency.requires)])
            })
            .collect();
        Unevidenced { per_competency }
    }

    /// The shared gaps of competency `k` with no evidence, when `unmet` (its unsatisfied
    /// prerequisites) is none or all of them.
    pub fn get(&self, k: usize, unmet: usize, requires: usize) -> Option<&Gaps<'f>> {
        let [none, all] = self.per_competency.get(k)?.as_ref()?;
        if unmet == 0 {
            Some(none)
        } else if unmet == requires {
            Some(all)
        } else {
            None
        }
    }
}

/// ", for example an observation of practice or testimony": up to two kind titles that fit.
fn examples(
    kinds: &OrderedMap<EvidenceKind>,
    fits: impl Fn(&EvidenceKind) -> bool,
    lead: &str,
) -> String {
    let names: Vec<String> = kinds
        .iter()
        .filter(|(_, k)| fits(k))
        .take(2)
        .map(|(id, k)| {
            k.title
                .as_ref()
                .map_or_else(|| id.to_string(), |t| lower_first_word(t.as_str()))
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

fn list(ids: &[&Id]) -> String {
    let names: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
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
