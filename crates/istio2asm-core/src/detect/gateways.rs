//! Gateways (ingress, egress, east-west in every install style) and network names.

use super::proxies::is_gateway_label;
use super::*;

pub(super) fn selects(
    selector: &BTreeMap<String, String>,
    labels: &BTreeMap<String, String>,
) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

fn gateway_kind(label: Option<&str>, service_ports: &[i64]) -> GatewayKind {
    let label = label.unwrap_or("");
    if label.contains("eastwest") || label == "eastwest" || service_ports.contains(&15443) {
        GatewayKind::EastWest
    } else if label.contains("egress") {
        GatewayKind::Egress
    } else {
        GatewayKind::Ingress
    }
}

pub(super) fn gateways(bundle: &Bundle, proxies: &[Proxy]) -> Vec<Gateway> {
    let mut by_owner: BTreeMap<Owner, Gateway> = BTreeMap::new();
    let service_ports = |ns: &str, labels: &BTreeMap<String, String>| -> Vec<(String, Vec<i64>)> {
        bundle
            .services
            .iter()
            .filter(|s| s.ns() == ns && selects(&s.body.selector, labels))
            .map(|s| {
                let mut ports: Vec<i64> = s.body.ports.iter().map(|p| p.port).collect();
                ports.extend(
                    s.body
                        .ports
                        .iter()
                        .filter_map(|p| p.target_port.as_deref()?.parse::<i64>().ok()),
                );
                ports.sort_unstable();
                ports.dedup();
                (s.name().to_string(), ports)
            })
            .collect()
    };
    for proxy in proxies.iter().filter(|p| p.role == Role::Gateway) {
        let pod = &bundle.pods[proxy.pod];
        let entry = by_owner.entry(proxy.owner.clone()).or_insert_with(|| {
            let services = service_ports(pod.ns(), &pod.meta.labels);
            let all_ports: Vec<i64> = services.iter().flat_map(|(_, p)| p.clone()).collect();
            let label = pod.meta.label("istio").map(String::from);
            let deployment = match &proxy.owner.kind {
                OwnerKind::Workload(kind) => bundle.workload(*kind, pod.ns(), &proxy.owner.name),
                _ => None,
            };
            Gateway {
                kind: gateway_kind(label.as_deref(), &all_ports),
                owner: proxy.owner.clone(),
                istio_label: label,
                services,
                pods: Vec::new(),
                object: deployment.map_or_else(|| pod.object_ref(), Object::object_ref),
                span: deployment.map_or(pod.span, |d| d.span),
                asm: false,
            }
        });
        entry.pods.push(proxy.pod);
        entry.asm |= proxy.flavor == Flavor::Asm;
    }
    // Gateway Deployments whose pods were not exported.
    for w in &bundle.workloads {
        if w.body.kind != WorkloadKind::Deployment {
            continue;
        }
        let labels = &w.body.template.labels;
        let label = labels.get("istio").filter(|v| is_gateway_label(v));
        let template_gateway = w
            .body
            .template
            .annotations
            .get("inject.istio.io/templates")
            .is_some_and(|t| t == "gateway");
        let router = w.body.template.spec.proxy().is_some_and(|(c, _)| {
            c.args
                .windows(2)
                .any(|a| a[0] == "proxy" && a[1] == "router")
        });
        if label.is_none() && !template_gateway && !router {
            continue;
        }
        let owner = Owner {
            namespace: w.ns().to_string(),
            kind: OwnerKind::Workload(WorkloadKind::Deployment),
            name: w.name().to_string(),
        };
        if by_owner.contains_key(&owner) {
            continue;
        }
        let services = service_ports(w.ns(), labels);
        let all_ports: Vec<i64> = services.iter().flat_map(|(_, p)| p.clone()).collect();
        let asm = w
            .body
            .template
            .spec
            .proxy()
            .is_some_and(|(c, _)| classify_proxy(c).0 == Flavor::Asm);
        by_owner.insert(
            owner.clone(),
            Gateway {
                kind: gateway_kind(label.map(String::as_str), &all_ports),
                owner,
                istio_label: label.cloned(),
                services,
                pods: Vec::new(),
                object: w.object_ref(),
                span: w.span,
                asm,
            },
        );
    }
    by_owner.into_values().collect()
}

pub(super) fn east_west(bundle: &Bundle, gateways: &[Gateway]) -> Vec<EastWest> {
    let mut out = Vec::new();
    for gw in gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::EastWest && !g.asm)
    {
        let operator_style = gw.istio_label.as_deref() == Some("eastwestgateway");
        let network = gw.pods.iter().find_map(|&p| {
            bundle.pods[p]
                .meta
                .label("topology.istio.io/network")
                .map(String::from)
        });
        out.push(EastWest {
            style: if operator_style {
                EastWestStyle::Operator
            } else {
                EastWestStyle::Helm
            },
            object: gw.object.clone(),
            span: gw.span,
            network,
        });
    }
    // Helm-chart Services whose pods and Deployment were not exported.
    for svc in &bundle.services {
        let ew_port = svc
            .body
            .ports
            .iter()
            .any(|p| p.port == 15443 || p.target_port.as_deref() == Some("15443"));
        let istio_label = svc.body.selector.get("istio");
        if !ew_port
            || istio_label.is_none()
            || out.iter().any(|e| {
                e.object.namespace.as_deref() == Some(svc.ns())
                    && gateways
                        .iter()
                        .any(|g| g.services.iter().any(|(n, _)| n == svc.name()))
            })
        {
            continue;
        }
        out.push(EastWest {
            style: if istio_label.map(String::as_str) == Some("eastwestgateway") {
                EastWestStyle::Operator
            } else {
                EastWestStyle::Helm
            },
            object: svc.object_ref(),
            span: svc.span,
            network: svc
                .meta
                .label("topology.istio.io/network")
                .map(String::from),
        });
    }
    for obj in &bundle.install {
        match obj.kind.as_str() {
            "Gateway" => {
                let class = obj.body.str_at(&["spec", "gatewayClassName"]);
                let cross = obj.body.at(&["spec", "listeners"]).is_some_and(|ls| {
                    ls.items().iter().any(|l| {
                        l.get("port").and_then(Node::as_int) == Some(15443)
                            || l.str_at(&["name"]) == Some("cross-network")
                    })
                });
                if class == Some("istio-east-west") || cross {
                    out.push(EastWest {
                        style: EastWestStyle::GatewayApi,
                        object: obj.object_ref(),
                        span: obj.span,
                        network: obj
                            .meta
                            .label("topology.istio.io/network")
                            .map(String::from),
                    });
                }
            }
            "IstioOperator" => {
                let gws = obj.body.at(&["spec", "components", "ingressGateways"]);
                for gw in gws.map(Node::items).unwrap_or_default() {
                    let label = gw.str_at(&["label", "istio"]);
                    let port = gw.at(&["k8s", "service", "ports"]).is_some_and(|ps| {
                        ps.items()
                            .iter()
                            .any(|p| p.get("port").and_then(Node::as_int) == Some(15443))
                    });
                    let enabled = gw.get("enabled").and_then(Node::as_bool) != Some(false);
                    if enabled && (label == Some("eastwestgateway") || port) {
                        out.push(EastWest {
                            style: EastWestStyle::Operator,
                            object: obj.object_ref(),
                            span: obj.span,
                            network: gw
                                .str_at(&["label", "topology.istio.io/network"])
                                .or_else(|| {
                                    obj.body.str_at(&["spec", "values", "global", "network"])
                                })
                                .map(String::from),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    generated_east_west(bundle, &mut out);
    for gw in bundle.istio_of_kind("Gateway") {
        let passthrough = gw.body.at(&["spec", "servers"]).is_some_and(|servers| {
            servers.items().iter().any(|s| {
                s.str_at(&["tls", "mode"]) == Some("AUTO_PASSTHROUGH")
                    && s.at(&["port", "number"]).and_then(Node::as_int) == Some(15443)
            })
        });
        if passthrough {
            out.push(EastWest {
                style: EastWestStyle::IstioGateway,
                object: gw.object_ref(),
                span: gw.span,
                network: None,
            });
        }
    }
    out
}

/// The label the Gateway API (GEP-1762) puts on the resources generated for a Gateway: the
/// Deployment, its pods and the Service Istio creates carry the Gateway's class.
pub const GATEWAY_CLASS_LABEL: &str = "gateway.networking.k8s.io/gateway-class-name";
/// The label naming the Gateway those resources belong to.
pub const GATEWAY_NAME_LABEL: &str = "gateway.networking.k8s.io/gateway-name";

/// East-west gateways of class `istio-east-west` found from what Istio generated for them: the
/// Deployment, the Service or the pods, each enough on its own when the Gateway object was not
/// exported. One per namespace and Gateway name, preferring the Deployment, then the Service.
fn generated_east_west(bundle: &Bundle, out: &mut Vec<EastWest>) {
    let is_east_west = |labels: &BTreeMap<String, String>| {
        labels.get(GATEWAY_CLASS_LABEL).map(String::as_str) == Some("istio-east-west")
    };
    let mut seen: BTreeSet<(String, String)> = out
        .iter()
        .filter(|e| e.style == EastWestStyle::GatewayApi)
        .map(|e| {
            (
                e.object.namespace.clone().unwrap_or_default(),
                e.object.name.clone(),
            )
        })
        .collect();
    let mut add = |meta: &crate::model::Meta,
                   labels: &BTreeMap<String, String>,
                   object: ObjectRef,
                   span: Span| {
        let gateway = labels
            .get(GATEWAY_NAME_LABEL)
            .cloned()
            .unwrap_or_else(|| meta.name.clone());
        if seen.insert((meta.ns().to_string(), gateway)) {
            out.push(EastWest {
                style: EastWestStyle::GatewayApi,
                object,
                span,
                network: labels
                    .get("topology.istio.io/network")
                    .or_else(|| meta.labels.get("topology.istio.io/network"))
                    .cloned(),
            });
        }
    };
    for w in &bundle.workloads {
        for labels in [&w.meta.labels, &w.body.template.labels] {
            if is_east_west(labels) {
                add(&w.meta, labels, w.object_ref(), w.span);
                break;
            }
        }
    }
    for svc in bundle
        .services
        .iter()
        .filter(|s| is_east_west(&s.meta.labels))
    {
        add(&svc.meta, &svc.meta.labels, svc.object_ref(), svc.span);
    }
    for pod in bundle.pods.iter().filter(|p| is_east_west(&p.meta.labels)) {
        add(&pod.meta, &pod.meta.labels, pod.object_ref(), pod.span);
    }
}

pub(super) fn networks(bundle: &Bundle, facts: &Facts) -> BTreeSet<String> {
    let mut networks = BTreeSet::new();
    if let Some(ns) = bundle.namespaces.get("istio-system") {
        if let Some(network) = ns.meta.label("topology.istio.io/network") {
            networks.insert(network.to_string());
        }
    }
    networks.extend(facts.proxies.iter().filter_map(|p| p.network.clone()));
    networks.extend(facts.east_west.iter().filter_map(|e| e.network.clone()));
    // Network names go into runbooks: only values Kubernetes accepts as label values.
    networks.retain(|n| !n.is_empty() && crate::names::is_label_value(n));
    networks
}
