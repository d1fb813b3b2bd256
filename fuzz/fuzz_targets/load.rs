//! Loading any bytes as a YAML (or JSON) file: frameworks, evidence and crosswalks alike (the
//! kind is read from the text), then the catalog's view of the same text, and every
//! diagnostic renderer over the findings. An input ending in an odd byte is read with a
//! bound on full YAML of 256 bytes, so that the document scan and the `document-too-large`
//! path (2 MiB by default, past the inputs a fuzzer makes) are reached, and the fast path runs
//! on small inputs too.

#![no_main]

mod common;

use competence::catalog::Catalog;
use competence::load_bytes;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz/input.yaml");
    let mut limits = common::limits();
    if data.last().is_some_and(|b| b % 2 == 1) {
        limits.max_full_yaml_bytes = 256;
    }
    let loaded = load_bytes(Some(file), data, &limits);
    let text = std::str::from_utf8(data).ok();
    common::render_diagnostics(&loaded.diagnostics, file, text);
    if let Some(text) = text {
        let found = Catalog::new().add_text(Some(file), text, &limits).diagnostics;
        common::render_diagnostics(&found, file, Some(text));
    }
});
