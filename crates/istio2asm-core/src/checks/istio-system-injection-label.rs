//! # MIG302 istio-system-injection-label
//!
//! ## What it finds
//!
//! Namespace `istio-system` carries the label `istio-injection` (whatever its value; ASM writes
//! `disabled`, the seed document spells it `disable`) while the cluster has an east-west gateway.
//!
//! ## Why it matters
//!
//! The east-west gateway's pods depend on the injection webhook to replace their image; a namespace
//! that explicitly disables injection leaves new gateway pods without a working proxy.
//!
//! Unlike other gate findings, this one stays an error after Init: the east-west gateway breaks
//! whenever its pods restart, in any phase, not only at the switch.
//!
//! ## How to fix
//!
//! After turning label reconciliation off (MIG301), remove the label from istio-system in the
//! cluster (the command below).
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" label namespace istio-system istio-injection-
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Namespace
//! metadata:
//!   name: istio-system
//!   labels:
//!     istio-injection: disabled
//! ```
//!
//! `cluster.yaml:3:3: error[MIG302]: namespace istio-system carries istio-injection=disabled and the cluster has an east-west gateway`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::remove_namespace_label;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.facts.has_east_west() {
        return;
    }
    let Some(ns) = cx.bundle.namespaces.get("istio-system") else {
        return;
    };
    let Some(value) = ns.meta.label("istio-injection") else {
        return;
    };
    out.push(
        Finding::new(Code::Mig302, t!(cx.lang, "mig302-label", value = value))
            .at(ns.object_ref(), ns.span)
            .commands([remove_namespace_label("istio-system", "istio-injection")]),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, commands, cr};
    use crate::codes::{Code, Severity};

    const EAST_WEST: &str = r#"---
apiVersion: v1
kind: Service
metadata:
  name: istio-eastwestgateway
  namespace: istio-system
spec:
  selector:
    istio: eastwestgateway
  ports:
  - name: tls
    port: 15443
    targetPort: 15443
"#;

    fn namespace(name: &str, labels: &str) -> String {
        format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels:\n    kubernetes.io/metadata.name: {name}{labels}\n")
    }

    #[test]
    fn the_seed_spelling_disable_is_matched() {
        let yaml =
            namespace("istio-system", "\n    istio-injection: disable") + EAST_WEST + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig302),
            [(
                Severity::Error,
                "namespace istio-system carries istio-injection=disable and the cluster has an east-west gateway"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig302),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" label namespace istio-system istio-injection-"#
            ]]
        );
    }

    #[test]
    fn any_value_of_the_label_is_matched() {
        for value in ["disabled", "enabled", "\"\""] {
            let yaml = namespace("istio-system", &format!("\n    istio-injection: {value}"))
                + EAST_WEST
                + &cr("Init");
            let found = check(&yaml, Code::Mig302);
            assert_eq!(found.len(), 1, "{value}: {found:?}");
            assert_eq!(found[0].0, Severity::Error);
        }
    }

    #[test]
    fn no_label_no_east_west_or_another_namespace_pass() {
        let unlabelled = namespace("istio-system", "") + EAST_WEST + &cr("Init");
        assert_eq!(check(&unlabelled, Code::Mig302), []);
        let no_east_west =
            namespace("istio-system", "\n    istio-injection: disabled") + &cr("Init");
        assert_eq!(check(&no_east_west, Code::Mig302), []);
        let elsewhere =
            namespace("shop", "\n    istio-injection: disabled") + EAST_WEST + &cr("Init");
        assert_eq!(check(&elsewhere, Code::Mig302), []);
    }
}
