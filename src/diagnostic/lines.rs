//! Line and column from byte offsets, in `O(log n)` a question: used to locate findings and
//! to show snippets. It depends on nothing but the text, so both the YAML module and the
//! renderers use it.

use super::Span;

/// The bytes per block of [`LineIndex`]'s tables: every lookup scans at most one block.
const BLOCK: usize = 64;

/// The widest token a span covers from its start; a longer token is cut (the location stays).
const MAX_TOKEN_BYTES: usize = 256;

/// Line and character counts at every [`BLOCK`]th byte, to turn byte offsets into line and
/// column, and the span parser's character offsets into byte offsets, in `O(log n)` each.
/// Costs a quarter of the text's size in memory.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Line breaks before each block.
    lines: Vec<usize>,
    /// Characters before each block; `None` when the text is ASCII (characters are bytes).
    chars: Option<Vec<usize>>,
}

/// Whether the byte at `i` ends a line: a line feed, or a carriage return not followed by one
/// (YAML, like libyaml, treats a lone CR as a line break; CRLF ends one line at its LF).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The line breaks ending in `from..to`.
fn breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to).filter(|&i| ends_line(bytes, i)).count()
}

fn is_char_start(byte: u8) -> bool {
    // Continuation bytes of UTF-8 are 0b10xx_xxxx.
    (byte as i8) >= -0x40
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let blocks = text.len() / BLOCK + 1;
        let mut lines = Vec::with_capacity(blocks);
        let mut chars = (!text.is_ascii()).then(|| Vec::with_capacity(blocks));
        let (mut line_count, mut char_count) = (0usize, 0usize);
        let bytes = text.as_bytes();
        for (n, block) in bytes.chunks(BLOCK).enumerate() {
            lines.push(line_count);
            line_count += breaks(bytes, n * BLOCK, n * BLOCK + block.len());
            if let Some(chars) = &mut chars {
                chars.push(char_count);
                char_count += block.iter().filter(|&&b| is_char_start(b)).count();
            }
        }
        if text.len() % BLOCK == 0 {
            // The block that starts at the end of the text (empty), so every offset has one.
            lines.push(line_count);
            if let Some(chars) = &mut chars {
                chars.push(char_count);
            }
        }
        LineIndex { text, lines, chars }
    }

    /// The text indexed.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// `offset` clamped into the text and moved back to a character boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The bytes from the start of `offset`'s block to `offset`, and that block's number.
    fn block_prefix(&self, offset: usize) -> (usize, &'a [u8]) {
        let block = offset / BLOCK;
        let bytes = self
            .text
            .as_bytes()
            .get(block * BLOCK..offset)
            .unwrap_or_default();
        (block, bytes)
    }

    /// Line breaks before `offset`.
    pub(crate) fn newlines_before(&self, offset: usize) -> usize {
        let (block, prefix) = self.block_prefix(offset);
        let before = self.lines.get(block).copied().unwrap_or(0);
        let from = block * BLOCK;
        before + breaks(self.text.as_bytes(), from, from + prefix.len())
    }

    /// Characters before `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let Some(chars) = &self.chars else {
            return offset;
        };
        let (block, prefix) = self.block_prefix(offset);
        let before = chars.get(block).copied().unwrap_or(0);
        before + prefix.iter().filter(|&&b| is_char_start(b)).count()
    }

    /// The byte offset of the character at `char_index` (the span parser counts characters);
    /// the end of the text when there are fewer characters.
    pub(crate) fn byte_of_char(&self, char_index: usize) -> usize {
        let Some(chars) = &self.chars else {
            return char_index.min(self.text.len());
        };
        let block = chars
            .partition_point(|&c| c <= char_index)
            .saturating_sub(1);
        let mut count = chars.get(block).copied().unwrap_or(0);
        let from = block * BLOCK;
        let rest = self.text.as_bytes().get(from..).unwrap_or_default();
        for (i, &byte) in rest.iter().enumerate() {
            if is_char_start(byte) {
                if count == char_index {
                    return from + i;
                }
                count += 1;
            }
        }
        self.text.len()
    }

    /// The byte offset where 1-based `line` starts, if the text has that many lines.
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        let wanted = line.checked_sub(1)?;
        if wanted == 0 {
            return Some(0);
        }
        // The block holding the `wanted`th line feed: the last with fewer before it.
        let block = self.lines.partition_point(|&n| n < wanted).checked_sub(1)?;
        let mut count = self.lines.get(block).copied()?;
        let from = block * BLOCK;
        let bytes = self.text.as_bytes();
        for i in from..bytes.len() {
            if ends_line(bytes, i) {
                count += 1;
                if count == wanted {
                    return Some(i + 1);
                }
            }
        }
        None
    }

    /// The byte offset where the line holding `offset` ends, before its line break.
    pub(crate) fn line_end(&self, offset: usize) -> usize {
        let line = self.newlines_before(offset) + 1;
        let start = self.line_start(line).unwrap_or(0);
        let end = self
            .line_start(line + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1))
            .max(start);
        // A CR before `end` belongs to this line's CRLF break, unless the line is empty: an
        // empty last line after a lone CR must not end before it starts.
        let line_text = self.text.as_bytes().get(start..end).unwrap_or_default();
        if line_text.last() == Some(&b'\r') {
            end - 1
        } else {
            end
        }
    }

    /// Line and column (1-based, column in characters) of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.newlines_before(offset) + 1;
        let start = self.line_start(line).unwrap_or(0).min(offset);
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (line, column)
    }

    /// The span of a byte range.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let start = self.clamp(start);
        let end = self.clamp(end.max(start));
        let (line, column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end);
        Span {
            line,
            column,
            end_line,
            end_column: if end_line == line {
                end_column.max(column + 1)
            } else {
                end_column
            },
            start,
            end,
        }
    }

    /// The span of a whole line (1-based), without its line break.
    pub(crate) fn line_span(&self, line: usize) -> Option<Span> {
        let start = self.line_start(line)?;
        Some(self.span(start, self.line_end(start)))
    }

    /// The byte offset of a 1-based line and column (in characters), within that line.
    pub(crate) fn offset_at(&self, line: usize, column: usize) -> Option<usize> {
        let line_start = self.line_start(line)?;
        let first = self.chars_before(line_start);
        let offset = self.byte_of_char(first + column.saturating_sub(1));
        Some(offset.min(self.line_end(line_start)))
    }

    /// The span of the token at a byte offset: to the end of the word (at most
    /// [`MAX_TOKEN_BYTES`]), or the one bracket that opens a collection.
    pub(crate) fn span_at(&self, offset: usize) -> Span {
        let start = self.clamp(offset);
        let tail = self.text.get(start..).unwrap_or_default();
        if tail.starts_with(['[', '{']) {
            return self.span(start, start + 1);
        }
        let window = self.text.get(start..self.clamp(start + MAX_TOKEN_BYTES));
        let window = window.unwrap_or_default();
        let len = window
            .find(['\n', '\r', ':', ',', ']', '}'])
            .unwrap_or(window.len());
        let len = window.get(..len).map_or(0, |t| t.trim_end().len());
        let one = tail.chars().next().map_or(0, char::len_utf8);
        self.span(start, start + len.max(one))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_and_crlf_ends_one() {
        for text in [
            "a: 1\nb: 2\nc: 3",
            "a: 1\rb: 2\rc: 3",
            "a: 1\r\nb: 2\r\nc: 3",
        ] {
            let index = LineIndex::new(text);
            let c = text.find('c').unwrap_or_default();
            let span = index.span(c, c + 1);
            assert_eq!((span.line, span.column), (3, 1), "{text:?}");
            assert_eq!(
                index.line_start(2).and_then(|s| text.get(s..s + 1)),
                Some("b")
            );
            let first = index.line_span(1).map(|s| (s.start, s.end));
            assert_eq!(first, Some((0, 4)), "{text:?}");
        }
    }

    #[test]
    fn a_break_across_a_block_boundary_counts_once() {
        let mut text = "x".repeat(BLOCK - 1);
        text.push_str("\r\nnext");
        let index = LineIndex::new(&text);
        let n = text.find("next").unwrap_or_default();
        assert_eq!(index.span(n, n + 4).line, 2);
        let mut lone = "x".repeat(BLOCK - 1);
        lone.push_str("\rnext");
        let index = LineIndex::new(&lone);
        let n = lone.find("next").unwrap_or_default();
        assert_eq!(index.span(n, n + 4).line, 2);
    }

    /// Found by the `load` fuzz target: a file ending in a lone CR has an empty last line, which
    /// must not end before it starts (the snippet subtracted one from the other).
    #[test]
    fn an_empty_last_line_after_a_lone_cr_ends_where_it_starts() {
        for text in ["a: 1\r", "a: 1\rb: 2\r", "a: 1\r\n", "a: 1\n"] {
            let index = LineIndex::new(text);
            let line = index.span(text.len(), text.len()).line;
            assert_eq!(index.line_start(line), Some(text.len()), "{text:?}");
            assert_eq!(index.line_end(text.len()), text.len(), "{text:?}");
        }
    }
}
