//! One wrong scalar no longer hides the other problems of a document: every shape problem is
//! reported at once, each located with the code it has on its own.

use competence::{Limits, load_str};
use std::path::Path;

fn fixture(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (code, path, line, column) of every finding.
fn findings(text: &str) -> Vec<(String, String, usize, usize)> {
    load_str(None, text, &Limits::default())
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.span.map_or((0, 0), |s| (s.line, s.column));
            (d.code.to_string(), d.path.to_string(), line, column)
        })
        .collect()
}

fn expect(rows: &[(&str, &str, usize, usize)]) -> Vec<(String, String, usize, usize)> {
    rows.iter()
        .map(|(c, p, l, col)| ((*c).to_owned(), (*p).to_owned(), *l, *col))
        .collect()
}

#[test]
fn a_framework_with_five_problems_reports_five() {
    let text = fixture("invalid-version/five-problems.yaml");
    assert_eq!(
        findings(&text),
        expect(&[
            ("invalid-version", "version", 7, 10),
            ("unknown-field", "domains[0].competencies[0]", 22, 9),
            ("missing-field", "domains[0].competencies[1]", 25, 9),
            (
                "invalid-duration",
                "assessment.evidence.observation.valid_for",
                38,
                63
            ),
            (
                "invalid-weight",
                "assessment.evidence.reflection.weight",
                39,
                27
            ),
        ])
    );
}

#[test]
fn an_evidence_record_with_five_problems_reports_five() {
    let text = fixture("invalid-date/several-problems.yaml");
    assert_eq!(
        findings(&text),
        expect(&[
            ("invalid-date", "evidence[0].date", 11, 11),
            ("invalid-value", "evidence[1].outcome", 21, 14),
            ("unknown-field", "evidence[1]", 22, 5),
            ("missing-field", "evidence[2]", 25, 5),
            ("wrong-type", "evidence[2].claims", 27, 13),
        ])
    );
}

#[test]
fn json_with_five_problems_reports_five_with_paths() {
    let text = fixture("wrong-type/several-problems.json");
    assert_eq!(
        findings(&text),
        expect(&[
            ("invalid-version", "version", 5, 14),
            ("wrong-type", "title", 6, 12),
            ("wrong-type", "values[0].core", 21, 15),
            ("unknown-field", "roles[0]", 52, 7),
            (
                "invalid-weight",
                "assessment.evidence.reflection.weight",
                62,
                19
            ),
        ])
    );
}

#[test]
fn a_framework_named_with_a_space_is_an_error() {
    let text = fixture("invalid-id/framework-id.yaml");
    assert_eq!(findings(&text), expect(&[("invalid-id", "id", 4, 5)]));
}

#[test]
fn evidence_text_stays_out_of_every_finding() {
    let text = fixture("invalid-date/several-problems.yaml")
        .replace("claims: active-listening", "claims: a private sentence");
    let loaded = load_str(None, &text, &Limits::default());
    assert_eq!(loaded.diagnostics.len(), 5);
    for d in &loaded.diagnostics {
        assert!(!d.message.contains("private"), "{}", d.message);
    }
}

#[test]
fn duplicate_keys_are_reported_with_the_other_problems() {
    let text = fixture("invalid-version/five-problems.yaml").replacen(
        "        title: Active listening\n",
        "        title: Active listening\n        title: Listening\n",
        1,
    );
    let found = findings(&text);
    let codes: Vec<&str> = found.iter().map(|(c, ..)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid-version",
            "duplicate-key",
            "unknown-field",
            "missing-field",
            "invalid-duration",
            "invalid-weight"
        ],
        "{found:?}"
    );
    assert!(found.contains(&(
        "duplicate-key".to_owned(),
        "domains[0].competencies[0].title".to_owned(),
        21,
        9
    )));
}
