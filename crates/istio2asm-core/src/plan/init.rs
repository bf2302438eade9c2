//! Init: the east-west prerequisites (SPEC §5.1). They also open the current phase while they are
//! unmet after Init.

use crate::analysis::Analysis;
use crate::commands::remove_namespace_label;
use crate::gate::GateId;
use crate::kubectl::{Command, Target};
use crate::names::is_label_value;
use crate::phase::{eastwest_option_command, eastwest_option_verify};

use super::{Step, StepKind};

/// The east-west prerequisites, while they are unmet.
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let facts = &analysis.facts;
    let lang = analysis.settings.lang;
    if facts.has_east_west() {
        let shape = analysis.migration.shape;
        let mut step = Step::new(
            StepKind::EastWestOption,
            "eastwest-label-reconciliation",
            t!(lang, "plan-eastwest-option-title"),
            Target::Asm,
            t!(lang, "plan-eastwest-option-why"),
        )
        .verify(eastwest_option_verify(shape), "true");
        step.fixes.push(GateId::EastwestLabelReconciliation);
        step.commands.push(eastwest_option_command(shape, true));
        step.rollback.push(eastwest_option_command(shape, false));
        // Only while the option is not yet set (MIG301).
        if !analysis.migration.keeps_istio_system_injection {
            steps.push(step);
        }
        if let Some(value) = analysis
            .bundle
            .namespaces
            .get("istio-system")
            .and_then(|ns| ns.meta.label("istio-injection"))
            // A value Kubernetes would refuse cannot be restored, nor shown in a runbook.
            .map(|v| {
                if is_label_value(v) {
                    v
                } else {
                    "<invalid value>"
                }
            })
        {
            let mut step = Step::new(
                StepKind::InjectionLabel,
                "istio-system-injection-label",
                t!(lang, "plan-injection-label-title"),
                Target::Cluster,
                t!(lang, "plan-injection-label-why", value = value),
            )
            .verify(
                Command::kubectl(Target::Cluster, "get")
                    .resource("namespace")
                    .name("istio-system")
                    .args(["-o", "jsonpath={.metadata.labels.istio-injection}"]),
                t!(lang, "plan-expect-empty"),
            );
            step.fixes.push(GateId::IstioSystemInjectionLabel);
            step.commands
                .push(remove_namespace_label("istio-system", "istio-injection"));
            if is_label_value(value) {
                step.rollback.push(
                    Command::kubectl(Target::Cluster, "label")
                        .resource("namespace")
                        .name("istio-system")
                        .arg(format!("istio-injection={value}"))
                        .arg("--overwrite"),
                );
            }
            steps.push(step);
        }
    }
    steps
}
