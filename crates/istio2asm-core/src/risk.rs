//! The risk of restarting a workload's pods (SPEC §5.3 step 3): what can make a restart lose
//! requests. The seed's rule: a switch is loss-free only if the protocol shuts down gracefully
//! (HTTP, HTTP/2, gRPC) and requests finish within the proxy's drain window.

use std::collections::BTreeMap;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize};

use crate::detect::Facts;
use crate::i18n::Lang;
use crate::model::{Bundle, Object, WorkloadBody, WorkloadKind};
use crate::node::{Node, NodeSeed};

/// Istio's default `terminationDrainDuration`.
pub const DEFAULT_DRAIN_SECONDS: f64 = 5.0;
/// Kubernetes' default `terminationGracePeriodSeconds`.
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// The risks of one workload; all empty means a restart should be loss-free.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Risks {
    /// Fewer than two replicas (Deployments and StatefulSets).
    pub replicas: Option<i64>,
    /// No PodDisruptionBudget selects the pods.
    pub no_pdb: bool,
    /// `terminationGracePeriodSeconds` shorter than the drain duration: (grace, drain seconds).
    pub grace_below_drain: Option<(i64, f64)>,
    /// No application container has a preStop hook.
    pub no_pre_stop: bool,
    /// Service ports that are not HTTP, HTTP/2 or gRPC (or do not declare a protocol), in words
    /// (`ledger:5432 (tcp-db)`), in the language [`assess`] was given.
    pub non_http_ports: Vec<String>,
    /// `updateStrategy: OnDelete`.
    pub on_delete: bool,
    /// The language of its words (`non_http_ports`, [`Risks::list`]): the analysis', like the
    /// plan's `lang`. Not serialized: the JSON holds the risks, not a language.
    #[serde(skip)]
    pub lang: Lang,
}

impl Risks {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }

    /// The risks in words, in a fixed order, in the language they were assessed in.
    pub fn list(&self) -> Vec<String> {
        let lang = self.lang;
        let mut out = Vec::new();
        if let Some(replicas) = self.replicas {
            out.push(t!(lang, "plan-risk-replicas", count = replicas));
        }
        if self.no_pdb {
            out.push(t!(lang, "plan-risk-no-pdb"));
        }
        if let Some((grace, drain)) = self.grace_below_drain {
            // Rust's float formatting (`5`, `0.5`), not Fluent's number formatting.
            out.push(t!(
                lang,
                "plan-risk-grace-below-drain",
                grace = grace.to_string(),
                drain = drain.to_string()
            ));
        }
        if self.no_pre_stop {
            out.push(t!(lang, "plan-risk-no-pre-stop"));
        }
        if !self.non_http_ports.is_empty() {
            out.push(t!(
                lang,
                "plan-risk-non-http-ports",
                ports = self.non_http_ports.join(&t!(lang, "list-separator"))
            ));
        }
        if self.on_delete {
            out.push(t!(lang, "plan-risk-on-delete"));
        }
        out
    }
}

/// Parses a Go duration such as `5s`, `1m30s`, `500ms` into seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let text = text.trim();
    let mut total = 0.0;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "us" | "µs" => 0.000_001,
            "ns" => 0.000_000_001,
            _ => return None,
        };
        total += number * factor;
        rest = &rest[unit_len..];
    }
    Some(total)
}

/// Whether a Service port speaks a protocol that drains gracefully.
fn is_http_port(name: Option<&str>, app_protocol: Option<&str>) -> bool {
    const GRACEFUL: [&str; 5] = ["http", "http2", "grpc", "grpc-web", "h2c"];
    let protocol = app_protocol
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_ascii_lowercase())
        .or_else(|| name.map(|n| n.split('-').next().unwrap_or(n).to_ascii_lowercase()));
    let Some(protocol) = protocol else {
        return false;
    };
    GRACEFUL.contains(&protocol.as_str())
        || name.is_some_and(|n| n.to_ascii_lowercase().starts_with("grpc-web"))
}

/// The drain duration of a workload: its `proxy.istio.io/config` annotation, else the mesh
/// config's default, else Istio's 5 s.
pub fn drain_seconds(annotations: &BTreeMap<String, String>, facts: &Facts) -> f64 {
    let from_annotation = annotations.get("proxy.istio.io/config").and_then(|config| {
        let doc = serde_yaml::Deserializer::from_str(config).next()?;
        let node: Node = NodeSeed::new(32).deserialize(doc).ok()?;
        parse_duration(node.str_at(&["terminationDrainDuration"])?)
    });
    from_annotation
        .or_else(|| {
            facts
                .mesh_configs
                .iter()
                .find_map(|m| m.drain_duration.as_deref().and_then(parse_duration))
        })
        .unwrap_or(DEFAULT_DRAIN_SECONDS)
}

/// The risks of restarting a workload's pods; the ports that do not drain gracefully are named
/// in `lang`.
pub fn assess(
    lang: Lang,
    bundle: &Bundle,
    facts: &Facts,
    workload: &Object<WorkloadBody>,
) -> Risks {
    let body = &workload.body;
    let template = &body.template;
    let replicas = match body.kind {
        WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::ReplicaSet => {
            Some(body.replicas.unwrap_or(1)).filter(|r| *r < 2)
        }
        _ => None,
    };
    let no_pdb = matches!(
        body.kind,
        WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::ReplicaSet
    ) && !bundle.pdbs.iter().any(|pdb| {
        pdb.ns() == workload.ns()
            && !pdb.body.selector.is_empty()
            && pdb
                .body
                .selector
                .iter()
                .all(|(k, v)| template.labels.get(k) == Some(v))
    });
    let grace = template
        .spec
        .termination_grace_period_seconds
        .unwrap_or(DEFAULT_GRACE_SECONDS);
    let drain = drain_seconds(&template.annotations, facts);
    let grace_below_drain = ((grace as f64) < drain).then_some((grace, drain));
    let app_containers = template
        .spec
        .containers
        .iter()
        .filter(|c| c.name != "istio-proxy");
    let no_pre_stop = !app_containers.clone().any(|c| c.pre_stop);
    let mut non_http_ports: Vec<String> = bundle
        .services
        .iter()
        .filter(|s| {
            s.ns() == workload.ns()
                && !s.body.selector.is_empty()
                && s.body
                    .selector
                    .iter()
                    .all(|(k, v)| template.labels.get(k) == Some(v))
        })
        .flat_map(|s| {
            s.body
                .ports
                .iter()
                .filter(|p| !is_http_port(p.name.as_deref(), p.app_protocol.as_deref()))
                .map(move |p| match &p.name {
                    Some(name) => t!(
                        lang,
                        "plan-risk-port-named",
                        service = s.name(),
                        port = p.port.to_string(),
                        name = name
                    ),
                    None => t!(
                        lang,
                        "plan-risk-port-undeclared",
                        service = s.name(),
                        port = p.port.to_string()
                    ),
                })
        })
        .collect();
    non_http_ports.sort();
    non_http_ports.dedup();
    Risks {
        replicas,
        no_pdb,
        grace_below_drain,
        no_pre_stop: no_pre_stop && !template.spec.containers.is_empty(),
        non_http_ports,
        on_delete: body.strategy.as_deref() == Some("OnDelete"),
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5s"), Some(5.0));
        assert_eq!(parse_duration("1m30s"), Some(90.0));
        assert_eq!(parse_duration("500ms"), Some(0.5));
        assert_eq!(parse_duration("1.5h"), Some(5400.0));
        assert_eq!(parse_duration("5"), None);
        assert_eq!(parse_duration(""), None);
    }

    #[test]
    fn port_protocols() {
        assert!(is_http_port(Some("http"), None));
        assert!(is_http_port(Some("http-web"), None));
        assert!(is_http_port(Some("grpc"), Some("grpc")));
        assert!(is_http_port(Some("web"), Some("kubernetes.io/h2c")));
        assert!(!is_http_port(Some("tcp-redis"), None));
        assert!(!is_http_port(Some("https"), None));
        assert!(!is_http_port(None, None));
        assert!(is_http_port(Some("grpc-web"), None));
    }
}
