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

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::kubectl::{Command, Target};
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let reconciled = cx.migration.state >= State::SetupIstioForMigrate;
    if !reconciled || cx.facts.control_planes.is_empty() {
        return;
    }
    let export = Command::kubectl(Target::Cluster, "get")
        .resource("configmaps")
        .args(["-o", "yaml"])
        .in_namespace("istio-system");
    if cx.facts.mesh_configs.is_empty() {
        out.push(
            Finding::new(Code::Mig401, t!(cx.lang, "mig401-no-mesh-config"))
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
            Some(error) => t!(cx.lang, "mig401-parse-error", error = error),
            None => String::new(),
        };
        out.push(
            Finding::new(
                Code::Mig401,
                t!(
                    cx.lang,
                    "mig401-missing",
                    name = &mesh.object.name,
                    revision = &mesh.revision,
                    why = why,
                ),
            )
            .at(mesh.object.clone(), mesh.span)
            .commands([export.clone()])
            .gate(State::Migrating),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    const ISTIOD: &str = r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
spec:
  template:
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:1.22.3
"#;

    fn mesh(name: &str, proxy_metadata: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: istio-system
data:
  mesh: |-
    defaultConfig:
      discoveryAddress: istiod.istio-system.svc:15012
      proxyMetadata:{proxy_metadata}
    enablePrometheusMerge: true
  meshNetworks: 'networks: {{}}'
"#
        )
    }

    const READY: &str = "\n        PROXY_CONFIG_XDS_AGENT: \"true\"";

    #[test]
    fn after_the_switch_the_mesh_config_must_have_the_flag() {
        let yaml = ISTIOD.to_string()
            + &mesh("istio", "\n        ISTIO_META_DNS_CAPTURE: \"true\"")
            + &cr("SetupIstioForMigrate");
        assert_eq!(
            check(&yaml, Code::Mig401),
            [(
                Severity::Warning,
                r#"mesh config istio (revision default) has no PROXY_CONFIG_XDS_AGENT: "true""#
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig401),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system get configmaps -o yaml"#
            ]]
        );
    }

    #[test]
    fn the_seed_spelling_without_a_space_is_not_the_flag() {
        let seed = "\n        PROXY_CONFIG_XDS_AGENT:\"true\"";
        let yaml = ISTIOD.to_string() + &mesh("istio", seed) + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig401);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        let wrong_value = ISTIOD.to_string()
            + &mesh("istio", "\n        PROXY_CONFIG_XDS_AGENT: \"false\"")
            + &cr("Migrating");
        assert_eq!(check(&wrong_value, Code::Mig401).len(), 1);
    }

    #[test]
    fn each_revision_is_checked_and_a_missing_config_map_is_reported() {
        let yaml = ISTIOD.to_string()
            + &mesh("istio", READY)
            + &mesh("istio-canary", " {}")
            + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig401);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("mesh config istio-canary (revision canary)"),
            "{}",
            found[0].1
        );
        let none = ISTIOD.to_string() + &cr("SetupIstioForMigrate");
        let found = check(&none, Code::Mig401);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("no mesh config (ConfigMap istio in istio-system)"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn with_the_flag_or_before_the_switch_nothing_is_reported() {
        let ready = ISTIOD.to_string() + &mesh("istio", READY);
        assert_eq!(
            check(&(ready.clone() + &cr("SetupIstioForMigrate")), Code::Mig401),
            []
        );
        assert_eq!(check(&(ready + &cr("Migrating")), Code::Mig401), []);
        // In Init ASM has not reconciled the mesh config yet: its absence is expected.
        let not_yet = ISTIOD.to_string() + &mesh("istio", " {}") + &cr("Init");
        assert_eq!(check(&not_yet, Code::Mig401), []);
    }
}
