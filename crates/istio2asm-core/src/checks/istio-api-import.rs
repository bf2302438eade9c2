//! # MIG507 istio-api-import
//!
//! ## What it finds
//!
//! The Istio API objects in the export (groups networking.istio.io, security.istio.io,
//! telemetry.istio.io, extensions.istio.io), counted by kind: the bundle to apply to ASM.
//!
//! ## Why it matters
//!
//! ASM proxies read their configuration from the ASM control plane, not from the cluster. Every
//! Istio API object has to exist in ASM before the first workload switches, or the switched
//! workloads lose their routing and security policy.
//!
//! ## How to fix
//!
//! Apply the plan's `istio-api-bundle.yaml` (server fields removed, namespaces created first) to
//! ASM, then verify with an export from ASM (`--asm-config`).
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" apply -f istio-api-bundle.yaml
//! ```
//!
//! ## Example
//!
//! `info[MIG507]: 14 Istio API objects to import into ASM: 3 DestinationRule, 2 Gateway, 5 VirtualService, ...`

use std::collections::BTreeMap;

use crate::analysis::Context;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if cx.bundle.istio.is_empty() {
        return;
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for object in &cx.bundle.istio {
        *kinds.entry(object.kind.as_str()).or_default() += 1;
    }
    let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    out.push(Finding::new(
        Code::Mig507,
        format!(
            "{} Istio API objects to import into ASM: {}",
            cx.bundle.istio.len(),
            list.join(", ")
        ),
    ));
}
