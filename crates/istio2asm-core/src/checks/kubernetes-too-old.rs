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

use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::finding::Finding;
use crate::gate::KUBERNETES_FLOOR;
use crate::kubectl::{Command, Target};
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let finding = match &cx.facts.kubernetes {
        None => Finding::new(Code::Mig201, t!(cx.lang, "mig201-unknown"))
            .severity(Severity::Warning)
            .commands([Command::kubectl(Target::Cluster, "version").args(["-o", "yaml"])]),
        Some((version, evidence)) => {
            let mut finding = match version.below(KUBERNETES_FLOOR) {
                Some(false) => return,
                Some(true) => Finding::new(
                    Code::Mig201,
                    t!(
                        cx.lang,
                        "mig201-too-old",
                        version = &version.raw,
                        floor = format!("{}.{}", KUBERNETES_FLOOR.0, KUBERNETES_FLOOR.1),
                        evidence = &evidence.what,
                    ),
                ),
                None => Finding::new(
                    Code::Mig201,
                    t!(
                        cx.lang,
                        "mig201-no-minor",
                        version = format!("{:?}", version.raw),
                    ),
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{analysis, check, commands, cr};
    use crate::codes::{Code, Severity};

    fn server(version: &str) -> String {
        format!("---\nclientVersion:\n  gitVersion: v1.30.2\nserverVersion:\n  gitVersion: {version}\n  platform: linux/amd64\n")
    }

    fn node(name: &str, kubelet: &str) -> String {
        format!("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\nstatus:\n  nodeInfo:\n    kubeletVersion: {kubelet}\n")
    }

    #[test]
    fn an_ack_build_of_1_20_is_too_old() {
        let yaml = server("v1.20.11-aliyun.1") + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig201),
            [(
                Severity::Error,
                "Kubernetes v1.20.11-aliyun.1 is older than 1.21 (kubectl version: serverVersion.gitVersion v1.20.11-aliyun.1)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn an_ack_build_of_1_21_is_not_a_prerelease() {
        assert_eq!(
            check(&(server("v1.21.0-aliyun.1") + &cr("Init")), Code::Mig201),
            []
        );
        assert_eq!(
            check(&(server("v1.28.3-aliyun.1") + &cr("Init")), Code::Mig201),
            []
        );
    }

    #[test]
    fn without_kubectl_version_the_lowest_kubelet_counts() {
        let yaml = node("node-a", "v1.22.3-aliyun.1")
            + &node("edge-1", "1.20.11-aliyunedge.1")
            + &cr("Init");
        let a = analysis(&yaml);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == Code::Mig201)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "Kubernetes 1.20.11-aliyunedge.1 is older than 1.21 (lowest kubelet version, node edge-1: 1.20.11-aliyunedge.1)"
        );
        assert_eq!(found[0].object.as_ref().unwrap().name, "edge-1");
        // kubectl version wins over the nodes.
        assert_eq!(
            check(&(yaml + &server("v1.24.6-aliyun.1")), Code::Mig201),
            []
        );
    }

    #[test]
    fn an_unknown_version_is_a_warning_with_the_export_command() {
        let yaml = cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig201),
            [(
                Severity::Warning,
                "the Kubernetes version is unknown: the input has neither `kubectl version -o yaml` nor nodes"
                    .to_string()
            )]
        );
        assert_eq!(
            commands(&yaml, Code::Mig201),
            [[r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" version -o yaml"#]]
        );
        let found = check(&(server("latest") + &cr("Init")), Code::Mig201);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(
            found[0].1.contains(r#""latest" has no MAJOR.MINOR"#),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn once_the_gate_is_passed_it_no_longer_blocks() {
        let old = server("v1.20.11-aliyun.1");
        for state in ["SetupIstioForMigrate", "Migrating", "Finished"] {
            let found = check(&(old.clone() + &cr(state)), Code::Mig201);
            assert_eq!(found.len(), 1, "{state}");
            assert_eq!(found[0].0, Severity::Warning, "{state}");
        }
    }
}
