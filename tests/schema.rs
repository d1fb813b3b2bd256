//! The committed JSON Schemas under `schema/` (one per document kind, and the report's) match
//! what the code generates. Run `cargo run -- schema <kind> > schema/<kind>.schema.json` after
//! changing the model, `cargo run -- schema report > schema/report.schema.json` after changing
//! the assessment types.

use competence::model::Kind;
use std::path::Path;

#[test]
fn committed_schemas_are_current() {
    let mut stale = Vec::new();
    for kind in Kind::ALL {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{kind}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != competence::schema::for_kind(kind) {
            stale.push(format!(
                "{} is stale: run `cargo run -- schema {kind} > schema/{kind}.schema.json`",
                path.display()
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn schemas_are_draft_07_without_custom_formats() {
    for kind in Kind::ALL {
        let schema: serde_json::Value = serde_json::from_str(&competence::schema::for_kind(kind))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let text = schema.to_string();
        for custom in ["uint32", "uint64", "int64", "double"] {
            assert!(
                !text.contains(&format!("\"format\":\"{custom}\"")),
                "{kind} has format {custom}"
            );
        }
    }
}

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
