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

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for filter in cx.bundle.istio_of_kind("EnvoyFilter") {
        out.push(
            Finding::new(
                Code::Mig508,
                t!(
                    cx.lang,
                    "mig508-envoyfilter",
                    object = format!("{}/{}", filter.ns(), filter.name()),
                ),
            )
            .at(filter.object_ref(), filter.span),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    const FILTER: &str = r#"---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: lua-header
  namespace: istio-system
spec:
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.lua
"#;

    #[test]
    fn each_envoy_filter_is_flagged_for_review() {
        let second = FILTER.replace(
            "name: lua-header\n  namespace: istio-system",
            "name: ratelimit\n  namespace: shop",
        );
        let found = check(&(FILTER.to_string() + &second + &cr("Init")), Code::Mig508);
        assert_eq!(
            found,
            [
                (
                    Severity::Warning,
                    "EnvoyFilter istio-system/lua-header patches Envoy directly: review it for ASM's proxy version"
                        .to_string()
                ),
                (
                    Severity::Warning,
                    "EnvoyFilter shop/ratelimit patches Envoy directly: review it for ASM's proxy version"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn other_istio_objects_need_no_review() {
        let yaml = FILTER.replace("kind: EnvoyFilter", "kind: Sidecar");
        assert_eq!(check(&yaml, Code::Mig508), []);
    }
}
