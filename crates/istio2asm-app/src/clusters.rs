//! Several clusters in one app: each cluster's name and exports, and one analysis run over all
//! of them. One cluster is analysed exactly as before (`Outcome::compute`: core's `analyze` and
//! `plan`, the kubeconfig variable as set); several go through core's `analyze_clusters` and
//! `plan_mesh`, so each cluster's tabs show its own analysis and its runbook as the mesh needs it
//! (its own kubeconfig variable, the mesh's steps), and the Mesh tab shows what is across them.

use std::sync::Arc;

use istio2asm_core::clusters::{analyze_clusters, ClusterInput, Ordered};
use istio2asm_core::detect::Identity;
use istio2asm_core::finding::CrossFinding;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::KubeconfigVars;
use istio2asm_core::plan::{plan_mesh, MeshPlan};
use istio2asm_core::{Input, Settings};

use crate::app::Outcome;

/// The name of the first cluster until the user or its export gives another.
pub const FIRST_CLUSTER: &str = "cluster-1";

/// One cluster the app holds: its name and exports.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// The name the user gave it (a DNS-1123 label, unique: `clusters::validate_names`).
    pub(crate) name: String,
    /// Its exports.
    pub(crate) inputs: Vec<Input>,
    /// The report of the export of this cluster loaded before the current one: its outcome says
    /// what changed since. Kept across re-analyses of the same inputs.
    pub(crate) baseline: Option<Arc<serde_json::Value>>,
}

impl Cluster {
    pub(crate) fn new(name: impl Into<String>, inputs: Vec<Input>) -> Self {
        Cluster {
            name: name.into(),
            inputs,
            baseline: None,
        }
    }
}

/// What the Mesh tab shows: the cross-cluster findings, the order of the runbooks with the
/// reasons, each cluster's place in the mesh, and the mesh's plan (for its README and files).
#[derive(Debug)]
pub struct MeshOutcome {
    /// The cross-cluster findings (MIG801–MIG805), in core's order.
    pub findings: Vec<CrossFinding>,
    /// The order of the runbooks, each cluster with its role and why.
    pub order: Vec<Ordered>,
    /// Each cluster's place in the mesh (Istio's name for it, network, mesh ID), by name, in the
    /// order given.
    pub identities: Vec<(String, Identity)>,
    /// The runbooks of the mesh.
    pub plan: MeshPlan,
    /// (errors, warnings, infos) over every cluster's findings and the cross-cluster ones, as
    /// core counts them (`Mesh::counts`).
    pub counts: (usize, usize, usize),
}

impl MeshOutcome {
    /// The language of its texts.
    pub fn lang(&self) -> Lang {
        self.plan.lang
    }

    /// The kubeconfig variables a cluster's commands run with (its own variable); the first
    /// cluster's when the name is not one of the mesh's.
    pub fn vars(&self, cluster: &str) -> KubeconfigVars {
        self.plan
            .plans
            .iter()
            .find(|(name, _)| name == cluster)
            .or(self.plan.plans.first())
            .map(|(_, plan)| plan.vars.clone())
            .unwrap_or_default()
    }

    /// A cluster's place in the mesh.
    pub fn identity(&self, cluster: &str) -> Option<&Identity> {
        self.identities
            .iter()
            .find(|(name, _)| name == cluster)
            .map(|(_, identity)| identity)
    }
}

/// What one analysis run gives: each cluster's outcome by name, in the order given, and the
/// mesh when there are several.
#[derive(Debug)]
pub struct Computed {
    /// Each cluster's outcome.
    pub outcomes: Vec<(String, Outcome)>,
    /// The mesh, with two clusters or more.
    pub mesh: Option<MeshOutcome>,
}

/// Everything an analysis run needs, taken when it starts (it may run on another thread).
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) asm: Vec<Input>,
    pub(crate) settings: Settings,
    pub(crate) force: bool,
}

impl Run {
    /// Analyses and plans every cluster.
    pub(crate) fn compute(self) -> Computed {
        let Run {
            mut clusters,
            asm,
            settings,
            force,
        } = self;
        if clusters.len() <= 1 {
            let cluster = clusters
                .pop()
                .unwrap_or_else(|| Cluster::new(FIRST_CLUSTER, Vec::new()));
            let outcome = Outcome::compute(
                cluster.inputs,
                asm,
                &settings,
                force,
                cluster.baseline.as_deref(),
            );
            return Computed {
                outcomes: vec![(cluster.name, outcome)],
                mesh: None,
            };
        }
        let baselines: Vec<(String, Option<Arc<serde_json::Value>>)> = clusters
            .iter()
            .map(|c| (c.name.clone(), c.baseline.clone()))
            .collect();
        let inputs = clusters
            .into_iter()
            .map(|c| ClusterInput {
                name: c.name,
                inputs: c.inputs,
            })
            .collect();
        let mut mesh = analyze_clusters(inputs, asm, &settings);
        let plan = plan_mesh(&mesh, force);
        let counts = mesh.counts();
        let identities = mesh
            .clusters
            .iter()
            .map(|m| (m.name.clone(), m.identity.clone()))
            .collect();
        let outcomes = std::mem::take(&mut mesh.clusters)
            .into_iter()
            .map(|member| {
                // Every member has its plan in the mesh's (plan_mesh plans each one); the
                // fallback only keeps a cluster's tabs if that ever changed.
                let own = plan
                    .plans
                    .iter()
                    .find(|(name, _)| *name == member.name)
                    .map(|(_, plan)| plan.clone())
                    .unwrap_or_else(|| istio2asm_core::plan::plan(&member.analysis, force));
                let baseline = baselines
                    .iter()
                    .find(|(name, _)| *name == member.name)
                    .and_then(|(_, b)| b.as_deref());
                let outcome = Outcome::from_parts(member.analysis, own, baseline);
                (member.name, outcome)
            })
            .collect();
        Computed {
            outcomes,
            mesh: Some(MeshOutcome {
                findings: mesh.findings,
                order: mesh.order,
                identities,
                plan,
                counts,
            }),
        }
    }
}

/// A name for a cluster that is none of `taken`: Istio's name for it (`CLUSTER_ID`) when that is
/// a valid cluster name, else `cluster-N` with the first free N.
pub(crate) fn suggest_name(istio_name: Option<&str>, taken: &[&str], lang: Lang) -> String {
    let free = |name: &str| {
        let mut names = taken.to_vec();
        names.push(name);
        istio2asm_core::clusters::validate_names(&names, lang).is_ok()
    };
    if let Some(name) = istio_name.filter(|n| free(n)) {
        return name.to_string();
    }
    (1..)
        .map(|n| format!("cluster-{n}"))
        .find(|name| free(name))
        .unwrap_or_else(|| FIRST_CLUSTER.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_name_is_istios_when_free_else_the_first_free_number() {
        assert_eq!(suggest_name(Some("east"), &["west"], Lang::En), "east");
        assert_eq!(suggest_name(Some("east"), &["east"], Lang::En), "cluster-1");
        // Kubernetes, Istio's default cluster name, is no DNS-1123 label.
        assert_eq!(
            suggest_name(Some("Kubernetes"), &["cluster-1"], Lang::En),
            "cluster-2"
        );
        assert_eq!(suggest_name(None, &[], Lang::En), "cluster-1");
    }
}
