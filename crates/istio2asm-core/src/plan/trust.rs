//! The roots-of-trust check before the switch to Migrating: the first workload on ASM's proxy
//! must complete mTLS with those still on Istio's, so both must trust one root and accept each
//! other's trust domain (gate `roots-of-trust`).
//!
//! What public sources confirm about ASM (Alibaba Cloud's servicemesh API, 2020-01-11): an ASM
//! instance can be created with Istio's existing CA (`CreateServiceMesh` `UseExistingCA`,
//! `ExistingCaCert`, `ExistingRootCaCert`: "used in scenarios where you migrate open source Istio
//! to ASM"), changed later only if it was created so (`UpdateMeshFeature`), and its CA
//! certificate is read with `GetCaCert`. Not confirmed: whether ASM's control plane writes
//! `istio-ca-root-cert` into the data-plane cluster's namespaces, and ASM's default trust domain;
//! the step says so and gives the commands that check both.

use crate::analysis::Analysis;
use crate::commands::{mesh_config_text, root_cert_summary};
use crate::gate::GateId;
use crate::kubectl::Target;
use crate::trust::DEFAULT_TRUST_DOMAIN;

use super::{Step, StepKind};

/// The check step, for the end of SetupIstioForMigrate.
pub(super) fn step(analysis: &Analysis) -> Step {
    let lang = analysis.settings.lang;
    let trust = &analysis.trust;
    let cluster_set = trust.cluster.root_sets.first();
    let namespace = cluster_set
        .and_then(|s| s.namespaces.first())
        .map_or("istio-system", String::as_str);
    let cluster_expect = match cluster_set {
        Some(set) => t!(
            lang,
            "plan-trust-expect-cluster",
            sha256 = set.sha256.join(" / ")
        ),
        None => t!(lang, "plan-trust-expect-cluster-unknown"),
    };
    let mut step = Step::new(
        StepKind::Check,
        "roots-of-trust",
        t!(lang, "plan-trust-title"),
        Target::Cluster,
        t!(lang, "plan-trust-why"),
    )
    .verify(
        root_cert_summary(Target::Cluster, namespace),
        cluster_expect,
    );
    step.fixes.push(GateId::RootsOfTrust);
    match trust.asm.as_ref().and_then(|asm| asm.root_sets.first()) {
        Some(set) => {
            let ns = set
                .namespaces
                .first()
                .map_or("istio-system", String::as_str);
            step = step.verify(
                root_cert_summary(Target::Asm, ns),
                t!(
                    lang,
                    "plan-trust-expect-asm",
                    sha256 = set.sha256.join(" / ")
                ),
            );
        }
        None => step.needs.push(t!(lang, "plan-trust-need-asm-root")),
    }
    for domain in &trust.cluster.trust_domains {
        step = step.verify(
            mesh_config_text(
                Target::Cluster,
                domain.object.namespace.as_deref().unwrap_or(""),
                &domain.object.name,
            ),
            t!(
                lang,
                "plan-trust-expect-domain",
                domain = domain.trust_domain.as_str()
            ),
        );
    }
    let asm_domains = trust.asm.as_ref().map_or(0, |a| a.trust_domains.len());
    if asm_domains == 0 {
        step.needs.push(t!(
            lang,
            "plan-trust-need-asm-domain",
            domain = DEFAULT_TRUST_DOMAIN
        ));
    }
    if analysis.settings.trust_handled {
        step.notes.push(t!(lang, "plan-trust-handled"));
    }
    step
}
