//! # MIG702 asm-root-differs
//!
//! ## What it finds
//!
//! ASM's export (`--asm-config`) holds an `istio-ca-root-cert` whose roots share none with the
//! root most of the cluster's namespaces hold, while Istio's and ASM's proxies will still serve
//! side by side (the migration is not Finished).
//!
//! ## Why it matters
//!
//! A proxy accepts a peer's certificate only if it chains to a root in its own trust bundle, the
//! `istio-ca-root-cert` of its control plane (istio/istio
//! `pilot/pkg/serviceregistry/kube/controller/namespacecontroller.go`; `security/pkg/pki/ca/ca.go`
//! for the CA that signs the workload certificates). During Migrating, a workload already on ASM's
//! proxy and one still on Istio's call each other over mTLS: with different roots, each refuses
//! the other's certificate and the calls fail (TLS handshake errors, 503 `upstream connect error`).
//!
//! ASM's root is its instance's CA: Alibaba Cloud's servicemesh API (2020-01-11) lets an instance
//! be created with Istio's existing CA "in scenarios where you migrate open source Istio to ASM"
//! (`CreateServiceMesh` `UseExistingCA`, `ExistingCaCert`, `ExistingRootCaCert`), changed later
//! only if it was created so (`UpdateMeshFeature`), and read with `GetCaCert`. No public source
//! read for this tool says whether ASM writes `istio-ca-root-cert` into the cluster's namespaces;
//! the finding compares what the exports hold. Check it live with the commands: both must print
//! the same `sha256 Fingerprint=` line.
//!
//! ## How to fix
//!
//! Before the first workload switches to ASM's proxy, make both control planes use one root:
//! plug the root ASM uses into Istio (`cacerts`), or create the ASM instance with Istio's CA
//! (`UseExistingCA`); then restart the Istio proxies so they load the bundle. If both proxies already trust both roots (a bundle holding both), say so with
//! `--trust-handled true`: the gate then only warns.
//!
//! ## Example
//!
//! `asm-root-certs.yaml:1:1: error[MIG702]: ASM's root of trust DE:16:D0…5F:11 (O=asm-test-root) differs from the cluster's AD:CB:96…33:25 (O=cluster.local) ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::root_cert_summary;
use crate::finding::Finding;
use crate::kubectl::Target;
use crate::state::State;

use super::support::{proxies_coexist, roots_words, trust_severity};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(asm) = &cx.trust.asm else {
        return;
    };
    let (Some(cluster_set), Some(asm_set)) =
        (cx.trust.cluster.root_sets.first(), asm.root_sets.first())
    else {
        return;
    };
    let shared = asm_set
        .sha256
        .iter()
        .any(|a| cluster_set.sha256.contains(a));
    if shared || !proxies_coexist(cx) {
        return;
    }
    let lang = cx.lang;
    let mut commands = Vec::new();
    if let Some(ns) = cluster_set.namespaces.first() {
        commands.push(root_cert_summary(Target::Cluster, ns));
    }
    if let Some(ns) = asm_set.namespaces.first() {
        commands.push(root_cert_summary(Target::Asm, ns));
    }
    out.push(
        Finding::new(
            Code::Mig702,
            t!(
                lang,
                "mig702-message",
                asm = roots_words(lang, asm, asm_set),
                cluster = roots_words(lang, &cx.trust.cluster, cluster_set)
            ),
        )
        .severity(trust_severity(cx))
        .gate(State::Migrating)
        .at(asm_set.object.clone(), asm_set.span)
        .commands(commands)
        .help(format!(
            "{}{}",
            Code::Mig702.doc(lang).how_to_fix(),
            t!(lang, "trust-expect", expect = t!(lang, "mig702-expect"))
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::checks::testing::cr;
    use crate::codes::{Code, Severity};
    use crate::gate::{GateId, Verdict};
    use crate::load::Input;
    use crate::settings::Settings;
    use crate::state::State;
    use crate::trust::fixtures::{root_cert_map, ISTIO_ROOT, OTHER_ROOT};

    fn run(cluster: &str, asm: &str, settings: &Settings) -> crate::analysis::Analysis {
        analyze(
            vec![Input::new("cluster.yaml", cluster)],
            vec![Input::new("asm.yaml", asm)],
            settings,
        )
    }

    fn gate(a: &crate::analysis::Analysis) -> Verdict {
        a.gates
            .iter()
            .find(|g| g.id == GateId::RootsOfTrust && g.into == State::Migrating)
            .map(|g| g.verdict)
            .unwrap()
    }

    #[test]
    fn a_different_asm_root_blocks_migrating_unless_handled() {
        let cluster = [
            cr("SetupIstioForMigrate"),
            root_cert_map("default", ISTIO_ROOT),
        ]
        .concat();
        let asm = root_cert_map("istio-system", OTHER_ROOT);
        let a = run(&cluster, &asm, &Settings::default());
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig702)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0].message.contains("O=asm-test-root"),
            "{}",
            found[0].message
        );
        assert_eq!(gate(&a), Verdict::Fail);
        assert_eq!(found[0].commands.len(), 2);

        let handled = Settings {
            trust_handled: true,
            ..Settings::default()
        };
        let a = run(&cluster, &asm, &handled);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig702)
            .collect();
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(gate(&a), Verdict::Warn);
    }

    #[test]
    fn a_shared_root_or_a_finished_migration_is_fine() {
        let cluster = [
            cr("SetupIstioForMigrate"),
            root_cert_map("default", ISTIO_ROOT),
        ]
        .concat();
        let bundle = format!("{ISTIO_ROOT}{OTHER_ROOT}");
        let a = run(
            &cluster,
            &root_cert_map("istio-system", &bundle),
            &Settings::default(),
        );
        assert!(!a.findings.iter().any(|f| f.code == Code::Mig702));
        assert_eq!(gate(&a), Verdict::Pass);

        let finished = [cr("Finished"), root_cert_map("default", ISTIO_ROOT)].concat();
        let a = run(
            &finished,
            &root_cert_map("istio-system", OTHER_ROOT),
            &Settings::default(),
        );
        assert!(!a.findings.iter().any(|f| f.code == Code::Mig702));
    }

    #[test]
    fn without_asm_export_the_gate_is_checked_by_hand() {
        let cluster = [
            cr("SetupIstioForMigrate"),
            root_cert_map("default", ISTIO_ROOT),
        ]
        .concat();
        let a = analyze(
            vec![Input::new("cluster.yaml", cluster.as_str())],
            Vec::new(),
            &Settings::default(),
        );
        assert_eq!(gate(&a), Verdict::Manual);
    }
}
