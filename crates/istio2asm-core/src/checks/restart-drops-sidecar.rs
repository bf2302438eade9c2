//! # MIG513 restart-drops-sidecar
//!
//! ## What it finds
//!
//! A workload or bare pod that runs a sidecar an injector gave it (its pods carry a proxy its
//! template does not hold, or the template's proxy is `image: auto`), but that no injector
//! webhook injects on its next restart as exported, with why: a revision label (`istio.io/rev`)
//! that no configuration serves any more (a deleted revision tag or revision), the default
//! injector deactivated by `istioctl tag set default` (`istio.io/deactivated: never-match` on its
//! selectors, `istioctl/pkg/tag/util.go` L201-229) with no `default` tag, a label or annotation
//! `sidecar.istio.io/inject: "false"` added since the pods started, or Istio's other checks
//! (`pkg/kube/inject/inject.go` `injectRequired`).
//!
//! ## Why it matters
//!
//! The restart waves of SetupIstioForMigrate and the switch waves of Migrating restart every such
//! workload: it comes back without a proxy, out of the mesh, and fails mTLS with its peers. The
//! gate `sidecars-keep-injector` fails both transitions while it stands.
//!
//! ## How to fix
//!
//! Give the namespace a label a live injector serves (`istio.io/rev=<an existing revision or
//! tag>`), recreate the deleted tag (`istioctl tag set <tag> --revision <rev>`), or remove the
//! opt-out label, then check that Istio's webhook injects it again:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get mutatingwebhookconfigurations -l istio.io/rev -o yaml
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" x check-inject -n reviews -l app=reviews
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Namespace
//! metadata: {name: reviews, labels: {istio.io/rev: canary}}
//! ```
//!
//! `cluster.yaml:12:3: error[MIG513]: Deployment reviews/reviews-v1 runs an injected sidecar, but its next restart gets none: istio.io/rev=canary names no revision or tag with an active injector webhook (a deleted tag or revision)`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::check_inject;
use crate::finding::Finding;
use crate::inject::Sidecar;
use crate::kubectl::{Command, Target};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for subject in &cx.injection.subjects {
        if !subject.injected_today || subject.now.sidecar != Sidecar::None {
            continue;
        }
        out.push(
            Finding::new(
                Code::Mig513,
                t!(
                    cx.lang,
                    "mig513-drops",
                    subject = subject.display(),
                    reason = &subject.now.reason
                ),
            )
            .at(subject.object.clone(), subject.span)
            .commands([
                Command::kubectl(Target::Cluster, "get")
                    .resource("mutatingwebhookconfigurations")
                    .args(["-l", "istio.io/rev", "-o", "yaml"]),
                check_inject(subject.namespace(), &subject.now.labels),
            ]),
        );
    }
}
