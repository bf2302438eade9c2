//! # MIG401 mesh-config-missing-xds-agent
//!
//! ## What it finds
//!
//! In SetupIstioForMigrate or later, a mesh config (the `mesh` key of ConfigMap `istio` or
//! `istio-<rev>` in istio-system) whose `defaultConfig.proxyMetadata` lacks
//! `PROXY_CONFIG_XDS_AGENT: "true"`, or no mesh config in the export at all.
//!
//! ## Why it matters
//!
//! After the switch to SetupIstioForMigrate, ASM adds that entry so that restarted sidecars get the
//! variable. Without it in the export, the export predates ASM's reconciliation (or the switch has
//! not completed), and restarting workloads now would not prepare them.
//!
//! ## How to fix
//!
//! Check that `status.state` is SetupIstioForMigrate, wait for ASM to reconcile, and export the
//! ConfigMaps again. The entry must read exactly as below (the seed document omits the space after
//! the colon, which is not a YAML map entry).
//!
//! ```yaml
//! defaultConfig:
//!   proxyMetadata:
//!     PROXY_CONFIG_XDS_AGENT: "true"
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: ConfigMap
//! metadata: {name: istio, namespace: istio-system}
//! data:
//!   mesh: |-
//!     defaultConfig:
//!       discoveryAddress: istiod.istio-system.svc:15012
//! ```
//!
//! `istio-system-configmaps.yaml:1:1: warning[MIG401]: mesh config istio (revision default) has no PROXY_CONFIG_XDS_AGENT: "true"`

use crate::analysis::Context;
use crate::finding::{Code, Finding};
use crate::kubectl::{Command, Target};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let reconciled = cx.migration.state >= State::SetupIstioForMigrate;
    if !reconciled || cx.facts.control_planes.is_empty() {
        return;
    }
    let export = Command::kubectl(Target::Cluster, ["get", "configmaps", "-o", "yaml"]).in_namespace("istio-system");
    if cx.facts.mesh_configs.is_empty() {
        out.push(
            Finding::new(
                Code::Mig401,
                "no mesh config (ConfigMap istio in istio-system) in the input; it cannot be checked for PROXY_CONFIG_XDS_AGENT",
            )
            .commands([export])
            .gate(State::Migrating),
        );
        return;
    }
    for mesh in &cx.facts.mesh_configs {
        if mesh.has_xds_agent() {
            continue;
        }
        let why = match &mesh.error {
            Some(error) => format!(" (its mesh key does not parse: {error})"),
            None => String::new(),
        };
        out.push(
            Finding::new(
                Code::Mig401,
                format!(
                    "mesh config {} (revision {}) has no PROXY_CONFIG_XDS_AGENT: \"true\"{why}",
                    mesh.object.name, mesh.revision
                ),
            )
            .at(mesh.object.clone(), mesh.span)
            .commands([export.clone()])
            .gate(State::Migrating),
        );
    }
}
