//! What one export says about its cluster's place in a multi-cluster Istio mesh: the name Istio
//! gives the cluster, its network, its mesh ID, whether it runs its own istiod (a primary) or
//! uses another cluster's (a remote), the remote secrets it holds and its `meshNetworks`. Read
//! per cluster; the cross-cluster checks and the mesh's order compare them.
//!
//! Sources, istio/istio at 1.22.3 (`8d94e3e34203`) unless said otherwise:
//! - istiod's env `CLUSTER_ID` is `values.global.multiCluster.clusterName`, default
//!   `Kubernetes` (`manifests/charts/istio-control/istio-discovery/templates/deployment.yaml`);
//!   the injector writes the same value into proxies' `ISTIO_META_CLUSTER_ID`, and
//!   `values.global.network` into `ISTIO_META_NETWORK`
//!   (`manifests/charts/istio-control/istio-discovery/files/injection-template.yaml`).
//! - The network of a cluster's workloads is the label `topology.istio.io/network` of the system
//!   namespace (master `86c9f01fd735`: `pilot/pkg/serviceregistry/kube/controller/network.go`
//!   `setNetworkFromNamespace`).
//! - `defaultConfig.meshId` comes from `values.global.meshID`; unset, Istio uses the trust domain
//!   (master: `manifests/charts/istio-control/istio-discovery/values.yaml`, `meshID`).
//! - Remote secrets: Secrets labelled `istio/multiCluster=true` in istiod's namespace
//!   (master: `pkg/kube/multicluster/secretcontroller.go`, `MultiClusterSecretLabel`), written
//!   by `istioctl create-remote-secret --name C` as `istio-remote-secret-C` with the annotation
//!   `networking.istio.io/cluster: C` (master: `istioctl/pkg/multicluster/remote_secret.go`).
//!   istiod registers the cluster under each *data key* of the Secret, which this tool never
//!   reads; the annotation, else the name, stands for it (said so wherever it matters).
//! - A remote cluster has no istiod: the `remote` profile installs "only the injector mutating
//!   webhook configuration" (`manifests/profiles/remote.yaml`); its `istio-system` may carry the
//!   annotation `topology.istio.io/controlPlaneClusters` naming the clusters whose istiod manages
//!   it (master: `pilot/pkg/serviceregistry/kube/controller/multicluster.go`).

use serde::Serialize;

use super::*;

/// The label of a Secret istiod reads as a remote cluster's kubeconfig.
pub const MULTICLUSTER_SECRET_LABEL: &str = "istio/multiCluster";
/// The annotation `istioctl create-remote-secret` writes with the cluster's name.
pub const REMOTE_SECRET_CLUSTER_ANNOTATION: &str = "networking.istio.io/cluster";
/// The name prefix of the Secrets `istioctl create-remote-secret` writes.
pub const REMOTE_SECRET_PREFIX: &str = "istio-remote-secret-";
/// The label (on the system namespace, pods, Services) naming a network.
pub const NETWORK_LABEL: &str = "topology.istio.io/network";
/// The annotation on a remote's system namespace naming the clusters whose istiod manages it.
pub const CONTROL_PLANE_CLUSTERS_ANNOTATION: &str = "topology.istio.io/controlPlaneClusters";
/// istiod's default cluster name (`CLUSTER_ID` when `clusterName` is not set).
pub const DEFAULT_CLUSTER_ID: &str = "Kubernetes";
/// The namespace Istio's control plane lives in by default.
pub const SYSTEM_NAMESPACE: &str = "istio-system";

/// A cluster's part in a multi-cluster mesh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClusterRole {
    /// Runs its own istiod.
    Primary,
    /// Has Istio's proxies or injector but no istiod: another cluster's istiod serves it.
    Remote,
    /// No Istio control plane, injector or proxy was seen.
    Unknown,
}

impl ClusterRole {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterRole::Primary => "primary",
            ClusterRole::Remote => "remote",
            ClusterRole::Unknown => "unknown",
        }
    }
}

/// Where a name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NameSource {
    /// istiod's environment (`CLUSTER_ID`).
    IstiodEnv,
    /// The injector ConfigMap's `values` (`global.multiCluster.clusterName`, `global.network`,
    /// `global.meshID`).
    InjectorValues,
    /// The Istio sidecars' environment (`ISTIO_META_CLUSTER_ID`, `ISTIO_META_NETWORK`), the value
    /// most of them carry.
    ProxyEnv,
    /// The label `topology.istio.io/network` of `istio-system`.
    NamespaceLabel,
    /// The mesh config (`defaultConfig.meshId`).
    MeshConfig,
    /// The trust domain, which Istio uses as the mesh ID when none is set.
    TrustDomain,
    /// Istio's default (`Kubernetes` for the cluster name).
    Default,
}

/// A name and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    /// The name.
    pub value: String,
    /// Where it comes from.
    pub from: NameSource,
    /// The object it was read on.
    #[serde(skip)]
    pub object: Option<ObjectRef>,
    /// Where that object starts.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A Secret istiod reads as another cluster's kubeconfig, by its metadata only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteSecret {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// The cluster it is for: the annotation `networking.istio.io/cluster`, else the name after
    /// `istio-remote-secret-`; `None` when neither says (only the data keys would).
    pub cluster: Option<String>,
    /// The Secret.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

/// One network of a mesh config's `meshNetworks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeshNetwork {
    /// The network's name.
    pub name: String,
    /// `endpoints[].fromRegistry`: the cluster names whose endpoints are on it.
    pub registries: Vec<String>,
    /// `gateways[].registryServiceName`: the gateway Services' host names.
    pub gateway_services: Vec<String>,
    /// `gateways[].address`.
    pub gateway_addresses: Vec<String>,
    /// The ConfigMap.
    #[serde(skip)]
    pub object: ObjectRef,
    /// Where it starts.
    #[serde(skip)]
    pub span: Span,
}

/// What an export says about its cluster's place in a multi-cluster mesh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// Primary, remote or unknown.
    pub role: ClusterRole,
    /// The name Istio knows the cluster by (`CLUSTER_ID`); `None` without any Istio.
    pub cluster_id: Option<Named>,
    /// The network of its workloads; `None` when no name is set (Istio then treats the
    /// workloads as reachable from every network).
    pub network: Option<Named>,
    /// Its mesh ID (the trust domain when none is set); `None` without any Istio.
    pub mesh_id: Option<Named>,
    /// The remote secrets it holds.
    pub remote_secrets: Vec<RemoteSecret>,
    /// The clusters named by `istio-system`'s `topology.istio.io/controlPlaneClusters`.
    pub control_plane_clusters: Vec<String>,
    /// Its mesh configs' `meshNetworks`.
    pub mesh_networks: Vec<MeshNetwork>,
    /// The `istio-system` Namespace, for findings about the cluster as a whole.
    #[serde(skip)]
    pub system_namespace: Option<(ObjectRef, Span)>,
}

/// Reads a cluster's identity from its export and what was detected in it.
pub fn identity(bundle: &Bundle, facts: &Facts) -> Identity {
    let system = bundle.namespaces.get(SYSTEM_NAMESPACE);
    let values = injector_values(bundle);
    let value_at = |pointer: &str| -> Option<Named> {
        values.iter().find_map(|(cm, v)| {
            let text = v.pointer(pointer)?.as_str()?.trim();
            (!text.is_empty()).then(|| Named {
                value: text.to_string(),
                from: NameSource::InjectorValues,
                object: Some(cm.object_ref()),
                span: Some(cm.span),
            })
        })
    };
    let istio_present = !facts.control_planes.is_empty()
        || facts.proxies.iter().any(|p| p.flavor == Flavor::Istio)
        || bundle.webhooks.iter().any(|h| is_istio_webhook(h.name()))
        || !values.is_empty()
        || !facts.mesh_configs.is_empty();
    let has_istiod = facts.control_planes.iter().any(|c| {
        c.deployment.is_some()
            || c.evidence
                .iter()
                .any(|e| e.object.as_ref().is_some_and(|o| o.kind == "Pod"))
    });
    let role = if has_istiod {
        ClusterRole::Primary
    } else if istio_present {
        ClusterRole::Remote
    } else {
        ClusterRole::Unknown
    };
    let cluster_id = istiod_cluster_id(bundle)
        .or_else(|| value_at("/global/multiCluster/clusterName"))
        .or_else(|| proxy_env(bundle, facts, "ISTIO_META_CLUSTER_ID"))
        .or_else(|| {
            istio_present.then(|| Named {
                value: DEFAULT_CLUSTER_ID.to_string(),
                from: NameSource::Default,
                object: None,
                span: None,
            })
        });
    let network = system
        .and_then(|ns| {
            let value = ns.meta.label(NETWORK_LABEL)?.trim();
            (!value.is_empty()).then(|| Named {
                value: value.to_string(),
                from: NameSource::NamespaceLabel,
                object: Some(ns.object_ref()),
                span: Some(ns.span),
            })
        })
        .or_else(|| proxy_env(bundle, facts, "ISTIO_META_NETWORK"))
        .or_else(|| value_at("/global/network"));
    let mesh_id = facts
        .mesh_configs
        .iter()
        .find_map(|c| {
            let id = c.mesh_id.as_deref()?.trim();
            (!id.is_empty()).then(|| Named {
                value: id.to_string(),
                from: NameSource::MeshConfig,
                object: Some(c.object.clone()),
                span: Some(c.span),
            })
        })
        .or_else(|| value_at("/global/meshID"))
        .or_else(|| {
            let config = facts.mesh_configs.first();
            let domain = config
                .and_then(|c| c.trust_domain.as_deref())
                .map(str::trim)
                .filter(|d| !d.is_empty());
            istio_present.then(|| Named {
                value: domain.unwrap_or("cluster.local").to_string(),
                from: if domain.is_some() {
                    NameSource::TrustDomain
                } else {
                    NameSource::Default
                },
                object: config.map(|c| c.object.clone()),
                span: config.map(|c| c.span),
            })
        });
    let remote_secrets = bundle
        .secrets
        .iter()
        .filter(|s| s.meta.label(MULTICLUSTER_SECRET_LABEL) == Some("true"))
        .map(|s| RemoteSecret {
            namespace: s.ns().to_string(),
            name: s.name().to_string(),
            cluster: s
                .meta
                .annotation(REMOTE_SECRET_CLUSTER_ANNOTATION)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .or_else(|| {
                    s.name()
                        .strip_prefix(REMOTE_SECRET_PREFIX)
                        .filter(|c| !c.is_empty())
                })
                .map(String::from),
            object: s.object_ref(),
            span: s.span,
        })
        .collect();
    let control_plane_clusters = system
        .and_then(|ns| ns.meta.annotation(CONTROL_PLANE_CLUSTERS_ANNOTATION))
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    Identity {
        role,
        cluster_id,
        network,
        mesh_id,
        remote_secrets,
        control_plane_clusters,
        mesh_networks: mesh_networks(bundle),
        system_namespace: system.map(|ns| (ns.object_ref(), ns.span)),
    }
}

impl Identity {
    /// The cluster a remote secret is for, by any of the names this identity could be known by.
    pub fn has_secret_for(&self, cluster: &str) -> bool {
        self.remote_secrets
            .iter()
            .any(|s| s.cluster.as_deref() == Some(cluster))
    }
}

/// The injector ConfigMaps' `values`, parsed (the `default` revision's first).
fn injector_values(bundle: &Bundle) -> Vec<(&Object<BTreeMap<String, String>>, serde_json::Value)> {
    let mut out: Vec<_> = bundle
        .config_maps
        .iter()
        .filter(|cm| cm.name().starts_with("istio-sidecar-injector"))
        .filter_map(|cm| {
            let values = serde_json::from_str(cm.body.get("values")?).ok()?;
            Some((cm, values))
        })
        .collect();
    out.sort_by_key(|(cm, _)| cm.name() != "istio-sidecar-injector");
    out
}

/// `CLUSTER_ID` of istiod's `discovery` container: its Deployment's template, else a pod.
fn istiod_cluster_id(bundle: &Bundle) -> Option<Named> {
    let from = |spec: &PodSpec| {
        spec.containers
            .iter()
            .filter(|c| c.name == "discovery")
            .find_map(|c| c.env("CLUSTER_ID"))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    bundle
        .workloads
        .iter()
        .filter(|w| w.body.kind == WorkloadKind::Deployment)
        .find_map(|w| {
            Some(Named {
                value: from(&w.body.template.spec)?,
                from: NameSource::IstiodEnv,
                object: Some(w.object_ref()),
                span: Some(w.span),
            })
        })
        .or_else(|| {
            bundle.pods.iter().find_map(|p| {
                Some(Named {
                    value: from(&p.body.spec)?,
                    from: NameSource::IstiodEnv,
                    object: Some(p.object_ref()),
                    span: Some(p.span),
                })
            })
        })
}

/// The value of an env variable most of the live Istio sidecars carry (ties: the smallest), on
/// the first pod that carries it.
fn proxy_env(bundle: &Bundle, facts: &Facts, name: &str) -> Option<Named> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for proxy in facts
        .proxies
        .iter()
        .filter(|p| p.role == Role::Sidecar && p.flavor == Flavor::Istio)
    {
        let pod = &bundle.pods[proxy.pod];
        let Some((container, _)) = pod.body.spec.proxy() else {
            continue;
        };
        if let Some(value) = container.env(name).map(str::trim).filter(|v| !v.is_empty()) {
            counts.entry(value).or_insert((0, proxy.pod)).0 += 1;
        }
    }
    let (value, (_, pod)) = counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(a.0)))?;
    let pod = &bundle.pods[pod];
    Some(Named {
        value: value.to_string(),
        from: NameSource::ProxyEnv,
        object: Some(pod.object_ref()),
        span: Some(pod.span),
    })
}

/// The networks of every mesh config's `meshNetworks` (ConfigMap `istio[-<rev>]`, key
/// `meshNetworks`; the chart writes `networks: {}` when none is set). Both spellings of the
/// gateway's service field are read, as Istio's test data uses `registry_service_name`.
fn mesh_networks(bundle: &Bundle) -> Vec<MeshNetwork> {
    let mut out = Vec::new();
    for cm in &bundle.config_maps {
        let is_mesh = cm.name() == "istio"
            || cm.name().strip_prefix("istio-").is_some_and(|rev| {
                !rev.starts_with("sidecar-injector") && cm.body.contains_key("mesh")
            });
        let Some(text) = cm.body.get("meshNetworks").filter(|_| is_mesh) else {
            continue;
        };
        let Some(Ok(node)) = serde_yaml::Deserializer::from_str(text)
            .next()
            .map(|doc| NodeSeed::new(64).deserialize(doc))
        else {
            continue;
        };
        for (name, network) in node.get("networks").map(Node::entries).unwrap_or_default() {
            let list = |key: &str, fields: &[&str]| -> Vec<String> {
                network
                    .get(key)
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|item| {
                        fields
                            .iter()
                            .find_map(|f| item.get(f).and_then(Node::scalar_text))
                    })
                    .collect()
            };
            out.push(MeshNetwork {
                name: name.to_string(),
                registries: list("endpoints", &["fromRegistry"]),
                gateway_services: list(
                    "gateways",
                    &["registryServiceName", "registry_service_name"],
                ),
                gateway_addresses: list("gateways", &["address"]),
                object: cm.object_ref(),
                span: cm.span,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Input;
    use crate::settings::Settings;

    fn identity_of(yaml: &str) -> Identity {
        let analysis = crate::analysis::analyze(
            vec![Input::new("test.yaml", yaml)],
            Vec::new(),
            &Settings::default(),
        );
        identity(&analysis.bundle, &analysis.facts)
    }

    const PRIMARY: &str = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
  labels:
    topology.istio.io/network: network1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
spec:
  template:
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:1.22.3
        env:
        - name: CLUSTER_ID
          value: east
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |
    defaultConfig:
      meshId: mesh1
  meshNetworks: |
    networks:
      network2:
        endpoints:
        - fromRegistry: west
        gateways:
        - registry_service_name: istio-eastwestgateway.istio-system.svc.cluster.local
          port: 15443
---
apiVersion: v1
kind: Secret
metadata:
  name: istio-remote-secret-west
  namespace: istio-system
  labels:
    istio/multiCluster: "true"
---
apiVersion: v1
kind: Secret
metadata:
  name: some-kubeconfig
  namespace: istio-system
  labels:
    istio/multiCluster: "true"
  annotations:
    networking.istio.io/cluster: central
"#;

    #[test]
    fn a_primary_names_itself_its_network_mesh_and_remote_secrets() {
        let id = identity_of(PRIMARY);
        assert_eq!(id.role, ClusterRole::Primary);
        let cluster = id.cluster_id.expect("a cluster id");
        assert_eq!(
            (cluster.value.as_str(), cluster.from),
            ("east", NameSource::IstiodEnv)
        );
        let network = id.network.expect("a network");
        assert_eq!(
            (network.value.as_str(), network.from),
            ("network1", NameSource::NamespaceLabel)
        );
        let mesh = id.mesh_id.expect("a mesh id");
        assert_eq!(
            (mesh.value.as_str(), mesh.from),
            ("mesh1", NameSource::MeshConfig)
        );
        let secrets: Vec<_> = id
            .remote_secrets
            .iter()
            .map(|s| (s.name.as_str(), s.cluster.as_deref()))
            .collect();
        assert_eq!(
            secrets,
            [
                ("istio-remote-secret-west", Some("west")),
                ("some-kubeconfig", Some("central"))
            ]
        );
        assert_eq!(id.mesh_networks.len(), 1);
        assert_eq!(id.mesh_networks[0].name, "network2");
        assert_eq!(id.mesh_networks[0].registries, ["west"]);
        assert_eq!(
            id.mesh_networks[0].gateway_services,
            ["istio-eastwestgateway.istio-system.svc.cluster.local"]
        );
    }

    #[test]
    fn a_cluster_with_proxies_but_no_istiod_is_a_remote_and_defaults_apply() {
        let yaml = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
  annotations:
    topology.istio.io/controlPlaneClusters: east
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-1
  namespace: shop
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
    env:
    - name: ISTIO_META_NETWORK
      value: network2
"#;
        let id = identity_of(yaml);
        assert_eq!(id.role, ClusterRole::Remote);
        assert_eq!(id.control_plane_clusters, ["east"]);
        let cluster = id.cluster_id.expect("Istio's default");
        assert_eq!(
            (cluster.value.as_str(), cluster.from),
            (DEFAULT_CLUSTER_ID, NameSource::Default)
        );
        let network = id.network.expect("the proxies' network");
        assert_eq!(
            (network.value.as_str(), network.from),
            ("network2", NameSource::ProxyEnv)
        );
        let mesh = id.mesh_id.expect("the default trust domain");
        assert_eq!(mesh.value, "cluster.local");
    }

    #[test]
    fn an_export_without_istio_has_no_names() {
        let id = identity_of("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        assert_eq!(id.role, ClusterRole::Unknown);
        assert_eq!(id.cluster_id, None);
        assert_eq!(id.mesh_id, None);
        assert_eq!(id.network, None);
    }
}
