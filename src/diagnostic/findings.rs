//! A list of findings with a bound on how many are kept, so that no file can make the loader
//! hold millions of them: a 15 MB framework with 600,000 unused values once took 1.3 GB to
//! check, nearly all of it findings and their output.
//!
//! The first `limit` errors and the first `limit` warnings are kept, in the order the rules
//! report them; the rest are counted by code and stand as one `too-many-findings` warning.
//! Errors and warnings have a bound each so that warnings never crowd out an error: a file
//! with errors keeps at least one, and `check` still fails on it.

use super::{Code, Diagnostic, DocPath, Severity};
use std::collections::BTreeMap;

/// Findings gathered under a bound (see the module docs).
#[derive(Debug)]
pub(crate) struct Findings {
    kept: Vec<Diagnostic>,
    limit: usize,
    errors: usize,
    warnings: usize,
    /// Findings not kept, by code.
    unlisted: BTreeMap<Code, usize>,
}

impl Findings {
    /// Keeps at most `limit` errors and `limit` warnings (at least one of each).
    pub(crate) fn new(limit: usize) -> Findings {
        Findings {
            kept: Vec::new(),
            limit: limit.max(1),
            errors: 0,
            warnings: 0,
            unlisted: BTreeMap::new(),
        }
    }

    /// Keeps every finding: for the library's own calls that return them all.
    pub(crate) fn unbounded() -> Findings {
        Findings::new(usize::MAX)
    }

    /// Adds a finding, or counts it when its severity's bound is reached.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let count = match diagnostic.severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
        };
        if *count < self.limit {
            *count += 1;
            self.kept.push(diagnostic);
        } else {
            *self.unlisted.entry(diagnostic.code).or_default() += 1;
        }
    }

    /// Counts `count` findings of `code` not kept (a pass that stopped keeping them itself).
    pub(crate) fn count_unlisted(&mut self, code: Code, count: usize) {
        if count > 0 {
            *self.unlisted.entry(code).or_default() += count;
        }
    }

    /// The most findings of one severity kept.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Changes the kept findings in place (a later pass replacing some with better ones,
    /// or adding its own), then holds them to the bound again, in their order.
    pub(crate) fn edit(&mut self, change: impl FnOnce(&mut Vec<Diagnostic>)) {
        change(&mut self.kept);
        let kept = std::mem::take(&mut self.kept);
        (self.errors, self.warnings) = (0, 0);
        self.extend(kept);
    }

    /// The kept findings.
    pub(crate) fn kept(&self) -> &[Diagnostic] {
        &self.kept
    }

    /// The kept findings, and a `too-many-findings` warning at the start of the first
    /// document when some were not kept.
    pub(crate) fn into_vec(mut self) -> Vec<Diagnostic> {
        let unlisted: usize = self.unlisted.values().sum();
        if unlisted > 0 {
            self.kept.push(self.summary(unlisted));
        }
        self.kept
    }

    fn summary(&self, unlisted: usize) -> Diagnostic {
        const CODES_SHOWN: usize = 5;
        let mut by_count: Vec<(Code, usize)> =
            self.unlisted.iter().map(|(c, n)| (*c, *n)).collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut codes: Vec<String> = by_count
            .iter()
            .take(CODES_SHOWN)
            .map(|(code, n)| format!("{} {code}", thousands(*n)))
            .collect();
        if by_count.len() > CODES_SHOWN {
            codes.push(format!("{} other codes", by_count.len() - CODES_SHOWN));
        }
        let mut diagnostic = Diagnostic::new(
            Code::TooManyFindings,
            DocPath::root(0),
            format!(
                "{} more findings are not listed ({}): at most {} errors and {} warnings are listed for one file",
                thousands(unlisted),
                codes.join(", "),
                thousands(self.limit),
                thousands(self.limit),
            ),
        );
        diagnostic.help = Some(
            "fix the listed ones and check again, or raise the limit with `--max-findings N`"
                .to_owned(),
        );
        diagnostic
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for diagnostic in iter {
            self.push(diagnostic);
        }
    }
}

impl From<Vec<Diagnostic>> for Findings {
    /// Every finding of `kept`, unbounded.
    fn from(kept: Vec<Diagnostic>) -> Findings {
        let mut findings = Findings::unbounded();
        findings.edit(|all| *all = kept);
        findings
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: Code, n: usize) -> Diagnostic {
        Diagnostic::new(code, DocPath::root(0).index(n), "x")
    }

    #[test]
    fn keeps_the_first_of_each_severity_and_counts_the_rest() {
        let mut findings = Findings::new(2);
        findings.extend((0..5).map(|n| finding(Code::UnusedValue, n)));
        findings.push(finding(Code::DuplicateId, 9));
        findings.extend((0..3).map(|n| finding(Code::InvalidDate, n)));
        let all = findings.into_vec();
        let codes: Vec<(Code, String)> = all.iter().map(|d| (d.code, d.path.to_string())).collect();
        assert_eq!(
            codes,
            [
                (Code::UnusedValue, "[0]".to_owned()),
                (Code::UnusedValue, "[1]".to_owned()),
                (Code::DuplicateId, "[9]".to_owned()),
                (Code::InvalidDate, "[0]".to_owned()),
                (Code::TooManyFindings, String::new()),
            ]
        );
        let summary = &all[4];
        assert_eq!(summary.code.severity(), Severity::Warning);
        assert_eq!(
            summary.message,
            "5 more findings are not listed (3 unused-value, 2 invalid-date): \
             at most 2 errors and 2 warnings are listed for one file"
        );
    }

    #[test]
    fn a_file_within_the_bound_has_no_summary() {
        let mut findings = Findings::new(3);
        findings.extend((0..3).map(|n| finding(Code::UnusedValue, n)));
        assert_eq!(findings.into_vec().len(), 3);
        assert!(
            Findings::from(vec![finding(Code::UnusedValue, 0); 5])
                .into_vec()
                .len()
                == 5
        );
    }

    #[test]
    fn warnings_never_crowd_out_an_error_and_the_bound_is_at_least_one() {
        let mut findings = Findings::new(0);
        findings.extend((0..10).map(|n| finding(Code::UnusedValue, n)));
        findings.push(finding(Code::DuplicateId, 0));
        let all = findings.into_vec();
        assert!(all.iter().any(Diagnostic::is_error));
        assert_eq!(all.len(), 3, "one warning, one error, the summary");
    }

    #[test]
    fn edit_holds_a_pass_that_adds_to_the_bound() {
        let mut findings = Findings::new(2);
        findings.push(finding(Code::WrongType, 0));
        findings.edit(|kept| kept.extend((1..30).map(|n| finding(Code::WrongType, n))));
        let all = findings.into_vec();
        assert_eq!(all.len(), 3, "two errors and the summary");
        assert!(
            all[2].message.starts_with("28 more findings"),
            "{}",
            all[2].message
        );
    }

    #[test]
    fn edit_counts_again() {
        let mut findings = Findings::new(2);
        findings.extend((0..2).map(|n| finding(Code::UnusedValue, n)));
        findings.edit(|kept| kept.retain(|d| d.path.to_string() != "[0]"));
        findings.push(finding(Code::UnusedValue, 5));
        assert_eq!(findings.kept().len(), 2);
        assert_eq!(findings.into_vec().len(), 2);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(599_001), "599,001");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn a_summary_names_five_codes_at_most() {
        let mut findings = Findings::new(1);
        let codes = [
            Code::UnusedValue,
            Code::DuplicateId,
            Code::InvalidDate,
            Code::InvalidValue,
            Code::WrongType,
            Code::MissingField,
            Code::UnknownField,
        ];
        for code in codes {
            findings.extend((0..3).map(|n| finding(code, n)));
        }
        let all = findings.into_vec();
        let summary = all.last().map(|d| d.message.clone()).unwrap_or_default();
        assert!(summary.contains("2 other codes"), "{summary}");
    }
}
