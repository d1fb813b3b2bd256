//! Words shared by the Markdown and HTML plans, so both say the same thing the same way.

use crate::assess::{Assessment, LedgerEntry, Status};
use crate::model::Relation;
use std::fmt::Write;

/// A status in plain, non-judging words.
pub(crate) fn status_words(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Blocked => "waiting on another area",
        Status::Partial => "in progress",
        Status::Missing => "not started yet",
        Status::NotApplicable => "not applicable here",
        Status::NotTargeted => "not targeted by this role",
    }
}

/// A domain or competency heading: its display code, when it has one, before the title.
pub(crate) fn heading(code: Option<&str>, title: &str) -> String {
    match code {
        Some(code) => format!("{code} {title}"),
        None => title.to_owned(),
    }
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

/// A crosswalk link's relation as written in the file.
fn relation_name(relation: Relation) -> &'static str {
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
