use super::display_path;
use crate::diagnostic::{Code, Diagnostic, Severity, sanitize};
use serde_json::{Value, json};

/// Renders a SARIF 2.1.0 log with one run, the codes as rules and each diagnostic as a result.
pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": { "level": level(code.severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics.iter().map(result).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "competence",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/competence",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(d: &Diagnostic) -> Value {
    let artifact = json!({ "uri": display_path(d.file.as_deref()) });
    let physical = match d.span {
        Some(span) => json!({
            "artifactLocation": artifact,
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": span.end_column,
            },
        }),
        None => json!({ "artifactLocation": artifact }),
    };
    let rule_index = Code::ALL.iter().position(|c| *c == d.code);
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": sanitize(&d.message) },
        "locations": [{
            "physicalLocation": physical,
            "logicalLocations": [{ "fullyQualifiedName": sanitize(&d.path.to_string()) }],
        }],
    })
}
