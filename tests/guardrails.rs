//! Issue 11, the guardrails against quiet weakening, end to end on the shipped frameworks: a
//! tailoring that lowers the values domain, relaxes its evidence and adds a clinical indicator
//! gets a finding naming each change; a team tailoring below the racialised-communities
//! tailoring cannot exclude (or otherwise weaken) what that tailoring made core.

use competence::catalog::Catalog;
use competence::diagnostic::Severity;
use competence::tailor;
use competence::{Diagnostic, Limits, check_text};
use std::path::Path;

fn check(text: &str) -> Vec<Diagnostic> {
    check_text(
        Path::new("local.yaml"),
        text,
        &Catalog::builtin(),
        &Limits::default(),
    )
    .diagnostics
}

/// (code, severity, message) of each finding.
fn findings(found: &[Diagnostic]) -> Vec<(String, Severity, String)> {
    found
        .iter()
        .map(|d| (d.code.to_string(), d.severity, d.message.clone()))
        .collect()
}

fn has(found: &[(String, Severity, String)], code: &str, parts: &[&str]) -> bool {
    found
        .iter()
        .any(|(c, _, m)| c == code && parts.iter().all(|p| m.contains(p)))
}

const CO_OPTED: &str = r#"
format: competence/1
kind: framework
id: co-opted-psw
version: 1.0.0
title: Peer support, as a ward checklist
extends: mh-peer-support-worker@^1
context: A fictional ward that wants peer workers to fill in its forms.
tailoring:
  add_indicators:
    - into: peer-values
      id: completes-risk-assessment
      text: Completes the ward's risk assessment form for each person.
  targets:
    peer-support-worker:
      values-and-principles: developing
  assessment:
    overrides:
      values-and-principles:
        min_weight: 0.25
        min_items: 1
        require_independent: false
"#;

#[test]
fn lowering_relaxing_and_adding_to_the_values_domain_are_each_named() {
    let found = findings(&check(CO_OPTED));
    let expect: [(&str, &[&str]); 6] = [
        (
            "core-target-lowered",
            &[
                "role `peer-support-worker`",
                "`peer-values`",
                "`peer-support-principles`",
                "`values-and-principles`",
                "from established to developing",
            ],
        ),
        (
            "core-policy-relaxed",
            &["`min_weight`", "from 2 to 0.25", "`values-and-principles`"],
        ),
        (
            "core-policy-relaxed",
            &["`min_items`", "from 3 to 1", "`values-and-principles`"],
        ),
        (
            "core-policy-relaxed",
            &["`require_independent`", "from true to false"],
        ),
        (
            "added-to-core",
            &[
                "`completes-risk-assessment`",
                "core competency `peer-values`",
            ],
        ),
        ("missing-rationale", &["`completes-risk-assessment`"]),
    ];
    for (code, parts) in expect {
        assert!(
            has(&found, code, parts),
            "{code} {parts:?} not in {found:#?}"
        );
    }
    assert!(
        has(&found, "missing-rationale", &["`assessment`"]),
        "{found:#?}"
    );
    // The lowering is refused; the relaxation and the addition are allowed with a reason.
    for (code, severity, _) in &found {
        let want = match code.as_str() {
            "core-target-lowered" | "missing-rationale" => Severity::Error,
            _ => Severity::Warning,
        };
        assert_eq!(*severity, want, "{code}");
    }
    assert_eq!(found.len(), 7, "{found:#?}");
}

#[test]
fn with_rationales_only_the_lowering_is_refused() {
    let explained = CO_OPTED
        .replace(
            "      text: Completes the ward's risk assessment form for each person.\n",
            "      text: Completes the ward's risk assessment form for each person.\n      rationale: The ward asked for it.\n",
        )
        .replace(
            "        require_independent: false\n",
            "        require_independent: false\n    rationale: Observers are scarce on the ward.\n",
        );
    let found = check(&explained);
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.to_string())
        .collect();
    assert_eq!(errors, ["core-target-lowered"], "{found:#?}");
}

fn team(body: &str) -> String {
    format!(
        "format: competence/1
kind: framework
id: northgate-east-team
version: 1.0.0
title: Northgate east team
extends: northgate-community-racialised-communities@^2
context: One fictional team of the Northgate community service.
tailoring:
{body}"
    )
}

#[test]
fn a_team_cannot_exclude_what_the_regional_tailoring_made_core() {
    let found = findings(&check(&team(
        "  exclude:\n    - id: anti-racist-practice\n      rationale: Not a priority for this team.\n",
    )));
    assert!(
        has(
            &found,
            "core-excluded",
            &[
                "`anti-racist-practice`",
                "made core by `northgate-community-racialised-communities@2.1.0`",
            ]
        ),
        "{found:#?}"
    );
    assert!(found.iter().any(|(_, s, _)| *s == Severity::Error));
}

#[test]
fn a_team_is_bound_by_every_guardrail_on_those_items() {
    let found = findings(&check(&team(
        "  exclude:
    - id: culturally-grounded-peer-support
      rationale: Not here.
  amend:
    - id: racial-equity
      description: Fairness for everyone.
      rationale: Simpler wording.
  targets:
    peer-support-worker: { anti-racist-practice: developing }
  assessment:
    overrides:
      anti-racist-practice: { min_items: 1 }
  add_indicators:
    - into: anti-racist-practice
      id: completes-equality-monitoring
      text: Completes equality monitoring forms.
",
    )));
    for (code, part) in [
        ("core-excluded", "`culturally-grounded-peer-support`"),
        ("core-amended", "`racial-equity`"),
        ("core-target-lowered", "`anti-racist-practice`"),
        ("core-policy-relaxed", "`anti-racist-practice`"),
        ("added-to-core", "`anti-racist-practice`"),
    ] {
        assert!(has(&found, code, &[part]), "{code} {part}: {found:#?}");
    }
}

#[test]
fn provenance_records_who_made_an_item_core() {
    let catalog = Catalog::builtin();
    let wanted = "northgate-community-racialised-communities@^2"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let resolution = tailor::resolve(&catalog, &wanted).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        resolution.diagnostics.is_empty(),
        "{:#?}",
        resolution.diagnostics
    );
    let framework = resolution
        .framework
        .unwrap_or_else(|| panic!("not resolved"));
    let core_by = |id: &str| {
        framework
            .competency(id)
            .and_then(|(_, c)| c.provenance.core_by.clone())
    };
    let northgate = Some("northgate-community-racialised-communities@2.1.0".to_owned());
    assert_eq!(core_by("anti-racist-practice"), northgate);
    assert_eq!(
        core_by("peer-values"),
        Some("mh-peer-support-worker@1.1.0".to_owned())
    );
    assert_eq!(core_by("working-with-interpreters"), None);
    let indicator = framework
        .competency("anti-racist-practice")
        .and_then(|(_, c)| c.indicators.first())
        .and_then(|i| i.provenance.core_by.clone());
    assert_eq!(indicator, northgate);
    // The resolved block keeps it, and reading back restores it.
    let json = serde_json::to_string(&framework).unwrap_or_else(|e| panic!("{e}"));
    let back: tailor::ResolvedFramework =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, framework);
}
