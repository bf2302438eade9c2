//! What istio2asm detects in Istio's own test data (`tests/fixtures/upstream-istio`, provenance in
//! its `SOURCES.md`): injected workloads and pods, the east-west gateway in its install styles,
//! istiod's install golden, the gateway goldens, the injector webhooks and the egress gateway task.
//!
//! The files are copied byte for byte from upstream, so every expectation here is about real
//! manifests, not about examples written to suit the tool.

// These tests read the fixture files; the no-IO rule of `clippy.toml` is about the library.
#![allow(clippy::disallowed_methods)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{files_under, settings, settled_cr, upstream, upstream_bytes};
use istio2asm_core::detect::{classify_proxy, EastWestStyle, Flavor, GatewayKind, OwnerKind, Role};
use istio2asm_core::model::WorkloadKind;
use istio2asm_core::state::State;
use istio2asm_core::{analyze, Analysis, Code, Finding, Input, Severity};

/// Analyses fixture files (and inline documents, for the migration resource) with ASM 1.24.6, so
/// that MIG203 stays out of the way.
fn analyze_with(paths: &[&str], inline: &[(&str, &str)]) -> Analysis {
    let mut inputs: Vec<Input> = paths
        .iter()
        .map(|p| Input::new(*p, upstream_bytes(p)))
        .collect();
    inputs.extend(inline.iter().map(|(name, text)| Input::new(*name, *text)));
    analyze(inputs, Vec::new(), &settings())
}

fn analyze_files(paths: &[&str]) -> Analysis {
    analyze_with(paths, &[])
}

/// The findings of one code.
fn of(analysis: &Analysis, code: Code) -> Vec<&Finding> {
    analysis
        .findings
        .iter()
        .filter(|f| f.code == code)
        .collect()
}

/// Every code found, each once.
fn codes(analysis: &Analysis) -> BTreeSet<&'static str> {
    analysis.findings.iter().map(|f| f.code.as_str()).collect()
}

/// `path:line:column` of a finding.
fn location(analysis: &Analysis, finding: &Finding) -> Option<String> {
    let location = analysis.sources.locate(finding.span?)?;
    Some(format!(
        "{}:{}:{}",
        location.path, location.line, location.column
    ))
}

/// The 1-based line where `needle` starts in a fixture.
fn line_of(path: &str, needle: &str) -> usize {
    let text = String::from_utf8(upstream_bytes(path)).unwrap_or_default();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {path}"));
    text[..at].matches('\n').count() + 1
}

fn gate<'a>(analysis: &'a Analysis, into: State, id: &str) -> &'a istio2asm_core::phase::Gate {
    analysis
        .gates
        .iter()
        .find(|g| g.into == into && g.id.as_str() == id)
        .unwrap_or_else(|| panic!("no gate {id} into {into:?}"))
}

/// Every fixture file, relative to [`upstream`], without the notes (LICENSE, SOURCES.md).
fn fixture_files() -> Vec<String> {
    let root = upstream();
    let mut files: Vec<String> = files_under(&root)
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p != "LICENSE" && !p.ends_with(".md"))
        .collect();
    files.sort();
    files
}

/// `apiVersion/kind` of every document an independent YAML parser finds in a file, Lists expanded.
fn kinds_by_serde_yaml(path: &str) -> BTreeMap<String, usize> {
    use serde::Deserialize;
    let text = String::from_utf8(upstream_bytes(path)).unwrap_or_default();
    let mut kinds = BTreeMap::new();
    for document in serde_yaml::Deserializer::from_str(&text) {
        let value = serde_yaml::Value::deserialize(document)
            .unwrap_or_else(|e| panic!("{path} does not parse with serde_yaml: {e}"));
        let field = |v: &serde_yaml::Value, key: &str| {
            v.get(key)
                .and_then(|k| k.as_str())
                .unwrap_or("")
                .to_string()
        };
        let items = match value.get("items").and_then(|i| i.as_sequence()) {
            Some(items) if field(&value, "kind").ends_with("List") => items.clone(),
            _ => vec![value],
        };
        for item in items.iter().filter(|i| !i.is_null()) {
            let key = format!("{}/{}", field(item, "apiVersion"), field(item, "kind"));
            *kinds.entry(key).or_default() += 1;
        }
    }
    kinds
}

#[test]
fn every_fixture_loads_every_object() {
    // Files that are inputs to Istio's tools rather than cluster objects, and Istio's in-memory
    // translations whose names no Kubernetes object can carry: (file, code, how many).
    let refused: &[(&str, Code, usize)] = &[
        // IstioOperator inputs to `istioctl manifest generate` carry no metadata.name.
        ("install/default-istiod/input.iop.yaml", Code::Mig002, 1),
        ("install/ingress-egress/input.iop.yaml", Code::Mig002, 1),
        (
            "install/ingress-egress/ingressgateway_k8s_settings.input.iop.yaml",
            Code::Mig002,
            1,
        ),
        // Helm values files and an IstioOperator fragment are not objects at all.
        (
            "install/multinetwork/helm-gateway-network-gateway-default.input.yaml",
            Code::Mig002,
            1,
        ),
        (
            "install/multinetwork/helm-gateway-network-gateway-port-override.input.yaml",
            Code::Mig002,
            1,
        ),
        (
            "samples/egress-gateway/egress-gateway-iop-snippet.yaml",
            Code::Mig002,
            1,
        ),
        // The rendered gateway test data opens with a Gateway stub that has no name.
        (
            "install/multinetwork/gatewayapi-deployment-istio-east-west.yaml",
            Code::Mig002,
            1,
        ),
        (
            "install/multinetwork/gatewayapi-deployment-multinetwork.yaml",
            Code::Mig002,
            1,
        ),
        // istiod's translation of Gateway API objects names them with `~`.
        (
            "install/multinetwork/gatewayapi-eastwest.golden.yaml",
            Code::Mig006,
            5,
        ),
        // A Go template: `istiod-vs-{{.Revision}}` is not a name.
        (
            "samples/multicluster/expose-istiod-rev.yaml.tmpl",
            Code::Mig006,
            1,
        ),
    ];
    let files = fixture_files();
    assert!(files.len() >= 45, "fixtures missing: {files:?}");
    for file in &files {
        let analysis = analyze_files(&[file]);
        let load_codes: Vec<(Code, Option<String>)> = analysis
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.code,
                    Code::Mig001 | Code::Mig002 | Code::Mig003 | Code::Mig005 | Code::Mig006
                )
            })
            .map(|f| (f.code, location(&analysis, f)))
            .collect();
        let expected: Vec<(Code, usize)> = refused
            .iter()
            .filter(|(f, _, _)| f == file)
            .map(|(_, code, n)| (*code, *n))
            .collect();
        match expected.as_slice() {
            [] => {
                assert!(load_codes.is_empty(), "{file}: {load_codes:?}");
                assert_eq!(
                    analysis.bundle.kinds,
                    kinds_by_serde_yaml(file),
                    "{file}: every document is counted under its apiVersion/kind"
                );
            }
            [(code, n)] => {
                assert_eq!(load_codes.len(), *n, "{file}: {load_codes:?}");
                assert!(
                    load_codes.iter().all(|(c, at)| c == code && at.is_some()),
                    "{file}: {load_codes:?}"
                );
            }
            _ => unreachable!("one row per file"),
        }
    }
    for (file, _, _) in refused {
        assert!(files.iter().any(|f| f == file), "{file} is not a fixture");
    }
}

/// A workload whose pod template was injected by `istioctl kube-inject`.
struct Template {
    file: &'static str,
    kind: WorkloadKind,
    name: &'static str,
    /// The `istio-proxy` image.
    image: &'static str,
    /// Whether `istio-proxy` is a native sidecar.
    native: bool,
    init_containers: &'static [&'static str],
    containers: &'static [&'static str],
}

const TEMPLATES: &[Template] = &[
    // Classic sidecar at release 1.24.6, with holdApplicationUntilProxyStarts: the proxy comes
    // first among the containers.
    Template {
        file: "injected/1.24.6/hello.proxyHoldsApplication.yaml.injected",
        kind: WorkloadKind::Deployment,
        name: "hello",
        image: "gcr.io/istio-testing/proxyv2:latest",
        native: false,
        init_containers: &["istio-init"],
        containers: &["istio-proxy", "hello"],
    },
    Template {
        file: "injected/hello-old-version.yaml.injected",
        kind: WorkloadKind::Deployment,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: false,
        init_containers: &["istio-init"],
        containers: &["hello", "istio-proxy"],
    },
    Template {
        file: "injected/daemonset-old-version.yaml.injected",
        kind: WorkloadKind::DaemonSet,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: false,
        init_containers: &["istio-init"],
        containers: &["hello", "istio-proxy"],
    },
    Template {
        file: "injected/statefulset-old-version.yaml.injected",
        kind: WorkloadKind::StatefulSet,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: false,
        init_containers: &["istio-init"],
        containers: &["hello", "istio-proxy"],
    },
    // Native sidecars, the default at Istio's HEAD: an init container with restartPolicy Always.
    Template {
        file: "injected/hello.yaml.injected",
        kind: WorkloadKind::Deployment,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: true,
        init_containers: &["istio-init", "istio-proxy"],
        containers: &["hello"],
    },
    Template {
        file: "injected/hello-probes-proxyHoldApplication-ProxyConfig.yaml.injected",
        kind: WorkloadKind::Deployment,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: true,
        init_containers: &["istio-init", "istio-proxy"],
        containers: &["hello", "world"],
    },
    Template {
        file: "injected/statefulset.yaml.injected",
        kind: WorkloadKind::StatefulSet,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: true,
        init_containers: &["istio-init", "istio-proxy"],
        containers: &["hello"],
    },
    Template {
        file: "injected/traffic-annotations.yaml.injected",
        kind: WorkloadKind::Deployment,
        name: "traffic",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: true,
        init_containers: &["istio-init", "istio-proxy"],
        containers: &["traffic"],
    },
    // istio-cni: istio-validation replaces istio-init.
    Template {
        file: "injected/hello.yaml.cni.injected",
        kind: WorkloadKind::Deployment,
        name: "hello",
        image: "registry.istio.io/testing/proxyv2:latest",
        native: true,
        init_containers: &["istio-validation", "istio-proxy"],
        containers: &["hello"],
    },
];

#[test]
fn injected_templates_carry_istios_sidecar() {
    for case in TEMPLATES {
        let analysis = analyze_files(&[case.file]);
        let file = case.file;
        let [workload] = analysis.bundle.workloads.as_slice() else {
            panic!("{file}: {:?}", analysis.bundle.kinds);
        };
        assert_eq!(
            (workload.body.kind, workload.name()),
            (case.kind, case.name),
            "{file}"
        );
        let spec = &workload.body.template.spec;
        let names = |list: &[istio2asm_core::model::Container]| -> Vec<String> {
            list.iter().map(|c| c.name.clone()).collect()
        };
        assert_eq!(names(&spec.init_containers), case.init_containers, "{file}");
        assert_eq!(names(&spec.containers), case.containers, "{file}");
        let (proxy, native) = spec
            .proxy()
            .unwrap_or_else(|| panic!("{file}: no istio-proxy"));
        assert_eq!(
            (proxy.image.as_str(), native),
            (case.image, case.native),
            "{file}"
        );
        assert_eq!(proxy.args[..2], ["proxy", "sidecar"], "{file}");
        let (flavor, evidence) = classify_proxy(proxy);
        assert_eq!(flavor, Flavor::Istio, "{file}: {evidence:?}");
        assert!(
            !evidence.is_empty(),
            "{file}: a classification shows its evidence"
        );
        assert!(
            workload
                .body
                .template
                .annotations
                .contains_key("sidecar.istio.io/status"),
            "{file}"
        );
        // Sidecars are found on pods (SPEC §4 "Sidecar pods"): a template is what pods will
        // run, and these files hold no pod, so no proxy is counted and no gateway either.
        assert!(analysis.facts.proxies.is_empty(), "{file}");
        assert!(analysis.facts.gateways.is_empty(), "{file}");
    }
}

#[test]
fn cni_template_keeps_the_network_env() {
    let analysis = analyze_files(&["injected/hello.yaml.cni.injected"]);
    let spec = &analysis.bundle.workloads[0].body.template.spec;
    let (proxy, _) = spec.proxy().unwrap_or_else(|| panic!("no istio-proxy"));
    assert_eq!(proxy.env("ISTIO_META_NETWORK"), Some("network1"));
    assert_eq!(proxy.env("PROXY_CONFIG_XDS_AGENT"), None);
    // Variables the tool does not read are dropped on load, names and values.
    assert!(!proxy.has_env("PROXY_CONFIG"));
    assert!(proxy
        .env
        .iter()
        .all(|e| istio2asm_core::model::KEPT_ENV.contains(&e.name.as_str())));
}

/// A pod file and the proxies expected in it: (pod, native, tag).
struct Pods {
    file: &'static str,
    pods: usize,
    proxies: &'static [(&'static str, bool, &'static str)],
    flavor: Flavor,
}

const PODS: &[Pods] = &[
    // Native sidecar opted into by annotation; `other-sidecar`, also an init container with
    // restartPolicy Always, is not the proxy.
    Pods {
        file: "injected/native-sidecar-opt-in.yaml.injected",
        pods: 1,
        proxies: &[("hello", true, "latest")],
        flavor: Flavor::Istio,
    },
    Pods {
        file: "injected/pod-old-version.yaml.injected",
        pods: 1,
        proxies: &[("hellopod", false, "latest")],
        flavor: Flavor::Istio,
    },
    Pods {
        file: "analyzers/injection.yaml",
        pods: 7,
        proxies: &[("injectedpod", false, "1.3.0-rc.2")],
        flavor: Flavor::Istio,
    },
    // The two `-native` pods list istio-proxy among initContainers without restartPolicy
    // Always: an ordinary init container, not a sidecar.
    Pods {
        file: "analyzers/injection-with-mismatched-sidecar.yaml",
        pods: 12,
        proxies: &[
            ("details-v1-pod-old", false, "1.3.0"),
            ("details-v1-pod-new", false, "1.3.1"),
            ("details-v1-pod-old-pre", false, "1.3.0-prerelease"),
            ("details-v1-pod-old-pre-2", false, "1.3.0-prerelease"),
            ("details-v1-pod-old-pre-3", false, "1.3.0-prerelease"),
            (
                "details-v1-pod-overwritten-sidecar",
                false,
                "1.3.0-prerelease",
            ),
            ("details-v2-pod-old", false, "1.3.0"),
            ("revision-details-v1-pod-old", false, "1.3.0"),
            ("revision-details-v1-pod-new", false, "1.3.1"),
            (
                "revision-details-v1-pod-overwritten-sidecar",
                false,
                "1.3.0-prerelease",
            ),
        ],
        flavor: Flavor::Istio,
    },
    // `image: auto` means the injector never ran: not a proxy image anyone can classify.
    Pods {
        file: "analyzers/image-auto.yaml",
        pods: 2,
        proxies: &[("injected-pod", false, "")],
        flavor: Flavor::Unknown,
    },
];

#[test]
fn sidecar_pods_are_found_with_their_kind_and_owner() {
    for case in PODS {
        let file = case.file;
        let analysis = analyze_files(&[file]);
        let bundle = &analysis.bundle;
        assert_eq!(bundle.pods.len(), case.pods, "{file}");
        let found: Vec<(&str, bool, &str)> = analysis
            .facts
            .proxies
            .iter()
            .map(|p| (bundle.pods[p.pod].name(), p.native, p.tag.as_str()))
            .collect();
        assert_eq!(found, case.proxies, "{file}");
        for proxy in &analysis.facts.proxies {
            let pod = &bundle.pods[proxy.pod];
            assert_eq!(proxy.role, Role::Sidecar, "{file}");
            assert_eq!(proxy.flavor, case.flavor, "{file}: {:?}", proxy.evidence);
            assert!(!proxy.xds_agent, "{file}");
            // None of these pods has an ownerReference.
            assert_eq!(
                (&proxy.owner.kind, proxy.owner.name.as_str()),
                (&OwnerKind::Bare, pod.name()),
                "{file}"
            );
        }
        // Without the migration resource the state is Init: the remaining sidecars are progress
        // information, and each bare pod needs its own restart method.
        let remaining = of(&analysis, Code::Mig601);
        let manual = of(&analysis, Code::Mig403);
        if case.flavor == Flavor::Istio {
            assert_eq!(remaining.len(), 1, "{file}");
            assert_eq!(remaining[0].severity, Severity::Info, "{file}");
            assert_eq!(manual.len(), case.proxies.len(), "{file}");
        } else {
            assert!(remaining.is_empty() && manual.is_empty(), "{file}");
        }
        // MIG402 belongs to the gate after next: information only in Init.
        assert!(
            of(&analysis, Code::Mig402)
                .iter()
                .all(|f| f.severity == Severity::Info),
            "{file}: not the next gate"
        );
    }
}

#[test]
fn a_bare_sidecar_pod_without_the_xds_agent_blocks_the_switch_to_migrating() {
    // SPEC §5.2: the gate is that *every* Istio sidecar pod has PROXY_CONFIG_XDS_AGENT; bare pods
    // get their own restart method (MIG403), and still block the switch until restarted.
    for file in [
        "injected/pod-old-version.yaml.injected",
        "injected/native-sidecar-opt-in.yaml.injected",
    ] {
        let cr = settled_cr("SetupIstioForMigrate");
        let analysis = analyze_with(&[file], &[("asm-migrate.yaml", &cr)]);
        assert_eq!(analysis.migration.state, State::SetupIstioForMigrate);
        let manual = of(&analysis, Code::Mig403);
        assert_eq!(manual.len(), 1, "{file}");
        assert_eq!(manual[0].gate, Some(State::Migrating), "{file}");
        let sidecars = gate(&analysis, State::Migrating, "sidecars-xds-agent");
        assert!(!sidecars.verdict.passed(), "{file}");
        assert!(
            sidecars.verdict.blocks(),
            "{file}: a bare Istio sidecar pod lacking PROXY_CONFIG_XDS_AGENT must block the gate: {}",
            sidecars.detail
        );
    }
}

#[test]
fn revisioned_workloads_name_their_revision() {
    let file = "injected/revisioned/multiple-istio-versions.yaml";
    let analysis = analyze_files(&[file]);
    let revisions: Vec<(&str, Option<&str>, Flavor)> = analysis
        .bundle
        .workloads
        .iter()
        .map(|w| {
            let template = &w.body.template;
            let (proxy, _) = template
                .spec
                .proxy()
                .unwrap_or_else(|| panic!("{file}: no istio-proxy in {}", w.name()));
            (
                w.name(),
                template.labels.get("istio.io/rev").map(String::as_str),
                classify_proxy(proxy).0,
            )
        })
        .collect();
    // `image: auto` is filled in by the injector of the named revision.
    assert_eq!(
        revisions,
        [
            ("foo-bar-rev-a", Some("rev-a"), Flavor::Unknown),
            ("foo-bar-rev-b", Some("rev-b"), Flavor::Unknown),
        ]
    );
    assert!(analysis.facts.proxies.is_empty());
}

/// A gateway Deployment and what is expected of it.
struct GatewayCase {
    file: &'static str,
    /// (namespace, Deployment, kind, `istio` label, Services selecting it).
    gateways: &'static [(
        &'static str,
        &'static str,
        GatewayKind,
        &'static [&'static str],
    )],
}

const GATEWAYS: &[GatewayCase] = &[
    // The gateway injection template (`inject.istio.io/templates: gateway`, `proxy router`).
    GatewayCase {
        file: "injected/gateway.yaml.injected",
        gateways: &[("", "istio-ingressgateway", GatewayKind::Ingress, &[])],
    },
    // istioctl's golden: both Services select both Deployments (same labels).
    GatewayCase {
        file: "install/ingress-egress/ingressgateway_k8s_settings.golden.yaml",
        gateways: &[
            (
                "istio-system",
                "istio-ingressgateway",
                GatewayKind::Ingress,
                &["istio-ingressgateway", "istio-ingressgateway-custom"],
            ),
            (
                "istio-system",
                "istio-ingressgateway-custom",
                GatewayKind::Ingress,
                &["istio-ingressgateway", "istio-ingressgateway-custom"],
            ),
        ],
    },
    // The Helm `gateway` chart: `image: auto`, found by its injection template.
    GatewayCase {
        file: "install/multinetwork/helm-gateway-deployment.golden.yaml",
        gateways: &[("istio-ingress", "istio-ingress", GatewayKind::Ingress, &[])],
    },
    // A Gateway API gateway (class istio) on network-1: a gateway, not an east-west one.
    GatewayCase {
        file: "install/multinetwork/gatewayapi-deployment-multinetwork.yaml",
        gateways: &[("default", "default", GatewayKind::Ingress, &["default"])],
    },
    // istioctl analyze's test: a gateway Deployment whose image was never injected.
    GatewayCase {
        file: "analyzers/image-auto.yaml",
        gateways: &[(
            "not-injected",
            "non-injected-gateway-deployment",
            GatewayKind::Ingress,
            &[],
        )],
    },
];

#[test]
fn gateway_deployments_are_found_without_their_pods() {
    for case in GATEWAYS {
        let file = case.file;
        let analysis = analyze_files(&[file]);
        let found: Vec<(&str, &str, GatewayKind, Vec<&str>)> = analysis
            .facts
            .gateways
            .iter()
            .map(|g| {
                (
                    g.owner.namespace.as_str(),
                    g.owner.name.as_str(),
                    g.kind,
                    g.services.iter().map(|(name, _)| name.as_str()).collect(),
                )
            })
            .collect();
        let expected: Vec<(&str, &str, GatewayKind, Vec<&str>)> = case
            .gateways
            .iter()
            .map(|(ns, name, kind, services)| (*ns, *name, *kind, services.to_vec()))
            .collect();
        assert_eq!(found, expected, "{file}");
        for gateway in &analysis.facts.gateways {
            assert_eq!(
                gateway.owner.kind,
                OwnerKind::Workload(WorkloadKind::Deployment),
                "{file}"
            );
            assert_eq!(gateway.object.kind, "Deployment", "{file}");
            assert!(gateway.pods.is_empty() && !gateway.asm, "{file}");
        }
        assert!(analysis.facts.east_west.is_empty(), "{file}");
        assert!(
            analysis
                .facts
                .proxies
                .iter()
                .all(|p| p.role == Role::Sidecar),
            "{file}"
        );
        let ingress = of(&analysis, Code::Mig506);
        assert_eq!(ingress.len(), case.gateways.len(), "{file}");
        assert!(
            ingress.iter().all(|f| f.severity == Severity::Info),
            "{file}"
        );
    }
}

#[test]
fn ingress_gateway_golden_reads_labels_and_ports() {
    let analysis =
        analyze_files(&["install/ingress-egress/ingressgateway_k8s_settings.golden.yaml"]);
    let gateway = &analysis.facts.gateways[0];
    assert_eq!(gateway.istio_label.as_deref(), Some("ingressgateway"));
    assert_eq!(
        gateway.services[0],
        (
            "istio-ingressgateway".to_string(),
            vec![80, 443, 8080, 8443, 15021]
        )
    );
    let template = &analysis.bundle.workloads[0].body.template;
    let (proxy, native) = template.spec.proxy().unwrap_or_else(|| panic!("no proxy"));
    assert!(!native);
    assert_eq!(proxy.args[..2], ["proxy", "router"]);
    assert_eq!(classify_proxy(proxy).0, Flavor::Istio);
}

/// East-west evidence in one file: style, object (kind, name) and network.
struct EastWestCase {
    file: &'static str,
    style: EastWestStyle,
    object: (&'static str, &'static str),
    network: Option<&'static str>,
}

const EAST_WEST: &[EastWestCase] = &[
    // `samples/multicluster/gen-eastwest-gateway.sh --network network1`, run unmodified.
    EastWestCase {
        file: "samples/multicluster/eastwest-gateway.network1.generated.iop.yaml",
        style: EastWestStyle::Operator,
        object: ("IstioOperator", "eastwest"),
        network: Some("network1"),
    },
    EastWestCase {
        file: "samples/multicluster/eastwest-gateway.network1.canary.generated.iop.yaml",
        style: EastWestStyle::Operator,
        object: ("IstioOperator", "eastwest"),
        network: Some("network1"),
    },
    // The Helm `gateway` chart with `networkGateway: network-1` (release istio-eastwest).
    EastWestCase {
        file: "install/multinetwork/helm-gateway-network-gateway-default.golden.yaml",
        style: EastWestStyle::Helm,
        object: ("Service", "istio-eastwest"),
        network: Some("network-1"),
    },
    // The same with the tls port moved to 443: 15443 is only the targetPort.
    EastWestCase {
        file: "install/multinetwork/helm-gateway-network-gateway-port-override.golden.yaml",
        style: EastWestStyle::Helm,
        object: ("Service", "istio-eastwest"),
        network: Some("network-1"),
    },
    // Gateway API: a `cross-network` listener on 15443.
    EastWestCase {
        file: "install/multinetwork/gatewayapi-eastwest.input.yaml",
        style: EastWestStyle::GatewayApi,
        object: ("Gateway", "eastwestgateway"),
        network: Some("network-1"),
    },
    // Gateway API, ambient: class istio-east-west (`gen-eastwest-gateway.sh --ambient`).
    EastWestCase {
        file: "samples/multicluster/eastwest-gateway.network1.ambient.generated.yaml",
        style: EastWestStyle::GatewayApi,
        object: ("Gateway", "istio-eastwestgateway"),
        network: Some("network1"),
    },
    // The Istio Gateway exposing services: AUTO_PASSTHROUGH on 15443; it names no network.
    EastWestCase {
        file: "samples/multicluster/expose-services.yaml",
        style: EastWestStyle::IstioGateway,
        object: ("Gateway", "cross-network-gateway"),
        network: None,
    },
];

#[test]
fn east_west_gateways_in_every_install_style() {
    for case in EAST_WEST {
        let file = case.file;
        let analysis = analyze_files(&[file]);
        let facts = &analysis.facts;
        let [east_west] = facts.east_west.as_slice() else {
            panic!("{file}: {:?}", facts.east_west);
        };
        assert_eq!(east_west.style, case.style, "{file}");
        assert_eq!(
            (
                east_west.object.kind.as_str(),
                east_west.object.name.as_str()
            ),
            case.object,
            "{file}"
        );
        assert_eq!(east_west.network.as_deref(), case.network, "{file}");
        let networks: Vec<&str> = facts.networks.iter().map(String::as_str).collect();
        assert_eq!(
            networks,
            case.network.into_iter().collect::<Vec<_>>(),
            "{file}"
        );
        let line = analysis.sources.locate(east_west.span).map(|l| l.line);
        assert_eq!(line, Some(1), "{file}: the object opens the file");

        // Without the migration resource, disableIstioSystemLabelReconciliation is not true: the
        // switch to SetupIstioForMigrate is blocked.
        let reconciliation = of(&analysis, Code::Mig301);
        assert_eq!(reconciliation.len(), 1, "{file}");
        assert_eq!(reconciliation[0].severity, Severity::Error, "{file}");
        assert_eq!(
            reconciliation[0].object.as_ref().map(|o| o.name.as_str()),
            Some(case.object.1),
            "{file}"
        );
        let label_gate = gate(
            &analysis,
            State::SetupIstioForMigrate,
            "eastwest-label-reconciliation",
        );
        assert!(
            !label_gate.verdict.passed() && label_gate.verdict.blocks(),
            "{file}"
        );
        // The network plan names the network, or says none was found.
        let plan = of(&analysis, Code::Mig303);
        assert_eq!(plan.len(), 1, "{file}");
        match case.network {
            Some(network) => assert!(
                plan[0].message.contains(network),
                "{file}: {}",
                plan[0].message
            ),
            None => assert!(
                plan[0].message.contains("no network name"),
                "{file}: {}",
                plan[0].message
            ),
        }
        // No namespace istio-system in these files, so nothing about its injection label.
        assert!(of(&analysis, Code::Mig302).is_empty(), "{file}");
    }
}

#[test]
fn east_west_with_the_option_set_passes_its_gate() {
    let cr = "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: Init\n  retryCounter: 0\n  advancedOptions:\n    disableIstioSystemLabelReconciliation: true\nstatus:\n  message: \"\"\n  retryCounter: 0\n  state: Init\n";
    let analysis = analyze_with(
        &["samples/multicluster/eastwest-gateway.network1.generated.iop.yaml"],
        &[("asm-migrate.yaml", cr)],
    );
    assert!(analysis.facts.has_east_west());
    assert!(of(&analysis, Code::Mig301).is_empty());
    assert!(gate(
        &analysis,
        State::SetupIstioForMigrate,
        "eastwest-label-reconciliation"
    )
    .verdict
    .passed());
}

#[test]
fn look_alikes_are_not_east_west_gateways() {
    for file in [
        // Passthrough to istiod on 15012/15017, not AUTO_PASSTHROUGH on 15443.
        "samples/multicluster/expose-istiod.yaml",
        "samples/multicluster/expose-istiod-https.yaml",
        // The egress gateway's PASSTHROUGH server on 443.
        "samples/egress-gateway/egress-gateway-https-passthrough.istio-api.v1.yaml",
        "install/ingress-egress/ingressgateway_k8s_settings.golden.yaml",
        "install/ingress-egress/flag_values_enable_egressgateway.golden.yaml",
        "install/default-istiod/pilot_default.golden.yaml",
        "injected/gateway.yaml.injected",
    ] {
        let analysis = analyze_files(&[file]);
        assert!(
            analysis.facts.east_west.is_empty(),
            "{file}: {:?}",
            analysis.facts.east_west
        );
        let found = codes(&analysis);
        assert!(
            !found.contains("MIG301") && !found.contains("MIG303"),
            "{file}: {found:?}"
        );
    }
}

#[test]
fn istiod_install_golden_is_istio_1_1_4() {
    let file = "install/default-istiod/pilot_default.golden.yaml";
    let analysis = analyze_files(&[file]);
    let [plane] = analysis.facts.control_planes.as_slice() else {
        panic!("{:?}", analysis.facts.control_planes);
    };
    assert_eq!(plane.revision, "default");
    assert_eq!(plane.version.raw, "1.1.4");
    assert_eq!(plane.version.number, Some(semver::Version::new(1, 1, 4)));
    let deployment = plane
        .deployment
        .as_ref()
        .map(|d| (d.kind.as_str(), d.namespace.as_deref(), d.name.as_str()));
    assert_eq!(
        deployment,
        Some(("Deployment", Some("istio-system"), "istiod"))
    );
    // istiod's image decides; the injector's values back it. (The webhooks' chart label, a
    // placeholder 1.0.0 in Istio's goldens, may be listed as evidence too.)
    let evidence: Vec<&str> = plane.evidence.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        evidence[..2],
        [
            "istiod image registry.istio.io/release/pilot:1.1.4",
            "ConfigMap istio-sidecar-injector values global.tag 1.1.4",
        ]
    );
    // Older than 1.10: the switch to SetupIstioForMigrate is blocked, at istiod's Deployment.
    let too_old = of(&analysis, Code::Mig202);
    assert_eq!(too_old.len(), 1);
    assert_eq!(too_old[0].severity, Severity::Error);
    let deployment_line = line_of(file, "apiVersion: apps/v1\nkind: Deployment\n");
    assert_eq!(
        location(&analysis, too_old[0]),
        Some(format!("{file}:{deployment_line}:1"))
    );
    let version_gate = gate(&analysis, State::SetupIstioForMigrate, "istio-version");
    assert!(!version_gate.verdict.passed() && version_gate.verdict.blocks());
    assert!(of(&analysis, Code::Mig205).is_empty());
    assert!(of(&analysis, Code::Mig204).is_empty());
    // The mesh config has no proxyMetadata yet, and the control plane's remains are listed.
    let [mesh] = analysis.facts.mesh_configs.as_slice() else {
        panic!("{:?}", analysis.facts.mesh_configs);
    };
    assert_eq!(
        (mesh.object.name.as_str(), mesh.revision.as_str()),
        ("istio", "default")
    );
    assert!(!mesh.has_xds_agent() && mesh.error.is_none());
    let remains = of(&analysis, Code::Mig603);
    assert_eq!(remains.len(), 1);
    for name in [
        "istiod",
        "istio-validator-istio-system",
        "istio-sidecar-injector",
    ] {
        assert!(remains[0].message.contains(name), "{}", remains[0].message);
    }
}

#[test]
fn injector_values_stand_in_for_istiod() {
    for (file, revision) in [
        (
            "analyzers/common/sidecar-injector-configmap.yaml",
            "default",
        ),
        (
            "analyzers/sidecar-injector-configmap-with-revision-canary.yaml",
            "canary",
        ),
    ] {
        let analysis = analyze_files(&[file]);
        let planes: Vec<(&str, &str, bool)> = analysis
            .facts
            .control_planes
            .iter()
            .map(|p| {
                (
                    p.revision.as_str(),
                    p.version.raw.as_str(),
                    p.deployment.is_some(),
                )
            })
            .collect();
        assert_eq!(planes, [(revision, "1.3.1", false)], "{file}");
        let too_old = of(&analysis, Code::Mig202);
        assert_eq!(too_old.len(), 1, "{file}");
        assert_eq!(too_old[0].severity, Severity::Error, "{file}");
        assert!(of(&analysis, Code::Mig205).is_empty(), "{file}");
    }
}

#[test]
fn two_control_planes_are_multiple_revisions() {
    let analysis = analyze_files(&[
        "install/default-istiod/pilot_default.golden.yaml",
        "analyzers/sidecar-injector-configmap-with-revision-canary.yaml",
    ]);
    let planes: Vec<(&str, &str)> = analysis
        .facts
        .control_planes
        .iter()
        .map(|p| (p.revision.as_str(), p.version.raw.as_str()))
        .collect();
    assert_eq!(planes, [("canary", "1.3.1"), ("default", "1.1.4")]);
    let versions: Vec<&str> = analysis
        .facts
        .istio_versions()
        .iter()
        .map(|v| v.raw.as_str())
        .collect();
    assert_eq!(versions, ["1.1.4", "1.3.1"]);
    assert_eq!(
        analysis.facts.lowest_istio().map(|v| v.raw.as_str()),
        Some("1.1.4")
    );
    let multiple = of(&analysis, Code::Mig204);
    assert_eq!(multiple.len(), 1);
    assert_eq!(multiple[0].severity, Severity::Warning);
    assert!(
        multiple[0].message.contains("canary (1.3.1)")
            && multiple[0].message.contains("default (1.1.4)"),
        "{}",
        multiple[0].message
    );
    assert_eq!(of(&analysis, Code::Mig202).len(), 2);
}

#[test]
fn injector_webhooks_name_revision_and_version() {
    // (file, webhook, service it calls, istio.io/rev, operator.istio.io/version, MAJOR.MINOR).
    for (file, name, service, revision, version, minor) in [
        (
            "install/webhooks/check-inject-default-injector.yaml",
            "istio-sidecar-injector",
            "istiod",
            "default",
            "1.14.0",
            (1, 14),
        ),
        (
            "install/webhooks/check-inject-rev-16-injector.yaml",
            "istio-sidecar-injector-1-16",
            "istiod-1-16",
            "1-16",
            "1.16-alpha.91e471de3e8fc93ebb545cedf396ddbd550b996c",
            (1, 16),
        ),
    ] {
        let analysis = analyze_files(&[file]);
        let [hook] = analysis.bundle.webhooks.as_slice() else {
            panic!("{file}: {:?}", analysis.bundle.kinds);
        };
        assert_eq!(hook.kind, "MutatingWebhookConfiguration", "{file}");
        assert_eq!(hook.name(), name, "{file}");
        assert!(!hook.body.webhooks.is_empty(), "{file}");
        assert!(
            hook.body
                .services()
                .all(|(ns, svc)| ns == "istio-system" && svc == service),
            "{file}: {:?}",
            hook.body.services().collect::<Vec<_>>()
        );
        // SPEC §4: revisions from `istio.io/rev`, the version backed by
        // `operator.istio.io/version`; with only the webhook exported, it stands in for istiod.
        let [plane] = analysis.facts.control_planes.as_slice() else {
            panic!("{file}: {:?}", analysis.facts.control_planes);
        };
        assert_eq!(plane.revision, revision, "{file}");
        assert_eq!(plane.version.raw, version, "{file}");
        assert_eq!(plane.version.minor(), Some(minor), "{file}");
        assert!(plane.deployment.is_none(), "{file}");
        assert_eq!(
            plane.evidence[0].object.as_ref().map(|o| o.name.as_str()),
            Some(name),
            "{file}"
        );
        assert!(of(&analysis, Code::Mig205).is_empty(), "{file}");
        assert!(
            of(&analysis, Code::Mig202).is_empty(),
            "{file}: {version} is not below 1.10"
        );
        // The injector is part of Istio's control plane: it must be gone before Finished.
        let remains = of(&analysis, Code::Mig603);
        assert_eq!(remains.len(), 1, "{file}");
        assert!(remains[0].message.contains(name), "{file}");
    }
}

/// The egress gateway task (istio.io): (file, apiVersion, protocol, port).
const EGRESS: &[(&str, &str, &str, i64)] = &[
    (
        "samples/egress-gateway/egress-gateway-http.istio-api.v1.yaml",
        "networking.istio.io/v1",
        "http",
        80,
    ),
    (
        "samples/egress-gateway/egress-gateway-http.istio-api.v1alpha3.yaml",
        "networking.istio.io/v1alpha3",
        "http",
        80,
    ),
    (
        "samples/egress-gateway/egress-gateway-https-passthrough.istio-api.v1.yaml",
        "networking.istio.io/v1",
        "tls",
        443,
    ),
];

#[test]
fn egress_routes_keep_their_subset() {
    for &(file, api_version, protocol, port) in EGRESS {
        let analysis = analyze_files(&[file]);
        let bundle = &analysis.bundle;
        let kinds: Vec<(&str, &str)> = bundle
            .istio
            .iter()
            .map(|o| (o.api_version.as_str(), o.kind.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (api_version, "ServiceEntry"),
                (api_version, "Gateway"),
                (api_version, "DestinationRule"),
                (api_version, "VirtualService"),
            ],
            "{file}"
        );
        // Only the mesh route goes to the egress gateway; the route bound to the gateway goes to
        // edition.cnn.com.
        let [route] = analysis.facts.egress_routes.as_slice() else {
            panic!("{file}: {:?}", analysis.facts.egress_routes);
        };
        assert_eq!(
            bundle.istio[route.virtual_service].name(),
            "direct-cnn-through-egress-gateway",
            "{file}"
        );
        assert_eq!(
            (route.protocol.as_str(), route.index, route.host.as_str()),
            (
                protocol,
                0,
                "istio-egressgateway.istio-system.svc.cluster.local"
            ),
            "{file}"
        );
        assert_eq!(route.subset.as_deref(), Some("cnn"), "{file}");
        assert_eq!(route.port, Some(port), "{file}");
        let to_migrate = of(&analysis, Code::Mig504);
        assert_eq!(to_migrate.len(), 1, "{file}");
        assert_eq!(to_migrate[0].severity, Severity::Info, "{file}");
        let vs_line = line_of(file, "kind: VirtualService") - 1;
        assert_eq!(
            location(&analysis, to_migrate[0]),
            Some(format!("{file}:{vs_line}:1"))
        );
        let import = of(&analysis, Code::Mig507);
        assert_eq!(import.len(), 1, "{file}");
        assert!(
            import[0].message.starts_with("4 Istio API objects"),
            "{file}"
        );
        assert!(
            of(&analysis, Code::Mig505).is_empty(),
            "{file}: weights sum to 100"
        );
    }
}

#[test]
fn egress_gateway_service_with_the_task() {
    // The egress gateway's Service from istioctl's golden, with the task's routes.
    let analysis = analyze_files(&[
        "install/ingress-egress/flag_values_enable_egressgateway.golden.yaml",
        "samples/egress-gateway/egress-gateway-http.istio-api.v1.yaml",
    ]);
    assert!(analysis
        .facts
        .egress_hosts
        .contains("istio-egressgateway.istio-system.svc.cluster.local"));
    assert_eq!(analysis.facts.egress_routes.len(), 1);
    assert_eq!(analysis.bundle.services[0].name(), "istio-egressgateway");
}

#[test]
fn injection_labels_on_namespaces() {
    let analysis = analyze_files(&["analyzers/injection.yaml"]);
    // SPEC §4: a namespace must not carry both istio-injection and istio.io/rev, whatever the
    // value of istio-injection.
    let mut conflicting: Vec<&str> = of(&analysis, Code::Mig502)
        .iter()
        .filter_map(|f| f.object.as_ref())
        .filter(|o| o.kind == "Namespace")
        .map(|o| o.name.as_str())
        .collect();
    conflicting.sort_unstable();
    assert_eq!(conflicting, ["busted", "multi-ns-1", "not-conflict-ns-2"]);
}
