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
//! reaches a field the model does not keep: a preview is computed, never guessed.

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
}

/// Fills in the preview of every step, in the order the runbook runs them: a step's `before` is
/// the exported object with the patches of the steps before it applied, so the switch into
/// Migrating shows `desiredState` going from SetupIstioForMigrate, as the switch before it left
/// it. Rollbacks are not previewed.
pub(super) fn attach(analysis: &Analysis, phases: &mut [Phase]) {
    let mut objects: BTreeMap<ObjectName, Option<Exported>> = BTreeMap::new();
    for step in phases.iter_mut().flat_map(|p| p.steps.iter_mut()) {
        // The objects this step patches, in the order it first patches them, as they were before.
        let mut touched: Vec<(ObjectName, Value)> = Vec::new();
        for command in &step.commands {
            let files = &step.files;
            let Some(patch) = patch_of(command, |name| {
                files
                    .iter()
                    .find(|f| f.name == name)
                    .map(|f| f.content.as_str())
            }) else {
                continue;
            };
            let Some((name, found)) = exported(analysis, command) else {
                continue;
            };
            let Some(object) = objects.entry(name.clone()).or_insert(found) else {
                continue;
            };
            if !leaf_paths(&patch)
                .iter()
                .all(|path| object.kept.iter().any(|kept| path.starts_with(kept)))
            {
                continue;
            }
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

/// The object a command patches, and its JSON when the export holds it.
fn exported(analysis: &Analysis, command: &Command) -> Option<(ObjectName, Option<Exported>)> {
    let resource = command.resource_type()?;
    let name = command.object_name()?;
    let namespace = command.namespace.as_deref().unwrap_or("");
    let bundle = &analysis.bundle;
    if let Some(kind) = WORKLOAD_KINDS
        .into_iter()
        .find(|k| k.resource() == resource)
    {
        let object = ObjectName {
            kind: kind.as_str().into(),
            namespace: Some(namespace.to_string()).filter(|ns| !ns.is_empty()),
            name: name.into(),
        };
        let found = bundle.workload(kind, namespace, name).map(|w| {
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
            Exported { value, kept }
        });
        return Some((object, found));
    }
    match resource {
        "namespace" => {
            let object = ObjectName {
                kind: "Namespace".into(),
                namespace: None,
                name: name.into(),
            };
            let found = bundle.namespaces.get(name).map(|ns| Exported {
                value: header(&ns.api_version, &ns.kind, &ns.meta),
                kept: meta_paths(),
            });
            Some((object, found))
        }
        "service" => {
            let object = ObjectName {
                kind: "Service".into(),
                namespace: Some(namespace.to_string()).filter(|ns| !ns.is_empty()),
                name: name.into(),
            };
            let found = bundle
                .services
                .iter()
                .find(|s| s.ns() == namespace && s.name() == name)
                .map(|s| Exported {
                    value: header(&s.api_version, &s.kind, &s.meta),
                    kept: meta_paths(),
                });
            Some((object, found))
        }
        _ if resource.starts_with(&resource_name(None)) => {
            let object = ObjectName {
                kind: "ASMMigrateFromIstio".into(),
                namespace: None,
                name: name.into(),
            };
            // Only a command that names the exported version patches the exported object; the
            // unqualified name reaches whichever version ASM prefers.
            let found = bundle
                .migration
                .iter()
                .find(|m| {
                    m.name() == name
                        && ResourceShape::parse(&m.api_version)
                            .is_some_and(|shape| resource_name(Some(shape)) == resource)
                })
                .and_then(|m| serde_json::to_value(&m.body).ok())
                .map(|value| Exported {
                    value,
                    kept: vec![Vec::new()],
                });
            Some((object, found))
        }
        _ => None,
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
