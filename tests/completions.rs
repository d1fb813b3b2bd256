//! `competence completions SHELL` and `competence man` through the real binary: each prints a
//! non-empty script or page that knows the subcommands.

use std::path::PathBuf;
use std::process::{Command, Output};

fn competence(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_competence"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"))
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "resolve",
    "assess",
    "diff",
    "list",
    "new",
    "schema",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = competence(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.len() > 1000, "{shell}: {script}");
        for subcommand in SUBCOMMANDS {
            assert!(script.contains(subcommand), "{shell} lacks {subcommand}");
        }
        // Options of subcommands are completed too.
        assert!(script.contains("stdin-filename"), "{shell}");
    }
    let output = competence(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_and_lists_the_subcommands() {
    let output = competence(&["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert!(page.contains(".TH competence 1"), "{page}");
    for subcommand in SUBCOMMANDS {
        assert!(page.contains(subcommand), "the page lacks {subcommand}");
    }
    // Each subcommand has its page, as the main page's references promise.
    for subcommand in SUBCOMMANDS {
        let output = competence(&["man", subcommand]);
        assert_eq!(output.status.code(), Some(0), "{subcommand}");
        let page = String::from_utf8_lossy(&output.stdout);
        assert!(
            page.contains(&format!(".TH competence-{subcommand} 1")),
            "{page}"
        );
    }
    let check = competence(&["man", "check"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("stdin\\-filename"));
    assert_eq!(competence(&["man", "nope"]).status.code(), Some(2));
    // -o writes the same page to a file.
    let dir = std::env::temp_dir().join(format!("competence-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file: PathBuf = dir.join("competence.1");
    let written = competence(&["man", "-o", &file.to_string_lossy()]);
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        page,
        "-o writes what stdout shows"
    );
}
