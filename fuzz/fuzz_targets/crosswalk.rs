//! A crosswalk text added to the built-in catalog and validated against it; a crosswalk that
//! validates is then used to assess a sample record through it, for each role.

#![no_main]

mod common;

use competence::assess::CrosswalkView;
use competence::diagnostic::DocPath;
use competence::load_str;
use competence::model::Document;
use competence::tailor;
use competence::tailor::crosswalk_in_catalog;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz/crosswalk.yaml");
    let mut catalog = common::builtin().clone();
    let loaded = load_str(Some(file), text, &common::limits());
    let mut found = loaded.diagnostics.clone();
    found.extend(catalog.add_loaded(&loaded, Some(Arc::from(text))).diagnostics);
    for (index, document) in &loaded.documents {
        let Document::Crosswalk(crosswalk) = document else {
            continue;
        };
        let findings = crosswalk_in_catalog(crosswalk, &DocPath::root(*index), &catalog);
        let valid = !findings.iter().any(|d| d.is_error());
        found.extend(findings);
        if !valid {
            continue;
        }
        let resolve = |reference| {
            tailor::resolve(&catalog, reference)
                .ok()
                .and_then(|r| r.framework)
        };
        let (Some(from), Some(to)) = (resolve(&crosswalk.from), resolve(&crosswalk.to)) else {
            continue;
        };
        let view = CrosswalkView::new(crosswalk, &from, &to);
        let assessors = common::assessors_over(&to, Some(&view));
        common::assess_and_render(&assessors, common::sample_record());
    }
    common::render_diagnostics(&found, file, Some(text));
});
