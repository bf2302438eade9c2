//! Migrating: the workloads injected by hand (MIG509). ASM's label cannot switch them, since
//! their pod template holds Istio's proxy; each is re-deployed from its original manifest, the
//! one without the proxy, with the label added, and rolled back with `rollout undo`.

use crate::analysis::Analysis;
use crate::commands::{template_status_annotation, verify_proxy_images};
use crate::kubectl::{Command, Target};
use crate::model::WorkloadKind;
use crate::names::in_namespace;

use super::{Step, StepKind, Verify};

/// The step, when any workload was injected by hand.
pub(super) fn step(analysis: &Analysis) -> Option<Step> {
    let manual = &analysis.facts.manual_injections;
    if manual.is_empty() {
        return None;
    }
    let settings = &analysis.settings;
    let mut step = Step::new(
        StepKind::ReinjectByHand,
        "reinject-by-hand",
        "Re-deploy the workloads injected by hand with ASM's label",
        Target::Cluster,
        format!(
            "Their pod template holds Istio's proxy (istioctl kube-inject), so the pod label {}: \"{}\" cannot switch them; the original manifest, without the proxy and with the label, gives their pods ASM's proxy.",
            settings.asm_label_key, settings.asm_label_value
        ),
    );
    step.wave = true;
    for workload in manual {
        let namespace = workload.namespace();
        let kind = workload.kind.resource();
        let name = workload.object.name.as_str();
        let file = if namespace.is_empty() {
            format!("reinject/{kind}-{name}.yaml")
        } else {
            format!("reinject/{namespace}-{kind}-{name}.yaml")
        };
        step.needs.push(format!(
            "{file}: the original manifest of {kind}/{name}{}, without Istio's proxy (not the export, which holds it), with the pod label {}: \"{}\" in its template",
            in_namespace(settings.lang, namespace),
            settings.asm_label_key,
            settings.asm_label_value
        ));
        step.commands.push(
            Command::kubectl(Target::Cluster, "apply")
                .args(["-f", &file])
                .in_namespace(namespace),
        );
        let rolls = matches!(
            workload.kind,
            WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::DaemonSet
        );
        if rolls {
            step.commands.push(
                Command::kubectl(Target::Cluster, "rollout status")
                    .object(kind, name)
                    .arg("--timeout=10m")
                    .in_namespace(namespace),
            );
            step.rollback.push(
                Command::kubectl(Target::Cluster, "rollout undo")
                    .object(kind, name)
                    .in_namespace(namespace),
            );
        } else {
            step.notes.push(format!(
                "{kind}/{name}{}: no rollout to undo; to go back, apply its injected manifest again.",
                in_namespace(settings.lang, namespace)
            ));
        }
        step.verify.push(Verify {
            command: template_status_annotation(workload.kind, namespace, name),
            expect: "empty output: the template no longer holds a proxy injected by hand".into(),
        });
    }
    let namespaces: std::collections::BTreeSet<&str> =
        manual.iter().map(|m| m.namespace()).collect();
    for namespace in namespaces {
        step.verify.push(Verify {
            command: verify_proxy_images(namespace),
            expect: "the re-deployed workloads' pods show ASM's proxy image (…aliyuncs.com/…/acs/proxyv2:v…-aliyun)".into(),
        });
    }
    if manual.iter().any(|m| m.namespace().is_empty()) {
        step.notes.push("Some manifests name no namespace: their commands run in the kubeconfig context's namespace, as `kubectl apply` of those manifests did.".into());
    }
    Some(step)
}
