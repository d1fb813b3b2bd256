use crate::diagnostic::{Code, Diagnostic, Related, Severity, Span, sanitize};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Component, Path};

mod docs {
    include!(concat!(env!("OUT_DIR"), "/diagnostics_doc.rs"));
}

/// The base id that relative artifact URIs are resolved against: the directory `check` ran in,
/// which in CI is the checkout (GitHub code scanning's convention).
const SRCROOT: &str = "%SRCROOT%";

/// The address of `code`'s section of the diagnostics reference ([`crate::diagnostic::reference`],
/// the text of `docs/diagnostics.md`) in this version's documentation on docs.rs: the anchor
/// rustdoc gives the heading `` ## `unknown-kind` `` is the code itself.
fn help_uri(code: Code) -> String {
    format!(
        "https://docs.rs/competence/{}/competence/diagnostic/reference/index.html#{}",
        env!("CARGO_PKG_VERSION"),
        code.as_str()
    )
}

/// Renders a SARIF 2.1.0 log with one run: every code as a rule (with its description and fix
/// from `docs/diagnostics.md` and a link to its section), each diagnostic as a result with its
/// related locations. Columns count Unicode code points; file paths are percent-encoded URIs,
/// relative ones against `%SRCROOT%`; a finding without a file has no physical location.
pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|code| rule(*code)).collect();
    let results: Vec<Value> = diagnostics.iter().map(result).collect();
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "competence",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/competence",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned())
}

fn rule(code: Code) -> Value {
    let (description, fix) = docs::DOCS
        .iter()
        .find(|(name, _, _)| *name == code.as_str())
        .map_or(("", ""), |(_, description, fix)| (*description, *fix));
    let full = if description.is_empty() {
        code.summary()
    } else {
        description
    };
    let mut rule = json!({
        "id": code.as_str(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": full },
        "defaultConfiguration": { "level": level(code.severity()) },
    });
    if !fix.is_empty() {
        set(&mut rule, "help", json!({ "text": format!("Fix: {fix}") }));
    }
    set(&mut rule, "helpUri", json!(help_uri(code)));
    rule
}

/// Sets `key` of a JSON object (built by `json!` here, so always an object).
fn set(object: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = object {
        map.insert(key.to_owned(), value);
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// An artifact location: a percent-encoded URI, relative to [`SRCROOT`] unless absolute.
fn artifact(file: &Path) -> Value {
    if file.is_absolute() {
        json!({ "uri": file_uri(file) })
    } else {
        json!({ "uri": relative_uri(file), "uriBaseId": SRCROOT })
    }
}

fn region(span: Span) -> Value {
    json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    })
}

/// A location: the file and region when known (no physical location without a file: the
/// finding is about text given in memory), and the document path as a logical location.
fn location(file: Option<&Path>, span: Option<Span>, path: &str) -> Value {
    let mut location = json!({
        "logicalLocations": [{ "fullyQualifiedName": sanitize(path) }],
    });
    if let Some(file) = file {
        let mut physical = json!({ "artifactLocation": artifact(file) });
        if let Some(span) = span {
            set(&mut physical, "region", region(span));
        }
        set(&mut location, "physicalLocation", physical);
    }
    location
}

fn related(index: usize, related: &Related) -> Value {
    let mut location = location(
        related.file.as_deref(),
        related.span,
        &related.path.to_string(),
    );
    set(&mut location, "id", json!(index));
    set(
        &mut location,
        "message",
        json!({ "text": sanitize(&related.message) }),
    );
    location
}

fn result(d: &Diagnostic) -> Value {
    let rule_index = Code::ALL.iter().position(|c| *c == d.code);
    let mut text = sanitize(&d.message);
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(&sanitize(help));
    }
    let mut result = json!({
        "ruleId": d.code.as_str(),
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location(d.file.as_deref(), d.span, &d.path.to_string())],
    });
    if let Some(index) = rule_index {
        set(&mut result, "ruleIndex", json!(index));
    }
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| related(i, r))
            .collect();
        set(&mut result, "relatedLocations", json!(related));
    }
    result
}

/// A relative path as a relative URI reference: `/`-separated, each segment percent-encoded
/// (RFC 3986), `.` segments dropped.
fn relative_uri(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode(&s.to_string_lossy())),
            Component::ParentDir => Some("..".to_owned()),
            _ => None,
        })
        .collect();
    segments.join("/")
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for c in path.components() {
        match c {
            Component::Prefix(p) => {
                // A Windows drive (`C:`) becomes `/C:`.
                uri.push('/');
                uri.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {}
            Component::Normal(s) => {
                uri.push('/');
                uri.push_str(&encode(&s.to_string_lossy()));
            }
            Component::ParentDir => uri.push_str("/.."),
            Component::CurDir => {}
        }
    }
    uri
}

/// Percent-encodes every byte outside RFC 3986's unreserved characters.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_percent_encoded_uris() {
        assert_eq!(
            relative_uri(Path::new("./frameworks/mh@1.0.0 draft#2.yaml")),
            "frameworks/mh%401.0.0%20draft%232.yaml"
        );
        assert_eq!(relative_uri(Path::new("../x/ü.yaml")), "../x/%C3%BC.yaml");
        #[cfg(unix)]
        assert_eq!(
            file_uri(Path::new("/tmp/a b/c%.yaml")),
            "file:///tmp/a%20b/c%25.yaml"
        );
    }

    #[test]
    fn help_uris_point_at_the_code_heading_of_this_version() {
        assert_eq!(
            help_uri(Code::UnknownKind),
            format!(
                "https://docs.rs/competence/{}/competence/diagnostic/reference/index.html#unknown-kind",
                env!("CARGO_PKG_VERSION")
            )
        );
    }

    #[test]
    fn every_code_has_its_description_and_fix() {
        for code in Code::ALL {
            let entry = docs::DOCS
                .iter()
                .find(|(name, _, _)| *name == code.as_str());
            assert!(
                entry.is_some_and(|(_, d, f)| !d.is_empty() && !f.is_empty()),
                "{} has no description or fix in docs/diagnostics.md",
                code.as_str()
            );
        }
    }
}
