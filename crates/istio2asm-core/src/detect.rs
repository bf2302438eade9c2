//! What the export contains: versions, control planes, proxies and their owners, gateways,
//! east-west installs, networks, mesh configs and egress routes. Every classification keeps the
//! evidence it was made on, so a user can see why a pod counts as Istio's or ASM's.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeSeed;

use crate::finding::ObjectRef;
use crate::model::{Bundle, Container, Object, PodSpec, WorkloadKind};
use crate::node::{Node, NodeSeed};
use crate::source::Span;

/// A version as found, and its numeric `MAJOR.MINOR.PATCH` when it has one.
///
/// Vendor builds such as `v1.22.3-aliyun.1` or `1.20.11-aliyunedge.1` compare on the numbers only:
/// the suffix is a build of that release, not a SemVer pre-release (which would sort it below
/// `1.22.3`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The text as found (`v1.28.3-aliyun.1`, `1.22.3`, `latest`).
    pub raw: String,
    /// The numbers, `None` when the text has none (`latest`, `auto`).
    pub number: Option<semver::Version>,
}

impl Version {
    /// Reads a version: an optional `v`, then `MAJOR.MINOR[.PATCH]`, then anything.
    pub fn parse(raw: &str) -> Version {
        Version {
            raw: raw.to_string(),
            number: numeric(raw),
        }
    }

    /// Whether the version is known and below `major.minor`.
    pub fn below(&self, major: u64, minor: u64) -> Option<bool> {
        self.number
            .as_ref()
            .map(|n| (n.major, n.minor) < (major, minor))
    }

    /// `MAJOR.MINOR`, when known.
    pub fn minor(&self) -> Option<(u64, u64)> {
        self.number.as_ref().map(|n| (n.major, n.minor))
    }
}

fn numeric(raw: &str) -> Option<semver::Version> {
    let text = raw.trim().trim_start_matches(['v', 'V']);
    let mut parts = [0u64; 3];
    let mut count = 0;
    for (index, part) in text.splitn(4, '.').enumerate().take(3) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            break;
        }
        parts[index] = digits.parse().ok()?;
        count += 1;
        if digits.len() != part.len() {
            break;
        }
    }
    (count >= 2).then(|| semver::Version::new(parts[0], parts[1], parts[2]))
}

/// Where a fact was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What was seen, in words (`image docker.io/istio/pilot:1.22.3`).
    pub what: String,
    /// The object it was seen on.
    pub object: Option<ObjectRef>,
    /// Where.
    pub span: Option<Span>,
}

/// One Istio control plane revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlPlane {
    /// The revision (`default` when none is set).
    pub revision: String,
    /// The version, from istiod's `discovery` image tag or, failing that, the injector values.
    pub version: Version,
    /// The istiod Deployment, when exported.
    pub deployment: Option<ObjectRef>,
    /// Where it was seen.
    pub evidence: Vec<Evidence>,
}

/// Whose proxy a pod runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flavor {
    /// Community Istio's proxy.
    Istio,
    /// ASM's proxy.
    Asm,
    /// A proxy image neither rule recognises.
    Unknown,
}

impl Flavor {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::Istio => "istio",
            Flavor::Asm => "asm",
            Flavor::Unknown => "unknown",
        }
    }
}

/// Sidecar or gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// `proxy sidecar`.
    Sidecar,
    /// `proxy router`.
    Gateway,
}

/// The top-level controller of a pod.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OwnerKind {
    /// A workload controller.
    Workload(WorkloadKind),
    /// Some other controller (an operator's custom resource).
    Other(String),
    /// No owner: a bare pod.
    Bare,
}

/// Who owns a pod, after following ReplicaSets to Deployments and Jobs to CronJobs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Owner {
    /// Namespace.
    pub namespace: String,
    /// Kind of the top-level owner.
    pub kind: OwnerKind,
    /// Its name (the pod's own name for bare pods).
    pub name: String,
}

impl Owner {
    /// `deployment/cart`, `pod/debug-shell`.
    pub fn display(&self) -> String {
        format!("{}/{}", self.resource(), self.name)
    }

    /// The kubectl resource name.
    pub fn resource(&self) -> String {
        match &self.kind {
            OwnerKind::Workload(kind) => kind.resource().to_string(),
            OwnerKind::Other(kind) => kind.to_lowercase(),
            OwnerKind::Bare => "pod".to_string(),
        }
    }
}

/// A pod that runs an Envoy proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    /// Index into [`Bundle::pods`].
    pub pod: usize,
    /// Sidecar or gateway.
    pub role: Role,
    /// Whether the proxy is a native sidecar (init container with `restartPolicy: Always`).
    pub native: bool,
    /// Istio's or ASM's.
    pub flavor: Flavor,
    /// The image tag (version) of the proxy.
    pub tag: String,
    /// Why the flavor was chosen.
    pub evidence: Vec<String>,
    /// Whether `PROXY_CONFIG_XDS_AGENT` is `"true"` on the proxy.
    pub xds_agent: bool,
    /// `ISTIO_META_NETWORK`, when set.
    pub network: Option<String>,
    /// The top-level owner.
    pub owner: Owner,
}

/// Gateway kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GatewayKind {
    /// North-south ingress.
    Ingress,
    /// Egress.
    Egress,
    /// East-west (cross-network).
    EastWest,
}

impl GatewayKind {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            GatewayKind::Ingress => "ingress",
            GatewayKind::Egress => "egress",
            GatewayKind::EastWest => "east-west",
        }
    }
}

/// An Istio gateway deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gateway {
    /// Ingress, egress or east-west.
    pub kind: GatewayKind,
    /// The owner of its pods (usually a Deployment).
    pub owner: Owner,
    /// The `istio` label value.
    pub istio_label: Option<String>,
    /// Services selecting it: (name, ports).
    pub services: Vec<(String, Vec<i64>)>,
    /// Indexes of its pods in [`Bundle::pods`].
    pub pods: Vec<usize>,
    /// The Deployment (or first pod), for findings.
    pub object: ObjectRef,
    /// Where.
    pub span: Span,
    /// Whether any pod runs ASM's proxy (an ASM gateway, not Istio's).
    pub asm: bool,
}

/// How an east-west gateway was installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EastWestStyle {
    /// `gen-eastwest-gateway.sh` / IstioOperator: `istio: eastwestgateway`, port 15443.
    Operator,
    /// Helm `gateway` chart: a Service with (target) port 15443.
    Helm,
    /// Gateway API: class `istio-east-west` or a `cross-network` listener on 15443.
    GatewayApi,
    /// An Istio `Gateway` with `AUTO_PASSTHROUGH` on 15443.
    IstioGateway,
}

/// Evidence of an east-west gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EastWest {
    /// Install style.
    pub style: EastWestStyle,
    /// The object.
    pub object: ObjectRef,
    /// Where.
    pub span: Span,
    /// The network it serves, when stated.
    pub network: Option<String>,
}

/// A parsed mesh config (`mesh` key of ConfigMap `istio[-<rev>]`).
#[derive(Debug, Clone, PartialEq)]
pub struct MeshConfig {
    /// The ConfigMap.
    pub object: ObjectRef,
    /// Where.
    pub span: Span,
    /// The revision the ConfigMap belongs to.
    pub revision: String,
    /// `defaultConfig.proxyMetadata`.
    pub proxy_metadata: BTreeMap<String, String>,
    /// `defaultConfig.terminationDrainDuration`, as written.
    pub drain_duration: Option<String>,
    /// Parse error of the `mesh` text, if any.
    pub error: Option<String>,
}

impl MeshConfig {
    /// Whether `PROXY_CONFIG_XDS_AGENT` is `"true"`.
    pub fn has_xds_agent(&self) -> bool {
        self.proxy_metadata
            .get("PROXY_CONFIG_XDS_AGENT")
            .map(String::as_str)
            == Some("true")
    }
}

/// A VirtualService route that sends mesh traffic to the Istio egress gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgressRoute {
    /// Index into [`Bundle::istio`].
    pub virtual_service: usize,
    /// `http`, `tls` or `tcp`.
    pub protocol: String,
    /// Index of the route in that list.
    pub index: usize,
    /// The egress gateway host it targets.
    pub host: String,
    /// The subset, when set.
    pub subset: Option<String>,
    /// The port, when set.
    pub port: Option<i64>,
}

/// How a namespace selects injection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Injection {
    /// `istio-injection: enabled`.
    Enabled,
    /// `istio-injection: disabled` (or `disable`, the seed's spelling, or any other value).
    Disabled(String),
    /// `istio.io/rev: <rev>`.
    Revision(String),
    /// No injection label.
    None,
}

/// An injection webhook configuration of Istio's, with the revision or tag it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injector {
    /// The MutatingWebhookConfiguration.
    pub object: ObjectRef,
    /// `istio.io/rev`.
    pub revision: Option<String>,
    /// `istio.io/tag` (revision tags).
    pub tag: Option<String>,
}

/// All facts about an export.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The Kubernetes version and where it was read.
    pub kubernetes: Option<(Version, Evidence)>,
    /// Istio control planes, by revision.
    pub control_planes: Vec<ControlPlane>,
    /// Every pod with a proxy.
    pub proxies: Vec<Proxy>,
    /// Istio gateways (and ASM ones, marked).
    pub gateways: Vec<Gateway>,
    /// East-west evidence.
    pub east_west: Vec<EastWest>,
    /// Network names: from `istio-system`'s `topology.istio.io/network` and proxies'
    /// `ISTIO_META_NETWORK`.
    pub networks: BTreeSet<String>,
    /// Mesh configs, by revision.
    pub mesh_configs: Vec<MeshConfig>,
    /// Egress routes to migrate.
    pub egress_routes: Vec<EgressRoute>,
    /// The egress gateway hosts routes are matched against.
    pub egress_hosts: BTreeSet<String>,
    /// Each namespace's injection mode (`istio-injection` wins over `istio.io/rev`, as in Istio).
    pub injection: BTreeMap<String, Injection>,
    /// Istio's injection webhooks.
    pub injectors: Vec<Injector>,
}

impl Facts {
    /// Every distinct Istio version found.
    pub fn istio_versions(&self) -> Vec<&Version> {
        let mut versions: Vec<&Version> = self.control_planes.iter().map(|c| &c.version).collect();
        versions.sort();
        versions.dedup();
        versions
    }

    /// The lowest known Istio version (the one that decides apiVersions and istioctl syntax).
    pub fn lowest_istio(&self) -> Option<&Version> {
        self.control_planes
            .iter()
            .map(|c| &c.version)
            .filter(|v| v.number.is_some())
            .min_by(|a, b| a.number.cmp(&b.number))
    }

    /// Whether the cluster has an east-west gateway.
    pub fn has_east_west(&self) -> bool {
        !self.east_west.is_empty()
    }
}

/// Derives the facts from a bundle.
pub fn detect(bundle: &Bundle) -> Facts {
    let mut facts = Facts {
        kubernetes: kubernetes_version(bundle),
        control_planes: control_planes(bundle),
        proxies: proxies(bundle),
        mesh_configs: mesh_configs(bundle),
        ..Facts::default()
    };
    facts.gateways = gateways(bundle, &facts.proxies);
    facts.east_west = east_west(bundle, &facts.gateways);
    facts.networks = networks(bundle, &facts);
    facts.egress_hosts = egress_hosts(&facts.gateways);
    facts.egress_routes = egress_routes(bundle, &facts.egress_hosts);
    facts.injection = bundle
        .namespaces
        .iter()
        .map(|(name, ns)| {
            let mode = match (
                ns.meta.label("istio-injection"),
                ns.meta.label("istio.io/rev"),
            ) {
                (Some("enabled"), _) => Injection::Enabled,
                (Some(other), _) => Injection::Disabled(other.to_string()),
                (None, Some(rev)) => Injection::Revision(rev.to_string()),
                (None, None) => Injection::None,
            };
            (name.clone(), mode)
        })
        .collect();
    facts.injectors = bundle
        .webhooks
        .iter()
        .filter(|w| w.kind == "MutatingWebhookConfiguration")
        .filter(|w| {
            w.name().starts_with("istio-sidecar-injector")
                || w.name().starts_with("istio-revision-tag-")
                || w.body
                    .webhooks
                    .iter()
                    .any(|h| h.ends_with("sidecar-injector.istio.io"))
        })
        .map(|w| Injector {
            object: w.object_ref(),
            revision: w.meta.label("istio.io/rev").map(String::from),
            tag: w.meta.label("istio.io/tag").map(String::from),
        })
        .collect();
    facts
}

fn kubernetes_version(bundle: &Bundle) -> Option<(Version, Evidence)> {
    if let Some((raw, span)) = &bundle.server_version {
        return Some((
            Version::parse(raw),
            Evidence {
                what: format!("kubectl version: serverVersion.gitVersion {raw}"),
                object: None,
                span: Some(*span),
            },
        ));
    }
    bundle
        .nodes
        .iter()
        .filter_map(|n| Some((Version::parse(n.body.as_deref()?), n)))
        .filter(|(v, _)| v.number.is_some())
        .min_by(|(a, _), (b, _)| a.number.cmp(&b.number))
        .map(|(version, node)| {
            let what = format!(
                "lowest kubelet version, node {}: {}",
                node.name(),
                version.raw
            );
            (
                version,
                Evidence {
                    what,
                    object: Some(node.object_ref()),
                    span: Some(node.span),
                },
            )
        })
}

/// The repository and tag of an image reference (`hub/pilot:1.22.3@sha256:...`).
pub fn image_parts(image: &str) -> (&str, &str) {
    let image = image.split('@').next().unwrap_or(image);
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].rfind(':') {
        Some(colon) => (&image[..slash + colon], &image[slash + colon + 1..]),
        None => (image, ""),
    }
}

fn repo_basename(repo: &str) -> &str {
    repo.rsplit('/').next().unwrap_or(repo)
}

fn revision_of(
    labels: &BTreeMap<String, String>,
    container: Option<&Container>,
    name: &str,
) -> String {
    labels
        .get("istio.io/rev")
        .cloned()
        .or_else(|| container.and_then(|c| c.env("REVISION")).map(String::from))
        .or_else(|| name.strip_prefix("istiod-").map(String::from))
        .unwrap_or_else(|| "default".to_string())
}

fn control_planes(bundle: &Bundle) -> Vec<ControlPlane> {
    let mut planes: BTreeMap<String, ControlPlane> = BTreeMap::new();
    let discovery = |spec: &PodSpec| -> Option<Container> {
        spec.containers
            .iter()
            .find(|c| c.name == "discovery" && repo_basename(image_parts(&c.image).0) == "pilot")
            .cloned()
    };
    for w in &bundle.workloads {
        if w.body.kind != WorkloadKind::Deployment {
            continue;
        }
        let Some(container) = discovery(&w.body.template.spec) else {
            continue;
        };
        let revision = revision_of(&w.meta.labels, Some(&container), w.name());
        let (_, tag) = image_parts(&container.image);
        planes.entry(revision.clone()).or_insert(ControlPlane {
            revision,
            version: Version::parse(tag),
            deployment: Some(w.object_ref()),
            evidence: vec![Evidence {
                what: format!("istiod image {}", container.image),
                object: Some(w.object_ref()),
                span: Some(w.span),
            }],
        });
    }
    // Without the Deployment, istiod's pods still tell.
    for pod in &bundle.pods {
        let Some(container) = discovery(&pod.body.spec) else {
            continue;
        };
        let revision = revision_of(&pod.meta.labels, Some(&container), "");
        let (_, tag) = image_parts(&container.image);
        planes
            .entry(revision.clone())
            .or_insert_with(|| ControlPlane {
                revision,
                version: Version::parse(tag),
                deployment: None,
                evidence: vec![Evidence {
                    what: format!("istiod pod image {}", container.image),
                    object: Some(pod.object_ref()),
                    span: Some(pod.span),
                }],
            });
    }
    // The injector's values carry `global.tag`; they back the image or stand in for it.
    for cm in &bundle.config_maps {
        let Some(revision) = cm
            .name()
            .strip_prefix("istio-sidecar-injector")
            .map(|rest| rest.strip_prefix('-').unwrap_or("default"))
            .map(|rev| if rev.is_empty() { "default" } else { rev })
        else {
            continue;
        };
        let Some(tag) = cm.body.get("values").and_then(|v| injector_tag(v)) else {
            continue;
        };
        let evidence = Evidence {
            what: format!("ConfigMap {} values global.tag {tag}", cm.name()),
            object: Some(cm.object_ref()),
            span: Some(cm.span),
        };
        planes
            .entry(revision.to_string())
            .and_modify(|p| p.evidence.push(evidence.clone()))
            .or_insert_with(|| ControlPlane {
                revision: revision.to_string(),
                version: Version::parse(&tag),
                deployment: None,
                evidence: vec![evidence],
            });
    }
    // Injection webhooks name their revision and, when installed by istioctl or Helm, the version.
    for hook in &bundle.webhooks {
        let Some(revision) = hook.meta.label("istio.io/rev") else {
            continue;
        };
        let Some(version) = hook
            .meta
            .label("operator.istio.io/version")
            .or_else(|| hook.meta.label("app.kubernetes.io/version"))
        else {
            continue;
        };
        let evidence = Evidence {
            what: format!(
                "{} {} labels istio.io/rev={revision}, version {version}",
                hook.kind,
                hook.name()
            ),
            object: Some(hook.object_ref()),
            span: Some(hook.span),
        };
        planes
            .entry(revision.to_string())
            .and_modify(|p| p.evidence.push(evidence.clone()))
            .or_insert_with(|| ControlPlane {
                revision: revision.to_string(),
                version: Version::parse(version),
                deployment: None,
                evidence: vec![evidence],
            });
    }
    planes.into_values().collect()
}

fn injector_tag(values: &str) -> Option<String> {
    let values: serde_json::Value = serde_json::from_str(values).ok()?;
    let tag = values.pointer("/global/tag")?;
    match tag {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The one place that decides whose proxy an image is. Returns the flavor and the evidence.
pub fn classify_proxy(container: &Container) -> (Flavor, Vec<String>) {
    let (repo, tag) = image_parts(&container.image);
    let mut evidence = Vec::new();
    let asm_image = repo.contains(".aliyuncs.com/") && repo.ends_with("/acs/proxyv2");
    let asm_tag = tag.ends_with("-aliyun");
    let asm_id = container.has_env("ASM_ID");
    if asm_image {
        evidence.push(format!("image {repo} is ASM's proxyv2 registry path"));
    }
    if asm_tag {
        evidence.push(format!("tag {tag} ends in -aliyun"));
    }
    if asm_id {
        evidence.push("env ASM_ID is set".to_string());
    }
    if !evidence.is_empty() {
        return (Flavor::Asm, evidence);
    }
    if repo_basename(repo) == "proxyv2" {
        evidence.push(format!(
            "image {} is proxyv2 without ASM's registry, tag or ASM_ID",
            container.image
        ));
        return (Flavor::Istio, evidence);
    }
    evidence.push(format!(
        "image {} is not a known proxy image",
        container.image
    ));
    (Flavor::Unknown, evidence)
}

fn is_gateway_label(value: &str) -> bool {
    value.contains("gateway") || value == "eastwest"
}

fn proxies(bundle: &Bundle) -> Vec<Proxy> {
    let mut out = Vec::new();
    for (index, pod) in bundle.pods.iter().enumerate() {
        let Some((container, native)) = pod.body.spec.proxy() else {
            continue;
        };
        let router = container
            .args
            .windows(2)
            .any(|w| w[0] == "proxy" && w[1] == "router");
        let gateway_template = pod
            .meta
            .annotation("inject.istio.io/templates")
            .is_some_and(|t| t.split(',').any(|t| t.trim() == "gateway"));
        let gateway_label = pod.meta.label("istio").is_some_and(is_gateway_label);
        let role = if router || gateway_template || gateway_label {
            Role::Gateway
        } else {
            Role::Sidecar
        };
        let (flavor, evidence) = classify_proxy(container);
        out.push(Proxy {
            pod: index,
            role,
            native,
            flavor,
            tag: image_parts(&container.image).1.to_string(),
            evidence,
            xds_agent: container.env("PROXY_CONFIG_XDS_AGENT") == Some("true"),
            network: container.env("ISTIO_META_NETWORK").map(String::from),
            owner: owner_of(bundle, index),
        });
    }
    out
}

/// Follows a pod's controller to the top: ReplicaSet → Deployment (through the exported
/// ReplicaSet or the `pod-template-hash` suffix), Job → CronJob.
pub fn owner_of(bundle: &Bundle, pod: usize) -> Owner {
    let pod = &bundle.pods[pod];
    let ns = pod.ns().to_string();
    let Some(owner) = pod
        .meta
        .owners
        .iter()
        .find(|o| o.controller)
        .or_else(|| pod.meta.owners.first())
    else {
        return Owner {
            namespace: ns,
            kind: OwnerKind::Bare,
            name: pod.name().to_string(),
        };
    };
    let workload = |kind, name: &str| Owner {
        namespace: ns.clone(),
        kind: OwnerKind::Workload(kind),
        name: name.to_string(),
    };
    match owner.kind.as_str() {
        "ReplicaSet" => {
            if let Some(rs) = bundle.workload(WorkloadKind::ReplicaSet, &ns, &owner.name) {
                if let Some(top) = rs.meta.owners.iter().find(|o| o.kind == "Deployment") {
                    return workload(WorkloadKind::Deployment, &top.name);
                }
                if rs.meta.owners.is_empty() {
                    return workload(WorkloadKind::ReplicaSet, &owner.name);
                }
            }
            match pod.meta.label("pod-template-hash").and_then(|hash| {
                owner
                    .name
                    .strip_suffix(hash)
                    .and_then(|n| n.strip_suffix('-'))
            }) {
                Some(deployment) => workload(WorkloadKind::Deployment, deployment),
                None => workload(WorkloadKind::ReplicaSet, &owner.name),
            }
        }
        "Job" => {
            let cron = bundle
                .workload(WorkloadKind::Job, &ns, &owner.name)
                .and_then(|job| job.meta.owners.iter().find(|o| o.kind == "CronJob"));
            match cron {
                Some(cron) => workload(WorkloadKind::CronJob, &cron.name),
                None => workload(WorkloadKind::Job, &owner.name),
            }
        }
        "StatefulSet" => workload(WorkloadKind::StatefulSet, &owner.name),
        "DaemonSet" => workload(WorkloadKind::DaemonSet, &owner.name),
        "Deployment" => workload(WorkloadKind::Deployment, &owner.name),
        other => Owner {
            namespace: ns,
            kind: OwnerKind::Other(other.to_string()),
            name: owner.name.clone(),
        },
    }
}

fn selects(selector: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

fn gateway_kind(label: Option<&str>, service_ports: &[i64]) -> GatewayKind {
    let label = label.unwrap_or("");
    if label.contains("eastwest") || label == "eastwest" || service_ports.contains(&15443) {
        GatewayKind::EastWest
    } else if label.contains("egress") {
        GatewayKind::Egress
    } else {
        GatewayKind::Ingress
    }
}

fn gateways(bundle: &Bundle, proxies: &[Proxy]) -> Vec<Gateway> {
    let mut by_owner: BTreeMap<Owner, Gateway> = BTreeMap::new();
    let service_ports = |ns: &str, labels: &BTreeMap<String, String>| -> Vec<(String, Vec<i64>)> {
        bundle
            .services
            .iter()
            .filter(|s| s.ns() == ns && selects(&s.body.selector, labels))
            .map(|s| {
                let mut ports: Vec<i64> = s.body.ports.iter().map(|p| p.port).collect();
                ports.extend(
                    s.body
                        .ports
                        .iter()
                        .filter_map(|p| p.target_port.as_deref()?.parse::<i64>().ok()),
                );
                ports.sort_unstable();
                ports.dedup();
                (s.name().to_string(), ports)
            })
            .collect()
    };
    for proxy in proxies.iter().filter(|p| p.role == Role::Gateway) {
        let pod = &bundle.pods[proxy.pod];
        let entry = by_owner.entry(proxy.owner.clone()).or_insert_with(|| {
            let services = service_ports(pod.ns(), &pod.meta.labels);
            let all_ports: Vec<i64> = services.iter().flat_map(|(_, p)| p.clone()).collect();
            let label = pod.meta.label("istio").map(String::from);
            let deployment = match &proxy.owner.kind {
                OwnerKind::Workload(kind) => bundle.workload(*kind, pod.ns(), &proxy.owner.name),
                _ => None,
            };
            Gateway {
                kind: gateway_kind(label.as_deref(), &all_ports),
                owner: proxy.owner.clone(),
                istio_label: label,
                services,
                pods: Vec::new(),
                object: deployment.map_or_else(|| pod.object_ref(), Object::object_ref),
                span: deployment.map_or(pod.span, |d| d.span),
                asm: false,
            }
        });
        entry.pods.push(proxy.pod);
        entry.asm |= proxy.flavor == Flavor::Asm;
    }
    // Gateway Deployments whose pods were not exported.
    for w in &bundle.workloads {
        if w.body.kind != WorkloadKind::Deployment {
            continue;
        }
        let labels = &w.body.template.labels;
        let label = labels.get("istio").filter(|v| is_gateway_label(v));
        let template_gateway = w
            .body
            .template
            .annotations
            .get("inject.istio.io/templates")
            .is_some_and(|t| t == "gateway");
        let router = w.body.template.spec.proxy().is_some_and(|(c, _)| {
            c.args
                .windows(2)
                .any(|a| a[0] == "proxy" && a[1] == "router")
        });
        if label.is_none() && !template_gateway && !router {
            continue;
        }
        let owner = Owner {
            namespace: w.ns().to_string(),
            kind: OwnerKind::Workload(WorkloadKind::Deployment),
            name: w.name().to_string(),
        };
        if by_owner.contains_key(&owner) {
            continue;
        }
        let services = service_ports(w.ns(), labels);
        let all_ports: Vec<i64> = services.iter().flat_map(|(_, p)| p.clone()).collect();
        let asm = w
            .body
            .template
            .spec
            .proxy()
            .is_some_and(|(c, _)| classify_proxy(c).0 == Flavor::Asm);
        by_owner.insert(
            owner.clone(),
            Gateway {
                kind: gateway_kind(label.map(String::as_str), &all_ports),
                owner,
                istio_label: label.cloned(),
                services,
                pods: Vec::new(),
                object: w.object_ref(),
                span: w.span,
                asm,
            },
        );
    }
    by_owner.into_values().collect()
}

fn east_west(bundle: &Bundle, gateways: &[Gateway]) -> Vec<EastWest> {
    let mut out = Vec::new();
    for gw in gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::EastWest && !g.asm)
    {
        let operator_style = gw.istio_label.as_deref() == Some("eastwestgateway");
        let network = gw.pods.iter().find_map(|&p| {
            bundle.pods[p]
                .meta
                .label("topology.istio.io/network")
                .map(String::from)
        });
        out.push(EastWest {
            style: if operator_style {
                EastWestStyle::Operator
            } else {
                EastWestStyle::Helm
            },
            object: gw.object.clone(),
            span: gw.span,
            network,
        });
    }
    // Helm-chart Services whose pods and Deployment were not exported.
    for svc in &bundle.services {
        let ew_port = svc
            .body
            .ports
            .iter()
            .any(|p| p.port == 15443 || p.target_port.as_deref() == Some("15443"));
        let istio_label = svc.body.selector.get("istio");
        if !ew_port
            || istio_label.is_none()
            || out.iter().any(|e| {
                e.object.namespace.as_deref() == Some(svc.ns())
                    && gateways
                        .iter()
                        .any(|g| g.services.iter().any(|(n, _)| n == svc.name()))
            })
        {
            continue;
        }
        out.push(EastWest {
            style: if istio_label.map(String::as_str) == Some("eastwestgateway") {
                EastWestStyle::Operator
            } else {
                EastWestStyle::Helm
            },
            object: svc.object_ref(),
            span: svc.span,
            network: svc
                .meta
                .label("topology.istio.io/network")
                .map(String::from),
        });
    }
    for obj in &bundle.install {
        match obj.kind.as_str() {
            "Gateway" => {
                let class = obj.body.str_at(&["spec", "gatewayClassName"]);
                let cross = obj.body.at(&["spec", "listeners"]).is_some_and(|ls| {
                    ls.items().iter().any(|l| {
                        l.get("port").and_then(Node::as_int) == Some(15443)
                            || l.str_at(&["name"]) == Some("cross-network")
                    })
                });
                if class == Some("istio-east-west") || cross {
                    out.push(EastWest {
                        style: EastWestStyle::GatewayApi,
                        object: obj.object_ref(),
                        span: obj.span,
                        network: obj
                            .meta
                            .label("topology.istio.io/network")
                            .map(String::from),
                    });
                }
            }
            "IstioOperator" => {
                let gws = obj.body.at(&["spec", "components", "ingressGateways"]);
                for gw in gws.map(Node::items).unwrap_or_default() {
                    let label = gw.str_at(&["label", "istio"]);
                    let port = gw.at(&["k8s", "service", "ports"]).is_some_and(|ps| {
                        ps.items()
                            .iter()
                            .any(|p| p.get("port").and_then(Node::as_int) == Some(15443))
                    });
                    let enabled = gw.get("enabled").and_then(Node::as_bool) != Some(false);
                    if enabled && (label == Some("eastwestgateway") || port) {
                        out.push(EastWest {
                            style: EastWestStyle::Operator,
                            object: obj.object_ref(),
                            span: obj.span,
                            network: gw
                                .str_at(&["label", "topology.istio.io/network"])
                                .or_else(|| {
                                    obj.body.str_at(&["spec", "values", "global", "network"])
                                })
                                .map(String::from),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    for gw in bundle.istio_of_kind("Gateway") {
        let passthrough = gw.body.at(&["spec", "servers"]).is_some_and(|servers| {
            servers.items().iter().any(|s| {
                s.str_at(&["tls", "mode"]) == Some("AUTO_PASSTHROUGH")
                    && s.at(&["port", "number"]).and_then(Node::as_int) == Some(15443)
            })
        });
        if passthrough {
            out.push(EastWest {
                style: EastWestStyle::IstioGateway,
                object: gw.object_ref(),
                span: gw.span,
                network: None,
            });
        }
    }
    out
}

fn networks(bundle: &Bundle, facts: &Facts) -> BTreeSet<String> {
    let mut networks = BTreeSet::new();
    if let Some(ns) = bundle.namespaces.get("istio-system") {
        if let Some(network) = ns.meta.label("topology.istio.io/network") {
            networks.insert(network.to_string());
        }
    }
    networks.extend(facts.proxies.iter().filter_map(|p| p.network.clone()));
    networks.extend(facts.east_west.iter().filter_map(|e| e.network.clone()));
    // Network names go into runbooks: only values Kubernetes accepts as label values.
    networks.retain(|n| !n.is_empty() && crate::names::is_label_value(n));
    networks
}

fn mesh_configs(bundle: &Bundle) -> Vec<MeshConfig> {
    let mut out = Vec::new();
    for cm in &bundle.config_maps {
        let revision = match cm.name() {
            "istio" => "default",
            name => match name.strip_prefix("istio-") {
                Some(rev)
                    if cm.body.contains_key("mesh") && !rev.starts_with("sidecar-injector") =>
                {
                    rev
                }
                _ => continue,
            },
        };
        let Some(mesh) = cm.body.get("mesh") else {
            continue;
        };
        let parsed = serde_yaml::Deserializer::from_str(mesh)
            .next()
            .map(|doc| NodeSeed::new(64).deserialize(doc));
        let (node, error) = match parsed {
            Some(Ok(node)) => (node, None),
            Some(Err(e)) => (Node::Null, Some(e.to_string())),
            None => (Node::Null, None),
        };
        let proxy_metadata = node
            .at(&["defaultConfig", "proxyMetadata"])
            .map(|m| {
                m.entries()
                    .iter()
                    .filter_map(|(k, v)| Some((k.to_string(), v.scalar_text()?)))
                    .collect()
            })
            .unwrap_or_default();
        out.push(MeshConfig {
            object: cm.object_ref(),
            span: cm.span,
            revision: revision.to_string(),
            proxy_metadata,
            drain_duration: node
                .at(&["defaultConfig", "terminationDrainDuration"])
                .and_then(Node::scalar_text),
            error,
        });
    }
    out
}

fn egress_hosts(gateways: &[Gateway]) -> BTreeSet<String> {
    let mut hosts = BTreeSet::new();
    hosts.insert("istio-egressgateway.istio-system.svc.cluster.local".to_string());
    for gw in gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::Egress && !g.asm)
    {
        for (service, _) in &gw.services {
            hosts.insert(format!(
                "{service}.{}.svc.cluster.local",
                gw.owner.namespace
            ));
        }
    }
    hosts
}

/// Whether a destination host names one of the egress gateway services (short forms included).
pub fn is_egress_host(host: &str, hosts: &BTreeSet<String>) -> bool {
    hosts.iter().any(|full| {
        host == full
            || full
                .strip_prefix(host)
                .is_some_and(|rest| rest.starts_with('.') && host.contains('.'))
    })
}

fn egress_routes(bundle: &Bundle, hosts: &BTreeSet<String>) -> Vec<EgressRoute> {
    let mut out = Vec::new();
    for (index, vs) in bundle.istio.iter().enumerate() {
        if vs.kind != "VirtualService" {
            continue;
        }
        let gateways: Vec<&str> = vs
            .body
            .at(&["spec", "gateways"])
            .map(|g| g.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        for protocol in ["http", "tls", "tcp"] {
            let routes = vs
                .body
                .at(&["spec", protocol])
                .map(Node::items)
                .unwrap_or_default();
            for (route_index, route) in routes.iter().enumerate() {
                // A route applies to sidecars when its match names `mesh`, or names no gateway
                // and the VirtualService is bound to mesh (explicitly or by default).
                let match_gateways: Vec<&str> = route
                    .get("match")
                    .map(|m| {
                        m.items()
                            .iter()
                            .flat_map(|m| m.get("gateways").map(Node::items).unwrap_or_default())
                            .filter_map(Node::as_str)
                            .collect()
                    })
                    .unwrap_or_default();
                let mesh = if match_gateways.is_empty() {
                    gateways.is_empty() || gateways.contains(&"mesh")
                } else {
                    match_gateways.contains(&"mesh")
                };
                if !mesh {
                    continue;
                }
                for dest in route.get("route").map(Node::items).unwrap_or_default() {
                    let Some(host) = dest.str_at(&["destination", "host"]) else {
                        continue;
                    };
                    if is_egress_host(host, hosts) {
                        out.push(EgressRoute {
                            virtual_service: index,
                            protocol: protocol.to_string(),
                            index: route_index,
                            host: host.to_string(),
                            subset: dest.str_at(&["destination", "subset"]).map(String::from),
                            port: dest
                                .at(&["destination", "port", "number"])
                                .and_then(Node::as_int)
                                .and_then(|p| i64::try_from(p).ok()),
                        });
                        break;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_suffixes_are_builds_not_prereleases() {
        let ack = Version::parse("v1.21.0-aliyun.1");
        let plain = Version::parse("1.21.0");
        assert_eq!(ack.number, plain.number);
        assert_eq!(ack.below(1, 21), Some(false));
        assert_eq!(
            Version::parse("1.20.11-aliyunedge.1").below(1, 21),
            Some(true)
        );
        assert_eq!(
            Version::parse("v1.24.6.12-g1e1a2ab-aliyun").minor(),
            Some((1, 24))
        );
        assert_eq!(Version::parse("1.16-alpha.abc").minor(), Some((1, 16)));
        assert_eq!(Version::parse("latest").number, None);
        assert_eq!(Version::parse("1.3.1-distroless").below(1, 10), Some(true));
    }

    #[test]
    fn image_parts_handle_ports_and_digests() {
        assert_eq!(
            image_parts("docker.io/istio/pilot:1.22.3"),
            ("docker.io/istio/pilot", "1.22.3")
        );
        assert_eq!(
            image_parts("localhost:5000/istio/proxyv2:1.2@sha256:ab"),
            ("localhost:5000/istio/proxyv2", "1.2")
        );
        assert_eq!(image_parts("proxyv2"), ("proxyv2", ""));
        assert_eq!(image_parts("auto"), ("auto", ""));
    }

    #[test]
    fn classification_keeps_evidence() {
        let asm = Container {
            image: "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun"
                .into(),
            ..Container::default()
        };
        let (flavor, evidence) = classify_proxy(&asm);
        assert_eq!(flavor, Flavor::Asm);
        assert_eq!(evidence.len(), 2);
        let istio = Container {
            image: "docker.io/istio/proxyv2:1.22.3".into(),
            ..Container::default()
        };
        assert_eq!(classify_proxy(&istio).0, Flavor::Istio);
        let other = Container {
            image: "envoyproxy/envoy:v1.30".into(),
            ..Container::default()
        };
        assert_eq!(classify_proxy(&other).0, Flavor::Unknown);
    }

    #[test]
    fn egress_hosts_match_short_forms() {
        let hosts: BTreeSet<String> =
            ["istio-egressgateway.istio-system.svc.cluster.local".to_string()].into();
        assert!(is_egress_host(
            "istio-egressgateway.istio-system.svc.cluster.local",
            &hosts
        ));
        assert!(is_egress_host("istio-egressgateway.istio-system", &hosts));
        assert!(!is_egress_host("istio-egressgateway", &hosts));
        assert!(!is_egress_host("edition.cnn.com", &hosts));
    }
}
