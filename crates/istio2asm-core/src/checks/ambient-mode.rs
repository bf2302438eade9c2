//! # MIG510 ambient-mode
//!
//! ## What it finds
//!
//! Istio's ambient data plane in the export: namespaces labelled `istio.io/dataplane-mode:
//! ambient` (with the workloads in them that run no sidecar), workloads and bare pods enrolled by
//! that label themselves, waypoint proxies (Gateways of class `istio-waypoint`, or what Istio
//! generated for them) and the `ztunnel` DaemonSet. The names come from Istio's ambient
//! documentation and its `ztunnel` Helm chart.
//!
//! ## Why it matters
//!
//! The migration procedure moves sidecars to ASM's proxy by labelling pod templates. An ambient
//! workload has no sidecar: the label does not move it, it keeps using ztunnel and its waypoint,
//! and uninstalling Istio removes both, which leaves it without mTLS and without its policies.
//!
//! ## How to fix
//!
//! Decide for each ambient namespace before the switch to Migrating: move it to sidecars first
//! (remove the ambient label, label it for Istio's sidecar injection and restart its workloads),
//! so that the procedure then moves it, or keep it out of the migration and do not uninstall
//! Istio while it depends on ztunnel. istio2asm does not plan an ambient migration.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces -l istio.io/dataplane-mode=ambient
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Namespace
//! metadata:
//!   name: bookinfo
//!   labels:
//!     istio.io/dataplane-mode: ambient
//! ```
//!
//! `cluster.yaml:3:3: warning[MIG510]: namespace bookinfo is in Istio's ambient mode: 2 workloads (deployment/productpage, deployment/reviews) run without a sidecar; the procedure does not move them`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::ambient_namespaces;
use crate::detect::DATAPLANE_MODE;
use crate::finding::Finding;
use crate::names::in_namespace;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let ambient = &cx.facts.ambient;
    let list_namespaces = ambient_namespaces();
    for ns in &ambient.namespaces {
        let name = ns.object.name.as_str();
        let inside: Vec<String> = ambient
            .workloads
            .iter()
            .filter(|w| w.object.namespace.as_deref() == Some(name))
            .map(|w| w.display())
            .collect();
        let what = if inside.is_empty() {
            t!(cx.lang, "mig510-no-workload")
        } else {
            t!(
                cx.lang,
                "mig510-workloads",
                count = inside.len(),
                names = inside.join(&t!(cx.lang, "list-separator")),
            )
        };
        out.push(
            Finding::new(
                Code::Mig510,
                t!(cx.lang, "mig510-namespace", namespace = name, what = what),
            )
            .at(ns.object.clone(), ns.span)
            .commands([list_namespaces.clone()]),
        );
    }
    let in_ambient_namespace = |namespace: Option<&str>| {
        ambient
            .namespaces
            .iter()
            .any(|ns| Some(ns.object.name.as_str()) == namespace)
    };
    for w in ambient
        .workloads
        .iter()
        .filter(|w| !in_ambient_namespace(w.object.namespace.as_deref()))
    {
        out.push(
            Finding::new(
                Code::Mig510,
                t!(
                    cx.lang,
                    "mig510-workload",
                    workload = w.display(),
                    at_ns =
                        in_namespace(cx.lang, w.object.namespace.as_deref().unwrap_or_default()),
                    label = DATAPLANE_MODE,
                ),
            )
            .at(w.object.clone(), w.span),
        );
    }
    for waypoint in &ambient.waypoints {
        out.push(
            Finding::new(
                Code::Mig510,
                t!(
                    cx.lang,
                    "mig510-waypoint",
                    gateway = waypoint.display(),
                    at_ns = in_namespace(
                        cx.lang,
                        waypoint.object.namespace.as_deref().unwrap_or_default()
                    ),
                ),
            )
            .at(waypoint.object.clone(), waypoint.span),
        );
    }
    if let Some(ztunnel) = ambient.ztunnel.first() {
        out.push(
            Finding::new(
                Code::Mig510,
                t!(
                    cx.lang,
                    "mig510-ztunnel",
                    object = ztunnel.display(),
                    at_ns = in_namespace(
                        cx.lang,
                        ztunnel.object.namespace.as_deref().unwrap_or_default()
                    ),
                ),
            )
            .at(ztunnel.object.clone(), ztunnel.span)
            .commands([list_namespaces]),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, cr};
    use crate::codes::{Code, Severity};

    fn namespace(name: &str, mode: &str) -> String {
        format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels:\n    istio.io/dataplane-mode: {mode}\n")
    }

    fn deployment(name: &str, ns: &str, pod_labels: &str) -> String {
        format!("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels:\n        app: {name}{pod_labels}\n    spec:\n      containers:\n      - name: {name}\n        image: shop/{name}:1\n")
    }

    const ZTUNNEL: &str = "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ztunnel\n  namespace: istio-system\n  labels:\n    app: ztunnel\nspec:\n  template:\n    metadata:\n      labels:\n        app: ztunnel\n    spec:\n      containers:\n      - name: istio-proxy\n        image: docker.io/istio/ztunnel:1.24.6\n";

    const WAYPOINT: &str = "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: waypoint\n  namespace: bookinfo\n  labels:\n    istio.io/waypoint-for: service\nspec:\n  gatewayClassName: istio-waypoint\n  listeners:\n  - name: mesh\n    port: 15008\n    protocol: HBONE\n";

    #[test]
    fn an_ambient_namespace_names_its_workloads() {
        let yaml = namespace("bookinfo", "ambient")
            + &deployment("productpage", "bookinfo", "")
            + &deployment(
                "ratings",
                "bookinfo",
                "\n        istio.io/dataplane-mode: none",
            )
            + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig510),
            [(
                Severity::Warning,
                "namespace bookinfo is in Istio's ambient mode: 1 workload (deployment/productpage) runs without a sidecar; the procedure does not move them".to_string()
            )]
        );
        let a = analysis(&yaml);
        assert!(a.facts.ambient.enrolls("bookinfo", "productpage"));
        assert!(!a.facts.ambient.enrolls("bookinfo", "ratings"), "opted out");
    }

    #[test]
    fn a_pod_label_enrolls_a_workload_outside_an_ambient_namespace() {
        let yaml =
            deployment("cart", "shop", "\n        istio.io/dataplane-mode: ambient") + &cr("Init");
        let found = check(&yaml, Code::Mig510);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .1
                .starts_with("deployment/cart in shop is enrolled in Istio's ambient mode"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn ztunnel_and_waypoints_are_reported() {
        let yaml = ZTUNNEL.to_string() + WAYPOINT + &cr("Init");
        let messages: Vec<String> = check(&yaml, Code::Mig510)
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.starts_with("gateway/waypoint in bookinfo is an ambient waypoint proxy")), "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("daemonset/ztunnel in istio-system runs")),
            "{messages:?}"
        );
    }

    #[test]
    fn sidecar_namespaces_are_not_ambient() {
        let yaml = namespace("shop", "none") + &deployment("cart", "shop", "") + &cr("Init");
        assert_eq!(check(&yaml, Code::Mig510), []);
    }

    #[test]
    fn a_namespace_labelled_for_sidecars_too_gets_sidecars_not_ambient() {
        // Istio's ambient migration guide: the sidecar takes precedence over ztunnel.
        let both = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio.io/dataplane-mode: ambient\n    istio-injection: enabled\n";
        let yaml = both.to_string() + &deployment("cart", "shop", "") + &cr("Init");
        assert_eq!(check(&yaml, Code::Mig510), []);
    }
}
