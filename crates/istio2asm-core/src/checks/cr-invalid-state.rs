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
