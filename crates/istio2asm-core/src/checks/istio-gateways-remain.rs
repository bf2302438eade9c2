//! # MIG602 istio-gateways-remain
//!
//! ## What it finds
//!
//! Istio gateways (ingress, egress, east-west) that still run Istio's proxy.
//!
//! ## Why it matters
//!
//! A gateway that still carries traffic when Istio is uninstalled loses its control plane; the
//! uninstall with `--purge` also deletes gateways installed by istioctl, cutting their traffic at
//! once.
//!
//! ## How to fix
//!
//! Move each gateway's traffic to ASM's gateway (ingress: CLB weights to 0 on the Istio side;
//! egress: VirtualService weights to 100 on the ASM side), confirm in the Istio gateway's access log
//! that no traffic remains, then remove it.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system logs deployment/istio-egressgateway --since=10m
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:300:3: error[MIG602]: 3 Istio gateways remain: deployment/istio-ingressgateway (ingress), ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::detect::GatewayKind;
use crate::finding::Finding;
use crate::kubectl::{Command, Target};
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let remaining: Vec<_> = cx.facts.gateways.iter().filter(|g| !g.asm).collect();
    let Some(first) = remaining.first() else {
        return;
    };
    let list: Vec<String> = remaining
        .iter()
        .map(|g| {
            let kind = match g.kind {
                GatewayKind::Ingress => t!(cx.lang, "mig602-ingress"),
                GatewayKind::Egress => t!(cx.lang, "mig602-egress"),
                GatewayKind::EastWest => t!(cx.lang, "mig602-east-west"),
            };
            t!(
                cx.lang,
                "mig602-gateway",
                owner = g.owner.display(),
                at_ns = in_namespace(cx.lang, &g.owner.namespace),
                kind = kind,
            )
        })
        .collect();
    let logs = remaining.iter().map(|g| {
        Command::kubectl(Target::Cluster, "logs")
            .object(g.owner.resource(), &g.owner.name)
            .arg("--since=10m")
            .in_namespace(&g.owner.namespace)
    });
    out.push(
        Finding::new(
            Code::Mig602,
            t!(
                cx.lang,
                "mig602-remain",
                count = remaining.len(),
                gateways = list.join(&t!(cx.lang, "list-separator")),
            ),
        )
        .at(first.object.clone(), first.span)
        .commands(logs)
        .gate(State::Finished),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    fn gateway_pod(name: &str, label: &str, image: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: Pod
metadata:
  name: {name}-5d8c7b9f4-h2j4k
  namespace: istio-system
  labels:
    istio: {label}
    pod-template-hash: 5d8c7b9f4
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: {name}-5d8c7b9f4
    controller: true
spec:
  containers:
  - name: istio-proxy
    image: {image}
    args: [proxy, router]
status:
  phase: Running
"#
        )
    }

    const ISTIO: &str = "docker.io/istio/proxyv2:1.22.3";
    const ASM: &str =
        "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun";

    #[test]
    fn istio_gateways_block_the_finish() {
        let yaml = gateway_pod("istio-ingressgateway", "ingressgateway", ISTIO)
            + &gateway_pod("istio-egressgateway", "egressgateway", ISTIO)
            + &gateway_pod("istio-eastwestgateway", "eastwestgateway", ISTIO)
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig602),
            [(
                Severity::Error,
                "3 Istio gateways remain: deployment/istio-eastwestgateway in istio-system (east-west), deployment/istio-egressgateway in istio-system (egress), deployment/istio-ingressgateway in istio-system (ingress)"
                    .to_string()
            )]
        );
        let rendered = commands(&yaml, Code::Mig602);
        assert_eq!(rendered[0].len(), 3);
        assert_eq!(
            rendered[0][0],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system logs deployment/istio-eastwestgateway --since=10m"#
        );
    }

    #[test]
    fn before_migrating_it_is_information() {
        let yaml = gateway_pod("istio-ingressgateway", "ingressgateway", ISTIO)
            + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig602);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Info);
        assert!(
            found[0]
                .1
                .contains("deployment/istio-ingressgateway in istio-system (ingress)"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn asm_gateways_pass() {
        let yaml = gateway_pod("istio-ingressgateway", "ingressgateway", ASM) + &cr("Migrating");
        assert_eq!(check(&yaml, Code::Mig602), []);
        assert_eq!(check(&cr("Migrating"), Code::Mig602), []);
    }
}
