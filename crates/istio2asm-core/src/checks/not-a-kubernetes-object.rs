//! # MIG002 not-a-kubernetes-object
//!
//! ## What it finds
//!
//! A document that parses but is not a Kubernetes object: it lacks `apiVersion`, `kind` or
//! `metadata.name`, or it is a string, number or list instead of a mapping. Typical sources are a
//! Helm `values.yaml` or a `kustomization.yaml` picked up when a directory is loaded.
//!
//! ## Why it matters
//!
//! The document is skipped. If it was meant to be part of the cluster (a hand-trimmed or
//! truncated export), the analysis runs without it and the plan may miss workloads or Istio API
//! objects that still need attention in the change window.
//!
//! ## How to fix
//!
//! Load only kubectl exports, or remove the file from the input if it is not one; if it should
//! be an object, re-export it with kubectl rather than repairing it by hand.
//!
//! `istio2asm collect` prints the export commands, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get configmaps -n istio-system -o yaml > istio-system-configmaps.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: kustomize.config.k8s.io/v1beta1
//! kind: Kustomization
//! resources:
//!   - deployment.yaml
//! ```
//!
//! ```text
//! manifests/kustomization.yaml:1:1: error[MIG002]: not a Kubernetes object (missing metadata.name); skipped
//! ```

// Raised in crate::model.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check};
    use crate::codes::{Code, Severity};

    #[test]
    fn a_kustomization_is_not_an_object() {
        let yaml = r#"apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
"#;
        let a = analysis(yaml);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig002)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "not a Kubernetes object (missing metadata.name); skipped"
        );
        let at = a.sources.locate(found[0].span.unwrap()).unwrap();
        assert_eq!((at.line, at.column), (1, 1));
    }

    #[test]
    fn helm_values_lack_every_header_field() {
        let found = check("replicaCount: 2\nimage:\n  tag: 1.22.3\n", Code::Mig002);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0]
                .1
                .contains("missing apiVersion, kind, metadata.name"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn a_scalar_or_list_document_is_not_an_object() {
        let found = check("---\njust some text\n---\n- a\n- b\n", Code::Mig002);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("the document is a string, not an object"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("the document is a list, not an object"),
            "{messages:?}"
        );
    }

    #[test]
    fn objects_and_kubectl_version_output_are_accepted() {
        let yaml = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
clientVersion:
  gitVersion: v1.30.2
serverVersion:
  gitVersion: v1.28.3-aliyun.1
"#;
        assert_eq!(check(yaml, Code::Mig002), []);
    }
}
