//! # MIG706 mtls-strict-but-tls-disabled
//!
//! ## What it finds
//!
//! A DestinationRule that makes clients send plaintext (`tls.mode: DISABLE`, at the top of its
//! `trafficPolicy`, in the `portLevelSettings` entry of the Service port, or in a subset's
//! `trafficPolicy`) to the pods of a Service, while the PeerAuthentication in effect for those pods
//! is `STRICT` on the port the traffic reaches: mesh-wide (in the root namespace), namespace-wide
//! (no selector), for the workload (`selector.matchLabels`), or in `portLevelMtls` (the container
//! port, not the Service port). Kiali reports the same pair as KIA0207 (a namespace's
//! PeerAuthentication) and KIA0208 (the mesh's) on namespace-wide and mesh-wide DestinationRules
//! (`business/checkers/destinationrules/disabled_namespacewide_mtls_checker.go` in kiali/kiali);
//! this check follows every host, port and subset to the Services and pods of the export.
//!
//! The PeerAuthentication in effect is chosen as Istio's `ComposePeerAuthentication` does
//! (`pilot/pkg/security/authn/policy_applier.go`): workload over namespace over mesh, the oldest
//! policy at each level, `UNSET` inherits from the level above, a selector in the root namespace
//! is ignored, and `portLevelMtls` counts only in a workload policy. The DestinationRule in effect
//! is chosen as `destinationRule` in `pilot/pkg/model/push_context.go` does: the rules of the
//! client's namespace first, then the rules the Service's namespace exports, then the root
//! namespace's; the most specific host wins; a short host is completed with the rule's namespace,
//! while `name.ns` is taken as written and matches no Service; among rules for the same host the
//! oldest one with a top-level `trafficPolicy` gives it. The root namespace is `istio-system`
//! unless the mesh config sets `rootNamespace`. This check assumes the cluster domain
//! `cluster.local` and the default `exportTo` (`*`). It reads the sidecar data plane: pods in the
//! export without a sidecar, ambient pods included, are left out, and when the export has no pods
//! of a Service its workload templates (or its selector) stand for them, which the finding says.
//!
//! ## Why it matters
//!
//! A TLS mode written in a DestinationRule is used as written: auto mTLS only fills in a missing
//! one (`buildUpstreamTLSSettings`, `pilot/pkg/networking/core/cluster_tls.go`). With `DISABLE`
//! the client's proxy sends plaintext, and a `STRICT` server's proxy accepts only "an mTLS tunnel
//! (TLS with client cert must be presented)" (the PeerAuthentication reference). The server's proxy
//! resets the connection and the client gets HTTP 503 from its own proxy (`upstream connect error
//! or disconnect/reset before headers`), the case Istio's troubleshooting page describes under "503
//! errors after setting destination rule". The plan imports both objects into ASM unchanged
//! (MIG507), so the failure moves with them; fix it before migrating, so that it is not taken for a
//! fault of the switch.
//!
//! ## How to fix
//!
//! Make both sides agree: set `tls.mode: ISTIO_MUTUAL` in the DestinationRule for these hosts (or
//! remove its `tls` block so that auto mTLS chooses), or, if these clients must send plaintext, set
//! the PeerAuthentication (or a workload or port exception) to `PERMISSIVE`. The finding's commands
//! show both modes and the server's effective PeerAuthentication, before and after the fix.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get destinationrule reviews -o yaml
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo x describe pod reviews-v1-6f7d9c5b8-k2x4q
//! ```
//!
//! ## Example
//!
//! ```yaml
//! apiVersion: security.istio.io/v1
//! kind: PeerAuthentication
//! metadata: {name: default, namespace: bookinfo}
//! spec:
//!   mtls: {mode: STRICT}
//! ---
//! apiVersion: networking.istio.io/v1
//! kind: DestinationRule
//! metadata: {name: reviews, namespace: bookinfo}
//! spec:
//!   host: reviews
//!   trafficPolicy:
//!     tls: {mode: DISABLE}
//! ```
//!
//! `istio-config.yaml:7:1: error[MIG706]: DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)`

// Sources, beyond those the page names:
// - Kiali's pairs and severities: kiali/kiali `models/istio_validation.go` (KIA0207
//   "PeerAuthentication with TLS strict mode found, it should be permissive", KIA0208
//   "PeerAuthentication enabling mTLS found, permissive mode needed", both errors),
//   `business/checkers/destinationrules/disabled_meshwide_mtls_checker.go`, and kiali/kiali.io
//   `content/en/docs/Features/validations.md`.
// - PeerAuthentication: istio/api `security/v1beta1/peer_authentication.proto` (modes; `UNSET`
//   inherits, else PERMISSIVE; `portLevelMtls` needs a selector); istio.io reference
//   https://istio.io/latest/docs/reference/config/security/peer_authentication/ ("the port value in
//   the portLevelMtls field refers to the port of the workload, not the port of the Kubernetes
//   service"; "PeerAuthentication policies with workload selectors are ignored when deployed in the
//   root namespace"). ASM: https://help.aliyun.com/en/asm/sidecar/peer-authentication (mesh-level
//   policies go to istio-system). Oldest first: `initAuthenticationPolicies` in istio/istio
//   `pilot/pkg/model/authentication.go` sorts by `sortConfigByCreationTime` (creation time, then
//   name, then namespace).
// - DestinationRule: istio/istio `pilot/pkg/model/push_context.go` (`setDestinationRules`: which
//   rules are namespace-local, exported or root-local by `exportTo`; `destinationRule`: the lookup
//   order), `pilot/pkg/model/config.go` (`ResolveShortnameToFQDN`: only a host without a dot is
//   completed), `pilot/pkg/networking/util/util.go` (`GetPortLevelTrafficPolicy`,
//   `MergeSubsetTrafficPolicy`: a port entry replaces the policy's settings, tls included; a
//   subset's `tls` replaces the rule's), istio/istio.io
//   `content/en/docs/ops/best-practices/traffic-management/index.md` (the first top-level
//   `trafficPolicy` among rules for one host is used). The proto default of
//   `ClientTLSSettings.mode` is DISABLE (istio/api `networking/v1alpha3/destination_rule.proto`),
//   so a `tls` block without `mode` disables TLS.
// - The root namespace: istio/istio `pkg/config/mesh/mesh.go` (`DefaultMeshConfig`: istio-system).
// - The symptom: istio/istio.io `content/en/docs/ops/common-problems/network-issues/index.md`
//   ("503 errors after setting destination rule").
// - What `istioctl x describe pod` prints: istio/istio `istioctl/pkg/describe/describe.go`
//   ("Effective PeerAuthentication:", "Workload mTLS mode:", "Port Level mTLS mode:",
//   "Traffic Policy TLS Mode:", the last for a rule's top-level tls only).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::checks::Context;
use crate::codes::Code;
use crate::detect::{is_live, Role};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::kubectl::{Command, Target};
use crate::model::{display_name, Object, ServiceBody, ServicePort};
use crate::node::Node;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let found = conflicts(cx, Pair::StrictServer);
    let mut by_rule: BTreeMap<usize, Vec<&Conflict>> = BTreeMap::new();
    for conflict in &found.items {
        by_rule.entry(conflict.rule).or_default().push(conflict);
    }
    for (rule, items) in by_rule {
        let Some(dr) = cx.bundle.istio.get(rule) else {
            continue;
        };
        let peers = distinct(items.iter().map(|c| c.peer));
        let policies = peers
            .iter()
            .filter_map(|&peer| {
                let pa = cx.bundle.istio.get(peer)?;
                let scopes = items.iter().filter(|c| c.peer == peer).map(|c| c.scope);
                Some(policy_text(cx.lang, pa, scopes))
            })
            .collect::<Vec<_>>();
        let message = t!(
            cx.lang,
            "mig706-conflict",
            rule = display_name(&dr.meta),
            targets = targets_text(cx, &items),
            clients = client_namespaces(cx.lang, &found, &items)
                .map(|namespaces| t!(cx.lang, "mig706-clients", namespaces = namespaces))
                .unwrap_or_default(),
            policies = policies.join(&t!(cx.lang, "list-separator")),
        );
        let first_peer = peers
            .first()
            .and_then(|&peer| cx.bundle.istio.get(peer))
            .map(|pa| display_name(&pa.meta))
            .unwrap_or_default();
        let help = t!(
            cx.lang,
            "mig706-help",
            rule = display_name(&dr.meta),
            policy = first_peer,
        ) + &assumed_text(cx, &items);
        let mut commands = vec![get_object("destinationrule", dr)];
        commands.extend(
            peers
                .iter()
                .filter_map(|&peer| cx.bundle.istio.get(peer))
                .map(|pa| get_object("peerauthentication", pa)),
        );
        commands.extend(describe_pod(cx, &items));
        let mut finding = Finding::new(Code::Mig706, message)
            .at(dr.object_ref(), dr.span)
            .help(help)
            .commands(commands);
        finding.related = peers
            .iter()
            .filter_map(|&peer| cx.bundle.istio.get(peer))
            .map(|pa| pa.span)
            .collect();
        out.push(finding);
    }
}

/// The pair of modes a check looks for: what the server's PeerAuthentication accepts and what the
/// client's DestinationRule sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pair {
    /// The server accepts only mTLS (`STRICT`), the client sends plaintext (`DISABLE`): MIG706.
    StrictServer,
    /// The server accepts only plaintext (`DISABLE`), the client sends Istio's mTLS
    /// (`ISTIO_MUTUAL`): MIG707.
    DisabledServer,
}

impl Pair {
    fn server(self) -> PeerMode {
        match self {
            Pair::StrictServer => PeerMode::Strict,
            Pair::DisabledServer => PeerMode::Disable,
        }
    }

    fn client(self) -> ClientMode {
        match self {
            Pair::StrictServer => ClientMode::Disable,
            Pair::DisabledServer => ClientMode::IstioMutual,
        }
    }
}

/// A PeerAuthentication mode (`security.istio.io` `MutualTLS.Mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeerMode {
    Unset,
    Disable,
    Permissive,
    Strict,
}

impl PeerMode {
    /// The mode of an `mtls` block; a missing block, a missing mode or a value the API would not
    /// accept inherit (`UNSET`).
    fn of(mtls: Option<&Node>) -> PeerMode {
        match mtls.and_then(|m| m.str_at(&["mode"])) {
            Some("DISABLE") => PeerMode::Disable,
            Some("PERMISSIVE") => PeerMode::Permissive,
            Some("STRICT") => PeerMode::Strict,
            _ => PeerMode::Unset,
        }
    }
}

/// A DestinationRule's client TLS mode (`ClientTLSSettings.TLSmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClientMode {
    Disable,
    Simple,
    Mutual,
    IstioMutual,
}

impl ClientMode {
    /// The mode of a `tls` block: none for no block (auto mTLS decides) or an unknown mode; a block
    /// without `mode` is `DISABLE`, the proto default.
    fn of(tls: &Node) -> Option<ClientMode> {
        if !matches!(tls, Node::Map(_)) {
            return None;
        }
        match tls.get("mode") {
            None | Some(Node::Null) => Some(ClientMode::Disable),
            Some(mode) => match mode.as_str()? {
                "DISABLE" => Some(ClientMode::Disable),
                "SIMPLE" => Some(ClientMode::Simple),
                "MUTUAL" => Some(ClientMode::Mutual),
                "ISTIO_MUTUAL" => Some(ClientMode::IstioMutual),
                _ => None,
            },
        }
    }
}

/// Where a PeerAuthentication's decisive mode is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Scope {
    /// A policy without selector in the root namespace.
    Mesh,
    /// A policy without selector in the workload's namespace.
    Namespace,
    /// A policy whose selector matches the workload.
    Workload,
    /// An entry of a workload policy's `portLevelMtls` (a container port).
    Port(i64),
}

/// One Service port whose clients and servers disagree, and why.
#[derive(Debug, Clone)]
pub(super) struct Conflict {
    /// The DestinationRule (index into `Bundle::istio`) whose TLS mode the clients use.
    pub(super) rule: usize,
    /// The PeerAuthentication (index into `Bundle::istio`) whose mode the server enforces.
    pub(super) peer: usize,
    /// Where that mode is set.
    pub(super) scope: Scope,
    /// The Service (index into `Bundle::services`).
    pub(super) service: usize,
    /// The Service port.
    pub(super) port: i64,
    /// The DestinationRule subset the traffic goes to, when it is a subset's own TLS setting.
    pub(super) subset: Option<String>,
    /// The namespaces whose clients use this rule for the Service (positions in
    /// `Conflicts::namespaces`).
    pub(super) clients: Clients,
    /// A pod of the Service that has the conflict (index into `Bundle::pods`), when the export
    /// has its pods.
    pub(super) pod: Option<usize>,
    /// Whether the export has no running pod of the Service, so that its workload templates or its
    /// selector stood for the pods.
    pub(super) assumed: bool,
}

/// Every conflict of one pair, and the namespaces clients were looked for in.
#[derive(Debug, Default)]
pub(super) struct Conflicts {
    /// The conflicts, one per rule, policy, scope, Service port and subset.
    pub(super) items: Vec<Conflict>,
    /// Every namespace of the export (and the root namespace), sorted: a conflict whose clients
    /// are all of them names no client namespace.
    pub(super) namespaces: Vec<String>,
}

/// A set of namespaces, as bits over `Conflicts::namespaces`: a large export has thousands of
/// Services and hundreds of namespaces, and each Service's clients are merged into its conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Clients(Vec<u64>);

impl Clients {
    fn insert(&mut self, position: usize) {
        let word = position / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (position % 64);
    }

    fn extend(&mut self, other: &Clients) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
    }

    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(word, bits)| {
            (0..64)
                .filter(move |bit| bits & (1 << bit) != 0)
                .map(move |bit| word * 64 + bit)
        })
    }
}

/// The cluster domain Kubernetes Services are named under; Istio's default, assumed.
const DOMAIN: &str = "cluster.local";

/// A PeerAuthentication, read.
struct Peer<'a> {
    index: usize,
    ns: &'a str,
    selector: Vec<(&'a str, String)>,
    mode: PeerMode,
    ports: Vec<(i64, PeerMode)>,
    order: (&'a str, &'a str),
}

/// A DestinationRule, read.
struct Rule<'a> {
    index: usize,
    position: usize,
    ns: &'a str,
    host: String,
    export: BTreeSet<&'a str>,
    selector: bool,
    policy: Option<&'a Node>,
    subsets: &'a [Node],
    relevant: bool,
}

impl Rule<'_> {
    /// In the client-namespace index of its own namespace (`setDestinationRules`).
    fn local(&self) -> bool {
        self.export.is_empty()
            || self.export.contains("*")
            || self.export.contains(".")
            || self.export.contains(self.ns)
    }

    /// Visible to its own namespace only.
    fn private_only(&self) -> bool {
        self.export.len() == 1 && (self.export.contains(".") || self.export.contains(self.ns))
    }

    /// Exported to clients in `client` (`getExportedDestinationRuleFromNamespace`).
    fn exported_to(&self, client: &str) -> bool {
        self.export.is_empty() || self.export.contains("*") || self.export.contains(client)
    }
}

/// The server side of a Service: a set of pod labels and the container ports that go with it.
struct Backend<'a> {
    labels: Cow<'a, BTreeMap<String, String>>,
    ports: Vec<(Option<&'a str>, i64)>,
    pod: Option<usize>,
}

/// Where a Service's backends were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    Pods,
    Templates,
    Selector,
}

/// The policy (index into `Bundle::istio`) that set a mode, and where; `None` for the default.
type SetBy = Option<(usize, Scope)>;

/// The PeerAuthentication in effect for one workload.
struct Effective {
    mode: PeerMode,
    from: SetBy,
    ports: Vec<(i64, PeerMode, SetBy)>,
}

impl Effective {
    /// The mode on a container port, with the policy that set it; `None` when only the default
    /// (PERMISSIVE) applies, or when the port is unknown and port exceptions exist.
    fn at(&self, port: Option<i64>) -> Option<(PeerMode, usize, Scope)> {
        let (mode, from) = match port {
            Some(port) => self
                .ports
                .iter()
                .find(|(p, _, _)| *p == port)
                .map_or((self.mode, self.from), |(_, mode, from)| (*mode, *from)),
            None if !self.ports.is_empty() => return None,
            None => (self.mode, self.from),
        };
        from.map(|(peer, scope)| (mode, peer, scope))
    }
}

/// The mesh root namespace: the mesh config's `rootNamespace` (the default revision's first),
/// else Istio's default.
fn root_namespace<'a>(cx: &Context<'a>) -> &'a str {
    let configs = &cx.facts.mesh_configs;
    configs
        .iter()
        .filter(|m| m.revision == "default")
        .chain(configs.iter())
        .find_map(|m| m.root_namespace.as_deref())
        .unwrap_or("istio-system")
}

fn peers<'a>(cx: &Context<'a>) -> Vec<Peer<'a>> {
    let mut peers: Vec<Peer> = cx
        .bundle
        .istio
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == "PeerAuthentication")
        .map(|(index, o)| {
            let spec = o.body.get("spec");
            let selector = spec
                .and_then(|s| s.at(&["selector", "matchLabels"]))
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|(k, v)| Some((k.as_ref(), v.scalar_text()?)))
                .collect();
            let ports = spec
                .and_then(|s| s.get("portLevelMtls"))
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|(port, mtls)| Some((port.parse().ok()?, PeerMode::of(Some(mtls)))))
                .collect();
            Peer {
                index,
                ns: o.ns(),
                selector,
                mode: PeerMode::of(spec.and_then(|s| s.get("mtls"))),
                ports,
                order: (
                    o.body
                        .str_at(&["metadata", "creationTimestamp"])
                        .unwrap_or(""),
                    o.name(),
                ),
            }
        })
        .collect();
    // Istio keeps the oldest policy of a level: creation time, then name, then namespace (the
    // namespace is the same for the policies compared).
    peers.sort_by(|a, b| a.order.cmp(&b.order).then(a.ns.cmp(b.ns)));
    peers
}

/// The PeerAuthentication in effect for a workload with `labels` in `ns`
/// (`ComposePeerAuthentication`).
fn effective(peers: &[Peer], root: &str, ns: &str, labels: &BTreeMap<String, String>) -> Effective {
    let mesh = peers.iter().find(|p| p.ns == root && p.selector.is_empty());
    let (namespace, workload) = if ns == root {
        (None, None)
    } else {
        (
            peers.iter().find(|p| p.ns == ns && p.selector.is_empty()),
            peers.iter().find(|p| {
                p.ns == ns
                    && !p.selector.is_empty()
                    && p.selector
                        .iter()
                        .all(|(k, v)| labels.get(*k).is_some_and(|l| l == v))
            }),
        )
    };
    let mut mode = PeerMode::Permissive;
    let mut from = None;
    for (peer, scope) in [
        (mesh, Scope::Mesh),
        (namespace, Scope::Namespace),
        (workload, Scope::Workload),
    ] {
        if let Some(peer) = peer.filter(|p| p.mode != PeerMode::Unset) {
            mode = peer.mode;
            from = Some((peer.index, scope));
        }
    }
    let ports = workload
        .map(|w| {
            w.ports
                .iter()
                .map(|&(port, port_mode)| match port_mode {
                    PeerMode::Unset => (port, mode, from),
                    _ => (port, port_mode, Some((w.index, Scope::Port(port)))),
                })
                .collect()
        })
        .unwrap_or_default();
    Effective { mode, from, ports }
}

/// A rule's host with a short name completed in the rule's namespace (`ResolveShortnameToFQDN`).
fn resolve(host: &str, ns: &str) -> String {
    if host == "*" || host.contains('.') || host.parse::<core::net::IpAddr>().is_ok() {
        host.to_string()
    } else {
        format!("{host}.{ns}.svc.{DOMAIN}")
    }
}

/// Whether a rule's (resolved) host covers a Service's host.
fn covers(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix('*') {
        Some(suffix) => host.ends_with(suffix),
        None => pattern == host,
    }
}

/// Every `tls` block of a traffic policy: its own and its port entries'.
fn tls_blocks(policy: &Node) -> impl Iterator<Item = &Node> {
    policy.get("tls").into_iter().chain(
        policy
            .get("portLevelSettings")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.get("tls")),
    )
}

fn rules<'a>(cx: &Context<'a>, pair: Pair) -> Vec<Rule<'a>> {
    let mut rules: Vec<(Rule, (&str, &str))> = cx
        .bundle
        .istio
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == "DestinationRule")
        .filter_map(|(index, o)| {
            let spec = o.body.get("spec")?;
            let host = spec.str_at(&["host"]).filter(|h| !h.is_empty())?;
            let selector = spec
                .get("workloadSelector")
                .is_some_and(|s| !matches!(s, Node::Null));
            let export = if selector {
                // A rule with a workload selector is never exported (`setDestinationRules`).
                BTreeSet::from(["."])
            } else {
                spec.get("exportTo")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect()
            };
            let policy = spec
                .get("trafficPolicy")
                .filter(|p| matches!(p, Node::Map(_)));
            let subsets = spec.get("subsets").map(Node::items).unwrap_or_default();
            let wanted = Some(pair.client());
            let relevant = policy
                .into_iter()
                .chain(subsets.iter().filter_map(|s| s.get("trafficPolicy")))
                .flat_map(tls_blocks)
                .any(|tls| ClientMode::of(tls) == wanted);
            let order = (
                o.body
                    .str_at(&["metadata", "creationTimestamp"])
                    .unwrap_or(""),
                o.name(),
            );
            Some((
                Rule {
                    index,
                    position: 0,
                    ns: o.ns(),
                    host: resolve(host, o.ns()),
                    export,
                    selector,
                    policy,
                    subsets,
                    relevant,
                },
                order,
            ))
        })
        .collect();
    // Istio merges rules for one host oldest first: creation time, name, namespace.
    rules.sort_by(|(a, ao), (b, bo)| ao.cmp(bo).then(a.ns.cmp(b.ns)));
    rules
        .into_iter()
        .enumerate()
        .map(|(position, (rule, _))| Rule { position, ..rule })
        .collect()
}

/// The positions of rules in the sorted list.
fn positions(rules: &[&Rule]) -> Vec<usize> {
    rules.iter().map(|r| r.position).collect()
}

/// The rules of `candidates` for the most specific host that covers `host`
/// (`MostSpecificHostMatch`): an exact host first, else the longest wildcard.
fn most_specific<'r, 'a>(
    candidates: impl Iterator<Item = &'r Rule<'a>> + Clone,
    host: &str,
) -> Vec<&'r Rule<'a>> {
    let exact: Vec<&Rule> = candidates
        .clone()
        .filter(|r| !r.host.starts_with('*') && r.host == host)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let Some(best) = candidates
        .clone()
        .filter(|r| r.host.starts_with('*') && covers(&r.host, host))
        .map(|r| r.host.as_str())
        .max_by_key(|h| h.len())
    else {
        return Vec::new();
    };
    candidates.filter(|r| r.host == best).collect()
}

/// The rules (without workload selector) a client in `client` uses for a Service
/// (`PushContext::destinationRule`), oldest first.
fn chosen<'r, 'a>(
    rules: &'r [Rule<'a>],
    by_ns: &HashMap<&str, Vec<usize>>,
    root: &str,
    client: &str,
    host: &str,
    service_ns: &str,
) -> Vec<&'r Rule<'a>> {
    let in_ns = |ns: &str| {
        by_ns
            .get(ns)
            .into_iter()
            .flatten()
            .filter_map(|&i| rules.get(i))
            .filter(|r| !r.selector)
    };
    let local = if client == root {
        most_specific(in_ns(root).filter(|r| r.private_only()), host)
    } else {
        most_specific(in_ns(client).filter(|r| r.local()), host)
    };
    if !local.is_empty() {
        return local;
    }
    for owner in [service_ns, root] {
        let exported: Vec<&Rule> = most_specific(in_ns(owner).filter(|r| !r.private_only()), host)
            .into_iter()
            .filter(|r| r.exported_to(client))
            .collect();
        if !exported.is_empty() {
            return exported;
        }
    }
    Vec::new()
}

/// A traffic policy's `portLevelSettings` entry for a Service port, when it has one.
fn port_level_entry(policy: &Node, port: i64) -> Option<&Node> {
    policy
        .get("portLevelSettings")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .find(|p| {
            p.at(&["port", "number"])
                .and_then(Node::scalar_text)
                .and_then(|n| n.parse::<i64>().ok())
                == Some(port)
        })
}

/// The `tls` a traffic policy gives a Service port: a `portLevelSettings` entry for the port
/// replaces the policy's settings, tls included, even when it has none.
fn tls_for_port(policy: &Node, port: i64) -> Option<&Node> {
    match port_level_entry(policy, port) {
        Some(entry) => entry.get("tls"),
        None => policy.get("tls"),
    }
}

/// The container port a Service port reaches on a backend: `targetPort` as a number, or the
/// container port of that name; the Service port when `targetPort` is missing.
fn target(port: &ServicePort, backend: &Backend) -> Option<i64> {
    match port.target_port.as_deref() {
        None => Some(port.port),
        Some(target) => target.parse().ok().or_else(|| {
            backend
                .ports
                .iter()
                .find(|(name, _)| *name == Some(target))
                .map(|(_, number)| *number)
        }),
    }
}

/// The export's pods and workloads by namespace, and the pods that run a sidecar.
struct Index<'a> {
    pods: HashMap<&'a str, Vec<usize>>,
    workloads: HashMap<&'a str, Vec<usize>>,
    sidecars: HashSet<usize>,
}

impl<'a> Index<'a> {
    fn new(cx: &Context<'a>) -> Self {
        let mut pods: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, pod) in cx.bundle.pods.iter().enumerate() {
            pods.entry(pod.ns()).or_default().push(i);
        }
        let mut workloads: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, workload) in cx.bundle.workloads.iter().enumerate() {
            workloads.entry(workload.ns()).or_default().push(i);
        }
        let sidecars = cx
            .facts
            .proxies
            .iter()
            .filter(|p| p.role == Role::Sidecar)
            .map(|p| p.pod)
            .collect();
        Index {
            pods,
            workloads,
            sidecars,
        }
    }
}

/// The backends of a Service, or `None` when it has no selector or only pods without a sidecar
/// (which no PeerAuthentication reaches).
fn backends<'a>(
    cx: &Context<'a>,
    index: &Index,
    service: &'a Object<ServiceBody>,
) -> Option<(Vec<Backend<'a>>, Basis)> {
    let selector = &service.body.selector;
    if selector.is_empty() || service.body.service_type.as_deref() == Some("ExternalName") {
        return None;
    }
    let selects = |labels: &BTreeMap<String, String>| {
        selector
            .iter()
            .all(|(k, v)| labels.get(k).is_some_and(|l| l == v))
    };
    let pods: Vec<usize> = index
        .pods
        .get(service.ns())
        .into_iter()
        .flatten()
        .copied()
        .filter(|&i| {
            cx.bundle
                .pods
                .get(i)
                .is_some_and(|p| is_live(cx.bundle, i) && selects(&p.meta.labels))
        })
        .collect();
    if !pods.is_empty() {
        let mut seen: BTreeMap<&BTreeMap<String, String>, Backend> = BTreeMap::new();
        for i in pods.into_iter().filter(|i| index.sidecars.contains(i)) {
            let Some(pod) = cx.bundle.pods.get(i) else {
                continue;
            };
            seen.entry(&pod.meta.labels).or_insert_with(|| Backend {
                labels: Cow::Borrowed(&pod.meta.labels),
                ports: container_ports(&pod.body.spec.containers),
                pod: Some(i),
            });
        }
        let backends: Vec<Backend> = seen.into_values().collect();
        return (!backends.is_empty()).then_some((backends, Basis::Pods));
    }
    let templates: Vec<Backend> = index
        .workloads
        .get(service.ns())
        .into_iter()
        .flatten()
        .filter_map(|&i| cx.bundle.workloads.get(i))
        .filter(|w| selects(&w.body.template.labels))
        .map(|w| Backend {
            labels: Cow::Borrowed(&w.body.template.labels),
            ports: container_ports(&w.body.template.spec.containers),
            pod: None,
        })
        .collect();
    if !templates.is_empty() {
        return Some((templates, Basis::Templates));
    }
    Some((
        vec![Backend {
            labels: Cow::Borrowed(selector),
            ports: Vec::new(),
            pod: None,
        }],
        Basis::Selector,
    ))
}

fn container_ports(containers: &[crate::model::Container]) -> Vec<(Option<&str>, i64)> {
    containers
        .iter()
        .flat_map(|c| c.ports.iter().map(|(name, port)| (name.as_deref(), *port)))
        .collect()
}

/// Every conflict of `pair` in the export.
pub(super) fn conflicts(cx: &Context, pair: Pair) -> Conflicts {
    let peers = peers(cx);
    let server = pair.server();
    if !peers
        .iter()
        .any(|p| p.mode == server || p.ports.iter().any(|(_, m)| *m == server))
    {
        return Conflicts::default();
    }
    let rules = rules(cx, pair);
    if !rules.iter().any(|r| r.relevant) {
        return Conflicts::default();
    }
    let root = root_namespace(cx);
    let mut by_ns: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        by_ns.entry(rule.ns).or_default().push(i);
    }
    let namespaces = namespaces(cx, root);
    let position: HashMap<&str, usize> = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| (ns.as_str(), i))
        .collect();
    // The namespaces whose clients may see other rules than the rest: those with rules, those an
    // `exportTo` names, and the root namespace. Every other one sees what the first of them sees.
    let named: HashSet<&str> = rules
        .iter()
        .flat_map(|r| std::iter::once(r.ns).chain(r.export.iter().copied()))
        .chain([root])
        .collect();
    let mut plain = Clients::default();
    for (i, ns) in namespaces.iter().enumerate() {
        if !named.contains(ns.as_str()) {
            plain.insert(i);
        }
    }
    let first_plain = plain.positions().next().and_then(|i| namespaces.get(i));
    let index = Index::new(cx);
    type Key = (usize, usize, Scope, usize, i64, Option<String>);
    let mut found: BTreeMap<Key, Conflict> = BTreeMap::new();
    for (s, service) in cx.bundle.services.iter().enumerate() {
        let host = format!("{}.{}.svc.{DOMAIN}", service.name(), service.ns());
        if !rules.iter().any(|r| r.relevant && covers(&r.host, &host)) {
            continue;
        }
        let Some((backends, basis)) = backends(cx, &index, service) else {
            continue;
        };
        // The rules each client namespace uses (as positions in `rules`).
        let mut groups: BTreeMap<Vec<usize>, Clients> = BTreeMap::new();
        for (i, client) in namespaces.iter().enumerate() {
            if named.contains(client.as_str()) {
                let group = positions(&chosen(&rules, &by_ns, root, client, &host, service.ns()));
                if !group.is_empty() {
                    groups.entry(group).or_default().insert(i);
                }
            }
        }
        if let Some(client) = first_plain {
            let group = positions(&chosen(&rules, &by_ns, root, client, &host, service.ns()));
            if !group.is_empty() {
                groups.entry(group).or_default().extend(&plain);
            }
        }
        // A rule with a workload selector serves the clients it selects in its own namespace.
        for rule in rules
            .iter()
            .filter(|r| r.selector && covers(&r.host, &host))
        {
            if let Some(&i) = position.get(rule.ns) {
                groups.entry(vec![rule.position]).or_default().insert(i);
            }
        }
        let effective: Vec<Effective> = backends
            .iter()
            .map(|b| effective(&peers, root, service.ns(), &b.labels))
            .collect();
        for (group, clients) in groups {
            let group: Vec<&Rule> = group.iter().filter_map(|&p| rules.get(p)).collect();
            for hit in evaluate(
                &group, service, &backends, &effective, basis, pair, &peers, root,
            ) {
                let key = (
                    hit.rule,
                    hit.peer,
                    hit.scope,
                    s,
                    hit.port,
                    hit.subset.clone(),
                );
                let entry = found.entry(key).or_insert_with(|| Conflict {
                    service: s,
                    assumed: basis != Basis::Pods,
                    clients: Clients::default(),
                    ..hit
                });
                entry.clients.extend(&clients);
            }
        }
    }
    Conflicts {
        items: found.into_values().collect(),
        namespaces,
    }
}

/// The `tls` block a cluster uses and the rule (index into `Bundle::istio`) it comes from.
type TlsFrom<'n> = Option<(usize, &'n Node)>;

/// What one group of rules does to one Service: the conflicts, without clients.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    group: &[&Rule],
    service: &Object<ServiceBody>,
    backends: &[Backend],
    effects: &[Effective],
    basis: Basis,
    pair: Pair,
    peers: &[Peer],
    root: &str,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let top = group
        .iter()
        .find_map(|r| r.policy.map(|policy| (r.index, policy)));
    // Subsets of rules merged for one host: the first of each name wins.
    let mut subsets: Vec<(usize, &Node)> = Vec::new();
    for rule in group {
        for subset in rule.subsets {
            let name = subset.str_at(&["name"]);
            if !subsets.iter().any(|(_, s)| s.str_at(&["name"]) == name) {
                subsets.push((rule.index, subset));
            }
        }
    }
    for port in &service.body.ports {
        let base = top.and_then(|(rule, policy)| Some((rule, tls_for_port(policy, port.port)?)));
        let mut clusters: Vec<(Option<&Node>, TlsFrom)> = vec![(None, base)];
        for &(rule, subset) in &subsets {
            let Some(policy) = subset
                .get("trafficPolicy")
                .filter(|p| matches!(p, Node::Map(_)))
            else {
                continue;
            };
            // A subset's own settings, as `MergeSubsetTrafficPolicy` applies them; a subset that
            // changes nothing for this port sends what the default cluster sends, reported there.
            let own_tls = policy.get("tls").filter(|t| !matches!(t, Node::Null));
            let port_entry = port_level_entry(policy, port.port);
            let tls = match (port_entry, own_tls) {
                (Some(entry), _) => entry.get("tls").map(|t| (rule, t)),
                (None, Some(tls)) => Some((rule, tls)),
                (None, None) => continue,
            };
            clusters.push((Some(subset), tls));
        }
        for (subset, tls) in clusters {
            let Some((rule, tls)) = tls else {
                continue;
            };
            if ClientMode::of(tls) != Some(pair.client()) {
                continue;
            }
            let wanted: Vec<(&str, String)> = subset
                .and_then(|s| s.get("labels"))
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|(k, v)| Some((k.as_ref(), v.scalar_text()?)))
                .collect();
            let name = subset.and_then(|s| s.str_at(&["name"])).map(String::from);
            let mut hits: Vec<(PeerMode, usize, Scope, Option<usize>)> = Vec::new();
            if basis == Basis::Selector && !wanted.is_empty() {
                // Only the selector is known: the subset's pods carry it and the subset's labels.
                let mut labels = service.body.selector.clone();
                labels.extend(wanted.iter().map(|(k, v)| (k.to_string(), v.clone())));
                let backend = Backend {
                    labels: Cow::Owned(labels),
                    ports: Vec::new(),
                    pod: None,
                };
                let eff = effective(peers, root, service.ns(), &backend.labels);
                hits.extend(
                    eff.at(target(port, &backend))
                        .map(|(m, p, s)| (m, p, s, None)),
                );
            } else {
                for (backend, eff) in backends.iter().zip(effects) {
                    let member = wanted
                        .iter()
                        .all(|(k, v)| backend.labels.get(*k).is_some_and(|l| l == v));
                    if member {
                        hits.extend(
                            eff.at(target(port, backend))
                                .map(|(m, p, s)| (m, p, s, backend.pod)),
                        );
                    }
                }
            }
            for (mode, peer, scope, pod) in hits {
                if mode != pair.server()
                    || out.iter().any(|c: &Conflict| {
                        (c.rule, c.peer, c.scope, c.port, &c.subset)
                            == (rule, peer, scope, port.port, &name)
                    })
                {
                    continue;
                }
                out.push(Conflict {
                    rule,
                    peer,
                    scope,
                    service: 0,
                    port: port.port,
                    subset: name.clone(),
                    clients: Clients::default(),
                    pod,
                    assumed: false,
                });
            }
        }
    }
    out
}

/// The namespaces of the export, where clients may run, and the root namespace.
fn namespaces(cx: &Context, root: &str) -> Vec<String> {
    let bundle = cx.bundle;
    bundle
        .namespaces
        .keys()
        .map(String::as_str)
        .chain(bundle.pods.iter().map(|o| o.ns()))
        .chain(bundle.workloads.iter().map(|o| o.ns()))
        .chain(bundle.services.iter().map(|o| o.ns()))
        .chain(bundle.istio.iter().map(|o| o.ns()))
        .chain([root])
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .map(String::from)
        .collect()
}

/// Distinct values in first-seen order.
pub(super) fn distinct(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// At most `shown` items joined, with the count of the rest.
fn capped(lang: Lang, items: &[String], shown: usize) -> String {
    let mut text = items
        .iter()
        .take(shown)
        .cloned()
        .collect::<Vec<_>>()
        .join(&t!(lang, "list-separator"));
    if items.len() > shown {
        text.push_str(&t!(lang, "pod-list-more", count = items.len() - shown));
    }
    text
}

/// `reviews.bookinfo:9080`, `reviews.bookinfo:9080 subset v2`, in the order of the export.
pub(super) fn targets_text(cx: &Context, items: &[&Conflict]) -> String {
    let mut keys: Vec<(usize, i64, Option<&str>)> = items
        .iter()
        .map(|c| (c.service, c.port, c.subset.as_deref()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let texts: Vec<String> = keys
        .into_iter()
        .filter_map(|(service, port, subset)| {
            let service = cx.bundle.services.get(service)?;
            let host = match service.ns() {
                "" => service.name().to_string(),
                ns => format!("{}.{ns}", service.name()),
            };
            Some(match subset {
                None => t!(cx.lang, "mtls-target", host = host, port = port),
                Some(subset) => t!(
                    cx.lang,
                    "mtls-target-subset",
                    host = host,
                    port = port,
                    subset = subset
                ),
            })
        })
        .collect();
    capped(cx.lang, &texts, 8)
}

/// A policy with where its mode is set: `bookinfo/default (namespace-wide)`.
pub(super) fn policy_text(
    lang: Lang,
    policy: &Object<Node>,
    scopes: impl Iterator<Item = Scope>,
) -> String {
    let scopes: BTreeSet<Scope> = scopes.collect();
    let words: Vec<String> = scopes
        .into_iter()
        .map(|scope| match scope {
            Scope::Mesh => t!(lang, "mtls-scope-mesh"),
            Scope::Namespace => t!(lang, "mtls-scope-namespace"),
            Scope::Workload => t!(lang, "mtls-scope-workload"),
            Scope::Port(port) => t!(lang, "mtls-scope-port", port = port),
        })
        .collect();
    t!(
        lang,
        "mtls-policy",
        object = display_name(&policy.meta),
        scopes = words.join(&t!(lang, "list-separator"))
    )
}

/// The client namespaces of some conflicts, joined, or `None` when they are every namespace of
/// the export.
pub(super) fn client_namespaces(
    lang: Lang,
    found: &Conflicts,
    items: &[&Conflict],
) -> Option<String> {
    let mut clients = Clients::default();
    for item in items {
        clients.extend(&item.clients);
    }
    if clients.len() >= found.namespaces.len() {
        return None;
    }
    let names: Vec<String> = clients
        .positions()
        .filter_map(|i| found.namespaces.get(i))
        .map(|ns| {
            if ns.is_empty() {
                t!(lang, "mtls-context-namespace")
            } else {
                ns.clone()
            }
        })
        .collect();
    Some(capped(lang, &names, 3))
}

/// The sentence that says which Services had no running pods in the export, when some had none.
pub(super) fn assumed_text(cx: &Context, items: &[&Conflict]) -> String {
    let mut services: Vec<usize> = items
        .iter()
        .filter(|c| c.assumed)
        .map(|c| c.service)
        .collect();
    services.sort_unstable();
    services.dedup();
    let names: Vec<String> = services
        .into_iter()
        .filter_map(|s| cx.bundle.services.get(s))
        .map(|s| display_name(&s.meta))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    t!(
        cx.lang,
        "mtls-assumed",
        services = capped(cx.lang, &names, 5)
    )
}

/// `kubectl -n NS get KIND NAME -o yaml`.
pub(super) fn get_object(resource: &str, object: &Object<Node>) -> Command {
    Command::kubectl(Target::Cluster, "get")
        .resource(resource)
        .name(object.name())
        .args(["-o", "yaml"])
        .in_namespace(object.ns())
}

/// `istioctl x describe pod` of the first pod the conflicts name, if the export has one.
pub(super) fn describe_pod(cx: &Context, items: &[&Conflict]) -> Option<Command> {
    let pod = items
        .iter()
        .find_map(|c| c.pod)
        .and_then(|i| cx.bundle.pods.get(i))?;
    Some(
        Command::istioctl("x describe pod")
            .name(pod.name())
            .in_namespace(pod.ns()),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::checks::testing::{check, commands, findings_with};
    use crate::codes::{Code, Severity};
    use crate::i18n::Lang;
    use crate::settings::Settings;

    /// A Service `name` in `ns` on port 9080, selecting `app: name`, with one pod that runs
    /// Istio's sidecar.
    pub(crate) fn service(name: &str, ns: &str) -> String {
        format!(
            r#"---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    app: {name}
  ports:
  - name: http
    port: 9080
    targetPort: 9080
---
apiVersion: v1
kind: Pod
metadata:
  name: {name}-v1-abc12
  namespace: {ns}
  labels:
    app: {name}
    version: v1
spec:
  containers:
  - name: {name}
    image: docker.io/istio/examples-bookinfo-{name}-v1:1.20.2
    ports:
    - containerPort: 9080
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
    args: [proxy, sidecar]
status:
  phase: Running
"#
        )
    }

    /// A PeerAuthentication; `spec` is indented YAML under `spec:`.
    pub(crate) fn peer(name: &str, ns: &str, spec: &str) -> String {
        format!(
            "---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{spec}"
        )
    }

    /// A DestinationRule; `spec` is indented YAML under `spec:`.
    pub(crate) fn rule(name: &str, ns: &str, spec: &str) -> String {
        format!(
            "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{spec}"
        )
    }

    const STRICT: &str = "  mtls:\n    mode: STRICT\n";

    fn plain(host: &str) -> String {
        format!("  host: {host}\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n")
    }

    fn error(message: &str) -> Vec<(Severity, String)> {
        vec![(Severity::Error, message.to_string())]
    }

    #[test]
    fn a_namespace_wide_strict_policy_and_a_plaintext_rule_by_fqdn_conflict() {
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule(
                "reviews",
                "bookinfo",
                &plain("reviews.bookinfo.svc.cluster.local"),
            );
        assert_eq!(
            check(&yaml, Code::Mig706),
            error("DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
        assert_eq!(
            commands(&yaml, Code::Mig706),
            [[
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get destinationrule reviews -o yaml"#,
                r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo get peerauthentication default -o yaml"#,
                r#"istioctl --kubeconfig="${K8S_KUBECONFIG}" -n bookinfo x describe pod reviews-v1-abc12"#,
            ]]
        );
    }

    #[test]
    fn a_short_host_is_completed_in_the_rules_namespace() {
        let policy = peer("default", "bookinfo", STRICT);
        let yaml = service("reviews", "bookinfo")
            + &policy
            + &rule("reviews", "bookinfo", &plain("reviews"));
        assert_eq!(check(&yaml, Code::Mig706).len(), 1);
        // The same short name in another namespace names another Service.
        let elsewhere = service("reviews", "bookinfo")
            + &policy
            + &rule("reviews", "frontend", &plain("reviews"));
        assert_eq!(check(&elsewhere, Code::Mig706), []);
        // `name.ns` has a dot, so Istio takes it as written: it matches no Service.
        let dotted = service("reviews", "bookinfo")
            + &policy
            + &rule("reviews", "bookinfo", &plain("reviews.bookinfo"));
        assert_eq!(check(&dotted, Code::Mig706), []);
    }

    #[test]
    fn a_wildcard_rule_covers_every_service_of_its_suffix() {
        let yaml = service("reviews", "bookinfo")
            + &service("ratings", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule(
                "disable-mtls",
                "bookinfo",
                &plain("\"*.bookinfo.svc.cluster.local\""),
            );
        assert_eq!(
            check(&yaml, Code::Mig706),
            error("DestinationRule bookinfo/disable-mtls sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, ratings.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
        // A rule for the exact host is more specific than the wildcard and sends mTLS.
        let exact = yaml
            + &rule(
                "reviews",
                "bookinfo",
                "  host: reviews\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n",
            );
        assert_eq!(
            check(&exact, Code::Mig706),
            error("DestinationRule bookinfo/disable-mtls sends plaintext (tls mode DISABLE) to ratings.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
    }

    #[test]
    fn a_workload_policy_that_does_not_select_the_pods_does_not_count() {
        let workload =
            "  selector:\n    matchLabels:\n      app: ratings\n  mtls:\n    mode: STRICT\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("ratings-strict", "bookinfo", workload)
            + &rule("reviews", "bookinfo", &plain("reviews"));
        assert_eq!(check(&yaml, Code::Mig706), []);
        let selects = yaml.replace("app: ratings\n  mtls", "app: reviews\n  mtls");
        assert_eq!(
            check(&selects, Code::Mig706),
            error("DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/ratings-strict (workload)")
        );
    }

    #[test]
    fn a_permissive_port_exception_on_the_container_port_resolves_it() {
        let exception = "  selector:\n    matchLabels:\n      app: reviews\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    9080:\n      mode: PERMISSIVE\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("reviews", "bookinfo", exception)
            + &rule("reviews", "bookinfo", &plain("reviews"));
        assert_eq!(check(&yaml, Code::Mig706), []);
        // The exception names the container port: on another port, STRICT still holds.
        let other = yaml.replace(
            "    9080:\n      mode: PERMISSIVE",
            "    8080:\n      mode: PERMISSIVE",
        );
        assert_eq!(check(&other, Code::Mig706).len(), 1);
        // A port exception can also be what requires mTLS.
        let strict_port = "  selector:\n    matchLabels:\n      app: reviews\n  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    9080:\n      mode: STRICT\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("reviews", "bookinfo", strict_port)
            + &rule("reviews", "bookinfo", &plain("reviews"));
        assert_eq!(
            check(&yaml, Code::Mig706),
            error("DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/reviews (port 9080)")
        );
    }

    #[test]
    fn the_oldest_policy_and_the_oldest_rule_of_a_level_win() {
        let created = |yaml: String, at: &str| {
            yaml.replacen(
                "metadata:\n",
                &format!("metadata:\n  creationTimestamp: \"{at}\"\n"),
                1,
            )
        };
        let older_permissive = created(
            peer(
                "a-permissive",
                "bookinfo",
                "  mtls:\n    mode: PERMISSIVE\n",
            ),
            "2024-01-01T00:00:00Z",
        );
        let newer_strict = created(peer("b-strict", "bookinfo", STRICT), "2024-06-01T00:00:00Z");
        let plaintext = rule("reviews", "bookinfo", &plain("reviews"));
        let yaml = service("reviews", "bookinfo") + &newer_strict + &older_permissive + &plaintext;
        assert_eq!(check(&yaml, Code::Mig706), []);
        let swapped = yaml.replace("2024-01-01T00:00:00Z", "2024-09-01T00:00:00Z");
        assert_eq!(check(&swapped, Code::Mig706).len(), 1);
        // Of two rules for one host, the older top-level trafficPolicy is the one clients use.
        let mutual = created(
            rule(
                "reviews-mtls",
                "bookinfo",
                "  host: reviews\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n",
            ),
            "2024-01-01T00:00:00Z",
        );
        let plaintext = created(plaintext, "2024-06-01T00:00:00Z");
        let yaml = service("reviews", "bookinfo") + &newer_strict + &plaintext + &mutual;
        assert_eq!(check(&yaml, Code::Mig706), []);
        let swapped = yaml.replace("2024-01-01T00:00:00Z", "2024-09-01T00:00:00Z");
        assert_eq!(check(&swapped, Code::Mig706).len(), 1);
    }

    #[test]
    fn a_rules_port_level_settings_replace_its_tls_for_that_port() {
        let spec = "  host: reviews\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n    portLevelSettings:\n    - port:\n        number: 9080\n      tls:\n        mode: ISTIO_MUTUAL\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", spec);
        assert_eq!(check(&yaml, Code::Mig706), []);
        let plain_port = "  host: reviews\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 9080\n      tls:\n        mode: DISABLE\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", plain_port);
        assert_eq!(check(&yaml, Code::Mig706).len(), 1);
    }

    #[test]
    fn a_subsets_own_tls_reaches_only_its_pods() {
        let spec = "  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n    trafficPolicy:\n      tls:\n        mode: DISABLE\n  - name: v2\n    labels:\n      version: v2\n    trafficPolicy:\n      tls:\n        mode: DISABLE\n";
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", spec);
        // Only v1 has a pod in the export.
        assert_eq!(
            check(&yaml, Code::Mig706),
            error("DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080 subset v1, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
    }

    #[test]
    fn a_mesh_wide_strict_policy_in_istio_system_counts_everywhere() {
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "istio-system", STRICT)
            + &rule("disable-mtls", "bookinfo", &plain("\"*.local\""));
        assert_eq!(
            check(&yaml, Code::Mig706),
            error("DestinationRule bookinfo/disable-mtls sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication istio-system/default (mesh-wide)")
        );
        // A namespace policy overrides the mesh's, and a policy elsewhere is no mesh policy.
        let permissive =
            yaml.clone() + &peer("default", "bookinfo", "  mtls:\n    mode: PERMISSIVE\n");
        assert_eq!(check(&permissive, Code::Mig706), []);
        let unset = yaml.clone() + &peer("default", "bookinfo", "  mtls: {}\n");
        assert_eq!(check(&unset, Code::Mig706).len(), 1);
        let elsewhere = yaml.replace("namespace: istio-system", "namespace: other");
        assert_eq!(check(&elsewhere, Code::Mig706), []);
    }

    #[test]
    fn the_mesh_configs_root_namespace_holds_the_mesh_policy() {
        let mesh = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |-\n    rootNamespace: istio-config\n";
        let yaml = service("reviews", "bookinfo")
            + mesh
            + &peer("default", "istio-config", STRICT)
            + &rule("disable-mtls", "bookinfo", &plain("\"*.local\""));
        assert_eq!(check(&yaml, Code::Mig706).len(), 1);
        let system = yaml.replace("namespace: istio-config", "namespace: istio-system");
        assert_eq!(check(&system, Code::Mig706), []);
    }

    #[test]
    fn a_rule_in_another_namespace_serves_only_the_clients_it_is_exported_to() {
        let policy = peer("default", "bookinfo", STRICT);
        let fqdn = plain("reviews.bookinfo.svc.cluster.local");
        // In the client's own namespace the rule applies to that namespace's clients.
        let local = service("reviews", "bookinfo")
            + &service("productpage", "frontend")
            + &policy
            + &rule(
                "reviews",
                "frontend",
                &(fqdn.clone() + "  exportTo:\n  - \".\"\n"),
            );
        assert_eq!(
            check(&local, Code::Mig706),
            error("DestinationRule frontend/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080 from clients in frontend, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
        // Exported elsewhere but not to itself, a rule outside the Service's and the root
        // namespace serves nobody: Istio reads exported rules only from those two.
        let exported = service("reviews", "bookinfo")
            + &service("productpage", "frontend")
            + &policy
            + &rule(
                "reviews",
                "frontend",
                &(fqdn.clone() + "  exportTo:\n  - bookinfo\n"),
            );
        assert_eq!(check(&exported, Code::Mig706), []);
        // In the Service's namespace and exported everywhere, it serves every client.
        let everywhere = service("reviews", "bookinfo")
            + &service("productpage", "frontend")
            + &policy
            + &rule("reviews", "bookinfo", &(fqdn + "  exportTo:\n  - \"*\"\n"));
        assert_eq!(
            check(&everywhere, Code::Mig706),
            error("DestinationRule bookinfo/reviews sends plaintext (tls mode DISABLE) to reviews.bookinfo:9080, but the pods there accept only mTLS (STRICT) under PeerAuthentication bookinfo/default (namespace-wide)")
        );
    }

    #[test]
    fn pods_without_a_sidecar_are_not_reached_by_the_policy() {
        let yaml = (service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", &plain("reviews")))
        .replace(
            "  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.22.3\n    args: [proxy, sidecar]\n",
            "",
        );
        assert_eq!(check(&yaml, Code::Mig706), []);
    }

    #[test]
    fn without_pods_the_finding_says_what_it_assumes() {
        let yaml = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  selector:\n    app: reviews\n  ports:\n  - port: 9080\n".to_string()
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", &plain("reviews"));
        let analysis = crate::checks::testing::analysis(&yaml);
        let finding = analysis
            .findings
            .iter()
            .find(|f| f.code == Code::Mig706)
            .expect("a finding");
        let help = finding.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("The export holds no running pods of bookinfo/reviews"),
            "{help}"
        );
        assert_eq!(finding.commands.len(), 2, "no pod to describe");
        assert_eq!(finding.related.len(), 1);
        // The text report points at the policy as the other side, not as a first copy.
        let text = crate::report::finding_text(&analysis, finding, false);
        assert!(text.contains("\n  = see also test.yaml:13:1\n"), "{text}");
    }

    #[test]
    fn both_languages_report_it() {
        let yaml = service("reviews", "bookinfo")
            + &peer("default", "bookinfo", STRICT)
            + &rule("reviews", "bookinfo", &plain("reviews"));
        let zh = Settings {
            asm_version: Some("1.24.6".into()),
            lang: Lang::ZhCn,
            ..Settings::default()
        };
        let found: Vec<String> = findings_with(&yaml, &zh)
            .into_iter()
            .filter(|(code, _, _)| *code == Code::Mig706)
            .map(|(_, _, message)| message)
            .collect();
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("明文") && found[0].contains("bookinfo/reviews"),
            "{}",
            found[0]
        );
        assert_eq!(check(&yaml, Code::Mig706).len(), 1);
    }
}
