//! The Plan tab: the settings form, then each phase as a checklist of its steps, each with its
//! commands and files. A ticked step is remembered for the cluster (`crate::ticks`) and marked
//! done in the exported runbook.

use egui::collapsing_header::{paint_default_icon, CollapsingState};
use egui::{RichText, Sense, Ui};
use istio2asm_core::gate::GateId;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::{KubeconfigVars, Target};
use istio2asm_core::plan::{PhaseStatus, Step};
use istio2asm_core::settings::Setting;
use istio2asm_core::t;

use super::widgets::{command_row, commands, gate_verdict, Labelled, AMBER, RED};
use super::Request;
use crate::app::{human_size, Outcome};
use crate::state::PlanTab;
use crate::ticks::Ticks;

/// Plan: the settings form, then each phase's steps as a checklist with their commands and
/// files. `force` is whether switches are emitted when their gates fail; changing it, or the
/// form, is a request, since both change the plan. Ticking a step changes only `ticks`.
pub fn show(
    ui: &mut Ui,
    tab: &mut PlanTab,
    ticks: &mut Ticks,
    force: bool,
    outcome: &Outcome,
    vars: &KubeconfigVars,
) -> Option<Request> {
    let plan = &outcome.plan;
    let lang = outcome.lang();
    let mut request = None;
    egui::CollapsingHeader::new(t!(lang, "views-settings"))
        .id_salt("settings")
        .default_open(true)
        .show(ui, |ui| {
            let before = tab.form.clone();
            egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
                // Each field's tooltip is core's sentence about its setting, the one the CLI's
                // help and the JS library's documentation give.
                let rows: [(Setting, String, &mut String); 7] = [
                    (
                        Setting::AsmVersion,
                        t!(lang, "views-asm-version-field"),
                        &mut tab.form.asm_version,
                    ),
                    (
                        Setting::ClusterKubeconfigVar,
                        t!(lang, "views-cluster-var-field"),
                        &mut tab.form.cluster_var,
                    ),
                    (
                        Setting::AsmKubeconfigVar,
                        t!(lang, "views-asm-var-field"),
                        &mut tab.form.asm_var,
                    ),
                    (
                        Setting::AsmLabel,
                        t!(lang, "views-asm-label-field"),
                        &mut tab.form.asm_label,
                    ),
                    (
                        Setting::EgressWeights,
                        t!(lang, "views-egress-weights-field"),
                        &mut tab.form.egress_weights,
                    ),
                    (
                        Setting::AsmEgressHost,
                        t!(lang, "views-asm-egress-host-field"),
                        &mut tab.form.asm_egress_host,
                    ),
                    (
                        Setting::AsOf,
                        t!(lang, "views-as-of-field"),
                        &mut tab.form.as_of,
                    ),
                ];
                for (setting, label, value) in rows {
                    let label = ui.label(label).on_hover_text(setting.about(lang));
                    let mut edit = egui::TextEdit::singleline(value).desired_width(320.0);
                    if setting == Setting::AsOf {
                        edit = edit.hint_text(t!(lang, "views-as-of-hint"));
                    }
                    ui.add(edit)
                        .on_hover_text(setting.about(lang))
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui
                    .label(t!(lang, "views-wave-size-field"))
                    .on_hover_text(Setting::WaveSize.about(lang));
                ui.add(egui::DragValue::new(&mut tab.form.wave_size).range(1..=500))
                    .on_hover_text(Setting::WaveSize.about(lang))
                    .labelled_by(label.id);
                ui.end_row();
                let text = t!(lang, "views-trust-handled-field");
                ui.label(&text)
                    .on_hover_text(Setting::TrustHandled.about(lang));
                let response = ui.checkbox(&mut tab.form.trust_handled, "");
                // The check box shows no text of its own; its accessible name is the label's.
                let checked = tab.form.trust_handled;
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &text)
                });
                response.on_hover_text(Setting::TrustHandled.about(lang));
                ui.end_row();
            });
            let mut forced = force;
            ui.checkbox(&mut forced, t!(lang, "views-force"));
            if forced != force {
                request = Some(Request::Force(forced));
            }
            if tab.form != before {
                request = Some(Request::ApplyForm);
            }
            if let Some(error) = &tab.form_error {
                ui.label(RichText::new(t!(lang, "views-not-applied", error = error)).color(RED));
            }
        });
    if plan.assumed {
        ui.label(RichText::new(t!(lang, "views-plan-assumed")).color(AMBER));
    }
    if !plan.forced.is_empty() {
        ui.label(
            RichText::new(t!(
                lang,
                "views-gates-overridden",
                gates = GateId::list(&plan.forced)
            ))
            .color(RED),
        );
    }
    ui.label(
        RichText::new(t!(
            lang,
            "views-ticks-remembered",
            cluster = &outcome.identity
        ))
        .weak(),
    );
    let cluster = outcome.identity.as_str();
    egui::ScrollArea::vertical()
        .id_salt("plan")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for phase in &plan.phases {
                let status = match phase.status {
                    PhaseStatus::Done => t!(lang, "views-mark-done"),
                    PhaseStatus::Current => t!(lang, "views-mark-current"),
                    PhaseStatus::Upcoming => t!(lang, "views-mark-upcoming"),
                };
                let done = phase
                    .steps
                    .iter()
                    .filter(|s| ticks.is_done(cluster, &s.id))
                    .count();
                let header = if done == 0 {
                    t!(
                        lang,
                        "views-phase",
                        state = phase.state.as_str(),
                        status = status,
                        count = phase.steps.len()
                    )
                } else {
                    t!(
                        lang,
                        "views-phase-ticked",
                        state = phase.state.as_str(),
                        status = status,
                        done = done,
                        count = phase.steps.len()
                    )
                };
                egui::CollapsingHeader::new(header)
                    .id_salt(phase.state.as_str())
                    .default_open(phase.status == PhaseStatus::Current)
                    .show(ui, |ui| {
                        for gate in &phase.gates {
                            ui.horizontal(|ui| {
                                ui.label(gate_verdict(gate, lang));
                                ui.label(&gate.detail);
                            });
                        }
                        for step in &phase.steps {
                            let mut done = ticks.is_done(cluster, &step.id);
                            step_ui(ui, step, &mut done, vars, lang);
                            if done != ticks.is_done(cluster, &step.id) {
                                ticks.set(cluster, &step.id, done);
                            }
                        }
                    });
            }
        });
    request
}

/// One step of the checklist: its tick, its title (a click opens it), then, open, what it
/// does, needs and risks, its commands, their verification and rollback, its files.
fn step_ui(ui: &mut Ui, step: &Step, done: &mut bool, vars: &KubeconfigVars, lang: Lang) {
    let target = match step.target {
        Target::Cluster => t!(lang, "views-target-cluster"),
        Target::Asm => t!(lang, "views-target-asm"),
    };
    let mut title = RichText::new(t!(
        lang,
        "views-step-title",
        id = &step.id,
        title = &step.title,
        target = target
    ));
    if !step.blocked_by.is_empty() {
        title = title.color(RED);
    } else if *done {
        title = title.weak();
    }
    let id = ui.make_persistent_id(&step.id);
    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, false);
    let header = ui.horizontal(|ui| {
        state.show_toggle_button(ui, paint_default_icon);
        let label = t!(lang, "views-step-done", id = &step.id);
        let response = ui.checkbox(done, "");
        // The checkbox shows no text; its accessible name says which step it ticks.
        let checked = *done;
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &label)
        });
        response.on_hover_text(t!(lang, "views-step-done-hover"));
        if ui
            .add(egui::Label::new(title).sense(Sense::click()))
            .clicked()
        {
            state.toggle(ui);
        }
    });
    state.show_body_indented(&header.response, ui, |ui| {
        ui.label(&step.why);
        if !step.blocked_by.is_empty() {
            ui.label(
                RichText::new(t!(
                    lang,
                    "views-step-blocked",
                    gates = GateId::list(&step.blocked_by)
                ))
                .color(RED),
            );
        }
        for need in &step.needs {
            ui.label(RichText::new(t!(lang, "views-step-needs", need = need)).color(AMBER));
        }
        if !step.risks.is_empty() {
            ui.label(RichText::new(t!(lang, "views-step-risks")).strong());
            for row in &step.risks {
                let risks = row.risks.list();
                let risks = if risks.is_empty() {
                    t!(lang, "views-step-risks-none")
                } else {
                    risks.join(&t!(lang, "views-risk-separator"))
                };
                ui.label(t!(
                    lang,
                    "views-step-risk-row",
                    workload = &row.workload,
                    namespace = &row.namespace,
                    risks = risks
                ));
            }
        }
        commands(ui, &step.commands, vars, &step.id, lang);
        super::widgets::preview_ui(ui, &step.preview, lang);
        for verify in &step.verify {
            ui.label(
                RichText::new(t!(lang, "views-step-verify", expect = &verify.expect)).strong(),
            );
            command_row(
                ui,
                &verify.command.render(vars),
                &t!(lang, "views-step-verify-id", id = &step.id),
                lang,
            );
        }
        if !step.rollback.is_empty() {
            ui.label(RichText::new(t!(lang, "views-step-rollback")).strong());
            commands(
                ui,
                &step.rollback,
                vars,
                &t!(lang, "views-step-rollback-id", id = &step.id),
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
                    .button(t!(lang, "app-copy"))
                    .labelled_by_text(&t!(lang, "app-copy-named", name = &file.name))
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
