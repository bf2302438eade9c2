//! # MIG102 cr-identity
//!
//! ## What it finds
//!
//! An `ASMMigrateFromIstio` that is not the one ASM reads: its `apiVersion` is not
//! `istio.alibabacloud.com/v1beta1` or its name is not `default`. When several are loaded, the
//! one named `default` at `v1beta1` is used and each other one is reported and ignored.
//!
//! ## Why it matters
//!
//! ASM acts only on `default`, and every command the tool emits patches `default`. A state read
//! from a copy, a hand-written file or an object under another name can be wrong, and the
//! switch or retry chosen from it then does not match the real migration.
//!
//! ## How to fix
//!
//! Export the real resource from the ASM control plane and load that file instead of any copy or
//! hand-written version.
//!
//! The resource is `asmmigratefromistio` (the seed document misspells it `asmigratefromistio`):
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml > asm-migrate.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: istio.alibabacloud.com/v1beta1
//! kind: ASMMigrateFromIstio
//! metadata:
//!   name: migrate
//! spec:
//!   desiredState: Init
//! ```
//!
//! ```text
//! asm-migrate.yaml:1:1: error[MIG102]: the ASMMigrateFromIstio resource is not the one ASM reads: name is "migrate", not default
//! ```

// Raised in crate::phase.
