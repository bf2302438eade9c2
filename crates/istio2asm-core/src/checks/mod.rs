//! The checks: one file per finding code, named after the problem, each opening with its
//! documentation in fixed sections (What it finds / Why it matters / How to fix / Example).
//! `istio2asm explain` and `docs/checks.md` are generated from those comments.

use crate::analysis::Context;
use crate::finding::{Finding, Severity};

/// Declares every code once: the module (file), the code, its kebab-case name and its default
/// severity. The order here is the order of `docs/checks.md`.
macro_rules! registry {
    ($( $module:ident $file:literal => $variant:ident $code:literal $name:literal $severity:ident; )*) => {
        $(
            #[path = $file]
            pub(crate) mod $module;
        )*

        /// A stable finding code. Codes are never reused; a retired code keeps its number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $code, "` ", $name)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code, e.g. `MIG402`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The kebab-case name, e.g. `sidecar-missing-xds-agent`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity the code has when its gate is the next one.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The documentation, parsed from the check file's leading `//!` comment.
            pub fn doc(self) -> Doc {
                // Only the `//!` block of each file, extracted by build.rs.
                let source = match self {
                    $(Code::$variant => include_str!(concat!(env!("OUT_DIR"), "/checks/", $file, ".doc")),)*
                };
                Doc::parse(source)
            }
        }
    };
}

registry! {
    yaml_syntax "yaml-syntax.rs" => Mig001 "MIG001" "yaml-syntax" Error;
    not_a_kubernetes_object "not-a-kubernetes-object.rs" => Mig002 "MIG002" "not-a-kubernetes-object" Error;
    duplicate_object "duplicate-object.rs" => Mig003 "MIG003" "duplicate-object" Warning;
    secrets_dropped "secrets-dropped.rs" => Mig004 "MIG004" "secrets-dropped" Info;
    input_limit "input-limit.rs" => Mig005 "MIG005" "input-limit" Error;
    invalid_name "invalid-name.rs" => Mig006 "MIG006" "invalid-name" Error;
    cr_missing "cr-missing.rs" => Mig101 "MIG101" "cr-missing" Warning;
    cr_identity "cr-identity.rs" => Mig102 "MIG102" "cr-identity" Error;
    cr_invalid_state "cr-invalid-state.rs" => Mig103 "MIG103" "cr-invalid-state" Error;
    cr_illegal_transition "cr-illegal-transition.rs" => Mig104 "MIG104" "cr-illegal-transition" Error;
    cr_invalid_retry_counter "cr-invalid-retry-counter.rs" => Mig105 "MIG105" "cr-invalid-retry-counter" Error;
    cr_switch_failed "cr-switch-failed.rs" => Mig106 "MIG106" "cr-switch-failed" Error;
    cr_reconcile_pending "cr-reconcile-pending.rs" => Mig107 "MIG107" "cr-reconcile-pending" Info;
    cr_unknown_field "cr-unknown-field.rs" => Mig108 "MIG108" "cr-unknown-field" Warning;
    kubernetes_too_old "kubernetes-too-old.rs" => Mig201 "MIG201" "kubernetes-too-old" Error;
    istio_too_old "istio-too-old.rs" => Mig202 "MIG202" "istio-too-old" Error;
    asm_too_old "asm-too-old.rs" => Mig203 "MIG203" "asm-too-old" Error;
    istio_multiple_revisions "istio-multiple-revisions.rs" => Mig204 "MIG204" "istio-multiple-revisions" Warning;
    istio_not_found "istio-not-found.rs" => Mig205 "MIG205" "istio-not-found" Error;
    eastwest_needs_label_reconciliation_off "eastwest-needs-label-reconciliation-off.rs" => Mig301 "MIG301" "eastwest-needs-label-reconciliation-off" Error;
    istio_system_injection_label "istio-system-injection-label.rs" => Mig302 "MIG302" "istio-system-injection-label" Error;
    eastwest_network_plan "eastwest-network-plan.rs" => Mig303 "MIG303" "eastwest-network-plan" Info;
    mesh_config_missing_xds_agent "mesh-config-missing-xds-agent.rs" => Mig401 "MIG401" "mesh-config-missing-xds-agent" Warning;
    sidecar_missing_xds_agent "sidecar-missing-xds-agent.rs" => Mig402 "MIG402" "sidecar-missing-xds-agent" Error;
    sidecar_manual_restart "sidecar-manual-restart.rs" => Mig403 "MIG403" "sidecar-manual-restart" Warning;
    gateway_missing_xds_agent "gateway-missing-xds-agent.rs" => Mig404 "MIG404" "gateway-missing-xds-agent" Warning;
    workload_on_istio_sidecar "workload-on-istio-sidecar.rs" => Mig501 "MIG501" "workload-on-istio-sidecar" Info;
    injection_label_conflict "injection-label-conflict.rs" => Mig502 "MIG502" "injection-label-conflict" Warning;
    graceful_shutdown_risk "graceful-shutdown-risk.rs" => Mig503 "MIG503" "graceful-shutdown-risk" Warning;
    egress_route_to_migrate "egress-route-to-migrate.rs" => Mig504 "MIG504" "egress-route-to-migrate" Info;
    invalid_route_weights "invalid-route-weights.rs" => Mig505 "MIG505" "invalid-route-weights" Error;
    ingress_gateway_to_migrate "ingress-gateway-to-migrate.rs" => Mig506 "MIG506" "ingress-gateway-to-migrate" Info;
    istio_api_import "istio-api-import.rs" => Mig507 "MIG507" "istio-api-import" Info;
    envoyfilter_review "envoyfilter-review.rs" => Mig508 "MIG508" "envoyfilter-review" Warning;
    istio_sidecars_remain "istio-sidecars-remain.rs" => Mig601 "MIG601" "istio-sidecars-remain" Error;
    istio_gateways_remain "istio-gateways-remain.rs" => Mig602 "MIG602" "istio-gateways-remain" Error;
    istio_control_plane_remains "istio-control-plane-remains.rs" => Mig603 "MIG603" "istio-control-plane-remains" Error;
    istio_api_not_in_asm "istio-api-not-in-asm.rs" => Mig604 "MIG604" "istio-api-not-in-asm" Error;
}

impl Code {
    /// Looks a code up by its number (`MIG402`, case-insensitive) or its name.
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.name() == text)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
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
    istio_sidecars_remain::run,
    istio_gateways_remain::run,
    istio_control_plane_remains::run,
    istio_api_not_in_asm::run,
];

/// Runs every check. A check never panics and never fails: it reports what it can see.
pub(crate) fn run_all(cx: &Context, out: &mut Vec<Finding>) {
    for run in RUNS {
        run(cx, out);
    }
}

/// A check's documentation, in its fixed sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The title line (`MIG402 sidecar-missing-xds-agent`).
    pub title: String,
    /// The sections in order: (heading, body).
    pub sections: Vec<(String, String)>,
}

/// The headings every check documents, in this order.
pub const DOC_SECTIONS: [&str; 4] = ["What it finds", "Why it matters", "How to fix", "Example"];

impl Doc {
    /// Reads the leading `//!` block of a check file.
    fn parse(source: &str) -> Doc {
        let mut title = String::new();
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if let Some(heading) = rest.strip_prefix("## ") {
                sections.push((heading.trim().to_string(), String::new()));
            } else if let Some(heading) = rest.strip_prefix("# ") {
                title = heading.trim().to_string();
            } else if let Some((_, body)) = sections.last_mut() {
                body.push_str(rest);
                body.push('\n');
            }
        }
        for (_, body) in &mut sections {
            *body = body.trim().to_string();
        }
        Doc { title, sections }
    }

    /// The body of one section, "" when missing.
    pub fn section(&self, heading: &str) -> &str {
        self.sections
            .iter()
            .find(|(h, _)| h == heading)
            .map_or("", |(_, body)| body.as_str())
    }

    /// The "How to fix" section's first paragraph on one line, the default help of a finding.
    pub fn how_to_fix(&self) -> String {
        let body = self.section("How to fix");
        let first = body.split("\n\n").next().unwrap_or(body);
        first.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The whole page as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n", self.title);
        for (heading, body) in &self.sections {
            out.push_str(&format!("\n### {heading}\n\n{body}\n"));
        }
        out
    }
}

/// `docs/checks.md`: every code's page, generated from the check files.
pub fn docs_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated by istio2asm from crates/istio2asm-core/src/checks/*.rs; do not edit. -->\n\
         <!-- Regenerate: cargo run -p istio2asm-cli -- explain --all > docs/checks.md -->\n\n\
         # istio2asm finding codes\n\n\
         | code | name | severity |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            code.as_str(),
            anchor(&code.doc().title),
            code.name(),
            code.severity().as_str()
        ));
    }
    for code in Code::ALL {
        out.push('\n');
        out.push_str(&code.doc().to_markdown());
    }
    out
}

/// A GitHub-style heading anchor.
fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_documents_every_section() {
        for code in Code::ALL {
            let doc = code.doc();
            assert_eq!(
                doc.title,
                format!("{} {}", code.as_str(), code.name()),
                "title of {code:?}"
            );
            let headings: Vec<_> = doc.sections.iter().map(|(h, _)| h.as_str()).collect();
            assert_eq!(headings, DOC_SECTIONS, "sections of {}", code.as_str());
            for (heading, body) in &doc.sections {
                assert!(!body.is_empty(), "{} has an empty {heading}", code.as_str());
            }
        }
    }

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
            assert_eq!(Code::parse(code.name()), Some(*code));
        }
        assert_eq!(Code::parse("MIG999"), None);
    }
}

/// Shared helpers for the checks (and the plan) that work on proxies grouped by owner.
pub(crate) mod support {
    use std::collections::BTreeMap;

    use crate::analysis::Context;
    use crate::commands::rollout_restart;
    use crate::detect::{Flavor, Owner, OwnerKind, Proxy, Role};
    use crate::kubectl::Command;
    use crate::model::{Bundle, WorkloadKind};

    /// Whether a pod still runs (not `Succeeded` or `Failed`): finished pods run no proxy.
    pub(crate) fn is_live(bundle: &Bundle, pod: usize) -> bool {
        !matches!(
            bundle.pods[pod].body.phase.as_deref(),
            Some("Succeeded" | "Failed")
        )
    }

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

    /// How pods of an owner get restarted.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) enum Restart {
        /// `kubectl rollout restart`.
        Rollout(Command),
        /// A StatefulSet with `updateStrategy: OnDelete`: delete pods one at a time.
        OnDelete,
        /// A Job: let it finish, or delete and re-create it.
        Job,
        /// A CronJob: the next run picks the change up, or run one now.
        CronJob,
        /// A bare pod: re-create it from its original manifest.
        Bare,
        /// A ReplicaSet without a Deployment or another controller: restart through it.
        Other(String),
    }

    /// The restart method for an owner.
    pub(crate) fn restart(bundle: &Bundle, owner: &Owner) -> Restart {
        match &owner.kind {
            OwnerKind::Workload(kind @ (WorkloadKind::StatefulSet | WorkloadKind::DaemonSet)) => {
                let on_delete = bundle
                    .workload(*kind, &owner.namespace, &owner.name)
                    .is_some_and(|w| w.body.strategy.as_deref() == Some("OnDelete"));
                match (on_delete, rollout_restart(owner)) {
                    (false, Some(command)) => Restart::Rollout(command),
                    _ => Restart::OnDelete,
                }
            }
            OwnerKind::Workload(WorkloadKind::Job) => Restart::Job,
            OwnerKind::Workload(WorkloadKind::CronJob) => Restart::CronJob,
            OwnerKind::Bare => Restart::Bare,
            OwnerKind::Workload(WorkloadKind::ReplicaSet) => Restart::Other("ReplicaSet".into()),
            OwnerKind::Other(kind) => Restart::Other(kind.clone()),
            OwnerKind::Workload(_) => match rollout_restart(owner) {
                Some(command) => Restart::Rollout(command),
                None => Restart::Other(owner.resource()),
            },
        }
    }

    /// `3 pods (a, b, c)` with at most five names.
    pub(crate) fn pod_list(bundle: &Bundle, proxies: &[&Proxy]) -> String {
        let mut names: Vec<&str> = proxies.iter().map(|p| bundle.pods[p.pod].name()).collect();
        names.sort_unstable();
        let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
        let more = if names.len() > 5 {
            format!(", +{} more", names.len() - 5)
        } else {
            String::new()
        };
        format!(
            "{} pod{} ({shown}{more})",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )
    }
}

/// Helpers for the checks' unit tests: analyse inline YAML, pick out one code.
#[cfg(test)]
pub(crate) mod testing {
    use crate::analysis::{analyze, Analysis, Settings};
    use crate::finding::{Code, Severity};
    use crate::kubectl::KubeconfigVars;
    use crate::load::Input;

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
