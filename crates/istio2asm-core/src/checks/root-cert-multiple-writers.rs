//! # MIG701 root-cert-multiple-writers
//!
//! ## What it finds
//!
//! The `istio-ca-root-cert` ConfigMaps of the cluster's namespaces do not all hold the same root
//! certificates: some namespaces carry one root, others another.
//!
//! ## Why it matters
//!
//! istiod's namespace controller writes its CA bundle into `istio-ca-root-cert` (key
//! `root-cert.pem`) in every namespace, and every proxy of the namespace trusts only that bundle
//! (istio/istio `pilot/pkg/serviceregistry/kube/controller/namespacecontroller.go`). The name does
//! not change with the revision, so two control planes with different roots overwrite each
//! other's copy (istio/istio#32778, #44600, #53385): which root a namespace holds depends on who
//! wrote last, and proxies of namespaces with different roots refuse each other's certificates.
//! During the migration Istio's and ASM's control planes both serve the cluster, so this is the
//! first sign that their roots differ.
//!
//! ## How to fix
//!
//! Give both control planes the same root of trust before any workload moves to ASM's proxy
//! (Istio's plugged-in CA, `cacerts`, made from the root ASM uses, or the reverse), then check
//! that every namespace holds one root. The commands print the root of one namespace of each
//! group; when it is fixed they all print the same `sha256 Fingerprint=` line. If you have made
//! sure both proxies trust both roots, say so with `--trust-handled true`: the gate then only
//! warns.
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: v1
//! kind: ConfigMap
//! metadata: {name: istio-ca-root-cert, namespace: shop}
//! data:
//!   root-cert.pem: |
//!     -----BEGIN CERTIFICATE-----
//!     (a root other than the one in the other namespaces)
//! ```
//!
//! `root-certs.yaml:40:3: error[MIG701]: istio-ca-root-cert holds 2 different roots of trust: ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::root_cert_summary;
use crate::finding::Finding;
use crate::kubectl::Target;
use crate::state::State;

use super::support::{roots_words, trust_severity};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let sets = &cx.trust.cluster.root_sets;
    if sets.len() < 2 {
        return;
    }
    let lang = cx.lang;
    let groups = sets
        .iter()
        .map(|set| roots_words(lang, &cx.trust.cluster, set))
        .collect::<Vec<_>>()
        .join(&t!(lang, "list-separator"));
    let expect = t!(lang, "mig701-expect");
    // The finding points at the first ConfigMap of the second-largest group: the odd one out.
    let odd = &sets[1];
    out.push(
        Finding::new(
            Code::Mig701,
            t!(lang, "mig701-message", count = sets.len(), groups = groups),
        )
        .severity(trust_severity(cx))
        .gate(State::Migrating)
        .at(odd.object.clone(), odd.span)
        .commands(
            sets.iter()
                .filter_map(|set| set.namespaces.first())
                .map(|ns| root_cert_summary(Target::Cluster, ns)),
        )
        .help(format!(
            "{}{}",
            Code::Mig701.doc(lang).how_to_fix(),
            t!(lang, "trust-expect", expect = expect)
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands};
    use crate::codes::{Code, Severity};
    use crate::trust::fixtures::{root_cert_map, ISTIO_ROOT, OTHER_ROOT};

    #[test]
    fn two_roots_across_namespaces_are_two_writers() {
        let yaml = [
            root_cert_map("default", ISTIO_ROOT),
            root_cert_map("shop", OTHER_ROOT),
            root_cert_map("ledger", ISTIO_ROOT),
        ]
        .concat();
        let found = check(&yaml, Code::Mig701);
        assert_eq!(found.len(), 1, "{found:?}");
        // The gate of Migrating lies ahead of a cluster without the migration resource: info.
        assert_eq!(found[0].0, Severity::Info);
        assert!(found[0].1.contains("2 different roots"), "{}", found[0].1);
        assert!(found[0].1.contains("2 namespaces"), "{}", found[0].1);
        let cmds = commands(&yaml, Code::Mig701);
        assert_eq!(
            cmds[0],
            [
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n default get configmap istio-ca-root-cert -o 'jsonpath={.data.root-cert\.pem}' | openssl x509 -noout -fingerprint -sha256 -subject -enddate"#,
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get configmap istio-ca-root-cert -o 'jsonpath={.data.root-cert\.pem}' | openssl x509 -noout -fingerprint -sha256 -subject -enddate"#,
            ]
        );
    }

    #[test]
    fn one_root_everywhere_is_fine() {
        let yaml = [
            root_cert_map("default", ISTIO_ROOT),
            root_cert_map("shop", ISTIO_ROOT),
        ]
        .concat();
        assert_eq!(check(&yaml, Code::Mig701), []);
    }
}
