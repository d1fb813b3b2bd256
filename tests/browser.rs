//! The HTML reports in a real browser: headless Chromium prints a learner's development plan
//! and the cohort page (made by the real binary from `examples/evidence/`) to PDF and dumps
//! their DOM. Checked: each PDF has a page count in the expected range; the browser logs no
//! console message (the pages have no scripts, so any message is an error: a CSP report, a
//! script the escaping let through); the DOM holds the expected text and the same elements as
//! the file (so the parser did not have to repair the markup); and, with the print rules
//! applied at the width of an A4 page, nothing is wider than the page, dates stay on one line
//! and page breaks fall where the print CSS puts them.
//!
//! The browser is `$COMPETENCE_BROWSER`, or the first of chromium, chromium-browser,
//! google-chrome and google-chrome-stable on `PATH` (`.ci/run` installs Chromium with apt
//! when it can). Without one the test is skipped with a message on stderr, unless `CI` is set:
//! then it fails.

use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one browser run may take on a busy machine.
const DEADLINE: Duration = Duration::from_secs(120);

/// The printable width of an A4 page with the browser's default 1 cm margins, in CSS pixels
/// (210 mm at 96 px per inch is 794 px, less 2 × 38 px).
const A4_CONTENT_WIDTH: u32 = 718;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COMPETENCE_BROWSER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH")?).collect();
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
    .find(|path| path.is_file())
}

/// The browser, or `None` after saying on stderr (past the test harness's capture) that the
/// test is skipped; in CI a missing browser fails the test.
fn browser() -> Option<PathBuf> {
    if let Some(found) = find_browser() {
        return Some(found);
    }
    let message = "no Chromium found (set COMPETENCE_BROWSER, or install chromium: `apt-get install -y chromium`)";
    assert!(
        !in_ci(),
        "tests/browser.rs: {message}; CI is set, so the browser test must run"
    );
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** tests/browser.rs SKIPPED: {message}. The HTML reports were not checked in a browser. ***\n"
        );
    });
    None
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("competence-browser-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the real binary's `assess` in the repository root.
fn assess(args: &[&str]) {
    let mut all = vec!["assess"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--role", "peer-support-worker", "--as-of", "2026-11-27"]);
    let output = Command::new(env!("CARGO_BIN_EXE_competence"))
        .current_dir(root())
        .args(&all)
        .output()
        .unwrap_or_else(|e| panic!("cannot run competence: {e}"));
    assert!(
        output.status.success(),
        "competence {all:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What one browser run gave: its stdout, and the console messages it logged.
struct Run {
    stdout: String,
    console: Vec<String>,
}

/// Runs the browser headless on `page` with `extra` flags, offline and with a profile of its
/// own, and collects the console messages from its log.
fn chromium(browser: &Path, dir: &Path, page: &Path, extra: &[String]) -> Run {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", browser.display()));
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(out) = &mut out {
            let _ = out.read_to_string(&mut text);
        }
        text
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(err) = &mut err {
            let _ = err.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{} did not finish in {DEADLINE:?}", browser.display());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("{e}"),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    assert!(status.success(), "{} failed: {stderr}", browser.display());
    Run {
        stdout,
        console: console_messages(&stderr),
    }
}

/// The console messages in Chromium's log (`…:INFO:CONSOLE:1] "message", source: …`, or
/// `CONSOLE(1)` in older versions), and uncaught errors however they are logged.
fn console_messages(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_owned)
        .collect()
}

/// Prints `page` to a PDF beside it and returns the PDF's bytes.
fn print_to_pdf(browser: &Path, dir: &Path, page: &Path) -> Vec<u8> {
    let pdf = page.with_extension("pdf");
    let run = chromium(
        browser,
        dir,
        page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    );
    assert!(
        run.console.is_empty(),
        "{}: console messages while printing:\n{}",
        page.display(),
        run.console.join("\n")
    );
    std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF {}: {e}", pdf.display()))
}

/// The number of pages of a PDF, counted two ways that must agree: the page objects
/// (`/Type /Page`, not `/Pages`), and the largest `/Count` (the root of the page tree).
fn pdf_pages(pdf: &[u8]) -> usize {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = String::from_utf8_lossy(pdf);
    let objects = text
        .match_indices("/Type")
        .filter(|(at, _)| {
            let rest = text[at + 5..].trim_start();
            rest.strip_prefix("/Page")
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        })
        .count();
    let count = text
        .match_indices("/Count")
        .filter_map(|(at, _)| {
            let rest = text[at + 6..].trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0);
    assert_eq!(objects, count, "page objects and the page tree disagree");
    objects
}

/// How many elements of each tag `html` opens (`<p>` and `<p class=…>`, not `<pre>`).
fn tag_counts(html: &str, tags: &[&str]) -> Vec<(String, usize)> {
    tags.iter()
        .map(|tag| {
            let open = format!("<{tag}");
            let n = html
                .match_indices(&open)
                .filter(|(at, _)| {
                    html[at + open.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
                })
                .count();
            ((*tag).to_owned(), n)
        })
        .collect()
}

/// Dumps the DOM of `page` and checks it: no console message, the expected texts, no script,
/// and the same elements as the file (a browser repairs invalid nesting by adding elements: a
/// `<p>` closed by a `<ul>` inside it leaves an empty `<p>` behind).
fn check_dom(browser: &Path, dir: &Path, page: &Path, expected: &[&str]) {
    let run = chromium(browser, dir, page, &["--dump-dom".to_owned()]);
    assert!(
        run.console.is_empty(),
        "{}: console messages:\n{}",
        page.display(),
        run.console.join("\n")
    );
    let dom = run.stdout;
    for text in expected {
        assert!(
            dom.contains(text),
            "{}: no {text:?} in the DOM",
            page.display()
        );
    }
    assert!(!dom.contains("<script"), "{}", page.display());
    let tags = [
        "section", "h1", "h2", "h3", "p", "ul", "li", "table", "caption", "tr", "th", "td", "dl",
        "dt", "dd", "strong", "code", "span",
    ];
    let file = read(page);
    assert_eq!(
        tag_counts(&dom, &tags),
        tag_counts(&file, &tags),
        "{}: the browser built other elements than the file has",
        page.display()
    );
}

/// Lays `page` out with its print rules applied (at the width of an A4 page) and reports
/// from inside: the page's width, each date cell's line count, and where the page breaks
/// fall. The probe script goes into a copy; the report itself stays script-free.
fn print_layout(browser: &Path, dir: &Path, page: &Path) -> Vec<String> {
    const PROBE: &str = r#"<script>
const out = [];
out.push('overflow ' + (document.documentElement.scrollWidth - document.documentElement.clientWidth));
for (const td of document.querySelectorAll('td.date')) {
  const range = document.createRange();
  range.selectNodeContents(td);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  out.push('date ' + td.textContent + ' lines ' + lines);
}
for (const s of document.querySelectorAll('main > section')) {
  out.push('section ' + (s.className || s.getAttribute('aria-labelledby')) + ' break ' + getComputedStyle(s).breakBefore);
}
const pre = document.createElement('pre');
pre.id = 'probe';
pre.textContent = out.join('\n');
document.body.append(pre);
</script>"#;
    let html = read(page);
    assert!(html.contains("@media print{"), "{}", page.display());
    let copy = page.with_extension("probe.html");
    let printed = html
        .replace("@media print{", "@media all{")
        .replace("</body>", &format!("{PROBE}</body>"));
    std::fs::write(&copy, printed).unwrap_or_else(|e| panic!("{e}"));
    let run = chromium(
        browser,
        dir,
        &copy,
        &[
            "--dump-dom".to_owned(),
            format!("--window-size={A4_CONTENT_WIDTH},1100"),
        ],
    );
    assert!(run.console.is_empty(), "{}", run.console.join("\n"));
    let dom = run.stdout;
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe did not run:\n{dom}"));
    dom[start + 16..]
        .split("</pre>")
        .next()
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[track_caller]
fn assert_pages(what: &str, pages: usize, range: std::ops::RangeInclusive<usize>) {
    assert!(
        range.contains(&pages),
        "{what}: {pages} printed pages, expected {range:?}"
    );
}

/// The checks themselves can fail: a page with a console error and a script is caught, and a
/// page's PDF is counted as the browser made it.
#[test]
fn the_checks_catch_what_they_look_for() {
    let Some(browser) = browser() else { return };
    let dir = scratch("control");
    let page = dir.join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html lang=\"en\"><title>x</title><p>one<ul><li>two</li></ul></p>\
         <script>console.error('control-error'); missing();</script></html>\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = chromium(&browser, &dir, &page, &["--dump-dom".to_owned()]);
    assert!(
        run.console.iter().any(|l| l.contains("control-error")),
        "the console is not captured: {:?}",
        run.console
    );
    assert!(run.console.iter().any(|l| l.contains("Uncaught")));
    // The `<p>` closed by the list leaves a second, empty `<p>` in the DOM.
    assert_ne!(
        tag_counts(&run.stdout, &["p"]),
        tag_counts(&read(&page), &["p"])
    );
    std::fs::write(
        &page,
        "<!DOCTYPE html><p>one</p><p style=\"break-before:page\">two</p>\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pdf_pages(&print_to_pdf(&browser, &dir, &page)), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_learners_plan_prints() {
    let Some(browser) = browser() else { return };
    let dir = scratch("plan");
    let gaps = dir.join("L-0107.html");
    let ready = dir.join("L-0042.html");
    assess(&[
        "examples/evidence/learner-gaps.yaml",
        "--organisation",
        "examples/evidence/organisation.yaml",
        "--format",
        "html",
        "-o",
        &gaps.to_string_lossy(),
    ]);
    assess(&[
        "examples/evidence/learner-ready.yaml",
        "--format",
        "html",
        "-o",
        &ready.to_string_lossy(),
    ]);
    // Measured with Chromium 148 on Debian 12 (A4 or Letter, default margins): 16 and 13
    // pages; fonts differ between machines, so the range is wide, but one row per page or a
    // page that lost its content falls outside it.
    assert_pages(
        "L-0107",
        pdf_pages(&print_to_pdf(&browser, &dir, &gaps)),
        9..=26,
    );
    assert_pages(
        "L-0042",
        pdf_pages(&print_to_pdf(&browser, &dir, &ready)),
        7..=22,
    );
    check_dom(
        &browser,
        &dir,
        &gaps,
        &[
            "<title>Development plan for L-0107</title>",
            "What the evidence shows",
            "Working towards the Peer Support Worker profile",
            "20 of 28 areas shown so far",
            "In the learner's own words",
            "What your organisation is working on",
            "Where things stand",
            "Next steps",
            "How this was worked out",
            "Evidence ledger",
        ],
    );
    check_dom(
        &browser,
        &dir,
        &ready,
        &["Development plan for L-0042", "Evidence ledger"],
    );
    let layout = print_layout(&browser, &dir, &gaps);
    assert!(
        layout.contains(&"overflow 0".to_owned()),
        "wider than the page: {layout:?}"
    );
    let dates: Vec<&String> = layout.iter().filter(|l| l.starts_with("date ")).collect();
    assert!(dates.len() > 10, "{layout:?}");
    for date in dates {
        assert!(
            date.ends_with(" lines 1"),
            "a date is broken over lines: {date}"
        );
    }
    // The assessors' section starts a page of its own; nothing else does.
    for line in layout.iter().filter(|l| l.starts_with("section ")) {
        let expected = if line.starts_with("section s-worked-out ") {
            "page"
        } else {
            "auto"
        };
        assert!(line.ends_with(&format!(" break {expected}")), "{line}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cohort_page_prints() {
    let Some(browser) = browser() else { return };
    let dir = scratch("cohort");
    let page = dir.join("cohort.html");
    assess(&[
        "examples/evidence/learner-ready.yaml",
        "examples/evidence/learner-gaps.yaml",
        "examples/evidence/learner-forensic.yaml",
        "--cohort",
        &page.to_string_lossy(),
    ]);
    // Measured: 6 pages (the key and the forensic group, then the national framework's group
    // from a new page).
    assert_pages(
        "cohort",
        pdf_pages(&print_to_pdf(&browser, &dir, &page)),
        4..=10,
    );
    check_dom(
        &browser,
        &dir,
        &page,
        &[
            "<title>Cohort overview</title>",
            "Where each of 3 learners stands",
            "Key",
            "Patterns for planning support",
            "L-0042",
            "L-0107",
            "L-0311",
        ],
    );
    let layout = print_layout(&browser, &dir, &page);
    assert!(
        layout.contains(&"overflow 0".to_owned()),
        "wider than the page: {layout:?}"
    );
    // The first framework's heat map follows the key on the first page; each further one
    // starts a page.
    let groups: Vec<&String> = layout
        .iter()
        .filter(|l| l.starts_with("section group "))
        .collect();
    assert_eq!(groups.len(), 2, "{layout:?}");
    assert!(groups[0].ends_with(" break auto"), "{layout:?}");
    assert!(groups[1].ends_with(" break page"), "{layout:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
