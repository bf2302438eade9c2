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
