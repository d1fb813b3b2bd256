//! Duplicate keys, found while the span-aware parser reads the events, with no tree kept.
//!
//! The loader looks for duplicate keys in every document whose typed parse failed (the parser
//! stops at its first problem, and a duplicate may sit anywhere). [`SpanTree`] can find them,
//! but it holds some 36 bytes for every node of the document: 17 times a 15 MB one-line flow
//! file. This reads the same events, keeps only the keys of the mappings that are open and the
//! path to them, and reports exactly what [`SpanTree::duplicate_keys`] reports; a property test
//! below holds the two to that.
//!
//! [`SpanTree`]: super::SpanTree
//! [`SpanTree::duplicate_keys`]: super::SpanTree::duplicate_keys

use crate::diagnostic::{Code, Diagnostic, DocPath, LineIndex, Related, Segment};
use std::collections::{BTreeSet, HashMap};

/// The first `limit` duplicate keys in the documents of `text` in `wanted`, each with its
/// first occurrence as related, and how many more there are (counted, not kept: a mapping of a
/// million repeated keys must not become a million findings).
pub(crate) fn duplicate_keys(
    text: &str,
    wanted: &BTreeSet<usize>,
    limit: usize,
) -> (Vec<Diagnostic>, usize) {
    let Some(&last) = wanted.last() else {
        return (Vec::new(), 0);
    };
    let index = LineIndex::new(text);
    let mut reader = Reader {
        index: &index,
        found: Vec::new(),
        limit,
        more: 0,
        frames: Vec::new(),
        segments: Vec::new(),
        document: 0,
        skipped: 0,
    };
    // Like the span tree: a panic in the span parser loses these findings, nothing more.
    match super::guard(|| reader.read(wanted, last)) {
        Ok(()) => (reader.found, reader.more),
        Err(_) => (Vec::new(), 0),
    }
}

/// What a node is to the collection it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Key,
    Value,
    Item,
}

/// What an open mapping waits for next.
#[derive(Debug)]
enum Expect {
    Key,
    /// The value of the key just read: named when the key was a scalar.
    Value(Option<String>),
}

/// An open collection.
#[derive(Debug)]
enum Shape {
    /// Keys seen, with the byte range of their first occurrence.
    Mapping {
        seen: HashMap<String, (usize, usize)>,
        expect: Expect,
    },
    Sequence {
        next: usize,
    },
}

#[derive(Debug)]
struct Frame {
    shape: Shape,
    role: Role,
    /// Whether duplicates in this collection are reported: the span tree walks values of
    /// scalar keys and sequence items only, never into keys or values of other keys.
    reported: bool,
    /// Whether this collection put a segment on the path.
    pushed: bool,
}

struct Reader<'i, 't> {
    index: &'i LineIndex<'t>,
    found: Vec<Diagnostic>,
    /// The most findings kept; past it they are counted in `more`.
    limit: usize,
    more: usize,
    frames: Vec<Frame>,
    segments: Vec<Segment>,
    document: usize,
    /// Depth inside a subtree deeper than the span tree records.
    skipped: usize,
}

impl Reader<'_, '_> {
    fn read(&mut self, wanted: &BTreeSet<usize>, last: usize) {
        use saphyr_parser::Event;
        let text = super::spans::agreeable(self.index.text());
        let mut documents = 0usize;
        let mut recording = false;
        for event in saphyr_parser::Parser::new_from_str(text.as_ref()) {
            let Ok((event, span)) = event else {
                return;
            };
            let start = self.index.byte_of_char(span.start.index());
            let end = self.index.byte_of_char(span.end.index()).max(start);
            match event {
                Event::DocumentStart(..) => {
                    if documents > last {
                        return;
                    }
                    self.document = documents;
                    documents += 1;
                    recording = wanted.contains(&self.document);
                    self.frames.clear();
                    self.segments.clear();
                    self.skipped = 0;
                }
                _ if !recording => {}
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    if self.skipped > 0 || self.frames.len() >= super::spans::MAX_SPAN_DEPTH {
                        // The span tree keeps such a subtree as one opaque node.
                        if self.skipped == 0 {
                            let (role, _, _) = self.node(None);
                            // Its end is skipped too: the value is done now.
                            if role == Role::Value {
                                self.value_done();
                            }
                        }
                        self.skipped += 1;
                        continue;
                    }
                    let (role, segment, reported) = self.node(None);
                    let pushed = match segment {
                        Some(segment) if reported => {
                            self.segments.push(segment);
                            true
                        }
                        _ => false,
                    };
                    let shape = if matches!(event, Event::SequenceStart(..)) {
                        Shape::Sequence { next: 0 }
                    } else {
                        Shape::Mapping {
                            seen: HashMap::new(),
                            expect: Expect::Key,
                        }
                    };
                    self.frames.push(Frame {
                        shape,
                        role,
                        reported,
                        pushed,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if self.skipped > 0 {
                        self.skipped -= 1;
                        continue;
                    }
                    if let Some(frame) = self.frames.pop() {
                        if frame.pushed {
                            self.segments.pop();
                        }
                        if frame.role == Role::Value {
                            self.value_done();
                        }
                    }
                }
                _ if self.skipped > 0 => {}
                Event::Scalar(value, ..) => {
                    let (role, _, _) = self.node(Some((value.as_ref(), start, end)));
                    if role == Role::Value {
                        self.value_done();
                    }
                }
                Event::Alias(_) => {
                    let (role, _, _) = self.node(None);
                    if role == Role::Value {
                        self.value_done();
                    }
                }
                _ => {}
            }
        }
    }

    /// A node starts in the innermost open collection: its role there, the segment that
    /// reaches it, and whether duplicates under it are reported. A scalar key (`scalar`:
    /// its value and byte range) is checked against the keys before it.
    fn node(&mut self, scalar: Option<(&str, usize, usize)>) -> (Role, Option<Segment>, bool) {
        let Some(parent) = self.frames.last_mut() else {
            return (Role::Root, None, true);
        };
        let reported = parent.reported;
        let mut duplicate_of = None;
        let placed = match &mut parent.shape {
            Shape::Sequence { next } => {
                let segment = Segment::Index(*next);
                *next += 1;
                (Role::Item, Some(segment), reported)
            }
            Shape::Mapping { seen, expect } => match expect {
                Expect::Key => {
                    match scalar {
                        Some((name, start, end)) => {
                            *expect = Expect::Value(Some(name.to_owned()));
                            match seen.get(name) {
                                Some(&first) => duplicate_of = Some((name, (start, end), first)),
                                None => {
                                    seen.insert(name.to_owned(), (start, end));
                                }
                            }
                        }
                        None => *expect = Expect::Value(None),
                    }
                    (Role::Key, None, false)
                }
                Expect::Value(key) => {
                    let segment = key.clone().map(Segment::Key);
                    let reported = reported && segment.is_some();
                    (Role::Value, segment, reported)
                }
            },
        };
        if let (Some((name, at, first)), true) = (duplicate_of, reported) {
            if self.found.len() < self.limit {
                let duplicate = self.duplicate(name, at, first);
                self.found.push(duplicate);
            } else {
                self.more += 1;
            }
        }
        placed
    }

    /// The value of the innermost mapping's current key has ended.
    fn value_done(&mut self) {
        if let Some(Frame {
            shape: Shape::Mapping { expect, .. },
            ..
        }) = self.frames.last_mut()
        {
            *expect = Expect::Key;
        }
    }

    /// The finding for a second `name` at `at` in the innermost mapping, first seen at
    /// `first`: as [`super::SpanTree::duplicate_keys`] words and places it.
    fn duplicate(&self, name: &str, at: (usize, usize), first: (usize, usize)) -> Diagnostic {
        let child = DocPath {
            document: self.document,
            segments: self.segments.clone(),
            at_key: false,
        }
        .key(name)
        .the_key();
        let mut d = Diagnostic::new(
            Code::DuplicateKey,
            child.clone(),
            format!("duplicate key `{name}` in the same mapping"),
        );
        d.span = Some(self.index.span(at.0, at.1));
        d.related.push(Related {
            message: "first used here".to_owned(),
            file: None,
            path: child,
            span: Some(self.index.span(first.0, first.1)),
        });
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::SpanTree;

    fn all() -> BTreeSet<usize> {
        (0..8).collect()
    }

    /// Both finders' findings, in one order, as comparable text.
    fn both(text: &str, wanted: &BTreeSet<usize>) -> (Vec<String>, Vec<String>) {
        let show = |mut found: Vec<Diagnostic>| {
            crate::diagnostic::sort(&mut found);
            found
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<String>>()
        };
        (
            show(duplicate_keys(text, wanted, usize::MAX).0),
            show(SpanTree::build_for(text, wanted).duplicate_keys()),
        )
    }

    #[test]
    fn finds_what_the_span_tree_finds() {
        for text in [
            "a: 1\nm:\n  x: 1\n  x: 2\n",
            "a: 1\na: 2\na: 3\n",
            "l:\n  - {k: 1, k: 2}\n  - [x, {q: 1, \"q\": 2}]\n",
            "? [complex]\n: {d: 1, d: 2}\nk: {d: 1, d: 2}\n",
            "k: &a {x: 1}\nj: *a\nk: 2\n",
            "first: {a: 1}\n---\nsecond: {b: 1, b: 2}\n",
            "a: {b: 1, b: 2\nc: [",
            "'x': 1\nx: 2\n\"x\": 3\n",
        ] {
            let (streamed, tree) = both(text, &all());
            assert_eq!(streamed, tree, "{text}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_span_tree_records_keeps_keys_and_values_apart() {
        // The root and 255 nested block mappings, the last at the deepest level the span
        // tree records, then a sequence one past it: its mapping must not take the next key
        // for a value (`1` is no duplicate key).
        let mut text = String::new();
        for depth in 0..255 {
            text.push_str(&" ".repeat(depth));
            text.push_str("m:\n");
        }
        let indent = " ".repeat(255);
        text.push_str(&format!("{indent}x: [0]\n{indent}k: 1\n{indent}j: 1\n"));
        let (streamed, tree) = both(&text, &all());
        assert_eq!(streamed, tree);
        assert!(streamed.is_empty(), "{streamed:?}");
    }

    #[test]
    fn keeps_the_first_and_counts_the_rest() {
        let mut text = String::from("m: {");
        for _ in 0..10 {
            text.push_str("a: 1, ");
        }
        text.push_str("b: 2}\n");
        let (found, more) = duplicate_keys(&text, &all(), 3);
        assert_eq!((found.len(), more), (3, 6));
    }

    #[test]
    fn reports_a_duplicate_with_its_first_place() {
        let (found, _) = duplicate_keys("a: 1\nm:\n  x: 1\n  x: 2\n", &all(), usize::MAX);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.path.to_string(), "m.x");
        assert_eq!(d.span.map(|s| (s.line, s.column)), Some((4, 3)));
        assert_eq!(d.related[0].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn reads_only_the_wanted_documents() {
        let text = "a: 1\na: 2\n---\nb: 1\nb: 2\n";
        let second: BTreeSet<usize> = std::iter::once(1).collect();
        let (found, _) = duplicate_keys(text, &second, usize::MAX);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path.document, 1);
        assert_eq!(both(text, &second).0, both(text, &second).1);
    }

    fn node(depth: u32) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("a".to_owned()),
            Just("b".to_owned()),
            Just("'a'".to_owned()),
            Just("\"b\"".to_owned()),
        ];
        let leaf = prop_oneof![
            Just("1".to_owned()),
            Just("x y".to_owned()),
            Just("~".to_owned())
        ];
        leaf.prop_recursive(depth, 24, 4, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                proptest::collection::vec((key.clone(), inner.clone()), 0..4).prop_map(|entries| {
                    let entries: Vec<String> =
                        entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                    format!("{{{}}}", entries.join(", "))
                }),
                (inner.clone(), inner).prop_map(|(k, v)| format!("{{? {k} : {v}, a: 1, a: 2}}")),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn streaming_finds_exactly_what_the_tree_finds(
            documents in proptest::collection::vec(
                proptest::collection::vec((0..3usize, node(3)), 1..5), 1..3),
            skip_first in proptest::bool::ANY,
        ) {
            let keys = ["a", "b", "'a'"];
            let text = documents
                .iter()
                .map(|entries| {
                    entries
                        .iter()
                        .map(|(k, v)| format!("{}: {v}\n", keys[*k]))
                        .collect::<String>()
                })
                .collect::<Vec<String>>()
                .join("---\n");
            let wanted: BTreeSet<usize> =
                (usize::from(skip_first)..documents.len()).collect();
            let (streamed, tree) = both(&text, &wanted);
            proptest::prop_assert_eq!(streamed, tree, "{}", text);
        }
    }
}
