//! # MIG502 injection-label-conflict
//!
//! ## What it finds
//!
//! Injection labels that fight each other: a namespace with both `istio-injection` and
//! `istio.io/rev`, a pod template whose `istio.io/rev` differs from its namespace's (the namespace
//! wins), and a pod template that disables injection (`sidecar.istio.io/inject: "false"`) while it
//! also carries the ASM opt-in label.
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

use crate::analysis::Context;
use crate::commands::remove_namespace_label;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for ns in cx.bundle.namespaces.values() {
        if let (Some(injection), Some(rev)) = (ns.meta.label("istio-injection"), ns.meta.label("istio.io/rev")) {
            out.push(
                Finding::new(
                    Code::Mig502,
                    format!(
                        "namespace {} carries both istio-injection={injection} and istio.io/rev={rev}; istio-injection takes precedence",
                        ns.name()
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
        let ns_rev = cx.bundle.namespaces.get(w.ns()).and_then(|n| n.meta.label("istio.io/rev"));
        let pod_rev = template.labels.get("istio.io/rev").map(String::as_str);
        let mut problems = Vec::new();
        if let (Some(ns_rev), Some(pod_rev)) = (ns_rev, pod_rev) {
            if ns_rev != pod_rev {
                problems.push(format!(
                    "its pod template asks for revision {pod_rev} but namespace {} sets {ns_rev}, which wins",
                    w.ns()
                ));
            }
        }
        let disabled = template
            .labels
            .get("sidecar.istio.io/inject")
            .or_else(|| template.annotations.get("sidecar.istio.io/inject"))
            .is_some_and(|v| v == "false");
        if disabled && template.labels.contains_key(key.as_str()) {
            problems.push(format!(
                "its pod template disables injection (sidecar.istio.io/inject: \"false\") and carries {key}"
            ));
        }
        if problems.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig502,
                format!("{} {}/{}: {}", w.kind, w.ns(), w.name(), problems.join("; ")),
            )
            .at(w.object_ref(), w.span),
        );
    }
}
