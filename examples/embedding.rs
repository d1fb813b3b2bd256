//! A training provider's service embedding `competence`, as a Rust program would: with
//! `default-features = false` (no CLI crates), one catalog and one assessor kept in shared
//! state and used from several threads, owned assessments returned from "handlers", reports
//! rendered and read back.
//!
//! Run it with `cargo run --example embedding --no-default-features`; CI does.

use competence::assess::{Assessment, Assessor, Assessors};
use competence::catalog::Catalog;
use competence::model::{Claim, Date, EvidenceItem, EvidenceRecord, Outcome};
use competence::{Limits, check_text, report, tailor};
use std::path::Path;
use std::sync::Arc;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// A local tailoring an organisation uploads: it adds guidance and a competency.
const TAILORING: &str = r#"
format: competence/1
kind: framework
id: harbour-community-psw
version: 0.1.0
title: Peer support in the Harbour community team
extends: mh-peer-support-worker@^1
context: A community mental health team in a coastal town.
tailoring:
  guidance:
    - id: sharing-lived-experience
      text: Talk through in supervision what you might share before a first meeting.
  add_competencies:
    - into: core-relational-skills
      id: working-with-fishing-families
      title: Working alongside fishing families
      indicators:
        - id: knows-seasonal-pressures
          text: Understands how the fishing seasons shape people's lives and stress.
"#;

/// A broken upload: it rewords a core competency and excludes an id the base lacks.
const BROKEN: &str = r#"
format: competence/1
kind: framework
id: broken-upload
version: 0.1.0
title: Broken
extends: mh-peer-support-worker@^1
context: Anywhere.
tailoring:
  amend:
    - id: sharing-lived-experience
      title: Telling your story
      rationale: Shorter.
  exclude:
    - id: no-such-competency
      rationale: Not here.
"#;

/// What a service keeps for its lifetime: one catalog, one assessor per framework and role.
struct AppState {
    assessor: Assessor,
}

/// A "request handler": takes a record, returns an owned assessment (no borrow of the state).
fn handle(state: &AppState, record: &EvidenceRecord) -> Result<Assessment, Error> {
    Ok(state.assessor.assess(record)?)
}

fn record(learner: &str, with_supervision: bool) -> Result<EvidenceRecord, Error> {
    let mut record = EvidenceRecord::new(learner.parse()?, "harbour-community-psw".parse()?)
        .with_item(
            EvidenceItem::new(
                "obs-1".parse()?,
                "observation".parse()?,
                "2026-03-14".parse()?,
            )
            .with_assessor("A-12".parse()?)
            .with_claim(
                Claim::new("sharing-lived-experience".parse()?)
                    .at("established".parse()?)
                    .with_indicator("purposeful-disclosure".parse()?),
            )
            .with_claim(Claim::new("working-with-fishing-families".parse()?)),
        );
    if with_supervision {
        record = record.with_item(
            EvidenceItem::new(
                "sup-1".parse()?,
                "supervision".parse()?,
                "2026-05-02".parse()?,
            )
            .with_outcome(Outcome::NotYet)
            .with_claim(Claim::new("active-listening".parse()?)),
        );
    }
    Ok(record)
}

fn main() -> Result<(), Error> {
    let limits = Limits::default();
    let as_of: Date = "2026-11-27".parse()?;

    // 1. Validate uploads in memory with everything `competence check` would find.
    let mut catalog = Catalog::builtin();
    let upload = Path::new("harbour.yaml");
    let report = check_text(upload, TAILORING, &catalog, &limits);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let broken = check_text(Path::new("broken.yaml"), BROKEN, &catalog, &limits);
    for finding in &broken.diagnostics {
        println!("rejected upload: {finding}");
    }
    let codes: Vec<&str> = broken.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"core-amended") && codes.contains(&"unknown-reference"));

    // 2. Add the good tailoring to the catalog and resolve it.
    let added = catalog.add_text(Some(upload), TAILORING, &limits);
    println!("added {}", added.entries[0]);
    let resolution = tailor::resolve(&catalog, &"harbour-community-psw@^0.1".parse()?)?;
    let framework = resolution
        .framework
        .ok_or("the tailoring did not resolve")?;

    // 3. One assessor, built once, shared by every thread of the service.
    let state = Arc::new(AppState {
        assessor: Assessor::new(framework)
            .role("peer-support-worker")
            .as_of(as_of),
    });
    let workers: Vec<_> = ["L-0001", "L-0002", "L-0003", "L-0004"]
        .into_iter()
        .enumerate()
        .map(|(n, learner)| {
            let state = Arc::clone(&state);
            let record = record(learner, n % 2 == 0);
            std::thread::spawn(move || -> Result<Assessment, Error> { handle(&state, &record?) })
        })
        .collect();
    let mut assessments = Vec::new();
    for worker in workers {
        assessments.push(worker.join().map_err(|_| "a worker panicked")??);
    }

    // 4. Read the result: readiness and the gaps, as data.
    let first = &assessments[0];
    println!(
        "{}: {} of {} areas met",
        first.learner(),
        first.summary().coverage.met,
        first.summary().coverage.targeted
    );
    let gaps = first.competencies().filter(|c| !c.gaps.is_empty()).count();
    assert!(!first.ready() && gaps > 0);

    // 5. Render every report; the JSON report reads back into an equal assessment.
    let json = report::json::render(first);
    let markdown = report::markdown::render(first);
    let html = report::html::render(first);
    assert!(markdown.starts_with("# Development plan for L-0001"));
    assert!(html.contains("<html"));
    let back: Assessment = serde_json::from_str(&json)?;
    assert_eq!(&back, first);

    // 6. The front door that picks each record's framework (and crosswalk), as the CLI does.
    let mut assessors = Assessors::new(catalog, as_of).role("peer-support-worker");
    for assessment in &assessments {
        let again = assessors.assess(&record(assessment.learner().as_str(), true)?)?;
        assert_eq!(again.learner(), assessment.learner());
    }
    println!(
        "assessed {} learners on {} threads",
        assessments.len(),
        assessments.len()
    );
    Ok(())
}
