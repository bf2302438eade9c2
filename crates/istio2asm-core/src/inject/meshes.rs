//! Which injector webhook configurations give sidecars, and whose: recognition kept as data.
//!
//! - **Istio**: a configuration with a webhook whose name ends in `sidecar-injector.istio.io`
//!   (every webhook of Istio's chart is `{{.Prefix}}sidecar-injector.istio.io`, IH
//!   `manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml` L14-36;
//!   `istioctl x check-inject` counts configurations by the suffix `istio.io`,
//!   `istioctl/pkg/checkinject/checkinject.go` L286-293). Its revision is the configuration's
//!   `istio.io/rev` label (the chart sets it, and for a revision tag it is the tag's target,
//!   `revision-tags-mwc.yaml` L39-50), else the service `istiod-<rev>` it calls; its tag is
//!   `istio.io/tag`.
//! - **ASM**: no public source shows the webhook configuration ASM installs in a data-plane
//!   cluster. A configuration counts as ASM's when one of its webhooks selects on the ASM opt-in
//!   label (setting `asm-label`, the label the seed's procedure puts on workloads to move them) and
//!   it is not Istio's. The report says this is an assumption and gives the command that shows the
//!   configuration on the live cluster.

use crate::model::{Object, Webhook, WebhookBody};
use crate::selector::LabelSelector;

/// Whose sidecar an injector gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mesh {
    /// Community Istio.
    Istio,
    /// Alibaba Cloud Service Mesh.
    Asm,
}

impl Mesh {
    /// `istio` or `asm`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mesh::Istio => "istio",
            Mesh::Asm => "asm",
        }
    }
}

/// One way of recognising an injector configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A webhook's name ends with this suffix.
    WebhookNameSuffix(&'static str),
    /// A webhook's namespace or object selector names the ASM opt-in label's key (a setting).
    SelectsAsmLabel,
}

/// The rules, in the order they are tried: the first that holds decides the mesh. ASM's comes
/// first: Istio's chart never selects on the ASM label, while ASM (built from Istio) may well name
/// its webhooks `*sidecar-injector.istio.io` too.
pub const RULES: &[(Mesh, Rule, &str)] = &[
    (
        Mesh::Asm,
        Rule::SelectsAsmLabel,
        "a webhook selects on the ASM opt-in label (setting asm-label); an assumption: no public source shows ASM's configuration",
    ),
    (
        Mesh::Istio,
        Rule::WebhookNameSuffix("sidecar-injector.istio.io"),
        "a webhook named *sidecar-injector.istio.io (Istio's chart, mutatingwebhook.yaml)",
    ),
];

/// An injector configuration, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Configuration {
    /// `metadata.name`.
    pub name: String,
    /// Whose sidecar it gives.
    pub mesh: Mesh,
    /// Istio: the revision it injects (a tag's target revision); ASM: none.
    pub revision: Option<String>,
    /// Istio: the revision tag it serves.
    pub tag: Option<String>,
    /// How it was recognised.
    pub evidence: &'static str,
    /// Whether every webhook is deactivated with istioctl's `never-match` selectors.
    pub deactivated: bool,
    /// Its webhooks, in list order.
    pub webhooks: Vec<Webhook>,
}

/// `istio.io/deactivated: never-match`, the selector istioctl writes on both selectors of every
/// webhook of the default revision's configuration when a `default` tag takes over
/// (`istioctl/pkg/util/common.go` L27-31, `istioctl/pkg/tag/util.go` L201-229).
pub const NEVER_MATCH: (&str, &str) = ("istio.io/deactivated", "never-match");

/// Whether a webhook is deactivated with `never-match` on both selectors.
pub fn is_never_match(hook: &Webhook) -> bool {
    let (key, value) = NEVER_MATCH;
    hook.namespace_selector.is_only_label(key, value)
        && hook.object_selector.is_only_label(key, value)
}

/// Recognises an injector configuration by [`RULES`]; `None` for any other configuration.
pub fn recognise(config: &Object<WebhookBody>, asm_label_key: &str) -> Option<Configuration> {
    let hooks = &config.body.webhooks;
    let selects = |s: &LabelSelector| s.requirements().iter().any(|r| r.key == asm_label_key);
    let (mesh, _, evidence) = RULES.iter().find(|(_, rule, _)| match rule {
        Rule::WebhookNameSuffix(suffix) => hooks.iter().any(|h| h.name.ends_with(suffix)),
        Rule::SelectsAsmLabel => hooks
            .iter()
            .any(|h| selects(&h.namespace_selector) || selects(&h.object_selector)),
    })?;
    let revision = match mesh {
        Mesh::Istio => config
            .meta
            .label("istio.io/rev")
            .map(String::from)
            .or_else(|| {
                hooks.iter().find_map(|h| {
                    let service = h.service.as_ref()?;
                    match service.name.as_str() {
                        "istiod" => Some("default".to_string()),
                        name => name.strip_prefix("istiod-").map(String::from),
                    }
                })
            }),
        Mesh::Asm => None,
    };
    Some(Configuration {
        name: config.name().to_string(),
        mesh: *mesh,
        revision,
        tag: match mesh {
            Mesh::Istio => config.meta.label("istio.io/tag").map(String::from),
            Mesh::Asm => None,
        },
        evidence,
        deactivated: !hooks.is_empty() && hooks.iter().all(is_never_match),
        webhooks: hooks.clone(),
    })
}
