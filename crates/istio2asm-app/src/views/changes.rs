//! What changed since the export loaded before this one: the same comparison as
//! `istio2asm check --baseline` (core's `changes`), shown on the Overview.

use egui::{RichText, Ui};
use istio2asm_core::changes::Changes;
use istio2asm_core::i18n::Lang;
use istio2asm_core::t;

/// The changes, as a collapsible section that starts open.
pub fn show(ui: &mut Ui, changes: &Changes, lang: Lang) {
    egui::CollapsingHeader::new(RichText::new(t!(lang, "app-changes-heading")).heading())
        .id_salt("changes")
        .default_open(true)
        .show(ui, |ui| {
            if changes.is_empty() {
                ui.label(t!(lang, "app-changes-none"));
                return;
            }
            // The same lines as the CLI's block, without its heading (the section has one).
            for line in changes.text("", lang).lines().skip(1) {
                ui.label(line.trim_start());
            }
        });
}
