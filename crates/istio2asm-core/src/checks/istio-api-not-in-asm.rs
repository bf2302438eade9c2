//! # MIG604 istio-api-not-in-asm
//!
//! ## What it finds
//!
//! With an export of the ASM control plane (`--asm-config`), each Istio API object of the cluster
//! (same group, kind, namespace and name) that ASM does not have. Without that export the gate is a
//! manual check and this code is not raised.
//!
//! ## Why it matters
//!
//! `istioctl uninstall --purge` deletes Istio's configuration from the cluster. An object that is
//! not in ASM by then is lost, and the workloads it configured lose their routes or policies.
//!
//! ## How to fix
//!
//! Apply the plan's Istio API bundle to ASM again, then export ASM's objects and re-run the check.
//!
//! ```bash
//! kubectl --kubeconfig="${ASM_KUBECONFIG}" apply -f istio-api-bundle.yaml
//! ```
//!
//! ## Example
//!
//! `istio-config.yaml:12:3: error[MIG604]: VirtualService shop/frontend is not in the ASM export`

use std::collections::HashSet;

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::model::{api_group, display_name};
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let Some(asm) = cx.asm else {
        return;
    };
    let present: HashSet<(&str, &str, &str, &str)> = asm
        .istio
        .iter()
        .map(|o| {
            (
                api_group(&o.api_version),
                o.kind.as_str(),
                o.meta.ns(),
                o.name(),
            )
        })
        .collect();
    for object in &cx.bundle.istio {
        let key = (
            api_group(&object.api_version),
            object.kind.as_str(),
            object.meta.ns(),
            object.name(),
        );
        if present.contains(&key) {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig604,
                t!(
                    cx.lang,
                    "mig604-missing",
                    kind = &object.kind,
                    object = display_name(&object.meta),
                ),
            )
            .at(object.object_ref(), object.span)
            .gate(State::Finished),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Analysis};
    use crate::checks::testing::cr;
    use crate::codes::{Code, Severity};
    use crate::gate::{GateId, Verdict};
    use crate::load::Input;
    use crate::settings::Settings;

    fn object(api_version: &str, kind: &str, name: &str) -> String {
        format!("---\napiVersion: {api_version}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: bookinfo\nspec:\n  host: {name}\n")
    }

    fn cluster() -> String {
        object("networking.istio.io/v1beta1", "VirtualService", "reviews")
            + &object("networking.istio.io/v1beta1", "DestinationRule", "reviews")
            + &object(
                "security.istio.io/v1beta1",
                "AuthorizationPolicy",
                "reviews",
            )
    }

    fn run(cluster: &str, asm: Option<&str>) -> Analysis {
        let settings = Settings {
            asm_version: Some("1.24.6".into()),
            ..Settings::default()
        };
        let asm_inputs = asm
            .map(|text| vec![Input::new("asm-config.yaml", text)])
            .unwrap_or_default();
        analyze(
            vec![Input::new("istio-config.yaml", cluster)],
            asm_inputs,
            &settings,
        )
    }

    fn mig604(a: &Analysis) -> Vec<(Severity, String)> {
        a.findings
            .iter()
            .filter(|f| f.code == Code::Mig604)
            .map(|f| (f.severity, f.message.clone()))
            .collect()
    }

    #[test]
    fn objects_missing_from_the_asm_export_block_the_finish() {
        // ASM serves networking.istio.io/v1: the same object under another version is present.
        let asm = object("networking.istio.io/v1", "VirtualService", "reviews")
            + &object("security.istio.io/v1", "AuthorizationPolicy", "reviews");
        let a = run(&(cluster() + &cr("Migrating")), Some(&asm));
        assert_eq!(
            mig604(&a),
            [(
                Severity::Error,
                "DestinationRule bookinfo/reviews is not in the ASM export".to_string()
            )]
        );
        let finding = a.findings.iter().find(|f| f.code == Code::Mig604).unwrap();
        let at = a.sources.locate(finding.span.unwrap()).unwrap();
        assert_eq!((at.path.as_str(), at.line), ("istio-config.yaml", 10));
        let gate = a
            .gates
            .iter()
            .find(|g| g.id == GateId::IstioApiInAsm)
            .unwrap();
        assert_eq!(gate.verdict, Verdict::Fail);
    }

    #[test]
    fn the_same_name_in_another_namespace_or_kind_is_not_the_object() {
        let asm = object("networking.istio.io/v1", "VirtualService", "reviews")
            .replace("bookinfo", "default")
            + &object("networking.istio.io/v1", "DestinationRule", "reviews")
            + &object("networking.istio.io/v1", "VirtualService", "reviews")
                .replace("kind: VirtualService", "kind: ServiceEntry")
            + &object("security.istio.io/v1", "AuthorizationPolicy", "reviews");
        let a = run(&(cluster() + &cr("Migrating")), Some(&asm));
        assert_eq!(
            mig604(&a),
            [(
                Severity::Error,
                "VirtualService bookinfo/reviews is not in the ASM export".to_string()
            )]
        );
    }

    #[test]
    fn before_migrating_it_is_information() {
        let a = run(
            &(cluster() + &cr("Init")),
            Some("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n"),
        );
        let found = mig604(&a);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|(s, _)| *s == Severity::Info));
    }

    #[test]
    fn without_an_asm_export_the_gate_is_manual() {
        let a = run(&(cluster() + &cr("Migrating")), None);
        assert_eq!(mig604(&a), []);
        let gate = a
            .gates
            .iter()
            .find(|g| g.id == GateId::IstioApiInAsm)
            .unwrap();
        assert_eq!(gate.verdict, Verdict::Manual);
    }

    #[test]
    fn everything_imported_passes() {
        let a = run(&(cluster() + &cr("Migrating")), Some(&cluster()));
        assert_eq!(mig604(&a), []);
        let gate = a
            .gates
            .iter()
            .find(|g| g.id == GateId::IstioApiInAsm)
            .unwrap();
        assert_eq!(gate.verdict, Verdict::Pass);
    }
}
