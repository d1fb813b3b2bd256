//! Files: finding them under directories, and reading them within the size limit.
//!
//! This is the one place the library reads user files and lists directories. Two rules keep
//! every read bounded, whatever the path turns out to be:
//!
//! - **Reads stop at the limit.** [`read_bounded`] reads at most `max_bytes + 1` bytes through
//!   [`Read::take`], so `/dev/zero`, `/dev/urandom`, a pipe or a file that grows while it is
//!   read cost at most the limit; one byte more is [`Contents::TooLarge`]. A regular file
//!   whose size is already over the limit is not read at all.
//! - **Directory walks take regular files only.** [`collect`] lists the files with a checked
//!   extension ([`EXTENSIONS`]) that are regular files, directly or through a symbolic link.
//!   FIFOs, devices, sockets, links to them, links to directories and broken links are not
//!   opened (opening a FIFO with no writer waits for ever): they come back as
//!   [`Skipped`], for the caller to mention once.
//!
//! Directory walks find **our** files the way linters find theirs ([`discover`]):
//!
//! - a file is ours when it declares `format: competence/…` at the top level of its first
//!   document (the first record of a JSON Lines file), within its first [`SNIFF_BYTES`]
//!   ([`declares_format`]: a scan of the top level, not a parse). Other YAML and JSON files
//!   (CI workflows, compose files, package manifests) are left alone and listed in
//!   [`Found::undeclared`];
//! - `.gitignore` (inside a git repository), `.ignore`, `.git/info/exclude` and git's global
//!   excludes file are honoured, and hidden files and directories are not entered, as the
//!   [`ignore`] crate (ripgrep's walker) does;
//! - [`Discovery::exclude`] adds globs in `.gitignore` syntax, relative to the current
//!   directory.
//!
//! A path named explicitly is read whatever it is (`/dev/stdin`, a FIFO, a device), with the
//! same bound, and whatever it declares: naming a file is asking for it to be checked (unless
//! [`Discovery::force_exclude`] says otherwise). Opening a FIFO waits until something writes
//! to it, as `cat` does: that is the point of naming one.
//!
//! ```
//! use competence::files::{Contents, read_bounded};
//!
//! # #[cfg(unix)] {
//! // An endless device costs the limit, not all memory.
//! let read = read_bounded(std::path::Path::new("/dev/zero"), 1024).unwrap();
//! assert!(matches!(read, Contents::TooLarge));
//! # }
//! ```

use ignore::WalkBuilder;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory (`jsonl`: evidence, one record per line).
pub const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "jsonl"];

/// What a bounded read found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Contents {
    /// The whole content, at most the limit.
    Read(Vec<u8>),
    /// More than the limit: the content is not kept.
    TooLarge,
}

/// Reads the file at `path`, at most `max_bytes` of it: one byte more is
/// [`Contents::TooLarge`]. Works on any kind of file (regular, FIFO, device); a regular file
/// whose size is over the limit is not read at all.
pub fn read_bounded(path: &Path, max_bytes: usize) -> io::Result<Contents> {
    let file = File::open(path)?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    if size.is_some_and(|len| len > limit(max_bytes)) {
        return Ok(Contents::TooLarge);
    }
    read_to_limit(file, max_bytes, size)
}

/// Reads `reader` to its end, at most `max_bytes` of it: one byte more is
/// [`Contents::TooLarge`] and nothing more is read. `size_hint` (a regular file's length)
/// only sizes the buffer.
pub fn read_to_limit<R: Read>(
    reader: R,
    max_bytes: usize,
    size_hint: Option<u64>,
) -> io::Result<Contents> {
    let cap = limit(max_bytes).saturating_add(1);
    // Never reserve more than the file holds or the limit allows; grow as needed otherwise.
    let initial = size_hint
        .map_or(8 * 1024, |len| len.saturating_add(1))
        .min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
    reader.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > max_bytes {
        return Ok(Contents::TooLarge);
    }
    Ok(Contents::Read(bytes))
}

fn limit(max_bytes: usize) -> u64 {
    u64::try_from(max_bytes).unwrap_or(u64::MAX)
}

/// What [`collect`] and [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Found {
    /// The files to read, sorted and without repeats: paths given as files (whatever kind of
    /// file they are), and the regular files with a checked extension under directories that
    /// declare `format: competence/…`.
    pub files: Vec<PathBuf>,
    /// Entries under directories that have a checked extension but are not regular files,
    /// sorted: they were not opened.
    pub skipped: Vec<Skipped>,
    /// Files with a checked extension that were left alone because they do not declare
    /// `format: competence/…` (under directories; named files too with
    /// [`Discovery::force_exclude`]), sorted: not ours.
    pub undeclared: Vec<PathBuf>,
}

/// An entry a directory walk did not read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// What it is.
    pub what: FileKind,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.path.display(), self.what)
    }
}

/// The kind of a directory entry that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A named pipe.
    Fifo,
    /// A character device such as `/dev/zero`.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// A Unix socket.
    Socket,
    /// A directory reached through a symbolic link (links to directories are not followed).
    LinkedDirectory,
    /// A symbolic link whose target does not exist.
    BrokenLink,
    /// Anything else that is not a regular file.
    Other,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Fifo => "a FIFO",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::LinkedDirectory => "a link to a directory",
            FileKind::BrokenLink => "a broken symbolic link",
            FileKind::Other => "not a regular file",
        })
    }
}

impl FileKind {
    fn of(kind: std::fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return FileKind::Fifo;
            }
            if kind.is_char_device() {
                return FileKind::CharDevice;
            }
            if kind.is_block_device() {
                return FileKind::BlockDevice;
            }
            if kind.is_socket() {
                return FileKind::Socket;
            }
        }
        if kind.is_dir() {
            return FileKind::LinkedDirectory;
        }
        FileKind::Other
    }
}

/// A path that could not be listed or examined.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {source}", path.display())]
pub struct WalkError {
    /// The path: the directory or entry that failed, not the directory the walk started at.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

/// How directory walks choose files, beyond the rules every walk keeps (regular files with a
/// checked extension that declare `format: competence/…`; ignore files and hidden entries
/// honoured). The default adds nothing.
///
/// ```
/// use competence::files::Discovery;
///
/// let discovery = Discovery::new().exclude("tests/fixtures/")?.exclude("*.jsonl")?;
/// assert!(Discovery::new().exclude("[z-a]").is_err());
/// # Ok::<(), competence::files::ExcludeError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    exclude: Vec<String>,
    force_exclude: bool,
}

/// An exclude glob that is not valid `.gitignore` syntax.
#[derive(Debug, thiserror::Error)]
#[error("invalid exclude glob `{glob}`: {reason}")]
pub struct ExcludeError {
    /// The glob as given.
    pub glob: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Discovery {
    /// The default: every walk rule, no excludes, named files always taken.
    pub fn new() -> Discovery {
        Discovery::default()
    }

    /// Leaves out files and directories matching `glob`, a line of `.gitignore` syntax
    /// relative to the current directory: `*.jsonl` or `drafts/` at any depth,
    /// `tests/fixtures/` or `/drafts` from the current directory only.
    pub fn exclude(mut self, glob: &str) -> Result<Discovery, ExcludeError> {
        self.exclude.push(glob.to_owned());
        match build_excludes(&self.exclude) {
            Ok(_) => Ok(self),
            Err(e) => Err(ExcludeError {
                glob: glob.to_owned(),
                reason: e.to_string(),
            }),
        }
    }

    /// With `true`, paths named as files are filtered as walks filter theirs: left out when
    /// they match an exclude glob, and listed in [`Found::undeclared`] when they do not declare
    /// `format: competence/…`. For tools that pass every YAML file they touch (pre-commit,
    /// editors); a named file that is not a regular file (a FIFO) is still taken whole.
    pub fn force_exclude(mut self, force: bool) -> Discovery {
        self.force_exclude = force;
        self
    }

    /// The exclude globs given, in order.
    pub fn excludes(&self) -> &[String] {
        &self.exclude
    }

    /// Whether named files are filtered too.
    pub fn forces_exclude(&self) -> bool {
        self.force_exclude
    }
    /// Whether text given in memory under `name` (standard input, named by
    /// `--stdin-filename`) is taken, by the rules [`discover`] applies to a file named
    /// explicitly: always, unless [`Discovery::force_exclude`].
    pub fn takes_text(&self, name: &Path, bytes: &[u8]) -> bool {
        if !self.force_exclude {
            return true;
        }
        let excludes = build_excludes(&self.exclude).unwrap_or_else(|_| Gitignore::empty());
        !excluded(&excludes, name, false) && declares_format(bytes)
    }
}

/// The exclude globs as one matcher, anchored at the current directory.
fn build_excludes(globs: &[String]) -> Result<Gitignore, ignore::Error> {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut builder = GitignoreBuilder::new(root);
    for glob in globs {
        builder.add_line(None, glob)?;
    }
    builder.build()
}

/// Whether `path` or one of its parents matches an exclude glob.
fn excluded(excludes: &Gitignore, path: &Path, is_dir: bool) -> bool {
    if excludes.is_empty() {
        return false;
    }
    let mut dir = is_dir;
    for at in path.ancestors() {
        if at.as_os_str().is_empty() || at == Path::new(".") || at.parent().is_none() {
            break;
        }
        if excludes.matched(at, dir).is_ignore() {
            return true;
        }
        dir = true;
    }
    false
}

/// Lists the files under `paths` with the default [`Discovery`]: see [`discover`].
pub fn collect(paths: &[PathBuf]) -> Result<Found, WalkError> {
    discover(paths, &Discovery::default())
}

/// Lists the files under `paths`: a path that is not a directory as given (any kind of file:
/// the caller asked for it), directories walked for regular files with a checked extension
/// ([`EXTENSIONS`]) that declare `format: competence/…` ([`declares_format`]), honouring
/// ignore files, hidden entries and the excludes of `discovery`. Symbolic links to regular
/// files are taken; links to directories are not followed. A directory or entry that cannot
/// be read is an error naming it.
pub fn discover(paths: &[PathBuf], discovery: &Discovery) -> Result<Found, WalkError> {
    let excludes = build_excludes(&discovery.exclude).unwrap_or_else(|_| Gitignore::empty());
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| WalkError {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &excludes, &mut found)?;
        } else if !discovery.force_exclude || !meta.is_file() {
            found.files.push(path.clone());
        } else if excluded(&excludes, path, false) {
            continue;
        } else if sniff(path).unwrap_or(true) {
            found.files.push(path.clone());
        } else {
            found.undeclared.push(path.clone());
        }
    }
    found.files.sort();
    found.files.dedup();
    found.skipped.sort();
    found.skipped.dedup();
    found.undeclared.sort();
    found.undeclared.dedup();
    Ok(found)
}

fn walk(root: &Path, excludes: &Gitignore, found: &mut Found) -> Result<(), WalkError> {
    let filter = excludes.clone();
    let walker = WalkBuilder::new(root)
        .follow_links(false)
        .filter_entry(move |entry| {
            // Top down: the parents of an entry have passed already.
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !filter.matched(entry.path(), is_dir).is_ignore()
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| walk_error(root, e))?;
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() || entry.depth() == 0 {
            continue;
        }
        let path = entry.into_path();
        let checked = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !checked {
            continue;
        }
        let regular = if kind.is_file() {
            true
        } else if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(target) if target.is_file() => true,
                Ok(target) => {
                    let what = FileKind::of(target.file_type());
                    found.skipped.push(Skipped { path, what });
                    continue;
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    let what = FileKind::BrokenLink;
                    found.skipped.push(Skipped { path, what });
                    continue;
                }
                Err(source) => return Err(WalkError { path, source }),
            }
        } else {
            false
        };
        if !regular {
            let what = FileKind::of(kind);
            found.skipped.push(Skipped { path, what });
        } else if sniff(&path).unwrap_or(true) {
            // A file that cannot be read is taken, so that loading it reports why.
            found.files.push(path);
        } else {
            found.undeclared.push(path);
        }
    }
    Ok(())
}

/// A walk error as a [`WalkError`] naming the entry (or else the root) and keeping the I/O
/// error when there is one.
fn walk_error(root: &Path, error: ignore::Error) -> WalkError {
    fn path_of(error: &ignore::Error) -> Option<&Path> {
        match error {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Loop { child, .. } => Some(child),
            _ => None,
        }
    }
    let path = path_of(&error).unwrap_or(root).to_owned();
    let message = error.to_string();
    let source = error
        .into_io_error()
        .unwrap_or_else(|| io::Error::other(message));
    WalkError { path, source }
}

/// How much of a file [`declares_format`] looks at in a directory walk: the declaration is
/// the first key of every document this crate writes and of the examples.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Reads the start of a regular file and tells whether it declares our format.
fn sniff(path: &Path) -> io::Result<bool> {
    let mut start = Vec::with_capacity(8 * 1024);
    File::open(path)?
        .take(limit(SNIFF_BYTES))
        .read_to_end(&mut start)?;
    Ok(declares_format(&start))
}

/// The value of `format` that makes a file ours starts with this (`competence/1`; a later
/// version is ours too, so that it is reported as `unknown-format` rather than skipped).
pub const FORMAT_PREFIX: &str = "competence/";

/// Whether `start` (the start of a file) declares `format: competence/…` at the top level of
/// its first document: a YAML block mapping, a YAML flow mapping or a JSON object (so the
/// first line of a JSON Lines file too). A scan of the top level, not a parse: it never
/// fails, stops at the end of the first document, and reads each byte at most once.
///
/// ```
/// use competence::files::declares_format;
///
/// assert!(declares_format(b"# a framework\nformat: competence/1\nkind: framework\n"));
/// assert!(declares_format(b"{\"kind\": \"evidence\", \"format\": \"competence/1\"}\n"));
/// assert!(!declares_format(b"name: ci\non: [push]\njobs: {}\n"));
/// assert!(!declares_format(b"services:\n  web:\n    format: competence/1\n"));
/// ```
pub fn declares_format(start: &[u8]) -> bool {
    let text = String::from_utf8_lossy(start);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut in_document = false;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = rest.split_once('\n').unwrap_or((rest, ""));
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut content = line;
        if !in_document && line.starts_with('%') {
            rest = next;
            continue;
        }
        if line == "---" || line.starts_with("--- ") || line.starts_with("---\t") {
            if in_document {
                return false;
            }
            in_document = true;
            content = line.get(3..).unwrap_or_default().trim_start();
        } else if line == "..." || line.starts_with("... ") {
            if in_document {
                return false;
            }
            rest = next;
            continue;
        }
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            rest = next;
            continue;
        }
        if content.starts_with('{') {
            // A flow mapping or a JSON object at the top level: scan it to its end.
            let from = line.len() - content.len();
            return flow_declares(rest.get(from..).unwrap_or_default());
        }
        in_document = true;
        // Only lines that start at column 0 are keys of the top-level mapping.
        if let Some(value) = top_level_value(content, "format") {
            return value.starts_with(FORMAT_PREFIX);
        }
        rest = next;
    }
    false
}

/// The value of `key` on a top-level line `key: value` (the key bare or quoted, the value
/// bare or quoted, a trailing comment dropped), or `None` when the line is another key.
fn top_level_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = ["\"", "'", ""].iter().find_map(|quote| {
        line.strip_prefix(quote)?
            .strip_prefix(key)?
            .strip_prefix(quote)
    })?;
    let value = rest.trim_start().strip_prefix(':')?;
    if !value.is_empty() && !value.starts_with([' ', '\t']) {
        return None;
    }
    let value = value.trim();
    let value = value.split_once(" #").map_or(value, |(v, _)| v.trim_end());
    Some(value.trim_matches(|c| c == '"' || c == '\''))
}

/// Whether a flow mapping or JSON object at the start of `text` has a top-level `format` key
/// whose value starts with [`FORMAT_PREFIX`]. Strings (double- and single-quoted) and nested
/// collections are skipped; the scan ends where the mapping does.
fn flow_declares(text: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    // The last top-level key seen, waiting for its value.
    let mut key: Option<String> = None;
    let mut expecting_key = false;
    while let Some((at, c)) = chars.next() {
        match c {
            '{' | '[' => {
                depth += 1;
                expecting_key = depth == 1 && c == '{';
                if depth > 1 {
                    key = None;
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
            }
            ',' if depth == 1 => {
                expecting_key = true;
                key = None;
            }
            ':' if depth == 1 => expecting_key = false,
            '"' | '\'' => {
                let quote = c;
                let mut value = String::new();
                while let Some((_, c)) = chars.next() {
                    if c == quote {
                        break;
                    }
                    if c == '\\' && quote == '"' {
                        if let Some((_, escaped)) = chars.next() {
                            value.push(escaped);
                        }
                        continue;
                    }
                    value.push(c);
                }
                if depth == 1 {
                    if expecting_key {
                        key = Some(value);
                    } else if key.as_deref() == Some("format") {
                        return value.starts_with(FORMAT_PREFIX);
                    }
                }
            }
            c if c.is_whitespace() => {}
            _ if depth == 1 => {
                // A bare word (YAML flow style): read to the next separator.
                let start = at;
                let mut end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if matches!(next, ',' | '}' | ']' | ':' | '{' | '[') {
                        break;
                    }
                    end = next_at + next.len_utf8();
                    chars.next();
                }
                let word = text.get(start..end).unwrap_or_default().trim();
                if expecting_key {
                    key = Some(word.to_owned());
                } else if key.as_deref() == Some("format") {
                    return word.starts_with(FORMAT_PREFIX);
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("competence-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    #[test]
    fn reads_are_cut_one_byte_past_the_limit() {
        assert_eq!(
            read_to_limit(&b"12345"[..], 5, None).ok(),
            Some(Contents::Read(b"12345".to_vec()))
        );
        assert_eq!(
            read_to_limit(&b"123456"[..], 5, None).ok(),
            Some(Contents::TooLarge)
        );
        // An endless reader is read only to the limit.
        assert_eq!(
            read_to_limit(io::repeat(b'x'), 1000, None).ok(),
            Some(Contents::TooLarge)
        );
    }

    #[test]
    fn a_regular_file_over_the_limit_is_not_read() {
        let dir = scratch("large");
        let file = dir.join("big.yaml");
        std::fs::write(&file, "x".repeat(100)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_bounded(&file, 99).ok(), Some(Contents::TooLarge));
        assert_eq!(
            read_bounded(&file, 100).ok(),
            Some(Contents::Read("x".repeat(100).into_bytes()))
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_bounded() {
        for device in ["/dev/zero", "/dev/urandom"] {
            assert_eq!(
                read_bounded(Path::new(device), 4096).ok(),
                Some(Contents::TooLarge),
                "{device}"
            );
        }
        assert_eq!(
            read_bounded(Path::new("/dev/null"), 10).ok(),
            Some(Contents::Read(Vec::new()))
        );
    }

    #[cfg(unix)]
    #[test]
    fn walks_take_regular_files_and_links_to_them_only() {
        let dir = scratch("walk");
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("a.yaml"), "format: competence/1")
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(sub.join("b.json"), r#"{"format": "competence/1"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("notes.txt"), "c").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("ci.yml"), "on: push").unwrap_or_else(|e| panic!("{e}"));
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        };
        link("a.yaml", "link.yaml");
        link("/dev/zero", "zero.yaml");
        link("nowhere", "broken.yml");
        link("sub", "dir.yaml");
        link("/dev/zero", "zero.txt"); // not a checked extension: not mentioned
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.yaml"))
            .status()
            .is_ok_and(|s| s.success());
        let found = collect(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            found.files,
            vec![
                dir.join("a.yaml"),
                dir.join("link.yaml"),
                sub.join("b.json")
            ]
        );
        let mut expected = vec![
            Skipped {
                path: dir.join("broken.yml"),
                what: FileKind::BrokenLink,
            },
            Skipped {
                path: dir.join("dir.yaml"),
                what: FileKind::LinkedDirectory,
            },
            Skipped {
                path: dir.join("zero.yaml"),
                what: FileKind::CharDevice,
            },
        ];
        if made {
            expected.push(Skipped {
                path: dir.join("pipe.yaml"),
                what: FileKind::Fifo,
            });
            expected.sort();
        }
        assert_eq!(found.skipped, expected);
        assert_eq!(found.undeclared, vec![dir.join("ci.yml")]);
        // Named explicitly, a device is read (with the bound), not skipped.
        let zero = dir.join("zero.yaml");
        let found = collect(std::slice::from_ref(&zero)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.files, vec![zero]);
    }

    #[test]
    fn the_declaration_is_found_at_the_top_level_of_the_first_document() {
        let ours: &[&str] = &[
            "format: competence/1\nkind: framework\n",
            "\u{feff}# yaml-language-server: $schema=x\n\nformat: competence/1\n",
            "%YAML 1.2\n---\nkind: evidence\nformat: 'competence/1'   # the format\n",
            "kind: framework\r\nformat: \"competence/1\"\r\n",
            "\"format\": competence/1\n",
            "format : competence/2\n", // a later version is ours, to be reported
            "{\"kind\": \"evidence\", \"nested\": {\"format\": 1}, \"format\": \"competence/1\"}",
            "{ kind: framework, format: competence/1 }\n",
            "--- {format: competence/1}\n",
            "{\"format\":\"competence/1\",\"learner\":\"L-1\"}\n{\"format\":\"competence/1\"}\n",
        ];
        for text in ours {
            assert!(declares_format(text.as_bytes()), "{text:?}");
        }
        let not_ours: &[&str] = &[
            "",
            "name: ci\non: [push]\njobs:\n  test:\n    format: competence/1\n",
            "services:\n  web: {format: competence/1}\n",
            "format: markdown\nformat: competence/1\n",
            "formats: competence/1\n",
            "format:competence/1\n",
            "kind: framework\n---\nformat: competence/1\n",
            "- format: competence/1\n",
            "[{\"format\": \"competence/1\"}]",
            "{\"a\": {\"format\": \"competence/1\"}}",
            "{\"a\": \"b\"}\n{\"format\": \"competence/1\"}\n",
            "{\"description\": \"format\", \"x\": \"competence/1\"}",
            "\u{0}\u{1}binary",
        ];
        for text in not_ours {
            assert!(!declares_format(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn walks_leave_out_undeclared_hidden_ignored_and_excluded_files() {
        let dir = scratch("discover");
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        let ours = "format: competence/1\nkind: framework\n";
        write("a.yaml", ours);
        write("drafts/b.yaml", ours);
        write("deep/drafts/c.yaml", ours);
        write("notes/d.yml", ours);
        write(".hidden/e.yaml", ours);
        write("ignored/f.yaml", ours);
        write(".ignore", "ignored/\n");
        write("compose.yaml", "services: {}\n");
        let found = collect(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            found.files,
            vec![
                dir.join("a.yaml"),
                dir.join("deep/drafts/c.yaml"),
                dir.join("drafts/b.yaml"),
                dir.join("notes/d.yml"),
            ]
        );
        assert_eq!(found.undeclared, vec![dir.join("compose.yaml")]);
        // Globs in .gitignore syntax: unanchored at any depth; named files are still taken.
        let discovery = Discovery::new()
            .exclude("drafts/")
            .and_then(|d| d.exclude("*.yml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let named = dir.join("notes/d.yml");
        let found =
            discover(&[dir.clone(), named.clone()], &discovery).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.files, vec![dir.join("a.yaml"), named.clone()]);
        // Forced, named files are filtered as walks filter theirs.
        let forced = discovery.force_exclude(true);
        let compose = dir.join("compose.yaml");
        let found = discover(&[named, compose.clone(), dir.join("a.yaml")], &forced)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.files, vec![dir.join("a.yaml")]);
        assert_eq!(found.undeclared, vec![compose]);
        assert!(Discovery::new().exclude("[z-a]").is_err());
    }

    #[test]
    fn a_missing_path_is_named() {
        let dir = scratch("missing");
        let missing = dir.join("nope");
        let error = collect(std::slice::from_ref(&missing)).err();
        assert_eq!(error.map(|e| e.path), Some(missing));
    }
}
