//! The checks: one file per finding code, named after the problem (`Code::name`), each opening
//! with its documentation in fixed sections (What it finds / Why it matters / How to fix /
//! Example). The codes themselves, with severity and gate, are registered in `codes`.

use crate::detect::{Facts, Identity};
use crate::finding::{CrossFinding, Finding};
use crate::i18n::Lang;
use crate::inject::Simulation;
use crate::model::Bundle;
use crate::phase::Migration;
use crate::settings::Settings;
use crate::trust::Trust;

#[path = "ambient-mode.rs"]
pub(crate) mod ambient_mode;
#[path = "asm-root-differs.rs"]
pub(crate) mod asm_root_differs;
#[path = "asm-too-old.rs"]
pub(crate) mod asm_too_old;
#[path = "cluster-name-not-unique.rs"]
pub(crate) mod cluster_name_not_unique;
#[path = "cluster-roots-differ.rs"]
pub(crate) mod cluster_roots_differ;
#[path = "cr-identity.rs"]
pub(crate) mod cr_identity;
#[path = "cr-illegal-transition.rs"]
pub(crate) mod cr_illegal_transition;
#[path = "cr-invalid-retry-counter.rs"]
pub(crate) mod cr_invalid_retry_counter;
#[path = "cr-invalid-state.rs"]
pub(crate) mod cr_invalid_state;
#[path = "cr-missing.rs"]
pub(crate) mod cr_missing;
#[path = "cr-reconcile-pending.rs"]
pub(crate) mod cr_reconcile_pending;
#[path = "cr-switch-failed.rs"]
pub(crate) mod cr_switch_failed;
#[path = "cr-unknown-field.rs"]
pub(crate) mod cr_unknown_field;
#[path = "duplicate-object.rs"]
pub(crate) mod duplicate_object;
#[path = "eastwest-needs-label-reconciliation-off.rs"]
pub(crate) mod eastwest_needs_label_reconciliation_off;
#[path = "eastwest-network-plan.rs"]
pub(crate) mod eastwest_network_plan;
#[path = "egress-route-to-migrate.rs"]
pub(crate) mod egress_route_to_migrate;
#[path = "envoyfilter-review.rs"]
pub(crate) mod envoyfilter_review;
#[path = "gateway-missing-xds-agent.rs"]
pub(crate) mod gateway_missing_xds_agent;
#[path = "graceful-shutdown-risk.rs"]
pub(crate) mod graceful_shutdown_risk;
#[path = "ingress-gateway-to-migrate.rs"]
pub(crate) mod ingress_gateway_to_migrate;
#[path = "injection-label-conflict.rs"]
pub(crate) mod injection_label_conflict;
#[path = "injection-multiple-injectors.rs"]
pub(crate) mod injection_multiple_injectors;
#[path = "input-limit.rs"]
pub(crate) mod input_limit;
#[path = "invalid-name.rs"]
pub(crate) mod invalid_name;
#[path = "invalid-route-weights.rs"]
pub(crate) mod invalid_route_weights;
#[path = "istio-api-import.rs"]
pub(crate) mod istio_api_import;
#[path = "istio-api-not-in-asm.rs"]
pub(crate) mod istio_api_not_in_asm;
#[path = "istio-control-plane-remains.rs"]
pub(crate) mod istio_control_plane_remains;
#[path = "istio-gateways-remain.rs"]
pub(crate) mod istio_gateways_remain;
#[path = "istio-multiple-revisions.rs"]
pub(crate) mod istio_multiple_revisions;
#[path = "istio-not-found.rs"]
pub(crate) mod istio_not_found;
#[path = "istio-sidecars-remain.rs"]
pub(crate) mod istio_sidecars_remain;
#[path = "istio-system-injection-label.rs"]
pub(crate) mod istio_system_injection_label;
#[path = "istio-too-old.rs"]
pub(crate) mod istio_too_old;
#[path = "kubernetes-too-old.rs"]
pub(crate) mod kubernetes_too_old;
#[path = "mesh-config-missing-xds-agent.rs"]
pub(crate) mod mesh_config_missing_xds_agent;
#[path = "mesh-id-differs.rs"]
pub(crate) mod mesh_id_differs;
#[path = "network-gateway-mismatch.rs"]
pub(crate) mod network_gateway_mismatch;
#[path = "not-a-kubernetes-object.rs"]
pub(crate) mod not_a_kubernetes_object;
#[path = "plugged-in-ca.rs"]
pub(crate) mod plugged_in_ca;
#[path = "remote-secret-missing.rs"]
pub(crate) mod remote_secret_missing;
#[path = "restart-drops-sidecar.rs"]
pub(crate) mod restart_drops_sidecar;
#[path = "root-cert-expiring.rs"]
pub(crate) mod root_cert_expiring;
#[path = "root-cert-multiple-writers.rs"]
pub(crate) mod root_cert_multiple_writers;
#[path = "root-cert-unreadable.rs"]
pub(crate) mod root_cert_unreadable;
#[path = "secrets-dropped.rs"]
pub(crate) mod secrets_dropped;
#[path = "sidecar-manual-restart.rs"]
pub(crate) mod sidecar_manual_restart;
#[path = "sidecar-missing-xds-agent.rs"]
pub(crate) mod sidecar_missing_xds_agent;
#[path = "switch-not-to-asm.rs"]
pub(crate) mod switch_not_to_asm;
#[path = "trust-domain-mismatch.rs"]
pub(crate) mod trust_domain_mismatch;
#[path = "workload-manually-injected.rs"]
pub(crate) mod workload_manually_injected;
#[path = "workload-on-istio-sidecar.rs"]
pub(crate) mod workload_on_istio_sidecar;
#[path = "yaml-syntax.rs"]
pub(crate) mod yaml_syntax;

/// What the checks see.
#[derive(Debug)]
pub struct Context<'a> {
    /// The cluster's objects.
    pub bundle: &'a Bundle,
    /// What was detected in them.
    pub facts: &'a Facts,
    /// The injection simulation.
    pub injection: &'a Simulation,
    /// Roots of trust and trust domains of both sides.
    pub trust: &'a Trust,
    /// The migration resource.
    pub migration: &'a Migration,
    /// The settings.
    pub settings: &'a Settings,
    /// The language of the messages (the settings').
    pub lang: Lang,
    /// The ASM control plane's export, when given.
    pub asm: Option<&'a Bundle>,
}

/// The checks that run on an analysed bundle, in report order. Load-time codes (MIG001–MIG006)
/// and the resource checks (MIG1xx) are raised where the input is read and the CR is interpreted.
const RUNS: &[fn(&Context, &mut Vec<Finding>)] = &[
    kubernetes_too_old::run,
    istio_too_old::run,
    asm_too_old::run,
    istio_multiple_revisions::run,
    istio_not_found::run,
    eastwest_needs_label_reconciliation_off::run,
    istio_system_injection_label::run,
    eastwest_network_plan::run,
    mesh_config_missing_xds_agent::run,
    sidecar_missing_xds_agent::run,
    sidecar_manual_restart::run,
    gateway_missing_xds_agent::run,
    workload_on_istio_sidecar::run,
    injection_label_conflict::run,
    graceful_shutdown_risk::run,
    egress_route_to_migrate::run,
    invalid_route_weights::run,
    ingress_gateway_to_migrate::run,
    istio_api_import::run,
    envoyfilter_review::run,
    workload_manually_injected::run,
    ambient_mode::run,
    injection_multiple_injectors::run,
    switch_not_to_asm::run,
    restart_drops_sidecar::run,
    istio_sidecars_remain::run,
    istio_gateways_remain::run,
    istio_control_plane_remains::run,
    istio_api_not_in_asm::run,
    root_cert_multiple_writers::run,
    asm_root_differs::run,
    root_cert_expiring::run,
    plugged_in_ca::run,
    trust_domain_mismatch::run,
    root_cert_unreadable::run,
];

/// Runs every check. A check never panics and never fails: it reports what it can see.
pub(crate) fn run_all(cx: &Context, out: &mut Vec<Finding>) {
    for run in RUNS {
        run(cx, out);
    }
}

/// One cluster of a mesh, as the cross-cluster checks see it.
#[derive(Debug)]
pub struct MemberView<'a> {
    /// The name the user gave the cluster.
    pub name: &'a str,
    /// Its objects.
    pub bundle: &'a Bundle,
    /// What was detected in them.
    pub facts: &'a Facts,
    /// Its roots of trust.
    pub trust: &'a Trust,
    /// Its place in the mesh.
    pub identity: &'a Identity,
}

/// What the cross-cluster checks see: every cluster of the mesh, in the order given.
#[derive(Debug)]
pub struct MeshContext<'a> {
    /// The clusters.
    pub members: Vec<MemberView<'a>>,
    /// The language of the messages.
    pub lang: Lang,
}

impl MeshContext<'_> {
    /// The cluster a user-given name names.
    pub fn member(&self, name: &str) -> Option<&MemberView<'_>> {
        self.members.iter().find(|m| m.name == name)
    }
}

/// The checks that compare the clusters of a mesh (MIG801–MIG805), in report order. They run
/// over a [`MeshContext`], after every cluster's own analysis, never in [`RUNS`].
const MESH_RUNS: &[fn(&MeshContext, &mut Vec<CrossFinding>)] = &[
    mesh_id_differs::run_mesh,
    cluster_name_not_unique::run_mesh,
    network_gateway_mismatch::run_mesh,
    remote_secret_missing::run_mesh,
    cluster_roots_differ::run_mesh,
];

/// Runs every cross-cluster check. Like the others, they never panic and never fail.
pub(crate) fn run_mesh(cx: &MeshContext, out: &mut Vec<CrossFinding>) {
    for run in MESH_RUNS {
        run(cx, out);
    }
}

/// Shared helpers for the checks (and the plan) that work on proxies grouped by owner, and for
/// the trust checks.
pub(crate) mod support {
    use std::collections::BTreeMap;

    use crate::codes::Severity;
    use crate::state::State;
    use crate::trust::{RootSet, TrustSide};

    use super::Context;
    use crate::detect::{is_live, Flavor, Owner, Proxy, Role};
    use crate::i18n::Lang;
    use crate::model::Bundle;

    /// Live proxies of a role and flavor that match `keep`, grouped by owner (sorted).
    pub(crate) fn by_owner<'a>(
        cx: &'a Context,
        role: Role,
        flavor: Flavor,
        keep: impl Fn(&Proxy) -> bool,
    ) -> BTreeMap<&'a Owner, Vec<&'a Proxy>> {
        let mut groups: BTreeMap<&Owner, Vec<&Proxy>> = BTreeMap::new();
        for proxy in &cx.facts.proxies {
            if proxy.role == role
                && proxy.flavor == flavor
                && is_live(cx.bundle, proxy.pod)
                && keep(proxy)
            {
                groups.entry(&proxy.owner).or_default().push(proxy);
            }
        }
        groups
    }

    /// The severity of a finding that fails the roots-of-trust gate: an error, a warning once the
    /// user said the roots are handled (`trust-handled`).
    pub(crate) fn trust_severity(cx: &Context) -> Severity {
        if cx.settings.trust_handled {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Whether Istio's and ASM's proxies will serve side by side: the migration is not finished.
    pub(crate) fn proxies_coexist(cx: &Context) -> bool {
        cx.migration.state != State::Finished
    }

    /// A group of ConfigMaps in words: `AB:CD…EF:01 (O=cluster.local) in 3 namespaces (a, b, c)`.
    pub(crate) fn roots_words(lang: Lang, side: &TrustSide, set: &RootSet) -> String {
        let roots = set
            .sha256
            .iter()
            .map(|sha| {
                let subject = side.root(sha).map_or("", |r| r.subject.as_str());
                t!(
                    lang,
                    "trust-root-words",
                    sha256 = sha.as_str(),
                    subject = subject
                )
            })
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"));
        let shown = set
            .namespaces
            .iter()
            .take(5)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"));
        let more = if set.namespaces.len() > 5 {
            t!(lang, "pod-list-more", count = set.namespaces.len() - 5)
        } else {
            String::new()
        };
        t!(
            lang,
            "trust-set-words",
            roots = roots,
            count = set.namespaces.len(),
            names = shown,
            more = more
        )
    }

    /// `3 pods (a, b, c)` with at most five names.
    pub(crate) fn pod_list(lang: Lang, bundle: &Bundle, proxies: &[&Proxy]) -> String {
        let mut names: Vec<&str> = proxies.iter().map(|p| bundle.pods[p.pod].name()).collect();
        names.sort_unstable();
        let shown = names
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"));
        let more = if names.len() > 5 {
            t!(lang, "pod-list-more", count = names.len() - 5)
        } else {
            String::new()
        };
        t!(
            lang,
            "pod-list",
            count = names.len(),
            names = shown,
            more = more
        )
    }
}

/// Shared helpers for the cross-cluster checks.
pub(crate) mod mesh_support {
    use super::MeshContext;
    use crate::detect::NameSource;
    use crate::finding::{ClusterCommand, CrossFinding, Finding};
    use crate::i18n::Lang;
    use crate::kubectl::Command;

    /// Names joined by the language's list separator.
    pub(crate) fn list<S: AsRef<str>>(lang: Lang, items: impl IntoIterator<Item = S>) -> String {
        items
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"))
    }

    /// Where a name was read, in words.
    pub(crate) fn source(lang: Lang, from: NameSource) -> String {
        match from {
            NameSource::IstiodEnv => t!(lang, "mig8-source-istiod-env"),
            NameSource::InjectorValues => t!(lang, "mig8-source-injector-values"),
            NameSource::ProxyEnv => t!(lang, "mig8-source-proxy-env"),
            NameSource::NamespaceLabel => t!(lang, "mig8-source-namespace-label"),
            NameSource::MeshConfig => t!(lang, "mig8-source-mesh-config"),
            NameSource::TrustDomain => t!(lang, "mig8-source-trust-domain"),
            NameSource::Default => t!(lang, "mig8-source-default"),
        }
    }

    /// The value most clusters have (ties: the one the earliest cluster has), from (cluster,
    /// value) pairs in the mesh's order.
    pub(crate) fn majority<'a>(values: &[(&str, &'a str)]) -> Option<&'a str> {
        let mut best: Option<(&str, usize)> = None;
        for (_, value) in values {
            let count = values.iter().filter(|(_, v)| v == value).count();
            if best.is_none_or(|(_, c)| count > c) {
                best = Some((value, count));
            }
        }
        best.map(|(value, _)| value)
    }

    /// The clusters named, in the mesh's order, each once.
    pub(crate) fn in_order(cx: &MeshContext, names: &[&str]) -> Vec<String> {
        cx.members
            .iter()
            .filter(|m| names.contains(&m.name))
            .map(|m| m.name.to_string())
            .collect()
    }

    /// A cross-cluster finding: the finding placed in `at`'s export, about `clusters`, with
    /// `command` run against each of them.
    pub(crate) fn cross(
        finding: Finding,
        clusters: Vec<String>,
        at: Option<&str>,
        command: impl Fn(&str) -> Vec<Command>,
    ) -> CrossFinding {
        let commands = clusters
            .iter()
            .flat_map(|cluster| {
                command(cluster).into_iter().map(|command| ClusterCommand {
                    cluster: cluster.clone(),
                    command,
                })
            })
            .collect();
        CrossFinding {
            at: at.filter(|_| finding.span.is_some()).map(String::from),
            finding,
            clusters,
            commands,
        }
    }
}

/// Helpers for the checks' unit tests: analyse inline YAML, pick out one code.
#[cfg(test)]
pub(crate) mod testing {
    use crate::analysis::{analyze, Analysis};
    use crate::codes::{Code, Severity};
    use crate::kubectl::KubeconfigVars;
    use crate::load::Input;
    use crate::settings::Settings;

    /// A settled `ASMMigrateFromIstio` in `state`, as a YAML document (with `---`).
    pub(crate) fn cr(state: &str) -> String {
        format!(
            "---\napiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: {state}\n  retryCounter: 0\nstatus:\n  message: \"\"\n  retryCounter: 0\n  state: {state}\n"
        )
    }

    /// Every finding of `yaml` (one input file, ASM 1.24.6) as (code, severity, message).
    pub(crate) fn findings(yaml: &str) -> Vec<(Code, Severity, String)> {
        let settings = Settings {
            asm_version: Some("1.24.6".into()),
            ..Settings::default()
        };
        findings_with(yaml, &settings)
    }

    /// Like [`findings`], with settings.
    pub(crate) fn findings_with(yaml: &str, settings: &Settings) -> Vec<(Code, Severity, String)> {
        analyze(vec![Input::new("test.yaml", yaml)], Vec::new(), settings)
            .findings
            .into_iter()
            .map(|f| (f.code, f.severity, f.message))
            .collect()
    }

    /// The findings of one code: (severity, message).
    pub(crate) fn check(yaml: &str, code: Code) -> Vec<(Severity, String)> {
        findings(yaml)
            .into_iter()
            .filter(|(c, _, _)| *c == code)
            .map(|(_, s, m)| (s, m))
            .collect()
    }

    /// The whole analysis of `yaml` (one input file named `test.yaml`, ASM 1.24.6).
    pub(crate) fn analysis(yaml: &str) -> Analysis {
        let settings = Settings {
            asm_version: Some("1.24.6".into()),
            ..Settings::default()
        };
        analyze(vec![Input::new("test.yaml", yaml)], Vec::new(), &settings)
    }

    /// The cross-cluster findings of one code over clusters given as (name, YAML), in their
    /// JSON shape (`severity`, `message`, `clusters`, `help`, `commands`, ...).
    pub(crate) fn mesh(clusters: &[(&str, &str)], code: Code) -> Vec<serde_json::Value> {
        let inputs = clusters
            .iter()
            .map(|(name, yaml)| crate::clusters::ClusterInput {
                name: name.to_string(),
                inputs: vec![Input::new(format!("{name}.yaml"), *yaml)],
            })
            .collect();
        let mesh = crate::clusters::analyze_clusters(inputs, Vec::new(), &Settings::default());
        crate::report::mesh_value(&mesh)["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f["code"] == code.as_str())
            .collect()
    }

    /// The commands of the findings of one code, rendered for bash with the default kubeconfig
    /// variables, one list per finding.
    pub(crate) fn commands(yaml: &str, code: Code) -> Vec<Vec<String>> {
        let vars = KubeconfigVars::default();
        analysis(yaml)
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.commands.iter().map(|c| c.render(&vars)).collect())
            .collect()
    }
}
