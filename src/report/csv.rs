//! Assessments as CSV for spreadsheets: one row per learner and competency, the evidence
//! ledger (one row per claim), and the cohort matrix (one row per learner, one column per
//! competency).
//!
//! Every table is [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180) CSV: UTF-8 (no byte
//! order mark), comma-separated, a header row first, CRLF line ends, fields quoted only when
//! they hold a comma, a quote or a line break (quotes doubled). Values are those of the JSON
//! report, so a spreadsheet and a program read the same thing: ids, kebab-case statuses and
//! dispositions, level ids, ISO dates, `true`/`false`; an absent value is an empty cell.
//!
//! **Formula injection.** A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` as a
//! formula, and some treat a leading tab or carriage return the same way (OWASP, "CSV
//! Injection"). Framework and evidence text is not ours to trust, so every cell whose first
//! character, or first character after leading whitespace, is one of `= + - @`, a tab, a
//! carriage return or a line feed (or a full-width `＝ ＋ － ＠`) is written with a `'` in
//! front: spreadsheets read it as text instead of running it (some show the `'`, some hide
//! it), and a program reading the file sees the `'`. Ids,
//! statuses, levels and dates never start with any of these, so only free text (titles, the
//! next-step words) can be changed.
//!
//! Tables of several learners are written one learner at a time ([`CompetencyWriter`],
//! [`LedgerWriter`]), so a cohort is never held in memory; [`render`] and [`render_ledger`]
//! are the one-learner shortcuts.
//!
//! ```
//! use competence::assess::Assessors;
//! use competence::catalog::Catalog;
//! use competence::model::{Claim, EvidenceItem, EvidenceRecord};
//! use competence::report::csv::CompetencyWriter;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut assessors = Assessors::new(Catalog::builtin(), "2026-11-27".parse()?)
//!     .role("peer-support-worker");
//! let mut table = CompetencyWriter::new(Vec::new());
//! for learner in ["L-0001", "L-0002"] {
//!     let record = EvidenceRecord::new(learner.parse()?, "mh-peer-support-worker@^1".parse()?)
//!         .with_item(
//!             EvidenceItem::new("obs-1".parse()?, "observation".parse()?, "2026-03-14".parse()?)
//!                 .with_claim(Claim::new("active-listening".parse()?).at("established".parse()?)),
//!         );
//!     table.write(&assessors.assess(&record)?)?;
//! }
//! let csv = String::from_utf8(table.finish()?)?;
//! assert!(csv.starts_with("learner,framework,role,domain,competency,title,target,achieved,status,next_step\r\n"));
//! # Ok(()) }
//! ```

use super::cohort::Cohort;
use super::words::{self, heading};
use crate::assess::Assessment;
use std::io;

/// The columns of [`CompetencyWriter`] and [`render`].
pub const COMPETENCY_HEADER: [&str; 10] = [
    "learner",
    "framework",
    "role",
    "domain",
    "competency",
    "title",
    "target",
    "achieved",
    "status",
    "next_step",
];

/// The columns of [`LedgerWriter`] and [`render_ledger`]: the learner and framework, then the
/// fields of a ledger entry of the JSON report.
pub const LEDGER_HEADER: [&str; 17] = [
    "learner",
    "framework",
    "evidence",
    "item",
    "claim",
    "kind",
    "date",
    "assessor_role",
    "competency",
    "level",
    "disposition",
    "migrated_from",
    "crosswalked_from",
    "relation",
    "current_until",
    "unknown_indicators",
    "not_applicable_indicators",
];

/// The first columns of [`render_cohort`]; one column per competency follows.
pub const COHORT_HEADER: [&str; 6] = ["learner", "framework", "role", "ready", "met", "targeted"];

/// The characters that make a spreadsheet read a cell as a formula (or that some spreadsheets
/// skip before looking for one).
const TRIGGERS: [char; 11] = [
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// `cell` as it is written: with a `'` in front when a spreadsheet could read it as a formula
/// (see the module documentation).
///
/// ```
/// use competence::report::csv::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(neutralise("  @SUM(A1)"), "'  @SUM(A1)");
/// assert_eq!(neutralise("active-listening"), "active-listening");
/// ```
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell
        .chars()
        .find(|c| !c.is_whitespace() || TRIGGERS.contains(c));
    match first {
        Some(c) if TRIGGERS.contains(&c) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A CSV writer with this module's settings.
fn writer<W: io::Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

/// A `csv` error as the I/O error it is: this module writes only strings, so the writer's
/// only failures are the underlying writer's.
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes one record, every cell neutralised.
fn row<W: io::Write, S: AsRef<str>>(
    out: &mut ::csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| neutralise(c.as_ref()).into_owned())
        .collect();
    out.write_record(&cells).map_err(io_error)
}

/// A table written a learner at a time, with its header before the first row.
#[derive(Debug)]
struct Table<W: io::Write> {
    out: ::csv::Writer<W>,
    header: &'static [&'static str],
    started: bool,
}

impl<W: io::Write> Table<W> {
    fn new(out: W, header: &'static [&'static str]) -> Table<W> {
        Table {
            out: writer(out),
            header,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            row(&mut self.out, self.header)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.start()?;
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<W> {
        self.start()?;
        self.out.into_inner().map_err(|e| {
            let kind = e.error().kind();
            io::Error::new(kind, e.error().to_string())
        })
    }
}

/// Writes the competency table, one learner at a time: a row per competency of each
/// assessment, in framework order, under one header ([`COMPETENCY_HEADER`]).
///
/// `next_step` holds the words the Markdown and HTML plans give under "Next steps": one step
/// a line, and each ability still to show on a line of its own under its step, starting
/// `- `; it is empty where there is nothing to do (met, not targeted, not applicable).
/// `title` is the competency's code and title, as the plans show them.
#[derive(Debug)]
pub struct CompetencyWriter<W: io::Write> {
    table: Table<W>,
}

impl<W: io::Write> CompetencyWriter<W> {
    /// A table writing into `out` (the header is written with the first assessment, or by
    /// [`finish`](Self::finish) when there is none). CSV is written in blocks: pass `out`
    /// unbuffered or buffered alike.
    pub fn new(out: W) -> CompetencyWriter<W> {
        CompetencyWriter {
            table: Table::new(out, &COMPETENCY_HEADER),
        }
    }

    /// Writes the rows of one learner.
    pub fn write(&mut self, a: &Assessment) -> io::Result<()> {
        self.table.start()?;
        let framework = a.framework().name.as_str();
        let role = a.role().map_or("", |r| r.id.as_str());
        for domain in a.domains() {
            for c in &domain.competencies {
                let title = heading(c.code.map(|x| x.as_str()), c.title.as_str());
                let next = words::next_steps_text(&c);
                row(
                    &mut self.table.out,
                    [
                        a.learner().as_str(),
                        framework,
                        role,
                        domain.id.as_str(),
                        c.id.as_str(),
                        title.as_str(),
                        c.target.map_or("", |t| t.as_str()),
                        c.achieved.map_or("", |l| l.as_str()),
                        c.status.as_str(),
                        next.as_str(),
                    ],
                )?;
            }
        }
        Ok(())
    }

    /// Writes what is buffered through to the writer (the header too, if nothing else was
    /// written), and flushes it: to stream a table a learner at a time.
    pub fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }

    /// Writes the header if no learner was written, flushes, and gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        self.table.finish()
    }
}

/// Writes the evidence ledger, one learner at a time: a row per ledger entry of each
/// assessment (every claim, and every item without claims, in input order), under one
/// header ([`LEDGER_HEADER`]).
///
/// The columns after `learner` and `framework` are the JSON report's ledger fields, with the
/// same values; `unknown_indicators` and `not_applicable_indicators` list ids separated by
/// spaces.
#[derive(Debug)]
pub struct LedgerWriter<W: io::Write> {
    table: Table<W>,
}

impl<W: io::Write> LedgerWriter<W> {
    /// A ledger writing into `out` (the header is written with the first assessment, or by
    /// [`finish`](Self::finish) when there is none).
    pub fn new(out: W) -> LedgerWriter<W> {
        LedgerWriter {
            table: Table::new(out, &LEDGER_HEADER),
        }
    }

    /// Writes the ledger of one learner.
    pub fn write(&mut self, a: &Assessment) -> io::Result<()> {
        self.table.start()?;
        let framework = a.framework().name.as_str();
        let ids = |ids: &[crate::model::Id]| -> String {
            ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(" ")
        };
        for e in a.ledger() {
            row(
                &mut self.table.out,
                [
                    a.learner().to_string(),
                    framework.to_owned(),
                    e.evidence.to_string(),
                    e.item.to_string(),
                    optional(e.claim),
                    e.kind.to_string(),
                    e.date.to_string(),
                    optional(e.assessor_role),
                    optional(e.competency),
                    optional(e.level),
                    e.disposition.as_str().to_owned(),
                    optional(e.migrated_from),
                    optional(e.crosswalked_from),
                    optional(e.relation.map(words::relation_name)),
                    optional(e.current_until),
                    ids(e.unknown_indicators),
                    ids(e.not_applicable_indicators),
                ],
            )?;
        }
        Ok(())
    }

    /// Writes what is buffered through to the writer (the header too, if nothing else was
    /// written), and flushes it: to stream a ledger a learner at a time.
    pub fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }

    /// Writes the header if no learner was written, flushes, and gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        self.table.finish()
    }
}

/// A value's text, or an empty cell.
fn optional<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

/// Writing into memory cannot fail; should it, the text so far is returned.
fn into_string(bytes: io::Result<Vec<u8>>) -> String {
    bytes
        .map(|b| String::from_utf8(b).unwrap_or_default())
        .unwrap_or_default()
}

/// One learner's competency table, header first ([`CompetencyWriter`]).
pub fn render(a: &Assessment) -> String {
    let mut table = CompetencyWriter::new(Vec::with_capacity(8 * 1024));
    into_string(table.write(a).and_then(|()| table.finish()))
}

/// One learner's ledger, header first ([`LedgerWriter`]).
pub fn render_ledger(a: &Assessment) -> String {
    let mut table = LedgerWriter::new(Vec::with_capacity(4 * 1024));
    into_string(table.write(a).and_then(|()| table.finish()))
}

/// The cohort matrix, the cohort page's heat map as a table: a row per learner (in the
/// order of the page), with their framework, role, readiness and targeted competencies met
/// ([`COHORT_HEADER`]), then a column per competency holding its status.
///
/// The competency columns are named by id, in framework order; when the cohort holds
/// several frameworks or roles, every competency id of any of them has a column (in the
/// order first met), and a learner's cell is empty for a competency their framework does not
/// have.
pub fn render_cohort(cohort: &Cohort) -> String {
    let mut columns: Vec<&str> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for group in cohort.groups() {
        for c in group.competencies() {
            if !index.contains_key(c.id.as_str()) {
                index.insert(c.id.as_str(), columns.len());
                columns.push(c.id.as_str());
            }
        }
    }
    let mut out = writer(Vec::with_capacity(4 * 1024));
    let header = COHORT_HEADER.iter().copied().chain(columns.iter().copied());
    let mut result = row(&mut out, header);
    for group in cohort.groups() {
        let role = group.role().map_or("", |(id, _)| id.as_str());
        for learner in group.rows() {
            let mut cells = vec![""; columns.len()];
            for (c, status) in group.competencies().zip(&learner.statuses) {
                if let Some(cell) = index.get(c.id.as_str()).and_then(|&n| cells.get_mut(n)) {
                    *cell = status.as_str();
                }
            }
            let (met, targeted) = (learner.met.to_string(), learner.targeted.to_string());
            let head = [
                learner.learner.as_str(),
                group.framework(),
                role,
                if learner.ready { "true" } else { "false" },
                &met,
                &targeted,
            ];
            result = result.and_then(|()| row(&mut out, head.iter().chain(&cells)));
        }
    }
    into_string(result.and_then(|()| {
        out.into_inner()
            .map_err(|e| io::Error::new(e.error().kind(), e.error().to_string()))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Assessor, Assessors};
    use crate::catalog::Catalog;
    use crate::model::{Document, EvidenceRecord};
    use crate::tailor;
    use crate::{Limits, load_str};

    /// A framework whose text a spreadsheet would run as formulas, and that needs quoting.
    const HOSTILE: &str = r#"
format: competence/1
kind: framework
id: hostile
version: 1.0.0
title: "=HYPERLINK(\"https://evil.example\")"
scale:
  - { id: developing, title: "+Developing" }
  - { id: established, title: Established }
domains:
  - id: relational
    code: "-1"
    title: "@Relational"
    competencies:
      - id: listening
        code: "=2+2"
        title: "Listening, \"well\"\nand more"
        indicators:
          - { id: reflects, text: "=cmd|' /C calc'!A0", level: established }
      - id: sharing
        title: "Sharing"
roles:
  - id: psw
    title: Peer worker
    targets: { relational: established }
assessment:
  evidence: { observation: { weight: 1.0, independent: true } }
  sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true, require_indicators: true }
"#;

    fn record(text: &str) -> EvidenceRecord {
        let loaded = load_str(None, text, &Limits::default());
        match loaded.documents.into_iter().next() {
            Some((_, Document::Evidence(record))) => *record,
            other => panic!("not evidence: {other:?}"),
        }
    }

    fn hostile(learner: &str) -> Assessment {
        let mut catalog = Catalog::new();
        let found = catalog
            .add_text(None, HOSTILE, &Limits::default())
            .diagnostics;
        assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
        let framework = tailor::resolve(&catalog, &"hostile".parse().unwrap())
            .unwrap()
            .framework
            .unwrap();
        let text = format!(
            "format: competence/1\nkind: evidence\nlearner: {learner}\nframework: hostile\nevidence:\n  - id: obs-1\n    kind: observation\n    date: 2026-01-10\n    claims:\n      - competency: listening\n        level: developing\n        indicators: [reflects, nope]\n      - competency: elsewhere\n  - id: obs-1\n    kind: observation\n    date: 2026-01-11\n    claims:\n      - competency: sharing\n  - id: later\n    kind: observation\n    date: 2027-01-11\n"
        );
        Assessor::new(framework)
            .role("psw")
            .as_of("2026-11-27".parse().unwrap())
            .assess(&record(&text))
            .unwrap()
    }

    fn builtin(text: &str) -> Assessment {
        Assessors::new(Catalog::builtin(), "2026-11-27".parse().unwrap())
            .role("peer-support-worker")
            .assess(&record(text))
            .unwrap()
    }

    const GAPS: &str = include_str!("../../examples/evidence/learner-gaps.yaml");
    const READY: &str = include_str!("../../examples/evidence/learner-ready.yaml");

    /// The table read back with the `csv` crate's reader: the header, then the rows.
    fn read(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    }

    #[test]
    fn the_competency_table_reads_back_as_the_assessment() {
        let a = builtin(GAPS);
        let text = render(&a);
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\r'));
        let (header, rows) = read(&text);
        assert_eq!(header, COMPETENCY_HEADER);
        assert_eq!(rows.len(), a.competencies().len());
        let mut next_steps = 0;
        for (row, c) in rows.iter().zip(a.competencies()) {
            let domain = a
                .domains()
                .find(|d| d.competencies.iter().any(|x| x.id == c.id))
                .unwrap();
            let expected = [
                "L-0107",
                "mh-peer-support-worker@1.1.0",
                "peer-support-worker",
                domain.id.as_str(),
                c.id.as_str(),
                &heading(c.code.map(|x| x.as_str()), c.title.as_str()),
                c.target.map_or("", |t| t.as_str()),
                c.achieved.map_or("", |t| t.as_str()),
                c.status.as_str(),
                &words::next_steps_text(&c),
            ];
            assert_eq!(row, &expected, "{}", c.id);
            // A next step exactly where the plans have one.
            let plan_step = c.gaps.iter().next().map(|g| g.next_step().to_owned());
            assert_eq!(plan_step.is_some(), !row[9].is_empty(), "{}", c.id);
            if let Some(step) = plan_step {
                assert!(row[9].contains(&step), "{}: {}", c.id, row[9]);
                next_steps += 1;
            }
        }
        assert!(next_steps >= 5, "the gaps example has open areas");
        // The same words as the Markdown plan, line by line.
        let markdown = super::super::markdown::render(&a);
        let blocked = &rows
            .iter()
            .find(|r| r[4] == "sharing-lived-experience")
            .unwrap()[9];
        assert_eq!(
            &rows
                .iter()
                .find(|r| r[4] == "sharing-lived-experience")
                .unwrap()[8],
            "blocked"
        );
        for line in blocked.lines() {
            let line = line.trim_start_matches("- ");
            let first_words: String = line.chars().take(30).collect();
            assert!(markdown.contains(&first_words), "{line}");
        }
    }

    #[test]
    fn the_ledger_reads_back_as_the_assessment() {
        let a = builtin(GAPS);
        let (header, rows) = read(&render_ledger(&a));
        assert_eq!(header, LEDGER_HEADER);
        assert_eq!(rows.len(), a.ledger().len());
        for (row, e) in rows.iter().zip(a.ledger()) {
            assert_eq!(row[0], "L-0107");
            assert_eq!(row[2], e.evidence.as_str());
            assert_eq!(row[3], e.item.to_string());
            assert_eq!(row[4], e.claim.map_or(String::new(), |c| c.to_string()));
            assert_eq!(row[8], e.competency.map_or("", |c| c.as_str()));
            assert_eq!(row[9], e.level.map_or("", |c| c.as_str()));
            assert_eq!(row[10], e.disposition.as_str());
        }
        let dispositions: Vec<&str> = rows.iter().map(|r| r[10].as_str()).collect();
        for expected in ["counted", "expired", "not-yet"] {
            assert!(dispositions.contains(&expected), "{dispositions:?}");
        }
    }

    #[test]
    fn hostile_text_is_quoted_and_neutralised() {
        let a = hostile("L-1");
        let text = render(&a);
        let (_, rows) = read(&text);
        let listening = rows.iter().find(|r| r[4] == "listening").unwrap();
        // The code leads the title: `=2+2 Listening…` would run as a formula.
        assert_eq!(listening[5], "'=2+2 Listening, \"well\"\nand more");
        assert_eq!(listening[8], "partial");
        // The indicator's text is in the next steps, after a step: not at a cell's start.
        assert!(
            listening[9].contains("- =cmd|' /C calc'!A0"),
            "{}",
            listening[9]
        );
        let ledger = render_ledger(&a);
        let (_, entries) = read(&ledger);
        let dispositions: Vec<&str> = entries.iter().map(|r| r[10].as_str()).collect();
        assert_eq!(
            dispositions,
            [
                "counted",
                "unknown-competency",
                "duplicate-evidence",
                "no-claims"
            ]
        );
        assert_eq!(entries[0][15], "nope");
        assert_eq!(
            entries[3][4], "",
            "an item without claims has no claim index"
        );
        // No cell of any table starts with a formula trigger.
        let mut cohort = Cohort::new();
        cohort.add(&a);
        for table in [text, ledger, render_cohort(&cohort)] {
            let (header, rows) = read(&table);
            for cell in header.iter().chain(rows.iter().flatten()) {
                assert_eq!(neutralise(cell), *cell, "{cell:?} in {table}");
            }
        }
    }

    #[test]
    fn the_cohort_matrix_has_a_row_per_learner_and_a_column_per_competency() {
        let gaps = builtin(GAPS);
        let ready = builtin(READY);
        let other = hostile("L-1");
        let mut cohort = Cohort::new();
        for a in [&gaps, &ready, &other] {
            cohort.add(a);
        }
        let (header, rows) = read(&render_cohort(&cohort));
        assert_eq!(header[..6], COHORT_HEADER);
        let competencies: Vec<&str> = gaps.competencies().map(|c| c.id.as_str()).collect();
        assert_eq!(header[6..6 + competencies.len()], competencies[..]);
        assert_eq!(header[6 + competencies.len()..], ["listening", "sharing"]);
        assert_eq!(rows.len(), 3);
        for (row, a) in rows.iter().zip([&gaps, &ready, &other]) {
            assert_eq!(row[0], a.learner().as_str());
            assert_eq!(row[1], a.framework().name);
            assert_eq!(row[3], a.ready().to_string());
            assert_eq!(row[4], a.summary().coverage.met.to_string());
            assert_eq!(row[5], a.summary().coverage.targeted.to_string());
            for c in a.competencies() {
                let column = header.iter().position(|h| h == c.id.as_str()).unwrap();
                assert_eq!(row[column], c.status.as_str(), "{}", c.id);
            }
            let filled = row[6..].iter().filter(|cell| !cell.is_empty()).count();
            assert_eq!(
                filled,
                a.competencies().len(),
                "other frameworks' cells are empty"
            );
        }
        assert_eq!(rows[1][3], "true");
    }

    #[test]
    fn an_empty_table_is_its_header() {
        let table = CompetencyWriter::new(Vec::new()).finish().unwrap();
        assert_eq!(
            table,
            COMPETENCY_HEADER
                .join(",")
                .into_bytes()
                .into_iter()
                .chain(*b"\r\n")
                .collect::<Vec<u8>>()
        );
        let ledger = LedgerWriter::new(Vec::new()).finish().unwrap();
        assert_eq!(
            String::from_utf8(ledger).unwrap(),
            format!("{}\r\n", LEDGER_HEADER.join(","))
        );
        assert_eq!(
            render_cohort(&Cohort::new()),
            format!("{}\r\n", COHORT_HEADER.join(","))
        );
    }

    #[test]
    fn learners_share_one_header() {
        let (gaps, ready) = (builtin(GAPS), builtin(READY));
        let mut table = CompetencyWriter::new(Vec::new());
        table.write(&gaps).unwrap();
        table.flush().unwrap();
        table.write(&ready).unwrap();
        let text = String::from_utf8(table.finish().unwrap()).unwrap();
        assert_eq!(text.matches("learner,framework").count(), 1);
        let (_, rows) = read(&text);
        assert_eq!(
            rows.len(),
            gaps.competencies().len() + ready.competencies().len()
        );
        assert_eq!(
            text,
            format!(
                "{}{}",
                render(&gaps),
                render(&ready).split_once("\r\n").unwrap().1
            )
        );
    }

    #[test]
    fn every_formula_trigger_is_neutralised() {
        for cell in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            "\n=1",
            "  =1",
            " \t+cmd",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}A1",
            "=HYPERLINK(\"https://evil.example\",\"click\")",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn other_cells_are_left_as_they_are() {
        for cell in [
            "",
            "   ",
            "active-listening",
            "L-0001",
            "2026-11-27",
            "not-targeted",
            "3.2 Drawing on and sharing lived experience",
            "a = b",
            "x-y",
            "'quoted",
            "\u{2013}",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }
}
