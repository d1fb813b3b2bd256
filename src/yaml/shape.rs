//! Every shape problem of a document at once, on the failing path only.
//!
//! The typed parse stops at a document's first error. When it fails, this second pass reads
//! the failing document again into an untyped tree (with the span-aware parser, keeping every
//! scalar as it was written: `3.2`, `'3.2'` and `~` stay apart) and walks it against the
//! document kind's committed JSON Schema (`schema/*.schema.json`, generated from the model and
//! checked for drift by a test), collecting every unknown field, missing field and node of the
//! wrong type or value.
//!
//! The schema gives the structure only: `properties`, `required`, `additionalProperties`,
//! `items`, `$ref`, `anyOf`/`oneOf`/`allOf` and `type`. Whether a value is acceptable is never
//! judged from the schema's own constraints (`pattern`, `minimum`, `minLength`, …): each leaf,
//! and each node of the wrong kind, is deserialized on its own into the real model type, with
//! the same parser (serde_yaml for YAML, serde_json for JSON), so every finding has exactly the
//! code and message the typed parse gives for that error on its own. Ids with bad syntax, empty
//! text and the like parse, as they do in the typed parse, and are left to validation.
//!
//! Valid documents never reach this module. A walk that cannot finish (an alias bomb, nesting
//! deeper than the parser allows, a parse the two parsers disagree on) gives up, and the typed
//! parse's single finding stands.

use super::{LineIndex, SpanTree, classify, looks_like_json, strip_location};
use crate::diagnostic::{Code, Diagnostic, DocPath, Segment};
use crate::model::{Document, Kind};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// Replaces the typed parse's single finding for each document that failed to parse (is not
/// among `parsed`, in stream order) with every shape problem in that document, located. Does
/// nothing when every document parsed.
pub(crate) fn every_shape_error(
    text: &str,
    kind: Kind,
    parsed: &[(usize, Document)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let failed = |document: usize| parsed.binary_search_by_key(&document, |(i, _)| *i).is_err();
    let failing: BTreeSet<usize> = diagnostics
        .iter()
        .filter(|d| is_shape_error(d.code) && failed(d.path.document))
        .map(|d| d.path.document)
        .collect();
    if failing.is_empty() {
        return;
    }
    let mut located = walk(text, kind, &failing);
    if located.is_empty() {
        return;
    }
    // A number written in another base is shown as written, as the typed parse shows it.
    for d in located.values_mut().flatten() {
        let written = d.span.and_then(|s| super::source_number(text, s.start));
        if let Some(written) = written {
            d.message = super::describe_written_number(&d.message, written);
        }
    }
    // Evidence is private: the walk's parser messages quote no value either (redacted before
    // they are matched with the typed parse's, which were redacted the same way).
    if kind == Kind::Evidence {
        for d in located.values_mut().flatten() {
            d.message = crate::diagnostic::redact_parser_message(&d.message);
        }
    }
    // The typed parse's own finding goes when the walk found it too, and lends it its exact
    // location (the parsers place an empty value differently), so a problem alone reads as
    // it always did. If the walk missed it (the two disagree), it stays: nothing is lost.
    diagnostics.retain(|typed| {
        if !is_shape_error(typed.code) || !failing.contains(&typed.path.document) {
            return true;
        }
        let Some(walked) = located.get_mut(&typed.path.document) else {
            return true;
        };
        match walked.iter_mut().find(|w| same_problem(w, typed)) {
            Some(same) => {
                if same.path == typed.path && typed.span.is_some() {
                    same.span = typed.span;
                }
                false
            }
            None => true,
        }
    });
    diagnostics.extend(located.into_values().flatten());
}

/// Walks the `failing` documents of `text`: each one's shape problems, located, for documents
/// where the walk found any and did not give up.
fn walk(text: &str, kind: Kind, failing: &BTreeSet<usize>) -> BTreeMap<usize, Vec<Diagnostic>> {
    let Some(schema) = schema(kind) else {
        return BTreeMap::new();
    };
    let flavour = if looks_like_json(text) {
        Flavour::Json
    } else {
        Flavour::Yaml
    };
    let mut found: Vec<(usize, Vec<Finding>)> = Vec::new();
    let mut total = 0usize;
    for_each_tree(text, failing, |document, tree, size| {
        if total >= MAX_FINDINGS_PER_FILE {
            return;
        }
        if let Some(findings) = walk_document(&tree, schema, kind, flavour, document, size) {
            if !findings.is_empty() {
                total += findings.len();
                found.push((document, findings));
            }
        }
    });
    if found.is_empty() {
        return BTreeMap::new();
    }
    // Only what locating the findings needs (the span tree stops after the last document).
    let paths: Vec<&DocPath> = found
        .iter()
        .flat_map(|(_, findings)| findings.iter().map(|f| &f.at))
        .collect();
    let spans = SpanTree::build_for_paths(text, paths);
    let index = LineIndex::new(text);
    found
        .into_iter()
        .map(|(document, findings)| {
            let located = findings
                .into_iter()
                .map(|finding| {
                    let mut d = finding.diagnostic;
                    d.span = spans.locate(&finding.at);
                    if finding.token {
                        // Like the typed parse: the mapping's first token, not its whole line.
                        d.span = d.span.map(|s| index.span_at(s.start));
                    }
                    d
                })
                .collect();
            (document, located)
        })
        .collect()
}

/// Findings of the typed parse about one document's shape, as opposed to ones that end the
/// stream or concern the whole file. (Validation's findings are about documents that parsed.)
fn is_shape_error(code: Code) -> bool {
    !matches!(
        code,
        Code::YamlSyntax
            | Code::TooDeep
            | Code::AliasLimit
            | Code::TooManyDocuments
            | Code::EmptyDocument
            | Code::FileTooLarge
            | Code::InvalidUtf8
    )
}

/// Whether a finding of the walk and the typed parse's finding are about the same problem:
/// the same code, and the same message or the same line. (The typed parse of JSON has no path
/// and places some errors at the end of their object, so neither path nor line alone will do;
/// the walk finds every instance, so one with the typed message is the typed parse's.)
fn same_problem(walked: &Diagnostic, typed: &Diagnostic) -> bool {
    walked.code == typed.code
        && (walked.message == typed.message
            || match (walked.span, typed.span) {
                (Some(a), Some(b)) => a.line == b.line,
                _ => walked.path == typed.path,
            })
}

/// Which parser the text is read with, and so which one checks each node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Yaml,
    Json,
}

/// The committed JSON Schema of a document kind, parsed once.
fn schema(kind: Kind) -> Option<&'static Json> {
    static FRAMEWORK: OnceLock<Option<Json>> = OnceLock::new();
    static EVIDENCE: OnceLock<Option<Json>> = OnceLock::new();
    static CROSSWALK: OnceLock<Option<Json>> = OnceLock::new();
    let (cell, text) = match kind {
        Kind::Framework => (
            &FRAMEWORK,
            include_str!("../../schema/framework.schema.json"),
        ),
        Kind::Evidence => (&EVIDENCE, include_str!("../../schema/evidence.schema.json")),
        Kind::Crosswalk => (
            &CROSSWALK,
            include_str!("../../schema/crosswalk.schema.json"),
        ),
    };
    cell.get_or_init(|| serde_json::from_str(text).ok())
        .as_ref()
}

/// The model type of a document kind's root, by the name the registry knows it by.
fn root_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Framework => "Framework",
        Kind::Evidence => "EvidenceRecord",
        Kind::Crosswalk => "Crosswalk",
    }
}

/// Deserializes `snippet` (a one-entry mapping `v: <node>`) into the model type the schema
/// calls `name`. `None` when no model type has that name.
fn check_named(name: &str, flavour: Flavour, snippet: &str) -> Option<Result<(), String>> {
    use crate::model::{
        AddCompetency, AddIndicator, AgreedPlan, Agreement, Amend, Amendment, Amount, AssessorRole,
        Claim, Competency, Crosswalk, Date, Domain, Duration, EvidenceItem, EvidenceKind,
        EvidenceRecord, Exclude, Exclusion, Framework, FrameworkRef, Guidance, GuidanceNote, Id,
        Indicator, Kind, Level, Link, OrderedMap, Outcome, Policy, Provenance, Relation,
        ResolvedFrom, Role, RoleSubject, Source, Sufficiency, Tailoring, Text, Value, Voice,
        Weight,
    };
    let run = match name {
        "Framework" => run::<Framework>,
        "Source" => run::<Source>,
        "Level" => run::<Level>,
        "Value" => run::<Value>,
        "Domain" => run::<Domain>,
        "Competency" => run::<Competency>,
        "Indicator" => run::<Indicator>,
        "Role" => run::<Role>,
        "Policy" => run::<Policy>,
        "EvidenceKind" => run::<EvidenceKind>,
        "Sufficiency" => run::<Sufficiency>,
        "Tailoring" => run::<Tailoring>,
        "AddCompetency" => run::<AddCompetency>,
        "AddIndicator" => run::<AddIndicator>,
        "Amend" => run::<Amend>,
        "Guidance" => run::<Guidance>,
        "Exclude" => run::<Exclude>,
        "Map_of_EvidenceKind" => run::<OrderedMap<EvidenceKind>>,
        "Map_of_Id" => run::<OrderedMap<Id>>,
        "Map_of_Map_of_Id" => run::<OrderedMap<OrderedMap<Id>>>,
        "Map_of_Sufficiency" => run::<OrderedMap<Sufficiency>>,
        "ResolvedFrom" => run::<ResolvedFrom>,
        "Provenance" => run::<Provenance>,
        "Map_of_Provenance" => run::<OrderedMap<Provenance>>,
        "Amendment" => run::<Amendment>,
        "GuidanceNote" => run::<GuidanceNote>,
        "Exclusion" => run::<Exclusion>,
        "EvidenceRecord" => run::<EvidenceRecord>,
        "EvidenceItem" => run::<EvidenceItem>,
        // The long form of a claim is private to the model; `Claim` reads a map through it.
        "Claim" | "FullClaim" => run::<Claim>,
        "Crosswalk" => run::<Crosswalk>,
        "Link" => run::<Link>,
        "Id" => run::<Id>,
        "Text" => run::<Text>,
        "Amount" => run::<Amount>,
        "Weight" => run::<Weight>,
        "Duration" => run::<Duration>,
        "Date" => run::<Date>,
        "FrameworkRef" => run::<FrameworkRef>,
        "Kind" => run::<Kind>,
        "Outcome" => run::<Outcome>,
        "AssessorRole" => run::<AssessorRole>,
        "RoleSubject" => run::<RoleSubject>,
        "Voice" => run::<Voice>,
        "AgreedPlan" => run::<AgreedPlan>,
        "Agreement" => run::<Agreement>,
        "Relation" => run::<Relation>,
        _ => return None,
    };
    Some(run(flavour, snippet))
}

/// What a snippet's parse says when the parser panicked (see [`super::guard`]).
const PARSER_FAILED: &str = "the YAML parser failed on this value";

/// The one-entry mapping every snippet is wrapped in, so that an empty plain scalar stays one
/// (a document of its own would read differently) and the node keeps its block context.
#[derive(Deserialize)]
struct Wrap<T> {
    #[allow(dead_code)]
    v: T,
}

fn run<T: DeserializeOwned>(flavour: Flavour, snippet: &str) -> Result<(), String> {
    match flavour {
        Flavour::Yaml => super::guard(|| serde_yaml::from_str::<Wrap<T>>(snippet))
            .unwrap_or_else(|_| Err(serde::de::Error::custom(PARSER_FAILED)))
            .map(drop)
            .map_err(|e| e.to_string()),
        Flavour::Json => serde_json::from_str::<Wrap<T>>(snippet)
            .map(drop)
            .map_err(|e| e.to_string()),
    }
}

/// Whether a node reads as null where an optional value is expected, asked of the parser
/// itself (`~`, `null` and an empty value are null in YAML; `'~'` is not).
struct IsNull(bool);

impl<'de> Deserialize<'de> for IsNull {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<IsNull, D::Error> {
        struct NullVisitor;
        impl<'de> serde::de::Visitor<'de> for NullVisitor {
            type Value = IsNull;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("anything")
            }
            fn visit_none<E>(self) -> Result<IsNull, E> {
                Ok(IsNull(true))
            }
            fn visit_unit<E>(self) -> Result<IsNull, E> {
                Ok(IsNull(true))
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<IsNull, D::Error> {
                serde::de::IgnoredAny::deserialize(deserializer)?;
                Ok(IsNull(false))
            }
        }
        deserializer.deserialize_option(NullVisitor)
    }
}

/// One node of an untyped document, with scalars as written.
#[derive(Debug)]
enum Node {
    Scalar {
        value: String,
        plain: bool,
        tag: Option<String>,
    },
    Sequence {
        items: Vec<usize>,
        tag: Option<String>,
    },
    Mapping {
        entries: Vec<(usize, usize)>,
        tag: Option<String>,
    },
    /// An alias, and the node its anchor names (`None` if the anchor is unknown).
    Alias(Option<usize>),
}

/// One document as an arena of nodes.
#[derive(Debug, Default)]
struct Tree {
    nodes: Vec<Node>,
    root: Option<usize>,
}

/// The most nodes of one document the walk reads into a tree (some 100 bytes each); a larger
/// failing document keeps the typed parse's single finding. Real frameworks have tens of
/// thousands; this bounds what one failing document of a million values can cost.
const MAX_TREE_NODES: usize = 250_000;

/// Deeper nesting is refused by the typed parse (its recursion limit is 128); a walk that
/// meets it gives up, and the typed parse's finding stands.
const MAX_DEPTH: usize = 128;

/// Builds one document's tree from parser events.
#[derive(Default)]
struct Builder {
    tree: Tree,
    /// Open collections and, for mappings, a key waiting for its value.
    stack: Vec<(usize, Option<usize>)>,
    anchors: HashMap<usize, usize>,
    too_deep: bool,
    skipped: usize,
}

impl Builder {
    /// Adds an event; `true` when it completes the document's root.
    fn push(&mut self, event: saphyr_parser::Event<'_>) -> bool {
        use saphyr_parser::Event;
        let is_sequence = matches!(event, Event::SequenceStart(..));
        let (node, anchor, opens) = match event {
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if self.stack.len() >= MAX_DEPTH || self.skipped > 0 {
                    self.too_deep = true;
                    self.skipped += 1;
                    return false;
                }
                let tag = tag.map(|t| tag_text(&t));
                let node = if is_sequence {
                    Node::Sequence {
                        items: Vec::new(),
                        tag,
                    }
                } else {
                    Node::Mapping {
                        entries: Vec::new(),
                        tag,
                    }
                };
                (node, anchor, true)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if self.skipped > 0 {
                    self.skipped -= 1;
                    return false;
                }
                return match self.stack.pop() {
                    Some((id, _)) => self.attach(id),
                    None => false,
                };
            }
            Event::Scalar(value, style, anchor, tag) => (
                Node::Scalar {
                    value: value.into_owned(),
                    plain: style == saphyr_parser::ScalarStyle::Plain,
                    tag: tag.map(|t| tag_text(&t)),
                },
                anchor,
                false,
            ),
            Event::Alias(anchor) => (Node::Alias(self.anchors.get(&anchor).copied()), 0, false),
            _ => return false,
        };
        if self.skipped > 0 {
            return false;
        }
        let id = self.tree.nodes.len();
        self.tree.nodes.push(node);
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
        if opens {
            self.stack.push((id, None));
            false
        } else {
            self.attach(id)
        }
    }

    /// Puts a finished node into its parent; `true` when it is the root.
    fn attach(&mut self, id: usize) -> bool {
        let Some((parent, pending)) = self.stack.last_mut() else {
            self.tree.root = Some(id);
            return true;
        };
        match self.tree.nodes.get_mut(*parent) {
            Some(Node::Sequence { items, .. }) => items.push(id),
            Some(Node::Mapping { entries, .. }) => match pending.take() {
                None => *pending = Some(id),
                Some(key) => entries.push((key, id)),
            },
            _ => {}
        }
        false
    }

    fn finish(self) -> Option<Tree> {
        (!self.too_deep && self.tree.root.is_some()).then_some(self.tree)
    }
}

/// A tag as written in a snippet: `!!str`, `!local`, or verbatim.
fn tag_text(tag: &saphyr_parser::Tag) -> String {
    if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else if tag.handle == "tag:yaml.org,2002:" {
        format!("!!{}", tag.suffix)
    } else {
        format!("!<{}{}>", tag.handle, tag.suffix)
    }
}

/// Reads the stream once and calls `each` with the tree of every document in `wanted` and the
/// document's length in characters, one at a time, so memory holds one failing document.
/// Other documents are only counted. A document the parser cannot finish (a syntax error) is
/// not passed on.
fn for_each_tree(text: &str, wanted: &BTreeSet<usize>, mut each: impl FnMut(usize, Tree, usize)) {
    use saphyr_parser::Event;
    let Some(&last) = wanted.last() else {
        return;
    };
    let mut document = 0usize;
    let mut depth = 0usize;
    let mut building: Option<Builder> = None;
    let mut started = 0usize;
    // A panic in the span-aware parser ends the walk: the typed findings stand.
    let _ = super::guard(|| {
        for event in saphyr_parser::Parser::new_from_str(text) {
            let Ok((event, span)) = event else {
                break;
            };
            if matches!(
                event,
                Event::Nothing
                    | Event::StreamStart
                    | Event::StreamEnd
                    | Event::DocumentStart(_)
                    | Event::DocumentEnd
            ) {
                continue;
            }
            if depth == 0 && building.is_none() && wanted.contains(&document) {
                building = Some(Builder::default());
                started = span.start.index();
            }
            let root_done = match &mut building {
                Some(builder) => {
                    let done = builder.push(event);
                    if !done && builder.tree.nodes.len() > MAX_TREE_NODES {
                        // Too big to walk in bounded memory: drop the tree, count the rest of
                        // the document like one not wanted, and keep the typed finding.
                        depth = builder.stack.len() + builder.skipped;
                        building = None;
                    }
                    done
                }
                None => match event {
                    Event::SequenceStart(..) | Event::MappingStart(..) => {
                        depth += 1;
                        false
                    }
                    Event::SequenceEnd | Event::MappingEnd => {
                        depth = depth.saturating_sub(1);
                        depth == 0
                    }
                    _ => depth == 0,
                },
            };
            if root_done {
                if let Some(tree) = building.take().and_then(Builder::finish) {
                    each(document, tree, span.end.index().saturating_sub(started));
                }
                if document >= last {
                    break;
                }
                document += 1;
            }
        }
    });
}

/// A finding of the walk, and the path whose span locates it (an unknown field is reported on
/// its mapping, as the typed parse does, and points at the key).
#[derive(Debug)]
struct Finding {
    diagnostic: Diagnostic,
    at: DocPath,
    /// Whether the span is the first token at `at` rather than the whole node's first line.
    token: bool,
}

/// Walks one document against the schema. `None` when the walk gave up.
fn walk_document(
    tree: &Tree,
    schema: &Json,
    kind: Kind,
    flavour: Flavour,
    document: usize,
    size: usize,
) -> Option<Vec<Finding>> {
    let root = tree.root?;
    let mut walker = Walker {
        tree,
        definitions: schema.get("definitions").and_then(Json::as_object),
        flavour,
        findings: Vec::new(),
        // Aliases can make a walk longer than the document; a few times the document's size
        // is plenty for real files (each node is visited about twice, each scalar written out
        // once or twice) and stops an alias bomb.
        budget: size
            .saturating_add(tree.nodes.len())
            .saturating_mul(4)
            .saturating_add(10_000),
        gave_up: false,
        full: false,
    };
    let path = DocPath::root(document);
    walker.walk(root, schema, &path, Some(root_name(kind)), None, 0);
    if walker.full {
        if let Some(last) = walker.findings.last_mut() {
            last.diagnostic.help = Some(format!(
                "the first {MAX_FINDINGS_PER_DOCUMENT} problems of this document are listed; fix them and check again for any others"
            ));
        }
    }
    (!walker.gave_up).then_some(walker.findings)
}

struct Walker<'t, 's> {
    tree: &'t Tree,
    definitions: Option<&'s Map<String, Json>>,
    flavour: Flavour,
    findings: Vec<Finding>,
    /// Nodes visited and snippet bytes written, before the walk gives up.
    budget: usize,
    gave_up: bool,
    /// Whether [`MAX_FINDINGS_PER_DOCUMENT`] were found and the walk stopped there.
    full: bool,
}

/// The most shape findings one document gives; the last then says there may be more.
const MAX_FINDINGS_PER_DOCUMENT: usize = 100;

/// The most shape findings one file gives; documents after that keep the typed parse's one.
const MAX_FINDINGS_PER_FILE: usize = 1_000;

/// The schema of a struct field holding a node, for checking an inline leaf (a `bool`, a
/// `u32`, a version) through the struct that declares it: the struct's name and the field.
type Field<'s> = Option<(&'s str, &'s str)>;

impl<'t, 's> Walker<'t, 's> {
    fn spend(&mut self, amount: usize) -> bool {
        match self.budget.checked_sub(amount) {
            Some(rest) => {
                self.budget = rest;
                true
            }
            None => {
                self.gave_up = true;
                false
            }
        }
    }

    /// The node itself, following aliases.
    fn resolve(&mut self, mut id: usize) -> Option<(usize, &'t Node)> {
        loop {
            if !self.spend(1) {
                return None;
            }
            match self.tree.nodes.get(id)? {
                Node::Alias(Some(target)) => id = *target,
                Node::Alias(None) => return None,
                node => return Some((id, node)),
            }
        }
    }

    /// Checks node `id` against `schema` at `path`. `name` is the model type the schema
    /// describes, when it came from a definition; `field` the struct field holding the node.
    fn walk(
        &mut self,
        id: usize,
        schema: &'s Json,
        path: &DocPath,
        name: Option<&'s str>,
        field: Field<'s>,
        depth: usize,
    ) {
        if self.gave_up || self.full {
            return;
        }
        if depth > 4 * MAX_DEPTH {
            self.gave_up = true;
            return;
        }
        let Some((id, node)) = self.resolve(id) else {
            return;
        };
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(target) = object.get("$ref").and_then(Json::as_str) {
            let name = target.strip_prefix("#/definitions/");
            let definition = name.and_then(|n| self.definitions?.get(n));
            if let Some(definition) = definition {
                self.walk(id, definition, path, name, field, depth + 1);
            }
            return;
        }
        if let Some([only]) = object
            .get("allOf")
            .and_then(Json::as_array)
            .map(Vec::as_slice)
        {
            self.walk(id, only, path, name, field, depth + 1);
            return;
        }
        let union = object.get("anyOf").or_else(|| object.get("oneOf"));
        if let Some(alternatives) = union.and_then(Json::as_array) {
            self.walk_union((id, node), alternatives, path, name, field, depth);
            return;
        }
        if object.contains_key("const") || object.contains_key("enum") {
            self.leaf(id, path, name, field);
            return;
        }
        let types = types_of(object);
        if types.contains(&"null") && self.is_null(id, node) {
            return;
        }
        match types.iter().find(|t| **t != "null").copied() {
            Some("object") => match node {
                Node::Mapping { entries, .. } => {
                    self.walk_mapping(entries, object, path, name, depth);
                }
                _ => self.leaf(id, path, name, field),
            },
            Some("array") => match node {
                Node::Sequence { items, .. } => {
                    if let Some(item_schema) = object.get("items") {
                        for (i, item) in items.iter().enumerate() {
                            self.walk(*item, item_schema, &path.index(i), None, None, depth + 1);
                        }
                    }
                }
                _ => self.leaf(id, path, name, field),
            },
            Some(_) => self.leaf(id, path, name, field),
            None if name.is_some() => self.leaf(id, path, name, field),
            None => {}
        }
    }

    /// A value against `anyOf` / `oneOf` alternatives; `(id, node)` is the node, resolved.
    fn walk_union(
        &mut self,
        (id, node): (usize, &'t Node),
        alternatives: &'s [Json],
        path: &DocPath,
        name: Option<&'s str>,
        field: Field<'s>,
        depth: usize,
    ) {
        let (nulls, others): (Vec<&'s Json>, Vec<&'s Json>) = alternatives
            .iter()
            .partition(|a| a.get("type").and_then(Json::as_str) == Some("null"));
        if !nulls.is_empty() && self.is_null(id, node) {
            return;
        }
        if others
            .iter()
            .all(|a| a.get("const").is_some() || a.get("enum").is_some())
        {
            // An enum of names, such as `outcome`.
            self.leaf(id, path, name, field);
            return;
        }
        if let [only] = others.as_slice() {
            // An optional value.
            self.walk(id, only, path, name, field, depth + 1);
            return;
        }
        // A value of several shapes, such as a claim (an id, or a map): a map is walked as
        // the map alternative; anything else is read whole by the union's own type.
        if matches!(node, Node::Mapping { .. }) {
            if let Some(map) = others.iter().find(|a| self.is_object_schema(a)) {
                self.walk(id, map, path, None, None, depth + 1);
                return;
            }
        }
        self.leaf(id, path, name, field);
    }

    /// Whether a schema, after references, describes a map.
    fn is_object_schema(&self, schema: &Json) -> bool {
        let schema = match schema.get("$ref").and_then(Json::as_str) {
            Some(target) => {
                let name = target.strip_prefix("#/definitions/");
                match name.and_then(|n| self.definitions?.get(n)) {
                    Some(definition) => definition,
                    None => return false,
                }
            }
            None => schema,
        };
        schema
            .as_object()
            .is_some_and(|o| types_of(o).contains(&"object"))
    }

    fn walk_mapping(
        &mut self,
        entries: &'t [(usize, usize)],
        object: &'s Map<String, Json>,
        path: &DocPath,
        name: Option<&'s str>,
        depth: usize,
    ) {
        let properties = object.get("properties").and_then(Json::as_object);
        let additional = object.get("additionalProperties");
        let mut seen: HashSet<&'t str> = HashSet::new();
        for (key, value) in entries {
            if self.gave_up {
                return;
            }
            let key_text = match self.resolve(*key) {
                Some((_, Node::Scalar { value, .. })) => value.as_str(),
                Some((key, _)) => {
                    // A collection as a key: let the type say what it makes of it.
                    self.odd_key(key, *value, path, name);
                    continue;
                }
                None => continue,
            };
            let child = path.key(key_text);
            if !seen.insert(key_text) {
                self.push(
                    Code::DuplicateKey,
                    child.clone().the_key(),
                    format!("duplicate key `{key_text}` in the same mapping"),
                    None,
                );
            }
            if let Some((field, schema)) = properties.and_then(|p| p.get_key_value(key_text)) {
                let field = name.map(|n| (n, field.as_str()));
                self.walk(*value, schema, &child, None, field, depth + 1);
            } else if let Some(schema) = additional.filter(|a| a.is_object()) {
                self.walk(*value, schema, &child, None, None, depth + 1);
            } else if additional == Some(&Json::Bool(false)) {
                self.unknown_field(*key, path, key_text, name);
            }
        }
        let required = object.get("required").and_then(Json::as_array);
        for field in required.into_iter().flatten().filter_map(Json::as_str) {
            if !seen.contains(field) {
                self.push(
                    Code::MissingField,
                    path.clone(),
                    format!("missing field `{field}`"),
                    None,
                );
            }
        }
    }

    /// A key the type does not know: the type's own message lists the fields it knows.
    fn unknown_field(&mut self, key: usize, path: &DocPath, key_text: &str, name: Option<&str>) {
        let at = path.key(key_text).the_key();
        let mut snippet = String::from("{");
        if !self.emit(key, &mut snippet, false, 0) {
            return;
        }
        snippet.push_str(": null}");
        let checked = name.and_then(|n| self.check(n, &snippet, None));
        match checked {
            Some(Some((code, _, message))) => {
                self.push(code, path.clone(), message, Some(at));
            }
            // The type took it after all (the walk and the parser disagree): say what the
            // schema says.
            _ => self.push(
                Code::UnknownField,
                path.clone(),
                format!("unknown field `{key_text}`"),
                Some(at),
            ),
        }
    }

    /// A mapping key that is itself a collection.
    fn odd_key(&mut self, key: usize, value: usize, path: &DocPath, name: Option<&str>) {
        let mut snippet = String::from("{");
        if !self.emit(key, &mut snippet, false, 0) {
            return;
        }
        snippet.push_str(": ");
        if !self.emit(value, &mut snippet, false, 0) {
            return;
        }
        snippet.push('}');
        if let Some(Some((code, segments, message))) =
            name.and_then(|n| self.check(n, &snippet, None))
        {
            let mut at = path.clone();
            at.segments.extend(segments);
            self.push(code, at, message, None);
        }
    }

    /// Reads a node whole with its model type: `name`'s, or else through the struct `field`
    /// declares it in. Reports what the type rejects.
    fn leaf(&mut self, id: usize, path: &DocPath, name: Option<&str>, field: Field<'_>) {
        let mut snippet = String::new();
        if !self.emit(id, &mut snippet, false, 0) {
            return;
        }
        let named = name.and_then(|n| self.check(n, &snippet, None));
        let outcome = match named {
            Some(outcome) => outcome,
            None => match field {
                Some((owner, field)) => {
                    let mut wrapped = String::from("{");
                    self.emit_text(field, false, &mut wrapped);
                    wrapped.push_str(": ");
                    wrapped.push_str(&snippet);
                    wrapped.push('}');
                    match self.check(owner, &wrapped, Some(field)) {
                        Some(outcome) => outcome,
                        None => return,
                    }
                }
                None => return,
            },
        };
        if let Some((code, segments, message)) = outcome {
            let mut at = path.clone();
            at.segments.extend(segments);
            self.push(code, at, message, None);
        }
    }

    /// Deserializes a snippet into the model type `name`. `None` when there is no such type;
    /// `Some(None)` when it reads; otherwise the code, the path below the node, and the
    /// message. With `field`, the snippet is a struct holding only that field, whose other
    /// required fields are of course missing.
    #[allow(clippy::type_complexity)]
    fn check(
        &mut self,
        name: &str,
        snippet: &str,
        field: Option<&str>,
    ) -> Option<Option<(Code, Vec<Segment>, String)>> {
        let wrapped = match self.flavour {
            Flavour::Yaml => format!("v: {snippet}\n"),
            Flavour::Json => format!("{{\"v\": {snippet}}}"),
        };
        let error = match check_named(name, self.flavour, &wrapped)? {
            Ok(()) => return Some(None),
            Err(error) => error,
        };
        let message = strip_location(&error);
        // serde_yaml prefixes the path inside the snippet: `v: …`, `v.min_items: …`.
        let (mut segments, rest) = match message.split_once(": ") {
            Some((prefix, rest)) => match DocPath::parse(0, prefix) {
                Some(p) if p.segments.first() == Some(&Segment::Key("v".to_owned())) => {
                    (p.segments.into_iter().skip(1).collect(), rest.to_owned())
                }
                _ => (Vec::new(), message.clone()),
            },
            None => (Vec::new(), message.clone()),
        };
        if let Some(field) = field {
            if segments.first() == Some(&Segment::Key(field.to_owned())) {
                segments.remove(0);
            } else if segments.is_empty() && rest.starts_with("missing field `") {
                return Some(None);
            }
        }
        let (code, text) = classify(&rest);
        Some(Some((code, segments, text)))
    }

    fn is_null(&mut self, id: usize, node: &Node) -> bool {
        if !matches!(node, Node::Scalar { .. }) {
            return false;
        }
        let mut snippet = String::new();
        if !self.emit(id, &mut snippet, false, 0) {
            return false;
        }
        let wrapped = match self.flavour {
            Flavour::Yaml => format!("v: {snippet}\n"),
            Flavour::Json => format!("{{\"v\": {snippet}}}"),
        };
        matches!(run_is_null(self.flavour, &wrapped), Ok(true))
    }

    fn push(&mut self, code: Code, path: DocPath, message: String, at: Option<DocPath>) {
        if self.findings.len() >= MAX_FINDINGS_PER_DOCUMENT {
            // Enough to act on: the walk stops, so a document of a million wrong values
            // costs neither a million findings nor the work of finding them.
            self.full = true;
            return;
        }
        let at = at.unwrap_or_else(|| path.clone());
        self.findings.push(Finding {
            token: code == Code::MissingField,
            diagnostic: Diagnostic::new(code, path, message),
            at,
        });
    }

    /// Writes a node as flow YAML (or JSON) that the parser reads as the original: plain
    /// scalars as written, others quoted. `false` when the budget ran out.
    fn emit(&mut self, id: usize, out: &mut String, in_sequence: bool, depth: usize) -> bool {
        if depth > 4 * MAX_DEPTH {
            self.gave_up = true;
            return false;
        }
        let Some((_, node)) = self.resolve(id) else {
            // An unknown anchor: the typed parse ends the stream on it.
            self.gave_up = true;
            return false;
        };
        let before = out.len();
        match node {
            Node::Scalar { value, plain, tag } => {
                if let Some(tag) = tag {
                    out.push_str(tag);
                    out.push(' ');
                }
                if *plain && value.is_empty() {
                    // An empty value reads as null; inside a flow sequence it needs a spelling.
                    if in_sequence {
                        out.push('~');
                    }
                } else {
                    self.emit_text(value, *plain, out);
                }
            }
            Node::Sequence { items, tag } => {
                if let Some(tag) = tag {
                    out.push_str(tag);
                    out.push(' ');
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !self.emit(*item, out, true, depth + 1) {
                        return false;
                    }
                }
                out.push(']');
            }
            Node::Mapping { entries, tag } => {
                if let Some(tag) = tag {
                    out.push_str(tag);
                    out.push(' ');
                }
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !self.emit(*key, out, true, depth + 1) {
                        return false;
                    }
                    out.push_str(": ");
                    if !self.emit(*value, out, false, depth + 1) {
                        return false;
                    }
                }
                out.push('}');
            }
            Node::Alias(_) => {}
        }
        self.spend(out.len().saturating_sub(before))
    }

    /// Writes a scalar: plain text as written when it stays the same scalar in flow context,
    /// else quoted (a plain scalar that needs quoting there is text either way).
    fn emit_text(&self, value: &str, plain: bool, out: &mut String) {
        let as_written = plain
            && match self.flavour {
                Flavour::Json => true,
                Flavour::Yaml => !needs_quotes(value),
            };
        if as_written {
            out.push_str(value);
        } else {
            out.push_str(&serde_json::Value::from(value).to_string());
        }
    }
}

fn run_is_null(flavour: Flavour, snippet: &str) -> Result<bool, String> {
    match flavour {
        Flavour::Yaml => super::guard(|| serde_yaml::from_str::<Wrap<IsNull>>(snippet))
            .unwrap_or_else(|_| Err(serde::de::Error::custom(PARSER_FAILED)))
            .map(|w| w.v.0)
            .map_err(|e| e.to_string()),
        Flavour::Json => serde_json::from_str::<Wrap<IsNull>>(snippet)
            .map(|w| w.v.0)
            .map_err(|e| e.to_string()),
    }
}

/// Whether a plain scalar cannot be written as is inside a flow collection.
fn needs_quotes(value: &str) -> bool {
    value.contains([',', '[', ']', '{', '}', '\n', '\r', '\t'])
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || value.starts_with(' ')
        || value.ends_with(' ')
        || value.starts_with("---")
        || value.starts_with("...")
}

/// The `type` of a schema, as a list.
fn types_of(object: &Map<String, Json>) -> Vec<&str> {
    match object.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(types)) => types.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Crosswalk, EvidenceRecord, Framework};
    use crate::validate::testing::BASE;
    use crate::yaml::{Limits, Quoting, parse_documents};

    const EVIDENCE: &str = r#"
format: competence/1
kind: evidence
learner: L-0042
framework: demo@^1.0
evidence:
  - id: obs-1
    kind: observation
    date: 2026-03-14
    assessor: A-12
    outcome: demonstrated
    summary: Observed a session.
    claims:
      - competency: listening
        level: established
        indicators: [reflects-back]
      - sharing
"#;

    const CROSSWALK: &str = r#"
format: competence/1
kind: crosswalk
id: a-to-b
version: 1.0.0
from: a@^1
to: b@^1
levels: { developing: met }
links:
  - { from: listening, to: [S2], relation: exact }
"#;

    /// The typed parse's findings, and the findings after the walk.
    fn typed_and_walked(text: &str, kind: Kind) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let limits = Limits::default();
        let typed = match kind {
            Kind::Framework => parse_documents::<Framework>(text, &limits, Quoting::Shown).1,
            Kind::Evidence => parse_documents::<EvidenceRecord>(text, &limits, Quoting::Redacted).1,
            Kind::Crosswalk => parse_documents::<Crosswalk>(text, &limits, Quoting::Shown).1,
        };
        let mut walked = typed.clone();
        every_shape_error(text, kind, &[], &mut walked);
        crate::diagnostic::sort(&mut walked);
        (typed, walked)
    }

    fn edit(base: &str, from: &str, to: &str) -> String {
        assert!(base.contains(from), "edit target not in base: {from}");
        base.replacen(from, to, 1)
    }

    fn show(found: &[Diagnostic]) -> Vec<String> {
        found
            .iter()
            .map(|d| {
                let at = d.span.map(|s| format!("{}:{}", s.line, s.column));
                format!("[{}] {} @ {} {:?}", d.code, d.message, d.path, at)
            })
            .collect()
    }

    /// Framework edits that each break the typed parse once, grouped by the text they change.
    const FRAMEWORK_EDITS: Edits = &[
        (
            "version: 1.0.0",
            &[
                "version: 1.0",
                "version: 1",
                "version: [1]",
                "version: ~",
                "version: '1.0'",
                "version: {a: b}",
            ],
        ),
        (
            "title: Demo\n",
            &[
                "title: ~\n",
                "title: [a]\n",
                "title: null\n",
                "",
                "title: Demo\ntitel: x\n",
                "title: Demo\nextends: base@latest\n",
                "title: Demo\nextends: [base]\n",
            ],
        ),
        ("format: competence/1", &["format: [competence/1]"]),
        (
            "{ id: developing, title: Developing }",
            &[
                "{ id: developing }",
                "{ id: developing, title: Developing, colour: red }",
                "developing",
                "{ id: [developing], title: Developing }",
            ],
        ),
        (
            "{ id: mutuality, title: Mutuality, core: true }",
            &[
                "{ id: mutuality, title: Mutuality, core: yes }",
                "{ id: mutuality, title: Mutuality, core: 1 }",
                "{ id: mutuality, title: Mutuality, core: ~ }",
            ],
        ),
        ("        title: Listening\n", &["        title: {a: 1}\n"]),
        (
            "requires: [listening]",
            &[
                "requires: listening",
                "requires: [[listening]]",
                "requires: {a: b}",
            ],
        ),
        (
            "text: Reflects back what they heard. }",
            &["text: ~ }", "text: Reflects back., core: maybe }"],
        ),
        ("level: established }", &["level: [established] }"]),
        ("  - id: worker\n", &["  - id: [worker]\n"]),
        (
            "targets: { relational: developing }",
            &[
                "targets: [relational]",
                "targets: { relational: [developing] }",
            ],
        ),
        (
            "observation: { weight: 1.0, independent: true }",
            &[
                "observation: { weight: 1.5, independent: true }",
                "observation: { independent: true }",
                "observation: 1.0",
                "observation: { weight: 1.0, independent: true, valid_for: 6 months }",
                "observation: { weight: 1.0, independent: maybe }",
                "observation: { weight: abc, independent: true }",
            ],
        ),
        (
            "reflection: { weight: 0.5 }",
            &[
                "reflection: { weight: 0.0005 }",
                "reflection: { weight: ~ }",
                "reflection: ~",
            ],
        ),
        (
            "sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true }",
            &[
                "sufficiency: { min_weight: 1.0, min_items: -1, require_independent: true }",
                "sufficiency: { min_weight: 1.0, min_items: 1.5, require_independent: true }",
                "sufficiency: { min_weight: 0, min_items: 1, require_independent: true }",
                "sufficiency: { min_weight: x, min_items: 1, require_independent: true }",
                "sufficiency: [1]",
                "sufficiency: { min_weight: 1.0, min_items: 1, require_independent: maybe }",
                "sufficiency: { valid_for: 0d }",
                "overrides: { relational: { valid_for: 1 year } }\n  sufficiency: {}",
                "overrides: { relational: [1] }",
            ],
        ),
        (
            "assessment:\n  evidence:",
            &["assessment:\n  evidenc: {}\n  evidence:"],
        ),
    ];

    const EVIDENCE_EDITS: Edits = &[
        (
            "date: 2026-03-14",
            &[
                "date: 2026-02-30",
                "date: 2026-3-14",
                "date: ~",
                "date: [x]",
            ],
        ),
        (
            "outcome: demonstrated",
            &["outcome: passed", "outcome: [x]"],
        ),
        (
            "framework: demo@^1.0",
            &["framework: demo@latest", "framework: [demo]"],
        ),
        (
            "      - sharing",
            &[
                "      - [sharing]",
                "      - 5",
                "      - { competency: sharing, levle: x }",
                "      - { level: x }",
            ],
        ),
        (
            "indicators: [reflects-back]",
            &["indicators: reflects-back"],
        ),
        ("    summary: Observed a session.\n", &["    summery: x\n"]),
        ("    kind: observation\n", &[""]),
        ("learner: L-0042", &["learner: [L]"]),
    ];

    const CROSSWALK_EDITS: Edits = &[
        ("relation: exact", &["relation: equal"]),
        ("to: [S2]", &["to: S2"]),
        ("version: 1.0.0", &["version: 1.0"]),
        ("from: a@^1", &["from: a@latest"]),
        ("levels: { developing: met }", &["levels: [developing]"]),
    ];

    /// Edits grouped by the text they change.
    type Edits = &'static [(&'static str, &'static [&'static str])];

    fn cases() -> Vec<(Kind, &'static str, Edits)> {
        vec![
            (Kind::Framework, BASE, FRAMEWORK_EDITS),
            (Kind::Evidence, EVIDENCE, EVIDENCE_EDITS),
            (Kind::Crosswalk, CROSSWALK, CROSSWALK_EDITS),
        ]
    }

    #[test]
    fn bases_parse() {
        for (kind, base, _) in cases() {
            let (typed, _) = typed_and_walked(base, kind);
            assert!(typed.is_empty(), "{kind}: {:?}", show(&typed));
        }
    }

    /// One problem alone: the walk reports exactly what the typed parse reports, with the same
    /// code, message, path and location.
    #[test]
    fn one_problem_reads_as_the_typed_parse_says() {
        let mut failures = Vec::new();
        for (kind, base, edits) in cases() {
            for (from, tos) in edits {
                for to in *tos {
                    let text = edit(base, from, to);
                    let (typed, walked) = typed_and_walked(&text, kind);
                    if typed.len() != 1 || show(&typed) != show(&walked) {
                        failures.push(format!(
                            "{kind}: {to:?}\n  typed:  {:?}\n  walked: {:?}",
                            show(&typed),
                            show(&walked)
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Independent problems together: the walk reports each, as it reads alone.
    #[test]
    fn every_problem_at_once() {
        for (kind, base, edits) in cases() {
            // Each alternative in turn, with one alternative from every other group.
            let widest = edits.iter().map(|(_, tos)| tos.len()).max().unwrap_or(0);
            for round in 0..widest {
                let mut text = base.to_owned();
                let mut expected = Vec::new();
                for (from, tos) in edits {
                    let to = tos[round % tos.len()];
                    let (_, alone) = typed_and_walked(&edit(base, from, to), kind);
                    // Positions move when lines are added or removed; compare the rest.
                    expected.extend(
                        alone
                            .iter()
                            .map(|d| (d.code, d.message.clone(), d.path.clone())),
                    );
                    text = edit(&text, from, to);
                }
                let (typed, walked) = typed_and_walked(&text, kind);
                assert_eq!(typed.len(), 1, "{kind} round {round}");
                let mut found: Vec<_> = walked
                    .iter()
                    .map(|d| (d.code, d.message.clone(), d.path.clone()))
                    .collect();
                found.sort();
                expected.sort();
                assert_eq!(found, expected, "{kind} round {round}:\n{text}");
                assert!(
                    walked.iter().all(|d| d.span.is_some()),
                    "{:?}",
                    show(&walked)
                );
            }
        }
    }

    /// Spellings the typed parse accepts are not findings of the walk either.
    #[test]
    fn accepts_what_the_typed_parse_accepts() {
        let text = edit(BASE, "version: 1.0.0", "version: 1.0");
        let text = edit(
            &text,
            "title: Demo\n",
            "title: 3.2\nsummary: ~\npublisher:\n",
        );
        let text = edit(&text, "  - id: relational\n", "  - id: 3\n    code: 3.1\n");
        let text = edit(
            &text,
            "targets: { relational: developing }",
            "targets: { relational: ~ }",
        );
        let text = edit(
            &text,
            "        values: [mutuality]\n        indicators",
            "        values:\n        indicators",
        );
        let text = edit(
            &text,
            "title: Developing }",
            "title: Developing, description: !!str 1 }",
        );
        let text = edit(
            &text,
            "reflection: { weight: 0.5 }",
            "reflection: { weight: 1 }",
        );
        let (_, walked) = typed_and_walked(&text, Kind::Framework);
        assert_eq!(
            show(&walked),
            vec![
                "[invalid-version] `1.0` is read as a number, not a semver version: write MAJOR.MINOR.PATCH, such as `1.0.0` @ version Some(\"5:10\")"
            ]
        );
    }

    #[test]
    fn json_reports_every_problem_with_paths() {
        let value: serde_yaml::Value = serde_yaml::from_str(BASE).unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
        let edits = [
            ("\"version\": \"1.0.0\"", "\"version\": 1.0"),
            ("\"title\": \"Demo\"", "\"title\": null"),
            (
                "\"kind\": \"framework\",",
                "\"kind\": \"framework\", \"titel\": \"x\",",
            ),
            ("\"weight\": 0.5", "\"weight\": 1.5"),
            ("\"id\": \"worker\",", ""),
        ];
        let mut text = json.clone();
        for (from, to) in edits {
            // Alone, each reads as the typed parse says (which has no path for JSON).
            let alone = edit(&json, from, to);
            let (typed, walked) = typed_and_walked(&alone, Kind::Framework);
            let message = |d: &[Diagnostic]| {
                d.iter()
                    .map(|d| (d.code, d.message.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(message(&typed), message(&walked), "{to}");
            text = edit(&text, from, to);
        }
        let (_, walked) = typed_and_walked(&text, Kind::Framework);
        let found: Vec<(String, String)> = walked
            .iter()
            .map(|d| (d.code.to_string(), d.path.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("unknown-field", ""),
                ("invalid-version", "version"),
                ("wrong-type", "title"),
                ("missing-field", "roles[0]"),
                ("invalid-weight", "assessment.evidence.reflection.weight"),
            ]
            .map(|(c, p)| (c.to_owned(), p.to_owned())),
            "{:?}",
            show(&walked)
        );
    }

    #[test]
    fn each_failing_document_of_a_stream_is_walked() {
        let one = edit(BASE, "version: 1.0.0", "version: 1.0");
        let one = edit(
            &one,
            "reflection: { weight: 0.5 }",
            "reflection: { weight: 2 }",
        );
        let two = edit(BASE, "id: demo", "id: other");
        let three = edit(BASE, "title: Demo\n", "");
        let three = edit(
            &three,
            "{ id: developing, title: Developing }",
            "{ id: developing, title: Developing, colour: red }",
        );
        let text = format!("{one}---{two}---{three}");
        let (_, walked) = typed_and_walked(&text, Kind::Framework);
        let found: Vec<(usize, String)> = walked
            .iter()
            .map(|d| (d.path.document, d.code.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                (0, "invalid-version"),
                (0, "invalid-weight"),
                (2, "missing-field"),
                (2, "unknown-field"),
            ]
            .map(|(n, c)| (n, c.to_owned())),
            "{:?}",
            show(&walked)
        );
    }

    #[test]
    fn documents_that_parsed_are_not_walked() {
        // Validation's findings (here a made-up one) are about documents that parsed: no walk,
        // even if the text had a shape problem the walk would find.
        let text = edit(BASE, "version: 1.0.0", "version: 1.0");
        let parsed = [(
            0,
            Document::Framework(std::sync::Arc::new(crate::validate::testing::parse(BASE))),
        )];
        let finding = Diagnostic::new(Code::InvalidValue, DocPath::root(0), "semantic");
        let mut diagnostics = vec![finding.clone()];
        every_shape_error(&text, Kind::Framework, &parsed, &mut diagnostics);
        assert_eq!(diagnostics, [finding]);
    }

    #[test]
    fn aliases_are_followed_within_a_budget() {
        let text = edit(
            BASE,
            "scale:\n  - { id: developing, title: Developing }\n",
            "scale:\n  - &level { id: developing, title: Developing, colour: red }\n  - *level\n",
        );
        let (_, walked) = typed_and_walked(&text, Kind::Framework);
        let paths: Vec<String> = walked.iter().map(|d| d.path.to_string()).collect();
        assert_eq!(paths, ["scale[0]", "scale[1]"], "{:?}", show(&walked));

        // A billion laughs where a list of sources belongs, after a failing scalar: the walk
        // gives up, and the typed parse's finding stands.
        let mut bomb = String::from("anchors:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!(
                "  - &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        bomb.push_str("source: *a11\n");
        let text = format!("{}{bomb}", edit(BASE, "version: 1.0.0", "version: 1.0"));
        let started = std::time::Instant::now();
        let (typed, walked) = typed_and_walked(&text, Kind::Framework);
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(show(&typed), show(&walked));
    }

    #[test]
    fn findings_are_capped_per_document_and_per_file() {
        // A million wrong values would be a million findings: the walk stops at the cap.
        let values = vec!["x"; 5_000].join(", ");
        let text = format!(
            "{}values: [{values}]\n",
            edit(
                BASE,
                "values:\n  - { id: mutuality, title: Mutuality, core: true }\n",
                ""
            )
        );
        let (_, walked) = typed_and_walked(&text, Kind::Framework);
        assert_eq!(
            walked.len(),
            MAX_FINDINGS_PER_DOCUMENT,
            "{:?}",
            show(&walked)
        );
        assert!(
            walked
                .iter()
                .any(|d| d.help.as_deref().is_some_and(|h| h.contains("first 100")))
        );
        // Twenty such documents: the file stops at its own cap; the rest keep one finding each.
        let stream = vec![text.as_str(); 20].join("---\n");
        let (typed, walked) = typed_and_walked(&stream, Kind::Framework);
        assert_eq!(typed.len(), 20);
        assert_eq!(walked.len(), MAX_FINDINGS_PER_FILE + 10);
    }

    #[test]
    fn a_document_too_big_to_walk_keeps_its_typed_finding() {
        let values = vec!["x"; MAX_TREE_NODES + 10].join(",");
        let text = format!(
            "{}values: [{values}]\n",
            edit(
                BASE,
                "values:\n  - { id: mutuality, title: Mutuality, core: true }\n",
                ""
            )
        );
        let (typed, walked) = typed_and_walked(&text, Kind::Framework);
        assert_eq!(typed.len(), 1);
        assert_eq!(show(&typed), show(&walked));
    }

    #[test]
    fn deep_nesting_gives_up() {
        // Block nesting (flow nesting this deep is refused before any parse).
        let mut deep = String::from("deep:\n");
        for level in 1..200 {
            deep.push_str(&format!("{}a:\n", " ".repeat(level)));
        }
        let text = format!("{}{deep}", edit(BASE, "version: 1.0.0", "version: 1.0"));
        let (typed, walked) = typed_and_walked(&text, Kind::Framework);
        assert_eq!(walked.len(), typed.len(), "{:?}", show(&walked));
    }

    #[test]
    fn every_schema_definition_has_a_model_type() {
        for kind in Kind::ALL {
            let schema = schema(kind).unwrap_or_else(|| panic!("{kind}: schema does not parse"));
            let definitions = schema["definitions"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            assert!(check_named(root_name(kind), Flavour::Yaml, "v: 1\n").is_some());
            for name in definitions.keys() {
                assert!(
                    check_named(name, Flavour::Yaml, "v: 1\n").is_some(),
                    "{kind}: no model type for schema definition {name}"
                );
            }
        }
    }

    #[test]
    fn snippets_keep_scalars_as_written() {
        for (value, quoted) in [
            ("a, b", true),
            ("a: b", true),
            ("a #b", true),
            ("--- x", true),
            ("3.2", false),
            ("~", false),
            ("a#b", false),
            ("-1", false),
        ] {
            assert_eq!(needs_quotes(value), quoted, "{value}");
        }
    }

    /// Random edits of valid documents: the walk never panics, finds the typed parse's problem
    /// itself (same code, message and path), and reports nothing twice.
    #[test]
    fn random_edits_agree_with_the_typed_parse() {
        let tokens = [
            "~",
            "[x]",
            "{a: 1}",
            "1.5",
            "-1",
            "yes",
            "''",
            "2026-02-30",
            "x y",
            "",
            "1.0",
            "0",
            "\"\"",
            "[]",
            "{}",
            "null",
            "!!str 1",
            "6 months",
            "a@latest",
            "[[1]]",
            "- a",
            "&a 1",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut failures = Vec::new();
        for (kind, base, _) in cases() {
            for _ in 0..250 {
                let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
                for _ in 0..=next() % 3 {
                    let i = (next() as usize) % lines.len();
                    let token = tokens[(next() as usize) % tokens.len()];
                    let line = lines[i].clone();
                    lines[i] = match (next() % 4, line.find(": "), line.rfind(": ")) {
                        (0, Some(at), _) => format!("{}: {token}", &line[..at]),
                        (1, _, Some(at)) => {
                            let close = if line.ends_with('}') { " }" } else { "" };
                            format!("{}: {token}{close}", &line[..at])
                        }
                        (2, _, _) => String::new(),
                        _ => line.replacen(|c: char| c.is_ascii_lowercase(), "z", 1),
                    };
                }
                let text = lines.join("\n");
                let (typed, walked) = typed_and_walked(&text, kind);
                let failing = typed.iter().map(|d| d.path.document).collect();
                let mut alone = walk(&text, kind, &failing);
                if kind == Kind::Evidence {
                    for d in alone.values_mut().flatten() {
                        d.message = crate::diagnostic::redact_parser_message(&d.message);
                    }
                }
                // Duplicate keys are located by their own pass when the file is loaded.
                let shape =
                    |d: &&Diagnostic| is_shape_error(d.code) && d.code != Code::DuplicateKey;
                for t in typed.iter().filter(shape) {
                    // The walk itself found it: same code, message, path and line.
                    let found = alone.get(&t.path.document).is_some_and(|w| {
                        w.iter().any(|w| {
                            (w.code, &w.message, &w.path, w.span.map(|s| s.line))
                                == (t.code, &t.message, &t.path, t.span.map(|s| s.line))
                        })
                    });
                    if !found {
                        failures.push(format!("{:?}\n{:?}\n{text}", show(&typed), show(&walked)));
                    }
                }
                let mut seen = show(&walked);
                seen.dedup();
                if seen.len() != walked.len() {
                    failures.push(format!("twice: {:?}\n{text}", show(&walked)));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}
