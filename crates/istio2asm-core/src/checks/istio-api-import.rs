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

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if cx.bundle.istio.is_empty() {
        return;
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for object in &cx.bundle.istio {
        *kinds.entry(object.kind.as_str()).or_default() += 1;
    }
    let list: Vec<String> = kinds
        .iter()
        .map(|(k, n)| t!(cx.lang, "mig507-kind", count = *n, kind = *k))
        .collect();
    out.push(Finding::new(
        Code::Mig507,
        t!(
            cx.lang,
            "mig507-import",
            count = cx.bundle.istio.len(),
            kinds = list.join(&t!(cx.lang, "list-separator")),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    fn object(api_version: &str, kind: &str, name: &str) -> String {
        format!("---\napiVersion: {api_version}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: bookinfo\nspec: {{}}\n")
    }

    #[test]
    fn istio_api_objects_are_counted_by_kind() {
        let yaml = object("networking.istio.io/v1beta1", "VirtualService", "reviews")
            + &object("networking.istio.io/v1alpha3", "VirtualService", "ratings")
            + &object("networking.istio.io/v1beta1", "DestinationRule", "reviews")
            + &object("security.istio.io/v1beta1", "PeerAuthentication", "default")
            + &object("telemetry.istio.io/v1alpha1", "Telemetry", "mesh-default")
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig507),
            [(
                Severity::Info,
                "5 Istio API objects to import into ASM: 1 DestinationRule, 1 PeerAuthentication, 1 Telemetry, 2 VirtualService"
                    .to_string()
            )]
        );
    }

    #[test]
    fn install_objects_and_other_apis_are_not_imported() {
        let yaml = object(
            "install.istio.io/v1alpha1",
            "IstioOperator",
            "installed-state",
        ) + &object("gateway.networking.k8s.io/v1", "Gateway", "eastwest")
            + &object("v1", "ConfigMap", "istio");
        assert_eq!(check(&yaml, Code::Mig507), []);
        assert_eq!(check(&cr("Init"), Code::Mig507), []);
    }
}
