//! Istio's webhook configurations: which belong to its control plane (the Finished gate and the
//! clean-up delete them) and which inject sidecars (with the revision or tag they serve).

use crate::model::Bundle;

use super::Injector;

/// Whether a webhook configuration belongs to Istio's control plane, by the names Istio's
/// installers give them.
pub fn is_istio_webhook(name: &str) -> bool {
    name.starts_with("istio-sidecar-injector")
        || name.starts_with("istio-validator")
        || name.starts_with("istiod-")
        || name.starts_with("istio-revision-tag-")
}

/// Istio's injection webhook configurations: by name (`istio-sidecar-injector[-rev]`, revision
/// tags) or by a webhook named `*sidecar-injector.istio.io`.
pub(super) fn injectors(bundle: &Bundle) -> Vec<Injector> {
    bundle
        .webhooks
        .iter()
        .filter(|w| w.kind == "MutatingWebhookConfiguration")
        .filter(|w| {
            w.name().starts_with("istio-sidecar-injector")
                || w.name().starts_with("istio-revision-tag-")
                || w.body
                    .webhooks
                    .iter()
                    .any(|h| h.ends_with("sidecar-injector.istio.io"))
        })
        .map(|w| Injector {
            object: w.object_ref(),
            revision: w.meta.label("istio.io/rev").map(String::from),
            tag: w.meta.label("istio.io/tag").map(String::from),
        })
        .collect()
}
