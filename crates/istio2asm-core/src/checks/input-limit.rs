//! # MIG005 input-limit
//!
//! ## What it finds
//!
//! Input over a load limit: a file larger than `max-file-bytes` (default 1 GiB natively, enough
//! for `kubectl get pods -A -o json` of a 20,000-pod cluster, about 570 MB; 256 MiB in the browser
//! and the JS library, whose wasm memory ends at 4 GiB), all inputs together larger than
//! `max-total-bytes` (2 GiB natively, 1 GiB in wasm), more than `max-documents` documents and list
//! items (1,000,000), nesting deeper than `max-depth` (100), or YAML aliases that would expand
//! without bound (an alias bomb), which are refused without being expanded.
//!
//! ## Why it matters
//!
//! The file or document is not loaded (past `max-documents`, loading stops), so the analysis is
//! incomplete. A kubectl export never nests 100 levels deep or uses aliases, so a depth or alias
//! finding means the file did not come from kubectl as it is.
//!
//! ## How to fix
//!
//! Split a large export into smaller files, or raise the matching setting only for input you
//! trust; for a depth or alias finding, find out where the file came from instead.
//!
//! Exporting per namespace keeps each file small, and JSON loads faster than YAML:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -o json > cluster-bookinfo.json
//! ```
//!
//! ## Example
//!
//! ```yaml
//! a0: &a0 [x, x, x, x, x, x, x, x, x, x]
//! a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
//! a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
//! ```
//!
//! continued the same way up to `a9`, ten billion items once expanded:
//!
//! ```text
//! bomb.yaml:1:1: error[MIG005]: document not loaded: repetition limit exceeded
//! ```

// Raised in crate::load.

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::checks::testing::findings_with;
    use crate::codes::{Code, Severity};
    use crate::load::{Input, Limits};
    use crate::settings::Settings;

    const NAMESPACES: &str = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: c\n";

    fn with_limits(limits: Limits) -> Settings {
        Settings {
            asm_version: Some("1.24.6".into()),
            limits,
            ..Settings::default()
        }
    }

    fn mig005(yaml: &str, limits: Limits) -> Vec<(Severity, String)> {
        findings_with(yaml, &with_limits(limits))
            .into_iter()
            .filter(|(c, _, _)| *c == Code::Mig005)
            .map(|(_, s, m)| (s, m))
            .collect()
    }

    #[test]
    fn a_file_over_the_size_limit_is_not_loaded() {
        let found = mig005(
            NAMESPACES,
            Limits {
                max_file_bytes: 20,
                ..Limits::default()
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.starts_with("not loaded: the file"),
            "{}",
            found[0].1
        );
        assert!(found[0].1.contains("20 bytes"), "{}", found[0].1);
    }

    #[test]
    fn all_inputs_together_over_the_total_limit() {
        let settings = with_limits(Limits {
            max_total_bytes: NAMESPACES.len() + 10,
            ..Limits::default()
        });
        let a = analyze(
            vec![
                Input::new("one.yaml", NAMESPACES),
                Input::new("two.yaml", NAMESPACES.replace("name: ", "name: x")),
            ],
            Vec::new(),
            &settings,
        );
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig005)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert!(
            found[0].message.contains("all inputs together"),
            "{}",
            found[0].message
        );
        let at = a.sources.locate(found[0].span.unwrap()).unwrap();
        assert_eq!(at.path, "two.yaml");
        // The first file loaded; the second did not.
        assert_eq!(
            a.bundle.namespaces.keys().collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn loading_stops_after_the_document_limit() {
        let settings = with_limits(Limits {
            max_documents: 2,
            ..Limits::default()
        });
        let a = analyze(
            vec![Input::new("ns.yaml", NAMESPACES)],
            Vec::new(),
            &settings,
        );
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig005)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0].message.contains("more than 2 documents"),
            "{}",
            found[0].message
        );
        assert_eq!(a.bundle.namespaces.len(), 2);
    }

    #[test]
    fn a_document_nested_too_deep_is_refused() {
        let deep = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  labels:\n    a: {b: {c: {d: {e: x}}}}\n";
        let found = mig005(
            deep,
            Limits {
                max_depth: 3,
                ..Limits::default()
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.starts_with("document not loaded:"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn within_the_limits_nothing_is_reported() {
        let exact = Limits {
            max_file_bytes: NAMESPACES.len(),
            max_total_bytes: NAMESPACES.len(),
            max_documents: 3,
            max_depth: 4,
        };
        assert_eq!(mig005(NAMESPACES, exact), []);
    }
}
