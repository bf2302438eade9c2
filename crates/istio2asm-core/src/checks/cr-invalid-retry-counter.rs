//! # MIG105 cr-invalid-retry-counter
//!
//! ## What it finds
//!
//! `spec.retryCounter` or `status.retryCounter` that is not an integer from 0 to 2147483647 (the
//! int32 range): a negative number, a value above the range, a fraction, or a quoted string such
//! as `"1"`.
//!
//! ## Why it matters
//!
//! The counter is how a retry is requested (current value + 1): from an invalid value the tool
//! cannot compute the next one, nor be sure ASM sees the change as a retry. The resource is
//! treated as illegal and no switch or retry is offered until it is fixed.
//!
//! ## How to fix
//!
//! Set `spec.retryCounter` to a valid integer with the command in the finding (it writes 0); for
//! `status.retryCounter`, re-export the resource, since ASM writes it.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"retryCounter":0}}'
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml > asm-migrate.yaml
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
//!   desiredState: Init
//!   retryCounter: -1
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: error[MIG105]: spec.retryCounter is -1, not an integer from 0 to 2147483647
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands};
    use crate::codes::{Code, Severity};
    use crate::phase::Situation;

    fn resource(spec_counter: &str, status_counter: &str) -> String {
        format!(
            r#"---
apiVersion: istio.alibabacloud.com/v1beta1
kind: ASMMigrateFromIstio
metadata:
  name: default
spec:
  desiredState: Init
  retryCounter: {spec_counter}
status:
  message: ""
  retryCounter: {status_counter}
  state: Init
"#
        )
    }

    const RESET: &str = r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"retryCounter":0}}'"#;

    #[test]
    fn a_counter_above_int32_is_invalid() {
        let yaml = resource("99999999999", "0");
        assert_eq!(
            check(&yaml, Code::Mig105),
            [(
                Severity::Error,
                "spec.retryCounter is 99999999999, not an integer from 0 to 2147483647".to_string()
            )]
        );
        assert_eq!(commands(&yaml, Code::Mig105), [[RESET]]);
        assert_eq!(analysis(&yaml).migration.situation, Situation::Illegal);
        assert!(!check(&resource("2147483648", "0"), Code::Mig105).is_empty());
    }

    #[test]
    fn a_negative_counter_is_invalid() {
        let yaml = resource("-1", "0");
        assert_eq!(
            check(&yaml, Code::Mig105),
            [(
                Severity::Error,
                "spec.retryCounter is -1, not an integer from 0 to 2147483647".to_string()
            )]
        );
        assert_eq!(commands(&yaml, Code::Mig105), [[RESET]]);
    }

    #[test]
    fn a_quoted_number_or_a_fraction_is_invalid() {
        let quoted = check(&resource(r#""3""#, "0"), Code::Mig105);
        assert_eq!(quoted.len(), 1, "{quoted:?}");
        assert_eq!(quoted[0].0, Severity::Error);
        assert!(
            quoted[0].1.starts_with("spec.retryCounter is "),
            "{}",
            quoted[0].1
        );
        assert!(quoted[0].1.contains('3'), "{}", quoted[0].1);
        let fraction = check(&resource("1.5", "0"), Code::Mig105);
        assert_eq!(fraction.len(), 1, "{fraction:?}");
        assert!(fraction[0].1.contains("1.5"), "{}", fraction[0].1);
    }

    #[test]
    fn an_invalid_status_counter_is_reported_without_a_patch() {
        let yaml = resource("0", "-1");
        assert_eq!(
            check(&yaml, Code::Mig105),
            [(
                Severity::Error,
                "status.retryCounter is -1, not an integer from 0 to 2147483647".to_string()
            )]
        );
        assert_eq!(commands(&yaml, Code::Mig105), [Vec::<String>::new()]);
    }

    #[test]
    fn the_int32_range_is_valid() {
        assert_eq!(check(&resource("0", "0"), Code::Mig105), []);
        assert_eq!(
            check(&resource("2147483647", "2147483647"), Code::Mig105),
            []
        );
        assert_eq!(check(&resource("null", "null"), Code::Mig105), []);
    }
}
