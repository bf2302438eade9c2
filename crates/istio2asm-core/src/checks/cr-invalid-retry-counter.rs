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
