//! The assessment as one self-contained HTML page: the same development plan as the Markdown
//! report (readiness first, then what is in place in each domain with a progress bar, next
//! steps, what does not apply here and why, and the evidence ledger), to hand out or print.
//! Also the cohort page: a competency-by-learner heat map ([`render_cohort`]).
//!
//! Pages are HTML5 with inline CSS only: no scripts, no fonts, no images, nothing fetched.
//! They are accessible (a language, headings in order, tables with captions and header
//! scopes, progress bars with the same numbers in words) and status is always written out,
//! never shown by colour alone, so they read the same printed in black and white. All text is
//! escaped; evidence summaries never appear (the assessment does not hold them). The same
//! input gives the same bytes.

use super::cohort::{Cohort, CohortGroup, CohortRow};
use super::escape::is_bidi_control;
use super::words::{self, Block, Cell, Inline, Line, areas, heading, learners, status_words};
use crate::assess::{Assessment, Status};
use std::fmt::{self, Write};

/// The development plan as a complete HTML document, ending with a newline.
pub fn render(a: &Assessment) -> String {
    let mut out = String::with_capacity(16 * 1024);
    // Writing to a String cannot fail.
    let _ = write_plan(&mut out, a);
    out
}

/// The cohort page as a complete HTML document, ending with a newline: for each framework and
/// role, a table with a row per competency (grouped by domain) and a column per learner.
pub fn render_cohort(cohort: &Cohort) -> String {
    let cells: usize = cohort
        .groups()
        .iter()
        .map(|g| g.rows().len() * g.competencies().count())
        .sum();
    let mut out = String::with_capacity(8 * 1024 + cells * 48);
    let _ = write_cohort(&mut out, cohort);
    out
}

/// Escapes its text when displayed: `&`, `<`, `>`, `"` and `'` become character references,
/// safe in element content and in quoted attribute values. Control characters other than
/// line breaks and tabs, and bidirectional formatting characters (which would change the
/// order the page shows text in), become spaces, as in the Markdown report.
struct Esc<'t>(&'t str);

/// Characters that [`Esc`] replaces.
fn special(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'')
        || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || is_bidi_control(c)
}

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(special) {
            let Some((before, after)) = rest.split_at_checked(at) else {
                break;
            };
            f.write_str(before)?;
            let mut chars = after.chars();
            f.write_str(match chars.next() {
                Some('&') => "&amp;",
                Some('<') => "&lt;",
                Some('>') => "&gt;",
                Some('"') => "&quot;",
                Some('\'') => "&#39;",
                _ => " ",
            })?;
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// Styles shared by both pages. Colours are dark text on light fills (contrast above 7:1);
/// bars are drawn with borders, which print even when backgrounds do not, and the status
/// fills ask to be printed too (browsers leave backgrounds out of prints by default).
const BASE_CSS: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem}
h1{font-size:1.8rem;margin:0 0 .5rem}
h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:2px solid #1b1b1b}
h3{font-size:1.15rem;margin:1.5rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef0f2}
th[scope=row]{font-weight:normal}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.note{color:#3d3d3d}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.st-met{background:#d7efdd}
.st-partial{background:#fff3c4}
.st-blocked{background:#fde3d0}
.st-missing{background:#fff}
.st-not-applicable{background:#e4e6e9}
.st-not-targeted{background:#f5f6f7}
td.date{white-space:nowrap}
@media print{
body{max-width:none;padding:0;font-size:11pt}
h2,h3{break-after:avoid}
tr{break-inside:avoid}
thead{display:table-header-group}
.status,.key,.heat td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
";

/// Styles of the development plan.
const PLAN_CSS: &str = "\
.progress{display:flex;align-items:center;gap:.75rem;margin:.25rem 0 .5rem}
.bar{flex:0 0 14rem;height:1rem;border:1px solid #1b1b1b;background:#fff}
.fill{height:0;border-top:calc(1rem - 2px) solid #1f6f43;max-width:100%}
.status{display:inline-block;padding:0 .4rem;border:1px solid #6b6b6b;border-radius:.25rem;white-space:nowrap}
.status.st-met{border-style:solid;border-width:2px;border-color:#1f6f43}
.status.st-missing{border-style:dashed}
.sub{margin-bottom:1rem}
ul.steps li{margin:.2rem 0}
.s-worked-out{color:#2b2b2b}
@media print{
.s-standing .sub{break-inside:avoid-page}
.s-worked-out{break-before:page}
}
";

/// Styles of the cohort page: a fill and a pattern per status, and the status's letters.
const COHORT_CSS: &str = "\
body{max-width:none}
.scroll{overflow-x:auto;max-width:100%}
.heat{width:auto}
.heat td{text-align:center;font-weight:600;min-width:2.2rem;padding:.2rem}
.heat th.learner{font-size:.85rem;white-space:nowrap}
.heat th.domain{background:#eef0f2;font-weight:600}
.heat td.st-partial{background:repeating-linear-gradient(135deg,#fff3c4 0 4px,#ffe38a 4px 6px)}
.heat td.st-blocked{background:repeating-linear-gradient(45deg,#fde3d0 0 4px,#f9c9a6 4px 6px)}
.heat td.st-missing{border-style:dashed}
.heat td.st-not-applicable{background:repeating-linear-gradient(90deg,#e4e6e9 0 3px,#d0d3d8 3px 4px)}
.heat td.st-not-targeted{font-weight:normal}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}
.legend li{display:flex;align-items:center;gap:.4rem}
.key{display:inline-block;min-width:2.2rem;text-align:center;font-weight:600;border:1px solid #6b6b6b;padding:0 .3rem}
@media print{
.scroll{overflow:visible}
.group+.group{break-before:page}
}
";

/// Every status, in the order of the legend.
const STATUSES: [Status; 6] = [
    Status::Met,
    Status::Partial,
    Status::Blocked,
    Status::Missing,
    Status::NotApplicable,
    Status::NotTargeted,
];

/// A status's letters on the heat map (spelled out in its legend and in each cell for screen
/// readers).
fn status_letters(status: Status) -> &'static str {
    match status {
        Status::Met => "S",
        Status::Partial => "IP",
        Status::Blocked => "W",
        Status::Missing => "NS",
        Status::NotApplicable => "NA",
        Status::NotTargeted => "NT",
    }
}

fn head(out: &mut String, title: &str, css: &str) -> fmt::Result {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", Esc(title))?;
    writeln!(out, "<style>\n{BASE_CSS}{css}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

fn foot(out: &mut String) -> fmt::Result {
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// A progress bar under a sentence that already says the numbers: the bar repeats them only
/// as its text alternative.
fn bar(out: &mut String, met: u32, targeted: u32) -> fmt::Result {
    let percent = u64::from(met) * 100 / u64::from(targeted.max(1));
    writeln!(
        out,
        "<div class=\"progress\"><div class=\"bar\" role=\"img\" aria-label=\"{met} of {targeted} {} shown so far ({percent}%)\"><div class=\"fill\" style=\"width:{percent}%\"></div></div></div>",
        areas(targeted)
    )
}

fn write_plan(out: &mut String, a: &Assessment) -> fmt::Result {
    let doc = words::plan(a);
    head(out, &doc.title, PLAN_CSS)?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{}</h1>", Esc(&doc.title))?;
    writeln!(out, "<dl class=\"facts\">")?;
    for (label, value) in &doc.facts {
        writeln!(out, "<dt>{label}</dt><dd>{}</dd>", HtmlLine(value))?;
    }
    writeln!(out, "</dl>")?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;
    for section in &doc.sections {
        writeln!(
            out,
            "<section class=\"s-{id}\" aria-labelledby=\"{id}\">",
            id = section.id
        )?;
        writeln!(
            out,
            "<h2 id=\"{}\">{}</h2>",
            section.id,
            Esc(&section.heading)
        )?;
        blocks(out, &section.blocks)?;
        writeln!(out, "</section>")?;
    }
    foot(out)
}

/// A worded line, escaped.
struct HtmlLine<'l>(&'l Line);

impl fmt::Display for HtmlLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in self.0 {
            match part {
                Inline::Text(t) => write!(f, "{}", Esc(t))?,
                Inline::Strong(t) => write!(f, "<strong>{}</strong>", Esc(t))?,
                Inline::Code(t) => write!(f, "<code>{}</code>", Esc(t))?,
            }
        }
        Ok(())
    }
}

fn blocks(out: &mut String, blocks: &[Block]) -> fmt::Result {
    for block in blocks {
        match block {
            Block::Para(l) => writeln!(out, "<p>{}</p>", HtmlLine(l))?,
            Block::Progress { sentence, met, of } => {
                writeln!(out, "<p>{}</p>", HtmlLine(sentence))?;
                bar(out, *met, *of)?;
            }
            Block::List(items) => {
                writeln!(out, "<ul class=\"steps\">")?;
                for item in items {
                    write!(out, "<li>{}", HtmlLine(&item.line))?;
                    if !item.children.is_empty() {
                        writeln!(out, "<ul>")?;
                        for child in &item.children {
                            writeln!(out, "<li>{}</li>", HtmlLine(child))?;
                        }
                        write!(out, "</ul>")?;
                    }
                    writeln!(out, "</li>")?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Table(table) => {
                writeln!(out, "<table>")?;
                // The caption is for screen readers: the heading above says it for the eye.
                writeln!(
                    out,
                    "<caption class=\"vh\">{}</caption>",
                    Esc(&table.caption)
                )?;
                write!(out, "<thead><tr>")?;
                for h in &table.head {
                    write!(out, "<th scope=\"col\">{}</th>", Esc(h))?;
                }
                writeln!(out, "</tr></thead>")?;
                writeln!(out, "<tbody>")?;
                for row in &table.rows {
                    write!(out, "<tr>")?;
                    for (n, cell) in row.iter().enumerate() {
                        let (open, close) = if n == 0 {
                            ("<th scope=\"row\">", "</th>")
                        } else {
                            ("<td>", "</td>")
                        };
                        match cell {
                            Cell::Text(t) => write!(out, "{open}{}{close}", Esc(t))?,
                            // Never broken at its hyphens.
                            Cell::Date(d) => write!(out, "<td class=\"date\">{d}</td>")?,
                            Cell::Status(status) => write!(
                                out,
                                "{open}<span class=\"status st-{}\">{}</span>{close}",
                                status.as_str(),
                                status_words(*status)
                            )?,
                        }
                    }
                    writeln!(out, "</tr>")?;
                }
                writeln!(out, "</tbody>")?;
                writeln!(out, "</table>")?;
            }
            Block::Sub(sub) => {
                writeln!(
                    out,
                    "<section class=\"sub\" aria-labelledby=\"{}\">",
                    Esc(&sub.id)
                )?;
                writeln!(
                    out,
                    "<h3 id=\"{}\">{}</h3>",
                    Esc(&sub.id),
                    Esc(&sub.heading)
                )?;
                self::blocks(out, &sub.blocks)?;
                writeln!(out, "</section>")?;
            }
        }
    }
    Ok(())
}

fn write_cohort(out: &mut String, cohort: &Cohort) -> fmt::Result {
    head(out, "Cohort overview", COHORT_CSS)?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>Cohort overview</h1>")?;
    let learners = cohort.len();
    writeln!(
        out,
        "<p>Where each of {learners} {} stands on each competency, to plan support and the next round of evidence together. Each learner's own development plan has the detail and the next steps.</p>",
        self::learners(learners)
    )?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;
    legend(out)?;
    if cohort.is_empty() {
        writeln!(out, "<p>No learners were assessed.</p>")?;
    }
    for (n, group) in cohort.groups().iter().enumerate() {
        cohort_group(out, group, n)?;
    }
    foot(out)
}

fn legend(out: &mut String) -> fmt::Result {
    writeln!(out, "<section aria-labelledby=\"key\">")?;
    writeln!(out, "<h2 id=\"key\">Key</h2>")?;
    writeln!(
        out,
        "<p>Each cell shows letters for where a learner stands on a competency; the shading repeats them.</p>"
    )?;
    writeln!(out, "<ul class=\"legend\">")?;
    for status in STATUSES {
        writeln!(
            out,
            "<li><span class=\"key st-{}\">{}</span> {}</li>",
            status.as_str(),
            status_letters(status),
            status_words(status)
        )?;
    }
    writeln!(out, "</ul>")?;
    writeln!(out, "</section>")
}

fn cohort_group(out: &mut String, group: &CohortGroup, n: usize) -> fmt::Result {
    let role = group.role();
    writeln!(
        out,
        "<section class=\"group\" aria-labelledby=\"group-{n}\">"
    )?;
    write!(out, "<h2 id=\"group-{n}\">{}", Esc(group.title().as_str()))?;
    if let Some((_, title)) = role {
        write!(out, ": {}", Esc(title.as_str()))?;
    }
    writeln!(out, "</h2>")?;
    writeln!(out, "<dl class=\"facts\">")?;
    writeln!(
        out,
        "<dt>Framework</dt><dd><code>{}</code></dd>",
        Esc(group.framework())
    )?;
    if let Some(context) = group.context() {
        writeln!(out, "<dt>Context</dt><dd>{}</dd>", Esc(context.as_str()))?;
    }
    if let Some(crosswalk) = group.crosswalk() {
        writeln!(
            out,
            "<dt>Read through</dt><dd>the crosswalk <code>{}</code></dd>",
            Esc(crosswalk)
        )?;
    }
    match role {
        Some((id, title)) => writeln!(
            out,
            "<dt>Role</dt><dd>{} (<code>{}</code>)</dd>",
            Esc(title.as_str()),
            Esc(id.as_str())
        )?,
        None => writeln!(out, "<dt>Role</dt><dd>none chosen</dd>")?,
    }
    writeln!(out, "<dt>As of</dt><dd>{}</dd>", group.as_of())?;
    writeln!(out, "</dl>")?;
    if role.is_some() {
        patterns(out, group)?;
    }
    heat_map(out, group, n)?;
    writeln!(out, "</section>")
}

fn heat_map(out: &mut String, group: &CohortGroup, n: usize) -> fmt::Result {
    let rows = group.rows();
    writeln!(
        out,
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"heat-{n}\" tabindex=\"0\">"
    )?;
    writeln!(out, "<table class=\"heat\">")?;
    writeln!(
        out,
        "<caption id=\"heat-{n}\">Competencies by learner: one row per competency, grouped by domain; one column per learner</caption>"
    )?;
    write!(out, "<thead><tr><th scope=\"col\">Competency</th>")?;
    for row in rows {
        write!(
            out,
            "<th scope=\"col\" class=\"learner\">{}</th>",
            Esc(row.learner.as_str())
        )?;
    }
    writeln!(out, "</tr></thead>")?;
    if group.role().is_some() {
        learner_summary(out, rows)?;
    }
    let mut k = 0usize;
    for domain in group.domains() {
        writeln!(out, "<tbody>")?;
        writeln!(
            out,
            "<tr><th scope=\"rowgroup\" colspan=\"{}\" class=\"domain\">{}</th></tr>",
            rows.len() + 1,
            Esc(&heading(
                domain.code.as_ref().map(|c| c.as_str()),
                domain.title.as_str()
            ))
        )?;
        for competency in &domain.competencies {
            write!(
                out,
                "<tr><th scope=\"row\">{}</th>",
                Esc(&heading(
                    competency.code.as_ref().map(|c| c.as_str()),
                    competency.title.as_str()
                ))
            )?;
            for row in rows {
                cell(out, row.statuses.get(k).copied())?;
            }
            writeln!(out, "</tr>")?;
            k += 1;
        }
        writeln!(out, "</tbody>")?;
    }
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")
}

/// The row above the heat map: areas shown so far, per learner (a count for planning, with
/// no readiness verdict beside it).
fn learner_summary(out: &mut String, rows: &[CohortRow]) -> fmt::Result {
    writeln!(out, "<tbody>")?;
    write!(out, "<tr><th scope=\"row\">Areas shown so far</th>")?;
    for row in rows {
        write!(out, "<td>{} of {}</td>", row.met, row.targeted)?;
    }
    writeln!(out, "</tr>")?;
    writeln!(out, "</tbody>")
}

/// Patterns across the group for planning support: the areas the largest number of learners
/// are still working on, and those the largest number have shown.
fn patterns(out: &mut String, group: &CohortGroup) -> fmt::Result {
    let rows = group.rows();
    if rows.len() < 2 {
        // One learner's plan says all this; a pattern needs a group.
        return Ok(());
    }
    let titles: Vec<String> = group
        .competencies()
        .map(|c| heading(c.code.as_ref().map(|x| x.as_str()), c.title.as_str()))
        .collect();
    let counts: Vec<(usize, usize)> = (0..titles.len())
        .map(|k| {
            let statuses = rows.iter().filter_map(|r| r.statuses.get(k).copied());
            statuses.fold((0, 0), |(working, shown), s| match s {
                Status::Partial | Status::Missing | Status::Blocked => (working + 1, shown),
                Status::Met => (working, shown + 1),
                _ => (working, shown),
            })
        })
        .collect();
    let found = words::cohort_patterns(&titles, &counts, rows.len());
    if !found.is_empty() {
        writeln!(out, "<h3>Patterns for planning support</h3>")?;
        blocks(out, &found)?;
    }
    Ok(())
}

fn cell(out: &mut String, status: Option<Status>) -> fmt::Result {
    match status {
        Some(status) => write!(
            out,
            "<td class=\"st-{}\"><span aria-hidden=\"true\">{}</span><span class=\"vh\">{}</span></td>",
            status.as_str(),
            status_letters(status),
            status_words(status)
        ),
        None => write!(out, "<td>–</td>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Assessor;
    use crate::catalog::Catalog;
    use crate::model::{Document, EvidenceRecord};
    use crate::tailor::{self, ResolvedFramework};
    use crate::{Limits, load_str};

    /// A framework whose text is full of characters HTML treats specially.
    const HOSTILE: &str = r#"
format: competence/1
kind: framework
id: hostile
version: 1.0.0
title: "<script>alert('x')</script> & \"friends\""
scale:
  - { id: developing, title: "Developing <b>" }
  - { id: established, title: Established }
domains:
  - id: relational
    code: "1<2"
    title: "Relational & <i>reciprocal</i>"
    competencies:
      - id: listening
        title: "Listening \"well\""
        indicators:
          - { id: reflects, text: "Reflects back <what> they heard & checks", level: established }
      - id: sharing
        title: Sharing
        indicators:
          - { id: purposeful, text: Shares with purpose. }
roles:
  - id: psw
    title: "Peer <support> worker"
    targets: { relational: established }
assessment:
  evidence: { observation: { weight: 1.0, independent: true } }
  sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true, require_indicators: true }
"#;

    fn framework() -> ResolvedFramework {
        let mut catalog = Catalog::new();
        let found = catalog
            .add_text(None, HOSTILE, &Limits::default())
            .diagnostics;
        assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
        let reference = "hostile".parse().unwrap();
        let resolution = tailor::resolve(&catalog, &reference).unwrap();
        resolution.framework.unwrap()
    }

    fn record(learner: &str) -> EvidenceRecord {
        let text = format!(
            "format: competence/1\nkind: evidence\nlearner: {learner}\nframework: hostile\nevidence:\n  - id: obs-1\n    kind: observation\n    date: 2026-01-10\n    summary: \"SECRET <summary> text\"\n    link: https://portfolio.example/1\n    claims:\n      - competency: listening\n        level: developing\n"
        );
        let loaded = load_str(None, &text, &Limits::default());
        match loaded.documents.into_iter().next() {
            Some((_, Document::Evidence(record))) => *record,
            other => panic!("not evidence: {other:?}"),
        }
    }

    fn page(framework: &ResolvedFramework, record: &EvidenceRecord) -> String {
        let assessment = Assessor::new(framework.clone())
            .role("psw")
            .as_of("2026-11-27".parse().unwrap())
            .assess(record)
            .unwrap();
        render(&assessment)
    }

    #[test]
    fn a_plan_escapes_every_text_and_leaves_out_evidence_text() {
        let framework = framework();
        let html = page(&framework, &record("L-1"));
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"
            )
        );
        assert!(html.contains("1&lt;2 Relational &amp; &lt;i&gt;reciprocal&lt;/i&gt;"));
        assert!(html.contains("Reflects back &lt;what&gt; they heard &amp; checks"));
        assert!(html.contains("Peer &lt;support&gt; worker"));
        assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<what>"));
        assert!(!html.contains("SECRET"));
        assert!(!html.contains("portfolio.example"));
    }

    #[test]
    fn a_plan_has_the_required_structure() {
        let framework = framework();
        let html = page(&framework, &record("L-1"));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
        assert!(html.ends_with("</html>\n"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<caption class=\"vh\">"));
        assert!(html.contains("<th scope=\"col\">"));
        assert!(html.contains("<th scope=\"row\">"));
        assert!(html.contains("role=\"img\" aria-label=\"0 of 2 areas shown so far (0%)\""));
        assert!(html.contains("Working towards the Peer &lt;support&gt; worker profile"));
        assert!(!html.contains("Not yet ready"));
        assert!(html.contains("<h2 id=\"strengths\">What the evidence shows</h2>"));
        assert!(html.contains("<h2 id=\"next-steps\">Next steps</h2>"));
        assert!(html.contains("<h2 id=\"worked-out\">How this was worked out</h2>"));
        assert!(html.contains("<h3 id=\"ledger\">Evidence ledger</h3>"));
        // Ledger dates are marked to stay on one line.
        assert!(html.contains("<td class=\"date\">20"), "{html}");
        // Status in words, not only as a colour.
        assert!(html.contains("<span class=\"status st-partial\">in progress</span>"));
        assert!(html.contains("<span class=\"status st-missing\">not started yet</span>"));
        for forbidden in [
            "<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://",
        ] {
            assert!(!html.contains(forbidden), "{forbidden}");
        }
        // Headings never skip a level.
        let mut last = 1;
        for (at, _) in html.match_indices("<h") {
            let level = html[at + 2..].chars().next().and_then(|c| c.to_digit(10));
            if let Some(level) = level {
                assert!(level <= last + 1, "h{level} after h{last}");
                last = level;
            }
        }
    }

    #[test]
    fn a_plan_is_deterministic() {
        let framework = framework();
        let record = record("L-1");
        assert_eq!(page(&framework, &record), page(&framework, &record));
    }

    #[test]
    fn a_cohort_holds_one_small_row_per_learner() {
        let framework = framework();
        let as_of = "2026-11-27".parse().unwrap();
        let assessor = Assessor::new(framework).role("psw").as_of(as_of);
        let mut cohort = Cohort::new();
        for learner in ["L-2", "L-1", "L-2"] {
            let record = record(learner);
            let assessment = assessor.assess(&record).unwrap();
            let replaced = cohort.add(&assessment);
            assert_eq!(replaced, learner == "L-2" && cohort.len() == 2);
        }
        assert_eq!(cohort.len(), 2);
        let [group] = cohort.groups() else {
            panic!("one group expected")
        };
        let learners: Vec<&str> = group.rows().iter().map(|r| r.learner.as_str()).collect();
        assert_eq!(learners, ["L-2", "L-1"]);
        assert_eq!(group.competencies().count(), 2);
        let row = &group.rows()[0];
        assert_eq!(row.statuses, [Status::Partial, Status::Missing]);
        assert_eq!((row.met, row.targeted, row.ready), (0, 2, false));

        let page = render_cohort(&cohort);
        assert_eq!(page, render_cohort(&cohort));
        assert!(page.contains("<th scope=\"col\" class=\"learner\">L-2</th><th scope=\"col\" class=\"learner\">L-1</th>"));
        assert!(
            page.contains(
                "<th scope=\"rowgroup\" colspan=\"3\" class=\"domain\">1&lt;2 Relational"
            )
        );
        assert!(page.contains("<td class=\"st-partial\"><span aria-hidden=\"true\">IP</span><span class=\"vh\">in progress</span></td>"));
        assert!(!page.contains("Ready for the role"));
        assert!(page.contains("Patterns for planning support"));
        assert!(page.contains("Listening &quot;well&quot;: 2 of 2 learners"));
        assert!(page.contains("<caption"));
        assert!(!page.contains("<script") && !page.contains("SECRET"));
    }

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            Esc(r#"<a href="x">Tom & Jerry's</a>"#).to_string(),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(Esc("plain — text").to_string(), "plain — text");
        assert_eq!(Esc("").to_string(), "");
        assert_eq!(Esc("&&").to_string(), "&amp;&amp;");
        assert_eq!(Esc("a\u{202E}b\u{7}c\nd").to_string(), "a b c\nd");
    }

    #[test]
    fn empty_cohort_is_a_whole_page() {
        let page = render_cohort(&Cohort::new());
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.ends_with("</html>\n"));
        assert!(page.contains("No learners were assessed."));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn every_status_has_letters_and_words_in_the_legend() {
        let page = render_cohort(&Cohort::new());
        for status in STATUSES {
            assert!(page.contains(&format!(
                "\">{}</span> {}</li>",
                status_letters(status),
                status_words(status)
            )));
        }
    }
}
