//! The Istio API bundle for ASM: every Istio API object of the cluster, server fields removed,
//! namespaces first (applied idempotently), one file.

use std::collections::BTreeSet;

use super::{file_header, PlanFile, Step, StepKind, Verify};
use crate::analysis::Analysis;
use crate::kubectl::{Command, Target};
use crate::model::{display_name, Object};
use crate::node::Node;

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
        StepKind::ImportIstioApi,
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
        .push(Command::kubectl(Target::Asm, "apply").args(["-f", BUNDLE_FILE]));
    step.verify.push(Verify {
        command: Command::kubectl(Target::Asm, "get").args(["-f", BUNDLE_FILE, "-o", "name"]),
        expect: "one line per object of the bundle, no NotFound error".into(),
    });
    step.notes.push("The Namespaces at the top of the file are created if missing and left alone if present; applying again is harmless.".into());
    let without: Vec<String> = analysis
        .bundle
        .istio
        .iter()
        .filter(|o| o.meta.namespace.is_none())
        .map(|o| format!("{}/{}", o.kind, o.name()))
        .collect();
    if !without.is_empty() {
        step.notes.push(format!(
            "{} object(s) name no namespace ({}): kubectl applies them in the namespace of the ASM kubeconfig's context, as it did in the cluster; add metadata.namespace to them in the file if that is not where they belong.",
            without.len(),
            without.join(", ")
        ));
    }
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

/// Removes the fields the server owns, so the object applies cleanly elsewhere, and every
/// annotation outside Istio's own domains (`istio.io/…`, `*.istio.io/…`, e.g.
/// `istio.io/dry-run`): annotations are free text, where a token or a whole kubeconfig fits,
/// and no other one means anything to ASM. Returns the keys of the annotations removed.
pub fn strip_server_fields(node: &mut Node) -> Vec<String> {
    let mut dropped = Vec::new();
    node.remove("status");
    if let Some(meta) = node.get_mut("metadata") {
        for field in [
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "managedFields",
            "selfLink",
            "ownerReferences",
        ] {
            meta.remove(field);
        }
        if let Some(annotations) = meta.get_mut("annotations") {
            annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
            let foreign: Vec<String> = annotations
                .entries()
                .iter()
                .map(|(key, _)| key.to_string())
                .filter(|key| !is_istio_annotation(key))
                .collect();
            for key in &foreign {
                annotations.remove(key);
            }
            dropped = foreign;
            if annotations.entries().is_empty() {
                meta.remove("annotations");
            }
        }
    }
    dropped
}

/// An annotation in Istio's own domains: `istio.io/…` or `<sub>.istio.io/…`.
fn is_istio_annotation(key: &str) -> bool {
    key.split_once('/')
        .is_some_and(|(prefix, _)| prefix == "istio.io" || prefix.ends_with(".istio.io"))
}

/// YAML text of a node (block style, keys in order).
pub fn to_yaml(node: &Node) -> String {
    serde_yaml::to_string(node).unwrap_or_default()
}

/// `ns/name`.
fn object_name(object: &Object<Node>) -> String {
    display_name(&object.meta)
}
