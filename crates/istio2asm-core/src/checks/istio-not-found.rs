//! # MIG205 istio-not-found
//!
//! ## What it finds
//!
//! No Istio control plane in the export: no istiod Deployment or pod with a `discovery` container
//! running a `pilot` image, and no `istio-sidecar-injector` ConfigMap with a version. Reported only
//! before Migrating (after that, Istio is meant to go away).
//!
//! ## Why it matters
//!
//! Without the control plane the tool cannot tell Istio's version, revisions or mesh config, so the
//! version gate and the istioctl uninstall command cannot be checked or chosen.
//!
//! ## How to fix
//!
//! Export the istio-system namespace's workloads and ConfigMaps too (see `istio2asm collect`); if
//! Istio runs elsewhere, include that namespace.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get deployments,pods -n istio-system -o yaml > istio-system.yaml
//! ```
//!
//! ## Example
//!
//! An export of application namespaces only.
//!
//! `error[MIG205]: no Istio control plane (istiod) in the input`

use crate::analysis::Context;
use crate::finding::{Code, Finding};
use crate::kubectl::{Command, Target};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.facts.control_planes.is_empty() || cx.migration.state >= State::Migrating {
        return;
    }
    out.push(
        Finding::new(Code::Mig205, "no Istio control plane (istiod) in the input")
            .commands([Command::kubectl(
                Target::Cluster,
                ["get", "deployments,pods,configmaps", "-o", "yaml"],
            )
            .in_namespace("istio-system")])
            .gate(State::SetupIstioForMigrate),
    );
}
