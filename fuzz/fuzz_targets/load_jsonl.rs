//! Loading any bytes as a JSON Lines evidence file (`*.jsonl`), collected and streamed.

#![no_main]

mod common;

use competence::load::JsonLines;
use competence::load_bytes;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz/cohort.jsonl");
    let limits = common::limits();
    let loaded = load_bytes(Some(file), data, &limits);
    common::render_diagnostics(&loaded.diagnostics, file, None);
    // Streamed, as `assess` reads a cohort: every line is read (rendering once is enough).
    let mut lines = 0_usize;
    for line in JsonLines::new(data, Some(file), limits) {
        let Ok(line) = line else { break };
        lines += line.diagnostics.len();
    }
    std::hint::black_box(lines);
});
