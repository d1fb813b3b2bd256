//! Diagnostic codes as data: each has a stable kebab-case name, a severity and a summary.
//! `docs/diagnostics.md` lists them all and a meta-test keeps it, and the fixtures, in step.

use super::Severity;

enum_table! {
    /// A stable diagnostic code. Its kebab-case name never changes once released.
    enum Code;
    severity -> Severity, /// The severity findings with this code have.
    ;
    summary, /// A one-line summary of what the code means.
    ;
    rows {
    // Reading the file.
    FileTooLarge = "file-too-large", Error, "The file is larger than the size limit (16 MiB unless configured).";
    InvalidUtf8 = "invalid-utf8", Error, "The file is not valid UTF-8.";
    YamlSyntax = "yaml-syntax", Error, "The file is not well-formed YAML or JSON.";
    TooDeep = "too-deep", Error, "Nesting goes deeper than the parser allows.";
    AliasLimit = "alias-limit", Error, "Aliases expand to more nodes than allowed (an alias bomb).";
    TooManyDocuments = "too-many-documents", Error, "The file holds more documents than the limit allows.";
    DocumentTooLarge = "document-too-large", Error, "A document the fast reader cannot take is larger than the bound on full YAML.";
    TooManyFindings = "too-many-findings", Warning, "A file has more findings than the limit; the rest are counted, not listed.";
    EmptyDocument = "empty-document", Error, "The file or document has no content.";
    DuplicateKey = "duplicate-key", Error, "A mapping has the same key twice.";
    // Shape of a document.
    UnknownFormat = "unknown-format", Error, "`format` is not `competence/1`.";
    UnknownKind = "unknown-kind", Error, "`kind` is missing or not framework, evidence or crosswalk.";
    UnknownField = "unknown-field", Error, "A field that this kind of item does not have (often a typo).";
    MissingField = "missing-field", Error, "A required field is missing.";
    WrongType = "wrong-type", Error, "A value has the wrong type, such as a list where text belongs.";
    NullText = "null-text", Error, "`~` or `null` where text is required.";
    InvalidValue = "invalid-value", Error, "A value is not one of those allowed.";
    InvalidWeight = "invalid-weight", Error, "A weight is not in (0, 1] with at most three decimals, or a total is not positive.";
    InvalidDate = "invalid-date", Error, "A date is not a real YYYY-MM-DD date.";
    InvalidDuration = "invalid-duration", Error, "A duration is not a whole number of d, w, m or y.";
    InvalidVersion = "invalid-version", Error, "A version is not semver.";
    InvalidReference = "invalid-reference", Error, "A framework reference is not `id` or `id@requirement`.";
    EmptyText = "empty-text", Error, "A title, text or rationale is empty.";
    MissingRationale = "missing-rationale", Error, "An `amend` or `exclude` has no rationale, or neither has an addition to a core item or a tailoring `assessment` that relaxes the policy for core competencies.";
    // Identifiers and references within a framework.
    InvalidId = "invalid-id", Error, "An id does not match `[A-Za-z0-9][A-Za-z0-9._-]*` or is longer than 64 characters.";
    DuplicateId = "duplicate-id", Error, "Two items of a framework share an id (ids are unique across the whole framework).";
    UnknownReference = "unknown-reference", Error, "A reference names an id that does not exist, or an item of the wrong sort.";
    UnknownLevel = "unknown-level", Error, "A level is not on the framework's scale.";
    RequiresCycle = "requires-cycle", Error, "Competencies require each other in a cycle.";
    ExtendsCycle = "extends-cycle", Error, "Roles extend each other in a cycle.";
    ReplacesLiveId = "replaces-live-id", Error, "`replaces` names an id that is still in use, or one another item replaces too.";
    // The evidence policy.
    UnsatisfiablePolicy = "unsatisfiable-policy", Error, "No evidence could ever satisfy the policy.";
    NoPolicy = "no-policy", Warning, "The framework has no evidence policy, so no evidence can count.";
    // Tailoring shape.
    MissingContext = "missing-context", Error, "A tailored framework (with `extends`) has no `context`.";
    TailoringWithoutExtends = "tailoring-without-extends", Error, "A `tailoring` block without `extends`.";
    TailoringWithContent = "tailoring-with-content", Error, "A tailored framework also has top-level domains, values, scale, roles or assessment.";
    // Catalog and tailoring.
    DuplicateFramework = "duplicate-framework", Error, "The same `id@version` twice in the catalog, with different content.";
    MissingBase = "missing-base", Error, "`extends` names a framework id that is not in the catalog.";
    NoMatchingVersion = "no-matching-version", Error, "The base framework exists, but none of its versions matches the requirement.";
    ChainCycle = "chain-cycle", Error, "Frameworks extend each other in a cycle.";
    ChainTooDeep = "chain-too-deep", Error, "A tailoring chain has more than 16 `extends` links.";
    CoreExcluded = "core-excluded", Error, "A tailoring excludes a core item, or an item with a core item inside it.";
    CoreAmended = "core-amended", Error, "A tailoring rewords a core item (title, description, text) or drops one of its values.";
    CoreTargetLowered = "core-target-lowered", Error, "A tailoring lowers the target of an existing role for a core competency or domain.";
    CorePolicyRelaxed = "core-policy-relaxed", Warning, "A tailoring relaxes the evidence policy for core competencies (its `assessment` needs a `rationale`).";
    AddedToCore = "added-to-core", Warning, "A tailoring adds an indicator to a core competency or a competency to a core domain (the addition needs a `rationale`).";
    AddedIdExists = "added-id-exists", Error, "A tailoring adds an item with an id its base already uses.";
    InvalidAmend = "invalid-amend", Error, "An amendment changes no field, or a field the item does not have.";
    AddedIntoExcluded = "added-into-excluded", Error, "A tailoring adds into a domain or competency that is excluded.";
    DroppedPrerequisite = "dropped-prerequisite", Warning, "A prerequisite was dropped from `requires` because it is excluded.";
    DroppedTarget = "dropped-target", Warning, "A role target was dropped because it points at an excluded item.";
    // Versions and crosswalks.
    CrosswalkUnresolved = "crosswalk-unresolved", Error, "A crosswalk's `from` or `to` framework is not in the catalog, or does not resolve.";
    CrosswalkUnknownId = "crosswalk-unknown-id", Error, "A crosswalk link names a competency that its side's framework does not have.";
    CrosswalkLevelMap = "crosswalk-level-map", Error, "A crosswalk's level map leaves out a level of the `from` scale (when the scales differ), or names a level not on its scale.";
    CrosswalkLevelOrder = "crosswalk-level-order", Error, "A crosswalk's level map does not keep order: a higher level maps below a lower one.";
    CrosswalkOverlap = "crosswalk-overlap", Warning, "Two crosswalks map the same pair of frameworks.";
    CrosswalkSelf = "crosswalk-self", Error, "A crosswalk maps a framework to itself.";
    // Hygiene warnings.
    NoIndicators = "no-indicators", Warning, "A competency has no indicators.";
    UnusedValue = "unused-value", Warning, "No competency serves this value.";
    EmptyDomain = "empty-domain", Warning, "A domain has no competencies.";
    MultilineTitle = "multiline-title", Warning, "A title or code has a line break: reports show it on one line.";
    ControlCharacter = "control-character", Warning, "A text holds a control character or a bidirectional formatting character, which does not show as itself.";
    // Evidence and assessment.
    UnknownEvidenceKind = "unknown-evidence-kind", Warning, "An evidence item's kind is not in the framework's evidence policy, so it cannot count.";
    UnknownCompetency = "unknown-competency", Warning, "A claim names a competency the framework does not have (and no competency `replaces`).";
    UnknownClaimLevel = "unknown-claim-level", Warning, "A claim names a level that is not on the framework's scale.";
    UnknownIndicator = "unknown-indicator", Warning, "A claim names an indicator the competency does not have.";
    ExcludedClaim = "excluded-claim", Warning, "A claim names a competency or indicator that the framework's tailoring excludes, so it is not assessed.";
    DuplicateEvidence = "duplicate-evidence", Warning, "Two evidence items in a record share an id; only the first counts.";
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// The code with this name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let name = String::deserialize(deserializer)?;
        Code::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("`{name}` is not a diagnostic code")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
            assert_eq!(Code::from_name(name), Some(*code));
        }
    }
}
