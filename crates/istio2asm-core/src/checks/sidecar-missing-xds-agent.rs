//! # MIG402 sidecar-missing-xds-agent
//!
//! ## What it finds
//!
//! Running pods with community Istio's sidecar (in `containers`, or a native sidecar in
//! `initContainers` with `restartPolicy: Always`) whose `istio-proxy` environment lacks
//! `PROXY_CONFIG_XDS_AGENT=true`, grouped by their owner (pod → ReplicaSet → Deployment,
//! StatefulSet, DaemonSet) with the restart that fixes them.
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

use crate::analysis::Context;
use crate::checks::support::{by_owner, pod_list, restart, Restart};
use crate::commands::verify_xds_agent;
use crate::detect::{Flavor, Role};
use crate::finding::{Code, Finding};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |p| !p.xds_agent) {
        let Restart::Rollout(command) = restart(cx.bundle, owner) else {
            continue;
        };
        let first = &cx.bundle.pods[proxies[0].pod];
        let object = cx
            .bundle
            .workloads
            .iter()
            .find(|w| w.ns() == owner.namespace && w.name() == owner.name && owner.resource() == w.body.kind.resource());
        let (object, span) = object.map_or((first.object_ref(), first.span), |w| (w.object_ref(), w.span));
        out.push(
            Finding::new(
                Code::Mig402,
                format!(
                    "{} in {}: Istio's sidecar lacks PROXY_CONFIG_XDS_AGENT=true on {}",
                    owner.display(),
                    owner.namespace,
                    pod_list(cx.bundle, &proxies)
                ),
            )
            .at(object, span)
            .commands([command, verify_xds_agent(&owner.namespace)])
            .gate(State::Migrating),
        );
    }
}
