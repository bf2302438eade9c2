//! # MIG201 kubernetes-too-old
//!
//! ## What it finds
//!
//! A cluster whose Kubernetes version is below 1.21, the minimum the in-place migration supports.
//! The version comes from `kubectl version -o yaml` (`serverVersion.gitVersion`), else from the
//! lowest kubelet version among the exported nodes. ACK builds such as `v1.22.3-aliyun.1` compare on
//! `MAJOR.MINOR.PATCH`; the suffix is a vendor build, not a pre-release. When no version is in the
//! input the finding is a warning that asks for it.
//!
//! ## Why it matters
//!
//! ASM refuses to migrate an older cluster, so the switch to SetupIstioForMigrate fails late, in
//! the change window, instead of at planning time.
//!
//! ## How to fix
//!
//! Upgrade the cluster to Kubernetes 1.21 or later before the migration (on ACK: the console's
//! cluster upgrade), then export `kubectl version -o yaml` again.
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" version -o yaml > version.yaml
//! ```
//!
//! ## Example
//!
//! ```yaml
//! serverVersion:
//!   gitVersion: v1.20.11-aliyun.1
//! ```
//!
//! `version.yaml:1:1: error[MIG201]: Kubernetes v1.20.11-aliyun.1 is older than 1.21`

use crate::analysis::Context;
use crate::finding::{Code, Finding, Severity};
use crate::kubectl::{Command, Target};
use crate::phase::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let finding = match &cx.facts.kubernetes {
        None => Finding::new(
            Code::Mig201,
            "the Kubernetes version is unknown: the input has neither `kubectl version -o yaml` nor nodes",
        )
        .severity(Severity::Warning)
        .commands([Command::kubectl(Target::Cluster, ["version", "-o", "yaml"])]),
        Some((version, evidence)) => {
            let mut finding = match version.below(1, 21) {
                Some(false) => return,
                Some(true) => Finding::new(
                    Code::Mig201,
                    format!("Kubernetes {} is older than 1.21 ({})", version.raw, evidence.what),
                ),
                None => Finding::new(
                    Code::Mig201,
                    format!("the Kubernetes version {:?} has no MAJOR.MINOR to compare", version.raw),
                )
                .severity(Severity::Warning),
            };
            finding.object = evidence.object.clone();
            finding.span = evidence.span;
            finding
        }
    };
    out.push(finding.gate(State::SetupIstioForMigrate));
}
