//! Our own fields in a CASE package, under `extensions.competence` on the CFDocument and on
//! each CFItem (CASE 1.1 allows extensions there and other tools ignore them). An export
//! writes them so that an import gives the framework back exactly: ids, roles, values, the
//! evidence policy and the scale, none of which CASE can say.

use crate::interchange::Note;
use crate::model::{Id, Level, Policy, Role, Source, Text, Value};
use serde::{Deserialize, Serialize};

/// The key under `extensions`.
pub(super) const KEY: &str = "competence";

/// On the CFDocument.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentExtension {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<Level>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Policy>,
}

/// On a CFItem.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemExtension {
    pub id: Id,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Id>,
}

/// Our extension from an `extensions` value; other extensions, and ours when unreadable, are
/// noted against `subject`.
pub(super) fn read<T: for<'de> Deserialize<'de>>(
    extensions: Option<&serde_json::Value>,
    subject: &str,
    notes: &mut Vec<Note>,
) -> Option<T> {
    let serde_json::Value::Object(map) = extensions? else {
        notes.push(Note::about(
            subject,
            "`extensions` is not an object: not kept",
        ));
        return None;
    };
    let mut ours = None;
    for (key, value) in map {
        if key == KEY {
            match T::deserialize(value) {
                Ok(ext) => ours = Some(ext),
                Err(e) => notes.push(Note::about(
                    subject,
                    format!("`extensions.{KEY}` could not be read ({e}): not kept"),
                )),
            }
        } else {
            notes.push(Note::about(subject, format!("`extensions.{key}` not kept")));
        }
    }
    ours
}
