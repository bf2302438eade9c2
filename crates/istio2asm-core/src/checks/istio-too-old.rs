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

use crate::checks::Context;
use crate::codes::{Code, Severity};
use crate::finding::Finding;
use crate::gate::ISTIO_FLOOR;
use crate::state::State;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for plane in &cx.facts.control_planes {
        let finding = match plane.version.below(ISTIO_FLOOR) {
            Some(false) => continue,
            Some(true) => Finding::new(
                Code::Mig202,
                t!(
                    cx.lang,
                    "mig202-too-old",
                    revision = &plane.revision,
                    version = &plane.version.raw,
                    floor = format!("{}.{}", ISTIO_FLOOR.0, ISTIO_FLOOR.1),
                ),
            ),
            None => Finding::new(
                Code::Mig202,
                t!(
                    cx.lang,
                    "mig202-unknown",
                    revision = &plane.revision,
                    tag = format!("{:?}", plane.version.raw),
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    fn istiod(name: &str, tag: &str) -> String {
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: istio-system
  labels:
    app: istiod
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: istiod
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:{tag}
        args: [discovery, --monitoringAddr=:15014]
"#
        )
    }

    #[test]
    fn istio_1_9_is_too_old() {
        let yaml = istiod("istiod", "1.9.5") + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig202),
            [(
                Severity::Error,
                "Istio control plane (revision default) runs 1.9.5, older than 1.10".to_string()
            )]
        );
    }

    #[test]
    fn the_latest_tag_is_unknown_and_a_warning() {
        let yaml = istiod("istiod", "latest") + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig202),
            [(
                Severity::Warning,
                r#"the version of Istio control plane (revision default) is unknown: tag "latest""#
                    .to_string()
            )]
        );
    }

    #[test]
    fn an_old_revision_is_found_through_the_injector_values() {
        let injector = r#"---
apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector-canary
  namespace: istio-system
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.8.6"}}'
"#;
        let yaml = istiod("istiod", "1.22.3") + injector + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig202),
            [(
                Severity::Error,
                "Istio control plane (revision canary) runs 1.8.6, older than 1.10".to_string()
            )]
        );
    }

    #[test]
    fn istio_1_10_and_later_pass() {
        for tag in [
            "1.10.0",
            "1.22.3",
            "1.22.3-distroless",
            "1.16.1@sha256:ab12",
        ] {
            assert_eq!(
                check(&(istiod("istiod", tag) + &cr("Init")), Code::Mig202),
                [],
                "{tag}"
            );
        }
    }

    #[test]
    fn past_the_first_gate_it_is_at_most_a_warning() {
        let yaml = istiod("istiod-1-9", "1.9.5") + &cr("SetupIstioForMigrate");
        let found = check(&yaml, Code::Mig202);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(
            found[0].1.contains("(revision 1-9) runs 1.9.5"),
            "{}",
            found[0].1
        );
    }
}
