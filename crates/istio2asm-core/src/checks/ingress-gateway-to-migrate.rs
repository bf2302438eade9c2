//! # MIG506 ingress-gateway-to-migrate
//!
//! ## What it finds
//!
//! Istio ingress gateways (pods or Deployments labelled `istio: ingressgateway` or another
//! non-egress, non-east-west gateway label) that still run Istio's proxy.
//!
//! ## Why it matters
//!
//! North-south traffic moves to an ASM ingress gateway that shares the Istio gateway's CLB, by
//! stepping the two Services' weights. The CLB id and the vServer group ids are not in a Kubernetes
//! export: the plan lists them as inputs to fill in and never invents them.
//!
//! ## How to fix
//!
//! Look up the CLB instance id and the vServer group ids with their ports in the SLB console, then
//! follow the plan's ingress steps: annotate the Istio gateway Service, create the ASM
//! `IstioGateway` with weight 0, and shift the weights.
//!
//! ## Example
//!
//! `cluster.yaml:400:3: info[MIG506]: ingress gateway deployment/istio-ingressgateway in istio-system (Service istio-ingressgateway) runs Istio's proxy`

use crate::analysis::Context;
use crate::detect::GatewayKind;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for gw in cx.facts.gateways.iter().filter(|g| g.kind == GatewayKind::Ingress && !g.asm) {
        let services: Vec<&str> = gw.services.iter().map(|(n, _)| n.as_str()).collect();
        let services = if services.is_empty() {
            "no Service exported".to_string()
        } else {
            format!("Service {}", services.join(", "))
        };
        out.push(
            Finding::new(
                Code::Mig506,
                format!(
                    "ingress gateway {} in {} ({services}) runs Istio's proxy",
                    gw.owner.display(),
                    gw.owner.namespace
                ),
            )
            .at(gw.object.clone(), gw.span),
        );
    }
}
