//! # MIG801 mesh-id-differs
//!
//! ## What it finds
//!
//! Clusters analysed together (`istio2asm check --cluster NAME=PATH ...`) whose mesh IDs differ:
//! `defaultConfig.meshId` of the mesh config (what `values.global.meshID` installs), else the
//! injector's `values.global.meshID`, else the trust domain, which Istio uses as the mesh ID when
//! none is set. Each cluster whose mesh ID is not the one most clusters have is reported.
//!
//! ## Why it matters
//!
//! Istio's install values say that "within a multicluster mesh, each cluster must be (manually or
//! auto) configured to have the same Mesh ID value" (istio/istio
//! `manifests/charts/istio-control/istio-discovery/values.yaml`, `meshID`). Clusters with
//! different mesh IDs are different meshes to Istio: their proxies carry the ID as
//! `ISTIO_META_MESH_ID` and their telemetry and traces name it, so the mesh reads as split. istiod
//! itself reads it for tracing tags only (istio/istio `pilot/pkg/networking/core/tracing.go`), so
//! traffic does not break at once: a warning, not an error. The migration moves every cluster
//! into one ASM mesh; settle which ID the clusters have before it.
//!
//! ## How to fix
//!
//! Set `values.global.meshID` to the same value in every cluster (`istioctl install` or
//! `helm upgrade` of istiod), then restart the proxies, which carry it from their injection. Istio
//! calls changing the ID after the install possibly disruptive: do it in a change window. The
//! commands print each cluster's mesh config, whose `defaultConfig` should show the same
//! `meshId:` line everywhere.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get configmap istio -o 'jsonpath={.data.mesh}'
//! ```
//!
//! ## Example
//!
//! `east` and `west` have `meshId: mesh1`, `central` has `meshId: mesh2`.
//!
//! `warning[MIG801]: central has mesh ID mesh2 (defaultConfig.meshId of its mesh config), the other clusters east, west have mesh1: every cluster of one multicluster mesh has the same mesh ID`

use crate::checks::mesh_support::{cross, in_order, list, majority, source};
use crate::checks::MeshContext;
use crate::codes::Code;
use crate::detect::NameSource;
use crate::finding::{CrossFinding, Finding};
use crate::kubectl::{Command, Target};

pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    let ids: Vec<(&str, &str)> = cx
        .members
        .iter()
        .filter_map(|m| Some((m.name, m.identity.mesh_id.as_ref()?.value.as_str())))
        .collect();
    let Some(common) = majority(&ids) else {
        return;
    };
    let with_common: Vec<&str> = ids
        .iter()
        .filter(|(_, id)| *id == common)
        .map(|(m, _)| *m)
        .collect();
    for member in &cx.members {
        let Some(id) = member.identity.mesh_id.as_ref() else {
            continue;
        };
        if id.value == common {
            continue;
        }
        let mut finding = Finding::new(
            Code::Mig801,
            t!(
                cx.lang,
                "mig801-differs",
                cluster = member.name,
                mesh_id = id.value.as_str(),
                source = source(cx.lang, id.from),
                others = list(cx.lang, &with_common),
                common = common
            ),
        );
        if let (Some(object), Some(span)) = (&id.object, id.span) {
            finding = finding.at(object.clone(), span);
        }
        let mut names = with_common.clone();
        names.push(member.name);
        let clusters = in_order(cx, &names);
        finding = finding.help(t!(
            cx.lang,
            "mig801-help",
            common = common,
            clusters = list(cx.lang, &clusters)
        ));
        out.push(cross(finding, clusters, Some(member.name), |cluster| {
            vec![mesh_config_command(cx, cluster)]
        }));
    }
}

/// Prints the cluster's mesh config: the ConfigMap the mesh ID was read from, else `istio`.
fn mesh_config_command(cx: &MeshContext, cluster: &str) -> Command {
    let name = cx
        .member(cluster)
        .and_then(|m| m.identity.mesh_id.as_ref())
        .filter(|id| matches!(id.from, NameSource::MeshConfig | NameSource::TrustDomain))
        .and_then(|id| id.object.as_ref())
        .map_or("istio", |o| o.name.as_str())
        .to_string();
    Command::kubectl(Target::Cluster, "get")
        .resource("configmap")
        .name(name)
        .args(["-o", "jsonpath={.data.mesh}"])
        .in_namespace("istio-system")
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::mesh;
    use crate::codes::Code;

    fn cluster(mesh_id: &str) -> String {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    defaultConfig:\n      meshId: {mesh_id}\n"
        )
    }

    #[test]
    fn the_cluster_whose_mesh_id_differs_from_the_others_is_reported() {
        let (east, west, central) = (cluster("mesh1"), cluster("mesh1"), cluster("mesh2"));
        let found = mesh(
            &[("east", &east), ("west", &west), ("central", &central)],
            Code::Mig801,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f["severity"], "warning");
        assert_eq!(
            f["message"],
            "central has mesh ID mesh2 (defaultConfig.meshId of its mesh config), the other clusters east, west have mesh1: every cluster of one multicluster mesh has the same mesh ID"
        );
        assert_eq!(
            f["clusters"],
            serde_json::json!(["east", "west", "central"])
        );
        assert_eq!(f["location"]["path"], "central.yaml");
        assert_eq!(
            f["commands"][2],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get configmap istio -o 'jsonpath={.data.mesh}'"#
        );
        assert!(
            f["help"]
                .as_str()
                .unwrap_or_default()
                .contains("meshId: mesh1"),
            "{}",
            f["help"]
        );
    }

    #[test]
    fn an_unset_mesh_id_is_the_trust_domain_and_equal_ids_are_quiet() {
        let set = cluster("cluster.local");
        let unset = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: cluster.local\n";
        assert!(mesh(&[("a", &set), ("b", unset)], Code::Mig801).is_empty());
        let other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: example.org\n";
        let found = mesh(&[("a", &set), ("b", other)], Code::Mig801);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("its trust domain"),
            "{}",
            found[0]["message"]
        );
    }

    #[test]
    fn one_cluster_or_none_with_istio_has_nothing_to_compare() {
        assert!(mesh(&[("a", &cluster("mesh1"))], Code::Mig801).is_empty());
        let plain = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
        assert!(mesh(&[("a", &cluster("mesh1")), ("b", plain)], Code::Mig801).is_empty());
    }
}
