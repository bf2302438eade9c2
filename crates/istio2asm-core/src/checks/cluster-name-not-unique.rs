//! # MIG802 cluster-name-not-unique
//!
//! ## What it finds
//!
//! Clusters analysed together that Istio knows by the same name: istiod's env `CLUSTER_ID`
//! (`values.global.multiCluster.clusterName`), else the injector's `clusterName`, else the
//! proxies' `ISTIO_META_CLUSTER_ID`, else Istio's default `Kubernetes`. That name need not be
//! the one given with `--cluster`.
//!
//! ## Why it matters
//!
//! istiod registers each remote cluster under its name and keeps the first: a remote secret for
//! a name already registered is skipped ("cluster has already been registered"), and one whose
//! name equals istiod's own cluster is ignored "as it would overwrite the config cluster"
//! (istio/istio `pkg/kube/multicluster/secretcontroller.go`, `addRemoteConfig`). The endpoints of
//! the cluster left out are not discovered across clusters, and the proxies of both clusters
//! claim the same `ISTIO_META_CLUSTER_ID`. Istio's multi-cluster install gives every cluster its
//! own `clusterName` ("Install Multi-Primary",
//! <https://istio.io/latest/docs/setup/install/multicluster/multi-primary/>).
//!
//! ## How to fix
//!
//! Give each cluster its own `values.global.multiCluster.clusterName` (istiod's `CLUSTER_ID`,
//! the proxies' `ISTIO_META_CLUSTER_ID`), create the other clusters' remote secrets again with
//! `istioctl create-remote-secret --name=<the new name>`, and restart the proxies. The commands
//! print each cluster's `CLUSTER_ID`: a different name in every cluster.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get deployments -l app=istiod -o 'jsonpath={.items[*].spec.template.spec.containers[?(@.name=="discovery")].env[?(@.name=="CLUSTER_ID")].value}'
//! ```
//!
//! ## Example
//!
//! istiod of `west` and of `central` both run with `CLUSTER_ID=west`.
//!
//! `error[MIG802]: west, central all call themselves west (CLUSTER_ID of istiod): Istio's cluster names must differ, or istiod registers only one of them and the endpoints of the others are not discovered across clusters`

use std::collections::BTreeMap;

use crate::checks::mesh_support::{cross, list, source};
use crate::checks::MeshContext;
use crate::codes::Code;
use crate::finding::{CrossFinding, Finding};
use crate::kubectl::{Command, Target};

pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    // Clusters by the name Istio knows them by, in the mesh's order.
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, member) in cx.members.iter().enumerate() {
        if let Some(id) = &member.identity.cluster_id {
            by_id.entry(id.value.as_str()).or_default().push(index);
        }
    }
    let mut groups: Vec<(&str, Vec<usize>)> =
        by_id.into_iter().filter(|(_, m)| m.len() > 1).collect();
    groups.sort_by_key(|(_, members)| members.first().copied());
    for (id, indexes) in groups {
        let members: Vec<_> = indexes.iter().map(|&i| &cx.members[i]).collect();
        let names: Vec<String> = members.iter().map(|m| m.name.to_string()).collect();
        // The later of the clusters is the one left out: the finding points at its name.
        let Some(last) = members.last() else {
            continue;
        };
        let Some(named) = &last.identity.cluster_id else {
            continue;
        };
        let mut finding = Finding::new(
            Code::Mig802,
            t!(
                cx.lang,
                "mig802-twice",
                clusters = list(cx.lang, &names),
                cluster_id = id,
                source = source(cx.lang, named.from)
            ),
        )
        .help(t!(
            cx.lang,
            "mig802-help",
            cluster_id = id,
            clusters = list(cx.lang, &names)
        ));
        if let (Some(object), Some(span)) = (&named.object, named.span) {
            finding = finding.at(object.clone(), span);
        }
        out.push(cross(finding, names, Some(last.name), |_| {
            vec![cluster_id_command()]
        }));
    }
}

/// Prints istiod's `CLUSTER_ID`.
fn cluster_id_command() -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("deployments")
        .args([
            "-l",
            "app=istiod",
            "-o",
            r#"jsonpath={.items[*].spec.template.spec.containers[?(@.name=="discovery")].env[?(@.name=="CLUSTER_ID")].value}"#,
        ])
        .in_namespace("istio-system")
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::mesh;
    use crate::codes::Code;

    fn istiod(id: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istiod\n  namespace: istio-system\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.22.3\n        env:\n        - name: CLUSTER_ID\n          value: {id}\n"
        )
    }

    #[test]
    fn two_clusters_with_one_istio_name_are_an_error_at_the_later() {
        let (east, west, central) = (istiod("east"), istiod("west"), istiod("west"));
        let found = mesh(
            &[("east", &east), ("west", &west), ("central", &central)],
            Code::Mig802,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f["severity"], "error");
        assert_eq!(
            f["message"],
            "west, central all call themselves west (CLUSTER_ID of istiod): Istio's cluster names must differ, or istiod registers only one of them and the endpoints of the others are not discovered across clusters"
        );
        assert_eq!(f["clusters"], serde_json::json!(["west", "central"]));
        assert_eq!(f["location"]["path"], "central.yaml");
        assert_eq!(
            f["commands"][1],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get deployments -l app=istiod -o 'jsonpath={.items[*].spec.template.spec.containers[?(@.name=="discovery")].env[?(@.name=="CLUSTER_ID")].value}'"#
        );
    }

    #[test]
    fn clusters_without_a_cluster_name_all_default_to_kubernetes() {
        let proxy = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  containers:\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.22.3\n    args: [proxy, sidecar]\n";
        let found = mesh(&[("a", proxy), ("b", proxy)], Code::Mig802);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("call themselves Kubernetes (Istio's default"),
            "{}",
            found[0]["message"]
        );
    }

    #[test]
    fn distinct_names_are_quiet() {
        assert!(mesh(&[("a", &istiod("a")), ("b", &istiod("b"))], Code::Mig802).is_empty());
    }
}
