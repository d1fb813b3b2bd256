//! The committed `schema/report.schema.json` matches what the code generates.
//! After changing the assessment types: `cargo run -- schema report > schema/report.schema.json`.

use std::path::Path;

#[test]
fn committed_report_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == competence::schema::report(),
        "{} is stale: run `cargo run -- schema report > schema/report.schema.json`",
        path.display()
    );
    let schema: serde_json::Value =
        serde_json::from_str(&committed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}
