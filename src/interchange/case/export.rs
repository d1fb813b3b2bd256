//! A resolved framework written as a CASE 1.1 package: the tree as `isChildOf`, `requires`
//! as `precedes`, `replaces` as `replacedBy`, crosswalk links as associations to the other
//! framework's items, the scale as a rubric, and our own fields under
//! `extensions.competence` so that an import gives the framework back.

use super::extension::{DocumentExtension, ItemExtension, KEY};
use super::ids;
use crate::catalog::{Catalog, SelectError};
use crate::diagnostic::Diagnostic;
use crate::interchange::Note;
use crate::model::{Crosswalk, Date, Framework, FrameworkRef, Id, Relation, Text};
use crate::tailor::{self, ResolvedFramework};
use serde_json::{Value, json};

/// What an export needs besides the framework.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ExportOptions<'a> {
    /// The framework's own document, for what resolution does not keep: publisher, licence,
    /// sources and its CASE identifier.
    pub document: Option<&'a Framework>,
    /// The date written as every record's `lastChangeDateTime` (the library never reads the
    /// clock).
    pub changed: Date,
    /// Crosswalks from this framework, each with the framework it leads to, written as
    /// associations to that framework's items.
    pub crosswalks: Vec<(&'a Crosswalk, &'a ResolvedFramework)>,
}

impl<'a> ExportOptions<'a> {
    /// Options with nothing but the date.
    pub fn new(changed: Date) -> ExportOptions<'a> {
        ExportOptions {
            document: None,
            changed,
            crosswalks: Vec::new(),
        }
    }

    /// Sets the framework's own document.
    pub fn document(mut self, document: &'a Framework) -> ExportOptions<'a> {
        self.document = Some(document);
        self
    }

    /// Adds a crosswalk from this framework to `target`.
    pub fn crosswalk(
        mut self,
        crosswalk: &'a Crosswalk,
        target: &'a ResolvedFramework,
    ) -> ExportOptions<'a> {
        self.crosswalks.push((crosswalk, target));
        self
    }
}

/// A CASE package and what it could not say.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Exported {
    /// The `CFPackage` as JSON.
    pub package: Value,
    /// What the package does not carry (excluded items, crosswalk level maps, provenance).
    pub notes: Vec<Note>,
}

/// Why a framework of the catalog could not be exported.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The catalog has no such framework.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// Its tailoring chain did not resolve without errors.
    #[error("{name} could not be resolved ({} findings)", diagnostics.len())]
    Unresolved {
        /// The framework asked for.
        name: String,
        /// What resolution found.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Resolves `reference` in the catalog and exports it, with its own document and every
/// crosswalk of the catalog from it (each to the highest version its `to` allows).
///
/// ```
/// use competence::catalog::Catalog;
/// use competence::interchange::case;
///
/// let catalog = Catalog::builtin();
/// let reference = "mh-peer-support-worker@1".parse().unwrap();
/// let exported = case::export_from_catalog(&catalog, &reference, "2026-12-01".parse().unwrap()).unwrap();
/// let package = &exported.package;
/// assert_eq!(package["CFDocument"]["caseVersion"], "1.1");
/// // The shipped crosswalk to the apprenticeship standard travels as associations.
/// let types: Vec<&str> = package["CFAssociations"].as_array().unwrap().iter()
///     .filter_map(|a| a["associationType"].as_str()).collect();
/// assert!(types.contains(&"isChildOf") && types.contains(&"exactMatchOf"));
/// ```
pub fn export_from_catalog(
    catalog: &Catalog,
    reference: &FrameworkRef,
    changed: Date,
) -> Result<Exported, ExportError> {
    let entry = catalog.select(reference)?;
    let resolution = tailor::resolve_entry(catalog, entry);
    let framework = match resolution.framework {
        Some(framework) if !resolution.has_errors() => framework,
        _ => {
            return Err(ExportError::Unresolved {
                name: entry.name(),
                diagnostics: resolution.diagnostics,
            });
        }
    };
    let mut notes = Vec::new();
    let mut targets: Vec<(&Crosswalk, ResolvedFramework)> = Vec::new();
    for c in catalog.crosswalks().filter_map(|e| e.crosswalk()) {
        if c.from.id != framework.id || !c.from.matches(&framework.version) {
            continue;
        }
        match tailor::resolve(catalog, &c.to) {
            Ok(r) if !r.has_errors() => {
                if let Some(target) = r.framework {
                    targets.push((c, target));
                }
            }
            _ => notes.push(Note::about(
                c.id.as_str(),
                format!("crosswalk not written: {} does not resolve", c.to),
            )),
        }
    }
    let mut options = ExportOptions::new(changed);
    if let Some(document) = entry.framework() {
        options = options.document(document);
    }
    for (c, target) in &targets {
        options = options.crosswalk(c, target);
    }
    let mut exported = export(&framework, &options);
    notes.append(&mut exported.notes);
    exported.notes = notes;
    Ok(exported)
}

fn urn(identifier: &str) -> String {
    if identifier.contains(':') {
        identifier.to_owned()
    } else {
        format!("urn:uuid:{identifier}")
    }
}

fn link(identifier: &str, title: &str) -> Value {
    json!({ "identifier": identifier, "title": title, "uri": urn(identifier) })
}

/// One item being written: its identifier and title, for links.
struct Node {
    identifier: String,
    title: String,
}

struct Writer<'a> {
    framework: &'a str,
    changed: String,
    items: Vec<Value>,
    associations: Vec<Value>,
}

impl Writer<'_> {
    fn item_identifier(&self, id: &Id, source_id: Option<&Text>) -> String {
        source_id.map_or_else(
            || ids::item_uuid(self.framework, id.as_str()),
            |s| s.as_str().to_owned(),
        )
    }

    /// Writes one item, identified by its id and, when imported, its source identifier.
    fn item(
        &mut self,
        (id, source_id): (&Id, Option<&Text>),
        kind: &str,
        code: Option<&Text>,
        title: &Text,
        description: Option<&Text>,
        extension: ItemExtension,
    ) -> Node {
        let identifier = self.item_identifier(id, source_id);
        let mut item = json!({
            "identifier": identifier,
            "uri": urn(&identifier),
            "fullStatement": description.unwrap_or(title).as_str(),
            "CFItemType": kind,
            "lastChangeDateTime": self.changed,
            "extensions": { KEY: extension },
        });
        if let Value::Object(map) = &mut item {
            if description.is_some() {
                map.insert("abbreviatedStatement".into(), json!(title.as_str()));
            }
            if let Some(code) = code {
                map.insert("humanCodingScheme".into(), json!(code.as_str()));
            }
        }
        self.items.push(item);
        Node {
            identifier,
            title: code.unwrap_or(title).as_str().to_owned(),
        }
    }

    fn associate(
        &mut self,
        kind: &str,
        origin: &Node,
        destination: &Node,
        sequence: Option<usize>,
    ) {
        let identifier = ids::association_uuid(
            self.framework,
            kind,
            &origin.identifier,
            &destination.identifier,
        );
        let mut association = json!({
            "identifier": identifier,
            "uri": urn(&identifier),
            "associationType": kind,
            "originNodeURI": link(&origin.identifier, &origin.title),
            "destinationNodeURI": link(&destination.identifier, &destination.title),
            "lastChangeDateTime": self.changed,
        });
        if let (Value::Object(map), Some(n)) = (&mut association, sequence) {
            map.insert("sequenceNumber".into(), json!(n));
        }
        self.associations.push(association);
    }
}

/// Writes `framework` as a CASE 1.1 package.
///
/// Identifiers are the ones kept from an import (`source_id`), else UUID v5 from the
/// framework id and the item id (the document's from `id@version`), so they are stable
/// across runs and versions. Excluded items are left out, with a note.
pub fn export(framework: &ResolvedFramework, options: &ExportOptions<'_>) -> Exported {
    let mut notes = Vec::new();
    let file = framework.to_framework();
    let meta = options.document;
    let version = framework.version.to_string();
    let document_identifier = meta.and_then(|d| d.source_id.as_ref()).map_or_else(
        || ids::document_uuid(framework.id.as_str(), &version),
        |s| s.as_str().to_owned(),
    );
    let mut w = Writer {
        framework: framework.id.as_str(),
        changed: format!("{}T00:00:00+00:00", options.changed),
        items: Vec::new(),
        associations: Vec::new(),
    };
    let document = Node {
        identifier: document_identifier.clone(),
        title: framework.title.as_str().to_owned(),
    };
    let mut nodes: std::collections::HashMap<&str, Node> = std::collections::HashMap::new();
    let mut sequence = 0usize;
    for d in &framework.domains {
        if d.provenance.excluded.is_some() {
            notes.push(Note::about(
                d.id.as_str(),
                "excluded by a tailoring: not written",
            ));
            continue;
        }
        sequence += 1;
        let node = w.item(
            (&d.id, d.source_id.as_ref()),
            "Domain",
            d.code.as_ref(),
            &d.title,
            d.description.as_ref(),
            ItemExtension {
                id: d.id.clone(),
                core: d.core,
                values: Vec::new(),
                level: None,
            },
        );
        w.associate("isChildOf", &node, &document, Some(sequence));
        let mut in_domain = 0usize;
        for c in &d.competencies {
            if c.provenance.excluded.is_some() {
                notes.push(Note::about(
                    c.id.as_str(),
                    "excluded by a tailoring: not written",
                ));
                continue;
            }
            in_domain += 1;
            let competency = w.item(
                (&c.id, c.source_id.as_ref()),
                "Competency",
                c.code.as_ref(),
                &c.title,
                c.description.as_ref(),
                ItemExtension {
                    id: c.id.clone(),
                    // Resolution spreads a domain's `core` to its competencies; written
                    // back only where the competency says it itself.
                    core: c.core && !d.core,
                    values: c.values.clone(),
                    level: None,
                },
            );
            w.associate("isChildOf", &competency, &node, Some(in_domain));
            for (n, i) in c.indicators.iter().enumerate() {
                let indicator = i;
                let written = w.item(
                    (&indicator.id, indicator.source_id.as_ref()),
                    "Indicator",
                    None,
                    &indicator.text,
                    None,
                    ItemExtension {
                        id: indicator.id.clone(),
                        core: indicator.core && !c.core,
                        values: Vec::new(),
                        level: indicator.level.clone(),
                    },
                );
                w.associate("isChildOf", &written, &competency, Some(n + 1));
                nodes.insert(indicator.id.as_str(), written);
            }
            nodes.insert(c.id.as_str(), competency);
        }
        nodes.insert(d.id.as_str(), node);
    }
    // Prerequisites: the prerequisite precedes the competency that requires it.
    for (_, c) in framework.competencies() {
        for r in &c.requires {
            if let (Some(before), Some(after)) = (nodes.get(r.as_str()), nodes.get(c.id.as_str())) {
                let (before, after) = (clone_node(before), clone_node(after));
                w.associate("precedes", &before, &after, None);
            }
        }
    }
    // Successors: the old id, no longer an item, is named by title.
    let successors = framework.domains.iter().flat_map(|d| {
        std::iter::once((&d.id, &d.replaces)).chain(d.competencies.iter().flat_map(|c| {
            std::iter::once((&c.id, &c.replaces))
                .chain(c.indicators.iter().map(|i| (&i.id, &i.replaces)))
        }))
    });
    for (id, olds) in successors {
        let Some(new) = nodes.get(id.as_str()).map(clone_node) else {
            continue;
        };
        for old in olds {
            let old = Node {
                identifier: ids::item_uuid(framework.id.as_str(), old.as_str()),
                title: old.as_str().to_owned(),
            };
            w.associate("replacedBy", &old, &new, None);
        }
    }
    for (crosswalk, target) in &options.crosswalks {
        write_crosswalk(&mut w, &nodes, crosswalk, target, &mut notes);
    }
    let has_history = framework
        .competencies()
        .any(|(_, c)| !c.provenance.amendments.is_empty() || !c.provenance.guidance.is_empty());
    if has_history {
        notes.push(Note::package(
            "amendments and local guidance of the tailoring chain are not written (CASE has no place for them)",
        ));
    }
    let extension = DocumentExtension {
        id: framework.id.clone(),
        publisher: meta.and_then(|d| d.publisher.clone()),
        licence: meta.and_then(|d| d.licence.clone()),
        source: meta.map(|d| d.source.clone()).unwrap_or_default(),
        scale: file.scale.clone(),
        values: file.values.clone(),
        roles: file.roles.clone(),
        assessment: file.assessment.clone(),
    };
    let mut doc = json!({
        "identifier": document_identifier,
        "uri": urn(&document_identifier),
        "creator": extension.publisher.as_ref().unwrap_or(&framework.title).as_str(),
        "title": framework.title.as_str(),
        "version": version,
        "caseVersion": "1.1",
        "lastChangeDateTime": w.changed,
        "extensions": { KEY: &extension },
    });
    if let Value::Object(map) = &mut doc {
        if let Some(summary) = &framework.summary {
            map.insert("description".into(), json!(summary.as_str()));
        }
        if let Some(publisher) = &extension.publisher {
            map.insert("publisher".into(), json!(publisher.as_str()));
        }
        if let Some(url) = extension
            .source
            .iter()
            .find(|s| !s.title.as_str().starts_with("Licence"))
            .and_then(|s| s.url.as_ref())
        {
            map.insert("officialSourceURL".into(), json!(url.as_str()));
        }
        if let Some(licence) = &extension.licence {
            match licence_uri(licence, &extension.source) {
                Some(uri) => {
                    let identifier = ids::item_uuid(framework.id.as_str(), "/licence");
                    map.insert(
                        "licenseURI".into(),
                        json!({ "identifier": identifier, "title": licence.as_str(), "uri": uri }),
                    );
                }
                None => notes.push(Note::package(format!(
                    "the licence `{licence}` has no URI: written in extensions only"
                ))),
            }
        }
    }
    let mut package = json!({
        "CFDocument": doc,
        "CFItems": w.items,
        "CFAssociations": w.associations,
    });
    if !file.scale.is_empty() {
        if let Value::Object(map) = &mut package {
            map.insert(
                "CFRubrics".into(),
                json!([rubric(framework, &file.scale, &w.changed)]),
            );
        }
    }
    Exported { package, notes }
}

fn clone_node(node: &Node) -> Node {
    Node {
        identifier: node.identifier.clone(),
        title: node.title.clone(),
    }
}

/// The licence's URI: from a source entry named after it, else the SPDX page when the
/// licence is an SPDX-like id (`CC-BY-4.0`).
fn licence_uri(licence: &Text, source: &[crate::model::Source]) -> Option<String> {
    let named = source
        .iter()
        .find(|s| s.title.as_str().starts_with("Licence"))
        .and_then(|s| s.url.as_ref())
        .map(|u| u.as_str().to_owned());
    named.or_else(|| {
        Id::new(licence.as_str())
            .is_valid()
            .then(|| format!("https://spdx.org/licenses/{licence}.html"))
    })
}

fn rubric(framework: &ResolvedFramework, scale: &[crate::model::Level], changed: &str) -> Value {
    let fw = framework.id.as_str();
    let rubric_id = ids::item_uuid(fw, "/scale");
    let criterion_id = ids::item_uuid(fw, "/scale/criterion");
    let levels: Vec<Value> = scale
        .iter()
        .enumerate()
        .map(|(n, level)| {
            let identifier = ids::item_uuid(fw, &format!("/scale/level/{}", level.id));
            let mut v = json!({
                "identifier": identifier,
                "uri": urn(&identifier),
                "quality": level.title.as_str(),
                "position": n + 1,
                "score": n + 1,
                "rubricCriterionId": criterion_id,
                "lastChangeDateTime": changed,
            });
            if let (Value::Object(map), Some(d)) = (&mut v, &level.description) {
                map.insert("description".into(), json!(d.as_str()));
            }
            v
        })
        .collect();
    json!({
        "identifier": rubric_id,
        "uri": urn(&rubric_id),
        "title": format!("{}: proficiency scale", framework.title),
        "lastChangeDateTime": changed,
        "CFRubricCriteria": [{
            "identifier": criterion_id,
            "uri": urn(&criterion_id),
            "description": "The levels of the framework's scale, lowest first.",
            "position": 1,
            "rubricId": rubric_id,
            "lastChangeDateTime": changed,
            "CFRubricCriterionLevels": levels,
        }],
    })
}

fn write_crosswalk(
    w: &mut Writer<'_>,
    nodes: &std::collections::HashMap<&str, Node>,
    crosswalk: &Crosswalk,
    target: &ResolvedFramework,
    notes: &mut Vec<Note>,
) {
    if !crosswalk.levels.is_empty() {
        notes.push(Note::about(
            crosswalk.id.as_str(),
            "the crosswalk's level map is not written (CASE associations link items, not levels)",
        ));
    }
    for link in &crosswalk.links {
        let Some(ours) = nodes.get(link.from.as_str()).map(clone_node) else {
            continue;
        };
        for to in &link.to {
            let source_id = target
                .competency(to.as_str())
                .and_then(|(_, c)| c.source_id.as_ref());
            let theirs = Node {
                identifier: source_id.map_or_else(
                    || ids::item_uuid(target.id.as_str(), to.as_str()),
                    |s| s.as_str().to_owned(),
                ),
                title: to.as_str().to_owned(),
            };
            match link.relation {
                Relation::Exact => w.associate("exactMatchOf", &ours, &theirs, None),
                Relation::Related => w.associate("isRelatedTo", &ours, &theirs, None),
                // Ours is the narrower: it is part of theirs.
                Relation::Narrower => w.associate("isPartOf", &ours, &theirs, None),
                Relation::Broader => w.associate("isPartOf", &theirs, &ours, None),
            }
        }
    }
}
