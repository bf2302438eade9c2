//! The plan of a mesh of several clusters: one runbook per cluster, in the mesh's order
//! ([`crate::clusters::Mesh::order`]), each the cluster's own plan plus what the other clusters
//! need of it:
//!
//! - ASM's cross-cluster mesh proxy serves every network before the first workload of any
//!   cluster moves to ASM's proxy: ASM's proxies reach other networks only through it (the
//!   migration procedure, 步骤三 2, "在您为任何工作负载注入ASM网格代理之前，您需要首先部署ASM跨集群网关").
//!   The east-west step of each runbook names every cluster's network.
//! - Istio's east-west gateways stay until every cluster has moved its workloads: the Istio
//!   proxies still running in the other clusters reach this cluster's workloads through this
//!   cluster's east-west gateway (Istio's multi-network model: cross-network traffic goes
//!   through the network's gateway, istio/istio `pilot/pkg/serviceregistry/kube/controller/network.go`),
//!   and the procedure (步骤四) uninstalls Istio only once no east-west gateway carries traffic. A
//!   step `mesh-wait-for-clusters` (a pause) comes before the gateways are retired.
//! - A primary's istiod serves its remote clusters ("Install Primary-Remote",
//!   <https://istio.io/latest/docs/setup/install/multicluster/primary-remote/>): the same pause
//!   keeps its uninstall until their workloads run ASM's proxy, checked with `istioctl
//!   proxy-status`, whose CLUSTER column names each connected proxy's cluster (istio/istio
//!   `istioctl/pkg/writer/pilot/status.go`).
//! - The other clusters' istiods read this cluster's API server with the `istio-reader` service
//!   account their remote secrets hold a token of (istio/istio `istioctl/pkg/multicluster/remote_secret.go`):
//!   its deletion moves out of the clean-up into a step of its own, to run once every cluster is
//!   Finished.

use crate::clusters::{primaries_of, Member, Mesh, Ordered};
use crate::detect::ClusterRole;
use crate::i18n::Lang;
use crate::kubectl::{Command, Target};
use crate::state::State;

use super::{plan, Plan, Step, StepKind};

/// The id of the pause before a cluster's Istio gateways are retired, in a mesh.
pub const MESH_WAIT_STEP: &str = "mesh-wait-for-clusters";
/// The id of the step that deletes `istio-reader` once every cluster is Finished.
pub const MESH_READER_STEP: &str = "mesh-cleanup-istio-reader";

/// The runbooks of a mesh, in the order they run in.
#[derive(Debug, Clone, PartialEq)]
pub struct MeshPlan {
    /// The order, each cluster with its role and the reason.
    pub order: Vec<Ordered>,
    /// Each cluster's plan by the name the user gave it, in `order`.
    pub plans: Vec<(String, Plan)>,
    /// The clusters with an Istio east-west gateway, in `order`.
    pub east_west: Vec<String>,
    /// The language of the texts.
    pub lang: Lang,
}

/// Plans every cluster of the mesh (with `force` as for one cluster), in the mesh's order, with
/// the steps and notes the other clusters need.
pub fn plan_mesh(mesh: &Mesh, force: bool) -> MeshPlan {
    let lang = mesh.settings.lang;
    let ordered: Vec<&Member> = mesh
        .order
        .iter()
        .filter_map(|o| mesh.member(&o.cluster))
        .collect();
    let east_west: Vec<String> = ordered
        .iter()
        .filter(|m| m.analysis.facts.has_east_west())
        .map(|m| m.name.clone())
        .collect();
    let several = mesh.clusters.len() > 1;
    let plans = ordered
        .iter()
        .map(|member| {
            let mut own = plan(&member.analysis, force);
            if several {
                adapt(mesh, member, &east_west, lang, &mut own);
            }
            (member.name.clone(), own)
        })
        .collect();
    MeshPlan {
        order: mesh.order.clone(),
        plans,
        east_west,
        lang,
    }
}

/// Adds to one cluster's plan what the other clusters of the mesh need of it.
fn adapt(mesh: &Mesh, member: &Member, east_west: &[String], lang: Lang, plan: &mut Plan) {
    let separator = t!(lang, "list-separator");
    let others: Vec<&str> = mesh
        .order
        .iter()
        .map(|o| o.cluster.as_str())
        .filter(|c| *c != member.name)
        .collect();
    let remotes: Vec<&Member> = if member.identity.role == ClusterRole::Primary {
        mesh.clusters
            .iter()
            .filter(|m| {
                m.identity.role == ClusterRole::Remote
                    && primaries_of(&mesh.clusters, m)
                        .iter()
                        .any(|p| p.name == member.name)
            })
            .collect()
    } else {
        Vec::new()
    };
    let networks: Vec<String> = mesh
        .order
        .iter()
        .filter_map(|o| mesh.member(&o.cluster))
        .map(|m| {
            let network = m.identity.network.as_ref().map_or_else(
                || t!(lang, "plan-mesh-network-unknown"),
                |n| n.value.clone(),
            );
            format!("{}: {network}", m.name)
        })
        .collect();
    let Some(migrating) = plan.phases.iter_mut().find(|p| p.state == State::Migrating) else {
        return;
    };
    for step in &mut migrating.steps {
        match step.id.as_str() {
            "eastwest-networks" => step.notes.push(t!(
                lang,
                "plan-mesh-networks",
                networks = networks.join(&separator)
            )),
            "retire-istio-gateways" if !east_west.is_empty() => {
                step.notes.push(t!(lang, "plan-mesh-retire-east-west"));
            }
            "uninstall-istio" => {
                if !east_west.is_empty() {
                    step.notes.push(t!(lang, "plan-mesh-uninstall-east-west"));
                }
                if !remotes.is_empty() {
                    step.notes.push(t!(
                        lang,
                        "plan-mesh-uninstall-remotes",
                        remotes = names(&remotes, &separator)
                    ));
                }
            }
            _ => {}
        }
    }
    if !east_west.is_empty() || !remotes.is_empty() {
        let at = [
            "check-istio-gateway-traffic",
            "retire-istio-gateways",
            "uninstall-istio",
        ]
        .iter()
        .find_map(|id| migrating.steps.iter().position(|s| s.id == *id));
        if let Some(at) = at {
            let wait = wait_step(member, &others, east_west, &remotes, lang);
            migrating.steps.insert(at, wait);
        }
    }
    if let Some(finished) = plan.phases.iter_mut().find(|p| p.state == State::Finished) {
        move_reader_cleanup(&mut finished.steps, &others, lang);
    }
}

fn names(members: &[&Member], separator: &str) -> String {
    members
        .iter()
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(separator)
}

/// The pause before a cluster's Istio gateways are retired and Istio is uninstalled.
fn wait_step(
    member: &Member,
    others: &[&str],
    east_west: &[String],
    remotes: &[&Member],
    lang: Lang,
) -> Step {
    let separator = t!(lang, "list-separator");
    let mut step = Step::new(
        StepKind::Check,
        MESH_WAIT_STEP,
        t!(lang, "plan-mesh-wait-title"),
        Target::Cluster,
        t!(lang, "plan-mesh-wait-why"),
    );
    step.wave = true;
    if !east_west.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-mesh-wait-east-west",
            clusters = others.join(&separator),
            gateways = east_west.join(&separator)
        ));
    }
    if !remotes.is_empty() {
        let ids: Vec<String> = remotes
            .iter()
            .map(|r| {
                r.identity
                    .cluster_id
                    .as_ref()
                    .map_or_else(|| r.name.clone(), |id| id.value.clone())
            })
            .collect();
        step.notes.push(t!(
            lang,
            "plan-mesh-wait-remotes",
            remotes = names(remotes, &separator)
        ));
        step.verify.push(super::Verify {
            command: Command::istioctl("proxy-status"),
            expect: t!(
                lang,
                "plan-mesh-wait-proxy-status",
                ids = ids.join(&separator)
            ),
        });
    }
    if member.identity.role == ClusterRole::Remote {
        step.notes.push(t!(lang, "plan-mesh-wait-remote-self"));
    }
    step
}

/// Moves the deletion of `istio-reader` objects out of the clean-up into a step of its own at
/// the end of the phase: the other clusters' istiods read this cluster with it.
fn move_reader_cleanup(steps: &mut Vec<Step>, others: &[&str], lang: Lang) {
    let mut moved = Vec::new();
    for step in steps.iter_mut().filter(|s| s.kind == StepKind::Cleanup) {
        let (reader, rest): (Vec<Command>, Vec<Command>) = step
            .commands
            .drain(..)
            .partition(|c| c.object_name().is_some_and(|n| n.contains("istio-reader")));
        step.commands = rest;
        moved.extend(reader);
    }
    if moved.is_empty() {
        return;
    }
    let mut step = Step::new(
        StepKind::Cleanup,
        MESH_READER_STEP,
        t!(lang, "plan-mesh-reader-title"),
        Target::Cluster,
        t!(
            lang,
            "plan-mesh-reader-why",
            clusters = others.join(&t!(lang, "list-separator"))
        ),
    );
    step.wave = true;
    step.commands = moved;
    steps.push(step);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::{analyze_clusters, ClusterInput};
    use crate::load::Input;
    use crate::settings::Settings;

    fn cluster(name: &str, yaml: &str) -> ClusterInput {
        ClusterInput {
            name: name.into(),
            inputs: vec![Input::new(format!("{name}.yaml"), yaml)],
        }
    }

    /// An istiod, an east-west gateway with its Service, and the reader account.
    fn primary(id: &str, network: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
  labels:
    topology.istio.io/network: {network}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
spec:
  template:
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:1.22.3
        env:
        - name: CLUSTER_ID
          value: {id}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
spec:
  replicas: 1
  template:
    metadata:
      labels:
        istio: eastwestgateway
        topology.istio.io/network: {network}
    spec:
      containers:
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.3
        args: [proxy, router]
---
apiVersion: v1
kind: Service
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
  labels:
    topology.istio.io/network: {network}
spec:
  selector:
    istio: eastwestgateway
  ports:
  - name: tls
    port: 15443
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: istio-reader-service-account
  namespace: istio-system
  labels:
    app: istio-reader
"#
        )
    }

    fn ids(plan: &Plan, state: State) -> Vec<&str> {
        plan.phase(state)
            .map(|p| p.steps.iter().map(|s| s.id.as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn east_west_gateways_stay_until_every_cluster_has_switched() {
        let settings = Settings {
            asm_version: Some("1.24.6".into()),
            ..Settings::default()
        };
        let mesh = analyze_clusters(
            vec![
                cluster("east", &primary("east", "network1")),
                cluster("west", &primary("west", "network2")),
            ],
            Vec::new(),
            &settings,
        );
        let plan = plan_mesh(&mesh, true);
        assert_eq!(plan.east_west, ["east", "west"]);
        let (name, east) = &plan.plans[0];
        assert_eq!(name, "east");
        let migrating = ids(east, State::Migrating);
        let wait = migrating
            .iter()
            .position(|id| *id == MESH_WAIT_STEP)
            .expect("a pause");
        let retire = migrating
            .iter()
            .position(|id| *id == "retire-istio-gateways")
            .expect("the retirement");
        assert!(wait < retire, "{migrating:?}");
        assert_eq!(
            ids(east, State::Finished).last(),
            Some(&MESH_READER_STEP),
            "{:?}",
            ids(east, State::Finished)
        );
        let cleanup = east
            .phase(State::Finished)
            .and_then(|p| p.steps.iter().find(|s| s.id == "cleanup-residues"))
            .expect("the clean-up");
        assert!(cleanup
            .commands
            .iter()
            .all(|c| !c.object_name().unwrap_or_default().contains("istio-reader")));
        let networks = east
            .phase(State::Migrating)
            .and_then(|p| p.steps.iter().find(|s| s.id == "eastwest-networks"))
            .expect("the network step");
        assert!(
            networks
                .notes
                .iter()
                .any(|n| n.contains("east: network1") && n.contains("west: network2")),
            "{:?}",
            networks.notes
        );
        // Each runbook reads its own cluster's kubeconfig.
        assert_eq!(east.vars.name(Target::Cluster), "K8S_KUBECONFIG_EAST");
        assert_eq!(
            plan.plans[1].1.vars.name(Target::Cluster),
            "K8S_KUBECONFIG_WEST"
        );
    }

    /// A remote: Istio's injector webhook calling another cluster's istiod, sidecars, no istiod.
    const REMOTE: &str = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  clientConfig:
    url: https://istiod.east.example:15017/inject
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-1
  namespace: shop
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
    env:
    - name: ISTIO_META_CLUSTER_ID
      value: remote1
"#;

    #[test]
    fn a_remote_goes_before_the_primary_that_waits_for_it() {
        let mut east = primary("east", "network1");
        east.push_str("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-remote-secret-remote1\n  namespace: istio-system\n  labels:\n    istio/multiCluster: \"true\"\n");
        let mesh = analyze_clusters(
            vec![cluster("east", &east), cluster("r", REMOTE)],
            Vec::new(),
            &Settings::default(),
        );
        let order: Vec<(&str, ClusterRole)> = mesh
            .order
            .iter()
            .map(|o| (o.cluster.as_str(), o.role))
            .collect();
        assert_eq!(
            order,
            [("r", ClusterRole::Remote), ("east", ClusterRole::Primary)]
        );
        assert!(
            mesh.order[0].reason.contains("from the istiod of east"),
            "{}",
            mesh.order[0].reason
        );
        assert!(
            mesh.order[1].reason.contains("which serves r"),
            "{}",
            mesh.order[1].reason
        );
        let plan = plan_mesh(&mesh, true);
        let east = &plan.plans[1].1;
        let wait = east
            .phase(State::Migrating)
            .and_then(|p| p.steps.iter().find(|s| s.id == MESH_WAIT_STEP))
            .expect("the pause");
        let vars = east.vars.clone();
        let verify: Vec<(String, &str)> = wait
            .verify
            .iter()
            .map(|v| (v.command.render(&vars), v.expect.as_str()))
            .collect();
        assert_eq!(
            verify,
            [(
                r#"istioctl --kubeconfig="${K8S_KUBECONFIG_EAST}" proxy-status"#.to_string(),
                "no row whose CLUSTER column is remote1"
            )]
        );
        let uninstall = east
            .phase(State::Migrating)
            .and_then(|p| p.steps.iter().find(|s| s.id == "uninstall-istio"))
            .expect("the uninstall");
        assert!(
            uninstall
                .notes
                .iter()
                .any(|n| n.contains("remote clusters r")),
            "{:?}",
            uninstall.notes
        );
    }

    #[test]
    fn one_cluster_keeps_its_own_plan() {
        let settings = Settings::default();
        let mesh = analyze_clusters(
            vec![cluster("east", &primary("east", "network1"))],
            Vec::new(),
            &settings,
        );
        let plan = plan_mesh(&mesh, true);
        let single = super::super::plan(&mesh.clusters[0].analysis, true);
        assert_eq!(plan.plans[0].1, single);
    }
}
