//! State and steps shared by the fuzz targets. Expensive fixed state (the built-in catalog, its
//! resolved frameworks, assessors over them) is built once per process.

#![allow(dead_code)] // each target uses part of this module

use competence::assess::{Assessment, Assessor, CrosswalkView};
use competence::catalog::Catalog;
use competence::diagnostic::{Diagnostic, Sources, render};
use competence::model::{Date, Document, EvidenceRecord};
use competence::report::cohort::Cohort;
use competence::report::{csv, html, json, line, markdown};
use competence::tailor::{self, ResolvedFramework};
use competence::{Limits, load_str};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// The loader's default limits: the fuzzer checks the bounds users get.
pub fn limits() -> Limits {
    Limits::default()
}

/// The assessment date of every target (the library never reads the clock).
pub fn as_of() -> Date {
    Date::new(2026, 11, 27).unwrap_or_else(|| unreachable!())
}

/// The built-in catalog, parsed once.
pub fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

/// Every built-in framework, resolved once, by `id@version`.
pub fn resolved() -> &'static [(String, ResolvedFramework)] {
    static RESOLVED: OnceLock<Vec<(String, ResolvedFramework)>> = OnceLock::new();
    RESOLVED.get_or_init(|| {
        let catalog = builtin();
        catalog
            .frameworks()
            .filter_map(|entry| {
                let framework = tailor::resolve_entry(catalog, entry).framework?;
                Some((entry.name(), framework))
            })
            .collect()
    })
}

/// The built-in framework `record` names (its highest matching version), or the national
/// peer support framework when it names none of them, so every record is assessed.
pub fn framework_for(record: &EvidenceRecord) -> &'static ResolvedFramework {
    let name = builtin()
        .select(&record.framework)
        .map(|entry| entry.name())
        .unwrap_or_default();
    let all = resolved();
    all.iter()
        .find(|(n, _)| *n == name)
        .or_else(|| {
            all.iter()
                .find(|(n, _)| n.starts_with("mh-peer-support-worker@"))
        })
        .or_else(|| all.first())
        .map(|(_, f)| f)
        .unwrap_or_else(|| unreachable!("the built-in catalog has frameworks"))
}

/// Assessors for `framework`: no role, then each of its roles (prepared once per framework).
pub fn assessors(framework: &'static ResolvedFramework) -> &'static [Assessor] {
    static ASSESSORS: OnceLock<Vec<(String, Vec<Assessor>)>> = OnceLock::new();
    let all = ASSESSORS.get_or_init(|| {
        resolved()
            .iter()
            .map(|(name, f)| (name.clone(), assessors_over(f, None)))
            .collect()
    });
    all.iter()
        .find(|(name, _)| *name == framework.name())
        .map(|(_, a)| a.as_slice())
        .unwrap_or_default()
}

/// Assessors over `framework`, no role then each role, optionally through a crosswalk.
pub fn assessors_over(
    framework: &ResolvedFramework,
    via: Option<&CrosswalkView>,
) -> Vec<Assessor> {
    let shared = Arc::new(framework.clone());
    let roles = std::iter::once(None).chain(framework.roles.iter().map(|r| Some(&r.id)));
    roles
        .map(|role| {
            let mut assessor = Assessor::new(Arc::clone(&shared)).as_of(as_of());
            if let Some(via) = via {
                assessor = assessor.via(via.clone());
            }
            match role {
                Some(role) => assessor.role(role.as_str()),
                None => assessor,
            }
        })
        .collect()
}

/// The built-in crosswalk, prepared for assessment: the `id@version` of its `from` framework
/// and assessors over its `to` framework (no role, then each role) reading claims through it.
pub fn crosswalked() -> Option<(&'static str, &'static [Assessor])> {
    struct Walk {
        view: CrosswalkView,
        to: &'static ResolvedFramework,
    }
    static WALK: OnceLock<Option<Walk>> = OnceLock::new();
    static ASSESSORS: OnceLock<Vec<Assessor>> = OnceLock::new();
    let walk = WALK
        .get_or_init(|| {
            let crosswalk = builtin().crosswalks().find_map(|e| e.crosswalk())?;
            let side = |reference: &competence::model::FrameworkRef| {
                resolved()
                    .iter()
                    .map(|(_, f)| f)
                    .find(|f| reference.id == f.id && reference.matches(&f.version))
            };
            let (from, to) = (side(&crosswalk.from)?, side(&crosswalk.to)?);
            Some(Walk {
                view: CrosswalkView::new(crosswalk, from, to),
                to,
            })
        })
        .as_ref()?;
    let assessors = ASSESSORS.get_or_init(|| assessors_over(walk.to, Some(&walk.view)));
    Some((walk.view.from(), assessors))
}

/// Renders `assessment` in every single-learner format and adds it to `cohort`.
pub fn render_all(assessment: &Assessment, cohort: &mut Cohort) {
    std::hint::black_box(json::render(assessment));
    std::hint::black_box(json::render_line(assessment));
    std::hint::black_box(line::render(assessment));
    std::hint::black_box(markdown::render(assessment));
    std::hint::black_box(html::render(assessment));
    std::hint::black_box(csv::render(assessment));
    std::hint::black_box(csv::render_ledger(assessment));
    cohort.add(assessment);
}

/// Assesses `record` with each assessor, renders every report, and the cohort page and matrix
/// at the end.
pub fn assess_and_render(assessors: &[Assessor], record: &EvidenceRecord) {
    let mut cohort = Cohort::new();
    for assessor in assessors {
        if let Ok(assessment) = assessor.assess(record) {
            render_all(&assessment, &mut cohort);
        }
    }
    if !cohort.is_empty() {
        std::hint::black_box(html::render_cohort(&cohort));
        std::hint::black_box(csv::render_cohort(&cohort));
    }
}

/// Assesses `record` with one of `assessors`, the one `pick` selects (modulo their number),
/// and renders every report and a cohort page of that one assessment. The `assess` target
/// picks by a byte of its input, so the fuzzer steers the role like any other input and a run
/// covers every role, at a quarter of the cost of assessing each record under all of them.
pub fn assess_one_and_render(assessors: &[Assessor], record: &EvidenceRecord, pick: usize) {
    let Some(assessor) = assessors.get(pick % assessors.len().max(1)) else {
        return;
    };
    assess_and_render(std::slice::from_ref(assessor), record);
}

/// Renders findings with every renderer: human (with the text for snippets), JSON, GitHub
/// workflow commands and SARIF. SARIF only on the first call and every 16th after it: its
/// cost is mostly the table of every rule, the same for every input (half of an execution of
/// `load` when it ran on every call), and the first call is the one a reproduced input makes.
pub fn render_diagnostics(diagnostics: &[Diagnostic], file: &Path, text: Option<&str>) {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut sources = Sources::new();
    if let Some(text) = text {
        sources.insert(file.to_owned(), text.to_owned());
    }
    std::hint::black_box(render::human(diagnostics, &sources));
    std::hint::black_box(render::json(diagnostics));
    std::hint::black_box(render::github(diagnostics));
    if CALLS.fetch_add(1, Ordering::Relaxed) % 16 == 0 {
        std::hint::black_box(render::sarif(diagnostics));
    }
}

/// A small evidence record against the national framework, for targets that fuzz the
/// framework side (resolve, crosswalk) and assess something against what they built.
pub fn sample_record() -> &'static EvidenceRecord {
    static RECORD: OnceLock<EvidenceRecord> = OnceLock::new();
    RECORD.get_or_init(|| {
        let text = "format: competence/1\nkind: evidence\nlearner: L-FUZZ\n\
                    framework: mh-peer-support-worker\nevidence:\n\
                    \x20 - id: e1\n    kind: observation\n    date: 2026-03-14\n    claims:\n\
                    \x20     - competency: active-listening\n        level: established\n\
                    \x20     - sharing-lived-experience\n\
                    \x20 - id: e2\n    kind: supervision\n    date: 2025-01-02\n    outcome: not-yet\n\
                    \x20   claims: [active-listening, peer-values]\n";
        let loaded = load_str(None, text, &limits());
        loaded
            .documents
            .into_iter()
            .find_map(|(_, d)| match d {
                Document::Evidence(record) => Some(*record),
                _ => None,
            })
            .unwrap_or_else(|| unreachable!("the sample record loads"))
    })
}
