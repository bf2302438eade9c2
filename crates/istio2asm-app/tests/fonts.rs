//! The Chinese font: it draws every character of the zh-CN texts that egui's default fonts do not,
//! covers GB2312's level-1 hanzi, and the app installs it in whatever context it runs in (eframe's,
//! the web runner's, a test harness's).
//!
//! The character maps are read through egui's own font loading (`Fonts::characters`), so a
//! character counts as covered exactly when egui would find a glyph for it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use egui::epaint::text::{FontDefinitions, FontFamily, FontId, Fonts, TextOptions};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use istio2asm_app::fonts::{self, CJK_FONT_NAME};
use istio2asm_app::App;

const FAMILIES: [FontFamily; 2] = [FontFamily::Proportional, FontFamily::Monospace];

/// Each character the fonts of `family` draw, with the names of the fonts that have it.
fn characters(definitions: FontDefinitions, family: &FontFamily) -> BTreeMap<char, Vec<String>> {
    let mut fonts = Fonts::new(TextOptions::default(), definitions);
    fonts.with_pixels_per_point(1.0).characters(family).clone()
}

/// The characters of the embedded font alone.
fn cjk_characters() -> BTreeSet<char> {
    characters(fonts::definitions(), &FontFamily::Proportional)
        .into_iter()
        .filter(|(_, names)| names.iter().any(|name| name == CJK_FONT_NAME))
        .map(|(c, _)| c)
        .collect()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of `dir` (and below it, if `recursive`) whose names end with `suffix`; none if `dir`
/// does not exist.
fn files(dir: &Path, suffix: &str, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            if recursive {
                files(&path, suffix, true, out);
            }
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
}

/// The zh-CN texts the app may show: the catalogs, the checks' pages and the docs.
fn zh_cn_texts() -> Vec<PathBuf> {
    let root = workspace();
    let mut out = Vec::new();
    files(
        &root.join("crates/istio2asm-core/locales/zh-CN"),
        ".ftl",
        true,
        &mut out,
    );
    files(
        &root.join("crates/istio2asm-core/src/checks/zh-CN"),
        ".md",
        false,
        &mut out,
    );
    files(&root.join("docs"), ".zh-CN.md", false, &mut out);
    out.sort();
    out
}

#[test]
fn every_character_of_the_zh_cn_texts_has_a_glyph() {
    let texts = zh_cn_texts();
    assert!(
        !texts.is_empty(),
        "no zh-CN texts found under {}",
        workspace().display()
    );
    // Each missing character, with the first file that has it.
    let mut missing: BTreeMap<char, (PathBuf, Vec<&FontFamily>)> = BTreeMap::new();
    for family in &FAMILIES {
        let covered = characters(fonts::definitions(), family);
        for path in &texts {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for c in text
                .chars()
                .filter(|c| !c.is_ascii() && !covered.contains_key(c))
            {
                let entry = missing
                    .entry(c)
                    .or_insert_with(|| (path.clone(), Vec::new()));
                if !entry.1.contains(&family) {
                    entry.1.push(family);
                }
            }
        }
    }
    let list: Vec<String> = missing
        .iter()
        .map(|(c, (path, families))| {
            format!(
                "  U+{:04X} {c} (in {}; families {families:?})",
                u32::from(*c),
                path.strip_prefix(workspace()).unwrap_or(path).display()
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "neither egui's default fonts nor {CJK_FONT_NAME} draw these characters of the zh-CN \
         texts; run scripts/subset-font.sh and commit the font:\n{}",
        list.join("\n")
    );
}

#[test]
fn the_font_covers_gb2312_level_1_and_cjk_punctuation() {
    let cjk = cjk_characters();
    let ideographs = cjk
        .iter()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(*c))
        .count();
    assert!(
        ideographs >= 3755,
        "{CJK_FONT_NAME} has {ideographs} CJK unified ideographs, fewer than GB2312's 3755 level-1 \
         hanzi; run scripts/subset-font.sh"
    );
    // GB2312 level 1's first and last hanzi (0xB0A1 and 0xD7F9), a few common ones, CJK
    // punctuation (U+3000–303F), fullwidth forms (U+FF00–FFEF) and GB2312 symbols.
    let expected = "啊座的是迁移状态网格、。「」【】《》（），：；！？％＋０９ＡＺａｚ“”…—×÷→≤≥①";
    let absent: String = expected.chars().filter(|c| !cjk.contains(c)).collect();
    assert!(
        absent.is_empty(),
        "{CJK_FONT_NAME} lacks {absent:?}; run scripts/subset-font.sh"
    );
}

#[test]
fn egui_default_fonts_alone_draw_no_chinese() {
    // Without this, the other tests here would pass whatever the app installs.
    for family in &FAMILIES {
        let defaults = characters(FontDefinitions::default(), family);
        assert!(
            !"迁移状态".chars().any(|c| defaults.contains_key(&c)),
            "egui's default fonts now draw Chinese ({family:?}); is the embedded font still needed?"
        );
    }
}

#[test]
fn the_font_is_the_last_fallback_of_both_families() {
    let definitions = fonts::definitions();
    let defaults = FontDefinitions::default();
    for family in &FAMILIES {
        let mut expected = defaults.families[family].clone();
        expected.push(CJK_FONT_NAME.to_owned());
        assert_eq!(definitions.families[family], expected, "{family:?}");
    }
}

#[test]
fn the_app_draws_chinese_in_a_test_harness() {
    // egui_kittest panics on any character no font has (MissingGlyphPolicy::Panic), so laying
    // out this label proves the app installed the font in the harness's context.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut App| {
                app.ui_contents(ui);
                ui.label("迁移状态");
            },
            App::default(),
        );
    harness.run();
    harness.get_by_label("迁移状态");
    for family in FAMILIES {
        let font = FontId::new(14.0, family.clone());
        assert!(
            harness.ctx.fonts_mut(|f| f.has_glyphs(&font, "迁移状态")),
            "{family:?}"
        );
    }
}

#[test]
fn without_the_app_a_harness_has_no_chinese_glyphs() {
    // The control for the test above: a bare harness draws boxes for the same label.
    let mut harness = Harness::builder().allow_missing_glyphs().build_ui(|ui| {
        ui.label("迁移状态");
    });
    harness.run();
    let font = FontId::proportional(14.0);
    assert!(!harness.ctx.fonts_mut(|f| f.has_glyphs(&font, "迁移状态")));
}
