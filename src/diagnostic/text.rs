//! Making text from input safe to show: in terminals, CI logs and annotations (escaped and
//! shortened, [`sanitize`]) and, for evidence, not shown at all ([`redact_parser_message`],
//! [`quote_token`]).

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

/// Removes the input value a parser quoted in its message, whatever the quotes: serde writes
/// `invalid type: string "…"`, `unknown variant `…``, `unknown field `…``; our own types
/// write `` `…` is not a date``. The schema's part (`, expected one of `a`, `b``) stays, and so
/// do numbers and booleans (`integer `16``), which cannot be text.
///
/// Used on every parser message about evidence, and about documents whose kind is unknown.
pub(crate) fn redact_parser_message(message: &str) -> String {
    // Field names in these come from the schema, never from the input.
    if message.starts_with("missing field `") || message.starts_with("duplicate field `") {
        return message.to_owned();
    }
    // serde's own messages end with the schema's part, after the last `, expected ` (or
    // `, there are no `), even if the value holds those words. Other messages (ours) put the
    // value first: everything from the first quote to the last is taken as the value.
    const SERDE: [&str; 5] = [
        "invalid type: ",
        "invalid value: ",
        "unknown variant ",
        "unknown field ",
        "invalid length ",
    ];
    let split = if SERDE.iter().any(|p| message.starts_with(p)) {
        [", expected ", ", there are no "]
            .iter()
            .filter_map(|marker| message.rfind(marker))
            .max()
            .unwrap_or(message.len())
    } else {
        message.len()
    };
    let (head, tail) = message.split_at(split);
    let Some(open) = head.find(['`', '"']) else {
        return message.to_owned();
    };
    let quote = if head.get(open..).is_some_and(|h| h.starts_with('`')) {
        '`'
    } else {
        '"'
    };
    let before = head.get(..open).unwrap_or_default();
    let rest = head.get(open + 1..).unwrap_or_default();
    let (value, after) = match rest.rfind(quote) {
        Some(close) => (
            rest.get(..close).unwrap_or_default(),
            rest.get(close..).unwrap_or_default(),
        ),
        None => (rest, ""),
    };
    if is_number_or_bool(value) {
        return message.to_owned();
    }
    format!("{before}{quote}…{after}{tail}")
}

fn is_number_or_bool(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    matches!(value, "true" | "false")
        || (digits.starts_with(|c: char| c.is_ascii_digit())
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_')))
}

/// A value from evidence, quoted for a message when it is a token (an id, a level, a
/// framework reference, a date: no spaces, at most 64 characters of letters, digits and
/// `._-/@^~<>=*+:`), and `` `…` `` otherwise: evidence text never reaches a diagnostic.
pub fn quote_token(value: &str) -> String {
    let token = !value.is_empty()
        && value.chars().count() <= 64
        && value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '.' | '_' | '-' | '/' | '@' | '^' | '~' | '<' | '>' | '=' | '*' | '+' | ':'
                )
        });
    if token {
        format!("`{value}`")
    } else {
        "`…`".to_owned()
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

    #[test]
    fn redacts_every_quoting_style() {
        let cases = [
            (
                "unknown variant `disclosed self-harm on the ward`, expected `demonstrated` or `not-yet`",
                "unknown variant `…`, expected `demonstrated` or `not-yet`",
            ),
            (
                "invalid type: string \"secret words\", expected a sequence",
                "invalid type: string \"…\", expected a sequence",
            ),
            (
                "invalid value: string \"a \\\"b\\\" c\", expected a date",
                "invalid value: string \"…\", expected a date",
            ),
            (
                "unknown field `my secret`, expected one of `id`, `kind`",
                "unknown field `…`, expected one of `id`, `kind`",
            ),
            (
                "`met J, expected more` is not a date in the calendar",
                "`…` is not a date in the calendar",
            ),
            (
                "invalid type: integer `16`, expected a number",
                "invalid type: integer `16`, expected a number",
            ),
            (
                "invalid type: sequence, expected a string",
                "invalid type: sequence, expected a string",
            ),
            (
                "unknown variant `x`, there are no variants",
                "unknown variant `…`, there are no variants",
            ),
            ("a lone `quote with secret", "a lone `…"),
            ("missing field `learner`", "missing field `learner`"),
            (
                "duplicate key `my secret` in the same mapping",
                "duplicate key `…` in the same mapping",
            ),
        ];
        for (message, redacted) in cases {
            assert_eq!(redact_parser_message(message), redacted, "{message}");
        }
    }

    #[test]
    fn quotes_only_tokens() {
        assert_eq!(quote_token("obs-2026-03-14"), "`obs-2026-03-14`");
        assert_eq!(quote_token("framework@^1.0"), "`framework@^1.0`");
        assert_eq!(quote_token("disclosed self-harm"), "`…`");
        assert_eq!(quote_token(&"a".repeat(65)), "`…`");
        assert_eq!(quote_token("a`b"), "`…`");
        assert_eq!(quote_token(""), "`…`");
    }
}
