//! Which injector gives each workload its sidecar, now and after its switch to ASM: the API
//! server's webhook chain simulated over the exported configurations.
//!
//! The API server (`INJECTION.md` §1, each rule with its source):
//! - calls the configurations sorted by `metadata.name` in byte order, each one's webhooks in
//!   list order (`mutating_webhook_manager.go` L122-162);
//! - calls a webhook when its `namespaceSelector` matches the namespace's labels, its
//!   `objectSelector` the pod's, and a rule covers `CREATE pods` (`webhook.go` `ShouldCallHook`
//!   L298-385); `matchConditions` (CEL) are not evaluated here and make the result unknown;
//! - runs them one after another, so a later injector sees (and, Istio's at least, re-injects)
//!   what an earlier one injected: the last injector called decides the sidecar (Istio re-injects
//!   an injected pod instead of skipping it, `stripPod`, inject.go L577-603);
//! - calls an `IfNeeded` webhook once more when a webhook after it changed the pod, at most one
//!   extra round (`reinvocation.go` L42-47, `dispatcher.go` L115-199).
//!
//! Once called, Istio's injector runs its own checks ([`istio::inject_required`]). ASM's injector
//! is assumed to run the same checks (ASM is built from Istio); the output says so.

use std::collections::{BTreeMap, HashMap};

use crate::detect::{Facts, Flavor, InjectorConfig, OwnerKind, Proxy, Role};
use crate::finding::ObjectRef;
use crate::i18n::Lang;
use crate::model::{Bundle, Object, Webhook, WebhookBody, WorkloadKind};
use crate::preview;

use crate::settings::Settings;
use crate::source::Span;

pub mod check_inject;
pub mod istio;
pub mod meshes;

pub use meshes::{Configuration, Mesh};

use istio::{Decision, Pod};

/// Whose sidecar a restart gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sidecar {
    /// Istio's, of this revision.
    Istio(Option<String>),
    /// ASM's.
    Asm,
    /// No sidecar.
    None,
    /// Not decidable from the export.
    Unknown,
}

impl Sidecar {
    /// `istio`, `asm`, `none` or `unknown`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Sidecar::Istio(_) => "istio",
            Sidecar::Asm => "asm",
            Sidecar::None => "none",
            Sidecar::Unknown => "unknown",
        }
    }

    /// In words: `Istio (1-22)`, `ASM`, `none`, `unknown` (`Istio 代理（1-22）`, ...).
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Sidecar::Istio(Some(rev)) => t!(lang, "sidecar-istio-revision", revision = rev),
            Sidecar::Istio(None) => t!(lang, "sidecar-istio"),
            Sidecar::Asm => t!(lang, "sidecar-asm"),
            Sidecar::None => t!(lang, "sidecar-none"),
            Sidecar::Unknown => t!(lang, "sidecar-unknown"),
        }
    }
}

/// What happened at one webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The API server does not call it.
    NotCalled,
    /// Called; the injector injects.
    Injects,
    /// Called; the injector lets the pod through without a sidecar.
    Skips,
    /// Not decidable from the export.
    Unknown,
}

/// One injector webhook, evaluated for one pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The configuration's index in [`Simulation::configurations`].
    pub configuration: usize,
    /// The webhook's name.
    pub webhook: String,
    /// What happened.
    pub verdict: Verdict,
    /// Why, in words.
    pub reason: String,
    /// 1, or 2 for a reinvocation.
    pub round: u8,
}

/// The result of one pod creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Every injector webhook, in the order the API server considers them (round 2 after round 1).
    pub calls: Vec<Call>,
    /// The sidecar it ends with.
    pub sidecar: Sidecar,
    /// Why, in words.
    pub reason: String,
    /// The pod labels it was simulated with.
    pub labels: BTreeMap<String, String>,
}

impl Outcome {
    /// The calls that inject, in call order.
    pub fn injecting(&self) -> impl Iterator<Item = &Call> {
        self.calls.iter().filter(|c| c.verdict == Verdict::Injects)
    }

    /// The calls the API server makes (called at all), in call order.
    pub fn called(&self) -> impl Iterator<Item = &Call> {
        self.calls
            .iter()
            .filter(|c| c.verdict != Verdict::NotCalled)
    }
}

/// One workload or bare pod, simulated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The workload or pod.
    pub object: ObjectRef,
    /// Where it starts.
    pub span: Span,
    /// Its workload kind; `None` for a bare pod.
    pub kind: Option<WorkloadKind>,
    /// Whether it runs a sidecar today that comes from injection (its pods carry a proxy that its
    /// template does not hold, or the template's proxy has `image: auto`).
    pub injected_today: bool,
    /// Whose proxy its pods run today, when they run one.
    pub today: Option<Flavor>,
    /// Its next restart as exported.
    pub now: Outcome,
    /// Its next restart after the plan's switch patch, when the plan switches it.
    pub after_switch: Option<Outcome>,
}

impl Subject {
    /// `Deployment shop/cart`.
    pub fn display(&self) -> String {
        format!(
            "{} {}/{}",
            self.object.kind,
            self.object.namespace.as_deref().unwrap_or_default(),
            self.object.name
        )
    }

    /// Its namespace.
    pub fn namespace(&self) -> &str {
        self.object.namespace.as_deref().unwrap_or_default()
    }
}

/// The simulation of every workload and bare pod.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Simulation {
    /// The injector configurations, in call order (by name).
    pub configurations: Vec<Configuration>,
    /// Whether an ASM injector configuration is in the export.
    pub asm_exported: bool,
    /// Every workload (owners, not the ReplicaSets and Jobs folded into them) and bare pod.
    pub subjects: Vec<Subject>,
    /// The language its reasons are worded in (the settings'), and [`Simulation::rows`]' too.
    pub lang: Lang,
}

/// One configuration's verdict for one pod, as `istioctl x check-inject` prints a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// The configuration.
    pub configuration: &'a Configuration,
    /// Whether it injects: `Some(true)` ✔, `Some(false)` ✘, `None` unknown.
    pub injects: Option<bool>,
    /// Why: check-inject's own sentence where its label-only reading agrees with the simulation,
    /// else the simulation's reason.
    pub reason: String,
}

impl Simulation {
    /// Each configuration's verdict for an outcome, in call order; `ns_labels` are the labels of
    /// the pod's namespace (for check-inject's wording).
    pub fn rows<'a>(
        &'a self,
        outcome: &Outcome,
        ns_labels: &BTreeMap<String, String>,
    ) -> Vec<Row<'a>> {
        let pod_labels = &outcome.labels;
        self.configurations
            .iter()
            .enumerate()
            .map(|(index, configuration)| {
                let calls: Vec<&Call> = outcome
                    .calls
                    .iter()
                    .filter(|c| c.configuration == index)
                    .collect();
                let find = |v: Verdict| calls.iter().find(|c| c.verdict == v);
                let (injects, call) = match (
                    find(Verdict::Injects),
                    find(Verdict::Unknown),
                    find(Verdict::Skips),
                ) {
                    (Some(c), _, _) => (Some(true), Some(c)),
                    (None, Some(c), _) => (None, Some(c)),
                    (None, None, Some(c)) => (Some(false), Some(c)),
                    (None, None, None) => (Some(false), None),
                };
                let (said, text) = check_inject::check_inject(
                    &configuration.webhooks,
                    ns_labels,
                    pod_labels,
                    self.lang,
                );
                let reason = match call {
                    Some(c) if said && c.verdict == Verdict::Injects => text,
                    None if !said => text,
                    Some(c) => t!(
                        self.lang,
                        "inject-webhook-reason",
                        webhook = &c.webhook,
                        reason = &c.reason
                    ),
                    None => t!(self.lang, "inject-no-webhook-called"),
                };
                Row {
                    configuration,
                    injects,
                    reason,
                }
            })
            .collect()
    }

    /// The subject of an object.
    pub fn subject(&self, kind: &str, namespace: &str, name: &str) -> Option<&Subject> {
        self.subjects
            .iter()
            .find(|s| s.object.kind == kind && s.namespace() == namespace && s.object.name == name)
    }
}

/// What the simulation reads of a pod or template.
#[derive(Debug, Clone)]
struct Template {
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
    host_network: bool,
}

/// Simulates every workload and bare pod of the export.
pub fn simulate(bundle: &Bundle, facts: &Facts, settings: &Settings) -> Simulation {
    let mut configs: Vec<&Object<WebhookBody>> = bundle
        .webhooks
        .iter()
        .filter(|w| w.kind == "MutatingWebhookConfiguration")
        .collect();
    // Byte order of `metadata.name`, stable (mutating_webhook_manager.go L125, L162).
    configs.sort_by(|a, b| a.name().as_bytes().cmp(b.name().as_bytes()));
    let chain: Vec<Configuration> = configs
        .iter()
        .filter_map(|c| meshes::recognise(c, &settings.asm_label_key))
        .collect();
    let minor = |revision: &str| {
        facts
            .control_planes
            .iter()
            .find(|c| c.revision == revision)
            .and_then(|c| c.version.minor())
    };
    let asm_exported = chain.iter().any(|c| c.mesh == Mesh::Asm);
    let cx = Cx {
        lang: settings.lang,
        asm_exported,
        bundle,
        chain: &chain,
        configs: &facts.injector_configs,
        minor: &minor,
    };
    // Proxies by owner, so that each subject finds its own in one lookup.
    let mut by_owner: HashMap<(&OwnerKind, &str, &str), Vec<&Proxy>> = HashMap::new();
    for p in &facts.proxies {
        by_owner
            .entry((
                &p.owner.kind,
                p.owner.namespace.as_str(),
                p.owner.name.as_str(),
            ))
            .or_default()
            .push(p);
    }
    let mut subjects = Vec::new();
    for w in bundle.workloads.iter().filter(|w| !w.is_owned_by_parent()) {
        let template = Template {
            labels: w.body.template.labels.clone(),
            annotations: w.body.template.annotations.clone(),
            host_network: w.body.template.spec.host_network,
        };
        let owner_kind = OwnerKind::Workload(w.body.kind);
        let proxies = by_owner
            .get(&(&owner_kind, w.ns(), w.name()))
            .map_or(&[][..], Vec::as_slice);
        let template_proxy = w.body.template.spec.proxy().map(|(c, _)| c.image.as_str());
        let injected_today = !proxies.is_empty() && template_proxy.is_none_or(|i| i == "auto");
        let switched = proxies
            .iter()
            .any(|p| p.role == Role::Sidecar && p.flavor == Flavor::Istio);
        let today = proxies.first().map(|p| p.flavor);
        let now = cx.unknown_without_asm(cx.run(w.ns(), &template), today == Some(Flavor::Asm));
        let after_switch = switched.then(|| {
            let patched = switch_patch(&template, w.body.kind, w.ns(), w.name(), settings);
            cx.unknown_without_asm(cx.run(w.ns(), &patched), true)
        });
        subjects.push(Subject {
            object: w.object_ref(),
            span: w.span,
            kind: Some(w.body.kind),
            injected_today,
            today,
            now,
            after_switch,
        });
    }
    for pod in bundle.pods.iter().filter(|p| p.meta.owners.is_empty()) {
        let template = Template {
            labels: pod.meta.labels.clone(),
            annotations: pod.meta.annotations.clone(),
            host_network: pod.body.spec.host_network,
        };
        let proxy = by_owner
            .get(&(&OwnerKind::Bare, pod.ns(), pod.name()))
            .and_then(|p| p.first().copied());
        let today = proxy.map(|p| p.flavor);
        subjects.push(Subject {
            object: pod.object_ref(),
            span: pod.span,
            kind: None,
            today,
            // A pod holds its proxy either way; the status annotation says an injector put it there.
            injected_today: proxy.is_some()
                && pod
                    .meta
                    .annotations
                    .contains_key(crate::detect::STATUS_ANNOTATION),
            now: cx.unknown_without_asm(cx.run(pod.ns(), &template), today == Some(Flavor::Asm)),
            // A bare pod is switched by re-creating it with the ASM label (the plan's manual step).
            after_switch: proxy
                .filter(|p| p.role == Role::Sidecar && p.flavor == Flavor::Istio)
                .map(|_| {
                    let mut relabelled = template.clone();
                    relabelled.labels.insert(
                        settings.asm_label_key.clone(),
                        settings.asm_label_value.clone(),
                    );
                    cx.unknown_without_asm(cx.run(pod.ns(), &relabelled), true)
                }),
        });
    }
    Simulation {
        asm_exported,
        configurations: chain,
        subjects,
        lang: settings.lang,
    }
}

/// The template after the plan's switch patch: the exact merge patch the runbook prints
/// (`commands::template_label_patch`), read and applied as the plan's preview does
/// (`preview::patch_of`, `preview::merge`: RFC 7386).
fn switch_patch(
    template: &Template,
    kind: WorkloadKind,
    namespace: &str,
    name: &str,
    settings: &Settings,
) -> Template {
    let command = crate::commands::template_label_patch(
        kind,
        namespace,
        name,
        &settings.asm_label_key,
        Some(&settings.asm_label_value),
    );
    let before =
        serde_json::json!({"spec": {"template": {"metadata": {"labels": template.labels}}}});
    let after = preview::patch_of(&command, |_| None)
        .map_or(before.clone(), |patch| preview::merge(&before, &patch));
    let labels = after
        .pointer("/spec/template/metadata/labels")
        .and_then(|l| l.as_object())
        .map(|l| {
            l.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Template {
        labels,
        ..template.clone()
    }
}

struct Cx<'a> {
    lang: Lang,
    asm_exported: bool,
    bundle: &'a Bundle,
    chain: &'a [Configuration],
    configs: &'a [InjectorConfig],
    minor: &'a dyn Fn(&str) -> Option<(u64, u64)>,
}

impl Cx<'_> {
    /// Where ASM's injector would decide (after the switch, or for a pod on ASM's proxy today)
    /// and its configuration is not in the export, the result is unknown: before the cluster is
    /// added to ASM it does not exist, and its selectors are not guessed.
    fn unknown_without_asm(&self, mut outcome: Outcome, needs_asm: bool) -> Outcome {
        if needs_asm && !self.asm_exported && outcome.sidecar != Sidecar::Asm {
            outcome.reason = t!(
                self.lang,
                "inject-asm-not-exported",
                reason = &outcome.reason
            );
            outcome.sidecar = Sidecar::Unknown;
        }
        outcome
    }

    /// One pod creation through the whole chain.
    fn run(&self, namespace: &str, pod: &Template) -> Outcome {
        let ns_labels = self
            .bundle
            .namespaces
            .get(namespace)
            .map(|n| &n.meta.labels);
        let mut calls = Vec::new();
        for (index, config) in self.chain.iter().enumerate() {
            for hook in &config.webhooks {
                calls.push(self.call(index, config, hook, namespace, ns_labels, pod, 1));
            }
        }
        // Round 2: an IfNeeded webhook called in round 1 is called again when a webhook after it
        // changed the pod (dispatcher.go L192-199; reinvocation.go L42-47).
        let hooks: Vec<&Webhook> = self.chain.iter().flat_map(|c| &c.webhooks).collect();
        let mut again = Vec::new();
        for (i, call) in calls.iter().enumerate() {
            let changed_after = calls[i + 1..].iter().any(|c| c.verdict == Verdict::Injects);
            if hooks[i].reinvoke_if_needed && call.verdict != Verdict::NotCalled && changed_after {
                let mut second = call.clone();
                second.round = 2;
                second.reason = t!(self.lang, "inject-reinvoked", reason = &call.reason);
                again.push(second);
            }
        }
        calls.extend(again);
        let (sidecar, reason) = self.decide(&calls, namespace, ns_labels, pod);
        Outcome {
            calls,
            sidecar,
            reason,
            labels: pod.labels.clone(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &self,
        index: usize,
        config: &Configuration,
        hook: &Webhook,
        namespace: &str,
        ns_labels: Option<&BTreeMap<String, String>>,
        pod: &Template,
        round: u8,
    ) -> Call {
        let mut call = Call {
            configuration: index,
            webhook: hook.name.clone(),
            verdict: Verdict::NotCalled,
            reason: String::new(),
            round,
        };
        if !hook.pod_create {
            call.reason = t!(self.lang, "inject-no-pod-create");
            return call;
        }
        if meshes::is_never_match(hook) {
            call.reason = t!(self.lang, "inject-deactivated");
            return call;
        }
        let Some(ns_labels) = ns_labels else {
            call.verdict = Verdict::Unknown;
            call.reason = t!(
                self.lang,
                "inject-namespace-not-exported",
                namespace = namespace
            );
            return call;
        };
        let (Some(ns_ok), Some(pod_ok)) = (
            hook.namespace_selector.matches(ns_labels),
            hook.object_selector.matches(&pod.labels),
        ) else {
            call.verdict = Verdict::Unknown;
            call.reason = t!(self.lang, "inject-invalid-selector");
            return call;
        };
        if !ns_ok {
            call.reason = t!(
                self.lang,
                "inject-namespace-selector-no-match",
                selector = hook.namespace_selector.to_string(),
                namespace = namespace,
            );
            return call;
        }
        if !pod_ok {
            call.reason = t!(
                self.lang,
                "inject-object-selector-no-match",
                selector = hook.object_selector.to_string(),
            );
            return call;
        }
        let (_, ns_label) = check_inject::matched_label(&hook.namespace_selector, ns_labels);
        let (_, pod_label) = check_inject::matched_label(&hook.object_selector, &pod.labels);
        let selected = match (ns_label, pod_label) {
            (Some(ns), Some(p)) => t!(
                self.lang,
                "inject-selected-both",
                ns_label = ns,
                pod_label = p
            ),
            (Some(ns), None) => t!(self.lang, "inject-selected-namespace", ns_label = ns),
            (None, Some(p)) => t!(self.lang, "inject-selected-pod", pod_label = p),
            (None, None) => t!(self.lang, "inject-selected-selectors"),
        };
        if hook.match_conditions > 0 {
            call.verdict = Verdict::Unknown;
            call.reason = t!(
                self.lang,
                "inject-match-conditions",
                selected = &selected,
                count = hook.match_conditions,
            );
            return call;
        }
        let injector = Pod {
            namespace,
            labels: &pod.labels,
            annotations: &pod.annotations,
            host_network: pod.host_network,
        };
        let decision = match config.mesh {
            Mesh::Istio => {
                let revision = config.revision.as_deref().unwrap_or("default");
                let cm = self.configs.iter().find(|c| c.revision == revision);
                istio::inject_required(injector, cm, (self.minor)(revision), self.lang)
            }
            Mesh::Asm => match istio::inject_required(
                injector,
                None,
                Some(istio::EXACT_INJECT_VALUES),
                self.lang,
            ) {
                Decision::Injects(_) => Decision::Injects(t!(self.lang, "inject-asm-assumed")),
                Decision::Skips(why) => {
                    Decision::Skips(t!(self.lang, "inject-asm-assumed-skips", why = why))
                }
                unknown => unknown,
            },
        };
        (call.verdict, call.reason) = match decision {
            Decision::Injects(why) => (
                Verdict::Injects,
                t!(self.lang, "inject-injects", selected = &selected, why = why),
            ),
            Decision::Skips(why) => (
                Verdict::Skips,
                t!(self.lang, "inject-skips", selected = &selected, why = why),
            ),
            Decision::Unknown(why) => (
                Verdict::Unknown,
                t!(self.lang, "inject-unknown", selected = &selected, why = why),
            ),
        };
        call
    }

    fn decide(
        &self,
        calls: &[Call],
        namespace: &str,
        ns_labels: Option<&BTreeMap<String, String>>,
        pod: &Template,
    ) -> (Sidecar, String) {
        let config = |c: &Call| &self.chain[c.configuration];
        if !self.chain.iter().any(|c| c.mesh == Mesh::Istio) {
            return (Sidecar::Unknown, t!(self.lang, "inject-no-istio-injector"));
        }
        let reason_of = |c: &Call| {
            t!(
                self.lang,
                "inject-call-reason",
                configuration = &config(c).name,
                webhook = &c.webhook,
                reason = &c.reason
            )
        };
        if let Some(unknown) = calls.iter().find(|c| c.verdict == Verdict::Unknown) {
            return (Sidecar::Unknown, reason_of(unknown));
        }
        let injecting: Vec<&Call> = calls
            .iter()
            .filter(|c| c.verdict == Verdict::Injects)
            .collect();
        if let Some(last) = injecting.last() {
            let c = config(last);
            let sidecar = match c.mesh {
                Mesh::Istio => Sidecar::Istio(c.revision.clone()),
                Mesh::Asm => Sidecar::Asm,
            };
            let reason = if injecting.len() > 1 {
                t!(
                    self.lang,
                    "inject-last-decides",
                    count = injecting.len(),
                    injectors = injecting
                        .iter()
                        .map(|c| format!("{} {}", config(c).name, c.webhook))
                        .collect::<Vec<_>>()
                        .join(&t!(self.lang, "list-separator")),
                    configuration = &c.name,
                    webhook = &last.webhook,
                )
            } else {
                reason_of(last)
            };
            return (sidecar, reason);
        }
        if let Some(skip) = calls.iter().find(|c| c.verdict == Verdict::Skips) {
            return (Sidecar::None, reason_of(skip));
        }
        (Sidecar::None, self.no_match(namespace, ns_labels, pod))
    }

    /// Why no webhook is called, in the terms that explain a dropped sidecar.
    fn no_match(
        &self,
        namespace: &str,
        ns_labels: Option<&BTreeMap<String, String>>,
        pod: &Template,
    ) -> String {
        let empty = BTreeMap::new();
        let ns_labels = ns_labels.unwrap_or(&empty);
        if pod.labels.get(istio::INJECT).map(String::as_str) == Some("false") {
            return t!(self.lang, "inject-opted-out", label = istio::INJECT);
        }
        let istio = || self.chain.iter().filter(|c| c.mesh == Mesh::Istio);
        let serves = |rev: &str| {
            istio().any(|c| {
                !c.deactivated
                    && (c.tag.as_deref() == Some(rev)
                        || (c.tag.is_none() && c.revision.as_deref() == Some(rev)))
            })
        };
        let rev = ns_labels
            .get("istio.io/rev")
            .filter(|_| !ns_labels.contains_key("istio-injection"))
            .or_else(|| pod.labels.get("istio.io/rev"));
        if let Some(rev) = rev {
            if !serves(rev) {
                return t!(self.lang, "inject-revision-gone", revision = rev);
            }
        }
        let default_wanted = ns_labels.get("istio-injection").map(String::as_str)
            == Some("enabled")
            || pod.labels.get(istio::INJECT).map(String::as_str) == Some("true");
        if default_wanted && !serves("default") {
            let deactivated: Vec<&str> = istio()
                .filter(|c| c.deactivated)
                .map(|c| c.name.as_str())
                .collect();
            return if deactivated.is_empty() {
                t!(self.lang, "inject-no-default-injector")
            } else {
                t!(
                    self.lang,
                    "inject-default-deactivated",
                    configurations = deactivated.join(&t!(self.lang, "list-separator")),
                )
            };
        }
        t!(self.lang, "inject-no-match", namespace = namespace)
    }
}
