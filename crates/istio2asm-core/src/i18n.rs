//! The two languages every user-facing text comes in, English and Simplified Chinese, and the
//! message catalogs they are read from.
//!
//! The catalogs are [Fluent](https://projectfluent.org/) files, `locales/<lang>/<concern>.ftl`,
//! embedded at build time and parsed once per language on first use. Fluent rather than a
//! hand-written table: translators get one file per concern with variables, plural selection and
//! comments, and a missing or mistyped message is a parse or lookup error the tests see
//! (`tests/i18n.rs`: the same messages, attributes and variables in both languages; every id the
//! code names exists). The terms follow `locales/GLOSSARY.md`.
//!
//! Core reads no environment: callers choose the language ([`Lang::from_locale`] reads a POSIX
//! locale string the CLI takes from `LC_ALL`/`LC_MESSAGES`/`LANG`, or a browser's
//! `navigator.language`).

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language of the output.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Lang {
    /// English, the default.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag: `en`, `zh-CN`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for a language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// A tag as a user types it: `en`, `zh-CN`, and the usual spellings of either (`en-US`,
    /// `zh`, `zh_CN`, `zh-Hans`, any case). Traditional Chinese (`zh-TW`, `zh-Hant`, ...) is
    /// not Simplified Chinese and is refused, like any other language.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => match parts.next() {
                None | Some("cn" | "sg" | "hans") => Some(Lang::ZhCn),
                Some(_) => None,
            },
            _ => None,
        }
    }

    /// The language of a POSIX locale (`zh_CN.UTF-8`, `en_US`, `C`), or of a browser's
    /// `navigator.language`: the encoding and modifier are dropped; `C` and `POSIX` are English;
    /// anything else unknown is `None` (the caller then takes the default).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let tag = locale.split(['.', '@']).next().unwrap_or_default();
        match tag {
            "C" | "POSIX" => Some(Lang::En),
            _ => Lang::parse(tag),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

macro_rules! catalog {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../locales/en/", $name, ".ftl")),
            include_str!(concat!("../locales/zh-CN/", $name, ".ftl")),
        )
    };
}

/// The catalog files, each as (concern, English, Chinese). One file per concern, named like the
/// module whose texts it holds; every file exists in both languages.
pub const CATALOG: &[(&str, &str, &str)] = &[
    catalog!("common"),
    catalog!("load"),
    catalog!("model"),
    catalog!("detect"),
    catalog!("inject"),
    catalog!("checks"),
    catalog!("clusters"),
    catalog!("gates"),
    catalog!("phase"),
    catalog!("plan"),
    catalog!("render"),
    catalog!("report"),
    catalog!("progress"),
    catalog!("changes"),
    catalog!("settings"),
    catalog!("cli"),
    catalog!("app"),
    catalog!("views"),
    catalog!("js"),
];

/// A value for a message's variable: text as it is, or a number (which plural selection reads).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Str(Cow<'a, str>),
    /// A count; inserted as its decimal digits.
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(usize, u32, u64, i32, i64, u16, u8);

/// The text of message `id` in `lang` with its variables. Never fails: a message missing from the
/// catalog comes out as its id in braces (and fails `tests/i18n.rs` long before a user sees it).
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        debug_assert!(false, "no message `{id}` in the {lang} catalog");
        return format!("{{{id}}}");
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Str(s) => FluentValue::from(s.as_ref()),
            Arg::Num(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message `{id}` in {lang}: {errors:?}");
    out.into_owned()
}

/// `t!(lang, "message-id", name = value, ...)`: [`text`] with its variables named like Rust
/// identifiers (`snake_case` in the catalog too).
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
}

/// The bundle of one language, built on first use.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let index = match lang {
        Lang::En => 0,
        Lang::ZhCn => 1,
    };
    BUNDLES[index].get_or_init(|| build(lang))
}

/// Parses and adds every catalog file of `lang`. A broken file keeps what parsed (the tests
/// refuse any error).
pub fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::En => unic_langid::langid!("en"),
        Lang::ZhCn => unic_langid::langid!("zh-CN"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Commands, names and paths are inserted as they are: no Unicode isolation marks around them.
    bundle.set_use_isolating(false);
    for (_, en, zh) in CATALOG {
        let source = match lang {
            Lang::En => *en,
            Lang::ZhCn => *zh,
        };
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        // Overriding keeps the first definition of a duplicated id; the tests refuse duplicates.
        bundle.add_resource_overriding(resource);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_locales() {
        for (tag, lang) in [
            ("en", Some(Lang::En)),
            ("en-US", Some(Lang::En)),
            ("EN_gb", Some(Lang::En)),
            ("zh-CN", Some(Lang::ZhCn)),
            ("zh_CN", Some(Lang::ZhCn)),
            ("zh", Some(Lang::ZhCn)),
            ("zh-Hans", Some(Lang::ZhCn)),
            ("zh-SG", Some(Lang::ZhCn)),
            ("zh-TW", None),
            ("zh-Hant", None),
            ("fr", None),
            ("", None),
        ] {
            assert_eq!(Lang::parse(tag), lang, "{tag}");
        }
        for (locale, lang) in [
            ("zh_CN.UTF-8", Some(Lang::ZhCn)),
            ("zh_CN.GB18030", Some(Lang::ZhCn)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("de_DE@euro", None),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }
}
