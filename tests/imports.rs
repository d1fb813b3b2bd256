//! Imports follow the pipeline (DESIGN.md "Architecture"): no library module uses one above it,
//! and no two files of one module use each other. This test reads `src/` as text, so a new
//! cycle is seen in review as a failing test rather than discovered by a newcomer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first. A module may use only modules of a lower
/// rank. Modules of the same rank may not use each other.
const LAYERS: &[(&str, u8)] = &[
    ("model", 0),
    ("diagnostic", 1),
    ("yaml", 2),
    ("validate", 3),
    ("files", 3),
    ("load", 4),
    ("catalog", 5),
    ("tailor", 6),
    ("assess", 7),
    ("diff", 7),
    ("report", 8),
    ("interchange", 8),
    ("schema", 9),
    ("check", 9),
];

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file without its test module, doc comments and comments: only what the
/// library really uses counts.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names that follow `prefix` in `code` (`crate::` gives top-level modules, `super::`
/// gives siblings), including those inside `use prefix{a, b::c}` groups.
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

fn library_files() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|f| !f.starts_with(src.join("bin")))
        .map(|f| {
            let relative = f.strip_prefix(&src).unwrap_or(&f).to_owned();
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            (relative, code(&text))
        })
        .collect()
}

fn top_module(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn every_module_has_a_layer() {
    let mut missing = BTreeSet::new();
    for (relative, _) in library_files() {
        let module = top_module(&relative);
        if module != "lib" && rank(&module).is_none() {
            missing.insert(module);
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a layer in tests/imports.rs: {missing:?}"
    );
}

#[test]
fn modules_use_only_lower_layers() {
    let mut wrong = Vec::new();
    for (relative, code) in library_files() {
        let module = top_module(&relative);
        let Some(own) = rank(&module) else { continue };
        for used in names_after(&code, "crate::") {
            if used == module {
                continue;
            }
            if let Some(theirs) = rank(&used).filter(|theirs| *theirs >= own) {
                wrong.push(format!(
                    "{} ({module}, layer {own}) uses {used} (layer {theirs})",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

/// Sibling pairs that still use each other, each with the issue that removes it. The test
/// fails when one of them no longer does, so this list only shrinks.
const KNOWN_SIBLING_CYCLES: &[(&str, &str, &str)] = &[];

#[test]
fn sibling_files_do_not_use_each_other() {
    // Within one module directory: file -> siblings it names through `super::` or its own
    // module path. A cycle among siblings means two files share one job.
    let files = library_files();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (relative, code) in &files {
        let Some(dir) = relative.parent().filter(|d| !d.as_os_str().is_empty()) else {
            continue;
        };
        if relative.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        let module_path = format!(
            "crate::{}::",
            dir.to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "::")
        );
        let mut named = names_after(code, "super::");
        named.extend(names_after(code, &module_path));
        for name in named {
            let sibling = dir.join(format!("{name}.rs"));
            if &sibling != relative && files.iter().any(|(f, _)| *f == sibling) {
                edges.entry(relative.clone()).or_default().insert(sibling);
            }
        }
    }
    let mut cycles = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if from < to && edges.get(to).is_some_and(|back| back.contains(from)) {
                cycles.push((
                    from.to_string_lossy().replace('\\', "/"),
                    to.to_string_lossy().replace('\\', "/"),
                ));
            }
        }
    }
    let known: Vec<(String, String)> = KNOWN_SIBLING_CYCLES
        .iter()
        .map(|(a, b, _)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let new: Vec<String> = cycles
        .iter()
        .filter(|c| !known.contains(c))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        new.is_empty(),
        "files that use each other:\n{}",
        new.join("\n")
    );
    let gone: Vec<String> = known
        .iter()
        .filter(|c| !cycles.contains(c))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer use each other: remove from KNOWN_SIBLING_CYCLES:\n{}",
        gone.join("\n")
    );
}

#[test]
fn the_scanner_sees_imports() {
    let code = "use crate::{model::Id, yaml};\nfn f() { crate::load::x(); my_crate::no(); }";
    let names = names_after(code, "crate::");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["load", "model", "yaml"]
    );
}
