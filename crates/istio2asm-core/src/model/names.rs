//! Kubernetes' name rules applied to every object as it enters the model: an object whose name,
//! namespace or owner breaks them becomes MIG006 and never reaches a command.

use crate::codes::Code;
use crate::finding::{Finding, ObjectRef};
use crate::names::{is_dns1035_label, is_dns1123_label, is_dns1123_subdomain, is_path_segment};
use crate::source::Span;

use super::{api_group, Meta};

/// Checks an object's name and namespace by the rule of its kind.
pub(crate) fn check_object(
    api_version: &str,
    kind: &str,
    meta: &Meta,
    span: Span,
) -> Option<Finding> {
    let (rule, ok): (&str, fn(&str) -> bool) = match (api_group(api_version), kind) {
        ("", "Namespace") => ("an RFC 1123 label", is_dns1123_label),
        ("", "Service") => ("an RFC 1035 label", is_dns1035_label),
        ("rbac.authorization.k8s.io", _) => ("a path segment", is_path_segment),
        _ => ("an RFC 1123 subdomain", is_dns1123_subdomain),
    };
    let bad_owner = meta.owners.iter().find(|o| {
        !is_dns1123_subdomain(&o.name) || !o.kind.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let problem = if !ok(&meta.name) {
        Some(format!("its name {:?} is not {rule}", meta.name))
    } else if let Some(owner) = bad_owner {
        // Owner names become commands too (`rollout restart deployment/NAME`).
        Some(format!(
            "its owner {:?} {:?} is not a valid kind and RFC 1123 subdomain name",
            owner.kind, owner.name
        ))
    } else {
        meta.namespace
            .as_deref()
            .filter(|ns| !is_dns1123_label(ns))
            .map(|ns| format!("its namespace {ns:?} is not an RFC 1123 label"))
    };
    let problem = problem?;
    Some(
        Finding::new(
            Code::Mig006,
            format!("{kind} skipped: {problem}; no command is generated for it"),
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
