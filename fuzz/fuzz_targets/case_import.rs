//! Bytes read as a CASE package: imported (never a panic, whatever the graph), and when a
//! framework comes out, written as YAML, checked, exported again and imported again.

#![no_main]

mod common;

use competence::catalog::Catalog;
use competence::interchange::case;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = case::import(data, &common::limits()) else {
        return;
    };
    let Ok(yaml) = competence::to_yaml(&imported.framework) else {
        return;
    };
    let mut catalog = Catalog::new();
    let added = catalog.add_text(Some(Path::new("fuzz/imported.yaml")), &yaml, &common::limits());
    if added.has_errors() {
        return;
    }
    let reference = imported.framework.name().parse().expect("an id@version is a reference");
    let changed = "2026-12-01".parse().expect("a date");
    if let Ok(exported) = case::export_from_catalog(&catalog, &reference, changed) {
        let bytes = serde_json::to_vec(&exported.package).expect("JSON writes");
        let again = case::import(&bytes, &common::limits()).expect("an export imports");
        assert_eq!(again.framework, imported.framework, "export then import changed the framework");
    }
});
