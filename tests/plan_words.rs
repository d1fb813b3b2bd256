//! How the plans speak (DESIGN.md "Reports", issue 11): strengths first, progress rather than a
//! verdict, next steps in abilities without weight arithmetic, the learner's own words, and an
//! organisation's readiness as a self-review and as context in its workers' plans.

use competence::assess::{Assessment, Assessor, GapDetail, assess_organisation};
use competence::catalog::Catalog;
use competence::model::{Date, Document, EvidenceRecord};
use competence::report::cohort::Cohort;
use competence::report::{html, json, markdown};
use competence::{Limits, load_file};
use std::path::Path;

fn record(path: &str) -> EvidenceRecord {
    let loaded = load_file(Path::new(path), &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    match loaded.documents.into_iter().next() {
        Some((_, Document::Evidence(r))) => *r,
        _ => panic!("{path}: not evidence"),
    }
}

fn as_of() -> Date {
    "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"))
}

fn assess(path: &str, role: &str) -> Assessment {
    let catalog = Catalog::builtin();
    let record = record(path);
    let (assessor, _) =
        competence::assess::assessor_for(&catalog, &record.framework, &record.framework)
            .unwrap_or_else(|e| panic!("{e}"));
    let assessor: Assessor = assessor.role(role).as_of(as_of());
    assessor.assess(&record).unwrap_or_else(|e| panic!("{e}"))
}

fn organisation() -> Assessment {
    assess_organisation(
        &Catalog::builtin(),
        &record("examples/evidence/organisation.yaml"),
        as_of(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn gaps() -> Assessment {
    assess("examples/evidence/learner-gaps.yaml", "peer-support-worker")
}

/// The part of a plan before the assessors' section.
fn before<'t>(text: &'t str, marker: &str) -> &'t str {
    let at = text.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    &text[..at]
}

/// Weight arithmetic: "worth", "weight", or a decimal followed by "more".
fn assert_no_arithmetic(text: &str) {
    for word in [
        "worth",
        "weight",
        "Weight",
        "0.25",
        "0.75",
        "1.5 ",
        "Not yet ready",
    ] {
        assert!(!text.contains(word), "`{word}` in:\n{text}");
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let looks_decimal = pair[0].contains('.')
            && pair[0]
                .trim_end_matches(['.', ','])
                .parse::<f64>()
                .is_ok_and(|n| n.fract() != 0.0);
        assert!(
            !(looks_decimal && pair[1].starts_with("more")),
            "{} {}",
            pair[0],
            pair[1]
        );
    }
    assert!(!text.contains("developing that first"));
}

#[test]
fn markdown_plan_opens_with_strengths_and_keeps_numbers_for_assessors() {
    let a = gaps();
    let md = markdown::render(&a);
    let first = md.lines().find(|l| l.starts_with("## ")).unwrap();
    assert_eq!(first, "## What the evidence shows");
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        sections,
        [
            "## What the evidence shows",
            "## Progress towards the profile",
            "## In the learner's own words",
            "## Where things stand",
            "## Next steps",
            "## How this was worked out",
        ]
    );
    assert!(md.contains(
        "**Working towards the Peer Support Worker profile**: 20 of 28 areas shown so far."
    ));
    assert!(
        md.contains("- **Mutual** in "),
        "the values the evidence shows"
    );
    let learner_part = before(&md, "## How this was worked out");
    assert_no_arithmetic(learner_part);
    // The numbers are there for assessors.
    let assessors = &md[learner_part.len()..];
    assert!(assessors.contains("| 1.75 of 2 |"), "{assessors}");
}

#[test]
fn html_plan_has_the_same_sections_in_the_same_order() {
    let a = gaps();
    let page = html::render(&a);
    let md = markdown::render(&a);
    let md_sections: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let html_sections: Vec<String> = page
        .match_indices("<h2 id=\"")
        .map(|(at, _)| {
            let rest = &page[at..];
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</h2>").unwrap();
            rest[start..end].replace("&#39;", "'")
        })
        .collect();
    assert_eq!(html_sections, md_sections);
    let learner_part = before(&page, "<section class=\"s-worked-out\"");
    // The page's text, after its styles.
    let body = &learner_part[learner_part.find("<body>").unwrap()..];
    assert_no_arithmetic(body);
    assert!(!page.contains("not targeted by this role"));
}

#[test]
fn each_next_step_names_the_abilities_still_to_show() {
    let a = gaps();
    let md = markdown::render(&a);
    let page = html::render(&a);
    let steps = before(&md, "## How this was worked out");
    let steps = &steps[steps.find("## Next steps").unwrap()..];
    let mut named = 0;
    for c in a.competencies() {
        for gap in &c.gaps {
            if let GapDetail::Indicators { missing, .. } = &gap.detail {
                for m in missing {
                    assert!(steps.contains(&format!("  - {}", m.text)), "{}", m.text);
                    named += 1;
                }
            }
        }
    }
    assert!(named >= 10, "{named}");
    // Supervision's missing abilities are named even though its policy does not require them.
    assert!(
        steps.contains("  - Brings issues to supervision and prepares what they want to discuss.")
    );
    assert!(
        page.contains(
            "<li>Brings issues to supervision and prepares what they want to discuss.</li>"
        )
    );
}

#[test]
fn the_learners_own_words_appear_in_both_formats() {
    let a = gaps();
    let md = markdown::render(&a);
    let page = html::render(&a);
    for text in [
        "Feel confident running a small peer support group by next spring.",
        "I have let supervision slip this autumn and want to put it back in the diary.",
        "I agree with the plan. Groups feel like the big step, so I would like to co-facilitate first.",
    ] {
        assert!(md.contains(text), "{text}");
        assert!(page.contains(text), "{text}");
    }
    assert!(md.contains("### Supervisor's comments"));
    assert!(md.contains("Agreed on 2026-11-20 by L-0107 (the learner) and A-21 (a supervisor)."));
    // And in the JSON, which reads back into the same assessment.
    let text = json::render(&a);
    let back: Assessment = serde_json::from_str(&text).unwrap();
    assert_eq!(back, a);
    assert_eq!(markdown::render(&back), md);
}

#[test]
fn the_organisation_readiness_report_is_a_self_review() {
    let org = organisation();
    assert!(org.is_organisation_review());
    let md = markdown::render(&org);
    assert!(
        md.starts_with("# Organisational self-review for ORG-1\n"),
        "{md}"
    );
    assert!(md.contains("## What is in place"));
    assert!(md.contains(
        "**Reviewing against the Organisation readiness for peer support (self-review) profile**: 2 of 4 areas in place so far."
    ));
    assert!(!md.contains("Development plan"));
    assert!(!md.contains("not part of this profile"));
    assert!(!md.contains("not targeted"));
    // Only domain 9 is in "Where things stand".
    let standing = &md[md.find("## Where things stand").unwrap()..];
    let standing = &standing[..standing.find("\n## ").unwrap()];
    assert_eq!(standing.matches("\n### ").count(), 1, "{standing}");
    assert_no_arithmetic(before(&md, "## How this was worked out"));
    let page = html::render(&org);
    assert!(page.contains("<h1>Organisational self-review for ORG-1</h1>"));
}

#[test]
fn an_organisations_unmet_items_are_context_in_a_workers_plan() {
    let org = organisation();
    let worker = gaps().with_organisation(&org);
    let md = markdown::render(&worker);
    let context = &md[md.find("## What your organisation is working on").unwrap()..];
    let context = &context[..context.find("\n## ").unwrap()];
    assert!(context.contains("- Supervising and supporting peer workers (in progress)"));
    assert!(
        context
            .contains("  - Offers progression routes into senior peer and peer leadership roles.")
    );
    assert!(context.contains("These are the organisation's to work on, not yours;"));
    // Not the worker's gaps: the worker's next steps, counts and JSON gaps are unchanged.
    let steps = &md[md.find("## Next steps").unwrap()..];
    assert!(!steps.contains("progression routes"));
    assert_eq!(worker.summary(), gaps().summary());
    assert!(
        worker
            .competencies()
            .all(|c| c.id.as_str() != "fair-employment-and-progression" || c.gaps.is_empty())
    );
    let text = json::render(&worker);
    assert!(text.contains("\"organisation\""));
    let back: Assessment = serde_json::from_str(&text).unwrap();
    assert_eq!(back, worker);
    assert_eq!(html::render(&back), html::render(&worker));
    // An organisation's own review never shows itself as context.
    let md = markdown::render(&org.clone().with_organisation(&org));
    assert!(!md.contains("What your organisation is working on"));
}

#[test]
fn the_cohort_page_shows_patterns_without_ranking() {
    let mut cohort = Cohort::new();
    cohort.add(&gaps());
    cohort.add(&assess(
        "examples/evidence/learner-ready.yaml",
        "peer-support-worker",
    ));
    let page = html::render_cohort(&cohort);
    assert!(!page.contains("Ready for the role"));
    assert!(!page.contains("ready"));
    assert!(page.contains("Patterns for planning support"));
    assert!(page.contains("Areas the largest number of learners are still working on"));
}
