//! kubectl is the oracle for every patch the plan and the findings emit: each workload label
//! patch (forward and rollback), each ingress weight and namespace label command, and each
//! `ASMMigrateFromIstio` patch runs for real as `kubectl patch --local -f OBJECT` against the
//! exported object, and must change exactly what the patch says. The same runs check every
//! step's patch preview: what kubectl's result changes is exactly what the preview says.
//!
//! kubectl must be installed (no cluster is needed): a missing kubectl fails the test with the
//! command that installs it, it never skips.

// Core's clippy.toml forbids files and processes in the library, which must stay pure. These
// tests run kubectl on what the library produced, so they need exactly those doors.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command as Process;

use common::cluster::analyze_fixture;
use common::{
    analyze_texts, core_dir, cr, demo_analysis, demo_with_cr, phase_fixtures, read,
    require_kubectl, scratch, vars, write, yaml_documents,
};
use istio2asm_core::kubectl::{Command, Target};
use istio2asm_core::phase::{self, ResourceShape};
use istio2asm_core::preview::ObjectName;
use istio2asm_core::state::State;
use istio2asm_core::{plan, Analysis, Code};
use serde_json::{json, Value};

/// The pod label that opts a workload into ASM's proxy (the default setting).
const ASM_LABEL: &str = "sidecar.asm.aliyun.com/inject";

/// A `kubectl [-n NS] patch RESOURCE NAME --type=merge -p BODY` taken apart.
#[derive(Debug)]
struct MergePatch {
    namespace: Option<String>,
    resource: String,
    name: String,
    body: String,
}

/// A kubectl argv without `kubectl --kubeconfig=…`, its `-n NS` taken off the front.
fn namespace_and_rest(argv: &[String]) -> (Option<String>, &[String]) {
    let rest = &argv[2..];
    match rest {
        [flag, namespace, rest @ ..] if flag == "-n" => (Some(namespace.clone()), rest),
        _ => (None, rest),
    }
}

/// Parses a command's argv as a merge patch; `None` for any other command.
fn merge_patch_of(command: &Command) -> Option<MergePatch> {
    let argv = command.argv(&vars());
    let (namespace, rest) = namespace_and_rest(&argv);
    match rest {
        [verb, resource, name, kind, flag, body]
            if verb == "patch" && kind == "--type=merge" && flag == "-p" =>
        {
            Some(MergePatch {
                namespace,
                resource: resource.clone(),
                name: name.clone(),
                body: body.clone(),
            })
        }
        _ => None,
    }
}

/// Runs a plan's `patch`, `label` or `annotate` command offline against the object in `file` and
/// returns kubectl's result.
///
/// The argv is the command's own (`Command::argv`) with three changes only: the
/// `--kubeconfig=${VAR}` word becomes `--kubeconfig=/dev/null` (no cluster), `RESOURCE NAME`
/// becomes `--local -f FILE` (kubectl edits a file only that way), and `-o json` is appended. A
/// `--patch-file NAME` is looked up in `files_dir`, where the plan's files were written. The
/// namespace flag stays: kubectl refuses an object whose namespace differs from `-n`.
fn kubectl_local(command: &Command, file: &Path, files_dir: &Path) -> Value {
    let argv = command.argv(&vars());
    assert_eq!(argv[0], "kubectl", "{argv:?}");
    assert_eq!(
        argv[1],
        format!("--kubeconfig=${{{}}}", vars().name(command.target)),
        "the second word is the kubeconfig variable: {argv:?}"
    );
    let mut rest = &argv[2..];
    let mut args = vec!["--kubeconfig=/dev/null".to_string()];
    if rest.first().map(String::as_str) == Some("-n") {
        args.extend(rest[..2].iter().cloned());
        rest = &rest[2..];
    }
    let [verb, _resource, _name, tail @ ..] = rest else {
        panic!("not VERB RESOURCE NAME ...: {argv:?}");
    };
    assert!(
        matches!(verb.as_str(), "patch" | "label" | "annotate"),
        "{argv:?}"
    );
    args.extend([
        verb.clone(),
        "--local".to_string(),
        "-f".to_string(),
        file.display().to_string(),
    ]);
    let mut words = tail.iter();
    while let Some(word) = words.next() {
        args.push(word.clone());
        if word == "--patch-file" {
            let name = words.next().unwrap_or_else(|| panic!("{argv:?}"));
            args.push(files_dir.join(name).display().to_string());
        }
    }
    args.extend(["-o".to_string(), "json".to_string()]);
    let output = Process::new("kubectl")
        .args(&args)
        .output()
        .unwrap_or_else(|e| panic!("kubectl: {e}"));
    assert!(
        output.status.success(),
        "kubectl {} failed ({}): {}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("kubectl printed no JSON ({e}) for {args:?}"))
}

/// [`kubectl_local`] for a `patch RESOURCE NAME --type=merge -p BODY`.
fn kubectl_patch(command: &Command, file: &Path) -> Value {
    assert!(
        merge_patch_of(command).is_some(),
        "not a merge patch: {:?}",
        command.argv(&vars())
    );
    kubectl_local(command, file, Path::new("."))
}

/// The objects of the demo's `cluster.yaml` (a `kind: List`).
fn demo_cluster_items() -> Vec<Value> {
    let text = read(&core_dir().join("demo/cluster.yaml"));
    let list = yaml_documents(&text).remove(0);
    assert_eq!(list["kind"], "List");
    list["items"].as_array().cloned().unwrap_or_default()
}

fn kind_of_resource(resource: &str) -> &'static str {
    match resource {
        "deployment" => "Deployment",
        "statefulset" => "StatefulSet",
        "daemonset" => "DaemonSet",
        other => panic!("not a workload resource: {other}"),
    }
}

/// RFC 7386 JSON merge patch, the semantics of `--type=merge`.
fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(entries) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = json!({});
    }
    if let Value::Object(map) = target {
        for (key, value) in entries {
            if value.is_null() {
                map.remove(key);
            } else {
                merge(map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

#[test]
fn workload_label_patches_apply_with_kubectl_and_roll_back() {
    require_kubectl();
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let items = demo_cluster_items();
    let dir = scratch("kubectl-workloads");

    let mut patched = BTreeSet::new();
    for step in plan.phases.iter().flat_map(|p| &p.steps) {
        for forward in &step.commands {
            let Some(patch) = merge_patch_of(forward) else {
                continue;
            };
            if !matches!(
                patch.resource.as_str(),
                "deployment" | "statefulset" | "daemonset"
            ) {
                continue;
            }
            let ns = patch
                .namespace
                .clone()
                .unwrap_or_else(|| panic!("{}: a workload patch without -n: {patch:?}", step.id));
            let rollback = step
                .rollback
                .iter()
                .find(|r| {
                    merge_patch_of(r).is_some_and(|p| {
                        p.resource == patch.resource
                            && p.name == patch.name
                            && p.namespace == patch.namespace
                    })
                })
                .unwrap_or_else(|| panic!("{}: no rollback for {patch:?}", step.id));
            assert_eq!(forward.target, Target::Cluster);
            assert_eq!(rollback.target, Target::Cluster);

            let kind = kind_of_resource(&patch.resource);
            let original = items
                .iter()
                .find(|o| {
                    o["kind"] == kind
                        && o["metadata"]["namespace"] == ns.as_str()
                        && o["metadata"]["name"] == patch.name.as_str()
                })
                .unwrap_or_else(|| panic!("{kind} {ns}/{} is not in demo/cluster.yaml", patch.name))
                .clone();
            let file = dir.join(format!("{}-{ns}-{}.json", patch.resource, patch.name));
            write(&file, &original.to_string());
            let after = kubectl_patch(forward, &file);

            assert_eq!(
                after["spec"]["template"]["metadata"]["labels"][ASM_LABEL], "true",
                "{kind} {ns}/{}: the forward patch sets the ASM label",
                patch.name
            );
            let mut expected = original.clone();
            expected["spec"]["template"]["metadata"]["labels"][ASM_LABEL] = json!("true");
            assert_eq!(
                after, expected,
                "{kind} {ns}/{}: the forward patch changes nothing but the label",
                patch.name
            );

            let patched_file = dir.join(format!(
                "{}-{ns}-{}.patched.json",
                patch.resource, patch.name
            ));
            write(&patched_file, &after.to_string());
            let back = kubectl_patch(rollback, &patched_file);
            assert!(
                back["spec"]["template"]["metadata"]["labels"]
                    .get(ASM_LABEL)
                    .is_none(),
                "{kind} {ns}/{}: the rollback removes the label",
                patch.name
            );
            assert_eq!(
                back, original,
                "{kind} {ns}/{}: the rollback restores the exported object exactly",
                patch.name
            );
            patched.insert(format!("{} {ns}/{}", patch.resource, patch.name));
        }
    }
    let expected: BTreeSet<String> = [
        "daemonset ops/log-agent",
        "deployment payments/ledger",
        "deployment reviews/reviews-v1",
        "deployment shop/cart",
        "deployment shop/checkout",
        "deployment shop/frontend",
        "statefulset shop/redis",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(patched, expected, "the demo's workloads on Istio's sidecar");
}

/// The annotation whose value splits the CLB's traffic between the two ingress gateways.
const CLB_WEIGHT: &str = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-weight";

/// `(verb, resource, words after the name)` of a kubectl command.
fn verb_resource(command: &Command) -> (String, String, Vec<String>) {
    let argv = command.argv(&vars());
    let mut rest = &argv[2..];
    if rest.first().map(String::as_str) == Some("-n") {
        rest = &rest[2..];
    }
    match rest {
        [verb, resource, tail @ ..] => (
            verb.clone(),
            resource.clone(),
            tail.iter().skip(1).cloned().collect(),
        ),
        _ => panic!("{argv:?}"),
    }
}

#[test]
fn ingress_and_namespace_label_commands_apply_with_kubectl() {
    require_kubectl();
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    let dir = scratch("kubectl-ingress");
    for file in plan.files() {
        write(&dir.join(&file.name), &file.content);
    }
    let service = demo_cluster_items()
        .into_iter()
        .find(|o| {
            o["kind"] == "Service"
                && o["metadata"]["namespace"] == "istio-system"
                && o["metadata"]["name"] == "istio-ingressgateway"
        })
        .unwrap_or_else(|| panic!("no istio-ingressgateway Service in the demo"));
    let service_file = dir.join("exported-service.json");
    write(&service_file, &service.to_string());
    let gateway = yaml_documents(&read(
        &dir.join("ingress-istio-system-istio-ingressgateway-istiogateway.yaml"),
    ))
    .remove(0);
    let gateway_file = dir.join("generated-istiogateway.json");
    write(&gateway_file, &gateway.to_string());

    let mut ran: BTreeMap<String, usize> = BTreeMap::new();
    for step in plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .filter(|s| s.id.starts_with("ingress-"))
    {
        for command in step.commands.iter().chain(&step.rollback) {
            let (verb, resource, tail) = verb_resource(command);
            match (verb.as_str(), resource.as_str()) {
                ("patch", "service") => {
                    let after = kubectl_local(command, &service_file, &dir);
                    let patch_file = tail
                        .iter()
                        .skip_while(|w| *w != "--patch-file")
                        .nth(1)
                        .unwrap_or_else(|| panic!("{tail:?}"));
                    let body = yaml_documents(&read(&dir.join(patch_file))).remove(0);
                    let mut expected = service.clone();
                    merge(&mut expected, &body);
                    assert_eq!(after, expected, "{}: only the annotations change", step.id);
                    let annotations = &after["metadata"]["annotations"];
                    assert_eq!(annotations[CLB_WEIGHT], "100", "{}", step.id);
                    assert_eq!(
                        annotations["service.beta.kubernetes.io/alibaba-cloud-loadbalancer-force-override-listeners"],
                        "false"
                    );
                    assert_eq!(
                        annotations["service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id"],
                        "lb-bp1k7rg2q4xw9d3m8t5vz",
                        "the CLB id of the export"
                    );
                }
                ("annotate", "service") => {
                    let after = kubectl_local(command, &service_file, &dir);
                    let (key, value) = tail[0]
                        .split_once('=')
                        .unwrap_or_else(|| panic!("{tail:?}"));
                    assert_eq!(key, CLB_WEIGHT);
                    assert!(value.parse::<u32>().is_ok_and(|w| w <= 100), "{value}");
                    let mut expected = service.clone();
                    expected["metadata"]["annotations"][key] = json!(value);
                    assert_eq!(after, expected, "{}: only the weight changes", step.id);
                }
                ("patch", "istiogateway") => {
                    let after = kubectl_local(command, &gateway_file, &dir);
                    let patch = merge_patch_of(command).unwrap_or_else(|| panic!("{tail:?}"));
                    let body: Value = serde_json::from_str(&patch.body)
                        .unwrap_or_else(|e| panic!("{e}: {}", patch.body));
                    let mut expected = gateway.clone();
                    merge(&mut expected, &body);
                    assert_eq!(after, expected, "{}", step.id);
                    let weight = after["spec"]["serviceAnnotations"][CLB_WEIGHT]
                        .as_str()
                        .unwrap_or_default();
                    assert!(weight.parse::<u32>().is_ok_and(|w| w <= 100), "{weight}");
                }
                // Applying files needs a server; the files are checked elsewhere.
                ("apply" | "delete", _) => continue,
                other => panic!("{}: unexpected command {other:?}", step.id),
            }
            *ran.entry(format!("{verb} {resource}")).or_default() += 1;
        }
    }
    let expected: BTreeMap<String, usize> = [
        ("annotate service".to_string(), 8),
        ("patch istiogateway".to_string(), 8),
        ("patch service".to_string(), 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        ran, expected,
        "4 weight steps each way, with their rollbacks"
    );

    // The east-west prerequisite on istio-system, and its rollback.
    let fixture = phase_fixtures::init_eastwest();
    let analysis = analyze_fixture(&fixture);
    let plan = plan::plan(&analysis, false);
    let step = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .find(|s| {
            s.commands.iter().any(|c| {
                c.verb == "label"
                    && c.resource_type() == Some("namespace")
                    && c.object_name() == Some("istio-system")
                    && c.flags().eq(["istio-injection-"])
            })
        })
        .unwrap_or_else(|| panic!("no step removes istio-injection from istio-system"));
    let namespace = fixture
        .iter()
        .flat_map(|(_, text)| yaml_documents(text))
        .find(|o| o["kind"] == "Namespace" && o["metadata"]["name"] == "istio-system")
        .unwrap_or_else(|| panic!("no istio-system"));
    let file = dir.join("namespace.json");
    write(&file, &namespace.to_string());
    assert_eq!(step.commands.len(), 1);
    let after = kubectl_local(&step.commands[0], &file, &dir);
    let mut expected = namespace.clone();
    if let Some(labels) = expected["metadata"]["labels"].as_object_mut() {
        labels.remove("istio-injection");
    }
    assert_eq!(after, expected, "only istio-injection goes");
    let removed = dir.join("namespace-without-label.json");
    write(&removed, &after.to_string());
    assert_eq!(step.rollback.len(), 1);
    let back = kubectl_local(&step.rollback[0], &removed, &dir);
    assert_eq!(back, namespace, "the rollback puts the exported value back");
}

/// Every command that patches the migration resource, from plans and findings.
fn migration_patches<'a>(commands: impl IntoIterator<Item = &'a Command>) -> Vec<Command> {
    commands
        .into_iter()
        .filter(|c| {
            merge_patch_of(c).is_some_and(|p| p.resource.starts_with("asmmigratefromistio"))
        })
        .cloned()
        .collect()
}
#[test]
fn migration_resource_patches_apply_with_kubectl() {
    require_kubectl();
    let mut commands: Vec<Command> = Vec::new();
    let mut findings_commands = |analysis: &Analysis, code: Option<Code>| -> Vec<Command> {
        let found = migration_patches(
            analysis
                .findings
                .iter()
                .filter(|f| code.is_none_or(|c| f.code == c))
                .flat_map(|f| &f.commands),
        );
        commands.extend(found.iter().cloned());
        for force in [false, true] {
            commands.extend(migration_patches(plan::plan(analysis, force).commands()));
        }
        found
    };

    // The demo, its plan and its findings.
    findings_commands(&demo_analysis(), None);
    // A failed switch: MIG106 bumps the counter by one.
    let failed = demo_with_cr(&cr(
        "Migrating",
        "4",
        "SetupIstioForMigrate",
        "pods without PROXY_CONFIG_XDS_AGENT remain",
        "4",
    ));
    let retry = findings_commands(&failed, Some(Code::Mig106));
    assert_eq!(
        retry,
        vec![phase::retry_command(Some(ResourceShape::V1beta1), 5)],
        "MIG106 retries with 5"
    );
    // A failed switch at the counter's maximum starts again from 0.
    let at_max = demo_with_cr(&cr(
        "Migrating",
        "2147483647",
        "SetupIstioForMigrate",
        "still failing",
        "2147483647",
    ));
    let retry = findings_commands(&at_max, Some(Code::Mig106));
    assert_eq!(
        retry,
        vec![phase::retry_command(Some(ResourceShape::V1beta1), 0)]
    );
    // An illegal skip: MIG104 restores the current state.
    let skip = demo_with_cr(&cr("Finished", "0", "SetupIstioForMigrate", "", "0"));
    let restore = findings_commands(&skip, Some(Code::Mig104));
    assert_eq!(
        restore,
        vec![phase::switch_command(
            Some(ResourceShape::V1beta1),
            State::SetupIstioForMigrate
        )]
    );
    // A counter that is no int32: MIG105 resets it.
    let negative = demo_with_cr(&cr(
        "SetupIstioForMigrate",
        "-3",
        "SetupIstioForMigrate",
        "",
        "0",
    ));
    let reset = findings_commands(&negative, Some(Code::Mig105));
    assert_eq!(
        reset,
        vec![phase::retry_command(Some(ResourceShape::V1beta1), 0)]
    );
    // A misspelt state: MIG103 puts back the state reached.
    let misspelt = demo_with_cr(&cr("migrating", "0", "SetupIstioForMigrate", "", "0"));
    let fix = findings_commands(&misspelt, Some(Code::Mig103));
    assert_eq!(
        fix,
        vec![phase::switch_command(
            Some(ResourceShape::V1beta1),
            State::SetupIstioForMigrate
        )]
    );
    // The Init fixture: the east-west prerequisite and its rollback, and the first switch.
    findings_commands(&analyze_fixture(&phase_fixtures::init_eastwest()), None);
    // The later fixtures: the switch to Finished.
    findings_commands(&analyze_fixture(&phase_fixtures::migrating_all_asm()), None);
    // The Init fixture with ASM's v1 resource: its own version and field.
    let v1: Vec<(&str, String)> = phase_fixtures::init_eastwest()
        .into_iter()
        .map(|(name, text)| {
            let text = text.replace(
                "istio.alibabacloud.com/v1beta1",
                "istio.alibabacloud.com/v1",
            );
            (name, text)
        })
        .collect();
    findings_commands(&analyze_fixture(&v1), None);
    // And the switch into each state in each shape, whether or not a plan above reached it.
    for shape in [None, Some(ResourceShape::V1beta1), Some(ResourceShape::V1)] {
        commands.extend(State::ALL.map(|state| phase::switch_command(shape, state)));
    }

    // The demo's resource (v1beta1) and the same in ASM's v1 shape: each patch runs against the
    // object of the version it names (the seed's unqualified name: v1beta1).
    let file = core_dir().join("demo/asm-migrate.yaml");
    let dir = scratch("migration-resource-shapes");
    let v1_file = dir.join("asm-migrate-v1.yaml");
    write(
        &v1_file,
        &read(&file)
            .replace(
                "istio.alibabacloud.com/v1beta1",
                "istio.alibabacloud.com/v1",
            )
            .replace(
                "disableIstioSystemLabelReconciliation",
                "stopIstioSystemInjectionDisabling",
            ),
    );
    let mut seen: BTreeMap<(String, String), Value> = BTreeMap::new();
    for command in &commands {
        let patch = merge_patch_of(command).unwrap_or_else(|| unreachable!());
        if seen.contains_key(&(patch.resource.clone(), patch.body.clone())) {
            continue;
        }
        let shape = match patch.resource.as_str() {
            "asmmigratefromistio" | "asmmigratefromistio.v1beta1.istio.alibabacloud.com" => {
                ResourceShape::V1beta1
            }
            "asmmigratefromistio.v1.istio.alibabacloud.com" => ResourceShape::V1,
            other => panic!("not the migration resource: {other}"),
        };
        let file = match shape {
            ResourceShape::V1beta1 => file.clone(),
            ResourceShape::V1 => v1_file.clone(),
        };
        let original = yaml_documents(&read(&file)).remove(0);
        assert_eq!(
            original["apiVersion"],
            shape.api_version(),
            "the patch names the version of the object it patches"
        );
        assert_eq!(command.target, Target::Asm, "{patch:?} talks to ASM");
        assert_eq!(patch.namespace, None, "the resource is cluster-scoped");
        assert_eq!(patch.name, "default", "ASM reads only `default`");
        let body: Value = serde_json::from_str(&patch.body)
            .unwrap_or_else(|e| panic!("the patch body is JSON ({e}): {}", patch.body));
        let after = kubectl_patch(command, &file);

        let mut expected = original.clone();
        merge(&mut expected, &body);
        assert_eq!(
            after, expected,
            "kubectl applied {} as a merge patch",
            patch.body
        );
        assert_eq!(
            after["status"], original["status"],
            "status is never patched"
        );
        let spec = body["spec"].as_object().unwrap_or_else(|| panic!("{body}"));
        for (field, value) in spec {
            match field.as_str() {
                "desiredState" => {
                    let state = value.as_str().and_then(State::parse);
                    assert!(state.is_some(), "{value} is one of the four states");
                    assert_eq!(after["spec"]["desiredState"], *value);
                }
                "retryCounter" => {
                    let counter = value.as_i64().unwrap_or(-1);
                    assert!(
                        (0..=i64::from(i32::MAX)).contains(&counter),
                        "retryCounter {value} is an int32 from 0"
                    );
                    assert_eq!(after["spec"]["retryCounter"], *value);
                }
                "advancedOptions" => {
                    // Only the field of the version the command names.
                    let option = shape.eastwest_option();
                    let flag = &value[option];
                    assert!(flag.is_boolean(), "{value} sets {option}");
                    assert_eq!(value.as_object().map(|o| o.len()), Some(1), "{value}");
                    assert_eq!(after["spec"]["advancedOptions"][option], *flag);
                }
                other => panic!("unexpected spec field {other} in {body}"),
            }
        }
        seen.insert((patch.resource.clone(), patch.body.clone()), body);
    }
    let bodies: BTreeSet<&str> = seen.keys().map(|(_, body)| body.as_str()).collect();
    let expected: BTreeSet<&str> = [
        r#"{"spec":{"desiredState":"Init"}}"#,
        r#"{"spec":{"desiredState":"SetupIstioForMigrate"}}"#,
        r#"{"spec":{"desiredState":"Migrating"}}"#,
        r#"{"spec":{"desiredState":"Finished"}}"#,
        r#"{"spec":{"retryCounter":5}}"#,
        r#"{"spec":{"retryCounter":0}}"#,
        r#"{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":true}}}"#,
        r#"{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":false}}}"#,
        r#"{"spec":{"advancedOptions":{"stopIstioSystemInjectionDisabling":true}}}"#,
        r#"{"spec":{"advancedOptions":{"stopIstioSystemInjectionDisabling":false}}}"#,
    ]
    .into_iter()
    .collect();
    assert_eq!(
        bodies, expected,
        "every kind of patch of the resource was run"
    );
}

/// The check of which shape ASM serves (plan step `migration-resource-shape`) prints one line per
/// version with its east-west field, as its expectation says: its jsonpath, run by kubectl on a CRD
/// list that serves both shapes and another CRD. kubectl evaluates a jsonpath offline only through
/// `patch --local`, which treats an object with `items` as a list of objects, so the probe holds
/// the CRDs under `entries` and the jsonpath is read with `.entries` for `.items`.
#[test]
fn the_served_shapes_check_prints_each_version_with_its_east_west_field() {
    require_kubectl();
    let command = phase::served_shapes_command();
    let argv = command.argv(&vars());
    let jsonpath = argv
        .iter()
        .find_map(|w| w.strip_prefix("jsonpath="))
        .unwrap_or_else(|| panic!("no jsonpath in {argv:?}"))
        .replace("{range .items[", "{range .entries[");
    let crd = |kind: &str, versions: &[(&str, &str)]| {
        let versions: Vec<Value> = versions
            .iter()
            .map(|(name, field)| {
                json!({"name": name, "served": true, "schema": {"openAPIV3Schema": {"properties": {"spec": {"properties": {"advancedOptions": {"properties": {*field: {"type": "boolean"}}}}}}}}})
            })
            .collect();
        json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": format!("{kind}s.example")}, "spec": {"names": {"kind": kind}, "versions": versions}})
    };
    let probe = json!({
        "apiVersion": "example.com/v1",
        "kind": "CrdProbe",
        "metadata": {"name": "probe"},
        "entries": [
            crd("ASMMigrateFromIstio", &[
                ("v1beta1", ResourceShape::V1beta1.eastwest_option()),
                ("v1", ResourceShape::V1.eastwest_option()),
            ]),
            crd("Other", &[("v9", "unrelated")]),
        ],
    });
    let dir = scratch("served-shapes");
    let file = dir.join("probe.json");
    write(&file, &probe.to_string());
    let output = Process::new("kubectl")
        .args(["--kubeconfig=/dev/null", "patch", "--local", "-f"])
        .arg(&file)
        .args(["--type=merge", "-p", "{}", "-o"])
        .arg(format!("jsonpath={jsonpath}"))
        .output()
        .unwrap_or_else(|e| panic!("kubectl: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        printed,
        "v1beta1\ttrue\t{\"disableIstioSystemLabelReconciliation\":{\"type\":\"boolean\"}}\nv1\ttrue\t{\"stopIstioSystemInjectionDisabling\":{\"type\":\"boolean\"}}\n"
    );
    let expect = phase::served_shapes_expect(istio2asm_core::i18n::Lang::En);
    for shape in ResourceShape::ALL {
        assert!(
            expect.contains(&format!(
                "`{}<TAB>true<TAB>{{\"{}\"",
                shape.version(),
                shape.eastwest_option()
            )),
            "{expect}"
        );
    }
}

/// Every object of an export as its text holds it (the items of a `kind: List` taken apart), so
/// kubectl patches the export itself, not the model's view of it.
fn exported_objects(texts: &[(&str, &str)]) -> Vec<Value> {
    let mut objects = Vec::new();
    for (_, text) in texts {
        for doc in yaml_documents(text) {
            if doc["kind"] == "List" {
                objects.extend(doc["items"].as_array().cloned().unwrap_or_default());
            } else {
                objects.push(doc);
            }
        }
    }
    objects
}

/// The object a `patch`, `label` or `annotate` command of the plan acts on, read from its argv:
/// its kind, namespace and name, and the apiVersion its resource names, if it names one.
fn patched_object(command: &Command) -> Option<(ObjectName, Option<String>)> {
    let argv = command.argv(&vars());
    let (namespace, rest) = namespace_and_rest(&argv);
    let [verb, resource, name, ..] = rest else {
        return None;
    };
    if !matches!(verb.as_str(), "patch" | "label" | "annotate") {
        return None;
    }
    let (kind, api_version) = match resource.as_str() {
        "deployment" => ("Deployment", None),
        "statefulset" => ("StatefulSet", None),
        "daemonset" => ("DaemonSet", None),
        "namespace" => ("Namespace", None),
        "service" => ("Service", None),
        "istiogateway" => ("IstioGateway", None),
        "asmmigratefromistio" => ("ASMMigrateFromIstio", None),
        qualified => {
            let (version, group) = qualified
                .strip_prefix("asmmigratefromistio.")
                .and_then(|rest| rest.split_once('.'))
                .unwrap_or_else(|| panic!("an unexpected resource in {argv:?}"));
            ("ASMMigrateFromIstio", Some(format!("{group}/{version}")))
        }
    };
    Some((
        ObjectName {
            kind: kind.into(),
            namespace,
            name: name.clone(),
        },
        api_version,
    ))
}

/// The exported object a command patches: same kind, namespace and name, and the version its
/// resource names. A migration resource named without a version is patched in whichever version
/// ASM prefers, which no export tells: it is not found.
fn find_exported<'a>(
    objects: &'a [Value],
    object: &ObjectName,
    api_version: Option<&str>,
) -> Option<&'a Value> {
    if object.kind == "ASMMigrateFromIstio" && api_version.is_none() {
        return None;
    }
    objects.iter().find(|o| {
        o["kind"] == object.kind.as_str()
            && o["metadata"]["name"] == object.name.as_str()
            && o["metadata"]["namespace"]
                .as_str()
                .filter(|ns| !ns.is_empty())
                == object.namespace.as_deref()
            && api_version.is_none_or(|v| o["apiVersion"] == v)
    })
}

/// The paths where `a` and `b` differ, with each side's value where it has one: objects are
/// compared key by key, anything else (a scalar, a list, a key on one side only) as a whole.
fn differences(path: &mut Vec<String>, a: Option<&Value>, b: Option<&Value>, out: &mut DiffOut) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                path.push(key.clone());
                differences(path, x.get(key), y.get(key), out);
                path.pop();
            }
        }
        _ if a == b => {}
        _ => out.push((path.clone(), a.cloned(), b.cloned())),
    }
}

type DiffOut = Vec<(Vec<String>, Option<Value>, Option<Value>)>;

/// The nested object holding `value` at each path.
fn nested(entries: impl IntoIterator<Item = (Vec<String>, Value)>) -> Value {
    let mut root = json!({});
    for (path, value) in entries {
        let mut node = &mut root;
        for key in &path[..path.len() - 1] {
            node = node
                .as_object_mut()
                .unwrap_or_else(|| unreachable!("only objects on the way"))
                .entry(key.clone())
                .or_insert_with(|| json!({}));
        }
        node[path[path.len() - 1].as_str()] = value;
    }
    root
}

/// What kubectl's result changed in `exported`, as a preview's `before` and `after`.
fn kubectl_changes(exported: &Value, result: &Value) -> (Value, Value) {
    let mut out = Vec::new();
    differences(&mut Vec::new(), Some(exported), Some(result), &mut out);
    let before = nested(
        out.iter()
            .filter_map(|(p, a, _)| Some((p.clone(), a.clone()?))),
    );
    let after = nested(
        out.iter()
            .filter_map(|(p, _, b)| Some((p.clone(), b.clone()?))),
    );
    (before, after)
}

/// The exports whose plans are checked: the demo, the demo with a failed switch (its retry), the
/// phase fixtures, and the Init fixture with ASM's v1 resource.
fn preview_sources() -> Vec<(String, Vec<(String, String)>)> {
    let owned = |texts: &[(&str, &str)]| -> Vec<(String, String)> {
        texts
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    };
    let mut sources = vec![("demo".to_string(), owned(istio2asm_core::demo::FILES))];
    let failed = cr(
        "Migrating",
        "4",
        "SetupIstioForMigrate",
        "pods without PROXY_CONFIG_XDS_AGENT remain",
        "4",
    );
    sources.push((
        "demo with a failed switch".to_string(),
        istio2asm_core::demo::FILES
            .iter()
            .map(|(n, t)| {
                let text = if n.ends_with("asm-migrate.yaml") {
                    failed.clone()
                } else {
                    t.to_string()
                };
                (n.to_string(), text)
            })
            .collect(),
    ));
    for (name, fixture) in phase_fixtures::phase_fixtures() {
        sources.push((
            name.to_string(),
            fixture
                .iter()
                .map(|(n, t)| (n.to_string(), t.clone()))
                .collect(),
        ));
    }
    sources.push((
        "init_eastwest in v1".to_string(),
        phase_fixtures::init_eastwest()
            .into_iter()
            .map(|(n, t)| {
                let t = t.replace(
                    "istio.alibabacloud.com/v1beta1",
                    "istio.alibabacloud.com/v1",
                );
                (n.to_string(), t)
            })
            .collect(),
    ));
    sources
}

/// Every preview of every step equals what kubectl makes of the step's exact commands: each
/// `patch`, `label` and `annotate` runs as `kubectl … --local -f OBJECT -o json` on the object
/// as exported, with the steps before it already applied (the order the runbook runs them), and
/// the paths that differ between that object and kubectl's output are the preview's `before` and
/// `after`, exactly. A command whose object is in the export has a preview; one whose object is
/// not (ASM's IstioGateway, created by the plan) has none.
#[test]
fn every_patch_preview_equals_kubectls_result() {
    require_kubectl();
    let mut previewed: BTreeMap<String, usize> = BTreeMap::new();
    let mut unpreviewed: BTreeSet<String> = BTreeSet::new();
    for (source, texts) in preview_sources() {
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let analysis = analyze_texts(&texts);
        let objects = exported_objects(&texts);
        let plan = plan::plan(&analysis, false);
        let dir = scratch(&format!("kubectl-previews-{}", source.replace(' ', "-")));
        for file in plan.files() {
            write(&dir.join(&file.name), &file.content);
        }
        // Each object as the steps so far left it.
        let mut current: BTreeMap<ObjectName, Value> = BTreeMap::new();
        for (index, step) in plan.phases.iter().flat_map(|p| &p.steps).enumerate() {
            let mut before: Vec<(ObjectName, Value)> = Vec::new();
            for command in &step.commands {
                let Some((object, api_version)) = patched_object(command) else {
                    continue;
                };
                let Some(exported) = find_exported(&objects, &object, api_version.as_deref())
                else {
                    assert!(
                        step.preview.iter().all(|p| p.object != object),
                        "{source}, {}: a preview of {object:?}, which is not in the export",
                        step.id
                    );
                    unpreviewed.insert(format!("{} {}", command.verb, object.kind));
                    continue;
                };
                let object_now = current
                    .entry(object.clone())
                    .or_insert_with(|| exported.clone());
                if !before.iter().any(|(o, _)| *o == object) {
                    before.push((object.clone(), object_now.clone()));
                }
                let file = dir.join(format!("step-{index}-object.json"));
                write(&file, &object_now.to_string());
                *object_now = kubectl_local(command, &file, &dir);
                *previewed
                    .entry(format!("{} {}", command.verb, object.kind))
                    .or_default() += 1;
            }
            let objects_previewed: Vec<&ObjectName> =
                step.preview.iter().map(|p| &p.object).collect();
            let objects_patched: Vec<&ObjectName> = before.iter().map(|(o, _)| o).collect();
            assert_eq!(
                objects_previewed, objects_patched,
                "{source}, {}: one preview per exported object the step patches, in order",
                step.id
            );
            for (preview, (object, was)) in step.preview.iter().zip(&before) {
                let (kubectl_before, kubectl_after) = kubectl_changes(was, &current[object]);
                assert_eq!(
                    (&preview.before, &preview.after),
                    (&kubectl_before, &kubectl_after),
                    "{source}, {}: the preview of {object:?} (left) differs from kubectl's result (right)",
                    step.id
                );
                assert!(!preview.is_empty(), "{source}, {}: {object:?}", step.id);
            }
        }
    }
    let kinds: BTreeSet<&str> = previewed.keys().map(String::as_str).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "annotate Service",
            "label Namespace",
            "patch ASMMigrateFromIstio",
            "patch DaemonSet",
            "patch Deployment",
            "patch Service",
            "patch StatefulSet",
        ]),
        "every kind of patch the plans emit was compared with kubectl"
    );
    assert_eq!(
        unpreviewed,
        BTreeSet::from(["patch IstioGateway".to_string()]),
        "only the plan's own IstioGateway is patched without a preview"
    );
}
