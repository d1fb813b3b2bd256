//! Checking files and directories, as `competence check` does: every finding in every file.

use crate::catalog::{Catalog, CatalogError};
use crate::diagnostic::{self, Code, Diagnostic, Sources};
use crate::files::{self, Contents, Discovery, Skipped, WalkError};
use crate::load::{LoadError, Loaded, load_file_keeping_text};
use crate::model::Document;
use crate::tailor;
use crate::yaml::Limits;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// File extensions `check` reads when walking a directory (`jsonl`: evidence, one record per
/// line).
pub use crate::files::EXTENSIONS;

/// The result of checking a set of paths.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct CheckReport {
    /// Every file loaded, in path order.
    pub files: Vec<Loaded>,
    /// Every finding across all files, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every framework or crosswalk file a finding points into, for snippets.
    /// Evidence text is never included.
    pub sources: Sources,
    /// Entries under the directories walked (the paths checked and the catalogs) that were
    /// not read because they are not regular files: FIFOs, devices, sockets, links to them,
    /// links to directories, broken links. Sorted.
    pub skipped: Vec<Skipped>,
    /// Files left alone because they do not declare `format: competence/…` (under the
    /// directories checked; named files and texts too with
    /// [`Discovery::force_exclude`]). Sorted.
    pub undeclared: Vec<PathBuf>,
}

/// What [`check_inputs`] checks: files and directories, texts read by the caller (standard
/// input), and the catalog directories, walked by one [`Discovery`].
///
/// ```
/// use competence::check::{Inputs, check_inputs};
/// use competence::files::{Contents, Discovery};
/// use competence::Limits;
///
/// let mut inputs = Inputs::default();
/// inputs.paths.push("frameworks".into());
/// inputs.texts.push(("-".into(), Contents::Read(b"format: competence/1\nkind: nonsense\n".to_vec())));
/// inputs.discovery = Discovery::new().exclude("*apprenticeship*")?;
/// let report = check_inputs(&inputs, &Limits::default())?;
/// // Every shipped framework but the excluded ones, and standard input.
/// let names: Vec<String> = report.files.iter()
///     .filter_map(|f| f.file.as_ref().map(|p| p.display().to_string()))
///     .collect();
/// assert!(names.iter().all(|n| !n.contains("apprenticeship")), "{names:?}");
/// assert!(names.iter().any(|n| n == "-"), "{names:?}");
/// assert_eq!(report.diagnostics[0].code.as_str(), "unknown-kind");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Inputs {
    /// Files (always checked, unless [`Discovery::force_exclude`]) and directories (walked
    /// for our files: [`files::discover`]).
    pub paths: Vec<PathBuf>,
    /// Texts read by the caller, each with the name findings give as its file (the name's
    /// extension also tells JSON Lines from YAML). Checked like named files.
    pub texts: Vec<(PathBuf, Contents)>,
    /// More frameworks to resolve against ([`check_paths`]'s `catalogs`).
    pub catalogs: Vec<PathBuf>,
    /// How the paths and catalogs are walked.
    pub discovery: Discovery,
}

/// What stops a check.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// A path given does not exist, or a directory under it cannot be listed.
    #[error(transparent)]
    Walk(#[from] WalkError),
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl From<CatalogError> for CheckError {
    fn from(e: CatalogError) -> CheckError {
        match e {
            CatalogError::Walk(e) => CheckError::Walk(e),
            CatalogError::Load(e) => CheckError::Load(e),
        }
    }
}

/// Checks `paths` (files and directories) as `competence check` does: loads and validates
/// every file, and resolves every tailored framework among them against those files, the
/// directories in `catalogs` and the built-in catalog. Of the `catalogs` files themselves only
/// `duplicate-framework` is reported: check them by passing them in `paths`.
///
/// Directories are walked for regular files that declare `format: competence/…`, honouring
/// ignore files and hidden entries ([`files::collect`]); what was not read is in
/// [`CheckReport::skipped`] and [`CheckReport::undeclared`]. A path given as a file is read
/// whatever it is, within the size limit.
pub fn check_paths(
    paths: &[PathBuf],
    catalogs: &[PathBuf],
    limits: &Limits,
) -> Result<CheckReport, CheckError> {
    let inputs = Inputs {
        paths: paths.to_vec(),
        catalogs: catalogs.to_vec(),
        ..Inputs::default()
    };
    check_inputs(&inputs, limits)
}

/// Checks `inputs` as `competence check` does: [`check_paths`], with texts read by the caller
/// (standard input) checked beside the files, and the walks of the paths and catalogs
/// following `inputs.discovery`.
pub fn check_inputs(inputs: &Inputs, limits: &Limits) -> Result<CheckReport, CheckError> {
    let listed = files::discover(&inputs.paths, &inputs.discovery)?;
    let mut catalog = Catalog::builtin();
    let found = catalog.add_paths_with(&inputs.catalogs, &inputs.discovery, limits)?;
    let mut skipped = listed.skipped;
    skipped.extend(catalog.skipped().iter().cloned());
    skipped.sort();
    skipped.dedup();
    let mut undeclared = listed.undeclared;
    let mut texts = Vec::new();
    for (name, contents) in &inputs.texts {
        let bytes = match contents {
            Contents::Read(bytes) => bytes.as_slice(),
            Contents::TooLarge => &[],
        };
        if inputs.discovery.takes_text(name, bytes) {
            texts.push((name.as_path(), contents));
        } else {
            undeclared.push(name.clone());
        }
    }
    undeclared.sort();
    let mut report = check_with_catalog_and_texts(&listed.files, &texts, catalog, limits)?;
    report.skipped = skipped;
    report.undeclared = undeclared;
    report.diagnostics.extend(
        found
            .into_iter()
            .filter(|d| d.code == Code::DuplicateFramework),
    );
    finish(&mut report.diagnostics);
    Ok(report)
}

/// Loads and validates every file, in parallel, and resolves the tailored frameworks among
/// them against the built-in catalog.
pub fn check_files(files: &[PathBuf], limits: &Limits) -> Result<CheckReport, CheckError> {
    check_with_catalog(files, Catalog::builtin(), limits)
}

/// Loads and validates every file, in parallel, adds their frameworks to `catalog`, and
/// resolves every tailored framework among them against it.
pub fn check_with_catalog(
    files: &[PathBuf],
    catalog: Catalog,
    limits: &Limits,
) -> Result<CheckReport, CheckError> {
    check_with_catalog_and_texts(files, &[], catalog, limits)
}

/// [`check_with_catalog`], with texts read by the caller loaded after the files.
fn check_with_catalog_and_texts(
    files: &[PathBuf],
    texts: &[(&Path, &Contents)],
    catalog: Catalog,
    limits: &Limits,
) -> Result<CheckReport, CheckError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    // Files are handed out one at a time from a shared index (work stealing), so one large
    // file does not hold back a thread's fixed share while the others idle. Each worker also
    // moves its texts into shared buffers, so nothing is copied on the serial path.
    let next = AtomicUsize::new(0);
    type Read = Result<(Loaded, Option<Arc<str>>), LoadError>;
    let mut results: Vec<(usize, Read)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(at) else { break };
                        let read = load_file_keeping_text(file, limits);
                        mine.push((at, read));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    // In path order, so the first file that could not be read is the error, as before.
    results.sort_unstable_by_key(|(at, _)| *at);
    let results = results.into_iter().map(|(_, read)| read);
    let mut loaded = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    loaded.extend(texts.iter().map(|(name, contents)| {
        let (loaded, text) = load_text(name, contents, limits);
        (loaded, text.map(Arc::<str>::from))
    }));
    Ok(check_loaded(loaded, catalog))
}

/// Checks text held in memory (an upload, a form field) exactly as `competence check` checks
/// a file: loading and validation, every tailoring resolved against `catalog` (guardrails
/// included), crosswalks against both frameworks, evidence claims against their framework.
/// `name` is what findings give as their file; nothing is read from disk.
///
/// ```
/// use competence::catalog::Catalog;
/// use competence::{Limits, check_text};
/// use std::path::Path;
///
/// // A tailoring that rewords a core competency and excludes an id the base lacks.
/// let upload = r#"
/// format: competence/1
/// kind: framework
/// id: our-team
/// version: 0.1.0
/// title: Our team
/// extends: mh-peer-support-worker@^1
/// context: A community team.
/// tailoring:
///   amend:
///     - id: sharing-lived-experience
///       title: Sharing stories
///       rationale: Shorter.
///   exclude:
///     - id: no-such-competency
///       rationale: Not here.
/// "#;
/// let report = check_text(Path::new("upload.yaml"), upload, &Catalog::builtin(), &Limits::default());
/// let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
/// assert!(codes.contains(&"core-amended"), "{codes:?}");
/// assert!(codes.contains(&"unknown-reference"), "{codes:?}");
/// ```
pub fn check_text(name: &Path, text: &str, catalog: &Catalog, limits: &Limits) -> CheckReport {
    check_texts(&[(name, text)], catalog, limits)
}

/// Checks several texts held in memory together, as `competence check` checks several files:
/// a tailoring and the base it extends, a crosswalk and its frameworks. See [`check_text`].
pub fn check_texts(texts: &[(&Path, &str)], catalog: &Catalog, limits: &Limits) -> CheckReport {
    let loaded = texts
        .iter()
        .map(|(name, text)| {
            let loaded = crate::load::load_bytes(Some(name), text.as_bytes(), limits);
            let kept = loaded
                .kind
                .is_some()
                .then(|| Arc::<str>::from(text.strip_prefix('\u{feff}').unwrap_or(text)));
            (loaded, kept)
        })
        .collect();
    let mut report = check_loaded(loaded, catalog.clone());
    finish(&mut report.diagnostics);
    report
}

/// Loads a text read by the caller as [`load_file_keeping_text`] loads a file: too large is a
/// `file-too-large` finding; the text is kept when its kind could be told.
fn load_text(name: &Path, contents: &Contents, limits: &Limits) -> (Loaded, Option<String>) {
    let bytes = match contents {
        Contents::Read(bytes) => bytes,
        Contents::TooLarge => {
            let mut d = Diagnostic::new(
                Code::FileTooLarge,
                diagnostic::DocPath::root(0),
                format!(
                    "the file is larger than the limit of {} bytes",
                    limits.max_bytes
                ),
            );
            d.file = Some(name.to_owned());
            let loaded = Loaded {
                file: Some(name.to_owned()),
                diagnostics: vec![d],
                ..Loaded::default()
            };
            return (loaded, None);
        }
    };
    let loaded = crate::load::load_bytes(Some(name), bytes, limits);
    let kept = loaded
        .kind
        .is_some()
        .then(|| String::from_utf8(bytes.clone()).ok())
        .flatten()
        .map(|t| t.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(t));
    (loaded, kept)
}

/// The checks after loading: adds the documents to `catalog`, resolves every tailored
/// framework, checks crosswalks and evidence claims against the catalog, and keeps the texts
/// findings point into.
fn check_loaded(loaded: Vec<(Loaded, Option<Arc<str>>)>, mut catalog: Catalog) -> CheckReport {
    let mut report = CheckReport::default();
    // Evidence texts, kept only to locate claim findings; never stored in the catalog.
    let mut evidence_texts: Vec<(PathBuf, Arc<str>)> = Vec::new();
    let mut texts: Vec<(PathBuf, Arc<str>)> = Vec::new();
    for (loaded, text) in loaded {
        let text = match (loaded.kind, &loaded.file, text) {
            (Some(crate::model::Kind::Evidence), Some(file), Some(text)) => {
                evidence_texts.push((file.clone(), text));
                None
            }
            (_, _, text) => text,
        };
        if let (Some(file), Some(text)) = (&loaded.file, &text) {
            texts.push((file.clone(), Arc::clone(text)));
        }
        report
            .diagnostics
            .extend(loaded.diagnostics.iter().cloned());
        report
            .diagnostics
            .extend(catalog.add_loaded(&loaded, text).diagnostics);
        report.files.push(loaded);
    }
    report
        .diagnostics
        .extend(tailoring_findings(&report.files, &catalog));
    report
        .diagnostics
        .extend(crosswalk_findings(&report.files, &catalog));
    report
        .diagnostics
        .extend(claim_findings(&report.files, &catalog, &evidence_texts));
    finish(&mut report.diagnostics);
    report.sources = sources_for(&report.diagnostics, &texts, &catalog);
    report
}

/// Resolves every tailored framework among the files, each chain once. Resolving a chain
/// applies its tailorings base first and reports what each one does wrong, so a tailoring
/// that lies on the chain of another one checked (its parent, grandparent, …) is not resolved
/// again on its own: its findings are those of the same steps in the longer chain. A
/// directory of D chained tailorings over N items then costs one resolution, O(N + D·t),
/// rather than D of them, O(D·N). A tailoring whose chain is broken (a missing base, a
/// cycle, too deep) is resolved on its own, which costs nothing but the chain's walk.
fn tailoring_findings(files: &[Loaded], catalog: &Catalog) -> Vec<Diagnostic> {
    let mut tailored: Vec<&crate::catalog::Entry> = Vec::new();
    for loaded in files {
        let Some(file) = &loaded.file else { continue };
        for (index, document) in &loaded.documents {
            let is_tailoring = matches!(document, Document::Framework(f) if f.extends.is_some());
            if let Some(entry) = catalog.entry_at(file, *index).filter(|_| is_tailoring) {
                // Identical copies of one framework are one entry: resolved once.
                if !tailored.iter().any(|e| std::ptr::eq(*e, entry)) {
                    tailored.push(entry);
                }
            }
        }
    }
    let chains: Vec<Option<Vec<&crate::catalog::Entry>>> = tailored
        .iter()
        .map(|entry| tailor::chain_of(catalog, entry))
        .collect();
    // Every entry below the top of a whole chain: resolved as part of that chain.
    let below: std::collections::HashSet<*const crate::catalog::Entry> = chains
        .iter()
        .flatten()
        .flat_map(|chain| chain.split_last().map_or(&[][..], |(_, below)| below))
        .map(|entry| std::ptr::from_ref::<crate::catalog::Entry>(entry))
        .collect();
    let mut found = Vec::new();
    for (entry, chain) in tailored.iter().zip(&chains) {
        if chain.is_some() && below.contains(&std::ptr::from_ref(*entry)) {
            continue;
        }
        found.extend(tailor::resolve_entry(catalog, entry).diagnostics);
    }
    found
}

/// The texts of the framework and crosswalk files that findings point into (the files checked
/// and, for related locations, catalog files such as built-in bases). Only those: a clean run
/// copies nothing, and evidence texts are not in `texts` or the catalog.
fn sources_for(
    diagnostics: &[Diagnostic],
    texts: &[(PathBuf, Arc<str>)],
    catalog: &Catalog,
) -> Sources {
    let mut sources = Sources::new();
    let files = diagnostics.iter().flat_map(|d| {
        d.file
            .iter()
            .chain(d.related.iter().filter_map(|r| r.file.as_ref()))
    });
    for file in files {
        if sources.get(file).is_some() {
            continue;
        }
        let text = texts
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| &**t)
            .or_else(|| catalog.text_of(file));
        if let Some(text) = text {
            sources.insert(file.clone(), text.to_owned());
        }
    }
    sources
}

/// Checks every crosswalk among the files against the catalog, located in its file.
fn crosswalk_findings(files: &[Loaded], catalog: &Catalog) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for loaded in files {
        let mut in_file = Vec::new();
        for (index, document) in &loaded.documents {
            if let Document::Crosswalk(crosswalk) = document {
                in_file.extend(crate::tailor::crosswalk_in_catalog(
                    crosswalk,
                    &crate::diagnostic::DocPath::root(*index),
                    catalog,
                ));
            }
        }
        for d in &mut in_file {
            d.file.clone_from(&loaded.file);
        }
        if let Some(text) = loaded.file.as_deref().and_then(|f| catalog.text_of(f)) {
            crate::load::locate(loaded.file.as_deref(), text, &mut in_file);
        }
        found.extend(in_file);
    }
    found
}

/// Checks evidence claims against the framework each record names, when the catalog has it.
/// Each framework is resolved once; a record whose framework is missing or broken is left to
/// `assess`, which reports that as an error.
fn claim_findings(
    files: &[Loaded],
    catalog: &Catalog,
    texts: &[(PathBuf, Arc<str>)],
) -> Vec<Diagnostic> {
    let mut resolved: std::collections::HashMap<String, Option<crate::tailor::ResolvedFramework>> =
        std::collections::HashMap::new();
    let mut found = Vec::new();
    for (file, text) in texts {
        let Some(loaded) = files.iter().find(|l| l.file.as_ref() == Some(file)) else {
            continue;
        };
        let mut in_file = Vec::new();
        for (index, document) in &loaded.documents {
            let Document::Evidence(record) = document else {
                continue;
            };
            let framework = resolved
                .entry(record.framework.to_string())
                .or_insert_with(|| {
                    tailor::resolve(catalog, &record.framework)
                        .ok()
                        .filter(|r| !r.diagnostics.iter().any(Diagnostic::is_error))
                        .and_then(|r| r.framework)
                });
            if let Some(framework) = framework {
                in_file.extend(crate::assess::validate_claims(framework, record, *index));
            }
        }
        for d in &mut in_file {
            d.file = Some(file.clone());
        }
        if crate::load::is_json_lines(Some(file)) {
            // One record per line: a finding about a record points at its line.
            let lines = crate::yaml::LineIndex::new(text);
            for d in &mut in_file {
                d.span = d.span.or_else(|| lines.line_span(d.path.document + 1));
            }
        } else {
            crate::load::locate(Some(file), text, &mut in_file);
        }
        found.extend(in_file);
    }
    found
}

/// Sorts, and drops the repeats that resolving several frameworks of one chain produces.
fn finish(diagnostics: &mut Vec<Diagnostic>) {
    diagnostic::sort(diagnostics);
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tailoring(id: &str, extends: &str, body: &str) -> String {
        format!(
            "format: competence/1\nkind: framework\nid: {id}\nversion: 1.0.0\ntitle: T\n\
             extends: {extends}\ncontext: A team.\ntailoring:\n{body}"
        )
    }

    #[test]
    fn a_chain_checked_together_reports_what_each_tailoring_resolved_alone_reports() {
        let files = [
            (
                "t1.yaml",
                tailoring(
                    "t1",
                    "mh-peer-support-worker@^1",
                    "  exclude:\n    - { id: no-such-item, rationale: R. }\n",
                ),
            ),
            (
                "t2.yaml",
                tailoring(
                    "t2",
                    "t1@^1",
                    "  amend:\n    - { id: sharing-lived-experience, title: Shorter, rationale: R. }\n",
                ),
            ),
            (
                "t3.yaml",
                tailoring(
                    "t3",
                    "t2@^1",
                    "  guidance:\n    - { id: nothing-here, text: T. }\n",
                ),
            ),
            ("t4.yaml", tailoring("t4", "t2@^1", "  exclude: []\n")),
            ("cycle.yaml", tailoring("c1", "c1@^1", "  exclude: []\n")),
        ];
        let texts: Vec<(&Path, &str)> = files
            .iter()
            .map(|(name, text)| (Path::new(*name), text.as_str()))
            .collect();
        let together = check_texts(&texts, &Catalog::builtin(), &Limits::default());
        // Every tailoring resolved on its own, as before chains were shared.
        let mut catalog = Catalog::builtin();
        let mut alone = Vec::new();
        for (name, text) in &texts {
            alone.extend(
                catalog
                    .add_text(Some(name), text, &Limits::default())
                    .diagnostics,
            );
        }
        for id in ["t1", "t2", "t3", "t4", "c1"] {
            let wanted = format!("{id}@^1").parse().unwrap_or_else(|e| panic!("{e}"));
            let resolution = tailor::resolve(&catalog, &wanted).unwrap_or_else(|e| panic!("{e}"));
            alone.extend(resolution.diagnostics);
        }
        finish(&mut alone);
        let codes: Vec<&str> = together
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        for code in ["unknown-reference", "core-amended", "chain-cycle"] {
            assert!(codes.contains(&code), "{codes:?}");
        }
        assert_eq!(together.diagnostics, alone);
    }
}
