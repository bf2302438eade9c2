//! # MIG106 cr-switch-failed
//!
//! ## What it finds
//!
//! A non-empty `status.message`: ASM's checks refused the last switch (or retry), and
//! `status.state` stayed where it was. The message says why, for example Istio resources that
//! still exist when switching to `Finished`.
//!
//! ## Why it matters
//!
//! The migration does not move until the cause is fixed and the checks run again, and patching
//! the same `desiredState` again changes nothing: only a new `retryCounter` re-runs them.
//!
//! ## How to fix
//!
//! Fix what `status.message` says, then bump `spec.retryCounter` by one so ASM re-runs its checks;
//! the finding's command uses the current value + 1.
//!
//! For `spec.retryCounter: 0` the retry writes 1 (from 2147483647 it wraps to 0); then verify:
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"retryCounter":1}}'
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o jsonpath='{.status.state}{"\n"}{.status.message}{"\n"}'
//! ```
//!
//! ## Example
//!
//! The message wording is illustrative; ASM writes its own.
//!
//! ```yaml
//! apiVersion: istio.alibabacloud.com/v1beta1
//! kind: ASMMigrateFromIstio
//! metadata:
//!   name: default
//! spec:
//!   desiredState: Finished
//!   retryCounter: 0
//! status:
//!   state: Migrating
//!   message: "istio-sidecar-injector still exists"
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: error[MIG106]: the switch to Finished failed: istio-sidecar-injector still exists
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands};
    use crate::codes::{Code, Severity};
    use crate::kubectl::KubeconfigVars;
    use crate::phase::{verify_command, ResourceShape, Situation};

    fn resource(desired: &str, state: &str, counter: &str, message: &str) -> String {
        format!(
            r#"---
apiVersion: istio.alibabacloud.com/v1beta1
kind: ASMMigrateFromIstio
metadata:
  name: default
spec:
  desiredState: {desired}
  retryCounter: {counter}
status:
  message: {message}
  retryCounter: {counter}
  state: {state}
"#
        )
    }

    /// The verification of an exported v1beta1 resource: its own version, by name.
    const VERIFY: &str = r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio.v1beta1.istio.alibabacloud.com default -o 'jsonpath={.status.state}{"\n"}{.status.message}{"\n"}'"#;

    #[test]
    fn a_failed_switch_shows_the_message_and_the_retry_with_counter_plus_one() {
        let yaml = resource(
            "Finished",
            "Migrating",
            "4",
            r#""istio-sidecar-injector still exists""#,
        );
        assert_eq!(
            check(&yaml, Code::Mig106),
            [(
                Severity::Error,
                "the switch to Finished failed: istio-sidecar-injector still exists".to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig106),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"retryCounter":5}}'"#,
                VERIFY,
            ]]
        );
        let a = analysis(&yaml);
        assert_eq!(a.migration.situation, Situation::Failed);
        let finding = a.findings.iter().find(|f| f.code == Code::Mig106).unwrap();
        assert!(
            finding
                .help_text(crate::i18n::Lang::En)
                .contains("bump spec.retryCounter to 5"),
            "{}",
            finding.help_text(crate::i18n::Lang::En)
        );
    }

    #[test]
    fn the_verification_is_the_spec_command_word_for_word() {
        // SPEC §3 writes `-o jsonpath='{...}'`; the shell hands kubectl the same words.
        assert_eq!(
            verify_command(None).argv(&KubeconfigVars::default()),
            [
                "kubectl",
                "--kubeconfig=${ASM_KUBECONFIG}",
                "get",
                "asmmigratefromistio",
                "default",
                "-o",
                r#"jsonpath={.status.state}{"\n"}{.status.message}{"\n"}"#,
            ]
        );
        assert_eq!(
            verify_command(Some(ResourceShape::V1beta1)).render(&KubeconfigVars::default()),
            VERIFY
        );
    }

    #[test]
    fn without_a_counter_the_retry_writes_one_and_at_the_maximum_it_wraps_to_zero() {
        let unset = resource(
            "SetupIstioForMigrate",
            "Init",
            "null",
            "\"webhook check failed\"",
        );
        assert!(commands(&unset, Code::Mig106)[0][0].contains(r#"'{"spec":{"retryCounter":1}}'"#));
        let max = resource(
            "SetupIstioForMigrate",
            "Init",
            "2147483647",
            "\"webhook check failed\"",
        );
        let found = check(&max, Code::Mig106);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.ends_with("failed: webhook check failed"),
            "{}",
            found[0].1
        );
        assert!(commands(&max, Code::Mig106)[0][0].contains(r#"'{"spec":{"retryCounter":0}}'"#));
    }

    #[test]
    fn an_empty_or_blank_message_is_no_failure() {
        assert_eq!(
            check(
                &resource("Finished", "Migrating", "4", "\"\""),
                Code::Mig106
            ),
            []
        );
        assert_eq!(
            check(
                &resource("Finished", "Migrating", "4", "\"  \""),
                Code::Mig106
            ),
            []
        );
        assert_eq!(
            check(
                &resource("Migrating", "Migrating", "0", "null"),
                Code::Mig106
            ),
            []
        );
    }
}
