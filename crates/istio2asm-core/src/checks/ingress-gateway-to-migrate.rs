//! # MIG506 ingress-gateway-to-migrate
//!
//! ## What it finds
//!
//! Istio ingress gateways (pods or Deployments labelled `istio: ingressgateway` or another
//! non-egress, non-east-west gateway label) that still run Istio's proxy.
//!
//! ## Why it matters
//!
//! North-south traffic moves to an ASM ingress gateway that shares the Istio gateway's CLB, by
//! stepping the two Services' weights. The CLB id and the vServer group ids are not in a Kubernetes
//! export: the plan lists them as inputs to fill in and never invents them.
//!
//! ## How to fix
//!
//! Look up the CLB instance id and the vServer group ids with their ports in the SLB console, then
//! follow the plan's ingress steps: annotate the Istio gateway Service, create the ASM
//! `IstioGateway` with weight 0, and shift the weights.
//!
//! ## Example
//!
//! `cluster.yaml:400:3: info[MIG506]: ingress gateway deployment/istio-ingressgateway in istio-system (Service istio-ingressgateway) runs Istio's proxy`

use crate::checks::Context;
use crate::codes::Code;
use crate::detect::GatewayKind;
use crate::finding::Finding;
use crate::names::in_namespace;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for gw in cx
        .facts
        .gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::Ingress && !g.asm)
    {
        let services: Vec<&str> = gw.services.iter().map(|(n, _)| n.as_str()).collect();
        let services = if services.is_empty() {
            t!(cx.lang, "mig506-no-service")
        } else {
            t!(
                cx.lang,
                "mig506-services",
                services = services.join(&t!(cx.lang, "list-separator")),
            )
        };
        out.push(
            Finding::new(
                Code::Mig506,
                t!(
                    cx.lang,
                    "mig506-ingress",
                    owner = gw.owner.display(),
                    at_ns = in_namespace(cx.lang, &gw.owner.namespace),
                    services = services,
                ),
            )
            .at(gw.object.clone(), gw.span),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    const DEPLOYMENT: &str = r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istio-ingressgateway
  namespace: istio-system
spec:
  replicas: 2
  selector:
    matchLabels:
      app: istio-ingressgateway
      istio: ingressgateway
  template:
    metadata:
      labels:
        app: istio-ingressgateway
        istio: ingressgateway
    spec:
      containers:
      - name: istio-proxy
        image: auto
        args: [proxy, router]
"#;

    const POD: &str = r#"---
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
    args: [proxy, router]
status:
  phase: Running
"#;

    const SERVICE: &str = r#"---
apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
spec:
  type: LoadBalancer
  selector:
    app: istio-ingressgateway
    istio: ingressgateway
  ports:
  - name: http2
    port: 80
    targetPort: 8080
  - name: https
    port: 443
    targetPort: 8443
"#;

    #[test]
    fn the_istio_ingress_gateway_and_its_service_are_listed() {
        let yaml = DEPLOYMENT.to_string() + POD + SERVICE + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig506),
            [(
                Severity::Info,
                "ingress gateway deployment/istio-ingressgateway in istio-system (Service istio-ingressgateway) runs Istio's proxy"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_deployment_without_pods_or_service_still_counts() {
        let found = check(DEPLOYMENT, Code::Mig506);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("(no Service exported)"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn asm_egress_and_east_west_gateways_are_not_ingress_gateways_to_migrate() {
        let asm = POD.replace(
            "docker.io/istio/proxyv2:1.22.3",
            "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.12-g1e1a2ab-aliyun",
        );
        let egress = POD.replace("ingressgateway", "egressgateway");
        let east_west = POD.replace("ingressgateway", "eastwestgateway");
        for pod in [asm, egress, east_west] {
            assert_eq!(check(&pod, Code::Mig506), [], "{pod}");
        }
    }
}
