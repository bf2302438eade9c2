//! # MIG404 gateway-missing-xds-agent
//!
//! ## What it finds
//!
//! Istio gateway pods (`proxy router`, `inject.istio.io/templates: gateway`, or labels
//! `istio: ingressgateway|egressgateway|eastwestgateway`) whose `istio-proxy` lacks
//! `PROXY_CONFIG_XDS_AGENT=true`.
//!
//! ## Why it matters
//!
//! Gateways keep serving traffic through the migration until ASM's gateways take over; a gateway
//! restarted before ASM reconciled the mesh config keeps the old agent settings. It does not block
//! the switch, but restart it with the sidecars so every Istio proxy behaves the same way.
//!
//! ## How to fix
//!
//! Restart the gateway Deployment in a quiet moment (it has several replicas and a
//! PodDisruptionBudget, ideally) and verify the pods.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system rollout restart deployment/istio-egressgateway
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:300:3: warning[MIG404]: gateway deployment/istio-egressgateway in istio-system: PROXY_CONFIG_XDS_AGENT=true is missing on 2 pods (...)`

use crate::checks::support::{by_owner, pod_list};
use crate::checks::Context;
use crate::codes::Code;
use crate::commands::{rollout_restart, verify_xds_agent};
use crate::detect::{restart, Restart};
use crate::detect::{Flavor, Role};
use crate::finding::Finding;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for (owner, proxies) in by_owner(cx, Role::Gateway, Flavor::Istio, |p| !p.xds_agent) {
        let first = &cx.bundle.pods[proxies[0].pod];
        let mut commands = Vec::new();
        if let Restart::Rollout(kind) = restart(cx.bundle, owner) {
            commands.push(rollout_restart(kind, owner));
        }
        commands.push(verify_xds_agent(&owner.namespace));
        out.push(
            Finding::new(
                Code::Mig404,
                t!(
                    cx.lang,
                    "mig404-missing",
                    owner = owner.display(),
                    at_ns = in_namespace(cx.lang, &owner.namespace),
                    pods = pod_list(cx.lang, cx.bundle, &proxies),
                ),
            )
            .at(first.object_ref(), first.span)
            .commands(commands)
            .gate(State::Migrating),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    const INGRESS_POD: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: istio-ingressgateway-5d8c7b9f4-h2j4k
  namespace: istio-system
  labels:
    app: istio-ingressgateway
    istio: ingressgateway
    pod-template-hash: 5d8c7b9f4
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: istio-ingressgateway-5d8c7b9f4
    controller: true
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args:
    - proxy
    - router
    - --domain
    - $(POD_NAMESPACE).svc.cluster.local
    env:
    - name: ISTIO_META_ROUTER_MODE
      value: standard
status:
  phase: Running
"#;

    fn at(state: &str, yaml: &str) -> String {
        yaml.to_string() + &cr(state)
    }

    #[test]
    fn a_gateway_pod_without_the_flag_is_a_warning() {
        let yaml = at("SetupIstioForMigrate", INGRESS_POD);
        assert_eq!(
            check(&yaml, Code::Mig404),
            [(
                Severity::Warning,
                "gateway deployment/istio-ingressgateway in istio-system: PROXY_CONFIG_XDS_AGENT=true is missing on 1 pod (istio-ingressgateway-5d8c7b9f4-h2j4k)"
                    .to_string()
            )]
        );
        let rendered = commands(&yaml, Code::Mig404);
        assert_eq!(
            rendered[0][0],
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n istio-system rollout restart deployment/istio-ingressgateway"#
        );
        assert_eq!(rendered[0].len(), 2);
        // A gateway is not a sidecar: it never blocks the switch.
        assert_eq!(check(&yaml, Code::Mig402), []);
    }

    #[test]
    fn the_gateway_template_annotation_makes_a_gateway() {
        let templated = INGRESS_POD
            .replace("    - router\n", "    - sidecar\n")
            .replace("    istio: ingressgateway\n", "")
            .replace(
                "  ownerReferences:",
                "  annotations:\n    inject.istio.io/templates: gateway\n  ownerReferences:",
            );
        let found = check(&at("SetupIstioForMigrate", &templated), Code::Mig404);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert_eq!(
            check(&at("SetupIstioForMigrate", &templated), Code::Mig402),
            []
        );
    }

    #[test]
    fn it_is_information_before_the_first_switch() {
        assert_eq!(
            check(&at("Init", INGRESS_POD), Code::Mig404)[0].0,
            Severity::Info
        );
    }

    #[test]
    fn ready_or_asm_gateways_and_sidecars_are_not_reported() {
        let ready = INGRESS_POD.replace(
            "    - name: ISTIO_META_ROUTER_MODE\n      value: standard\n",
            "    - name: PROXY_CONFIG_XDS_AGENT\n      value: \"true\"\n",
        );
        let asm = INGRESS_POD.replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        let sidecar = INGRESS_POD
            .replace("    - router\n", "    - sidecar\n")
            .replace("    istio: ingressgateway\n", "");
        for pod in [ready, asm, sidecar] {
            assert_eq!(
                check(&at("SetupIstioForMigrate", &pod), Code::Mig404),
                [],
                "{pod}"
            );
        }
    }
}
