//! The plan in Chinese: every step's title, reason, notes and needs, the verifications' expected
//! output (except what a command prints literally), the risk table and the next action come from
//! the zh-CN catalogs, on the demo and on every phase fixture. `tests/i18n_parity.rs` checks
//! that the commands and files stay the same bytes.

mod common;

use common::phase_fixtures::phase_fixtures;
use common::settings;
use istio2asm_core::i18n::Lang;
use istio2asm_core::plan::{self, Plan};
use istio2asm_core::progress::{next_action, workload_rows, NextAction};
use istio2asm_core::risk::Risks;
use istio2asm_core::{analyze, demo, Analysis, Input, Settings};

fn chinese() -> Settings {
    Settings {
        lang: Lang::ZhCn,
        ..settings()
    }
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn demo_in_chinese() -> Analysis {
    analyze(demo::inputs(), Vec::new(), &chinese())
}

/// What a verification expects that is what the command prints, literally, in every language.
fn is_literal(expect: &str) -> bool {
    expect == "true"
        || expect == "No resources found"
        || expect.starts_with("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-weight=")
}

/// Every text of every step of a plan that is not in Chinese, as `step-id field: text`.
fn english_texts(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for step in plan.phases.iter().flat_map(|p| &p.steps) {
        let mut texts = vec![("title", &step.title), ("why", &step.why)];
        texts.extend(step.notes.iter().map(|n| ("note", n)));
        texts.extend(step.needs.iter().map(|n| ("need", n)));
        texts.extend(
            step.verify
                .iter()
                .map(|v| ("expect", &v.expect))
                .filter(|(_, e)| !is_literal(e)),
        );
        out.extend(
            texts
                .into_iter()
                .filter(|(_, text)| !has_chinese(text))
                .map(|(field, text)| format!("{} {field}: {text}", step.id)),
        );
    }
    out
}

#[test]
fn every_step_of_the_demo_plan_has_a_chinese_title() {
    let analysis = demo_in_chinese();
    let plan = plan::plan(&analysis, false);
    assert_eq!(plan.lang, Lang::ZhCn);
    let steps: Vec<_> = plan.phases.iter().flat_map(|p| &p.steps).collect();
    assert!(steps.len() > 10, "{}", steps.len());
    for step in steps {
        assert!(has_chinese(&step.title), "{}: {}", step.id, step.title);
    }
    let wave = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .find(|s| s.id == "restart-wave-1")
        .expect("the demo restarts in waves");
    assert_eq!(wave.title, "重启批次 1：payments（deployment/ledger）");
    assert!(
        wave.notes
            .iter()
            .any(|n| n == "重启无法撤销，也无需撤销：它只是用同一模板重新创建 Pod。"),
        "{:?}",
        wave.notes
    );
}

#[test]
fn every_text_of_the_plans_is_chinese_on_the_demo_and_the_phase_fixtures() {
    let mut english = english_texts(&plan::plan(&demo_in_chinese(), false));
    // With force, the switches whose gates fail carry the forced note.
    english.extend(english_texts(&plan::plan(&demo_in_chinese(), true)));
    for (name, fixture) in phase_fixtures() {
        let inputs = fixture
            .iter()
            .map(|(n, t)| Input::new(*n, t.as_str()))
            .collect();
        let analysis = analyze(inputs, Vec::new(), &chinese());
        english.extend(
            english_texts(&plan::plan(&analysis, false))
                .into_iter()
                .map(|t| format!("{name}: {t}")),
        );
    }
    assert!(english.is_empty(), "{english:#?}");
}

#[test]
fn the_risk_table_and_the_workload_rows_are_worded_in_the_analysis_language() {
    let analysis = demo_in_chinese();
    let plan = plan::plan(&analysis, false);
    let rows: Vec<String> = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .flat_map(|s| &s.risks)
        .flat_map(|r| r.risks.list())
        .collect();
    assert!(rows.iter().any(|r| r == "没有 preStop 钩子"), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r == "非 HTTP 端口：ledger:5432（tcp-db）"),
        "{rows:?}"
    );
    let workloads = workload_rows(&analysis, Some(&plan));
    assert!(workloads
        .iter()
        .filter_map(|w| w.risks.as_ref())
        .flat_map(Risks::list)
        .all(|r| !r.is_ascii()));
}

#[test]
fn a_single_replica_is_singular_in_english_and_nothing_else_is() {
    let words = |replicas: i64| {
        Risks {
            replicas: Some(replicas),
            ..Risks::default()
        }
        .list()
    };
    assert_eq!(words(1), ["1 replica"]);
    assert_eq!(words(0), ["0 replicas"]);
    assert_eq!(words(-1), ["-1 replicas"]);
    let zh = Risks {
        replicas: Some(1),
        lang: Lang::ZhCn,
        ..Risks::default()
    };
    assert_eq!(zh.list(), ["1 个副本"]);
}

#[test]
fn the_next_action_is_worded_in_the_language_asked() {
    let analysis = demo_in_chinese();
    let plan = plan::plan(&analysis, false);
    assert_eq!(
        NextAction::Finished.text(Lang::ZhCn),
        "没有剩余步骤：迁移已完成。"
    );
    assert_eq!(
        NextAction::Finished.text(Lang::En),
        "Nothing left: the migration is finished."
    );
    let step = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .find(|s| s.id == "restart-manual")
        .expect("the demo has manual restarts");
    assert_eq!(
        NextAction::Run(step).text(Lang::ZhCn),
        "restart-manual：重启需要手动处理的工作负载"
    );
    // Whatever the demo's next action is, it is worded, not left as an id.
    let text = next_action(&analysis, &plan).text(Lang::ZhCn);
    assert!(text.contains('：'), "{text}");
}
