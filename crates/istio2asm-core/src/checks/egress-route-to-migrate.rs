//! # MIG504 egress-route-to-migrate
//!
//! ## What it finds
//!
//! VirtualServices whose mesh routes send traffic to Istio's egress gateway
//! (`istio-egressgateway.istio-system.svc.cluster.local` or an exported egress gateway Service),
//! usually with a subset from a DestinationRule, next to a route bound to the egress `Gateway` that
//! forwards to the external host.
//!
//! ## Why it matters
//!
//! External traffic has to move from Istio's egress gateway to ASM's by weights, one step at a time,
//! without breaking the route's other fields; the ASM egress gateway also needs its own `Gateway`
//! and a route to the external host.
//!
//! ## How to fix
//!
//! Follow the plan's egress steps: one complete VirtualService per weight step (ASM share 1, 10,
//! 50, 100 by default), applied to the cluster and to ASM, with weights always summing to 100;
//! check Istio's egress gateway access log for remaining traffic before removing it.
//!
//! ## Example
//!
//! ```yaml
//! kind: VirtualService
//! metadata: {name: direct-cnn-through-egress-gateway}
//! spec:
//!   gateways: [istio-egressgateway, mesh]
//!   http:
//!   - match: [{gateways: [mesh], port: 80}]
//!     route:
//!     - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 80}}
//! ```
//!
//! `istio-config.yaml:40:3: info[MIG504]: VirtualService default/direct-cnn-through-egress-gateway routes mesh traffic to the Istio egress gateway (http[0], subset cnn)`

use std::collections::BTreeMap;

use crate::analysis::Context;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let mut by_vs: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for route in &cx.facts.egress_routes {
        let subset = route.subset.as_deref().map(|s| format!(", subset {s}")).unwrap_or_default();
        by_vs
            .entry(route.virtual_service)
            .or_default()
            .push(format!("{}[{}]{subset}", route.protocol, route.index));
    }
    for (index, routes) in by_vs {
        let vs = &cx.bundle.istio[index];
        out.push(
            Finding::new(
                Code::Mig504,
                format!(
                    "VirtualService {}/{} routes mesh traffic to the Istio egress gateway ({})",
                    vs.ns(),
                    vs.name(),
                    routes.join("; ")
                ),
            )
            .at(vs.object_ref(), vs.span),
        );
    }
}
