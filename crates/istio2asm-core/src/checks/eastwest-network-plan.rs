//! # MIG303 eastwest-network-plan
//!
//! ## What it finds
//!
//! The networks the east-west gateway serves (label `topology.istio.io/network` on istio-system,
//! `ISTIO_META_NETWORK` on proxies, the network label of the gateway), which ASM must know by the
//! same names.
//!
//! ## Why it matters
//!
//! In Migrating, before any workload gets ASM's proxy, each cluster's network must be configured in
//! ASM with the same name as in Istio and the cross-cluster mesh proxy enabled (ASM 1.22 or later);
//! otherwise ASM proxies cannot reach the other network's endpoints.
//!
//! ## How to fix
//!
//! In the ASM console, set each cluster's network to the name listed and enable the cross-cluster
//! mesh proxy, before the first workload switch. This is a console step; the runbook lists it with
//! the names.
//!
//! ## Example
//!
//! istio-system labelled `topology.istio.io/network: network1` and an `istio-eastwestgateway`.
//!
//! `info[MIG303]: east-west gateway serves network(s) network1: configure the same names in ASM`

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(east_west) = cx.facts.east_west.first() else {
        return;
    };
    let networks: Vec<&str> = cx.facts.networks.iter().map(String::as_str).collect();
    let message = if networks.is_empty() {
        t!(cx.lang, "mig303-no-network")
    } else {
        t!(
            cx.lang,
            "mig303-networks",
            networks = networks.join(&t!(cx.lang, "list-separator")),
        )
    };
    out.push(Finding::new(Code::Mig303, message).at(east_west.object.clone(), east_west.span));
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    const EAST_WEST: &str = r#"---
apiVersion: v1
kind: Service
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
spec:
  selector:
    istio: eastwestgateway
  ports:
  - name: tls
    port: 15443
"#;

    const ISTIO_SYSTEM: &str = r#"---
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
  labels:
    topology.istio.io/network: network1
"#;

    const SIDECAR_ON_NETWORK2: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: cart-7d9f8b6c4d-2xkqp
  namespace: shop
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
    env:
    - name: ISTIO_META_NETWORK
      value: network2
"#;

    #[test]
    fn the_networks_to_configure_in_asm_are_listed() {
        let yaml = ISTIO_SYSTEM.to_string() + EAST_WEST + SIDECAR_ON_NETWORK2 + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig303),
            [(
                Severity::Info,
                "east-west gateway serves network(s) network1, network2: configure the same names in ASM and enable the cross-cluster mesh proxy before the first workload switch"
                    .to_string()
            )]
        );
    }

    #[test]
    fn without_a_network_name_it_says_so() {
        let found = check(&(EAST_WEST.to_string() + &cr("Migrating")), Code::Mig303);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Info);
        assert!(
            found[0].1.contains("no network name was found"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn without_an_east_west_gateway_there_is_no_network_plan() {
        let yaml = ISTIO_SYSTEM.to_string() + SIDECAR_ON_NETWORK2 + &cr("Init");
        assert_eq!(check(&yaml, Code::Mig303), []);
    }
}
