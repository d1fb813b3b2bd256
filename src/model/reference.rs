use super::Id;
use semver::{Version, VersionReq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A reference to a framework by id and semver requirement: `mh-peer-support-worker@^1.2`,
/// `@=1.0.0`, `@1` (Cargo's rules). Without `@`, any version matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FrameworkRef {
    /// The framework's id.
    pub id: Id,
    /// Which versions match; `*` when none was written.
    pub req: VersionReq,
    written: String,
}

impl FrameworkRef {
    /// Whether `version` satisfies the requirement. Pre-releases match only requirements that
    /// name them, as in Cargo.
    pub fn matches(&self, version: &Version) -> bool {
        self.req.matches(version)
    }

    /// Whether the reference named a requirement (`id@…`) rather than the bare id.
    pub fn has_requirement(&self) -> bool {
        self.written.contains('@')
    }
}

/// Why a framework reference (`id`, `id@requirement`) did not parse.
///
/// ```
/// use competence::model::{FrameworkRef, ReferenceError};
/// let error = "demo@^x".parse::<FrameworkRef>().unwrap_err();
/// assert!(matches!(error, ReferenceError::InvalidRequirement { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// The part before `@` is not an id.
    #[error("`{id}` is not a valid framework id")]
    InvalidId {
        /// What was written.
        id: String,
    },
    /// The part after `@` is not a semver requirement.
    #[error("`{requirement}` is not a semver requirement: {reason}")]
    InvalidRequirement {
        /// What was written after `@`.
        requirement: String,
        /// The semver parser's explanation.
        reason: String,
    },
}

impl FromStr for FrameworkRef {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<FrameworkRef, ReferenceError> {
        let (id, req) = match s.split_once('@') {
            Some((id, req)) => {
                let req =
                    VersionReq::parse(req).map_err(|e| ReferenceError::InvalidRequirement {
                        requirement: req.to_owned(),
                        reason: e.to_string(),
                    })?;
                (id, req)
            }
            None => (s, VersionReq::STAR),
        };
        if !super::id::is_valid_id(id) {
            return Err(ReferenceError::InvalidId { id: id.to_owned() });
        }
        Ok(FrameworkRef {
            id: Id::new(id),
            req,
            written: s.to_owned(),
        })
    }
}

impl fmt::Display for FrameworkRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl<'de> Deserialize<'de> for FrameworkRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FrameworkRef, D::Error> {
        super::parse_str(
            deserializer,
            "a framework reference such as id@^1.0",
            |text| text.parse().map_err(|e| format!("[invalid-reference] {e}")),
        )
    }
}

impl Serialize for FrameworkRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.written)
    }
}

impl schemars::JsonSchema for FrameworkRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FrameworkRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*(@.+)?$",
            "description": "A framework id, optionally with a semver requirement after '@' (Cargo's rules): mh-peer-support-worker@^1.2, id@=1.0.0, id@1."
        })
    }
}

/// Serde helpers for `semver::Version` fields, with a located, coded error.
pub(crate) mod version_serde {
    use semver::Version;
    use serde::{Deserialize, Deserializer, Serializer};

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    const EXPECTED: &str = "[invalid-version] expected a semver version such as 1.0.0";

    fn parse<E: de::Error>(text: &str) -> Result<Version, E> {
        Version::parse(text).map_err(|e| {
            E::custom(format!(
                "[invalid-version] `{text}` is not a semver version (MAJOR.MINOR.PATCH, written as text): {e}"
            ))
        })
    }

    /// Checks inside the visitor, so the parser locates errors at the value. YAML reads
    /// `version: 1.0` as a number; accept numbers here so the message can say why.
    struct VersionVisitor;

    impl<'de> Visitor<'de> for VersionVisitor {
        type Value = Version;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a semver version such as 1.0.0")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Version, E> {
            parse(text)
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Version, E> {
            parse(&n.to_string())
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Version, E> {
            parse(&n.to_string())
        }

        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Version, E> {
            Err(E::custom(format!(
                "[invalid-version] `{n:?}` is read as a number, not a semver version: write MAJOR.MINOR.PATCH, such as `{n:?}.0`"
            )))
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Version, E> {
            Err(E::custom(EXPECTED))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Version, E> {
            Err(E::custom(EXPECTED))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Version, A::Error> {
            // Walk the whole value, so that the parser's depth and alias limits still apply.
            while seq.next_element::<Skip>()?.is_some() {}
            Err(de::Error::custom(EXPECTED))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Version, A::Error> {
            while map.next_entry::<Skip, Skip>()?.is_some() {}
            Err(de::Error::custom(EXPECTED))
        }
    }

    /// Any value, walked through the parser (unlike `IgnoredAny`, which may skip it unread).
    struct Skip;

    impl<'de> Deserialize<'de> for Skip {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Skip, D::Error> {
            struct SkipVisitor;
            impl<'de> Visitor<'de> for SkipVisitor {
                type Value = Skip;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("any value")
                }
                fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_unit<E>(self) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_none<E>(self) -> Result<Skip, E> {
                    Ok(Skip)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
                    while seq.next_element::<Skip>()?.is_some() {}
                    Ok(Skip)
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
                    while map.next_entry::<Skip, Skip>()?.is_some() {}
                    Ok(Skip)
                }
            }
            deserializer.deserialize_any(SkipVisitor)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Version, D::Error> {
        deserializer.deserialize_any(VersionVisitor)
    }

    pub fn serialize<S: Serializer>(version: &Version, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(version)
    }
}

pub(crate) fn version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$",
        "description": "A semver version, MAJOR.MINOR.PATCH."
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_follow_cargo_rules() {
        let r: FrameworkRef = "psw@^1.2".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(r.matches(&Version::new(1, 3, 0)));
        assert!(!r.matches(&Version::new(2, 0, 0)));
        let r: FrameworkRef = "psw@1".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(r.matches(&Version::new(1, 9, 9)));
        let r: FrameworkRef = "psw".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(r.matches(&Version::new(7, 0, 0)) && !r.has_requirement());
        assert!("psw@nope".parse::<FrameworkRef>().is_err());
        assert!("@1".parse::<FrameworkRef>().is_err());
    }
}
