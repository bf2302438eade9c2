//! The Overview tab: the four states and the pods by proxy as pictures, the single next action,
//! the gates of the next transition, the versions; beside them the Trust panel (`trust`).

use egui::{RichText, Ui};
use istio2asm_core::i18n::Lang;
use istio2asm_core::phase::Situation;
use istio2asm_core::progress::next_action;
use istio2asm_core::{t, Settings};

use super::picture;
use super::widgets::{command_row, gate_verdict, RED};
use super::Request;
use crate::app::{Outcome, View};

/// Below this width the Trust panel goes under the rest rather than beside it.
const SIDE_BY_SIDE: f32 = 1000.0;

/// Overview: the four states and the pods by proxy as pictures, the single next action, the
/// gates of the next transition, the versions; the Trust panel beside them (under them on a
/// narrow window).
pub fn show(ui: &mut Ui, outcome: &Outcome) -> Option<Request> {
    let lang = outcome.lang();
    // The settings the outcome was made with: with several clusters, each cluster's commands
    // use its own kubeconfig variable.
    let settings = &outcome.analysis.settings;
    let vars = outcome.plan.vars.clone();
    let beside = ui.available_width() >= SIDE_BY_SIDE;
    if beside {
        egui::Panel::right("trust")
            .resizable(true)
            .default_size(440.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("trust")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        super::trust::show(ui, &outcome.analysis, &vars, lang)
                    });
            });
    }
    egui::ScrollArea::vertical()
        .id_salt("overview")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let request = contents(ui, outcome, settings);
            if !beside {
                ui.separator();
                super::trust::show(ui, &outcome.analysis, &vars, lang);
            }
            request
        })
        .inner
}

fn contents(ui: &mut Ui, outcome: &Outcome, settings: &Settings) -> Option<Request> {
    // The outcome's language, the one its core texts are in, so the tab never mixes two.
    let lang = outcome.lang();
    let analysis = &outcome.analysis;
    let migration = &analysis.migration;
    if let Some(changes) = &outcome.changes {
        super::changes::show(ui, changes, lang);
        ui.separator();
    }
    ui.heading(t!(lang, "views-overview-state"));
    picture::states(ui, migration, lang);
    let situation = if migration.is_present() {
        t!(
            lang,
            "views-situation",
            situation = situation_word(migration.situation, lang)
        )
    } else {
        t!(lang, "views-no-resource")
    };
    ui.label(situation);
    if !migration.message.trim().is_empty() {
        ui.label(
            RichText::new(t!(
                lang,
                "views-status-message",
                message = migration.message.trim()
            ))
            .color(RED),
        );
    }
    ui.add_space(8.0);

    let action = next_action(analysis, &outcome.plan);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(t!(lang, "views-next-action")).strong());
        ui.label(action.text(lang));
        if let Some(command) = action.command() {
            command_row(
                ui,
                &command.render(&outcome.plan.vars),
                &t!(lang, "views-next-action-id"),
                lang,
            );
        }
    });
    ui.add_space(8.0);

    match migration.next() {
        Some(next) => {
            ui.heading(t!(
                lang,
                "views-gates-for",
                transition = next.transition().replace("→", "->")
            ));
            egui::Grid::new("gates").striped(true).show(ui, |ui| {
                for gate in analysis.next_gates() {
                    ui.label(gate_verdict(gate, lang));
                    ui.monospace(gate.id.as_str());
                    ui.label(&gate.detail);
                    ui.end_row();
                }
            });
        }
        None => {
            ui.label(t!(lang, "views-finished"));
        }
    }
    ui.add_space(8.0);
    ui.heading(t!(lang, "views-pods-heading"));
    picture::pods(ui, &outcome.pods, lang);
    ui.add_space(8.0);
    ui.heading(t!(lang, "views-versions"));
    let facts = &analysis.facts;
    let kubernetes = match &facts.kubernetes {
        Some((version, _)) => version.raw.clone(),
        None => t!(lang, "views-unknown"),
    };
    ui.label(t!(lang, "views-kubernetes-version", version = kubernetes));
    for plane in &facts.control_planes {
        ui.label(t!(
            lang,
            "views-istio-version",
            version = &plane.version.raw,
            revision = &plane.revision
        ));
    }
    let asm = match &settings.asm_version {
        Some(version) => version.clone(),
        None => t!(lang, "views-asm-version-not-given"),
    };
    ui.label(t!(lang, "views-asm-version", version = asm));
    let (errors, warnings, infos) = analysis.counts();
    ui.add_space(8.0);
    if ui
        .link(t!(
            lang,
            "views-open-findings",
            errors = errors,
            warnings = warnings,
            infos = infos
        ))
        .clicked()
    {
        return Some(Request::Show(View::Findings));
    }
    None
}

/// The situation of the migration resource, in a word.
fn situation_word(situation: Situation, lang: Lang) -> String {
    match situation {
        Situation::Assumed => t!(lang, "views-situation-assumed"),
        Situation::Settled => t!(lang, "views-situation-settled"),
        Situation::InProgress => t!(lang, "views-situation-in-progress"),
        Situation::Failed => t!(lang, "views-situation-failed"),
        Situation::Illegal => t!(lang, "views-situation-illegal"),
    }
}
