//! # MIG404 gateway-missing-xds-agent
//!
//! ## What it finds
//!
//! Istio gateway pods (`proxy router`, `inject.istio.io/templates: gateway`, or labels
//! `istio: ingressgateway|egressgateway|eastwestgateway`) whose `istio-proxy` lacks
//! `PROXY_CONFIG_XDS_AGENT=true`.
//!
//! ## Why it matters
//!
//! Gateways keep serving traffic through the migration until ASM's gateways take over; a gateway
//! restarted before ASM reconciled the mesh config keeps the old agent settings. It does not block
//! the switch, but restart it with the sidecars so every Istio proxy behaves the same way.
//!
//! ## How to fix
//!
//! Restart the gateway Deployment in a quiet moment (it has several replicas and a
//! PodDisruptionBudget, ideally) and verify the pods.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system rollout restart deployment/istio-egressgateway
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:300:3: warning[MIG404]: gateway deployment/istio-egressgateway in istio-system: PROXY_CONFIG_XDS_AGENT=true is missing on 2 pods (...)`

use crate::analysis::Context;
use crate::checks::support::{by_owner, pod_list, restart, Restart};
use crate::commands::verify_xds_agent;
use crate::detect::{Flavor, Role};
use crate::finding::{Code, Finding};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Gateway, Flavor::Istio, |p| !p.xds_agent) {
        let first = &cx.bundle.pods[proxies[0].pod];
        let mut commands = Vec::new();
        if let Restart::Rollout(command) = restart(cx.bundle, owner) {
            commands.push(command);
        }
        commands.push(verify_xds_agent(&owner.namespace));
        out.push(
            Finding::new(
                Code::Mig404,
                format!(
                    "gateway {} in {}: PROXY_CONFIG_XDS_AGENT=true is missing on {}",
                    owner.display(),
                    owner.namespace,
                    pod_list(cx.bundle, &proxies)
                ),
            )
            .at(first.object_ref(), first.span)
            .commands(commands)
            .gate(State::Migrating),
        );
    }
}
