//! Snapshots of plans, for review: the demo plan as Markdown, bash and JSON, and the Markdown
//! runbook of each phase fixture (`common/phase_fixtures.rs`). The crate version is redacted so
//! a release changes no snapshot.

mod common;

use common::cluster::analyze_fixture;
use common::phase_fixtures::phase_fixtures;
use common::{demo_analysis, redact};
use istio2asm_core::{plan, render};

#[test]
fn the_demo_plan_in_each_format_matches_its_snapshots() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    insta::assert_snapshot!("demo_markdown", redact(&render::markdown(&plan)));
    insta::assert_snapshot!("demo_shell", redact(&render::shell(&plan)));
    insta::assert_snapshot!("demo_json", redact(&render::json(&plan)));
}

#[test]
fn each_phase_fixture_plan_matches_its_snapshot() {
    for (name, inputs) in phase_fixtures() {
        let analysis = analyze_fixture(&inputs);
        let plan = plan::plan(&analysis, false);
        insta::assert_snapshot!(name, redact(&render::markdown(&plan)));
    }
}
