use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Human-readable text: a title, description, indicator statement or rationale.
///
/// YAML reads `title: ~` or `title: null` as a null, which a string field would silently take
/// as the text "~". Text rejects those spellings so that a missing value is an error, not a
/// title that reads "~".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Wraps a string.
    pub fn new(text: impl Into<String>) -> Text {
        Text(text.into())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

/// The plain scalars YAML reads as null.
pub(crate) fn is_null_spelling(s: &str) -> bool {
    matches!(s, "~" | "null" | "Null" | "NULL")
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        // Checked inside the visitor so that the parser locates the error at the value.
        struct TextVisitor;
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text, E> {
                if is_null_spelling(text) {
                    return Err(E::custom("[null-text] expected text, found null"));
                }
                Ok(Text(text.to_owned()))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(text.to_owned())
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "minLength": 1 })
    }
}
