//! The Istio API bundle for ASM: every Istio API object of the cluster, server fields removed,
//! namespaces first (applied idempotently), one file.

use std::collections::BTreeSet;

use super::{file_header, object_name, strip_server_fields, to_yaml, PlanFile, Step, Verify};
use crate::analysis::Analysis;
use crate::kubectl::{Command, Target};

/// The bundle's file name.
pub const BUNDLE_FILE: &str = "istio-api-bundle.yaml";

/// The bundle's YAML (Namespaces, then the objects sorted by kind, namespace and name) and the
/// annotation keys left out of it.
pub fn bundle_yaml(analysis: &Analysis) -> (String, BTreeSet<String>) {
    let mut objects: Vec<_> = analysis.bundle.istio.iter().collect();
    objects.sort_by(|a, b| (&a.kind, a.ns(), a.name()).cmp(&(&b.kind, b.ns(), b.name())));
    let namespaces: BTreeSet<&str> = objects
        .iter()
        .map(|o| o.ns())
        .filter(|ns| !ns.is_empty())
        .collect();
    let mut out = file_header("#");
    out.push_str("# Istio API objects exported from the cluster, for the ASM control plane.\n");
    for ns in namespaces {
        out.push_str(&format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"
        ));
    }
    let mut dropped = BTreeSet::new();
    for object in objects {
        let mut node = object.body.clone();
        dropped.extend(strip_server_fields(&mut node));
        out.push_str("---\n");
        out.push_str(&to_yaml(&node));
    }
    (out, dropped)
}

/// The import step, when the cluster has Istio API objects.
pub fn import_step(analysis: &Analysis) -> Option<Step> {
    if analysis.bundle.istio.is_empty() {
        return None;
    }
    let mut step = Step::new(
        "import-istio-api",
        format!("Apply the {} Istio API objects to ASM", analysis.bundle.istio.len()),
        Target::Asm,
        "ASM proxies read their configuration from the ASM control plane: every Istio API object must be there before the first workload switches.",
    );
    let (content, dropped) = bundle_yaml(analysis);
    step.files.push(PlanFile {
        name: BUNDLE_FILE.into(),
        content,
    });
    step.commands
        .push(Command::kubectl(Target::Asm, ["apply", "-f", BUNDLE_FILE]));
    step.verify.push(Verify {
        command: Command::kubectl(Target::Asm, ["get", "-f", BUNDLE_FILE, "-o", "name"]),
        expect: "one line per object of the bundle, no NotFound error".into(),
    });
    step.notes.push("The Namespaces at the top of the file are created if missing and left alone if present; applying again is harmless.".into());
    let filters: Vec<String> = analysis
        .bundle
        .istio
        .iter()
        .filter(|o| o.kind == "EnvoyFilter")
        .map(object_name)
        .collect();
    if !filters.is_empty() {
        step.notes.push(format!(
            "Review the EnvoyFilter(s) {} for ASM's proxy version before applying (MIG508); remove them from the file if unsure.",
            filters.join(", ")
        ));
    }
    if !dropped.is_empty() {
        step.notes.push(format!(
            "Annotations outside Istio's domains are left out of the bundle (they can hold anything, tokens included, and mean nothing to ASM): {}. Add back by hand any that a tool of yours needs.",
            dropped.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    step.notes.push("No rollback: deleting with the same file would also delete the Namespaces in ASM. Remove single objects by name if needed.".into());
    Some(step)
}
