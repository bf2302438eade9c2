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

use crate::analysis::Context;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(east_west) = cx.facts.east_west.first() else {
        return;
    };
    let networks: Vec<&str> = cx.facts.networks.iter().map(String::as_str).collect();
    let message = if networks.is_empty() {
        "the cluster has an east-west gateway but no network name was found (topology.istio.io/network on istio-system or ISTIO_META_NETWORK): find it before configuring ASM".to_string()
    } else {
        format!(
            "east-west gateway serves network(s) {}: configure the same names in ASM and enable the cross-cluster mesh proxy before the first workload switch",
            networks.join(", ")
        )
    };
    out.push(Finding::new(Code::Mig303, message).at(east_west.object.clone(), east_west.span));
}
