//! The Inputs tab: what was read, and the ways to load more.

use egui::{RichText, Ui};
use istio2asm_core::Input;

use super::Request;
use crate::app::{human_size, Outcome, Slot};
use crate::state::InputsTab;

/// Inputs: what was read, and the ways to load more.
pub fn show(ui: &mut Ui, tab: &mut InputsTab, outcome: &Outcome) -> Option<Request> {
    let mut request = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Open files…").clicked() {
            request = Some(Request::Pick(Slot::Cluster));
        }
        if ui
            .button("Open ASM export…")
            .on_hover_text(
                "Istio API objects exported from the ASM control plane: proves the import gate",
            )
            .clicked()
        {
            request = Some(Request::Pick(Slot::Asm));
        }
        if ui.button("Load the demo").clicked() {
            request = Some(Request::LoadDemo);
        }
        if ui.button("Clear").clicked() {
            request = Some(Request::Clear);
        }
    });
    ui.label("Or drop files onto this window, or paste YAML below. Nothing leaves this machine; Secrets are dropped unread.");
    ui.add_space(6.0);
    let analysis = &outcome.analysis;
    let bundle = &analysis.bundle;
    ui.label(
        RichText::new(format!(
            "{} file(s), {} objects, {} Secret(s) dropped",
            analysis.sources.files().len(),
            bundle.object_count(),
            bundle.secrets_dropped
        ))
        .strong(),
    );
    egui::Grid::new("files").striped(true).show(ui, |ui| {
        for file in analysis.sources.files() {
            ui.monospace(file.name());
            ui.label(human_size(file.text().len()));
            ui.end_row();
        }
    });
    ui.collapsing(format!("Kinds ({})", bundle.kinds.len()), |ui| {
        egui::Grid::new("kinds").striped(true).show(ui, |ui| {
            for (kind, count) in &bundle.kinds {
                ui.label(kind);
                ui.label(count.to_string());
                ui.end_row();
            }
        });
    });
    ui.add_space(6.0);
    let label = ui.label("Paste YAML or JSON");
    ui.add(
        egui::TextEdit::multiline(&mut tab.paste)
            .code_editor()
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        if ui.button("Analyse the pasted text").clicked() && !tab.paste.trim().is_empty() {
            let text = std::mem::take(&mut tab.paste);
            request = Some(Request::Add(
                Slot::Cluster,
                vec![Input::new("<pasted>", text)],
            ));
        }
    });
    request
}
