//! The report's `workloads` section: each workload controller (or bare pod) with sidecars, and
//! how many of its live pods run Istio's and ASM's. A later run compares it to see which
//! workloads moved to ASM (`changes`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::detect::{is_live, Flavor, Owner, Role};

/// A workload in the report.
#[derive(Debug, Serialize)]
pub(super) struct WorkloadJson<'a> {
    object: ObjectJson<'a>,
    /// Live pods with Istio's sidecar.
    istio: usize,
    /// Live pods with ASM's sidecar.
    asm: usize,
}

#[derive(Debug, Serialize)]
struct ObjectJson<'a> {
    kind: &'a str,
    namespace: &'a str,
    name: &'a str,
}

/// Workloads with at least one live sidecar pod, by namespace, kind and name.
pub(super) fn json(analysis: &Analysis) -> Vec<WorkloadJson<'_>> {
    let mut counts: BTreeMap<&Owner, (usize, usize)> = BTreeMap::new();
    for proxy in &analysis.facts.proxies {
        if proxy.role != Role::Sidecar || !is_live(&analysis.bundle, proxy.pod) {
            continue;
        }
        let entry = counts.entry(&proxy.owner).or_default();
        match proxy.flavor {
            Flavor::Istio => entry.0 += 1,
            Flavor::Asm => entry.1 += 1,
            Flavor::Unknown => {}
        }
    }
    counts
        .into_iter()
        .map(|(owner, (istio, asm))| WorkloadJson {
            object: ObjectJson {
                kind: owner.kind.as_str(),
                namespace: &owner.namespace,
                name: &owner.name,
            },
            istio,
            asm,
        })
        .collect()
}
