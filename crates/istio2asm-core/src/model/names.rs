//! Kubernetes' name rules applied to every object as it enters the model: an object whose name,
//! namespace or owner breaks them becomes MIG006 and never reaches a command.

use crate::codes::Code;
use crate::finding::{Finding, ObjectRef};
use crate::i18n::Lang;
use crate::names::{is_dns1035_label, is_dns1123_label, is_dns1123_subdomain, is_path_segment};
use crate::source::Span;

use super::{api_group, Meta};

/// Checks an object's name and namespace by the rule of its kind; the finding is in `lang`.
pub(crate) fn check_object(
    lang: Lang,
    api_version: &str,
    kind: &str,
    meta: &Meta,
    span: Span,
) -> Option<Finding> {
    // The rule in words is only written for an object that breaks it.
    type Rule = fn(Lang) -> String;
    let (rule, ok): (Rule, fn(&str) -> bool) = match (api_group(api_version), kind) {
        ("", "Namespace") => (|l| t!(l, "mig006-rfc1123-label"), is_dns1123_label),
        ("", "Service") => (|l| t!(l, "mig006-rfc1035-label"), is_dns1035_label),
        ("rbac.authorization.k8s.io", _) => (|l| t!(l, "mig006-path-segment"), is_path_segment),
        _ => (|l| t!(l, "mig006-rfc1123-subdomain"), is_dns1123_subdomain),
    };
    let bad_owner = meta.owners.iter().find(|o| {
        !is_dns1123_subdomain(&o.name) || !o.kind.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let problem = if !ok(&meta.name) {
        Some(t!(
            lang,
            "mig006-name",
            name = format!("{:?}", meta.name),
            rule = rule(lang)
        ))
    } else if let Some(owner) = bad_owner {
        // Owner names become commands too (`rollout restart deployment/NAME`).
        Some(t!(
            lang,
            "mig006-owner",
            kind = format!("{:?}", owner.kind),
            name = format!("{:?}", owner.name)
        ))
    } else {
        meta.namespace
            .as_deref()
            .filter(|ns| !is_dns1123_label(ns))
            .map(|ns| t!(lang, "mig006-namespace", namespace = format!("{ns:?}")))
    };
    let problem = problem?;
    Some(
        Finding::new(
            Code::Mig006,
            t!(lang, "mig006-skipped", kind = kind, problem = problem),
        )
        .at(
            ObjectRef {
                api_version: api_version.to_string(),
                kind: kind.to_string(),
                namespace: meta.namespace.clone(),
                name: meta.name.clone(),
            },
            span,
        ),
    )
}
