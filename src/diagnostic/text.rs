//! Making text from input safe to show in terminals, CI logs and annotations: escaped and
//! shortened ([`sanitize`]).

/// The most characters of one quoted value a message shows; longer values end in `…`.
pub const MAX_QUOTED_CHARS: usize = 80;

/// The most characters of one message; a longer one ends in `…`.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Escapes control characters and invisible formatting characters (bidirectional overrides
/// such as U+202E, zero-width characters, line and paragraph separators) as `\u{202e}`, and
/// `\t`, `\n`, `\r` as such, so a value cannot rewrite a terminal line or reorder what is
/// shown; shortens each quoted value (between backticks or double quotes) to
/// [`MAX_QUOTED_CHARS`] and the whole text to [`MAX_MESSAGE_CHARS`], ending each cut with `…`.
///
/// Every renderer passes messages, help, notes, paths and file names through this; applying
/// it twice changes nothing more.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS + 8));
    let mut quote: Option<char> = None;
    let mut inside = 0usize;
    let mut cut = false;
    let mut escaped = false;
    let mut total = 0usize;
    for c in text.chars() {
        if total > MAX_MESSAGE_CHARS {
            break;
        }
        match quote {
            None if c == '`' || c == '"' => {
                quote = Some(c);
                (inside, cut, escaped) = (0, false, false);
            }
            None => {}
            Some(q) => {
                let closes = c == q && !escaped;
                escaped = q == '"' && c == '\\' && !escaped;
                if closes {
                    quote = None;
                } else {
                    if cut {
                        continue;
                    }
                    let width = escaped_width(c, false);
                    if inside + width >= MAX_QUOTED_CHARS {
                        out.push('…');
                        total += 1;
                        cut = true;
                        continue;
                    }
                    inside += width;
                }
            }
        }
        total += escaped_width(c, false);
        push_escaped(&mut out, c, false);
    }
    if total > MAX_MESSAGE_CHARS {
        let keep = out
            .char_indices()
            .nth(MAX_MESSAGE_CHARS - 1)
            .map_or(out.len(), |(at, _)| at);
        out.truncate(keep);
        out.push('…');
    }
    out
}

/// Escapes as [`sanitize`] does, without shortening anything (for file names).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c, false);
    }
    out
}

/// Whether `c` is shown escaped: control characters, and formatting characters that are
/// invisible or change the order or lines of what is shown.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Appends `c`, escaped if [`needs_escape`] says so (a tab kept as it is when `keep_tab`).
pub(crate) fn push_escaped(out: &mut String, c: char, keep_tab: bool) {
    use std::fmt::Write;
    match c {
        '\t' if keep_tab => out.push('\t'),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// How many characters [`push_escaped`] writes for `c`.
pub(crate) fn escaped_width(c: char, keep_tab: bool) -> usize {
    match c {
        '\t' if keep_tab => 1,
        '\t' | '\n' | '\r' => 2,
        c if needs_escape(c) => format!("{:x}", u32::from(c)).len() + 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(
            sanitize("id `a\u{202e}b` has\ta\nnew line\u{0}"),
            "id `a\\u{202e}b` has\\ta\\nnew line\\u{0}"
        );
        assert_eq!(sanitize("plain `text`, \"é\""), "plain `text`, \"é\"");
    }

    #[test]
    fn shortens_long_values_and_messages() {
        let long = "x".repeat(10_000);
        let shown = sanitize(&format!("`{long}` is not a valid id"));
        assert_eq!(
            shown.chars().count(),
            MAX_QUOTED_CHARS + 2 + " is not a valid id".len()
        );
        assert!(shown.starts_with("`xxx") && shown.ends_with("x…` is not a valid id"));
        assert_eq!(sanitize(&shown), shown);
        let escaped = sanitize(&format!("\"{}\"", "\u{202e}".repeat(100)));
        assert!(escaped.chars().count() <= MAX_QUOTED_CHARS + 2, "{escaped}");
        assert_eq!(sanitize(&escaped), escaped);
        let message = sanitize(&"word ".repeat(1000));
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
        assert_eq!(sanitize(&message), message);
        // A quote inside a double-quoted value does not end it early.
        let quoted = sanitize(&format!("string \"a\\\"{long}\", expected text"));
        assert!(quoted.ends_with("…\", expected text"), "{quoted}");
    }
}
