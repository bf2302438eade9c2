//! Finished: the clean-up of Istio's residues before the switch to Finished.

use crate::analysis::Analysis;
use crate::detect::is_istio_webhook;
use crate::kubectl::{Command, Target};
use crate::model::Object;

use super::{Step, StepKind};

/// Finished: what the uninstall left behind, for the switch to Finished (SPEC §5.4).
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let lang = analysis.settings.lang;
    let mut step = Step::new(
        StepKind::Cleanup,
        "cleanup-residues",
        t!(lang, "plan-cleanup-title"),
        Target::Cluster,
        t!(lang, "plan-cleanup-why"),
    );
    for hook in analysis
        .bundle
        .webhooks
        .iter()
        .filter(|h| is_istio_webhook(h.name()))
    {
        let resource = if hook.kind == "MutatingWebhookConfiguration" {
            "mutatingwebhookconfiguration"
        } else {
            "validatingwebhookconfiguration"
        };
        step.commands.push(
            Command::kubectl(Target::Cluster, "delete")
                .resource(resource)
                .name(hook.name())
                .arg("--ignore-not-found"),
        );
    }
    for residue in analysis
        .bundle
        .residues
        .iter()
        .filter(|r| is_istio_owned(r))
    {
        let resource = residue.kind.to_lowercase();
        let mut command = Command::kubectl(Target::Cluster, "delete")
            .resource(resource.as_str())
            .name(residue.name())
            .arg("--ignore-not-found");
        if let Some(ns) = &residue.meta.namespace {
            command = command.in_namespace(ns);
        }
        step.commands.push(command);
    }
    step.notes.push(t!(lang, "plan-cleanup-note"));
    vec![step]
}

/// Istio-owned RBAC and service accounts (never CRDs: ASM uses the `*.istio.io` CRDs).
fn is_istio_owned(object: &Object<()>) -> bool {
    if object.kind == "CustomResourceDefinition" {
        return false;
    }
    let labels = &object.meta.labels;
    labels.contains_key("operator.istio.io/component")
        || labels
            .get("app")
            .is_some_and(|a| a == "istiod" || a == "istio-reader")
        || labels.contains_key("istio.io/rev") && object.name().starts_with("istio")
}
