//! # MIG508 envoyfilter-review
//!
//! ## What it finds
//!
//! Every EnvoyFilter in the export.
//!
//! ## Why it matters
//!
//! EnvoyFilters patch Envoy's generated configuration directly and depend on the exact Envoy and
//! Istio version; ASM's proxy is a different build. An EnvoyFilter that matched Istio's
//! configuration may silently do nothing, or break listeners, under ASM.
//!
//! ## How to fix
//!
//! Review each EnvoyFilter against ASM's version before importing it: prefer ASM's plugin features,
//! Telemetry or WasmPlugin where they exist, test it on one switched workload, and keep a rollback.
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: networking.istio.io/v1alpha3
//! kind: EnvoyFilter
//! metadata: {name: lua-headers, namespace: shop}
//! ```
//!
//! `istio-config.yaml:200:3: warning[MIG508]: EnvoyFilter shop/lua-headers patches Envoy directly: review it for ASM's proxy version`

use crate::analysis::Context;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for filter in cx.bundle.istio_of_kind("EnvoyFilter") {
        out.push(
            Finding::new(
                Code::Mig508,
                format!(
                    "EnvoyFilter {}/{} patches Envoy directly: review it for ASM's proxy version",
                    filter.ns(),
                    filter.name()
                ),
            )
            .at(filter.object_ref(), filter.span),
        );
    }
}
