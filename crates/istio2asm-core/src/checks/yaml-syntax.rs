//! # MIG001 yaml-syntax
//!
//! ## What it finds
//!
//! A YAML or JSON document that does not parse: a syntax error, bytes that are not valid UTF-8
//! (for example a file saved as UTF-16), or the same key twice in one mapping. The location is
//! the first error in the document; the other documents and files still load.
//!
//! ## Why it matters
//!
//! The broken document is skipped, and a `kubectl get -o yaml` export is a single `kind: List`
//! document, so one error drops every object in that file. Gates that count pods or sidecars are
//! then computed on an incomplete cluster and may pass when they should not.
//!
//! ## How to fix
//!
//! Re-export the file with kubectl instead of editing it by hand, and write only kubectl's
//! standard output into it (no `2>&1`, no interrupted copy).
//!
//! Prefer JSON for large clusters: it loads about 15 times faster than YAML. `istio2asm collect`
//! prints every export command, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o json > cluster.json
//! ```
//!
//! On Windows, redirect with a shell that writes UTF-8; Windows PowerShell 5 writes UTF-16 by
//! default.
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: reviews
//!   labels: app: reviews
//! ```
//!
//! ```text
//! cluster.yaml:5:14: error[MIG001]: does not parse: mapping values are not allowed in this context
//! ```

// Raised in crate::load.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check};
    use crate::codes::{Code, Severity};

    const SERVICE: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: ratings
  namespace: bookinfo
spec:
  ports:
  - name: http
    port: 9080
"#;

    #[test]
    fn a_syntax_error_is_reported_where_it_is() {
        let yaml = r#"apiVersion: v1
kind: Service
metadata:
  name: reviews
  labels: app: reviews
"#;
        let a = analysis(yaml);
        let errors: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig001)
            .collect();
        assert_eq!(errors.len(), 1, "{:?}", a.findings);
        assert_eq!(errors[0].severity, Severity::Error);
        assert!(
            errors[0]
                .message
                .starts_with("does not parse: mapping values are not allowed"),
            "{}",
            errors[0].message
        );
        let at = a.sources.locate(errors[0].span.unwrap()).unwrap();
        assert_eq!((at.path.as_str(), at.line, at.column), ("test.yaml", 5, 14));
        assert!(a.bundle.services.is_empty());
    }

    #[test]
    fn the_other_documents_of_the_stream_still_load() {
        let yaml = format!(
            "{SERVICE}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: broken\n  labels: [app\n---\n{}",
            SERVICE.replace("ratings", "details")
        );
        let a = analysis(&yaml);
        let errors: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig001)
            .collect();
        assert_eq!(errors.len(), 1, "{:?}", a.findings);
        let at = a.sources.locate(errors[0].span.unwrap()).unwrap();
        // The error lies inside the second document (lines 10 to 15), not at the top of the file.
        assert!((10..=16).contains(&at.line), "{at:?}");
        let names: Vec<&str> = a.bundle.services.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["ratings", "details"]);
    }

    #[test]
    fn a_key_twice_is_a_syntax_error() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n";
        let found = check(yaml, Code::Mig001);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.contains("duplicate key `name`"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn broken_json_after_a_good_value_is_located() {
        let json = "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"shop\"}}\n{\"apiVersion\": \"v1\", \"kind\": }\n";
        let a = analysis(json);
        let errors: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig001)
            .collect();
        assert_eq!(errors.len(), 1, "{:?}", a.findings);
        assert_eq!(errors[0].severity, Severity::Error);
        let at = a.sources.locate(errors[0].span.unwrap()).unwrap();
        assert_eq!(at.line, 2, "{at:?}");
        assert!(a.bundle.namespaces.contains_key("shop"));
    }

    #[test]
    fn valid_yaml_and_json_have_no_syntax_error() {
        assert_eq!(check(SERVICE, Code::Mig001), []);
        let json = r#"{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}]}"#;
        assert_eq!(check(json, Code::Mig001), []);
    }
}
