//! Snapshots of plans, for review: the demo plan as Markdown, bash and JSON (and both runbooks
//! in Chinese, and with two steps marked done), and the Markdown runbook of each phase fixture
//! (`common/phase_fixtures.rs`). The crate version is redacted so a release changes no snapshot.

mod common;

use common::cluster::analyze_fixture;
use common::phase_fixtures::phase_fixtures;
use common::{demo_analysis, redact, settings};
use istio2asm_core::i18n::Lang;
use istio2asm_core::render::PlanDoc;
use istio2asm_core::{analyze, demo, plan, render, Settings};

/// The demo's plan with its texts in `lang`.
fn demo_plan(lang: Lang) -> plan::Plan {
    let analysis = analyze(demo::inputs(), Vec::new(), &Settings { lang, ..settings() });
    plan::plan(&analysis, false)
}

/// The demo's plan with the first two steps of its current phase marked done.
fn demo_with_two_done(lang: Lang) -> PlanDoc {
    let plan = demo_plan(lang);
    let current = plan
        .phase(plan.current)
        .unwrap_or_else(|| panic!("no current phase"));
    let done: Vec<&str> = current
        .steps
        .iter()
        .take(2)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        done,
        ["istio-system-injection-label", "mesh-config-xds-agent"]
    );
    PlanDoc::new(&plan).with_done(done)
}

#[test]
fn the_demo_plan_in_each_format_matches_its_snapshots() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    insta::assert_snapshot!("demo_markdown", redact(&render::markdown(&plan)));
    insta::assert_snapshot!("demo_shell", redact(&render::shell(&plan)));
    insta::assert_snapshot!("demo_json", redact(&render::json(&plan)));
}

#[test]
fn the_demo_runbooks_in_chinese_match_their_snapshots() {
    let plan = demo_plan(Lang::ZhCn);
    insta::assert_snapshot!("demo_markdown_zh_cn", redact(&render::markdown(&plan)));
    insta::assert_snapshot!("demo_shell_zh_cn", redact(&render::shell(&plan)));
}

#[test]
fn steps_marked_done_are_ticked_in_both_runbooks() {
    for (lang, suffix) in [(Lang::En, ""), (Lang::ZhCn, "_zh_cn")] {
        let doc = demo_with_two_done(lang);
        insta::assert_snapshot!(
            format!("demo_markdown_done{suffix}"),
            redact(&doc.markdown())
        );
        insta::assert_snapshot!(format!("demo_shell_done{suffix}"), redact(&doc.shell()));
    }
    // The marks travel with the files the app exports, plan.json included.
    let plan = demo_plan(Lang::En);
    let files = render::files_with_done(&plan, ["mesh-config-xds-agent"]);
    let json = files
        .iter()
        .find(|f| f.name == "plan.json")
        .expect("plan.json");
    let back = PlanDoc::from_json(&json.content, Lang::En).expect("reads back");
    assert_eq!(back.done, ["mesh-config-xds-agent"]);
    assert_eq!(
        files
            .iter()
            .find(|f| f.name == "runbook.md")
            .map(|f| &f.content),
        Some(&back.markdown())
    );
}

#[test]
fn each_phase_fixture_plan_matches_its_snapshot() {
    for (name, inputs) in phase_fixtures() {
        let analysis = analyze_fixture(&inputs);
        let plan = plan::plan(&analysis, false);
        insta::assert_snapshot!(name, redact(&render::markdown(&plan)));
    }
}
