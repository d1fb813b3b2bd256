//! Which framework a record is assessed against, the rule `competence assess` follows: the
//! framework the record names, or a framework the caller names instead, read through a
//! crosswalk of the catalog when the two are different frameworks.

use super::{AssessError, Assessment, Assessor, CrosswalkView};
use crate::catalog::{Catalog, SelectError};
use crate::diagnostic::Diagnostic;
use crate::model::{Date, EvidenceRecord, FrameworkRef};
use crate::tailor::{self, ResolvedFramework};
use std::collections::HashMap;
use std::sync::Arc;

/// Why a record cannot be assessed. Each is about the record's framework, not the record:
/// the other records of a cohort can still be assessed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChooseError {
    /// The catalog has no framework matching the reference.
    #[error(transparent)]
    NotInCatalog(#[from] SelectError),
    /// The framework is in the catalog but does not resolve (its chain has errors).
    #[error("{reference} does not resolve: {} error(s) in its chain", errors(.diagnostics))]
    Unresolved {
        /// The reference (`id@requirement`).
        reference: String,
        /// Every finding of the resolution, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
    /// The record was made against another framework and no crosswalk maps the two.
    #[error("the record is for {from} and no crosswalk in the catalog maps it to {to}")]
    NoCrosswalk {
        /// The record's framework (`id@version`).
        from: String,
        /// The framework asked for (`id@version`).
        to: String,
    },
    /// The assessment itself cannot run (an unknown role).
    #[error(transparent)]
    Assess(#[from] AssessError),
    /// An organisation's readiness was asked for, and the framework has no role whose
    /// `subject` is `organisation`.
    #[error("{framework} has no organisation-readiness role (a role with `subject: organisation`)")]
    NoOrganisationRole {
        /// The framework (`id@version`).
        framework: String,
    },
}

/// An organisation's own readiness record assessed against its framework (from `catalog`) for
/// the first role there whose `subject` is `organisation`, as of `as_of`: the organisational
/// self-review, and the context its workers' plans show
/// ([`Assessment::with_organisation`]).
pub fn assess_organisation(
    catalog: &Catalog,
    record: &EvidenceRecord,
    as_of: Date,
) -> Result<Assessment, ChooseError> {
    let (assessor, _) = assessor_for(catalog, &record.framework, &record.framework)?;
    let role = assessor
        .framework()
        .roles
        .iter()
        .find(|r| r.subject == crate::model::RoleSubject::Organisation)
        .map(|r| r.id.to_string())
        .ok_or_else(|| ChooseError::NoOrganisationRole {
            framework: assessor.framework().name(),
        })?;
    Ok(assessor.role(&role).as_of(as_of).assess(record)?)
}

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// The assessor for records made against `own`, assessed against `reference` (often the
/// same): the framework resolved from `catalog`, read through the catalog's crosswalk between
/// the two when they are different frameworks (by id). Returns the assessor and the
/// resolution's warnings. Set the role and date on the assessor before use.
pub fn assessor_for(
    catalog: &Catalog,
    reference: &FrameworkRef,
    own: &FrameworkRef,
) -> Result<(Assessor, Vec<Diagnostic>), ChooseError> {
    let mut warnings = Vec::new();
    let framework = Arc::new(resolve(catalog, reference, &mut warnings)?);
    if reference.id == own.id {
        return Ok((Assessor::new(framework), warnings));
    }
    let from = resolve(catalog, own, &mut warnings)?;
    let crosswalk = catalog
        .crosswalk_between(
            (from.id.as_str(), &from.version),
            (framework.id.as_str(), &framework.version),
        )
        .and_then(|e| e.crosswalk())
        .ok_or_else(|| ChooseError::NoCrosswalk {
            from: from.name(),
            to: framework.name(),
        })?;
    let view = CrosswalkView::new(crosswalk, &from, &framework);
    Ok((Assessor::new(framework).via(view), warnings))
}

fn resolve(
    catalog: &Catalog,
    reference: &FrameworkRef,
    warnings: &mut Vec<Diagnostic>,
) -> Result<ResolvedFramework, ChooseError> {
    let resolution = tailor::resolve(catalog, reference)?;
    let has_errors = resolution.has_errors();
    match resolution.framework {
        Some(framework) if !has_errors => {
            warnings.extend(resolution.diagnostics);
            Ok(framework)
        }
        _ => Err(ChooseError::Unresolved {
            reference: reference.to_string(),
            diagnostics: resolution.diagnostics,
        }),
    }
}

/// Assessors for many records, each chosen by [`assessor_for`] for the framework its record
/// names (or the one given to [`Assessors::against`]) and kept for the next record that
/// needs it: a cohort resolves each framework once.
///
/// ```
/// use competence::assess::Assessors;
/// use competence::catalog::Catalog;
/// use competence::model::{Claim, EvidenceItem, EvidenceRecord};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mut assessors = Assessors::new(Catalog::builtin(), "2026-11-27".parse()?)
///     .role("peer-support-worker");
/// let record = EvidenceRecord::new("L-1".parse()?, "mh-peer-support-worker@^1".parse()?)
///     .with_item(
///         EvidenceItem::new("obs-1".parse()?, "observation".parse()?, "2026-03-14".parse()?)
///             .with_claim(Claim::new("active-listening".parse()?).at("established".parse()?)),
///     );
/// let assessment = assessors.assess(&record)?;
/// assert!(!assessment.ready());
///
/// // The same record, read through the shipped crosswalk into the apprenticeship standard.
/// let mut apprenticeship = Assessors::new(Catalog::builtin(), "2026-11-27".parse()?)
///     .against("peer-worker-apprenticeship@^1".parse()?);
/// let across = apprenticeship.assess(&record)?;
/// assert!(across.framework().name.starts_with("peer-worker-apprenticeship@"));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Assessors {
    catalog: Catalog,
    against: Option<FrameworkRef>,
    role: Option<String>,
    as_of: Date,
    chosen: HashMap<String, Result<Assessor, ChooseError>>,
    findings: Vec<Diagnostic>,
}

impl Assessors {
    /// Assessors over `catalog`, holding on `as_of`, each record against its own framework,
    /// with no role.
    pub fn new(catalog: Catalog, as_of: Date) -> Assessors {
        Assessors {
            catalog,
            against: None,
            role: None,
            as_of,
            chosen: HashMap::new(),
            findings: Vec::new(),
        }
    }

    /// Assesses every record against `reference` instead of its own framework (through a
    /// crosswalk when they differ).
    #[must_use]
    pub fn against(mut self, reference: FrameworkRef) -> Assessors {
        self.against = Some(reference);
        self.chosen.clear();
        self
    }

    /// Assesses readiness for `role`.
    #[must_use]
    pub fn role(mut self, role: impl Into<String>) -> Assessors {
        self.role = Some(role.into());
        self.chosen.clear();
        self
    }

    /// The catalog frameworks are resolved from.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The assessor for `record`, chosen once per framework (and kept, with its error when it
    /// cannot be had, so a cohort reports a broken framework once per record, not once per
    /// resolution).
    pub fn assessor_for(&mut self, record: &EvidenceRecord) -> Result<&Assessor, ChooseError> {
        let reference = self.against.as_ref().unwrap_or(&record.framework);
        let key = if reference.id == record.framework.id {
            reference.to_string()
        } else {
            format!("{} -> {reference}", record.framework)
        };
        if !self.chosen.contains_key(&key) {
            let chosen = assessor_for(&self.catalog, reference, &record.framework).map(
                |(assessor, warnings)| {
                    self.findings.extend(warnings);
                    let assessor = assessor.as_of(self.as_of);
                    match &self.role {
                        Some(role) => assessor.role(role),
                        None => assessor,
                    }
                },
            );
            self.chosen.insert(key.clone(), chosen);
        }
        match self.chosen.get(&key) {
            Some(Ok(assessor)) => Ok(assessor),
            Some(Err(e)) => Err(e.clone()),
            None => Err(ChooseError::NoCrosswalk {
                from: record.framework.to_string(),
                to: reference.to_string(),
            }),
        }
    }

    /// Assesses `record` with the assessor chosen for it.
    pub fn assess(&mut self, record: &EvidenceRecord) -> Result<Assessment, ChooseError> {
        Ok(self.assessor_for(record)?.assess(record)?)
    }

    /// The warnings found while resolving frameworks since the last call (each framework's
    /// once), for the caller to show.
    pub fn take_findings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.findings)
    }
}
