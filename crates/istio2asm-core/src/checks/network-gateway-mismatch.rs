//! # MIG803 network-gateway-mismatch
//!
//! ## What it finds
//!
//! Network names of clusters analysed together that do not match the east-west gateways:
//!
//! - a cluster whose network (label `topology.istio.io/network` on istio-system, else its
//!   sidecars' `ISTIO_META_NETWORK`, else the injector's `values.global.network`) has no
//!   east-west gateway in any cluster and no gateway in any `meshNetworks`, while the mesh spans
//!   several networks (error);
//! - an east-west gateway labelled with a network other than its own cluster's (warning);
//! - a `meshNetworks` entry whose `fromRegistry` names no cluster of the mesh and no remote
//!   secret of its cluster, or whose `registryServiceName` names no exported east-west gateway
//!   Service (warning).
//!
//! ## Why it matters
//!
//! Istio puts a cluster's workloads on the network its system namespace is labelled with, and
//! treats any Service labelled `topology.istio.io/network=<net>` with port 15443 as that
//! network's gateway (istio/istio `pilot/pkg/serviceregistry/kube/controller/network.go`). A
//! proxy reaches endpoints on another network only through that network's gateway; a workload
//! with no network name counts as on every network (`pilot/pkg/model/context.go`, `InNetwork`).
//! A network without a gateway is unreachable from the others; a gateway labelled with another
//! cluster's network receives traffic it cannot deliver. ASM's cross-cluster mesh proxy later
//! needs the same names (the migration procedure, 步骤三 2).
//!
//! ## How to fix
//!
//! Label each cluster's istio-system with its network, and give every network that other
//! networks reach an east-west gateway whose Service carries the same label and port 15443
//! (Istio's `samples/multicluster/gen-eastwest-gateway.sh --network NAME`). Correct
//! `meshNetworks` entries to name the clusters' `clusterName`s and gateway Services. The commands
//! show each cluster's network and its labelled Services: every network of the mesh should have
//! a Service with 15443 among its ports in some cluster.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" get namespace istio-system -L topology.istio.io/network
//! kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" get services -A -l topology.istio.io/network -L topology.istio.io/network
//! ```
//!
//! ## Example
//!
//! `east` (network1) and `west` (network2) have east-west gateways; `central` is on network3 and
//! has none.
//!
//! `error[MIG803]: central is on network network3 (label topology.istio.io/network on istio-system), but no cluster of the mesh has an east-west gateway for network3 and no meshNetworks names a gateway for it: workloads on network1 (east), network2 (west) cannot reach the workloads of central`

use std::collections::BTreeSet;

use crate::checks::mesh_support::{cross, in_order, list, source};
use crate::checks::{MemberView, MeshContext};
use crate::codes::{Code, Severity};
use crate::detect::EastWest;
use crate::finding::{CrossFinding, Finding};
use crate::kubectl::{Command, Target};
use crate::names::in_namespace;

pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    if cx.members.len() < 2 {
        return;
    }
    let lang = cx.lang;
    // Each cluster's network, in the mesh's order.
    let networks: Vec<(&MemberView, &str)> = cx
        .members
        .iter()
        .filter_map(|m| Some((m, m.identity.network.as_ref()?.value.as_str())))
        .collect();
    let named: BTreeSet<&str> = networks.iter().map(|(_, n)| *n).collect();
    // The networks with a gateway: east-west gateways by their label, else by their cluster's
    // network; and every meshNetworks entry that names a gateway.
    let mut served: BTreeSet<&str> = BTreeSet::new();
    for member in &cx.members {
        let own = member.identity.network.as_ref().map(|n| n.value.as_str());
        for gateway in &member.facts.east_west {
            served.extend(gateway.network.as_deref().or(own));
        }
        for network in &member.identity.mesh_networks {
            if !network.gateway_services.is_empty() || !network.gateway_addresses.is_empty() {
                served.insert(&network.name);
            }
        }
    }
    let everywhere = list(
        lang,
        named.iter().map(|n| {
            let clusters: Vec<&str> = networks
                .iter()
                .filter(|(_, net)| net == n)
                .map(|(m, _)| m.name)
                .collect();
            format!("{n} ({})", list(lang, &clusters))
        }),
    );
    let help = t!(lang, "mig803-help", networks = everywhere.as_str());
    if named.len() > 1 {
        for (member, network) in &networks {
            if served.contains(network) {
                continue;
            }
            let Some(name) = &member.identity.network else {
                continue;
            };
            let others = list(
                lang,
                named.iter().filter(|n| *n != network).map(|n| {
                    let clusters: Vec<&str> = networks
                        .iter()
                        .filter(|(_, net)| net == n)
                        .map(|(m, _)| m.name)
                        .collect();
                    format!("{n} ({})", list(lang, &clusters))
                }),
            );
            let mut finding = Finding::new(
                Code::Mig803,
                t!(
                    lang,
                    "mig803-no-gateway",
                    cluster = member.name,
                    network = *network,
                    source = source(lang, name.from),
                    others = others
                ),
            )
            .help(help.clone());
            if let (Some(object), Some(span)) = (&name.object, name.span) {
                finding = finding.at(object.clone(), span);
            }
            let names: Vec<&str> = networks.iter().map(|(m, _)| m.name).collect();
            out.push(cross(
                finding,
                in_order(cx, &names),
                Some(member.name),
                |_| network_commands(),
            ));
        }
    }
    for member in &cx.members {
        let own = member.identity.network.as_ref().map(|n| n.value.as_str());
        for gateway in &member.facts.east_west {
            let Some(network) = gateway.network.as_deref() else {
                continue;
            };
            let message = match own {
                Some(own) if own != network => t!(
                    lang,
                    "mig803-gateway-elsewhere",
                    gateway = display(gateway, lang),
                    cluster = member.name,
                    network = network,
                    own = own
                ),
                None if !named.is_empty() && !named.contains(network) => t!(
                    lang,
                    "mig803-gateway-no-network",
                    gateway = display(gateway, lang),
                    cluster = member.name,
                    network = network,
                    networks = list(lang, &named)
                ),
                _ => continue,
            };
            let finding = Finding::new(Code::Mig803, message)
                .severity(Severity::Warning)
                .at(gateway.object.clone(), gateway.span)
                .help(help.clone());
            out.push(cross(
                finding,
                vec![member.name.to_string()],
                Some(member.name),
                |_| network_commands(),
            ));
        }
    }
    mesh_networks(cx, out);
}

/// `meshNetworks` entries that name no cluster of the mesh or no exported gateway Service.
fn mesh_networks(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    let lang = cx.lang;
    let ids: BTreeSet<&str> = cx
        .members
        .iter()
        .filter_map(|m| Some(m.identity.cluster_id.as_ref()?.value.as_str()))
        .collect();
    // Every exported east-west gateway Service as (namespace, name).
    let services: BTreeSet<(&str, &str)> = cx
        .members
        .iter()
        .flat_map(|m| {
            let east_west_owners: Vec<_> = m
                .facts
                .gateways
                .iter()
                .filter(|g| g.kind == crate::detect::GatewayKind::EastWest)
                .collect();
            let from_gateways = east_west_owners.into_iter().flat_map(|g| {
                g.services
                    .iter()
                    .map(move |(name, _)| (g.owner.namespace.as_str(), name.as_str()))
            });
            let from_objects = m.facts.east_west.iter().filter_map(|e| {
                (e.object.kind == "Service")
                    .then(|| Some((e.object.namespace.as_deref()?, e.object.name.as_str())))
                    .flatten()
            });
            from_gateways.chain(from_objects).collect::<Vec<_>>()
        })
        .collect();
    for member in &cx.members {
        let mut problems: BTreeSet<String> = BTreeSet::new();
        for network in &member.identity.mesh_networks {
            for registry in &network.registries {
                if ids.contains(registry.as_str()) || member.identity.has_secret_for(registry) {
                    continue;
                }
                problems.insert(t!(
                    lang,
                    "mig803-unknown-registry",
                    cluster = member.name,
                    registry = registry.as_str(),
                    network = network.name.as_str(),
                    ids = list(lang, &ids)
                ));
            }
            for service in &network.gateway_services {
                let mut parts = service.split('.');
                let (name, namespace) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                if services.contains(&(namespace, name)) {
                    continue;
                }
                problems.insert(t!(
                    lang,
                    "mig803-unknown-gateway-service",
                    cluster = member.name,
                    service = service.as_str(),
                    network = network.name.as_str()
                ));
            }
        }
        let Some(first) = member.identity.mesh_networks.first() else {
            continue;
        };
        for message in problems {
            let finding = Finding::new(Code::Mig803, message)
                .severity(Severity::Warning)
                .at(first.object.clone(), first.span)
                .help(t!(lang, "mig803-help-mesh-networks"));
            let config = first.object.name.clone();
            out.push(cross(
                finding,
                vec![member.name.to_string()],
                Some(member.name),
                |_| {
                    vec![Command::kubectl(Target::Cluster, "get")
                        .resource("configmap")
                        .name(config.as_str())
                        .args(["-o", "jsonpath={.data.meshNetworks}"])
                        .in_namespace(first.object.namespace.as_deref().unwrap_or("istio-system"))]
                },
            ));
        }
    }
}

/// An east-west gateway as a person reads it: `deployment/istio-eastwestgateway in istio-system`.
fn display(gateway: &EastWest, lang: crate::i18n::Lang) -> String {
    format!(
        "{}/{}{}",
        gateway.object.kind.to_lowercase(),
        gateway.object.name,
        in_namespace(lang, gateway.object.namespace.as_deref().unwrap_or(""))
    )
}

/// Each cluster's network and the Services labelled with one.
fn network_commands() -> Vec<Command> {
    vec![
        Command::kubectl(Target::Cluster, "get")
            .resource("namespace")
            .name("istio-system")
            .args(["-L", "topology.istio.io/network"]),
        Command::kubectl(Target::Cluster, "get")
            .resource("services")
            .args([
                "-A",
                "-l",
                "topology.istio.io/network",
                "-L",
                "topology.istio.io/network",
            ]),
    ]
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::mesh;
    use crate::codes::Code;

    fn cluster(network: &str, gateway: Option<&str>) -> String {
        let mut yaml = format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n  labels:\n    topology.istio.io/network: {network}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istiod\n  namespace: istio-system\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.22.3\n"
        );
        if let Some(label) = gateway {
            yaml.push_str(&format!(
                "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: istio-eastwestgateway\n  namespace: istio-system\n  labels:\n    topology.istio.io/network: {label}\nspec:\n  selector:\n    istio: eastwestgateway\n  ports:\n  - name: tls\n    port: 15443\n"
            ));
        }
        yaml
    }

    #[test]
    fn a_network_without_a_gateway_is_an_error() {
        let east = cluster("network1", Some("network1"));
        let west = cluster("network2", Some("network2"));
        let central = cluster("network3", None);
        let found = mesh(
            &[("east", &east), ("west", &west), ("central", &central)],
            Code::Mig803,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f["severity"], "error");
        assert_eq!(
            f["message"],
            "central is on network network3 (label topology.istio.io/network on istio-system), but no cluster of the mesh has an east-west gateway for network3 and no meshNetworks names a gateway for it: workloads on network1 (east), network2 (west) cannot reach the workloads of central"
        );
        assert_eq!(
            f["clusters"],
            serde_json::json!(["east", "west", "central"])
        );
        assert_eq!(
            f["commands"][4],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG_CENTRAL}" get namespace istio-system -L topology.istio.io/network"#
        );
    }

    #[test]
    fn one_network_needs_no_gateway() {
        let a = cluster("network1", None);
        let b = cluster("network1", None);
        assert!(mesh(&[("a", &a), ("b", &b)], Code::Mig803).is_empty());
    }

    #[test]
    fn a_gateway_labelled_with_another_network_is_a_warning() {
        let east = cluster("network1", Some("network2"));
        let west = cluster("network2", Some("network2"));
        let found = mesh(&[("east", &east), ("west", &west)], Code::Mig803);
        let messages: Vec<&str> = found
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect();
        assert!(
            messages.contains(&"the east-west gateway service/istio-eastwestgateway in istio-system of east serves network network2, but east is on network1: Istio sends a network's traffic to the gateways labelled with it, and this one cannot reach network2's workloads"),
            "{messages:#?}"
        );
        // network1 has no gateway of its own now.
        assert!(messages
            .iter()
            .any(|m| m.starts_with("east is on network network1")));
    }

    #[test]
    fn mesh_networks_naming_unknown_clusters_or_services_are_warnings() {
        let mut east = cluster("network1", Some("network1"));
        east.push_str("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: \"{}\"\n  meshNetworks: |\n    networks:\n      network2:\n        endpoints:\n        - fromRegistry: cluster9\n        gateways:\n        - registryServiceName: gw.elsewhere.svc.cluster.local\n          port: 15443\n");
        let west = cluster("network2", Some("network2"));
        let found = mesh(&[("east", &east), ("west", &west)], Code::Mig803);
        let messages: Vec<&str> = found
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("registry cluster9")));
        assert!(messages
            .iter()
            .any(|m| m.contains("gw.elsewhere.svc.cluster.local")));
        assert!(found.iter().all(|f| f["severity"] == "warning"));
    }
}
