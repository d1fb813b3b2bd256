//! A commented starter file for a new tailoring (`competence new tailoring`).

use crate::model::{Framework, FrameworkRef, Id};
use std::fmt::Write;

/// The text of a new tailoring of `base`, named `id@0.1.0`, extending `extends`. It is valid as
/// it stands (an empty tailoring); commented examples use ids from the base.
pub fn starter(base: &Framework, extends: &FrameworkRef, id: &Id) -> String {
    // The example adds into a domain that is not core: an addition to a core item needs a
    // rationale and is named by `check`, which a starter should not teach by accident.
    let domain = base
        .domains
        .iter()
        .find(|d| !d.core)
        .or(base.domains.first());
    let competency = base
        .domains
        .iter()
        .flat_map(|d| d.competencies.iter())
        .find(|c| !c.core && !d_core(base, &c.id));
    let any_competency = base
        .domains
        .iter()
        .flat_map(|d| d.competencies.iter())
        .next();
    let role = base.roles.first();
    let level = base
        .scale
        .first()
        .map_or(Framework::IMPLICIT_LEVEL, |l| l.id.as_str());
    let domain_id = domain.map_or("a-domain", |d| d.id.as_str());
    let competency_id = competency
        .or(any_competency)
        .map_or("a-competency", |c| c.id.as_str());
    let core_id = any_competency.map_or("a-competency", |c| c.id.as_str());
    let role_id = role.map_or("a-role", |r| r.id.as_str());
    let mut out = String::new();
    let _ = write!(
        out,
        r#"# yaml-language-server: $schema=../schema/framework.schema.json
#
# A tailoring of {base_name}: the base framework adapted to a local context.
# Every change to the base goes through the `tailoring` block below, with a reason.
# Core items cannot be excluded or reworded, and a role's targets for them cannot be lowered;
# relaxing the evidence they need or adding to them needs a rationale. Add guidance instead.
# Check it with `competence check <this file>`; see the result with
# `competence resolve {id} --catalog <this directory>`.
format: competence/1
kind: framework
id: {id}
version: 0.1.0
title: {title} (tailored)
extends: {extends}
context: >-
  Describe where and for whom this tailoring applies: the service, the setting and the people
  it serves.
tailoring: {{}}
# Replace `{{}}` above with a block like this one, uncommenting what you need:
#
#   add_competencies:
#     - into: {domain_id}
#       id: a-local-competency
#       title: What the local competency is about
#       indicators:
#         - id: a-local-indicator
#           text: An observable ability, in plain words.
#   amend:
#     - id: {competency_id}
#       description: The local wording.
#       rationale: Why the change is needed here.
#   guidance:
#     - id: {core_id}
#       text: How this applies in this setting.
#   exclude:
#     - id: {competency_id}
#       rationale: Why it does not apply here.
#   targets:
#     {role_id}: {{ a-local-competency: {level} }}
#   assessment:
#     evidence:
#       a-local-kind: {{ title: A local kind of evidence, weight: 0.5, independent: true }}
"#,
        base_name = base.name(),
        title = base.title,
    );
    out
}

fn d_core(base: &Framework, competency: &Id) -> bool {
    base.domains
        .iter()
        .any(|d| d.core && d.competencies.iter().any(|c| c.id == *competency))
}
