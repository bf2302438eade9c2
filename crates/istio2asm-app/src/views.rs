//! The views. Each takes the app (for its UI state) and the outcome it shows.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use istio2asm_core::codes::Severity;
use istio2asm_core::finding::Finding;
use istio2asm_core::gate::{GateId, Verdict};
use istio2asm_core::kubectl::{Command, KubeconfigVars};
use istio2asm_core::plan::{PhaseStatus, Step};
use istio2asm_core::render;
use istio2asm_core::state::State;
use istio2asm_core::Input;

use crate::app::{human_size, App, Outcome, Slot, View};
use crate::state::next_action;
use istio2asm_core::excerpt::excerpt;

const RED: Color32 = Color32::from_rgb(220, 60, 60);
const AMBER: Color32 = Color32::from_rgb(210, 150, 20);
const GREEN: Color32 = Color32::from_rgb(60, 170, 90);
const BLUE: Color32 = Color32::from_rgb(80, 150, 220);

fn severity_text(severity: Severity) -> RichText {
    let color = match severity {
        Severity::Error => RED,
        Severity::Warning => AMBER,
        Severity::Info => BLUE,
    };
    RichText::new(severity.as_str()).color(color).strong()
}

/// A command in monospace with a copy button that puts exactly its text on the clipboard.
pub fn command_row(ui: &mut Ui, text: &str, id: &str) {
    ui.horizontal(|ui| {
        if ui
            .button("Copy")
            .on_hover_text("Copy this command")
            .labelled_by_text(&format!("Copy {id}"))
            .clicked()
        {
            ui.ctx().copy_text(text.to_string());
        }
        ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
    });
}

/// Gives a widget an accessible name (tests and screen readers find it by it).
trait Labelled {
    fn labelled_by_text(self, text: &str) -> Self;
}

impl Labelled for egui::Response {
    fn labelled_by_text(self, text: &str) -> Self {
        let label = text.to_string();
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        self
    }
}

fn commands(ui: &mut Ui, commands: &[Command], vars: &KubeconfigVars, id: &str) {
    for (index, command) in commands.iter().enumerate() {
        command_row(
            ui,
            &command.render(vars),
            &format!("{id} command {}", index + 1),
        );
    }
}

/// A labelled single-line text field.
fn field(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}

/// A labelled drop-down of the distinct `options` (sorted), with "all" as the empty choice.
fn choice<'a>(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    options: impl Iterator<Item = &'a str>,
) {
    let mut options: Vec<&str> = options.collect();
    options.sort_unstable();
    options.dedup();
    let label = ui.label(label);
    let shown = if value.is_empty() {
        "all".to_string()
    } else {
        value.clone()
    };
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, String::new(), "all");
            for option in options {
                ui.selectable_value(value, option.to_string(), option);
            }
        })
        .response
        .labelled_by(label.id);
}

/// Overview: the four states, the gates of the next transition, the single next action.
pub fn overview(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let analysis = &outcome.analysis;
    let migration = &analysis.migration;
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
        ui.label(&action.text);
        if let Some(command) = &action.command {
            command_row(
                ui,
                &command.render(&app.settings.kubeconfig_vars()),
                "next action",
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
                    verdict_label(ui, gate.verdict);
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
        app.settings
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
        app.view = View::Findings;
    }
}

/// Findings: filters, the list, and the selected finding's help, YAML and commands.
pub fn findings(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let analysis = &outcome.analysis;
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut app.filter.errors, "Errors");
        ui.checkbox(&mut app.filter.warnings, "Warnings");
        ui.checkbox(&mut app.filter.infos, "Infos");
        let codes = analysis.findings.iter().map(|f| f.code.as_str());
        choice(ui, "Code", &mut app.filter.code, codes);
        let namespaces = analysis
            .findings
            .iter()
            .filter_map(|f| f.object.as_ref()?.namespace.as_deref());
        choice(ui, "Namespace", &mut app.filter.namespace, namespaces);
        field(ui, "Search", &mut app.filter.text);
    });
    let shown = app.filter.apply(analysis);
    ui.label(format!(
        "{} of {} findings",
        shown.len(),
        analysis.findings.len()
    ));
    ui.separator();
    let vars = app.settings.kubeconfig_vars();
    let size = ui.available_size();
    let list_width = (size.x * 0.55).max(320.0);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(egui::vec2(list_width, size.y), egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.set_width(list_width);
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            egui::ScrollArea::vertical()
                .id_salt("finding-list")
                .auto_shrink([false, false])
                .show_rows(ui, row_height, shown.len(), |ui, range| {
                    for &index in &shown[range] {
                        finding_row(ui, app, analysis, index);
                    }
                });
        });
        ui.separator();
        ui.allocate_ui_with_layout(
            egui::vec2(ui.available_width(), size.y),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                egui::ScrollArea::vertical().id_salt("detail").auto_shrink([false, false]).show(ui, |ui| {
                    match app.selected.and_then(|i| analysis.findings.get(i)) {
                        Some(finding) => finding_detail(ui, app, outcome, finding, &vars),
                        None => {
                            ui.label("Select a finding to see its help, its place in the input and its commands.");
                        }
                    }
                });
            },
        );
    });
}

/// One line of the findings list: severity, code, place and message, cut to the line.
fn finding_row(ui: &mut Ui, app: &mut App, analysis: &istio2asm_core::Analysis, index: usize) {
    let finding = &analysis.findings[index];
    let location = finding
        .span
        .and_then(|s| analysis.sources.locate(s))
        .map(|l| format!("{}:{}", short_name(&l.path), l.line))
        .unwrap_or_default();
    let selected = app.selected == Some(index);
    ui.horizontal(|ui| {
        ui.add_sized(
            [60.0, 16.0],
            egui::Label::new(severity_text(finding.severity)),
        );
        let mut text = RichText::new(format!(
            "{} {}  {}",
            finding.code.as_str(),
            location,
            finding.message
        ));
        if selected {
            text = text
                .background_color(ui.visuals().selection.bg_fill)
                .color(ui.visuals().strong_text_color());
        }
        let response = ui
            .add(
                egui::Label::new(text)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .labelled_by_text(&format!(
                "finding {} {}",
                finding.code.as_str(),
                finding.message
            ));
        if response.clicked() {
            app.selected = Some(index);
        }
    });
}

fn short_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn finding_detail(
    ui: &mut Ui,
    _app: &App,
    outcome: &Outcome,
    finding: &Finding,
    vars: &KubeconfigVars,
) {
    let analysis = &outcome.analysis;
    ui.horizontal(|ui| {
        ui.label(severity_text(finding.severity));
        ui.heading(format!("{} {}", finding.code.as_str(), finding.code.name()));
    });
    ui.label(&finding.message);
    if let Some(object) = &finding.object {
        ui.label(format!(
            "{} {}{} ({})",
            object.kind,
            object
                .namespace
                .as_deref()
                .map(|n| format!("{n}/"))
                .unwrap_or_default(),
            object.name,
            object.api_version
        ));
    }
    ui.add_space(6.0);
    ui.label(RichText::new("How to fix").strong());
    ui.label(finding.help_text());
    if !finding.commands.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Commands").strong());
        commands(ui, &finding.commands, vars, finding.code.as_str());
    }
    if let Some(span) = finding.span {
        if let (Some(location), Some(file)) = (
            analysis.sources.locate(span),
            analysis.sources.file(span.file),
        ) {
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!(
                    "{}:{}:{}",
                    location.path, location.line, location.column
                ))
                .strong(),
            );
            // Values that could be secret read <hidden> (see istio2asm_core::excerpt).
            let shown = excerpt(file, location.line, 2, 14);
            let numbered: Vec<String> = shown
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| format!("{:>5} {line}", shown.first + i))
                .collect();
            ui.add(egui::Label::new(RichText::new(numbered.join("\n")).monospace()).wrap());
        }
    }
    ui.add_space(6.0);
    ui.collapsing("Documentation", |ui| {
        let doc = finding.code.doc();
        for (heading, body) in &doc.sections {
            ui.label(RichText::new(heading).strong());
            ui.label(body);
        }
    });
}

/// Workloads: a sortable, filterable table; rows are laid out only when visible.
pub fn workloads(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
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

/// Plan: the settings form, then phases and steps with their commands and files.
pub fn plan(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let now = ui.input(|i| i.time);
    egui::CollapsingHeader::new("Settings")
        .default_open(true)
        .show(ui, |ui| {
            let before = app.form.clone();
            egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
                let rows: [(&str, &mut String); 6] = [
                    ("ASM version", &mut app.form.asm_version),
                    ("Cluster kubeconfig variable", &mut app.form.cluster_var),
                    ("ASM kubeconfig variable", &mut app.form.asm_var),
                    ("ASM label (key=value)", &mut app.form.asm_label),
                    ("Egress weights (ASM share)", &mut app.form.egress_weights),
                    ("ASM egress gateway host", &mut app.form.asm_egress_host),
                ];
                for (label, value) in rows {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label("Wave size");
                ui.add(egui::DragValue::new(&mut app.form.wave_size).range(1..=500))
                    .labelled_by(label.id);
                ui.end_row();
            });
            let force_before = app.force;
            ui.checkbox(
                &mut app.force,
                "Emit switches even when their gates fail (--force)",
            );
            if app.force != force_before {
                app.reanalyse(now);
            }
            if app.form != before {
                app.apply_form(now);
            }
            if let Some(error) = &app.form_error {
                ui.label(RichText::new(format!("Not applied: {error}")).color(RED));
            }
        });
    let vars = app.settings.kubeconfig_vars();
    let plan = &outcome.plan;
    if plan.assumed {
        ui.label(
            RichText::new("No ASMMigrateFromIstio in the input: the plan assumes Init.")
                .color(AMBER),
        );
    }
    if !plan.forced.is_empty() {
        ui.label(
            RichText::new(format!("Gates overridden (Force): {}", ids(&plan.forced))).color(RED),
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
                            verdict_label(ui, gate.verdict);
                            ui.label(&gate.detail);
                        });
                    }
                    for step in &phase.steps {
                        step_ui(ui, step, &vars);
                    }
                });
            }
        });
}

fn step_ui(ui: &mut Ui, step: &Step, vars: &KubeconfigVars) {
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
                        ids(&step.blocked_by)
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
            commands(ui, &step.commands, vars, &step.id);
            for verify in &step.verify {
                ui.label(RichText::new(format!("Verify (expect: {})", verify.expect)).strong());
                command_row(
                    ui,
                    &verify.command.render(vars),
                    &format!("{} verify", step.id),
                );
            }
            if !step.rollback.is_empty() {
                ui.label(RichText::new("Rollback").strong());
                commands(ui, &step.rollback, vars, &format!("{} rollback", step.id));
            }
            for file in &step.files {
                egui::CollapsingHeader::new(format!(
                    "{} ({})",
                    file.name,
                    human_size(file.content.len())
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

/// Every file of the export: the three runbooks, then the YAML files.
pub fn export_files(outcome: &Outcome) -> Vec<(String, String)> {
    render::files(&outcome.plan)
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect()
}

/// A gate's verdict as a coloured word: core decides it, the view only colours it.
fn verdict_label(ui: &mut Ui, verdict: Verdict) {
    let color = match verdict {
        Verdict::Pass => GREEN,
        Verdict::Fail => RED,
        Verdict::Manual | Verdict::Warn => AMBER,
    };
    ui.label(RichText::new(verdict.as_str()).color(color).strong());
}

/// Gate ids as shown: `a, b`.
fn ids(gates: &[GateId]) -> String {
    gates
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Export: save each file (a download on the web), or all into a folder (native).
pub fn export(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let files = export_files(outcome);
    ui.label("The runbooks and YAML files, exactly as `istio2asm plan --out DIR` writes them.");
    #[cfg(not(target_arch = "wasm32"))]
    if ui.button("Save all into a folder…").clicked() {
        if let Some(dir) = rfd::FileDialog::new().pick_folder() {
            app.status = crate::files::write_all(&dir, &files);
        }
    }
    ui.add_space(6.0);
    egui::Grid::new("export").striped(true).show(ui, |ui| {
        for (name, content) in &files {
            ui.monospace(name);
            ui.label(human_size(content.len()));
            if ui
                .button("Save…")
                .labelled_by_text(&format!("Save {name}"))
                .clicked()
            {
                crate::files::save_one(app, name, content);
            }
            if ui
                .button("Copy")
                .labelled_by_text(&format!("Copy {name}"))
                .clicked()
            {
                ui.ctx().copy_text(content.clone());
            }
            ui.end_row();
        }
    });
}

/// Inputs: what was read, and the ways to load more.
pub fn inputs(ui: &mut Ui, app: &mut App, outcome: &Outcome) {
    let now = ui.input(|i| i.time);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Open files…").clicked() {
            crate::files::pick(app, Slot::Cluster, ui.ctx());
        }
        if ui
            .button("Open ASM export…")
            .on_hover_text(
                "Istio API objects exported from the ASM control plane: proves the import gate",
            )
            .clicked()
        {
            crate::files::pick(app, Slot::Asm, ui.ctx());
        }
        if ui.button("Load the demo").clicked() {
            app.load_demo(now);
        }
        if ui.button("Clear").clicked() {
            app.load(Slot::Cluster, Vec::new(), now);
            app.asm_inputs.clear();
        }
    });
    ui.label("Or drop files onto this window, or paste YAML below. Nothing leaves this machine; Secrets are dropped unread.");
    ui.add_space(6.0);
    let analysis = &outcome.analysis;
    let bundle = &analysis.bundle;
    ui.label(
        RichText::new(format!(
            "{} file(s), {} objects, {} Secret(s) dropped",
            analysis.sources.files().len(),
            bundle.object_count(),
            bundle.secrets_dropped
        ))
        .strong(),
    );
    egui::Grid::new("files").striped(true).show(ui, |ui| {
        for file in analysis.sources.files() {
            ui.monospace(file.name());
            ui.label(human_size(file.text().len()));
            ui.end_row();
        }
    });
    ui.collapsing(format!("Kinds ({})", bundle.kinds.len()), |ui| {
        egui::Grid::new("kinds").striped(true).show(ui, |ui| {
            for (kind, count) in &bundle.kinds {
                ui.label(kind);
                ui.label(count.to_string());
                ui.end_row();
            }
        });
    });
    ui.add_space(6.0);
    let label = ui.label("Paste YAML or JSON");
    ui.add(
        egui::TextEdit::multiline(&mut app.paste)
            .code_editor()
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        if ui.button("Analyse the pasted text").clicked() && !app.paste.trim().is_empty() {
            let text = std::mem::take(&mut app.paste);
            app.add(Slot::Cluster, vec![Input::new("<pasted>", text)], now);
        }
    });
}
