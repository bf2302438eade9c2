//! Workloads injected by hand: `istioctl kube-inject` writes Istio's proxy into the pod template
//! itself, with the `sidecar.istio.io/status` annotation the injector adds to what it injected
//! (Istio's `pkg/kube/inject/inject.go`, `IntoObject`; its test outputs
//! `pkg/kube/inject/testdata/inject/*.yaml.injected` carry both, from 1.5 to master). A webhook
//! injects pods, never templates, so a template with both was injected by hand.
//!
//! The ASM label cannot switch such a workload: the proxy is part of its template, and every
//! restart brings back the same container with the same settings.

use crate::finding::ObjectRef;
use crate::model::{Bundle, Container, WorkloadBody, WorkloadKind};
use crate::source::Span;

use super::{classify_proxy, Flavor};

/// The annotation Istio's injector writes on what it injected.
pub const STATUS_ANNOTATION: &str = "sidecar.istio.io/status";

/// A workload whose pod template carries Istio's proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualInjection {
    /// The workload.
    pub object: ObjectRef,
    /// Its kind.
    pub kind: WorkloadKind,
    /// Where it starts.
    pub span: Span,
    /// The proxy's image in the template.
    pub image: String,
    /// Whether the proxy is a native sidecar (an init container with `restartPolicy: Always`).
    pub native: bool,
}

impl ManualInjection {
    /// The namespace ("" when the manifest names none).
    pub fn namespace(&self) -> &str {
        self.object.namespace.as_deref().unwrap_or_default()
    }
}

/// Whether a workload's pod template was injected by hand: Istio's proxy in it, with the
/// injector's status annotation. Returns the proxy container and whether it is native.
pub fn injected_by_hand(workload: &WorkloadBody) -> Option<(&Container, bool)> {
    if !workload
        .template
        .annotations
        .contains_key(STATUS_ANNOTATION)
    {
        return None;
    }
    let (proxy, native) = workload.template.spec.proxy()?;
    (classify_proxy(proxy).0 == Flavor::Istio).then_some((proxy, native))
}

/// Every workload whose template holds Istio's proxy and the injector's status annotation;
/// ReplicaSets of a Deployment and Jobs of a CronJob count through their owner.
pub(super) fn manual_injections(bundle: &Bundle) -> Vec<ManualInjection> {
    bundle
        .workloads
        .iter()
        .filter(|w| !w.is_owned_by_parent())
        .filter_map(|w| {
            let (proxy, native) = injected_by_hand(&w.body)?;
            Some(ManualInjection {
                object: w.object_ref(),
                kind: w.body.kind,
                span: w.span,
                image: proxy.image.clone(),
                native,
            })
        })
        .collect()
}
