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
    if facts.has_east_west() {
        let shape = analysis.migration.shape;
        let mut step = Step::new(
            StepKind::EastWestOption,
            "eastwest-label-reconciliation",
            "Stop ASM enforcing istio-injection on istio-system",
            Target::Asm,
            "The east-west gateway's pods get their image from the injection webhook; ASM must not force injection off on istio-system.",
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
                "Remove istio-injection from istio-system",
                Target::Cluster,
                format!("istio-system carries istio-injection={value}; with an east-west gateway it must carry no injection label."),
            )
            .verify(
                Command::kubectl(Target::Cluster, "get").resource("namespace").name("istio-system").args(["-o", "jsonpath={.metadata.labels.istio-injection}"]),
                "empty output",
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
