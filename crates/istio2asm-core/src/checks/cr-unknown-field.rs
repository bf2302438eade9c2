//! # MIG108 cr-unknown-field
//!
//! ## What it finds
//!
//! A field under `spec` (or `spec.advancedOptions`) of `ASMMigrateFromIstio` that the resource
//! does not define, such as `desiredstate` in lower case. The known fields are `desiredState`, `retryCounter` and
//! `advancedOptions.disableIstioSystemLabelReconciliation`; names are case-sensitive.
//!
//! ## Why it matters
//!
//! Kubernetes prunes or ignores fields its schema does not know, at most with a warning, so a
//! patch with `desiredstate` succeeds and the switch silently never happens. The operator in the
//! change window waits for a state that was never requested.
//!
//! ## How to fix
//!
//! Write the field with its exact spelling and remove the misspelled one from any file or patch
//! you apply; switch `desiredState` only once the transition's gates pass.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"desiredState":"SetupIstioForMigrate"}}'
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o jsonpath='{.status.state}{"\n"}{.status.message}{"\n"}'
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: istio.alibabacloud.com/v1beta1
//! kind: ASMMigrateFromIstio
//! metadata:
//!   name: default
//! spec:
//!   desiredstate: SetupIstioForMigrate
//!   retryCounter: 0
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: warning[MIG108]: unknown field spec.desiredstate (did you mean desiredState?): ASM ignores it
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check};
    use crate::codes::{Code, Severity};

    const TYPO: &str = r#"---
apiVersion: istio.alibabacloud.com/v1beta1
kind: ASMMigrateFromIstio
metadata:
  name: default
spec:
  desiredstate: SetupIstioForMigrate
  retryCounter: 0
status:
  state: Init
"#;

    #[test]
    fn a_lower_case_desiredstate_is_unknown_with_a_hint() {
        assert_eq!(
            check(TYPO, Code::Mig108),
            [(
                Severity::Warning,
                "unknown field spec.desiredstate (did you mean desiredState?): ASM ignores it"
                    .to_string()
            )]
        );
        // The misspelled field requests nothing.
        assert_eq!(analysis(TYPO).migration.desired, None);
    }

    #[test]
    fn unknown_advanced_options_and_fields_without_a_near_name() {
        let yaml = TYPO.replace(
            "  retryCounter: 0\n",
            "  retryCounter: 0\n  advancedOptions:\n    disableistiosystemlabelreconciliation: true\n  paused: true\n",
        );
        let found = check(&yaml, Code::Mig108);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert!(messages.contains(
            &"unknown field spec.advancedOptions.disableistiosystemlabelreconciliation (did you mean disableIstioSystemLabelReconciliation?): ASM ignores it"
        ), "{messages:?}");
        assert!(
            messages.contains(&"unknown field spec.paused: ASM ignores it"),
            "{messages:?}"
        );
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(!analysis(&yaml).migration.disable_label_reconciliation);
    }

    #[test]
    fn the_known_fields_pass() {
        let yaml = TYPO.replace("desiredstate", "desiredState").replace(
            "  retryCounter: 0\n",
            "  retryCounter: 0\n  advancedOptions:\n    disableIstioSystemLabelReconciliation: true\n",
        );
        assert_eq!(check(&yaml, Code::Mig108), []);
        assert!(analysis(&yaml).migration.disable_label_reconciliation);
    }
}
