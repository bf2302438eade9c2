//! # MIG707 mtls-disabled-but-tls-required
//!
//! ## What it finds
//!
//! A PeerAuthentication that turns mTLS off (`mtls.mode: DISABLE`, or `DISABLE` for a container
//! port in `portLevelMtls`) for the pods of a Service that a DestinationRule makes clients call
//! with Istio's mTLS (`tls.mode: ISTIO_MUTUAL`, at the top of its `trafficPolicy`, in the
//! `portLevelSettings` entry of the Service port, or in a subset's `trafficPolicy`). Kiali reports
//! the pair as KIA0505 (a namespace's PeerAuthentication) and KIA0506 (the mesh's) against
//! namespace-wide and mesh-wide DestinationRules
//! (`business/checkers/peerauthentications/disabled_namespacewide_checker.go` and
//! `disabled_meshwide_checker.go` in kiali/kiali); this check also follows workload and port
//! policies and every host, port and subset. Kiali counts `MUTUAL` as well; this check does not:
//! with `MUTUAL` the client's proxy presents certificates the user configured, and an application
//! that terminates TLS itself can answer it behind a `DISABLE` policy.
//!
//! The PeerAuthentication and the DestinationRule in effect are chosen as for MIG706
//! (mtls-strict-but-tls-disabled), with the same sources and assumptions: Istio's precedence of
//! workload over namespace over mesh policies, the DestinationRule lookup of the client's
//! namespace, then the Service's, then the root namespace (`istio-system` unless the mesh config
//! sets `rootNamespace`), the cluster domain `cluster.local`, and pods without a sidecar (ambient
//! pods included) left out.
//!
//! ## Why it matters
//!
//! With `ISTIO_MUTUAL` the client's proxy opens an mTLS connection with the mesh's certificates
//! whatever auto mTLS would choose (`buildUpstreamTLSSettings`,
//! `pilot/pkg/networking/core/cluster_tls.go`). Under `DISABLE` the server's proxy does not
//! terminate TLS ("Connection is not tunneled", the PeerAuthentication reference): it takes
//! plaintext only, so the client's handshake cannot complete, the connection is closed, and the
//! client gets HTTP 503 from its own proxy. Kiali rates the pair an error because all the traffic
//! between those clients and servers fails. The plan imports both objects into ASM unchanged
//! (MIG507), so the failure moves with them; fix it before migrating.
//!
//! ## How to fix
//!
//! Make both sides agree: set the PeerAuthentication (or its port exception) to `PERMISSIVE` or
//! `STRICT` for these workloads, or, if they must take plaintext, set `tls.mode: DISABLE` in the
//! DestinationRule for these hosts. The finding's commands show both modes and the server's
//! effective PeerAuthentication, before and after the fix.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get peerauthentication default -o yaml
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo x describe pod ratings-v1-7c9bd4b87f-4cz8m
//! ```
//!
//! ## Example
//!
//! A policy beside the DestinationRules of Istio's sample
//! `samples/bookinfo/networking/destination-rule-all-mtls.yaml`:
//!
//! ```yaml
//! apiVersion: security.istio.io/v1
//! kind: PeerAuthentication
//! metadata: {name: default, namespace: bookinfo}
//! spec:
//!   mtls: {mode: DISABLE}
//! ---
//! apiVersion: networking.istio.io/v1
//! kind: DestinationRule
//! metadata: {name: ratings, namespace: bookinfo}
//! spec:
//!   host: ratings
//!   trafficPolicy:
//!     tls: {mode: ISTIO_MUTUAL}
//! ```
//!
//! `istio-config.yaml:1:1: error[MIG707]: PeerAuthentication bookinfo/default (namespace-wide) makes the pods of ratings.bookinfo:9080 accept only plaintext (mtls mode DISABLE), but clients send Istio mTLS there (tls mode ISTIO_MUTUAL) under DestinationRule bookinfo/ratings`

// Sources, beyond those the page and MIG706's file name: kiali/kiali `models/istio_validation.go`
// (KIA0505 "Destination Rule disabling namespace-wide mTLS is missing", KIA0506 "Destination Rule
// disabling mesh-wide mTLS is missing", both errors, counting ISTIO_MUTUAL and MUTUAL) and
// kiali/kiali.io `content/en/docs/Features/validations.md` ("all the traffic flowing between the
// services in that namespace will fail"); istio/api `security/v1beta1/peer_authentication.proto`
// (DISABLE: "Connection is not tunneled").

use std::collections::BTreeMap;

use super::mtls_strict_but_tls_disabled::{
    assumed_text, client_namespaces, conflicts, describe_pod, distinct, get_object, policy_text,
    targets_text, Conflict, Pair,
};
use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::model::display_name;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let found = conflicts(cx, Pair::DisabledServer);
    let mut by_peer: BTreeMap<usize, Vec<&Conflict>> = BTreeMap::new();
    for conflict in &found.items {
        by_peer.entry(conflict.peer).or_default().push(conflict);
    }
    for (peer, items) in by_peer {
        let Some(pa) = cx.bundle.istio.get(peer) else {
            continue;
        };
        let rules: Vec<_> = distinct(items.iter().map(|c| c.rule))
            .into_iter()
            .filter_map(|rule| cx.bundle.istio.get(rule))
            .collect();
        let rule_names: Vec<String> = rules.iter().map(|dr| display_name(&dr.meta)).collect();
        let message = t!(
            cx.lang,
            "mig707-conflict",
            policy = policy_text(cx.lang, pa, items.iter().map(|c| c.scope)),
            targets = targets_text(cx, &items),
            clients = client_namespaces(cx.lang, &found, &items)
                .map(|namespaces| t!(cx.lang, "mig707-clients", namespaces = namespaces))
                .unwrap_or_default(),
            rules = rule_names.join(&t!(cx.lang, "list-separator")),
        );
        let help = t!(
            cx.lang,
            "mig707-help",
            policy = display_name(&pa.meta),
            rule = rule_names.first().cloned().unwrap_or_default(),
        ) + &assumed_text(cx, &items);
        let mut commands = vec![get_object("peerauthentication", pa)];
        commands.extend(rules.iter().map(|dr| get_object("destinationrule", dr)));
        commands.extend(describe_pod(cx, &items));
        let mut finding = Finding::new(Code::Mig707, message)
            .at(pa.object_ref(), pa.span)
            .help(help)
            .commands(commands);
        finding.related = rules.iter().map(|dr| dr.span).collect();
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::mtls_strict_but_tls_disabled::tests::{peer, rule, service};
    use crate::checks::testing::{analysis, check, commands, findings_with};
    use crate::codes::{Code, Severity};
    use crate::i18n::Lang;
    use crate::settings::Settings;

    const DISABLE: &str = "  mtls:\n    mode: DISABLE\n";

    fn mutual(host: &str) -> String {
        format!("  host: {host}\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n")
    }

    #[test]
    fn a_disabled_policy_and_an_istio_mutual_rule_conflict() {
        let yaml = peer("default", "bookinfo", DISABLE)
            + &service("ratings", "bookinfo")
            + &rule("ratings", "bookinfo", &mutual("ratings"));
        assert_eq!(
            check(&yaml, Code::Mig707),
            [(
                Severity::Error,
                "PeerAuthentication bookinfo/default (namespace-wide) makes the pods of ratings.bookinfo:9080 accept only plaintext (mtls mode DISABLE), but clients send Istio mTLS there (tls mode ISTIO_MUTUAL) under DestinationRule bookinfo/ratings".to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig707),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get peerauthentication default -o yaml"#,
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get destinationrule ratings -o yaml"#,
                r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo x describe pod ratings-v1-abc12"#,
            ]]
        );
        // The pair the other way round is MIG706's, not this code's.
        assert_eq!(check(&yaml, Code::Mig706), []);
    }

    #[test]
    fn mutual_with_the_users_certificates_is_not_counted() {
        let yaml = peer("default", "bookinfo", DISABLE)
            + &service("ratings", "bookinfo")
            + &rule(
                "ratings",
                "bookinfo",
                "  host: ratings\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n",
            );
        assert_eq!(check(&yaml, Code::Mig707), []);
    }

    #[test]
    fn a_port_exception_that_disables_mtls_is_named() {
        let spec = "  selector:\n    matchLabels:\n      app: ratings\n  portLevelMtls:\n    9080:\n      mode: DISABLE\n";
        let yaml = peer("ratings", "bookinfo", spec)
            + &service("ratings", "bookinfo")
            + &rule("ratings", "bookinfo", &mutual("ratings"));
        assert_eq!(
            check(&yaml, Code::Mig707),
            [(
                Severity::Error,
                "PeerAuthentication bookinfo/ratings (port 9080) makes the pods of ratings.bookinfo:9080 accept only plaintext (mtls mode DISABLE), but clients send Istio mTLS there (tls mode ISTIO_MUTUAL) under DestinationRule bookinfo/ratings".to_string()
            )]
        );
    }

    #[test]
    fn a_mesh_wide_disabled_policy_meets_a_mesh_wide_rule() {
        let yaml = peer("default", "istio-system", DISABLE)
            + &service("ratings", "bookinfo")
            + &rule("default", "istio-system", &mutual("\"*.local\""));
        assert_eq!(
            check(&yaml, Code::Mig707),
            [(
                Severity::Error,
                "PeerAuthentication istio-system/default (mesh-wide) makes the pods of ratings.bookinfo:9080 accept only plaintext (mtls mode DISABLE), but clients send Istio mTLS there (tls mode ISTIO_MUTUAL) under DestinationRule istio-system/default".to_string()
            )]
        );
    }

    /// Istio's sample rules (`destination-rule-all-mtls.yaml`) and Bookinfo itself
    /// (`platform/kube/bookinfo.yaml`), both without namespace as upstream writes them, applied
    /// together with a policy that disables mTLS in the same namespace.
    #[test]
    fn istios_all_mtls_sample_against_a_disabled_namespace() {
        let rules = include_str!(
            "../../../../tests/fixtures/upstream-istio/samples/bookinfo/networking/destination-rule-all-mtls.yaml"
        );
        let bookinfo = include_str!(
            "../../../../tests/fixtures/upstream-istio/samples/bookinfo/platform/kube/bookinfo.yaml"
        );
        let policy = "---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: DISABLE\n";
        let yaml = format!("{bookinfo}\n---\n{rules}{policy}");
        assert_eq!(
            check(&yaml, Code::Mig707),
            [(
                Severity::Error,
                "PeerAuthentication default (namespace-wide) makes the pods of details:9080, ratings:9080, reviews:9080, productpage:9080 accept only plaintext (mtls mode DISABLE), but clients send Istio mTLS there (tls mode ISTIO_MUTUAL) under DestinationRule productpage, reviews, ratings, details".to_string()
            )]
        );
        let analysis = analysis(&yaml);
        let finding = analysis
            .findings
            .iter()
            .find(|f| f.code == Code::Mig707)
            .expect("a finding");
        // Bookinfo's export holds Deployments, not pods: the finding says what it assumes.
        let help = finding.help.as_deref().unwrap_or_default();
        assert!(help.contains("no running pods of details"), "{help}");
        assert_eq!(finding.related.len(), 4);
        // Without the policy the sample's rules are what Istio recommends: no conflict.
        assert_eq!(
            check(&format!("{bookinfo}\n---\n{rules}"), Code::Mig707),
            []
        );
    }

    #[test]
    fn both_languages_report_it() {
        let yaml = peer("default", "bookinfo", DISABLE)
            + &service("ratings", "bookinfo")
            + &rule("ratings", "bookinfo", &mutual("ratings"));
        let zh = Settings {
            asm_version: Some("1.24.6".into()),
            lang: Lang::ZhCn,
            ..Settings::default()
        };
        let found: Vec<(Severity, String)> = findings_with(&yaml, &zh)
            .into_iter()
            .filter(|(code, _, _)| *code == Code::Mig707)
            .map(|(_, severity, message)| (severity, message))
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.contains("明文") && found[0].1.contains("bookinfo/ratings"),
            "{}",
            found[0].1
        );
    }
}
