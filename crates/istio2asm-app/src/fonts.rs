//! The fonts: egui's defaults, then Noto Sans SC for Chinese.
//!
//! egui's default fonts draw Latin, Greek and Cyrillic only, and the web build has no system fonts
//! to fall back on, so the app embeds a subset of Noto Sans SC (GB2312's level-1 hanzi, CJK
//! punctuation, the fullwidth forms and every character of the zh-CN texts) as the last fallback
//! of both families. `assets/fonts/README.md` says where it comes from and how to regenerate it
//! (`scripts/subset-font.sh`).

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The font's name in [`FontDefinitions::font_data`].
pub const CJK_FONT_NAME: &str = "NotoSansSC-subset";

/// The font file (OpenType, CFF outlines; OFL 1.1, `assets/fonts/OFL.txt`).
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-subset.otf");

/// egui's default fonts with the Chinese font appended to the `Proportional` and `Monospace`
/// families, so it only draws what the default fonts lack.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// Installs [`definitions`] in `ctx`. Before any text of a pass is laid out (the app calls it
/// first thing in its first frame) the fonts apply at once; otherwise from the next pass.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
