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
