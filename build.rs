//! Embeds the shipped frameworks (`frameworks/*.yaml`) as the built-in catalog: writes
//! `builtin.rs` into OUT_DIR with one `include_str!` per file, sorted by name. Also writes
//! `diagnostics_doc.rs`: each code's description and fix as `docs/diagnostics.md` words them,
//! for the SARIF rules.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=frameworks");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = root.join("frameworks");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    let mut code = String::from(
        "/// The built-in frameworks: (file name, text), sorted by file name.\n\
         pub(crate) static BUILTIN: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
    diagnostics_doc(&root);
}

/// `(code, description, fix)` for every `## `code`` section of `docs/diagnostics.md`: the
/// first paragraph after `**Severity:**`, and the paragraph that starts with `**Fix:**` (bold
/// or not).
/// The file is in the package (Cargo.toml `include`), and `diagnostic::reference` embeds it
/// whole, so the crate does not build without it; a missing file here gives an empty list.
fn diagnostics_doc(root: &std::path::Path) {
    let path = root.join("docs/diagnostics.md");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut entries: Vec<(String, String, String)> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut after_severity = false;
    let mut in_code = false;
    let mut lines = text.lines().chain(std::iter::once(""));
    for line in &mut lines {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(code) = line
            .strip_prefix("## `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            entries.push((code.to_owned(), String::new(), String::new()));
            after_severity = false;
            paragraph.clear();
            continue;
        }
        if line.trim().is_empty() {
            let joined = paragraph.join(" ");
            paragraph.clear();
            let Some(entry) = entries.last_mut() else {
                continue;
            };
            if let Some(fix) = joined
                .strip_prefix("**Fix:**")
                .or_else(|| joined.strip_prefix("Fix:"))
            {
                entry.2 = fix.trim().to_owned();
            } else if joined.starts_with("**Severity:**") || joined.starts_with("Severity:") {
                after_severity = true;
            } else if after_severity && entry.1.is_empty() && !joined.is_empty() {
                entry.1 = joined;
            }
            continue;
        }
        paragraph.push(line.trim());
    }
    let mut code = String::from(
        "/// `(code, description, fix)` from docs/diagnostics.md, in its order.\n\
         pub(crate) static DOCS: &[(&str, &str, &str)] = &[\n",
    );
    for (name, description, fix) in &entries {
        let _ = writeln!(code, "    ({name:?}, {description:?}, {fix:?}),");
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("diagnostics_doc.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
