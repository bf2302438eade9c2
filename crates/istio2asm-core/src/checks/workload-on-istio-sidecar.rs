//! # MIG501 workload-on-istio-sidecar
//!
//! ## What it finds
//!
//! In Migrating (or when the switch to it was asked for), each workload whose running pods still use
//! community Istio's sidecar, with the label patch that moves it to ASM's proxy. This is progress,
//! not a problem.
//!
//! ## Why it matters
//!
//! Every workload has to be switched before the Finished gate (MIG601) can pass; this list is what
//! is left.
//!
//! ## How to fix
//!
//! Add the ASM opt-in label to the pod template (default `sidecar.asm.aliyun.com/inject: "true"`,
//! a setting) in waves; the rollout then recreates the pods with ASM's proxy. Roll back with the
//! same patch and `null` as the value.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop patch deployment cart --type=merge -p '{"spec":{"template":{"metadata":{"labels":{"sidecar.asm.aliyun.com/inject":"true"}}}}}'
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:700:3: info[MIG501]: deployment/cart in shop: still on Istio's proxy 1.22.3 (2 pods (cart-7d9f8b6c4d-2xkqp, cart-7d9f8b6c4d-9vbnm))`

use crate::analysis::Context;
use crate::checks::support::{by_owner, pod_list};
use crate::commands::template_label_patch;
use crate::detect::{Flavor, OwnerKind, Role};
use crate::finding::{Code, Finding};
use crate::model::WorkloadKind;
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let migrating = cx.migration.state >= State::Migrating
        || cx.migration.desired.is_some_and(|d| d >= State::Migrating);
    if !migrating {
        return;
    }
    let settings = cx.settings;
    for (owner, proxies) in by_owner(cx, Role::Sidecar, Flavor::Istio, |_| true) {
        let first = &cx.bundle.pods[proxies[0].pod];
        let commands = match owner.kind {
            OwnerKind::Workload(kind @ (WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::DaemonSet)) => vec![
                template_label_patch(kind, &owner.namespace, &owner.name, &settings.asm_label_key, Some(&settings.asm_label_value)),
            ],
            _ => Vec::new(),
        };
        out.push(
            Finding::new(
                Code::Mig501,
                format!(
                    "{} in {}: still on Istio's proxy {} ({})",
                    owner.display(),
                    owner.namespace,
                    proxies[0].tag,
                    pod_list(cx.bundle, &proxies)
                ),
            )
            .at(first.object_ref(), first.span)
            .commands(commands),
        );
    }
}
