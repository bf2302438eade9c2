//! SetupIstioForMigrate: restarts in waves, by namespace.

use crate::analysis::Analysis;
use crate::commands::{
    job_from_cronjob, on_delete_recreate, rollout_restart, rollout_status, verify_xds_agent,
};
use crate::detect::{restart, Restart, Role};
use crate::kubectl::{Command, Target};
use crate::names::in_namespace;

use super::{
    namespace_title, owners_by_namespace, risk_row, Step, StepKind, Verify, CONTEXT_NAMESPACE_NOTE,
};

/// SetupIstioForMigrate: the mesh config check and the restarts that give every Istio proxy
/// `PROXY_CONFIG_XDS_AGENT` (SPEC §5.2).
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let settings = &analysis.settings;
    let mesh = Step::new(
        StepKind::Check,
        "mesh-config-xds-agent",
        "Check that ASM added PROXY_CONFIG_XDS_AGENT to the mesh config",
        Target::Cluster,
        "Restarted sidecars take the setting from the mesh config; it must be there before the restarts.",
    )
    .verify(
        Command::kubectl(Target::Cluster, "get").resource("configmap").name("istio").args(["-o", "jsonpath={.data.mesh}"]).in_namespace("istio-system"),
        "defaultConfig.proxyMetadata contains the line PROXY_CONFIG_XDS_AGENT: \"true\"",
    );
    steps.push(mesh);

    let mut manual = Vec::new();
    let mut wave_index = 0;
    for (namespace, owners) in owners_by_namespace(analysis, Role::Sidecar, |p| !p.xds_agent) {
        let mut rollouts = Vec::new();
        for owner in owners {
            match restart(&analysis.bundle, owner) {
                Restart::Rollout(kind) => rollouts.push((owner, rollout_restart(kind, owner))),
                other => manual.push((owner, other)),
            }
        }
        for chunk in rollouts.chunks(settings.wave_size) {
            wave_index += 1;
            let names: Vec<String> = chunk.iter().map(|(o, _)| o.display()).collect();
            let mut step = Step::new(
                StepKind::RestartWave {
                    number: wave_index,
                    workloads: chunk.iter().map(|(o, _)| (*o).clone()).collect(),
                },
                format!("restart-wave-{wave_index}"),
                format!("Restart wave {wave_index}: {} ({})", namespace_title(namespace), names.join(", ")),
                Target::Cluster,
                "Pods started before SetupIstioForMigrate lack PROXY_CONFIG_XDS_AGENT; a restart gives them the new mesh config.",
            )
            .verify(verify_xds_agent(namespace), "every line ends with a tab and true (pods without a sidecar print nothing after the tab)");
            step.wave = true;
            if namespace.is_empty() {
                step.notes.push(CONTEXT_NAMESPACE_NOTE.into());
            }
            for (owner, command) in chunk {
                step.commands.push(command.clone());
                if let Some(status) = rollout_status(owner) {
                    step.commands.push(status);
                }
                step.risks.extend(risk_row(analysis, owner));
            }
            step.notes.push("A restart cannot be undone, and need not be: it only recreates pods with the same template.".into());
            steps.push(step);
        }
    }
    if !manual.is_empty() {
        let mut step = Step::new(
            StepKind::RestartManual,
            "restart-manual",
            "Restart the workloads that need a manual method",
            Target::Cluster,
            "OnDelete StatefulSets, Jobs, CronJobs and bare pods are not restarted by `rollout restart`.",
        );
        for (owner, method) in &manual {
            let ns = owner.namespace.as_str();
            let at_ns = in_namespace(analysis.settings.lang, ns);
            match method {
                Restart::OnDelete => {
                    step.commands.extend(on_delete_recreate(&analysis.bundle, &analysis.facts, owner, |p| !p.xds_agent));
                    step.notes.push(format!("{}{at_ns}: OnDelete; its pods are deleted one at a time, highest ordinal first, each replacement waited for.", owner.display()));
                }
                Restart::CronJob => {
                    step.commands.push(job_from_cronjob(ns, &owner.name));
                    step.notes.push(format!("{}{at_ns}: its next scheduled run picks the change up; the command runs one now.", owner.display()));
                }
                Restart::Job => step.notes.push(format!("{}{at_ns}: a Job; let it finish, or delete and re-create it from its manifest.", owner.display())),
                Restart::Bare => step.notes.push(format!("{}{at_ns}: a bare pod; re-create it from its original manifest (not from the export, which holds the injected sidecar).", owner.display())),
                Restart::Other(kind) => step.notes.push(format!("{}{at_ns}: managed by a {kind}; restart it through that controller.", owner.display())),
                Restart::ByHand => step.notes.push(format!("{}{at_ns}: injected by hand (MIG509); a restart keeps the settings it was injected with. Inject its original manifest again with the istioctl of the installed version (`istioctl kube-inject -f ORIGINAL.yaml`), which reads the current mesh config with PROXY_CONFIG_XDS_AGENT, and apply that.", owner.display())),
                Restart::Rollout(_) => {}
            }
        }
        for namespace in manual
            .iter()
            .map(|(o, _)| o.namespace.as_str())
            .collect::<std::collections::BTreeSet<_>>()
        {
            step.verify.push(Verify {
                command: verify_xds_agent(namespace),
                expect: "every line ends with a tab and true".into(),
            });
        }
        steps.push(step);
    }
    let gateways = owners_by_namespace(analysis, Role::Gateway, |p| !p.xds_agent);
    if !gateways.is_empty() {
        let mut step = Step::new(
            StepKind::RestartGateways,
            "restart-gateways",
            "Restart the Istio gateways that lack PROXY_CONFIG_XDS_AGENT",
            Target::Cluster,
            "Not a gate, but every Istio proxy should run with the same agent settings while traffic moves.",
        );
        step.wave = true;
        for (namespace, owners) in gateways {
            for owner in owners {
                if let Restart::Rollout(kind) = restart(&analysis.bundle, owner) {
                    step.commands.push(rollout_restart(kind, owner));
                    step.commands.extend(rollout_status(owner));
                }
            }
            step.verify.push(Verify {
                command: verify_xds_agent(namespace),
                expect: "every gateway pod's line ends with a tab and true".into(),
            });
        }
        steps.push(step);
    }
    steps
}
