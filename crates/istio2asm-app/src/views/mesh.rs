//! The Mesh tab, with several clusters: the order the clusters' runbooks run in and why, each
//! cluster's place in the mesh and its findings, the cross-cluster findings with their commands
//! (each against its own cluster's kubeconfig), and the mesh's runbooks to save.

use egui::{RichText, Ui};
use istio2asm_core::report::role_label;
use istio2asm_core::{render, t};

use super::widgets::{command_row, severity_text};
use super::Request;
use crate::app::Outcome;
use crate::clusters::MeshOutcome;
use crate::ticks::Ticks;

/// Every file of the mesh's runbooks: the README with the order and the rules across the
/// clusters, then each cluster's files under a folder named after it (as core's
/// `render::mesh_files` lays them out), each cluster's steps ticked done marked done.
pub fn mesh_files<'a>(
    mesh: &MeshOutcome,
    outcomes: impl Iterator<Item = (&'a str, &'a Outcome)> + Clone,
    ticks: &Ticks,
) -> Vec<(String, String)> {
    let mut files = vec![("README.md".to_string(), render::mesh_readme(&mesh.plan))];
    for (name, plan) in &mesh.plan.plans {
        let identity = outcomes
            .clone()
            .find(|(n, _)| n == name)
            .map(|(_, o)| o.identity.as_str());
        let done = identity.map(|i| ticks.done(i));
        let done = done.into_iter().flatten().map(String::as_str);
        files.extend(
            render::files_with_done(plan, done)
                .into_iter()
                .map(|f| (format!("{name}/{}", f.name), f.content)),
        );
    }
    files
}

/// The Mesh tab. `outcomes` are each cluster's, by name, in the order the clusters were given
/// (a click on a cluster's name opens its Overview).
pub fn show<'a>(
    ui: &mut Ui,
    mesh: &MeshOutcome,
    outcomes: impl Iterator<Item = (&'a str, &'a Outcome)> + Clone,
    ticks: &Ticks,
) -> Option<Request> {
    egui::ScrollArea::vertical()
        .id_salt("mesh")
        .auto_shrink([false, false])
        .show(ui, |ui| contents(ui, mesh, outcomes, ticks))
        .inner
}

fn contents<'a>(
    ui: &mut Ui,
    mesh: &MeshOutcome,
    outcomes: impl Iterator<Item = (&'a str, &'a Outcome)> + Clone,
    ticks: &Ticks,
) -> Option<Request> {
    let lang = mesh.lang();
    let mut request = None;
    ui.heading(t!(
        lang,
        "views-mesh-heading",
        count = mesh.identities.len()
    ));
    ui.add_space(6.0);
    ui.label(RichText::new(t!(lang, "views-mesh-order")).strong());
    egui::Grid::new("mesh-order")
        .striped(true)
        .num_columns(8)
        .show(ui, |ui| {
            for header in [
                "#".to_string(),
                t!(lang, "views-mesh-column-cluster"),
                t!(lang, "views-mesh-column-role"),
                t!(lang, "views-mesh-column-istio-name"),
                t!(lang, "views-mesh-column-network"),
                t!(lang, "views-mesh-column-mesh-id"),
                t!(lang, "views-mesh-column-findings"),
                t!(lang, "views-mesh-column-why"),
            ] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            for (number, ordered) in mesh.order.iter().enumerate() {
                ui.label((number + 1).to_string());
                let index = outcomes.clone().position(|(n, _)| n == ordered.cluster);
                if ui
                    .link(&ordered.cluster)
                    .on_hover_text(t!(lang, "views-mesh-open-cluster"))
                    .clicked()
                {
                    request = index.map(Request::OpenCluster);
                }
                ui.label(role_label(ordered.role, lang));
                let identity = mesh.identity(&ordered.cluster);
                let unknown = || t!(lang, "views-unknown");
                ui.label(
                    identity
                        .and_then(|i| i.cluster_id.as_ref())
                        .map_or_else(unknown, |n| n.value.clone()),
                );
                ui.label(
                    identity
                        .and_then(|i| i.network.as_ref())
                        .map_or_else(|| t!(lang, "views-mesh-no-network"), |n| n.value.clone()),
                );
                ui.label(
                    identity
                        .and_then(|i| i.mesh_id.as_ref())
                        .map_or_else(unknown, |n| n.value.clone()),
                );
                let counts = outcomes
                    .clone()
                    .find(|(n, _)| *n == ordered.cluster)
                    .map(|(_, o)| o.analysis.counts());
                ui.label(counts.map_or_else(unknown, |(errors, warnings, infos)| {
                    t!(
                        lang,
                        "views-mesh-counts",
                        errors = errors,
                        warnings = warnings,
                        infos = infos
                    )
                }));
                ui.add(egui::Label::new(&ordered.reason).wrap());
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(RichText::new(t!(lang, "views-mesh-across")).strong());
    if mesh.findings.is_empty() {
        ui.label(t!(lang, "views-mesh-no-findings"));
    }
    for (index, cross) in mesh.findings.iter().enumerate() {
        let finding = &cross.finding;
        let code = finding.code.as_str();
        let codes: Vec<_> = mesh.findings.iter().map(|f| f.finding.code).collect();
        let id = super::trust::copy_id(lang, &codes, index);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(severity_text(finding.severity, lang));
                ui.label(RichText::new(format!("{code} {}", finding.code.name())).monospace());
                ui.label(t!(
                    lang,
                    "views-mesh-clusters",
                    clusters = cross.clusters.join(&t!(lang, "list-separator"))
                ));
            });
            ui.add(egui::Label::new(&finding.message).wrap());
            for (number, command) in cross.commands.iter().enumerate() {
                // Each command runs against its own cluster, with that cluster's variable.
                command_row(
                    ui,
                    &command.command.render(&mesh.vars(&command.cluster)),
                    &t!(lang, "app-command-numbered", id = &id, number = number + 1),
                    lang,
                );
            }
            egui::CollapsingHeader::new(t!(lang, "app-finding-how-to-fix"))
                .id_salt(("mesh-help", index))
                .show(ui, |ui| {
                    ui.add(egui::Label::new(finding.help_text(lang)).wrap());
                });
        });
    }
    ui.add_space(8.0);
    ui.label(RichText::new(t!(lang, "views-mesh-export")).strong());
    ui.label(t!(lang, "views-mesh-export-intro"));
    let files = mesh_files(mesh, outcomes, ticks);
    if let Some(save) = super::export::files_ui(ui, files, "mesh-files", lang) {
        request = Some(save);
    }
    request
}
