//! End-to-end assessment cases: each `tests/cases/<name>/` with a `case.yaml` (role, as_of)
//! frameworks it needs under `frameworks/`, `evidence.yaml`, and the expected `report.json`
//! and `report.md`. Its README works the numbers out by hand from DESIGN.md's rules.
//! `UPDATE_EXPECT=1 cargo test --test cases` rewrites the expected files; check the diff
//! against the README before committing.

use competence::assess::{Assessment, Assessor};
use competence::catalog::Catalog;
use competence::model::{Date, Document};
use competence::report;
use competence::{Limits, load_file, tailor};
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    role: Option<String>,
    as_of: String,
}

fn run(dir: &Path) -> Result<(String, String), String> {
    let assessment = assess(dir)?;
    Ok((
        report::json::render(&assessment),
        report::markdown::render(&assessment),
    ))
}

fn assess(dir: &Path) -> Result<Assessment, String> {
    let case: Case =
        serde_json::from_value(yaml_value(&dir.join("case.yaml"))?).map_err(|e| e.to_string())?;
    let as_of: Date = case.as_of.parse().map_err(|e| format!("{e}"))?;
    let (catalog, found) = Catalog::builtin_and(&[dir.join("frameworks")], &Limits::default())
        .map_err(|e| e.to_string())?;
    let errors: Vec<_> = found.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(format!("catalog errors: {errors:#?}"));
    }
    let loaded =
        load_file(&dir.join("evidence.yaml"), &Limits::default()).map_err(|e| e.to_string())?;
    if loaded.has_errors() {
        return Err(format!("evidence errors: {:#?}", loaded.diagnostics));
    }
    let Some((_, Document::Evidence(record))) = loaded.documents.first() else {
        return Err("evidence.yaml holds no evidence record".into());
    };
    let resolution = tailor::resolve(&catalog, &record.framework).map_err(|e| e.to_string())?;
    let framework = resolution.framework.ok_or("framework did not resolve")?;
    let mut assessor = Assessor::new(framework).as_of(as_of);
    if let Some(role) = &case.role {
        assessor = assessor.role(role);
    }
    assessor.assess(record).map_err(|e| e.to_string())
}

/// case.yaml is tiny and flat: `key: value` lines.
fn yaml_value(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut map = serde_json::Map::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("{}: bad line {line}", path.display()))?;
        map.insert(
            key.trim().to_owned(),
            serde_json::Value::String(value.trim().to_owned()),
        );
    }
    Ok(serde_json::Value::Object(map))
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/cases")
        .unwrap_or_else(|e| panic!("tests/cases: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("case.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// A JSON report reads back into an assessment equal to the one it was written from, which
/// writes the same JSON and the same Markdown plan again.
#[test]
fn reports_read_back_into_equal_assessments() {
    for dir in case_dirs() {
        let assessment = assess(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let json = report::json::render(&assessment);
        let read: Assessment =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert!(read == assessment, "{}: read back differs", dir.display());
        assert_eq!(read, assessment.clone());
        assert_eq!(report::json::render(&read), json, "{}", dir.display());
        assert_eq!(
            report::markdown::render(&read),
            report::markdown::render(&assessment),
            "{}",
            dir.display()
        );
        assert_eq!(format!("{read:?}"), format!("{assessment:?}"));
        let line: Assessment = serde_json::from_str(&report::json::render_line(&assessment))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert_eq!(line, assessment);
    }
}

#[test]
fn cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 7,
        "expected at least 7 cases, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let (json, markdown) = match run(dir) {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("{}: {e}", dir.display()));
                continue;
            }
        };
        // Same input, same bytes.
        assert_eq!(
            run(dir).ok(),
            Some((json.clone(), markdown.clone())),
            "{}: not deterministic",
            dir.display()
        );
        for (name, actual) in [("report.json", &json), ("report.md", &markdown)] {
            let path = dir.join(name);
            if update {
                std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if &expected != actual {
                failures.push(format!(
                    "{}: differs from the expected file (UPDATE_EXPECT=1 to rewrite)",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The committed report schema, for validating what the tests write.
fn report_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("schema/report.schema.json")
        .unwrap_or_else(|e| panic!("schema/report.schema.json: {e}"));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{e}"))
}

/// A full report's gap, as the cohort line writes it: without its words, indicators by id,
/// and no list of independent kinds.
fn as_line_gap(gap: &serde_json::Value) -> serde_json::Value {
    let mut gap = gap.clone();
    if let Some(map) = gap.as_object_mut() {
        map.remove("next_step");
        if map["code"] == "independent" {
            map.remove("kinds");
        }
        if let Some(missing) = map.get_mut("missing") {
            *missing = missing
                .as_array()
                .into_iter()
                .flatten()
                .map(|m| m["id"].clone())
                .collect();
        }
    }
    gap
}

/// Every case's cohort line is one line, validates against the report schema (as the full
/// report does), and says what the full report says about each competency it lists; every
/// competency it leaves out has no evidence of the learner's and the status of a learner
/// without evidence; its ledger is the full report's, entry for entry.
#[test]
fn cohort_lines_agree_with_the_full_reports() {
    use serde_json::Value;
    let schema = report_schema();
    for dir in case_dirs() {
        let name = dir.display();
        let assessment = assess(&dir).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = report::line::render(&assessment);
        assert_eq!(text.matches('\n').count(), 1, "{name}: {text}");
        assert!(text.ends_with('\n'), "{name}");
        let line: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let full: Value = serde_json::from_str(&report::json::render(&assessment))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for value in [&line, &full] {
            let errors: Vec<String> = schema.iter_errors(value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
        assert!(
            text.len() < report::json::render_line(&assessment).len(),
            "{name}"
        );
        assert_eq!(line["learner"], full["learner"], "{name}");
        assert_eq!(line["framework"], full["framework"]["name"], "{name}");
        assert_eq!(line["role"], full["role"]["id"], "{name}");
        assert_eq!(line["as_of"], full["as_of"], "{name}");
        assert_eq!(line["summary"], full["summary"], "{name}");
        assert_eq!(line["ledger"], full["ledger"], "{name}");
        let listed = line["competencies"].as_array().cloned().unwrap_or_default();
        let mut listed = listed.iter().peekable();
        let mut own = 0;
        for c in full["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["competencies"].as_array().into_iter().flatten())
        {
            let id = &c["id"];
            if listed.peek().is_some_and(|l| l["id"] == *id) {
                let l = listed.next().unwrap_or_else(|| unreachable!());
                own += 1;
                for field in ["status", "achieved", "evidence", "related_evidence"] {
                    assert_eq!(l.get(field), c.get(field), "{name}: {id} {field}");
                }
                let gaps: Vec<Value> = c["gaps"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(as_line_gap)
                    .collect();
                let line_gaps = l["gaps"].as_array().cloned().unwrap_or_default();
                assert_eq!(line_gaps, gaps, "{name}: {id} gaps");
            } else {
                let status = c["status"].as_str().unwrap_or_default();
                assert!(
                    matches!(status, "missing" | "not-targeted" | "not-applicable"),
                    "{name}: {id} is {status} but not listed"
                );
                // Nothing of the learner's: no evidence, related or not, and no gap that
                // names an item (only claims that did not count may name it in the ledger).
                for field in ["evidence", "related_evidence", "achieved"] {
                    assert!(c.get(field).is_none(), "{name}: {id} {field}");
                }
                for gap in c["gaps"].as_array().into_iter().flatten() {
                    assert!(gap.get("evidence").is_none(), "{name}: {id} {gap}");
                }
                let counted = full["ledger"].as_array().into_iter().flatten().any(|e| {
                    e["competency"] == *id
                        && matches!(
                            e["disposition"].as_str(),
                            Some("counted" | "migrated" | "crosswalked")
                        )
                });
                assert!(
                    !counted,
                    "{name}: {id} has counted evidence but is not listed"
                );
            }
        }
        assert!(
            listed.next().is_none(),
            "{name}: listed out of framework order"
        );
        assert!(own > 0, "{name}: no competency listed");
    }
}
