//! # MIG601 istio-sidecars-remain
//!
//! ## What it finds
//!
//! Running pods that still use community Istio's sidecar (classified by image and environment; the
//! evidence is kept per pod), counted across the cluster, and the workloads injected by hand
//! (MIG509) whose pods were not exported: their template holds Istio's proxy, so their pods do too.
//!
//! ## Why it matters
//!
//! Finished means Istio is gone. Uninstalling Istio while pods still run its sidecar leaves them
//! without a control plane: their configuration freezes and certificates stop rotating.
//!
//! ## How to fix
//!
//! Switch the remaining workloads to ASM's proxy (MIG501 lists them with the label patch), wait for
//! their rollouts, and export again.
//!
//! ## Example
//!
//! `cluster.yaml:700:3: error[MIG601]: 12 pods in 5 workloads still run Istio's sidecar`

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::codes::Code;
use crate::detect::is_live;
use crate::detect::{Flavor, Role};
use crate::finding::Finding;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let remaining: Vec<_> = cx
        .facts
        .proxies
        .iter()
        .filter(|p| {
            p.role == Role::Sidecar && p.flavor == Flavor::Istio && is_live(cx.bundle, p.pod)
        })
        .collect();
    let owners: BTreeSet<_> = remaining.iter().map(|p| &p.owner).collect();
    // Injected by hand, pods not exported: the template says what they run.
    let unexported: Vec<_> = cx
        .facts
        .manual_injections
        .iter()
        .filter(|m| {
            !owners
                .iter()
                .any(|o| o.namespace == m.namespace() && o.name == m.object.name)
        })
        .collect();
    let mut parts = Vec::new();
    if !remaining.is_empty() {
        parts.push(t!(
            cx.lang,
            "mig601-pods",
            pods = remaining.len(),
            workloads = owners.len()
        ));
    }
    if !unexported.is_empty() {
        let names: Vec<String> = unexported
            .iter()
            .map(|m| format!("{}/{}", m.kind.resource(), m.object.name))
            .collect();
        parts.push(t!(
            cx.lang,
            "mig601-by-hand",
            count = unexported.len(),
            names = names.join(&t!(cx.lang, "list-separator")),
        ));
    }
    let (object, span) = match (remaining.first(), unexported.first()) {
        (Some(first), _) => {
            let pod = &cx.bundle.pods[first.pod];
            (pod.object_ref(), pod.span)
        }
        (None, Some(manual)) => (manual.object.clone(), manual.span),
        (None, None) => return,
    };
    out.push(
        Finding::new(
            Code::Mig601,
            parts.join(&t!(cx.lang, "checks-clause-separator")),
        )
        .at(object, span)
        .gate(State::Finished),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    fn pod(name: &str, owner: &str, proxy: &str, phase: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: shop{owner}
spec:
  containers:
  - name: app
    image: shop/app:1{proxy}
status:
  phase: {phase}
"#
        )
    }

    const ISTIO: &str = "\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.22.3\n    args: [proxy, sidecar]";
    const ASM: &str = "\n  - name: istio-proxy\n    image: registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun\n    args: [proxy, sidecar]";
    const GATEWAY: &str = "\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.22.3\n    args: [proxy, router]";
    const INIT_ONLY: &str = "\n  initContainers:\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.22.3\n    args: [proxy, sidecar]";

    fn cart() -> String {
        "\n  labels:\n    pod-template-hash: 7d9f8b6c4d\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: cart-7d9f8b6c4d\n    controller: true".to_string()
    }

    #[test]
    fn istio_sidecars_block_the_finish() {
        let yaml = pod("cart-7d9f8b6c4d-2xkqp", &cart(), ISTIO, "Running")
            + &pod("cart-7d9f8b6c4d-9vbnm", &cart(), ISTIO, "Running")
            + &pod("debug-shell", "", ISTIO, "Running")
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig601),
            [(
                Severity::Error,
                "3 pods in 2 workloads still run Istio's sidecar".to_string()
            )]
        );
    }

    #[test]
    fn asm_gateway_finished_and_non_sidecar_pods_do_not_count() {
        let yaml = pod("cart-7d9f8b6c4d-2xkqp", &cart(), ISTIO, "Running")
            + &pod("cart-7d9f8b6c4d-9vbnm", &cart(), ASM, "Running")
            + &pod(
                "istio-ingressgateway-5d8c7b9f4-h2j4k",
                "",
                GATEWAY,
                "Running",
            )
            + &pod("migrate-db-x8k2p", "", ISTIO, "Succeeded")
            + &pod("setup-h5g6j", "", INIT_ONLY, "Running")
            + &cr("Migrating");
        let found = check(&yaml, Code::Mig601);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.starts_with("1 pod in 1 workload "),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn before_migrating_it_is_information() {
        let yaml = pod("debug-shell", "", ISTIO, "Running");
        assert_eq!(
            check(&(yaml.clone() + &cr("Init")), Code::Mig601)[0].0,
            Severity::Info
        );
        assert_eq!(
            check(&(yaml + &cr("SetupIstioForMigrate")), Code::Mig601)[0].0,
            Severity::Info
        );
    }

    #[test]
    fn only_asm_sidecars_pass() {
        let yaml = pod("cart-7d9f8b6c4d-2xkqp", &cart(), ASM, "Running") + &cr("Migrating");
        assert_eq!(check(&yaml, Code::Mig601), []);
    }

    #[test]
    fn a_workload_injected_by_hand_counts_without_its_pods() {
        let yaml = crate::checks::workload_manually_injected::tests::injected("hello", "shop")
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig601),
            [(
                Severity::Error,
                "1 workload injected by hand (deployment/hello) still carries Istio's proxy in its pod template (pods not exported)".to_string()
            )]
        );
    }
}
