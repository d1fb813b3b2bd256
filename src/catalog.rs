//! The catalog: documents indexed by `id@version`, from files, directories and the built-in
//! frameworks embedded from `frameworks/`.
//!
//! Frameworks and crosswalks are indexed separately. A reference (`extends`, `framework:`)
//! picks the highest version that matches its requirement. The same `id@version` twice is
//! fine when the content is identical (a file that is also built in); with different content
//! it is a `duplicate-framework` finding, and the first one added is kept.
//!
//! ```
//! use competence::catalog::Catalog;
//!
//! let catalog = Catalog::builtin();
//! let base = "mh-peer-support-worker@^1".parse().unwrap();
//! let entry = catalog.select(&base).unwrap();
//! assert_eq!(entry.name(), "mh-peer-support-worker@1.1.0");
//! ```

use crate::diagnostic::{Code, Diagnostic, DocPath, Related};
use crate::files::{self, Discovery, Skipped, WalkError};
use crate::load::{self, LoadError, Loaded};
use crate::model::{Crosswalk, Document, Framework, FrameworkRef, Id, Kind};
use crate::yaml::Limits;
use semver::Version;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The directory name built-in frameworks are shown under in diagnostics.
pub(crate) const BUILTIN_DIR: &str = "<built-in>";

/// The embedded framework files: (file name, text), sorted by file name.
pub(crate) fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    embedded::BUILTIN
}

/// A framework or crosswalk held by the catalog.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CatalogDocument {
    /// A framework (possibly a tailoring).
    Framework(Arc<Framework>),
    /// A crosswalk.
    Crosswalk(Arc<Crosswalk>),
}

/// One document in the catalog, with where it came from.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Entry {
    /// The document.
    pub document: CatalogDocument,
    /// The file it came from (built-in files are under `<built-in>/`).
    pub file: Option<PathBuf>,
    /// Its index in the file's document stream.
    pub index: usize,
    text: Option<Arc<str>>,
}

impl Entry {
    /// The document's id.
    pub fn id(&self) -> &Id {
        match &self.document {
            CatalogDocument::Framework(f) => &f.id,
            CatalogDocument::Crosswalk(c) => &c.id,
        }
    }

    /// The document's version.
    pub fn version(&self) -> &Version {
        match &self.document {
            CatalogDocument::Framework(f) => &f.version,
            CatalogDocument::Crosswalk(c) => &c.version,
        }
    }

    /// `id@version`.
    pub fn name(&self) -> String {
        format!("{}@{}", self.id(), self.version())
    }

    /// The kind of document.
    pub fn kind(&self) -> Kind {
        match &self.document {
            CatalogDocument::Framework(_) => Kind::Framework,
            CatalogDocument::Crosswalk(_) => Kind::Crosswalk,
        }
    }

    /// The framework, if this is one.
    pub fn framework(&self) -> Option<&Framework> {
        match &self.document {
            CatalogDocument::Framework(f) => Some(f),
            CatalogDocument::Crosswalk(_) => None,
        }
    }

    /// Whether this is a framework that `competence resolve` wrote (it has a `resolved`
    /// block).
    fn is_resolved_copy(&self) -> bool {
        self.framework().is_some_and(|f| f.resolved.is_some())
    }

    /// The crosswalk, if this is one.
    pub fn crosswalk(&self) -> Option<&Crosswalk> {
        match &self.document {
            CatalogDocument::Crosswalk(c) => Some(c),
            CatalogDocument::Framework(_) => None,
        }
    }

    /// The text of the file it came from, when kept (used to locate findings).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The root path of the document in its file.
    pub fn root(&self) -> DocPath {
        DocPath::root(self.index)
    }
}

/// Why a reference matched nothing in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectError {
    /// No framework has the id.
    #[error("no framework `{id}` in the catalog; it holds: {}", list(known))]
    UnknownId {
        /// The id asked for.
        id: Id,
        /// The framework ids the catalog holds.
        known: Vec<Id>,
    },
    /// The id exists, but no version matches.
    #[error(
        "no version of `{id}` matches `{requirement}`; available: {}",
        list(versions)
    )]
    NoMatchingVersion {
        /// The id asked for.
        id: Id,
        /// The requirement, as written.
        requirement: String,
        /// The versions the catalog holds, lowest first.
        versions: Vec<Version>,
    },
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "nothing".to_owned();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What adding a text or a file to a catalog did.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Added {
    /// The frameworks and crosswalks now in the catalog from this text, in file order (a
    /// duplicate with different content is not added, and has a finding instead).
    pub entries: Vec<EntryName>,
    /// Every finding about the text, located: loading findings first, then the catalog's.
    pub diagnostics: Vec<Diagnostic>,
}

impl Added {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A framework or crosswalk by kind and `id@version`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EntryName {
    /// Framework or crosswalk.
    pub kind: Kind,
    /// The id.
    pub id: Id,
    /// The version.
    pub version: Version,
}

impl std::fmt::Display for EntryName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// Why files or directories could not be added to a catalog.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// A path given does not exist, or a directory under it cannot be listed.
    #[error(transparent)]
    Walk(#[from] WalkError),
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// One id in a [`Catalog::listing`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Listing {
    /// Framework or crosswalk.
    pub kind: Kind,
    /// The id.
    pub id: Id,
    /// Its versions, lowest first.
    pub versions: Vec<String>,
    /// What the versions build on, distinct, in version order: a framework's `extends`; a
    /// crosswalk's `from -> to`.
    pub bases: Vec<String>,
}

/// The version held in `versions` with the same precedence as `version` (equal but for build
/// metadata), and its entry. Such versions sort next to each other, from the one without
/// build metadata, so this looks at one place in the map.
fn same_precedence(versions: &Versions, version: &Version) -> Option<(Version, usize)> {
    let mut bare = version.clone();
    bare.build = semver::BuildMetadata::EMPTY;
    let from = versions.0.partition_point(|(held, _)| *held < bare);
    versions
        .0
        .get(from)
        .filter(|(held, _)| held.cmp_precedence(version).is_eq())
        .map(|(held, at)| (held.clone(), *at))
}

/// The versions of one id, in order, each with its entry's index. Most ids have one version:
/// a sorted `Vec` holds it in 48 bytes, where a `BTreeMap` node takes 544 (a catalog of
/// 100,000 one-version ids spent 54 MB on them).
#[derive(Debug, Clone, Default)]
struct Versions(Vec<(Version, usize)>);

impl Versions {
    /// Adds `version`, or points it at `at` if it is held already.
    fn insert(&mut self, version: Version, at: usize) {
        match self.0.binary_search_by(|(held, _)| held.cmp(&version)) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = at;
                }
            }
            Err(i) => {
                // `Vec` grows to four at first: room for exactly one is what most ids need.
                self.0.reserve_exact(1);
                self.0.insert(i, (version, at));
            }
        }
    }

    fn get(&self, version: &Version) -> Option<usize> {
        let i = self
            .0
            .binary_search_by(|(held, _)| held.cmp(version))
            .ok()?;
        self.0.get(i).map(|(_, at)| *at)
    }

    /// The versions in ascending order.
    fn keys(&self) -> impl DoubleEndedIterator<Item = &Version> {
        self.0.iter().map(|(version, _)| version)
    }

    /// The entries' indexes, by ascending version.
    fn values(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.0.iter().map(|(_, at)| *at)
    }
}

/// Documents indexed by `id@version`.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    frameworks: BTreeMap<Id, Versions>,
    crosswalks: BTreeMap<Id, Versions>,
    by_file: HashMap<(PathBuf, usize), usize>,
    texts: HashMap<PathBuf, Arc<str>>,
    read: Vec<PathBuf>,
    skipped: Vec<Skipped>,
}

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Catalog {
        Catalog::default()
    }

    /// The built-in frameworks, embedded from `frameworks/` at compile time (parsed once).
    pub fn builtin() -> Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut catalog = Catalog::new();
                for (name, text) in builtin_sources() {
                    let file = Path::new(BUILTIN_DIR).join(name);
                    // The shipped files are checked by the test suite; findings cannot occur.
                    let _ = catalog.add_text(Some(&file), text, &Limits::default());
                }
                catalog
            })
            .clone()
    }

    /// The built-in catalog plus the frameworks and crosswalks under `paths` (as
    /// `--catalog DIR` gives them), with every finding about those files.
    pub fn builtin_and(
        paths: &[PathBuf],
        limits: &Limits,
    ) -> Result<(Catalog, Vec<Diagnostic>), CatalogError> {
        let mut catalog = Catalog::builtin();
        let found = catalog.add_paths(paths, limits)?;
        Ok((catalog, found))
    }

    /// Loads `text` and adds its frameworks and crosswalks (evidence is ignored). Returns
    /// what was added and every finding: the loading findings and any `duplicate-framework`,
    /// located. A document with errors that still parsed is added, so that resolving it
    /// reports what is wrong in context; check [`Added::has_errors`] before relying on it.
    ///
    /// ```
    /// use competence::catalog::Catalog;
    /// use competence::Limits;
    ///
    /// let mut catalog = Catalog::builtin();
    /// let tailoring = r#"
    /// format: competence/1
    /// kind: framework
    /// id: demo-team
    /// version: 0.1.0
    /// title: Our team's peer support competences
    /// extends: mh-peer-support-worker@^1
    /// context: A community team.
    /// tailoring: {}
    /// "#;
    /// let added = catalog.add_text(None, tailoring, &Limits::default());
    /// assert!(added.diagnostics.is_empty());
    /// assert_eq!(added.entries[0].to_string(), "demo-team@0.1.0");
    /// ```
    pub fn add_text(&mut self, file: Option<&Path>, text: &str, limits: &Limits) -> Added {
        let loaded = load::load_str(file, text, limits);
        let mut added = self.add_loaded(&loaded, Some(Arc::from(text)));
        added.diagnostics.splice(0..0, loaded.diagnostics);
        added
    }

    /// Reads one file (at most the size limit of it, whatever kind of file it is) and adds its
    /// frameworks and crosswalks (evidence is ignored), as [`Catalog::add_text`] does.
    pub fn add_file(&mut self, path: &Path, limits: &Limits) -> Result<Added, LoadError> {
        let (loaded, text) = load::load_file_keeping_text(path, limits)?;
        self.read.push(path.to_owned());
        let mut added = self.add_loaded(&loaded, text);
        added.diagnostics.splice(0..0, loaded.diagnostics);
        Ok(added)
    }

    /// Adds files and directories. Directories are walked for regular files named `*.yaml`,
    /// `*.yml`, `*.json` or `*.jsonl` that declare `format: competence/…`, honouring ignore
    /// files and hidden entries ([`files::collect`]); entries that are not regular files are
    /// not opened and are listed by [`Catalog::skipped`].
    pub fn add_paths(
        &mut self,
        paths: &[PathBuf],
        limits: &Limits,
    ) -> Result<Vec<Diagnostic>, CatalogError> {
        self.add_paths_with(paths, &Discovery::default(), limits)
    }

    /// Adds files and directories as [`Catalog::add_paths`] does, walking directories with
    /// `discovery` ([`files::discover`]: its excludes; with `force_exclude`, named files are
    /// filtered too).
    pub fn add_paths_with(
        &mut self,
        paths: &[PathBuf],
        discovery: &Discovery,
        limits: &Limits,
    ) -> Result<Vec<Diagnostic>, CatalogError> {
        let listed = files::discover(paths, discovery)?;
        self.skipped.extend(listed.skipped);
        let mut found = Vec::new();
        for file in &listed.files {
            found.extend(self.add_file(file, limits)?.diagnostics);
        }
        Ok(found)
    }

    /// Every file read into this catalog (built-in frameworks are not files), in the order
    /// read: what a program must not write over while it uses the catalog.
    pub fn files_read(&self) -> &[PathBuf] {
        &self.read
    }

    /// Entries under the directories given to [`Catalog::add_paths`] that were not read
    /// because they are not regular files (FIFOs, devices, sockets, links to them).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Adds the frameworks and crosswalks of a loaded file. `text` is the file's text, kept
    /// to locate findings made later (at resolution). Returns what was added and the
    /// `duplicate-framework` findings (not the loading findings, which `loaded` holds).
    pub fn add_loaded(&mut self, loaded: &Loaded, text: Option<Arc<str>>) -> Added {
        let mut added = Added::default();
        for (index, document) in &loaded.documents {
            let document = match document {
                // Shared with the loaded file, not copied: a large framework is held once.
                Document::Framework(f) => CatalogDocument::Framework(Arc::clone(f)),
                Document::Crosswalk(c) => CatalogDocument::Crosswalk(Arc::clone(c)),
                Document::Evidence(_) => continue,
            };
            let entry = Entry {
                document,
                file: loaded.file.clone(),
                index: *index,
                text: text.clone(),
            };
            let name = EntryName {
                kind: entry.kind(),
                id: entry.id().clone(),
                version: entry.version().clone(),
            };
            match self.insert(entry) {
                Some(d) => added.diagnostics.push(d),
                None => added.entries.push(name),
            }
        }
        added
    }

    /// Adds an entry. The same `id@version` with identical content takes over the location
    /// (the last copy added is where findings about it point); with different content it is
    /// a `duplicate-framework` finding and the first is kept, except that a resolved copy of a
    /// framework (with a `resolved` block) beside its source is not a finding: the source is
    /// kept. Versions that differ only in
    /// build metadata (`1.0.0` and `1.0.0+local`) are the same version here, as in semver's
    /// precedence: a requirement cannot choose between them.
    fn insert(&mut self, entry: Entry) -> Option<Diagnostic> {
        if let (Some(file), Some(text)) = (&entry.file, &entry.text) {
            self.texts.insert(file.clone(), text.clone());
        }
        let map = match entry.kind() {
            Kind::Crosswalk => &mut self.crosswalks,
            _ => &mut self.frameworks,
        };
        let versions = map.entry(entry.id().clone()).or_default();
        let Some((held, at)) = same_precedence(versions, entry.version()) else {
            versions.insert(entry.version().clone(), self.entries.len());
            if let Some(file) = &entry.file {
                self.by_file
                    .insert((file.clone(), entry.index), self.entries.len());
            }
            self.entries.push(entry);
            return None;
        };
        let first = self.entries.get_mut(at)?;
        // A resolved copy (what `competence resolve` writes, with a `resolved` block) beside
        // the framework it was resolved from: the same framework, written out. The source is
        // kept, whichever came first; the copy is not a duplicate.
        if held == *entry.version() && first.is_resolved_copy() != entry.is_resolved_copy() {
            if let Some(file) = &entry.file {
                self.by_file.insert((file.clone(), entry.index), at);
            }
            if first.is_resolved_copy() {
                *first = entry;
            }
            return None;
        }
        if held == *entry.version() && first.document == entry.document {
            if let Some(file) = &entry.file {
                self.by_file.insert((file.clone(), entry.index), at);
            }
            *first = entry;
            return None;
        }
        let (message, help) = if held == *entry.version() {
            (
                format!(
                    "`{}` is already in the catalog with different content",
                    entry.name()
                ),
                "give one of them a new version, or remove the copy",
            )
        } else {
            (
                format!(
                    "`{}` is the same version as `{}@{held}`, already in the catalog: build metadata (after `+`) does not count in version order, so no requirement can tell them apart",
                    entry.name(),
                    entry.id()
                ),
                "give one of them a new version number (not only new build metadata), or remove the copy",
            )
        };
        let mut d = Diagnostic::new(
            Code::DuplicateFramework,
            entry.root().key("version"),
            message,
        )
        .with_help(help);
        d.file.clone_from(&entry.file);
        d.related.push(Related {
            message: "first defined here".to_owned(),
            file: first.file.clone(),
            path: first.root().key("version"),
            span: None,
        });
        if let Some(text) = entry.text() {
            load::locate(entry.file.as_deref(), text, std::slice::from_mut(&mut d));
        }
        if let Some(text) = first.text() {
            load::locate(first.file.as_deref(), text, std::slice::from_mut(&mut d));
        }
        Some(d)
    }

    /// The framework with the highest version matching `reference`.
    pub fn select(&self, reference: &FrameworkRef) -> Result<&Entry, SelectError> {
        let Some(versions) = self.frameworks.get(&reference.id) else {
            return Err(SelectError::UnknownId {
                id: reference.id.clone(),
                known: self.frameworks.keys().cloned().collect(),
            });
        };
        versions
            .0
            .iter()
            .rev()
            .find(|(v, _)| reference.matches(v))
            .and_then(|(_, i)| self.entries.get(*i))
            .ok_or_else(|| SelectError::NoMatchingVersion {
                id: reference.id.clone(),
                requirement: reference.req.to_string(),
                versions: versions.keys().cloned().collect(),
            })
    }

    /// The framework `id@version` exactly.
    pub fn get(&self, id: &str, version: &Version) -> Option<&Entry> {
        self.frameworks
            .get(id)?
            .get(version)
            .and_then(|i| self.entries.get(i))
    }

    /// The crosswalk `id@version` exactly.
    pub fn get_crosswalk(&self, id: &str, version: &Version) -> Option<&Entry> {
        self.crosswalks
            .get(id)?
            .get(version)
            .and_then(|i| self.entries.get(i))
    }

    /// The crosswalk that maps framework `from` to framework `to` (both `id` and version, as
    /// resolved): its `from` and `to` requirements must match them. When several do, the
    /// highest version of the first crosswalk id wins.
    pub fn crosswalk_between(
        &self,
        from: (&str, &Version),
        to: (&str, &Version),
    ) -> Option<&Entry> {
        self.crosswalks.values().find_map(|versions| {
            versions
                .values()
                .rev()
                .filter_map(|i| self.entries.get(i))
                .find(|e| {
                    e.crosswalk().is_some_and(|c| {
                        c.from.id.as_str() == from.0
                            && c.from.matches(from.1)
                            && c.to.id.as_str() == to.0
                            && c.to.matches(to.1)
                    })
                })
        })
    }

    /// Every framework, by id then version.
    pub fn frameworks(&self) -> impl Iterator<Item = &Entry> {
        self.frameworks
            .values()
            .flat_map(Versions::values)
            .filter_map(|i| self.entries.get(i))
    }

    /// Every crosswalk, by id then version.
    pub fn crosswalks(&self) -> impl Iterator<Item = &Entry> {
        self.crosswalks
            .values()
            .flat_map(Versions::values)
            .filter_map(|i| self.entries.get(i))
    }

    /// The entry for the document `index` of `file`; for an identical copy of an entry
    /// added earlier, that entry.
    pub(crate) fn entry_at(&self, file: &Path, index: usize) -> Option<&Entry> {
        self.by_file
            .get(&(file.to_owned(), index))
            .and_then(|&i| self.entries.get(i))
    }

    /// The text kept for `file`, if any.
    pub fn text_of(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).map(|t| &**t)
    }

    /// What the catalog holds: frameworks then crosswalks, by id.
    pub fn listing(&self) -> Vec<Listing> {
        let mut rows = Vec::new();
        for (kind, map) in [
            (Kind::Framework, &self.frameworks),
            (Kind::Crosswalk, &self.crosswalks),
        ] {
            for (id, versions) in map {
                let entries: Vec<&Entry> = versions
                    .values()
                    .filter_map(|i| self.entries.get(i))
                    .collect();
                let mut bases: Vec<String> = Vec::new();
                for entry in &entries {
                    let base = match &entry.document {
                        CatalogDocument::Framework(f) => {
                            f.extends.as_ref().map(ToString::to_string)
                        }
                        CatalogDocument::Crosswalk(c) => Some(format!("{} -> {}", c.from, c.to)),
                    };
                    if let Some(base) = base.filter(|b| !bases.contains(b)) {
                        bases.push(base);
                    }
                }
                rows.push(Listing {
                    kind,
                    id: id.clone(),
                    versions: entries.iter().map(|e| e.version().to_string()).collect(),
                    bases,
                });
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "format: competence/1\nkind: framework\nid: demo\nversion: 1.0.0\ntitle: Demo\n";

    #[test]
    fn every_shipped_file_is_embedded_under_its_name() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = builtin_sources()
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .collect();
        assert_eq!(embedded, on_disk);
        let catalog = Catalog::builtin();
        for (name, text) in builtin_sources() {
            let loaded = load::load_str(None, text, &Limits::default());
            assert!(
                loaded.diagnostics.is_empty(),
                "{name}: {:#?}",
                loaded.diagnostics
            );
            let stem = name.trim_end_matches(".yaml");
            let entry = catalog
                .frameworks()
                .chain(catalog.crosswalks())
                .find(|e| e.name() == stem);
            assert!(
                entry.is_some(),
                "{name} is not `id@version.yaml` of its content"
            );
        }
        assert_eq!(
            catalog.frameworks().count() + catalog.crosswalks().count(),
            on_disk.len()
        );
    }

    #[test]
    fn versions_stay_in_order_and_take_over_an_equal_version() {
        let v = |s: &str| Version::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let mut versions = Versions::default();
        for (i, s) in ["2.0.0", "1.0.0", "1.0.0-rc.1", "1.0.0+local", "1.5.0"]
            .iter()
            .enumerate()
        {
            versions.insert(v(s), i);
        }
        versions.insert(v("1.0.0"), 9);
        let keys: Vec<String> = versions.keys().map(ToString::to_string).collect();
        assert_eq!(
            keys,
            ["1.0.0-rc.1", "1.0.0", "1.0.0+local", "1.5.0", "2.0.0"]
        );
        assert_eq!(versions.values().collect::<Vec<_>>(), [2, 9, 3, 4, 0]);
        assert_eq!(versions.get(&v("1.0.0")), Some(9));
        assert_eq!(versions.get(&v("3.0.0")), None);
        // `1.0.0+other` has the precedence of the `1.0.0` held; `1.1.0` has none held.
        assert_eq!(
            same_precedence(&versions, &v("1.0.0+other")),
            Some((v("1.0.0"), 9))
        );
        assert_eq!(same_precedence(&versions, &v("1.1.0")), None);
    }

    #[test]
    fn highest_matching_version_wins() {
        let mut catalog = Catalog::new();
        for v in ["1.0.0", "1.2.0", "2.0.0", "1.3.0-beta.1"] {
            let found = catalog
                .add_text(None, &BASE.replace("1.0.0", v), &Limits::default())
                .diagnostics;
            assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
        }
        let pick = |r: &str| {
            catalog
                .select(&r.parse().unwrap_or_else(|e| panic!("{e}")))
                .map(Entry::name)
        };
        assert_eq!(pick("demo@^1"), Ok("demo@1.2.0".to_owned()));
        assert_eq!(pick("demo"), Ok("demo@2.0.0".to_owned()));
        assert_eq!(pick("demo@=1.0.0"), Ok("demo@1.0.0".to_owned()));
        assert!(
            matches!(pick("demo@^3"), Err(SelectError::NoMatchingVersion { versions, .. }) if versions.len() == 4)
        );
        assert!(
            matches!(pick("nope"), Err(SelectError::UnknownId { known, .. }) if known == vec![Id::new("demo")])
        );
    }

    #[test]
    fn duplicates_differing_only_are_findings() {
        let mut catalog = Catalog::new();
        let a = Path::new("a.yaml");
        let b = Path::new("b.yaml");
        assert!(
            catalog
                .add_text(Some(a), BASE, &Limits::default())
                .diagnostics
                .is_empty()
        );
        assert!(
            catalog
                .add_text(Some(b), BASE, &Limits::default())
                .diagnostics
                .is_empty()
        );
        // An identical copy takes over the location: findings point at the last copy added.
        let found = catalog
            .add_text(
                Some(Path::new("c.yaml")),
                &BASE.replace("Demo", "Other"),
                &Limits::default(),
            )
            .diagnostics;
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(
            (d.code, d.path.to_string()),
            (Code::DuplicateFramework, "version".to_owned())
        );
        assert_eq!(d.span.map(|s| s.line), Some(4));
        assert_eq!(d.related[0].file.as_deref(), Some(b));
        assert_eq!(d.related[0].span.map(|s| s.line), Some(4));
        assert_eq!(catalog.frameworks().count(), 1);
    }

    #[test]
    fn versions_differing_only_in_build_metadata_collide() {
        for (first, second) in [
            ("1.0.0", "1.0.0+other"),
            ("1.0.0+other", "1.0.0"),
            ("1.0.0+a", "1.0.0+b"),
            ("1.0.0-rc.1+a", "1.0.0-rc.1"),
        ] {
            let mut catalog = Catalog::new();
            let a = Path::new("a.yaml");
            let b = Path::new("b.yaml");
            let text = |v: &str| BASE.replace("1.0.0", v);
            assert!(
                catalog
                    .add_text(Some(a), &text(first), &Limits::default())
                    .diagnostics
                    .is_empty()
            );
            let found = catalog
                .add_text(Some(b), &text(second), &Limits::default())
                .diagnostics;
            let codes: Vec<(Code, String)> =
                found.iter().map(|d| (d.code, d.path.to_string())).collect();
            assert_eq!(
                codes,
                [(Code::DuplicateFramework, "version".to_owned())],
                "{first} then {second}"
            );
            let d = &found[0];
            assert!(d.message.contains("build metadata"), "{}", d.message);
            assert!(
                d.message.contains(&format!("demo@{first}")),
                "{}",
                d.message
            );
            assert_eq!(d.related[0].file.as_deref(), Some(a));
            assert_eq!(d.related[0].span.map(|s| s.line), Some(4));
            // The first is kept, and is what a requirement selects.
            assert_eq!(catalog.frameworks().count(), 1);
            let exact = format!("demo@={}", first.split('+').next().unwrap_or(first));
            let pick = catalog
                .select(&exact.parse().unwrap_or_else(|e| panic!("{e}")))
                .map(Entry::name);
            assert_eq!(pick, Ok(format!("demo@{first}")));
        }
        // Pre-releases are other versions, not duplicates; identical copies are still fine.
        let mut catalog = Catalog::new();
        for v in ["1.0.0", "1.0.0-rc.1", "1.0.0+b", "1.0.0+b"] {
            let found = catalog
                .add_text(None, &BASE.replace("1.0.0", v), &Limits::default())
                .diagnostics;
            let expected = usize::from(v == "1.0.0+b");
            assert_eq!(found.len(), expected, "{v}: {found:?}");
        }
        assert_eq!(catalog.frameworks().count(), 2);
    }

    #[test]
    fn a_resolved_copy_beside_its_source_is_not_a_duplicate() {
        let source = format!("{BASE}summary: The source.\n");
        let copy = format!("{BASE}resolved: {{ chain: [demo@1.0.0] }}\n");
        for order in [[&source, &copy], [&copy, &source]] {
            let mut catalog = Catalog::new();
            for text in order {
                let found = catalog.add_text(None, text, &Limits::default()).diagnostics;
                assert!(found.is_empty(), "{found:?}");
            }
            // The source is kept, whichever came first.
            let kept = catalog
                .get("demo", &Version::new(1, 0, 0))
                .and_then(Entry::framework)
                .map(|f| f.resolved.is_none());
            assert_eq!(kept, Some(true));
        }
        // Two different resolved copies are duplicates as usual.
        let mut catalog = Catalog::new();
        let other = copy.replace("Demo", "Other");
        assert!(
            catalog
                .add_text(None, &copy, &Limits::default())
                .diagnostics
                .is_empty()
        );
        let found = catalog
            .add_text(None, &other, &Limits::default())
            .diagnostics;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::DuplicateFramework);
    }
}
