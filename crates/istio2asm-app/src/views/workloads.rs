//! The Workloads tab: a sortable, filterable table; rows are laid out only when visible.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use istio2asm_core::detect::Flavor;
use istio2asm_core::progress::{AgentCoverage, ProxyVersion, WorkloadRow};

use super::widgets::{field, sidecar_text, AMBER, GREEN, RED};
use crate::app::Outcome;
use crate::state::{WorkloadColumn, WorkloadsTab};

/// Workloads: a sortable, filterable table; rows are laid out only when visible. `generation`
/// tells this outcome from any other the app showed (see [`WorkloadsTab::order`]).
pub fn show(ui: &mut Ui, tab: &mut WorkloadsTab, outcome: &Outcome, generation: u64) {
    ui.horizontal(|ui| {
        field(ui, "Filter workloads", &mut tab.filter);
        ui.label(format!("{} workloads", outcome.rows.len()));
    });
    let sort = tab.sort;
    let order = tab.order(&outcome.rows, generation);
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
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(90.0))
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
                for column in WorkloadColumn::ALL {
                    let text = column.cell(r);
                    row.col(|ui| match column {
                        // Long cells are cut to the column and shown whole on hover.
                        WorkloadColumn::Proxy => {
                            let color = match r.proxy {
                                ProxyVersion::One {
                                    flavor: Flavor::Asm,
                                    ..
                                } => GREEN,
                                ProxyVersion::One {
                                    flavor: Flavor::Istio,
                                    ..
                                } => AMBER,
                                _ => ui.visuals().text_color(),
                            };
                            ui.add(
                                egui::Label::new(RichText::new(text.as_ref()).color(color))
                                    .truncate(),
                            )
                            .on_hover_text(text.as_ref());
                        }
                        WorkloadColumn::NextRestart => {
                            ui.label(sidecar_text(ui, &r.next_restart));
                        }
                        WorkloadColumn::AfterSwitch => match &r.after_switch {
                            Some(sidecar) => {
                                ui.label(sidecar_text(ui, sidecar));
                            }
                            None => {
                                ui.label(text.as_ref());
                            }
                        },
                        WorkloadColumn::XdsAgent => {
                            let color = match r.xds_agent {
                                AgentCoverage::All => GREEN,
                                AgentCoverage::Missing => RED,
                                AgentCoverage::NoSidecars => ui.visuals().text_color(),
                                AgentCoverage::Partial { .. } => AMBER,
                            };
                            ui.label(RichText::new(text.as_ref()).color(color));
                        }
                        WorkloadColumn::Risk => {
                            ui.add(egui::Label::new(text.as_ref()).truncate())
                                .on_hover_text(text.as_ref());
                        }
                        _ => {
                            ui.label(text.as_ref());
                        }
                    });
                }
            });
        });
}
