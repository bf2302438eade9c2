//! # MIG202 istio-too-old
//!
//! ## What it finds
//!
//! An Istio control plane older than 1.10, or one whose version cannot be read (an image tag such
//! as `latest`). The version is the tag of istiod's `discovery` image (`<hub>/pilot:<tag>`), backed
//! by `global.tag` in the `istio-sidecar-injector` ConfigMap's values.
//!
//! ## Why it matters
//!
//! ASM can take over only from Istio 1.10 or later; an older control plane makes the switch to
//! SetupIstioForMigrate fail.
//!
//! ## How to fix
//!
//! Upgrade Istio to 1.10 or later (canary upgrade by revision is the safe path), restart the
//! workloads onto the new proxies, and export again. When the tag is not a version, check the
//! image digest against Istio's releases and pin the tag.
//!
//! ## Example
//!
//! ```yaml
//! containers:
//! - name: discovery
//!   image: docker.io/istio/pilot:1.9.5
//! ```
//!
//! `cluster.yaml:120:3: error[MIG202]: Istio control plane (revision default) runs 1.9.5, older than 1.10`

use crate::analysis::Context;
use crate::finding::{Code, Finding, Severity};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for plane in &cx.facts.control_planes {
        let finding = match plane.version.below(1, 10) {
            Some(false) => continue,
            Some(true) => Finding::new(
                Code::Mig202,
                format!(
                    "Istio control plane (revision {}) runs {}, older than 1.10",
                    plane.revision, plane.version.raw
                ),
            ),
            None => Finding::new(
                Code::Mig202,
                format!(
                    "the version of Istio control plane (revision {}) is unknown: tag {:?}",
                    plane.revision, plane.version.raw
                ),
            )
            .severity(Severity::Warning),
        };
        let mut finding = finding.gate(State::SetupIstioForMigrate);
        if let Some(evidence) = plane.evidence.first() {
            finding.object = evidence.object.clone();
            finding.span = evidence.span;
        }
        out.push(finding);
    }
}
