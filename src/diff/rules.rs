//! The classification rules as data: each has a stable kebab-case id, the class of bump it
//! needs and a description. DESIGN.md "Semver for frameworks" is the source; every rule has a
//! fixture pair under `tests/fixtures/diff/<rule-id>/`, and a meta-test keeps them in step.

use serde::Serialize;

/// How large a version bump a change needs. Ordered: `Patch < Minor < Major`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Only wording or metadata changed.
    Patch,
    /// Adds or relaxes without making a ready learner not ready.
    Minor,
    /// A ready learner could become not ready, evidence could stop counting, or a valid
    /// tailoring could become invalid.
    Major,
}

impl Class {
    /// `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Patch => "patch",
            Class::Minor => "minor",
            Class::Major => "major",
        }
    }

    /// Every class, largest first (the order human output groups them in).
    pub const LARGEST_FIRST: [Class; 3] = [Class::Major, Class::Minor, Class::Patch];
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

enum_table! {
    /// A classification rule. Its kebab-case id never changes once released.
    enum Rule;
    class -> Class, /// The bump a change under this rule needs.
    ;
    description, /// What the rule covers.
    ;
    rows {
    // Major: a ready learner could become not ready, evidence could stop counting, or a
    // tailoring valid against the old version could become invalid.
    ItemRemoved = "item-removed", Major, "An item (value, domain, competency, indicator or role) was removed, or its id changed with no successor listing it in `replaces`.";
    ItemExcluded = "item-excluded", Major, "A tailoring now excludes an item that was assessed before.";
    LevelRemoved = "level-removed", Major, "A scale level was removed.";
    LevelsReordered = "levels-reordered", Major, "Scale levels that both versions have are in a different order.";
    LowestLevelChanged = "lowest-level-changed", Major, "A level was added below the lowest, so claims and indicators without a level now mean a lower level.";
    TargetRaised = "target-raised", Major, "A role's target for a competency was raised.";
    TargetAdded = "target-added", Major, "An existing role newly targets a competency (directly, through a domain or through `extends`).";
    SufficiencyTightened = "sufficiency-tightened", Major, "Sufficiency was tightened: min_weight or min_items up, a require_* switched on, or valid_for shortened or added.";
    KindTightened = "kind-tightened", Major, "An evidence kind is worth less: its weight lowered, `independent` switched off, or its valid_for shortened or added.";
    KindRemoved = "kind-removed", Major, "An evidence kind was removed.";
    RequiresAdded = "requires-added", Major, "A competency has a new prerequisite (`requires` edge).";
    CoreAdded = "core-added", Major, "An item became `core: true` (in a base, or an addition a tailoring marks core), so tailorings below may now violate it.";
    IndicatorRequired = "indicator-required", Major, "A new indicator on a competency where require_indicators applies.";
    IndicatorLevelLowered = "indicator-level-lowered", Major, "An indicator's level was lowered where require_indicators applies.";
    IndicatorMoved = "indicator-moved", Major, "An indicator moved to another competency, so claims naming it under the old one stop matching.";
    // Minor: adds or relaxes.
    ItemAdded = "item-added", Minor, "An item (value, domain, competency, indicator or role) was added without raising any role's requirement.";
    AddedToCore = "added-to-core", Minor, "An indicator was added to a competency that was already core, or a competency to a domain that was already core, where require_indicators does not make it `indicator-required`.";
    ItemRenamed = "item-renamed", Minor, "An id was renamed and the successor lists the old id in `replaces`.";
    ItemIncluded = "item-included", Minor, "An item a tailoring excluded is assessed again.";
    LevelAdded = "level-added", Minor, "A scale level was added above the lowest.";
    TargetLowered = "target-lowered", Minor, "A role's target was lowered, or a role no longer targets a competency.";
    CoreTargetLowered = "core-target-lowered", Minor, "A role's target for a core competency was lowered, or the role no longer targets it: minor like any lowered target, listed apart so the weakening of the core shows.";
    SufficiencyRelaxed = "sufficiency-relaxed", Minor, "Sufficiency was relaxed: min_weight or min_items down, a require_* switched off, or valid_for lengthened or removed.";
    CorePolicyRelaxed = "core-policy-relaxed", Minor, "Sufficiency was relaxed where it applies to core competencies (at the top, or in an override of a core domain or competency): minor like any relaxation, listed apart so the weakening of the core shows.";
    KindAdded = "kind-added", Minor, "An evidence kind was added.";
    KindRelaxed = "kind-relaxed", Minor, "An evidence kind is worth more: its weight raised, `independent` switched on, or its valid_for lengthened or removed.";
    RequiresRemoved = "requires-removed", Minor, "A prerequisite was removed.";
    CoreRemoved = "core-removed", Minor, "An item is no longer `core: true`.";
    IndicatorLevelChanged = "indicator-level-changed", Minor, "An indicator's level changed where require_indicators does not apply, or rose where it does.";
    CompetencyMoved = "competency-moved", Minor, "A competency moved to another domain (role targets are compared separately).";
    ValuesChanged = "values-changed", Minor, "The values a competency serves changed.";
    // Patch: wording and metadata.
    WordingChanged = "wording-changed", Patch, "A title, description, indicator text or level title changed.";
    CodeChanged = "code-changed", Patch, "A display code changed.";
    GuidanceChanged = "guidance-changed", Patch, "Local guidance on an item changed.";
    MetadataChanged = "metadata-changed", Patch, "The framework's title, summary or context changed.";
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Rule {
    /// The rule with this id.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let name = rule.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert_eq!(Rule::from_name(name), Some(*rule));
        }
    }
}
