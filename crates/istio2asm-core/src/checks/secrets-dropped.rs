//! # MIG004 secrets-dropped
//!
//! ## What it finds
//!
//! `Secret` objects with their data (`data` or `stringData`) in the input, for example from
//! `kubectl get all,secrets` or a backup of a namespace. Their data is dropped as they are loaded:
//! never stored, never shown, never part of a plan; of a Secret only its kind, namespace, name and
//! labels are kept (the trust and multi-cluster checks need the names of `cacerts` and of remote
//! secrets). The finding gives only their number and where the first one starts. The metadata-only
//! export of `istio2asm collect` raises no finding.
//!
//! ## Why it matters
//!
//! The migration needs no Secret, so the analysis is complete without them. The file you loaded
//! still holds them, though, with keys and certificates in base64, and should not be attached to
//! the change ticket or passed to reviewers.
//!
//! ## How to fix
//!
//! Nothing is needed for the analysis; re-export without Secrets using the commands from
//! `istio2asm collect`, and delete or lock away the file that contains them.
//!
//! The export commands never request Secrets, for example:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get configmaps -n istio-system -o yaml > istio-system-configmaps.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Secret
//! metadata:
//!   name: cacerts
//!   namespace: istio-system
//! type: Opaque
//! data:
//!   ca-key.pem: LS0tLS1CRUdJTi...
//! ```

// Raised in crate::model.

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::checks::testing::{analysis, check};
    use crate::codes::{Code, Severity};
    use crate::kubectl::KubeconfigVars;
    use crate::load::Input;
    use crate::settings::Settings;

    // base64 of "planted-secret-value", and the value itself in stringData.
    const SECRETS: &str = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
---
apiVersion: v1
kind: Secret
metadata:
  name: cacerts
  namespace: istio-system
type: Opaque
data:
  ca-key.pem: cGxhbnRlZC1zZWNyZXQtdmFsdWU=
stringData:
  token: planted-secret-value
---
apiVersion: v1
kind: Secret
metadata:
  name: Not$(a)ValidName
  namespace: istio-system
data:
  password: cGxhbnRlZC1zZWNyZXQtdmFsdWU=
"#;

    #[test]
    fn secrets_are_counted_and_dropped() {
        let a = analysis(SECRETS);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig004)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(
            found[0].message.starts_with("2 Secret(s)"),
            "{}",
            found[0].message
        );
        // It points at the first Secret.
        let at = a.sources.locate(found[0].span.unwrap()).unwrap();
        assert_eq!(at.line, 7);
        assert_eq!(a.bundle.secrets_dropped, 2);
        // A Secret is dropped before its name is checked: no MIG006 repeats its name.
        assert_eq!(check(SECRETS, Code::Mig006), []);
    }

    #[test]
    fn no_secret_value_reaches_any_finding() {
        let a = analysis(SECRETS);
        let vars = KubeconfigVars::default();
        for finding in &a.findings {
            let mut texts = vec![
                finding.message.clone(),
                finding.help_text(crate::i18n::Lang::En),
            ];
            texts.extend(finding.commands.iter().map(|c| c.render(&vars)));
            for text in texts {
                for planted in [
                    "planted-secret-value",
                    "cGxhbnRlZC1zZWNyZXQtdmFsdWU",
                    "$(a)",
                ] {
                    assert!(!text.contains(planted), "{planted} in {text}");
                }
            }
        }
    }

    #[test]
    fn a_secret_under_any_api_version_and_in_the_asm_export_is_dropped() {
        let odd = "---\napiVersion: example.com/v1\nkind: Secret\nmetadata:\n  name: odd\ndata:\n  k: dg==\n";
        let settings = Settings::default();
        let a = analyze(
            vec![Input::new("cluster.yaml", odd)],
            vec![Input::new("asm.yaml", SECRETS)],
            &settings,
        );
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig004)
            .collect();
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("3 Secret(s)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_secret_without_data_is_a_header_and_no_finding() {
        let yaml = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-remote-secret-west\n  namespace: istio-system\n  labels:\n    istio/multiCluster: \"true\"\n  annotations:\n    networking.istio.io/cluster: west\n    other: dropped\n";
        assert_eq!(check(yaml, Code::Mig004), []);
        let a = analysis(yaml);
        assert_eq!(a.bundle.secrets.len(), 1);
        let meta = &a.bundle.secrets[0].meta;
        assert_eq!(meta.label("istio/multiCluster"), Some("true"));
        assert_eq!(meta.annotation("networking.istio.io/cluster"), Some("west"));
        assert_eq!(meta.annotation("other"), None);
    }

    #[test]
    fn no_secret_no_finding() {
        let yaml = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: \"{}\"\n";
        assert_eq!(check(yaml, Code::Mig004), []);
    }
}
