//! An organisation's readiness as context for its workers' plans: what the organisation is
//! still working on (its targeted areas that are not met), carried by a worker's assessment
//! and shown in their plan under "What your organisation is working on", never as the
//! worker's own gaps.

use super::frame::RoleInfo;
use super::status::Status;
use super::summary::Coverage;
use crate::model::{Date, Id, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an organisation's own readiness assessment says, kept with a worker's assessment as
/// context for their plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct OrganisationContext {
    /// The organisation's opaque id (the `learner:` of its readiness record).
    pub id: Id,
    /// The framework its readiness was assessed against (`id@version`).
    pub framework: String,
    /// The role profile it reviewed itself against.
    pub role: RoleInfo,
    /// The date its assessment holds on.
    pub as_of: Date,
    /// Its areas in place, of those its profile targets.
    pub coverage: Coverage,
    /// The areas it is still working on, in framework order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_on: Vec<OrganisationArea>,
}

/// One area an organisation is still working on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct OrganisationArea {
    /// The competency's id.
    pub id: Id,
    /// Its display code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// Its title.
    pub title: Text,
    /// Where it stands in the organisation's review.
    pub status: Status,
    /// What it still has to show, in the framework's words (the indicators not yet shown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_show: Vec<Text>,
}
