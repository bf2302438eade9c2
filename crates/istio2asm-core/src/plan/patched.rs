//! Each step's patch preview ([`Step::preview`]): the objects the plan patches, rebuilt as JSON
//! from what the model keeps of them, with every patch command of the plan applied to them in the
//! runbook's order.
//!
//! The objects and the fields held of each:
//!
//! - Deployments, StatefulSets, DaemonSets (and the other workload kinds): `metadata.labels` and
//!   `metadata.annotations`, and the pod template's `labels` and `annotations`;
//! - Namespaces and Services: `metadata.labels` and `metadata.annotations`;
//! - `ASMMigrateFromIstio`: the whole resource as exported (the model keeps its tree), found by
//!   the version its command names (`asmmigratefromistio.<version>.istio.alibabacloud.com`).
//!
//! A command gets no preview when its object is not in the export (the migration resource before
//! it is exported, whose commands then name no version; ASM's IstioGateway, which the plan itself
//! creates), when it is no merge patch (see [`crate::preview::patch_of`]), or when its patch
//! reaches a field the model does not keep; nor does any later command of that object: a preview
//! is computed, never guessed.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::analysis::Analysis;
use crate::kubectl::Command;
use crate::model::{Meta, WorkloadKind};
use crate::phase::{resource_name, ResourceShape};
use crate::preview::{merge, patch_of, ObjectName, Preview};

use super::Phase;

/// The workload kinds, to find a workload by its kubectl resource name.
const WORKLOAD_KINDS: [WorkloadKind; 6] = [
    WorkloadKind::Deployment,
    WorkloadKind::StatefulSet,
    WorkloadKind::DaemonSet,
    WorkloadKind::ReplicaSet,
    WorkloadKind::Job,
    WorkloadKind::CronJob,
];

/// An exported object as the preview holds it: its JSON and the paths that JSON holds exactly.
struct Exported {
    value: Value,
    /// Every path a patch may reach: prefixes of the object's fields the model keeps whole.
    kept: Vec<Vec<&'static str>>,
    /// The resource name a command must use to patch this JSON: the migration resource's,
    /// qualified by the exported version (another version has other fields).
    resource: Option<String>,
}

/// Where the model keeps an object a command patches.
enum Source {
    Workload(WorkloadKind),
    Namespace,
    Service,
    /// The migration resource, by the resource name the command gives it.
    Migration(String),
}

/// Fills in the preview of every step, in the order the runbook runs them: a step's `before` is
/// the exported object with the patches of the steps before it applied, so the switch into
/// Migrating shows `desiredState` going from SetupIstioForMigrate, as the switch before it left
/// it. Once a command changes an object in a way that cannot be previewed, that object gets no
/// further preview: its later `before` would be a guess. So does a patch of the migration
/// resource through another version than the exported one. Rollbacks are not previewed.
pub(super) fn attach(analysis: &Analysis, phases: &mut [Phase]) {
    // Each object as the steps so far leave it; `None` when it cannot be previewed.
    let mut objects: BTreeMap<ObjectName, Option<Exported>> = BTreeMap::new();
    for step in phases.iter_mut().flat_map(|p| p.steps.iter_mut()) {
        // The objects this step patches, in the order it first patches them, as they were before.
        let mut touched: Vec<(ObjectName, Value)> = Vec::new();
        for command in &step.commands {
            let Some((name, source)) = object_of(command) else {
                continue;
            };
            let entry = objects
                .entry(name.clone())
                .or_insert_with(|| exported(analysis, &name, &source));
            let Some(object) = entry else {
                continue;
            };
            let files = &step.files;
            let patch = patch_of(command, |file| {
                files
                    .iter()
                    .find(|f| f.name == file)
                    .map(|f| f.content.as_str())
            })
            .filter(|patch| {
                leaf_paths(patch)
                    .iter()
                    .all(|path| object.kept.iter().any(|kept| path.starts_with(kept)))
                    && object
                        .resource
                        .as_deref()
                        .is_none_or(|r| command.resource_type() == Some(r))
            });
            let Some(patch) = patch else {
                *entry = None;
                continue;
            };
            if !touched.iter().any(|(n, _)| *n == name) {
                touched.push((name, object.value.clone()));
            }
            object.value = merge(&object.value, &patch);
        }
        for (name, before) in touched {
            if let Some(Some(object)) = objects.get(&name) {
                step.preview
                    .push(Preview::new(name, &before, &object.value));
            }
        }
    }
}

/// The object a `patch`, `label` or `annotate` command acts on, and where the model keeps it;
/// `None` for any other command and for objects the model keeps nothing of.
fn object_of(command: &Command) -> Option<(ObjectName, Source)> {
    if !matches!(command.verb, "patch" | "label" | "annotate") {
        return None;
    }
    let resource = command.resource_type()?;
    let name = command.object_name()?.to_string();
    let namespace = command.namespace.clone().filter(|ns| !ns.is_empty());
    let named = |kind: &str, namespace: Option<String>| ObjectName {
        kind: kind.into(),
        namespace,
        name: name.clone(),
    };
    if let Some(kind) = WORKLOAD_KINDS
        .into_iter()
        .find(|k| k.resource() == resource)
    {
        return Some((named(kind.as_str(), namespace), Source::Workload(kind)));
    }
    match resource {
        "namespace" => Some((named("Namespace", None), Source::Namespace)),
        "service" => Some((named("Service", namespace), Source::Service)),
        _ if resource.starts_with(&resource_name(None)) => Some((
            named("ASMMigrateFromIstio", None),
            Source::Migration(resource.to_string()),
        )),
        _ => None,
    }
}

/// The exported object as JSON, when the export holds it.
fn exported(analysis: &Analysis, object: &ObjectName, source: &Source) -> Option<Exported> {
    let bundle = &analysis.bundle;
    let namespace = object.namespace.as_deref().unwrap_or("");
    let name = object.name.as_str();
    match source {
        Source::Workload(kind) => {
            let w = bundle.workload(*kind, namespace, name)?;
            let template: &[&'static str] = match kind {
                WorkloadKind::CronJob => &["spec", "jobTemplate", "spec", "template", "metadata"],
                _ => &["spec", "template", "metadata"],
            };
            let mut value = header(&w.api_version, &w.kind, &w.meta);
            let mut nested = metadata_maps(&w.body.template.labels, &w.body.template.annotations);
            for key in template.iter().rev() {
                nested = json!({ *key: nested });
            }
            json_patch::merge(&mut value, &nested);
            let mut kept = meta_paths();
            for field in ["labels", "annotations"] {
                let mut path = template.to_vec();
                path.push(field);
                kept.push(path);
            }
            Some(Exported {
                value,
                kept,
                resource: None,
            })
        }
        Source::Namespace => bundle.namespaces.get(name).map(|ns| Exported {
            value: header(&ns.api_version, &ns.kind, &ns.meta),
            kept: meta_paths(),
            resource: None,
        }),
        Source::Service => bundle
            .services
            .iter()
            .find(|s| s.ns() == namespace && s.name() == name)
            .map(|s| Exported {
                value: header(&s.api_version, &s.kind, &s.meta),
                kept: meta_paths(),
                resource: None,
            }),
        // Only a command that names the exported version patches the exported JSON; the
        // unqualified name reaches whichever version ASM prefers, which the export does not say.
        Source::Migration(resource) => bundle
            .migration
            .iter()
            .find(|m| {
                m.name() == name
                    && ResourceShape::parse(&m.api_version)
                        .is_some_and(|shape| resource_name(Some(shape)) == *resource)
            })
            .and_then(|m| serde_json::to_value(&m.body).ok())
            .map(|value| Exported {
                value,
                kept: vec![Vec::new()],
                resource: Some(resource.clone()),
            }),
    }
}

/// `apiVersion`, `kind` and the metadata the model keeps: name, namespace, labels, annotations.
fn header(api_version: &str, kind: &str, meta: &Meta) -> Value {
    let mut metadata = Map::new();
    metadata.insert("name".into(), meta.name.clone().into());
    if let Some(ns) = &meta.namespace {
        metadata.insert("namespace".into(), ns.clone().into());
    }
    if let Value::Object(maps) = metadata_maps(&meta.labels, &meta.annotations) {
        metadata.extend(maps);
    }
    json!({"apiVersion": api_version, "kind": kind, "metadata": metadata})
}

/// `{labels, annotations}`, each left out when empty: the model reads an empty map and a missing
/// one alike.
fn metadata_maps(
    labels: &BTreeMap<String, String>,
    annotations: &BTreeMap<String, String>,
) -> Value {
    let mut out = Map::new();
    for (field, map) in [("labels", labels), ("annotations", annotations)] {
        if !map.is_empty() {
            out.insert(field.into(), json!(map));
        }
    }
    Value::Object(out)
}

fn meta_paths() -> Vec<Vec<&'static str>> {
    vec![vec!["metadata", "labels"], vec!["metadata", "annotations"]]
}

/// Every path a merge patch writes or removes: down to each value that is not a non-empty object.
fn leaf_paths(patch: &Value) -> Vec<Vec<&str>> {
    fn walk<'a>(path: &mut Vec<&'a str>, value: &'a Value, out: &mut Vec<Vec<&'a str>>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (key, child) in map {
                    path.push(key);
                    walk(path, child, out);
                    path.pop();
                }
            }
            _ => out.push(path.clone()),
        }
    }
    let mut out = Vec::new();
    walk(&mut Vec::new(), patch, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::checks::testing::{analysis, cr};
    use crate::commands::template_label_patch;
    use crate::kubectl::Target;
    use crate::phase::{patch_command, switch_command};
    use crate::plan::{PhaseStatus, Step, StepKind};
    use crate::state::State;

    const CART: &str = r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: cart
"#;

    fn step(id: &str, commands: Vec<Command>) -> Step {
        let mut step = Step::new(StepKind::Check, id, id, Target::Cluster, "test");
        step.commands = commands;
        step
    }

    fn previews(yaml: &str, steps: Vec<Step>) -> Vec<Vec<Preview>> {
        let mut phases = vec![Phase {
            state: State::Init,
            status: PhaseStatus::Current,
            gates: Vec::new(),
            steps,
        }];
        attach(&analysis(yaml), &mut phases);
        phases[0].steps.iter().map(|s| s.preview.clone()).collect()
    }

    fn label(value: Option<&str>) -> Command {
        template_label_patch(
            WorkloadKind::Deployment,
            "shop",
            "cart",
            "sidecar.asm.aliyun.com/inject",
            value,
        )
    }

    #[test]
    fn a_later_step_starts_from_what_the_earlier_one_left() {
        let all = previews(
            &(CART.to_string() + &cr("Init")),
            vec![
                step("switch", vec![label(Some("true"))]),
                step("back", vec![label(None)]),
            ],
        );
        let path = json!({"spec": {"template": {"metadata": {"labels": {"sidecar.asm.aliyun.com/inject": "true"}}}}});
        assert_eq!((&all[0][0].before, &all[0][0].after), (&json!({}), &path));
        assert_eq!((&all[1][0].before, &all[1][0].after), (&path, &json!({})));
        assert_eq!(all[0][0].object.title(), "Deployment shop/cart");
    }

    #[test]
    fn two_patches_of_one_object_in_a_step_make_one_preview() {
        let all = previews(
            CART,
            vec![step("twice", vec![label(Some("a")), label(Some("b"))])],
        );
        assert_eq!(all[0].len(), 1);
        assert_eq!(
            all[0][0].after["spec"]["template"]["metadata"]["labels"]
                ["sidecar.asm.aliyun.com/inject"],
            "b"
        );
    }

    #[test]
    fn objects_the_export_does_not_hold_get_no_preview() {
        let shape = Some(ResourceShape::V1beta1);
        let gateway = Command::kubectl(Target::Asm, "patch")
            .resource("istiogateway")
            .name("asm-ingressgateway")
            .args(["--type=merge", "-p", "{\"spec\":{}}"])
            .in_namespace("istio-system");
        let all = previews(
            CART,
            vec![
                // No ASMMigrateFromIstio in the input.
                step("switch", vec![switch_command(shape, State::Migrating)]),
                // The seed's unqualified name: whichever version ASM prefers.
                step("unqualified", vec![switch_command(None, State::Migrating)]),
                step("gateway", vec![gateway]),
                step(
                    "other workload",
                    vec![template_label_patch(
                        WorkloadKind::Deployment,
                        "shop",
                        "ghost",
                        "a",
                        Some("b"),
                    )],
                ),
            ],
        );
        assert!(all.iter().all(Vec::is_empty), "{all:#?}");
        // With the resource exported, only the command naming its version is previewed; a patch
        // through the unqualified name may have changed it, so nothing after it is either.
        let unqualified = step("unqualified", vec![switch_command(None, State::Migrating)]);
        let qualified = step("qualified", vec![switch_command(shape, State::Migrating)]);
        let all = previews(&cr("Init"), vec![qualified.clone(), unqualified, qualified]);
        assert_eq!(
            all[0][0].after,
            json!({"spec": {"desiredState": "Migrating"}})
        );
        assert!(all[1].is_empty() && all[2].is_empty(), "{all:#?}");
    }

    #[test]
    fn a_patch_beyond_what_the_model_keeps_ends_the_objects_previews() {
        let replicas = Command::kubectl(Target::Cluster, "patch")
            .resource("deployment")
            .name("cart")
            .args(["--type=merge", "-p", "{\"spec\":{\"replicas\":3}}"])
            .in_namespace("shop");
        let all = previews(
            CART,
            vec![
                step("replicas", vec![replicas]),
                step("label", vec![label(Some("true"))]),
            ],
        );
        assert!(all.iter().all(Vec::is_empty), "{all:#?}");
        // The migration resource is kept whole: any field of it can be previewed.
        let all = previews(
            &cr("Init"),
            vec![step(
                "status",
                vec![patch_command(
                    Some(ResourceShape::V1beta1),
                    json!({"metadata": {"finalizers": ["x"]}}),
                )],
            )],
        );
        assert_eq!(all[0][0].after, json!({"metadata": {"finalizers": ["x"]}}));
    }
}
