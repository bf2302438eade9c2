//! Istio's ambient data plane: the node proxy `ztunnel` (a DaemonSet in Istio's `ztunnel` Helm
//! chart, label `app: ztunnel`), namespaces and pods enrolled with the label
//! `istio.io/dataplane-mode: ambient` (a pod opts out with `none`), and waypoint proxies, Gateway
//! API Gateways of class `istio-waypoint` (what `istioctl waypoint apply` creates), found from the
//! Gateway or from the resources generated for it (GEP-1762 class label). Istio's ambient
//! documentation and its Helm charts are the sources of these names.
//!
//! A namespace labelled for ambient mode *and* for sidecar injection (`istio-injection: enabled`
//! or `istio.io/rev`) gets sidecars: "the sidecar takes precedence over ztunnel for pods that have
//! both" (Istio's documentation, *Enable ambient mode*, ambient/migrate); Istio's analyzer test
//! data names such namespaces `ns-not-ambient`. It does not count as ambient here.
//!
//! The migration procedure moves sidecars: an ambient workload has none, so the label switch does
//! not move it, and uninstalling Istio removes its ztunnel and waypoints.

use std::collections::BTreeMap;

use crate::finding::ObjectRef;
use crate::model::{Bundle, Meta, WorkloadKind};
use crate::source::Span;

use super::gateways::GATEWAY_CLASS_LABEL;

/// The label that enrolls a namespace or pod in the ambient data plane.
pub const DATAPLANE_MODE: &str = "istio.io/dataplane-mode";

/// An object of the ambient data plane and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbientObject {
    /// The object.
    pub object: ObjectRef,
    /// Where it starts.
    pub span: Span,
}

impl AmbientObject {
    /// `daemonset/ztunnel`, `gateway/waypoint`, as messages name it.
    pub fn display(&self) -> String {
        format!("{}/{}", self.object.kind.to_lowercase(), self.object.name)
    }
}

/// What the export shows of ambient mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ambient {
    /// ztunnel DaemonSets (or their pods, when the DaemonSet was not exported).
    pub ztunnel: Vec<AmbientObject>,
    /// Namespaces labelled `istio.io/dataplane-mode: ambient`.
    pub namespaces: Vec<AmbientObject>,
    /// Workloads and bare pods enrolled: in an ambient namespace (not opted out) or labelled
    /// themselves, and running no sidecar.
    pub workloads: Vec<AmbientObject>,
    /// Waypoint proxies.
    pub waypoints: Vec<AmbientObject>,
}

impl Ambient {
    /// Whether anything of ambient mode was found.
    pub fn is_empty(&self) -> bool {
        self.ztunnel.is_empty()
            && self.namespaces.is_empty()
            && self.workloads.is_empty()
            && self.waypoints.is_empty()
    }

    /// Whether a workload (or bare pod) is enrolled in ambient mode.
    pub fn enrolls(&self, namespace: &str, name: &str) -> bool {
        self.workloads.iter().any(|w| {
            w.object.namespace.as_deref().unwrap_or_default() == namespace && w.object.name == name
        })
    }
}

fn mode(labels: &BTreeMap<String, String>) -> Option<&str> {
    labels.get(DATAPLANE_MODE).map(String::as_str)
}

fn is_ztunnel(meta: &Meta) -> bool {
    meta.name == "ztunnel" || meta.label("app") == Some("ztunnel")
}

fn is_waypoint(labels: &BTreeMap<String, String>) -> bool {
    labels.get(GATEWAY_CLASS_LABEL).map(String::as_str) == Some("istio-waypoint")
}

pub(super) fn ambient(bundle: &Bundle) -> Ambient {
    let mut out = Ambient::default();
    let ambient_namespaces: Vec<&str> = bundle
        .namespaces
        .values()
        .filter(|ns| {
            ns.meta.label(DATAPLANE_MODE) == Some("ambient")
                && ns.meta.label("istio-injection") != Some("enabled")
                && ns.meta.label("istio.io/rev").is_none()
        })
        .map(|ns| {
            out.namespaces.push(AmbientObject {
                object: ns.object_ref(),
                span: ns.span,
            });
            ns.name()
        })
        .collect();
    let enrolled = |namespace: &str, labels: &BTreeMap<String, String>| match mode(labels) {
        Some("ambient") => true,
        Some(_) => false,
        None => ambient_namespaces.contains(&namespace),
    };
    for w in &bundle.workloads {
        let entry = AmbientObject {
            object: w.object_ref(),
            span: w.span,
        };
        if w.body.kind == WorkloadKind::DaemonSet && is_ztunnel(&w.meta) {
            out.ztunnel.push(entry);
            continue;
        }
        if is_waypoint(&w.meta.labels) || is_waypoint(&w.body.template.labels) {
            out.waypoints.push(entry);
            continue;
        }
        if w.is_owned_by_parent() {
            continue;
        }
        if enrolled(w.ns(), &w.body.template.labels) && w.body.template.spec.proxy().is_none() {
            out.workloads.push(entry);
        }
    }
    for pod in &bundle.pods {
        let entry = AmbientObject {
            object: pod.object_ref(),
            span: pod.span,
        };
        if is_ztunnel(&pod.meta) && pod.meta.owners.iter().all(|o| o.kind == "DaemonSet") {
            if out.ztunnel.is_empty() {
                out.ztunnel.push(entry);
            }
            continue;
        }
        // Bare pods only: the others count through their workload.
        if pod.meta.owners.is_empty()
            && enrolled(pod.ns(), &pod.meta.labels)
            && pod.body.spec.proxy().is_none()
        {
            out.workloads.push(entry);
        }
    }
    for gw in bundle.install.iter().filter(|o| o.kind == "Gateway") {
        if gw.body.str_at(&["spec", "gatewayClassName"]) == Some("istio-waypoint")
            && !out.waypoints.iter().any(|w| {
                w.object.namespace == gw.object_ref().namespace && w.object.name == gw.name()
            })
        {
            out.waypoints.push(AmbientObject {
                object: gw.object_ref(),
                span: gw.span,
            });
        }
    }
    out
}
