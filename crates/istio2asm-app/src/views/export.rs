//! The Export tab: save each file (a download on the web), or all into a folder (native).

use egui::Ui;
use istio2asm_core::render;

use super::widgets::Labelled;
use crate::app::{human_size, App, Outcome};

/// Every file of the export: the three runbooks, then the YAML files.
pub fn export_files(app: &App, outcome: &Outcome) -> Vec<(String, String)> {
    let vars = app.settings.kubeconfig_vars();
    let mut files = vec![
        (
            "runbook.md".to_string(),
            render::markdown(&outcome.plan, &outcome.analysis),
        ),
        (
            "runbook.sh".to_string(),
            render::shell(&outcome.plan, &outcome.analysis),
        ),
        ("plan.json".to_string(), render::json(&outcome.plan, &vars)),
    ];
    files.extend(
        outcome
            .plan
            .files()
            .map(|f| (f.name.clone(), f.content.clone())),
    );
    files
}

/// Export: save each file (a download on the web), or all into a folder (native).
pub fn show(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let files = export_files(app, outcome);
    ui.label("The runbooks and YAML files, exactly as `istio2asm plan --out DIR` writes them.");
    #[cfg(not(target_arch = "wasm32"))]
    if ui.button("Save all into a folder…").clicked() {
        if let Some(dir) = rfd::FileDialog::new().pick_folder() {
            app.status = crate::files::write_all(&dir, &files);
        }
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
                crate::files::save_one(app, name, content);
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
}
