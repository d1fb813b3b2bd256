//! Checking text in memory finds exactly what checking the same files on disk finds: every
//! fixture, single files and multi-file cases (a tailoring with its base), through
//! `check_text`/`check_texts` and through `check_paths`.

use competence::catalog::Catalog;
use competence::check::check_paths;
use competence::{Diagnostic, Limits, check_texts};
use std::path::{Path, PathBuf};

fn fixture_cases() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    let mut dirs = vec![root.join("valid")];
    let invalid = root.join("invalid");
    for code in std::fs::read_dir(&invalid).unwrap_or_else(|e| panic!("{e}")) {
        dirs.push(code.unwrap_or_else(|e| panic!("{e}")).path());
    }
    for dir in dirs {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                if entry.join("args.txt").exists() {
                    continue; // needs command-line options (--catalog …)
                }
                let mut files: Vec<PathBuf> = std::fs::read_dir(&entry)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
                    .filter(|p| is_document(p))
                    .collect();
                files.sort();
                cases.push((entry, files));
            } else if is_document(&entry) && !entry.with_extension("args").exists() {
                cases.push((entry.clone(), vec![entry]));
            }
        }
    }
    cases
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "yaml" | "yml" | "json" | "jsonl"))
}

fn summary(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{:?}:{} {} {}",
                d.file
                    .as_deref()
                    .map(Path::display)
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                d.span.map(|s| (s.line, s.column)),
                d.path,
                d.code,
                d.message
            )
        })
        .collect()
}

#[test]
fn in_memory_checking_finds_what_checking_files_finds() {
    let limits = Limits::default();
    let catalog = Catalog::builtin();
    let mut compared = 0;
    for (case, files) in fixture_cases() {
        let on_disk = check_paths(std::slice::from_ref(&case), &[], &limits)
            .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let texts: Vec<(PathBuf, String)> = files
            .iter()
            .filter_map(|f| {
                let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{e}"));
                // Files that are not UTF-8 are for the byte-level loader, not for text.
                String::from_utf8(bytes).ok().map(|t| (f.clone(), t))
            })
            .collect();
        if texts.len() != files.len() {
            continue;
        }
        let borrowed: Vec<(&Path, &str)> = texts
            .iter()
            .map(|(f, t)| (f.as_path(), t.as_str()))
            .collect();
        let in_memory = check_texts(&borrowed, &catalog, &limits);
        assert_eq!(
            summary(&in_memory.diagnostics),
            summary(&on_disk.diagnostics),
            "{}",
            case.display()
        );
        compared += 1;
    }
    assert!(compared > 60, "only {compared} fixture cases compared");
}

#[test]
fn diagnostics_read_back_from_their_json() {
    let limits = Limits::default();
    let mut compared = 0;
    for (case, _) in fixture_cases() {
        let report = check_paths(std::slice::from_ref(&case), &[], &limits)
            .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let json = serde_json::to_string(&report.diagnostics).unwrap_or_else(|e| panic!("{e}"));
        let back: Vec<Diagnostic> = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: {e}\n{json}", case.display()));
        // What the text form does not hold: the document's index and whether the caret is on
        // the key. Everything else comes back as it was.
        let expected: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                d.path.document = 0;
                d.path.at_key = false;
                for r in &mut d.related {
                    r.path.document = 0;
                    r.path.at_key = false;
                }
                d
            })
            .collect();
        assert_eq!(back, expected, "{}", case.display());
        compared += back.len();
    }
    assert!(compared > 60, "only {compared} findings compared");
}
