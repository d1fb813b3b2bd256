//! A CASE `CFPackage` read from untrusted JSON into plain structs. Type errors are located
//! by JSON path; fields we do not use are kept by name (`unread`) for the import's notes.

use super::ImportError;
use super::fields::{Fields, wrong};
use serde_json::Value;

/// A `LinkURI` or `LinkGenURI`.
#[derive(Debug, Clone, Default)]
pub(super) struct Link {
    pub identifier: String,
    pub title: Option<String>,
    pub uri: Option<String>,
}

pub(super) struct Document {
    pub identifier: String,
    pub uri: Option<String>,
    pub title: String,
    pub creator: Option<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub version: Option<String>,
    pub last_change: Option<String>,
    pub official_source: Option<String>,
    pub licence: Option<Link>,
    pub extension: Option<Value>,
    pub unread: Vec<String>,
}

pub(super) struct Item {
    pub identifier: String,
    pub full_statement: String,
    pub abbreviated: Option<String>,
    pub code: Option<String>,
    pub extension: Option<Value>,
    pub unread: Vec<String>,
}

pub(super) struct Association {
    pub identifier: String,
    pub kind: String,
    pub sequence: Option<i64>,
    pub origin: Link,
    pub destination: Link,
    pub unread: Vec<String>,
}

pub(super) struct RubricLevel {
    pub quality: Option<String>,
    pub description: Option<String>,
    pub position: Option<i64>,
}

pub(super) struct Criterion {
    pub identifier: String,
    pub levels: Vec<RubricLevel>,
}

pub(super) struct Rubric {
    pub identifier: String,
    pub criteria: Vec<Criterion>,
}

/// A definition (concept, subject, licence, item type, grouping) or other content we keep
/// only as a note.
pub(super) struct Other {
    pub identifier: String,
    pub what: String,
}

pub(super) struct Package {
    pub document: Document,
    pub items: Vec<Item>,
    pub associations: Vec<Association>,
    pub rubrics: Vec<Rubric>,
    /// CFLicenses by identifier: title and uri, to name a document's licence.
    pub licences: Vec<Link>,
    pub others: Vec<Other>,
    pub unread: Vec<String>,
}

/// The fields every CASE record carries that the export writes afresh; not worth a note per
/// item (one note counts them).
pub(super) const BOOKKEEPING: [&str; 5] = [
    "uri",
    "lastChangeDateTime",
    "CFDocumentURI",
    "CFItemType",
    "CFItemTypeURI",
];

fn link(fields: Option<Fields<'_>>) -> Result<Option<Link>, ImportError> {
    let Some(mut f) = fields else {
        return Ok(None);
    };
    Ok(Some(Link {
        identifier: f.str("identifier")?.unwrap_or_default().to_owned(),
        title: f.str("title")?.map(str::to_owned),
        uri: f.str("uri")?.map(str::to_owned),
    }))
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_owned)
}

fn document(mut f: Fields<'_>) -> Result<Document, ImportError> {
    Ok(Document {
        identifier: f.required_str("identifier")?.to_owned(),
        uri: owned(f.str("uri")?),
        title: f.required_str("title")?.to_owned(),
        creator: owned(f.str("creator")?),
        publisher: owned(f.str("publisher")?),
        description: owned(f.str("description")?),
        version: owned(f.str("version")?),
        last_change: owned(f.str("lastChangeDateTime")?),
        official_source: owned(f.str("officialSourceURL")?),
        licence: link(f.object("licenseURI")?)?,
        extension: f.value("extensions").cloned(),
        unread: f.unread(),
    })
}

fn item(mut f: Fields<'_>) -> Result<Item, ImportError> {
    Ok(Item {
        identifier: f.required_str("identifier")?.to_owned(),
        full_statement: f.required_str("fullStatement")?.to_owned(),
        abbreviated: owned(f.str("abbreviatedStatement")?),
        code: owned(f.str("humanCodingScheme")?),
        extension: f.value("extensions").cloned(),
        unread: unread_beyond_bookkeeping(&mut f)?,
    })
}

/// Reads the bookkeeping fields (checking their types) and returns the rest unread.
fn unread_beyond_bookkeeping(f: &mut Fields<'_>) -> Result<Vec<String>, ImportError> {
    for key in ["uri", "lastChangeDateTime", "CFItemType"] {
        f.str(key)?;
    }
    f.value("CFDocumentURI");
    f.value("CFItemTypeURI");
    Ok(f.unread())
}

fn association(mut f: Fields<'_>) -> Result<Association, ImportError> {
    let path = f.path().to_owned();
    let origin = link(f.object("originNodeURI")?)?;
    let destination = link(f.object("destinationNodeURI")?)?;
    let required = |l: Option<Link>, key: &str| {
        l.ok_or_else(|| ImportError::Shape {
            path: path.clone(),
            message: format!("`{key}` is required"),
        })
    };
    let association = Association {
        identifier: f.required_str("identifier")?.to_owned(),
        kind: f.required_str("associationType")?.to_owned(),
        sequence: f.int("sequenceNumber")?,
        origin: required(origin, "originNodeURI")?,
        destination: required(destination, "destinationNodeURI")?,
        unread: Vec::new(),
    };
    f.str("uri")?;
    f.str("lastChangeDateTime")?;
    f.value("CFDocumentURI");
    Ok(Association {
        unread: f.unread(),
        ..association
    })
}

fn rubric(mut f: Fields<'_>) -> Result<Rubric, ImportError> {
    let identifier = f.required_str("identifier")?.to_owned();
    let mut criteria = Vec::new();
    let path = f.at("CFRubricCriteria");
    for (c, value) in f.array("CFRubricCriteria")?.iter().enumerate() {
        let mut cf = Fields::of(value, format!("{path}[{c}]"))?;
        let id = cf.required_str("identifier")?.to_owned();
        let level_path = cf.at("CFRubricCriterionLevels");
        let mut levels = Vec::new();
        for (l, value) in cf.array("CFRubricCriterionLevels")?.iter().enumerate() {
            let mut lf = Fields::of(value, format!("{level_path}[{l}]"))?;
            levels.push(RubricLevel {
                quality: owned(lf.str("quality")?),
                description: owned(lf.str("description")?),
                position: lf.int("position")?,
            });
        }
        criteria.push(Criterion {
            identifier: id,
            levels,
        });
    }
    Ok(Rubric {
        identifier,
        criteria,
    })
}

fn definitions(
    mut f: Fields<'_>,
    licences: &mut Vec<Link>,
    others: &mut Vec<Other>,
) -> Result<(), ImportError> {
    for key in [
        "CFConcepts",
        "CFSubjects",
        "CFLicenses",
        "CFItemTypes",
        "CFAssociationGroupings",
    ] {
        let path = f.at(key);
        for (i, value) in f.array(key)?.iter().enumerate() {
            let mut d = Fields::of(value, format!("{path}[{i}]"))?;
            let identifier = d.str("identifier")?.unwrap_or_default().to_owned();
            let title = owned(d.str("title")?);
            if key == "CFLicenses" {
                licences.push(Link {
                    identifier: identifier.clone(),
                    title: title.clone(),
                    uri: owned(d.str("uri")?),
                });
            }
            others.push(Other {
                identifier,
                what: format!("{key} entry `{}`", title.unwrap_or_default()),
            });
        }
    }
    if f.value("extensions").is_some() {
        others.push(Other {
            identifier: "CFDefinitions".to_owned(),
            what: "CFDefinitions extensions".to_owned(),
        });
    }
    for key in f.unread() {
        others.push(Other {
            identifier: "CFDefinitions".to_owned(),
            what: format!("CFDefinitions field `{key}`"),
        });
    }
    Ok(())
}

/// Reads a package from parsed JSON. A `{"CFPackage": {...}}` wrapper, as some servers write,
/// is looked through.
pub(super) fn read(value: &Value) -> Result<Package, ImportError> {
    let value = match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("CFPackage") => {
            map.get("CFPackage").unwrap_or(value)
        }
        other => other,
    };
    let mut f = Fields::of(value, "$".to_owned())?;
    let Some(doc) = f.object("CFDocument")? else {
        return Err(ImportError::Shape {
            path: "$".to_owned(),
            message: "`CFDocument` is required: this is not a CASE package".to_owned(),
        });
    };
    let document = document(doc)?;
    let mut items = Vec::new();
    for (i, value) in f.array("CFItems")?.iter().enumerate() {
        items.push(item(Fields::of(value, format!("$.CFItems[{i}]"))?)?);
    }
    let mut associations = Vec::new();
    for (i, value) in f.array("CFAssociations")?.iter().enumerate() {
        associations.push(association(Fields::of(
            value,
            format!("$.CFAssociations[{i}]"),
        )?)?);
    }
    let mut rubrics = Vec::new();
    for (i, value) in f.array("CFRubrics")?.iter().enumerate() {
        rubrics.push(rubric(Fields::of(value, format!("$.CFRubrics[{i}]"))?)?);
    }
    let mut licences = Vec::new();
    let mut others = Vec::new();
    if let Some(defs) = f.object("CFDefinitions")? {
        definitions(defs, &mut licences, &mut others)?;
    }
    if let Some(ext) = f.value("extensions") {
        if !ext.is_object() {
            return Err(wrong("$.extensions", "an object", ext));
        }
        others.push(Other {
            identifier: document.identifier.clone(),
            what: "package extensions".to_owned(),
        });
    }
    Ok(Package {
        document,
        items,
        associations,
        rubrics,
        licences,
        others,
        unread: f.unread(),
    })
}
