//! Loading any bytes as a JSON Lines evidence file (`*.jsonl`), collected and streamed.

#![no_main]

mod common;

use competence::evidence_stream::JsonLines;
use competence::load_bytes;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz/cohort.jsonl");
    let limits = common::limits();
    let loaded = load_bytes(Some(file), data, &limits);
    common::render_diagnostics(&loaded.diagnostics, file, None);
    for line in JsonLines::new(data, Some(file), limits) {
        let Ok(line) = line else { break };
        common::render_diagnostics(&line.diagnostics, file, None);
    }
});
