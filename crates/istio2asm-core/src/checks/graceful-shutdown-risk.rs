//! # MIG503 graceful-shutdown-risk
//!
//! ## What it finds
//!
//! Workloads with Istio sidecars whose restart (for the XDS agent, then for the switch to ASM's
//! proxy) may drop requests: fewer than two replicas, no PodDisruptionBudget,
//! `terminationGracePeriodSeconds` shorter than the proxy's drain duration
//! (`terminationDrainDuration` from `proxy.istio.io/config` or the mesh config, default 5s), no
//! preStop hook, Service ports that are not HTTP, HTTP/2 or gRPC (by port name or `appProtocol`),
//! and `updateStrategy: OnDelete`.
//!
//! ## Why it matters
//!
//! The seed document's rule: replacing the proxy is loss-free only when the protocol supports
//! graceful shutdown and requests finish within the drain window. Long-lived TCP connections
//! (databases, Redis, raw TCP) are cut when the old pod goes.
//!
//! ## How to fix
//!
//! Before the wave that restarts the workload: scale to two or more replicas, add a
//! PodDisruptionBudget, make the grace period longer than the drain duration, add a preStop sleep,
//! and schedule TCP workloads for a quiet moment with their clients' reconnect logic checked.
//!
//! ## Example
//!
//! ```yaml
//! kind: Deployment
//! metadata: {name: checkout, namespace: shop}
//! spec:
//!   replicas: 1
//!   template:
//!     spec:
//!       terminationGracePeriodSeconds: 3
//! ```
//!
//! `cluster.yaml:900:3: warning[MIG503]: Deployment shop/checkout: 1 replica; no PodDisruptionBudget; terminationGracePeriodSeconds 3 < drain 5s; no preStop hook`

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::codes::Code;
use crate::detect::{Flavor, OwnerKind, Role};
use crate::finding::Finding;
use crate::model::WorkloadKind;
use crate::risk::assess;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let owners: BTreeSet<_> = cx
        .facts
        .proxies
        .iter()
        .filter(|p| p.role == Role::Sidecar && p.flavor == Flavor::Istio)
        .map(|p| &p.owner)
        .collect();
    for owner in owners {
        // Batch pods finish on their own; the risk table is about serving workloads.
        let OwnerKind::Workload(
            kind @ (WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::DaemonSet),
        ) = owner.kind
        else {
            continue;
        };
        let Some(workload) = cx.bundle.workload(kind, &owner.namespace, &owner.name) else {
            continue;
        };
        let risks = assess(cx.lang, cx.bundle, cx.facts, workload);
        if risks.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig503,
                t!(
                    cx.lang,
                    "mig503-risks",
                    kind = workload.kind.as_str(),
                    object = format!("{}/{}", workload.ns(), workload.name()),
                    risks = risks.list().join(&t!(cx.lang, "clause-separator")),
                ),
            )
            .at(workload.object_ref(), workload.span),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    /// A Deployment `cart` and one of its pods with Istio's sidecar; `spec` extends the pod
    /// template's spec, `annotations` its metadata.
    fn workload(replicas: u32, annotations: &str, spec: &str) -> String {
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart{annotations}
    spec:{spec}
      containers:
      - name: cart
        image: shop/cart:2.1
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9f8b6c4d-2xkqp
  namespace: shop
  labels:
    app: cart
    pod-template-hash: 7d9f8b6c4d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: cart-7d9f8b6c4d
    controller: true
spec:
  containers:
  - name: cart
    image: shop/cart:2.1
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
status:
  phase: Running
"#
        )
    }

    fn service(port_name: &str, port: u32) -> String {
        format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  selector:\n    app: cart\n  ports:\n  - name: {port_name}\n    port: {port}\n")
    }

    const PDB: &str = "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: cart\n";

    const PRE_STOP: &str = "\n        lifecycle:\n          preStop:\n            exec:\n              command: [sleep, \"5\"]";

    /// The safe workload: two replicas, a PDB, a preStop hook, an HTTP port.
    fn safe() -> String {
        workload(2, "", "").replace(
            "image: shop/cart:2.1\n---",
            &format!("image: shop/cart:2.1{PRE_STOP}\n---"),
        ) + PDB
            + &service("http", 8080)
    }

    #[test]
    fn every_risk_is_listed() {
        let yaml = workload(1, "", "\n      terminationGracePeriodSeconds: 3")
            + &service("tcp-redis", 6379)
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig503),
            [(
                Severity::Warning,
                "Deployment shop/cart: 1 replica; no PodDisruptionBudget; terminationGracePeriodSeconds 3 < drain 5s; no preStop hook; non-HTTP ports: cart:6379 (tcp-redis)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn the_drain_duration_comes_from_the_proxy_config_annotation() {
        let annotation = "\n      annotations:\n        proxy.istio.io/config: |\n          terminationDrainDuration: 45s";
        let yaml = safe().replace(
            "        app: cart\n    spec:",
            &format!("        app: cart{annotation}\n    spec:"),
        );
        let found = check(&yaml, Code::Mig503);
        assert_eq!(
            found,
            [(
                Severity::Warning,
                "Deployment shop/cart: terminationGracePeriodSeconds 30 < drain 45s".to_string()
            )]
        );
    }

    #[test]
    fn an_on_delete_statefulset_is_a_risk() {
        let sts = safe()
            .replacen("kind: Deployment", "kind: StatefulSet", 1)
            .replace(
                "  replicas: 2\n",
                "  replicas: 2\n  updateStrategy:\n    type: OnDelete\n",
            )
            .replace(
                "kind: ReplicaSet\n    name: cart-7d9f8b6c4d",
                "kind: StatefulSet\n    name: cart",
            );
        assert_eq!(
            check(&sts, Code::Mig503),
            [(
                Severity::Warning,
                "StatefulSet shop/cart: updateStrategy OnDelete".to_string()
            )]
        );
    }

    #[test]
    fn a_safe_workload_has_no_risk() {
        assert_eq!(check(&(safe() + &cr("Migrating")), Code::Mig503), []);
        // grpc and an appProtocol count as graceful too.
        let grpc = safe().replace(
            "name: http\n    port: 8080",
            "name: grpc-api\n    port: 9090\n  - name: web\n    port: 8443\n    appProtocol: http2",
        );
        assert_eq!(check(&grpc, Code::Mig503), []);
    }

    #[test]
    fn only_workloads_with_istio_sidecars_are_assessed() {
        let asm = workload(1, "", "").replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        assert_eq!(check(&asm, Code::Mig503), []);
        let no_pods = workload(1, "", "")
            .split("---\napiVersion: v1\nkind: Pod")
            .next()
            .unwrap()
            .to_string();
        assert_eq!(check(&no_pods, Code::Mig503), []);
    }
}
