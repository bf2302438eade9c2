//! The native app: `istio2asm-app` opens with the demo cluster loaded, in the language of the
//! system's locale until the user picks one.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("istio2asm")
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let system = locale_lang(|name| std::env::var(name).ok());
    eframe::run_native(
        "istio2asm",
        options,
        Box::new(move |cc| {
            Ok(Box::new(istio2asm_app::App::from_storage(
                cc.storage, system,
            )))
        }),
    )
}

/// The language of the locale, as POSIX reads it for messages: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty. `None` when none is, or it names a
/// language the app does not have.
#[cfg(not(target_arch = "wasm32"))]
fn locale_lang(var: impl Fn(&str) -> Option<String>) -> Option<istio2asm_core::i18n::Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .and_then(|locale| istio2asm_core::i18n::Lang::from_locale(&locale))
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::locale_lang;
    use istio2asm_core::i18n::Lang;

    fn lang_of(vars: &[(&str, &str)]) -> Option<Lang> {
        locale_lang(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_first_locale_variable_set_and_not_empty_decides() {
        assert_eq!(lang_of(&[("LANG", "zh_CN.UTF-8")]), Some(Lang::ZhCn));
        assert_eq!(
            lang_of(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "zh_CN.UTF-8"),
                ("LANG", "en_US.UTF-8")
            ]),
            Some(Lang::ZhCn)
        );
        assert_eq!(
            lang_of(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]),
            Some(Lang::En)
        );
        assert_eq!(lang_of(&[("LANG", "de_DE.UTF-8")]), None);
        assert_eq!(lang_of(&[]), None);
    }
}
