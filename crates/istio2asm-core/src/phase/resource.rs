//! The `ASMMigrateFromIstio` resource's two published shapes, and the commands that read and patch
//! it in the shape it was exported in.
//!
//! - `istio.alibabacloud.com/v1beta1`: the shape of Alibaba Cloud's migration document (the seed),
//!   with `spec.advancedOptions.disableIstioSystemLabelReconciliation`.
//! - `istio.alibabacloud.com/v1`: ASM's published API types (aliyun/alibabacloud-servicemesh-api,
//!   Apache-2.0, `alibabacloudservicemesh/v1/asmmigratefromistio_types.go` and
//!   `groupversion_info.go` at 766a6077): cluster-scoped, with a status subresource; spec
//!   `retryCounter` (int32), `desiredState` (enum Init, SetupIstioForMigrate, Migrating,
//!   Finished), `advancedOptions.stopIstioSystemInjectionDisabling` (optional bool); status
//!   `retryCounter`, `state`, `message`.
//!
//! Both options keep ASM from taking sidecar injection away from istio-system, which an east-west
//! gateway needs (SPEC §9). A resource that was exported is read and patched through its own
//! version (`asmmigratefromistio.<version>.istio.alibabacloud.com`, kubectl's
//! `RESOURCE.VERSION.GROUP`), so a patch never writes a field the served version does not have
//! (the API server would drop it without a word). The resource is named by its singular, which a
//! CRD always registers (the lower-case kind), as the migration document does; the plural is not
//! confirmed by the published types (their `+kubebuilder:resource` marker sets no `path`), so no
//! command depends on it. Without an export the commands keep the document's text, and the plan
//! first checks which shape ASM serves.

use crate::i18n::Lang;
use crate::kubectl::{Command, Target};
use crate::state::State;

/// A published shape of the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceShape {
    /// `istio.alibabacloud.com/v1beta1` (the migration document).
    V1beta1,
    /// `istio.alibabacloud.com/v1` (ASM's published API types).
    V1,
}

impl ResourceShape {
    /// Both shapes.
    pub const ALL: [ResourceShape; 2] = [ResourceShape::V1beta1, ResourceShape::V1];

    /// The group every shape lives in.
    pub const GROUP: &'static str = "istio.alibabacloud.com";

    /// The version: `v1beta1`, `v1`.
    pub fn version(self) -> &'static str {
        match self {
            ResourceShape::V1beta1 => "v1beta1",
            ResourceShape::V1 => "v1",
        }
    }

    /// The `apiVersion` an object of this shape carries.
    pub fn api_version(self) -> String {
        format!("{}/{}", Self::GROUP, self.version())
    }

    /// The shape of an `apiVersion`, if it is one of the two.
    pub fn parse(api_version: &str) -> Option<ResourceShape> {
        ResourceShape::ALL
            .into_iter()
            .find(|s| s.api_version() == api_version)
    }

    /// The field under `spec.advancedOptions` that keeps istio-system's sidecar injection.
    pub fn eastwest_option(self) -> &'static str {
        match self {
            ResourceShape::V1beta1 => "disableIstioSystemLabelReconciliation",
            ResourceShape::V1 => "stopIstioSystemInjectionDisabling",
        }
    }

    /// The fields of `spec` in both shapes (`advancedOptions` holds only the east-west option).
    pub const SPEC_FIELDS: [&'static str; 3] = ["desiredState", "retryCounter", "advancedOptions"];
}

/// The resource as kubectl names it: the seed's `asmmigratefromistio` while its shape is not known,
/// else qualified by the exported version and the group.
pub fn resource_name(shape: Option<ResourceShape>) -> String {
    match shape {
        None => "asmmigratefromistio".to_string(),
        Some(shape) => format!(
            "asmmigratefromistio.{}.{}",
            shape.version(),
            ResourceShape::GROUP
        ),
    }
}

/// `kubectl patch` of the resource with a merge patch.
pub fn patch_command(shape: Option<ResourceShape>, patch: serde_json::Value) -> Command {
    Command::kubectl(Target::Asm, "patch")
        .resource(resource_name(shape))
        .name("default")
        .args(["--type=merge", "-p"])
        .arg(patch.to_string())
}

/// The switch to `state`.
pub fn switch_command(shape: Option<ResourceShape>, state: State) -> Command {
    patch_command(
        shape,
        serde_json::json!({"spec": {"desiredState": state.as_str()}}),
    )
}

/// The retry: `spec.retryCounter` set to `counter`.
pub fn retry_command(shape: Option<ResourceShape>, counter: i64) -> Command {
    patch_command(
        shape,
        serde_json::json!({"spec": {"retryCounter": counter}}),
    )
}

/// Sets the east-west option (the shape's field; the seed's while the shape is not known).
pub fn eastwest_option_command(shape: Option<ResourceShape>, value: bool) -> Command {
    let field = shape.unwrap_or(ResourceShape::V1beta1).eastwest_option();
    patch_command(
        shape,
        serde_json::json!({"spec": {"advancedOptions": {field: value}}}),
    )
}

/// Prints the east-west option's value.
pub fn eastwest_option_verify(shape: Option<ResourceShape>) -> Command {
    let field = shape.unwrap_or(ResourceShape::V1beta1).eastwest_option();
    Command::kubectl(Target::Asm, "get")
        .resource(resource_name(shape))
        .name("default")
        .args([
            "-o".to_string(),
            format!("jsonpath={{.spec.advancedOptions.{field}}}"),
        ])
}

/// Prints state and message.
pub fn verify_command(shape: Option<ResourceShape>) -> Command {
    Command::kubectl(Target::Asm, "get")
        .resource(resource_name(shape))
        .name("default")
        .args([
            "-o",
            "jsonpath={.status.state}{\"\\n\"}{.status.message}{\"\\n\"}",
        ])
}

/// Exports the resource (as the served version has it).
pub fn export_command() -> Command {
    Command::kubectl(Target::Asm, "get")
        .resource(resource_name(None))
        .name("default")
        .args(["-o", "yaml"])
}

/// Prints, for each version of the CRD of kind `ASMMigrateFromIstio`, whether it is served and the
/// fields its schema allows under `spec.advancedOptions`: the check of which shape ASM serves, when
/// no resource was exported. The CRD is found by its kind, not by its name, which would need the
/// plural.
pub fn served_shapes_command() -> Command {
    Command::kubectl(Target::Asm, "get")
        .resource("customresourcedefinitions")
        .args([
            "-o",
            "jsonpath={range .items[?(@.spec.names.kind==\"ASMMigrateFromIstio\")]}{range .spec.versions[*]}{.name}{\"\\t\"}{.served}{\"\\t\"}{.schema.openAPIV3Schema.properties.spec.properties.advancedOptions.properties}{\"\\n\"}{end}{end}",
        ])
}

/// What [`served_shapes_command`] prints for each shape, in words.
pub fn served_shapes_expect(lang: Lang) -> String {
    let shapes = ResourceShape::ALL
        .iter()
        .map(|s| {
            t!(
                lang,
                "phase-served-shape-line",
                version = s.version(),
                option = s.eastwest_option(),
                api_version = s.api_version(),
            )
        })
        .collect::<Vec<_>>()
        .join(&t!(lang, "clause-separator"));
    t!(lang, "phase-served-shapes-expect", shapes = shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::KubeconfigVars;

    #[test]
    fn each_shape_patches_its_own_version_and_field() {
        let vars = KubeconfigVars::default();
        assert_eq!(
            eastwest_option_command(Some(ResourceShape::V1), true).render(&vars),
            r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1.istio.alibabacloud.com default --type=merge -p '{"spec":{"advancedOptions":{"stopIstioSystemInjectionDisabling":true}}}'"#
        );
        assert_eq!(
            eastwest_option_command(Some(ResourceShape::V1beta1), true).render(&vars),
            r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio.v1beta1.istio.alibabacloud.com default --type=merge -p '{"spec":{"advancedOptions":{"disableIstioSystemLabelReconciliation":true}}}'"#
        );
    }

    #[test]
    fn without_an_export_the_seed_text_stays() {
        assert_eq!(
            switch_command(None, State::Migrating).render(&KubeconfigVars::default()),
            r#"kubectl --kubeconfig="${ASM_KUBECONFIG}" patch asmmigratefromistio default --type=merge -p '{"spec":{"desiredState":"Migrating"}}'"#
        );
    }

    #[test]
    fn shapes_parse_from_their_api_versions_only() {
        for shape in ResourceShape::ALL {
            assert_eq!(ResourceShape::parse(&shape.api_version()), Some(shape));
        }
        assert_eq!(ResourceShape::parse("istio.alibabacloud.com/v2"), None);
        assert_eq!(ResourceShape::parse("v1"), None);
    }
}
