//! `check` for evidence: claims measured against the framework the record names, as warnings
//! located at the claim. Assessment records the same facts in its ledger; this tells authors
//! before they assess.

use crate::diagnostic::{Code, Diagnostic, DocPath, quote_token};
use crate::model::EvidenceRecord;
use crate::tailor::ResolvedFramework;
use std::collections::HashSet;

/// Findings about `record`'s claims against `framework`: unknown kinds, competencies, levels
/// and indicators, claims on excluded items and repeated evidence ids. `document` is the
/// record's index in its file's stream; paths are relative to it, spans are left to the caller
/// (`load` locates them from the text).
pub fn validate_claims(
    framework: &ResolvedFramework,
    record: &EvidenceRecord,
    document: usize,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let root = DocPath::root(document);
    let kinds = &framework.assessment.evidence;
    let mut seen = HashSet::new();
    for (i, item) in record.evidence.iter().enumerate() {
        let at = root.key("evidence").index(i);
        if !seen.insert(item.id.as_str()) {
            found.push(Diagnostic::new(
                Code::DuplicateEvidence,
                at.key("id"),
                format!(
                    "evidence id {} is used by an earlier item; only the first counts",
                    quote_token(item.id.as_str())
                ),
            ));
        }
        if kinds.get(item.kind.as_str()).is_none() {
            let known: Vec<&str> = kinds.keys().map(|k| k.as_str()).collect();
            found.push(
                Diagnostic::new(
                    Code::UnknownEvidenceKind,
                    at.key("kind"),
                    format!(
                        "{} is not a kind of evidence {} accepts",
                        quote_token(item.kind.as_str()),
                        framework.name()
                    ),
                )
                .with_help(format!("accepted kinds: {}", known.join(", "))),
            );
        }
        for (c, claim) in item.claims.iter().enumerate() {
            let claim_at = at.key("claims").index(c);
            let named = claim.competency.as_str();
            let competency = framework.competency(named).or_else(|| {
                framework
                    .successor(named)
                    .and_then(|s| framework.competency(s.as_str()))
            });
            let Some((_, competency)) = competency else {
                found.push(Diagnostic::new(
                    Code::UnknownCompetency,
                    claim_at.key("competency"),
                    format!(
                        "{} is not a competency of {}",
                        quote_token(named),
                        framework.name()
                    ),
                ));
                continue;
            };
            if let Some(excluded) = &competency.provenance.excluded {
                found.push(Diagnostic::new(
                    Code::ExcludedClaim,
                    claim_at.key("competency"),
                    format!(
                        "`{}` is excluded by {}, so this claim is not assessed",
                        competency.id, excluded.by
                    ),
                ));
            }
            if let Some(level) = &claim.level {
                if framework.level_rank(level.as_str()).is_none() {
                    let scale: Vec<&str> = framework.scale.iter().map(|l| l.id.as_str()).collect();
                    found.push(
                        Diagnostic::new(
                            Code::UnknownClaimLevel,
                            claim_at.key("level"),
                            format!(
                                "{} is not a level of {}",
                                quote_token(level.as_str()),
                                framework.name()
                            ),
                        )
                        .with_help(format!("levels, lowest first: {}", scale.join(", "))),
                    );
                }
            }
            for (n, indicator) in claim.indicators.iter().enumerate() {
                let known = competency
                    .indicators
                    .iter()
                    .find(|x| x.id == *indicator || x.replaces.iter().any(|r| r == indicator));
                match known {
                    None => found.push(Diagnostic::new(
                        Code::UnknownIndicator,
                        claim_at.key("indicators").index(n),
                        format!(
                            "{} is not an indicator of `{}`",
                            quote_token(indicator.as_str()),
                            competency.id
                        ),
                    )),
                    Some(x)
                        if x.provenance.excluded.is_some()
                            && competency.provenance.excluded.is_none() =>
                    {
                        found.push(Diagnostic::new(
                            Code::ExcludedClaim,
                            claim_at.key("indicators").index(n),
                            format!("the indicator `{indicator}` is excluded here, so it is not assessed"),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    found
}
