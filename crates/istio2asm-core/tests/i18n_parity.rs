//! Codes, commands, YAML files, JSON keys and the plan's structure are the same bytes in English
//! and in Chinese: only the words differ. Checked on the demo and every phase fixture, for the
//! findings, the gates, every step of every phase (commands, verifications, rollbacks, files,
//! previews, gates fixed and blocking) and the bash runbook's lines that run something.

mod common;

use common::phase_fixtures::phase_fixtures;
use common::{settings, vars};
use istio2asm_core::i18n::Lang;
use istio2asm_core::plan::{self, Plan};
use istio2asm_core::{analyze, demo, render, report, Analysis, Input, Settings};

fn in_lang(lang: Lang) -> Settings {
    Settings { lang, ..settings() }
}

/// Every input set the parity is checked on: the demo, and each phase fixture.
fn cases() -> Vec<(String, Vec<(String, String)>)> {
    let mut cases = vec![(
        "demo".to_string(),
        demo::FILES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    )];
    for (name, fixture) in phase_fixtures() {
        cases.push((
            name.to_string(),
            fixture
                .into_iter()
                .map(|(n, t)| (n.to_string(), t))
                .collect(),
        ));
    }
    cases
}

fn analysis(files: &[(String, String)], lang: Lang) -> Analysis {
    let inputs = files
        .iter()
        .map(|(n, t)| Input::new(n.as_str(), t.as_str()))
        .collect();
    analyze(inputs, Vec::new(), &in_lang(lang))
}

/// What must not change with the language, as text.
fn invariant(analysis: &Analysis, plan: &Plan) -> Vec<String> {
    let vars = vars();
    let mut out = Vec::new();
    for f in &analysis.findings {
        out.push(format!(
            "finding {} {:?} {:?} {:?} {:?}",
            f.code.as_str(),
            f.severity,
            f.object,
            f.gate,
            f.commands
                .iter()
                .map(|c| c.render(&vars))
                .collect::<Vec<_>>()
        ));
    }
    for g in &analysis.gates {
        out.push(format!(
            "gate {:?}",
            serde_json::to_value(g)
                .map(|v| (v["id"].clone(), v["verdict"].clone()))
                .ok()
        ));
    }
    for phase in &plan.phases {
        out.push(format!("phase {:?} {:?}", phase.state, phase.status));
        for s in &phase.steps {
            out.push(format!(
                "step {} {:?} {:?} wave={} fixes={:?} blocked_by={:?}",
                s.id, s.kind, s.target, s.wave, s.fixes, s.blocked_by
            ));
            out.extend(
                s.commands
                    .iter()
                    .map(|c| format!("  run {}", c.render(&vars))),
            );
            out.extend(
                s.verify
                    .iter()
                    .map(|v| format!("  verify {}", v.command.render(&vars))),
            );
            out.extend(
                s.rollback
                    .iter()
                    .map(|c| format!("  rollback {}", c.render(&vars))),
            );
            out.extend(
                s.files
                    .iter()
                    .map(|f| format!("  file {}\n{}", f.name, f.content)),
            );
            out.extend(s.preview.iter().map(|p| format!("  preview {p:?}")));
        }
    }
    out
}

/// The bash runbook without its words: comments and the lines that print text are dropped, and
/// in the lines kept, the text an `echo` or `printf` prints and bash's `${VAR:?message}` are
/// blanked (`echo …`), so the words around them are compared.
fn shell_lines(plan: &Plan) -> Vec<String> {
    let doc = render::PlanDoc::new(plan);
    doc.shell()
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with('#')
                || [
                    "step ",
                    "expect ",
                    "pause ",
                    "blocked ",
                    "echo ",
                    "read -r -p",
                ]
                .iter()
                .any(|w| l.starts_with(w)))
        })
        .map(without_printed_text)
        .collect()
}

/// `line` with each quoted word after `echo ` or `printf `, and each `:?message}`, as `…`.
fn without_printed_text(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let next = ["echo ", "printf ", ":?"]
            .iter()
            .filter_map(|w| rest.find(w).map(|at| (at, *w)))
            .min();
        let Some((at, word)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at + word.len()]);
        rest = &rest[at + word.len()..];
        let end = match rest.chars().next() {
            Some(q @ ('\'' | '"')) if word != ":?" => rest[1..].find(q).map(|e| e + 2),
            _ if word == ":?" => rest.find('}'),
            _ => None,
        };
        if let Some(end) = end {
            out.push('…');
            rest = &rest[end..];
        }
    }
}

#[test]
fn commands_files_and_structure_are_the_same_in_both_languages() {
    for (name, files) in cases() {
        let en = analysis(&files, Lang::En);
        let zh = analysis(&files, Lang::ZhCn);
        let en_plan = plan::plan(&en, false);
        let zh_plan = plan::plan(&zh, false);
        assert_eq!(zh_plan.lang, Lang::ZhCn);
        let (a, b) = (invariant(&en, &en_plan), invariant(&zh, &zh_plan));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{name}: differs between English and Chinese");
        }
        assert_eq!(a.len(), b.len(), "{name}");
        assert_eq!(
            shell_lines(&en_plan),
            shell_lines(&zh_plan),
            "{name}: the bash runbook's commands"
        );
        let names = |p: &Plan| {
            render::files(p)
                .into_iter()
                .map(|f| f.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&en_plan),
            names(&zh_plan),
            "{name}: the files of --out"
        );
        // The JSON report's keys are the same; only `lang` and the texts differ.
        let keys = |a: &Analysis| keys_of(&report::check_value(a));
        assert_eq!(keys(&en), keys(&zh), "{name}: the JSON report's keys");
    }
}

fn keys_of(value: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let p = format!("{path}.{k}");
                    out.push(p.clone());
                    walk(v, &p, out);
                }
            }
            serde_json::Value::Array(items) => {
                for v in items {
                    walk(v, &format!("{path}[]"), out);
                }
            }
            _ => {}
        }
    }
    walk(value, "", &mut out);
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_finding_and_step_of_every_case_reads_in_chinese() {
    let has_chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut english = Vec::new();
    for (name, files) in cases() {
        let zh = analysis(&files, Lang::ZhCn);
        for f in &zh.findings {
            if !has_chinese(&f.message) {
                english.push(format!(
                    "{name}: {} message: {}",
                    f.code.as_str(),
                    f.message
                ));
            }
            let help = f.help_text(Lang::ZhCn);
            if !has_chinese(&help) {
                english.push(format!("{name}: {} help: {help}", f.code.as_str()));
            }
        }
        for g in &zh.gates {
            if !has_chinese(&g.detail) {
                english.push(format!(
                    "{name}: gate {} detail: {}",
                    g.id.as_str(),
                    g.detail
                ));
            }
        }
        let plan = plan::plan(&zh, false);
        for s in plan.phases.iter().flat_map(|p| &p.steps) {
            for text in [&s.title, &s.why]
                .into_iter()
                .chain(&s.notes)
                .chain(&s.needs)
            {
                if !has_chinese(text) {
                    english.push(format!("{name}: step {}: {text}", s.id));
                }
            }
        }
    }
    assert!(
        english.is_empty(),
        "texts without Chinese in a Chinese analysis:\n{}",
        english.join("\n")
    );
}
