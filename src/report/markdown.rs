//! The assessment as a development plan in Markdown, for the learner and their supervisor:
//! what the evidence shows first, then progress towards the profile, the learner's own words,
//! what their organisation is working on, where each area stands, next steps, what does not
//! apply here and why, and last, for assessors, how it was worked out (with the ledger). The
//! sections and their wording are `report/words.rs`'s, shared with the HTML page; this
//! module only formats them.
//!
//! Every piece of framework and evidence text (titles, codes, context, level titles,
//! indicator text, rationales, ids, the learner's words) goes through one escaping function
//! for inline text (`report/escape.rs`), so it reads as text and never adds a heading, list,
//! table cell, link or HTML of its own.

use super::escape::{code, inline};
use super::words::{self, Block, Cell, Inline, Line, status_words};
use crate::assess::Assessment;
use std::fmt::Write;

/// The development plan, ending with a newline.
pub fn render(a: &Assessment) -> String {
    let mut out = String::with_capacity(8 * 1024);
    // Writing to a String cannot fail.
    let _ = write_plan(&mut out, &words::plan(a));
    out
}

/// Inline text, keeping one space at either end where the text has one (the escaping trims
/// it, and the runs of a line meet there).
fn run(text: &str) -> String {
    let mut out = String::new();
    if text.starts_with(' ') {
        out.push(' ');
    }
    out.push_str(&inline(text));
    if text.ends_with(' ') && !text.trim().is_empty() {
        out.push(' ');
    }
    out
}

fn line(l: &Line) -> String {
    let mut out = String::new();
    for part in l {
        match part {
            Inline::Text(t) => out.push_str(&run(t)),
            Inline::Strong(t) => {
                let _ = write!(out, "**{}**", inline(t));
            }
            Inline::Code(t) => out.push_str(&code(t)),
        }
    }
    out
}

fn write_plan(out: &mut String, doc: &words::Document) -> std::fmt::Result {
    writeln!(out, "# {}", inline(&doc.title))?;
    writeln!(out)?;
    for (label, value) in &doc.facts {
        writeln!(out, "- {label}: {}", line(value))?;
    }
    for section in &doc.sections {
        writeln!(out)?;
        writeln!(out, "## {}", inline(&section.heading))?;
        blocks(out, &section.blocks)?;
    }
    Ok(())
}

fn blocks(out: &mut String, blocks: &[Block]) -> std::fmt::Result {
    for block in blocks {
        writeln!(out)?;
        match block {
            Block::Para(l) | Block::Progress { sentence: l, .. } => writeln!(out, "{}", line(l))?,
            Block::List(items) => {
                for item in items {
                    writeln!(out, "- {}", line(&item.line))?;
                    for child in &item.children {
                        writeln!(out, "  - {}", line(child))?;
                    }
                }
            }
            Block::Table(table) => {
                writeln!(out, "| {} |", table.head.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(table.head.len()))?;
                for row in &table.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| match c {
                            Cell::Text(t) => inline(t),
                            Cell::Date(d) => d.to_string(),
                            Cell::Status(s) => status_words(*s).to_owned(),
                        })
                        .collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
            }
            Block::Sub(sub) => {
                writeln!(out, "### {}", inline(&sub.heading))?;
                self::blocks(out, &sub.blocks)?;
            }
        }
    }
    Ok(())
}
