//! Evidence text (a YAML stream of records, or JSON Lines when it starts with `{`) assessed
//! against the built-in framework each record names (the national framework when it names
//! none), with no role or one of its roles, and through the built-in crosswalk; every report
//! rendered: JSON, JSON Lines, the cohort line, Markdown, HTML, CSV, and the cohort page.
//!
//! The role is picked by the input's last byte and the record's place in the stream, so the
//! fuzzer steers it like any other part of the input, and a run covers every role. Assessing
//! each record under every role made an execution four times as costly.

#![no_main]

mod common;

use competence::assess::validate_claims;
use competence::load_bytes;
use competence::model::Document;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = if data.first() == Some(&b'{') {
        Path::new("fuzz/cohort.jsonl")
    } else {
        Path::new("fuzz/evidence.yaml")
    };
    let selector = usize::from(data.last().copied().unwrap_or_default());
    let loaded = load_bytes(Some(file), data, &common::limits());
    for (index, document) in &loaded.documents {
        let Document::Evidence(record) = document else {
            continue;
        };
        let framework = common::framework_for(record);
        let claims = validate_claims(framework, record, *index);
        common::render_diagnostics(&claims, file, None);
        let pick = selector.wrapping_add(*index);
        common::assess_one_and_render(common::assessors(framework), record, pick);
        if let Some((from, assessors)) = common::crosswalked()
            && framework.name() == from
        {
            common::assess_one_and_render(assessors, record, pick);
        }
    }
});
