//! # MIG512 switch-not-to-asm
//!
//! ## What it finds
//!
//! A workload the plan switches to ASM whose next restart, after the plan's exact switch patch
//! (the ASM label on its pod template, setting `asm-label`) is applied to the exported template,
//! does not get ASM's sidecar, with why: another injector is called after ASM's (the last one
//! decides, MIG511), ASM's webhook does not match the namespace or the pod, the pod turns
//! injection off (`sidecar.istio.io/inject: "false"`, whose label wins over the annotation), it
//! uses `hostNetwork`, or its namespace is one Istio never injects (kube-system, kube-public,
//! kube-node-lease, local-path-storage). The injector's own checks are Istio's `injectRequired`
//! (`pkg/kube/inject/inject.go` L201-315); ASM's injector is assumed to make the same checks,
//! since ASM is built from Istio (no public source shows ASM's injector).
//!
//! Raised only when ASM's webhook configuration is in the export; before the cluster is added to
//! ASM, the report's `injection` section says the result after the switch is unknown.
//!
//! ## Why it matters
//!
//! The switch wave restarts the workload and expects ASM's proxy; it comes back with Istio's or
//! with none, and the Finished gate (`no-istio-sidecars`) cannot pass, or the workload leaves the
//! mesh in the change window.
//!
//! ## How to fix
//!
//! Remove the cause the message names before the wave: drop `sidecar.istio.io/inject: "false"`
//! from the template, move the namespace from `istio-injection=enabled` to a revision label so
//! Istio's webhook no longer matches labelled pods, or fix ASM's webhook selectors. Then verify
//! what both meshes' webhooks select:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get mutatingwebhookconfigurations -o yaml
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" x check-inject -n shop -l app=checkout,sidecar.asm.aliyun.com/inject=true
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Deployment
//! metadata: {name: checkout, namespace: shop}
//! spec:
//!   template:
//!     metadata:
//!       labels: {app: checkout, sidecar.istio.io/inject: "false"}
//! ```
//!
//! `cluster.yaml:12:3: error[MIG512]: Deployment shop/checkout: after its switch it gets no sidecar, not ASM's: sidecar-injector-asm object.sidecar-injector.asm: pod label sidecar.asm.aliyun.com/inject=true matches; skips: label sidecar.istio.io/inject="false" turns injection off`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::{check_inject, get_webhook_configuration};
use crate::finding::Finding;
use crate::inject::{Mesh, Sidecar};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let sim = cx.injection;
    if !sim.asm_exported {
        return;
    }
    for subject in &sim.subjects {
        let Some(after) = &subject.after_switch else {
            continue;
        };
        let message = match &after.sidecar {
            Sidecar::Asm | Sidecar::Unknown => continue,
            Sidecar::None => t!(
                cx.lang,
                "mig512-gets-none",
                subject = subject.display(),
                reason = &after.reason
            ),
            istio @ Sidecar::Istio(_) => t!(
                cx.lang,
                "mig512-gets-istio",
                subject = subject.display(),
                sidecar = istio.label(cx.lang),
                reason = &after.reason
            ),
        };
        let mut commands: Vec<_> = sim
            .configurations
            .iter()
            .filter(|c| c.mesh == Mesh::Asm)
            .map(|c| get_webhook_configuration(&c.name))
            .collect();
        commands.push(check_inject(subject.namespace(), &after.labels));
        out.push(
            Finding::new(Code::Mig512, message)
                .at(subject.object.clone(), subject.span)
                .commands(commands),
        );
    }
}
