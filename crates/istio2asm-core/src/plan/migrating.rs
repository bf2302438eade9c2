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
    bundle, egress, ingress, namespace_title, owners_by_namespace, reinject, risk_row, Step,
    StepKind, Verify, CONTEXT_NAMESPACE_NOTE,
};

/// Migrating: the import, the east-west network, the switch waves, the gateways and the
/// uninstall (SPEC §5.3).
pub(super) fn steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    steps.extend(bundle::import_step(analysis));
    if analysis.facts.has_east_west() {
        let networks: Vec<&str> = analysis.facts.networks.iter().map(String::as_str).collect();
        let mut step = Step::new(
            StepKind::EastWestNetworks,
            "eastwest-networks",
            "Configure the cluster's network in ASM and enable the cross-cluster mesh proxy",
            Target::Asm,
            "ASM proxies reach the other network's endpoints only when ASM knows the network by the same name as Istio.",
        );
        if networks.is_empty() {
            step.needs.push("the network name (label topology.istio.io/network on istio-system, or ISTIO_META_NETWORK on the east-west gateway)".into());
        } else {
            step.notes.push(format!(
                "Network(s) to configure with exactly these names: {}.",
                networks.join(", ")
            ));
        }
        step.notes.push("Console step (ASM 1.22 or later): set the cluster's network and enable the cross-cluster mesh proxy, before any workload switches to ASM's proxy.".into());
        steps.push(step);
    }
    let settings = &analysis.settings;
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
                format!("Switch wave {wave_index}: {} ({}) to ASM's proxy", namespace_title(namespace), names.join(", ")),
                Target::Cluster,
                format!(
                    "The pod label {}: \"{}\" makes new pods get ASM's proxy; the patch rolls the workload.",
                    settings.asm_label_key, settings.asm_label_value
                ),
            )
            .verify(
                verify_proxy_images(namespace),
                "the switched workloads' pods show ASM's proxy image (…aliyuncs.com/…/acs/proxyv2:v…-aliyun)",
            );
            step.wave = true;
            if namespace.is_empty() {
                step.notes.push(CONTEXT_NAMESPACE_NOTE.into());
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
            step.notes.push("Loss-free only if the protocol shuts down gracefully (HTTP, HTTP/2, gRPC) and requests finish within the proxy's drain window.".into());
            steps.push(step);
        }
    }
    if !manual.is_empty() {
        let mut step = Step::new(
            StepKind::SwitchManual,
            "switch-manual",
            "Switch the workloads that need a manual method",
            Target::Cluster,
            format!("Jobs, CronJobs and bare pods get ASM's proxy when re-created with the pod label {}: \"{}\".", settings.asm_label_key, settings.asm_label_value),
        );
        for owner in manual {
            step.notes.push(format!(
                "{}{}: add the label to its pod template or manifest and re-create it.",
                owner.display(),
                in_namespace(analysis.settings.lang, &owner.namespace)
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
    let mut check = Step::new(
        StepKind::GatewayTrafficCheck,
        "check-istio-gateway-traffic",
        "Check that Istio's gateways no longer carry traffic",
        Target::Cluster,
        "A gateway that still shows requests in its access log is still carrying traffic and must not be taken out.",
    );
    check.wave = true;
    let mut step = Step::new(
        StepKind::RetireGateways,
        "retire-istio-gateways",
        "Take Istio's gateways out of service",
        Target::Cluster,
        "The Finished gate needs every Istio gateway gone; scaling to zero first keeps the way back open until the uninstall.",
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
            expect: format!("no new requests in {name}'s access log"),
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
    step.notes.push(
        "The east-west gateway goes only once ASM's cross-cluster mesh proxy serves the network."
            .into(),
    );
    vec![check, step]
}

fn uninstall_step(analysis: &Analysis) -> Step {
    let version = analysis.facts.lowest_istio();
    let mut step = Step::new(
        StepKind::Uninstall,
        "uninstall-istio",
        "Uninstall Istio",
        Target::Cluster,
        "Finished requires Istio's control plane and webhooks to be gone.",
    )
    .verify(
        Command::kubectl(Target::Cluster, "get")
            .resource("mutatingwebhookconfigurations,validatingwebhookconfigurations")
            .args(["-o", "name"]),
        "no istio-sidecar-injector*, istio-validator*, istiod-* or istio-revision-tag-* entries",
    )
    .verify(
        Command::kubectl(Target::Cluster, "get")
            .resource("deployments")
            .args(["-l", "app=istiod", "-o", "name"])
            .in_namespace("istio-system"),
        "No resources found",
    );
    step.commands.push(istioctl_uninstall(version));
    step.notes.push(format!(
        "Use the istioctl of the installed version ({}); `istioctl uninstall` left experimental in 1.15, older versions need `istioctl x uninstall`.",
        version.map_or("unknown: check istiod's image tag".to_string(), |v| v.raw.clone())
    ));
    step.notes.push("--purge also deletes Istio's configuration in the cluster: run it only after the Istio API bundle is in ASM and no pod or gateway runs Istio's proxy.".into());
    step.notes
        .push("Never delete the *.istio.io CRDs: ASM uses them.".into());
    if !analysis.facts.ambient.is_empty() {
        step.notes.push("The uninstall also removes ztunnel and the waypoints: run it only once no workload is left in ambient mode (step ambient-not-covered).".into());
    }
    if analysis.facts.control_planes.len() > 1 {
        step.notes.push("Several revisions are installed: uninstall each with its own istioctl (`istioctl uninstall --revision REV`).".into());
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
    let mut step = Step::new(
        StepKind::Check,
        "ambient-not-covered",
        "Decide what happens to the ambient workloads",
        Target::Cluster,
        "The procedure moves sidecars by labelling pod templates; ambient workloads have no sidecar and depend on ztunnel and waypoints, which the uninstall removes.",
    )
    .verify(
        ambient_namespaces(),
        "the namespaces still in ambient mode; each must be moved to sidecars first or kept out of the migration",
    );
    let names = |list: &[AmbientObject]| {
        list.iter()
            .map(|o| match &o.object.namespace {
                _ if o.object.kind == "Namespace" => o.object.name.clone(),
                ns => format!(
                    "{}{}",
                    o.display(),
                    in_namespace(analysis.settings.lang, ns.as_deref().unwrap_or_default())
                ),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !ambient.namespaces.is_empty() {
        step.notes.push(format!(
            "Ambient namespaces: {}.",
            names(&ambient.namespaces)
        ));
    }
    if !ambient.workloads.is_empty() {
        step.notes.push(format!(
            "Ambient workloads, not moved by the switch waves: {}.",
            names(&ambient.workloads)
        ));
    }
    if !ambient.waypoints.is_empty() {
        step.notes.push(format!(
            "Waypoints, not migrated: {}.",
            names(&ambient.waypoints)
        ));
    }
    step.notes.push("Not covered by this plan: moving ambient workloads to ASM. Either move each ambient namespace to sidecars first (remove istio.io/dataplane-mode, enable Istio's sidecar injection, restart, export and plan again), or keep it out of the migration and do not uninstall Istio while it depends on ztunnel.".into());
    Some(step)
}
