//! Small pieces the views of an assessment share: lists of ids read through indices, totals
//! of weights, and what a view shows for an index that points nowhere.

use super::frame::{CompetencyFrame, KindFrame};
use super::ledger::Item;
use super::position::widen;
use crate::model::{Amount, Id, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

/// An id for a view whose stored index points nowhere. Results are built so that this never
/// shows; it keeps the views total instead of panicking.
pub(crate) fn unknown_id() -> &'static Id {
    static UNKNOWN: LazyLock<Id> = LazyLock::new(|| Id::new(""));
    &UNKNOWN
}

/// A text for a view whose stored index points nowhere (see [`unknown_id`]).
pub(crate) fn unknown_text() -> &'static Text {
    static UNKNOWN: LazyLock<Text> = LazyLock::new(|| Text::new(""));
    &UNKNOWN
}

/// A list of ids read from an assessment: evidence items, competencies or kinds of evidence.
#[derive(Clone, Copy)]
pub struct IdList<'a> {
    source: IdSource<'a>,
    at: &'a [u32],
}

#[derive(Clone, Copy)]
enum IdSource<'a> {
    Items(&'a [Item]),
    Competencies(&'a [CompetencyFrame]),
    Kinds(&'a [KindFrame]),
}

impl<'a> IdList<'a> {
    pub(crate) fn items(items: &'a [Item], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Items(items),
            at,
        }
    }

    pub(crate) fn competencies(competencies: &'a [CompetencyFrame], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Competencies(competencies),
            at,
        }
    }

    pub(crate) fn kinds(kinds: &'a [KindFrame], at: &'a [u32]) -> IdList<'a> {
        IdList {
            source: IdSource::Kinds(kinds),
            at,
        }
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The ids.
    pub fn iter(self) -> impl ExactSizeIterator<Item = &'a Id> + 'a {
        let source = self.source;
        self.at.iter().map(move |&n| {
            let n = widen(n);
            match source {
                IdSource::Items(items) => items.get(n).map(|i| &i.id),
                IdSource::Competencies(competencies) => competencies.get(n).map(|c| &c.id),
                IdSource::Kinds(kinds) => kinds.get(n).map(|k| &k.id),
            }
            .unwrap_or(unknown_id())
        })
    }
}

impl<'a> IntoIterator for &IdList<'a> {
    type Item = &'a Id;
    type IntoIter = Box<dyn Iterator<Item = &'a Id> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for IdList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for IdList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for IdList<'_> {}

impl Serialize for IdList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A total of weights, held as exact thousandths and written as a decimal number (0.75).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Total(pub u64);

impl Total {
    /// The total in thousandths.
    pub fn thousandths(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Amount::from_thousandths(self.0), f)
    }
}

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As the model's amounts: a whole number, or the shortest float that round-trips,
        // which for three decimals is the decimal itself (1.25, never 1.2499…).
        Amount::from_thousandths(self.0).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Total, D::Error> {
        struct TotalVisitor;
        impl serde::de::Visitor<'_> for TotalVisitor {
            type Value = Total;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number at least 0 with at most three decimals")
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Total, E> {
                value
                    .checked_mul(1000)
                    .map(Total)
                    .ok_or_else(|| E::custom(format!("{value} is too large a total")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Total, E> {
                u64::try_from(value)
                    .map_err(|_| E::custom(format!("{value} is below 0")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Total, E> {
                let scaled = value * 1000.0;
                let rounded = scaled.round();
                if value.is_finite()
                    && (0.0..1e15).contains(&rounded)
                    && (scaled - rounded).abs() < 1e-6
                {
                    // In range and whole: the conversion is exact.
                    Ok(Total(rounded as u64))
                } else {
                    Err(E::custom(format!(
                        "{value} is not a total of weights (at least 0, at most three decimals)"
                    )))
                }
            }
        }
        deserializer.deserialize_any(TotalVisitor)
    }
}

impl JsonSchema for Total {
    fn schema_name() -> Cow<'static, str> {
        "Total".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "multipleOf": 0.001,
            "description": "A total of weights, at most three decimals."
        })
    }
}
