//! Migrating: workloads move to ASM's proxy in waves; gateways and egress routes follow.

use crate::analysis::Analysis;
use crate::commands::{
    ambient_namespaces, istioctl_uninstall, on_delete_recreate, rollout_status,
    template_label_patch, verify_proxy_images,
};
use crate::detect::{restart, AmbientObject, GatewayKind, OwnerKind, Restart, Role};
use crate::kubectl::{Command, Target};
use crate::model::WorkloadKind;
use crate::names::in_namespace;

use super::{
    bundle, context_namespace_note, egress, ingress, namespace_title, owners_by_namespace,
    reinject, risk_row, Step, StepKind, Verify,
};

/// Migrating: the import, the east-west network, the switch waves, the gateways and the
/// uninstall (SPEC §5.3).
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let settings = &analysis.settings;
    let lang = settings.lang;
    let separator = t!(lang, "list-separator");
    steps.extend(bundle::import_step(analysis));
    if analysis.facts.has_east_west() {
        let networks: Vec<&str> = analysis.facts.networks.iter().map(String::as_str).collect();
        let mut step = Step::new(
            StepKind::EastWestNetworks,
            "eastwest-networks",
            t!(lang, "plan-eastwest-networks-title"),
            Target::Asm,
            t!(lang, "plan-eastwest-networks-why"),
        );
        if networks.is_empty() {
            step.needs.push(t!(lang, "plan-eastwest-networks-need"));
        } else {
            step.notes.push(t!(
                lang,
                "plan-eastwest-networks-names",
                networks = networks.join(&separator)
            ));
        }
        step.notes.push(t!(lang, "plan-eastwest-networks-console"));
        steps.push(step);
    }
    let mut wave_index = 0;
    let mut manual = Vec::new();
    for (namespace, owners) in owners_by_namespace(analysis, Role::Sidecar, |_| true) {
        let mut switchable = Vec::new();
        for owner in owners {
            match owner.kind {
                // Injected by hand: the label cannot switch it (the `reinject-by-hand` step).
                _ if restart(&analysis.bundle, owner) == Restart::ByHand => {}
                OwnerKind::Workload(
                    kind @ (WorkloadKind::Deployment
                    | WorkloadKind::StatefulSet
                    | WorkloadKind::DaemonSet),
                ) => switchable.push((owner, kind)),
                _ => manual.push(owner),
            }
        }
        for chunk in switchable.chunks(settings.wave_size) {
            wave_index += 1;
            let names: Vec<String> = chunk.iter().map(|(o, _)| o.display()).collect();
            let mut step = Step::new(
                StepKind::SwitchWave {
                    number: wave_index,
                    workloads: chunk.iter().map(|(o, _)| (*o).clone()).collect(),
                },
                format!("switch-wave-{wave_index}"),
                t!(
                    lang,
                    "plan-switch-wave-title",
                    number = wave_index,
                    namespace = namespace_title(lang, namespace),
                    workloads = names.join(&separator)
                ),
                Target::Cluster,
                t!(
                    lang,
                    "plan-switch-wave-why",
                    label_key = &settings.asm_label_key,
                    label_value = &settings.asm_label_value
                ),
            )
            .verify(
                verify_proxy_images(namespace),
                t!(lang, "plan-switch-wave-expect"),
            );
            step.wave = true;
            if namespace.is_empty() {
                step.notes.push(context_namespace_note(lang));
            }
            for (owner, kind) in chunk {
                step.commands.push(template_label_patch(
                    *kind,
                    namespace,
                    &owner.name,
                    &settings.asm_label_key,
                    Some(&settings.asm_label_value),
                ));
                if restart(&analysis.bundle, owner) == Restart::OnDelete {
                    // OnDelete: the patch alone recreates nothing, and `rollout status` refuses.
                    step.commands.extend(on_delete_recreate(
                        &analysis.bundle,
                        &analysis.facts,
                        owner,
                        |_| true,
                    ));
                } else {
                    step.commands.extend(rollout_status(owner));
                }
                step.rollback.push(template_label_patch(
                    *kind,
                    namespace,
                    &owner.name,
                    &settings.asm_label_key,
                    None,
                ));
                step.risks.extend(risk_row(analysis, owner));
            }
            step.notes.push(t!(lang, "plan-switch-wave-note"));
            steps.push(step);
        }
    }
    if !manual.is_empty() {
        let mut step = Step::new(
            StepKind::SwitchManual,
            "switch-manual",
            t!(lang, "plan-switch-manual-title"),
            Target::Cluster,
            t!(
                lang,
                "plan-switch-manual-why",
                label_key = &settings.asm_label_key,
                label_value = &settings.asm_label_value
            ),
        );
        for owner in manual {
            step.notes.push(t!(
                lang,
                "plan-switch-manual-note",
                owner = owner.display(),
                at_ns = in_namespace(lang, &owner.namespace)
            ));
        }
        steps.push(step);
    }
    steps.extend(reinject::step(analysis));
    steps.extend(ambient_step(analysis));
    for gateway in analysis
        .facts
        .gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::Ingress && !g.asm)
    {
        steps.extend(ingress::steps(analysis, gateway));
    }
    steps.extend(egress::steps(analysis));
    steps.extend(retire_gateways_steps(analysis));
    steps.push(uninstall_step(analysis));
    steps
}

/// Takes Istio's gateways out of service once their traffic has moved: scaled to zero (reversible),
/// after the access log shows no more requests. The uninstall removes them for good.
fn retire_gateways_steps(analysis: &Analysis) -> Vec<Step> {
    let gateways: Vec<_> = analysis
        .facts
        .gateways
        .iter()
        .filter(|g| !g.asm && g.owner.kind == OwnerKind::Workload(WorkloadKind::Deployment))
        .collect();
    if gateways.is_empty() {
        return Vec::new();
    }
    let lang = analysis.settings.lang;
    let mut check = Step::new(
        StepKind::GatewayTrafficCheck,
        "check-istio-gateway-traffic",
        t!(lang, "plan-gateway-traffic-title"),
        Target::Cluster,
        t!(lang, "plan-gateway-traffic-why"),
    );
    check.wave = true;
    let mut step = Step::new(
        StepKind::RetireGateways,
        "retire-istio-gateways",
        t!(lang, "plan-retire-gateways-title"),
        Target::Cluster,
        t!(lang, "plan-retire-gateways-why"),
    );
    step.wave = true;
    for gateway in gateways {
        let ns = gateway.owner.namespace.as_str();
        let name = gateway.owner.name.as_str();
        let replicas = analysis
            .bundle
            .workload(WorkloadKind::Deployment, ns, name)
            .and_then(|w| w.body.replicas)
            .unwrap_or(1);
        check.verify.push(Verify {
            command: Command::kubectl(Target::Cluster, "logs")
                .object("deployment", name)
                .arg("--since=10m")
                .in_namespace(ns),
            expect: t!(lang, "plan-gateway-traffic-expect", name = name),
        });
        step.commands.push(
            Command::kubectl(Target::Cluster, "scale")
                .object("deployment", name)
                .arg("--replicas=0")
                .in_namespace(ns),
        );
        step.rollback.push(
            Command::kubectl(Target::Cluster, "scale")
                .object("deployment", name)
                .arg(format!("--replicas={replicas}"))
                .in_namespace(ns),
        );
    }
    step.notes.push(t!(lang, "plan-retire-gateways-eastwest"));
    vec![check, step]
}

fn uninstall_step(analysis: &Analysis) -> Step {
    let version = analysis.facts.lowest_istio();
    let lang = analysis.settings.lang;
    let mut step = Step::new(
        StepKind::Uninstall,
        "uninstall-istio",
        t!(lang, "plan-uninstall-title"),
        Target::Cluster,
        t!(lang, "plan-uninstall-why"),
    )
    .verify(
        Command::kubectl(Target::Cluster, "get")
            .resource("mutatingwebhookconfigurations,validatingwebhookconfigurations")
            .args(["-o", "name"]),
        t!(lang, "plan-uninstall-expect-webhooks"),
    )
    .verify(
        Command::kubectl(Target::Cluster, "get")
            .resource("deployments")
            .args(["-l", "app=istiod", "-o", "name"])
            .in_namespace("istio-system"),
        // What kubectl prints, literally: the same in every language.
        "No resources found",
    );
    step.commands.push(istioctl_uninstall(version));
    step.notes.push(t!(
        lang,
        "plan-uninstall-istioctl",
        version = version.map_or_else(
            || t!(lang, "plan-uninstall-version-unknown"),
            |v| v.raw.clone()
        )
    ));
    step.notes.push(t!(lang, "plan-uninstall-purge"));
    step.notes.push(t!(lang, "plan-uninstall-crds"));
    if !analysis.facts.ambient.is_empty() {
        step.notes.push(t!(lang, "plan-uninstall-ambient"));
    }
    if analysis.facts.control_planes.len() > 1 {
        step.notes.push(t!(lang, "plan-uninstall-revisions"));
    }
    step
}

/// Ambient mode (MIG510) is outside the procedure: the step says what it does not cover and
/// lists the namespaces, before anything is uninstalled.
fn ambient_step(analysis: &Analysis) -> Option<Step> {
    let ambient = &analysis.facts.ambient;
    if ambient.is_empty() {
        return None;
    }
    let lang = analysis.settings.lang;
    let separator = t!(lang, "list-separator");
    let mut step = Step::new(
        StepKind::Check,
        "ambient-not-covered",
        t!(lang, "plan-ambient-title"),
        Target::Cluster,
        t!(lang, "plan-ambient-why"),
    )
    .verify(ambient_namespaces(), t!(lang, "plan-ambient-expect"));
    let names = |list: &[AmbientObject]| {
        list.iter()
            .map(|o| match &o.object.namespace {
                _ if o.object.kind == "Namespace" => o.object.name.clone(),
                ns => format!(
                    "{}{}",
                    o.display(),
                    in_namespace(lang, ns.as_deref().unwrap_or_default())
                ),
            })
            .collect::<Vec<_>>()
            .join(&separator)
    };
    if !ambient.namespaces.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-ambient-namespaces",
            names = names(&ambient.namespaces)
        ));
    }
    if !ambient.workloads.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-ambient-workloads",
            names = names(&ambient.workloads)
        ));
    }
    if !ambient.waypoints.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-ambient-waypoints",
            names = names(&ambient.waypoints)
        ));
    }
    step.notes.push(t!(lang, "plan-ambient-not-covered"));
    Some(step)
}
