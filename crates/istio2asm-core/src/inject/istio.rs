//! Istio's own decision, once its webhook is called: `injectRequired` (IH
//! `pkg/kube/inject/inject.go` L201-315; I22 L196-; `INJECTION.md` §2.1), in its order:
//! hostNetwork, the ignored namespaces, the `sidecar.istio.io/inject` label over the annotation,
//! `neverInjectSelector`, `alwaysInjectSelector`, then the ConfigMap's `policy`.
//!
//! Istio re-injects a pod that is already injected rather than skipping it (`stripPod`, IH
//! inject.go L577-603), so nothing here looks at `sidecar.istio.io/status`.

use std::collections::BTreeMap;

use crate::detect::InjectorConfig;
use crate::i18n::Lang;

/// `sidecar.istio.io/inject`, as label and as annotation (istio/api `labels.gen.go` L423-424,
/// `annotations.gen.go` L563-564).
pub const INJECT: &str = "sidecar.istio.io/inject";

/// Namespaces the injector never injects: `IgnoredNamespaces` (IH
/// `pkg/kube/inject/initializer.go` L38-42; `pkg/config/constants/constants.go` L113-123).
pub const IGNORED_NAMESPACES: [&str; 4] = [
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "local-path-storage",
];

/// The first Istio minor that reads `sidecar.istio.io/inject` exactly (`true`, `false`; anything
/// else is the default); before it, `y`, `yes`, `true`, `on` in any case inject and any other
/// non-empty value does not (commit 331d32e30a3, first in tag 1.27.0; I22 inject.go L224-230).
pub const EXACT_INJECT_VALUES: (u64, u64) = (1, 27);

/// What the pod looks like to the injector.
#[derive(Debug, Clone, Copy)]
pub struct Pod<'a> {
    /// Its namespace.
    pub namespace: &'a str,
    /// Its labels.
    pub labels: &'a BTreeMap<String, String>,
    /// Its annotations.
    pub annotations: &'a BTreeMap<String, String>,
    /// `spec.hostNetwork`.
    pub host_network: bool,
}

/// The injector's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It injects; why, in words.
    Injects(String),
    /// It lets the pod through without a sidecar; why.
    Skips(String),
    /// Not decidable from the export; why, and what was assumed for the rest.
    Unknown(String),
}

/// Runs `injectRequired` for a pod. `config` is the revision's ConfigMap when exported (without
/// it the chart's default policy `enabled` is assumed: IH `values.yaml` L337
/// `global.proxy.autoInject: enabled`); `minor` the revision's Istio version. The reasons are
/// worded in `lang`.
pub fn inject_required(
    pod: Pod<'_>,
    config: Option<&InjectorConfig>,
    minor: Option<(u64, u64)>,
    lang: Lang,
) -> Decision {
    if pod.host_network {
        return Decision::Skips(t!(lang, "inject-host-network"));
    }
    if IGNORED_NAMESPACES.contains(&pod.namespace) {
        return Decision::Skips(t!(
            lang,
            "inject-ignored-namespace",
            namespace = pod.namespace
        ));
    }
    let (value, source) = match (pod.labels.get(INJECT), pod.annotations.get(INJECT)) {
        (Some(v), _) => (v.as_str(), t!(lang, "inject-source-label")),
        (None, Some(v)) => (v.as_str(), t!(lang, "inject-source-annotation")),
        (None, None) => ("", String::new()),
    };
    // `Some(true)`: inject; `Some(false)`: do not; `None`: the default decides.
    let explicit = match value {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        other => match minor.map(|m| m >= EXACT_INJECT_VALUES) {
            Some(true) => None,
            Some(false) => Some(matches!(
                other.to_lowercase().as_str(),
                "y" | "yes" | "true" | "on"
            )),
            None => {
                return Decision::Unknown(t!(
                    lang,
                    "inject-loose-value",
                    label = INJECT,
                    value = format!("{other:?}"),
                    source = source,
                ))
            }
        },
    };
    match explicit {
        Some(true) => {
            return Decision::Injects(t!(
                lang,
                "inject-explicit-on",
                source = source,
                label = INJECT,
                value = format!("{value:?}"),
            ))
        }
        Some(false) => {
            return Decision::Skips(t!(
                lang,
                "inject-explicit-off",
                source = source,
                label = INJECT,
                value = format!("{value:?}"),
            ))
        }
        None => {}
    }
    let Some(config) = config else {
        return Decision::Injects(t!(lang, "inject-no-configmap"));
    };
    if let Some(i) = first_match(&config.never, pod.labels) {
        return Decision::Skips(t!(
            lang,
            "inject-never-selector",
            index = i + 1,
            selector = config.never[i].to_string(),
            configmap = &config.object.name,
        ));
    }
    if let Some(i) = first_match(&config.always, pod.labels) {
        return Decision::Injects(t!(
            lang,
            "inject-always-selector",
            index = i + 1,
            selector = config.always[i].to_string(),
            configmap = &config.object.name,
        ));
    }
    if let Some(error) = &config.error {
        return Decision::Unknown(t!(
            lang,
            "inject-configmap-error",
            configmap = &config.object.name,
            error = error,
        ));
    }
    let configmap = &config.object.name;
    match config.policy.as_deref() {
        Some("enabled") => {
            Decision::Injects(t!(lang, "inject-policy-enabled", configmap = configmap))
        }
        Some("disabled") => {
            Decision::Skips(t!(lang, "inject-policy-disabled", configmap = configmap))
        }
        Some(other) => Decision::Skips(t!(
            lang,
            "inject-policy-illegal",
            policy = format!("{other:?}"),
            configmap = configmap,
        )),
        None => Decision::Skips(t!(lang, "inject-policy-missing", configmap = configmap)),
    }
}

/// The first selector that is not empty and matches (IH inject.go L242-271 skips empty ones and
/// ones that do not parse).
fn first_match(
    selectors: &[crate::selector::LabelSelector],
    labels: &BTreeMap<String, String>,
) -> Option<usize> {
    selectors
        .iter()
        .position(|s| !s.is_empty() && s.matches(labels) == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::ObjectRef;
    use crate::selector::{LabelSelector, Operator, Requirement};

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn config(policy: &str, never: &[(&str, &str)], always: &[(&str, &str)]) -> InjectorConfig {
        let selector = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| {
                    LabelSelector::All(vec![Requirement {
                        key: k.to_string(),
                        operator: Operator::In,
                        values: vec![v.to_string()],
                        from_match_labels: true,
                    }])
                })
                .collect()
        };
        InjectorConfig {
            object: ObjectRef {
                api_version: "v1".into(),
                kind: "ConfigMap".into(),
                namespace: Some("istio-system".into()),
                name: "istio-sidecar-injector".into(),
            },
            span: crate::source::Span {
                file: crate::source::FileId(0),
                offset: 0,
            },
            revision: "default".into(),
            policy: Some(policy.into()),
            never: selector(never),
            always: selector(always),
            error: None,
        }
    }

    fn injects(d: &Decision) -> Option<bool> {
        match d {
            Decision::Injects(_) => Some(true),
            Decision::Skips(_) => Some(false),
            Decision::Unknown(_) => None,
        }
    }

    type Labels<'a> = &'a [(&'a str, &'a str)];
    /// (rule, namespace, hostNetwork, labels, annotations, policy, never, always, version, injects).
    type Row<'a> = (
        &'a str,
        &'a str,
        bool,
        Labels<'a>,
        Labels<'a>,
        &'a str,
        Labels<'a>,
        Labels<'a>,
        Option<(u64, u64)>,
        Option<bool>,
    );

    /// Every rule of INJECTION.md §2.1, in its order, one row each (with the rows of Istio's
    /// `TestInjectRequired` that §2.1 quotes).
    #[test]
    fn istio_inject_required_rules() {
        let none = map(&[]);
        let new = Some((1, 27));
        let old = Some((1, 22));
        #[rustfmt::skip]
        let table: &[Row] = &[
            // rule, namespace, hostNetwork, labels, annotations, policy, never, always, version, injects
            ("hostNetwork first", "shop", true, &[(INJECT, "true")], &[], "enabled", &[], &[], new, Some(false)),
            ("ignored namespace", "kube-system", false, &[(INJECT, "true")], &[], "enabled", &[], &[], new, Some(false)),
            ("local-path-storage is ignored", "local-path-storage", false, &[], &[], "enabled", &[], &[], new, Some(false)),
            ("label over annotation", "shop", false, &[(INJECT, "false")], &[(INJECT, "true")], "enabled", &[], &[], new, Some(false)),
            ("annotation alone counts", "shop", false, &[], &[(INJECT, "false")], "enabled", &[], &[], new, Some(false)),
            ("true injects under disabled", "shop", false, &[(INJECT, "true")], &[], "disabled", &[], &[], new, Some(true)),
            ("1.27+: other values are default", "shop", false, &[(INJECT, "yes")], &[], "disabled", &[], &[], new, Some(false)),
            ("1.27+: exact and case-sensitive", "shop", false, &[(INJECT, "TRUE")], &[], "enabled", &[], &[], new, Some(true)),
            ("<1.27: yes injects (TestInjectRequired)", "shop", false, &[], &[(INJECT, "yes")], "enabled", &[], &[], old, Some(true)),
            ("<1.27: on injects even under disabled", "shop", false, &[], &[(INJECT, "on")], "disabled", &[], &[], old, Some(true)),
            ("<1.27: random means no", "shop", false, &[(INJECT, "random")], &[], "enabled", &[], &[], old, Some(false)),
            ("unknown version and a loose value", "shop", false, &[(INJECT, "random")], &[], "enabled", &[], &[], None, None),
            ("never selector before always", "shop", false, &[("app", "x")], &[], "enabled", &[("app", "x")], &[("app", "x")], new, Some(false)),
            ("never selector is skipped by an explicit value", "shop", false, &[("app", "x"), (INJECT, "true")], &[], "enabled", &[("app", "x")], &[], new, Some(true)),
            ("always selector beats policy disabled", "shop", false, &[("app", "x")], &[], "disabled", &[], &[("app", "x")], new, Some(true)),
            ("policy enabled", "shop", false, &[], &[], "enabled", &[], &[], new, Some(true)),
            ("policy disabled", "shop", false, &[], &[], "disabled", &[], &[], new, Some(false)),
            ("illegal policy refuses", "shop", false, &[], &[], "on", &[], &[], new, Some(false)),
        ];
        for (rule, ns, host, labels, annotations, policy, never, always, minor, expected) in table {
            let labels = map(labels);
            let annotations = map(annotations);
            let pod = Pod {
                namespace: ns,
                labels: &labels,
                annotations: &annotations,
                host_network: *host,
            };
            let c = config(policy, never, always);
            let got = inject_required(pod, Some(&c), *minor, Lang::En);
            assert_eq!(injects(&got), *expected, "{rule}: {got:?}");
        }
        let pod = Pod {
            namespace: "shop",
            labels: &none,
            annotations: &none,
            host_network: false,
        };
        assert_eq!(
            injects(&inject_required(pod, None, new, Lang::En)),
            Some(true),
            "no ConfigMap: chart default"
        );
    }
}
