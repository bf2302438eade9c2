//! Renderers for an analysis: the JSON contract (SPEC §7) and the text a terminal shows.

use std::borrow::Cow;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::codes::Severity;
use crate::finding::{Finding, ObjectRef};
use crate::gate::Verdict;
use crate::i18n::Lang;
use crate::phase::Gate;
use crate::source::Location;

mod injection;
mod workloads;

pub use injection::{inject_text, injection_summary};

/// The JSON schema version; bumped only on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// One finding as JSON.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    object: Option<&'a ObjectRef>,
    location: Option<Location>,
    help: String,
    commands: Vec<String>,
    gate: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MigrationJson<'a> {
    state: &'static str,
    desired_state: Option<&'static str>,
    next: Option<&'static str>,
    retry_counter: Option<i64>,
    status_retry_counter: Option<i64>,
    message: &'a str,
    situation: &'static str,
    /// Whether the resource's east-west option is true (the field of its own version; the key keeps
    /// the v1beta1 field's name for the JSON contract).
    disable_istio_system_label_reconciliation: bool,
    /// The exported resource's apiVersion: which of the two shapes it has.
    api_version: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct RevisionJson<'a> {
    revision: &'a str,
    version: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionsJson<'a> {
    kubernetes: Option<&'a str>,
    istio: Vec<&'a str>,
    istio_revisions: Vec<RevisionJson<'a>>,
    asm: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct SummaryJson {
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct InputsJson<'a> {
    files: Vec<&'a str>,
    objects: usize,
    kinds: &'a std::collections::BTreeMap<String, usize>,
    secrets_dropped: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckJson<'a> {
    schema_version: u32,
    lang: Lang,
    inputs: InputsJson<'a>,
    migration: Option<MigrationJson<'a>>,
    versions: VersionsJson<'a>,
    gates: &'a [Gate],
    injection: Vec<injection::InjectionJson<'a>>,
    workloads: Vec<workloads::WorkloadJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    summary: SummaryJson,
}

/// A finding in its JSON shape.
pub fn finding_json<'a>(analysis: &'a Analysis, finding: &'a Finding) -> FindingJson<'a> {
    let vars = analysis.settings.kubeconfig_vars();
    FindingJson {
        code: finding.code.as_str(),
        name: finding.code.name(),
        severity: finding.severity,
        message: &finding.message,
        object: finding.object.as_ref(),
        location: finding.span.and_then(|s| analysis.sources.locate(s)),
        help: finding.help_text(),
        commands: finding.commands.iter().map(|c| c.render(&vars)).collect(),
        gate: finding.gate.map(|g| g.transition()),
    }
}

/// The `check --format json` document as a value.
pub fn check_value(analysis: &Analysis) -> serde_json::Value {
    let migration = &analysis.migration;
    let (errors, warnings, infos) = analysis.counts();
    let doc = CheckJson {
        schema_version: SCHEMA_VERSION,
        lang: analysis.settings.lang,
        inputs: InputsJson {
            files: analysis.sources.files().iter().map(|f| f.name()).collect(),
            objects: analysis.bundle.object_count(),
            kinds: &analysis.bundle.kinds,
            secrets_dropped: analysis.bundle.secrets_dropped,
        },
        migration: migration.is_present().then(|| MigrationJson {
            state: migration.state.as_str(),
            desired_state: migration.desired.map(|d| d.as_str()),
            next: migration.next().map(|n| n.as_str()),
            retry_counter: migration.retry_counter,
            status_retry_counter: migration.status_retry_counter,
            message: &migration.message,
            situation: migration.situation.as_str(),
            disable_istio_system_label_reconciliation: migration.keeps_istio_system_injection,
            api_version: migration.object.as_ref().map(|o| o.api_version.as_str()),
        }),
        versions: VersionsJson {
            kubernetes: analysis
                .facts
                .kubernetes
                .as_ref()
                .map(|(v, _)| v.raw.as_str()),
            istio: analysis
                .facts
                .istio_versions()
                .iter()
                .map(|v| v.raw.as_str())
                .collect(),
            istio_revisions: analysis
                .facts
                .control_planes
                .iter()
                .map(|c| RevisionJson {
                    revision: &c.revision,
                    version: &c.version.raw,
                })
                .collect(),
            asm: analysis.settings.asm_version.as_deref(),
        },
        gates: &analysis.gates,
        injection: injection::json(&analysis.injection),
        workloads: workloads::json(analysis),
        findings: analysis
            .findings
            .iter()
            .map(|f| finding_json(analysis, f))
            .collect(),
        summary: SummaryJson {
            errors,
            warnings,
            infos,
        },
    };
    serde_json::to_value(doc).unwrap_or(serde_json::Value::Null)
}

/// The `check --format json` document, pretty-printed with a final newline.
pub fn check_json(analysis: &Analysis) -> String {
    let mut text = serde_json::to_string_pretty(&check_value(analysis)).unwrap_or_default();
    text.push('\n');
    text
}

/// Text from the input made safe for a terminal: control characters other than the newline
/// (ESC, BEL, CR, ...) and the Unicode format characters that reorder or hide text (bidi
/// overrides and isolates, zero-width characters, BOM) are written as `\u{..}` escapes, so a
/// `status.message` cannot move the cursor, retitle the window or make a line read backwards.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && crate::names::hides_text(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, severity.as_str())
    }
}

/// One finding as text: `file:line:col: severity[CODE]: message`, then help and commands.
pub fn finding_text(analysis: &Analysis, finding: &Finding, color: bool) -> String {
    let style = Style { color };
    let vars = analysis.settings.kubeconfig_vars();
    let mut out = String::new();
    if let Some(location) = finding.span.and_then(|s| analysis.sources.locate(s)) {
        out.push_str(&format!(
            "{}:{}:{}: ",
            terminal_safe(&location.path),
            location.line,
            location.column
        ));
    }
    out.push_str(&format!(
        "{}[{}]: {}\n",
        style.severity(finding.severity),
        finding.code.as_str(),
        terminal_safe(&finding.message)
    ));
    for span in &finding.related {
        if let Some(location) = analysis.sources.locate(*span) {
            out.push_str(&format!(
                "  = first seen at {}:{}:{}\n",
                terminal_safe(&location.path),
                location.line,
                location.column
            ));
        }
    }
    out.push_str(&format!(
        "  = help: {}\n",
        terminal_safe(&finding.help_text()).replace('\n', "\n          ")
    ));
    for command in &finding.commands {
        out.push_str(&format!("  $ {}\n", terminal_safe(&command.render(&vars))));
    }
    out
}

/// The whole `check` text report.
pub fn check_text(analysis: &Analysis, color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    for finding in &analysis.findings {
        out.push_str(&finding_text(analysis, finding, color));
    }
    if !analysis.findings.is_empty() {
        out.push('\n');
    }
    let migration = &analysis.migration;
    let bold = |text: &str| style.paint("1", text);
    if migration.is_present() {
        out.push_str(&format!(
            "{} {} ({}){}\n",
            bold("migration:"),
            migration.state.as_str(),
            migration.situation.as_str(),
            migration
                .desired
                .filter(|d| *d != migration.state)
                .map(|d| format!(", desired {}", d.as_str()))
                .unwrap_or_default()
        ));
    } else {
        out.push_str(&format!(
            "{} no ASMMigrateFromIstio in the input: assuming Init\n",
            bold("migration:")
        ));
    }
    let facts = &analysis.facts;
    let istio: Vec<String> = facts
        .control_planes
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                terminal_safe(&c.version.raw),
                terminal_safe(&c.revision)
            )
        })
        .collect();
    out.push_str(&format!(
        "{} kubernetes {}; istio {}; asm {}\n",
        bold("versions:"),
        facts
            .kubernetes
            .as_ref()
            .map_or(Cow::Borrowed("unknown"), |(v, _)| terminal_safe(&v.raw)),
        if istio.is_empty() {
            "not found".to_string()
        } else {
            istio.join(", ")
        },
        analysis
            .settings
            .asm_version
            .as_deref()
            .map_or(Cow::Borrowed("not given"), terminal_safe)
    ));
    match migration.next() {
        Some(next) => {
            let gates: Vec<&Gate> = analysis.next_gates().collect();
            let blocking = gates.iter().filter(|g| g.verdict.blocks()).count();
            out.push_str(&format!(
                "{} {} — {}\n",
                bold("next:"),
                next.transition(),
                if blocking == 0 {
                    "no gate blocks".to_string()
                } else {
                    format!(
                        "blocked by {blocking} gate{}",
                        if blocking == 1 { "" } else { "s" }
                    )
                }
            ));
            for gate in gates {
                let color = match gate.verdict {
                    Verdict::Pass => "32",
                    Verdict::Fail => "31",
                    Verdict::Manual | Verdict::Warn => "33",
                };
                let mark = style.paint(color, gate.verdict.as_str());
                out.push_str(&format!(
                    "  [{mark}] {}: {}\n",
                    gate.id.as_str(),
                    terminal_safe(&gate.detail)
                ));
            }
        }
        None => out.push_str(&format!(
            "{} none: the migration is finished\n",
            bold("next:")
        )),
    }
    if let Some(line) = injection_summary(analysis) {
        out.push_str(&format!(
            "{} {}\n",
            bold("injection:"),
            terminal_safe(&line)
        ));
    }
    let (errors, warnings, infos) = analysis.counts();
    out.push_str(&format!(
        "{} {errors} error{}, {warnings} warning{}, {infos} info{}\n",
        bold("summary:"),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if infos == 1 { "" } else { "s" }
    ));
    out
}
