use crate::model::{Domains, Loc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One step of a [`DocPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index, from 0.
    Index(usize),
}

/// Where in a document a finding is: `domains[2].competencies[5].id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DocPath {
    /// The document's index in its file's stream, from 0.
    pub document: usize,
    /// Steps from the document's root.
    pub segments: Vec<Segment>,
    /// Whether the finding is about the last key itself (an unknown id used as a map key)
    /// rather than the value under it. Affects only where the caret points.
    pub at_key: bool,
}

impl DocPath {
    /// The path of the item at `loc` (not of its `id` field) below this root.
    pub(crate) fn item(&self, loc: Loc) -> DocPath {
        let root = self;
        let tailoring = || root.key("tailoring");
        let domains = |list: Domains| match list {
            Domains::Own => root.key("domains"),
            Domains::Added => tailoring().key("add_domains"),
        };
        match loc {
            Loc::Root => root.clone(),
            Loc::Level(i) => root.key("scale").index(i),
            Loc::Value(i) => root.key("values").index(i),
            Loc::Domain(list, d) => domains(list).index(d),
            Loc::Competency(list, d, c) => domains(list).index(d).key("competencies").index(c),
            Loc::Indicator(list, d, c, i) => domains(list)
                .index(d)
                .key("competencies")
                .index(c)
                .key("indicators")
                .index(i),
            Loc::Role(i) => root.key("roles").index(i),
            Loc::AddCompetency(i) => tailoring().key("add_competencies").index(i),
            Loc::AddCompetencyIndicator(i, j) => tailoring()
                .key("add_competencies")
                .index(i)
                .key("indicators")
                .index(j),
            Loc::AddIndicator(i) => tailoring().key("add_indicators").index(i),
            Loc::AddValue(i) => tailoring().key("add_values").index(i),
            Loc::AddRole(i) => tailoring().key("add_roles").index(i),
        }
    }

    /// The path of the `id` field of the item at `loc` below this root (the root itself for
    /// [`Loc::Root`]).
    pub(crate) fn item_id(&self, loc: Loc) -> DocPath {
        match loc {
            Loc::Root => self.clone(),
            other => self.item(other).key("id"),
        }
    }

    /// The root of document `document`.
    pub fn root(document: usize) -> DocPath {
        DocPath {
            document,
            segments: Vec::new(),
            at_key: false,
        }
    }

    /// This path with a key appended.
    pub fn key(&self, key: &str) -> DocPath {
        let mut path = self.clone();
        path.segments.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path with an index appended.
    pub fn index(&self, index: usize) -> DocPath {
        let mut path = self.clone();
        path.segments.push(Segment::Index(index));
        path
    }

    /// Parses the path prefix of a YAML parser message, `domains[2].competencies[0].id`.
    pub fn parse(document: usize, text: &str) -> Option<DocPath> {
        let mut segments = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(at) => part.split_at(at),
                None => (part, ""),
            };
            if key.is_empty() && segments.is_empty() && rest.is_empty() {
                return None;
            }
            if !key.is_empty() {
                if key.contains(char::is_whitespace) {
                    return None;
                }
                segments.push(Segment::Key(key.to_owned()));
            }
            while let Some(stripped) = rest.strip_prefix('[') {
                let end = stripped.find(']')?;
                let index = stripped.get(..end)?.parse().ok()?;
                segments.push(Segment::Index(index));
                rest = stripped.get(end + 1..)?;
            }
            if !rest.is_empty() {
                return None;
            }
        }
        Some(DocPath {
            document,
            segments,
            at_key: false,
        })
    }

    /// This path, pointing at the last key rather than its value.
    pub fn the_key(mut self) -> DocPath {
        self.at_key = true;
        self
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.segments {
            match segment {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Key(k) => {
                    let plain = k
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    match (plain, first) {
                        (true, true) => f.write_str(k)?,
                        (true, false) => write!(f, ".{k}")?,
                        (false, _) => write!(f, "[{k:?}]")?,
                    }
                }
            }
            first = false;
        }
        Ok(())
    }
}

impl Serialize for DocPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Reads the text form, as document 0 (the text does not say which document it was in).
impl<'de> Deserialize<'de> for DocPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocPath, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(DocPath::root(0));
        }
        DocPath::parse(0, &text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a document path")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_parses() {
        let path = DocPath::root(0)
            .key("domains")
            .index(2)
            .key("competencies")
            .index(5)
            .key("id");
        assert_eq!(path.to_string(), "domains[2].competencies[5].id");
        assert_eq!(
            DocPath::parse(0, "domains[2].competencies[5].id"),
            Some(path)
        );
        assert_eq!(
            DocPath::root(0).key("targets").key("3.2").to_string(),
            "targets[\"3.2\"]"
        );
        assert_eq!(
            DocPath::parse(0, "a[1][2]").map(|p| p.segments.len()),
            Some(3)
        );
        assert_eq!(DocPath::parse(0, "did not find"), None);
    }
}
