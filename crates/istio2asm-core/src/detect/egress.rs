//! Egress: the Istio egress gateway's hosts and the VirtualServices that route to them.

use super::*;

pub(super) fn egress_hosts(gateways: &[Gateway]) -> BTreeSet<String> {
    let mut hosts = BTreeSet::new();
    hosts.insert("istio-egressgateway.istio-system.svc.cluster.local".to_string());
    for gw in gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::Egress && !g.asm)
    {
        for (service, _) in &gw.services {
            hosts.insert(format!(
                "{service}.{}.svc.cluster.local",
                gw.owner.namespace
            ));
        }
    }
    hosts
}

/// Whether a destination host names one of the egress gateway services (short forms included).
pub fn is_egress_host(host: &str, hosts: &BTreeSet<String>) -> bool {
    hosts.iter().any(|full| {
        host == full
            || full
                .strip_prefix(host)
                .is_some_and(|rest| rest.starts_with('.') && host.contains('.'))
    })
}

pub(super) fn egress_routes(bundle: &Bundle, hosts: &BTreeSet<String>) -> Vec<EgressRoute> {
    let mut out = Vec::new();
    for (index, vs) in bundle.istio.iter().enumerate() {
        if vs.kind != "VirtualService" {
            continue;
        }
        let gateways: Vec<&str> = vs
            .body
            .at(&["spec", "gateways"])
            .map(|g| g.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        for protocol in ["http", "tls", "tcp"] {
            let routes = vs
                .body
                .at(&["spec", protocol])
                .map(Node::items)
                .unwrap_or_default();
            for (route_index, route) in routes.iter().enumerate() {
                // A route applies to sidecars when its match names `mesh`, or names no gateway
                // and the VirtualService is bound to mesh (explicitly or by default).
                let match_gateways: Vec<&str> = route
                    .get("match")
                    .map(|m| {
                        m.items()
                            .iter()
                            .flat_map(|m| m.get("gateways").map(Node::items).unwrap_or_default())
                            .filter_map(Node::as_str)
                            .collect()
                    })
                    .unwrap_or_default();
                let mesh = if match_gateways.is_empty() {
                    gateways.is_empty() || gateways.contains(&"mesh")
                } else {
                    match_gateways.contains(&"mesh")
                };
                if !mesh {
                    continue;
                }
                for dest in route.get("route").map(Node::items).unwrap_or_default() {
                    let Some(host) = dest.str_at(&["destination", "host"]) else {
                        continue;
                    };
                    if is_egress_host(host, hosts) {
                        out.push(EgressRoute {
                            virtual_service: index,
                            protocol: protocol.to_string(),
                            index: route_index,
                            host: host.to_string(),
                            subset: dest.str_at(&["destination", "subset"]).map(String::from),
                            port: dest
                                .at(&["destination", "port", "number"])
                                .and_then(Node::as_int)
                                .and_then(|p| i64::try_from(p).ok()),
                        });
                        break;
                    }
                }
            }
        }
    }
    out
}
