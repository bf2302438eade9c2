//! The Plan tab: the settings form, then phases and steps with their commands and files.

use egui::{RichText, Ui};
use istio2asm_core::gate::GateId;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::KubeconfigVars;
use istio2asm_core::plan::{PhaseStatus, Step};

use super::widgets::{command_row, commands, gate_verdict, Labelled, AMBER, RED};
use super::Request;
use crate::app::{human_size, Outcome};
use crate::state::PlanTab;

/// Plan: the settings form, then phases and steps with their commands and files. `force` is
/// whether switches are emitted when their gates fail; changing it, or the form, is a request,
/// since both change the plan.
pub fn show(
    ui: &mut Ui,
    tab: &mut PlanTab,
    force: bool,
    outcome: &Outcome,
    vars: &KubeconfigVars,
) -> Option<Request> {
    let mut request = None;
    egui::CollapsingHeader::new("Settings")
        .default_open(true)
        .show(ui, |ui| {
            let before = tab.form.clone();
            egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
                let rows: [(&str, &mut String); 6] = [
                    ("ASM version", &mut tab.form.asm_version),
                    ("Cluster kubeconfig variable", &mut tab.form.cluster_var),
                    ("ASM kubeconfig variable", &mut tab.form.asm_var),
                    ("ASM label (key=value)", &mut tab.form.asm_label),
                    ("Egress weights (ASM share)", &mut tab.form.egress_weights),
                    ("ASM egress gateway host", &mut tab.form.asm_egress_host),
                ];
                for (label, value) in rows {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label("Wave size");
                ui.add(egui::DragValue::new(&mut tab.form.wave_size).range(1..=500))
                    .labelled_by(label.id);
                ui.end_row();
            });
            let mut forced = force;
            ui.checkbox(
                &mut forced,
                "Emit switches even when their gates fail (--force)",
            );
            if forced != force {
                request = Some(Request::Force(forced));
            }
            if tab.form != before {
                request = Some(Request::ApplyForm);
            }
            if let Some(error) = &tab.form_error {
                ui.label(RichText::new(format!("Not applied: {error}")).color(RED));
            }
        });
    let plan = &outcome.plan;
    if plan.assumed {
        ui.label(
            RichText::new("No ASMMigrateFromIstio in the input: the plan assumes Init.")
                .color(AMBER),
        );
    }
    if !plan.forced.is_empty() {
        ui.label(
            RichText::new(format!(
                "Gates overridden (Force): {}",
                GateId::list(&plan.forced)
            ))
            .color(RED),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("plan")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for phase in &plan.phases {
                let status = match phase.status {
                    PhaseStatus::Done => "done",
                    PhaseStatus::Current => "current",
                    PhaseStatus::Upcoming => "upcoming",
                };
                egui::CollapsingHeader::new(format!(
                    "{} ({status}, {} steps)",
                    phase.state.as_str(),
                    phase.steps.len()
                ))
                .id_salt(phase.state.as_str())
                .default_open(phase.status == PhaseStatus::Current)
                .show(ui, |ui| {
                    for gate in &phase.gates {
                        ui.horizontal(|ui| {
                            ui.label(gate_verdict(gate, outcome.lang()));
                            ui.label(&gate.detail);
                        });
                    }
                    for step in &phase.steps {
                        step_ui(ui, step, vars, outcome.lang());
                    }
                });
            }
        });
    request
}

fn step_ui(ui: &mut Ui, step: &Step, vars: &KubeconfigVars, lang: Lang) {
    let target = match step.target {
        istio2asm_core::kubectl::Target::Cluster => "cluster",
        istio2asm_core::kubectl::Target::Asm => "asm",
    };
    let mut title = RichText::new(format!("{}: {} ({target})", step.id, step.title));
    if !step.blocked_by.is_empty() {
        title = title.color(RED);
    }
    egui::CollapsingHeader::new(title)
        .id_salt(&step.id)
        .show(ui, |ui| {
            ui.label(&step.why);
            if !step.blocked_by.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "Blocked: the gate(s) {} fail.",
                        GateId::list(&step.blocked_by)
                    ))
                    .color(RED),
                );
            }
            for need in &step.needs {
                ui.label(RichText::new(format!("Needs: {need}")).color(AMBER));
            }
            if !step.risks.is_empty() {
                ui.label(RichText::new("Risks before this wave").strong());
                for row in &step.risks {
                    let risks = row.risks.list();
                    ui.label(format!(
                        "{} in {}: {}",
                        row.workload,
                        row.namespace,
                        if risks.is_empty() {
                            "none found".to_string()
                        } else {
                            risks.join("; ")
                        }
                    ));
                }
            }
            commands(ui, &step.commands, vars, &step.id, lang);
            super::widgets::preview_ui(ui, &step.preview, lang);
            for verify in &step.verify {
                ui.label(RichText::new(format!("Verify (expect: {})", verify.expect)).strong());
                command_row(
                    ui,
                    &verify.command.render(vars),
                    &format!("{} verify", step.id),
                    lang,
                );
            }
            if !step.rollback.is_empty() {
                ui.label(RichText::new("Rollback").strong());
                commands(
                    ui,
                    &step.rollback,
                    vars,
                    &format!("{} rollback", step.id),
                    lang,
                );
            }
            for file in &step.files {
                egui::CollapsingHeader::new(format!(
                    "{} ({})",
                    file.name,
                    human_size(file.content.len(), lang)
                ))
                .id_salt(format!("{}-{}", step.id, file.name))
                .show(ui, |ui| {
                    if ui
                        .button("Copy")
                        .labelled_by_text(&format!("Copy {}", file.name))
                        .clicked()
                    {
                        ui.ctx().copy_text(file.content.clone());
                    }
                    ui.add(egui::Label::new(RichText::new(&file.content).monospace()).wrap());
                });
            }
            for note in &step.notes {
                ui.label(RichText::new(note).italics());
            }
        });
}
