//! Several clusters of one mesh in one analysis: each cluster gets exactly the analysis one
//! cluster gets ([`analysis::analyze`] of its own exports plus the shared ASM export), then the
//! cross-cluster checks (MIG801–MIG805) compare them, and the clusters are put in the order
//! their runbooks should run in, each with its reason.
//!
//! Commands of a cluster run against that cluster's kubeconfig, named by a variable of its own:
//! the cluster setting `cluster-kubeconfig-var` (default `K8S_KUBECONFIG`) followed by `_` and the
//! cluster's name in upper case (`K8S_KUBECONFIG_EAST`), see [`kubeconfig_var`]. One variable per
//! cluster rather than a new command target: a cluster's findings and runbook are exactly one
//! cluster's, rendered with its variables, and a cross-cluster finding names the cluster of each
//! of its commands ([`ClusterCommand`]). The ASM control plane keeps one variable
//! (`ASM_KUBECONFIG`): the mesh is assumed to join one ASM instance.
//!
//! The order: remote clusters before primaries, because a remote's proxies take their
//! configuration and certificates from a primary's istiod ("Install Primary-Remote",
//! <https://istio.io/latest/docs/setup/install/multicluster/primary-remote/>) and a primary's
//! runbook uninstalls that istiod before its switch to Finished (the migration procedure's
//! 步骤四). Primaries and clusters without Istio follow in the order given.

use serde::Serialize;

use crate::analysis::{self, Analysis};
use crate::checks::{self, MemberView, MeshContext};
use crate::codes::Severity;
use crate::detect::{identity, ClusterRole, Identity};
use crate::finding::CrossFinding;
use crate::i18n::Lang;
use crate::load::Input;
use crate::names::is_dns1123_label;
use crate::settings::Settings;

pub use crate::finding::ClusterCommand;

/// One cluster's exports, under the name the user gives the cluster.
#[derive(Debug, Clone)]
pub struct ClusterInput {
    /// The cluster's name: a DNS-1123 label, unique in the mesh ([`validate_names`]).
    pub name: String,
    /// Its exports, as one cluster's inputs.
    pub inputs: Vec<Input>,
}

/// One analysed cluster of the mesh.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name the user gave it.
    pub name: String,
    /// Its analysis, exactly as for a single cluster, with its own kubeconfig variable.
    pub analysis: Analysis,
    /// Its place in the mesh: Istio's name for it, role, network, mesh ID, remote secrets.
    pub identity: Identity,
}

/// One cluster's place in the order of the runbooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ordered {
    /// The cluster, by the name the user gave it.
    pub cluster: String,
    /// Primary, remote or unknown.
    pub role: ClusterRole,
    /// Why it comes where it does, in the settings' language.
    pub reason: String,
}

/// The analysis of a mesh of several clusters.
#[derive(Debug, Clone)]
pub struct Mesh {
    /// Every cluster, in the order given.
    pub clusters: Vec<Member>,
    /// The cross-cluster findings (MIG801–MIG805), in check order.
    pub findings: Vec<CrossFinding>,
    /// The order the clusters' runbooks run in.
    pub order: Vec<Ordered>,
    /// The settings shared by every cluster (each member's own carry its kubeconfig variable).
    pub settings: Settings,
}

impl Mesh {
    /// A cluster by the name the user gave it.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.clusters.iter().find(|m| m.name == name)
    }

    /// Counts of (errors, warnings, infos) over every cluster's findings and the cross-cluster
    /// ones.
    pub fn counts(&self) -> (usize, usize, usize) {
        Severity::tally(self.severities())
    }

    /// The worst severity of any finding, in any cluster or across them.
    pub fn worst(&self) -> Option<Severity> {
        self.severities().max()
    }

    /// The severity of every finding, in the clusters and across them.
    fn severities(&self) -> impl Iterator<Item = Severity> + '_ {
        let own = self
            .clusters
            .iter()
            .flat_map(|m| m.analysis.findings.iter().map(|f| f.severity));
        own.chain(self.findings.iter().map(|f| f.finding.severity))
    }
}

/// The kubeconfig variable of a cluster: `base`, `_`, then the name in upper case with every
/// character that cannot be in a shell name written `_` (`K8S_KUBECONFIG` and `east-1` give
/// `K8S_KUBECONFIG_EAST_1`). A DNS-1123 label has no `_`, so two valid names never share a
/// variable.
pub fn kubeconfig_var(base: &str, cluster: &str) -> String {
    let suffix: String = cluster
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{base}_{suffix}")
}

/// Checks the names the user gave the clusters: at least one, each a DNS-1123 label (it names a
/// directory of runbooks and a shell variable), no two alike. The message, in `lang`, names the
/// first name that breaks a rule. A usage error for the surfaces to report: the analysis itself
/// takes any names.
pub fn validate_names(names: &[&str], lang: Lang) -> Result<(), String> {
    if names.is_empty() {
        return Err(t!(lang, "clusters-none"));
    }
    for (index, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(t!(lang, "clusters-name-empty"));
        }
        if !is_dns1123_label(name) {
            return Err(t!(
                lang,
                "clusters-name-invalid",
                name = format!("{name:?}")
            ));
        }
        if names[..index].contains(name) {
            return Err(t!(lang, "clusters-name-twice", name = *name));
        }
    }
    Ok(())
}

/// Analyses every cluster with its own exports and the shared ASM export, compares them, and
/// orders them. Never fails: names are the surfaces' to check first ([`validate_names`]).
pub fn analyze_clusters(
    clusters: Vec<ClusterInput>,
    asm_inputs: Vec<Input>,
    settings: &Settings,
) -> Mesh {
    let members: Vec<Member> = clusters
        .into_iter()
        .map(|cluster| {
            let mut own = settings.clone();
            own.cluster_kubeconfig_var =
                kubeconfig_var(&settings.cluster_kubeconfig_var, &cluster.name);
            let analysis = analysis::analyze(cluster.inputs, asm_inputs.clone(), &own);
            let identity = identity(&analysis.bundle, &analysis.facts);
            Member {
                name: cluster.name,
                analysis,
                identity,
            }
        })
        .collect();
    let mut findings = Vec::new();
    {
        let cx = MeshContext {
            members: members
                .iter()
                .map(|m| MemberView {
                    name: &m.name,
                    bundle: &m.analysis.bundle,
                    facts: &m.analysis.facts,
                    trust: &m.analysis.trust,
                    identity: &m.identity,
                })
                .collect(),
            lang: settings.lang,
        };
        checks::run_mesh(&cx, &mut findings);
    }
    let order = order(&members, settings.lang);
    Mesh {
        clusters: members,
        findings,
        order,
        settings: settings.clone(),
    }
}

/// The primaries that serve a remote: those its `istio-system` names in
/// `topology.istio.io/controlPlaneClusters` (by Istio's cluster name; `*` is any), else those
/// holding a remote secret for it (by Istio's name for it or the user's).
pub fn primaries_of<'a>(members: &'a [Member], remote: &Member) -> Vec<&'a Member> {
    let primaries = members
        .iter()
        .filter(|m| m.identity.role == ClusterRole::Primary && m.name != remote.name);
    let named = &remote.identity.control_plane_clusters;
    if !named.is_empty() {
        let by_annotation: Vec<&Member> = primaries
            .clone()
            .filter(|p| {
                named.iter().any(|n| {
                    n == "*"
                        || p.identity
                            .cluster_id
                            .as_ref()
                            .is_some_and(|id| &id.value == n)
                })
            })
            .collect();
        if !by_annotation.is_empty() {
            return by_annotation;
        }
    }
    let remote_id = remote
        .identity
        .cluster_id
        .as_ref()
        .map(|n| n.value.as_str());
    primaries
        .filter(|p| {
            remote_id.is_some_and(|id| p.identity.has_secret_for(id))
                || p.identity.has_secret_for(&remote.name)
        })
        .collect()
}

/// The order of the runbooks: remotes, then primaries, then clusters without Istio, each group
/// in the order given, with the reason of each.
fn order(members: &[Member], lang: Lang) -> Vec<Ordered> {
    let separator = t!(lang, "list-separator");
    let names = |list: &[&Member]| {
        list.iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(&separator)
    };
    let east_west = members.len() > 1 && members.iter().any(|m| m.analysis.facts.has_east_west());
    let mut out = Vec::new();
    for role in [
        ClusterRole::Remote,
        ClusterRole::Primary,
        ClusterRole::Unknown,
    ] {
        for member in members.iter().filter(|m| m.identity.role == role) {
            let mut reason = match role {
                ClusterRole::Remote => {
                    let primaries = primaries_of(members, member);
                    if primaries.is_empty() {
                        t!(lang, "clusters-order-remote-unknown")
                    } else {
                        t!(lang, "clusters-order-remote", primaries = names(&primaries))
                    }
                }
                ClusterRole::Primary => {
                    let remotes: Vec<&Member> = members
                        .iter()
                        .filter(|m| {
                            m.identity.role == ClusterRole::Remote
                                && primaries_of(members, m)
                                    .iter()
                                    .any(|p| p.name == member.name)
                        })
                        .collect();
                    if remotes.is_empty() {
                        t!(lang, "clusters-order-primary")
                    } else {
                        t!(
                            lang,
                            "clusters-order-primary-remotes",
                            remotes = names(&remotes)
                        )
                    }
                }
                ClusterRole::Unknown => t!(lang, "clusters-order-unknown"),
            };
            if east_west && member.analysis.facts.has_east_west() {
                reason.push_str(&t!(lang, "clusters-order-east-west"));
            }
            out.push(Ordered {
                cluster: member.name.clone(),
                role,
                reason,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_labels_unique_and_present() {
        assert_eq!(validate_names(&["east", "west-2"], Lang::En), Ok(()));
        for (names, wanted) in [
            (&[][..], "no cluster"),
            (&[""][..], "empty"),
            (&["East"][..], "\"East\""),
            (&["a_b"][..], "\"a_b\""),
            (&["east", "east"][..], "east"),
        ] {
            let message = validate_names(names, Lang::En).expect_err("refused");
            assert!(message.contains(wanted), "{names:?}: {message}");
            let chinese = validate_names(names, Lang::ZhCn).expect_err("refused");
            assert_ne!(chinese, message, "{names:?}");
        }
    }

    #[test]
    fn each_cluster_has_its_own_kubeconfig_variable() {
        assert_eq!(
            kubeconfig_var("K8S_KUBECONFIG", "east"),
            "K8S_KUBECONFIG_EAST"
        );
        assert_eq!(kubeconfig_var("KC", "east-1"), "KC_EAST_1");
        assert!(crate::kubectl::is_shell_name(&kubeconfig_var(
            "K8S_KUBECONFIG",
            "1a"
        )));
        assert!(crate::kubectl::is_shell_name(&kubeconfig_var(
            "K", "\"$(x)"
        )));
    }
}
