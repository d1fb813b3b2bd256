//! Rules for a single document, one file per family of rules. Each rule returns findings as
//! [`Diagnostic`]s with a [`DocPath`]; the loader turns paths into line and column.
//!
//! Rules that need other documents (a tailoring's base, a crosswalk's frameworks, an evidence
//! record's framework) run at resolution and assessment, against the catalog.

mod crosswalks;
pub(crate) mod cycles;
mod document;
mod hygiene;
mod identifiers;
mod items;
mod policy;
pub(crate) mod references;
mod resolved;
mod text;

pub(crate) use items::ItemIndex;

use crate::diagnostic::{Diagnostic, DocPath, Findings};
use crate::model::{Crosswalk, Document, EvidenceRecord, Framework};

/// Every finding about one document on its own, into a bounded list (the loader's: see
/// [`Findings`]).
pub(crate) fn document_into(document: &Document, index: usize, found: &mut Findings) {
    let root = DocPath::root(index);
    match document {
        Document::Framework(framework) => framework_into(framework, &root, found),
        Document::Evidence(record) => evidence_into(record, &root, found),
        Document::Crosswalk(crosswalk) => crosswalk_into(crosswalk, &root, found),
    }
}

/// Every finding about a framework on its own (a tailoring's references into its base are
/// checked when it is resolved). The rule tests' entry point.
#[cfg(test)]
pub fn framework(framework: &Framework, root: &DocPath) -> Vec<Diagnostic> {
    let mut found = Findings::unbounded();
    framework_into(framework, root, &mut found);
    found.into_vec()
}

fn framework_into(framework: &Framework, root: &DocPath, found: &mut Findings) {
    let items = ItemIndex::of_framework(framework, root);
    document::framework(framework, root, found);
    identifiers::framework(framework, root, found);
    identifiers::check(&items, found);
    text::framework(framework, root, found);
    text::framework_characters(framework, root, found);
    resolved::check(framework, &items, root, found);
    if framework.extends.is_none() {
        references::check(framework, &items, root, found);
        cycles::check(framework, &items, root, found);
        policy::check(framework, root, found);
        hygiene::check(framework, root, found);
    }
}

/// Findings about an evidence record on its own.
pub fn evidence(record: &EvidenceRecord, root: &DocPath) -> Vec<Diagnostic> {
    let mut found = Findings::unbounded();
    evidence_into(record, root, &mut found);
    found.into_vec()
}

/// [`evidence`], into a bounded list.
pub(crate) fn evidence_into(record: &EvidenceRecord, root: &DocPath, found: &mut Findings) {
    document::evidence(record, root, found);
}

/// Findings about a crosswalk on its own.
fn crosswalk_into(crosswalk: &Crosswalk, root: &DocPath, found: &mut Findings) {
    document::crosswalk(crosswalk, root, found);
    crosswalks::document(crosswalk, root, found);
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the table-driven rule tests.
    use crate::diagnostic::{Diagnostic, DocPath};
    use crate::model::Framework;

    /// A minimal valid framework; tests change one thing about it.
    pub const BASE: &str = r#"
format: competence/1
kind: framework
id: demo
version: 1.0.0
title: Demo
scale:
  - { id: developing, title: Developing }
  - { id: established, title: Established }
values:
  - { id: mutuality, title: Mutuality, core: true }
domains:
  - id: relational
    title: Relational
    competencies:
      - id: listening
        title: Listening
        values: [mutuality]
        indicators:
          - { id: reflects-back, text: Reflects back what they heard. }
      - id: sharing
        title: Sharing
        values: [mutuality]
        requires: [listening]
        indicators:
          - { id: purposeful, text: Shares with purpose., level: established }
roles:
  - id: worker
    title: Worker
    targets: { relational: developing }
assessment:
  evidence:
    observation: { weight: 1.0, independent: true }
    reflection: { weight: 0.5 }
  sufficiency: { min_weight: 1.0, min_items: 1, require_independent: true }
"#;

    /// Parses YAML into a framework, panicking on parse errors (test input is ours).
    pub fn parse(yaml: &str) -> Framework {
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("test framework does not parse: {e}"))
    }

    /// `BASE` with `from` replaced by `to` (which must occur).
    pub fn edit(from: &str, to: &str) -> Framework {
        assert!(BASE.contains(from), "edit target not in BASE: {from}");
        parse(&BASE.replacen(from, to, 1))
    }

    /// The (code, path) pairs of findings.
    pub fn codes(found: &[Diagnostic]) -> Vec<(String, String)> {
        found
            .iter()
            .map(|d| (d.code.to_string(), d.path.to_string()))
            .collect()
    }

    /// A rule table: each row edits [`BASE`] (`from` -> `to`), validates the result and
    /// expects a finding `code` at `path` among the findings; `also` then checks the row's
    /// findings as a whole (`|_, _| {}` when the row's finding is all that matters).
    pub fn rule_table(rows: &[(&str, &str, &str, &str)], also: impl Fn(&str, &[(String, String)])) {
        for &(from, to, code, path) in rows {
            let found = codes(&super::framework(&edit(from, to), &DocPath::root(0)));
            assert!(
                found.contains(&(code.to_owned(), path.to_owned())),
                "{to}: {found:?}"
            );
            also(code, &found);
        }
    }

    /// For [`rule_table`]: the row's finding is the only one.
    pub fn only(_: &str, found: &[(String, String)]) {
        assert_eq!(found.len(), 1, "{found:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use crate::diagnostic::DocPath;

    #[test]
    fn base_is_clean() {
        let found = super::framework(&parse(BASE), &DocPath::root(0));
        assert!(found.is_empty(), "{found:#?}");
    }
}
