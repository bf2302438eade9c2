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

use crate::analysis::Context;
use crate::finding::{Code, Finding};
use crate::kubectl::{Command, Target};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let remaining: Vec<_> = cx.facts.gateways.iter().filter(|g| !g.asm).collect();
    let Some(first) = remaining.first() else {
        return;
    };
    let list: Vec<String> = remaining
        .iter()
        .map(|g| format!("{} in {} ({})", g.owner.display(), g.owner.namespace, g.kind.as_str()))
        .collect();
    let logs = remaining.iter().map(|g| {
        Command::kubectl(Target::Cluster, ["logs".to_string(), g.owner.display(), "--since=10m".to_string()])
            .in_namespace(&g.owner.namespace)
    });
    out.push(
        Finding::new(
            Code::Mig602,
            format!("{} Istio gateway{} remain: {}", remaining.len(), if remaining.len() == 1 { "" } else { "s" }, list.join(", ")),
        )
        .at(first.object.clone(), first.span)
        .commands(logs)
        .gate(State::Finished),
    );
}
