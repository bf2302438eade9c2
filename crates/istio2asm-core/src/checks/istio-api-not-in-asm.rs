//! # MIG604 istio-api-not-in-asm
//!
//! ## What it finds
//!
//! With an export of the ASM control plane (`--asm-config`), each Istio API object of the cluster
//! (same group, kind, namespace and name) that ASM does not have. Without that export the gate is a
//! manual check and this code is not raised.
//!
//! ## Why it matters
//!
//! `istioctl uninstall --purge` deletes Istio's configuration from the cluster. An object that is
//! not in ASM by then is lost, and the workloads it configured lose their routes or policies.
//!
//! ## How to fix
//!
//! Apply the plan's Istio API bundle to ASM again, then export ASM's objects and re-run the check.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" apply -f istio-api-bundle.yaml
//! ```
//!
//! ## Example
//!
//! `istio-config.yaml:12:3: error[MIG604]: VirtualService shop/frontend is not in the ASM export`

use std::collections::HashSet;

use crate::analysis::Context;
use crate::finding::{Code, Finding};
use crate::model::{api_group, display_name};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(asm) = cx.asm else {
        return;
    };
    let present: HashSet<(&str, &str, &str, &str)> = asm
        .istio
        .iter()
        .map(|o| (api_group(&o.api_version), o.kind.as_str(), o.meta.ns(), o.name()))
        .collect();
    for object in &cx.bundle.istio {
        let key = (api_group(&object.api_version), object.kind.as_str(), object.meta.ns(), object.name());
        if present.contains(&key) {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig604,
                format!("{} {} is not in the ASM export", object.kind, display_name(&object.meta)),
            )
            .at(object.object_ref(), object.span)
            .gate(State::Finished),
        );
    }
}
