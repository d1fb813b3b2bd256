//! A fast path for the usual JSON Lines record: one line, read in place from the reader's
//! buffer, with no escapes in its strings, no `null`s and each field at most once.
//!
//! It accepts a strict subset of what `serde_json` accepts and builds the same
//! [`EvidenceRecord`]: every string goes through the model's own `Deserialize` impl, so ids,
//! dates, references, texts and enums are read exactly as `serde_json` reads them. Anything
//! else (an escape, a number, a `null`, an unknown, repeated or missing field, a control
//! character, invalid UTF-8, a line that does not end in a newline within the limit) gives
//! `None`, and the caller reads the line the ordinary way, which accepts it or reports it.
//! So this path never decides what is valid; it only skips the general machinery when the
//! answer is already known to be "parses".

use crate::model::{Claim, EvidenceItem, EvidenceRecord, Id};
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, Error as PlainError};

/// Reads one record from the start of `bytes`: the record and the length of its line,
/// newline included. `items` is a reused buffer (emptied here).
pub(super) fn record(
    bytes: &[u8],
    items: &mut Vec<EvidenceItem>,
) -> Option<(EvidenceRecord, usize)> {
    let line = bytes.get(..=newline(bytes)?)?;
    let text = std::str::from_utf8(line).ok()?;
    items.clear();
    let read = read_record(
        &mut Cursor {
            text,
            bytes: text.as_bytes(),
            at: 0,
        },
        items,
    );
    if read.is_none() {
        items.clear();
    }
    read
}

/// The index of the first newline in `bytes`, eight bytes at a time.
fn newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_ne_bytes(chunk.try_into().ok()?) ^ NEWLINES;
        // A zero byte of `word` is a newline of the chunk.
        if word.wrapping_sub(ONES) & !word & HIGH != 0 {
            break;
        }
        at += 8;
    }
    let found = bytes.get(at..)?.iter().position(|&b| b == b'\n')?;
    Some(at + found)
}

/// A string as the model's own `Deserialize` impl reads it.
fn de<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    T::deserialize(BorrowedStrDeserializer::<PlainError>::new(text)).ok()
}

/// A position in one line, already checked to be UTF-8.
struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    /// Skips JSON whitespace within the line (a newline ends the line, so it is not skipped).
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    /// A string with no escape and no control character.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let from = self.at;
        let len = self
            .bytes
            .get(from..)?
            .iter()
            // The quote, a backslash (an escape, left to serde_json) and control characters
            // (which JSON does not allow in strings) end the plain part of a string.
            .position(|&b| matches!(b, b'"' | b'\\' | 0..=0x1f))?;
        let to = from + len;
        self.at = to;
        self.eat(b'"')?;
        self.text.get(from..to)
    }

    /// The members of an object, each handed to `member` with its key; `None` from it stops.
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Cursor<'a>, &'a str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            member(self, key)?;
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    /// The elements of an array, each handed to `element`.
    fn array(&mut self, mut element: impl FnMut(&mut Cursor<'a>) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            element(self)?;
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b']' => return Some(()),
                _ => return None,
            }
        }
    }

    /// A string read as `T`.
    fn value<T: Deserialize<'a>>(&mut self) -> Option<T> {
        de(self.string()?)
    }

    /// An array of ids.
    fn ids(&mut self) -> Option<Vec<Id>> {
        let mut ids = Vec::new();
        self.array(|c| {
            ids.push(c.value()?);
            Some(())
        })?;
        Some(ids)
    }
}

/// Marks field `bit` as seen; `None` when it was already.
fn once(seen: &mut u16, bit: u16) -> Option<()> {
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}

fn read_record(
    c: &mut Cursor<'_>,
    items: &mut Vec<EvidenceItem>,
) -> Option<(EvidenceRecord, usize)> {
    c.ws();
    let (mut format, mut kind, mut learner, mut framework) = (None, None, None, None);
    let mut evidence = false;
    let mut seen = 0u16;
    c.object(|c, key| {
        match key {
            "format" => {
                once(&mut seen, 1)?;
                format = Some(c.value::<String>()?);
            }
            "kind" => {
                once(&mut seen, 2)?;
                kind = Some(c.value()?);
            }
            "learner" => {
                once(&mut seen, 4)?;
                learner = Some(c.value()?);
            }
            "framework" => {
                once(&mut seen, 8)?;
                framework = Some(c.value()?);
            }
            "evidence" => {
                once(&mut seen, 16)?;
                evidence = true;
                c.array(|c| {
                    items.push(item(c)?);
                    Some(())
                })?;
            }
            _ => return None,
        }
        Some(())
    })?;
    // The line ends here: only whitespace before its newline.
    c.ws();
    c.eat(b'\n')?;
    let mut record = EvidenceRecord::new(learner?, framework?);
    record.format = format?;
    record.kind = kind?;
    if evidence {
        // One allocation of the right size; the buffer keeps its own.
        record.evidence = Vec::with_capacity(items.len());
        record.evidence.append(items);
    }
    Some((record, c.at))
}

fn item(c: &mut Cursor<'_>) -> Option<EvidenceItem> {
    let (mut id, mut kind, mut date) = (None, None, None);
    let (mut assessor, mut outcome, mut summary, mut link) = (None, None, None, None);
    let mut role = None;
    let mut claims = Vec::new();
    let mut seen = 0u16;
    c.object(|c, key| {
        match key {
            "id" => {
                once(&mut seen, 1)?;
                id = Some(c.value()?);
            }
            "kind" => {
                once(&mut seen, 2)?;
                kind = Some(c.value()?);
            }
            "date" => {
                once(&mut seen, 4)?;
                date = Some(c.value()?);
            }
            "assessor" => {
                once(&mut seen, 8)?;
                assessor = Some(c.value()?);
            }
            "outcome" => {
                once(&mut seen, 16)?;
                outcome = Some(c.value()?);
            }
            "summary" => {
                once(&mut seen, 32)?;
                summary = Some(c.value()?);
            }
            "link" => {
                once(&mut seen, 64)?;
                link = Some(c.value()?);
            }
            "assessor_role" => {
                once(&mut seen, 256)?;
                role = Some(c.value()?);
            }
            "claims" => {
                once(&mut seen, 128)?;
                c.array(|c| {
                    claims.push(claim(c)?);
                    Some(())
                })?;
            }
            _ => return None,
        }
        Some(())
    })?;
    let mut item = EvidenceItem::new(id?, kind?, date?);
    item.assessor = assessor;
    item.assessor_role = role;
    if let Some(outcome) = outcome {
        item.outcome = outcome;
    }
    item.summary = summary;
    item.link = link;
    item.claims = claims;
    Some(item)
}

fn claim(c: &mut Cursor<'_>) -> Option<Claim> {
    if c.peek()? == b'"' {
        return c.value();
    }
    let (mut competency, mut level, mut indicators) = (None, None, None);
    let mut seen = 0u16;
    c.object(|c, key| {
        match key {
            "competency" => {
                once(&mut seen, 1)?;
                competency = Some(c.value()?);
            }
            "level" => {
                once(&mut seen, 2)?;
                level = Some(c.value()?);
            }
            "indicators" => {
                once(&mut seen, 4)?;
                indicators = Some(c.ids()?);
            }
            _ => return None,
        }
        Some(())
    })?;
    let mut claim = Claim::new(competency?);
    claim.level = level;
    claim.indicators = indicators.unwrap_or_default();
    Some(claim)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` (with its newline) read by the fast path, checked against `serde_json`: when the
    /// fast path reads it, `serde_json` reads the same record from the same text.
    fn agrees(line: &[u8]) -> bool {
        let mut items = Vec::new();
        let Some((fast, len)) = record(line, &mut items) else {
            return false;
        };
        assert_eq!(len, line.len(), "{}", String::from_utf8_lossy(line));
        let text = std::str::from_utf8(line).unwrap_or_else(|e| panic!("{e}"));
        let slow: EvidenceRecord = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("fast path read what serde_json rejects ({e}): {text}"));
        assert_eq!(fast, slow, "{text}");
        true
    }

    const FULL: &str = r#"{"format":"competence/1","kind":"evidence","learner":"L-1","framework":"f@^1.0","evidence":[{"id":"e1","kind":"observation","date":"2026-03-14","assessor":"A-7","assessor_role":"senior-peer","outcome":"not-yet","summary":"Observed a session. é","link":"https://example.org/x","claims":["c1",{"competency":"c2","level":"established","indicators":["i1","i2"]},{"competency":"c3"}]},{"id":"e2","kind":"k","date":"2024-02-29","claims":[]}]}"#;

    #[test]
    fn reads_what_serde_json_reads() {
        for line in [
            format!("{FULL}\n"),
            format!(" \t{FULL} \r\n"),
            "{\"format\":\"competence/1\",\"kind\":\"evidence\",\"learner\":\"L\",\"framework\":\"f\"}\n".to_owned(),
            "{ \"evidence\" : [ ] , \"framework\" : \"f\" , \"learner\" : \"L\" , \"kind\" : \"framework\" , \"format\" : \"x\" }\n".to_owned(),
        ] {
            assert!(agrees(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn leaves_the_rest_to_serde_json() {
        for line in [
            FULL.to_owned(),                                      // no newline
            format!("\u{feff}{FULL}\n"),                          // a byte-order mark
            format!("{FULL} x\n"),                                // trailing text
            FULL.replace("L-1", "L\\u002d1") + "\n",              // an escape
            FULL.replace("\"A-7\"", "null") + "\n",               // a null
            FULL.replace("\"link\"", "\"secret\"") + "\n",        // an unknown field
            FULL.replace("\"link\"", "\"summary\"") + "\n",       // a repeated field
            FULL.replace("\"learner\":\"L-1\",", "") + "\n",      // a missing field
            FULL.replace("2026-03-14", "2026-02-30") + "\n",      // an invalid date
            FULL.replace("not-yet", "maybe") + "\n",              // an unknown outcome
            FULL.replace("f@^1.0", "f@^^1") + "\n",               // an invalid reference
            FULL.replace("Observed a session. é", "null") + "\n", // null text
            FULL.replace("\"c1\"", "1") + "\n",                   // a number
            FULL.replace("]}]}", "],}]}") + "\n",                 // a trailing comma
            FULL.replace("session", "se\u{1}ssion") + "\n",       // a control character
            FULL.replace("session", "se\0ssion") + "\n",          // a NUL
        ] {
            let mut items = Vec::new();
            assert!(record(line.as_bytes(), &mut items).is_none(), "{line}");
            assert!(items.is_empty());
        }
        let mut invalid = format!("{FULL}\n").into_bytes();
        let at = invalid.iter().position(|&b| b == 0xc3).unwrap_or(0);
        invalid[at] = 0xff;
        assert!(record(&invalid, &mut Vec::new()).is_none());
    }

    /// Every single-byte change of a full record: whatever the fast path reads, serde_json
    /// reads the same (the stream-level comparison is in `stream`'s tests).
    #[test]
    fn mutations_never_disagree() {
        let line = format!("{FULL}\n").into_bytes();
        let replacements = [
            b'"', b'\\', b',', b':', b'{', b'}', b'[', b']', b' ', b'\n', b'\r', b'n', b'0', b'x',
            b'-', b'@', b'^', 0, 1, 0x7f, 0xc3, 0xff,
        ];
        let mut read = 0;
        for at in 0..line.len() {
            for &r in &replacements {
                let mut changed = line.clone();
                changed[at] = r;
                let end = changed
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(changed.len(), |p| p + 1);
                read += usize::from(agrees(&changed[..end]));
                let mut removed = line.clone();
                removed.remove(at);
                let end = removed
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(removed.len(), |p| p + 1);
                read += usize::from(agrees(&removed[..end]));
                let mut inserted = line.clone();
                inserted.insert(at, r);
                let end = inserted
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(inserted.len(), |p| p + 1);
                read += usize::from(agrees(&inserted[..end]));
            }
        }
        assert!(read > 100, "{read}");
    }
}
