//! # MIG603 istio-control-plane-remains
//!
//! ## What it finds
//!
//! Istio's control plane still installed: istiod Deployments or pods, and Istio's webhook
//! configurations (`istio-sidecar-injector[-<rev>]`, `istio-validator-*`,
//! `istiod-default-validator`, `istio-revision-tag-*`).
//!
//! ## Why it matters
//!
//! The switch to Finished requires Istio to be uninstalled; leftover webhooks keep injecting or
//! validating against a control plane that is about to disappear, and ASM reports them as residues
//! in `status.message`.
//!
//! ## How to fix
//!
//! After every workload and gateway runs on ASM and every Istio API object is in ASM, uninstall
//! Istio with the istioctl that matches its version: `istioctl uninstall --purge -y` from 1.15,
//! `istioctl x uninstall --purge -y` for 1.10 to 1.14. `--purge` also removes Istio's configuration
//! from the cluster, so import it into ASM first. Never delete the `*.istio.io` CRDs: ASM uses them.
//!
//! ```bash
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" uninstall --purge -y
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:100:3: error[MIG603]: Istio's control plane remains: deployment/istiod in istio-system, MutatingWebhookConfiguration istio-sidecar-injector`

use crate::analysis::Context;
use crate::commands::istioctl_uninstall;
use crate::finding::{Code, Finding};
use crate::phase::State;

/// Whether a webhook configuration belongs to Istio's control plane.
pub(crate) fn is_istio_webhook(name: &str) -> bool {
    name.starts_with("istio-sidecar-injector")
        || name.starts_with("istio-validator")
        || name.starts_with("istiod-")
        || name.starts_with("istio-revision-tag-")
}

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let mut remains: Vec<(String, crate::finding::ObjectRef, crate::source::Span)> = Vec::new();
    for plane in &cx.facts.control_planes {
        if let Some(deployment) = &plane.deployment {
            if let Some(w) = cx.bundle.workloads.iter().find(|w| &w.object_ref() == deployment) {
                remains.push((format!("deployment/{} in {}", w.name(), w.ns()), w.object_ref(), w.span));
            }
        }
    }
    for hook in cx.bundle.webhooks.iter().filter(|h| is_istio_webhook(h.name())) {
        remains.push((format!("{} {}", hook.kind, hook.name()), hook.object_ref(), hook.span));
    }
    let Some((_, object, span)) = remains.first().cloned() else {
        return;
    };
    let list: Vec<&str> = remains.iter().map(|(s, _, _)| s.as_str()).collect();
    out.push(
        Finding::new(Code::Mig603, format!("Istio's control plane remains: {}", list.join(", ")))
            .at(object, span)
            .commands([istioctl_uninstall(cx.facts.lowest_istio())])
            .gate(State::Finished),
    );
}
