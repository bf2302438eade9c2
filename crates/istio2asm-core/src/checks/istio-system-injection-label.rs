//! # MIG302 istio-system-injection-label
//!
//! ## What it finds
//!
//! Namespace `istio-system` carries the label `istio-injection` (whatever its value; ASM writes
//! `disabled`, the seed document spells it `disable`) while the cluster has an east-west gateway.
//!
//! ## Why it matters
//!
//! The east-west gateway's pods depend on the injection webhook to replace their image; a namespace
//! that explicitly disables injection leaves new gateway pods without a working proxy.
//!
//! ## How to fix
//!
//! After turning label reconciliation off (MIG301), remove the label from istio-system in the
//! cluster (the command below).
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" label namespace istio-system istio-injection-
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Namespace
//! metadata:
//!   name: istio-system
//!   labels:
//!     istio-injection: disabled
//! ```
//!
//! `cluster.yaml:3:3: error[MIG302]: namespace istio-system carries istio-injection=disabled and the cluster has an east-west gateway`

use crate::analysis::Context;
use crate::commands::remove_namespace_label;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.facts.has_east_west() {
        return;
    }
    let Some(ns) = cx.bundle.namespaces.get("istio-system") else {
        return;
    };
    let Some(value) = ns.meta.label("istio-injection") else {
        return;
    };
    out.push(
        Finding::new(
            Code::Mig302,
            format!(
                "namespace istio-system carries istio-injection={value} and the cluster has an east-west gateway"
            ),
        )
        .at(ns.object_ref(), ns.span)
        .commands([remove_namespace_label("istio-system", "istio-injection")])
    );
}
