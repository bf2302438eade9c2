//! What the export contains: versions, control planes, proxies and their owners, gateways,
//! east-west installs, networks, mesh configs and egress routes. Every classification keeps the
//! evidence it was made on, so a user can see why a pod counts as Istio's or ASM's.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeSeed;

use crate::finding::ObjectRef;
use crate::i18n::Lang;
use crate::model::{Bundle, Container, Object, PodSpec, WorkloadKind};
use crate::node::{Node, NodeSeed};
use crate::source::Span;

mod ambient;
mod control_planes;
mod egress;
mod gateways;
mod manual;
mod mesh;
mod multicluster;
mod proxies;
mod restart;
mod versions;
mod webhooks;

pub use ambient::{Ambient, AmbientObject, DATAPLANE_MODE};
pub use control_planes::image_parts;
pub use egress::is_egress_host;
pub use manual::{injected_by_hand, ManualInjection, STATUS_ANNOTATION};
pub use multicluster::{
    identity, ClusterRole, Identity, MeshNetwork, NameSource, Named, RemoteSecret,
    CONTROL_PLANE_CLUSTERS_ANNOTATION, DEFAULT_CLUSTER_ID, MULTICLUSTER_SECRET_LABEL,
    NETWORK_LABEL, REMOTE_SECRET_CLUSTER_ANNOTATION, REMOTE_SECRET_PREFIX,
};
pub use proxies::{classify_proxy, owner_of};
pub use restart::{is_live, restart, Restart};
pub use versions::{Version, ISTIOCTL_UNINSTALL_GA, ISTIO_NETWORKING_V1};
pub use webhooks::{is_istio_webhook, InjectorConfig};

use control_planes::control_planes;
use egress::{egress_hosts, egress_routes};
use gateways::{east_west, gateways, networks};
pub use mesh::mesh_configs;
use proxies::proxies;
use versions::kubernetes_version;

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

impl OwnerKind {
    /// The kind as Kubernetes spells it, `Pod` for a bare pod.
    pub fn as_str(&self) -> &str {
        match self {
            OwnerKind::Workload(kind) => kind.as_str(),
            OwnerKind::Other(kind) => kind,
            OwnerKind::Bare => "Pod",
        }
    }
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
    /// `trustDomain`, when set (Istio's default is `cluster.local`).
    pub trust_domain: Option<String>,
    /// `trustDomainAliases`.
    pub trust_domain_aliases: Vec<String>,
    /// `defaultConfig.meshId` (what `values.global.meshID` installs), when set.
    pub mesh_id: Option<String>,
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
    /// Istio's injector ConfigMaps, one per revision.
    pub injector_configs: Vec<InjectorConfig>,
    /// Workloads whose pod template carries Istio's proxy (`istioctl kube-inject`).
    pub manual_injections: Vec<ManualInjection>,
    /// Istio's ambient data plane.
    pub ambient: Ambient,
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

    /// The manual injection of a workload, if its template was injected by hand.
    pub fn manual_injection(&self, namespace: &str, name: &str) -> Option<&ManualInjection> {
        self.manual_injections
            .iter()
            .find(|m| m.namespace() == namespace && m.object.name == name)
    }

    /// Whether the cluster has an east-west gateway.
    pub fn has_east_west(&self) -> bool {
        !self.east_west.is_empty()
    }
}

/// Derives the facts from a bundle; the evidence is worded in `lang`.
pub fn detect(bundle: &Bundle, lang: Lang) -> Facts {
    let mut facts = Facts {
        kubernetes: kubernetes_version(bundle, lang),
        control_planes: control_planes(bundle, lang),
        proxies: proxies(bundle),
        mesh_configs: mesh_configs(bundle),
        ..Facts::default()
    };
    facts.gateways = gateways(bundle, &facts.proxies);
    facts.east_west = east_west(bundle, &facts.gateways);
    facts.networks = networks(bundle, &facts);
    facts.egress_hosts = egress_hosts(&facts.gateways);
    facts.egress_routes = egress_routes(bundle, &facts.egress_hosts);
    facts.injector_configs = webhooks::injector_configs(bundle, lang);
    facts.manual_injections = manual::manual_injections(bundle);
    facts.ambient = ambient::ambient(bundle);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_suffixes_are_builds_not_prereleases() {
        let ack = Version::parse("v1.21.0-aliyun.1");
        let plain = Version::parse("1.21.0");
        assert_eq!(ack.number, plain.number);
        assert_eq!(ack.below((1, 21)), Some(false));
        assert_eq!(
            Version::parse("1.20.11-aliyunedge.1").below((1, 21)),
            Some(true)
        );
        assert_eq!(
            Version::parse("v1.24.6.12-g1e1a2ab-aliyun").minor(),
            Some((1, 24))
        );
        assert_eq!(Version::parse("1.16-alpha.abc").minor(), Some((1, 16)));
        assert_eq!(Version::parse("latest").number, None);
        assert_eq!(
            Version::parse("1.3.1-distroless").below((1, 10)),
            Some(true)
        );
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
