//! The Export tab: save each file (a download on the web), or all into a folder (native).

use egui::Ui;
use istio2asm_core::render;

use super::widgets::Labelled;

use super::Request;
use crate::app::{human_size, Outcome};

/// Every file of the export: the three runbooks, then the YAML files.
pub fn export_files(outcome: &Outcome) -> Vec<(String, String)> {
    render::files(&outcome.plan)
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect()
}

/// Export: save each file (a download on the web), or all into a folder (native).
pub fn show(ui: &mut Ui, outcome: &Outcome) -> Option<Request> {
    let mut request = None;
    let files = export_files(outcome);
    ui.label("The runbooks and YAML files, exactly as `istio2asm plan --out DIR` writes them.");
    #[cfg(not(target_arch = "wasm32"))]
    if ui.button("Save all into a folder…").clicked() {
        request = Some(Request::SaveAll(files.clone()));
    }
    ui.add_space(6.0);
    egui::Grid::new("export").striped(true).show(ui, |ui| {
        for (name, content) in &files {
            ui.monospace(name);
            ui.label(human_size(content.len()));
            if ui
                .button("Save…")
                .labelled_by_text(&format!("Save {name}"))
                .clicked()
            {
                request = Some(Request::SaveOne {
                    name: name.clone(),
                    content: content.clone(),
                });
            }
            if ui
                .button("Copy")
                .labelled_by_text(&format!("Copy {name}"))
                .clicked()
            {
                ui.ctx().copy_text(content.clone());
            }
            ui.end_row();
        }
    });
    request
}
