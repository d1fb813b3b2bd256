//! Escaping framework and evidence text for Markdown, so that whatever a framework or record
//! says, it reads as text in the report and never as structure: no headings, lists, quotes,
//! tables, links, images, code or raw HTML of its own.
//!
//! [`inline`] is for text placed anywhere on a line (a heading, a list item, a table cell, a
//! sentence); [`code`] is for ids shown in a code span.

/// `text` as Markdown inline content that renders as the text itself, on one line.
///
/// - Line breaks, tabs, other control characters and bidirectional formatting characters
///   are folded, with the spaces around them, into single spaces; leading and trailing space
///   is trimmed. Table rows and list items stay on their line.
/// - `\` `` ` `` `*` `[` `]` `|` `~` are backslash-escaped everywhere, and `_` except between
///   two letters or digits (where it cannot start emphasis): no emphasis, code spans, links,
///   images, strikethrough, task boxes or table cells come from the text.
/// - `<`, `>` and `&` become `&lt;`, `&gt;` and `&amp;`: no raw HTML, autolinks or character
///   references, whether or not the viewer renders HTML.
/// - What starts a block when it starts a line (a list item's text starts a block) is escaped
///   at the start of the text: `#`, and `-`, `+` or a number with `.` or `)` followed by a
///   space (and `-` followed by `-`, a thematic break). A closing run of `#` at the end (which an ATX heading would drop) is escaped too.
///
/// Everything else is left as it is, so ordinary sentences read unchanged: full stops,
/// hyphens, `#` inside a sentence, quotes and parentheses are not escaped.
pub(crate) fn inline(text: &str) -> String {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() + folded.len() / 8 + 4);
    let list_marker = list_marker_at_start(&chars);
    let closing_hashes = closing_hash_run(&chars);
    let mut prev: Option<char> = None;
    for (n, &c) in chars.iter().enumerate() {
        let next = chars.get(n + 1).copied();
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            '#' if n == 0 || Some(n) == closing_hashes => {
                out.push_str("\\#");
            }
            _ if Some(n) == list_marker => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// `id` in a code span. Ids and `id@version` names cannot hold a backtick, a pipe or a line
/// break; anything that does (an id no one validated) is written as escaped text instead.
pub(crate) fn code(id: &str) -> String {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+'));
    if plain { format!("`{id}`") } else { inline(id) }
}

/// Characters that do not belong inside one line of text: every control character (line
/// breaks and tabs included) and the bidirectional embedding, override and isolate controls,
/// which can make text display in another order than it reads.
pub(crate) fn breaks_a_line(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_bidi_control(c)
}

/// U+202A–U+202E and U+2066–U+2069.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The words of `text` joined by single spaces.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(breaks_a_line).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Where the text starts a list item or a thematic break: the position of the marker to
/// escape (`-` or `+` first, or the `.` or `)` after leading digits), when a space or the end
/// follows it (or, for `-`, another `-`).
fn list_marker_at_start(chars: &[char]) -> Option<usize> {
    let at = match chars.first()? {
        // `-` also when another follows: `- --` would be a thematic break.
        '-' if chars.get(1) == Some(&'-') => return Some(0),
        '-' | '+' => 0,
        c if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            match chars.get(digits) {
                Some('.' | ')') => digits,
                _ => return None,
            }
        }
        _ => return None,
    };
    match chars.get(at + 1) {
        None | Some(' ') => Some(at),
        _ => None,
    }
}

/// The first `#` of a run of `#` that ends the text after a space: an ATX heading's closing
/// sequence, which would be dropped.
fn closing_hash_run(chars: &[char]) -> Option<usize> {
    let run = chars.iter().rev().take_while(|&&c| c == '#').count();
    let start = chars.len().checked_sub(run)?;
    (run > 0 && start > 0 && chars.get(start - 1) == Some(&' ')).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::{code, inline};

    #[test]
    fn ordinary_text_reads_unchanged() {
        for text in [
            "Drawing on and sharing lived experience",
            "Chooses what, when and why to share, for the other person's benefit.",
            "Self-harm and suicide prevention (3.2) — working with risk",
            "Peer support in C# and F#: issue #5",
            "snake_case_words and L-0042",
            "1.5 days; 2) two",
            "\"Quoted\" and (bracketed) text!",
        ] {
            assert_eq!(inline(text), text);
        }
    }

    #[test]
    fn line_breaks_and_controls_fold_to_spaces() {
        assert_eq!(inline("  a\n\n## b\r\n\tc  "), "a ## b c");
        assert_eq!(inline("a\u{0}b\u{1b}[31mc"), "a b \\[31mc");
        assert_eq!(inline("a\u{202E}b\u{2066}c"), "a b c");
        assert_eq!(inline("a\u{2028}b\u{85}c"), "a b c");
        assert_eq!(inline("\n\n"), "");
    }

    #[test]
    fn inline_constructs_are_escaped() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(
            inline("[link](javascript:alert(1))"),
            "\\[link\\](javascript:alert(1))"
        );
        assert_eq!(inline("![img](x)"), "!\\[img\\](x)");
        assert_eq!(
            inline("`code` and ``more``"),
            "\\`code\\` and \\`\\`more\\`\\`"
        );
        assert_eq!(
            inline("*em* _em_ ~~del~~"),
            "\\*em\\* \\_em\\_ \\~\\~del\\~\\~"
        );
        assert_eq!(inline("a\\b"), "a\\\\b");
        assert_eq!(
            inline("<script>alert('x')</script> & &amp; <https://x>"),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &amp;amp; &lt;https://x&gt;"
        );
    }

    #[test]
    fn block_starts_are_escaped_at_the_start_only() {
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("#hashtag"), "\\#hashtag");
        assert_eq!(inline("> quote"), "&gt; quote");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("-"), "\\-");
        assert_eq!(inline("---"), "\\---");
        assert_eq!(inline("--"), "\\--");
        assert_eq!(inline("- - -"), "\\- - -");
        assert_eq!(inline("1. item"), "1\\. item");
        assert_eq!(inline("12) item"), "12\\) item");
        assert_eq!(inline("1."), "1\\.");
        assert_eq!(inline("-1 degrees"), "-1 degrees");
        assert_eq!(inline("3.2 Sharing"), "3.2 Sharing");
        assert_eq!(inline("a - b 1. c"), "a - b 1. c");
        assert_eq!(inline("Title ##"), "Title \\##");
        assert_eq!(inline("Title#"), "Title#");
    }

    #[test]
    fn ids_go_in_code_spans_only_when_plain() {
        assert_eq!(
            code("sharing-lived-experience"),
            "`sharing-lived-experience`"
        );
        assert_eq!(code("psw@1.0.0+build.1"), "`psw@1.0.0+build.1`");
        assert_eq!(code("a`b"), "a\\`b");
        assert_eq!(code("a|b\nc"), "a\\|b c");
        assert_eq!(code(""), "");
    }
}
