//! # MIG509 workload-manually-injected
//!
//! ## What it finds
//!
//! A Deployment, StatefulSet, DaemonSet, Job or CronJob whose pod *template* already holds
//! Istio's proxy (an `istio-proxy` container, or a native sidecar in `initContainers`) and the
//! `sidecar.istio.io/status` annotation: it was injected by hand with `istioctl kube-inject`
//! (Istio's `pkg/kube/inject/inject.go` writes both into the template; its test outputs
//! `pkg/kube/inject/testdata/inject/*.yaml.injected` show them from 1.5 to master). A webhook
//! injects pods, never templates. Found from the workload alone, whether or not its pods were
//! exported.
//!
//! ## Why it matters
//!
//! The migration moves workloads by labelling their pod template for ASM's injector. Here the
//! proxy is part of the template: a restart brings back Istio's proxy with the settings it was
//! injected with, and the ASM label does not take it away. The workload stays on Istio's proxy
//! (MIG601 counts it), and the Finished gate cannot pass while it runs.
//!
//! It is a warning until the switch to Finished is next, where it blocks (an error).
//!
//! ## How to fix
//!
//! Re-deploy the workload from its original manifest, the one without Istio's proxy, with ASM's
//! pod label added to its template; the plan's step `reinject-by-hand` lists each one with its
//! verification and rollback. Do not re-apply the export: it holds the injected proxy.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get deployment hello -o jsonpath='{.spec.template.metadata.annotations.sidecar\.istio\.io/status}'
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Deployment
//! metadata: {name: hello, namespace: shop}
//! spec:
//!   template:
//!     metadata:
//!       annotations:
//!         sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'
//!     spec:
//!       containers:
//!       - name: istio-proxy
//!         image: docker.io/istio/proxyv2:1.22.3
//! ```
//!
//! `cluster.yaml:12:3: warning[MIG509]: deployment/hello in shop was injected by hand: its pod template holds Istio's proxy (docker.io/istio/proxyv2:1.22.3); ASM's label cannot switch it`

use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::commands::template_status_annotation;
use crate::finding::Finding;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let blocks = cx.migration.next() == Some(State::Finished);
    for manual in &cx.facts.manual_injections {
        let object = &manual.object;
        let verify = template_status_annotation(manual.kind, manual.namespace(), &object.name);
        let mut finding = Finding::new(
            Code::Mig509,
            t!(
                cx.lang,
                "mig509-by-hand",
                object = format!("{}/{}", manual.kind.resource(), object.name),
                at_ns = in_namespace(cx.lang, manual.namespace()),
                image = &manual.image,
                native = if manual.native {
                    t!(cx.lang, "mig509-native")
                } else {
                    String::new()
                },
            ),
        )
        .at(object.clone(), manual.span)
        .commands([verify]);
        // A warning until it blocks: at the switch to Finished it is that gate's error.
        if blocks {
            finding = finding.severity(Severity::Error).gate(State::Finished);
        }
        out.push(finding);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::checks::testing::{analysis, check, commands, cr};
    use crate::codes::{Code, Severity};

    /// A Deployment as `istioctl kube-inject` writes it (shape of Istio's `hello.yaml.injected`).
    pub(crate) fn injected(name: &str, namespace: &str) -> String {
        let namespace = if namespace.is_empty() {
            String::new()
        } else {
            format!("\n  namespace: {namespace}")
        };
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{namespace}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      annotations:
        sidecar.istio.io/status: '{{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"]}}'
      labels:
        app: {name}
    spec:
      containers:
      - name: {name}
        image: fake.docker.io/google-samples/hello-go-gke:1.0
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.3
        args: [proxy, sidecar]
"#
        )
    }

    #[test]
    fn a_template_with_istios_proxy_and_the_status_annotation_was_injected_by_hand() {
        let yaml = injected("hello", "shop") + &cr("SetupIstioForMigrate");
        assert_eq!(
            check(&yaml, Code::Mig509),
            [(
                Severity::Warning,
                "deployment/hello in shop was injected by hand: its pod template holds Istio's proxy (docker.io/istio/proxyv2:1.22.3); ASM's label cannot switch it".to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig509),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop get deployment hello -o 'jsonpath={.spec.template.metadata.annotations.sidecar\.istio\.io/status}'"#
            ]]
        );
    }

    #[test]
    fn it_blocks_the_switch_to_finished() {
        let yaml = injected("hello", "shop") + &cr("Migrating");
        assert_eq!(check(&yaml, Code::Mig509)[0].0, Severity::Error);
        let a = analysis(&yaml);
        let gate = a
            .next_gates()
            .find(|g| g.id == crate::gate::GateId::NoIstioSidecars)
            .unwrap();
        assert!(gate.verdict.blocks(), "{gate:?}");
    }

    #[test]
    fn a_template_without_the_annotation_or_without_the_proxy_is_not_injected_by_hand() {
        let no_annotation = injected("hello", "shop").replace("sidecar.istio.io/status", "other");
        assert_eq!(check(&(no_annotation + &cr("Init")), Code::Mig509), []);
        let no_proxy = injected("hello", "shop").replace("name: istio-proxy", "name: other");
        assert_eq!(check(&(no_proxy + &cr("Init")), Code::Mig509), []);
    }

    #[test]
    fn a_manifest_without_a_namespace_says_the_context_namespace_applies() {
        let yaml = injected("hello", "") + &cr("Init");
        let found = check(&yaml, Code::Mig509);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .1
                .starts_with("deployment/hello (in the context's namespace) was injected by hand"),
            "{}",
            found[0].1
        );
        assert_eq!(
            commands(&yaml, Code::Mig509),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" get deployment hello -o 'jsonpath={.spec.template.metadata.annotations.sidecar\.istio\.io/status}'"#
            ]]
        );
    }
}
