//! The migration plan: for each phase, its gates and its steps, each step as exact commands,
//! files, a verification with its expected output, a rollback where one exists, and the inputs it
//! still needs. Renderers (`render`) turn the same plan into Markdown, bash and JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::checks::support::{is_live, restart, Restart};
use crate::commands::{
    delete_pod, istioctl_uninstall, job_from_cronjob, remove_namespace_label, rollout_status,
    template_label_patch, verify_xds_agent,
};
use crate::detect::{Flavor, GatewayKind, OwnerKind, Role};
use crate::kubectl::{Command, Target};
use crate::model::{display_name, Object, WorkloadKind};
use crate::node::Node;
use crate::phase::{label_reconciliation_command, switch_command, verify_command, Gate, State};
use crate::risk::{assess, Risks};

mod bundle;
mod egress;
mod ingress;

/// A file a step writes (YAML to apply).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanFile {
    /// File name, relative to the output directory.
    pub name: String,
    /// The content, with a generated-file header.
    pub content: String,
}

/// One row of a wave's risk table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskRow {
    /// `deployment/cart`.
    pub workload: String,
    /// Namespace.
    pub namespace: String,
    /// `spec.replicas`.
    pub replicas: Option<i64>,
    /// The risks found.
    pub risks: Risks,
}

/// A verification: a command and what it should print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verify {
    /// The command.
    pub command: Command,
    /// What the output should look like, in words or literally.
    pub expect: String,
}

/// One step of a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Stable id, e.g. `restart-wave-1`.
    pub id: String,
    /// One line.
    pub title: String,
    /// Which cluster its commands talk to.
    pub target: Target,
    /// The commands, in order.
    pub commands: Vec<Command>,
    /// How to check it worked.
    pub verify: Vec<Verify>,
    /// How to undo it, when it can be undone.
    pub rollback: Vec<Command>,
    /// Files it applies.
    pub files: Vec<PlanFile>,
    /// Inputs the export does not hold and the operator must supply.
    pub needs: Vec<String>,
    /// Why the step exists.
    pub why: String,
    /// Notes for the operator (facts not confirmed, manual attention).
    pub notes: Vec<String>,
    /// The risk table shown before a wave.
    pub risks: Vec<RiskRow>,
    /// Whether it is a wave (the shell runbook pauses before each).
    pub wave: bool,
    /// For a state switch: the gates that fail (empty when it may run).
    pub blocked_by: Vec<String>,
}

impl Step {
    fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        target: Target,
        why: impl Into<String>,
    ) -> Self {
        Step {
            id: id.into(),
            title: title.into(),
            target,
            commands: Vec::new(),
            verify: Vec::new(),
            rollback: Vec::new(),
            files: Vec::new(),
            needs: Vec::new(),
            why: why.into(),
            notes: Vec::new(),
            risks: Vec::new(),
            wave: false,
            blocked_by: Vec::new(),
        }
    }

    fn verify(mut self, command: Command, expect: impl Into<String>) -> Self {
        self.verify.push(Verify {
            command,
            expect: expect.into(),
        });
        self
    }
}

/// Where a phase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseStatus {
    /// Behind the current state.
    Done,
    /// The state the migration is in: its steps are next.
    Current,
    /// Further ahead.
    Upcoming,
}

/// One phase: the work done while in `state`, ending with the switch into the next state.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The state this phase runs in.
    pub state: State,
    /// Done, current or upcoming.
    pub status: PhaseStatus,
    /// The gates of leaving this state.
    pub gates: Vec<Gate>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The state the migration is in.
    pub current: State,
    /// Whether the state was assumed (no resource in the input).
    pub assumed: bool,
    /// The gates overridden with `--force`.
    pub forced: Vec<String>,
    /// Whether the plan was made with `--force` (upcoming phases may then run from the runbook).
    pub force: bool,
    /// Init, SetupIstioForMigrate, Migrating, Finished.
    pub phases: Vec<Phase>,
}

impl Plan {
    /// The phase of a state.
    pub fn phase(&self, state: State) -> Option<&Phase> {
        self.phases.iter().find(|p| p.state == state)
    }

    /// Every command of every step: its commands, verifications and rollback.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.phases.iter().flat_map(|p| &p.steps).flat_map(|s| {
            s.commands
                .iter()
                .chain(s.verify.iter().map(|v| &v.command))
                .chain(&s.rollback)
        })
    }

    /// Every file of every step.
    pub fn files(&self) -> impl Iterator<Item = &PlanFile> {
        self.phases
            .iter()
            .flat_map(|p| p.steps.iter())
            .flat_map(|s| s.files.iter())
    }
}

/// The header every generated file starts with.
pub fn file_header(comment: &str) -> String {
    format!(
        "{comment} Generated by istio2asm {}; do not edit. Regenerate with `istio2asm plan`.\n",
        crate::VERSION
    )
}

/// Builds the plan from an analysis. With `force`, switches whose gates fail are still emitted, and
/// the plan names the gates overridden.
pub fn plan(analysis: &Analysis, force: bool) -> Plan {
    let current = analysis.migration.state;
    let mut forced = Vec::new();
    let phases = State::ALL
        .into_iter()
        .map(|state| {
            let status = match state.cmp(&current) {
                std::cmp::Ordering::Less => PhaseStatus::Done,
                std::cmp::Ordering::Equal => PhaseStatus::Current,
                std::cmp::Ordering::Greater => PhaseStatus::Upcoming,
            };
            let gates: Vec<Gate> = analysis
                .gates
                .iter()
                .filter(|g| Some(g.into) == state.next())
                .cloned()
                .collect();
            let steps = if status == PhaseStatus::Done {
                Vec::new()
            } else {
                let mut steps = match state {
                    State::Init => init_steps(analysis),
                    // East-west prerequisites still unmet after Init (MIG301/MIG302 stay errors):
                    // their fixes come first in the current phase.
                    _ if status == PhaseStatus::Current => {
                        let mut steps = init_steps(analysis);
                        steps.extend(phase_steps(analysis, state));
                        steps
                    }
                    _ => phase_steps(analysis, state),
                };

                if let Some(next) = state.next() {
                    let mut fixed: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
                    let retry = retry_counter(analysis, next);
                    if retry.is_some() {
                        // The failed switch is re-run by the retry itself.
                        fixed.push("migration-resource");
                    }
                    let switch = switch_step(next, &gates, &fixed, retry, force, &mut forced);
                    steps.push(switch);
                }
                steps
            };
            Phase {
                state,
                status,
                gates,
                steps,
            }
        })
        .collect();
    Plan {
        current,
        assumed: !analysis.migration.is_present(),
        forced,
        force,
        phases,
    }
}

/// The steps of a phase, without the east-west preparation and the switch.
fn phase_steps(analysis: &Analysis, state: State) -> Vec<Step> {
    match state {
        State::Init => Vec::new(),
        State::SetupIstioForMigrate => setup_steps(analysis),
        State::Migrating => migrating_steps(analysis),
        State::Finished => finished_steps(analysis),
    }
}

/// When the switch into `into` failed (a message, desiredState already set), the retry counter
/// that re-runs ASM's checks: the current one plus one, or 0 at the int32 maximum. Only the
/// resource's own validity problems keep it from being a plain retry.
fn retry_counter(analysis: &Analysis, into: State) -> Option<i64> {
    let migration = &analysis.migration;
    let invalid = analysis.findings.iter().any(|f| {
        matches!(
            f.code,
            crate::finding::Code::Mig102
                | crate::finding::Code::Mig103
                | crate::finding::Code::Mig104
                | crate::finding::Code::Mig105
                | crate::finding::Code::Mig108
        )
    });
    (migration.situation == crate::phase::Situation::Failed
        && migration.desired == Some(into)
        && !invalid)
        .then(|| {
            migration
                .retry_counter
                .unwrap_or(0)
                .checked_add(1)
                .filter(|c| *c <= crate::phase::MAX_RETRY_COUNTER)
                .unwrap_or(0)
        })
}

/// The switch into `into`, or the retry of a failed one. A failing gate blocks it unless a step
/// of the same id earlier in the phase fixes it (the east-west preparation does), or `force`
/// overrides it.
fn switch_step(
    into: State,
    gates: &[Gate],
    fixed: &[&str],
    retry: Option<i64>,
    force: bool,
    forced: &mut Vec<String>,
) -> Step {
    let failing: Vec<String> = gates
        .iter()
        .filter(|g| g.blocking && !fixed.contains(&g.id))
        .map(|g| g.id.to_string())
        .collect();
    let fixed_here: Vec<&str> = gates
        .iter()
        .filter(|g| g.blocking && fixed.contains(&g.id))
        .map(|g| g.id)
        .collect();
    let mut step = Step::new(
        format!("switch-{}", kebab(into.as_str())),
        format!("Switch the migration to {}", into.as_str()),
        Target::Asm,
        format!(
            "ASM checks the cluster and moves the migration to {} only when its conditions hold; states move only forward, one at a time.",
            into.as_str()
        ),
    )
    .verify(
        verify_command(),
        format!("first line {}, second line empty (no status.message)", into.as_str()),
    );
    match retry {
        Some(counter) => {
            step.title = format!("Retry the switch to {}", into.as_str());
            step.commands.push(crate::phase::retry_command(counter));
            step.notes.push(format!(
                "The last switch to {} failed (status.message); after fixing its cause, bumping retryCounter to {counter} re-runs ASM's checks.",
                into.as_str()
            ));
        }
        None => step.commands.push(switch_command(into)),
    }
    if !fixed_here.is_empty() {
        step.notes.push(format!(
            "The gate(s) {} fail in this export and are fixed by the steps of the same name above; run their verification before switching.",
            fixed_here.join(", ")
        ));
    }
    if into == State::SetupIstioForMigrate {
        step.notes.push("istiod restarts (rolling) after the switch; ASM then adds PROXY_CONFIG_XDS_AGENT: \"true\" to the mesh config.".into());
    }
    step.notes.push("If status.message is not empty, fix what it says and re-run ASM's checks by bumping spec.retryCounter by one (istio2asm check shows the exact command).".into());
    if !failing.is_empty() {
        if force {
            step.notes.push(format!(
                "FORCED: the gate(s) {} fail and were overridden with --force.",
                failing.join(", ")
            ));
            forced.extend(failing.iter().cloned());
        } else {
            step.blocked_by = failing;
        }
    }
    let manual: Vec<&str> = gates.iter().filter(|g| g.manual).map(|g| g.id).collect();
    if !manual.is_empty() {
        step.notes.push(format!(
            "Check by hand before switching: {}.",
            manual.join(", ")
        ));
    }
    step
}

fn kebab(state: &str) -> String {
    let mut out = String::new();
    for (i, c) in state.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn init_steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let facts = &analysis.facts;
    if facts.has_east_west() {
        let mut step = Step::new(
            "eastwest-label-reconciliation",
            "Stop ASM enforcing istio-injection on istio-system",
            Target::Asm,
            "The east-west gateway's pods get their image from the injection webhook; ASM must not force injection off on istio-system.",
        )
        .verify(
            Command::kubectl(Target::Asm, ["get", "asmmigratefromistio", "default", "-o", "jsonpath={.spec.advancedOptions.disableIstioSystemLabelReconciliation}"]),
            "true",
        );
        step.commands.push(label_reconciliation_command());
        step.rollback
            .push(crate::phase::patch_command(serde_json::json!({
                "spec": {"advancedOptions": {"disableIstioSystemLabelReconciliation": false}}
            })));
        // Only while the option is not yet set (MIG301).
        if !analysis.migration.disable_label_reconciliation {
            steps.push(step);
        }
        if let Some(value) = analysis
            .bundle
            .namespaces
            .get("istio-system")
            .and_then(|ns| ns.meta.label("istio-injection"))
            // A value Kubernetes would refuse cannot be restored, nor shown in a runbook.
            .map(|v| {
                if crate::names::is_label_value(v) {
                    v
                } else {
                    "<invalid value>"
                }
            })
        {
            let mut step = Step::new(
                "istio-system-injection-label",
                "Remove istio-injection from istio-system",
                Target::Cluster,
                format!("istio-system carries istio-injection={value}; with an east-west gateway it must carry no injection label."),
            )
            .verify(
                Command::kubectl(Target::Cluster, ["get", "namespace", "istio-system", "-o", "jsonpath={.metadata.labels.istio-injection}"]),
                "empty output",
            );
            step.commands
                .push(remove_namespace_label("istio-system", "istio-injection"));
            if crate::names::is_label_value(value) {
                step.rollback.push(Command::kubectl(
                    Target::Cluster,
                    [
                        "label".to_string(),
                        "namespace".to_string(),
                        "istio-system".to_string(),
                        format!("istio-injection={value}"),
                        "--overwrite".to_string(),
                    ],
                ));
            }
            steps.push(step);
        }
    }
    steps
}

/// Owners with live Istio proxies of a role that match `keep`, by namespace (sorted).
fn owners_by_namespace(
    analysis: &Analysis,
    role: Role,
    keep: impl Fn(&crate::detect::Proxy) -> bool,
) -> BTreeMap<&str, Vec<&crate::detect::Owner>> {
    let mut out: BTreeMap<&str, Vec<&crate::detect::Owner>> = BTreeMap::new();
    for proxy in &analysis.facts.proxies {
        if proxy.role == role
            && proxy.flavor == Flavor::Istio
            && is_live(&analysis.bundle, proxy.pod)
            && keep(proxy)
        {
            let list = out.entry(proxy.owner.namespace.as_str()).or_default();
            if !list.contains(&&proxy.owner) {
                list.push(&proxy.owner);
            }
        }
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

/// Recreates the pods of an OnDelete owner one at a time, highest ordinal first: delete a pod
/// (kubectl waits until it is gone), then wait until the controller reports every replica ready
/// again. A StatefulSet reports `readyReplicas`; a DaemonSet reports `numberReady`.
fn on_delete_recreate(
    analysis: &Analysis,
    owner: &crate::detect::Owner,
    keep: impl Fn(&crate::detect::Proxy) -> bool,
) -> Vec<Command> {
    let ns = owner.namespace.as_str();
    let mut pods: Vec<&str> = analysis
        .facts
        .proxies
        .iter()
        .filter(|p| &p.owner == owner && keep(p) && is_live(&analysis.bundle, p.pod))
        .map(|p| analysis.bundle.pods[p.pod].name())
        .collect();
    pods.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(b.cmp(a)));
    let live = analysis
        .facts
        .proxies
        .iter()
        .filter(|p| &p.owner == owner && is_live(&analysis.bundle, p.pod))
        .count();
    let (field, replicas) = match owner.kind {
        OwnerKind::Workload(WorkloadKind::DaemonSet) => ("numberReady", live as i64),
        _ => (
            "readyReplicas",
            analysis
                .bundle
                .workload(WorkloadKind::StatefulSet, ns, &owner.name)
                .and_then(|w| w.body.replicas)
                .unwrap_or(live as i64),
        ),
    };
    let mut commands = Vec::new();
    for pod in pods {
        commands.push(delete_pod(ns, pod));
        commands.push(
            Command::kubectl(
                Target::Cluster,
                [
                    "wait".to_string(),
                    format!("--for=jsonpath={{.status.{field}}}={replicas}"),
                    owner.display(),
                    "--timeout=10m".to_string(),
                ],
            )
            .in_namespace(ns),
        );
    }
    commands
}

fn risk_row(analysis: &Analysis, owner: &crate::detect::Owner) -> Option<RiskRow> {
    let OwnerKind::Workload(kind) = owner.kind else {
        return None;
    };
    let workload = analysis
        .bundle
        .workload(kind, &owner.namespace, &owner.name)?;
    Some(RiskRow {
        workload: owner.display(),
        namespace: owner.namespace.clone(),
        replicas: workload.body.replicas,
        risks: assess(&analysis.bundle, &analysis.facts, workload),
    })
}

fn setup_steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    let settings = &analysis.settings;
    let mesh = Step::new(
        "mesh-config-xds-agent",
        "Check that ASM added PROXY_CONFIG_XDS_AGENT to the mesh config",
        Target::Cluster,
        "Restarted sidecars take the setting from the mesh config; it must be there before the restarts.",
    )
    .verify(
        Command::kubectl(Target::Cluster, ["get", "configmap", "istio", "-o", "jsonpath={.data.mesh}"]).in_namespace("istio-system"),
        "defaultConfig.proxyMetadata contains the line PROXY_CONFIG_XDS_AGENT: \"true\"",
    );
    steps.push(mesh);

    let mut manual = Vec::new();
    let mut wave_index = 0;
    for (namespace, owners) in owners_by_namespace(analysis, Role::Sidecar, |p| !p.xds_agent) {
        let mut rollouts = Vec::new();
        for owner in owners {
            match restart(&analysis.bundle, owner) {
                Restart::Rollout(command) => rollouts.push((owner, command)),
                other => manual.push((owner, other)),
            }
        }
        for chunk in rollouts.chunks(settings.wave_size) {
            wave_index += 1;
            let names: Vec<String> = chunk.iter().map(|(o, _)| o.display()).collect();
            let mut step = Step::new(
                format!("restart-wave-{wave_index}"),
                format!("Restart wave {wave_index}: {namespace} ({})", names.join(", ")),
                Target::Cluster,
                "Pods started before SetupIstioForMigrate lack PROXY_CONFIG_XDS_AGENT; a restart gives them the new mesh config.",
            )
            .verify(verify_xds_agent(namespace), "every line ends with a tab and true (pods without a sidecar print nothing after the tab)");
            step.wave = true;
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
            "restart-manual",
            "Restart the workloads that need a manual method",
            Target::Cluster,
            "OnDelete StatefulSets, Jobs, CronJobs and bare pods are not restarted by `rollout restart`.",
        );
        for (owner, method) in &manual {
            let ns = owner.namespace.as_str();
            match method {
                Restart::OnDelete => {
                    step.commands.extend(on_delete_recreate(analysis, owner, |p| !p.xds_agent));
                    step.notes.push(format!("{} in {ns}: OnDelete; its pods are deleted one at a time, highest ordinal first, each replacement waited for.", owner.display()));
                }
                Restart::CronJob => {
                    step.commands.push(job_from_cronjob(ns, &owner.name));
                    step.notes.push(format!("{} in {ns}: its next scheduled run picks the change up; the command runs one now.", owner.display()));
                }
                Restart::Job => step.notes.push(format!("{} in {ns}: a Job; let it finish, or delete and re-create it from its manifest.", owner.display())),
                Restart::Bare => step.notes.push(format!("{} in {ns}: a bare pod; re-create it from its original manifest (not from the export, which holds the injected sidecar).", owner.display())),
                Restart::Other(kind) => step.notes.push(format!("{} in {ns}: managed by a {kind}; restart it through that controller.", owner.display())),
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
            "restart-gateways",
            "Restart the Istio gateways that lack PROXY_CONFIG_XDS_AGENT",
            Target::Cluster,
            "Not a gate, but every Istio proxy should run with the same agent settings while traffic moves.",
        );
        step.wave = true;
        for (namespace, owners) in gateways {
            for owner in owners {
                if let Restart::Rollout(command) = restart(&analysis.bundle, owner) {
                    step.commands.push(command);
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

fn migrating_steps(analysis: &Analysis) -> Vec<Step> {
    let mut steps = Vec::new();
    steps.extend(bundle::import_step(analysis));
    if analysis.facts.has_east_west() {
        let networks: Vec<&str> = analysis.facts.networks.iter().map(String::as_str).collect();
        let mut step = Step::new(
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
                format!("switch-wave-{wave_index}"),
                format!("Switch wave {wave_index}: {namespace} ({}) to ASM's proxy", names.join(", ")),
                Target::Cluster,
                format!(
                    "The pod label {}: \"{}\" makes new pods get ASM's proxy; the patch rolls the workload.",
                    settings.asm_label_key, settings.asm_label_value
                ),
            )
            .verify(
                Command::kubectl(Target::Cluster, [
                    "get",
                    "pods",
                    "-o",
                    "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[?(@.name==\"istio-proxy\")].image}{.spec.initContainers[?(@.name==\"istio-proxy\")].image}{\"\\n\"}{end}",
                ]).in_namespace(namespace),
                "the switched workloads' pods show ASM's proxy image (…aliyuncs.com/…/acs/proxyv2:v…-aliyun)",
            );
            step.wave = true;
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
                    step.commands
                        .extend(on_delete_recreate(analysis, owner, |_| true));
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
            "switch-manual",
            "Switch the workloads that need a manual method",
            Target::Cluster,
            format!("Jobs, CronJobs and bare pods get ASM's proxy when re-created with the pod label {}: \"{}\".", settings.asm_label_key, settings.asm_label_value),
        );
        for owner in manual {
            step.notes.push(format!(
                "{} in {}: add the label to its pod template or manifest and re-create it.",
                owner.display(),
                owner.namespace
            ));
        }
        steps.push(step);
    }
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
        "check-istio-gateway-traffic",
        "Check that Istio's gateways no longer carry traffic",
        Target::Cluster,
        "A gateway that still shows requests in its access log is still carrying traffic and must not be taken out.",
    );
    check.wave = true;
    let mut step = Step::new(
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
            command: Command::kubectl(
                Target::Cluster,
                [
                    "logs".to_string(),
                    format!("deployment/{name}"),
                    "--since=10m".to_string(),
                ],
            )
            .in_namespace(ns),
            expect: format!("no new requests in {name}'s access log"),
        });
        step.commands.push(
            Command::kubectl(
                Target::Cluster,
                [
                    "scale".to_string(),
                    format!("deployment/{name}"),
                    "--replicas=0".to_string(),
                ],
            )
            .in_namespace(ns),
        );
        step.rollback.push(
            Command::kubectl(
                Target::Cluster,
                [
                    "scale".to_string(),
                    format!("deployment/{name}"),
                    format!("--replicas={replicas}"),
                ],
            )
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
        "uninstall-istio",
        "Uninstall Istio",
        Target::Cluster,
        "Finished requires Istio's control plane and webhooks to be gone.",
    )
    .verify(
        Command::kubectl(
            Target::Cluster,
            [
                "get",
                "mutatingwebhookconfigurations,validatingwebhookconfigurations",
                "-o",
                "name",
            ],
        ),
        "no istio-sidecar-injector*, istio-validator*, istiod-* or istio-revision-tag-* entries",
    )
    .verify(
        Command::kubectl(
            Target::Cluster,
            ["get", "deployments", "-l", "app=istiod", "-o", "name"],
        )
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
    if analysis.facts.control_planes.len() > 1 {
        step.notes.push("Several revisions are installed: uninstall each with its own istioctl (`istioctl uninstall --revision REV`).".into());
    }
    step
}

fn finished_steps(analysis: &Analysis) -> Vec<Step> {
    let mut step = Step::new(
        "cleanup-residues",
        "Remove what the uninstall left behind",
        Target::Cluster,
        "If the switch to Finished fails, status.message names residues; these are the Istio-owned objects found in the export.",
    );
    for hook in analysis
        .bundle
        .webhooks
        .iter()
        .filter(|h| crate::checks::istio_control_plane_remains::is_istio_webhook(h.name()))
    {
        let resource = if hook.kind == "MutatingWebhookConfiguration" {
            "mutatingwebhookconfiguration"
        } else {
            "validatingwebhookconfiguration"
        };
        step.commands.push(Command::kubectl(
            Target::Cluster,
            ["delete", resource, hook.name(), "--ignore-not-found"],
        ));
    }
    for residue in analysis
        .bundle
        .residues
        .iter()
        .filter(|r| is_istio_owned(r))
    {
        let resource = residue.kind.to_lowercase();
        let mut command = Command::kubectl(
            Target::Cluster,
            [
                "delete",
                resource.as_str(),
                residue.name(),
                "--ignore-not-found",
            ],
        );
        if let Some(ns) = &residue.meta.namespace {
            command = command.in_namespace(ns);
        }
        step.commands.push(command);
    }
    step.notes.push("Export again after the uninstall (`istio2asm collect`) to list what remains; CRDs of *.istio.io are never deleted.".into());
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

/// Removes the fields the server owns, so the object applies cleanly elsewhere, and every
/// annotation outside Istio's own domains (`istio.io/…`, `*.istio.io/…`, e.g.
/// `istio.io/dry-run`): annotations are free text, where a token or a whole kubeconfig fits,
/// and no other one means anything to ASM. Returns the keys of the annotations removed.
pub fn strip_server_fields(node: &mut Node) -> Vec<String> {
    let mut dropped = Vec::new();
    node.remove("status");
    if let Some(meta) = node.get_mut("metadata") {
        for field in [
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "managedFields",
            "selfLink",
            "ownerReferences",
        ] {
            meta.remove(field);
        }
        if let Some(annotations) = meta.get_mut("annotations") {
            annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
            let foreign: Vec<String> = annotations
                .entries()
                .iter()
                .map(|(key, _)| key.to_string())
                .filter(|key| !is_istio_annotation(key))
                .collect();
            for key in &foreign {
                annotations.remove(key);
            }
            dropped = foreign;
            if annotations.entries().is_empty() {
                meta.remove("annotations");
            }
        }
    }
    dropped
}

/// An annotation in Istio's own domains: `istio.io/…` or `<sub>.istio.io/…`.
fn is_istio_annotation(key: &str) -> bool {
    key.split_once('/')
        .is_some_and(|(prefix, _)| prefix == "istio.io" || prefix.ends_with(".istio.io"))
}

/// YAML text of a node (block style, keys in order).
pub fn to_yaml(node: &Node) -> String {
    serde_yaml::to_string(node).unwrap_or_default()
}

/// `ns/name`.
pub(crate) fn object_name(object: &Object<Node>) -> String {
    display_name(&object.meta)
}
