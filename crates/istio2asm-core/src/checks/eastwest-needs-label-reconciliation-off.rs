//! # MIG301 eastwest-needs-label-reconciliation-off
//!
//! ## What it finds
//!
//! An east-west gateway in the cluster while the `ASMMigrateFromIstio` resource does not set
//! `spec.advancedOptions.disableIstioSystemLabelReconciliation: true` (or the resource is missing).
//! East-west gateways are recognised in all three install styles: `istio: eastwestgateway` with
//! Service port 15443 (IstioOperator script), the Helm `gateway` chart with 15443 as a port or
//! targetPort, Gateway API class `istio-east-west` or a `cross-network` listener on 15443, and an
//! Istio `Gateway` with `AUTO_PASSTHROUGH` on 15443.
//!
//! ## Why it matters
//!
//! By default ASM keeps injection disabled on `istio-system`. The east-west gateway's pods get their
//! image from the injection webhook, so with the label enforced they come up broken and
//! cross-network traffic stops.
//!
//! ## How to fix
//!
//! Turn ASM's label reconciliation off for istio-system before the switch to SetupIstioForMigrate
//! (the command below), then remove the label (MIG302).
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":true}}}'
//! ```
//!
//! ## Example
//!
//! ```yaml
//! spec:
//!   desiredState: Init
//!   advancedOptions:
//!     disableIstioSystemLabelReconciliation: false
//! ```
//!
//! `asm-migrate.yaml:1:1: error[MIG301]: the cluster has an east-west gateway (...) but disableIstioSystemLabelReconciliation is not true`

use crate::analysis::Context;
use crate::finding::{Code, Finding};
use crate::phase::label_reconciliation_command;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(east_west) = cx.facts.east_west.first() else {
        return;
    };
    if cx.migration.disable_label_reconciliation {
        return;
    }
    let mut finding = Finding::new(
        Code::Mig301,
        format!(
            "the cluster has an east-west gateway ({} {}) but disableIstioSystemLabelReconciliation is not true",
            east_west.object.kind,
            east_west.object.name
        ),
    )
    .commands([label_reconciliation_command()])
    ;
    match (&cx.migration.object, cx.migration.span) {
        (Some(object), Some(span)) => finding = finding.at(object.clone(), span),
        _ => finding = finding.at(east_west.object.clone(), east_west.span),
    }
    out.push(finding);
}
