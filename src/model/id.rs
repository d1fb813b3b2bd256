use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;

/// An item identifier: `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 64 characters.
///
/// Parsing accepts any string so that every malformed id in a file is reported at once by
/// validation (`invalid-id`), rather than the first one stopping the parse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// The longest id allowed.
    pub const MAX_LEN: usize = 64;

    /// Wraps a string without checking it; see [`Id::is_valid`].
    pub fn new(id: impl Into<String>) -> Id {
        Id(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this id follows the syntax rule.
    pub fn is_valid(&self) -> bool {
        is_valid_id(&self.0)
    }
}

/// Whether `id` matches `[A-Za-z0-9][A-Za-z0-9._-]*` and is at most 64 characters long.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    id.len() <= Id::MAX_LEN
        && first.is_ascii_alphanumeric()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A string that is not an id: see [`Id`] for the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an id: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters"
)]
pub struct InvalidId(String);

/// Parses and checks an id, for ids written in code.
///
/// ```
/// use competence::model::Id;
/// let id: Id = "sharing-lived-experience".parse().unwrap();
/// assert_eq!(id.as_str(), "sharing-lived-experience");
/// assert!("Broken Framework".parse::<Id>().is_err());
/// ```
impl std::str::FromStr for Id {
    type Err = InvalidId;

    fn from_str(id: &str) -> Result<Id, InvalidId> {
        if is_valid_id(id) {
            Ok(Id::new(id))
        } else {
            Err(InvalidId(id.to_owned()))
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(id: &str) -> Id {
        Id(id.to_owned())
    }
}

impl schemars::JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
            "maxLength": Id::MAX_LEN,
            "description": "An identifier: letters, digits, '.', '_' or '-', starting with a letter or digit; at most 64 characters. Quote numeric-looking ids."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_syntax() {
        for ok in ["a", "K3", "3.2", "sharing-lived-experience", "a_b.c-d"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        let long = "a".repeat(65);
        for bad in ["", "-a", ".a", "a b", "é", "a/b", long.as_str()] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert!(is_valid_id(&"a".repeat(64)));
    }
}
