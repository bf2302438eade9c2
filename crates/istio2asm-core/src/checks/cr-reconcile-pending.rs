//! # MIG107 cr-reconcile-pending
//!
//! ## What it finds
//!
//! An `ASMMigrateFromIstio` that ASM has not reconciled yet: `status.retryCounter` differs from
//! `spec.retryCounter`, or `status.state` differs from `spec.desiredState`, and `status.message`
//! is empty. The export was taken while a switch or retry was in progress.
//!
//! ## Why it matters
//!
//! The export is a snapshot from the middle of a change: ASM may still finish the switch or
//! report a failure, and after the switch to `SetupIstioForMigrate` istiod restarts and the mesh
//! config changes. Gates computed from this export describe the moment before, not the result.
//!
//! ## How to fix
//!
//! Wait for ASM, check with the verification command, and once `status.state` equals
//! `spec.desiredState` (or a message appears) re-export the resource and analyse again; do not
//! patch it again in the meantime.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o jsonpath='{.status.state}{"\n"}{.status.message}{"\n"}'
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
//!   desiredState: SetupIstioForMigrate
//!   retryCounter: 0
//! status:
//!   message: ""
//!   retryCounter: 0
//!   state: Init
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: info[MIG107]: the switch to SetupIstioForMigrate is not reconciled yet (status.state is Init)
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands, cr};
    use crate::codes::{Code, Severity};
    use crate::phase::Situation;

    fn resource(desired: &str, state: &str, spec_counter: &str, status_counter: &str) -> String {
        format!(
            r#"---
apiVersion: istio.alibabacloud.com/v1beta1
kind: ASMMigrateFromIstio
metadata:
  name: default
spec:
  desiredState: {desired}
  retryCounter: {spec_counter}
status:
  message: ""
  retryCounter: {status_counter}
  state: {state}
"#
        )
    }

    #[test]
    fn a_switch_in_progress_is_pending() {
        let yaml = resource("SetupIstioForMigrate", "Init", "0", "0");
        assert_eq!(
            check(&yaml, Code::Mig107),
            [(
                Severity::Info,
                "the switch to SetupIstioForMigrate is not reconciled yet (status.state is Init)"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig107),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio.v1beta1.istio.alibabacloud.com default -o 'jsonpath={.status.state}{"\n"}{.status.message}{"\n"}'"#
            ]]
        );
        assert_eq!(analysis(&yaml).migration.situation, Situation::InProgress);
    }

    #[test]
    fn a_retry_not_yet_seen_is_pending() {
        let yaml = resource("Migrating", "Migrating", "3", "2");
        assert_eq!(
            check(&yaml, Code::Mig107),
            [(
                Severity::Info,
                "retryCounter 3 is not reconciled yet (status.retryCounter is 2)".to_string()
            )]
        );
        let unset = resource("Migrating", "Migrating", "1", "null");
        let found = check(&unset, Code::Mig107);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.ends_with("(status.retryCounter is unset)"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn settled_or_failed_is_not_pending() {
        assert_eq!(check(&cr("Migrating"), Code::Mig107), []);
        let failed = resource("Finished", "Migrating", "0", "0")
            .replace("message: \"\"", "message: \"istiod still exists\"");
        assert_eq!(check(&failed, Code::Mig107), []);
        assert_eq!(check(&failed, Code::Mig106).len(), 1);
    }
}
