//! Renderers for diagnostics: `human`, `json`, `github` and `sarif`.

mod github;
mod human;
mod json;
mod sarif;

pub use github::{GITHUB_ANNOTATION_LIMIT, github};
pub use human::{SNIPPET_WIDTH, human};
pub use json::json;
pub use sarif::sarif;

use std::path::Path;

/// How a file name is shown: with forward slashes on every platform, so output is stable, and
/// control characters escaped.
pub(crate) fn display_path(path: Option<&Path>) -> String {
    path.map_or_else(
        || "<input>".to_owned(),
        |p| crate::diagnostic::escape(&p.to_string_lossy().replace('\\', "/")),
    )
}
