//! Two framework texts, separated by a line `=====`, compared as `competence diff OLD NEW`
//! does: each side loaded and resolved (tailorings over the built-in catalog), then diffed,
//! located in the texts and checked against the version bump.

#![no_main]

mod common;

use competence::catalog::Catalog;
use competence::diff;
use competence::load_str;
use competence::model::Document;
use competence::tailor::{self, ResolvedFramework};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;

/// The separator between the old and the new text.
const SEPARATOR: &str = "\n=====\n";

/// One side, as `read_side` reads a file: the first framework of a file without errors,
/// resolved; its text kept for locating when it is not a tailoring.
fn side<'t>(file: &Path, text: &'t str) -> Option<(ResolvedFramework, Option<&'t str>)> {
    let loaded = load_str(Some(file), text, &common::limits());
    if loaded.has_errors() {
        return None;
    }
    let (index, tailored) = loaded.documents.iter().find_map(|(i, d)| match d {
        Document::Framework(f) => Some((*i, f.extends.is_some())),
        _ => None,
    })?;
    // Only a tailoring needs its bases; a base is compared on its own.
    let mut catalog = if tailored {
        common::builtin().clone()
    } else {
        Catalog::new()
    };
    let added = catalog.add_loaded(&loaded, Some(Arc::from(text)));
    let name = added
        .entries
        .iter()
        .find(|n| n.kind == competence::model::Kind::Framework)?;
    let entry = catalog.get(name.id.as_str(), &name.version)?;
    let resolution = tailor::resolve_entry(&catalog, entry);
    if resolution.has_errors() {
        return None;
    }
    let keep = (!tailored && index == 0).then_some(text);
    Some((resolution.framework?, keep))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((old, new)) = text.split_once(SEPARATOR) else {
        return;
    };
    let Some((old, old_text)) = side(Path::new("fuzz/old.yaml"), old) else {
        return;
    };
    let Some((new, new_text)) = side(Path::new("fuzz/new.yaml"), new) else {
        return;
    };
    let mut changes = diff::diff(&old, &new);
    changes.locate(old_text, new_text);
    let verdict = changes.check(&old.version, &new.version);
    std::hint::black_box(verdict.ok());
    std::hint::black_box(serde_json::to_string(&changes).ok());
});
