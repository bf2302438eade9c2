//! Small clusters written inline: the objects a phase fixture is made of, each as YAML text.

use istio2asm_core::Analysis;

use super::analyze_texts;

/// A minimal istiod Deployment of an Istio version.
pub fn istiod(tag: &str) -> String {
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

/// `kubectl version -o yaml` of a Kubernetes 1.28 cluster.
pub const SERVER_VERSION: &str =
    "serverVersion:\n  gitVersion: v1.28.3\n  major: \"1\"\n  minor: \"28\"\n";

/// A Namespace with `labels`.
pub fn namespace(name: &str, labels: &[(&str, &str)]) -> String {
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
pub fn workload(
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

/// An application container serving HTTP on 8080 (indented by 6, as `workload` wants).
pub fn app_container(name: &str) -> String {
    format!("      - name: {name}\n        image: registry.example.com/{name}:1.0\n        ports:\n        - containerPort: 8080\n          name: http\n")
}

/// The proxy container of a pod (2-space list indentation).
pub enum Proxy {
    Sidecar { tag: &'static str, xds: bool },
    Router { tag: &'static str, xds: bool },
    Asm,
}

impl Proxy {
    pub fn container(&self) -> String {
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
pub fn pod(ns: &str, name: &str, app: &str, labels: &str, owner: &str, proxy: Proxy) -> String {
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

/// A Service selecting `selector` (indented by 4), with `(name, port, targetPort)` TCP ports.
pub fn service(ns: &str, name: &str, selector: &str, ports: &[(&str, u16, u16)]) -> String {
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
pub fn mesh_config(xds: bool) -> String {
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
pub fn stream(docs: &[String]) -> String {
    docs.join("---\n")
}

/// A fixture: (file name, content) pairs.
pub type Fixture = Vec<(&'static str, String)>;

/// Analyses a fixture with the tests' common settings.
pub fn analyze_fixture(fixture: &Fixture) -> Analysis {
    let texts: Vec<(&str, &str)> = fixture.iter().map(|(n, t)| (*n, t.as_str())).collect();
    analyze_texts(&texts)
}
