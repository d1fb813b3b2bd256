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
