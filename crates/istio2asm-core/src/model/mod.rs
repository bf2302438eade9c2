//! A typed view of the export: the few fields of each kind that the checks and the plan read.
//!
//! Pods and workloads are summarised as they are loaded and their trees dropped, so memory stays
//! close to the size of the input. Environment values are kept only for the variables the tool
//! reads (none of them secret); Secrets are dropped whole. Istio API objects, the migration
//! resource and the few install objects whose shape varies are kept as trees.
//!
//! Invariant: every name and namespace stored here passed Kubernetes' name rules (see
//! [`crate::names`]); an object that fails them becomes a MIG006 finding instead.

use std::collections::{BTreeMap, HashMap};

use crate::codes::Code;
use crate::finding::{Finding, ObjectRef};
use crate::i18n::Lang;
use crate::load::Document;
use crate::node::Node;
use crate::selector::LabelSelector;
use crate::source::Span;

mod names;
mod schema;

pub use schema::{KEPT_ENV, SCHEMA};

/// `metadata`, the parts used here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: Option<String>,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations` (without the last-applied configuration).
    pub annotations: BTreeMap<String, String>,
    /// `metadata.ownerReferences`.
    pub owners: Vec<OwnerRef>,
    /// `metadata.uid`.
    pub uid: Option<String>,
}

impl Meta {
    /// A label's value.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }

    /// An annotation's value.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).map(String::as_str)
    }

    /// The namespace, "" for cluster-scoped objects.
    pub fn ns(&self) -> &str {
        self.namespace.as_deref().unwrap_or("")
    }
}

/// One `ownerReferences` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerRef {
    /// The owner's kind.
    pub kind: String,
    /// The owner's name.
    pub name: String,
    /// The owner's uid.
    pub uid: Option<String>,
    /// Whether it is the managing controller.
    pub controller: bool,
}

/// An object header and its typed body.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<T> {
    /// `apiVersion` as exported.
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// `metadata`.
    pub meta: Meta,
    /// Where the object starts in the input.
    pub span: Span,
    /// The kind-specific part.
    pub body: T,
}

impl<T> Object<T> {
    /// The reference findings carry.
    pub fn object_ref(&self) -> ObjectRef {
        ObjectRef {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            namespace: self.meta.namespace.clone(),
            name: self.meta.name.clone(),
        }
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// The namespace, "" for cluster-scoped objects.
    pub fn ns(&self) -> &str {
        self.meta.ns()
    }
}

/// One environment variable: the name always, the value only for [`KEPT_ENV`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVar {
    /// The variable's name.
    pub name: String,
    /// The literal value, when kept.
    pub value: Option<String>,
}

/// A container, the parts used here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Container {
    /// `name`.
    pub name: String,
    /// `image`.
    pub image: String,
    /// `args`.
    pub args: Vec<String>,
    /// `env`, values filtered.
    pub env: Vec<EnvVar>,
    /// `restartPolicy` (init containers: `Always` makes a native sidecar).
    pub restart_policy: Option<String>,
    /// Whether `lifecycle.preStop` is set.
    pub pre_stop: bool,
    /// Container ports: (name, number).
    pub ports: Vec<(Option<String>, i64)>,
}

impl Container {
    /// The kept value of an environment variable.
    pub fn env(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.value.as_deref())
    }

    /// Whether the container declares the variable at all.
    pub fn has_env(&self, name: &str) -> bool {
        self.env.iter().any(|e| e.name == name)
    }
}

/// A pod spec, the parts used here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodSpec {
    /// `containers`.
    pub containers: Vec<Container>,
    /// `initContainers`.
    pub init_containers: Vec<Container>,
    /// `terminationGracePeriodSeconds`.
    pub termination_grace_period_seconds: Option<i64>,
    /// `hostNetwork` (Istio's injector skips such pods).
    pub host_network: bool,
}

impl PodSpec {
    /// The `istio-proxy` container and whether it is a native sidecar (an init container with
    /// `restartPolicy: Always`).
    pub fn proxy(&self) -> Option<(&Container, bool)> {
        if let Some(c) = self.containers.iter().find(|c| c.name == "istio-proxy") {
            return Some((c, false));
        }
        self.init_containers
            .iter()
            .find(|c| c.name == "istio-proxy" && c.restart_policy.as_deref() == Some("Always"))
            .map(|c| (c, true))
    }
}

/// A pod template's metadata and spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodTemplate {
    /// Template labels.
    pub labels: BTreeMap<String, String>,
    /// Template annotations.
    pub annotations: BTreeMap<String, String>,
    /// Template spec.
    pub spec: PodSpec,
}

/// A pod.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodBody {
    /// `spec`.
    pub spec: PodSpec,
    /// `status.phase`.
    pub phase: Option<String>,
}

/// The kinds that own pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkloadKind {
    /// apps/v1 Deployment.
    Deployment,
    /// apps/v1 StatefulSet.
    StatefulSet,
    /// apps/v1 DaemonSet.
    DaemonSet,
    /// apps/v1 ReplicaSet.
    ReplicaSet,
    /// batch/v1 Job.
    Job,
    /// batch/v1 CronJob.
    CronJob,
}

impl WorkloadKind {
    /// The kind as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::Job => "Job",
            WorkloadKind::CronJob => "CronJob",
        }
    }

    /// The resource name kubectl takes (`deployment`, `statefulset`, ...).
    pub fn resource(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "deployment",
            WorkloadKind::StatefulSet => "statefulset",
            WorkloadKind::DaemonSet => "daemonset",
            WorkloadKind::ReplicaSet => "replicaset",
            WorkloadKind::Job => "job",
            WorkloadKind::CronJob => "cronjob",
        }
    }

    fn from_kind(kind: &str) -> Option<Self> {
        Some(match kind {
            "Deployment" => WorkloadKind::Deployment,
            "StatefulSet" => WorkloadKind::StatefulSet,
            "DaemonSet" => WorkloadKind::DaemonSet,
            "ReplicaSet" => WorkloadKind::ReplicaSet,
            "Job" => WorkloadKind::Job,
            "CronJob" => WorkloadKind::CronJob,
            _ => return None,
        })
    }
}

impl Object<WorkloadBody> {
    /// Whether the workload is folded into its owner: a ReplicaSet of a Deployment, a Job of a
    /// CronJob. Tables and findings name the owner instead.
    pub fn is_owned_by_parent(&self) -> bool {
        let parent = match self.body.kind {
            WorkloadKind::ReplicaSet => "Deployment",
            WorkloadKind::Job => "CronJob",
            _ => return false,
        };
        self.meta.owners.iter().any(|o| o.kind == parent)
    }
}

/// A workload controller.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadBody {
    /// Which controller.
    pub kind: WorkloadKind,
    /// `spec.replicas` (None for DaemonSets, Jobs, CronJobs, or when unset).
    pub replicas: Option<i64>,
    /// `spec.selector.matchLabels`.
    pub selector: BTreeMap<String, String>,
    /// The pod template (`spec.jobTemplate.spec.template` for CronJobs).
    pub template: PodTemplate,
    /// `spec.strategy.type` or `spec.updateStrategy.type`.
    pub strategy: Option<String>,
}

/// One Service port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePort {
    /// `name`.
    pub name: Option<String>,
    /// `port`.
    pub port: i64,
    /// `targetPort` as written (number or name).
    pub target_port: Option<String>,
    /// `appProtocol`.
    pub app_protocol: Option<String>,
    /// `protocol` (TCP, UDP, SCTP).
    pub protocol: Option<String>,
}

/// A Service.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceBody {
    /// `spec.type`.
    pub service_type: Option<String>,
    /// `spec.selector`.
    pub selector: BTreeMap<String, String>,
    /// `spec.ports`.
    pub ports: Vec<ServicePort>,
}

/// A PodDisruptionBudget.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdbBody {
    /// `spec.selector.matchLabels`.
    pub selector: BTreeMap<String, String>,
}

/// A webhook configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebhookBody {
    /// Its webhooks, in list order (the order the API server calls them in).
    pub webhooks: Vec<Webhook>,
}

impl WebhookBody {
    /// The services the webhooks call: (namespace, name).
    pub fn services(&self) -> impl Iterator<Item = (&str, &str)> {
        self.webhooks
            .iter()
            .filter_map(|w| w.service.as_ref())
            .map(|s| (s.namespace.as_str(), s.name.as_str()))
    }
}

/// A webhook's `clientConfig.service`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookService {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Path, when set.
    pub path: Option<String>,
}

/// One webhook of a configuration: what decides whether the API server calls it
/// (`admissionregistration.k8s.io/v1` `MutatingWebhook`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Webhook {
    /// `name`.
    pub name: String,
    /// `clientConfig.service`.
    pub service: Option<WebhookService>,
    /// `clientConfig.url`.
    pub url: Option<String>,
    /// `namespaceSelector` (omitted is `{}`, as the API server defaults it).
    pub namespace_selector: LabelSelector,
    /// `objectSelector` (omitted is `{}`).
    pub object_selector: LabelSelector,
    /// Whether a rule covers `CREATE` of core `v1` `pods`.
    pub pod_create: bool,
    /// `reinvocationPolicy: IfNeeded` (the default is `Never`).
    pub reinvoke_if_needed: bool,
    /// `failurePolicy: Ignore` (the default is `Fail`).
    pub failure_ignored: bool,
    /// How many `matchConditions` (CEL) it has.
    pub match_conditions: usize,
}

/// Which control plane an object set was exported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The cluster being migrated.
    Cluster,
    /// The ASM control plane (the optional second input set).
    Asm,
}

/// Everything understood from one set of inputs.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    /// Namespaces by name.
    pub namespaces: BTreeMap<String, Object<()>>,
    /// Pods.
    pub pods: Vec<Object<PodBody>>,
    /// Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs (added by `add`, which
    /// indexes them for [`Bundle::workload`]).
    pub workloads: Vec<Object<WorkloadBody>>,
    /// Services.
    pub services: Vec<Object<ServiceBody>>,
    /// PodDisruptionBudgets.
    pub pdbs: Vec<Object<PdbBody>>,
    /// Istio's ConfigMaps in any namespace (`istio`, `istio-<rev>`, `istio-sidecar-injector*`),
    /// with their data; other ConfigMaps are counted only.
    pub config_maps: Vec<Object<BTreeMap<String, String>>>,
    /// Mutating and validating webhook configurations.
    pub webhooks: Vec<Object<WebhookBody>>,
    /// Nodes with their kubelet versions.
    pub nodes: Vec<Object<Option<String>>>,
    /// `serverVersion.gitVersion` from `kubectl version -o yaml`, and where.
    pub server_version: Option<(String, Span)>,
    /// Istio API objects (`*.istio.io` groups), whole.
    pub istio: Vec<Object<Node>>,
    /// Gateway API Gateways, IstioOperators and other install objects read whole.
    pub install: Vec<Object<Node>>,
    /// `ASMMigrateFromIstio` objects, whole.
    pub migration: Vec<Object<Node>>,
    /// ClusterRoles, ClusterRoleBindings, CRDs and similar Istio-owned residues, header only.
    pub residues: Vec<Object<()>>,
    /// How many objects of each `apiVersion/kind` were read, Secrets included.
    pub kinds: BTreeMap<String, usize>,
    /// Core Secrets, their header only: kind, namespace, name, labels, and of the annotations
    /// only [`SECRET_ANNOTATIONS`]. Never their data.
    pub secrets: Vec<Object<()>>,
    /// The `istio-ca-root-cert` ConfigMaps (the public root certificates Istio's namespace
    /// controller writes into every namespace), with their data.
    pub root_cert_maps: Vec<Object<BTreeMap<String, String>>>,
    /// How many Secrets came with their data (`data` or `stringData`), which was dropped.
    pub secrets_dropped: usize,
    /// Where the first dropped Secret started.
    pub first_secret: Option<Span>,
    seen: HashMap<(String, String, String, String), Span>,
    /// `workloads` by (kind, namespace, name): the first of each, for owner lookups per pod.
    workload_index: HashMap<(WorkloadKind, String, String), usize>,
}

/// The ConfigMap Istio's namespace controller writes into every namespace with the mesh's root
/// certificate under `root-cert.pem` (istio/istio `pilot/pkg/keycertbundle`,
/// `pkg/kube/namespace` `CACertNamespaceConfigMap`).
pub const ROOT_CERT_CONFIG_MAP: &str = "istio-ca-root-cert";

/// The only Secret annotation kept: which cluster a remote secret is for (set by
/// `istioctl create-remote-secret`, istio/istio `istioctl/pkg/multicluster/remote_secret.go`).
pub const SECRET_ANNOTATIONS: [&str; 1] = ["networking.istio.io/cluster"];

/// API groups whose objects are "Istio API objects" to import into ASM.
pub const ISTIO_API_GROUPS: [&str; 4] = [
    "networking.istio.io",
    "security.istio.io",
    "telemetry.istio.io",
    "extensions.istio.io",
];

/// The group of an apiVersion (`""` for the core group).
pub fn api_group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(group, _)| group)
}

impl Bundle {
    /// Takes one document: classifies it, keeps the summary, reports what cannot be used (in
    /// `lang`).
    pub(crate) fn add(&mut self, doc: Document, lang: Lang, findings: &mut Vec<Finding>) {
        let Document { node, span } = doc;
        if node.get("kind").is_none()
            && (node.get("serverVersion").is_some() || node.get("clientVersion").is_some())
        {
            match node.str_at(&["serverVersion", "gitVersion"]) {
                Some(version) if !version.trim().is_empty() => {
                    self.server_version = Some((version.to_string(), span));
                }
                _ => findings.push(
                    Finding::new(Code::Mig002, t!(lang, "mig002-version-without-server"))
                        .spanned(span),
                ),
            }
            return;
        }
        let api_version = node.str_at(&["apiVersion"]).unwrap_or("").to_string();
        let kind = node.str_at(&["kind"]).unwrap_or("").to_string();
        // Any kind called Secret is dropped, whatever its apiVersion claims. Of a core Secret the
        // header is noted (kind, namespace, name, labels and annotations: `cacerts`, remote
        // secrets); its `data` and `stringData` never reach the tree (the schema keeps them as
        // empty maps, so only their presence is known) and the loader blanks its text.
        if kind == "Secret" {
            *self.kinds.entry("v1/Secret".into()).or_default() += 1;
            let carries_data = node.get("data").is_some() || node.get("stringData").is_some();
            if carries_data {
                self.secrets_dropped += 1;
                self.first_secret.get_or_insert(span);
            }
            let meta = meta(&node);
            if api_version == "v1"
                && !meta.name.is_empty()
                && names::check_object(lang, &api_version, &kind, &meta, span).is_none()
            {
                self.secrets.push(Object {
                    api_version,
                    kind,
                    meta: Meta {
                        annotations: meta
                            .annotations
                            .into_iter()
                            .filter(|(k, _)| SECRET_ANNOTATIONS.contains(&k.as_str()))
                            .collect(),
                        ..meta
                    },
                    span,
                    body: (),
                });
            }
            return;
        }
        let name = node.str_at(&["metadata", "name"]).unwrap_or("");
        if api_version.is_empty()
            || kind.is_empty()
            || name.is_empty()
            || !matches!(node, Node::Map(_))
        {
            let missing: Vec<&str> = [
                ("apiVersion", api_version.is_empty()),
                ("kind", kind.is_empty()),
                ("metadata.name", name.is_empty()),
            ]
            .iter()
            .filter(|(_, gone)| *gone)
            .map(|(field, _)| *field)
            .collect();
            let what = if matches!(node, Node::Map(_)) {
                t!(
                    lang,
                    "mig002-missing",
                    fields = missing.join(&t!(lang, "list-separator"))
                )
            } else {
                t!(
                    lang,
                    "mig002-not-a-map",
                    type_name = type_words(lang, &node)
                )
            };
            findings.push(
                Finding::new(Code::Mig002, t!(lang, "mig002-skipped", what = what)).spanned(span),
            );
            return;
        }
        let meta = meta(&node);
        if let Some(finding) = names::check_object(lang, &api_version, &kind, &meta, span) {
            findings.push(finding);
            return;
        }
        *self
            .kinds
            .entry(format!("{api_version}/{kind}"))
            .or_default() += 1;
        let key = (
            api_group(&api_version).to_string(),
            kind.clone(),
            meta.ns().to_string(),
            meta.name.clone(),
        );
        if let Some(first) = self.seen.get(&key) {
            let mut finding = Finding::new(
                Code::Mig003,
                t!(
                    lang,
                    "mig003-twice",
                    kind = kind.as_str(),
                    name = display_name(&meta)
                ),
            );
            finding.related.push(*first);
            finding.object = Some(ObjectRef {
                api_version,
                kind,
                namespace: meta.namespace.clone(),
                name: meta.name.clone(),
            });
            finding.span = Some(span);
            findings.push(finding);
            return;
        }
        self.seen.insert(key, span);
        let group = api_group(&api_version).to_string();
        // A macro rather than a closure: the body type differs per kind.
        macro_rules! header {
            ($body:expr $(,)?) => {
                Object {
                    api_version: api_version.clone(),
                    kind: kind.clone(),
                    meta,
                    span,
                    body: $body,
                }
            };
        }
        match (group.as_str(), kind.as_str()) {
            ("", "Namespace") => {
                self.namespaces.insert(meta.name.clone(), header!(()));
            }
            ("", "Pod") => self.pods.push(header!(PodBody {
                spec: pod_spec(node.get("spec")),
                phase: node.str_at(&["status", "phase"]).map(String::from),
            })),
            ("apps" | "batch" | "extensions", _) if WorkloadKind::from_kind(&kind).is_some() => {
                if let Some(body) = workload(&kind, &node) {
                    let object = header!(body);
                    self.workload_index
                        .entry((
                            object.body.kind,
                            object.ns().to_string(),
                            object.name().to_string(),
                        ))
                        .or_insert(self.workloads.len());
                    self.workloads.push(object);
                }
            }
            ("", "Service") => self.services.push(header!(service(&node))),
            ("policy", "PodDisruptionBudget") => self.pdbs.push(header!(PdbBody {
                selector: string_map(node.at(&["spec", "selector", "matchLabels"])),
            })),
            ("", "ConfigMap") if meta.name == ROOT_CERT_CONFIG_MAP => {
                self.root_cert_maps
                    .push(header!(string_map(node.get("data"))));
            }
            ("", "ConfigMap") if is_istio_config_map(&meta.name) => {
                self.config_maps.push(header!(string_map(node.get("data"))));
            }
            (
                "admissionregistration.k8s.io",
                "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration",
            ) => {
                self.webhooks.push(header!(webhooks(&node)));
            }
            ("", "Node") => self.nodes.push(header!(node
                .str_at(&["status", "nodeInfo", "kubeletVersion"])
                .map(String::from),)),
            ("istio.alibabacloud.com", "ASMMigrateFromIstio") => self.migration.push(header!(node)),
            (g, _) if ISTIO_API_GROUPS.contains(&g) => self.istio.push(header!(node)),
            ("gateway.networking.k8s.io", "Gateway") | ("install.istio.io", "IstioOperator") => {
                self.install.push(header!(node));
            }
            (
                "rbac.authorization.k8s.io",
                "ClusterRole" | "ClusterRoleBinding" | "Role" | "RoleBinding",
            )
            | ("apiextensions.k8s.io", "CustomResourceDefinition")
            | ("", "ServiceAccount") => self.residues.push(header!(())),
            _ => {}
        }
    }

    /// Istio API objects of one kind.
    pub fn istio_of_kind<'a>(
        &'a self,
        kind: &'a str,
    ) -> impl Iterator<Item = &'a Object<Node>> + 'a {
        self.istio.iter().filter(move |o| o.kind == kind)
    }

    /// The workload of a kind, namespace and name.
    pub fn workload(
        &self,
        kind: WorkloadKind,
        ns: &str,
        name: &str,
    ) -> Option<&Object<WorkloadBody>> {
        // The first of each (kind, namespace, name), as a scan would find it; the same object
        // under two apiVersions keeps the first.
        let index = self
            .workload_index
            .get(&(kind, ns.to_string(), name.to_string()))?;
        self.workloads.get(*index)
    }

    /// How many objects were read in all (Secrets included).
    pub fn object_count(&self) -> usize {
        self.kinds.values().sum()
    }
}

/// `ns/name` or `name`.
pub fn display_name(meta: &Meta) -> String {
    match &meta.namespace {
        Some(ns) => format!("{ns}/{}", meta.name),
        None => meta.name.clone(),
    }
}

/// What a document that is not a map is, in words ([`Node::type_name`] in English).
fn type_words(lang: Lang, node: &Node) -> String {
    match node {
        Node::Null => t!(lang, "model-type-null"),
        Node::Bool(_) => t!(lang, "model-type-boolean"),
        Node::Int(_) => t!(lang, "model-type-integer"),
        Node::Float(_) => t!(lang, "model-type-number"),
        Node::Str(_) => t!(lang, "model-type-string"),
        Node::Seq(_) => t!(lang, "model-type-list"),
        Node::Map(_) => t!(lang, "model-type-map"),
    }
}

fn is_istio_config_map(name: &str) -> bool {
    name == "istio" || name.starts_with("istio-") && !name.starts_with("istio-ca-")
}

fn string_map(node: Option<&Node>) -> BTreeMap<String, String> {
    node.map(|n| {
        n.entries()
            .iter()
            .filter_map(|(k, v)| Some((k.to_string(), v.scalar_text()?)))
            .collect()
    })
    .unwrap_or_default()
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.map(|n| n.items().iter().filter_map(Node::scalar_text).collect())
        .unwrap_or_default()
}

fn int(node: Option<&Node>) -> Option<i64> {
    node.and_then(Node::as_int)
        .and_then(|i| i64::try_from(i).ok())
}

fn meta(node: &Node) -> Meta {
    let m = node.get("metadata");
    let get = |key| m.and_then(|m| m.get(key));
    Meta {
        name: m
            .and_then(|m| m.str_at(&["name"]))
            .unwrap_or("")
            .to_string(),
        namespace: m
            .and_then(|m| m.str_at(&["namespace"]))
            .filter(|ns| !ns.is_empty())
            .map(String::from),
        labels: string_map(get("labels")),
        annotations: string_map(get("annotations")),
        owners: get("ownerReferences")
            .map(|refs| {
                refs.items()
                    .iter()
                    .map(|r| OwnerRef {
                        kind: r.str_at(&["kind"]).unwrap_or("").to_string(),
                        name: r.str_at(&["name"]).unwrap_or("").to_string(),
                        uid: r.str_at(&["uid"]).map(String::from),
                        controller: r.at(&["controller"]).and_then(Node::as_bool) == Some(true),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        uid: m.and_then(|m| m.str_at(&["uid"])).map(String::from),
    }
}

fn container(node: &Node) -> Container {
    Container {
        name: node.str_at(&["name"]).unwrap_or("").to_string(),
        image: node.str_at(&["image"]).unwrap_or("").to_string(),
        args: strings(node.get("args")),
        env: node
            .get("env")
            .map(|env| {
                env.items()
                    .iter()
                    .filter_map(|e| {
                        let name = e.str_at(&["name"])?;
                        let value = if KEPT_ENV.contains(&name) {
                            e.get("value").and_then(Node::scalar_text)
                        } else {
                            None
                        };
                        Some(EnvVar {
                            name: name.to_string(),
                            value,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        restart_policy: node.str_at(&["restartPolicy"]).map(String::from),
        pre_stop: node.at(&["lifecycle", "preStop"]).is_some(),
        ports: node
            .get("ports")
            .map(|ports| {
                ports
                    .items()
                    .iter()
                    .filter_map(|p| {
                        Some((
                            p.str_at(&["name"]).map(String::from),
                            int(p.get("containerPort"))?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn pod_spec(spec: Option<&Node>) -> PodSpec {
    let Some(spec) = spec else {
        return PodSpec::default();
    };
    let list = |key| {
        spec.get(key)
            .map(|n| n.items().iter().map(container).collect())
            .unwrap_or_default()
    };
    PodSpec {
        containers: list("containers"),
        init_containers: list("initContainers"),
        termination_grace_period_seconds: int(spec.get("terminationGracePeriodSeconds")),
        host_network: spec.get("hostNetwork").and_then(Node::as_bool) == Some(true),
    }
}

fn template(node: Option<&Node>) -> PodTemplate {
    PodTemplate {
        labels: string_map(node.and_then(|n| n.at(&["metadata", "labels"]))),
        annotations: string_map(node.and_then(|n| n.at(&["metadata", "annotations"]))),
        spec: pod_spec(node.and_then(|n| n.get("spec"))),
    }
}

fn workload(kind: &str, node: &Node) -> Option<WorkloadBody> {
    let kind = WorkloadKind::from_kind(kind)?;
    let spec = node.get("spec");
    let at = |path: &[&str]| spec.and_then(|s| s.at(path));
    let template_node = match kind {
        WorkloadKind::CronJob => at(&["jobTemplate", "spec", "template"]),
        _ => at(&["template"]),
    };
    let strategy = at(&["strategy", "type"])
        .or_else(|| at(&["updateStrategy", "type"]))
        .and_then(Node::as_str)
        .map(String::from)
        .or_else(|| match kind {
            // The API's defaults, so an export that omits them reads the same.
            WorkloadKind::Deployment => Some("RollingUpdate".into()),
            WorkloadKind::StatefulSet | WorkloadKind::DaemonSet => Some("RollingUpdate".into()),
            _ => None,
        });
    Some(WorkloadBody {
        kind,
        replicas: int(at(&["replicas"])),
        selector: string_map(at(&["selector", "matchLabels"])),
        template: template(template_node),
        strategy,
    })
}

fn service(node: &Node) -> ServiceBody {
    ServiceBody {
        service_type: node.str_at(&["spec", "type"]).map(String::from),
        selector: string_map(node.at(&["spec", "selector"])),
        ports: node
            .at(&["spec", "ports"])
            .map(|ports| {
                ports
                    .items()
                    .iter()
                    .filter_map(|p| {
                        Some(ServicePort {
                            name: p.str_at(&["name"]).map(String::from),
                            port: int(p.get("port"))?,
                            target_port: p.get("targetPort").and_then(Node::scalar_text),
                            app_protocol: p.str_at(&["appProtocol"]).map(String::from),
                            protocol: p.str_at(&["protocol"]).map(String::from),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn webhooks(node: &Node) -> WebhookBody {
    let hooks = node.get("webhooks").map(Node::items).unwrap_or_default();
    WebhookBody {
        webhooks: hooks
            .iter()
            .map(|h| Webhook {
                name: h.str_at(&["name"]).unwrap_or_default().to_string(),
                service: h.at(&["clientConfig", "service"]).map(|s| WebhookService {
                    namespace: s.str_at(&["namespace"]).unwrap_or_default().to_string(),
                    name: s.str_at(&["name"]).unwrap_or_default().to_string(),
                    path: s.str_at(&["path"]).map(String::from),
                }),
                url: h.str_at(&["clientConfig", "url"]).map(String::from),
                namespace_selector: LabelSelector::webhook(h.get("namespaceSelector")),
                object_selector: LabelSelector::webhook(h.get("objectSelector")),
                pod_create: h
                    .get("rules")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .any(rule_covers_pod_create),
                reinvoke_if_needed: h.str_at(&["reinvocationPolicy"]) == Some("IfNeeded"),
                failure_ignored: h.str_at(&["failurePolicy"]) == Some("Ignore"),
                match_conditions: h.get("matchConditions").map_or(0, |c| c.items().len()),
            })
            .collect(),
    }
}

/// Whether a webhook rule covers `CREATE` of core `v1` `pods` (`*` matches any value of its list;
/// a `pods/*` subresource rule does not cover the pod itself).
fn rule_covers_pod_create(rule: &Node) -> bool {
    let has = |field: &str, wanted: &[&str]| {
        rule.get(field)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .any(|v| wanted.contains(&v))
    };
    has("operations", &["CREATE", "*"])
        && has("resources", &["pods", "*", "*/*"])
        && has("apiGroups", &["", "*"])
        && has("apiVersions", &["v1", "*"])
        && rule
            .str_at(&["scope"])
            .is_none_or(|s| s == "*" || s == "Namespaced")
}
