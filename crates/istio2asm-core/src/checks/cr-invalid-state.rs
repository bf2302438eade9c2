//! # MIG103 cr-invalid-state
//!
//! ## What it finds
//!
//! `spec.desiredState` or `status.state` that is not exactly `Init`, `SetupIstioForMigrate`,
//! `Migrating` or `Finished`. The values are case-sensitive: `migrating`, ` Migrating` (leading
//! space) or `Setup` are not states.
//!
//! ## Why it matters
//!
//! ASM does not move to a state it does not recognise, so the switch you meant never happens.
//! The tool cannot tell which state was intended: it treats the resource as illegal and offers
//! no switch until the value is fixed.
//!
//! ## How to fix
//!
//! Set `spec.desiredState` back to the current `status.state` with the command in the finding,
//! then switch forward with the exact spelling once the next transition's gates pass.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"desiredState":"SetupIstioForMigrate"}}'
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o jsonpath='{.status.state}{"\n"}{.status.message}{"\n"}'
//! ```
//!
//! `status.state` is written by ASM: re-export the resource instead of editing it. If the value
//! persists, the ASM version may use a state this tool does not know.
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: istio.alibabacloud.com/v1beta1
//! kind: ASMMigrateFromIstio
//! metadata:
//!   name: default
//! spec:
//!   desiredState: migrating
//! status:
//!   state: SetupIstioForMigrate
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: error[MIG103]: spec.desiredState is "migrating", not one of Init, SetupIstioForMigrate, Migrating, Finished (did you mean Migrating?)
//! ```

// Raised in crate::phase.

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands};
    use crate::codes::{Code, Severity};
    use crate::phase::Situation;
    use crate::state::State;

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
    fn a_leading_space_is_not_a_state() {
        let yaml = resource(r#"" Migrating""#, "SetupIstioForMigrate");
        assert_eq!(
            check(&yaml, Code::Mig103),
            [(
                Severity::Error,
                r#"spec.desiredState is " Migrating", not one of Init, SetupIstioForMigrate, Migrating, Finished (did you mean Migrating?)"#
                    .to_string()
            )]
        );
        // The fix restores the current state.
        assert_eq!(
            commands(&yaml, Code::Mig103),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"desiredState":"SetupIstioForMigrate"}}'"#
            ]]
        );
        let a = analysis(&yaml);
        assert_eq!(a.migration.situation, Situation::Illegal);
        assert_eq!(a.migration.desired, None);
    }

    #[test]
    fn states_are_case_sensitive() {
        let found = check(&resource("migrating", "SetupIstioForMigrate"), Code::Mig103);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0]
                .1
                .starts_with(r#"spec.desiredState is "migrating""#),
            "{}",
            found[0].1
        );
        assert!(
            found[0].1.ends_with("(did you mean Migrating?)"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn an_unknown_status_state_is_reported_without_a_guess() {
        let yaml = resource("Init", "Done");
        let found = check(&yaml, Code::Mig103);
        assert_eq!(
            found,
            [(
                Severity::Error,
                r#"status.state is "Done", not one of Init, SetupIstioForMigrate, Migrating, Finished"#
                    .to_string()
            )]
        );
        // ASM writes the status: no patch is offered for it.
        assert_eq!(commands(&yaml, Code::Mig103), [Vec::<String>::new()]);
        assert_eq!(analysis(&yaml).migration.state, State::Init);
    }

    #[test]
    fn the_four_states_are_valid() {
        for state in ["Init", "SetupIstioForMigrate", "Migrating", "Finished"] {
            assert_eq!(check(&resource(state, state), Code::Mig103), [], "{state}");
        }
        assert_eq!(check(&resource("null", "Init"), Code::Mig103), []);
    }
}
