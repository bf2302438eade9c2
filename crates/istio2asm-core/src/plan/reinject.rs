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
    let lang = settings.lang;
    let mut step = Step::new(
        StepKind::ReinjectByHand,
        "reinject-by-hand",
        t!(lang, "plan-reinject-title"),
        Target::Cluster,
        t!(
            lang,
            "plan-reinject-why",
            label_key = &settings.asm_label_key,
            label_value = &settings.asm_label_value
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
        let object = format!("{kind}/{name}");
        let at_ns = in_namespace(lang, namespace);
        step.needs.push(t!(
            lang,
            "plan-reinject-need",
            file = &file,
            object = &object,
            at_ns = &at_ns,
            label_key = &settings.asm_label_key,
            label_value = &settings.asm_label_value
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
            step.notes.push(t!(
                lang,
                "plan-reinject-no-rollout",
                object = &object,
                at_ns = &at_ns
            ));
        }
        step.verify.push(Verify {
            command: template_status_annotation(workload.kind, namespace, name),
            expect: t!(lang, "plan-reinject-expect-template"),
        });
    }
    let namespaces: std::collections::BTreeSet<&str> =
        manual.iter().map(|m| m.namespace()).collect();
    for namespace in namespaces {
        step.verify.push(Verify {
            command: verify_proxy_images(namespace),
            expect: t!(lang, "plan-reinject-expect-images"),
        });
    }
    if manual.iter().any(|m| m.namespace().is_empty()) {
        step.notes.push(t!(lang, "plan-reinject-no-namespace"));
    }
    Some(step)
}
