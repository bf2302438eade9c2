//! # MIG102 cr-identity
//!
//! ## What it finds
//!
//! An `ASMMigrateFromIstio` that is not the one ASM reads: its `apiVersion` is neither of the two
//! published shapes, `istio.alibabacloud.com/v1beta1` (Alibaba Cloud's migration document) and
//! `istio.alibabacloud.com/v1` (ASM's API types, aliyun/alibabacloud-servicemesh-api,
//! `alibabacloudservicemesh/v1/asmmigratefromistio_types.go`), or its name is not `default`. When
//! several are loaded, the one named `default` in a published shape is used and each other one is
//! reported and ignored.
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, cr};
    use crate::codes::{Code, Severity};
    use crate::state::State;

    #[test]
    fn a_resource_not_named_default_is_reported() {
        let yaml = cr("Init").replace("name: default", "name: migrate");
        assert_eq!(
            check(&yaml, Code::Mig102),
            [(
                Severity::Error,
                r#"the ASMMigrateFromIstio resource is not the one ASM reads: name is "migrate", not default"#
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_wrong_api_version_is_reported_whatever_the_phase() {
        let yaml = cr("Migrating").replace(
            "istio.alibabacloud.com/v1beta1",
            "istio.alibabacloud.com/v1alpha1",
        );
        let found = check(&yaml, Code::Mig102);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.contains(
                r#"apiVersion is "istio.alibabacloud.com/v1alpha1", not istio.alibabacloud.com/v1beta1 or istio.alibabacloud.com/v1"#
            ),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn with_several_the_default_one_is_used_and_the_others_reported() {
        let other = cr("Init").replace("name: default", "name: copy");
        let yaml = other + &cr("Migrating");
        let found = check(&yaml, Code::Mig102);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
        assert!(
            found[0].1.starts_with(
                r#"another ASMMigrateFromIstio "copy" (istio.alibabacloud.com/v1beta1) is ignored"#
            ),
            "{}",
            found[0].1
        );
        assert_eq!(analysis(&yaml).migration.state, State::Migrating);
    }

    #[test]
    fn the_default_resource_passes_in_either_published_shape() {
        for state in ["Init", "SetupIstioForMigrate", "Migrating", "Finished"] {
            assert_eq!(check(&cr(state), Code::Mig102), [], "{state}");
            let v1 = cr(state).replace("/v1beta1", "/v1");
            assert_eq!(check(&v1, Code::Mig102), [], "{state} v1");
            assert_eq!(
                analysis(&v1).migration.shape,
                Some(crate::phase::ResourceShape::V1)
            );
        }
    }
}
