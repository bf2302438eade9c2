//! The words `istioctl x check-inject` uses for one configuration, from namespace and pod labels
//! alone (IH `istioctl/pkg/checkinject/checkinject.go` L157-280, `INJECTION.md` §4): the first
//! webhook that decides gives the reason; a configuration no webhook decides is either
//! deactivated (`never-match`) or has "No matching namespace labels … or pod labels …".
//!
//! The simulation decides whether a webhook is called by the API server's rules (it differs from
//! check-inject where check-inject only looks for labels, e.g. a webhook whose selectors match
//! without naming a label the pod has); this module only words the reason the way Istio's tool
//! does, so that an operator sees the same sentence from both.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::model::Webhook;
use crate::selector::{LabelSelector, Operator};

use super::meshes::is_never_match;

/// check-inject's verdict and reason for one configuration. In English the reason is istioctl's
/// sentence byte for byte; in another language, its translation.
pub fn check_inject(
    webhooks: &[Webhook],
    ns_labels: &BTreeMap<String, String>,
    pod_labels: &BTreeMap<String, String>,
    lang: Lang,
) -> (bool, String) {
    for hook in webhooks {
        let (ns_matched, ns_label) = matched_label(&hook.namespace_selector, ns_labels);
        let (pod_matched, pod_label) = matched_label(&hook.object_selector, pod_labels);
        match (ns_matched, pod_matched) {
            (true, true) => match (ns_label, pod_label) {
                (Some(ns), Some(pod)) => {
                    return (
                        true,
                        t!(lang, "inject-ci-both-match", ns_label = ns, pod_label = pod),
                    )
                }
                (Some(ns), None) => {
                    let reason = if ns.contains("kubernetes.io/metadata.name") {
                        t!(lang, "inject-ci-namespace-matches-all", ns_label = ns)
                    } else {
                        t!(lang, "inject-ci-namespace-matches", ns_label = ns)
                    };
                    return (true, reason);
                }
                (None, Some(pod)) => {
                    return (true, t!(lang, "inject-ci-pod-matches", pod_label = pod))
                }
                (None, None) => {}
            },
            (true, false) => {
                for r in hook.object_selector.requirements() {
                    let Some(value) = pod_labels.get(&r.key) else {
                        continue;
                    };
                    let prevents = match r.operator {
                        Operator::DoesNotExist => true,
                        Operator::NotIn => r.values.contains(value),
                        _ => false,
                    };
                    if prevents {
                        return (
                            false,
                            t!(lang, "inject-ci-pod-prevents", key = &r.key, value = value),
                        );
                    }
                }
            }
            (false, true) => {
                if let Some(value) = ns_labels.get("istio-injection") {
                    if value != "enabled" {
                        return (
                            false,
                            t!(lang, "inject-ci-namespace-prevents", value = value),
                        );
                    }
                }
            }
            (false, false) => {}
        }
    }
    if webhooks.iter().any(is_never_match) {
        return (false, t!(lang, "inject-ci-deactivated"));
    }
    let wanted = |select: fn(&Webhook) -> &LabelSelector| {
        webhooks
            .iter()
            .flat_map(|h| select(h).requirements())
            .filter(|r| r.operator == Operator::In)
            .map(|r| format!("{}={}", r.key, r.values.join(",")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (
        false,
        t!(
            lang,
            "inject-ci-no-match",
            ns_labels = wanted(|h| &h.namespace_selector),
            pod_labels = wanted(|h| &h.object_selector),
        ),
    )
}

/// Whether a selector matches, and the first `In`/`NotIn` expression whose key the labels have,
/// as `key=value` (check-inject's `extractMatchedSelectorInfo`, which reads `matchExpressions`
/// only).
pub fn matched_label(
    selector: &LabelSelector,
    labels: &BTreeMap<String, String>,
) -> (bool, Option<String>) {
    if selector.matches(labels) != Some(true) {
        return (false, None);
    }
    let label = selector
        .requirements()
        .iter()
        .filter(|r| !r.from_match_labels && matches!(r.operator, Operator::In | Operator::NotIn))
        .find_map(|r| labels.get(&r.key).map(|v| format!("{}={v}", r.key)));
    (true, label)
}
