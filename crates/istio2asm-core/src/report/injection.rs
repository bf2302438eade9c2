//! What the report shows of the injection simulation: the `injection` section of the JSON, the
//! summary line of the text report, and `istio2asm inject`'s table for one workload.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::inject::{self, Outcome, Sidecar, Simulation, Subject};

use super::display_width;

/// `{kind, namespace, name}` of an object in the `injection` section.
#[derive(Debug, Serialize)]
struct ObjectJson<'a> {
    kind: &'a str,
    namespace: Option<&'a str>,
    name: &'a str,
}

/// One injector webhook the API server calls for a pod.
#[derive(Debug, Serialize)]
struct WebhookCallJson<'a> {
    configuration: &'a str,
    webhook: &'a str,
    mesh: &'static str,
    revision: Option<&'a str>,
    tag: Option<&'a str>,
    /// `injects`, `skips` or `unknown`.
    result: &'static str,
    reason: &'a str,
    round: u8,
}

/// One pod creation: the webhooks called, in call order, and the sidecar it ends with.
#[derive(Debug, Serialize)]
struct OutcomeJson<'a> {
    webhooks: Vec<WebhookCallJson<'a>>,
    sidecar: &'static str,
    revision: Option<&'a str>,
    reason: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct InjectionJson<'a> {
    object: ObjectJson<'a>,
    injected_today: bool,
    now: OutcomeJson<'a>,
    after_switch: Option<OutcomeJson<'a>>,
}

fn outcome_json<'a>(sim: &'a Simulation, outcome: &'a Outcome) -> OutcomeJson<'a> {
    OutcomeJson {
        webhooks: outcome
            .called()
            .map(|call| {
                let config = &sim.configurations[call.configuration];
                WebhookCallJson {
                    configuration: &config.name,
                    webhook: &call.webhook,
                    mesh: config.mesh.as_str(),
                    revision: config.revision.as_deref(),
                    tag: config.tag.as_deref(),
                    result: match call.verdict {
                        inject::Verdict::Injects => "injects",
                        inject::Verdict::Skips => "skips",
                        _ => "unknown",
                    },
                    reason: &call.reason,
                    round: call.round,
                }
            })
            .collect(),
        sidecar: outcome.sidecar.as_str(),
        revision: match &outcome.sidecar {
            Sidecar::Istio(rev) => rev.as_deref(),
            _ => None,
        },
        reason: &outcome.reason,
    }
}

/// The `injection` section: every workload and bare pod, now and after its switch.
pub(super) fn json(sim: &Simulation) -> Vec<InjectionJson<'_>> {
    sim.subjects
        .iter()
        .map(|s| InjectionJson {
            object: ObjectJson {
                kind: &s.object.kind,
                namespace: s.object.namespace.as_deref(),
                name: &s.object.name,
            },
            injected_today: s.injected_today,
            now: outcome_json(sim, &s.now),
            after_switch: s.after_switch.as_ref().map(|o| outcome_json(sim, o)),
        })
        .collect()
}

/// One line of the text report: how many workloads get which sidecar, now and after the switch,
/// and whether ASM's webhook was in the export; in the analysis' language.
pub fn injection_summary(analysis: &Analysis) -> Option<String> {
    let lang = analysis.settings.lang;
    let sim = &analysis.injection;
    if sim.subjects.is_empty() {
        return None;
    }
    let count = |outcomes: Vec<&Outcome>| {
        let mut by: BTreeMap<String, usize> = BTreeMap::new();
        for o in outcomes {
            *by.entry(o.sidecar.label(lang)).or_default() += 1;
        }
        by.iter()
            .map(|(label, n)| t!(lang, "report-injection-count", count = *n, sidecar = label))
            .collect::<Vec<_>>()
            .join(&t!(lang, "list-separator"))
    };
    let now = count(sim.subjects.iter().map(|s| &s.now).collect());
    let switched: Vec<&Outcome> = sim
        .subjects
        .iter()
        .filter_map(|s| s.after_switch.as_ref())
        .collect();
    let mut line = t!(lang, "report-injection-now", outcomes = now);
    if !switched.is_empty() {
        line.push_str(&t!(
            lang,
            "report-injection-after-switch",
            outcomes = count(switched)
        ));
    }
    let asm: Vec<&str> = sim
        .configurations
        .iter()
        .filter(|c| c.mesh == inject::Mesh::Asm)
        .map(|c| c.name.as_str())
        .collect();
    if asm.is_empty() {
        line.push_str(&t!(lang, "report-injection-no-asm-webhook"));
    } else {
        line.push_str(&t!(
            lang,
            "report-injection-asm-webhook",
            names = asm.join(&t!(lang, "list-separator")),
            label_key = &analysis.settings.asm_label_key
        ));
    }
    Some(line)
}

/// `istio2asm inject`: like `istioctl x check-inject`, each injector configuration ✔/✘ with its
/// reason, the webhooks the API server calls in order, and the sidecar the restart gives, now and
/// after the plan's switch; in the analysis' language.
pub fn inject_text(analysis: &Analysis, subject: &Subject) -> String {
    let lang = analysis.settings.lang;
    let sim = &analysis.injection;
    let empty = BTreeMap::new();
    let ns_labels = analysis
        .bundle
        .namespaces
        .get(subject.namespace())
        .map_or(&empty, |n| &n.meta.labels);
    let mut out = format!("{}\n", subject.display());
    if sim.configurations.is_empty() {
        out.push_str(&t!(lang, "report-inject-no-webhooks"));
        out.push('\n');
        return out;
    }
    let mut section = |title: String, outcome: &Outcome| {
        out.push_str(&format!("\n{title}\n"));
        let rows = sim.rows(outcome, ns_labels);
        let table: Vec<[String; 4]> = rows
            .iter()
            .map(|r| {
                [
                    r.configuration.name.clone(),
                    match r.configuration.mesh {
                        inject::Mesh::Istio => r
                            .configuration
                            .revision
                            .clone()
                            .unwrap_or_else(|| "default".into()),
                        inject::Mesh::Asm => "(ASM)".into(),
                    },
                    match r.injects {
                        Some(true) => "✔".into(),
                        Some(false) => "✘".into(),
                        None => "?".into(),
                    },
                    r.reason.clone(),
                ]
            })
            .collect();
        let header = [
            t!(lang, "report-inject-column-webhook"),
            t!(lang, "report-inject-column-revision"),
            t!(lang, "report-inject-column-injected"),
            t!(lang, "report-inject-column-reason"),
        ];
        let width = |i: usize| {
            table
                .iter()
                .map(|row| display_width(&row[i]))
                .chain([display_width(&header[i])])
                .max()
                .unwrap_or(0)
        };
        let widths = [width(0), width(1), width(2)];
        let line = |cells: [&str; 4]| {
            let mut text = String::new();
            for (i, w) in widths.iter().enumerate() {
                let pad = w.saturating_sub(display_width(cells[i]));
                text.push_str(cells[i]);
                text.push_str(&" ".repeat(pad + 3));
            }
            text.push_str(cells[3]);
            text.push('\n');
            text
        };
        out.push_str(&line([&header[0], &header[1], &header[2], &header[3]]));
        for row in &table {
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
        }
        let called: Vec<String> = outcome
            .called()
            .enumerate()
            .map(|(i, c)| {
                let again = if c.round == 2 {
                    t!(lang, "report-inject-round-two")
                } else {
                    String::new()
                };
                format!(
                    "  {}. {} {}{again}: {}",
                    i + 1,
                    sim.configurations[c.configuration].name,
                    c.webhook,
                    c.reason
                )
            })
            .collect();
        if called.is_empty() {
            out.push_str(&t!(lang, "report-inject-called-none"));
            out.push('\n');
        } else {
            out.push_str(&t!(lang, "report-inject-called"));
            out.push('\n');
            for line in called {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str(&t!(
            lang,
            "report-inject-sidecar",
            sidecar = outcome.sidecar.label(lang),
            reason = &outcome.reason
        ));
        out.push('\n');
        if matches!(outcome.sidecar, Sidecar::Unknown) {
            out.push_str(&t!(lang, "report-inject-unknown"));
            out.push('\n');
        }
    };
    section(t!(lang, "report-inject-now"), &subject.now);
    match &subject.after_switch {
        Some(after) => section(
            t!(
                lang,
                "report-inject-after-switch",
                label = format!(
                    "{}={}",
                    analysis.settings.asm_label_key, analysis.settings.asm_label_value
                )
            ),
            after,
        ),
        None => {
            out.push('\n');
            out.push_str(&t!(lang, "report-inject-not-switched"));
            out.push('\n');
        }
    }
    super::terminal_safe(&out).into_owned()
}
