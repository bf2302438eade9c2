//! The migration plan: for each phase, its gates and its steps, each step as exact commands,
//! files, a verification with its expected output, a rollback where one exists, and the inputs it
//! still needs. Renderers (`render`) turn the same plan into Markdown, bash and JSON.
//!
//! `types` holds the plan's types; one builder per phase (`init`, `setup`, `migrating`,
//! `finished`) beside the Migrating phase's larger pieces (`bundle`, `ingress`, `egress`), and
//! `patched`, which previews what each step's patches change.

use std::collections::BTreeMap;

use crate::analysis::Analysis;
use crate::codes::INVALID_RESOURCE;
use crate::detect::{is_live, Flavor, Owner, OwnerKind, Proxy, Role};
use crate::gate::GateId;
use crate::i18n::Lang;
use crate::kubectl::Target;
use crate::phase::{
    next_retry_counter, retry_command, served_shapes_command, served_shapes_expect, switch_command,
    verify_command, Gate, ResourceShape, Situation,
};
use crate::risk::assess;
use crate::state::State;

mod bundle;
mod egress;
mod finished;
mod ingress;
mod init;
mod mesh;
mod migrating;
mod patched;
mod reinject;
mod setup;
mod trust;
mod types;

pub use bundle::{strip_server_fields, to_yaml};
pub use mesh::{plan_mesh, MeshPlan, MESH_READER_STEP, MESH_WAIT_STEP};
pub use types::{file_header, Phase, PhaseStatus, Plan, PlanFile, RiskRow, Step, StepKind, Verify};

/// Builds the plan from an analysis. With `force`, switches whose gates fail are still emitted, and
/// the plan names the gates overridden.
pub fn plan(analysis: &Analysis, force: bool) -> Plan {
    let current = analysis.migration.state;
    let mut forced = Vec::new();
    let mut phases: Vec<Phase> = State::ALL
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
                    State::Init => init::steps(analysis),
                    // East-west prerequisites still unmet after Init (MIG301/MIG302 stay errors):
                    // their fixes come first in the current phase.
                    _ if status == PhaseStatus::Current => {
                        let mut steps = init::steps(analysis);
                        steps.extend(phase_steps(analysis, state));
                        steps
                    }
                    _ => phase_steps(analysis, state),
                };

                if !force {
                    block_dropping_waves(analysis, &mut steps);
                }
                if status == PhaseStatus::Current && !analysis.migration.is_present() {
                    // Before the first patch of the resource: which shape ASM serves.
                    steps.insert(0, resource_shape_step(analysis.settings.lang));
                }
                if let Some(next) = state.next() {
                    let mut fixed: Vec<GateId> =
                        steps.iter().flat_map(|s| s.fixes.iter().copied()).collect();
                    let retry = retry_counter(analysis, next);
                    if retry.is_some() {
                        // The failed switch is re-run by the retry itself.
                        fixed.push(GateId::MigrationResource);
                    }
                    let switch =
                        switch_step(analysis, next, &gates, &fixed, retry, force, &mut forced);
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
    patched::attach(analysis, &mut phases);
    Plan {
        current,
        assumed: !analysis.migration.is_present(),
        situation: analysis.migration.situation,
        forced,
        force,
        vars: analysis.settings.kubeconfig_vars(),
        phases,
        lang: analysis.settings.lang,
    }
}

/// Waves that restart a workload whose next restart gets no sidecar (MIG513) are blocked by the
/// gate `sidecars-keep-injector`: the restart would take it out of the mesh.
fn block_dropping_waves(analysis: &Analysis, steps: &mut [Step]) {
    let lang = analysis.settings.lang;
    let dropped: Vec<&crate::finding::ObjectRef> = analysis
        .findings
        .iter()
        .filter(|f| f.code == crate::codes::Code::Mig513)
        .filter_map(|f| f.object.as_ref())
        .collect();
    for step in steps {
        let (StepKind::RestartWave { workloads, .. } | StepKind::SwitchWave { workloads, .. }) =
            &step.kind
        else {
            continue;
        };
        let hit: Vec<String> = workloads
            .iter()
            .filter(|w| {
                dropped.iter().any(|o| {
                    o.namespace.as_deref() == Some(w.namespace.as_str())
                        && o.name == w.name
                        && matches!(&w.kind, OwnerKind::Workload(k) if k.as_str() == o.kind)
                })
            })
            .map(Owner::display)
            .collect();
        if hit.is_empty() {
            continue;
        }
        step.blocked_by.push(GateId::SidecarsKeepInjector);
        step.notes.push(t!(
            lang,
            "plan-blocked-drops-sidecar",
            workloads = hit.join(&t!(lang, "list-separator"))
        ));
    }
}

/// The steps of a phase, without the east-west preparation and the switch.
fn phase_steps(analysis: &Analysis, state: State) -> Vec<Step> {
    match state {
        State::Init => Vec::new(),
        State::SetupIstioForMigrate => setup::steps(analysis),
        State::Migrating => migrating::steps(analysis),
        State::Finished => finished::steps(analysis),
    }
}

/// When the switch into `into` failed (a message, desiredState already set), the retry counter
/// that re-runs ASM's checks. Only the resource's own validity problems keep it from being a plain
/// retry.
fn retry_counter(analysis: &Analysis, into: State) -> Option<i64> {
    let migration = &analysis.migration;
    let invalid = analysis
        .findings
        .iter()
        .any(|f| INVALID_RESOURCE.contains(&f.code));
    (migration.situation == Situation::Failed && migration.desired == Some(into) && !invalid)
        .then(|| next_retry_counter(migration.retry_counter).unwrap_or(0))
}

/// The switch into `into`, or the retry of a failed one. A failing gate blocks it unless a step
/// earlier in the phase fixes it (the east-west preparation does), or `force` overrides it.
fn switch_step(
    analysis: &Analysis,
    into: State,
    gates: &[Gate],
    fixed: &[GateId],
    retry: Option<i64>,
    force: bool,
    forced: &mut Vec<GateId>,
) -> Step {
    let failing: Vec<GateId> = gates
        .iter()
        .filter(|g| g.verdict.blocks() && !fixed.contains(&g.id))
        .map(|g| g.id)
        .collect();
    let fixed_here: Vec<&str> = gates
        .iter()
        .filter(|g| g.verdict.blocks() && fixed.contains(&g.id))
        .map(|g| g.id.as_str())
        .collect();
    let lang = analysis.settings.lang;
    let shape = analysis.migration.shape;
    let separator = t!(lang, "list-separator");
    let state = into.as_str();
    let mut step = Step::new(
        StepKind::StateSwitch(into),
        format!("switch-{}", kebab(state)),
        t!(lang, "plan-switch-title", state = state),
        Target::Asm,
        t!(lang, "plan-switch-why", state = state),
    )
    .verify(
        verify_command(shape),
        t!(lang, "plan-switch-expect", state = state),
    );
    match retry {
        Some(counter) => {
            step.title = t!(lang, "plan-retry-title", state = state);
            step.commands.push(retry_command(shape, counter));
            step.notes.push(t!(
                lang,
                "plan-retry-note",
                state = state,
                counter = counter.to_string()
            ));
        }
        None => step.commands.push(switch_command(shape, into)),
    }
    if !fixed_here.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-switch-fixed-here",
            gates = fixed_here.join(&separator)
        ));
    }
    if into == State::SetupIstioForMigrate {
        step.notes.push(t!(lang, "plan-switch-setup-istiod"));
    }
    step.notes.push(t!(lang, "plan-switch-status-message"));
    if !failing.is_empty() {
        if force {
            let gates: Vec<&str> = failing.iter().map(|g| g.as_str()).collect();
            step.notes.push(t!(
                lang,
                "plan-switch-forced",
                gates = gates.join(&separator)
            ));
            forced.extend(failing.iter().copied());
        } else {
            step.blocked_by = failing;
        }
    }
    let manual: Vec<&str> = gates
        .iter()
        .filter(|g| g.verdict == crate::gate::Verdict::Manual)
        .map(|g| g.id.as_str())
        .collect();
    if !manual.is_empty() {
        step.notes.push(t!(
            lang,
            "plan-switch-manual-gates",
            gates = manual.join(&separator)
        ));
    }
    step
}

/// Owners with live Istio proxies of a role that match `keep`, by namespace (sorted).
pub(super) fn owners_by_namespace(
    analysis: &Analysis,
    role: Role,
    keep: impl Fn(&Proxy) -> bool,
) -> BTreeMap<&str, Vec<&Owner>> {
    let mut out: BTreeMap<&str, Vec<&Owner>> = BTreeMap::new();
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

/// The risk table row of a workload owner, when it is a workload.
pub(super) fn risk_row(analysis: &Analysis, owner: &Owner) -> Option<RiskRow> {
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
        risks: assess(
            analysis.settings.lang,
            &analysis.bundle,
            &analysis.facts,
            workload,
        ),
    })
}

/// Without an exported resource, the plan's patches keep the seed's v1beta1 text; this step, before
/// the first of them, shows which shape the ASM control plane serves.
fn resource_shape_step(lang: Lang) -> Step {
    let mut step = Step::new(
        StepKind::Check,
        "migration-resource-shape",
        t!(lang, "plan-shape-title"),
        Target::Asm,
        t!(lang, "plan-shape-why"),
    )
    .verify(served_shapes_command(), served_shapes_expect(lang));
    step.notes.push(t!(
        lang,
        "plan-shape-note",
        v1beta1 = ResourceShape::V1beta1.eastwest_option(),
        v1 = ResourceShape::V1.eastwest_option()
    ));
    step
}

/// A namespace in a step's title: its name, or where kubectl applies objects that name none.
pub(super) fn namespace_title(lang: Lang, namespace: &str) -> String {
    if namespace.is_empty() {
        t!(lang, "plan-context-namespace")
    } else {
        namespace.to_string()
    }
}

/// The note of a step whose objects name no namespace.
pub(super) fn context_namespace_note(lang: Lang) -> String {
    t!(lang, "plan-context-namespace-note")
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, cr};

    /// A Deployment and its pod as `--dry-run` or an injector writes them: no namespace.
    const NO_NAMESPACE: &str = r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: hello
---
apiVersion: v1
kind: Pod
metadata:
  name: hello-5d8f9c7b6d-abcde
  labels:
    app: hello
    pod-template-hash: 5d8f9c7b6d
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: hello-5d8f9c7b6d
    controller: true
spec:
  containers:
  - name: hello
    image: hello:1
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
"#;

    #[test]
    fn objects_without_a_namespace_read_as_the_contexts_namespace() {
        let a = analysis(&(NO_NAMESPACE.to_string() + &cr("SetupIstioForMigrate")));
        for finding in &a.findings {
            assert!(
                !finding.message.contains(" in :") && !finding.message.contains(" in  "),
                "{}",
                finding.message
            );
        }
        let messages: Vec<&str> = a.findings.iter().map(|f| f.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("deployment/hello (in the context's namespace)")),
            "{messages:#?}"
        );
        let plan = super::plan(&a, false);
        let wave = plan
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.id == "restart-wave-1")
            .expect("a restart wave");
        assert!(
            wave.title.contains("the context's namespace"),
            "{}",
            wave.title
        );
        assert!(
            wave.notes.iter().any(|n| n.contains("no -n")),
            "{:?}",
            wave.notes
        );
        for command in plan.commands() {
            assert_eq!(command.namespace.as_deref().filter(|n| n.is_empty()), None);
        }
    }
}
