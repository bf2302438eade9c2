//! # MIG204 istio-multiple-revisions
//!
//! ## What it finds
//!
//! More than one Istio control plane revision, or revisions running different versions (a canary
//! upgrade left half done, revision tags, several istiod Deployments).
//!
//! ## Why it matters
//!
//! ASM takes over every revision at once, each revision's mesh config and injector must be ready,
//! and the uninstall must use the istioctl of each version. A forgotten canary is the usual cause of
//! sidecars that never get `PROXY_CONFIG_XDS_AGENT`.
//!
//! ## How to fix
//!
//! Finish or roll back the canary upgrade so that one revision remains, if you can; otherwise plan
//! the restarts and the uninstall per revision, and check that every revision's mesh config carries
//! `PROXY_CONFIG_XDS_AGENT` after the switch.
//!
//! ## Example
//!
//! Two istiod Deployments, `istiod` (1.21.2, revision default) and `istiod-1-22-3` (1.22.3, revision
//! 1-22-3).
//!
//! `warning[MIG204]: 2 Istio control planes: default (1.21.2), 1-22-3 (1.22.3)`

use crate::analysis::Context;
use crate::finding::{Code, Finding};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let planes = &cx.facts.control_planes;
    if planes.len() < 2 && cx.facts.istio_versions().len() < 2 {
        return;
    }
    let list: Vec<String> = planes
        .iter()
        .map(|p| format!("{} ({})", p.revision, p.version.raw))
        .collect();
    let mut finding = Finding::new(
        Code::Mig204,
        format!("{} Istio control planes: {}", planes.len(), list.join(", ")),
    );
    if let Some(evidence) = planes.first().and_then(|p| p.evidence.first()) {
        finding.object = evidence.object.clone();
        finding.span = evidence.span;
    }
    out.push(finding);
}
