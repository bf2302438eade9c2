//! # MIG301 eastwest-needs-label-reconciliation-off
//!
//! ## What it finds
//!
//! An east-west gateway in the cluster while the `ASMMigrateFromIstio` resource does not set its
//! east-west option to `true` (or the resource is missing). The option has a name per shape of the
//! resource: `spec.advancedOptions.disableIstioSystemLabelReconciliation` in
//! `istio.alibabacloud.com/v1beta1` (Alibaba Cloud's migration document) and
//! `spec.advancedOptions.stopIstioSystemInjectionDisabling` in `istio.alibabacloud.com/v1` (ASM's
//! published API types, aliyun/alibabacloud-servicemesh-api,
//! `alibabacloudservicemesh/v1/asmmigratefromistio_types.go`); only the exported shape's own field
//! counts.
//! East-west gateways are recognised in all three install styles: `istio: eastwestgateway` with
//! Service port 15443 (IstioOperator script), the Helm `gateway` chart with 15443 as a port or
//! targetPort, Gateway API class `istio-east-west` or a `cross-network` listener on 15443, and an
//! Istio `Gateway` with `AUTO_PASSTHROUGH` on 15443.
//!
//! ## Why it matters
//!
//! By default ASM keeps injection disabled on `istio-system`. The east-west gateway's pods get their
//! image from the injection webhook, so with the label enforced they come up broken and
//! cross-network traffic stops.
//!
//! Unlike other gate findings, this one stays an error after Init: the east-west gateway breaks
//! whenever its pods restart, in any phase, not only at the switch.
//!
//! ## How to fix
//!
//! Turn ASM's label reconciliation off for istio-system before the switch to SetupIstioForMigrate
//! (the command below), then remove the label (MIG302). The command patches the exported
//! resource's own version and field; for a v1 resource:
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1.istio.alibabacloud.com default --type=merge -p '{"spec":{"advancedOptions":{"stopIstioSystemInjectionDisabling":true}}}'
//! ```
//!
//! Without an exported resource it keeps the migration document's text (`patch asmmigratefromistio
//! default`, field `disableIstioSystemLabelReconciliation`), and the plan first checks which shape
//! ASM serves.
//!
//! ## Example
//!
//! ```yaml
//! spec:
//!   desiredState: Init
//!   advancedOptions:
//!     disableIstioSystemLabelReconciliation: false
//! ```
//!
//! `asm-migrate.yaml:1:1: error[MIG301]: the cluster has an east-west gateway (...) but disableIstioSystemLabelReconciliation is not true`

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::phase::{eastwest_option_command, ResourceShape};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(east_west) = cx.facts.east_west.first() else {
        return;
    };
    if cx.migration.keeps_istio_system_injection {
        return;
    }
    let shape = cx.migration.shape;
    let option = shape.unwrap_or(ResourceShape::V1beta1).eastwest_option();
    let mut finding = Finding::new(
        Code::Mig301,
        t!(
            cx.lang,
            "mig301-option-not-true",
            kind = east_west.object.kind.as_str(),
            name = east_west.object.name.as_str(),
            option = option,
        ),
    )
    .commands([eastwest_option_command(shape, true)]);
    match (&cx.migration.object, cx.migration.span) {
        (Some(object), Some(span)) => finding = finding.at(object.clone(), span),
        _ => finding = finding.at(east_west.object.clone(), east_west.span),
    }
    out.push(finding);
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands, cr};
    use crate::codes::{Code, Severity};
    use crate::detect::EastWestStyle;

    /// `gen-eastwest-gateway.sh` / IstioOperator: `istio: eastwestgateway` and port 15443.
    const OPERATOR_SERVICE: &str = r#"---
apiVersion: v1
kind: Service
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
  labels:
    istio: eastwestgateway
    topology.istio.io/network: network1
spec:
  type: LoadBalancer
  selector:
    app: istio-eastwestgateway
    istio: eastwestgateway
  ports:
  - name: status-port
    port: 15021
    targetPort: 15021
  - name: tls
    port: 15443
    targetPort: 15443
"#;

    /// The Helm `gateway` chart (release `istio-eastwest`): 15443 only as the target port.
    const HELM_SERVICE: &str = r#"---
apiVersion: v1
kind: Service
metadata:
  name: istio-eastwest
  namespace: istio-gateways
spec:
  type: LoadBalancer
  selector:
    app: istio-eastwest
    istio: eastwest
  ports:
  - name: tls
    port: 8443
    targetPort: 15443
"#;

    const GATEWAY_API_CLASS: &str = r#"---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
  labels:
    topology.istio.io/network: network1
spec:
  gatewayClassName: istio-east-west
  listeners:
  - name: mesh
    port: 15008
    protocol: HBONE
"#;

    const GATEWAY_API_LISTENER: &str = r#"---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: Gateway
metadata:
  name: eastwest
  namespace: istio-system
spec:
  gatewayClassName: istio
  listeners:
  - name: cross-network
    port: 15443
    protocol: TLS
    tls:
      mode: Passthrough
"#;

    const ISTIO_GATEWAY: &str = r#"---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata:
  name: cross-network-gateway
  namespace: istio-system
spec:
  selector:
    istio: eastwestgateway
  servers:
  - port:
      number: 15443
      name: tls
      protocol: TLS
    tls:
      mode: AUTO_PASSTHROUGH
    hosts:
    - "*.local"
"#;

    const ISTIO_OPERATOR: &str = r#"---
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: eastwest
  namespace: istio-system
spec:
  revision: ""
  profile: empty
  components:
    ingressGateways:
    - name: istio-eastwestgateway
      label:
        istio: eastwestgateway
        app: istio-eastwestgateway
        topology.istio.io/network: network1
      enabled: true
  values:
    global:
      network: network1
"#;

    /// East-west gateway pods without their Service (owner via the pod-template-hash).
    const GATEWAY_POD: &str = r#"---
apiVersion: v1
kind: Pod
metadata:
  name: istio-eastwestgateway-6f9b8c7d5-q2w3e
  namespace: istio-system
  labels:
    app: istio-eastwestgateway
    istio: eastwestgateway
    pod-template-hash: 6f9b8c7d5
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: istio-eastwestgateway-6f9b8c7d5
    controller: true
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, router, --domain, $(POD_NAMESPACE).svc.cluster.local]
status:
  phase: Running
"#;

    fn mig301(object: &str) -> Vec<(Severity, String)> {
        check(&(object.to_string() + &cr("Init")), Code::Mig301)
    }

    fn style(object: &str) -> Vec<EastWestStyle> {
        analysis(object)
            .facts
            .east_west
            .iter()
            .map(|e| e.style)
            .collect()
    }

    #[test]
    fn the_operator_service_on_15443_is_an_east_west_gateway() {
        assert_eq!(
            mig301(OPERATOR_SERVICE),
            [(
                Severity::Error,
                "the cluster has an east-west gateway (Service istio-eastwestgateway) but disableIstioSystemLabelReconciliation is not true"
                    .to_string()
            )]
        );
        assert_eq!(style(OPERATOR_SERVICE), [EastWestStyle::Operator]);
        assert_eq!(
            commands(&(OPERATOR_SERVICE.to_string() + &cr("Init")), Code::Mig301),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":true}}}'"#
            ]]
        );
    }

    #[test]
    fn the_helm_chart_with_target_port_15443_is_an_east_west_gateway() {
        let found = mig301(HELM_SERVICE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.contains("(Service istio-eastwest)"),
            "{}",
            found[0].1
        );
        assert_eq!(style(HELM_SERVICE), [EastWestStyle::Helm]);
    }

    #[test]
    fn gateway_api_by_class_or_by_cross_network_listener() {
        for (gateway, name) in [
            (GATEWAY_API_CLASS, "istio-eastwestgateway"),
            (GATEWAY_API_LISTENER, "eastwest"),
        ] {
            let found = mig301(gateway);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].0, Severity::Error);
            assert!(
                found[0].1.contains(&format!("(Gateway {name})")),
                "{}",
                found[0].1
            );
            assert_eq!(style(gateway), [EastWestStyle::GatewayApi]);
        }
    }

    #[test]
    fn an_istio_gateway_with_auto_passthrough_on_15443() {
        let found = mig301(ISTIO_GATEWAY);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("(Gateway cross-network-gateway)"),
            "{}",
            found[0].1
        );
        assert_eq!(style(ISTIO_GATEWAY), [EastWestStyle::IstioGateway]);
    }

    #[test]
    fn an_istio_operator_with_an_eastwestgateway_component() {
        let found = mig301(ISTIO_OPERATOR);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("(IstioOperator eastwest)"),
            "{}",
            found[0].1
        );
        assert_eq!(style(ISTIO_OPERATOR), [EastWestStyle::Operator]);
    }

    #[test]
    fn east_west_gateway_pods() {
        let found = mig301(GATEWAY_POD);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("istio-eastwestgateway"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn the_option_set_to_true_passes() {
        let on = cr("Init").replace(
            "  retryCounter: 0\nstatus",
            "  retryCounter: 0\n  advancedOptions:\n    disableIstioSystemLabelReconciliation: true\nstatus",
        );
        assert_eq!(
            check(&(OPERATOR_SERVICE.to_string() + &on), Code::Mig301),
            []
        );
        // "true" as a string is not the boolean the field is.
        let quoted = on.replace("Reconciliation: true", "Reconciliation: \"true\"");
        assert_eq!(
            check(&(OPERATOR_SERVICE.to_string() + &quoted), Code::Mig301).len(),
            1
        );
    }

    #[test]
    fn north_south_gateways_and_disabled_or_asm_east_west_gateways_are_not_east_west() {
        let ingress = OPERATOR_SERVICE
            .replace("eastwestgateway", "ingressgateway")
            .replace(
                "port: 15443\n    targetPort: 15443",
                "port: 443\n    targetPort: 8443",
            );
        let simple_tls = ISTIO_GATEWAY.replace("AUTO_PASSTHROUGH", "SIMPLE");
        let passthrough_443 = ISTIO_GATEWAY.replace("number: 15443", "number: 443");
        let disabled = ISTIO_OPERATOR.replace("enabled: true", "enabled: false");
        let plain_gateway_api = GATEWAY_API_LISTENER
            .replace("cross-network", "https")
            .replace("15443", "443");
        let asm_pod = GATEWAY_POD.replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        for object in [
            ingress,
            simple_tls,
            passthrough_443,
            disabled,
            plain_gateway_api,
            asm_pod,
        ] {
            assert_eq!(mig301(&object), [], "{object}");
        }
    }

    #[test]
    fn the_v1_shape_is_read_and_patched_with_its_own_field() {
        let v1 = cr("Init").replace("/v1beta1", "/v1");
        let off = OPERATOR_SERVICE.to_string() + &v1;
        assert_eq!(
            commands(&off, Code::Mig301),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1.istio.alibabacloud.com default --type=merge -p '{"spec":{"advancedOptions":{"stopIstioSystemInjectionDisabling":true}}}'"#
            ]]
        );
        assert!(check(&off, Code::Mig301)[0]
            .1
            .contains("stopIstioSystemInjectionDisabling is not true"));
        let on = OPERATOR_SERVICE.to_string()
            + &v1.replace(
                "  retryCounter: 0\n",
                "  retryCounter: 0\n  advancedOptions:\n    stopIstioSystemInjectionDisabling: true\n",
            );
        assert_eq!(check(&on, Code::Mig301), []);
    }

    /// What Istio generates for a Gateway of class `istio-east-west` (GEP-1762 labels), one kind
    /// at a time: each is enough on its own.
    #[test]
    fn a_gateway_api_east_west_gateway_is_found_from_its_deployment_service_or_pods_alone() {
        let labels = "  labels:\n    gateway.networking.k8s.io/gateway-class-name: istio-east-west\n    gateway.networking.k8s.io/gateway-name: istio-eastwestgateway\n    topology.istio.io/network: network1\n";
        let deployment = format!("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istio-eastwestgateway\n  namespace: istio-system\n{labels}spec:\n  replicas: 1\n");
        let service = format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: istio-eastwestgateway\n  namespace: istio-system\n{labels}spec:\n  ports:\n  - name: mesh\n    port: 15008\n");
        let pod = format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: istio-eastwestgateway-5d8f9-abcde\n  namespace: istio-system\n{labels}spec:\n  containers:\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.24.6\n");
        for (what, yaml) in [
            ("deployment", &deployment),
            ("service", &service),
            ("pod", &pod),
        ] {
            let a = analysis(&(yaml.clone() + &cr("Init")));
            assert_eq!(
                a.facts.east_west.len(),
                1,
                "{what}: {:?}",
                a.facts.east_west
            );
            let ew = &a.facts.east_west[0];
            assert_eq!(ew.style, EastWestStyle::GatewayApi, "{what}");
            assert_eq!(ew.network.as_deref(), Some("network1"), "{what}");
            assert_eq!(
                check(&(yaml.clone() + &cr("Init")), Code::Mig301).len(),
                1,
                "{what}"
            );
        }
        // All three together are one gateway.
        let all = deployment + &service + &pod + &cr("Init");
        assert_eq!(analysis(&all).facts.east_west.len(), 1);
    }
}
