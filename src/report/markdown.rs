//! The assessment as a development plan in Markdown, for the learner and their supervisor:
//! readiness first, then what is in place in each domain, then next steps, then what does not
//! apply here and why, and last the evidence ledger. It is worded as a plan, not a verdict.
//!
//! Every piece of framework and evidence text (titles, codes, context, level titles,
//! indicator text, rationales, ids) goes through one escaping function for inline text
//! (`report/escape.rs`), so it reads as text and never adds a heading, list, table cell, link
//! or HTML of its own.

use super::escape::{code, inline};
use super::words::{
    areas, heading, ledger_competency, ledger_disposition, level_title, status_words,
};
use crate::assess::{Assessment, CompetencyAssessment, GapDetail, Status};
use std::fmt::Write;

/// The development plan, ending with a newline.
pub fn render(a: &Assessment) -> String {
    let mut out = String::with_capacity(8 * 1024);
    // Writing to a String cannot fail.
    let _ = write_plan(&mut out, a);
    out
}

fn write_plan(out: &mut String, a: &Assessment) -> std::fmt::Result {
    writeln!(
        out,
        "# Development plan for {}",
        inline(a.learner().as_str())
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "- Framework: {} ({})",
        inline(a.framework().title.as_str()),
        code(&a.framework().name)
    )?;
    if let Some(context) = &a.framework().context {
        writeln!(out, "- Context: {}", inline(context.as_str()))?;
    }
    if let Some(via) = &a.framework().crosswalk {
        writeln!(
            out,
            "- Evidence recorded against {}, read through the crosswalk {}",
            code(&via.from),
            code(&via.name)
        )?;
    }
    match a.role() {
        Some(role) => writeln!(
            out,
            "- Role: {} ({})",
            inline(role.title.as_str()),
            code(role.id.as_str())
        )?,
        None => writeln!(out, "- Role: none chosen")?,
    }
    writeln!(out, "- As of: {}", a.as_of())?;
    writeln!(out)?;

    writeln!(out, "## Readiness")?;
    writeln!(out)?;
    readiness(out, a)?;
    writeln!(out)?;

    writeln!(out, "## Where things stand")?;
    for domain in a.domains() {
        let applicable: Vec<CompetencyAssessment> = domain
            .competencies
            .iter()
            .filter(|c| c.status != Status::NotApplicable)
            .collect();
        if applicable.is_empty() {
            continue;
        }
        writeln!(out)?;
        let s = &domain.summary;
        let progress = if a.role().is_some() && s.coverage.targeted > 0 {
            format!(": {} of {} met", s.coverage.met, s.coverage.targeted)
        } else {
            String::new()
        };
        writeln!(
            out,
            "### {}{progress}",
            inline(&heading(
                domain.code.map(|c| c.as_str()),
                domain.title.as_str()
            ))
        )?;
        writeln!(out)?;
        writeln!(out, "| Competency | Target | Shown so far | Status |")?;
        writeln!(out, "|---|---|---|---|")?;
        for c in applicable {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                inline(&heading(c.code.map(|x| x.as_str()), c.title.as_str())),
                c.target
                    .map_or("–".to_owned(), |t| inline(&level_title(a, t.as_str()))),
                c.achieved
                    .map_or("not yet".to_owned(), |l| inline(&level_title(
                        a,
                        l.as_str()
                    ))),
                status_words(c.status)
            )?;
        }
    }
    writeln!(out)?;

    let open: Vec<CompetencyAssessment> = a.competencies().filter(|c| !c.gaps.is_empty()).collect();
    if !open.is_empty() {
        writeln!(out, "## Next steps")?;
        for c in open {
            writeln!(out)?;
            let target = c.target.map_or(String::new(), |t| {
                format!(" (working towards {})", inline(&level_title(a, t.as_str())))
            });
            writeln!(
                out,
                "### {}{target}",
                inline(&heading(c.code.map(|x| x.as_str()), c.title.as_str()))
            )?;
            writeln!(out)?;
            for gap in &c.gaps {
                writeln!(out, "- {}", inline(gap.next_step()))?;
                if let GapDetail::Indicators { missing } = &gap.detail {
                    for m in missing {
                        writeln!(
                            out,
                            "  - {} ({}, {})",
                            inline(m.text.as_str()),
                            code(m.id.as_str()),
                            inline(&level_title(a, m.level.as_str()))
                        )?;
                    }
                }
            }
            if !c.related_evidence.is_empty() {
                let ids: Vec<&str> = c.related_evidence.iter().map(|i| i.as_str()).collect();
                writeln!(
                    out,
                    "- Related evidence, linked through the crosswalk but not counted: {}",
                    inline(&ids.join(", "))
                )?;
            }
        }
        writeln!(out)?;
    }

    let excluded: Vec<CompetencyAssessment> = a
        .competencies()
        .filter(|c| c.not_applicable.is_some())
        .collect();
    if !excluded.is_empty() {
        writeln!(out, "## Not applicable here")?;
        writeln!(out)?;
        for c in excluded {
            if let Some(x) = &c.not_applicable {
                writeln!(
                    out,
                    "- {} ({}): {} ({})",
                    inline(&heading(c.code.map(|x| x.as_str()), c.title.as_str())),
                    code(c.id.as_str()),
                    inline(x.rationale.as_str()),
                    inline(&x.by)
                )?;
            }
        }
        writeln!(out)?;
    }

    writeln!(out, "## Evidence ledger")?;
    writeln!(out)?;
    writeln!(
        out,
        "Every claim in the record and what it counted for, in the order given."
    )?;
    writeln!(out)?;
    writeln!(out, "| Evidence | Kind | Date | Competency | Disposition |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for e in a.ledger() {
        let competency = ledger_competency(&e);
        let disposition = ledger_disposition(&e);
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            inline(e.evidence.as_str()),
            inline(e.kind.as_str()),
            e.date,
            inline(&competency),
            inline(&disposition)
        )?;
    }
    Ok(())
}

fn readiness(out: &mut String, a: &Assessment) -> std::fmt::Result {
    let s = a.summary();
    let Some(role) = a.role() else {
        return writeln!(
            out,
            "No role was chosen, so this plan shows the levels the evidence demonstrates without a readiness summary."
        );
    };
    if s.coverage.targeted == 0 {
        return writeln!(
            out,
            "**Nothing to assess for {}**: the role asks for no competency that applies in this framework, so there is no readiness summary.",
            inline(role.title.as_str())
        );
    }
    if s.ready {
        writeln!(
            out,
            "**Ready for {}**: all {} {} the role asks for are met.",
            inline(role.title.as_str()),
            s.coverage.targeted,
            areas(s.coverage.targeted)
        )?;
    } else {
        writeln!(
            out,
            "**Not yet ready for {}**: {} of {} {} met. The next steps below show what would help.",
            inline(role.title.as_str()),
            s.coverage.met,
            s.coverage.targeted,
            areas(s.coverage.targeted)
        )?;
        let mut parts = Vec::new();
        for (n, words) in [
            (s.partial, "in progress"),
            (s.blocked, "waiting on another area first"),
            (s.missing, "not started yet"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {words}"));
            }
        }
        if !parts.is_empty() {
            writeln!(out)?;
            writeln!(out, "Of the rest: {}.", parts.join(", "))?;
        }
    }
    Ok(())
}
