//! Writing results without ever destroying a file: to stdout, through a path that is not a
//! regular file, or atomically over a regular file; never over a file the run read.
//!
//! - `-o -` is standard output.
//! - An existing path that is not a regular file or a directory (a FIFO, a device, a symbolic
//!   link) is opened and written through, never replaced: the link, FIFO or device node stays.
//! - A new path, or a regular file, is written atomically: a temporary file in the same
//!   directory, written, `fsync`ed, then renamed over the path (permissions of a replaced file
//!   are kept). Temporary files live in a registry that the interrupt handler empties before
//!   the process exits with status 130, and are removed on every error.
//! - [`Inputs`] holds the regular files the run read; a write whose target is one of them
//!   (same canonical path, or on Unix the same device and inode, so hard links count) is
//!   refused before anything is written.

use competence::files::Skipped;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A failure that stops a command (exit 2).
pub type Error = Box<dyn std::error::Error>;

/// Files being written that must not outlive the run if it is interrupted: temporary files,
/// and new files not complete yet.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes unfinished files and exits 130 on Ctrl-C (and on SIGTERM and SIGHUP).
pub fn remove_unfinished_on_interrupt() {
    let installed = ctrlc::set_handler(|| {
        // The lock is held until the process exits: no thread can create another unfinished
        // file after these are removed (files are created under the same lock).
        let mut list = unfinished();
        for path in list.drain(..) {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("interrupted");
        std::process::exit(130);
    });
    if let Err(e) = installed {
        eprintln!(
            "warning: cannot handle interrupts ({e}); an interrupted run may leave temporary files"
        );
    }
}

/// Marks a file unfinished: removed when dropped (an error) or on interrupt, until
/// [`Unfinished::done`].
struct Unfinished(Option<PathBuf>);

impl Unfinished {
    /// Creates `path` exclusively and marks it unfinished, under the registry's lock, so an
    /// interrupt sees either no file or a registered one.
    fn create(path: &Path) -> std::io::Result<(File, Unfinished)> {
        let mut list = unfinished();
        let file = OpenOptions::new().write(true).create_new(true).open(path)?;
        list.push(path.to_owned());
        Ok((file, Unfinished(Some(path.to_owned()))))
    }

    /// The file is complete (renamed into place): no longer to be removed.
    fn done(mut self) {
        if let Some(path) = self.0.take() {
            unfinished().retain(|p| p != &path);
        }
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(&path);
            unfinished().retain(|p| p != &path);
        }
    }
}

/// Says once, on stderr, which directory entries were not read because they are not regular
/// files (FIFOs, devices, sockets, links to them).
pub fn note_skipped(skipped: &[Skipped]) {
    const SHOWN: usize = 10;
    if skipped.is_empty() {
        return;
    }
    let mut listed: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if skipped.len() > SHOWN {
        listed.push(format!("and {} more", skipped.len() - SHOWN));
    }
    if let [one] = skipped {
        eprintln!("note: skipped {one}: not a regular file");
    } else {
        eprintln!(
            "note: skipped {} entries that are not regular files: {}",
            skipped.len(),
            listed.join(", ")
        );
    }
}

/// Whether an `-o` argument means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `text` to stdout.
pub fn stdout(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The regular files a run read, which no output may replace.
#[derive(Default)]
pub struct Inputs {
    files: Vec<(PathBuf, Identity)>,
}

/// What makes two paths the same file.
#[derive(PartialEq, Eq)]
struct Identity {
    canonical: PathBuf,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Identity {
    /// The identity of the regular file at `path` (symbolic links followed); `None` for
    /// anything else, which writing through cannot destroy.
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
        Some(Identity {
            canonical: std::fs::canonicalize(path).ok()?,
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        })
    }

    fn same(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        if self.inode == other.inode {
            return true;
        }
        self.canonical == other.canonical
    }
}

impl Inputs {
    /// Nothing read yet.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Records files the run reads (those that are not regular files are not recorded).
    pub fn add<P: AsRef<Path>>(&mut self, paths: impl IntoIterator<Item = P>) {
        for path in paths {
            let path = path.as_ref();
            if let Some(identity) = Identity::of(path) {
                self.files.push((path.to_owned(), identity));
            }
        }
    }

    /// Refuses `output` if writing it would replace a file the run read.
    pub fn check(&self, output: &Path) -> Result<(), Error> {
        let Some(target) = Identity::of(output) else {
            return Ok(());
        };
        match self.files.iter().find(|(_, input)| input.same(&target)) {
            Some((input, _)) => Err(format!(
                "refusing to write {}: it is {}, which this run reads; nothing was written",
                output.display(),
                if input == output {
                    "an input".to_owned()
                } else {
                    format!("the same file as the input {}", input.display())
                }
            )
            .into()),
            None => Ok(()),
        }
    }
}

/// Writes `text` to `path`, or to stdout for `-`, never over one of `inputs`: see the module
/// documentation for how each kind of path is written.
pub fn file(path: &Path, text: &str, inputs: &Inputs) -> Result<(), Error> {
    if is_stdout(path) {
        return stdout(text);
    }
    inputs.check(path)?;
    let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => replace(path, text, None),
        Err(e) => Err(failed(e).into()),
        Ok(meta) if meta.is_file() => replace(path, text, Some(meta.permissions())),
        Ok(meta) if meta.is_dir() => {
            Err(format!("cannot write {}: it is a directory", path.display()).into())
        }
        Ok(meta) => {
            write_through(path, text, meta.file_type().is_symlink()).map_err(|e| failed(e).into())
        }
    }
}

/// Writes `text` to a file that must not exist yet (`new`): created exclusively, and removed
/// again if the write fails or the run is interrupted.
pub fn new_file(path: &Path, text: &str) -> Result<(), Error> {
    if is_stdout(path) {
        return stdout(text);
    }
    let (mut file, guard) = Unfinished::create(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            format!("{} already exists; not overwriting it", path.display())
        }
        _ => format!("cannot write {}: {e}", path.display()),
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    guard.done();
    Ok(())
}

/// Opens an existing FIFO, device or symbolic link and writes into it: the path itself is
/// never replaced. A link's target is truncated first (created if the link is dangling), as a
/// shell's `>` would.
fn write_through(path: &Path, text: &str, link: bool) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .truncate(true)
        .create(link)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    if file.metadata().is_ok_and(|m| m.is_file()) {
        file.sync_all()?;
    }
    Ok(())
}

/// Writes `text` to a temporary file beside `path`, syncs it, and renames it over `path`, so
/// readers see the old file or the new one, never half of one.
fn replace(
    path: &Path,
    text: &str,
    permissions: Option<std::fs::Permissions>,
) -> Result<(), Error> {
    let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let temporary = temporary_beside(path)?;
    // Exclusive creation: never follow something planted at the temporary name.
    let (mut file, guard) = Unfinished::create(&temporary).map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions).map_err(failed)?;
    }
    file.sync_all().map_err(failed)?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(failed)?;
    guard.done();
    // Make the rename itself durable where the platform allows; a failure here loses nothing.
    if let Some(Ok(dir)) = temporary.parent().map(File::open) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Output written as it is made (a cohort's JSON Lines), with the guarantees of [`file`]:
/// `-` is standard output, locked once for the whole run; an existing FIFO, device or
/// symbolic link is written through; a new path or a regular file gets a temporary file
/// beside it, renamed over the path by [`Stream::finish`] (removed instead on error, on
/// interrupt, or when the stream is dropped unfinished); never a file the run read. Writes
/// are buffered.
pub struct Stream {
    out: std::io::BufWriter<Target>,
    /// Where the temporary file goes when finished, and the permissions it keeps.
    rename: Option<(PathBuf, Option<std::fs::Permissions>, Unfinished)>,
    path: PathBuf,
}

enum Target {
    Stdout(std::io::StdoutLock<'static>),
    File(File),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Target::Stdout(out) => out.write(buf),
            Target::File(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Target::Stdout(out) => out.write_all(buf),
            Target::File(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Target::Stdout(out) => out.flush(),
            Target::File(file) => file.flush(),
        }
    }
}

impl Stream {
    /// Opens `path` (`-`: stdout) for writing, refusing a file of `inputs`.
    pub fn open(path: &Path, inputs: &Inputs) -> Result<Stream, Error> {
        const BUFFER: usize = 256 * 1024;
        let stream = |target, rename| Stream {
            out: std::io::BufWriter::with_capacity(BUFFER, target),
            rename,
            path: path.to_owned(),
        };
        if is_stdout(path) {
            return Ok(stream(Target::Stdout(std::io::stdout().lock()), None));
        }
        inputs.check(path)?;
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let permissions = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(failed(e).into()),
            Ok(meta) if meta.is_file() => Some(meta.permissions()),
            Ok(meta) if meta.is_dir() => {
                return Err(format!("cannot write {}: it is a directory", path.display()).into());
            }
            Ok(meta) => {
                let file = OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .create(meta.file_type().is_symlink())
                    .open(path)
                    .map_err(failed)?;
                return Ok(stream(Target::File(file), None));
            }
        };
        let temporary = temporary_beside(path)?;
        let (file, guard) = Unfinished::create(&temporary).map_err(failed)?;
        Ok(stream(
            Target::File(file),
            Some((temporary, permissions, guard)),
        ))
    }

    /// Flushes, syncs a regular file and renames a temporary file into place.
    pub fn finish(self) -> Result<(), Error> {
        let Stream { out, rename, path } = self;
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let target = out.into_inner().map_err(|e| failed(e.into_error()))?;
        let file = match target {
            Target::Stdout(mut out) => return Ok(out.flush()?),
            Target::File(file) => file,
        };
        let Some((temporary, permissions, guard)) = rename else {
            if file.metadata().is_ok_and(|m| m.is_file()) {
                file.sync_all().map_err(failed)?;
            }
            return Ok(());
        };
        if let Some(permissions) = permissions {
            file.set_permissions(permissions).map_err(failed)?;
        }
        file.sync_all().map_err(failed)?;
        drop(file);
        std::fs::rename(&temporary, &path).map_err(failed)?;
        guard.done();
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(dir) = File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A name for a temporary file beside `path`, unique to this process.
fn temporary_beside(path: &Path) -> Result<PathBuf, Error> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", path.display()))?;
    Ok(dir.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )))
}
