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

use crate::analysis::Context;
use crate::detect::{Flavor, OwnerKind, Role};
use crate::finding::{Code, Finding};
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
        let risks = assess(cx.bundle, cx.facts, workload);
        if risks.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig503,
                format!(
                    "{} {}/{}: {}",
                    workload.kind,
                    workload.ns(),
                    workload.name(),
                    risks.list().join("; ")
                ),
            )
            .at(workload.object_ref(), workload.span),
        );
    }
}
