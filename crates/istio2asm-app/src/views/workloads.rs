//! The Workloads tab: a sortable, filterable table, rows laid out only when visible, and the
//! selected workload's panel: which injector webhooks its next restart calls, before and after
//! its switch.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use istio2asm_core::detect::Flavor;
use istio2asm_core::i18n::Lang;
use istio2asm_core::inject::{Configuration, Mesh, Row, Verdict};
use istio2asm_core::progress::{
    injection_detail, switch_preview, AfterSwitch, AgentCoverage, ProxyVersion, RestartDetail,
    WorkloadRow,
};
use istio2asm_core::t;

use super::widgets::{field, preview_ui, sidecar_text, Labelled, AMBER, GREEN, RED};
use crate::app::Outcome;
use crate::state::{WorkloadColumn, WorkloadKey, WorkloadsTab};

/// Workloads: a sortable, filterable table; rows are laid out only when visible. A click on a
/// workload's name opens its panel below the table. `generation` tells this outcome from any
/// other the app showed (see [`WorkloadsTab::order`]).
pub fn show(ui: &mut Ui, tab: &mut WorkloadsTab, outcome: &Outcome, generation: u64) {
    let lang = outcome.lang();
    ui.horizontal(|ui| {
        field(ui, &t!(lang, "app-workloads-filter"), &mut tab.filter);
        ui.label(t!(lang, "app-workloads-count", count = outcome.rows.len()));
    });
    let selected = tab
        .selected
        .as_ref()
        .and_then(|key| outcome.rows.iter().find(|r| key.is(r)));
    if let Some(row) = selected {
        // Laid out before the table, so the table takes the height the panel leaves.
        let height = ui.available_height();
        egui::Panel::bottom("workload-panel")
            .resizable(true)
            .default_size(height * 0.5)
            .min_size(120.0)
            .max_size((height - 120.0).max(120.0))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("workload-panel-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if workload_panel(ui, outcome, row) {
                            tab.selected = None;
                        }
                    });
            });
    }
    // In a scope of its own: the table draws its column lines down to the bottom of its `Ui`'s
    // content, which in the tab's `Ui` would include the panel.
    ui.scope(|ui| table(ui, tab, outcome, generation));
}

/// The table itself.
fn table(ui: &mut Ui, tab: &mut WorkloadsTab, outcome: &Outcome, generation: u64) {
    let lang = outcome.lang();
    let sort = tab.sort;
    let order = tab.order(&outcome.rows, generation, lang);
    // The order was computed from these very rows, so every index is in bounds.
    let rows: Vec<&WorkloadRow> = order.iter().map(|&i| &outcome.rows[i]).collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let mut clicked = None;
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
                    if ui
                        .button(format!("{}{arrow}", column.title(lang)))
                        .clicked()
                    {
                        tab.sort = sort.clicked(column);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let r = rows[row.index()];
                let selected = tab.selected.as_ref().is_some_and(|key| key.is(r));
                row.set_selected(selected);
                for column in WorkloadColumn::ALL {
                    let text = column.cell(r, lang);
                    row.col(|ui| match column {
                        // The name opens the workload's panel, and closes it again.
                        WorkloadColumn::Name => {
                            let name = egui::Label::new(text.as_ref())
                                .truncate()
                                .sense(egui::Sense::click());
                            let response = ui
                                .add(name)
                                .on_hover_cursor(egui::CursorIcon::PointingHand)
                                .on_hover_text(text.as_ref());
                            if response.clicked() {
                                clicked = Some((!selected).then(|| WorkloadKey::of(r)));
                            }
                        }
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
                            ui.label(sidecar_text(ui, &r.next_restart, lang));
                        }
                        WorkloadColumn::AfterSwitch => match &r.after_switch {
                            Some(sidecar) => {
                                ui.label(sidecar_text(ui, sidecar, lang));
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
    if let Some(selection) = clicked {
        tab.selected = selection;
    }
}

/// The selected workload's panel: the injector webhooks of its next restart and of its first
/// restart after its switch, then its switch patch. Returns whether the user closed it.
fn workload_panel(ui: &mut Ui, outcome: &Outcome, row: &WorkloadRow) -> bool {
    let lang = outcome.lang();
    let mut close = false;
    ui.horizontal(|ui| {
        ui.heading(format!(
            "{} {}/{}",
            row.kind_name(),
            row.namespace,
            row.name
        ));
        if ui.button(t!(lang, "app-panel-close")).clicked() {
            close = true;
        }
    });
    let Some(detail) = injection_detail(&outcome.analysis, row) else {
        ui.label(t!(lang, "app-panel-no-controller"));
        return close;
    };
    let next = t!(lang, "app-restart-next");
    let after = t!(lang, "app-restart-after-switch");
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(t!(lang, "app-panel-next-restart")).strong());
        ui.label(sidecar_text(ui, &detail.next_restart.outcome.sidecar, lang));
    });
    restart(ui, &detail.next_restart, "next-restart", &next, lang);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(t!(lang, "app-panel-after-switch")).strong());
        match &row.after_switch {
            Some(sidecar) => ui.label(sidecar_text(ui, sidecar, lang)),
            None => ui.label("-"),
        };
    });
    match &detail.after_switch {
        AfterSwitch::NotSwitched => {
            ui.label(t!(lang, "app-panel-not-switched"));
        }
        AfterSwitch::Simulated(shown) => restart(ui, shown, "after-switch", &after, lang),
        AfterSwitch::AsmNotExported(shown) => {
            ui.label(RichText::new(t!(lang, "app-panel-asm-not-exported")).color(AMBER));
            ui.horizontal(|ui| {
                ui.label(t!(lang, "app-panel-exported-alone"));
                ui.label(sidecar_text(ui, &shown.outcome.sidecar, lang));
            });
            restart(ui, shown, "after-switch", &after, lang);
        }
    }
    ui.add_space(8.0);
    patch_preview(ui, outcome, row);
    close
}

/// One simulated restart: why it ends with its sidecar, each configuration's verdict as
/// `istioctl x check-inject` prints it, and the webhooks the API server calls. `salt` tells the
/// two restarts apart in egui's memory; `name` (`next restart`, `after switch`) starts the
/// accessible names of their lines.
fn restart(ui: &mut Ui, shown: &RestartDetail<'_>, salt: &str, name: &str, lang: Lang) {
    ui.indent(salt, |ui| restart_lists(ui, shown, name, lang));
}

fn restart_lists(ui: &mut Ui, shown: &RestartDetail<'_>, name: &str, lang: Lang) {
    ui.add(egui::Label::new(&shown.outcome.reason).wrap());
    ui.label(RichText::new(t!(lang, "app-panel-configurations")).strong());
    if shown.configurations.is_empty() {
        ui.label(t!(lang, "app-panel-no-configuration"));
    }
    for row in &shown.configurations {
        configuration_row(ui, row, name, lang);
    }
    ui.label(RichText::new(t!(lang, "app-panel-webhooks")).strong());
    if shown.calls.is_empty() {
        ui.label(t!(lang, "app-panel-no-webhook"));
    }
    for call in &shown.calls {
        let (result, color) = match call.call.verdict {
            Verdict::Injects => (t!(lang, "app-call-injects"), GREEN),
            Verdict::Skips => (t!(lang, "app-call-skips"), ui.visuals().text_color()),
            Verdict::Unknown => (t!(lang, "app-call-unknown"), AMBER),
            // Core lists only the webhooks the API server calls.
            Verdict::NotCalled => (
                t!(lang, "app-call-not-called"),
                ui.visuals().weak_text_color(),
            ),
        };
        let round = if call.call.round > 1 {
            t!(lang, "app-call-round", round = call.call.round)
        } else {
            String::new()
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(result).color(color).strong());
            ui.add(
                egui::Label::new(format!(
                    "{} / {}{round}: {}",
                    call.configuration.name, call.call.webhook, call.call.reason
                ))
                .wrap(),
            )
            .labelled_by_text(&t!(
                lang,
                "app-call-name",
                restart = name,
                configuration = &call.configuration.name,
                webhook = &call.call.webhook,
                round = &round
            ));
        });
    }
}

/// One configuration's verdict: ✔ injects, ✘ does not, ? unknown, with its mesh and revision.
fn configuration_row(ui: &mut Ui, row: &Row<'_>, name: &str, lang: Lang) {
    let mark = match row.injects {
        Some(true) => "✔",
        Some(false) => "✘",
        None => "?",
    };
    ui.horizontal(|ui| {
        verdict_mark(ui, row.injects, lang);
        ui.add(
            egui::Label::new(format!(
                "{} ({}): {}",
                row.configuration.name,
                served(row.configuration, lang),
                row.reason
            ))
            .wrap(),
        )
        .labelled_by_text(&t!(
            lang,
            "app-configuration-name",
            restart = name,
            mark = mark,
            name = &row.configuration.name
        ));
    });
}

/// Whose sidecar a configuration gives: `ASM`, `Istio revision 1-22`, `Istio revision 1-22, tag
/// prod`, with `deactivated` when istioctl switched it off.
fn served(configuration: &Configuration, lang: Lang) -> String {
    let mut text = match configuration.mesh {
        Mesh::Asm => "ASM".to_string(),
        Mesh::Istio => match &configuration.revision {
            Some(revision) => t!(lang, "app-served-istio-revision", revision = revision),
            None => "Istio".to_string(),
        },
    };
    if let Some(tag) = &configuration.tag {
        text.push_str(&t!(lang, "app-served-tag", tag = tag));
    }
    if configuration.deactivated {
        text.push_str(&t!(lang, "app-served-deactivated"));
    }
    text
}

/// The switch patch of the workload: the plan's wave that patches it and what the patch changes
/// in the exported template (the step's preview, computed by core).
fn patch_preview(ui: &mut Ui, outcome: &Outcome, row: &WorkloadRow) {
    let lang = outcome.lang();
    ui.label(RichText::new(t!(lang, "app-panel-switch-patch")).strong());
    match switch_preview(&outcome.plan, row) {
        Some((step, preview)) => {
            ui.label(format!("{}: {}", step.id, step.title));
            preview_ui(ui, std::slice::from_ref(preview), lang);
        }
        None => {
            ui.label(t!(lang, "app-panel-no-switch-wave"));
        }
    }
}

/// check-inject's ✔ (injects, green) or ✘ (does not), painted rather than typed: egui's
/// default fonts, which the web page embeds, have neither glyph. Unknown is an amber `?`.
fn verdict_mark(ui: &mut Ui, injects: Option<bool>, lang: Lang) {
    let Some(injects) = injects else {
        ui.label(RichText::new("?").color(AMBER).strong());
        return;
    };
    let side = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * rect.width(), y * rect.height());
    if injects {
        let stroke = egui::Stroke::new(2.0, GREEN);
        ui.painter().add(egui::Shape::line(
            vec![at(0.15, 0.55), at(0.4, 0.8), at(0.85, 0.2)],
            stroke,
        ));
    } else {
        let stroke = egui::Stroke::new(2.0, ui.visuals().text_color());
        ui.painter()
            .line_segment([at(0.2, 0.2), at(0.8, 0.8)], stroke);
        ui.painter()
            .line_segment([at(0.8, 0.2), at(0.2, 0.8)], stroke);
    }
    let text = if injects {
        t!(lang, "app-mark-injects")
    } else {
        t!(lang, "app-mark-does-not-inject")
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &text));
}
