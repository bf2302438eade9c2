//! # MIG205 istio-not-found
//!
//! ## What it finds
//!
//! No Istio control plane in the export: no istiod Deployment or pod with a `discovery` container
//! running a `pilot` image, and no `istio-sidecar-injector` ConfigMap with a version. Reported only
//! before Migrating (after that, Istio is meant to go away).
//!
//! ## Why it matters
//!
//! Without the control plane the tool cannot tell Istio's version, revisions or mesh config, so the
//! version gate and the istioctl uninstall command cannot be checked or chosen.
//!
//! ## How to fix
//!
//! Export the istio-system namespace's workloads and ConfigMaps too (see `istio2asm collect`); if
//! Istio runs elsewhere, include that namespace.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get deployments,pods -n istio-system -o yaml > istio-system.yaml
//! ```
//!
//! ## Example
//!
//! An export of application namespaces only.
//!
//! `error[MIG205]: no Istio control plane (istiod) in the input`

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::kubectl::{Command, Target};
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.facts.control_planes.is_empty() || cx.migration.state >= State::Migrating {
        return;
    }
    out.push(
        Finding::new(Code::Mig205, t!(cx.lang, "mig205-not-found"))
            .commands([Command::kubectl(Target::Cluster, "get")
                .resource("deployments,pods,configmaps")
                .args(["-o", "yaml"])
                .in_namespace("istio-system")])
            .gate(State::SetupIstioForMigrate),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    const ISTIOD_POD: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: istiod-5c8b9d7f6-abcde
  namespace: istio-system
  labels:
    app: istiod
    istio.io/rev: default
spec:
  containers:
  - name: discovery
    image: docker.io/istio/pilot:1.22.3
status:
  phase: Running
"#;

    #[test]
    fn no_istiod_blocks_the_first_switch() {
        let yaml = cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig205),
            [(
                Severity::Error,
                "no Istio control plane (istiod) in the input".to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig205),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system get deployments,pods,configmaps -o yaml"#
            ]]
        );
    }

    #[test]
    fn later_it_matters_less_and_then_not_at_all() {
        assert_eq!(
            check(&cr("SetupIstioForMigrate"), Code::Mig205)[0].0,
            Severity::Warning
        );
        // From Migrating on, istiod may already be uninstalled.
        assert_eq!(check(&cr("Migrating"), Code::Mig205), []);
        assert_eq!(check(&cr("Finished"), Code::Mig205), []);
    }

    #[test]
    fn an_istiod_pod_is_enough() {
        assert_eq!(
            check(&(ISTIOD_POD.to_string() + &cr("Init")), Code::Mig205),
            []
        );
    }

    #[test]
    fn a_proxy_alone_is_not_a_control_plane() {
        let proxy = ISTIOD_POD
            .replace("name: discovery", "name: istio-proxy")
            .replace("pilot", "proxyv2");
        assert_eq!(check(&(proxy + &cr("Init")), Code::Mig205).len(), 1);
    }
}
