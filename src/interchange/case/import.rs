//! A package's content mapped onto our framework: the tree onto domains, competencies and
//! indicators, the document onto the framework's metadata, associations onto `requires` and
//! `replaces`, a rubric onto the scale. Whatever has no place is noted, by identifier.

use super::extension::{self, DocumentExtension, ItemExtension};
use super::ids::{self, Ids};
use super::package::{BOOKKEEPING, Document, Item, Package, RubricLevel};
use super::requires;
use super::tree::{self, Tree};
use crate::interchange::Note;
use crate::model::{
    Competency, Date, Domain, EvidenceKind, FORMAT, Framework, Id, Indicator, Kind, Level,
    OrderedMap, Policy, Source, Text, Weight,
};
use semver::Version;
use std::collections::HashMap;

/// Where an item of the package went.
#[derive(Clone, Copy)]
enum Place {
    Domain(usize),
    Competency(usize, usize),
    Indicator(usize, usize, usize),
}

/// Text that our files can hold: not blank, and not a spelling YAML reads as null (a title
/// `~` would be written and never read back).
fn text(s: &str) -> Option<Text> {
    let t = Text::new(s);
    let null = matches!(s.trim(), "~" | "null" | "Null" | "NULL");
    (!t.is_blank() && !null).then_some(t)
}

/// The first text that our files can hold, else a placeholder.
fn first_text<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Text {
    candidates
        .into_iter()
        .flatten()
        .find_map(text)
        .unwrap_or_else(|| Text::new("(untitled)"))
}

/// A title and a description from the statements: the abbreviated statement is the title and
/// the full one the description; without one, a one-line full statement is the title, and a
/// longer one gives its first line (Markdown heading marks removed) as the title and stays
/// whole as the description.
fn title_and_description(item: &Item) -> (Text, Option<Text>) {
    let full = text(&item.full_statement);
    if let Some(short) = item.abbreviated.as_deref().and_then(text) {
        let description = full.filter(|f| f != &short);
        return (short, description);
    }
    match full {
        Some(full) if !full.as_str().contains('\n') => (full, None),
        Some(full) => {
            let first = full
                .as_str()
                .lines()
                .map(|l| l.trim().trim_start_matches('#').trim())
                .find(|l| text(l).is_some());
            let title = first_text([first, item.code.as_deref(), Some(&item.identifier)]);
            (title, Some(full))
        }
        None => (fallback_statement(item), None),
    }
}

fn fallback_statement(item: &Item) -> Text {
    first_text([item.code.as_deref(), Some(item.identifier.as_str())])
}

/// A semver version from the document: its `version` (`v2`, `1.2` are read as 2.0.0 and
/// 1.2.0), else the date of `lastChangeDateTime` as `YYYY.M.D`, else 0.1.0.
fn version(package: &Package, notes: &mut Vec<Note>) -> Version {
    let doc = &package.document;
    if let Some(v) = &doc.version {
        if let Ok(exact) = Version::parse(v) {
            return exact;
        }
        let bare = v.trim().trim_start_matches(['v', 'V']);
        let parts: Vec<&str> = bare.split('.').collect();
        let numbers: Option<Vec<u64>> = parts.iter().map(|p| p.parse().ok()).collect();
        if let Some(numbers) = numbers.filter(|n| (1..=3).contains(&n.len())) {
            let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
            let version = Version::new(at(0), at(1), at(2));
            notes.push(Note::about(
                &doc.identifier,
                format!("version `{v}` read as {version}"),
            ));
            return version;
        }
    }
    let date = doc
        .last_change
        .as_deref()
        .and_then(|t| t.get(..10))
        .and_then(|d| d.parse::<Date>().ok());
    let version = match date {
        Some(d) => Version::new(
            u64::try_from(d.year()).unwrap_or(0),
            u64::from(d.month()),
            u64::from(d.day()),
        ),
        None => Version::new(0, 1, 0),
    };
    let from = match (&doc.version, date) {
        (Some(v), Some(_)) => {
            format!("version `{v}` is not a version number: {version} from lastChangeDateTime")
        }
        (None, Some(_)) => format!("no version: {version} from lastChangeDateTime"),
        (Some(v), None) => format!("version `{v}` is not a version number: {version} given"),
        (None, None) => format!("no version or lastChangeDateTime: {version} given"),
    };
    notes.push(Note::about(&doc.identifier, from));
    version
}

/// The scale from the package's one rubric, when its criteria share one list of levels.
fn scale_from_rubrics(package: &Package, ids: &mut Ids, notes: &mut Vec<Note>) -> Vec<Level> {
    let [rubric] = package.rubrics.as_slice() else {
        for r in &package.rubrics {
            notes.push(Note::about(
                &r.identifier,
                "CFRubric not kept: only a package with one rubric gives a scale",
            ));
        }
        return Vec::new();
    };
    let Some(first) = rubric.criteria.first() else {
        notes.push(Note::about(
            &rubric.identifier,
            "CFRubric without criteria: not kept",
        ));
        return Vec::new();
    };
    let levels = qualities(&first.levels);
    let names: Vec<Option<&str>> = levels.iter().map(|l| l.quality.as_deref()).collect();
    let shared = rubric.criteria.iter().all(|c| {
        qualities(&c.levels)
            .iter()
            .map(|l| l.quality.as_deref())
            .eq(names.iter().copied())
    });
    if !shared || names.is_empty() || names.iter().any(|n| n.and_then(text).is_none()) {
        notes.push(Note::about(
            &rubric.identifier,
            "CFRubric not kept: its criteria do not share one list of named levels",
        ));
        return Vec::new();
    }
    for other in rubric.criteria.iter().skip(1) {
        notes.push(Note::about(
            &other.identifier,
            "CFRubricCriterion: its levels are the scale's; its own descriptions not kept",
        ));
    }
    levels
        .iter()
        .map(|l| {
            let quality = l.quality.as_deref().unwrap_or_default();
            Level {
                id: ids.unique(&ids::base(None, quality, "level")),
                title: Text::new(quality),
                description: l.description.as_deref().and_then(text),
            }
        })
        .collect()
}

/// A criterion's levels in position order.
fn qualities(levels: &[RubricLevel]) -> Vec<&RubricLevel> {
    let mut sorted: Vec<_> = levels.iter().enumerate().collect();
    sorted.sort_by_key(|(i, l)| (l.position.unwrap_or(i64::MAX), *i));
    sorted.into_iter().map(|(_, l)| l).collect()
}

/// A starter policy for a framework CASE gave none: CASE has no evidence rules.
fn starter_policy() -> Policy {
    let mut evidence = OrderedMap::new();
    if let Some(weight) = Weight::from_thousandths(1000) {
        evidence.insert(
            Id::new("observation"),
            EvidenceKind {
                title: None,
                description: None,
                weight,
                independent: true,
                valid_for: None,
            },
        );
    }
    Policy {
        evidence,
        sufficiency: None,
        overrides: OrderedMap::new(),
        rationale: None,
    }
}

fn metadata_sources(package: &Package, licence: Option<&Text>) -> Vec<Source> {
    let doc = &package.document;
    let mut source = Vec::new();
    let url = doc.official_source.as_deref().or(doc.uri.as_deref());
    source.push(Source {
        title: first_text([Some(doc.title.as_str()), Some(doc.identifier.as_str())]),
        url: url.and_then(text),
        note: Some(Text::new(match &doc.uri {
            Some(uri) => format!(
                "Imported from the CASE CFDocument {} ({uri}).",
                doc.identifier
            ),
            None => format!("Imported from the CASE CFDocument {}.", doc.identifier),
        })),
    });
    if let Some(link) = &doc.licence {
        if let Some(uri) = link.uri.as_deref().and_then(text) {
            let name = licence.map_or("the licence", Text::as_str);
            source.push(Source {
                title: Text::new(format!("Licence: {name}")),
                url: Some(uri),
                note: None,
            });
        }
    }
    source
}

pub(super) fn build(package: &Package) -> (Framework, Vec<Note>) {
    let mut notes = Vec::new();
    let doc = &package.document;
    let ext: Option<DocumentExtension> =
        extension::read(doc.extension.as_ref(), &doc.identifier, &mut notes);
    for field in &doc.unread {
        if !matches!(field.as_str(), "caseVersion" | "frameworkType") {
            notes.push(Note::about(
                &doc.identifier,
                format!("CFDocument field `{field}` not kept"),
            ));
        }
    }
    for field in &package.unread {
        notes.push(Note::package(format!("package field `{field}` not kept")));
    }
    for other in &package.others {
        notes.push(Note::about(
            &other.identifier,
            format!("{} not kept", other.what),
        ));
    }

    let by_id = tree::index(package);
    let keep: Vec<bool> = package
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| by_id.get(item.identifier.as_str()) == Some(&i))
        .collect();
    for (i, item) in package.items.iter().enumerate() {
        if !keep.get(i).copied().unwrap_or(false) {
            notes.push(Note::about(
                &item.identifier,
                format!("a second CFItem with this identifier ($.CFItems[{i}]): not imported, the first is kept"),
            ));
        }
    }
    let tree = tree::build(package, &by_id, &keep, &mut notes);

    let framework_id = ext
        .as_ref()
        .map(|e| e.id.clone())
        .filter(Id::is_valid)
        .unwrap_or_else(|| ids::framework_id(&doc.title));
    let version = version(package, &mut notes);

    let mut ids = Ids::default();
    let scale = match ext.as_ref().filter(|e| !e.scale.is_empty()) {
        Some(e) => {
            for level in &e.scale {
                ids.claim(level.id.as_str());
            }
            e.scale.clone()
        }
        None => scale_from_rubrics(package, &mut ids, &mut notes),
    };
    if let Some(e) = &ext {
        for id in e
            .values
            .iter()
            .map(|v| &v.id)
            .chain(e.roles.iter().map(|r| &r.id))
        {
            ids.claim(id.as_str());
        }
    }
    // Our own ids from an earlier export are claimed first, so that a derived id never takes
    // one of them.
    let item_ext: Vec<Option<ItemExtension>> = package
        .items
        .iter()
        .zip(&keep)
        .map(|(item, &kept)| {
            if kept {
                extension::read(item.extension.as_ref(), &item.identifier, &mut notes)
            } else {
                None
            }
        })
        .collect();
    let mut item_ids: Vec<Option<Id>> = item_ext
        .iter()
        .map(|e| e.as_ref().and_then(|e| ids.claim(e.id.as_str())))
        .collect();

    let mut bookkeeping = 0usize;
    let mut places: Vec<Option<Place>> = vec![None; package.items.len()];
    let mut domains: Vec<Domain> = Vec::new();
    let context = Context {
        package,
        tree: &tree,
        ext: &item_ext,
        framework: &framework_id,
    };
    for &root in &tree.roots {
        let d = domains.len();
        let mut domain = context.domain(root, &mut ids, &mut item_ids);
        if let Some(slot) = places.get_mut(root) {
            *slot = Some(Place::Domain(d));
        }
        context.fill(
            root,
            (d, &mut domain),
            &mut ids,
            &mut item_ids,
            &mut places,
            &mut notes,
        );
        domains.push(domain);
    }
    for (i, item) in package.items.iter().enumerate() {
        if !keep.get(i).copied().unwrap_or(false) {
            continue;
        }
        let (plain, extra): (Vec<&String>, Vec<&String>) = item
            .unread
            .iter()
            .partition(|f| BOOKKEEPING.contains(&f.as_str()));
        bookkeeping += usize::from(!plain.is_empty());
        if !extra.is_empty() {
            let names: Vec<String> = extra.iter().map(|f| format!("`{f}`")).collect();
            notes.push(Note::about(
                &item.identifier,
                format!("CFItem fields not kept: {}", names.join(", ")),
            ));
        }
    }
    if bookkeeping > 0 {
        notes.push(Note::package(format!(
            "uri, lastChangeDateTime and CFItemType of {bookkeeping} items not kept: an export writes them afresh"
        )));
    }

    let lookup = |identifier: &str| {
        by_id
            .get(identifier)
            .and_then(|&i| places.get(i).copied().flatten().map(|p| (i, p)))
    };
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    let mut replaced: std::collections::HashSet<Id> = std::collections::HashSet::new(); // (dependent, prerequisite, association)
    for (a, assoc) in package.associations.iter().enumerate() {
        if tree.used.get(a).copied().unwrap_or(false) {
            if !assoc.unread.is_empty() {
                notes.push(Note::about(
                    &assoc.identifier,
                    format!("CFAssociation fields not kept: {}", assoc.unread.join(", ")),
                ));
            }
            continue;
        }
        let origin = lookup(&assoc.origin.identifier);
        let destination = lookup(&assoc.destination.identifier);
        let from = &assoc.origin.identifier;
        let to = &assoc.destination.identifier;
        let message = match (assoc.kind.as_str(), origin, destination) {
            ("precedes", Some((o, Place::Competency(..))), Some((t, Place::Competency(..)))) => {
                edges.push((t, o, a));
                continue;
            }
            ("precedes", _, _) => format!(
                "`precedes` from {from} to {to} not kept: `requires` links competencies of this package only"
            ),
            ("replacedBy", None, Some((_, place))) => {
                let old = assoc
                    .origin
                    .title
                    .as_deref()
                    .map(Id::from)
                    .filter(Id::is_valid)
                    // An old id names one successor, and is no longer an item of its own.
                    .filter(|o| !ids.is_taken(o.as_str()) && replaced.insert(o.clone()));
                match (old, replaces(&mut domains, place)) {
                    (Some(old), Some(list)) => {
                        list.push(old);
                        continue;
                    }
                    _ => format!(
                        "`replacedBy` from {from} (outside this package) to {to} not kept: the old item's title is not an id, names an item here, or was replaced already"
                    ),
                }
            }
            ("replacedBy", Some(_), Some(_)) => {
                format!("`replacedBy` from {from} to {to} not kept: both items are in this package")
            }
            ("isChildOf", Some(_), _) => format!(
                "`isChildOf` from {from} to {to} not kept: an item has one place in the tree"
            ),
            (kind, _, None) | (kind, None, _)
                if matches!(
                    kind,
                    "exactMatchOf" | "isRelatedTo" | "isPartOf" | "isPeerOf"
                ) =>
            {
                format!(
                    "`{kind}` from {from} to {to} (outside this package) not kept: a `kind: crosswalk` document says this between frameworks"
                )
            }
            (kind, _, _) => format!(
                "`{kind}` from {from} to {to} not kept: it has no meaning in this framework"
            ),
        };
        notes.push(Note::about(&assoc.identifier, message));
    }
    let (kept, cyclic) = requires::split(&edges, package.items.len());
    for (dependent, prerequisite, a) in kept {
        let prerequisite_id = item_ids.get(prerequisite).cloned().flatten();
        let Some(Some(Place::Competency(d, c))) = places.get(dependent).copied() else {
            continue;
        };
        match (prerequisite_id, competency_mut(&mut domains, d, c)) {
            (Some(id), Some(competency)) if !competency.requires.contains(&id) => {
                competency.requires.push(id);
            }
            _ => {
                if let Some(assoc) = package.associations.get(a) {
                    notes.push(Note::about(
                        &assoc.identifier,
                        "`precedes` repeated: kept once",
                    ));
                }
            }
        }
    }
    for (_, _, a) in cyclic {
        if let Some(assoc) = package.associations.get(a) {
            notes.push(Note::about(
                &assoc.identifier,
                "`precedes` not kept: it closes a cycle of prerequisites",
            ));
        }
    }

    let licence = ext
        .as_ref()
        .and_then(|e| e.licence.clone())
        .or_else(|| licence_of(package));
    // Our own extension is the framework as written: when it has no publisher, `creator` is
    // only the title the export had to put in CASE's required field, not a publisher.
    let publisher = match ext.as_ref() {
        Some(e) => e.publisher.clone(),
        None => publisher_of(doc, &mut notes),
    };
    let source = match ext.as_ref() {
        Some(e) => e.source.clone(),
        None => metadata_sources(package, licence.as_ref()),
    };
    // An empty policy is no policy, as a resolved framework writes it (`to_framework` leaves
    // it out): otherwise importing what an export of it gives would not give it back.
    let given = ext
        .as_ref()
        .and_then(|e| e.assessment.clone())
        .filter(|policy| *policy != Policy::default());
    let assessment = match given {
        Some(policy) => Some(policy),
        None if domains.iter().any(|d| !d.competencies.is_empty()) => {
            notes.push(Note::package(
                "CASE has no evidence policy: a starter policy (observation, weight 1, independent) was added; review it",
            ));
            Some(starter_policy())
        }
        None => None,
    };
    let document_uuid = ids::document_uuid(framework_id.as_str(), &version.to_string());
    let framework = Framework {
        format: FORMAT.to_owned(),
        kind: Kind::Framework,
        id: framework_id,
        version,
        title: first_text([Some(doc.title.as_str()), Some(doc.identifier.as_str())]),
        summary: doc.description.as_deref().and_then(text),
        publisher,
        licence,
        source,
        source_id: (doc.identifier != document_uuid)
            .then(|| text(&doc.identifier))
            .flatten(),
        extends: None,
        context: None,
        scale,
        values: ext.as_ref().map(|e| e.values.clone()).unwrap_or_default(),
        domains,
        roles: ext.as_ref().map(|e| e.roles.clone()).unwrap_or_default(),
        assessment,
        tailoring: None,
        resolved: None,
    };
    (framework, notes)
}

/// A package from elsewhere: its publisher, or else its creator (noted when both differ).
fn publisher_of(doc: &Document, notes: &mut Vec<Note>) -> Option<Text> {
    if let (Some(c), Some(p)) = (&doc.creator, &doc.publisher) {
        if c != p {
            notes.push(Note::about(
                &doc.identifier,
                format!("creator `{c}` not kept: the publisher is"),
            ));
        }
    }
    doc.publisher
        .as_deref()
        .or(doc.creator.as_deref())
        .and_then(text)
}

fn licence_of(package: &Package) -> Option<Text> {
    let link = package.document.licence.as_ref()?;
    link.title.as_deref().and_then(text).or_else(|| {
        package
            .licences
            .iter()
            .find(|l| l.identifier == link.identifier)
            .and_then(|l| l.title.as_deref())
            .and_then(text)
    })
}

fn competency_mut(domains: &mut [Domain], d: usize, c: usize) -> Option<&mut Competency> {
    domains.get_mut(d)?.competencies.get_mut(c)
}

fn replaces(domains: &mut [Domain], place: Place) -> Option<&mut Vec<Id>> {
    match place {
        Place::Domain(d) => domains.get_mut(d).map(|x| &mut x.replaces),
        Place::Competency(d, c) => competency_mut(domains, d, c).map(|x| &mut x.replaces),
        Place::Indicator(d, c, i) => competency_mut(domains, d, c)
            .and_then(|x| x.indicators.get_mut(i))
            .map(|x| &mut x.replaces),
    }
}

/// What the walk over the tree reads.
struct Context<'a> {
    package: &'a Package,
    tree: &'a Tree,
    ext: &'a [Option<ItemExtension>],
    framework: &'a Id,
}

impl Context<'_> {
    fn item(&self, i: usize) -> Option<&Item> {
        self.package.items.get(i)
    }

    fn ext(&self, i: usize) -> Option<&ItemExtension> {
        self.ext.get(i).and_then(Option::as_ref)
    }

    /// The item's id: its own from an earlier export, else one made from its code or title.
    fn id(&self, i: usize, title: &Text, ids: &mut Ids, item_ids: &mut [Option<Id>]) -> Id {
        if let Some(Some(id)) = item_ids.get(i) {
            return id.clone();
        }
        let (code, identifier) = self.item(i).map_or((None, ""), |it| {
            (it.code.as_deref(), it.identifier.as_str())
        });
        let id = ids.unique(&ids::base(code, title.as_str(), identifier));
        if let Some(slot) = item_ids.get_mut(i) {
            *slot = Some(id.clone());
        }
        id
    }

    fn source_id(&self, i: usize, id: &Id) -> Option<Text> {
        let identifier = &self.item(i)?.identifier;
        (*identifier != ids::item_uuid(self.framework.as_str(), id.as_str()))
            .then(|| text(identifier))
            .flatten()
    }

    fn code(&self, i: usize) -> Option<Text> {
        self.item(i)?.code.as_deref().and_then(text)
    }

    /// What an imported domain and competency share: title and description from the
    /// statements, the id made from them, the CASE identifier, the code and `core`.
    fn head(&self, i: usize, ids: &mut Ids, item_ids: &mut [Option<Id>]) -> Head {
        let (title, description) = self
            .item(i)
            .map_or_else(|| (Text::new("?"), None), title_and_description);
        let id = self.id(i, &title, ids, item_ids);
        Head {
            source_id: self.source_id(i, &id),
            id,
            code: self.code(i),
            title,
            description,
            core: self.ext(i).is_some_and(|e| e.core),
        }
    }

    fn domain(&self, i: usize, ids: &mut Ids, item_ids: &mut [Option<Id>]) -> Domain {
        let head = self.head(i, ids, item_ids);
        Domain {
            source_id: head.source_id,
            id: head.id,
            code: head.code,
            title: head.title,
            description: head.description,
            core: head.core,
            replaces: Vec::new(),
            competencies: Vec::new(),
        }
    }

    fn competency(&self, i: usize, ids: &mut Ids, item_ids: &mut [Option<Id>]) -> Competency {
        let head = self.head(i, ids, item_ids);
        Competency {
            source_id: head.source_id,
            id: head.id,
            code: head.code,
            title: head.title,
            description: head.description,
            core: head.core,
            values: self.ext(i).map(|e| e.values.clone()).unwrap_or_default(),
            requires: Vec::new(),
            replaces: Vec::new(),
            indicators: Vec::new(),
        }
    }

    fn indicator(
        &self,
        i: usize,
        ids: &mut Ids,
        item_ids: &mut [Option<Id>],
        notes: &mut Vec<Note>,
    ) -> Indicator {
        let Some(item) = self.item(i) else {
            return Indicator {
                id: ids.unique("indicator"),
                text: Text::new("?"),
                level: None,
                core: false,
                replaces: Vec::new(),
                source_id: None,
            };
        };
        let statement = text(&item.full_statement);
        if statement.is_none() {
            notes.push(Note::about(
                &item.identifier,
                "empty fullStatement: its code or identifier is the text",
            ));
        }
        let statement = statement.unwrap_or_else(|| fallback_statement(item));
        if let Some(short) = item
            .abbreviated
            .as_deref()
            .filter(|s| *s != item.full_statement)
        {
            notes.push(Note::about(
                &item.identifier,
                format!("abbreviatedStatement `{short}` not kept: an indicator has one text"),
            ));
        }
        let id = self.id(i, &statement, ids, item_ids);
        if let Some(code) = item.code.as_deref().filter(|c| *c != id.as_str()) {
            notes.push(Note::about(
                &item.identifier,
                format!("humanCodingScheme `{code}` not kept: an indicator has no code; its id is `{id}`"),
            ));
        }
        Indicator {
            source_id: self.source_id(i, &id),
            id,
            text: statement,
            level: self.ext(i).and_then(|e| e.level.clone()),
            core: self.ext(i).is_some_and(|e| e.core),
            replaces: Vec::new(),
        }
    }

    /// The descendants of a domain's item, depth first: an item with children, or a leaf
    /// right under the domain, is a competency (nested levels flattened into the domain, in
    /// order); a deeper leaf is an indicator of its parent.
    fn fill(
        &self,
        root: usize,
        (d, domain): (usize, &mut Domain),
        ids: &mut Ids,
        item_ids: &mut [Option<Id>],
        places: &mut [Option<Place>],
        notes: &mut Vec<Note>,
    ) {
        let children = |i: usize| self.tree.children.get(i).map_or(&[][..], Vec::as_slice);
        let mut stack: Vec<(usize, usize)> = children(root).iter().rev().map(|&c| (c, 2)).collect();
        let mut competency_of: HashMap<usize, usize> = HashMap::new();
        while let Some((i, depth)) = stack.pop() {
            let kids = children(i);
            let parent = self.tree.parent.get(i).copied().flatten();
            let owner = parent.and_then(|p| competency_of.get(&p).copied());
            if let (true, Some(c)) = (kids.is_empty() && depth >= 3, owner) {
                let indicator = self.indicator(i, ids, item_ids, notes);
                if let Some(competency) = domain.competencies.get_mut(c) {
                    if let Some(slot) = places.get_mut(i) {
                        *slot = Some(Place::Indicator(d, c, competency.indicators.len()));
                    }
                    competency.indicators.push(indicator);
                }
                continue;
            }
            let c = domain.competencies.len();
            let competency = self.competency(i, ids, item_ids);
            if depth >= 3 {
                if let (Some(item), Some(p)) = (self.item(i), parent.and_then(|p| self.item(p))) {
                    notes.push(Note::about(
                        &item.identifier,
                        format!(
                            "at depth {depth}: a competency of `{}`, its `isChildOf` {} not kept (levels between a domain and its indicators are flattened)",
                            domain.id, p.identifier
                        ),
                    ));
                }
            }
            competency_of.insert(i, c);
            if let Some(slot) = places.get_mut(i) {
                *slot = Some(Place::Competency(d, c));
            }
            domain.competencies.push(competency);
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
}

/// See `head`: the fields every imported domain and competency starts with.
struct Head {
    id: Id,
    source_id: Option<Text>,
    code: Option<Text>,
    title: Text,
    description: Option<Text>,
    core: bool,
}
