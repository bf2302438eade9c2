//! The real-world corpus (`tests/fixtures/real-world`, provenance in its `SOURCES.md`): inputs
//! copied from public, permissively licensed repositories, analysed case by case. A case is one
//! file alone, or a few files that describe one cluster together (the ambient install, the
//! east-west gateway and what Istio generates for it). Each case has two snapshots: its findings
//! (code, severity, location, message) and its Markdown plan.
//!
//! The snapshots record what istio2asm says today, not what it should say: they change when a
//! feature lands, and are reviewed then. The other tests of this file check the fixtures
//! themselves, read as plain YAML or JSON, so that the corpus is proven to hold what each point of
//! issue 11 needs whatever istio2asm makes of it.

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// fixtures from disk, so it needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use std::fmt::Write as _;

use common::{files_under, read, redact, repo_fixtures, settings, yaml_documents};
use istio2asm_core::{analyze, plan, render, Analysis, Code, Input};
use serde_json::Value;

/// The corpus, relative to the repository's `tests/fixtures`.
const CORPUS: &str = "real-world";

/// Each case: its snapshot name and its files, relative to the corpus. `SOURCES.md` says the same.
const CASES: &[(&str, &[&str])] = &[
    ("asm-api-v1", &["asm-api/asmmigratefromistio-v1.yaml"]),
    (
        "injected-1-5-10-hello",
        &["injected/1.5.10/hello.yaml.injected"],
    ),
    (
        "injected-1-5-10-list",
        &["injected/1.5.10/list.yaml.injected"],
    ),
    (
        "injected-1-30-3-hello",
        &["injected/1.30.3/hello.yaml.injected"],
    ),
    (
        "injected-1-30-3-list",
        &["injected/1.30.3/list.yaml.injected"],
    ),
    (
        "ambient",
        &[
            "ambient/ztunnel.golden.yaml",
            "ambient/sidecar-default-selector.yaml",
            "ambient/reviews-waypoint.yaml",
            "ambient/waypoint.yaml",
            "ambient/kube-gateway-ambient-redirect.yaml",
        ],
    ),
    (
        "east-west-gateway-api",
        &[
            "east-west/east-west-ambient.yaml",
            "east-west/istio-east-west.yaml",
        ],
    ),
    (
        "install-revisioned-1-10-0",
        &["install/1.10.0-install.yaml"],
    ),
    (
        "install-multinetwork-gateway-api",
        &["install/multinetwork.yaml"],
    ),
    (
        "install-helm-network-gateway",
        &["install/gateway-network-gateway-default.golden.yaml"],
    ),
    ("captured-pod-oda-canvas", &["clusters/podmutate.json"]),
];

/// The text of a corpus file.
fn text(file: &str) -> String {
    read(&repo_fixtures().join(CORPUS).join(file))
}

/// The documents of a corpus YAML file, `kind: List` items included, as JSON values.
fn objects(file: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for document in yaml_documents(&text(file)) {
        match document.get("items").and_then(Value::as_array) {
            Some(items) if kind(&document).ends_with("List") => out.extend(items.iter().cloned()),
            _ => out.push(document),
        }
    }
    out
}

fn kind(object: &Value) -> &str {
    object["kind"].as_str().unwrap_or_default()
}

fn name(object: &Value) -> &str {
    object["metadata"]["name"].as_str().unwrap_or_default()
}

fn label<'a>(object: &'a Value, key: &str) -> Option<&'a str> {
    object["metadata"]["labels"][key].as_str()
}

/// The objects of `file` of one kind.
fn of_kind(file: &str, wanted: &str) -> Vec<Value> {
    objects(file)
        .into_iter()
        .filter(|o| kind(o) == wanted)
        .collect()
}

/// The containers named `istio-proxy` of a pod spec, in `containers` and `initContainers`.
fn istio_proxies(pod_spec: &Value) -> Vec<&Value> {
    ["containers", "initContainers"]
        .iter()
        .filter_map(|list| pod_spec[*list].as_array())
        .flatten()
        .filter(|c| c["name"] == "istio-proxy")
        .collect()
}

/// A case's files analysed together, each named by its path from the repository root.
fn analyse(files: &[&str]) -> Analysis {
    let inputs = files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(repo_fixtures().join(CORPUS).join(file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            Input::new(format!("tests/fixtures/{CORPUS}/{file}"), bytes)
        })
        .collect();
    analyze(inputs, Vec::new(), &settings())
}

/// One line per finding, `file:line:column: severity[CODE]: message`, in the analysis' order.
fn findings(analysis: &Analysis) -> String {
    let mut out = String::new();
    for finding in &analysis.findings {
        let at = finding
            .span
            .and_then(|span| analysis.sources.locate(span))
            .map_or_else(
                || "(no location)".to_string(),
                |l| format!("{}:{}:{}", l.path, l.line, l.column),
            );
        let _ = writeln!(
            out,
            "{at}: {}[{}]: {}",
            finding.severity.as_str(),
            finding.code.as_str(),
            finding.message.replace('\n', "\n  ")
        );
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn each_real_world_case_has_findings_and_a_plan_matching_its_snapshots() {
    for (case, files) in CASES {
        let analysis = analyse(files);
        let plan = plan::plan(&analysis, false);
        insta::assert_snapshot!(format!("{case}__findings"), redact(&findings(&analysis)));
        insta::assert_snapshot!(format!("{case}__plan"), redact(&render::markdown(&plan)));
    }
}

#[test]
fn every_corpus_file_belongs_to_a_case_and_has_a_row_in_sources_md() {
    let root = repo_fixtures().join(CORPUS);
    let sources = text("SOURCES.md");
    for path in files_under(&root) {
        let relative = path
            .strip_prefix(&root)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "SOURCES.md" {
            continue;
        }
        assert!(
            sources.contains(&format!("`{relative}`")),
            "{relative} has no row in SOURCES.md"
        );
        if !relative.ends_with("/LICENSE") {
            assert!(
                CASES
                    .iter()
                    .any(|(_, files)| files.contains(&relative.as_str())),
                "{relative} belongs to no case"
            );
        }
    }
    let bytes: u64 = files_under(&root)
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    assert!(bytes < 1_000_000, "the corpus has grown to {bytes} bytes");
}

// Point 1: ASM's published API.

#[test]
fn the_asm_api_fixture_is_a_cluster_scoped_v1_asmmigratefromistio_with_every_published_field() {
    let objects = objects("asm-api/asmmigratefromistio-v1.yaml");
    assert_eq!(objects.len(), 1);
    let cr = &objects[0];
    assert_eq!(cr["apiVersion"], "istio.alibabacloud.com/v1");
    assert_eq!(kind(cr), "ASMMigrateFromIstio");
    assert!(cr["metadata"].get("namespace").is_none(), "cluster-scoped");
    assert!(cr["spec"]["retryCounter"].is_i64());
    let states = ["Init", "SetupIstioForMigrate", "Migrating", "Finished"];
    assert!(states.contains(&cr["spec"]["desiredState"].as_str().unwrap_or_default()));
    assert!(cr["spec"]["advancedOptions"]["stopIstioSystemInjectionDisabling"].is_boolean());
    assert!(cr["spec"]["advancedOptions"]
        .get("disableIstioSystemLabelReconciliation")
        .is_none());
    assert!(cr["status"]["retryCounter"].is_i64());
    assert!(states.contains(&cr["status"]["state"].as_str().unwrap_or_default()));
    assert!(cr["status"]["message"].is_string());
}

// Point 2: manually injected workloads, at 1.5 and at a recent release.

#[test]
fn the_kube_injected_deployments_of_1_5_and_1_30_have_a_pod_template_with_istio_proxy() {
    for (file, deployments) in [
        ("injected/1.5.10/hello.yaml.injected", 1),
        ("injected/1.5.10/list.yaml.injected", 2),
        ("injected/1.30.3/hello.yaml.injected", 1),
        ("injected/1.30.3/list.yaml.injected", 2),
    ] {
        let found = of_kind(file, "Deployment");
        assert_eq!(found.len(), deployments, "{file}");
        for deployment in &found {
            let template = &deployment["spec"]["template"];
            assert!(
                template["metadata"]["annotations"]["sidecar.istio.io/status"].is_string(),
                "{file}: {} has no sidecar.istio.io/status",
                name(deployment)
            );
            let proxies = istio_proxies(&template["spec"]);
            assert_eq!(proxies.len(), 1, "{file}: {}", name(deployment));
            assert_eq!(proxies[0]["args"][1], "sidecar", "{file}");
        }
    }
    // 1.5 puts the proxy among the containers; 1.30 makes it a native sidecar.
    let old = &of_kind("injected/1.5.10/hello.yaml.injected", "Deployment")[0];
    let old_containers = old["spec"]["template"]["spec"]["containers"].as_array();
    assert!(old_containers.is_some_and(|c| c.iter().any(|c| c["name"] == "istio-proxy")));
    let new = &of_kind("injected/1.30.3/hello.yaml.injected", "Deployment")[0];
    let new_init = new["spec"]["template"]["spec"]["initContainers"].as_array();
    assert!(new_init.is_some_and(|c| c
        .iter()
        .any(|c| c["name"] == "istio-proxy" && c["restartPolicy"] == "Always")));
    let list = yaml_documents(&text("injected/1.5.10/list.yaml.injected"));
    assert_eq!(list.len(), 1);
    assert_eq!(kind(&list[0]), "List");
}

// Point 3: ambient mode.

#[test]
fn the_ambient_fixtures_hold_ztunnel_enrolled_namespaces_and_pods_and_a_waypoint() {
    let ztunnel = of_kind("ambient/ztunnel.golden.yaml", "DaemonSet");
    assert_eq!(ztunnel.len(), 1);
    assert_eq!(name(&ztunnel[0]), "ztunnel");
    let args = &ztunnel[0]["spec"]["template"]["spec"]["containers"][0]["args"];
    assert_eq!(args, &serde_json::json!(["proxy", "ztunnel"]));

    let ambient = |o: &Value| label(o, "istio.io/dataplane-mode") == Some("ambient");
    let namespaces = of_kind("ambient/sidecar-default-selector.yaml", "Namespace");
    assert!(namespaces.iter().filter(|n| ambient(n)).count() >= 3);
    let pods = of_kind("ambient/sidecar-default-selector.yaml", "Pod");
    assert!(pods
        .iter()
        .any(|p| p["metadata"]["namespace"] == "ns-ambient"
            && p["metadata"]["annotations"]["ambient.istio.io/redirection"] == "enabled"));
    let gateway = of_kind("ambient/kube-gateway-ambient-redirect.yaml", "Deployment");
    assert!(gateway.iter().any(|d| ambient(&d["spec"]["template"])));

    let waypoints = of_kind("ambient/reviews-waypoint.yaml", "Gateway");
    assert_eq!(waypoints.len(), 1);
    assert_eq!(waypoints[0]["spec"]["gatewayClassName"], "istio-waypoint");
    assert_eq!(waypoints[0]["spec"]["listeners"][0]["protocol"], "HBONE");
    let generated = of_kind("ambient/waypoint.yaml", "Deployment");
    assert_eq!(generated.len(), 1);
    assert_eq!(
        label(
            &generated[0],
            "gateway.networking.k8s.io/gateway-class-name"
        ),
        Some("istio-waypoint")
    );
    assert_eq!(
        istio_proxies(&generated[0]["spec"]["template"]["spec"])[0]["args"][1],
        "waypoint"
    );
}

// Point 4: an east-west gateway installed through the Gateway API.

#[test]
fn the_east_west_fixtures_hold_an_istio_east_west_gateway_and_its_generated_objects() {
    let gateways = of_kind("east-west/east-west-ambient.yaml", "Gateway");
    assert!(!gateways.is_empty());
    for gateway in &gateways {
        assert_eq!(gateway["spec"]["gatewayClassName"], "istio-east-west");
        assert_eq!(
            label(gateway, "topology.istio.io/network"),
            Some("network-1")
        );
    }
    for generated in ["Deployment", "Service"] {
        let objects = of_kind("east-west/istio-east-west.yaml", generated);
        assert_eq!(objects.len(), 1, "{generated}");
        let object = &objects[0];
        assert_eq!(
            label(object, "gateway.networking.k8s.io/gateway-class-name"),
            Some("istio-east-west")
        );
        assert_eq!(
            label(object, "topology.istio.io/network"),
            Some("network-1")
        );
    }
    let deployment = &of_kind("east-west/istio-east-west.yaml", "Deployment")[0];
    let proxy = istio_proxies(&deployment["spec"]["template"]["spec"])[0];
    // The east-west gateway of ambient mode runs Istio's waypoint proxy, not `proxy router`.
    assert_eq!(proxy["args"][1], "waypoint");
    let network = proxy["env"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["name"] == "ISTIO_META_NETWORK");
    assert_eq!(
        network.map(|e| &e["value"]),
        Some(&Value::from("network-1"))
    );
}

// Point 5: objects without a namespace.

#[test]
fn the_injector_outputs_and_the_waypoint_sample_carry_no_namespace() {
    for file in [
        "injected/1.5.10/hello.yaml.injected",
        "injected/1.5.10/list.yaml.injected",
        "injected/1.30.3/hello.yaml.injected",
        "injected/1.30.3/list.yaml.injected",
        "ambient/reviews-waypoint.yaml",
    ] {
        let objects = objects(file);
        assert!(!objects.is_empty(), "{file}");
        for object in &objects {
            assert!(
                object["metadata"].get("namespace").is_none(),
                "{file}: {} {} has a namespace",
                kind(object),
                name(object)
            );
        }
    }
}

// Point 6: revisioned and multi-network installs, and a pod captured from a real cluster.

#[test]
fn the_install_fixtures_hold_a_revisioned_istiod_and_multi_network_gateways() {
    let istiod = of_kind("install/1.10.0-install.yaml", "Deployment");
    assert_eq!(istiod.len(), 1);
    assert_eq!(name(&istiod[0]), "istiod-1-10-0");
    assert_eq!(label(&istiod[0], "istio.io/rev"), Some("1-10-0"));
    let discovery = &istiod[0]["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(discovery["image"], "gcr.io/istio-release/pilot:1.10.0");
    let webhooks = of_kind(
        "install/1.10.0-install.yaml",
        "MutatingWebhookConfiguration",
    );
    assert_eq!(name(&webhooks[0]), "istio-sidecar-injector-1-10-0");
    let config_maps = of_kind("install/1.10.0-install.yaml", "ConfigMap");
    assert!(config_maps.iter().any(|c| name(c) == "istio-1-10-0"));

    let deployment = &of_kind("install/multinetwork.yaml", "Deployment")[0];
    let proxy = istio_proxies(&deployment["spec"]["template"]["spec"])[0];
    let env = |key: &str| {
        proxy["env"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["name"] == key)
            .map(|e| e["value"].clone())
    };
    assert_eq!(env("ISTIO_META_NETWORK"), Some(Value::from("network-1")));

    let service = &of_kind(
        "install/gateway-network-gateway-default.golden.yaml",
        "Service",
    )[0];
    assert_eq!(
        label(service, "topology.istio.io/network"),
        Some("network-1")
    );
    let ports = service["spec"]["ports"].as_array();
    assert!(ports.is_some_and(|p| p.iter().any(|p| p["port"] == 15443)));
}

#[test]
fn the_captured_pod_comes_from_a_real_cluster_with_a_replica_set_owner_and_istio_proxy() {
    let pod: Value = serde_json::from_str(&text("clusters/podmutate.json"))
        .unwrap_or_else(|e| panic!("podmutate.json: {e}"));
    assert_eq!(kind(&pod), "Pod");
    assert_eq!(pod["metadata"]["namespace"], "components");
    assert_eq!(pod["metadata"]["ownerReferences"][0]["kind"], "ReplicaSet");
    // Fields only a cluster writes: a server-side uid of the owner and managedFields with times.
    assert!(pod["metadata"]["ownerReferences"][0]["uid"].is_string());
    assert!(pod["metadata"]["managedFields"][0]["time"].is_string());
    let proxies = istio_proxies(&pod["spec"]);
    assert_eq!(proxies.len(), 1);
    assert_eq!(proxies[0]["image"], "docker.io/istio/proxyv2:1.20.3");
}

// What istio2asm makes of the real inputs: one test per point of issue 11, each on a real file.

#[test]
fn asms_published_v1_resource_is_read_in_its_own_shape() {
    let analysis = analyse(&["asm-api/asmmigratefromistio-v1.yaml"]);
    let codes: Vec<Code> = analysis.findings.iter().map(|f| f.code).collect();
    assert!(!codes.contains(&Code::Mig102), "{codes:?}");
    assert!(!codes.contains(&Code::Mig108), "{codes:?}");
    assert_eq!(
        analysis.migration.shape,
        Some(istio2asm_core::phase::ResourceShape::V1)
    );
    let plan = plan::plan(&analysis, false);
    for command in plan.commands() {
        if command
            .resource_type()
            .is_some_and(|r| r.starts_with("asmmigratefromistio"))
        {
            assert_eq!(
                command.resource_type(),
                Some("asmmigratefromistio.v1.istio.alibabacloud.com")
            );
        }
    }
}

#[test]
fn kube_injected_deployments_are_found_without_their_pods_and_re_deployed_by_the_plan() {
    for file in [
        "injected/1.5.10/hello.yaml.injected",
        "injected/1.30.3/hello.yaml.injected",
    ] {
        let analysis = analyse(&[file]);
        let by_hand: Vec<&str> = analysis
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig509)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(by_hand.len(), 1, "{file}: {by_hand:?}");
        assert!(
            by_hand[0]
                .starts_with("deployment/hello (in the context's namespace) was injected by hand"),
            "{file}: {}",
            by_hand[0]
        );
        assert!(
            analysis.findings.iter().any(|f| f.code == Code::Mig601),
            "{file}"
        );
        let plan = plan::plan(&analysis, false);
        let step = plan
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.id == "reinject-by-hand")
            .unwrap_or_else(|| panic!("{file}: no reinject-by-hand step"));
        assert!(
            !step.verify.is_empty() && !step.rollback.is_empty(),
            "{file}"
        );
    }
}

#[test]
fn ambient_namespaces_ztunnel_and_waypoints_are_reported() {
    let analysis = analyse(&[
        "ambient/ztunnel.golden.yaml",
        "ambient/sidecar-default-selector.yaml",
        "ambient/reviews-waypoint.yaml",
    ]);
    let ambient = &analysis.facts.ambient;
    assert!(!ambient.ztunnel.is_empty());
    assert!(!ambient.waypoints.is_empty());
    let namespaces: Vec<&str> = ambient
        .namespaces
        .iter()
        .map(|n| n.object.name.as_str())
        .collect();
    // Labelled for sidecars too: sidecars take precedence, so not ambient.
    assert_eq!(namespaces, ["ns-ambient"]);
    assert!(analysis.findings.iter().any(|f| f.code == Code::Mig510));
}

#[test]
fn the_generated_east_west_deployment_and_service_alone_are_an_east_west_gateway() {
    let analysis = analyse(&["east-west/istio-east-west.yaml"]);
    let found: Vec<(&str, &str)> = analysis
        .facts
        .east_west
        .iter()
        .map(|e| (e.object.kind.as_str(), e.object.name.as_str()))
        .collect();
    assert_eq!(found, [("Deployment", "eastwestgateway")]);
    assert!(analysis.findings.iter().any(|f| f.code == Code::Mig301));
}
