//! # MIG104 cr-illegal-transition
//!
//! ## What it finds
//!
//! `spec.desiredState` that skips a state or goes backwards relative to `status.state`. States
//! move only forward, one at a time: `Init` → `SetupIstioForMigrate` → `Migrating` → `Finished`.
//!
//! ## Why it matters
//!
//! Each transition has its own checks and preparation: skipping `SetupIstioForMigrate`, for
//! example, would enter `Migrating` before the sidecars have restarted with
//! `PROXY_CONFIG_XDS_AGENT`. The tool cannot derive gates or a next step from a resource in that
//! shape, and anyone reading `spec` believes the migration is somewhere it is not.
//!
//! ## How to fix
//!
//! Set `spec.desiredState` back to the current `status.state` with the patch in the finding, then
//! move forward one state at a time as each transition's gates pass.
//!
//! The tool emits only this restoring patch, never one that skips a state. For a resource whose
//! `status.state` is `Init`:
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"desiredState":"Init"}}'
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
//!   desiredState: Migrating
//! status:
//!   state: Init
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: error[MIG104]: desiredState Migrating skips a state after the current state Init; states move only forward, one at a time
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands};
    use crate::codes::{Code, Severity};
    use crate::phase::Situation;

    fn resource(desired: &str, state: &str) -> String {
        format!(
            r#"---
apiVersion: istio.alibabacloud.com/v1beta1
kind: ASMMigrateFromIstio
metadata:
  name: default
spec:
  desiredState: {desired}
  retryCounter: 0
status:
  message: ""
  retryCounter: 0
  state: {state}
"#
        )
    }

    #[test]
    fn skipping_a_state_is_illegal_and_the_restore_patch_is_given() {
        let yaml = resource("Migrating", "Init");
        assert_eq!(
            check(&yaml, Code::Mig104),
            [(
                Severity::Error,
                "desiredState Migrating skips a state after the current state Init; states move only forward, one at a time"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig104),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"desiredState":"Init"}}'"#
            ]]
        );
        assert_eq!(analysis(&yaml).migration.situation, Situation::Illegal);
        // Init → Finished skips two.
        assert!(check(&resource("Finished", "Init"), Code::Mig104)[0]
            .1
            .contains("skips a state"));
    }

    #[test]
    fn going_backwards_is_illegal() {
        let yaml = resource("SetupIstioForMigrate", "Migrating");
        let found = check(&yaml, Code::Mig104);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.starts_with(
                "desiredState SetupIstioForMigrate goes backwards from the current state Migrating"
            ),
            "{}",
            found[0].1
        );
        assert_eq!(
            commands(&yaml, Code::Mig104),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"desiredState":"Migrating"}}'"#
            ]]
        );
        assert!(check(&resource("Init", "Finished"), Code::Mig104)[0]
            .1
            .contains("goes backwards"));
    }

    #[test]
    fn staying_or_moving_one_state_forward_is_legal() {
        for (desired, state) in [
            ("Init", "Init"),
            ("SetupIstioForMigrate", "Init"),
            ("Migrating", "SetupIstioForMigrate"),
            ("Finished", "Migrating"),
            ("Finished", "Finished"),
        ] {
            assert_eq!(
                check(&resource(desired, state), Code::Mig104),
                [],
                "{desired} from {state}"
            );
        }
    }
}
