//! # MIG601 istio-sidecars-remain
//!
//! ## What it finds
//!
//! Running pods that still use community Istio's sidecar (classified by image and environment; the
//! evidence is kept per pod), counted across the cluster.
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

use crate::analysis::Context;
use crate::checks::support::is_live;
use crate::detect::{Flavor, Role};
use crate::finding::{Code, Finding};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let remaining: Vec<_> = cx
        .facts
        .proxies
        .iter()
        .filter(|p| p.role == Role::Sidecar && p.flavor == Flavor::Istio && is_live(cx.bundle, p.pod))
        .collect();
    let Some(first) = remaining.first() else {
        return;
    };
    let owners: BTreeSet<_> = remaining.iter().map(|p| &p.owner).collect();
    let pod = &cx.bundle.pods[first.pod];
    out.push(
        Finding::new(
            Code::Mig601,
            format!(
                "{} pod{} in {} workload{} still run Istio's sidecar",
                remaining.len(),
                if remaining.len() == 1 { "" } else { "s" },
                owners.len(),
                if owners.len() == 1 { "" } else { "s" }
            ),
        )
        .at(pod.object_ref(), pod.span)
        .gate(State::Finished),
    );
}
