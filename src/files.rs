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
//! A path named explicitly is read whatever it is (`/dev/stdin`, a FIFO, a device), with the
//! same bound. Opening a FIFO waits until something writes to it, as `cat` does: that is the
//! point of naming one.
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

/// What [`collect`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The files to read, sorted and without repeats: paths given as files (whatever kind of
    /// file they are), and the regular files with a checked extension under directories.
    pub files: Vec<PathBuf>,
    /// Entries under directories that have a checked extension but are not regular files,
    /// sorted: they were not opened.
    pub skipped: Vec<Skipped>,
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

/// Lists the files under `paths`: a path that is not a directory as given (any kind of file:
/// the caller asked for it), directories walked for regular files with a checked extension
/// ([`EXTENSIONS`]). Symbolic links to regular files are taken; links to directories are not
/// followed. A directory or entry that cannot be read is an error naming it.
pub fn collect(paths: &[PathBuf]) -> Result<Found, WalkError> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| WalkError {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, &mut found)?;
        } else {
            found.files.push(path.clone());
        }
    }
    found.files.sort();
    found.files.dedup();
    found.skipped.sort();
    found.skipped.dedup();
    Ok(found)
}

fn walk(root: &Path, found: &mut Found) -> Result<(), WalkError> {
    // An explicit stack: directory depth is input too.
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        let error = |source| WalkError {
            path: dir.clone(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(error)? {
            let entry = entry.map_err(error)?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| WalkError {
                path: path.clone(),
                source,
            })?;
            if kind.is_dir() {
                pending.push(path);
                continue;
            }
            let checked = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e));
            if !checked {
                continue;
            }
            if kind.is_file() {
                found.files.push(path);
                continue;
            }
            let what = if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) if target.is_file() => {
                        found.files.push(path);
                        continue;
                    }
                    Ok(target) => FileKind::of(target.file_type()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => FileKind::BrokenLink,
                    Err(source) => return Err(WalkError { path, source }),
                }
            } else {
                FileKind::of(kind)
            };
            found.skipped.push(Skipped { path, what });
        }
    }
    Ok(())
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
        std::fs::write(dir.join("a.yaml"), "a").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(sub.join("b.json"), "b").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("notes.txt"), "c").unwrap_or_else(|e| panic!("{e}"));
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
        // Named explicitly, a device is read (with the bound), not skipped.
        let zero = dir.join("zero.yaml");
        let found = collect(std::slice::from_ref(&zero)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.files, vec![zero]);
    }

    #[test]
    fn a_missing_path_is_named() {
        let dir = scratch("missing");
        let missing = dir.join("nope");
        let error = collect(std::slice::from_ref(&missing)).err();
        assert_eq!(error.map(|e| e.path), Some(missing));
    }
}
