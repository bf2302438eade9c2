//! The migration plan checked against the tools that will run it.
//!
//! 1. kubectl is the oracle for every patch the plan and the findings emit: each workload label
//!    patch (forward and rollback) and each `ASMMigrateFromIstio` patch runs for real as
//!    `kubectl patch --local -f OBJECT` against the exported object.
//! 2. Every Istio object the plan writes is validated against the schema of the CRD version its
//!    apiVersion names (Istio's own `crd-all.gen.yaml`, see `tests/fixtures/upstream-istio`).
//! 3. The bash runbook passes `bash -n` and `shellcheck`, and runs phase by phase against stub
//!    `kubectl`/`istioctl` programs that record their argv: the recorded calls must be exactly the
//!    plan's commands.
//! 4. Quoting: any argument survives `Command::render` and bash word for word (property test).
//! 5. Snapshots of the demo plan in its three formats and of each phase on small inline clusters.
//!
//! kubectl, bash and shellcheck must be installed: a missing tool fails the test with the command
//! that installs it, it never skips.

// Core's clippy.toml forbids files, environment, processes and printing in the library, which
// must stay pure. These tests exist to run kubectl, bash and shellcheck on what the library
// produced, so they need exactly those doors.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::sync::OnceLock;

use istio2asm_core::kubectl::{Command, KubeconfigVars, Target};
use istio2asm_core::phase::{self};
use istio2asm_core::plan::{self, PhaseStatus, Plan, Step};
use istio2asm_core::state::State;
use istio2asm_core::{analyze, demo, render, Analysis, Code, Input, Settings};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

/// The pod label that opts a workload into ASM's proxy (the default setting).
const ASM_LABEL: &str = "sidecar.asm.aliyun.com/inject";

/// The kubeconfig paths the runbook tests export.
const CLUSTER_KUBECONFIG: &str = "/k/cluster";
const ASM_KUBECONFIG: &str = "/k/asm";

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn upstream() -> PathBuf {
    core_dir().join("../../tests/fixtures/upstream-istio")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A fresh, empty directory for one test (under Cargo's per-target temporary directory).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("plan-tests")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn settings() -> Settings {
    Settings {
        asm_version: Some("1.24.6".into()),
        ..Settings::default()
    }
}

fn vars() -> KubeconfigVars {
    KubeconfigVars::default()
}

fn analyze_texts(inputs: &[(&str, &str)]) -> Analysis {
    let inputs = inputs
        .iter()
        .map(|(name, text)| Input::new(*name, *text))
        .collect();
    analyze(inputs, Vec::new(), &settings())
}

fn demo_analysis() -> Analysis {
    analyze(demo::inputs(), Vec::new(), &settings())
}

/// The demo with its `asm-migrate.yaml` replaced by `cr`.
fn demo_with_cr(cr: &str) -> Analysis {
    let inputs: Vec<Input> = demo::FILES
        .iter()
        .map(|(name, text)| {
            if name.ends_with("asm-migrate.yaml") {
                Input::new(*name, cr)
            } else {
                Input::new(*name, *text)
            }
        })
        .collect();
    analyze(inputs, Vec::new(), &settings())
}

/// Fails (never skips) when a tool the test needs is missing.
fn require(program: &str, args: &[&str], install: &str) {
    match Process::new(program).args(args).output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!("this test runs `{program}`, which is not on PATH ({e}); {install}"),
    }
}

fn require_kubectl() {
    require(
        "kubectl",
        &["version", "--client"],
        "install kubectl (https://kubernetes.io/docs/tasks/tools/); no cluster is needed",
    );
}

fn require_shellcheck() {
    require(
        "shellcheck",
        &["--version"],
        "install it with `apt-get install shellcheck`",
    );
}

/// Every YAML document of a text, as JSON values (empty documents left out).
fn yaml_documents(text: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|doc| Value::deserialize(doc).unwrap_or_else(|e| panic!("YAML: {e}\n{text}")))
        .filter(|v| !v.is_null())
        .collect()
}

/// Every command of a plan: commands, verifications and rollbacks of every step.
fn all_commands(plan: &Plan) -> Vec<&Command> {
    plan.commands().collect()
}

/// Replaces the crate version in generated headers, so snapshots survive a release.
fn redact(text: &str) -> String {
    text.replace(
        &format!("istio2asm {}", istio2asm_core::VERSION),
        "istio2asm [VERSION]",
    )
}

// ---------------------------------------------------------------------------------------------
// 1. kubectl as the oracle for every patch
// ---------------------------------------------------------------------------------------------

/// A `kubectl [-n NS] patch RESOURCE NAME --type=merge -p BODY` taken apart.
#[derive(Debug)]
struct MergePatch {
    namespace: Option<String>,
    resource: String,
    name: String,
    body: String,
}

/// Parses a command's argv as a merge patch; `None` for any other command.
fn merge_patch_of(command: &Command) -> Option<MergePatch> {
    let argv = command.argv(&vars());
    let mut rest = &argv[2..];
    let mut namespace = None;
    if rest.first().map(String::as_str) == Some("-n") {
        namespace = Some(rest[1].clone());
        rest = &rest[2..];
    }
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
    let fixture = init_eastwest();
    let analysis = analyze_fixture(&fixture);
    let plan = plan::plan(&analysis, false);
    let step = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .find(|s| {
            s.commands
                .iter()
                .any(|c| c.args == ["label", "namespace", "istio-system", "istio-injection-"])
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
        .filter(|c| merge_patch_of(c).is_some_and(|p| p.resource == "asmmigratefromistio"))
        .cloned()
        .collect()
}

fn cr(desired: &str, retry: &str, state: &str, message: &str, status_retry: &str) -> String {
    format!(
        "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: {desired}\n  retryCounter: {retry}\nstatus:\n  message: {message:?}\n  retryCounter: {status_retry}\n  state: {state}\n"
    )
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
            commands.extend(migration_patches(all_commands(&plan::plan(
                analysis, force,
            ))));
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
        vec![phase::retry_command(5)],
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
    assert_eq!(retry, vec![phase::retry_command(0)]);
    // An illegal skip: MIG104 restores the current state.
    let skip = demo_with_cr(&cr("Finished", "0", "SetupIstioForMigrate", "", "0"));
    let restore = findings_commands(&skip, Some(Code::Mig104));
    assert_eq!(
        restore,
        vec![phase::switch_command(State::SetupIstioForMigrate)]
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
    assert_eq!(reset, vec![phase::retry_command(0)]);
    // A misspelt state: MIG103 puts back the state reached.
    let misspelt = demo_with_cr(&cr("migrating", "0", "SetupIstioForMigrate", "", "0"));
    let fix = findings_commands(&misspelt, Some(Code::Mig103));
    assert_eq!(
        fix,
        vec![phase::switch_command(State::SetupIstioForMigrate)]
    );
    // The Init fixture: the east-west prerequisite and its rollback, and the first switch.
    findings_commands(&analyze_fixture(&init_eastwest()), None);
    // The later fixtures: the switch to Finished.
    findings_commands(&analyze_fixture(&migrating_all_asm()), None);
    // And the switch into each state, whether or not a plan above reached it.
    commands.extend(State::ALL.map(phase::switch_command));

    let file = core_dir().join("demo/asm-migrate.yaml");
    let original = yaml_documents(&read(&file)).remove(0);
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for command in &commands {
        let patch = merge_patch_of(command).unwrap_or_else(|| unreachable!());
        if seen.contains_key(&patch.body) {
            continue;
        }
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
                    let flag = &value["disableIstioSystemLabelReconciliation"];
                    assert!(flag.is_boolean(), "{value}");
                    assert_eq!(value.as_object().map(|o| o.len()), Some(1), "{value}");
                    assert_eq!(
                        after["spec"]["advancedOptions"]["disableIstioSystemLabelReconciliation"],
                        *flag
                    );
                }
                other => panic!("unexpected spec field {other} in {body}"),
            }
        }
        seen.insert(patch.body.clone(), body);
    }
    let bodies: BTreeSet<&str> = seen.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = [
        r#"{"spec":{"desiredState":"Init"}}"#,
        r#"{"spec":{"desiredState":"SetupIstioForMigrate"}}"#,
        r#"{"spec":{"desiredState":"Migrating"}}"#,
        r#"{"spec":{"desiredState":"Finished"}}"#,
        r#"{"spec":{"retryCounter":5}}"#,
        r#"{"spec":{"retryCounter":0}}"#,
        r#"{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":true}}}"#,
        r#"{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":false}}}"#,
    ]
    .into_iter()
    .collect();
    assert_eq!(
        bodies, expected,
        "every kind of patch of the resource was run"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Istio's CRD schemas against the generated YAML
// ---------------------------------------------------------------------------------------------

/// One version of one CRD.
struct CrdVersion {
    served: bool,
    schema: Value,
}

/// Istio's CRDs by (group, kind, version).
fn crds() -> &'static BTreeMap<(String, String, String), CrdVersion> {
    static CRDS: OnceLock<BTreeMap<(String, String, String), CrdVersion>> = OnceLock::new();
    CRDS.get_or_init(|| {
        let text = read(&upstream().join("crds/crd-all.gen.yaml"));
        let mut out = BTreeMap::new();
        for crd in yaml_documents(&text) {
            assert_eq!(crd["kind"], "CustomResourceDefinition");
            let group = crd["spec"]["group"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let kind = crd["spec"]["names"]["kind"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            for version in crd["spec"]["versions"].as_array().into_iter().flatten() {
                let name = version["name"].as_str().unwrap_or_default().to_string();
                out.insert(
                    (group.clone(), kind.clone(), name),
                    CrdVersion {
                        served: version["served"] == true,
                        schema: version["schema"]["openAPIV3Schema"].clone(),
                    },
                );
            }
        }
        assert!(out.len() > 30, "{} CRD versions", out.len());
        out
    })
}

/// The schema keywords the validator understands. Meeting any other keyword fails the test, so
/// nothing in a schema is ignored without saying so here.
///
/// Checked: `type` (integer, number, string, boolean, object, array), `properties` with unknown
/// fields rejected unless `additionalProperties` or `x-kubernetes-preserve-unknown-fields` allow
/// them, `required`, `enum`, `items`, `minimum`/`maximum`, `format` (int32, uint32, int64,
/// double, float, date-time, byte), `minLength`/`maxLength`, `pattern` (the four patterns Istio's
/// CRDs use, each written out below; another pattern fails the test), `minItems`/`maxItems`,
/// `minProperties`/`maxProperties`, `nullable`, `x-kubernetes-int-or-string`,
/// `x-kubernetes-list-type` (`map` keys and `set` items unique), `oneOf`/`anyOf`/`allOf`/`not`
/// with full JSON Schema meaning (Istio's "at most one of" is `oneOf: [not: anyOf: [required:
/// a, required: b]], required: a, required: b]`, which this evaluates exactly).
///
/// `x-kubernetes-validations` (CEL): the rules that Istio repeats most are evaluated by
/// [`cel_rule`]: durations of at least 1ms, port ranges, no `*`, empty lists, "at most one of"
/// sums, `has(a) || has(b)`, unique port numbers. The other rules (unix-socket addresses, URL
/// schemes, ServiceEntry resolution rules, header operations and the like) are not evaluated:
/// none of them concerns what the plan rewrites (routes, weights, gateways, apiVersions).
/// A `null` is rejected unless `nullable`: the API server would prune it, but a null in generated
/// YAML is a mistake all the same.
const KEYWORDS: &[&str] = &[
    "type",
    "description",
    "properties",
    "required",
    "items",
    "minimum",
    "maximum",
    "format",
    "enum",
    "nullable",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "additionalProperties",
    "x-kubernetes-int-or-string",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-validations",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
];

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_integer(value: &Value) -> bool {
    value.is_i64() || value.is_u64()
}

/// A Go duration (`1h2m3.5s`, `100ms`, `0`), in nanoseconds.
fn go_duration(text: &str) -> Option<f64> {
    if text == "0" {
        return Some(0.0);
    }
    let mut rest = text.strip_prefix('-').unwrap_or(text);
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
            .into_iter()
            .filter(|u| rest.starts_with(u))
            .max_by_key(|u| u.len())?;
        let scale = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            _ => 3600e9,
        };
        total += number * scale;
        rest = &rest[unit.len()..];
    }
    Some(if text.starts_with('-') { -total } else { total })
}

/// The "at most one of" rules: `(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 1`.
fn at_most_one_of(rule: &str) -> Option<Vec<&str>> {
    let sum = rule.strip_suffix(" <= 1")?;
    sum.split(" + ")
        .map(|term| term.strip_prefix("(has(self.")?.strip_suffix(") ? 1 : 0)"))
        .collect()
}

/// Evaluates the CEL rules Istio uses most; `None` for a rule this validator does not evaluate.
fn cel_rule(rule: &str, value: &Value) -> Option<bool> {
    let ports = |v: &Value| v.as_i64().is_some_and(|p| 0 < p && p <= 65535);
    let keys_or_items = |v: &Value| -> Vec<String> {
        match v {
            Value::Object(map) => map.keys().cloned().collect(),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_string())
                .collect(),
            _ => Vec::new(),
        }
    };
    Some(match rule {
        "duration(self) >= duration('1ms')" => value
            .as_str()
            .and_then(go_duration)
            .is_some_and(|ns| ns >= 1e6),
        "0 < self && self <= 65535" => ports(value),
        "!self.contains(\"*\")" => !value.as_str().unwrap_or_default().contains('*'),
        "self != \"*\"" => value.as_str() != Some("*"),
        "self.size() == 0" => match value {
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::String(s) => s.is_empty(),
            _ => false,
        },
        "self.all(key, !key.contains(\"*\"))" => {
            keys_or_items(value).iter().all(|k| !k.contains('*'))
        }
        "self.all(key, key.size() != 0)" => keys_or_items(value).iter().all(|k| !k.is_empty()),
        "self.all(key, 0 < int(key) && int(key) <= 65535)" => keys_or_items(value)
            .iter()
            .all(|k| k.parse::<i64>().is_ok_and(|p| 0 < p && p <= 65535)),
        "has(self.address) || has(self.network)" => {
            value.get("address").is_some() || value.get("network").is_some()
        }
        "self.all(l1, self.exists_one(l2, l1.number == l2.number))" => {
            let numbers: Vec<&Value> = value
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| &p["number"])
                .collect();
            let unique: BTreeSet<String> = numbers.iter().map(|n| n.to_string()).collect();
            unique.len() == numbers.len()
        }
        "self in [\"\", \"HTTP\", \"HTTPS\"]" => {
            matches!(value.as_str(), Some("" | "HTTP" | "HTTPS"))
        }
        _ => {
            let fields = at_most_one_of(rule)?;
            fields.iter().filter(|f| value.get(**f).is_some()).count() <= 1
        }
    })
}

/// The `pattern`s of Istio's CRDs, written out (no regex engine among the dependencies).
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let dns_label = |label: &str, upper: bool, first_alpha: bool| {
        let ok = |c: char| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || (upper && c.is_ascii_uppercase())
        };
        let bytes: Vec<char> = label.chars().collect();
        !bytes.is_empty()
            && (if first_alpha {
                bytes[0].is_ascii_alphabetic()
            } else {
                ok(bytes[0])
            })
            && ok(bytes[bytes.len() - 1])
            && bytes.iter().all(|&c| ok(c) || c == '-')
    };
    match pattern {
        r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" => {
            text.is_empty() || text.split('.').all(|l| dns_label(l, false, false))
        }
        r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$" => dns_label(text, true, true),
        r"^[-_A-Za-z0-9]+$" => {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
        r"(^$|^[a-f0-9]{64}$)" => {
            text.is_empty()
                || (text.len() == 64
                    && text
                        .chars()
                        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)))
        }
        other => panic!(
            "the validator does not know the pattern {other:?}: write it out in pattern_matches"
        ),
    }
}

fn is_date_time(text: &str) -> bool {
    // RFC 3339: 2006-01-02T15:04:05[.frac](Z|±hh:mm).
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (text.ends_with('Z') || text.ends_with('z') || text[19..].contains(['+', '-']))
}

fn is_base64(text: &str) -> bool {
    text.len() % 4 == 0
        && text.trim_end_matches('=').len() + 2 >= text.len()
        && text
            .trim_end_matches('=')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
}

/// Validates `value` against a structural schema, appending one message per violation.
fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        panic!("the schema at {path} is not an object");
    };
    for keyword in schema.keys() {
        assert!(
            KEYWORDS.contains(&keyword.as_str()),
            "the validator does not know the schema keyword {keyword:?} (at {path})"
        );
    }
    let flag = |name: &str| schema.get(name) == Some(&Value::Bool(true));
    let mut fail = |message: String| errors.push(format!("{path}: {message}"));
    if value.is_null() {
        if !flag("nullable") {
            fail("null where the schema does not allow it".into());
        }
        return;
    }
    if flag("x-kubernetes-int-or-string") && !(is_integer(value) || value.is_string()) {
        fail(format!(
            "expected an integer or a string, found {}",
            type_name(value)
        ));
        return;
    }
    if let Some(expected) = schema.get("type").and_then(Value::as_str) {
        let ok = match expected {
            "integer" => is_integer(value),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            other => panic!("unknown type {other:?} at {path}"),
        };
        if !ok {
            fail(format!(
                "expected {expected}, found {} {value}",
                type_name(value)
            ));
            return;
        }
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        let ok = match format {
            "int32" => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            "uint32" => value.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            "int64" => value.is_i64(),
            "double" | "float" => value.is_number(),
            "date-time" => value.as_str().is_some_and(is_date_time),
            "byte" => value.as_str().is_some_and(is_base64),
            other => panic!("the validator does not know the format {other:?} (at {path})"),
        };
        if !ok {
            fail(format!("{value} is not a valid {format}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            fail(format!(
                "{value} is not one of {}",
                Value::Array(options.clone())
            ));
        }
    }
    if let Some(number) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if number < min {
                fail(format!("{value} is below the minimum {min}"));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if number > max {
                fail(format!("{value} is above the maximum {max}"));
            }
        }
    }
    let count = |name: &str| schema.get(name).and_then(Value::as_u64).map(|n| n as usize);
    if let Some(text) = value.as_str() {
        let length = text.chars().count();
        if count("minLength").is_some_and(|min| length < min) {
            fail(format!("{value} is shorter than {:?}", count("minLength")));
        }
        if count("maxLength").is_some_and(|max| length > max) {
            fail(format!("{value} is longer than {:?}", count("maxLength")));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            if !pattern_matches(pattern, text) {
                fail(format!("{value} does not match {pattern:?}"));
            }
        }
    }
    if let Some(items) = value.as_array() {
        if count("minItems").is_some_and(|min| items.len() < min) {
            fail(format!("fewer than {:?} items", count("minItems")));
        }
        if count("maxItems").is_some_and(|max| items.len() > max) {
            fail(format!("more than {:?} items", count("maxItems")));
        }
        match schema.get("x-kubernetes-list-type").and_then(Value::as_str) {
            Some("map") => {
                let keys: Vec<&str> = schema
                    .get("x-kubernetes-list-map-keys")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let tuples: Vec<String> = items
                    .iter()
                    .map(|i| {
                        keys.iter()
                            .map(|k| i[*k].to_string())
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .collect();
                if tuples.iter().collect::<BTreeSet<_>>().len() != tuples.len() {
                    fail(format!("duplicate list-map keys {keys:?}"));
                }
            }
            Some("set") => {
                let unique: BTreeSet<String> = items.iter().map(Value::to_string).collect();
                if unique.len() != items.len() {
                    fail("duplicate items in a set".into());
                }
            }
            _ => {}
        }
        if let Some(item_schema) = schema.get("items") {
            for (index, item) in items.iter().enumerate() {
                validate(item_schema, item, &format!("{path}[{index}]"), errors);
            }
        }
    }
    if let Some(object) = value.as_object() {
        if count("minProperties").is_some_and(|min| object.len() < min) {
            errors.push(format!(
                "{path}: fewer than {:?} fields",
                count("minProperties")
            ));
        }
        if count("maxProperties").is_some_and(|max| object.len() > max) {
            errors.push(format!(
                "{path}: more than {:?} fields",
                count("maxProperties")
            ));
        }
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().unwrap_or_default();
            if !object.contains_key(key) {
                errors.push(format!("{path}: the required field {key} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        // Only a node that declares structure prunes unknown fields; the branches of
        // oneOf/anyOf/allOf/not only constrain values (`required: [exact]`), as in any
        // structural schema.
        let structural = ["type", "properties", "additionalProperties"]
            .iter()
            .any(|k| schema.contains_key(*k));
        let preserve = flag("x-kubernetes-preserve-unknown-fields") || !structural;
        for (key, field) in object {
            let at = format!("{path}.{key}");
            if let Some(field_schema) = properties.and_then(|p| p.get(key)) {
                validate(field_schema, field, &at, errors);
                continue;
            }
            match schema.get("additionalProperties") {
                Some(Value::Bool(true)) => {}
                Some(extra @ Value::Object(_)) => validate(extra, field, &at, errors),
                _ if preserve => {}
                _ => errors.push(format!("{at}: unknown field")),
            }
        }
    }
    // The combinators: a branch matches when it yields no error.
    let matches = |branch: &Value| {
        let mut scratch = Vec::new();
        validate(branch, value, path, &mut scratch);
        scratch.is_empty()
    };
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let hits = branches.iter().filter(|b| matches(b)).count();
        if hits != 1 {
            errors.push(format!("{path}: matches {hits} of the oneOf alternatives, not exactly one (mutually exclusive fields?)"));
        }
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        if !branches.iter().any(matches) {
            errors.push(format!("{path}: matches none of the anyOf alternatives"));
        }
    }
    if let Some(branches) = schema.get("allOf").and_then(Value::as_array) {
        for branch in branches {
            validate(branch, value, path, errors);
        }
    }
    if let Some(branch) = schema.get("not") {
        if matches(branch) {
            errors.push(format!("{path}: matches a `not` schema"));
        }
    }
    for rule in schema
        .get("x-kubernetes-validations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = rule["rule"].as_str().unwrap_or_default();
        if cel_rule(text, value) == Some(false) {
            errors.push(format!(
                "{path}: fails the rule {text:?} ({})",
                rule["message"].as_str().unwrap_or_default()
            ));
        }
    }
}

/// Validates one Istio object: the CRD version its apiVersion names must exist and be served,
/// only apiVersion/kind/metadata/spec at the top, no server-owned metadata, and `spec` valid
/// against the version's `openAPIV3Schema.properties.spec`.
fn validate_istio_object(doc: &Value) -> Vec<String> {
    let api_version = doc["apiVersion"].as_str().unwrap_or_default();
    let kind = doc["kind"].as_str().unwrap_or_default();
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let Some(crd) = crds().get(&(group.to_string(), kind.to_string(), version.to_string())) else {
        return vec![format!("no Istio CRD defines {api_version} {kind}")];
    };
    let mut errors = Vec::new();
    if !crd.served {
        errors.push(format!("{api_version} {kind} is not served"));
    }
    for key in doc.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !matches!(key.as_str(), "apiVersion" | "kind" | "metadata" | "spec") {
            errors.push(format!("top-level field {key} in generated YAML"));
        }
    }
    let metadata = doc["metadata"].as_object().cloned().unwrap_or_default();
    if !metadata.get("name").is_some_and(Value::is_string) {
        errors.push("metadata.name is missing".into());
    }
    for (key, value) in &metadata {
        match key.as_str() {
            "name" | "namespace" => {}
            "labels" | "annotations" => {
                if !value
                    .as_object()
                    .is_some_and(|m| m.values().all(Value::is_string))
                {
                    errors.push(format!("metadata.{key} is not a map of strings"));
                }
            }
            other => errors.push(format!("metadata.{other} is server-owned or unknown")),
        }
    }
    let spec_schema = &crd.schema["properties"]["spec"];
    assert!(
        spec_schema.is_object(),
        "{api_version} {kind} has a spec schema"
    );
    validate(spec_schema, &doc["spec"], "spec", &mut errors);
    errors
}

fn is_istio_api(api_version: &str) -> bool {
    api_version
        .split_once('/')
        .is_some_and(|(group, _)| group.ends_with(".istio.io"))
}

/// Validates every Istio document of every plan file; returns (file, apiVersion, kind) of each.
fn validate_plan_files(plan: &Plan) -> Vec<(String, String, String)> {
    let mut validated = Vec::new();
    let mut failures = Vec::new();
    for file in plan.files() {
        for doc in yaml_documents(&file.content) {
            let api_version = doc["apiVersion"].as_str().unwrap_or_default().to_string();
            let kind = doc["kind"].as_str().unwrap_or_default().to_string();
            if !is_istio_api(&api_version) {
                // Only the Namespaces of the bundle, ASM's IstioGateway (no CRD published) and the
                // Service merge patch are not Istio API objects.
                let allowed = (api_version == "v1" && kind == "Namespace")
                    || (api_version == "istio.alibabacloud.com/v1beta1" && kind == "IstioGateway")
                    || (api_version.is_empty() && file.name.ends_with("-service-patch.yaml"));
                assert!(allowed, "{}: unexpected {api_version} {kind}", file.name);
                continue;
            }
            let errors = validate_istio_object(&doc);
            if !errors.is_empty() {
                failures.push(format!(
                    "{} ({api_version} {kind} {}):\n  {}",
                    file.name,
                    doc["metadata"]["name"],
                    errors.join("\n  ")
                ));
            }
            validated.push((file.name.clone(), api_version, kind));
        }
    }
    assert!(
        failures.is_empty(),
        "schema violations:\n{}",
        failures.join("\n")
    );
    validated
}

#[test]
fn demo_plan_istio_yaml_matches_the_crd_schemas() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    let validated = validate_plan_files(&plan);

    let in_bundle = validated
        .iter()
        .filter(|(file, _, _)| file == "istio-api-bundle.yaml")
        .count();
    assert_eq!(
        in_bundle,
        analysis.bundle.istio.len(),
        "every bundle object"
    );
    assert_eq!(in_bundle, 18);
    let egress: Vec<_> = validated
        .iter()
        .filter(|(file, _, _)| file.starts_with("egress-"))
        .collect();
    let egress_files = plan
        .files()
        .filter(|f| f.name.starts_with("egress-"))
        .count();
    assert_eq!(
        egress.len(),
        egress_files,
        "one Istio object per egress file"
    );
    // 2 rollback originals + 4 weights, for the cluster and for ASM, and the ASM Gateway.
    assert_eq!(egress.len(), 11);
    for (file, api_version, kind) in &egress {
        let expected_kind = if file.ends_with("-asm-gateway.yaml") {
            "Gateway"
        } else {
            "VirtualService"
        };
        assert_eq!(kind, expected_kind, "{file}");
        if file.contains("-asm-") {
            assert_eq!(
                api_version, "networking.istio.io/v1",
                "{file}: ASM serves v1"
            );
        } else {
            assert_eq!(
                api_version, "networking.istio.io/v1beta1",
                "{file}: what the cluster (Istio 1.22) exported"
            );
        }
    }
}

/// A minimal istiod Deployment of an Istio version.
fn istiod(tag: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
  labels:
    app: istiod
    istio.io/rev: default
spec:
  replicas: 1
  selector:
    matchLabels:
      app: istiod
  template:
    metadata:
      labels:
        app: istiod
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:{tag}
"#
    )
}

const SERVER_VERSION: &str =
    "serverVersion:\n  gitVersion: v1.28.3\n  major: \"1\"\n  minor: \"28\"\n";

fn migrating_cr() -> String {
    cr("Migrating", "0", "Migrating", "", "0")
}

#[test]
fn old_istio_keeps_the_api_version_the_cluster_serves() {
    for sample in [
        "egress-gateway-http.istio-api.v1alpha3.yaml",
        // The same documents as networking.istio.io/v1, which Istio 1.20 does not serve: the
        // cluster-side files must fall back to a version it serves.
        "egress-gateway-http.istio-api.v1.yaml",
    ] {
        let path = upstream().join("samples/egress-gateway").join(sample);
        let text = read(&path);
        let istiod = istiod("1.20.0");
        let cr = migrating_cr();
        let analysis = analyze_texts(&[
            (sample, text.as_str()),
            ("istiod.yaml", istiod.as_str()),
            ("version.yaml", SERVER_VERSION),
            ("asm-migrate.yaml", cr.as_str()),
        ]);
        assert_eq!(analysis.migration.state, State::Migrating);
        assert_eq!(
            analysis.facts.lowest_istio().map(|v| v.raw.as_str()),
            Some("1.20.0")
        );
        let plan = plan::plan(&analysis, false);
        let validated = validate_plan_files(&plan);
        let egress: Vec<_> = validated
            .iter()
            .filter(|(file, _, _)| file.starts_with("egress-"))
            .collect();
        assert_eq!(egress.len(), 11, "{sample}: {egress:?}");
        for (file, api_version, _) in &egress {
            if file.contains("-cluster-") {
                assert_ne!(
                    api_version, "networking.istio.io/v1",
                    "{sample}: {file}: Istio 1.20 does not serve networking.istio.io/v1"
                );
                assert!(
                    matches!(
                        api_version.as_str(),
                        "networking.istio.io/v1alpha3" | "networking.istio.io/v1beta1"
                    ),
                    "{sample}: {file}: {api_version}"
                );
                if sample.contains("v1alpha3") {
                    assert_eq!(
                        api_version, "networking.istio.io/v1alpha3",
                        "{file}: the version the cluster exported"
                    );
                }
            } else {
                assert_eq!(api_version, "networking.istio.io/v1", "{sample}: {file}");
            }
        }
    }
}

/// A VirtualService the validator must accept.
const GOOD_VS: &str = r#"apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
  namespace: shop
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
      uri:
        prefix: /news
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 90
    - destination:
        host: istio-asm-egressgateway.istio-system.svc.cluster.local
        port:
          number: 80
      weight: 10
    timeout: 5s
"#;

/// A change that breaks a valid object.
type Breakage = Box<dyn Fn(&mut Value)>;

#[test]
fn the_validator_rejects_broken_virtual_services() {
    let good = yaml_documents(GOOD_VS).remove(0);
    assert_eq!(validate_istio_object(&good), Vec::<String>::new());
    // Each breakage, and a word the error must contain.
    let broken: Vec<(&str, Breakage, &str)> = vec![
        (
            "unknown field",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["destinaton"] = json!({"host": "x"})
            }),
            "spec.http[0].route[0].destinaton: unknown field",
        ),
        (
            "weight as a string",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["route"][0]["weight"] = json!("90")),
            "spec.http[0].route[0].weight: expected integer",
        ),
        (
            "weight over int32",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["weight"] = json!(4_294_967_296_i64)
            }),
            "is not a valid int32",
        ),
        (
            "hosts as a string",
            Box::new(|vs: &mut Value| vs["spec"]["hosts"] = json!("edition.cnn.com")),
            "spec.hosts: expected array",
        ),
        (
            "destination without host",
            Box::new(|vs: &mut Value| {
                if let Some(d) = vs["spec"]["http"][0]["route"][1]["destination"].as_object_mut() {
                    d.remove("host");
                }
            }),
            "the required field host is missing",
        ),
        (
            "port number over uint32 (the schema's maximum)",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["destination"]["port"]["number"] =
                    json!(4_294_967_296_i64)
            }),
            "above the maximum",
        ),
        (
            "exact and prefix at once",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["match"][0]["uri"]["exact"] = json!("/news")
            }),
            "oneOf",
        ),
        (
            "unknown field at the top of spec",
            Box::new(|vs: &mut Value| vs["spec"]["routes"] = json!([])),
            "spec.routes: unknown field",
        ),
        (
            "timeout below 1ms",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["timeout"] = json!("0s")),
            "duration(self)",
        ),
        (
            "timeout not a duration",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["timeout"] = json!(5)),
            "expected string",
        ),
        (
            "server-owned metadata",
            Box::new(|vs: &mut Value| vs["metadata"]["resourceVersion"] = json!("42")),
            "metadata.resourceVersion",
        ),
        (
            "status",
            Box::new(|vs: &mut Value| vs["status"] = json!({})),
            "top-level field status",
        ),
        (
            "a version no CRD defines",
            Box::new(|vs: &mut Value| vs["apiVersion"] = json!("networking.istio.io/v2")),
            "no Istio CRD defines",
        ),
    ];
    for (what, breaker, expected) in broken {
        let mut vs = good.clone();
        breaker(&mut vs);
        let errors = validate_istio_object(&vs);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{what}: expected an error containing {expected:?}, got {errors:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The bash runbook
// ---------------------------------------------------------------------------------------------

/// A stub that appends its argv to `$STUB_LOG`: the argument count, the program's name and each
/// argument, every one NUL-terminated (no argv word can hold a NUL). It prints nothing.
const STUB: &str = r#"#!/usr/bin/env bash
printf '%s\0' "$#" "${0##*/}" "$@" >> "$STUB_LOG"
"#;

/// What one run of the runbook did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    calls: Vec<Vec<String>>,
    stderr: String,
}

/// Writes runbook.sh and every plan file into `dir` (as `istio2asm plan --out` does), plus the
/// stubs under `dir/bin`.
fn write_runbook(dir: &Path, plan: &Plan, _analysis: &Analysis) {
    write(&dir.join("runbook.sh"), &render::shell(plan));
    for file in plan.files() {
        write(&dir.join(&file.name), &file.content);
    }
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    for program in ["kubectl", "istioctl"] {
        let path = bin.join(program);
        write(&path, STUB);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn parse_calls(log: &[u8]) -> Vec<Vec<String>> {
    let mut words = log
        .split(|b| *b == 0)
        .map(|w| String::from_utf8_lossy(w).into_owned());
    let mut calls = Vec::new();
    while let Some(count) = words.next() {
        if count.is_empty() {
            // The text after the last NUL.
            break;
        }
        let count: usize = count
            .parse()
            .unwrap_or_else(|e| panic!("bad stub log ({e}): {count:?}"));
        let call: Vec<String> = words.by_ref().take(count + 1).collect();
        assert_eq!(call.len(), count + 1, "truncated stub log");
        calls.push(call);
    }
    calls
}

/// Runs `bash runbook.sh ARGS` in `dir` with the stubs first on PATH. `stdin` `None` is closed.
fn run_runbook(
    dir: &Path,
    args: &[&str],
    env: &[(&str, Option<&str>)],
    stdin: Option<&str>,
) -> Run {
    let log = dir.join("calls.log");
    if log.exists() {
        std::fs::remove_file(&log).unwrap_or_else(|e| panic!("{e}"));
    }
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Process::new("bash");
    command
        .arg(dir.join("runbook.sh"))
        .args(args)
        // Somewhere else than the runbook's folder: the script must find its files itself.
        .current_dir(dir.join("bin"))
        .env("PATH", path)
        .env("STUB_LOG", &log)
        .env("K8S_KUBECONFIG", CLUSTER_KUBECONFIG)
        .env("ASM_KUBECONFIG", ASM_KUBECONFIG)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("bash: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // The script may stop reading early; a broken pipe is part of the test.
        let _ = pipe.write_all(text.as_bytes());
    }
    let output: Output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let calls = if log.exists() {
        parse_calls(&std::fs::read(&log).unwrap_or_else(|e| panic!("{e}")))
    } else {
        Vec::new()
    };
    Run {
        code: output.status.code(),
        calls,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The argv a command reaches its program with, once bash expanded the kubeconfig variable.
fn resolved_argv(command: &Command) -> Vec<String> {
    let mut argv = command.argv(&vars());
    let (name, path) = match command.target {
        Target::Cluster => ("K8S_KUBECONFIG", CLUSTER_KUBECONFIG),
        Target::Asm => ("ASM_KUBECONFIG", ASM_KUBECONFIG),
    };
    assert_eq!(argv[1], format!("--kubeconfig=${{{name}}}"));
    argv[1] = format!("--kubeconfig={path}");
    argv
}

/// The calls a run of `steps` makes: each step's commands, then its verifications.
fn expected_calls<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Vec<Vec<String>> {
    steps
        .into_iter()
        .flat_map(|s| s.commands.iter().chain(s.verify.iter().map(|v| &v.command)))
        .map(resolved_argv)
        .collect()
}

fn check_script(name: &str, script: &str) {
    let dir = scratch(&format!("shellcheck-{name}"));
    let path = dir.join("runbook.sh");
    write(&path, script);
    let syntax = Process::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(
        syntax.status.success(),
        "{name}: bash -n: {}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let lint = Process::new("shellcheck")
        .args(["--shell=bash", "--severity=style"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("shellcheck: {e}"));
    assert!(
        lint.status.success() && lint.stdout.is_empty(),
        "{name}: shellcheck findings:\n{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn runbooks_pass_bash_n_and_shellcheck() {
    require_shellcheck();
    let analysis = demo_analysis();
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        check_script(&format!("demo-force-{force}"), &render::shell(&plan));
    }
    for (name, inputs) in phase_fixtures() {
        let analysis = analyze_fixture(&inputs);
        check_script(name, &render::shell(&plan::plan(&analysis, false)));
    }
}

#[test]
fn runbook_runs_each_phase_exactly_as_planned() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-phases");
    write_runbook(&dir, &plan, &analysis);
    let mut total = 0;
    for state in State::ALL {
        let phase = plan.phase(state).unwrap_or_else(|| panic!("{state:?}"));
        assert!(
            phase.steps.iter().all(|s| s.blocked_by.is_empty()),
            "a forced plan blocks nothing"
        );
        let run = run_runbook(&dir, &["--phase", state.as_str(), "--yes"], &[], None);
        assert_eq!(run.code, Some(0), "{state:?}: {}", run.stderr);
        let expected = expected_calls(&phase.steps);
        assert_eq!(
            run.calls, expected,
            "{state:?}: the calls are the plan's commands"
        );
        if phase.status == PhaseStatus::Done {
            assert!(run.stderr.contains("is done"), "{}", run.stderr);
        }
        total += run.calls.len();
    }
    assert!(total > 80, "{total} calls in all");
    let uninstall = resolved_argv(&Command::istioctl(["uninstall", "--purge", "-y"]));
    let migrating = run_runbook(&dir, &["--phase", "Migrating", "--yes"], &[], None);
    assert!(
        migrating.calls.contains(&uninstall),
        "istioctl is called too"
    );

    // Answering y at every pause is the same as --yes.
    let answers = "y\n".repeat(200);
    let confirmed = run_runbook(&dir, &["--phase", "Migrating"], &[], Some(&answers));
    assert_eq!(confirmed.code, Some(0), "{}", confirmed.stderr);
    assert_eq!(confirmed.calls, migrating.calls);
}

#[test]
fn fixture_runbooks_run_their_current_phase_up_to_a_blocked_switch() {
    let mut outcomes = BTreeMap::new();
    for (name, fixture) in phase_fixtures() {
        let analysis = analyze_fixture(&fixture);
        let plan = plan::plan(&analysis, false);
        let dir = scratch(&format!("runbook-{name}"));
        write_runbook(&dir, &plan, &analysis);
        let steps = &plan
            .phase(plan.current)
            .unwrap_or_else(|| unreachable!())
            .steps;
        let blocked = steps.iter().position(|s| !s.blocked_by.is_empty());
        let run = run_runbook(&dir, &["--yes"], &[], None);
        assert_eq!(
            run.calls,
            expected_calls(&steps[..blocked.unwrap_or(steps.len())]),
            "{name}: the current phase runs by default, up to a blocked switch"
        );
        assert_eq!(
            run.code,
            Some(if blocked.is_some() { 3 } else { 0 }),
            "{name}: {}",
            run.stderr
        );
        outcomes.insert(name, (run.code, run.calls.len()));
    }
    insta::assert_debug_snapshot!("fixture_runbook_outcomes", outcomes);
}

#[test]
fn runbook_refuses_to_run_without_the_kubeconfig_variables() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-kubeconfig");
    write_runbook(&dir, &plan, &analysis);
    for missing in ["K8S_KUBECONFIG", "ASM_KUBECONFIG"] {
        for value in [None, Some("")] {
            let run = run_runbook(
                &dir,
                &["--phase", "Migrating", "--yes"],
                &[(missing, value)],
                None,
            );
            assert_ne!(run.code, Some(0), "{missing}={value:?}");
            assert!(run.calls.is_empty(), "{missing}={value:?}: {:?}", run.calls);
            assert!(run.stderr.contains(missing), "{}", run.stderr);
        }
    }
}

#[test]
fn runbook_stops_at_the_first_wave_unless_confirmed() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, true);
    let dir = scratch("runbook-pause");
    write_runbook(&dir, &plan, &analysis);
    for state in [State::SetupIstioForMigrate, State::Migrating] {
        let steps = &plan
            .phase(state)
            .unwrap_or_else(|| panic!("{state:?}"))
            .steps;
        // The runbook pauses before a wave and before a step that needs inputs.
        let before: Vec<&Step> = steps
            .iter()
            .take_while(|s| !s.wave && s.needs.is_empty())
            .collect();
        assert!(before.len() < steps.len(), "{state:?} has a wave");
        let expected = expected_calls(before);
        for stdin in [None, Some("n\n"), Some("\n")] {
            let run = run_runbook(&dir, &["--phase", state.as_str()], &[], stdin);
            assert_ne!(run.code, Some(0), "{state:?} with stdin {stdin:?}");
            assert_eq!(run.calls, expected, "{state:?} with stdin {stdin:?}");
            if stdin.is_some() {
                assert_eq!(run.code, Some(1));
                assert!(run.stderr.contains("stopped"), "{}", run.stderr);
            }
        }
    }
}

#[test]
fn runbook_stops_at_a_blocked_switch() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    let dir = scratch("runbook-blocked");
    write_runbook(&dir, &plan, &analysis);
    let steps = &plan
        .phase(State::SetupIstioForMigrate)
        .unwrap_or_else(|| unreachable!())
        .steps;
    let switch = steps
        .iter()
        .position(|s| s.id == "switch-migrating")
        .unwrap_or_else(|| panic!("no switch step"));
    assert_eq!(
        steps[switch].blocked_by,
        vec![istio2asm_core::gate::GateId::SidecarsXdsAgent]
    );
    let run = run_runbook(
        &dir,
        &["--phase", "SetupIstioForMigrate", "--yes"],
        &[],
        None,
    );
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(run.stderr.contains("BLOCKED"), "{}", run.stderr);
    assert!(run.stderr.contains("sidecars-xds-agent"), "{}", run.stderr);
    assert_eq!(run.calls, expected_calls(&steps[..switch]));
    let patch = resolved_argv(&phase::switch_command(State::Migrating));
    assert!(!run.calls.contains(&patch), "the switch never runs");
    assert!(
        run.calls
            .iter()
            .all(|c| !c.iter().any(|w| w == "asmmigratefromistio")),
        "the migration resource is not touched"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Quoting
// ---------------------------------------------------------------------------------------------

/// Words that mean something to bash, and any text at all (never a NUL: no argv can hold one).
fn hostile_word() -> impl Strategy<Value = String> {
    prop_oneof![
        r#"[ '"`$(){}\\\n\t*?\[\]~#!&|;<>=%@,.:/+\x{202E}é中a-z-]{0,16}"#,
        prop::collection::vec(any::<char>(), 0..12)
            .prop_map(|chars| chars.into_iter().filter(|c| *c != '\0').collect()),
        prop::sample::select(vec![
            "",
            "'",
            "\"",
            "`id`",
            "$(id)",
            "${HOME}",
            "$K8S_KUBECONFIG",
            "\\",
            "a\nb",
            "\t",
            " ",
            "*",
            "?",
            "[a]",
            "~",
            "~root",
            "#x",
            "!!",
            "-n",
            "--kubeconfig=/etc/passwd",
            "\u{202E}evil",
            "'\\''",
        ])
        .prop_map(String::from),
    ]
}

proptest! {
    // About 200 cases, each one bash process: a few seconds. Failures are shown shrunk; nothing
    // is persisted next to the sources.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn rendered_commands_reach_the_program_word_for_word(
        asm in any::<bool>(),
        namespace in hostile_word(),
        args in prop::collection::vec(hostile_word(), 0..5),
    ) {
        let target = if asm { Target::Asm } else { Target::Cluster };
        let command = Command::kubectl(target, args).in_namespace(&namespace);
        let rendered = command.render(&vars());
        let script = format!("printf '%s\\0' {rendered}");
        let output = Process::new("bash")
            .arg("-c")
            .arg(&script)
            // Paths with spaces: the variable must stay one word.
            .env("K8S_KUBECONFIG", "/k/cluster dir/config")
            .env("ASM_KUBECONFIG", "/k/asm dir/config")
            .output()
            .unwrap_or_else(|e| panic!("bash: {e}"));
        prop_assert!(output.status.success(), "{rendered}: {}", String::from_utf8_lossy(&output.stderr));
        let mut expected = command.argv(&vars());
        expected[1] = format!(
            "--kubeconfig=/k/{} dir/config",
            if asm { "asm" } else { "cluster" }
        );
        let expected: Vec<u8> = expected
            .iter()
            .flat_map(|w| w.bytes().chain([0]))
            .collect();
        prop_assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&expected),
            "rendered as {}", rendered
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Snapshots
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_plan_snapshots() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    insta::assert_snapshot!("demo_markdown", redact(&render::markdown(&plan)));
    insta::assert_snapshot!("demo_shell", redact(&render::shell(&plan)));
    insta::assert_snapshot!("demo_json", redact(&render::json(&plan)));
}

fn namespace(name: &str, labels: &[(&str, &str)]) -> String {
    let mut out = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
    if !labels.is_empty() {
        out.push_str("  labels:\n");
        for (key, value) in labels {
            out.push_str(&format!("    {key}: {value:?}\n"));
        }
    }
    out
}

/// A Deployment or StatefulSet. `extra` holds more `spec` fields (indented by 2), `labels` more
/// pod template labels (indented by 8), `containers` the template's containers (indented by 6).
fn workload(
    kind: &str,
    ns: &str,
    name: &str,
    extra: &str,
    labels: &str,
    containers: &str,
) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}
  namespace: {ns}
spec:
  replicas: 2
{extra}  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
{labels}    spec:
      containers:
{containers}"#
    )
}

fn app_container(name: &str) -> String {
    format!("      - name: {name}\n        image: registry.example.com/{name}:1.0\n        ports:\n        - containerPort: 8080\n          name: http\n")
}

/// The proxy container of a pod (2-space list indentation).
enum Proxy {
    Sidecar { tag: &'static str, xds: bool },
    Router { tag: &'static str, xds: bool },
    Asm,
}

impl Proxy {
    fn container(&self) -> String {
        let (image, args, env) = match self {
            Proxy::Sidecar { tag, xds } | Proxy::Router { tag, xds } => {
                let role = if matches!(self, Proxy::Router { .. }) { "router" } else { "sidecar" };
                let env = if *xds {
                    "    env:\n    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n".to_string()
                } else {
                    String::new()
                };
                (format!("docker.io/istio/proxyv2:{tag}"), role, env)
            }
            Proxy::Asm => (
                "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g3f2a1b0-aliyun".to_string(),
                "sidecar",
                "    env:\n    - name: ASM_ID\n      value: c1b2a3\n    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n".to_string(),
            ),
        };
        format!("  - name: istio-proxy\n    image: {image}\n    args:\n    - proxy\n    - {args}\n{env}")
    }
}

/// A running pod. `labels` are more labels (indented by 4). `owner` is `NAME-HASH` of a ReplicaSet
/// (the hash becomes `pod-template-hash`) or `StatefulSet/NAME`.
fn pod(ns: &str, name: &str, app: &str, labels: &str, owner: &str, proxy: Proxy) -> String {
    let (kind, owner_name) = owner.split_once('/').unwrap_or(("ReplicaSet", owner));
    let hash = if kind == "ReplicaSet" {
        format!(
            "    pod-template-hash: {}\n",
            owner_name.rsplit('-').next().unwrap_or_default()
        )
    } else {
        String::new()
    };
    let app_image = if matches!(proxy, Proxy::Router { .. }) {
        String::new()
    } else {
        format!("  - name: {app}\n    image: registry.example.com/{app}:1.0\n")
    };
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app: {app}
{hash}{labels}  ownerReferences:
  - apiVersion: apps/v1
    kind: {kind}
    name: {owner_name}
    controller: true
spec:
  containers:
{app_image}{container}status:
  phase: Running
"#,
        container = proxy.container()
    )
}

fn service(ns: &str, name: &str, selector: &str, ports: &[(&str, u16, u16)]) -> String {
    let mut out = format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  selector:\n{selector}  ports:\n"
    );
    for (port_name, port, target) in ports {
        out.push_str(&format!(
            "  - name: {port_name}\n    port: {port}\n    targetPort: {target}\n    protocol: TCP\n"
        ));
    }
    out
}

/// ConfigMap `istio`, with or without the setting ASM adds on SetupIstioForMigrate.
fn mesh_config(xds: bool) -> String {
    let metadata = if xds {
        "\n      proxyMetadata:\n        PROXY_CONFIG_XDS_AGENT: \"true\""
    } else {
        ""
    };
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |-\n    defaultConfig:\n      discoveryAddress: istiod.istio-system.svc:15012{metadata}\n"
    )
}

/// A multi-document YAML stream.
fn stream(docs: &[String]) -> String {
    docs.join("---\n")
}

/// A fixture: (file name, content) pairs.
type Fixture = Vec<(&'static str, String)>;

fn analyze_fixture(fixture: &Fixture) -> Analysis {
    let texts: Vec<(&str, &str)> = fixture.iter().map(|(n, t)| (*n, t.as_str())).collect();
    analyze_texts(&texts)
}

/// Init, with an east-west gateway and `istio-injection` on istio-system.
fn init_eastwest() -> Fixture {
    let gateway_labels = "    istio: eastwestgateway\n    topology.istio.io/network: network1\n";
    let cluster = stream(&[
        namespace(
            "istio-system",
            &[("istio-injection", "disabled"), ("topology.istio.io/network", "network1")],
        ),
        namespace("shop", &[("istio-injection", "enabled")]),
        istiod("1.22.3"),
        mesh_config(false),
        workload(
            "Deployment",
            "istio-system",
            "istio-eastwestgateway",
            "",
            "        istio: eastwestgateway\n        topology.istio.io/network: network1\n",
            "      - name: istio-proxy\n        image: docker.io/istio/proxyv2:1.22.3\n        args:\n        - proxy\n        - router\n",
        ),
        pod(
            "istio-system",
            "istio-eastwestgateway-6c7d9f8b5d-q4x2m",
            "istio-eastwestgateway",
            gateway_labels,
            "istio-eastwestgateway-6c7d9f8b5d",
            Proxy::Router { tag: "1.22.3", xds: false },
        ),
        service(
            "istio-system",
            "istio-eastwestgateway",
            "    istio: eastwestgateway\n",
            &[("status-port", 15021, 15021), ("tls", 15443, 15443)],
        ),
        workload("Deployment", "shop", "web", "", "", &app_container("web")),
        pod(
            "shop",
            "web-7f9c6d5b8-h2k9d",
            "web",
            "",
            "web-7f9c6d5b8",
            Proxy::Sidecar { tag: "1.22.3", xds: false },
        ),
    ]);
    vec![
        ("cluster.yaml", cluster),
        ("version.yaml", SERVER_VERSION.to_string()),
        ("asm-migrate.yaml", (cr("Init", "0", "Init", "", "0"))),
    ]
}

/// SetupIstioForMigrate: two Deployments in two namespaces and an OnDelete StatefulSet lack
/// the env var.
fn setup_restarts() -> Fixture {
    let cluster = stream(&[
        namespace("istio-system", &[]),
        namespace("shop", &[("istio-injection", "enabled")]),
        namespace("payments", &[("istio-injection", "enabled")]),
        istiod("1.22.3"),
        mesh_config(true),
        workload("Deployment", "shop", "cart", "", "", &app_container("cart")),
        pod(
            "shop",
            "cart-5cb6cf68c5-c2v72",
            "cart",
            "",
            "cart-5cb6cf68c5",
            Proxy::Sidecar {
                tag: "1.22.3",
                xds: false,
            },
        ),
        pod(
            "shop",
            "cart-5cb6cf68c5-r8d4n",
            "cart",
            "",
            "cart-5cb6cf68c5",
            Proxy::Sidecar {
                tag: "1.22.3",
                xds: false,
            },
        ),
        workload(
            "Deployment",
            "payments",
            "ledger",
            "",
            "",
            &app_container("ledger"),
        ),
        pod(
            "payments",
            "ledger-7d4b9c8f6-x7k2p",
            "ledger",
            "",
            "ledger-7d4b9c8f6",
            Proxy::Sidecar {
                tag: "1.22.3",
                xds: false,
            },
        ),
        workload(
            "StatefulSet",
            "shop",
            "redis",
            "  serviceName: redis\n  updateStrategy:\n    type: OnDelete\n",
            "",
            &app_container("redis"),
        ),
        pod(
            "shop",
            "redis-0",
            "redis",
            "",
            "StatefulSet/redis",
            Proxy::Sidecar {
                tag: "1.22.3",
                xds: false,
            },
        ),
        pod(
            "shop",
            "redis-1",
            "redis",
            "",
            "StatefulSet/redis",
            Proxy::Sidecar {
                tag: "1.22.3",
                xds: false,
            },
        ),
    ]);
    vec![
        ("cluster.yaml", cluster),
        ("version.yaml", SERVER_VERSION.to_string()),
        (
            "asm-migrate.yaml",
            (cr("SetupIstioForMigrate", "0", "SetupIstioForMigrate", "", "0")),
        ),
    ]
}

/// Migrating, with a VirtualService that routes mesh traffic to istio-egressgateway's subset.
fn migrating_egress() -> Fixture {
    let egress_labels = "    istio: egressgateway\n";
    let cluster = stream(&[
        namespace("istio-system", &[]),
        namespace("shop", &[("istio-injection", "enabled")]),
        istiod("1.22.3"),
        mesh_config(true),
        workload(
            "Deployment",
            "istio-system",
            "istio-egressgateway",
            "",
            "        istio: egressgateway\n",
            "      - name: istio-proxy\n        image: docker.io/istio/proxyv2:1.22.3\n        args:\n        - proxy\n        - router\n",
        ),
        pod(
            "istio-system",
            "istio-egressgateway-5b7c8d9f4-t6w3z",
            "istio-egressgateway",
            egress_labels,
            "istio-egressgateway-5b7c8d9f4",
            Proxy::Router { tag: "1.22.3", xds: true },
        ),
        service(
            "istio-system",
            "istio-egressgateway",
            "    istio: egressgateway\n",
            &[("http2", 80, 8080), ("https", 443, 8443)],
        ),
        workload("Deployment", "shop", "sleep", "", "", &app_container("sleep")),
        pod("shop", "sleep-6f8d9c7b5-m2n4q", "sleep", "", "sleep-6f8d9c7b5", Proxy::Sidecar { tag: "1.22.3", xds: true }),
    ]);
    let istio_config = r#"apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata:
  name: cnn
  namespace: shop
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
  resolution: DNS
---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: istio-egressgateway
  namespace: shop
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - edition.cnn.com
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
  namespace: shop
  resourceVersion: "4711"
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 100
  - match:
    - gateways:
      - istio-egressgateway
      port: 80
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 80
      weight: 100
    timeout: 10s
"#;
    vec![
        ("cluster.yaml", cluster),
        ("istio-config.yaml", istio_config.to_string()),
        ("version.yaml", SERVER_VERSION.to_string()),
        ("asm-migrate.yaml", (migrating_cr())),
    ]
}

/// Migrating, every pod already on ASM's proxy: uninstall, then the switch to Finished.
fn migrating_all_asm() -> Fixture {
    let asm_label = "    sidecar.asm.aliyun.com/inject: \"true\"\n";
    let cluster = stream(&[
        namespace("istio-system", &[]),
        namespace("shop", &[("istio-injection", "enabled")]),
        istiod("1.14.6"),
        mesh_config(true),
        workload(
            "Deployment",
            "shop",
            "cart",
            "",
            "        sidecar.asm.aliyun.com/inject: \"true\"\n",
            &app_container("cart"),
        ),
        pod(
            "shop",
            "cart-6d5c4b3a2-k8j7h",
            "cart",
            asm_label,
            "cart-6d5c4b3a2",
            Proxy::Asm,
        ),
        workload(
            "Deployment",
            "shop",
            "web",
            "",
            "        sidecar.asm.aliyun.com/inject: \"true\"\n",
            &app_container("web"),
        ),
        pod(
            "shop",
            "web-9a8b7c6d5-p3q2r",
            "web",
            asm_label,
            "web-9a8b7c6d5",
            Proxy::Asm,
        ),
    ]);
    vec![
        ("cluster.yaml", cluster),
        ("version.yaml", SERVER_VERSION.to_string()),
        ("asm-migrate.yaml", (migrating_cr())),
    ]
}

/// Finished, with Istio's webhooks and RBAC left behind (and a CRD, which must stay).
fn finished_leftovers() -> Fixture {
    let cluster = stream(&[
        namespace("istio-system", &[]),
        namespace("shop", &[]),
        workload("Deployment", "shop", "web", "", "", &app_container("web")),
        pod(
            "shop",
            "web-9a8b7c6d5-p3q2r",
            "web",
            "",
            "web-9a8b7c6d5",
            Proxy::Asm,
        ),
    ]);
    let leftovers = r#"apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
  labels:
    app: sidecar-injector
    istio.io/rev: default
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  admissionReviewVersions: ["v1"]
  sideEffects: None
  clientConfig:
    service:
      name: istiod
      namespace: istio-system
      path: /inject
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: istio-validator-istio-system
  labels:
    app: istiod
    istio.io/rev: default
webhooks:
- name: rev.validation.istio.io
  admissionReviewVersions: ["v1"]
  sideEffects: None
  clientConfig:
    service:
      name: istiod
      namespace: istio-system
      path: /validate
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: istiod-clusterrole-istio-system
  labels:
    app: istiod
    istio.io/rev: default
rules: []
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: istiod
  namespace: istio-system
  labels:
    app: istiod
    istio.io/rev: default
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: virtualservices.networking.istio.io
  labels:
    app: istio-pilot
    istio.io/rev: default
spec:
  group: networking.istio.io
  names:
    kind: VirtualService
    plural: virtualservices
  scope: Namespaced
  versions: []
"#;
    vec![
        ("cluster.yaml", cluster),
        ("leftovers.yaml", leftovers.to_string()),
        ("version.yaml", SERVER_VERSION.to_string()),
        (
            "asm-migrate.yaml",
            (cr("Finished", "0", "Finished", "", "0")),
        ),
    ]
}

fn phase_fixtures() -> Vec<(&'static str, Fixture)> {
    vec![
        ("init_eastwest", init_eastwest()),
        ("setup_restarts", setup_restarts()),
        ("migrating_egress", migrating_egress()),
        ("migrating_all_asm", migrating_all_asm()),
        ("finished_leftovers", finished_leftovers()),
    ]
}

/// The ids of a phase's steps.
fn step_ids(plan: &Plan, state: State) -> Vec<&str> {
    plan.phase(state)
        .map(|p| p.steps.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn phase_fixture_snapshots() {
    for (name, inputs) in phase_fixtures() {
        let analysis = analyze_fixture(&inputs);
        let plan = plan::plan(&analysis, false);
        insta::assert_snapshot!(name, redact(&render::markdown(&plan)));
    }
}

#[test]
fn phase_fixtures_plan_what_each_phase_needs() {
    let init = plan::plan(&analyze_fixture(&init_eastwest()), false);
    assert_eq!(init.current, State::Init);
    assert_eq!(
        step_ids(&init, State::Init),
        vec![
            "eastwest-label-reconciliation",
            "istio-system-injection-label",
            "switch-setup-istio-for-migrate"
        ]
    );

    let setup = plan::plan(&analyze_fixture(&setup_restarts()), false);
    assert_eq!(setup.current, State::SetupIstioForMigrate);
    assert_eq!(
        step_ids(&setup, State::SetupIstioForMigrate),
        vec![
            "mesh-config-xds-agent",
            "restart-wave-1",
            "restart-wave-2",
            "restart-manual",
            "switch-migrating"
        ]
    );
    let manual = &setup
        .phase(State::SetupIstioForMigrate)
        .unwrap_or_else(|| unreachable!())
        .steps[3];
    let deletes: Vec<String> = manual
        .commands
        .iter()
        .map(|c| c.render(&vars()))
        .filter(|c| c.contains(" delete pod "))
        .collect();
    assert_eq!(
        deletes,
        vec![
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod redis-1"#,
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod redis-0"#,
        ],
        "highest ordinal first"
    );

    let egress = plan::plan(&analyze_fixture(&migrating_egress()), false);
    assert_eq!(egress.current, State::Migrating);
    let ids = step_ids(&egress, State::Migrating);
    assert!(
        ids.contains(&"egress-shop-direct-cnn-through-egress-gateway-100-asm"),
        "{ids:?}"
    );
    validate_plan_files(&egress);

    let all_asm = plan::plan(&analyze_fixture(&migrating_all_asm()), false);
    assert_eq!(
        step_ids(&all_asm, State::Migrating),
        vec!["uninstall-istio", "switch-finished"]
    );
    let uninstall = &all_asm
        .phase(State::Migrating)
        .unwrap_or_else(|| unreachable!())
        .steps[0];
    assert_eq!(
        uninstall.commands,
        vec![Command::istioctl(["x", "uninstall", "--purge", "-y"])],
        "Istio 1.14 needs `istioctl x uninstall`"
    );

    let finished = plan::plan(&analyze_fixture(&finished_leftovers()), false);
    assert_eq!(finished.current, State::Finished);
    let cleanup: Vec<String> = finished
        .phase(State::Finished)
        .into_iter()
        .flat_map(|p| &p.steps)
        .flat_map(|s| &s.commands)
        .map(|c| c.render(&vars()))
        .collect();
    assert!(
        cleanup
            .iter()
            .any(|c| c.contains("delete mutatingwebhookconfiguration istio-sidecar-injector")),
        "{cleanup:#?}"
    );
    assert!(
        cleanup
            .iter()
            .any(|c| c
                .contains("delete validatingwebhookconfiguration istio-validator-istio-system")),
        "{cleanup:#?}"
    );
    assert!(
        cleanup
            .iter()
            .all(|c| !c.contains("customresourcedefinition") && !c.contains(" crd")),
        "never delete the *.istio.io CRDs: {cleanup:#?}"
    );
}
