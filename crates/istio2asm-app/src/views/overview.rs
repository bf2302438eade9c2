//! The Overview tab: the four states, the gates of the next transition, the single next action.

use egui::{Color32, RichText, Ui};
use istio2asm_core::progress::next_action;
use istio2asm_core::state::State;
use istio2asm_core::Settings;

use super::widgets::{command_row, gate_verdict, BLUE, GREEN, RED};
use super::Request;
use crate::app::{Outcome, View};

/// Overview: the four states, the gates of the next transition, the single next action.
pub fn show(ui: &mut Ui, outcome: &Outcome, settings: &Settings) -> Option<Request> {
    let analysis = &outcome.analysis;
    let migration = &analysis.migration;
    if let Some(changes) = &outcome.changes {
        super::changes::show(ui, changes, outcome.lang());
        ui.separator();
    }
    ui.heading("Migration state");
    ui.horizontal(|ui| {
        for (index, state) in State::ALL.into_iter().enumerate() {
            if index > 0 {
                ui.label("->");
            }
            let (fill, text) = match state.cmp(&migration.state) {
                std::cmp::Ordering::Less => (GREEN, Color32::WHITE),
                std::cmp::Ordering::Equal => (BLUE, Color32::WHITE),
                std::cmp::Ordering::Greater => {
                    (ui.visuals().faint_bg_color, ui.visuals().text_color())
                }
            };
            egui::Frame::new()
                .fill(fill)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    let mut label = state.as_str().to_string();
                    if migration.desired == Some(state)
                        && migration.desired != Some(migration.state)
                    {
                        label.push_str(" (desired)");
                    }
                    ui.label(RichText::new(label).color(text).strong());
                });
        }
    });
    let situation = if migration.is_present() {
        format!("Situation: {}", migration.situation.as_str())
    } else {
        "No ASMMigrateFromIstio in the input: assuming Init. Load `kubectl get asmmigratefromistio default -o yaml` from the ASM control plane.".to_string()
    };
    ui.label(situation);
    if !migration.message.trim().is_empty() {
        ui.label(RichText::new(format!("status.message: {}", migration.message.trim())).color(RED));
    }
    ui.add_space(8.0);

    let action = next_action(analysis, &outcome.plan);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("Next action").strong());
        ui.label(action.text(settings.lang));
        if let Some(command) = action.command() {
            command_row(
                ui,
                &command.render(&settings.kubeconfig_vars()),
                "next action",
                outcome.lang(),
            );
        }
    });
    ui.add_space(8.0);

    match migration.next() {
        Some(next) => {
            ui.heading(format!(
                "Gates for {}",
                next.transition().replace("→", "->")
            ));
            egui::Grid::new("gates").striped(true).show(ui, |ui| {
                for gate in analysis.next_gates() {
                    ui.label(gate_verdict(gate, outcome.lang()));
                    ui.monospace(gate.id.as_str());
                    ui.label(&gate.detail);
                    ui.end_row();
                }
            });
        }
        None => {
            ui.label("The migration is finished.");
        }
    }
    ui.add_space(8.0);
    ui.heading("Versions");
    let facts = &analysis.facts;
    ui.label(format!(
        "Kubernetes {}",
        facts
            .kubernetes
            .as_ref()
            .map_or("unknown", |(v, _)| v.raw.as_str())
    ));
    for plane in &facts.control_planes {
        ui.label(format!(
            "Istio {} (revision {})",
            plane.version.raw, plane.revision
        ));
    }
    ui.label(format!(
        "ASM {}",
        settings
            .asm_version
            .as_deref()
            .unwrap_or("not given (Plan, Settings)")
    ));
    let (e, w, i) = analysis.counts();
    ui.add_space(8.0);
    if ui
        .link(format!(
            "{e} errors, {w} warnings, {i} infos: open the findings"
        ))
        .clicked()
    {
        return Some(Request::Show(View::Findings));
    }
    None
}
