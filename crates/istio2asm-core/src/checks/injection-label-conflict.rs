//! # MIG502 injection-label-conflict
//!
//! ## What it finds
//!
//! Injection labels that fight each other: a namespace with both `istio-injection` and
//! `istio.io/rev`, a pod template whose `istio.io/rev` differs from its namespace's (the namespace
//! wins), a pod template with `istio.io/rev` in a namespace labelled `istio-injection=enabled`
//! (the namespace's label wins: Istio's `namespace.sidecar-injector.istio.io` webhook matches it,
//! `istioctl x check-inject`'s case "ns and rev pod label"), and a pod template that disables
//! injection (`sidecar.istio.io/inject: "false"`) while it also carries the ASM opt-in label.
//! Which injector each workload then really gets is in the report's `injection` section
//! (MIG511–MIG513).
//!
//! ## Why it matters
//!
//! The ASM opt-in label only works where injection applies. Conflicting labels make the result of a
//! restart depend on precedence rules: the workload may come back with Istio's proxy, ASM's, or
//! none, in the middle of the change window.
//!
//! ## How to fix
//!
//! Keep one injection label per namespace (remove `istio-injection` when using revisions, or the
//! reverse) and remove contradicting pod-level labels before switching the workloads.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" label namespace payments istio-injection-
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Namespace
//! metadata:
//!   name: payments
//!   labels:
//!     istio-injection: enabled
//!     istio.io/rev: default
//! ```
//!
//! `cluster.yaml:20:3: warning[MIG502]: namespace payments carries both istio-injection=enabled and istio.io/rev=default`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::{check_inject, remove_namespace_label};
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for ns in cx.bundle.namespaces.values() {
        if let (Some(injection), Some(rev)) = (
            ns.meta.label("istio-injection"),
            ns.meta.label("istio.io/rev"),
        ) {
            out.push(
                Finding::new(
                    Code::Mig502,
                    t!(
                        cx.lang,
                        "mig502-namespace-both",
                        namespace = ns.name(),
                        injection = injection,
                        revision = rev,
                    ),
                )
                .at(ns.object_ref(), ns.span)
                .commands([remove_namespace_label(ns.name(), "istio-injection")]),
            );
        }
    }
    let key = &cx.settings.asm_label_key;
    for w in &cx.bundle.workloads {
        let template = &w.body.template;
        let ns_rev = cx
            .bundle
            .namespaces
            .get(w.ns())
            .and_then(|n| n.meta.label("istio.io/rev"));
        let pod_rev = template.labels.get("istio.io/rev").map(String::as_str);
        let ns_injection = cx
            .bundle
            .namespaces
            .get(w.ns())
            .and_then(|n| n.meta.label("istio-injection"));
        let mut problems = Vec::new();
        if let (Some("enabled"), Some(pod_rev)) = (ns_injection, pod_rev) {
            problems.push(t!(
                cx.lang,
                "mig502-injection-wins",
                revision = pod_rev,
                namespace = w.ns(),
            ));
        }
        if let (Some(ns_rev), Some(pod_rev)) = (ns_rev, pod_rev) {
            if ns_rev != pod_rev {
                problems.push(t!(
                    cx.lang,
                    "mig502-namespace-revision-wins",
                    revision = pod_rev,
                    namespace = w.ns(),
                    namespace_revision = ns_rev,
                ));
            }
        }
        let disabled = template
            .labels
            .get("sidecar.istio.io/inject")
            .or_else(|| template.annotations.get("sidecar.istio.io/inject"))
            .is_some_and(|v| v == "false");
        if disabled && template.labels.contains_key(key.as_str()) {
            problems.push(t!(cx.lang, "mig502-disabled-with-label", label = key));
        }
        if problems.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig502,
                t!(
                    cx.lang,
                    "mig502-workload",
                    kind = w.kind.as_str(),
                    object = format!("{}/{}", w.ns(), w.name()),
                    problems = problems.join(&t!(cx.lang, "clause-separator")),
                ),
            )
            .at(w.object_ref(), w.span)
            .commands([check_inject(w.ns(), &template.labels)]),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    fn namespace(labels: &str) -> String {
        format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    kubernetes.io/metadata.name: shop{labels}\n")
    }

    fn deployment(template_labels: &str) -> String {
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart{template_labels}
    spec:
      containers:
      - name: cart
        image: shop/cart:2.1
"#
        )
    }

    #[test]
    fn a_namespace_with_both_injection_labels() {
        let yaml = namespace("\n    istio-injection: enabled\n    istio.io/rev: canary")
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig502),
            [(
                Severity::Warning,
                "namespace shop carries both istio-injection=enabled and istio.io/rev=canary; istio-injection takes precedence"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig502),
            [
                [
                    r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" label namespace shop istio-injection-"#
                ]
            ]
        );
    }

    #[test]
    fn a_pod_revision_overridden_by_the_namespace() {
        let yaml = namespace("\n    istio.io/rev: canary")
            + &deployment("\n        istio.io/rev: 1-22")
            + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig502),
            [(
                Severity::Warning,
                "Deployment shop/cart: its pod template asks for revision 1-22 but namespace shop sets canary, which wins"
                    .to_string()
            )]
        );
    }

    #[test]
    fn injection_disabled_next_to_the_asm_label() {
        let labels = "\n        sidecar.istio.io/inject: \"false\"\n        sidecar.asm.aliyun.com/inject: \"true\"";
        let found = check(&(namespace("") + &deployment(labels)), Code::Mig502);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.contains("disables injection"), "{}", found[0].1);
        assert!(
            found[0].1.contains("sidecar.asm.aliyun.com/inject"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn consistent_labels_pass() {
        let one_label = namespace("\n    istio-injection: enabled")
            + &deployment("\n        sidecar.asm.aliyun.com/inject: \"true\"");
        assert_eq!(check(&one_label, Code::Mig502), []);
        let same_rev =
            namespace("\n    istio.io/rev: canary") + &deployment("\n        istio.io/rev: canary");
        assert_eq!(check(&same_rev, Code::Mig502), []);
        let opted_out = namespace("") + &deployment("\n        sidecar.istio.io/inject: \"false\"");
        assert_eq!(check(&opted_out, Code::Mig502), []);
    }
}
