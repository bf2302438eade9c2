//! # MIG704 plugged-in-ca
//!
//! ## What it finds
//!
//! A Secret named `cacerts` (Istio's plugged-in CA) in the export's Secret names. Its data is
//! never read, so the expiry of its CA certificate is not known offline.
//!
//! ## Why it matters
//!
//! When `cacerts` holds a complete signing bundle (`ca-cert.pem`, `ca-key.pem`, `root-cert.pem`,
//! `cert-chain.pem`), istiod signs every workload certificate with it and ignores its self-signed
//! `istio-ca-secret` (istio/istio `pilot/pkg/bootstrap/istio_ca.go`, `security/pkg/pki/ca/ca.go`).
//! An intermediate CA that expires during the migration stops certificate renewal: proxies keep
//! their current certificates for at most their lifetime (24 hours by default) and then fail
//! mTLS. The root in `istio-ca-root-cert` is checked by MIG703; the intermediate can only be read
//! on the cluster.
//!
//! ## How to fix
//!
//! Run the command on the cluster: it decodes `ca-cert.pem` (a public certificate; the key is
//! not read) and prints its subject and `notAfter=`. That date must lie more than 30 days after
//! the change window; otherwise renew the intermediate first. ASM's side uses the root of trust
//! ASM is configured with: plug the same root into both before the migration (see MIG702).
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: Secret
//! metadata: {name: cacerts, namespace: istio-system}
//! ```
//!
//! `secret-names.yaml:3:3: info[MIG704]: Istio's plugged-in CA istio-system/cacerts: its CA certificate's expiry is not in the export ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::ca_cert_expiry;
use crate::finding::Finding;
use crate::kubectl::Target;

use super::root_cert_expiring::EXPIRY_WARNING_DAYS;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let sides = std::iter::once((&cx.trust.cluster, Target::Cluster))
        .chain(cx.trust.asm.as_ref().map(|asm| (asm, Target::Asm)));
    for (side, target) in sides {
        for secret in side.ca_secrets.iter().filter(|s| s.name == "cacerts") {
            let after = cx.settings.judged_on().and_then(|(_, day)| {
                crate::trust::date_of(day + EXPIRY_WARNING_DAYS as u64 * 86_400)
            });
            let expect = match after {
                Some(after) => t!(lang, "mig704-expect-after", date = after),
                None => t!(lang, "mig704-expect"),
            };
            out.push(
                Finding::new(
                    Code::Mig704,
                    t!(
                        lang,
                        "mig704-message",
                        secret = format!("{}/{}", secret.namespace, secret.name)
                    ),
                )
                .at(secret.object.clone(), secret.span)
                .commands([ca_cert_expiry(target, &secret.namespace, &secret.name)])
                .help(format!(
                    "{}{}",
                    Code::Mig704.doc(lang).how_to_fix(),
                    t!(lang, "trust-expect", expect = expect)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, findings_with};
    use crate::codes::{Code, Severity};
    use crate::settings::Settings;

    const SECRETS: &str = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\ntype: Opaque\ndata:\n  ca-key.pem: cGxhbnRlZC1zZWNyZXQtdmFsdWU=\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-ca-secret\n  namespace: istio-system\n";

    #[test]
    fn cacerts_is_named_and_its_expiry_checked_live() {
        let found = check(SECRETS, Code::Mig704);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Info);
        assert!(
            found[0].1.contains("istio-system/cacerts"),
            "{}",
            found[0].1
        );
        assert_eq!(
            commands(SECRETS, Code::Mig704)[0],
            [
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system get secret cacerts -o 'jsonpath={.data.ca-cert\.pem}' | base64 -d | openssl x509 -noout -subject -enddate"#
            ]
        );
        let settings = Settings {
            as_of: Some("2026-12-03".into()),
            ..Settings::default()
        };
        let a = crate::analysis::analyze(
            vec![crate::load::Input::new("test.yaml", SECRETS)],
            Vec::new(),
            &settings,
        );
        let help = a
            .findings
            .iter()
            .find(|f| f.code == Code::Mig704)
            .unwrap()
            .help_text(settings.lang);
        assert!(help.contains("2027-01-02"), "{help}");
        // The Secret's value never reaches anything.
        for (_, _, message) in findings_with(SECRETS, &settings) {
            assert!(!message.contains("cGxhbnRlZC"), "{message}");
        }
    }
}
