//! # MIG805 cluster-roots-differ
//!
//! ## What it finds
//!
//! Clusters analysed together whose roots of trust differ: each cluster's root is the set of
//! certificates most of its namespaces' `istio-ca-root-cert` ConfigMaps hold (compared by SHA-256
//! fingerprint, never by subject: Istio's self-signed roots all read `O=cluster.local`). A
//! cluster whose root shares no certificate with the one most clusters have is an error; one
//! that shares some (a root rotation under way) is a warning.
//!
//! ## Why it matters
//!
//! "A multicluster service mesh deployment requires that you establish trust between all
//! clusters in the mesh" (istio.io, "Before you begin", Configure Trust,
//! <https://istio.io/latest/docs/setup/install/multicluster/before-you-begin/>): each istiod signs
//! its workloads' certificates, and a proxy accepts a peer only when the peer's chain ends at a
//! root in its own bundle. With different roots, cross-cluster mTLS fails between the clusters
//! (and Istio's proxies of one with ASM's of the other during the migration, if ASM takes over
//! one of the roots).
//!
//! ## How to fix
//!
//! Plug one root into every cluster: a Secret `cacerts` in istio-system with each cluster's
//! intermediate CA signed by the common root (Istio's "Plug in CA Certificates",
//! <https://istio.io/latest/docs/tasks/security/cert-management/plugin-ca-cert/>), then restart
//! istiod and the proxies. The command prints the fingerprint, subject and expiry of each
//! cluster's root: the same `sha256 Fingerprint=` line in every cluster (openssl 1.1 writes
//! `SHA256 Fingerprint=`).
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get configmap istio-ca-root-cert -o 'jsonpath={.data.root-cert\.pem}' | openssl x509 -noout -fingerprint -sha256 -subject -enddate
//! ```
//!
//! ## Example
//!
//! `east` and `west` hold root `F8:BA:D2:1E:…:D6:01`, `central` holds `11:39:A5:CA:…:85:11`, all
//! with subject `O=cluster.local`.
//!
//! `error[MIG805]: the root of trust of central (11:39:A5:CA:…:85:11, O=cluster.local) differs from that of east, west (F8:BA:D2:1E:…:D6:01): cross-cluster mTLS between them fails, since a proxy accepts a peer only when the peer's certificate chains to a root it holds`

use crate::checks::mesh_support::{cross, in_order, list, majority};
use crate::checks::MeshContext;
use crate::codes::{Code, Severity};
use crate::finding::{CrossFinding, Finding};
use crate::kubectl::{Command, Target};
use crate::trust::RootSet;

pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    let lang = cx.lang;
    let sets: Vec<(&str, &RootSet)> = cx
        .members
        .iter()
        .filter_map(|m| Some((m.name, m.trust.cluster.root_sets.first()?)))
        .collect();
    let keys: Vec<String> = sets.iter().map(|(_, s)| s.sha256.join(",")).collect();
    let pairs: Vec<(&str, &str)> = sets
        .iter()
        .zip(&keys)
        .map(|((name, _), key)| (*name, key.as_str()))
        .collect();
    let Some(common) = majority(&pairs) else {
        return;
    };
    let Some((_, common_set)) = sets
        .iter()
        .zip(&keys)
        .find(|(_, key)| key.as_str() == common)
        .map(|(pair, _)| *pair)
    else {
        return;
    };
    let with_common: Vec<&str> = pairs
        .iter()
        .filter(|(_, key)| *key == common)
        .map(|(name, _)| *name)
        .collect();
    let all: Vec<String> = sets
        .iter()
        .map(|(name, set)| format!("{name}: {}", list(lang, &set.sha256)))
        .collect();
    for ((name, set), key) in sets.iter().zip(&keys) {
        if key == common {
            continue;
        }
        let Some(member) = cx.member(name) else {
            continue;
        };
        let subject = set
            .sha256
            .first()
            .and_then(|fp| member.trust.cluster.root(fp))
            .map_or_else(String::new, |r| r.subject.clone());
        let shared: Vec<&String> = set
            .sha256
            .iter()
            .filter(|fp| common_set.sha256.contains(fp))
            .collect();
        let short_set = |s: &RootSet| list(lang, s.sha256.iter().map(|fp| short(fp)));
        let finding = if shared.is_empty() {
            Finding::new(
                Code::Mig805,
                t!(
                    lang,
                    "mig805-differs",
                    cluster = *name,
                    fingerprints = short_set(set),
                    subject = subject,
                    others = list(lang, &with_common),
                    common = short_set(common_set)
                ),
            )
        } else {
            Finding::new(
                Code::Mig805,
                t!(
                    lang,
                    "mig805-overlap",
                    cluster = *name,
                    fingerprints = short_set(set),
                    others = list(lang, &with_common),
                    common = short_set(common_set),
                    shared = list(lang, shared.iter().map(|fp| short(fp)))
                ),
            )
            .severity(Severity::Warning)
        };
        let finding = finding.at(set.object.clone(), set.span).help(t!(
            lang,
            "mig805-help",
            fingerprints = list(lang, &all)
        ));
        let mut names = with_common.clone();
        names.push(name);
        out.push(cross(finding, in_order(cx, &names), Some(name), |_| {
            vec![root_command()]
        }));
    }
}

/// `F8:BA:D2:1E:…:D6:01`: the first four and the last two bytes of a fingerprint.
fn short(fingerprint: &str) -> String {
    crate::trust::short_fingerprint(fingerprint, 4, ":…:")
}

/// The root of istio-system's `istio-ca-root-cert`, as openssl summarises it.
fn root_command() -> Command {
    crate::commands::root_cert_summary(Target::Cluster, "istio-system")
}

#[cfg(test)]
mod tests {
    use super::short;
    use crate::checks::testing::mesh;
    use crate::codes::Code;

    /// istio-ca-root-cert in `namespace` holding the PEM files given.
    fn root_cert(namespace: &str, pems: &[&str]) -> String {
        let pem: String = pems.concat();
        let indented: String = pem.lines().map(|l| format!("    {l}\n")).collect();
        format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: {namespace}\ndata:\n  root-cert.pem: |\n{indented}"
        )
    }

    const ROOT: &str = include_str!("../../../../tests/fixtures/trust/istio-root.pem");
    const ROOT_2: &str = include_str!("../../../../tests/fixtures/trust/istio-root-2.pem");

    #[test]
    fn a_cluster_with_another_root_is_an_error() {
        let same = root_cert("istio-system", &[ROOT]) + &root_cert("shop", &[ROOT]);
        let other = root_cert("istio-system", &[ROOT_2]) + &root_cert("shop", &[ROOT_2]);
        let found = mesh(
            &[("east", &same), ("west", &same), ("central", &other)],
            Code::Mig805,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f["severity"], "error");
        assert_eq!(
            f["message"],
            "the root of trust of central (11:39:A5:CA:…:85:11, O=cluster.local) differs from that of east, west (F8:BA:D2:1E:…:D6:01): cross-cluster mTLS between them fails, since a proxy accepts a peer only when the peer's certificate chains to a root it holds"
        );
        assert_eq!(
            f["clusters"],
            serde_json::json!(["east", "west", "central"])
        );
        assert_eq!(
            f["commands"][2],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get configmap istio-ca-root-cert -o 'jsonpath={.data.root-cert\.pem}' | openssl x509 -noout -fingerprint -sha256 -subject -enddate"#
        );
        let help = f["help"].as_str().unwrap_or_default();
        assert!(
            help.contains("central: 11:39:A5:CA:9C:B6:95:1A:8F:FE:14:CB:8D:F1:25:0D:38:AC:7A:E6:14:2C:BC:99:24:A8:E0:C5:BC:DA:85:11"),
            "{help}"
        );
    }

    #[test]
    fn a_rotation_bundle_that_shares_the_root_is_a_warning() {
        let same = root_cert("istio-system", &[ROOT]);
        let rotating = root_cert("istio-system", &[ROOT, ROOT_2]);
        let found = mesh(
            &[("a", &same), ("b", &same), ("c", &rotating)],
            Code::Mig805,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0]["severity"], "warning");
    }

    #[test]
    fn equal_roots_or_unknown_roots_are_quiet() {
        let same = root_cert("istio-system", &[ROOT]);
        assert!(mesh(&[("a", &same), ("b", &same)], Code::Mig805).is_empty());
        let none = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
        assert!(mesh(&[("a", &same), ("b", none)], Code::Mig805).is_empty());
    }

    #[test]
    fn fingerprints_are_shortened_to_their_ends() {
        assert_eq!(short("AA:BB:CC:DD:EE:FF:11:22"), "AA:BB:CC:DD:…:11:22");
        assert_eq!(short("AA:BB"), "AA:BB");
    }
}
