//! One small cluster per phase of the migration, each with the work its phase plans: the
//! fixtures of the plan, runbook and kubectl tests.

use super::cluster::{
    app_container, istiod, mesh_config, namespace, pod, service, stream, workload, Fixture, Proxy,
    SERVER_VERSION,
};
use super::settled_cr;

/// Init, with an east-west gateway and `istio-injection` on istio-system.
pub fn init_eastwest() -> Fixture {
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
        ("asm-migrate.yaml", settled_cr("Init")),
    ]
}

/// SetupIstioForMigrate: two Deployments in two namespaces and an OnDelete StatefulSet lack
/// the env var.
pub fn setup_restarts() -> Fixture {
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
        ("asm-migrate.yaml", settled_cr("SetupIstioForMigrate")),
    ]
}

/// Migrating, with a VirtualService that routes mesh traffic to istio-egressgateway's subset.
pub fn migrating_egress() -> Fixture {
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
        ("asm-migrate.yaml", settled_cr("Migrating")),
    ]
}

/// Migrating, every pod already on ASM's proxy: uninstall, then the switch to Finished.
pub fn migrating_all_asm() -> Fixture {
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
        ("asm-migrate.yaml", settled_cr("Migrating")),
    ]
}

/// Finished, with Istio's webhooks and RBAC left behind (and a CRD, which must stay).
pub fn finished_leftovers() -> Fixture {
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
        ("asm-migrate.yaml", settled_cr("Finished")),
    ]
}

/// The five fixtures by name, in the order of the migration.
pub fn phase_fixtures() -> Vec<(&'static str, Fixture)> {
    vec![
        ("init_eastwest", init_eastwest()),
        ("setup_restarts", setup_restarts()),
        ("migrating_egress", migrating_egress()),
        ("migrating_all_asm", migrating_all_asm()),
        ("finished_leftovers", finished_leftovers()),
    ]
}
