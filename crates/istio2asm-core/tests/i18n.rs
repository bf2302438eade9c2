//! The message catalogs (`locales/<lang>/*.ftl`, `src/i18n.rs`): every file parses in both
//! languages, holds the same messages with the same attributes and variables in both, no id is
//! defined twice, every id the code names exists and every message is used, and a Chinese message
//! is a translation, not a copy of the English.

// A test reads the sources: IO is its job, and a missing file should fail it loudly.
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser::parse;
use istio2asm_core::i18n::{text, Lang, CATALOG};

/// A message's shape: its attributes and the variables it (and they) reference.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

fn shapes(file: &str, lang: Lang, source: &str) -> BTreeMap<String, (Shape, String)> {
    let resource = parse(source).unwrap_or_else(|(_, errors)| {
        panic!("locales/{lang}/{file}.ftl does not parse: {errors:#?}")
    });
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        let mut literal = String::new();
        if let Some(pattern) = &value {
            walk(pattern, &mut variables, &mut literal);
        }
        for attribute in &attributes {
            walk(&attribute.value, &mut variables, &mut literal);
        }
        let shape = Shape {
            attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
            variables,
        };
        let previous = out.insert(id.to_string(), (shape, literal));
        assert!(
            previous.is_none(),
            "locales/{lang}/{file}.ftl defines `{id}` twice"
        );
    }
    out
}

/// Collects the variables a pattern references and its literal text (outside placeables).
fn walk(pattern: &ast::Pattern<&str>, variables: &mut BTreeSet<String>, literal: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => literal.push_str(value),
            ast::PatternElement::Placeable { expression } => expr(expression, variables, literal),
        }
    }
}

fn expr(e: &ast::Expression<&str>, variables: &mut BTreeSet<String>, literal: &mut String) {
    match e {
        ast::Expression::Inline(inline) => inline_expr(inline, variables, literal),
        ast::Expression::Select { selector, variants } => {
            inline_expr(selector, variables, literal);
            for v in variants {
                walk(&v.value, variables, literal);
            }
        }
    }
}

fn inline_expr(
    e: &ast::InlineExpression<&str>,
    variables: &mut BTreeSet<String>,
    literal: &mut String,
) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr(expression, variables, literal),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_expr(a, variables, literal);
            }
        }
        _ => {}
    }
}

#[test]
fn both_languages_hold_the_same_messages() {
    let mut all = BTreeSet::new();
    for (file, en, zh) in CATALOG {
        let en = shapes(file, Lang::En, en);
        let zh = shapes(file, Lang::ZhCn, zh);
        let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            only_en.is_empty() && only_zh.is_empty(),
            "{file}.ftl: messages only in English: {only_en:?}; only in Chinese: {only_zh:?}"
        );
        for (id, (shape, en_text)) in &en {
            let (zh_shape, zh_text) = &zh[id];
            assert_eq!(
                shape, zh_shape,
                "{file}.ftl `{id}`: attributes or variables differ"
            );
            // A translation, not a copy: a message with English words outside its placeables
            // has Chinese in its translation.
            let words = en_text
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() > 2 && !w.chars().all(|c| c.is_ascii_uppercase()));
            let chinese = zh_text
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(
                !words || chinese,
                "{file}.ftl `{id}`: the Chinese message has no Chinese: {zh_text:?}"
            );
        }
        for id in en.into_keys() {
            assert!(
                all.insert(id.clone()),
                "`{id}` is defined in two files ({file}.ftl)"
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The ids the code names: `t!(lang, "id"` and `i18n::text(lang, "id"`, across every crate's sources.
fn used_ids() -> BTreeMap<String, PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in [
        "istio2asm-core",
        "istio2asm-cli",
        "istio2asm-app",
        "istio2asm-wasm",
    ] {
        rust_files(&crates.join(krate).join("src"), &mut files);
    }
    let mut ids = BTreeMap::new();
    for file in files {
        let source =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for start in ["t!(", "i18n::text("] {
            for (at, _) in source.match_indices(start) {
                let before = source[..at].chars().next_back();
                let line = &source[source[..at].rfind('\n').map_or(0, |n| n + 1)..at];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || line.trim_start().starts_with("//")
                {
                    continue;
                }
                let rest = &source[at + start.len()..];
                // The first string literal after the language argument.
                let Some(comma) = rest.find(',') else {
                    continue;
                };
                let after = rest[comma + 1..].trim_start();
                let Some(quoted) = after.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = quoted.find('"') else {
                    continue;
                };
                let id = &quoted[..end];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    ids.entry(id.to_string()).or_insert_with(|| file.clone());
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_names_exists_and_every_message_is_used() {
    let mut defined = BTreeSet::new();
    for (file, en, _) in CATALOG {
        defined.extend(shapes(file, Lang::En, en).into_keys());
    }
    let used = used_ids();
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !defined.contains(*id))
        .map(|(id, file)| format!("{id} ({})", file.display()))
        .collect();
    assert!(
        missing.is_empty(),
        "ids named in code but in no catalog: {missing:#?}"
    );
    let unused: Vec<_> = defined
        .iter()
        .filter(|id| !id.starts_with('-') && !used.contains_key(*id))
        .collect();
    assert!(unused.is_empty(), "messages no code names: {unused:?}");
}

#[test]
fn messages_format_in_both_languages() {
    assert_eq!(
        text(Lang::En, "in-namespace", &[("namespace", "shop".into())]),
        " in shop"
    );
    assert_eq!(
        text(Lang::ZhCn, "in-namespace", &[("namespace", "shop".into())]),
        "（命名空间 shop）"
    );
    assert_eq!(
        text(
            Lang::En,
            "pod-list",
            &[
                ("count", 1usize.into()),
                ("names", "a".into()),
                ("more", "".into())
            ]
        ),
        "1 pod (a)"
    );
    assert_eq!(
        text(
            Lang::En,
            "pod-list",
            &[
                ("count", 7usize.into()),
                ("names", "a".into()),
                ("more", "".into())
            ]
        ),
        "7 pods (a)"
    );
}
