//! # MIG804 remote-secret-missing
//!
//! ## What it finds
//!
//! Remote secrets missing between clusters analysed together: a primary (a cluster with its own
//! istiod) without a Secret labelled `istio/multiCluster=true` for another cluster of the mesh
//! (warning), a remote cluster for which no primary holds one (error), and a remote secret named
//! for a cluster by another name than the one its istiod uses (warning). A Secret is read by its
//! metadata only: the cluster it is for is its annotation `networking.istio.io/cluster`, else
//! its name after `istio-remote-secret-`. Two clusters that share one `clusterName` are MIG802's,
//! not reported here.
//!
//! ## Why it matters
//!
//! istiod watches another cluster's API server only through a remote secret in its namespace
//! (istio/istio `pkg/kube/multicluster/secretcontroller.go`). In multi-primary, each primary
//! holds one for every other cluster; in primary-remote, the primary holds one for each remote
//! ("Install Multi-Primary", "Install Primary-Remote",
//! <https://istio.io/latest/docs/setup/install/multicluster/>). Without it, that primary's
//! workloads do not see the other cluster's endpoints, and a remote no primary watches has its
//! services unknown to the mesh. istiod registers the cluster under each data key of the
//! Secret, which `istioctl create-remote-secret --name NAME` makes the cluster's name; this tool
//! never reads a Secret's data, so the annotation or the name stands for the key, and the command
//! below shows the keys without their values.
//!
//! ## How to fix
//!
//! From the other cluster's context, create its remote secret and apply it to the primary:
//! `istioctl create-remote-secret --name=<its clusterName> | kubectl apply -f -` against the
//! primary. The command lists the primary's remote secrets, each with the cluster names it holds
//! (the data keys, never their values): the other cluster's `clusterName` should be among them.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" -n istio-system get secrets -l istio/multiCluster=true -o 'go-template={{range .items}}{{.metadata.name}}{{range $k, $v := .data}} {{$k}}{{end}}{{"\n"}}{{end}}'
//! ```
//!
//! ## Example
//!
//! `central` holds `istio-remote-secret-west` only; `east` is also a primary of the mesh.
//!
//! `warning[MIG804]: central holds no remote secret for east (clusterName east): the istiod of central does not watch the API server of east, so its workloads do not see the endpoints of east`

use crate::checks::mesh_support::{cross, in_order, list};
use crate::checks::{MemberView, MeshContext};
use crate::codes::{Code, Severity};
use crate::detect::ClusterRole;
use crate::finding::{CrossFinding, Finding};
use crate::kubectl::{Command, Target};

pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    let lang = cx.lang;
    let primaries: Vec<&MemberView> = cx
        .members
        .iter()
        .filter(|m| m.identity.role == ClusterRole::Primary)
        .collect();
    for other in cx
        .members
        .iter()
        .filter(|m| m.identity.role != ClusterRole::Unknown)
    {
        let Some(id) = other.identity.cluster_id.as_ref().map(|n| n.value.as_str()) else {
            continue;
        };
        let watching: Vec<&&MemberView> = primaries
            .iter()
            .filter(|p| p.name != other.name)
            .filter(|p| p.identity.has_secret_for(id) || p.identity.has_secret_for(other.name))
            .collect();
        let candidates = primaries.iter().filter(|p| p.name != other.name).count();
        if other.identity.role == ClusterRole::Remote && watching.is_empty() && candidates > 0 {
            let names: Vec<&str> = primaries.iter().map(|p| p.name).collect();
            let mut finding = Finding::new(
                Code::Mig804,
                t!(
                    lang,
                    "mig804-remote-unwatched",
                    cluster = other.name,
                    cluster_id = id,
                    primaries = list(lang, &names)
                ),
            )
            .severity(Severity::Error)
            .help(t!(
                lang,
                "mig804-help",
                primary = list(lang, &names),
                expected = id
            ));
            if let Some((object, span)) = &other.identity.system_namespace {
                finding = finding.at(object.clone(), *span);
            }
            let mut involved = names.clone();
            involved.push(other.name);
            out.push(cross(
                finding,
                in_order(cx, &involved),
                Some(other.name),
                |cluster| {
                    if cluster == other.name {
                        Vec::new()
                    } else {
                        vec![secrets_command()]
                    }
                },
            ));
            continue;
        }
        for primary in primaries.iter().filter(|p| p.name != other.name) {
            // A cluster that shares the primary's own name cannot be registered by it at all:
            // MIG802 says so, and no remote secret helps.
            let same_name = primary
                .identity
                .cluster_id
                .as_ref()
                .map(|n| n.value.as_str())
                == Some(id);
            if same_name || primary.identity.has_secret_for(id) {
                continue;
            }
            let by_other_name = primary
                .identity
                .remote_secrets
                .iter()
                .find(|s| s.cluster.as_deref() == Some(other.name) && other.name != id);
            let mut finding = match by_other_name {
                Some(secret) => Finding::new(
                    Code::Mig804,
                    t!(
                        lang,
                        "mig804-other-name",
                        primary = primary.name,
                        secret = secret.name.as_str(),
                        cluster = other.name,
                        cluster_id = id
                    ),
                )
                .at(secret.object.clone(), secret.span),
                None => {
                    let finding = Finding::new(
                        Code::Mig804,
                        t!(
                            lang,
                            "mig804-missing",
                            primary = primary.name,
                            cluster = other.name,
                            cluster_id = id
                        ),
                    );
                    match &primary.identity.system_namespace {
                        Some((object, span)) => finding.at(object.clone(), *span),
                        None => finding,
                    }
                }
            };
            finding = finding.help(t!(
                lang,
                "mig804-help",
                primary = primary.name,
                expected = id
            ));
            out.push(cross(
                finding,
                in_order(cx, &[primary.name, other.name]),
                Some(primary.name),
                |cluster| {
                    if cluster == primary.name {
                        vec![secrets_command()]
                    } else {
                        Vec::new()
                    }
                },
            ));
        }
    }
}

/// Lists the remote secrets of istio-system, each with its data keys (never their values).
fn secrets_command() -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource("secrets")
        .args([
            "-l",
            "istio/multiCluster=true",
            "-o",
            r#"go-template={{range .items}}{{.metadata.name}}{{range $k, $v := .data}} {{$k}}{{end}}{{"\n"}}{{end}}"#,
        ])
        .in_namespace("istio-system")
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::mesh;
    use crate::codes::Code;

    fn primary(id: &str, secrets: &[&str]) -> String {
        let mut yaml = format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istiod\n  namespace: istio-system\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.22.3\n        env:\n        - name: CLUSTER_ID\n          value: {id}\n"
        );
        for cluster in secrets {
            yaml.push_str(&format!(
                "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-remote-secret-{cluster}\n  namespace: istio-system\n  labels:\n    istio/multiCluster: \"true\"\n  annotations:\n    networking.istio.io/cluster: {cluster}\n"
            ));
        }
        yaml
    }

    const REMOTE: &str = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: istio-sidecar-injector\nwebhooks:\n- name: rev.namespace.sidecar-injector.istio.io\n  clientConfig:\n    url: https://istiod.example:15017/inject\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-sidecar-injector\n  namespace: istio-system\ndata:\n  values: '{\"global\":{\"multiCluster\":{\"clusterName\":\"remote1\"}}}'\n";

    #[test]
    fn a_primary_without_a_secret_for_another_primary_is_a_warning() {
        let east = primary("east", &["west"]);
        let west = primary("west", &[]);
        let found = mesh(&[("east", &east), ("west", &west)], Code::Mig804);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f["severity"], "warning");
        assert_eq!(
            f["message"],
            "west holds no remote secret for east (clusterName east): the istiod of west does not watch the API server of east, so its workloads do not see the endpoints of east"
        );
        assert_eq!(f["clusters"], serde_json::json!(["east", "west"]));
        assert_eq!(f["location"]["path"], "west.yaml");
        assert_eq!(f["commands"].as_array().map(Vec::len), Some(1));
        assert!(f["commands"][0]
            .as_str()
            .unwrap_or_default()
            .starts_with(r#"kubectl --kubeconfig="${K8S_KUBECONFIG_WEST}" -n istio-system get secrets -l istio/multiCluster=true -o 'go-template="#));
    }

    #[test]
    fn a_remote_no_primary_watches_is_an_error_and_a_watched_one_is_quiet() {
        let east = primary("east", &[]);
        let found = mesh(&[("east", &east), ("r", REMOTE)], Code::Mig804);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0]["severity"], "error");
        assert!(
            found[0]["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("no primary holds a remote secret for the remote cluster r (clusterName remote1; primaries: east)"),
            "{}",
            found[0]["message"]
        );
        let east = primary("east", &["remote1"]);
        assert!(mesh(&[("east", &east), ("r", REMOTE)], Code::Mig804).is_empty());
    }

    #[test]
    fn a_secret_under_the_users_name_rather_than_istios_is_named() {
        let east = primary("east", &["central"]);
        let central = primary("west", &["east"]);
        let found = mesh(&[("east", &east), ("central", &central)], Code::Mig804);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0]["message"],
            "east holds the remote secret istio-remote-secret-central for central, but the istiod of central calls itself west: istiod registers the cluster under the name the Secret gives it (its data key), not under its clusterName"
        );
    }
}
