//! Interchange with the systems providers already run: 1EdTech CASE packages in and out
//! ([`case`]), and Open Badges 3.0 achievements and credentials out ([`badges`]).
//!
//! Nothing here reads the network or the clock: JSON-LD contexts are named by URL, never
//! fetched, and every date is given by the caller.

pub mod badges;
pub mod case;

use std::fmt;

/// Something an import or export could not represent, named by the identifier of what it is
/// about. Nothing is dropped without one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Note {
    /// The identifier of the item, association, definition or document concerned (a CASE
    /// identifier on import, our id on export); `None` for the package as a whole.
    pub subject: Option<String>,
    /// What was not represented, and what was done instead.
    pub message: String,
}

impl Note {
    pub(crate) fn about(subject: impl Into<String>, message: impl Into<String>) -> Note {
        Note {
            subject: Some(subject.into()),
            message: message.into(),
        }
    }

    pub(crate) fn package(message: impl Into<String>) -> Note {
        Note {
            subject: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Some(subject) => write!(f, "{subject}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
