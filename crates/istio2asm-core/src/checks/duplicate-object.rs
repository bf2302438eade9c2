//! # MIG003 duplicate-object
//!
//! ## What it finds
//!
//! The same object twice in the inputs: same API group, kind, namespace and name. The API
//! version is ignored, so a VirtualService exported once as `v1beta1` and once as `v1` counts
//! as one object. The finding points at the second copy and lists where the first one is.
//!
//! ## Why it matters
//!
//! The first copy is used and the second is ignored. When the two come from exports taken at
//! different times, the first may be stale: a pod restarted since then, or a route changed, and
//! gates and commands are computed from the old copy.
//!
//! ## How to fix
//!
//! Export each resource type once and load one consistent set of files taken at the same time;
//! delete older exports from the input directory.
//!
//! If you need a fresh copy of part of the cluster, replace the old file rather than adding a new
//! one next to it, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml
//! ```
//!
//! ## Example
//!
//! Loading `istio-config.yaml` and then an older `old/istio-config.yaml` that also holds
//! VirtualService `bookinfo/reviews`:
//!
//! ```text
//! old/istio-config.yaml:212:3: warning[MIG003]: VirtualService bookinfo/reviews appears twice; the first copy is used
//! ```

// Raised in crate::model.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check};
    use crate::codes::{Code, Severity};

    const REVIEWS_V1BETA1: &str = r#"---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
"#;

    #[test]
    fn the_second_copy_is_reported_with_the_first_location() {
        let yaml = format!("{REVIEWS_V1BETA1}{REVIEWS_V1BETA1}");
        let a = analysis(&yaml);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig003)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "VirtualService bookinfo/reviews appears twice; the first copy is used"
        );
        let second = a.sources.locate(found[0].span.unwrap()).unwrap();
        let first = a.sources.locate(found[0].related[0]).unwrap();
        assert_eq!((first.line, second.line), (2, 11));
        assert_eq!(a.bundle.istio.len(), 1);
    }

    #[test]
    fn the_api_version_does_not_make_another_object() {
        let v1 = REVIEWS_V1BETA1.replace("v1beta1", "v1");
        let yaml = format!("{REVIEWS_V1BETA1}{v1}");
        let found = check(&yaml, Code::Mig003);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.contains("bookinfo/reviews"), "{}", found[0].1);
    }

    #[test]
    fn other_namespaces_kinds_and_groups_are_different_objects() {
        let other_ns = REVIEWS_V1BETA1.replace("namespace: bookinfo", "namespace: shop");
        let other_kind = REVIEWS_V1BETA1.replace("kind: VirtualService", "kind: DestinationRule");
        let service = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: bookinfo\n";
        let yaml = format!("{REVIEWS_V1BETA1}{other_ns}{other_kind}{service}");
        assert_eq!(check(&yaml, Code::Mig003), []);
        assert_eq!(analysis(&yaml).bundle.istio.len(), 3);
    }
}
