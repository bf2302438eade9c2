//! # MIG708 root-cert-unreadable
//!
//! ## What it finds
//!
//! An `istio-ca-root-cert` ConfigMap whose `root-cert.pem` is missing or is not PEM-encoded X.509
//! certificates (read with RustCrypto's `x509-cert`).
//!
//! ## Why it matters
//!
//! The proxies of that namespace load their trust bundle from this key (istio/istio
//! `pkg/config/constants/constants.go` `CACertNamespaceConfigMapDataName`); a bundle they cannot
//! read makes every mTLS connection of the namespace fail. It may also be an export that was cut
//! or edited: the roots of trust of that namespace are then unknown to this analysis.
//!
//! ## How to fix
//!
//! Re-export the ConfigMaps with the command from `istio2asm collect` and load them again. If
//! the cluster's copy is broken, istiod rewrites it when it is deleted. The command prints the
//! root as openssl reads it.
//!
//! ## Example
//!
//! `root-certs.yaml:30:3: warning[MIG708]: istio-ca-root-cert in namespace shop cannot be read: ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::root_cert_summary;
use crate::finding::Finding;
use crate::kubectl::Target;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let sides = std::iter::once((&cx.trust.cluster, Target::Cluster))
        .chain(cx.trust.asm.as_ref().map(|asm| (asm, Target::Asm)));
    for (side, target) in sides {
        for map in &side.unreadable {
            out.push(
                Finding::new(
                    Code::Mig708,
                    t!(
                        cx.lang,
                        "mig708-message",
                        namespace = map.namespace.as_str(),
                        reason = map.reason.as_str()
                    ),
                )
                .at(map.object.clone(), map.span)
                .commands([root_cert_summary(target, &map.namespace)]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::check;
    use crate::codes::{Code, Severity};
    use crate::trust::fixtures::{root_cert_map, ISTIO_ROOT};

    #[test]
    fn garbage_and_missing_keys_are_reported_and_the_rest_is_read() {
        let broken = ISTIO_ROOT.replace("MIIB", "AAAA");
        let yaml = [
            root_cert_map("default", ISTIO_ROOT),
            root_cert_map("shop", &broken),
            root_cert_map("ledger", "not a certificate"),
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: empty\ndata: {}\n".to_string(),
        ]
        .concat();
        let found = check(&yaml, Code::Mig708);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|(s, _)| *s == Severity::Warning));
        assert!(found
            .iter()
            .any(|(_, m)| m.contains("namespace empty") && m.contains("root-cert.pem")));
        let a = crate::checks::testing::analysis(&yaml);
        assert_eq!(a.trust.cluster.roots.len(), 1);
    }
}
