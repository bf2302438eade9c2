//! # MIG108 cr-unknown-field
//!
//! ## What it finds
//!
//! A field under `spec` (or `spec.advancedOptions`) of `ASMMigrateFromIstio` that the resource's
//! own version does not define, such as `desiredstate` in lower case. Both published shapes have
//! `desiredState`, `retryCounter` and `advancedOptions`; the one option under `advancedOptions` is
//! `disableIstioSystemLabelReconciliation` in `istio.alibabacloud.com/v1beta1` (Alibaba Cloud's
//! migration document) and `stopIstioSystemInjectionDisabling` in `istio.alibabacloud.com/v1`
//! (ASM's API types, aliyun/alibabacloud-servicemesh-api,
//! `alibabacloudservicemesh/v1/asmmigratefromistio_types.go`). The other shape's option is unknown
//! too. Names are case-sensitive.
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
                "unknown field spec.desiredstate in istio.alibabacloud.com/v1beta1 (did you mean desiredState?): ASM ignores it"
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
            &"unknown field spec.advancedOptions.disableistiosystemlabelreconciliation in istio.alibabacloud.com/v1beta1 (did you mean disableIstioSystemLabelReconciliation?): ASM ignores it"
        ), "{messages:?}");
        assert!(
            messages.contains(
                &"unknown field spec.paused in istio.alibabacloud.com/v1beta1: ASM ignores it"
            ),
            "{messages:?}"
        );
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(!analysis(&yaml).migration.keeps_istio_system_injection);
    }

    #[test]
    fn the_known_fields_pass() {
        let yaml = TYPO.replace("desiredstate", "desiredState").replace(
            "  retryCounter: 0\n",
            "  retryCounter: 0\n  advancedOptions:\n    disableIstioSystemLabelReconciliation: true\n",
        );
        assert_eq!(check(&yaml, Code::Mig108), []);
        assert!(analysis(&yaml).migration.keeps_istio_system_injection);
    }

    /// ASM's published v1 shape (aliyun/alibabacloud-servicemesh-api, `asmmigratefromistio_types.go`).
    fn v1(advanced: &str) -> String {
        format!(
            "---\napiVersion: istio.alibabacloud.com/v1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: Init\n  retryCounter: 0\n  advancedOptions:\n    {advanced}: true\nstatus:\n  state: Init\n"
        )
    }

    #[test]
    fn each_shape_knows_its_own_east_west_option_and_not_the_other() {
        let own = v1("stopIstioSystemInjectionDisabling");
        assert_eq!(check(&own, Code::Mig108), []);
        assert_eq!(check(&own, Code::Mig102), []);
        assert!(analysis(&own).migration.keeps_istio_system_injection);

        let other = v1("disableIstioSystemLabelReconciliation");
        assert_eq!(
            check(&other, Code::Mig108),
            [(
                Severity::Warning,
                "unknown field spec.advancedOptions.disableIstioSystemLabelReconciliation in istio.alibabacloud.com/v1: ASM ignores it"
                    .to_string()
            )]
        );
        // The other shape's option does not count for this one.
        assert!(!analysis(&other).migration.keeps_istio_system_injection);

        let v1beta1_with_v1_field = TYPO.replace("desiredstate", "desiredState").replace(
            "  retryCounter: 0\n",
            "  retryCounter: 0\n  advancedOptions:\n    stopIstioSystemInjectionDisabling: true\n",
        );
        assert_eq!(check(&v1beta1_with_v1_field, Code::Mig108).len(), 1);
        assert!(
            !analysis(&v1beta1_with_v1_field)
                .migration
                .keeps_istio_system_injection
        );
    }
}
