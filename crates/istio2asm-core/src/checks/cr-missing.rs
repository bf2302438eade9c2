//! # MIG101 cr-missing
//!
//! ## What it finds
//!
//! No `ASMMigrateFromIstio` resource (`istio.alibabacloud.com/v1beta1`, name `default`) in the
//! inputs. It lives in the ASM control plane, not in the cluster, so cluster exports never hold
//! it. Without it the tool assumes the migration is in `Init`, says so in every output, and
//! reports everything else it can.
//!
//! ## Why it matters
//!
//! If the migration is already further along, the gates and the next switch shown are for the
//! wrong transition, for example asking again for `SetupIstioForMigrate` during `Migrating`, and a
//! failed switch (`status.message`) goes unnoticed.
//!
//! ## How to fix
//!
//! Export the resource from the ASM control plane with the ASM kubeconfig and load the file
//! together with the cluster exports.
//!
//! The resource is `asmmigratefromistio`; the seed document misspells it `asmigratefromistio`,
//! which kubectl rejects as an unknown resource type. The correct name gets the same error when
//! `ASM_KUBECONFIG` points at the cluster instead of the ASM control plane, and `NotFound` when
//! ASM has not created the resource (the cluster must be added with "ignore istio-system
//! namespace check").
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml > asm-migrate.yaml
//! ```
//!
//! ## Example
//!
//! ```text
//! istio2asm check cluster.yaml istio-system-configmaps.yaml webhooks.yaml istio-config.yaml
//! ```
//!
//! reports, with no file location: `no ASMMigrateFromIstio resource in the input; the migration
//! is assumed to be in Init`.

// Raised in crate::phase.
