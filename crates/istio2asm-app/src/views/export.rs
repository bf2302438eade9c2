//! The Export tab: save each file (a download on the web), or all into a folder (native).

use std::collections::BTreeSet;

use egui::Ui;
use istio2asm_core::i18n::Lang;
use istio2asm_core::{render, t};

use super::widgets::Labelled;

use super::Request;
use crate::app::{human_size, Outcome};

/// Every file of the export: the three runbooks, then the YAML files; the steps ticked `done`
/// are marked done in the runbooks.
pub fn export_files(outcome: &Outcome, done: &BTreeSet<String>) -> Vec<(String, String)> {
    render::files_with_done(&outcome.plan, done.iter().map(String::as_str))
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect()
}

/// Export: save each file (a download on the web), or all into a folder (native).
pub fn show(ui: &mut Ui, outcome: &Outcome, done: &BTreeSet<String>) -> Option<Request> {
    let lang = outcome.lang();
    let files = export_files(outcome, done);
    ui.label(t!(lang, "app-export-intro"));
    files_ui(ui, files, "export", lang)
}

/// A "save all" button (native) and each file with its size, a save and a copy button.
/// `id` keeps two lists' grids apart.
pub(super) fn files_ui(
    ui: &mut Ui,
    files: Vec<(String, String)>,
    id: &str,
    lang: Lang,
) -> Option<Request> {
    let mut request = None;
    #[cfg(not(target_arch = "wasm32"))]
    if ui.button(t!(lang, "app-export-save-all")).clicked() {
        request = Some(Request::SaveAll(files.clone()));
    }
    ui.add_space(6.0);
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        for (name, content) in &files {
            ui.monospace(name);
            ui.label(human_size(content.len(), lang));
            if ui
                .button(t!(lang, "app-export-save"))
                .labelled_by_text(&t!(lang, "app-export-save-named", name = name))
                .clicked()
            {
                request = Some(Request::SaveOne {
                    name: name.clone(),
                    content: content.clone(),
                });
            }
            if ui
                .button(t!(lang, "app-copy"))
                .labelled_by_text(&t!(lang, "app-copy-named", name = name))
                .clicked()
            {
                ui.ctx().copy_text(content.clone());
            }
            ui.end_row();
        }
    });
    request
}
