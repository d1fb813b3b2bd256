//! The Markdown plan with hostile framework and evidence text: whatever the text says, the
//! plan has exactly the structure the renderer writes (its headings, list items and table
//! rows) and no link, image, code or HTML of the text's own; ordinary text reads unchanged.

use competence::assess::Assessor;
use competence::catalog::Catalog;
use competence::model::{Document, EvidenceRecord};
use competence::{Limits, load_str, report, tailor};

/// A base framework whose every text tries to add structure to a Markdown page.
const BASE: &str = r##"
format: competence/1
kind: framework
id: hostile
version: 1.0.0
title: "Hostile\n## Injected heading | col <script>alert('x')</script>"
scale:
  - { id: developing, title: "- Developing\n# Injected level" }
  - { id: established, title: "> Established | `tick` [x](javascript:alert(1))" }
domains:
  - id: relational
    code: "1."
    title: "# Relational\n\n| a | b |\n|---|---|"
    competencies:
      - id: listening
        code: "#"
        title: "Listening\n## Injected competency ##"
        indicators:
          - { id: reflects, text: "1. Reflects back <b>what</b> they heard\n- injected item", level: established }
          - { id: checks, text: "![img](https://tracker.example/p.png) checks *understanding*", level: established }
      - id: sharing
        title: "<img src=x onerror=alert(1)> Sharing ~~struck~~ __bold__"
        indicators:
          - { id: purposeful, text: "---" }
      - id: boundaries
        title: "+ Boundaries\u0007\u202Ereversed"
        indicators:
          - { id: holds, text: "```\nfenced\n```" }
roles:
  - id: psw
    title: "Peer | worker\n# Injected role"
    targets: { relational: established }
assessment:
  evidence:
    observation: { weight: 1.0, independent: true }
  sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true, require_indicators: true }
"##;

/// A tailoring of it, for a context and an exclusion rationale.
const TAILORING: &str = r##"
format: competence/1
kind: framework
id: hostile-local
version: 1.0.0
title: "[Local](javascript:alert(1)) tailoring"
extends: hostile@1
context: "Wards\n# Injected context\n> quoted | piped"
tailoring:
  exclude:
    - id: boundaries
      rationale: "- Not here\n## Injected rationale\n<script>x</script>"
"##;

fn framework() -> tailor::ResolvedFramework {
    let mut catalog = Catalog::new();
    for text in [BASE, TAILORING] {
        let found = catalog.add_text(None, text, &Limits::default()).diagnostics;
        assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
    }
    let reference = "hostile-local".parse().unwrap();
    let resolution = tailor::resolve(&catalog, &reference).unwrap();
    assert!(!resolution.has_errors(), "{:#?}", resolution.diagnostics);
    resolution.framework.unwrap()
}

/// A record whose ids are valid but shaped like Markdown (`1.`), one item not yet shown.
fn record() -> EvidenceRecord {
    let text = "format: competence/1\nkind: evidence\nlearner: L_1_\nframework: hostile-local\nevidence:\n  - id: \"1.\"\n    kind: observation\n    date: 2026-01-10\n    outcome: not-yet\n    summary: \"SECRET <summary> text\"\n    claims: [listening]\n  - id: obs_2\n    kind: observation\n    date: 2026-01-11\n    claims:\n      - { competency: sharing, level: developing, indicators: [purposeful] }\n";
    let loaded = load_str(None, text, &Limits::default());
    match loaded.documents.into_iter().next() {
        Some((_, Document::Evidence(record))) => *record,
        other => panic!("not evidence: {other:?}"),
    }
}

fn plan() -> String {
    let framework = framework();
    let record = record();
    let assessment = Assessor::new(framework)
        .role("psw")
        .as_of("2026-11-27".parse().unwrap())
        .assess(&record)
        .unwrap();
    report::markdown::render(&assessment)
}

/// Positions of `c` in `line` that no backslash escapes.
fn unescaped(line: &str, c: char) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for x in line.chars() {
        if escaped {
            escaped = false;
        } else if x == '\\' {
            escaped = true;
        } else if x == c {
            count += 1;
        }
    }
    count
}

/// The contents of the code spans of `line` (between unescaped backticks).
fn code_spans(line: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut open: Option<String> = None;
    let mut escaped = false;
    for c in line.chars() {
        match (c, escaped, open.as_mut()) {
            (_, true, _) => escaped = false,
            ('\\', false, None) => escaped = true,
            ('`', false, Some(_)) => spans.extend(open.take()),
            ('`', false, None) => open = Some(String::new()),
            (c, false, Some(span)) => span.push(c),
            _ => {}
        }
    }
    spans
}

/// Whether `line` has an unescaped `_` that is not between two letters or digits.
fn emphasis_underscore(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let mut escaped = false;
    for (n, &c) in chars.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
        } else if c == '_' {
            let before = n.checked_sub(1).and_then(|p| chars.get(p));
            let after = chars.get(n + 1);
            if !(before.is_some_and(|c| c.is_alphanumeric())
                && after.is_some_and(|c| c.is_alphanumeric()))
            {
                return true;
            }
        }
    }
    false
}

#[test]
fn headings_are_only_the_plans_own() {
    let md = plan();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    let shapes: Vec<String> = headings
        .iter()
        .map(|h| h.split(' ').next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        shapes,
        [
            "#", "##", "##", "##", "###", "##", "###", "###", "##", "##", "###"
        ],
        "{md}"
    );
    let fixed: Vec<&&str> = headings.iter().filter(|h| h.starts_with("## ")).collect();
    assert_eq!(
        fixed,
        [
            &"## What the evidence shows",
            &"## Progress towards the profile",
            &"## Where things stand",
            &"## Next steps",
            &"## Not applicable here",
            &"## How this was worked out"
        ],
        "{md}"
    );
    // The hostile text is there, on the heading's own line, escaped.
    assert!(md.contains("# Development plan for L_1\\_\n"), "{md}");
    assert!(
        md.contains("### 1\\. # Relational \\| a \\| b \\| \\|---\\|---\\|\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "### \\# Listening ## Injected competency ## (working towards &gt; Established"
        ),
        "{md}"
    );
    assert!(!md.contains("\n## Injected"), "{md}");
}

#[test]
fn lines_start_only_with_the_plans_own_markers() {
    let md = plan();
    for line in md.lines() {
        let body = if let Some(rest) = line.strip_prefix("  - ") {
            rest
        } else if let Some(rest) = line.strip_prefix("- ") {
            rest
        } else if line.starts_with('#') || line.starts_with('|') || line.is_empty() {
            continue;
        } else {
            // A sentence of the plan's own.
            let own = [
                "**",
                "Every claim",
                "Still to come",
                "No area of the profile",
                "Also shown",
                "For each area",
                "0 of 2 areas",
            ];
            assert!(
                own.iter().any(|p| line.starts_with(p)),
                "unexpected line: {line:?}\n{md}"
            );
            continue;
        };
        // The plan's own bold at the start of an item; the text inside must not start a block.
        let body = body.strip_prefix("**").unwrap_or(body);
        let first = body.chars().next().unwrap_or(' ');
        assert!(
            !matches!(
                first,
                '#' | '>' | '<' | '`' | '~' | '*' | '+' | '-' | '[' | '|'
            ),
            "a list item starts a block: {line:?}\n{md}"
        );
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        assert!(
            !(digits > 0 && matches!(body[digits..].chars().next(), Some('.' | ')'))),
            "a list item starts an ordered list: {line:?}\n{md}"
        );
    }
}

#[test]
fn table_rows_keep_their_columns() {
    let md = plan();
    let mut rows = 0;
    for line in md.lines().filter(|l| l.starts_with('|')) {
        rows += 1;
        let pipes = unescaped(line, '|');
        assert!(
            pipes == 5 || pipes == 7,
            "{pipes} cell borders in {line:?}\n{md}"
        );
    }
    // Two domain rows + header + rule; the assessors' table and the ledger, each with a
    // header, a rule and two rows.
    assert!(rows >= 12, "{md}");
    let (plan_table, assessors) = md.split_once("## How this was worked out").unwrap();
    for line in plan_table.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(unescaped(line, '|'), 5, "{line}");
    }
    for line in assessors.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(unescaped(line, '|'), 7, "{line}");
    }
}

#[test]
fn no_html_links_images_or_code_of_the_texts_own() {
    let md = plan();
    assert!(!md.contains('<'), "raw HTML: {md}");
    assert!(md.contains("&lt;script&gt;x&lt;/script&gt;"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    for line in md.lines() {
        assert_eq!(unescaped(line, '['), 0, "a link or image: {line}");
        assert_eq!(unescaped(line, ']'), 0, "a link or image: {line}");
        assert_eq!(unescaped(line, '~'), 0, "strikethrough or a fence: {line}");
        assert!(!emphasis_underscore(line), "emphasis: {line}");
        // `*` only as the plan's own bold: one run at the start of a line or list item.
        if line.starts_with("**") || line.starts_with("- **") {
            assert_eq!(unescaped(line, '*'), 4, "emphasis: {line}");
        } else {
            assert_eq!(unescaped(line, '*'), 0, "emphasis: {line}");
        }
        // Backticks only around plain ids.
        assert_eq!(unescaped(line, '`') % 2, 0, "an open code span: {line}");
        for span in code_spans(line) {
            assert!(
                span.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-@+".contains(c)),
                "code span {span:?} in {line}"
            );
        }
    }
    // Control and bidirectional characters are gone; evidence text never appears.
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
    assert!(!md.contains('\u{202E}'));
    assert!(!md.contains("SECRET"));
}

#[test]
fn hostile_text_still_reads_as_written() {
    let md = plan();
    for expected in [
        "- Framework: \\[Local\\](javascript:alert(1)) tailoring (`hostile-local@1.0.0`)",
        "- Context: Wards # Injected context &gt; quoted \\| piped",
        "- Profile: Peer \\| worker # Injected role (`psw`)",
        "  - 1\\. Reflects back &lt;b&gt;what&lt;/b&gt; they heard - injected item\n",
        "  - !\\[img\\](https://tracker.example/p.png) checks \\*understanding\\*",
        "- **\\+ Boundaries reversed** (`boundaries`): - Not here ## Injected rationale &lt;script&gt;x&lt;/script&gt; (`hostile-local@1.0.0`)",
        "- 1\\. (2026-01-10) was recorded as not yet",
        "| 1\\. | observation | 2026-01-10 | – | listening | not-yet |",
        "| obs_2 | observation | 2026-01-11 | – | sharing | counted |",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
}
