//! The Workloads tab: a sortable, filterable table; rows are laid out only when visible.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{field, AMBER, GREEN, RED};
use crate::app::Outcome;
use crate::state::{WorkloadColumn, WorkloadRow, WorkloadsTab};

/// Workloads: a sortable, filterable table; rows are laid out only when visible.
pub fn show(ui: &mut Ui, tab: &mut WorkloadsTab, outcome: &Outcome) {
    ui.horizontal(|ui| {
        field(ui, "Filter workloads", &mut tab.filter);
        ui.label(format!("{} workloads", outcome.rows.len()));
    });
    let sort = tab.sort;
    let order = tab.order(&outcome.rows, std::ptr::from_ref(outcome) as usize);
    // The order was computed from these very rows, so every index is in bounds.
    let rows: Vec<&WorkloadRow> = order.iter().map(|&i| &outcome.rows[i]).collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(140.0))
        .column(Column::auto().at_least(60.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::remainder().at_least(160.0))
        .column(Column::auto().at_least(70.0))
        .header(row_height + 4.0, |mut header| {
            for column in WorkloadColumn::ALL {
                header.col(|ui| {
                    let arrow = match sort {
                        s if s.column != column => "",
                        s if s.ascending => " ^",
                        _ => " v",
                    };
                    if ui.button(format!("{}{arrow}", column.title())).clicked() {
                        tab.sort = sort.clicked(column);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let r = rows[row.index()];
                row.col(|ui| {
                    ui.label(&r.namespace);
                });
                row.col(|ui| {
                    ui.label(&r.kind);
                });
                row.col(|ui| {
                    ui.label(&r.name);
                });
                row.col(|ui| {
                    ui.label(r.replicas.map_or("-".to_string(), |n| n.to_string()));
                });
                row.col(|ui| {
                    let color = if r.proxy.starts_with("ASM") {
                        GREEN
                    } else if r.proxy.starts_with("Istio") {
                        AMBER
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.add(egui::Label::new(RichText::new(&r.proxy).color(color)).truncate())
                        .on_hover_text(&r.proxy);
                });
                row.col(|ui| {
                    let color = match r.xds_agent.as_str() {
                        "yes" => GREEN,
                        "no" => RED,
                        "-" => ui.visuals().text_color(),
                        _ => AMBER,
                    };
                    ui.label(RichText::new(&r.xds_agent).color(color));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.risk).truncate())
                        .on_hover_text(&r.risk);
                });
                row.col(|ui| {
                    ui.label(&r.wave);
                });
            });
        });
}
