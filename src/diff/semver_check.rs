//! Does a version bump cover the changes? Cargo's compatibility rules decide what a bump
//! allows, including for `0.y.z` versions.

use super::{Change, Class, Diff};
use semver::Version;

/// The largest class of change the step from `old` to `new` allows, following Cargo's
/// compatibility rules (a caret requirement on `old` stops matching at a major step):
///
/// - `1.2.3 -> 2.0.0`: major; `-> 1.3.0`: minor; `-> 1.2.4`: patch.
/// - `0.y.z`: the minor number is the breaking one: `0.2.3 -> 0.3.0` allows major,
///   `0.2.3 -> 0.2.4` allows minor (Cargo treats it as compatible, so additions may ride on it).
/// - `0.0.z`: every step is breaking (`^0.0.3` matches only `0.0.3`), so any higher version
///   allows major.
/// - a pre-release `new` promises no compatibility, so it allows major.
///
/// `None` when `new` is not higher than `old`.
pub fn allowed_bump(old: &Version, new: &Version) -> Option<Class> {
    if new <= old {
        return None;
    }
    if !new.pre.is_empty() || new.major != old.major {
        return Some(Class::Major);
    }
    if new.major == 0 {
        if new.minor != old.minor || new.minor == 0 {
            return Some(Class::Major);
        }
        return Some(Class::Minor);
    }
    if new.minor != old.minor {
        return Some(Class::Minor);
    }
    // Same major.minor: a higher patch, or a release after its own pre-release.
    if new.patch != old.patch {
        Some(Class::Patch)
    } else {
        Some(Class::Major)
    }
}

/// What `diff --check` decides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verdict<'d> {
    /// The least bump the changes need; `None` when nothing changed.
    pub required: Option<Class>,
    /// The largest change the version step allows; `None` when the version did not rise.
    pub allowed: Option<Class>,
    /// The changes that need more than the step allows.
    pub forcing: Vec<&'d Change>,
}

impl Verdict<'_> {
    /// Whether the version step covers every change.
    pub fn ok(&self) -> bool {
        self.forcing.is_empty()
    }
}

pub(super) fn verdict<'d>(diff: &'d Diff, old: &Version, new: &Version) -> Verdict<'d> {
    let allowed = allowed_bump(old, new);
    let forcing = diff
        .changes
        .iter()
        .filter(|c| allowed.is_none_or(|a| c.class > a))
        .collect();
    Verdict {
        required: diff.required(),
        allowed,
        forcing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(a: &str, b: &str) -> Option<Class> {
        let v = |s: &str| Version::parse(s).unwrap_or_else(|e| panic!("{e}"));
        allowed_bump(&v(a), &v(b))
    }

    #[test]
    fn cargo_rules() {
        assert_eq!(bump("1.2.3", "2.0.0"), Some(Class::Major));
        assert_eq!(bump("1.2.3", "1.3.0"), Some(Class::Minor));
        assert_eq!(bump("1.2.3", "1.2.4"), Some(Class::Patch));
        assert_eq!(bump("1.2.3", "1.2.3"), None);
        assert_eq!(bump("1.2.3", "1.2.2"), None);
        assert_eq!(bump("0.2.3", "0.3.0"), Some(Class::Major));
        assert_eq!(bump("0.2.3", "0.2.4"), Some(Class::Minor));
        assert_eq!(bump("0.2.3", "1.0.0"), Some(Class::Major));
        assert_eq!(bump("0.0.3", "0.0.4"), Some(Class::Major));
        assert_eq!(bump("1.0.0", "2.0.0-rc.1"), Some(Class::Major));
        assert_eq!(bump("1.0.0-rc.1", "1.0.0"), Some(Class::Major));
    }
}
