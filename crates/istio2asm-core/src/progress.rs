//! How far the migration has got: one row per workload (its sidecars, their XDS agent, the risks
//! of restarting it, the wave that switches it, the sidecar its next restart gives before and
//! after its switch), the injection detail of one workload, and the one thing to do next. These
//! are derived from what [`crate::analysis::analyze`] and [`crate::plan::plan`] returned, never
//! from raw text, so every shell that shows progress shows the same. Values are typed; words are
//! chosen where they are shown.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::Analysis;
use crate::codes::{Code, Severity, INVALID_RESOURCE};
use crate::detect::{image_parts, Flavor, OwnerKind, Proxy, Role};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::inject::{Call, Configuration, Outcome, Row, Sidecar, Subject};
use crate::kubectl::Command;
use crate::phase::Situation;
use crate::plan::{PhaseStatus, Plan, Step, StepKind};
use crate::preview::Preview;
use crate::risk::{assess, Risks};

/// One workload as the migration sees it. Workload controllers are listed once (a ReplicaSet
/// owned by a Deployment, or a Job owned by a CronJob, is folded into its owner), and so is every
/// pod whose owner was not exported or that nothing owns.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadRow {
    /// The namespace.
    pub namespace: String,
    /// The top-level controller's kind; [`OwnerKind::Bare`] for a pod nothing owns.
    pub kind: OwnerKind,
    /// The controller's name, or the pod's for a bare pod.
    pub name: String,
    /// `spec.replicas`, when the controller sets it.
    pub replicas: Option<i64>,
    /// The flavour and version of its sidecars.
    pub proxy: ProxyVersion,
    /// How many of its sidecars run the XDS agent.
    pub xds_agent: AgentCoverage,
    /// What can make a restart lose requests. `None` when the controller itself was not
    /// exported (only its pods were), so nothing could be assessed.
    pub risks: Option<Risks>,
    /// The switch wave that moves it to ASM's proxy, when the plan has one.
    pub wave: Option<Wave>,
    /// How it is in the mesh, when not by a webhook-injected sidecar.
    pub dataplane: Dataplane,
    /// The sidecar its next restart gives, by the injection simulation ([`crate::inject`]).
    /// [`Sidecar::Unknown`] when the simulation has no such workload (its pods were exported,
    /// its controller was not).
    pub next_restart: Sidecar,
    /// The sidecar its first restart after its switch gives; `None` when the simulation does not
    /// switch it (it runs no Istio sidecar). [`Sidecar::Unknown`] while ASM's injector
    /// configuration is not in the export, whatever the exported injectors do.
    pub after_switch: Option<Sidecar>,
}

/// How a workload is in the mesh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dataplane {
    /// By sidecars a webhook injects (or not in the mesh at all): what the procedure moves.
    Sidecar,
    /// By Istio's proxy written into its pod template (`istioctl kube-inject`, MIG509): on Istio
    /// until re-deployed from its original manifest.
    InjectedByHand,
    /// By Istio's ambient data plane (MIG510): the procedure does not move it.
    Ambient,
}

impl WorkloadRow {
    /// The kind as Kubernetes spells it: the controller's kind, or `Pod` for a bare pod.
    pub fn kind_name(&self) -> &str {
        self.kind.as_str()
    }
}

/// The flavour and version of a workload's sidecars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyVersion {
    /// No sidecar was found: the workload is outside the mesh, or its pods were not exported.
    None,
    /// Every sidecar has this flavour and image tag.
    One {
        /// Istio's, ASM's, or not recognised.
        flavor: Flavor,
        /// The proxy image's tag.
        tag: String,
    },
    /// The sidecars differ in flavour or tag, as they do while a switch rolls out.
    Mixed,
}

/// How many of a workload's sidecars run the XDS agent (`PROXY_CONFIG_XDS_AGENT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentCoverage {
    /// The workload has no sidecar, so the question does not arise.
    NoSidecars,
    /// Every sidecar runs it.
    All,
    /// No sidecar runs it.
    Missing,
    /// Some do and some do not.
    Partial {
        /// The sidecars that run it.
        with_agent: usize,
        /// All of the workload's sidecars.
        sidecars: usize,
    },
}

impl AgentCoverage {
    /// The coverage of `with_agent` out of `sidecars`.
    pub fn of(with_agent: usize, sidecars: usize) -> Self {
        if sidecars == 0 {
            AgentCoverage::NoSidecars
        } else if with_agent == sidecars {
            AgentCoverage::All
        } else if with_agent == 0 {
            AgentCoverage::Missing
        } else {
            AgentCoverage::Partial {
                with_agent,
                sidecars,
            }
        }
    }
}

/// A switch wave of the plan: the `number`th, which switches workloads of `namespace`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wave {
    /// The namespace whose workloads it switches.
    pub namespace: String,
    /// Its number, counted from 1 across the whole plan.
    pub number: usize,
}

/// Where a workload is found: namespace, kind, name.
type Key = (String, OwnerKind, String);

/// Builds the workloads table: every workload controller (ReplicaSets owned by a Deployment and
/// Jobs owned by a CronJob are folded into their owner) and every pod whose owner is not in the
/// export, each with its sidecars, sorted by namespace, kind and name. With a plan, each row
/// names the switch wave that moves it.
pub fn workload_rows(analysis: &Analysis, plan: Option<&Plan>) -> Vec<WorkloadRow> {
    let bundle = &analysis.bundle;
    let mut proxies: BTreeMap<Key, Vec<&Proxy>> = BTreeMap::new();
    // Only sidecars: a gateway's proxy is migrated with its gateway, not as a workload's.
    for proxy in analysis
        .facts
        .proxies
        .iter()
        .filter(|p| p.role == Role::Sidecar)
    {
        proxies
            .entry((
                proxy.owner.namespace.clone(),
                proxy.owner.kind.clone(),
                proxy.owner.name.clone(),
            ))
            .or_default()
            .push(proxy);
    }
    let waves = plan.map(switch_waves).unwrap_or_default();
    // By kind, namespace and name, so 10,000 rows do not each search every subject.
    let sim = &analysis.injection;
    let subjects: BTreeMap<(&str, &str, &str), &Subject> = sim
        .subjects
        .iter()
        .map(|s| {
            let key = (
                s.object.kind.as_str(),
                s.namespace(),
                s.object.name.as_str(),
            );
            (key, s)
        })
        .collect();
    let simulated = |row: &mut WorkloadRow| {
        let subject = subjects
            .get(&(row.kind_name(), row.namespace.as_str(), row.name.as_str()))
            .copied();
        (row.next_restart, row.after_switch) = restarts(subject);
    };
    let mut rows = Vec::new();
    for workload in &bundle.workloads {
        if workload.is_owned_by_parent() {
            continue;
        }
        let key = (
            workload.ns().to_string(),
            OwnerKind::Workload(workload.body.kind),
            workload.name().to_string(),
        );
        let pods = proxies.remove(&key).unwrap_or_default();
        let risks = assess(analysis.settings.lang, bundle, &analysis.facts, workload);
        let mut row = row(key, workload.body.replicas, &pods, Some(risks), &waves);
        row.dataplane = dataplane(analysis, &row.namespace, &row.name);
        simulated(&mut row);
        if let (ProxyVersion::None, Some(manual)) = (
            &row.proxy,
            analysis.facts.manual_injection(&row.namespace, &row.name),
        ) {
            // Pods not exported: the template says which proxy they run.
            row.proxy = ProxyVersion::One {
                flavor: Flavor::Istio,
                tag: image_parts(&manual.image).1.to_string(),
            };
        }
        rows.push(row);
    }
    // Pods whose owner was not exported, and bare pods.
    for (key, pods) in proxies {
        let mut row = row(key, None, &pods, None, &waves);
        row.dataplane = dataplane(analysis, &row.namespace, &row.name);
        simulated(&mut row);
        rows.push(row);
    }
    // By the kind's name, not the enum's order, so `Pod` sorts among the controllers' kinds.
    rows.sort_by(|a, b| {
        (&a.namespace, a.kind_name(), &a.name).cmp(&(&b.namespace, b.kind_name(), &b.name))
    });
    rows
}

/// How a workload (or bare pod) of `namespace` is in the mesh.
fn dataplane(analysis: &Analysis, namespace: &str, name: &str) -> Dataplane {
    if analysis.facts.manual_injection(namespace, name).is_some() {
        Dataplane::InjectedByHand
    } else if analysis.facts.ambient.enrolls(namespace, name) {
        Dataplane::Ambient
    } else {
        Dataplane::Sidecar
    }
}

/// The switch wave of each workload, by namespace and name, from the plan's switch waves.
fn switch_waves(plan: &Plan) -> BTreeMap<(String, String), Wave> {
    let mut waves = BTreeMap::new();
    for step in plan.phases.iter().flat_map(|p| p.steps.iter()) {
        let StepKind::SwitchWave { number, workloads } = &step.kind else {
            continue;
        };
        for owner in workloads {
            waves.insert(
                (owner.namespace.clone(), owner.name.clone()),
                Wave {
                    namespace: owner.namespace.clone(),
                    number: *number,
                },
            );
        }
    }
    waves
}

/// One row from a workload's sidecars; `pods` may be empty for a workload outside the mesh.
fn row(
    (namespace, kind, name): Key,
    replicas: Option<i64>,
    pods: &[&Proxy],
    risks: Option<Risks>,
    waves: &BTreeMap<(String, String), Wave>,
) -> WorkloadRow {
    let versions: BTreeSet<(Flavor, &str)> =
        pods.iter().map(|p| (p.flavor, p.tag.as_str())).collect();
    let mut versions = versions.into_iter();
    let proxy = match (versions.next(), versions.next()) {
        (None, _) => ProxyVersion::None,
        (Some((flavor, tag)), None) => ProxyVersion::One {
            flavor,
            tag: tag.to_string(),
        },
        (Some(_), Some(_)) => ProxyVersion::Mixed,
    };
    let with_agent = pods.iter().filter(|p| p.xds_agent).count();
    let wave = waves.get(&(namespace.clone(), name.clone())).cloned();
    WorkloadRow {
        namespace,
        kind,
        name,
        replicas,
        proxy,
        xds_agent: AgentCoverage::of(with_agent, pods.len()),
        risks,
        wave,
        dataplane: Dataplane::Sidecar,
        next_restart: Sidecar::Unknown,
        after_switch: None,
    }
}

/// The sidecars of a workload's next restart and of its first restart after its switch.
fn restarts(subject: Option<&Subject>) -> (Sidecar, Option<Sidecar>) {
    let Some(subject) = subject else {
        return (Sidecar::Unknown, None);
    };
    // Without ASM's configuration the simulation itself says unknown after the switch.
    let after_switch = subject.after_switch.as_ref().map(|o| o.sidecar.clone());
    (subject.now.sidecar.clone(), after_switch)
}

/// What a workload's panel shows of the injection simulation: for its next restart and for its
/// first restart after its switch, each injector configuration's verdict as `istioctl x
/// check-inject` words it, and the webhooks the API server calls.
#[derive(Debug, Clone)]
pub struct InjectionDetail<'a> {
    /// The simulated workload or bare pod.
    pub subject: &'a Subject,
    /// Its next restart as exported.
    pub next_restart: RestartDetail<'a>,
    /// Its first restart after the plan's switch patch.
    pub after_switch: AfterSwitch<'a>,
}

/// One simulated pod creation, as the panel lists it.
#[derive(Debug, Clone)]
pub struct RestartDetail<'a> {
    /// The sidecar it ends with and why.
    pub outcome: &'a Outcome,
    /// Each injector configuration's verdict, in call order ([`Simulation::rows`]).
    pub configurations: Vec<Row<'a>>,
    /// The webhooks the API server calls, in call order, reinvocations (round 2) last.
    pub calls: Vec<WebhookCall<'a>>,
}

/// One webhook the API server calls, with the configuration that holds it.
#[derive(Debug, Clone, Copy)]
pub struct WebhookCall<'a> {
    /// The configuration (its mesh, revision, tag).
    pub configuration: &'a Configuration,
    /// The call: the webhook, its verdict, why, and the round.
    pub call: &'a Call,
}

/// A workload's first restart after its switch.
#[derive(Debug, Clone)]
pub enum AfterSwitch<'a> {
    /// The simulation does not switch it: it runs no Istio sidecar.
    NotSwitched,
    /// Simulated over the exported injector configurations, ASM's among them.
    Simulated(RestartDetail<'a>),
    /// ASM's injector configuration is not in the export (as before the cluster is added to
    /// ASM): what the exported configurations do, while the sidecar itself is unknown.
    AsmNotExported(RestartDetail<'a>),
}

/// The injection detail of a row's workload; `None` when the simulation has no such workload
/// (its pods were exported, its controller was not).
pub fn injection_detail<'a>(
    analysis: &'a Analysis,
    row: &WorkloadRow,
) -> Option<InjectionDetail<'a>> {
    let sim = &analysis.injection;
    let subject = sim.subject(row.kind_name(), &row.namespace, &row.name)?;
    let no_labels = BTreeMap::new();
    let ns_labels = analysis
        .bundle
        .namespaces
        .get(&row.namespace)
        .map_or(&no_labels, |n| &n.meta.labels);
    let detail = |outcome: &'a Outcome| RestartDetail {
        outcome,
        configurations: sim.rows(outcome, ns_labels),
        calls: outcome
            .called()
            .filter_map(|call| {
                Some(WebhookCall {
                    configuration: sim.configurations.get(call.configuration)?,
                    call,
                })
            })
            .collect(),
    };
    let after_switch = match &subject.after_switch {
        Some(outcome) if sim.asm_exported => AfterSwitch::Simulated(detail(outcome)),
        Some(outcome) => AfterSwitch::AsmNotExported(detail(outcome)),
        None => AfterSwitch::NotSwitched,
    };
    Some(InjectionDetail {
        subject,
        next_restart: detail(&subject.now),
        after_switch,
    })
}

/// The plan's switch wave of a row's workload and the preview of its patch for that workload
/// (`Step::preview`): what the switch changes in the exported template.
pub fn switch_preview<'a>(plan: &'a Plan, row: &WorkloadRow) -> Option<(&'a Step, &'a Preview)> {
    plan.phases.iter().flat_map(|p| &p.steps).find_map(|step| {
        let StepKind::SwitchWave { workloads, .. } = &step.kind else {
            return None;
        };
        workloads
            .iter()
            .any(|w| w.namespace == row.namespace && w.kind == row.kind && w.name == row.name)
            .then(|| {
                step.preview.iter().find(|p| {
                    p.object.namespace.as_deref() == Some(row.namespace.as_str())
                        && p.object.name == row.name
                        && p.object.kind == row.kind_name()
                })
            })
            .flatten()
            .map(|preview| (step, preview))
    })
}

/// The one thing to do next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NextAction<'a> {
    /// Fix this error first.
    Fix(&'a Finding),
    /// Run this step of the current phase.
    Run(&'a Step),
    /// Nothing is left: the migration is finished.
    Finished,
}

impl NextAction<'_> {
    /// What to do, in words: the finding's code, name and message (with its help when it has no
    /// command to copy), or the step's id and title. The finding's and the step's own texts are
    /// in the language of the analysis they come from; `lang` words the rest.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            NextAction::Fix(finding) if finding.commands.is_empty() => t!(
                lang,
                "progress-next-fix-help",
                code = finding.code.as_str(),
                name = finding.code.name(),
                message = &finding.message,
                help = finding.help_text()
            ),
            NextAction::Fix(finding) => t!(
                lang,
                "progress-next-fix",
                code = finding.code.as_str(),
                name = finding.code.name(),
                message = &finding.message
            ),
            NextAction::Run(step) => t!(
                lang,
                "progress-next-run",
                id = &step.id,
                title = &step.title
            ),
            NextAction::Finished => t!(lang, "progress-finished"),
        }
    }

    /// The command that does it, when there is one.
    pub fn command(&self) -> Option<&Command> {
        match self {
            NextAction::Fix(finding) => finding.commands.first(),
            NextAction::Run(step) => step.commands.first(),
            NextAction::Finished => None,
        }
    }
}

/// Chooses the next action: fix a failed or illegal migration resource first, then an error
/// with a command to copy, then any other error, else the current phase's first step that has
/// something to run or to supply.
pub fn next_action<'a>(analysis: &'a Analysis, plan: &'a Plan) -> NextAction<'a> {
    let blocking = |codes: &[Code]| {
        analysis
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error && codes.contains(&f.code))
    };
    let urgent = match analysis.migration.situation {
        Situation::Failed => blocking(&[Code::Mig106]),
        Situation::Illegal => blocking(&INVALID_RESOURCE),
        _ => None,
    };
    // Errors first: those with a command to copy, then any other (the fix is then in its help).
    let first_error = urgent
        .or_else(|| {
            analysis
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error && !f.commands.is_empty())
        })
        .or_else(|| {
            analysis
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
        });
    if let Some(finding) = first_error {
        return NextAction::Fix(finding);
    }
    plan.phases
        .iter()
        .filter(|p| p.status == PhaseStatus::Current)
        .flat_map(|p| p.steps.iter())
        .find(|s| !s.commands.is_empty() || !s.needs.is_empty())
        .map_or(NextAction::Finished, NextAction::Run)
}
