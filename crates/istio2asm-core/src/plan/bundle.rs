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
    let lang = analysis.settings.lang;
    let separator = t!(lang, "list-separator");
    let mut step = Step::new(
        StepKind::ImportIstioApi,
        "import-istio-api",
        t!(
            lang,
            "plan-import-title",
            count = analysis.bundle.istio.len()
        ),
        Target::Asm,
        t!(lang, "plan-import-why"),
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
        expect: t!(lang, "plan-import-expect"),
    });
    step.notes.push(t!(lang, "plan-import-namespaces"));
    let without: Vec<String> = analysis
        .bundle
        .istio
        .iter()
        .filter(|o| o.meta.namespace.is_none())
        .map(|o| format!("{}/{}", o.kind, o.name()))
        .collect();
    if !without.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-import-no-namespace",
            count = without.len(),
            objects = without.join(&separator)
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
        step.notes.push(t!(
            lang,
            "plan-import-envoyfilters",
            filters = filters.join(&separator)
        ));
    }
    if !dropped.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-import-annotations",
            annotations = dropped.into_iter().collect::<Vec<_>>().join(&separator)
        ));
    }
    step.notes.push(t!(lang, "plan-import-no-rollback"));
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
