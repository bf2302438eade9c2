//! The Findings tab: filters, the list, and the selected finding's help, YAML and commands.

use egui::{RichText, Ui};
use istio2asm_core::excerpt::excerpt;
use istio2asm_core::finding::Finding;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::KubeconfigVars;
use istio2asm_core::t;

use super::widgets::{choice, commands, field, severity_text, Labelled};
use crate::app::Outcome;
use crate::state::FindingsTab;

/// Findings: filters, the list, and the selected finding's help, YAML and commands.
pub fn show(ui: &mut Ui, tab: &mut FindingsTab, outcome: &Outcome, vars: &KubeconfigVars) {
    let analysis = &outcome.analysis;
    let lang = outcome.lang();
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut tab.filter.errors, t!(lang, "app-filter-errors"));
        ui.checkbox(&mut tab.filter.warnings, t!(lang, "app-filter-warnings"));
        ui.checkbox(&mut tab.filter.infos, t!(lang, "app-filter-infos"));
        let codes = analysis.findings.iter().map(|f| f.code.as_str());
        choice(
            ui,
            &t!(lang, "app-filter-code"),
            &mut tab.filter.code,
            codes,
            lang,
        );
        let namespaces = analysis
            .findings
            .iter()
            .filter_map(|f| f.object.as_ref()?.namespace.as_deref());
        choice(
            ui,
            &t!(lang, "app-filter-namespace"),
            &mut tab.filter.namespace,
            namespaces,
            lang,
        );
        field(ui, &t!(lang, "app-filter-search"), &mut tab.filter.text);
    });
    let shown = tab.filter.apply(analysis);
    ui.label(t!(
        lang,
        "app-findings-shown",
        shown = shown.len(),
        total = analysis.findings.len()
    ));
    ui.separator();
    let size = ui.available_size();
    let list_width = (size.x * 0.55).max(320.0);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(list_width, size.y),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(list_width);
                let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
                egui::ScrollArea::vertical()
                    .id_salt("finding-list")
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, shown.len(), |ui, range| {
                        for &index in &shown[range] {
                            finding_row(ui, tab, analysis, index, lang);
                        }
                    });
            },
        );
        ui.separator();
        ui.allocate_ui_with_layout(
            egui::vec2(ui.available_width(), size.y),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("detail")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        match tab.selected.and_then(|i| analysis.findings.get(i)) {
                            Some(finding) => finding_detail(ui, outcome, finding, vars),
                            None => {
                                ui.label(t!(lang, "app-findings-select"));
                            }
                        }
                    });
            },
        );
    });
}

/// One line of the findings list: severity, code, place and message, cut to the line.
fn finding_row(
    ui: &mut Ui,
    tab: &mut FindingsTab,
    analysis: &istio2asm_core::Analysis,
    index: usize,
    lang: Lang,
) {
    let finding = &analysis.findings[index];
    let location = finding
        .span
        .and_then(|s| analysis.sources.locate(s))
        .map(|l| format!("{}:{}", short_name(&l.path), l.line))
        .unwrap_or_default();
    let selected = tab.selected == Some(index);
    ui.horizontal(|ui| {
        ui.add_sized(
            [60.0, 16.0],
            egui::Label::new(severity_text(finding.severity, lang)),
        );
        let mut text = RichText::new(format!(
            "{} {}  {}",
            finding.code.as_str(),
            location,
            finding.message
        ));
        if selected {
            text = text
                .background_color(ui.visuals().selection.bg_fill)
                .color(ui.visuals().strong_text_color());
        }
        let response = ui
            .add(
                egui::Label::new(text)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .labelled_by_text(&t!(
                lang,
                "app-finding-row",
                code = finding.code.as_str(),
                message = &finding.message
            ));
        if response.clicked() {
            tab.selected = Some(index);
        }
    });
}

fn short_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn finding_detail(ui: &mut Ui, outcome: &Outcome, finding: &Finding, vars: &KubeconfigVars) {
    let analysis = &outcome.analysis;
    let lang = outcome.lang();
    ui.horizontal(|ui| {
        ui.label(severity_text(finding.severity, lang));
        ui.heading(format!("{} {}", finding.code.as_str(), finding.code.name()));
    });
    ui.label(&finding.message);
    if let Some(object) = &finding.object {
        ui.label(format!(
            "{} {}{} ({})",
            object.kind,
            object
                .namespace
                .as_deref()
                .map(|n| format!("{n}/"))
                .unwrap_or_default(),
            object.name,
            object.api_version
        ));
    }
    ui.add_space(6.0);
    ui.label(RichText::new(t!(lang, "app-finding-how-to-fix")).strong());
    ui.label(finding.help_text(lang));
    if !finding.commands.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(t!(lang, "app-finding-commands")).strong());
        commands(ui, &finding.commands, vars, finding.code.as_str(), lang);
    }
    if let Some(span) = finding.span {
        if let (Some(location), Some(file)) = (
            analysis.sources.locate(span),
            analysis.sources.file(span.file),
        ) {
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!(
                    "{}:{}:{}",
                    location.path, location.line, location.column
                ))
                .strong(),
            );
            // Values that could be secret read <hidden> (see istio2asm_core::excerpt).
            let shown = excerpt(file, location.line, 2, 14, analysis.settings.lang);
            let numbered: Vec<String> = shown
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| format!("{:>5} {line}", shown.first + i))
                .collect();
            ui.add(egui::Label::new(RichText::new(numbered.join("\n")).monospace()).wrap());
        }
    }
    ui.add_space(6.0);
    ui.collapsing(t!(lang, "app-finding-documentation"), |ui| {
        let doc = finding.code.doc(lang);
        for (heading, body) in &doc.sections {
            ui.label(RichText::new(heading).strong());
            ui.label(body);
        }
    });
}
