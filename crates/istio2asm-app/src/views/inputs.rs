//! The Inputs tab: what was read, and the ways to load more.

use egui::{RichText, Ui};
use istio2asm_core::{t, Input};

use super::Request;
use crate::app::{human_size, Outcome, Slot};
use crate::state::InputsTab;

/// Inputs: what was read, and the ways to load more.
pub fn show(ui: &mut Ui, tab: &mut InputsTab, outcome: &Outcome) -> Option<Request> {
    let mut request = None;
    let lang = outcome.lang();
    ui.horizontal_wrapped(|ui| {
        if ui.button(t!(lang, "app-inputs-open")).clicked() {
            request = Some(Request::Pick(Slot::Cluster));
        }
        if ui
            .button(t!(lang, "app-inputs-open-asm"))
            .on_hover_text(t!(lang, "app-inputs-open-asm-hover"))
            .clicked()
        {
            request = Some(Request::Pick(Slot::Asm));
        }
        if ui.button(t!(lang, "app-inputs-demo")).clicked() {
            request = Some(Request::LoadDemo);
        }
        if ui.button(t!(lang, "app-inputs-clear")).clicked() {
            request = Some(Request::Clear);
        }
        if ui
            .button(t!(lang, "app-inputs-add-cluster"))
            .on_hover_text(t!(lang, "app-cluster-add-hover"))
            .clicked()
        {
            request = Some(Request::StartAddCluster);
        }
    });
    ui.label(t!(lang, "app-inputs-intro"));
    ui.add_space(6.0);
    let analysis = &outcome.analysis;
    let bundle = &analysis.bundle;
    ui.label(
        RichText::new(t!(
            lang,
            "app-inputs-summary",
            files = analysis.sources.files().len(),
            objects = bundle.object_count(),
            secrets = bundle.secrets_dropped
        ))
        .strong(),
    );
    egui::Grid::new("files").striped(true).show(ui, |ui| {
        for file in analysis.sources.files() {
            ui.monospace(file.name());
            ui.label(human_size(file.text().len(), lang));
            ui.end_row();
        }
    });
    // The header's id is its own, not its text's: it stays open across a language switch.
    egui::CollapsingHeader::new(t!(lang, "app-inputs-kinds", count = bundle.kinds.len()))
        .id_salt("kinds")
        .show(ui, |ui| {
            egui::Grid::new("kinds").striped(true).show(ui, |ui| {
                for (kind, count) in &bundle.kinds {
                    ui.label(kind);
                    ui.label(count.to_string());
                    ui.end_row();
                }
            });
        });
    ui.add_space(6.0);
    let label = ui.label(t!(lang, "app-inputs-paste"));
    ui.add(
        egui::TextEdit::multiline(&mut tab.paste)
            .code_editor()
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        if ui.button(t!(lang, "app-inputs-analyse")).clicked() && !tab.paste.trim().is_empty() {
            let text = std::mem::take(&mut tab.paste);
            request = Some(Request::Add(
                Slot::Cluster,
                vec![Input::new("<pasted>", text)],
            ));
        }
    });
    request
}
