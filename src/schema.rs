//! JSON Schemas (draft-07, what yaml-language-server supports) for the document kinds.
//!
//! Doc comments on the model become `description`s, which editors show on hover. The
//! committed copies under `schema/` are checked for drift by a test.

use crate::model::{Crosswalk, EvidenceRecord, Framework, Kind};
use schemars::generate::SchemaSettings;

/// The JSON Schema of a document kind, pretty-printed with a trailing newline.
pub fn for_kind(kind: Kind) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = match kind {
        Kind::Framework => generator.into_root_schema_for::<Framework>(),
        Kind::Evidence => generator.into_root_schema_for::<EvidenceRecord>(),
        Kind::Crosswalk => generator.into_root_schema_for::<Crosswalk>(),
    };
    finish(schema)
}

/// The JSON Schema of an assessment report (`competence assess --format json`): a full
/// report ([`report::json`](crate::report::json)) or a cohort line
/// ([`report::line`](crate::report::line)), the form of each learner in JSON Lines output.
pub fn report() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    finish(generator.into_root_schema_for::<AnyReport>())
}

/// A full report or a cohort line: the root of the report's schema.
#[derive(schemars::JsonSchema)]
#[schemars(untagged, title = "competence assessment report")]
#[allow(dead_code)]
enum AnyReport {
    /// A learner's full report: everything the plan says, worded.
    Full(crate::assess::Assessment),
    /// One learner of a cohort on one line (JSON Lines output).
    Line(crate::report::line::CohortLine),
}

fn finish(schema: schemars::Schema) -> String {
    let mut value = schema.to_value();
    strip_formats(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Removes non-standard `format` keywords (schemars adds `uint32` and the like), which strict
/// validators reject; and sorts keys, so the committed files do not depend on whether
/// serde_json keeps insertion order (the interchange module needs it to).
fn strip_formats(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map
                .get("format")
                .and_then(|f| f.as_str())
                .is_some_and(|f| !STANDARD.contains(&f))
            {
                map.remove("format");
            }
            map.sort_keys();
            for child in map.values_mut() {
                strip_formats(child);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_formats),
        _ => {}
    }
}

const STANDARD: &[&str] = &["date", "date-time", "uri", "email"];
