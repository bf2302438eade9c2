//! The language of the output: chosen by `--lang`, else by the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`), else English; and clap's help and errors in it.
//!
//! The language is known before clap parses anything: `--help` and clap's errors are written while
//! parsing, so the command line is scanned for `--lang` first, and the clap command is rebuilt with
//! the catalog's texts (`cli-help-…`) before it parses. In English those texts equal the doc
//! comments of `main.rs` (a test compares the two helps), and clap writes its own words around them;
//! in Chinese the headings, defaults and errors come from the catalog too.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::Command;
use istio2asm_core::i18n::Lang;
use istio2asm_core::settings::{Setting, Settings};
use istio2asm_core::t;

/// The locale variables, in POSIX's order of precedence for messages.
const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not
/// empty decides (as POSIX has it: `LC_ALL=C` means English whatever `LANG` says); a locale that
/// is neither English nor Chinese, or none, means English.
pub fn from_locale(var: impl Fn(&str) -> Option<OsString>) -> Lang {
    LOCALE_VARS
        .iter()
        .find_map(|name| var(name).filter(|value| !value.is_empty()))
        .and_then(|locale| Lang::from_locale(&locale.to_string_lossy()))
        .unwrap_or_default()
}

/// The value of `--lang` (`--lang X` or `--lang=X`) on the command line, before clap reads it;
/// `None` when it is not given (or given without a value, which clap then reports). Options end
/// at `--`.
pub fn given(args: &[OsString]) -> Option<String> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            return words.next().map(|value| value.into_owned());
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

/// The language to speak: `--lang` when given, else the locale's. A `--lang` that names neither
/// language is an error, worded in the locale's language.
pub fn choose(
    args: &[OsString],
    var: impl Fn(&str) -> Option<OsString>,
) -> Result<Lang, (Lang, String)> {
    let locale = from_locale(var);
    match given(args) {
        None => Ok(locale),
        Some(tag) => Lang::parse(&tag).ok_or_else(|| (locale, unknown(locale, &tag))),
    }
}

fn unknown(lang: Lang, tag: &str) -> String {
    t!(lang, "cli-unknown-lang", tag = format!("{tag:?}"))
}

/// `--lang`'s value parser: `en`, `zh-CN` and their usual spellings (`zh_CN`, `zh`, `en-US`).
/// [`choose`] has refused anything else already, in the user's language; this is for clap.
pub fn parse(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| unknown(Lang::En, tag))
}

/// Parses the command line with the help in `lang`; `--help` and usage errors end the process
/// here, as clap's `parse` does.
pub fn parse_args<P: clap::Parser>(args: Vec<OsString>, lang: Lang) -> P {
    let mut cmd = command(P::command(), lang);
    match cmd
        .try_get_matches_from_mut(args)
        .and_then(|matches| P::from_arg_matches(&matches))
    {
        Ok(parsed) => parsed,
        Err(error) => {
            let error = error.format(&mut cmd);
            match lang {
                Lang::En => error.exit(),
                Lang::ZhCn => error.apply::<Chinese>().exit(),
            }
        }
    }
}

/// The command with its help in `lang`: every command's `about` and every argument's help from
/// the catalog, and in Chinese clap's own words too (headings, defaults, the usage line).
pub fn command(mut cmd: Command, lang: Lang) -> Command {
    // Built first, so that the arguments clap adds (--help, --version, the help subcommand, the
    // global --lang in each subcommand) are there to be worded.
    cmd.build();
    localize(cmd, lang)
}

fn localize(mut cmd: Command, lang: Lang) -> Command {
    let name = cmd.get_name().to_string();
    if let Some(about) = about(lang, &name) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd.mut_args(|arg| {
        let id = arg.get_id().to_string();
        let mut arg = match arg_help(lang, &name, &id) {
            Some(help) => arg.help(help).long_help(None),
            None => arg,
        };
        if lang != Lang::En {
            arg = clap_words(arg, lang);
        }
        arg
    });
    if lang != Lang::En {
        cmd = cmd
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
                t!(lang, "cli-help-usage")
            ))
            .subcommand_help_heading(t!(lang, "cli-help-commands"));
    }
    cmd.mut_subcommands(|sub| localize(sub, lang))
}

/// An argument's heading, default and accepted values in `lang` rather than in clap's English.
fn clap_words(arg: clap::Arg, lang: Lang) -> clap::Arg {
    let heading = if arg.is_positional() {
        t!(lang, "cli-help-arguments")
    } else {
        t!(lang, "cli-help-options")
    };
    let mut extra = Vec::new();
    let takes_values = arg.get_action().takes_values();
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let value: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        extra.push(t!(lang, "cli-help-default", value = value.join(" ")));
    }
    if !arg.is_hide_possible_values_set() {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            extra.push(t!(
                lang,
                "cli-help-possible-values",
                values = values.join(", ")
            ));
        }
    }
    let mut arg = arg.help_heading(heading);
    if !extra.is_empty() {
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        arg = arg
            .help(format!("{help} {}", extra.join(" ")))
            .hide_default_value(true)
            .hide_possible_values(true);
    }
    arg
}

/// A command's one line of help, by its name (the help subcommand repeats the others' names).
fn about(lang: Lang, command: &str) -> Option<String> {
    Some(match command {
        "istio2asm" => t!(lang, "cli-help-about"),
        "check" => t!(lang, "cli-help-check"),
        "plan" => t!(lang, "cli-help-plan"),
        "collect" => t!(lang, "cli-help-collect"),
        "explain" => t!(lang, "cli-help-explain"),
        "inject" => t!(lang, "cli-help-inject"),
        "demo" => t!(lang, "cli-help-demo-command"),
        "help" => t!(lang, "cli-help-help-command"),
        _ => return None,
    })
}

/// An argument's help, by its command and id (the settings' flags are named by their keys).
fn arg_help(lang: Lang, command: &str, id: &str) -> Option<String> {
    if let Some(setting) = Setting::ALL.into_iter().find(|s| s.key() == id) {
        return Some(setting_help(lang, setting));
    }
    Some(match (command, id) {
        (_, "lang") => t!(lang, "cli-help-lang"),
        (_, "inputs") => t!(lang, "cli-help-inputs"),
        (_, "demo") => t!(lang, "cli-help-demo"),
        (_, "asm_config") => t!(lang, "cli-help-asm-config"),
        (_, "clusters") => t!(lang, "cli-help-cluster"),
        ("plan", "format") => t!(lang, "cli-help-plan-format"),
        ("collect", "format") => t!(lang, "cli-help-collect-format"),
        (_, "format") => t!(lang, "cli-help-output-format"),
        (_, "fail_on") => t!(lang, "cli-help-fail-on"),
        (_, "color") => t!(lang, "cli-help-color"),
        (_, "out") => t!(lang, "cli-help-out"),
        (_, "overwrite") => t!(lang, "cli-help-overwrite"),
        (_, "force") => t!(lang, "cli-help-force"),
        (_, "write") => t!(lang, "cli-help-write"),
        (_, "code") => t!(lang, "cli-help-code"),
        (_, "all") => t!(lang, "cli-help-all"),
        (_, "words") => t!(lang, "cli-help-inject-words"),
        (_, "baseline") => t!(lang, "cli-help-baseline"),
        ("help", "subcommand") => t!(lang, "cli-help-help-subcommands"),
        (_, "help") => t!(lang, "cli-help-help"),
        (_, "version") => t!(lang, "cli-help-version"),
        _ => return None,
    })
}

/// A setting flag's help: what the setting is (core's words, without the full stop), and core's
/// default.
pub fn setting_help(lang: Lang, setting: Setting) -> String {
    let about = setting.about(lang);
    let about = about.trim_end_matches(['.', '。']);
    let default = Settings::default().text(setting);
    if default.is_empty() {
        about.to_string()
    } else {
        format!("{about} {}", t!(lang, "cli-help-default", value = default))
    }
}

/// clap's errors in Chinese: the same parts as clap's own (the error, tips, the usage line, where
/// to read more), worded from the catalog. An error of a kind not worded here keeps clap's text.
#[derive(Debug)]
struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let lang = Lang::ZhCn;
        let strings = |kind| match error.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => Vec::new(),
        };
        let string = |kind| strings(kind).join(" ");
        let quoted = |s: String| format!("'{s}'");
        let arg = quoted(string(ContextKind::InvalidArg));
        let value = string(ContextKind::InvalidValue);
        let message = match error.kind() {
            ErrorKind::InvalidValue if value.is_empty() => {
                t!(lang, "cli-clap-value-required", arg = arg)
            }
            ErrorKind::InvalidValue => {
                let mut message = t!(
                    lang,
                    "cli-clap-invalid-value",
                    value = quoted(value),
                    arg = arg
                );
                let valid = strings(ContextKind::ValidValue);
                if !valid.is_empty() {
                    message.push_str("\n  ");
                    message.push_str(&t!(
                        lang,
                        "cli-help-possible-values",
                        values = valid.join(", ")
                    ));
                }
                message
            }
            ErrorKind::ValueValidation => t!(
                lang,
                "cli-clap-value-validation",
                value = quoted(value),
                arg = arg,
                reason = std::error::Error::source(error)
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
            ErrorKind::UnknownArgument => t!(lang, "cli-clap-unknown-argument", arg = arg),
            ErrorKind::InvalidSubcommand => t!(
                lang,
                "cli-clap-unknown-subcommand",
                command = quoted(string(ContextKind::InvalidSubcommand))
            ),
            ErrorKind::ArgumentConflict => {
                let prior = strings(ContextKind::PriorArg);
                if prior == strings(ContextKind::InvalidArg) {
                    t!(lang, "cli-clap-repeated", arg = arg)
                } else {
                    let other: Vec<String> = prior.into_iter().map(quoted).collect();
                    let other = other.join(&t!(lang, "list-separator"));
                    t!(lang, "cli-clap-conflict", arg = arg, other = other)
                }
            }
            ErrorKind::MissingRequiredArgument => {
                let mut message = t!(lang, "cli-clap-missing");
                for missing in strings(ContextKind::InvalidArg) {
                    message.push_str(&format!("\n  {missing}"));
                }
                message
            }
            ErrorKind::TooManyValues => {
                t!(
                    lang,
                    "cli-clap-too-many-values",
                    value = quoted(value),
                    arg = arg
                )
            }
            ErrorKind::MissingSubcommand => {
                let mut message = t!(
                    lang,
                    "cli-clap-missing-subcommand",
                    command = quoted(string(ContextKind::InvalidSubcommand))
                );
                let valid = strings(ContextKind::ValidSubcommand);
                if !valid.is_empty() {
                    message.push_str("\n  ");
                    message.push_str(&t!(
                        lang,
                        "cli-clap-subcommands",
                        commands = valid.join(", ")
                    ));
                }
                message
            }
            _ => error.kind().to_string(),
        };
        let mut out = t!(lang, "cli-clap-error", message = message);
        let mut tips = Vec::new();
        for (kind, similar) in [
            (ContextKind::SuggestedSubcommand, "subcommand"),
            (ContextKind::SuggestedArg, "argument"),
            (ContextKind::SuggestedValue, "value"),
        ] {
            let names = strings(kind);
            if names.is_empty() {
                continue;
            }
            let similar_to = names
                .into_iter()
                .map(quoted)
                .collect::<Vec<_>>()
                .join(&t!(lang, "list-separator"));
            tips.push(match similar {
                "subcommand" => t!(lang, "cli-clap-similar-subcommand", similar = similar_to),
                "argument" => t!(lang, "cli-clap-similar-argument", similar = similar_to),
                _ => t!(lang, "cli-clap-similar-value", similar = similar_to),
            });
        }
        if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
            tips.extend(suggestions.iter().map(ToString::to_string));
        }
        if !tips.is_empty() {
            out.push('\n');
            for tip in tips {
                out.push_str(&format!("\n  {}", t!(lang, "cli-clap-tip", tip = tip)));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage:").map_or(usage.clone(), |rest| {
                format!("{}{}", t!(lang, "cli-help-usage"), rest.trim_start())
            });
            out.push_str(&format!("\n\n{usage}"));
        }
        out.push_str(&format!("\n\n{}\n", t!(lang, "cli-clap-try-help")));
        StyledStr::from(out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on a broken premise.
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        for (vars, lang) in [
            (&[][..], Lang::En),
            (&[("LANG", "zh_CN.UTF-8")][..], Lang::ZhCn),
            (&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")][..], Lang::En),
            (&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")][..], Lang::ZhCn),
            (
                &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")][..],
                Lang::ZhCn,
            ),
            (
                &[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "zh_CN")][..],
                Lang::En,
            ),
            (&[("LANG", "de_DE.UTF-8")][..], Lang::En),
            (&[("LC_ALL", "fr_FR"), ("LANG", "zh_CN")][..], Lang::En),
        ] {
            assert_eq!(from_locale(env(vars)), lang, "{vars:?}");
        }
    }

    #[test]
    fn lang_on_the_command_line_wins_over_the_locale() {
        let zh = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(choose(&os(&["istio2asm", "demo"]), &zh), Ok(Lang::ZhCn));
        assert_eq!(
            choose(&os(&["istio2asm", "--lang", "en", "demo"]), &zh),
            Ok(Lang::En)
        );
        assert_eq!(
            choose(&os(&["istio2asm", "demo", "--lang=zh-CN"]), env(&[])),
            Ok(Lang::ZhCn)
        );
        // After `--`, `--lang` is an argument like any other.
        assert_eq!(
            choose(&os(&["istio2asm", "check", "--", "--lang", "en"]), &zh),
            Ok(Lang::ZhCn)
        );
        let (lang, message) = choose(&os(&["istio2asm", "--lang", "fr"]), &zh).unwrap_err();
        assert_eq!(lang, Lang::ZhCn);
        assert_eq!(message, "未知语言 \"fr\"；请使用 en 或 zh-CN");
        assert_eq!(
            parse("fr").unwrap_err(),
            "unknown language \"fr\"; use en or zh-CN"
        );
    }

    /// Every command and argument of the CLI, as (command name, argument id or `None`).
    fn every_item(cmd: &Command, out: &mut Vec<(String, Option<String>)>) {
        out.push((cmd.get_name().to_string(), None));
        for arg in cmd.get_arguments() {
            out.push((cmd.get_name().to_string(), Some(arg.get_id().to_string())));
        }
        for sub in cmd.get_subcommands() {
            every_item(sub, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_text_in_the_catalog() {
        use clap::CommandFactory;
        let mut cmd = crate::Cli::command();
        cmd.build();
        let mut items = Vec::new();
        every_item(&cmd, &mut items);
        let missing: Vec<_> = items
            .iter()
            .filter(|(command, arg)| match arg {
                None => about(Lang::ZhCn, command).is_none(),
                Some(arg) => arg_help(Lang::ZhCn, command, arg).is_none(),
            })
            .collect();
        assert!(missing.is_empty(), "no text in cli.ftl for {missing:?}");
    }

    /// The English catalog holds the doc comments' texts: the help worded from it is clap's
    /// help from the doc comments, byte for byte, for the program and every subcommand.
    #[test]
    fn the_english_help_is_the_doc_comments() {
        use clap::CommandFactory;
        let mut plain = crate::Cli::command();
        plain.build();
        let mut english = command(crate::Cli::command(), Lang::En);
        assert_eq!(
            english.render_long_help().to_string(),
            plain.render_long_help().to_string()
        );
        let names: Vec<String> = plain
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in names {
            let (Some(a), Some(b)) = (
                plain.find_subcommand_mut(&name),
                english.find_subcommand_mut(&name),
            ) else {
                panic!("no subcommand {name}");
            };
            assert_eq!(
                b.render_long_help().to_string(),
                a.render_long_help().to_string(),
                "{name}"
            );
            assert_eq!(
                b.render_help().to_string(),
                a.render_help().to_string(),
                "{name}"
            );
        }
    }
}
