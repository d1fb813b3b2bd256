//! The plan, worded once: every sentence the Markdown and HTML plans (and the CLI's summary
//! line) say, and the sections they say it in, built as a small document that each renderer
//! only formats. So both formats have the same sections in the same order and say the same
//! thing the same way.
//!
//! How the plan speaks (DESIGN.md, "Reports"): strengths first; readiness as progress towards
//! a profile, never a verdict; next steps name the abilities still to show (the framework's
//! indicators, in its own words) and the kind of evidence that would show them, never weight
//! arithmetic: the numbers are in the JSON and in "How this was worked out", the section for
//! assessors at the end. An organisation's readiness is worded as its own self-review; in a
//! worker's plan it is context, apart from the worker's next steps.

use crate::assess::{
    Assessment, CompetencyAssessment, Gap, GapDetail, LedgerEntry, OrganisationContext, Status,
};
use crate::model::{AssessorRole, Date, Relation, Voice};
use std::fmt::Write;

/// A run of text in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text(String),
    Strong(String),
    /// An id or other code.
    Code(String),
}

/// A line of text.
pub(crate) type Line = Vec<Inline>;

fn text(s: impl Into<String>) -> Line {
    vec![Inline::Text(s.into())]
}

/// A block of a section.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    Para(Line),
    List(Vec<ListItem>),
    Table(Table),
    /// A sentence about progress, with a bar in formats that draw one.
    Progress {
        sentence: Line,
        met: u32,
        of: u32,
    },
    /// A subsection, with its own heading.
    Sub(Sub),
}

/// A list item and the items nested under it.
#[derive(Debug, Clone)]
pub(crate) struct ListItem {
    pub line: Line,
    pub children: Vec<Line>,
}

fn item(line: Line) -> ListItem {
    ListItem {
        line,
        children: Vec::new(),
    }
}

/// A table: its first column holds row headers.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub caption: String,
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    Text(String),
    /// A date (`YYYY-MM-DD`), which the HTML page keeps on one line.
    Date(Date),
    /// A status, in words (the HTML page marks it for its colour too).
    Status(Status),
}

/// A subsection.
#[derive(Debug, Clone)]
pub(crate) struct Sub {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A section of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole plan.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub title: String,
    pub facts: Vec<(&'static str, Line)>,
    pub sections: Vec<Section>,
}

/// A status in plain, non-judging words.
pub(crate) fn status_words(status: Status) -> &'static str {
    match status {
        Status::Met => "shown",
        Status::Blocked => "waiting on another area",
        Status::Partial => "in progress",
        Status::Missing => "not started yet",
        Status::NotApplicable => "not applicable here",
        Status::NotTargeted => "not part of this profile",
    }
}

/// A domain or competency heading: its display code, when it has one, before the title.
pub(crate) fn heading(code: Option<&str>, title: &str) -> String {
    match code {
        Some(code) => format!("{code} {title}"),
        None => title.to_owned(),
    }
}

fn competency_heading(c: &CompetencyAssessment<'_>) -> String {
    heading(c.code.map(|x| x.as_str()), c.title.as_str())
}

/// The title of a scale level, or its id when the scale does not have it.
pub(crate) fn level_title(a: &Assessment, id: &str) -> String {
    a.scale()
        .iter()
        .find(|l| l.id.as_str() == id)
        .map_or_else(|| id.to_owned(), |l| l.title.to_string())
}

/// "area" or "areas".
pub(crate) fn areas(n: u32) -> &'static str {
    if n == 1 { "area" } else { "areas" }
}

/// "learner" or "learners".
pub(crate) fn learners(n: usize) -> &'static str {
    if n == 1 { "learner" } else { "learners" }
}

/// A crosswalk link's relation as written in the file.
pub(crate) fn relation_name(relation: Relation) -> &'static str {
    match relation {
        Relation::Exact => "exact",
        Relation::Broader => "broader",
        Relation::Narrower => "narrower",
        Relation::Related => "related",
    }
}

/// A ledger row's competency cell: the competency, and the id the claim named when it was
/// migrated (`replaces`) or crosswalked.
pub(crate) fn ledger_competency(e: &LedgerEntry<'_>) -> String {
    match (e.competency, e.migrated_from.or(e.crosswalked_from)) {
        (Some(c), Some(old)) => match e.relation {
            Some(relation) => format!("{c} (from {old}, {})", relation_name(relation)),
            None => format!("{c} (named as {old})"),
        },
        (Some(c), None) => c.to_string(),
        (None, _) => "–".to_owned(),
    }
}

/// A ledger row's disposition cell, with the indicators noted on the claim.
pub(crate) fn ledger_disposition(e: &LedgerEntry<'_>) -> String {
    let mut disposition = e.disposition.as_str().to_owned();
    for (label, ids) in [
        ("unknown indicators", &e.unknown_indicators),
        (
            "indicators not applicable here",
            &e.not_applicable_indicators,
        ),
    ] {
        if !ids.is_empty() {
            let names: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
            let _ = write!(disposition, "; {label}: {}", names.join(", "));
        }
    }
    disposition
}

/// "a, b and c".
fn joined(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Who agreed a plan, in words: "L-0107 (the learner) and A-21 (a supervisor)".
fn agreed_by(voice_role: AssessorRole) -> &'static str {
    match voice_role {
        AssessorRole::Learner => "the learner",
        other => other.words(),
    }
}

/// The summary line the CLI prints per learner, such as `L-0107: working towards the Peer
/// Support Worker profile: 20 of 28 areas shown so far (6 in progress, 1 waiting on another
/// area, 1 not started yet)`.
pub fn summary_line(a: &Assessment) -> String {
    let s = a.summary();
    let Some(role) = a.role() else {
        let shown = a.competencies().filter(|c| c.achieved.is_some()).count();
        return format!(
            "{}: {shown} competencies shown (no role profile chosen)",
            a.learner()
        );
    };
    let (met, of) = (s.coverage.met, s.coverage.targeted);
    if of == 0 {
        return format!(
            "{}: nothing to work towards in the {} profile: it asks for no area that applies here",
            a.learner(),
            role.title
        );
    }
    let organisation = a.is_organisation_review();
    let shown = if organisation { "in place" } else { "shown" };
    if s.ready {
        return format!(
            "{}: all {of} {} of the {} profile {shown}",
            a.learner(),
            areas(of),
            role.title
        );
    }
    format!(
        "{}: {} the {} profile: {met} of {of} {} {shown} so far ({} in progress, {} waiting on another area, {} not started yet)",
        a.learner(),
        if organisation {
            "reviewing against"
        } else {
            "working towards"
        },
        role.title,
        areas(of),
        s.partial,
        s.blocked,
        s.missing
    )
}

/// The plan of an assessment, worded.
pub(crate) fn plan(a: &Assessment) -> Document {
    let organisation = a.is_organisation_review();
    let title = if organisation {
        format!("Organisational self-review for {}", a.learner())
    } else {
        format!("Development plan for {}", a.learner())
    };
    let mut sections = vec![strengths(a, organisation), progress(a, organisation)];
    if let Some(voice) = a.voice() {
        sections.push(voice_section(voice, organisation));
    }
    if let (Some(context), false) = (a.organisation(), organisation) {
        sections.push(organisation_context(context));
    }
    sections.push(standing(a, organisation));
    if let Some(next) = next_steps(a, organisation) {
        sections.push(next);
    }
    if let Some(excluded) = not_applicable(a) {
        sections.push(excluded);
    }
    sections.push(worked_out(a));
    Document {
        title,
        facts: facts(a),
        sections,
    }
}

fn facts(a: &Assessment) -> Vec<(&'static str, Line)> {
    let mut facts = vec![(
        "Framework",
        vec![
            Inline::Text(format!("{} (", a.framework().title)),
            Inline::Code(a.framework().name.clone()),
            Inline::Text(")".into()),
        ],
    )];
    if let Some(context) = &a.framework().context {
        facts.push(("Context", text(context.as_str())));
    }
    if let Some(via) = &a.framework().crosswalk {
        facts.push((
            "Evidence",
            vec![
                Inline::Text("recorded against ".into()),
                Inline::Code(via.from.clone()),
                Inline::Text(", read through the crosswalk ".into()),
                Inline::Code(via.name.clone()),
            ],
        ));
    }
    match a.role() {
        Some(role) => facts.push((
            "Profile",
            vec![
                Inline::Text(format!("{} (", role.title)),
                Inline::Code(role.id.to_string()),
                Inline::Text(")".into()),
            ],
        )),
        None => facts.push(("Profile", text("none chosen"))),
    }
    facts.push(("As of", text(a.as_of().to_string())));
    facts
}

/// Whether a competency counts as a strength: met for the profile, or (without a profile,
/// or beyond it) shown at some level.
fn strength(c: &CompetencyAssessment<'_>, with_role: bool) -> bool {
    if with_role {
        c.status == Status::Met
    } else {
        c.achieved.is_some() && c.status != Status::NotApplicable
    }
}

fn strengths(a: &Assessment, organisation: bool) -> Section {
    let with_role = a.role().is_some();
    let mut blocks = Vec::new();
    let mut list = Vec::new();
    let mut shown = 0u32;
    for domain in a.domains() {
        let here: Vec<String> = domain
            .competencies
            .iter()
            .filter(|c| strength(c, with_role))
            .map(|c| match c.achieved {
                Some(level) => format!(
                    "{} ({})",
                    competency_heading(&c),
                    level_title(a, level.as_str())
                ),
                None => competency_heading(&c),
            })
            .collect();
        if here.is_empty() {
            continue;
        }
        shown += u32::try_from(here.len()).unwrap_or(u32::MAX);
        list.push(ListItem {
            line: vec![Inline::Strong(heading(
                domain.code.map(|c| c.as_str()),
                domain.title.as_str(),
            ))],
            children: here.into_iter().map(text).collect(),
        });
    }
    // Areas shown at some level on the way to the profile's aim.
    let on_the_way: Vec<String> = if with_role {
        a.competencies()
            .filter(|c| matches!(c.status, Status::Partial | Status::Blocked))
            .filter_map(|c| {
                let level = c.achieved?;
                Some(format!(
                    "{} ({})",
                    competency_heading(&c),
                    level_title(a, level.as_str())
                ))
            })
            .collect()
    } else {
        Vec::new()
    };
    if list.is_empty() && on_the_way.is_empty() {
        blocks.push(Block::Para(text(if organisation {
            "Nothing is in place in the evidence yet: the steps below say where to start."
        } else {
            "Nothing is shown in the evidence yet: the next steps below say where to start."
        })));
    } else if list.is_empty() {
        blocks.push(Block::Para(text(
            "No area of the profile is shown in full yet; these are under way.",
        )));
    } else {
        let lead = match (organisation, with_role) {
            (true, _) => format!(
                "In place: {shown} {} of the profile, with the level the evidence shows.",
                areas(shown)
            ),
            (false, true) => format!(
                "Shown so far: {shown} {} of the profile, with the level the evidence shows.",
                areas(shown)
            ),
            (false, false) => format!(
                "The evidence shows {shown} {}, each at the level given.",
                areas(shown)
            ),
        };
        blocks.push(Block::Para(text(lead)));
        blocks.push(Block::List(list));
    }
    if !on_the_way.is_empty() {
        blocks.push(Block::Para(text(format!(
            "Also shown at a level on the way to the aim: {}.",
            joined(&on_the_way)
        ))));
    }
    if with_role {
        let beyond: Vec<String> = a
            .competencies()
            .filter(|c| c.status == Status::NotTargeted && c.achieved.is_some())
            .map(|c| competency_heading(&c))
            .collect();
        if !beyond.is_empty() {
            blocks.push(Block::Para(text(format!(
                "Also shown, beyond this profile: {}.",
                joined(&beyond)
            ))));
        }
    }
    // The values the evidence shows: those served by the areas above.
    let mut values = Vec::new();
    for value in a.values() {
        let through: Vec<String> = a
            .competencies()
            .filter(|c| strength(c, with_role) && c.values.contains(&value.id))
            .map(|c| c.title.to_string())
            .collect();
        let n = u32::try_from(through.len()).unwrap_or(u32::MAX);
        let examples: Vec<String> = through.iter().take(2).cloned().collect();
        let rest = match through.len() {
            0 => continue,
            1 | 2 => format!(": {}", joined(&examples)),
            _ => format!(" in {n} {}, such as {}", areas(n), joined(&examples)),
        };
        values.push(item(vec![
            Inline::Strong(value.title.to_string()),
            Inline::Text(rest),
        ]));
    }
    if !values.is_empty() {
        blocks.push(Block::Para(text(
            "The values of peer support this evidence shows in practice:",
        )));
        blocks.push(Block::List(values));
    }
    Section {
        id: "strengths",
        heading: if organisation {
            "What is in place".into()
        } else {
            "What the evidence shows".into()
        },
        blocks,
    }
}

fn progress(a: &Assessment, organisation: bool) -> Section {
    let s = a.summary();
    let mut blocks = Vec::new();
    match a.role() {
        None => blocks.push(Block::Para(text(
            "No role profile was chosen, so this plan shows what the evidence demonstrates without measuring progress towards a profile.",
        ))),
        Some(role) if s.coverage.targeted == 0 => blocks.push(Block::Para(vec![
            Inline::Strong(format!("Nothing to work towards in the {} profile", role.title)),
            Inline::Text(": it asks for no area that applies in this framework.".into()),
        ])),
        Some(role) => {
            let (met, of) = (s.coverage.met, s.coverage.targeted);
            let shown = if organisation { "in place" } else { "shown" };
            let sentence = if s.ready {
                vec![Inline::Strong(format!(
                    "All {of} {} of the {} profile are {shown}.",
                    areas(of),
                    role.title
                ))]
            } else {
                vec![
                    Inline::Strong(format!(
                        "{} the {} profile",
                        if organisation {
                            "Reviewing against"
                        } else {
                            "Working towards"
                        },
                        role.title
                    )),
                    Inline::Text(format!(": {met} of {of} {} {shown} so far.", areas(of))),
                ]
            };
            blocks.push(Block::Progress { sentence, met, of });
            let parts: Vec<String> = [
                (s.partial, "in progress"),
                (s.blocked, "waiting on another area first"),
                (s.missing, "not started yet"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, words)| format!("{n} {words}"))
            .collect();
            if !s.ready && !parts.is_empty() {
                blocks.push(Block::Para(text(format!(
                    "Still to come: {}.",
                    parts.join(", ")
                ))));
            }
        }
    }
    Section {
        id: "progress",
        heading: if organisation {
            "Progress of the review".into()
        } else {
            "Progress towards the profile".into()
        },
        blocks,
    }
}

fn voice_section(voice: &Voice, organisation: bool) -> Section {
    let mut blocks = Vec::new();
    let mut sub = |id: &str, heading: &str, inner: Vec<Block>| {
        if !inner.is_empty() {
            blocks.push(Block::Sub(Sub {
                id: format!("voice-{id}"),
                heading: heading.to_owned(),
                blocks: inner,
            }));
        }
    };
    let list = |texts: &[crate::model::Text]| -> Vec<Block> {
        if texts.is_empty() {
            Vec::new()
        } else {
            vec![Block::List(
                texts.iter().map(|t| item(text(t.as_str()))).collect(),
            )]
        }
    };
    sub("goals", "Goals", list(&voice.goals));
    sub("reflections", "Reflections", list(&voice.reflections));
    sub(
        "response",
        "Response to the plan",
        voice
            .response
            .iter()
            .map(|t| Block::Para(text(t.as_str())))
            .collect(),
    );
    sub(
        "supervisor",
        "Supervisor's comments",
        voice
            .supervisor_comments
            .iter()
            .map(|t| Block::Para(text(t.as_str())))
            .collect(),
    );
    if let Some(plan) = &voice.agreed_plan {
        let who: Vec<String> = plan
            .agreed_by
            .iter()
            .map(|a| format!("{} ({})", a.who, agreed_by(a.role)))
            .collect();
        let mut inner = vec![Block::Para(text(if who.is_empty() {
            format!("Agreed on {}.", plan.date)
        } else {
            format!("Agreed on {} by {}.", plan.date, joined(&who))
        }))];
        if let Some(note) = &plan.note {
            inner.push(Block::Para(text(note.as_str())));
        }
        if let Some(review) = plan.review {
            inner.push(Block::Para(text(format!(
                "To be looked at again on {review}."
            ))));
        }
        sub("agreed", "The agreed plan", inner);
    }
    Section {
        id: "voice",
        heading: if organisation {
            "In the review group's words".into()
        } else {
            "In the learner's own words".into()
        },
        blocks,
    }
}

fn organisation_context(context: &OrganisationContext) -> Section {
    let (met, of) = (context.coverage.met, context.coverage.targeted);
    let mut blocks = vec![Block::Para(vec![
        Inline::Text(format!(
            "{} is reviewing its own readiness to employ and support peer workers ({}, as of {}): {met} of {of} {} in place so far. ",
            context.id,
            context.role.title,
            context.as_of,
            areas(of)
        )),
        Inline::Strong("These are the organisation's to work on, not yours;".into()),
        Inline::Text(
            " they may shape the support around you, and are worth talking about in supervision."
                .into(),
        ),
    ])];
    if context.working_on.is_empty() {
        blocks.push(Block::Para(text("Every area of its review is in place.")));
    } else {
        blocks.push(Block::List(
            context
                .working_on
                .iter()
                .map(|area| ListItem {
                    line: text(format!(
                        "{} ({})",
                        heading(area.code.as_ref().map(|c| c.as_str()), area.title.as_str()),
                        status_words(area.status)
                    )),
                    children: area.to_show.iter().map(|t| text(t.as_str())).collect(),
                })
                .collect(),
        ));
    }
    Section {
        id: "organisation",
        heading: "What your organisation is working on".into(),
        blocks,
    }
}

/// Whether a competency gets a row under "Where things stand": not when excluded here, and,
/// when there is a profile, not when the profile does not ask for it and nothing shows it
/// (an organisation's review shows only what its profile asks for).
fn shown_in_standing(a: &Assessment, c: &CompetencyAssessment<'_>, organisation: bool) -> bool {
    match c.status {
        Status::NotApplicable => false,
        Status::NotTargeted => !organisation && (a.role().is_none() || c.achieved.is_some()),
        _ => true,
    }
}

fn standing(a: &Assessment, organisation: bool) -> Section {
    let mut blocks = Vec::new();
    for (n, domain) in a.domains().enumerate() {
        let rows: Vec<Vec<Cell>> = domain
            .competencies
            .iter()
            .filter(|c| shown_in_standing(a, c, organisation))
            .map(|c| {
                vec![
                    Cell::Text(competency_heading(&c)),
                    Cell::Text(
                        c.target
                            .map_or("–".to_owned(), |t| level_title(a, t.as_str())),
                    ),
                    Cell::Text(
                        c.achieved
                            .map_or("not yet".to_owned(), |l| level_title(a, l.as_str())),
                    ),
                    Cell::Status(c.status),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let title = heading(domain.code.map(|c| c.as_str()), domain.title.as_str());
        let mut inner = Vec::new();
        let coverage = domain.summary.coverage;
        if a.role().is_some() && coverage.targeted > 0 {
            inner.push(Block::Progress {
                sentence: text(format!(
                    "{} of {} {} {} so far.",
                    coverage.met,
                    coverage.targeted,
                    areas(coverage.targeted),
                    if organisation { "in place" } else { "shown" }
                )),
                met: coverage.met,
                of: coverage.targeted,
            });
        }
        inner.push(Block::Table(Table {
            caption: format!(
                "{title}: the level each area asks for, what the evidence shows so far, and where it stands"
            ),
            head: vec!["Area", "Aim", "Shown so far", "Where it stands"],
            rows,
        }));
        blocks.push(Block::Sub(Sub {
            id: format!("domain-{n}"),
            heading: title,
            blocks: inner,
        }));
    }
    Section {
        id: "standing",
        heading: "Where things stand".into(),
        blocks,
    }
}

/// The order next steps are told in: where things are, the abilities to show, then the kind
/// of evidence that would show them, then the rest.
fn step_order(gap: &Gap<'_>) -> u8 {
    match gap.detail {
        GapDetail::Level { .. } => 0,
        GapDetail::Indicators { .. } => 1,
        GapDetail::Assessor { .. } => 2,
        GapDetail::Independent { .. } => 3,
        GapDetail::Weight { .. } => 4,
        GapDetail::Items { .. } => 5,
        _ => 6,
    }
}

/// One competency's next steps, in the order they are told: each gap's step (the abilities
/// still to show nested under theirs), then any related evidence. Empty when it has no gaps.
fn steps(c: &CompetencyAssessment<'_>) -> Vec<ListItem> {
    let mut gaps: Vec<Gap> = c.gaps.iter().collect();
    gaps.sort_by_key(step_order);
    let mut list: Vec<ListItem> = gaps
        .iter()
        .map(|gap| ListItem {
            line: text(gap.next_step()),
            children: match &gap.detail {
                GapDetail::Indicators { missing, .. } => {
                    missing.iter().map(|m| text(m.text.as_str())).collect()
                }
                _ => Vec::new(),
            },
        })
        .collect();
    if !c.gaps.is_empty() && !c.related_evidence.is_empty() {
        let ids: Vec<String> = c.related_evidence.iter().map(|i| i.to_string()).collect();
        list.push(item(text(format!(
            "Related evidence, linked through the crosswalk but not counted: {}.",
            ids.join(", ")
        ))));
    }
    list
}

/// One competency's next steps as plain text, the words of the plans' "Next steps": one
/// step a line, each ability still to show on a line of its own under its step, starting
/// `- `. Empty when it has no gaps (met, not targeted, not applicable).
pub(crate) fn next_steps_text(c: &CompetencyAssessment<'_>) -> String {
    let plain = |line: &Line| -> String {
        line.iter()
            .map(|part| match part {
                Inline::Text(t) | Inline::Strong(t) | Inline::Code(t) => t.as_str(),
            })
            .collect()
    };
    let mut lines = Vec::new();
    for step in steps(c) {
        lines.push(plain(&step.line));
        lines.extend(
            step.children
                .iter()
                .map(|child| format!("- {}", plain(child))),
        );
    }
    lines.join("\n")
}

fn next_steps(a: &Assessment, organisation: bool) -> Option<Section> {
    let open: Vec<CompetencyAssessment> = a.competencies().filter(|c| !c.gaps.is_empty()).collect();
    if open.is_empty() {
        return None;
    }
    let mut blocks = vec![Block::Para(text(if organisation {
        "For each area still being worked on: what it looks like in practice, in the framework's words, and the kind of evidence that would show it."
    } else {
        "For each area still in progress: the abilities still to show, in the framework's words, and the kind of evidence that would show them. They make good starting points for supervision."
    }))];
    for (n, c) in open.iter().enumerate() {
        let target = c.target.map_or(String::new(), |t| {
            format!(" (working towards {})", level_title(a, t.as_str()))
        });
        blocks.push(Block::Sub(Sub {
            id: format!("step-{n}"),
            heading: format!("{}{target}", competency_heading(c)),
            blocks: vec![Block::List(steps(c))],
        }));
    }
    Some(Section {
        id: "next-steps",
        heading: if organisation {
            "What the organisation is working on next".into()
        } else {
            "Next steps".into()
        },
        blocks,
    })
}

fn not_applicable(a: &Assessment) -> Option<Section> {
    let list: Vec<ListItem> = a
        .competencies()
        .filter_map(|c| {
            let x = c.not_applicable?;
            Some(item(vec![
                Inline::Strong(competency_heading(&c)),
                Inline::Text(" (".into()),
                Inline::Code(c.id.to_string()),
                Inline::Text(format!("): {} (", x.rationale)),
                Inline::Code(x.by.clone()),
                Inline::Text(")".into()),
            ]))
        })
        .collect();
    if list.is_empty() {
        return None;
    }
    Some(Section {
        id: "not-applicable",
        heading: "Not applicable here".into(),
        blocks: vec![Block::List(list)],
    })
}

/// "1.25 of 1.5", or "enough" when the gap is not there.
fn against(found: Option<(String, String)>) -> String {
    match found {
        Some((have, need)) => format!("{have} of {need}"),
        None => "enough".to_owned(),
    }
}

fn worked_out(a: &Assessment) -> Section {
    let mut blocks = vec![Block::Para(vec![
        Inline::Strong("For assessors.".into()),
        Inline::Text(format!(
            " An area counts as shown at a level when the evidence claiming that level or above, and still current, adds up to the total weight and number of items that the evidence policy of {} asks for, and, where the policy asks, includes an independent source, an assessor in a named role, and every expected ability. The table gives the numbers for each area still open; the ledger below accounts for every claim in the record.",
            a.framework().name
        )),
    ])];
    let mut rows = Vec::new();
    for c in a.competencies().filter(|c| !c.gaps.is_empty()) {
        let mut weight = None;
        let mut items = None;
        let mut also = Vec::new();
        for gap in &c.gaps {
            match &gap.detail {
                GapDetail::Weight { have, need, .. } => {
                    weight = Some((have.to_string(), need.to_string()));
                }
                GapDetail::Items { have, need, .. } => {
                    items = Some((have.to_string(), need.to_string()));
                }
                GapDetail::Independent { .. } => also.push("an independent source".to_owned()),
                GapDetail::Assessor { roles } => {
                    let names: Vec<&str> = roles.iter().map(AssessorRole::as_str).collect();
                    also.push(format!("an assessor role: {}", names.join(" or ")));
                }
                GapDetail::Indicators {
                    missing,
                    required: true,
                } => {
                    let ids: Vec<&str> = missing.iter().map(|m| m.id.as_str()).collect();
                    also.push(format!("indicators (required): {}", ids.join(", ")));
                }
                GapDetail::Prerequisites { competencies } => {
                    let ids: Vec<&str> = competencies.iter().map(|i| i.as_str()).collect();
                    also.push(format!("prerequisites: {}", ids.join(", ")));
                }
                GapDetail::Expired { evidence } => {
                    let ids: Vec<&str> = evidence.iter().map(|i| i.as_str()).collect();
                    also.push(format!("expired: {}", ids.join(", ")));
                }
                _ => {}
            }
        }
        rows.push(vec![
            Cell::Text(format!("{} ({})", competency_heading(&c), c.id)),
            Cell::Text(c.target.map_or("–".to_owned(), |t| t.to_string())),
            Cell::Text(c.achieved.map_or("none".to_owned(), |l| l.to_string())),
            Cell::Text(against(weight)),
            Cell::Text(against(items)),
            Cell::Text(if also.is_empty() {
                "–".to_owned()
            } else {
                also.join("; ")
            }),
        ]);
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            caption: "Each open area against the evidence policy, at the level aimed for: weight and items counted (of what is asked), and what else is still needed".into(),
            head: vec![
                "Area",
                "Aim",
                "Achieved",
                "Weight",
                "Items",
                "Also needed",
            ],
            rows,
        }));
    }
    let ledger: Vec<Vec<Cell>> = a
        .ledger()
        .map(|e| {
            vec![
                Cell::Text(e.evidence.to_string()),
                Cell::Text(e.kind.to_string()),
                Cell::Date(e.date),
                Cell::Text(e.assessor_role.map_or("–".to_owned(), |r| r.to_string())),
                Cell::Text(ledger_competency(&e)),
                Cell::Text(ledger_disposition(&e)),
            ]
        })
        .collect();
    blocks.push(Block::Sub(Sub {
        id: "ledger".into(),
        heading: "Evidence ledger".into(),
        blocks: vec![
            Block::Para(text(
                "Every claim in the record and what it counted for, in the order given.",
            )),
            Block::Table(Table {
                caption: "Every claim in the record and what it counted for, in the order given"
                    .into(),
                head: vec![
                    "Evidence",
                    "Kind",
                    "Date",
                    "Assessor role",
                    "Competency",
                    "Disposition",
                ],
                rows: ledger,
            }),
        ],
    }));
    Section {
        id: "worked-out",
        heading: "How this was worked out".into(),
        blocks,
    }
}

/// The cohort page's patterns for one group: the areas the largest number of learners are
/// still working on, and those the largest number have shown, for planning support together
/// (no ranking of learners).
pub(crate) fn cohort_patterns(
    titles: &[String],
    counts: &[(usize, usize)],
    learners_n: usize,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let top = |pick: &dyn Fn(&(usize, usize)) -> usize| -> Vec<ListItem> {
        let mut ranked: Vec<(usize, usize)> = counts
            .iter()
            .enumerate()
            .map(|(k, c)| (k, pick(c)))
            .filter(|(_, n)| *n > 0)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(5)
            .filter_map(|(k, n)| {
                let title = titles.get(k)?;
                Some(item(text(format!(
                    "{title}: {n} of {learners_n} {}",
                    learners(learners_n)
                ))))
            })
            .collect()
    };
    let working = top(&|c| c.0);
    let shown = top(&|c| c.1);
    if !working.is_empty() {
        blocks.push(Block::Para(text(
            "Areas the largest number of learners are still working on, where shared support (a group session, a peer observer, a workshop) may help most:",
        )));
        blocks.push(Block::List(working));
    }
    if !shown.is_empty() {
        blocks.push(Block::Para(text(
            "Areas the largest number of learners have shown, where they may support each other:",
        )));
        blocks.push(Block::List(shown));
    }
    blocks
}
