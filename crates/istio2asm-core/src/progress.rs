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
                help = finding.help_text(lang)
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

/// Where the migration stands at one of the four states, as the Overview's row of steps draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateMark {
    /// Behind the cluster: `status.state` is past it.
    Done,
    /// `status.state`.
    Current,
    /// The desired state ASM is switching to (the situation is in progress).
    Switching,
    /// The switch to it failed (`status.message` says why); when the resource desires no later
    /// state, the current state is the failed one.
    Failed,
    /// Still ahead.
    Upcoming,
}

/// The four states in order, each with where the migration stands at it, from the resource's
/// state, desired state and situation.
pub fn state_marks(migration: &crate::phase::Migration) -> [(crate::state::State, StateMark); 4] {
    let ahead = migration.desired.filter(|d| *d > migration.state);
    crate::state::State::ALL.map(|state| {
        let mark = if state < migration.state {
            StateMark::Done
        } else if state == migration.state {
            if migration.situation == Situation::Failed && ahead.is_none() {
                StateMark::Failed
            } else {
                StateMark::Current
            }
        } else if Some(state) == ahead {
            match migration.situation {
                Situation::InProgress => StateMark::Switching,
                Situation::Failed => StateMark::Failed,
                _ => StateMark::Upcoming,
            }
        } else {
            StateMark::Upcoming
        };
        (state, mark)
    })
}

/// The live pods of one namespace by the proxy they run: one bar of the Overview's picture.
/// Gateways count with sidecars: both run a proxy that moves from Istio to ASM, and both need
/// the XDS agent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamespacePods {
    /// The namespace.
    pub namespace: String,
    /// On Istio's proxy with the XDS agent (`PROXY_CONFIG_XDS_AGENT` is `"true"`).
    pub istio: usize,
    /// On Istio's proxy without the XDS agent: to restart before the switch to `Migrating`.
    pub istio_without_agent: usize,
    /// On ASM's proxy.
    pub asm: usize,
    /// On a proxy image that neither Istio's nor ASM's rule recognises ([`Flavor::Unknown`]).
    pub unrecognised: usize,
    /// Without a proxy (an ambient pod counts here too: it has none of its own).
    pub unmeshed: usize,
}

impl NamespacePods {
    /// Every live pod of the namespace.
    pub fn total(&self) -> usize {
        self.istio + self.istio_without_agent + self.asm + self.unrecognised + self.unmeshed
    }
}

/// Every namespace with a live pod (one not `Succeeded` or `Failed`), sorted by name, with its
/// pods counted by the proxy they run.
pub fn namespace_pods(analysis: &Analysis) -> Vec<NamespacePods> {
    let bundle = &analysis.bundle;
    let mut proxy_of: Vec<Option<&Proxy>> = vec![None; bundle.pods.len()];
    for proxy in &analysis.facts.proxies {
        if let Some(slot) = proxy_of.get_mut(proxy.pod) {
            *slot = Some(proxy);
        }
    }
    let mut namespaces: BTreeMap<&str, NamespacePods> = BTreeMap::new();
    for (index, pod) in bundle.pods.iter().enumerate() {
        if !crate::detect::is_live(bundle, index) {
            continue;
        }
        let counts = namespaces.entry(pod.ns()).or_insert_with(|| NamespacePods {
            namespace: pod.ns().to_string(),
            ..NamespacePods::default()
        });
        let count = match proxy_of[index] {
            None => &mut counts.unmeshed,
            Some(proxy) => match proxy.flavor {
                Flavor::Istio if proxy.xds_agent => &mut counts.istio,
                Flavor::Istio => &mut counts.istio_without_agent,
                Flavor::Asm => &mut counts.asm,
                Flavor::Unknown => &mut counts.unrecognised,
            },
        };
        *count += 1;
    }
    namespaces.into_values().collect()
}

/// What tells one cluster from another across its exports, so the app can remember which plan
/// steps were done in it: the `kube-system` Namespace's `metadata.uid` when the export holds it
/// (set when the cluster is created, kept for its life, the same in every export), else the
/// migration resource's `metadata.uid` (one per cluster added to ASM), else an FNV-1a hash of
/// the sorted names of the export's namespaces (which changes when a namespace is added or
/// removed). Prefixed by its source: `kube-system:…`, `asmmigratefromistio:…`, `namespaces:…`.
///
/// Not a secret: a uid is readable by anyone who may list namespaces, and it grants nothing.
/// The hash keeps namespace names out of where the identity is stored.
pub fn cluster_identity(analysis: &Analysis) -> String {
    let bundle = &analysis.bundle;
    let kube_system = bundle
        .namespaces
        .get("kube-system")
        .and_then(|n| n.meta.uid.as_deref());
    if let Some(uid) = kube_system.filter(|u| !u.is_empty()) {
        return format!("kube-system:{uid}");
    }
    let resource = analysis.migration.object.as_ref().and_then(|object| {
        bundle
            .migration
            .iter()
            .find(|cr| cr.object_ref() == *object)
    });
    if let Some(uid) = resource
        .and_then(|cr| cr.meta.uid.as_deref())
        .filter(|u| !u.is_empty())
    {
        return format!("asmmigratefromistio:{uid}");
    }
    let names: BTreeSet<&str> = bundle
        .namespaces
        .keys()
        .map(String::as_str)
        .chain(bundle.pods.iter().map(|p| p.ns()))
        .chain(bundle.workloads.iter().map(|w| w.ns()))
        .collect();
    let mut hash = Fnv1a::default();
    for name in names {
        hash.write(name.as_bytes());
        // A separator no name contains, so `a`,`bc` and `ab`,`c` differ.
        hash.write(b"\n");
    }
    format!("namespaces:{:016x}", hash.0)
}

/// The 64-bit FNV-1a hash: short, stable across versions and platforms (std's hashers are
/// neither), and not meant to resist anyone.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod picture_tests {
    use super::*;
    use crate::phase::Migration;
    use crate::state::State;
    use crate::{analyze, demo, Input, Settings};

    fn demo() -> Analysis {
        analyze(demo::inputs(), Vec::new(), &Settings::default())
    }

    fn counts(
        namespace: &str,
        [istio, istio_without_agent, asm, unrecognised, unmeshed]: [usize; 5],
    ) -> NamespacePods {
        NamespacePods {
            namespace: namespace.into(),
            istio,
            istio_without_agent,
            asm,
            unrecognised,
            unmeshed,
        }
    }

    #[test]
    fn the_demos_pods_are_counted_by_the_proxy_they_run_per_namespace() {
        // Counted by hand from demo/cluster.yaml: the ingress gateway's two pods have the agent,
        // the east-west and egress gateways' do not, istiod runs no proxy; reviews-v2 is on
        // ASM's proxy; shop's CronJob pod has Succeeded and is not counted.
        assert_eq!(
            namespace_pods(&demo()),
            [
                counts("istio-system", [2, 2, 0, 0, 2]),
                counts("legacy", [0, 0, 0, 0, 1]),
                counts("ops", [2, 0, 0, 0, 0]),
                counts("payments", [0, 3, 0, 0, 0]),
                counts("reviews", [1, 0, 1, 0, 0]),
                counts("shop", [3, 6, 0, 0, 0]),
            ]
        );
    }

    #[test]
    fn a_proxy_image_neither_rule_recognises_is_counted_apart() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec:\n  containers:\n  - name: istio-proxy\n    image: example.com/envoy:1\n";
        let analysis = analyze(
            vec![Input::new("p.yaml", pod)],
            Vec::new(),
            &Settings::default(),
        );
        // An `istio-proxy` container is a proxy whatever its image.
        assert_eq!(namespace_pods(&analysis), [counts("n", [0, 0, 0, 1, 0])]);
    }

    #[test]
    fn the_demos_identity_is_kube_systems_uid() {
        assert_eq!(
            cluster_identity(&demo()),
            "kube-system:52943a91-65ed-4014-aeed-a61c89628f19"
        );
    }

    fn identity(yaml: &str) -> String {
        cluster_identity(&analyze(
            vec![Input::new("c.yaml", yaml)],
            Vec::new(),
            &Settings::default(),
        ))
    }

    const RESOURCE: &str = "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata: {name: default, uid: 0a1b}\nspec: {desiredState: Init}\n";

    #[test]
    fn without_kube_system_the_migration_resources_uid_identifies_the_cluster() {
        let namespaces = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, uid: 77}\n";
        assert_eq!(
            identity(&format!("{namespaces}---\n{RESOURCE}")),
            "asmmigratefromistio:0a1b"
        );
        // kube-system without a uid (exported by hand, trimmed) does not count.
        let bare = "apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n";
        assert_eq!(
            identity(&format!("{bare}---\n{RESOURCE}")),
            "asmmigratefromistio:0a1b"
        );
    }

    #[test]
    fn failing_both_uids_the_sorted_namespace_names_are_hashed() {
        let a = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";
        let b = "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
        let ab = identity(&format!("{a}---\n{b}"));
        assert!(ab.starts_with("namespaces:"), "{ab}");
        // The order of the export does not matter; another set of names does.
        assert_eq!(identity(&format!("{b}---\n{a}")), ab);
        assert_ne!(identity(a), ab);
        // Only hex digits follow the prefix: the names themselves are not in it.
        assert!(ab["namespaces:".len()..]
            .chars()
            .all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        for (input, expected) in [
            ("", 0xcbf2_9ce4_8422_2325_u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut hash = Fnv1a::default();
            hash.write(input.as_bytes());
            assert_eq!(hash.0, expected, "{input:?}");
        }
    }

    fn migration(state: State, desired: Option<State>, situation: Situation) -> Migration {
        let mut migration = demo().migration;
        migration.state = state;
        migration.desired = desired;
        migration.situation = situation;
        migration
    }

    #[test]
    fn the_states_are_marked_done_current_switching_failed_and_upcoming() {
        use StateMark::*;
        let marks = |m: &Migration| state_marks(m).map(|(_, mark)| mark);
        assert_eq!(
            state_marks(&demo().migration).map(|(s, _)| s),
            State::ALL,
            "in order"
        );
        assert_eq!(
            marks(&demo().migration),
            [Done, Current, Upcoming, Upcoming]
        );
        let setup = State::SetupIstioForMigrate;
        let migrating = Some(State::Migrating);
        assert_eq!(
            marks(&migration(setup, migrating, Situation::InProgress)),
            [Done, Current, Switching, Upcoming]
        );
        assert_eq!(
            marks(&migration(setup, migrating, Situation::Failed)),
            [Done, Current, Failed, Upcoming]
        );
        // A failure with no later state desired marks the current state.
        assert_eq!(
            marks(&migration(setup, Some(setup), Situation::Failed)),
            [Done, Failed, Upcoming, Upcoming]
        );
        assert_eq!(
            marks(&migration(State::Init, None, Situation::Assumed)),
            [Current, Upcoming, Upcoming, Upcoming]
        );
        assert_eq!(
            marks(&migration(State::Finished, None, Situation::Settled)),
            [Done, Done, Done, Current]
        );
    }
}
