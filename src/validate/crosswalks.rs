//! Rules for a crosswalk on its own: it maps two different frameworks. The rules that need
//! both frameworks resolved live where the documents meet, in `tailor::crosswalks`.

use crate::diagnostic::{Code, Diagnostic, DocPath, Findings};
use crate::model::Crosswalk;

/// Findings about a crosswalk on its own: `from` and `to` name two different frameworks.
///
/// A crosswalk is read only when a record made against one framework is assessed against
/// another (by id), so one from a framework to itself is never used, whatever versions it
/// names; carrying evidence across versions of one framework is what `replaces` does.
pub(super) fn document(crosswalk: &Crosswalk, root: &DocPath, found: &mut Findings) {
    if crosswalk.from.id == crosswalk.to.id {
        found.push(
            Diagnostic::new(
                Code::CrosswalkSelf,
                root.key("to"),
                format!(
                    "this crosswalk maps `{}` to itself; a crosswalk links two different frameworks, and one to itself is never used",
                    crosswalk.to.id
                ),
            )
            .with_help("to carry evidence across versions of one framework, list the old ids in `replaces` on the items that succeed them"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DocPath;
    use crate::model::Crosswalk;

    fn crosswalk(from: &str, to: &str) -> Crosswalk {
        let text = format!(
            "format: competence/1\nkind: crosswalk\nid: x\nversion: 1.0.0\nfrom: {from}\nto: {to}\nlinks: []\n"
        );
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn codes(c: &Crosswalk) -> Vec<(String, String)> {
        let mut found = crate::diagnostic::Findings::unbounded();
        super::document(c, &DocPath::root(0), &mut found);
        found
            .into_vec()
            .iter()
            .map(|d| (d.code.to_string(), d.path.to_string()))
            .collect()
    }

    #[test]
    fn a_crosswalk_to_itself_is_an_error_whatever_the_versions() {
        for (from, to) in [("a@^1", "a@^1"), ("a", "a@2"), ("a@=1.0.0", "a@^2")] {
            assert_eq!(
                codes(&crosswalk(from, to)),
                [("crosswalk-self".to_owned(), "to".to_owned())],
                "{from} -> {to}"
            );
        }
        assert!(codes(&crosswalk("a@^1", "b@^1")).is_empty());
    }
}
