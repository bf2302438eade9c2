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
