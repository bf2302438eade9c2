//! Pieces every tab draws with: colours, severities, commands with a copy button, labelled
//! fields and drop-downs.

use egui::{Color32, RichText, Ui};
use istio2asm_core::codes::Severity;
use istio2asm_core::gate::Verdict;
use istio2asm_core::inject::Sidecar;
use istio2asm_core::kubectl::{Command, KubeconfigVars};
use istio2asm_core::phase::Gate;
use istio2asm_core::preview::{Preview, Side};

/// Errors, failed gates, blocked steps.
pub(crate) const RED: Color32 = Color32::from_rgb(220, 60, 60);
/// Warnings, manual gates, Istio proxies.
pub(crate) const AMBER: Color32 = Color32::from_rgb(210, 150, 20);
/// Passed gates, states done, ASM proxies.
pub(crate) const GREEN: Color32 = Color32::from_rgb(60, 170, 90);
/// Infos and the current state.
pub(crate) const BLUE: Color32 = Color32::from_rgb(80, 150, 220);

/// A severity in its colour.
pub(crate) fn severity_text(severity: Severity) -> RichText {
    let color = match severity {
        Severity::Error => RED,
        Severity::Warning => AMBER,
        Severity::Info => BLUE,
    };
    RichText::new(severity.as_str()).color(color).strong()
}

/// A gate's verdict in one word and its colour, the same on the Overview and the Plan tabs.
pub(crate) fn gate_verdict(gate: &Gate) -> RichText {
    // Core decides the verdict; the view only colours it.
    let color = match gate.verdict {
        Verdict::Pass => GREEN,
        Verdict::Fail => RED,
        Verdict::Manual | Verdict::Warn => AMBER,
    };
    RichText::new(gate.verdict.as_str()).color(color).strong()
}

/// The sidecar a restart gives, in its colour: ASM's green, Istio's the text's own, none red
/// (a restart drops the proxy), unknown amber. The same on the Workloads table and its panel.
pub(crate) fn sidecar_text(ui: &Ui, sidecar: &Sidecar) -> RichText {
    let color = match sidecar {
        Sidecar::Asm => GREEN,
        Sidecar::Istio(_) => ui.visuals().text_color(),
        Sidecar::None => RED,
        Sidecar::Unknown => AMBER,
    };
    RichText::new(sidecar.label()).color(color)
}

/// A command in monospace with a copy button that puts exactly its text on the clipboard.
pub(crate) fn command_row(ui: &mut Ui, text: &str, id: &str) {
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
pub(crate) trait Labelled {
    fn labelled_by_text(self, text: &str) -> Self;
}

impl Labelled for egui::Response {
    fn labelled_by_text(self, text: &str) -> Self {
        let label = text.to_string();
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        self
    }
}

/// Each command as a row with its copy button, named `{id} command {n}` for tests and screen readers.
pub(crate) fn commands(ui: &mut Ui, commands: &[Command], vars: &KubeconfigVars, id: &str) {
    for (index, command) in commands.iter().enumerate() {
        command_row(
            ui,
            &command.render(vars),
            &format!("{id} command {}", index + 1),
        );
    }
}

/// A labelled single-line text field.
pub(crate) fn field(ui: &mut Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}

/// A labelled drop-down of the distinct `options` (sorted), with "all" as the empty choice.
pub(crate) fn choice<'a>(
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

/// What the step's commands change, under them: each object, then its values before (red) and
/// after (green), the lines core writes for the runbooks.
pub(crate) fn preview_ui(ui: &mut Ui, previews: &[Preview]) {
    if previews.is_empty() {
        return;
    }
    ui.label(RichText::new("What it changes (computed offline from the export)").strong());
    for preview in previews {
        ui.label(RichText::new(preview.object.title()).monospace().strong());
        let lines = preview.diff_lines();
        if lines.is_empty() {
            ui.label(RichText::new("(no change)").monospace());
        }
        for line in lines {
            let color = match line.side {
                Side::Before => RED,
                Side::After => GREEN,
            };
            ui.add(egui::Label::new(RichText::new(line.line()).monospace().color(color)).wrap());
        }
    }
}
