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

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let planes = &cx.facts.control_planes;
    if planes.len() < 2 && cx.facts.istio_versions().len() < 2 {
        return;
    }
    let list: Vec<String> = planes
        .iter()
        .map(|p| {
            t!(
                cx.lang,
                "mig204-plane",
                revision = &p.revision,
                version = &p.version.raw
            )
        })
        .collect();
    let mut finding = Finding::new(
        Code::Mig204,
        t!(
            cx.lang,
            "mig204-planes",
            count = planes.len(),
            planes = list.join(&t!(cx.lang, "list-separator")),
        ),
    );
    if let Some(evidence) = planes.first().and_then(|p| p.evidence.first()) {
        finding.object = evidence.object.clone();
        finding.span = evidence.span;
    }
    out.push(finding);
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    fn istiod(name: &str, labels: &str, tag: &str, env: &str) -> String {
        format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: istio-system
  labels:
    app: istiod{labels}
spec:
  template:
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:{tag}{env}
"#
        )
    }

    #[test]
    fn two_revisions_are_listed() {
        let yaml = istiod("istiod", "", "1.22.3", "")
            + &istiod("istiod-canary", "\n    istio.io/rev: canary", "1.23.1", "")
            + &cr("Init");
        assert_eq!(
            check(&yaml, Code::Mig204),
            [(
                Severity::Warning,
                "2 Istio control planes: canary (1.23.1), default (1.22.3)".to_string()
            )]
        );
    }

    #[test]
    fn the_revision_env_names_a_revision() {
        let env = "\n        env:\n        - name: REVISION\n          value: 1-23-1";
        let yaml = istiod("istiod", "", "1.22.3", "") + &istiod("pilot-next", "", "1.23.1", env);
        let found = check(&yaml, Code::Mig204);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("1-23-1 (1.23.1)"), "{}", found[0].1);
    }

    #[test]
    fn one_control_plane_is_fine() {
        assert_eq!(
            check(
                &(istiod("istiod", "", "1.22.3", "") + &cr("Init")),
                Code::Mig204
            ),
            []
        );
        assert_eq!(check(&cr("Init"), Code::Mig204), []);
    }
}
