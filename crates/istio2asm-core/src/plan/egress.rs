//! Egress gateway weight steps (SPEC §5.3 step 5): for every VirtualService that routes mesh
//! traffic to Istio's egress gateway, one complete VirtualService per weight step, splitting that
//! route between Istio's egress gateway and ASM's, weights always summing to 100, applied to the
//! cluster (Istio sidecars read it) and to ASM (ASM proxies read it).

use std::collections::BTreeMap;

use super::{file_header, strip_server_fields, to_yaml, PlanFile, Step, StepKind, Verify};
use crate::analysis::Analysis;
use crate::detect::ISTIO_NETWORKING_V1;
use crate::detect::{EgressRoute, GatewayKind};
use crate::kubectl::{Command, Target};
use crate::model::Object;
use crate::node::Node;

/// Placeholder host used when neither the export nor the settings name ASM's egress gateway.
pub const HOST_PLACEHOLDER: &str =
    "istio-REPLACE-WITH-ASM-EGRESS-GATEWAY.istio-system.svc.cluster.local";

/// ASM's egress gateway Service host: the setting, else an ASM egress gateway in the export.
fn asm_host(analysis: &Analysis) -> Option<String> {
    if let Some(host) = &analysis.settings.asm_egress_host {
        return Some(host.clone());
    }
    analysis
        .facts
        .gateways
        .iter()
        .filter(|g| g.asm && g.kind == GatewayKind::Egress)
        .find_map(|g| {
            g.services
                .first()
                .map(|(svc, _)| format!("{svc}.{}.svc.cluster.local", g.owner.namespace))
        })
}

/// The apiVersion the cluster's Istio serves for networking objects: `v1` exists from 1.22.
fn cluster_api_version(analysis: &Analysis, exported: &str) -> String {
    let old = analysis
        .facts
        .lowest_istio()
        .and_then(|v| v.minor())
        .is_some_and(|m| m < ISTIO_NETWORKING_V1);
    if old && exported == "networking.istio.io/v1" {
        "networking.istio.io/v1beta1".into()
    } else {
        exported.to_string()
    }
}

/// Splits the destination at `index` of a route list: `share` percent of its weight moves to a copy
/// that targets `host`. The total stays what it was (100 for a valid route).
fn split(routes: &mut Vec<Node>, index: usize, host: &str, share: u32) {
    if share == 0 {
        return;
    }
    let Some(original) = routes.get(index).cloned() else {
        return;
    };
    let total = original
        .get("weight")
        .and_then(Node::as_int)
        .unwrap_or(100)
        .clamp(0, 100);
    let moved = (total * i128::from(share) + 50) / 100;
    let kept = total - moved;
    let mut asm = original.clone();
    if let Some(destination) = asm.get_mut("destination") {
        destination.set("host", Node::Str(host.into()));
        destination.remove("subset");
    }
    asm.set("weight", Node::Int(moved));
    let mut istio = original;
    istio.set("weight", Node::Int(kept));
    if kept == 0 {
        routes[index] = asm;
    } else {
        routes[index] = istio;
        routes.insert(index + 1, asm);
    }
}

/// The Istio egress Gateway names a VirtualService binds (`[ns/]name` as written).
fn egress_gateway_refs(analysis: &Analysis, vs: &Object<Node>) -> Vec<String> {
    vs.body
        .at(&["spec", "gateways"])
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .filter(|g| *g != "mesh")
        .filter(|g| {
            let (ns, name) = g.split_once('/').unwrap_or((vs.ns(), g));
            analysis.bundle.istio_of_kind("Gateway").any(|gw| {
                gw.name() == name
                    && (gw.ns() == ns || ns.is_empty())
                    && gw.body.at(&["spec", "selector"]).is_some_and(|s| {
                        s.entries()
                            .iter()
                            .any(|(_, v)| v.as_str().is_some_and(|v| v.contains("egress")))
                    })
            })
        })
        .map(String::from)
        .collect()
}

/// One VirtualService at an ASM share: its egress routes split, the ASM gateway bound next to
/// Istio's wherever Istio's egress Gateway is bound.
fn at_share(
    vs: &Object<Node>,
    routes: &[&EgressRoute],
    host: &str,
    share: u32,
    gateway_refs: &[String],
    asm_gateway: &str,
    api_version: &str,
) -> Node {
    let mut node = vs.body.clone();
    strip_server_fields(&mut node);
    node.set("apiVersion", Node::Str(api_version.into()));
    if let Some(spec) = node.get_mut("spec") {
        // Later routes first, so inserting a destination keeps earlier indexes valid.
        for route in routes.iter().rev() {
            if let Some(Node::Seq(items)) = spec.get_mut(&route.protocol) {
                if let Some(Node::Seq(destinations)) =
                    items.get_mut(route.index).and_then(|r| r.get_mut("route"))
                {
                    let position = destinations.iter().position(|d| {
                        d.str_at(&["destination", "host"]) == Some(route.host.as_str())
                    });
                    if let Some(position) = position {
                        split(destinations, position, host, share);
                    }
                }
            }
        }
        if !gateway_refs.is_empty() {
            bind_asm_gateway(spec, gateway_refs, asm_gateway);
        }
    }
    node
}

fn add_after(list: &mut Vec<Node>, refs: &[String], extra: &str) {
    if list.iter().any(|g| g.as_str() == Some(extra)) {
        return;
    }
    if let Some(at) = list
        .iter()
        .rposition(|g| g.as_str().is_some_and(|g| refs.iter().any(|r| r == g)))
    {
        list.insert(at + 1, Node::Str(extra.into()));
    }
}

fn bind_asm_gateway(spec: &mut Node, refs: &[String], asm_gateway: &str) {
    if let Some(Node::Seq(gateways)) = spec.get_mut("gateways") {
        add_after(gateways, refs, asm_gateway);
    }
    for protocol in ["http", "tls", "tcp"] {
        if let Some(Node::Seq(routes)) = spec.get_mut(protocol) {
            for route in routes {
                if let Some(Node::Seq(matches)) = route.get_mut("match") {
                    for m in matches {
                        if let Some(Node::Seq(gateways)) = m.get_mut("gateways") {
                            add_after(gateways, refs, asm_gateway);
                        }
                    }
                }
            }
        }
    }
}

/// The ASM egress gateway's `Gateway`: a copy of Istio's, selecting ASM's egress pods.
fn asm_gateway_object(
    analysis: &Analysis,
    vs: &Object<Node>,
    reference: &str,
    name: &str,
    selector: &str,
) -> Option<Node> {
    let (ns, gw_name) = reference.split_once('/').unwrap_or((vs.ns(), reference));
    let original = analysis
        .bundle
        .istio_of_kind("Gateway")
        .find(|g| g.name() == gw_name && (g.ns() == ns || ns.is_empty()))?;
    let mut node = original.body.clone();
    strip_server_fields(&mut node);
    node.set("apiVersion", Node::Str("networking.istio.io/v1".into()));
    if let Some(meta) = node.get_mut("metadata") {
        meta.set("name", Node::Str(name.into()));
        meta.remove("labels");
        meta.remove("annotations");
    }
    if let Some(spec) = node.get_mut("spec") {
        spec.set(
            "selector",
            Node::Map(vec![("istio".into(), Node::Str(selector.into()))]),
        );
    }
    Some(node)
}

fn with_header(nodes: &[Node], what: &str) -> String {
    let mut out = file_header("#");
    out.push_str(&format!("# {what}\n"));
    for node in nodes {
        out.push_str("---\n");
        out.push_str(&to_yaml(node));
    }
    out
}

/// Every egress step.
pub fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut by_vs: BTreeMap<usize, Vec<&EgressRoute>> = BTreeMap::new();
    for route in &analysis.facts.egress_routes {
        by_vs.entry(route.virtual_service).or_default().push(route);
    }
    if by_vs.is_empty() {
        return Vec::new();
    }
    let host = asm_host(analysis);
    let host_text = host.clone().unwrap_or_else(|| HOST_PLACEHOLDER.to_string());
    let service = host_text
        .split('.')
        .next()
        .unwrap_or("istio-asm-egressgateway")
        .to_string();
    let selector = service
        .strip_prefix("istio-")
        .unwrap_or(&service)
        .to_string();
    let asm_gateway = format!("asm-{selector}");
    let weights = &analysis.settings.egress_weights;
    let lang = analysis.settings.lang;
    let mut steps = Vec::new();
    for (index, routes) in by_vs {
        let vs = &analysis.bundle.istio[index];
        let slug = format!(
            "{}-{}",
            if vs.ns().is_empty() {
                "default"
            } else {
                vs.ns()
            },
            vs.name()
        );
        let refs = egress_gateway_refs(analysis, vs);
        let cluster_api = cluster_api_version(analysis, &vs.api_version);
        let file = |side: &str, share: u32| format!("egress-{slug}-{side}-{share}.yaml");
        let mut original_files = Vec::new();
        for (side, api) in [
            ("cluster", cluster_api.as_str()),
            ("asm", "networking.istio.io/v1"),
        ] {
            let node = at_share(vs, &routes, &host_text, 0, &[], &asm_gateway, api);
            original_files.push(PlanFile {
                name: file(side, 0),
                content: with_header(
                    &[node],
                    &format!("VirtualService {slug} as exported (ASM share 0), for rollback"),
                ),
            });
        }
        let mut setup = Step::new(
            StepKind::Egress,
            format!("egress-{slug}-asm-gateway"),
            t!(lang, "plan-egress-setup-title", virtual_service = &slug),
            Target::Asm,
            t!(lang, "plan-egress-setup-why"),
        );
        if host.is_none() {
            setup.needs.push(t!(lang, "plan-egress-need-host"));
        }
        setup.notes.push(t!(
            lang,
            "plan-egress-assumed",
            selector = &selector,
            host = &host_text
        ));
        for reference in &refs {
            if let Some(gateway) =
                asm_gateway_object(analysis, vs, reference, &asm_gateway, &selector)
            {
                let name = format!("egress-{slug}-asm-gateway.yaml");
                setup
                    .commands
                    .push(Command::kubectl(Target::Asm, "apply").args(["-f", name.as_str()]));
                setup.files.push(PlanFile {
                    name,
                    content: with_header(
                        &[gateway],
                        "Gateway for ASM's egress gateway, copied from Istio's",
                    ),
                });
                break;
            }
        }
        if refs.is_empty() {
            setup.notes.push(t!(lang, "plan-egress-no-gateway"));
        }
        setup.files.extend(original_files);
        steps.push(setup);
        let mut previous = 0;
        for &share in weights {
            let mut pair = Vec::new();
            for (side, target, api) in [
                ("cluster", Target::Cluster, cluster_api.as_str()),
                ("asm", Target::Asm, "networking.istio.io/v1"),
            ] {
                let node = at_share(vs, &routes, &host_text, share, &refs, &asm_gateway, api);
                let name = file(side, share);
                let mut step = Step::new(
                    StepKind::Egress,
                    format!("egress-{slug}-{share}-{side}"),
                    t!(
                        lang,
                        "plan-egress-weight-title",
                        virtual_service = &slug,
                        asm = share,
                        istio = 100 - share
                    ),
                    target,
                    match target {
                        Target::Cluster => t!(lang, "plan-egress-cluster-why"),
                        Target::Asm => t!(lang, "plan-egress-asm-why"),
                    },
                );
                step.commands
                    .push(Command::kubectl(target, "apply").args(["-f", name.as_str()]));
                step.rollback.push(
                    Command::kubectl(target, "apply")
                        .arg("-f")
                        .arg(file(side, previous)),
                );
                step.files.push(PlanFile {
                    name,
                    content: with_header(
                        &[node],
                        &format!("VirtualService {slug} with ASM's egress gateway at {share}%"),
                    ),
                });
                step.wave = side == "cluster";
                pair.push(step);
            }
            let logs = Command::kubectl(Target::Cluster, "logs")
                .object("deployment", "istio-egressgateway")
                .arg("--since=5m")
                .in_namespace("istio-system");
            let expect = if share == 100 {
                t!(lang, "plan-egress-expect-done")
            } else {
                t!(lang, "plan-egress-expect-fewer")
            };
            if let Some(last) = pair.last_mut() {
                last.verify.push(Verify {
                    command: logs,
                    expect,
                });
            }
            steps.extend(pair);
            previous = share;
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(host: &str, weight: Option<i128>) -> Node {
        let mut entries = vec![(
            "destination".into(),
            Node::Map(vec![
                ("host".into(), Node::Str(host.into())),
                ("subset".into(), Node::Str("cnn".into())),
            ]),
        )];
        if let Some(w) = weight {
            entries.push(("weight".into(), Node::Int(w)));
        }
        Node::Map(entries)
    }

    fn weights(routes: &[Node]) -> Vec<i128> {
        routes
            .iter()
            .map(|r| r.get("weight").and_then(Node::as_int).unwrap_or(-1))
            .collect()
    }

    #[test]
    fn splits_keep_the_sum() {
        for share in [1, 10, 33, 50, 99, 100] {
            let mut routes = vec![dest("egress", None)];
            split(&mut routes, 0, "asm", share);
            assert_eq!(weights(&routes).iter().sum::<i128>(), 100, "share {share}");
            let mut routes = vec![dest("a", Some(40)), dest("egress", Some(60))];
            split(&mut routes, 1, "asm", share);
            assert_eq!(weights(&routes).iter().sum::<i128>(), 100, "share {share}");
        }
        let mut routes = vec![dest("egress", None)];
        split(&mut routes, 0, "asm", 0);
        assert_eq!(
            routes,
            vec![dest("egress", None)],
            "share 0 is the original"
        );
        split(&mut routes, 0, "asm", 100);
        assert_eq!(routes.len(), 1);
        assert_eq!(routes[0].str_at(&["destination", "host"]), Some("asm"));
        assert_eq!(routes[0].at(&["destination", "subset"]), None);
    }
}
