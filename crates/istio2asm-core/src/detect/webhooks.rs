//! Istio's webhook configurations: which belong to its control plane (the Finished gate and the
//! clean-up delete them), and the injector ConfigMaps the simulation (`inject`) reads.

use serde::de::DeserializeSeed;

use crate::finding::ObjectRef;
use crate::i18n::Lang;
use crate::model::Bundle;
use crate::node::{Node, NodeSeed};
use crate::selector::LabelSelector;
use crate::source::Span;

/// Whether a webhook configuration belongs to Istio's control plane, by the names Istio's
/// installers give them.
pub fn is_istio_webhook(name: &str) -> bool {
    name.starts_with("istio-sidecar-injector")
        || name.starts_with("istio-validator")
        || name.starts_with("istiod-")
        || name.starts_with("istio-revision-tag-")
}

/// What Istio's injector reads from its ConfigMap `istio-sidecar-injector[-<rev>]` (key `config`)
/// before it decides to inject: IH `pkg/kube/inject/inject.go` `injectRequired` L242-291
/// (`INJECTION.md` §2.1).
#[derive(Debug, Clone, PartialEq)]
pub struct InjectorConfig {
    /// The ConfigMap.
    pub object: ObjectRef,
    /// Where it starts.
    pub span: Span,
    /// The revision it serves (`default` for `istio-sidecar-injector`).
    pub revision: String,
    /// `policy` (`enabled` or `disabled`; anything else is refused by the injector).
    pub policy: Option<String>,
    /// `neverInjectSelector`.
    pub never: Vec<LabelSelector>,
    /// `alwaysInjectSelector`.
    pub always: Vec<LabelSelector>,
    /// Why the `config` key could not be read, when it could not.
    pub error: Option<String>,
}

/// The injector ConfigMaps: `istio-sidecar-injector` (revision `default`) and
/// `istio-sidecar-injector-<rev>`, the revision from the `istio.io/rev` label when set (the chart's
/// `istiod-injector-configmap.yaml` sets both).
pub(super) fn injector_configs(bundle: &Bundle, lang: Lang) -> Vec<InjectorConfig> {
    bundle
        .config_maps
        .iter()
        .filter_map(|cm| {
            let suffix = cm.name().strip_prefix("istio-sidecar-injector")?;
            let revision = match (cm.meta.label("istio.io/rev"), suffix.strip_prefix('-')) {
                (Some(rev), _) => rev.to_string(),
                (None, None) if suffix.is_empty() => "default".to_string(),
                (None, Some(rev)) => rev.to_string(),
                (None, None) => return None,
            };
            let mut config = InjectorConfig {
                object: cm.object_ref(),
                span: cm.span,
                revision,
                policy: None,
                never: Vec::new(),
                always: Vec::new(),
                error: None,
            };
            let Some(text) = cm.body.get("config") else {
                config.error = Some(t!(lang, "detect-injector-no-config"));
                return Some(config);
            };
            match serde_yaml::Deserializer::from_str(text)
                .next()
                .map(|doc| NodeSeed::new(64).deserialize(doc))
            {
                Some(Ok(node)) => {
                    config.policy = node.str_at(&["policy"]).map(String::from);
                    let selectors = |key| -> Vec<LabelSelector> {
                        node.get(key)
                            .map(Node::items)
                            .unwrap_or_default()
                            .iter()
                            .map(|s| LabelSelector::from_node(Some(s)))
                            .collect()
                    };
                    config.never = selectors("neverInjectSelector");
                    config.always = selectors("alwaysInjectSelector");
                }
                Some(Err(e)) => {
                    config.error =
                        Some(t!(lang, "detect-injector-not-yaml", error = e.to_string()));
                }
                None => config.error = Some(t!(lang, "detect-injector-empty")),
            }
            Some(config)
        })
        .collect()
}
