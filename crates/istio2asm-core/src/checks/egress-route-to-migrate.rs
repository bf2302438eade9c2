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

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let mut by_vs: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for route in &cx.facts.egress_routes {
        let subset = route
            .subset
            .as_deref()
            .map(|s| t!(cx.lang, "mig504-subset", subset = s))
            .unwrap_or_default();
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
                t!(
                    cx.lang,
                    "mig504-routes",
                    object = format!("{}/{}", vs.ns(), vs.name()),
                    routes = routes.join(&t!(cx.lang, "clause-separator")),
                ),
            )
            .at(vs.object_ref(), vs.span),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    /// Istio's egress example: mesh traffic to the egress gateway (subset cnn), and the gateway's
    /// own route to the external host.
    const VIA_EGRESS: &str = r#"---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
  namespace: default
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 100
  - match:
    - gateways:
      - istio-egressgateway
      port: 80
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 80
      weight: 100
"#;

    #[test]
    fn the_mesh_route_to_the_egress_gateway_is_listed() {
        assert_eq!(
            check(&(VIA_EGRESS.to_string() + &cr("Migrating")), Code::Mig504),
            [(
                Severity::Info,
                "VirtualService default/direct-cnn-through-egress-gateway routes mesh traffic to the Istio egress gateway (http[0], subset cnn)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn short_hosts_and_tls_routes_count() {
        let tls = r#"---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: wikipedia
  namespace: shop
spec:
  hosts:
  - en.wikipedia.org
  tls:
  - match:
    - port: 443
      sniHosts:
      - en.wikipedia.org
    route:
    - destination:
        host: istio-egressgateway.istio-system
        port:
          number: 443
"#;
        let found = check(tls, Code::Mig504);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.ends_with("(tls[0])"), "{}", found[0].1);
    }

    #[test]
    fn gateway_only_routes_and_other_hosts_are_not_listed() {
        let gateway_only = VIA_EGRESS
            .replace(
                "  - istio-egressgateway\n  - mesh\n",
                "  - istio-egressgateway\n",
            )
            .replace("      - mesh\n", "      - istio-egressgateway\n");
        assert_eq!(check(&gateway_only, Code::Mig504), []);
        let direct = VIA_EGRESS.replace(
            "istio-egressgateway.istio-system.svc.cluster.local",
            "edition.cnn.com",
        );
        assert_eq!(check(&direct, Code::Mig504), []);
        // The bare service name could be any namespace's: it is not taken for the gateway.
        let bare = VIA_EGRESS.replace(
            "istio-egressgateway.istio-system.svc.cluster.local",
            "istio-egressgateway",
        );
        assert_eq!(check(&bare, Code::Mig504), []);
    }
}
