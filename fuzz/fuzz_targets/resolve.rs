//! A tailoring text (one or more framework documents) added to the built-in catalog, each of
//! its frameworks resolved, the result serialised and assessed for each of its roles.

#![no_main]

mod common;

use competence::load_str;
use competence::model::Kind;
use competence::tailor;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz/tailoring.yaml");
    let limits = common::limits();
    let mut catalog = common::builtin().clone();
    let loaded = load_str(Some(file), text, &limits);
    let mut found = loaded.diagnostics.clone();
    let added = catalog.add_loaded(&loaded, Some(Arc::from(text)));
    found.extend(added.diagnostics);
    for name in &added.entries {
        if name.kind != Kind::Framework {
            continue;
        }
        let Some(entry) = catalog.get(name.id.as_str(), &name.version) else {
            continue;
        };
        let resolution = tailor::resolve_entry(&catalog, entry);
        found.extend(resolution.diagnostics);
        if let Some(framework) = &resolution.framework {
            std::hint::black_box(serde_json::to_string(framework).ok());
            let assessors = common::assessors_over(framework, None);
            common::assess_and_render(&assessors, common::sample_record());
        }
    }
    common::render_diagnostics(&found, file, Some(text));
});
