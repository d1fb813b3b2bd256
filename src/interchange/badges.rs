//! Open Badges 3.0: `Achievement` definitions for role profiles (and, on request, for each
//! competency), aligned to the framework's competencies, and an unsigned
//! `AchievementCredential` for an assessment that meets its role.
//!
//! Alignments point at the competencies' CASE URIs, `urn:uuid:` and the identifier that
//! [`case::export`](super::case::export) gives the item (kept from an import, or derived), so
//! badges and an exported package name the same things. JSON-LD contexts are referenced by
//! URL, never fetched. Credentials are **unsigned**: the issuer adds its `issuer` profile
//! details and a proof with its own keys before issuing; nothing here signs.
//!
//! ```
//! use competence::catalog::Catalog;
//! use competence::interchange::badges;
//!
//! let catalog = Catalog::builtin();
//! let resolved = competence::tailor::resolve(&catalog, &"mh-peer-support-worker".parse().unwrap()).unwrap();
//! let framework = resolved.framework.unwrap();
//! let achievements = badges::achievements(&framework, Some("peer-support-worker"), false).unwrap();
//! assert_eq!(achievements.len(), 1);
//! let badge = &achievements[0];
//! assert_eq!(badge["type"][0], "Achievement");
//! assert!(badge["alignment"][0]["targetUrl"].as_str().unwrap().starts_with("urn:uuid:"));
//! ```

use super::case::ids;
use crate::assess::Assessment;
use crate::tailor::{ResolvedCompetency, ResolvedFramework};
use serde_json::{Value, json};

/// The JSON-LD contexts of an Open Badges 3.0 credential, by URL.
pub const CONTEXT: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// A role or competency the framework does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BadgeError {
    /// No role with this id.
    #[error("{framework} has no role `{role}`")]
    UnknownRole {
        /// The framework, `id@version`.
        framework: String,
        /// The role asked for.
        role: String,
    },
}

fn urn(framework: &ResolvedFramework, key: &str) -> String {
    format!("urn:uuid:{}", ids::item_uuid(framework.id.as_str(), key))
}

/// The CASE URI of a competency, as `case::export` writes it.
fn case_uri(framework: &ResolvedFramework, c: &ResolvedCompetency) -> String {
    match &c.source_id {
        Some(id) if id.as_str().contains(':') => id.as_str().to_owned(),
        Some(id) => format!("urn:uuid:{id}"),
        None => urn(framework, c.id.as_str()),
    }
}

fn alignment(framework: &ResolvedFramework, c: &ResolvedCompetency) -> Value {
    let mut a = json!({
        "type": ["Alignment"],
        "targetName": c.title.as_str(),
        "targetUrl": case_uri(framework, c),
        "targetCode": c.id.as_str(),
        "targetFramework": framework.title.as_str(),
        "targetType": "CFItem",
    });
    if let (Value::Object(map), Some(d)) = (&mut a, &c.description) {
        map.insert("targetDescription".into(), json!(d.as_str()));
    }
    a
}

fn level_title(framework: &ResolvedFramework, level: &str) -> String {
    framework
        .scale
        .iter()
        .find(|l| l.id.as_str() == level)
        .map_or_else(|| level.to_owned(), |l| l.title.as_str().to_owned())
}

/// The achievement of meeting a role profile: every targeted competency at its level.
pub fn role_achievement(framework: &ResolvedFramework, role: &str) -> Result<Value, BadgeError> {
    let unknown = || BadgeError::UnknownRole {
        framework: framework.name(),
        role: role.to_owned(),
    };
    let r = framework.role(role).ok_or_else(unknown)?;
    let targets = framework.role_targets(role).ok_or_else(unknown)?;
    let mut alignments = Vec::new();
    let mut criteria = format!(
        "Meets the *{}* profile of {}: each of these competencies demonstrated, with evidence that meets the framework's evidence policy, at least at the level named.\n",
        r.title, framework.title
    );
    for (id, level) in targets.iter() {
        if let Some((_, c)) = framework.competency(id.as_str()) {
            alignments.push(alignment(framework, c));
            criteria.push_str(&format!(
                "\n- {}: {}",
                c.title,
                level_title(framework, level.as_str())
            ));
        }
    }
    let description = r.description.as_ref().map_or_else(
        || format!("The {} role profile of {}.", r.title, framework.title),
        |d| d.as_str().to_owned(),
    );
    Ok(json!({
        "@context": CONTEXT,
        "id": urn(framework, &format!("/badge/role/{role}")),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": format!("{} ({})", r.title, framework.title),
        "description": description,
        "criteria": { "narrative": criteria },
        "alignment": alignments,
        "humanCode": role,
        "version": framework.version.to_string(),
        "tag": [framework.id.as_str()],
    }))
}

/// The achievement of one competency, aligned to it alone.
pub fn competency_achievement(framework: &ResolvedFramework, c: &ResolvedCompetency) -> Value {
    let mut criteria = format!(
        "Demonstrates *{}*, with evidence that meets the evidence policy of {}.",
        c.title, framework.title
    );
    if !c.indicators.is_empty() {
        criteria.push_str(" What it looks like:\n");
        for i in &c.indicators {
            criteria.push_str(&format!("\n- {}", i.text));
        }
    }
    json!({
        "@context": CONTEXT,
        "id": urn(framework, &format!("/badge/competency/{}", c.id)),
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": c.title.as_str(),
        "description": c.description.as_ref().unwrap_or(&c.title).as_str(),
        "criteria": { "narrative": criteria },
        "alignment": [alignment(framework, c)],
        "humanCode": c.code.as_ref().map_or(c.id.as_str(), |code| code.as_str()),
        "version": framework.version.to_string(),
        "tag": [framework.id.as_str()],
    })
}

/// Achievements for `role` (or every role), and with `competencies` one per applicable
/// competency too, in framework order.
pub fn achievements(
    framework: &ResolvedFramework,
    role: Option<&str>,
    competencies: bool,
) -> Result<Vec<Value>, BadgeError> {
    let mut out = Vec::new();
    match role {
        Some(role) => out.push(role_achievement(framework, role)?),
        None => {
            for r in &framework.roles {
                out.push(role_achievement(framework, r.id.as_str())?);
            }
        }
    }
    if competencies {
        for (_, c) in framework.competencies() {
            if c.provenance.excluded.is_none() {
                out.push(competency_achievement(framework, c));
            }
        }
    }
    Ok(out)
}

/// An unsigned `AchievementCredential` for an assessment that meets its role (`None` when it
/// does not, or assessed no role). The learner is named by their opaque id as a plain
/// `identifier`; `issuer` is the issuer's profile URI; `validFrom` is the assessment's date.
/// The issuer signs it (adds a `proof`) before issuing.
pub fn credential(
    framework: &ResolvedFramework,
    assessment: &Assessment,
    issuer: &str,
) -> Result<Option<Value>, BadgeError> {
    let Some(role) = assessment.role() else {
        return Ok(None);
    };
    if !assessment.ready() {
        return Ok(None);
    }
    let achievement = role_achievement(framework, role.id.as_str())?;
    let learner = assessment.learner().as_str();
    let as_of = assessment.as_of();
    Ok(Some(json!({
        "@context": CONTEXT,
        "id": urn(framework, &format!("/credential/{learner}/{}/{as_of}", role.id)),
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": format!("{}: {}", role.title, framework.title),
        "issuer": { "id": issuer, "type": ["Profile"] },
        "validFrom": format!("{as_of}T00:00:00Z"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "hashed": false,
                "identityHash": learner,
                "identityType": "identifier",
            }],
            "achievement": achievement,
        },
    })))
}
