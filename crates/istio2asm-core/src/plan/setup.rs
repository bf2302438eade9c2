//! SetupIstioForMigrate: restarts in waves, by namespace.

use crate::analysis::Analysis;
use crate::commands::{
    job_from_cronjob, on_delete_recreate, rollout_restart, rollout_status, verify_xds_agent,
};
use crate::detect::{restart, Restart, Role};
use crate::kubectl::{Command, Target};
use crate::names::in_namespace;

use super::{
    context_namespace_note, namespace_title, owners_by_namespace, risk_row, Step, StepKind, Verify,
};

/// SetupIstioForMigrate: the mesh config check and the restarts that give every Istio proxy
/// `PROXY_CONFIG_XDS_AGENT` (SPEC §5.2).
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let settings = &analysis.settings;
    let lang = settings.lang;
    let separator = t!(lang, "list-separator");
    let mesh = Step::new(
        StepKind::Check,
        "mesh-config-xds-agent",
        t!(lang, "plan-mesh-check-title"),
        Target::Cluster,
        t!(lang, "plan-mesh-check-why"),
    )
    .verify(
        Command::kubectl(Target::Cluster, "get")
            .resource("configmap")
            .name("istio")
            .args(["-o", "jsonpath={.data.mesh}"])
            .in_namespace("istio-system"),
        t!(lang, "plan-mesh-check-expect"),
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
                t!(
                    lang,
                    "plan-restart-wave-title",
                    number = wave_index,
                    namespace = namespace_title(lang, namespace),
                    workloads = names.join(&separator)
                ),
                Target::Cluster,
                t!(lang, "plan-restart-wave-why"),
            )
            .verify(
                verify_xds_agent(namespace),
                t!(lang, "plan-restart-wave-expect"),
            );
            step.wave = true;
            if namespace.is_empty() {
                step.notes.push(context_namespace_note(lang));
            }
            for (owner, command) in chunk {
                step.commands.push(command.clone());
                if let Some(status) = rollout_status(owner) {
                    step.commands.push(status);
                }
                step.risks.extend(risk_row(analysis, owner));
            }
            step.notes.push(t!(lang, "plan-restart-wave-note"));
            steps.push(step);
        }
    }
    if !manual.is_empty() {
        let mut step = Step::new(
            StepKind::RestartManual,
            "restart-manual",
            t!(lang, "plan-restart-manual-title"),
            Target::Cluster,
            t!(lang, "plan-restart-manual-why"),
        );
        for (owner, method) in &manual {
            let ns = owner.namespace.as_str();
            let at_ns = in_namespace(lang, ns);
            let owner_name = owner.display();
            let note = match method {
                Restart::OnDelete => {
                    step.commands.extend(on_delete_recreate(
                        &analysis.bundle,
                        &analysis.facts,
                        owner,
                        |p| !p.xds_agent,
                    ));
                    t!(
                        lang,
                        "plan-restart-manual-on-delete",
                        owner = &owner_name,
                        at_ns = &at_ns
                    )
                }
                Restart::CronJob => {
                    step.commands.push(job_from_cronjob(ns, &owner.name));
                    t!(
                        lang,
                        "plan-restart-manual-cronjob",
                        owner = &owner_name,
                        at_ns = &at_ns
                    )
                }
                Restart::Job => t!(
                    lang,
                    "plan-restart-manual-job",
                    owner = &owner_name,
                    at_ns = &at_ns
                ),
                Restart::Bare => t!(
                    lang,
                    "plan-restart-manual-bare",
                    owner = &owner_name,
                    at_ns = &at_ns
                ),
                Restart::Other(kind) => t!(
                    lang,
                    "plan-restart-manual-other",
                    owner = &owner_name,
                    at_ns = &at_ns,
                    kind = kind.as_str()
                ),
                Restart::ByHand => t!(
                    lang,
                    "plan-restart-manual-by-hand",
                    owner = &owner_name,
                    at_ns = &at_ns
                ),
                Restart::Rollout(_) => continue,
            };
            step.notes.push(note);
        }
        for namespace in manual
            .iter()
            .map(|(o, _)| o.namespace.as_str())
            .collect::<std::collections::BTreeSet<_>>()
        {
            step.verify.push(Verify {
                command: verify_xds_agent(namespace),
                expect: t!(lang, "plan-restart-manual-expect"),
            });
        }
        steps.push(step);
    }
    let gateways = owners_by_namespace(analysis, Role::Gateway, |p| !p.xds_agent);
    if !gateways.is_empty() {
        let mut step = Step::new(
            StepKind::RestartGateways,
            "restart-gateways",
            t!(lang, "plan-restart-gateways-title"),
            Target::Cluster,
            t!(lang, "plan-restart-gateways-why"),
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
                expect: t!(lang, "plan-restart-gateways-expect"),
            });
        }
        steps.push(step);
    }
    steps.push(super::trust::step(analysis));
    steps
}
