//! # MIG006 invalid-name
//!
//! ## What it finds
//!
//! An object whose name or namespace breaks Kubernetes' name rules: an RFC 1123 subdomain for
//! most kinds, an RFC 1123 label for namespaces (and every `metadata.namespace`), an RFC 1035
//! label for Services, a path segment for RBAC objects. The object is skipped, so no command is
//! ever generated from it.
//!
//! ## Why it matters
//!
//! The API server does not accept such a name, so the file was edited or did not come from kubectl.
//! Names go into the commands you paste in the change window; a name like `reviews$(id)` or one
//! with invisible characters could change what a command does or hide what it shows. The
//! skipped object is also missing from every count and gate.
//!
//! ## How to fix
//!
//! Re-export from the cluster with kubectl and load the fresh file; since the API server cannot
//! hold such a name, also find out how the loaded file was produced before trusting the rest of it.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get namespaces,deployments,statefulsets,daemonsets,replicasets,pods,services,poddisruptionbudgets,jobs,cronjobs -A -o yaml > cluster.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata:
//!   name: reviews$(id)
//!   namespace: bookinfo
//! ```
//!
//! ```text
//! cluster.yaml:1:1: error[MIG006]: Deployment skipped: its name "reviews$(id)" is not an RFC 1123 subdomain; no command is generated for it
//! ```

// Raised in crate::names.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, cr};
    use crate::codes::{Code, Severity};
    use crate::kubectl::KubeconfigVars;

    /// A Deployment and its Istio sidecar pod (owner found by the pod-template-hash); `name` and
    /// `namespace` go into YAML double quotes, so YAML escapes such as `\n` work.
    fn workload(name: &str, namespace: &str) -> String {
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "{name}"
  namespace: "{namespace}"
spec:
  replicas: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: "{name}-7d9f8b6c4d-2xkqp"
  namespace: "{namespace}"
  labels:
    pod-template-hash: 7d9f8b6c4d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: "{name}-7d9f8b6c4d"
    controller: true
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
"#
        )
    }

    /// Every rendered command of every finding.
    fn all_commands(yaml: &str) -> Vec<String> {
        let vars = KubeconfigVars::default();
        analysis(yaml)
            .findings
            .iter()
            .flat_map(|f| f.commands.iter().map(|c| c.render(&vars)))
            .collect()
    }

    #[test]
    fn a_command_substitution_in_a_name_is_refused() {
        let yaml = workload("reviews$(id)", "bookinfo") + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig006);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(s, _)| *s == Severity::Error));
        assert_eq!(
            found[0].1,
            r#"Deployment skipped: its name "reviews$(id)" is not an RFC 1123 subdomain; no command is generated for it"#
        );
        assert!(found[1].1.starts_with("Pod skipped"), "{}", found[1].1);
        // Neither the restart (MIG402) nor any other command carries the name.
        assert_eq!(check(&yaml, Code::Mig402), []);
        assert!(all_commands(&yaml).iter().all(|c| !c.contains("$(id)")));
    }

    #[test]
    fn upper_case_and_quotes_are_refused() {
        let upper = check(&workload("Reviews", "bookinfo"), Code::Mig006);
        assert_eq!(upper.len(), 2, "{upper:?}");
        assert!(
            upper[0]
                .1
                .contains(r#"its name "Reviews" is not an RFC 1123 subdomain"#),
            "{}",
            upper[0].1
        );
        let quote = check(&workload("rev'iews", "bookinfo"), Code::Mig006);
        assert_eq!(quote.len(), 2, "{quote:?}");
        assert!(quote[0].1.contains(r#""rev'iews""#), "{}", quote[0].1);
        let ns = check(&workload("reviews", "BookInfo"), Code::Mig006);
        assert_eq!(ns.len(), 2, "{ns:?}");
        assert!(
            ns[0]
                .1
                .contains(r#"its namespace "BookInfo" is not an RFC 1123 label"#),
            "{}",
            ns[0].1
        );
    }

    #[test]
    fn a_newline_or_a_right_to_left_mark_is_refused_and_shown_escaped() {
        let newline = check(&workload("rev\\niews", "bookinfo"), Code::Mig006);
        assert_eq!(newline.len(), 2, "{newline:?}");
        assert!(newline[0].1.contains(r#""rev\niews""#), "{}", newline[0].1);
        assert!(!newline[0].1.contains('\n'));
        let rtl = check(
            &workload("reviews\u{202e}txt.exe", "bookinfo"),
            Code::Mig006,
        );
        assert_eq!(rtl.len(), 2, "{rtl:?}");
        assert_eq!(rtl[0].0, Severity::Error);
        // The mark is escaped, so the message shows what the name really is.
        assert!(!rtl[0].1.contains('\u{202e}'), "{}", rtl[0].1);
        assert!(rtl[0].1.contains(r"\u{202e}"), "{}", rtl[0].1);
    }

    #[test]
    fn services_and_namespaces_use_their_own_rules() {
        let yaml = r#"---
apiVersion: v1
kind: Service
metadata:
  name: 9lives
  namespace: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop.example
"#;
        let found = check(yaml, Code::Mig006);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                r#"Service skipped: its name "9lives" is not an RFC 1035 label; no command is generated for it"#,
                r#"Namespace skipped: its name "shop.example" is not an RFC 1123 label; no command is generated for it"#,
            ]
        );
    }

    #[test]
    fn valid_names_pass() {
        let rbac = "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:istiod-istio-system\n";
        let yaml = workload("reviews-v2", "bookinfo") + rbac;
        assert_eq!(check(&yaml, Code::Mig006), []);
        assert_eq!(analysis(&yaml).bundle.pods.len(), 1);
    }
}
