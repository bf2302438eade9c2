//! Pieces every tab draws with: colours, severities, commands with a copy button, labelled
//! fields and drop-downs. Those with words take the tab's language (`Outcome::lang`).

use egui::{Color32, RichText, Ui};
use istio2asm_core::codes::Severity;
use istio2asm_core::gate::Verdict;
use istio2asm_core::i18n::Lang;
use istio2asm_core::inject::Sidecar;
use istio2asm_core::kubectl::{Command, KubeconfigVars};
use istio2asm_core::phase::Gate;
use istio2asm_core::preview::{Preview, Side};
use istio2asm_core::t;

/// Errors, failed gates, blocked steps.
pub(crate) const RED: Color32 = Color32::from_rgb(220, 60, 60);
/// Warnings, manual gates, Istio proxies.
pub(crate) const AMBER: Color32 = Color32::from_rgb(210, 150, 20);
/// Passed gates, states done, ASM proxies.
pub(crate) const GREEN: Color32 = Color32::from_rgb(60, 170, 90);
/// Infos and the current state.
pub(crate) const BLUE: Color32 = Color32::from_rgb(80, 150, 220);

/// A severity in its word and colour.
pub(crate) fn severity_text(severity: Severity, lang: Lang) -> RichText {
    let (word, color) = match severity {
        Severity::Error => (t!(lang, "app-severity-error"), RED),
        Severity::Warning => (t!(lang, "app-severity-warning"), AMBER),
        Severity::Info => (t!(lang, "app-severity-info"), BLUE),
    };
    RichText::new(word).color(color).strong()
}

/// A gate's verdict in one word and its colour, the same on the Overview and the Plan tabs.
pub(crate) fn gate_verdict(gate: &Gate, lang: Lang) -> RichText {
    // Core decides the verdict; the view only words and colours it.
    let (word, color) = match gate.verdict {
        Verdict::Pass => (t!(lang, "app-verdict-pass"), GREEN),
        Verdict::Fail => (t!(lang, "app-verdict-fail"), RED),
        Verdict::Manual => (t!(lang, "app-verdict-manual"), AMBER),
        Verdict::Warn => (t!(lang, "app-verdict-warn"), AMBER),
    };
    RichText::new(word).color(color).strong()
}

/// The sidecar a restart gives, in its colour: ASM's green, Istio's the text's own, none red
/// (a restart drops the proxy), unknown amber. The same on the Workloads table and its panel.
pub(crate) fn sidecar_text(ui: &Ui, sidecar: &Sidecar, lang: Lang) -> RichText {
    let color = match sidecar {
        Sidecar::Asm => GREEN,
        Sidecar::Istio(_) => ui.visuals().text_color(),
        Sidecar::None => RED,
        Sidecar::Unknown => AMBER,
    };
    RichText::new(sidecar.label(lang)).color(color)
}

/// A command in monospace with a copy button that puts exactly its text on the clipboard. `id`
/// names the command in the button's accessible name (`Copy {id}`).
pub(crate) fn command_row(ui: &mut Ui, text: &str, id: &str, lang: Lang) {
    ui.horizontal(|ui| {
        if ui
            .button(t!(lang, "app-copy"))
            .on_hover_text(t!(lang, "app-copy-hover"))
            .labelled_by_text(&t!(lang, "app-copy-named", name = id))
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
pub(crate) fn commands(
    ui: &mut Ui,
    commands: &[Command],
    vars: &KubeconfigVars,
    id: &str,
    lang: Lang,
) {
    for (index, command) in commands.iter().enumerate() {
        command_row(
            ui,
            &command.render(vars),
            &t!(lang, "app-command-numbered", id = id, number = index + 1),
            lang,
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
    lang: Lang,
) {
    let mut options: Vec<&str> = options.collect();
    options.sort_unstable();
    options.dedup();
    let label = ui.label(label);
    let all = t!(lang, "app-choice-all");
    let shown = if value.is_empty() {
        all.clone()
    } else {
        value.clone()
    };
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, String::new(), all);
            for option in options {
                ui.selectable_value(value, option.to_string(), option);
            }
        })
        .response
        .labelled_by(label.id);
}

/// What the step's commands change, under them: each object, then its values before (red) and
/// after (green), the lines core writes for the runbooks.
pub(crate) fn preview_ui(ui: &mut Ui, previews: &[Preview], lang: Lang) {
    if previews.is_empty() {
        return;
    }
    ui.label(RichText::new(t!(lang, "app-preview-heading")).strong());
    for preview in previews {
        ui.label(RichText::new(preview.object.title()).monospace().strong());
        let lines = preview.diff_lines();
        if lines.is_empty() {
            ui.label(RichText::new(t!(lang, "app-preview-no-change")).monospace());
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
