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
