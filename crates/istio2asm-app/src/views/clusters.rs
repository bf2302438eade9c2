//! The cluster bar, under the tabs once a second cluster is being added or is there: one button
//! per cluster (the selected one's analysis fills the tabs), renaming and removing the selected
//! one, and adding another with its name and its files (or, natively, a folder).

use egui::{RichText, Ui};
use istio2asm_core::i18n::Lang;
use istio2asm_core::t;

use super::widgets::{Labelled, RED};
use super::Request;
use crate::state::ClusterBar;

/// One cluster as the bar shows it.
#[derive(Debug, Clone, Copy)]
pub struct ClusterEntry<'a> {
    /// Its name.
    pub name: &'a str,
    /// (errors, warnings, infos) of its latest analysis, when there is one.
    pub counts: Option<(usize, usize, usize)>,
}

/// The bar. `selected` indexes `clusters`; everything is worded in `lang`, the app's.
pub fn bar(
    ui: &mut Ui,
    state: &mut ClusterBar,
    clusters: &[ClusterEntry<'_>],
    selected: usize,
    lang: Lang,
) -> Option<Request> {
    let mut request = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t!(lang, "app-clusters-label")).strong());
        for (index, cluster) in clusters.iter().enumerate() {
            let mut button = ui.selectable_label(index == selected, cluster.name);
            if let Some((errors, warnings, infos)) = cluster.counts {
                button = button.on_hover_text(t!(
                    lang,
                    "app-cluster-counts",
                    errors = errors,
                    warnings = warnings,
                    infos = infos
                ));
            }
            if button.clicked() {
                request = Some(Request::SelectCluster(index));
            }
        }
        ui.separator();
        let several = clusters.len() > 1;
        if let (true, Some(current)) = (several, clusters.get(selected)) {
            match &mut state.renaming {
                Some(name) => {
                    let label = ui.label(t!(lang, "app-cluster-rename-field", name = current.name));
                    let edit = ui
                        .add(egui::TextEdit::singleline(name).desired_width(160.0))
                        .labelled_by(label.id);
                    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button(t!(lang, "app-cluster-rename-apply")).clicked() || enter {
                        request = Some(Request::RenameCluster(selected, name.trim().to_string()));
                    }
                    if ui.button(t!(lang, "app-cluster-cancel")).clicked() {
                        state.renaming = None;
                        state.error = None;
                    }
                }
                None => {
                    if ui
                        .button(t!(lang, "app-cluster-rename"))
                        .labelled_by_text(&t!(
                            lang,
                            "app-cluster-rename-named",
                            name = current.name
                        ))
                        .clicked()
                    {
                        state.renaming = Some(current.name.to_string());
                        state.adding = None;
                        state.error = None;
                    }
                    if ui
                        .button(t!(lang, "app-cluster-remove"))
                        .on_hover_text(t!(lang, "app-cluster-remove-hover"))
                        .labelled_by_text(&t!(
                            lang,
                            "app-cluster-remove-named",
                            name = current.name
                        ))
                        .clicked()
                    {
                        request = Some(Request::RemoveCluster(selected));
                    }
                }
            }
            ui.separator();
        }
        match &mut state.adding {
            Some(name) => {
                let label = ui.label(t!(lang, "app-cluster-name"));
                ui.add(egui::TextEdit::singleline(name).desired_width(160.0))
                    .labelled_by(label.id);
                let name = name.trim().to_string();
                if ui.button(t!(lang, "app-cluster-open-files")).clicked() {
                    request = Some(Request::PickNewCluster {
                        name: name.clone(),
                        folder: false,
                    });
                }
                #[cfg(not(target_arch = "wasm32"))]
                if ui.button(t!(lang, "app-cluster-open-folder")).clicked() {
                    request = Some(Request::PickNewCluster { name, folder: true });
                }
                if ui.button(t!(lang, "app-cluster-cancel")).clicked() {
                    state.adding = None;
                    state.error = None;
                }
            }
            None => {
                if ui
                    .button(t!(lang, "app-cluster-add"))
                    .on_hover_text(t!(lang, "app-cluster-add-hover"))
                    .clicked()
                {
                    request = Some(Request::StartAddCluster);
                }
            }
        }
    });
    if let Some(error) = &state.error {
        ui.label(RichText::new(error).color(RED));
    }
    request
}
