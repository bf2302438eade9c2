//! # MIG511 injection-multiple-injectors
//!
//! ## What it finds
//!
//! A workload or bare pod that more than one injector webhook injects, on its next restart as
//! exported or after the plan's switch patch: the configurations in the order the API server
//! calls them and the one that decides. The API server calls the mutating configurations sorted
//! by name, each one's webhooks in list order (`k8s.io/apiserver`
//! `pkg/admission/configuration/mutating_webhook_manager.go` L122-162), each on the pod as the
//! earlier ones left it (`dispatcher.go` L127-131); Istio's injector re-injects an injected pod
//! instead of skipping it (`pkg/kube/inject/inject.go` `stripPod` L577-603), so the last injector
//! called decides the sidecar. Istio's and the ASM configurations are told apart as the
//! `injection` section of the report says (ASM's by its selector on the ASM label, an
//! assumption).
//!
//! ## Why it matters
//!
//! Which proxy the pod ends with then depends on the configurations' names, not on intent: a
//! renamed or added configuration (a new revision tag, an ASM upgrade) silently flips it. A
//! webhook with `reinvocationPolicy: IfNeeded` is called once more after a later one changed the
//! pod, and then wins instead.
//!
//! ## How to fix
//!
//! Make only one injector match: on the Istio side, a revision label (`istio.io/rev`) instead of
//! `istio-injection=enabled` where the ASM label is used, or remove the stale configuration
//! (a deactivated default, an unused tag). Check what each webhook selects:
//!
//! ```bash
//! kubectl --kubeconfig="${K8S_KUBECONFIG}" get mutatingwebhookconfiguration istio-revision-tag-default -o yaml
//! istioctl --kubeconfig="${K8S_KUBECONFIG}" x check-inject -n shop -l app=cart,sidecar.asm.aliyun.com/inject=true
//! ```
//!
//! ## Example
//!
//! ```yaml
//! kind: Namespace
//! metadata: {name: shop, labels: {istio-injection: enabled}}
//! ---
//! kind: MutatingWebhookConfiguration
//! metadata: {name: sidecar-injector-asm}
//! webhooks:
//! - name: object.sidecar-injector.asm
//!   objectSelector:
//!     matchLabels: {sidecar.asm.aliyun.com/inject: "true"}
//! ```
//!
//! `cluster.yaml:12:3: warning[MIG511]: Deployment shop/cart: after its switch, 2 injectors inject it: istio-revision-tag-default (Istio default) namespace.sidecar-injector.istio.io, then sidecar-injector-asm (ASM) object.sidecar-injector.asm; the last, sidecar-injector-asm, decides: ASM`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::{check_inject, get_webhook_configuration};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::inject::{Outcome, Simulation};

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let sim = cx.injection;
    for subject in &sim.subjects {
        let moments = [
            (Moment::NextRestart, Some(&subject.now)),
            (Moment::AfterSwitch, subject.after_switch.as_ref()),
        ];
        for (when, outcome) in moments {
            let Some(outcome) = outcome else { continue };
            let Some(text) = several(cx.lang, sim, outcome) else {
                continue;
            };
            let when = match when {
                Moment::NextRestart => t!(cx.lang, "mig511-on-next-restart"),
                Moment::AfterSwitch => t!(cx.lang, "mig511-after-switch"),
            };
            let mut configs: Vec<&str> = outcome
                .injecting()
                .map(|c| sim.configurations[c.configuration].name.as_str())
                .collect();
            configs.dedup();
            let mut commands: Vec<_> = configs
                .iter()
                .map(|c| get_webhook_configuration(c))
                .collect();
            commands.push(check_inject(subject.namespace(), &outcome.labels));
            out.push(
                Finding::new(
                    Code::Mig511,
                    t!(
                        cx.lang,
                        "mig511-several",
                        subject = subject.display(),
                        when = when,
                        injectors = text,
                    ),
                )
                .at(subject.object.clone(), subject.span)
                .commands(commands),
            );
            break;
        }
    }
}

/// Which restart the injectors are called on.
enum Moment {
    /// The next restart, as exported.
    NextRestart,
    /// The next restart after the plan's switch patch.
    AfterSwitch,
}

/// The injecting calls in words, when more than one configuration injects.
fn several(lang: Lang, sim: &Simulation, outcome: &Outcome) -> Option<String> {
    let calls: Vec<_> = outcome.injecting().collect();
    let first = calls.first()?;
    if calls.iter().all(|c| c.configuration == first.configuration) {
        return None;
    }
    let named = |i: usize| {
        let c = &sim.configurations[i];
        match (&c.revision, c.mesh) {
            (Some(rev), crate::inject::Mesh::Istio) => format!("{} (Istio {rev})", c.name),
            (None, crate::inject::Mesh::Istio) => format!("{} (Istio)", c.name),
            (_, crate::inject::Mesh::Asm) => format!("{} (ASM)", c.name),
        }
    };
    let list: Vec<String> = calls
        .iter()
        .map(|c| {
            let again = if c.round == 2 {
                t!(lang, "mig511-reinvoked")
            } else {
                String::new()
            };
            format!("{} {}{again}", named(c.configuration), c.webhook)
        })
        .collect();
    let last = calls.last()?;
    Some(t!(
        lang,
        "mig511-injectors",
        count = calls.len(),
        calls = list.join(&t!(lang, "mig511-then")),
        last = sim.configurations[last.configuration].name.as_str(),
        sidecar = outcome.sidecar.label(lang),
    ))
}
