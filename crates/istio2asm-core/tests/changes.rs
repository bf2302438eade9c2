//! What changed since an earlier report (`changes`): the demo against an altered copy of itself,
//! with one workload switched to ASM's proxy and one finding fixed.

mod common;

use common::settings;
use istio2asm_core::changes::{compare_text, compare_value};
use istio2asm_core::i18n::Lang;
use istio2asm_core::{analyze, demo, report, Analysis, Input, Settings};

const ASM_PROXY: &str =
    "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.52-ge8ff3daa-aliyun";

/// The demo, with `ledger`'s pods on ASM's proxy and istio-system without
/// `istio-injection=disabled` (which fixes MIG302).
fn altered() -> Vec<(String, String)> {
    demo::FILES
        .iter()
        .map(|(name, text)| {
            let text = if *name == "demo/cluster.yaml" {
                text.split_inclusive("\n- apiVersion:")
                    .map(|item| {
                        if item.contains("kind: Pod\n") && item.contains("name: ledger-78bd7d8599-") {
                            item.replace("docker.io/istio/proxyv2:1.22.3", ASM_PROXY)
                        } else {
                            item.to_string()
                        }
                    })
                    .collect::<String>()
                    .replacen(
                        "      istio-injection: disabled\n      kubernetes.io/metadata.name: istio-system\n",
                        "      kubernetes.io/metadata.name: istio-system\n",
                        1,
                    )
            } else {
                text.to_string()
            };
            (name.to_string(), text)
        })
        .collect()
}

fn run(files: &[(String, String)], settings: &Settings) -> Analysis {
    let inputs = files
        .iter()
        .map(|(n, t)| Input::new(n.as_str(), t.as_str()))
        .collect();
    analyze(inputs, Vec::new(), settings)
}

fn demo_files() -> Vec<(String, String)> {
    demo::FILES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

#[test]
fn the_altered_demo_shows_one_switch_and_one_fix() {
    let before = report::check_json(&run(&demo_files(), &settings()));
    let after = run(&altered(), &settings());
    let changes = compare_text(&before, &after).expect("a report");
    assert_eq!(
        changes
            .switched_to_asm
            .iter()
            .map(|w| format!("{} {}/{}", w.kind, w.namespace, w.name))
            .collect::<Vec<_>>(),
        ["Deployment payments/ledger"]
    );
    assert!(
        changes
            .fixed
            .iter()
            .any(|f| f.code == "MIG302" && f.subject == "Namespace istio-system"),
        "{:#?}",
        changes.fixed
    );
    assert!(changes.workloads_compared);
    assert_eq!(changes.state, None);
    let text = changes.text("before.json", Lang::En);
    assert!(text.starts_with("Changes since before.json:\n"), "{text}");
    assert!(
        text.contains("  switched to ASM's proxy: Deployment payments/ledger\n"),
        "{text}"
    );
    assert!(
        text.contains("  fixed: MIG302 Namespace istio-system: "),
        "{text}"
    );
    let zh = changes.text("before.json", Lang::ZhCn);
    assert!(
        zh.contains("已切换为 ASM 网格代理：Deployment payments/ledger"),
        "{zh}"
    );
    let json = changes.json("before.json");
    assert_eq!(json["baseline"], "before.json");
    assert_eq!(json["switchedToAsm"][0]["name"], "ledger");
}

#[test]
fn the_same_export_has_no_changes_and_a_baseline_in_the_other_language_compares_alike() {
    let zh = Settings {
        lang: Lang::ZhCn,
        ..settings()
    };
    let before = report::check_value(&run(&demo_files(), &zh));
    let changes = compare_value(before, &run(&demo_files(), &settings())).expect("a report");
    assert!(changes.is_empty(), "{changes:#?}");
    assert_eq!(
        changes.text("a.json", Lang::En),
        "Changes since a.json:\n  nothing changed\n"
    );
}

#[test]
fn what_is_not_a_report_is_refused_with_what_to_do() {
    let now = run(&demo_files(), &settings());
    for (text, wanted) in [
        ("{", "not JSON"),
        ("{}", "not an istio2asm report"),
        (
            r#"{"schemaVersion": 99, "findings": []}"#,
            "schemaVersion 99",
        ),
        (
            r#"{"schemaVersion": 1, "findings": 3}"#,
            "not an istio2asm report",
        ),
    ] {
        let error = compare_text(text, &now).expect_err(text);
        assert!(error.contains(wanted), "{text}: {error}");
        assert!(
            error.contains("istio2asm check --format json") || error.contains("again"),
            "{error}"
        );
    }
}
