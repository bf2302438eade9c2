//! # MIG101 cr-missing
//!
//! ## What it finds
//!
//! No `ASMMigrateFromIstio` resource (name `default`, `istio.alibabacloud.com/v1beta1` or `v1`)
//! in the inputs. It lives in the ASM control plane, not in the cluster, so cluster exports never hold
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
//! Without the export, the plan's patches use the migration document's `v1beta1` text, and its
//! first step (`migration-resource-shape`) prints which versions ASM's CRD serves and the fields
//! of each, so a `v1`-only control plane is caught before the first patch.
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands, cr};
    use crate::codes::{Code, Severity};
    use crate::phase::Situation;
    use crate::state::State;

    const OLD_KUBERNETES: &str = "---\nserverVersion:\n  gitVersion: v1.20.11-aliyun.1\n";

    #[test]
    fn without_the_resource_init_is_assumed() {
        assert_eq!(
            check(OLD_KUBERNETES, Code::Mig101),
            [(
                Severity::Warning,
                "no ASMMigrateFromIstio resource in the input; the migration is assumed to be in Init"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(OLD_KUBERNETES, Code::Mig101),
            [[
                r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" get asmmigratefromistio default -o yaml"#
            ]]
        );
        let a = analysis(OLD_KUBERNETES);
        assert_eq!(a.migration.situation, Situation::Assumed);
        assert_eq!(a.migration.state, State::Init);
        assert_eq!(a.migration.next(), Some(State::SetupIstioForMigrate));
        // Everything else is still reported, with Init's gates next.
        assert_eq!(check(OLD_KUBERNETES, Code::Mig201)[0].0, Severity::Error);
    }

    #[test]
    fn any_loaded_resource_silences_it() {
        assert_eq!(check(&cr("Migrating"), Code::Mig101), []);
        // Even one under another name: that is MIG102's business.
        let other = cr("Init").replace("name: default", "name: migrate");
        assert_eq!(check(&other, Code::Mig101), []);
        assert_eq!(check(&other, Code::Mig102).len(), 1);
    }
}
