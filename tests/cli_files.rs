//! The real `competence` binary against hostile files and outputs: reads bounded whatever the
//! file is, directory walks that skip what is not a regular file, outputs that never destroy
//! an input, cohorts that survive a bad record. Each run has a deadline: a hang fails the
//! test instead of stalling the suite.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_competence"))
}

/// Runs `cmd` with no standard input, and kills it and fails if it outlives the deadline.
fn run(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"));
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(out) = &mut out {
            let _ = out.read_to_end(&mut buffer);
        }
        buffer
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(err) = &mut err {
            let _ = err.read_to_end(&mut buffer);
        }
        buffer
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("competence {:?} did not finish in {DEADLINE:?}", cmd);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("{e}"),
        }
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

fn competence(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.current_dir(dir).args(args);
    run(cmd)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "competence-cli-files-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("{e}"));
}

const FRAMEWORK: &str =
    "format: competence/1\nkind: framework\nid: local\nversion: 1.0.0\ntitle: Local\n";

/// A FIFO and links to endless devices inside a checked directory are skipped with one note;
/// the run ends, and the regular files are checked.
#[cfg(unix)]
#[test]
fn directory_walks_skip_fifos_and_devices() {
    let dir = scratch("walk");
    write(&dir.join("good.yaml"), FRAMEWORK);
    mkfifo(&dir.join("pipe.yaml"));
    symlink("/dev/zero", &dir.join("zero.yaml"));
    symlink("/dev/urandom", &dir.join("random.jsonl"));
    symlink("good.yaml", &dir.join("link.yml"));
    let output = competence(&dir, &["check", "."]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("checked 2 files"), "{err}");
    assert_eq!(err.matches("note: skipped").count(), 1, "{err}");
    for skipped in [
        "./pipe.yaml (a FIFO)",
        "./zero.yaml (a character device)",
        "./random.jsonl (a character device)",
    ] {
        assert!(err.contains(skipped), "{skipped} in\n{err}");
    }
    // The same directory as a catalog: every command that takes --catalog ends too.
    let output = competence(&root(), &["list", "--catalog", &dir.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("local"), "{}", stdout(&output));
    assert!(stderr(&output).contains("pipe.yaml (a FIFO)"));
    let output = competence(
        &root(),
        &["resolve", "local", "--catalog", &dir.to_string_lossy()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Named explicitly, an endless device is read only to the size limit: `file-too-large`.
#[cfg(unix)]
#[test]
fn explicit_devices_are_read_within_the_limit() {
    let dir = scratch("devices");
    symlink("/dev/zero", &dir.join("zero.yaml"));
    for path in ["/dev/zero", "/dev/urandom", "zero.yaml"] {
        let output = competence(&dir, &["check", path, "--max-file-size", "65536"]);
        assert_eq!(output.status.code(), Some(1), "{path}: {}", stderr(&output));
        assert!(
            stdout(&output).contains("[file-too-large]"),
            "{path}: {}",
            stdout(&output)
        );
    }
    // The default limit too, and through `diff` and `--catalog` given a file.
    let output = competence(&dir, &["check", "/dev/zero"]);
    assert!(stdout(&output).contains("[file-too-large]"));
    // A catalog file refused by the limit is a finding (exit 2); what could be read is listed.
    let output = competence(&dir, &["list", "--catalog", "/dev/zero"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("error[file-too-large]"));
    assert!(stdout(&output).contains("mh-peer-support-worker"));
    // Evidence from an endless device: one finding, and the run ends.
    let output = competence(
        &dir,
        &[
            "assess",
            "zero.yaml",
            "--as-of",
            "2026-01-01",
            "--role",
            "x",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("file-too-large"));
    symlink("/dev/zero", &dir.join("zero.jsonl"));
    symlink("/dev/urandom", &dir.join("random.jsonl"));
    for path in ["zero.jsonl", "random.jsonl"] {
        let output = competence(&dir, &["assess", path, "--as-of", "2026-01-01"]);
        assert_eq!(output.status.code(), Some(2), "{path}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("the rest of the input is not read"),
            "{path}: {}",
            stderr(&output)
        );
    }
}

/// A FIFO named on the command line is read (as `cat` would) and bounded like any file.
#[cfg(unix)]
#[test]
fn an_explicit_fifo_is_read() {
    let dir = scratch("fifo");
    let fifo = dir.join("in.yaml");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, FRAMEWORK))
    };
    let output = competence(&dir, &["check", "in.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(writer.join().is_ok_and(|r| r.is_ok()));
}

/// An unreadable subdirectory is named itself, not the directory the walk started at. Run as
/// an unprivileged user when the tests run as root (root reads any directory).
#[cfg(unix)]
#[test]
fn an_unreadable_subdirectory_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    let locked = dir.join("sub").join("locked");
    std::fs::create_dir_all(&locked).unwrap_or_else(|e| panic!("{e}"));
    write(&dir.join("a.yaml"), FRAMEWORK);
    for d in [&dir, &dir.join("sub")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|e| panic!("{e}"));
    let as_root = std::fs::read_dir(&locked).is_ok();
    let mut cmd = if as_root {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            env!("CARGO_BIN_EXE_competence"),
        ]);
        cmd
    } else {
        bin()
    };
    if as_root && Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv");
        return;
    }
    cmd.current_dir(&dir).args(["check", "."]);
    let output = run(cmd);
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read ./sub/locked:"), "{err}");
}

fn record(learner: &str, framework: &str) -> String {
    format!(
        r#"{{"format":"competence/1","kind":"evidence","learner":"{learner}","framework":"{framework}","evidence":[{{"id":"o1","kind":"observation","date":"2026-01-10","claims":["active-listening"]}}]}}"#
    )
}

const AS_OF: [&str; 2] = ["--as-of", "2026-11-27"];

/// Every write that would replace an input is refused before anything is written: the
/// evidence as `-o` or `--cohort`, a catalog file (also through a hard link or a symbolic
/// link), and a learner's report that would land on an evidence file.
#[cfg(unix)]
#[test]
fn outputs_never_replace_an_input() {
    let dir = scratch("inputs");
    let evidence = read(&root().join("examples/evidence/learner-ready.yaml"));
    write(&dir.join("ev.yaml"), &evidence);
    let refused = |args: &[&str], untouched: &[&str]| {
        let output = competence(&dir, args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("refusing to write"), "{args:?}: {err}");
        for name in untouched {
            assert!(!dir.join(name).exists(), "{args:?} wrote {name}");
        }
        assert_eq!(read(&dir.join("ev.yaml")), evidence, "{args:?}");
    };
    refused(&["assess", "ev.yaml", "-o", "ev.yaml"], &[]);
    refused(&["assess", "ev.yaml", "-o", "./ev.yaml"], &[]);
    refused(
        &["assess", "ev.yaml", "-o", "out.md", "--cohort", "ev.yaml"],
        &["out.md"],
    );
    std::fs::hard_link(dir.join("ev.yaml"), dir.join("hard.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    symlink("ev.yaml", &dir.join("soft.md"));
    refused(&["assess", "ev.yaml", "-o", "hard.yaml"], &[]);
    refused(&["assess", "ev.yaml", "-o", "soft.md"], &[]);

    // The resolve chain: a tailoring and its base, both in the catalog directory.
    let cat = dir.join("cat");
    std::fs::create_dir_all(&cat).unwrap_or_else(|e| panic!("{e}"));
    let base = "format: competence/1\nkind: framework\nid: local\nversion: 1.0.0\ntitle: Local\n";
    let tailoring = "format: competence/1\nkind: framework\nid: team\nversion: 1.0.0\ntitle: Team\nextends: local@^1\ncontext: A team.\ntailoring: {}\n";
    write(&cat.join("local.yaml"), base);
    write(&cat.join("team.yaml"), tailoring);
    for target in ["cat/team.yaml", "cat/local.yaml"] {
        let output = competence(&dir, &["resolve", "team", "--catalog", "cat", "-o", target]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("refusing to write"));
    }
    assert_eq!(read(&cat.join("local.yaml")), base);
    assert_eq!(read(&cat.join("team.yaml")), tailoring);
    let output = competence(
        &dir,
        &[
            "resolve",
            "team",
            "--catalog",
            "cat",
            "-o",
            "team-resolved.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // A report that would land on an evidence file in the output directory: that learner's
    // report is not written, the others are, and the run says so.
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    let l1 = record("L-1", "mh-peer-support-worker");
    write(&out.join("L-1.json"), &format!("{l1}\n"));
    write(
        &dir.join("more.jsonl"),
        &format!("{}\n", record("L-2", "mh-peer-support-worker")),
    );
    let output = competence(
        &dir,
        &[
            "assess",
            "out/L-1.json",
            "more.jsonl",
            "--format",
            "json",
            "-o",
            "out",
            AS_OF[0],
            AS_OF[1],
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("out/L-1.json:1: learner L-1: refusing to write"),
        "{err}"
    );
    assert_eq!(read(&out.join("L-1.json")), format!("{l1}\n"));
    assert!(read(&out.join("L-2.json")).contains("\"learner\""));
}

/// `-o` through things that are not regular files: written through, never replaced.
#[cfg(unix)]
#[test]
fn outputs_write_through_links_fifos_and_devices() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("through");
    let args = |target: &str| -> Vec<String> {
        [
            "resolve",
            "mh-peer-support-worker",
            "--format",
            "json",
            "-o",
            target,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let run_with = |target: &str| {
        let mut cmd = bin();
        cmd.current_dir(&dir).args(args(target));
        run(cmd)
    };
    // A symbolic link stays a link; its target gets the output.
    write(&dir.join("target.json"), "old");
    symlink("target.json", &dir.join("link.json"));
    let output = run_with("link.json");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let link = std::fs::symlink_metadata(dir.join("link.json")).unwrap_or_else(|e| panic!("{e}"));
    assert!(link.file_type().is_symlink());
    assert!(read(&dir.join("target.json")).starts_with('{'));
    // A FIFO stays a FIFO; its reader gets the output.
    let fifo = dir.join("pipe.json");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    let output = run_with("pipe.json");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(reader.join().unwrap_or_default().starts_with('{'));
    let meta = std::fs::symlink_metadata(&fifo).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_fifo());
    // A device node is written, not replaced (this matters when the tests run as root).
    let output = run_with("/dev/null");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let null = std::fs::symlink_metadata("/dev/null").unwrap_or_else(|e| panic!("{e}"));
    assert!(null.file_type().is_char_device());
    // `-o -` is standard output, not a file named `-`.
    let output = run_with("-");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with('{'));
    assert!(!dir.join("-").exists());
}

/// A regular file is replaced atomically: its permissions are kept and no temporary file is
/// left beside it. `new` never replaces anything.
#[cfg(unix)]
#[test]
fn regular_files_are_replaced_atomically_and_new_never_overwrites() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("atomic");
    let out = dir.join("out.json");
    write(&out, "old");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = competence(
        &dir,
        &[
            "resolve",
            "mh-peer-support-worker",
            "--format",
            "json",
            "-o",
            "out.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(read(&out).starts_with('{'));
    let mode = std::fs::metadata(&out)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0);
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out.json"]);

    let new = |target: &str| {
        competence(
            &dir,
            &[
                "new",
                "tailoring",
                "--extends",
                "mh-peer-support-worker@^1",
                "--id",
                "mine",
                "-o",
                target,
            ],
        )
    };
    let output = new("out.json");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
    assert!(read(&out).starts_with('{'));
    symlink("nowhere.yaml", &dir.join("dangling.yaml"));
    let output = new("dangling.yaml");
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.join("nowhere.yaml").exists());
    let output = new("mine.yaml");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(read(&dir.join("mine.yaml")).contains("extends: mh-peer-support-worker@^1"));
}

/// Interrupted while writing a cohort's reports: exit 130 and no temporary file left.
#[cfg(unix)]
#[test]
fn an_interrupt_leaves_no_temporary_files() {
    let dir = scratch("interrupt");
    let mut cohort = String::new();
    for i in 0..3000 {
        cohort.push_str(&record(&format!("L-{i}"), "mh-peer-support-worker"));
        cohort.push('\n');
    }
    write(&dir.join("cohort.jsonl"), &cohort);
    let out = dir.join("out");
    for wait in [150u64, 300, 600] {
        let _ = std::fs::remove_dir_all(&out);
        let mut child = bin()
            .current_dir(&dir)
            .args([
                "assess",
                "cohort.jsonl",
                "--format",
                "html",
                "-o",
                "out",
                AS_OF[0],
                AS_OF[1],
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Interrupt once reports are being written.
        let start = Instant::now();
        while !out.exists() && start.elapsed() < DEADLINE {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(wait));
        let sent = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        if !sent || status.code() == Some(0) {
            continue; // finished before the signal arrived
        }
        assert_eq!(status.code(), Some(130));
        let left: Vec<String> = std::fs::read_dir(&out)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

/// One record that cannot be assessed (unknown framework, a role its framework lacks) is
/// named by file, line and learner; every other record is still assessed and written; exit 2.
#[test]
fn a_bad_record_does_not_abort_the_cohort() {
    let dir = scratch("cohort");
    let lines = [
        record("L-1", "mh-peer-support-worker"),
        record("L-2", "no-such-framework"),
        String::new(),
        record("L-3", "peer-worker-apprenticeship"), // no role peer-support-worker
        record("L-4", "mh-peer-support-worker"),
        record("L-5", "no-such-framework"),
    ];
    write(
        &dir.join("cohort.jsonl"),
        &format!("{}\n", lines.join("\n")),
    );
    let output = competence(
        &dir,
        &[
            "assess",
            "cohort.jsonl",
            "--role",
            "peer-support-worker",
            "--format",
            "json",
            "-o",
            "out/", // a directory: one full report per learner
            AS_OF[0],
            AS_OF[1],
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: cohort.jsonl:2: learner L-2: no framework `no-such-framework`"),
        "{err}"
    );
    assert!(err.contains("error: cohort.jsonl:4: learner L-3: the framework peer-worker-apprenticeship@2.0.1 has no role `peer-support-worker`"), "{err}");
    assert!(
        err.contains("error: cohort.jsonl:6: learner L-5: no framework"),
        "{err}"
    );
    assert!(err.contains("3 record(s) could not be assessed"), "{err}");
    for learner in ["L-1", "L-4"] {
        assert!(
            dir.join(format!("out/{learner}.json")).exists(),
            "{learner}"
        );
    }
    for learner in ["L-2", "L-3", "L-5"] {
        assert!(
            !dir.join(format!("out/{learner}.json")).exists(),
            "{learner}"
        );
    }

    // The same in a YAML stream: lines are where each document starts.
    let yaml = |learner: &str, framework: &str| {
        format!(
            "format: competence/1\nkind: evidence\nlearner: {learner}\nframework: {framework}\n"
        )
    };
    let stream = format!(
        "# a cohort\n{}---\n{}---\n{}",
        yaml("Y-1", "mh-peer-support-worker"),
        yaml("Y-2", "no-such-framework"),
        yaml("Y-3", "mh-peer-support-worker")
    );
    write(&dir.join("cohort.yaml"), &stream);
    let output = competence(
        &dir,
        &[
            "assess",
            "cohort.yaml",
            "--role",
            "peer-support-worker",
            AS_OF[0],
            AS_OF[1],
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error: cohort.yaml:6: learner Y-2: no framework"),
        "{err}"
    );
    assert!(stdout(&output).contains("Y-1") && stdout(&output).contains("Y-3"));
}

/// JSON for several records on stdout is JSON Lines: one compact object per line.
#[test]
fn json_to_stdout_for_several_records_is_json_lines() {
    let dir = scratch("json-lines");
    let one = [
        "assess",
        "--role",
        "peer-support-worker",
        "--format",
        "json",
        AS_OF[0],
        AS_OF[1],
    ];
    let ev = |name: &str| {
        root()
            .join("examples/evidence")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    let parse_lines = |out: &str| -> Vec<serde_json::Value> {
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    };
    let mut args: Vec<String> = one.iter().map(|s| (*s).to_owned()).collect();
    args.push(ev("learner-ready.yaml"));
    args.push(ev("learner-gaps.yaml"));
    let output = {
        let mut cmd = bin();
        cmd.current_dir(&dir).args(&args);
        run(cmd)
    };
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let reports = parse_lines(&stdout(&output));
    let learners: Vec<&str> = reports
        .iter()
        .filter_map(|r| r["learner"].as_str())
        .collect();
    assert_eq!(learners, ["L-0042", "L-0107"]);

    // Any JSON Lines input may hold several records: JSON Lines out, even for one.
    write(
        &dir.join("one.jsonl"),
        &format!("{}\n", record("L-1", "mh-peer-support-worker")),
    );
    let mut args: Vec<&str> = one.to_vec();
    args.push("one.jsonl");
    let output = competence(&dir, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(parse_lines(&stdout(&output)).len(), 1);

    // A YAML stream of two records too; one record alone stays pretty-printed.
    let two = format!(
        "{}---\n{}",
        read(&root().join("examples/evidence/learner-ready.yaml")),
        read(&root().join("examples/evidence/learner-gaps.yaml"))
    );
    write(&dir.join("two.yaml"), &two);
    let mut args: Vec<&str> = one.to_vec();
    args.push("two.yaml");
    let output = competence(&dir, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(parse_lines(&stdout(&output)).len(), 2);
    let mut args: Vec<String> = one.iter().map(|s| (*s).to_owned()).collect();
    args.push(ev("learner-ready.yaml"));
    let output = {
        let mut cmd = bin();
        cmd.current_dir(&dir).args(&args);
        run(cmd)
    };
    let out = stdout(&output);
    assert!(out.lines().count() > 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["learner"], "L-0042");
}
