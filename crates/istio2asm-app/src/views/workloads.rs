//! The Workloads tab: a sortable, filterable table; rows are laid out only when visible.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{field, AMBER, GREEN, RED};
use crate::app::{App, Outcome};

/// Workloads: a sortable, filterable table; rows are laid out only when visible.
pub fn show(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    ui.horizontal(|ui| {
        field(ui, "Filter workloads", &mut app.workload_filter);
        ui.label(format!("{} workloads", outcome.rows.len()));
    });
    // Filtering and sorting 10,000 rows is done once per change, not every frame.
    let key = (
        app.workload_filter.clone(),
        app.workload_sort,
        std::ptr::from_ref(outcome) as usize,
    );
    if app.workload_order.as_ref().map(|(k, _)| k) != Some(&key) {
        let order =
            crate::state::order_rows(&outcome.rows, &app.workload_filter, app.workload_sort);
        app.workload_order = Some((key, order));
    }
    let order: &[usize] = app
        .workload_order
        .as_ref()
        .map_or(&[], |(_, order)| order.as_slice());
    let rows: Vec<&crate::state::WorkloadRow> = order.iter().map(|&i| &outcome.rows[i]).collect();
    let headers = [
        "Namespace",
        "Kind",
        "Name",
        "Replicas",
        "Proxy",
        "XDS agent",
        "Risk",
        "Wave",
    ];
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
            for (index, title) in headers.into_iter().enumerate() {
                header.col(|ui| {
                    let arrow = match app.workload_sort {
                        (c, true) if c == index => " ^",
                        (c, false) if c == index => " v",
                        _ => "",
                    };
                    if ui.button(format!("{title}{arrow}")).clicked() {
                        app.workload_sort = if app.workload_sort.0 == index {
                            (index, !app.workload_sort.1)
                        } else {
                            (index, true)
                        };
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
