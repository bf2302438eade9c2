//! # MIG402 sidecar-missing-xds-agent
//!
//! ## What it finds
//!
//! Running pods with community Istio's sidecar (in `containers`, or a native sidecar in
//! `initContainers` with `restartPolicy: Always`) whose `istio-proxy` environment lacks
//! `PROXY_CONFIG_XDS_AGENT=true`, grouped by their owner (pod → ReplicaSet → Deployment,
//! StatefulSet, DaemonSet) with the restart that fixes them. Owners that need a manual method
//! (OnDelete StatefulSets, Jobs, CronJobs, bare pods) are reported here too, since they block the
//! gate all the same, and their method is under MIG403.
//!
//! ## Why it matters
//!
//! The switch to Migrating requires every Istio sidecar to run with the XDS agent setting that ASM
//! added to the mesh config in SetupIstioForMigrate; pods started before that still have the old
//! configuration and ASM refuses to move on.
//!
//! ## How to fix
//!
//! Restart each owner (the command below), namespace by namespace, and verify that every pod shows
//! `true`. StatefulSets with `OnDelete`, Jobs, CronJobs and bare pods are listed under MIG403.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop rollout restart deployment/cart
//! ```
//!
//! ## Example
//!
//! A pod of Deployment `cart` whose `istio-proxy` container has no `PROXY_CONFIG_XDS_AGENT` env entry.
//!
//! `cluster.yaml:812:3: error[MIG402]: deployment/cart in shop: Istio's sidecar lacks PROXY_CONFIG_XDS_AGENT=true on 2 pods (cart-7d9f8b6c4d-2xkqp, cart-7d9f8b6c4d-9vbnm)`

use crate::checks::support::{by_owner, pod_list};
use crate::checks::Context;
use crate::codes::Code;
use crate::commands::{rollout_restart, verify_xds_agent};
use crate::detect::{restart, Restart};
use crate::detect::{Flavor, Role};
use crate::finding::Finding;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |p| !p.xds_agent) {
        // Every Istio sidecar pod blocks the gate; owners without a rollout restart get their
        // manual method under MIG403 as well.
        let (mut commands, help) = match restart(cx.bundle, owner) {
            Restart::Rollout(kind) => (vec![rollout_restart(kind, owner)], None),
            _ => (Vec::new(), Some(t!(cx.lang, "mig402-help-no-rollout"))),
        };
        commands.push(verify_xds_agent(&owner.namespace));
        let first = &cx.bundle.pods[proxies[0].pod];
        let object = cx.bundle.workloads.iter().find(|w| {
            w.ns() == owner.namespace
                && w.name() == owner.name
                && owner.resource() == w.body.kind.resource()
        });
        let (object, span) = object.map_or((first.object_ref(), first.span), |w| {
            (w.object_ref(), w.span)
        });
        out.push(
            Finding::new(
                Code::Mig402,
                t!(
                    cx.lang,
                    "mig402-missing",
                    owner = owner.display(),
                    at_ns = in_namespace(cx.lang, &owner.namespace),
                    pods = pod_list(cx.lang, cx.bundle, &proxies),
                ),
            )
            .at(object, span)
            .commands(commands)
            .help_opt(help.as_deref())
            .gate(State::Migrating),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    /// A pod of Deployment `cart` (through ReplicaSet `cart-7d9f8b6c4d`) with Istio's sidecar.
    const POD: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9f8b6c4d-2xkqp
  namespace: shop
  labels:
    app: cart
    pod-template-hash: 7d9f8b6c4d
  annotations:
    sidecar.istio.io/status: '{"containers":["istio-proxy"]}'
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: cart-7d9f8b6c4d
    uid: 5e1c2f0a
    controller: true
    blockOwnerDeletion: true
spec:
  containers:
  - name: cart
    image: shop/cart:2.1
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args:
    - proxy
    - sidecar
    - --domain
    - $(POD_NAMESPACE).svc.cluster.local
    env:
    - name: ISTIO_META_CLUSTER_ID
      value: Kubernetes
status:
  phase: Running
"#;

    const REPLICA_SET: &str = r#"---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cart-7d9f8b6c4d
  namespace: shop
  ownerReferences:
  - apiVersion: apps/v1
    kind: Deployment
    name: cart
    controller: true
spec:
  replicas: 1
"#;

    const RESTART: &str =
        r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop rollout restart deployment/cart"#;
    const MESSAGE: &str = "deployment/cart in shop: Istio's sidecar lacks PROXY_CONFIG_XDS_AGENT=true on 1 pod (cart-7d9f8b6c4d-2xkqp)";

    fn mig402(yaml: &str) -> Vec<(Severity, String)> {
        check(
            &(yaml.to_string() + &cr("SetupIstioForMigrate")),
            Code::Mig402,
        )
    }

    #[test]
    fn the_owner_is_found_through_the_exported_replica_set() {
        // Without the pod-template-hash label, only the exported ReplicaSet leads to the Deployment.
        let pod = POD.replace("    pod-template-hash: 7d9f8b6c4d\n", "");
        let yaml = pod + REPLICA_SET;
        assert_eq!(mig402(&yaml), [(Severity::Error, MESSAGE.to_string())]);
        let rendered = commands(&(yaml + &cr("SetupIstioForMigrate")), Code::Mig402);
        assert_eq!(rendered.len(), 1);
        assert_eq!(rendered[0][0], RESTART);
        assert!(rendered[0][1].starts_with(r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get pods -o 'jsonpath={range .items[*]}"#), "{}", rendered[0][1]);
    }

    #[test]
    fn the_owner_is_found_by_the_pod_template_hash_without_the_replica_set() {
        assert_eq!(mig402(POD), [(Severity::Error, MESSAGE.to_string())]);
        assert_eq!(
            commands(
                &(POD.to_string() + &cr("SetupIstioForMigrate")),
                Code::Mig402
            )[0][0],
            RESTART
        );
    }

    #[test]
    fn a_native_sidecar_counts() {
        let native = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9f8b6c4d-9vbnm
  namespace: shop
  labels:
    pod-template-hash: 7d9f8b6c4d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: cart-7d9f8b6c4d
    controller: true
spec:
  initContainers:
  - name: istio-validation
    image: docker.io/istio/proxyv2:1.22.3
    args: [istio-iptables, --run-validation]
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
    restartPolicy: Always
  containers:
  - name: cart
    image: shop/cart:2.1
"#;
        let found = mig402(native);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("on 1 pod (cart-7d9f8b6c4d-9vbnm)"),
            "{}",
            found[0].1
        );
        // An init container without restartPolicy: Always runs to completion: not a sidecar.
        let plain_init = native.replace("    restartPolicy: Always\n", "");
        assert_eq!(mig402(&plain_init), []);
    }

    #[test]
    fn statefulsets_and_daemonsets_are_restarted_by_rollout() {
        let sts = POD.replace("cart-7d9f8b6c4d-2xkqp", "redis-0").replace(
            "kind: ReplicaSet\n    name: cart-7d9f8b6c4d",
            "kind: StatefulSet\n    name: redis",
        );
        assert_eq!(
            commands(&(sts + &cr("SetupIstioForMigrate")), Code::Mig402)[0][0],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop rollout restart statefulset/redis"#
        );
        let ds = POD
            .replace("cart-7d9f8b6c4d-2xkqp", "node-agent-x7k2p")
            .replace(
                "kind: ReplicaSet\n    name: cart-7d9f8b6c4d",
                "kind: DaemonSet\n    name: node-agent",
            );
        let found = mig402(&ds);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.starts_with("daemonset/node-agent in shop:"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn ready_gateway_asm_and_finished_pods_are_not_counted() {
        let ready = POD.replace(
            "    - name: ISTIO_META_CLUSTER_ID\n      value: Kubernetes\n",
            "    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n",
        );
        let gateway = POD.replace("    - sidecar\n", "    - router\n");
        let asm_image = POD.replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        let asm_id = POD.replace("ISTIO_META_CLUSTER_ID", "ASM_ID");
        let succeeded = POD.replace("phase: Running", "phase: Succeeded");
        for pod in [ready, gateway, asm_image, asm_id, succeeded] {
            assert_eq!(mig402(&pod), [], "{pod}");
        }
    }

    #[test]
    fn pods_that_lack_it_are_counted_per_owner() {
        let second = POD.replace("2xkqp", "9vbnm");
        let ready = POD.replace("2xkqp", "zz9zz").replace(
            "    - name: ISTIO_META_CLUSTER_ID\n      value: Kubernetes\n",
            "    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n",
        );
        let found = mig402(&(POD.to_string() + &second + &ready));
        assert_eq!(
            found,
            [(
                Severity::Error,
                "deployment/cart in shop: Istio's sidecar lacks PROXY_CONFIG_XDS_AGENT=true on 2 pods (cart-7d9f8b6c4d-2xkqp, cart-7d9f8b6c4d-9vbnm)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn the_severity_follows_the_phase() {
        let at = |state: &str| check(&(POD.to_string() + &cr(state)), Code::Mig402);
        assert_eq!(at("Init")[0].0, Severity::Info);
        assert_eq!(at("SetupIstioForMigrate")[0].0, Severity::Error);
        assert_eq!(at("Migrating")[0].0, Severity::Warning);
    }
}
