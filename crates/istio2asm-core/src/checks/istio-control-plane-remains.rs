//! # MIG603 istio-control-plane-remains
//!
//! ## What it finds
//!
//! Istio's control plane still installed: istiod Deployments or pods, and Istio's webhook
//! configurations (`istio-sidecar-injector[-<rev>]`, `istio-validator-*`,
//! `istiod-default-validator`, `istio-revision-tag-*`).
//!
//! ## Why it matters
//!
//! The switch to Finished requires Istio to be uninstalled; leftover webhooks keep injecting or
//! validating against a control plane that is about to disappear, and ASM reports them as residues
//! in `status.message`.
//!
//! ## How to fix
//!
//! After every workload and gateway runs on ASM and every Istio API object is in ASM, uninstall
//! Istio with the istioctl that matches its version: `istioctl uninstall --purge -y` from 1.15,
//! `istioctl x uninstall --purge -y` for 1.10 to 1.14. `--purge` also removes Istio's configuration
//! from the cluster, so import it into ASM first. Never delete the `*.istio.io` CRDs: ASM uses them.
//!
//! ```bash
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" uninstall --purge -y
//! ```
//!
//! ## Example
//!
//! `cluster.yaml:100:3: error[MIG603]: Istio's control plane remains: deployment/istiod in istio-system, MutatingWebhookConfiguration istio-sidecar-injector`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::istioctl_uninstall;
use crate::detect::is_istio_webhook;
use crate::finding::Finding;
use crate::names::in_namespace;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let mut remains: Vec<(String, crate::finding::ObjectRef, crate::source::Span)> = Vec::new();
    for plane in &cx.facts.control_planes {
        if let Some(deployment) = &plane.deployment {
            if let Some(w) = cx
                .bundle
                .workloads
                .iter()
                .find(|w| &w.object_ref() == deployment)
            {
                remains.push((
                    format!("deployment/{}{}", w.name(), in_namespace(cx.lang, w.ns())),
                    w.object_ref(),
                    w.span,
                ));
            }
        }
    }
    for hook in cx
        .bundle
        .webhooks
        .iter()
        .filter(|h| is_istio_webhook(h.name()))
    {
        remains.push((
            format!("{} {}", hook.kind, hook.name()),
            hook.object_ref(),
            hook.span,
        ));
    }
    let Some((_, object, span)) = remains.first().cloned() else {
        return;
    };
    let list: Vec<&str> = remains.iter().map(|(s, _, _)| s.as_str()).collect();
    out.push(
        Finding::new(
            Code::Mig603,
            t!(
                cx.lang,
                "mig603-remains",
                objects = list.join(&t!(cx.lang, "list-separator")),
            ),
        )
        .at(object, span)
        .commands([istioctl_uninstall(cx.facts.lowest_istio())])
        .gate(State::Finished),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    fn istiod(tag: &str) -> String {
        format!(
            r#"---
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
        image: docker.io/istio/pilot:{tag}
"#
        )
    }

    fn webhook(kind: &str, name: &str) -> String {
        format!(
            "---\napiVersion: admissionregistration.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: {name}\nwebhooks:\n- name: rev.validation.istio.io\n  clientConfig:\n    service:\n      name: istiod\n      namespace: istio-system\n"
        )
    }

    #[test]
    fn istiod_and_its_webhooks_block_the_finish() {
        let yaml = istiod("1.22.3")
            + &webhook("MutatingWebhookConfiguration", "istio-sidecar-injector")
            + &webhook(
                "ValidatingWebhookConfiguration",
                "istio-validator-istio-system",
            )
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig603),
            [(
                Severity::Error,
                "Istio's control plane remains: deployment/istiod in istio-system, MutatingWebhookConfiguration istio-sidecar-injector, ValidatingWebhookConfiguration istio-validator-istio-system"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig603),
            [[r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" uninstall --purge -y"#]]
        );
    }

    #[test]
    fn istio_before_1_15_uninstalls_with_the_experimental_command() {
        let yaml = istiod("1.14.6") + &cr("Migrating");
        assert_eq!(
            commands(&yaml, Code::Mig603),
            [[r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" x uninstall --purge -y"#]]
        );
    }

    #[test]
    fn a_leftover_webhook_alone_is_reported() {
        let yaml = webhook("MutatingWebhookConfiguration", "istio-revision-tag-default")
            + &cr("Migrating");
        let found = check(&yaml, Code::Mig603);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0]
                .1
                .ends_with("MutatingWebhookConfiguration istio-revision-tag-default"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn before_migrating_it_is_information_and_once_removed_nothing() {
        assert_eq!(
            check(&(istiod("1.22.3") + &cr("Init")), Code::Mig603)[0].0,
            Severity::Info
        );
        let others =
            webhook("MutatingWebhookConfiguration", "cert-manager-webhook") + &cr("Migrating");
        assert_eq!(check(&others, Code::Mig603), []);
    }
}
