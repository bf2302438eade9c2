//! The Overview's pictures: the four states as a row of steps, and each namespace's pods as a
//! stacked bar by the proxy they run. Drawn with egui's painter; every text beside them is a
//! widget, so tests and screen readers read what the picture shows.

use egui::{vec2, Align2, Color32, CornerRadius, FontId, Rect, RichText, Sense, Stroke, Ui};
use istio2asm_core::i18n::Lang;
use istio2asm_core::phase::Migration;
use istio2asm_core::progress::{state_marks, NamespacePods, StateMark};
use istio2asm_core::t;

use super::widgets::{AMBER, BLUE, GREEN, RED};

/// Pods without a proxy: a mid grey, visible on the dark and the light background alike.
const GREY: Color32 = Color32::from_rgb(140, 140, 140);
/// Pods on a proxy image neither rule recognises.
const PURPLE: Color32 = Color32::from_rgb(150, 110, 200);

/// The diameter of a state's disc.
const DISC: f32 = 26.0;

/// The four states in a row, each a disc (a tick when done, its number otherwise) with its name
/// and where the migration stands at it under it, joined by lines that turn green once passed.
pub fn states(ui: &mut Ui, migration: &Migration, lang: Lang) {
    let marks = state_marks(migration);
    let mut discs: Vec<(Rect, StateMark)> = Vec::new();
    egui::Grid::new("state-steps")
        .spacing(vec2(48.0, 4.0))
        .show(ui, |ui| {
            for (index, (_, mark)) in marks.iter().enumerate() {
                let (rect, response) = ui.allocate_exact_size(vec2(DISC, DISC), Sense::hover());
                disc(ui, rect, index + 1, *mark);
                response.on_hover_text(mark_word(*mark, lang));
                discs.push((rect, *mark));
            }
            ui.end_row();
            for (state, _) in &marks {
                ui.label(RichText::new(state.as_str()).strong());
            }
            ui.end_row();
            for (state, mark) in &marks {
                let mut word = mark_word(*mark, lang);
                let desired = migration.desired == Some(*state) && migration.state != *state;
                if desired && matches!(mark, StateMark::Done | StateMark::Upcoming) {
                    word = t!(lang, "views-state-desired", mark = word);
                }
                ui.label(RichText::new(word).small().color(mark_color(ui, *mark)));
            }
            ui.end_row();
        });
    // The lines go between the discs' edges, so they never cross a disc.
    for pair in discs.windows(2) {
        let ((left, mark), (right, _)) = (pair[0], pair[1]);
        let color = if mark == StateMark::Done {
            GREEN
        } else {
            ui.visuals().weak_text_color()
        };
        ui.painter().line_segment(
            [
                left.right_center() + vec2(6.0, 0.0),
                right.left_center() - vec2(6.0, 0.0),
            ],
            Stroke::new(2.0, color),
        );
    }
}

/// One state's disc: filled in its mark's colour with a white tick (done), cross (failed) or
/// number, or, still ahead, a ring with its number in the text colour. The tick and the cross
/// are drawn, not written: the app's fonts have no such glyphs.
fn disc(ui: &Ui, rect: Rect, number: usize, mark: StateMark) {
    let painter = ui.painter();
    let center = rect.center();
    let radius = DISC / 2.0;
    let font = FontId::proportional(14.0);
    let white = Stroke::new(2.5, Color32::WHITE);
    if mark == StateMark::Upcoming {
        let color = ui.visuals().text_color();
        painter.circle_stroke(center, radius - 1.0, Stroke::new(2.0, color));
        painter.text(
            center,
            Align2::CENTER_CENTER,
            number.to_string(),
            font,
            color,
        );
        return;
    }
    painter.circle_filled(center, radius, mark_color(ui, mark));
    let at = |x: f32, y: f32| center + vec2(x, y) * radius;
    match mark {
        StateMark::Done => {
            painter.line(
                vec![at(-0.45, 0.0), at(-0.12, 0.35), at(0.45, -0.35)],
                white,
            );
        }
        StateMark::Failed => {
            painter.line_segment([at(-0.35, -0.35), at(0.35, 0.35)], white);
            painter.line_segment([at(-0.35, 0.35), at(0.35, -0.35)], white);
        }
        _ => {
            painter.text(
                center,
                Align2::CENTER_CENTER,
                number.to_string(),
                font,
                Color32::WHITE,
            );
        }
    }
}

fn mark_color(ui: &Ui, mark: StateMark) -> Color32 {
    match mark {
        StateMark::Done => GREEN,
        StateMark::Current => BLUE,
        StateMark::Switching => AMBER,
        StateMark::Failed => RED,
        StateMark::Upcoming => ui.visuals().text_color(),
    }
}

/// Where the migration stands at a state, in a word.
fn mark_word(mark: StateMark, lang: Lang) -> String {
    match mark {
        StateMark::Done => t!(lang, "views-mark-done"),
        StateMark::Current => t!(lang, "views-mark-current"),
        StateMark::Switching => t!(lang, "views-mark-switching"),
        StateMark::Failed => t!(lang, "views-mark-failed"),
        StateMark::Upcoming => t!(lang, "views-mark-upcoming"),
    }
}

/// What a pod can run, in the bars' order: from done to still to do, then what is outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Asm,
    Istio,
    IstioWithoutAgent,
    Unrecognised,
    Unmeshed,
}

impl Part {
    const ALL: [Part; 5] = [
        Part::Asm,
        Part::Istio,
        Part::IstioWithoutAgent,
        Part::Unrecognised,
        Part::Unmeshed,
    ];

    fn count(self, pods: &NamespacePods) -> usize {
        match self {
            Part::Asm => pods.asm,
            Part::Istio => pods.istio,
            Part::IstioWithoutAgent => pods.istio_without_agent,
            Part::Unrecognised => pods.unrecognised,
            Part::Unmeshed => pods.unmeshed,
        }
    }

    fn color(self) -> Color32 {
        match self {
            Part::Asm => GREEN,
            Part::Istio => BLUE,
            Part::IstioWithoutAgent => AMBER,
            Part::Unrecognised => PURPLE,
            Part::Unmeshed => GREY,
        }
    }

    /// Its name with a count, as the legend and a bar's tooltip show it.
    fn text(self, count: usize, lang: Lang) -> String {
        match self {
            Part::Asm => t!(lang, "views-pods-asm", count = count),
            Part::Istio => t!(lang, "views-pods-istio", count = count),
            Part::IstioWithoutAgent => t!(lang, "views-pods-istio-without-agent", count = count),
            Part::Unrecognised => t!(lang, "views-pods-unrecognised", count = count),
            Part::Unmeshed => t!(lang, "views-pods-unmeshed", count = count),
        }
    }
}

/// A bar's width.
const BAR_WIDTH: f32 = 400.0;
/// A bar's height.
const BAR_HEIGHT: f32 = 14.0;

/// Each namespace's live pods as a bar split by the proxy they run (each part as wide as its
/// share), with the legend and the cluster's counts above. A part with no pod anywhere (pods on
/// an unrecognised proxy, usually) is left out of the legend.
pub fn pods(ui: &mut Ui, namespaces: &[NamespacePods], lang: Lang) {
    if namespaces.is_empty() {
        ui.label(t!(lang, "views-pods-none"));
        return;
    }
    let mut all = NamespacePods::default();
    for pods in namespaces {
        all.asm += pods.asm;
        all.istio += pods.istio;
        all.istio_without_agent += pods.istio_without_agent;
        all.unrecognised += pods.unrecognised;
        all.unmeshed += pods.unmeshed;
    }
    let parts: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| *p != Part::Unrecognised || p.count(&all) > 0)
        .collect();
    ui.horizontal_wrapped(|ui| {
        for part in &parts {
            let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, CornerRadius::same(2), part.color());
            ui.label(part.text(part.count(&all), lang));
            ui.add_space(8.0);
        }
    });
    ui.add_space(4.0);
    egui::Grid::new("namespace-pods")
        .num_columns(3)
        .spacing(vec2(12.0, 6.0))
        .show(ui, |ui| {
            for pods in namespaces {
                ui.monospace(&pods.namespace);
                bar(ui, pods, &parts, lang);
                ui.label(t!(lang, "views-pods-total", count = pods.total()));
                ui.end_row();
            }
        });
}

/// One namespace's bar; hovering it lists its counts, which are also its accessible name.
fn bar(ui: &mut Ui, pods: &NamespacePods, parts: &[Part], lang: Lang) {
    // A grid cell is only as wide as its widest content so far, so the bar sets its own width.
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, BAR_HEIGHT), Sense::hover());
    let total = pods.total().max(1) as f32;
    let painter = ui.painter();
    let mut left = rect.left();
    for part in parts {
        let count = part.count(pods);
        if count == 0 {
            continue;
        }
        let right = left + rect.width() * count as f32 / total;
        let segment = Rect::from_min_max(
            egui::pos2(left, rect.top()),
            egui::pos2(right, rect.bottom()),
        );
        painter.rect_filled(segment, CornerRadius::ZERO, part.color());
        left = right;
    }
    painter.rect_stroke(
        rect,
        CornerRadius::ZERO,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Outside,
    );
    let counts: Vec<String> = parts
        .iter()
        .filter(|p| p.count(pods) > 0)
        .map(|p| p.text(p.count(pods), lang))
        .collect();
    let label = t!(
        lang,
        "views-pods-bar",
        namespace = &pods.namespace,
        counts = counts.join(&t!(lang, "views-list-separator"))
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    response.on_hover_text(counts.join("\n"));
}
