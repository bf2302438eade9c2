//! Renderers for an analysis: the JSON contract (SPEC §7) and the text a terminal shows.

use std::borrow::Cow;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::codes::Severity;
use crate::finding::{Finding, ObjectRef};
use crate::gate::Verdict;
use crate::i18n::Lang;
use crate::phase::{Gate, Situation};
use crate::source::{Location, Sources};

mod injection;
mod mesh;
mod trust;
mod workloads;

pub use injection::{inject_text, injection_summary};
pub use mesh::{mesh_json, mesh_text, mesh_value, role_label};

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
    trust: &'a crate::trust::Trust,
    findings: Vec<FindingJson<'a>>,
    summary: SummaryJson,
}

/// A finding in its JSON shape.
pub fn finding_json<'a>(analysis: &'a Analysis, finding: &'a Finding) -> FindingJson<'a> {
    let vars = analysis.settings.kubeconfig_vars();
    finding_json_in(
        finding,
        Some(&analysis.sources),
        analysis.settings.lang,
        finding.commands.iter().map(|c| c.render(&vars)).collect(),
    )
}

/// A finding in its JSON shape, located in `sources` (when it has a span there), with its
/// commands already rendered: one cluster's findings and a mesh's cross-cluster ones alike.
fn finding_json_in<'a>(
    finding: &'a Finding,
    sources: Option<&Sources>,
    lang: Lang,
    commands: Vec<String>,
) -> FindingJson<'a> {
    FindingJson {
        code: finding.code.as_str(),
        name: finding.code.name(),
        severity: finding.severity,
        message: &finding.message,
        object: finding.object.as_ref(),
        location: finding
            .span
            .and_then(|s| sources.and_then(|sources| sources.locate(s))),
        help: finding.help_text(lang),
        commands,
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
        trust: &analysis.trust,
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

    fn severity(self, severity: Severity, lang: Lang) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, &severity_label(severity, lang))
    }
}

/// A severity as a person reads it in `lang` (`error`, `错误`); [`Severity::as_str`] is the
/// same in every language.
pub fn severity_label(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => t!(lang, "report-severity-error"),
        Severity::Warning => t!(lang, "report-severity-warning"),
        Severity::Info => t!(lang, "report-severity-info"),
    }
}

/// How the migration stands, as a person reads it in `lang` (`settled`, `已稳定`);
/// [`Situation::as_str`] is the same in every language.
pub fn situation_label(situation: Situation, lang: Lang) -> String {
    match situation {
        Situation::Assumed => t!(lang, "report-situation-assumed"),
        Situation::Settled => t!(lang, "report-situation-settled"),
        Situation::InProgress => t!(lang, "report-situation-in-progress"),
        Situation::Failed => t!(lang, "report-situation-failed"),
        Situation::Illegal => t!(lang, "report-situation-illegal"),
    }
}

/// The columns a terminal gives `text`: two for East Asian wide characters (CJK ideographs,
/// full-width punctuation, Hangul), one for any other, so Chinese table cells line up.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// One finding as text: `file:line:col: severity[CODE]: message`, then help and commands, in
/// the analysis' language.
pub fn finding_text(analysis: &Analysis, finding: &Finding, color: bool) -> String {
    let vars = analysis.settings.kubeconfig_vars();
    let commands: Vec<String> = finding.commands.iter().map(|c| c.render(&vars)).collect();
    finding_text_in(
        finding,
        Some(&analysis.sources),
        analysis.settings.lang,
        &commands,
        color,
    )
}

/// One finding as text, located in `sources`, with its commands already rendered.
fn finding_text_in(
    finding: &Finding,
    sources: Option<&Sources>,
    lang: Lang,
    commands: &[String],
    color: bool,
) -> String {
    let style = Style { color };
    let locate = |span| sources.and_then(|sources| sources.locate(span));
    let mut out = String::new();
    if let Some(location) = finding.span.and_then(locate) {
        out.push_str(&format!(
            "{}:{}:{}: ",
            terminal_safe(&location.path),
            location.line,
            location.column
        ));
    }
    out.push_str(&format!(
        "{}[{}]: {}\n",
        style.severity(finding.severity, lang),
        finding.code.as_str(),
        terminal_safe(&finding.message)
    ));
    for span in &finding.related {
        if let Some(location) = locate(*span) {
            let location = format!(
                "{}:{}:{}",
                terminal_safe(&location.path),
                location.line,
                location.column
            );
            out.push_str(&format!(
                "  = {}\n",
                t!(lang, "report-first-seen", location = location)
            ));
        }
    }
    // The help's later lines start under its first word.
    let indent = " ".repeat(4 + display_width(&t!(lang, "report-help", help = "")));
    let help = terminal_safe(&finding.help_text(lang)).replace('\n', &format!("\n{indent}"));
    out.push_str(&format!("  = {}\n", t!(lang, "report-help", help = help)));
    for command in commands {
        out.push_str(&format!("  $ {}\n", terminal_safe(command)));
    }
    out
}

/// The whole `check` text report, in the analysis' language.
pub fn check_text(analysis: &Analysis, color: bool) -> String {
    let style = Style { color };
    let lang = analysis.settings.lang;
    let mut out = String::new();
    for finding in &analysis.findings {
        out.push_str(&finding_text(analysis, finding, color));
    }
    if !analysis.findings.is_empty() {
        out.push('\n');
    }
    let migration = &analysis.migration;
    // One line of the summary: its label in bold, then the text.
    let line = |label: String, text: String| {
        let mut line = t!(
            lang,
            "report-line",
            label = style.paint("1", &label),
            text = text
        );
        line.push('\n');
        line
    };
    if migration.is_present() {
        let desired = migration
            .desired
            .filter(|d| *d != migration.state)
            .map(|d| t!(lang, "report-migration-desired", desired = d.as_str()))
            .unwrap_or_default();
        out.push_str(&line(
            t!(lang, "report-label-migration"),
            t!(
                lang,
                "report-migration-state",
                state = migration.state.as_str(),
                situation = situation_label(migration.situation, lang),
                desired = desired
            ),
        ));
    } else {
        out.push_str(&line(
            t!(lang, "report-label-migration"),
            t!(lang, "report-migration-assumed"),
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
    out.push_str(&line(
        t!(lang, "report-label-versions"),
        t!(
            lang,
            "report-versions",
            kubernetes = facts.kubernetes.as_ref().map_or_else(
                || t!(lang, "report-version-unknown"),
                |(v, _)| terminal_safe(&v.raw).into_owned()
            ),
            istio = if istio.is_empty() {
                t!(lang, "report-version-not-found")
            } else {
                istio.join(&t!(lang, "list-separator"))
            },
            asm = analysis.settings.asm_version.as_deref().map_or_else(
                || t!(lang, "report-version-not-given"),
                |v| terminal_safe(v).into_owned()
            )
        ),
    ));
    match migration.next() {
        Some(next) => {
            let gates: Vec<&Gate> = analysis.next_gates().collect();
            let blocking = gates.iter().filter(|g| g.verdict.blocks()).count();
            let verdict = if blocking == 0 {
                t!(lang, "report-next-clear")
            } else {
                t!(lang, "report-next-blocked", count = blocking)
            };
            out.push_str(&line(
                t!(lang, "report-label-next"),
                t!(
                    lang,
                    "report-next",
                    transition = next.transition(),
                    verdict = verdict
                ),
            ));
            for gate in gates {
                let color = match gate.verdict {
                    Verdict::Pass => "32",
                    Verdict::Fail => "31",
                    Verdict::Manual | Verdict::Warn => "33",
                };
                let mark = style.paint(color, &gate.verdict.label(lang));
                out.push_str(&format!(
                    "  {}\n",
                    t!(
                        lang,
                        "report-gate",
                        verdict = mark,
                        gate = gate.id.as_str(),
                        detail = terminal_safe(&gate.detail).into_owned()
                    )
                ));
            }
        }
        None => out.push_str(&line(
            t!(lang, "report-label-next"),
            t!(lang, "report-next-finished"),
        )),
    }
    if let Some(summary) = injection_summary(analysis) {
        out.push_str(&line(
            t!(lang, "report-label-injection"),
            terminal_safe(&summary).into_owned(),
        ));
    }
    out.push_str(&line(
        t!(lang, "report-label-trust"),
        terminal_safe(&trust::summary(&analysis.trust, lang)).into_owned(),
    ));
    let (errors, warnings, infos) = analysis.counts();
    out.push_str(&line(
        t!(lang, "report-label-summary"),
        t!(
            lang,
            "report-summary",
            errors = errors,
            warnings = warnings,
            infos = infos
        ),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::settings::Settings;

    fn demo(lang: Lang) -> Analysis {
        let settings = Settings {
            asm_version: Some(crate::demo::ASM_VERSION.into()),
            lang,
            ..Settings::default()
        };
        analyze(crate::demo::inputs(), Vec::new(), &settings)
    }

    #[test]
    fn the_text_report_speaks_chinese() {
        let analysis = demo(Lang::ZhCn);
        let text = check_text(&analysis, false);
        for expected in [
            "\n迁移：SetupIstioForMigrate（已稳定）\n",
            "\n版本：Kubernetes 为 v1.28.3-aliyun.1；Istio 为 1.22.3 (default)；ASM 为 1.24.6\n",
            "\n下一步：SetupIstioForMigrate → Migrating — 被 2 个门禁阻塞\n",
            "\n  [未通过] sidecars-xds-agent：每个 Istio Sidecar Pod 都有 PROXY_CONFIG_XDS_AGENT=true：7 条检查结果（MIG402、MIG403）\n",
            "\n注入：下次重启：ASM 网格代理 1 个、Istio 代理（default） 8 个、无 Sidecar 6 个；切换后：",
            "\n汇总：8 个错误，21 个警告，8 条提示\n",
            ": 错误[MIG",
            "\n  = 帮助：",
        ] {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
        // The help's later lines line up under its first word in both languages.
        let finding = Finding::new(crate::codes::Code::Mig004, "m").help("first\nsecond");
        for (lang, help) in [
            (Lang::En, "  = help: first\n          second\n"),
            (Lang::ZhCn, "  = 帮助：first\n          second\n"),
        ] {
            let text = finding_text(&demo(lang), &finding, false);
            assert!(text.ends_with(help), "{text}");
        }
    }

    #[test]
    fn the_inject_table_speaks_chinese_and_lines_up() {
        let analysis = demo(Lang::ZhCn);
        let subject = analysis
            .injection
            .subjects
            .iter()
            .find(|s| s.after_switch.is_some())
            .expect("a workload the plan switches");
        let text = inject_text(&analysis, subject);
        for expected in [
            "\n下次重启（按导出时的状态）：\n",
            "调用的 Webhook，按顺序：\n",
            "\n迁移计划切换后（Pod 模板上带 sidecar.asm.aliyun.com/inject=true）：\n",
            "最终 Sidecar：",
        ] {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
        // The second column starts at the same place in the header and the rows, counting a
        // Chinese character as two columns.
        let second_column = |line: &str| {
            let gap = line.find("   ").unwrap_or(line.len());
            let rest = line[gap..].trim_start();
            display_width(&line[..line.len() - rest.len()])
        };
        let lines: Vec<&str> = text.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.starts_with("Webhook   "))
            .expect("a header");
        assert_eq!(
            second_column(lines[header]),
            second_column(lines[header + 1]),
            "{text}"
        );
    }

    #[test]
    fn verdicts_severities_and_situations_have_words_in_both_languages() {
        assert_eq!(severity_label(Severity::Warning, Lang::En), "warning");
        assert_eq!(severity_label(Severity::Warning, Lang::ZhCn), "警告");
        assert_eq!(
            situation_label(Situation::InProgress, Lang::En),
            "in-progress"
        );
        assert_eq!(situation_label(Situation::InProgress, Lang::ZhCn), "进行中");
    }
}
