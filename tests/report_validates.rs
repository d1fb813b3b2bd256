//! Reports from the shipped examples validate against the committed
//! `schema/report.schema.json`. A small draft-07 subset validator (the keywords schemars
//! emits) keeps this check in the test suite without a heavy dependency; we also ran
//! check-jsonschema by hand (see the closing note of the assessment issue).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.trim_start_matches("#/definitions/");
            resolve(root, &root["definitions"][name])
        }
        None => schema,
    }
}

/// Every error found, as `path: problem`.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(options) = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array)
    {
        let fits = options.iter().any(|option| {
            let mut inner = Vec::new();
            validate(root, option, value, path, &mut inner);
            inner.is_empty()
        });
        if !fits {
            errors.push(format!("{path}: matches none of anyOf/oneOf"));
        }
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for part in all {
            validate(root, part, value, path, errors);
        }
    }
    if let Some(expected) = schema.get("const") {
        if expected != value {
            errors.push(format!("{path}: expected {expected}, found {value}"));
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{path}: {value} not in enum"));
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !ok {
            errors.push(format!("{path}: expected {types:?}, found {actual}"));
            return;
        }
    }
    if let Value::Object(map) = value {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = required.as_str() {
                if !map.contains_key(name) {
                    errors.push(format!("{path}: missing required `{name}`"));
                }
            }
        }
        for (key, child) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => validate(root, sub, child, &format!("{path}.{key}"), errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{path}: unexpected `{key}`")),
                    Some(sub @ Value::Object(_)) => {
                        validate(root, sub, child, &format!("{path}.{key}"), errors)
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, sub, item, &format!("{path}[{i}]"), errors);
        }
    }
    if let (Value::Number(n), Some(min)) = (value, schema.get("minimum").and_then(Value::as_f64)) {
        if n.as_f64().is_some_and(|n| n < min) {
            errors.push(format!("{path}: {n} below minimum {min}"));
        }
    }
}

#[test]
fn example_reports_validate_against_the_committed_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schema/report.schema.json")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("schema: {e}"));
    for learner in ["learner-ready", "learner-gaps", "learner-forensic"] {
        let output = Command::new(env!("CARGO_BIN_EXE_competence"))
            .current_dir(root)
            .args([
                "assess",
                &format!("examples/evidence/{learner}.yaml"),
                "--role",
                "peer-support-worker",
                "--as-of",
                "2026-11-27",
                "--format",
                "json",
            ])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            output.status.code(),
            Some(0),
            "{learner}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report: Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{learner}: {e}"));
        let mut errors = Vec::new();
        validate(&schema, &schema, &report, "$", &mut errors);
        assert!(errors.is_empty(), "{learner}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_validator_rejects_a_broken_report() {
    let schema: Value =
        serde_json::from_str(&competence::schema::report()).unwrap_or_else(|e| panic!("{e}"));
    let mut errors = Vec::new();
    validate(
        &schema,
        &schema,
        &serde_json::json!({ "unexpected": true }),
        "$",
        &mut errors,
    );
    assert!(!errors.is_empty());
}
