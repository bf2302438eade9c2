//! The checks behind istio2asm's fuzz targets, one function per target.
//!
//! Each function takes the fuzzer's bytes, drives the public API of `istio2asm_core` and panics
//! when a promise breaks (docs/security.md). The same file is compiled into the core's test
//! `tests/fuzz_replay.rs` (with `#[path]`), so every saved input under `tests/fixtures/fuzz/`
//! replays through exactly these code paths on stable Rust.
//!
//! The file uses nothing but `istio2asm_core`, `serde`, `serde_json`, `serde_yaml` (the core's
//! `yaml_serde`) and `std`, so that it builds in both places.

use istio2asm_core::kubectl::{is_shell_name, quote, Command, KubeconfigVars, Program, Target};
use istio2asm_core::{analyze, plan, render, report, Analysis, Input, Limits, Settings};
use serde::Deserialize as _;

/// Byte that separates the fields of a `shell` input (never valid inside UTF-8 text).
pub const FIELD_SEPARATOR: u8 = 0xff;

/// Target `load`: the bytes as a YAML file, as JSON (a `{` in front makes the loader take its JSON
/// path), as the ASM export, and under small limits. None may panic, and the file must be
/// accounted for: the first byte chooses which of the four runs, so the fuzzer spends its time on
/// the parser rather than on rendering.
pub fn load(data: &[u8]) {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let analysis = match mode % 4 {
        0 => analyze(
            vec![Input::new("fuzz.yaml", body)],
            Vec::new(),
            &Settings::default(),
        ),
        1 => {
            let mut json = Vec::with_capacity(body.len() + 1);
            json.push(b'{');
            json.extend_from_slice(body);
            analyze(
                vec![Input::new("fuzz.json", json)],
                Vec::new(),
                &Settings::default(),
            )
        }
        2 => analyze(
            Vec::new(),
            vec![Input::new("asm.yaml", body)],
            &Settings::default(),
        ),
        _ => analyze(
            vec![
                Input::new("fuzz.yaml", body),
                Input::new("again.yaml", body),
            ],
            Vec::new(),
            &small_limits(),
        ),
    };
    check_locations(&analysis);
    // The fast YAML reader takes nothing serde_yaml would read differently or refuse.
    if let Ok(text) = std::str::from_utf8(body) {
        if let Err(disagreement) = istio2asm_core::load::fast_reader_agrees(
            text,
            Limits::default().max_depth,
            istio2asm_core::model::SCHEMA,
        ) {
            panic!("{disagreement}");
        }
    }
    // Small limits hold: no object past max-documents enters the bundle.
    if mode % 4 == 3 {
        let objects: usize = analysis.bundle.kinds.values().sum();
        assert!(
            objects <= small_limits().limits.max_documents,
            "{objects} objects loaded past the max-documents limit"
        );
    }
}

/// Settings with limits small enough for a fuzzer's inputs to reach them.
fn small_limits() -> Settings {
    Settings {
        limits: Limits {
            max_file_bytes: 2048,
            max_total_bytes: 3072,
            max_documents: 8,
            max_depth: 6,
        },
        ..Settings::default()
    }
}

/// Every finding's location resolves inside its file.
fn check_locations(analysis: &Analysis) {
    for finding in &analysis.findings {
        if let Some(span) = finding.span {
            let file = analysis
                .sources
                .file(span.file)
                .unwrap_or_else(|| panic!("finding {finding:?} points at no file"));
            assert!(
                span.offset <= file.text().len(),
                "finding {finding:?} points past the end of {}",
                file.name()
            );
        }
    }
}

/// Target `check_plan`: analysis, the check reports (text, colour, JSON), the plan with and
/// without `--force`, and its Markdown, bash and JSON renderings. Beyond "no panic": the JSON
/// documents parse, every command of every finding and step splits (by a POSIX shell's rules)
/// into exactly its argv with the kubeconfig variable as its only expansion, and analysing the
/// same input twice gives the same report.
pub fn check_plan(data: &[u8]) {
    // The first byte splits the rest into the cluster's export and the ASM export (0: none).
    let Some((&cut, body)) = data.split_first() else {
        return;
    };
    let cut = usize::from(cut) * body.len() / 256;
    let (cluster, asm) = if cut == 0 {
        (body, &[][..])
    } else {
        body.split_at(cut)
    };
    let asm_inputs = if asm.is_empty() {
        Vec::new()
    } else {
        vec![Input::new("asm.yaml", asm)]
    };
    let settings = Settings {
        asm_version: Some("1.24.6".into()),
        ..Settings::default()
    };
    let analysis = analyze(
        vec![Input::new("cluster.yaml", cluster)],
        asm_inputs.clone(),
        &settings,
    );
    check_locations(&analysis);
    let vars = analysis.settings.kubeconfig_vars();
    let check = report::check_json(&analysis);
    parse_json(&check, "check --format json");
    let _ = report::check_text(&analysis, false);
    let _ = report::check_text(&analysis, true);
    for finding in &analysis.findings {
        for command in &finding.commands {
            check_command(command, &vars);
        }
    }
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        for command in plan.commands() {
            check_command(command, &vars);
        }
        check_markdown(&render::markdown(&plan), &plan, &vars);
        let _ = render::shell(&plan);
        parse_json(&render::json(&plan), "plan --format json");
        for file in plan.files() {
            if file.name.ends_with(".yaml") {
                for document in serde_yaml::Deserializer::from_str(&file.content) {
                    if let Err(error) = serde_yaml::Value::deserialize(document) {
                        panic!("{} is not YAML: {error}\n{}", file.name, file.content);
                    }
                }
            }
        }
    }
    let again = analyze(
        vec![Input::new("cluster.yaml", cluster)],
        asm_inputs,
        &settings,
    );
    assert!(
        report::check_json(&again) == check,
        "the same input analysed twice gave different reports"
    );
}

/// Every line of a bash block of the Markdown runbook is one of the plan's commands (or the
/// `export` lines that set the kubeconfig variables): nothing from the input can open, close or
/// add to a block.
fn check_markdown(markdown: &str, plan: &plan::Plan, vars: &KubeconfigVars) {
    let known = plan.commands().map(|c| c.render(vars)).collect();
    let foreign = foreign_bash_lines(markdown, &known);
    assert!(
        foreign.is_empty(),
        "a bash block of the runbook holds lines that are no command of the plan: {foreign:?}"
    );
}

/// The lines of a Markdown text's bash blocks that are neither in `known` nor `export` lines.
pub fn foreign_bash_lines(
    markdown: &str,
    known: &std::collections::BTreeSet<String>,
) -> Vec<String> {
    let mut foreign = Vec::new();
    let mut in_bash = false;
    for line in markdown.lines() {
        if in_bash {
            if line == "```" {
                in_bash = false;
            } else if !known.contains(line) && !line.starts_with("export ") {
                foreign.push(line.to_string());
            }
        } else if line == "```bash" {
            in_bash = true;
        }
    }
    foreign
}

fn parse_json(text: &str, what: &str) {
    if let Err(error) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("{what} is not JSON: {error}");
    }
}

/// Target `shell`: a command built from arbitrary strings renders to text that a POSIX shell
/// splits into exactly its argv, with `${NAME}` of the declared kubeconfig variable as the one and
/// only expansion; `quote` alone round-trips every word; a variable name that is not a shell name
/// is refused by `Settings::validate`.
///
/// Input layout: the first byte holds flags (bit 0: program, bit 1: target, bit 2: namespace via
/// `in_namespace`, bit 3: namespace set directly, bit 4: use the first field as the variable
/// name); the rest is split at [`FIELD_SEPARATOR`] into the variable name, the namespace and the
/// arguments, each decoded as UTF-8 with replacement characters.
pub fn shell(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut fields = rest
        .split(|&b| b == FIELD_SEPARATOR)
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let var = fields.next().unwrap_or_default();
    let namespace = fields.next().unwrap_or_default();
    let args: Vec<String> = fields.collect();

    for word in std::iter::once(&namespace).chain(&args).chain([&var]) {
        let quoted = quote(word);
        match split_words(&quoted) {
            Ok(parsed) => {
                assert!(
                    parsed.expansions.is_empty(),
                    "quote({word:?}) = {quoted:?} expands {:?}",
                    parsed.expansions
                );
                assert_eq!(
                    parsed.words,
                    vec![word.clone()],
                    "quote({word:?}) = {quoted:?} splits into other words"
                );
            }
            Err(error) => panic!("quote({word:?}) = {quoted:?} does not split: {error}"),
        }
    }

    let mut vars = KubeconfigVars::default();
    if flags & 16 != 0 {
        let settings = Settings {
            cluster_kubeconfig_var: var.clone(),
            asm_kubeconfig_var: var.clone(),
            ..Settings::default()
        };
        if !is_shell_name(&var) {
            assert!(
                settings.validate().is_err(),
                "Settings::validate accepts the kubeconfig variable {var:?}"
            );
            return;
        }
        assert!(
            settings.validate().is_ok(),
            "Settings::validate refuses the shell name {var:?}"
        );
        vars = settings.kubeconfig_vars();
    }
    let target = if flags & 2 == 0 {
        Target::Cluster
    } else {
        Target::Asm
    };
    let mut command = if flags & 1 == 0 {
        Command::kubectl(target, "get").args(args)
    } else {
        let mut command = Command::istioctl("uninstall").args(args);
        command.target = target;
        command
    };
    if flags & 4 != 0 {
        command = command.in_namespace(&namespace);
    } else if flags & 8 != 0 {
        command.namespace = Some(namespace);
    }
    check_command(&command, &vars);
}

/// A rendered command splits into its argv; the kubeconfig word is the only one with an
/// expansion, and it expands exactly the declared variable.
pub fn check_command(command: &Command, vars: &KubeconfigVars) {
    let rendered = command.render(vars);
    // A pipe is a constant after the command's words: take it off, the rest must split.
    let text = match command.pipe {
        Some(pipe) => {
            let suffix = format!(" | {}", pipe.text());
            match rendered.strip_suffix(&suffix) {
                Some(text) => text.to_string(),
                None => panic!("{rendered:?} does not end with its pipe {suffix:?}"),
            }
        }
        None => rendered,
    };
    let argv = command.argv(vars);
    let parsed = match split_words(&text) {
        Ok(parsed) => parsed,
        Err(error) => panic!("{text:?} does not split: {error}"),
    };
    assert_eq!(parsed.words, argv, "{text:?} splits into other words");
    let name = vars.name(command.target).to_string();
    assert_eq!(
        parsed.expansions,
        vec![(1, name)],
        "{text:?} expands something other than the declared kubeconfig variable"
    );
    let program = match command.program {
        Program::Kubectl => "kubectl",
        Program::Istioctl => "istioctl",
    };
    assert_eq!(parsed.words.first().map(String::as_str), Some(program));
}

/// The words of one shell command line and the variables it expands.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// The words, with each expansion left as the literal text `${NAME}`.
    pub words: Vec<String>,
    /// (index of the word, variable name) for each `${NAME}`.
    pub expansions: Vec<(usize, String)>,
}

/// Splits one command line the way a POSIX shell (and bash) would, for the subset of the
/// language a rendered command may use: words separated by spaces, single quotes, double quotes
/// holding `${NAME}` expansions and backslash escapes, and backslashes outside quotes. Anything a
/// shell would treat as more than a literal, such as unquoted `$`, backquotes, `;`, `|`, `&`,
/// redirections, parentheses, globs, braces, a leading `~` or `#`, a tab or a newline between
/// words, `$(`, `$VAR` or `!` inside double quotes, is an error: a rendered command must not
/// contain it.
pub fn split_words(line: &str) -> Result<Split, String> {
    let mut words = Vec::new();
    let mut expansions = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let index = words.len();
        let mut word = String::new();
        let mut at_start = true;
        while let Some(&c) = chars.peek() {
            if c == ' ' {
                break;
            }
            chars.next();
            match c {
                '\'' => loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unterminated single quote".into()),
                    }
                },
                '"' => loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('$' | '`' | '"' | '\\')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some('$') => {
                            if chars.next() != Some('{') {
                                return Err("`$` without `{` inside double quotes".into());
                            }
                            let mut name = String::new();
                            loop {
                                match chars.next() {
                                    Some('}') => break,
                                    Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                                        name.push(c);
                                    }
                                    Some(c) => {
                                        return Err(format!(
                                            "`{c}` inside `${{...}}` (not a plain variable)"
                                        ))
                                    }
                                    None => return Err("unterminated `${`".into()),
                                }
                            }
                            if !is_shell_name(&name) {
                                return Err(format!("`${{{name}}}` is not a variable name"));
                            }
                            word.push_str("${");
                            word.push_str(&name);
                            word.push('}');
                            expansions.push((index, name));
                        }
                        Some('`') => return Err("backquote inside double quotes".into()),
                        Some('!') => return Err("`!` inside double quotes (history)".into()),
                        Some(c) => word.push(c),
                        None => return Err("unterminated double quote".into()),
                    }
                },
                '\\' => match chars.next() {
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => return Err("backslash at the end".into()),
                },
                '$' | '`' | ';' | '&' | '|' | '<' | '>' | '(' | ')' | '*' | '?' | '[' | ']'
                | '{' | '}' | '!' | '\t' | '\n' | '\r' => {
                    return Err(format!("unquoted {c:?}"));
                }
                '~' | '#' if at_start => return Err(format!("unquoted {c:?} starting a word")),
                c => word.push(c),
            }
            at_start = false;
        }
        words.push(word);
    }
    Ok(Split { words, expansions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitter_follows_the_shell() {
        let split = split_words(r#"kubectl --kubeconfig="${K}" -n 'a b' 'it'\''s' x\ y """#)
            .expect("splits");
        assert_eq!(
            split.words,
            [
                "kubectl",
                "--kubeconfig=${K}",
                "-n",
                "a b",
                "it's",
                "x y",
                ""
            ]
        );
        assert_eq!(split.expansions, [(1, "K".to_string())]);
        for bad in [
            "a;b", "$(id)", "`id`", "\"$X\"", "a|b", "~root", "a\tb", "{a,b}",
        ] {
            assert!(split_words(bad).is_err(), "{bad}");
        }
    }
}
