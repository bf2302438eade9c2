//! The Overview's Trust panel and the two trust settings, driven headless with egui_kittest, on
//! the generated test roots of `tests/fixtures/trust/` (see its README: subjects, dates and the
//! fingerprints openssl printed for them). Expiry is judged on a fixed day (the as-of setting),
//! so the days left do not depend on the clock.
#![allow(clippy::expect_used, clippy::unwrap_used)] // Tests fail loudly on a broken premise.

use egui::accesskit::Toggled;
use egui::OutputCommand;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use istio2asm_app::app::{Slot, View};
use istio2asm_app::App;
use istio2asm_core::gate::{GateId, Verdict};
use istio2asm_core::i18n::Lang;
use istio2asm_core::{demo, Input, Settings};

/// Istio's root (`istio-root.pem`: O=cluster.local, until 2035-01-01).
const ISTIO_ROOT: &str = "F8:BA:D2:1E:02:2E:4F:7E:52:AE:CC:4F:DA:7C:89:32:CB:B7:B6:A8:5E:24:59:AA:A3:F2:D2:2A:AE:88:D6:01";
/// The other root (`asm-root.pem`: O=asm-test-root, until 2035-06-01).
const ASM_ROOT: &str = "9A:13:71:D5:62:12:D0:A1:84:C3:12:89:4E:E3:DD:C6:98:48:92:8B:9B:4A:4E:1A:16:65:63:A7:B2:29:85:B9";

/// The day expiry is judged on: 2953 days before 2035-01-01, 19 before 2026-12-20.
const AS_OF: &str = "2026-12-01";

fn fixture(name: &str) -> Input {
    let text = match name {
        "two-writers.yaml" => include_str!("../../../tests/fixtures/trust/two-writers.yaml"),
        "one-root.yaml" => include_str!("../../../tests/fixtures/trust/one-root.yaml"),
        "expiring.yaml" => include_str!("../../../tests/fixtures/trust/expiring.yaml"),
        "mesh-configs.yaml" => include_str!("../../../tests/fixtures/trust/mesh-configs.yaml"),
        "secret-names.yaml" => include_str!("../../../tests/fixtures/trust/secret-names.yaml"),
        "asm-side.yaml" => include_str!("../../../tests/fixtures/trust/asm-side.yaml"),
        "asm-mesh-config.yaml" => {
            include_str!("../../../tests/fixtures/trust/asm-mesh-config.yaml")
        }
        _ => panic!("no fixture {name}"),
    };
    Input::new(name, text)
}

fn harness_of(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui_contents(ui), app);
    harness.run();
    harness
}

/// Lets a background analysis finish and shows its result.
fn settle(harness: &mut Harness<'static, App>) {
    harness.state_mut().finish_now();
    harness.run();
}

/// The app in `lang`, expiry judged on [`AS_OF`], with the cluster's export and, when given,
/// ASM's loaded, on the Overview.
fn loaded(lang: Lang, cluster: &[&str], asm: &[&str]) -> Harness<'static, App> {
    let mut harness = harness_of(App::new(Settings {
        lang,
        as_of: Some(AS_OF.into()),
        ..Settings::default()
    }));
    let inputs = |names: &[&str]| names.iter().map(|n| fixture(n)).collect::<Vec<_>>();
    harness
        .state_mut()
        .load(Slot::Cluster, inputs(cluster), 0.0);
    if !asm.is_empty() {
        harness.state_mut().load(Slot::Asm, inputs(asm), 0.0);
    }
    settle(&mut harness);
    harness.state_mut().set_view(View::Overview);
    harness.run();
    harness
}

/// Two writers in the cluster (Istio's root in default and istio-system, another in ledger and
/// shop), a plugged-in CA by name, Istio's trust domain; ASM's side with the other root and
/// another trust domain.
fn both_sides(lang: Lang) -> Harness<'static, App> {
    loaded(
        lang,
        &["two-writers.yaml", "mesh-configs.yaml", "secret-names.yaml"],
        &["asm-side.yaml", "asm-mesh-config.yaml"],
    )
}

fn copied(harness: &Harness<'static, App>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Whether some widget is named exactly `label` (several may be).
fn shows(harness: &Harness<'static, App>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// The codes of the trust findings (MIG7xx) of the analysis shown.
fn trust_codes(harness: &Harness<'static, App>) -> Vec<&'static str> {
    let analysis = harness.state().analysis().expect("analysis");
    let mut codes: Vec<&str> = analysis
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| c.starts_with("MIG7"))
        .collect();
    codes.dedup();
    codes
}

#[test]
fn the_trust_panel_shows_each_sides_roots_domains_and_ca_secrets_in_english() {
    let harness = both_sides(Lang::En);
    harness.get_by_label("Roots of trust and trust domains");
    harness.get_by_label("Expiry judged as of 2026-12-01 (setting: as-of, else today).");
    harness.get_by_label("Cluster");
    harness.get_by_label("ASM");
    // Istio's root on the cluster's side only, the other root on both: shortened, whole on
    // hover.
    harness.get_by_label("F8:BA:D2:1E…D6:01");
    assert_eq!(harness.get_all_by_label("9A:13:71:D5…85:B9").count(), 2);
    harness.get_by_label("Subject: O=cluster.local");
    assert_eq!(
        harness.get_all_by_label("Subject: O=asm-test-root").count(),
        2
    );
    harness.get_by_label("Until 2035-01-01 (2953 days left)");
    assert_eq!(
        harness
            .get_all_by_label("Until 2035-06-01 (3104 days left)")
            .count(),
        2
    );
    // Each root's namespaces, counted; the two writers and their sets.
    assert_eq!(harness.get_all_by_label("2 namespaces").count(), 3);
    harness.get_by_label(
        "Two writers: the namespaces hold 2 different sets of roots (istio/istio#32778).",
    );
    harness.get_by_label("Set 1: F8:BA:D2:1E…D6:01 (2 namespaces)");
    harness.get_by_label("Set 2: 9A:13:71:D5…85:B9 (2 namespaces)");
    // Trust domains per revision, both sides.
    harness.get_by_label("Revision default: cluster.local");
    harness.get_by_label("Revision default: example.com");
    // The CA Secrets by name; ASM's export has no Secret names.
    harness.get_by_label(
        "istio-system/cacerts: a plugged-in CA; its expiry is not readable offline (Secrets' data is never read).",
    );
    harness.get_by_label(
        "istio-system/istio-ca-secret: istiod's self-signed CA; its expiry is not readable offline (Secrets' data is never read).",
    );
    harness.get_by_label(
        "No Secret names in the export: whether a plugged-in CA (cacerts) is used is not known.",
    );
    assert!(!shows(&harness, "信任根与信任域"));
}

#[test]
fn the_trust_panel_lists_the_trust_findings_with_their_commands() {
    let mut harness = both_sides(Lang::En);
    let codes = trust_codes(&harness);
    for code in ["MIG701", "MIG704", "MIG705"] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
    harness.get_by_label("Trust findings");
    let analysis = harness.state().analysis().expect("analysis").clone();
    for finding in analysis
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("MIG7"))
    {
        harness.get_by_label(&finding.message);
    }
    assert!(
        !shows(&harness, "No finding about trust."),
        "the findings are listed"
    );
    // MIG701's first verification reads a namespace's root with openssl.
    let mig701 = analysis
        .findings
        .iter()
        .find(|f| f.code.as_str() == "MIG701")
        .expect("MIG701");
    let vars = harness.state().settings().kubeconfig_vars();
    // The panel scrolls: the button is brought into view first, as a user would.
    harness.get_by_label("Copy MIG701 command 1").scroll_to_me();
    harness.run();
    harness.get_by_label("Copy MIG701 command 1").click();
    harness.step();
    assert_eq!(copied(&harness), [mig701.commands[0].render(&vars)]);
    assert!(
        copied(&harness)[0].contains("istio-ca-root-cert")
            && copied(&harness)[0].contains("openssl"),
        "{:?}",
        copied(&harness)
    );
}

#[test]
fn a_fingerprint_is_copied_whole() {
    let mut harness = both_sides(Lang::En);
    harness
        .get_by_label("Copy fingerprint F8:BA:D2:1E…D6:01")
        .click();
    harness.step();
    assert_eq!(copied(&harness), [ISTIO_ROOT]);
    // The other root is on both sides: a button each, both copy it whole.
    let buttons: Vec<_> = harness
        .get_all_by_label("Copy fingerprint 9A:13:71:D5…85:B9")
        .collect();
    assert_eq!(buttons.len(), 2);
    buttons[1].click();
    harness.step();
    assert_eq!(copied(&harness), [ASM_ROOT]);
}

#[test]
fn the_trust_panel_speaks_chinese() {
    let harness = both_sides(Lang::ZhCn);
    harness.get_by_label("信任根与信任域");
    harness.get_by_label("证书到期按 2026-12-01 判断（设置 as-of，未设置时为今天）。");
    harness.get_by_label("集群");
    harness.get_by_label("主题：O=cluster.local");
    harness.get_by_label("有效期至 2035-01-01（还剩 2953 天）");
    assert_eq!(harness.get_all_by_label("2 个命名空间").count(), 3);
    harness.get_by_label("两个写入方：各命名空间持有 2 组不同的信任根（istio/istio#32778）。");
    harness.get_by_label("第 1 组：F8:BA:D2:1E…D6:01（2 个命名空间）");
    harness.get_by_label("修订版本 default：cluster.local");
    harness.get_by_label(
        "istio-system/cacerts：插入式 CA；离线无法读取其到期时间（从不读取 Secret 的数据）。",
    );
    harness.get_by_label("信任相关的检查结果");
    harness.get_by_label("复制 指纹 F8:BA:D2:1E…D6:01");
    harness.get_by_label("复制 MIG701 命令 1");
    for english in [
        "Roots of trust and trust domains",
        "Trust findings",
        "Cluster",
        "Copy MIG701 command 1",
    ] {
        assert!(!shows(&harness, english), "{english} is shown");
    }
    // Core's own texts come in Chinese too.
    let analysis = harness.state().analysis().expect("analysis");
    let mig701 = analysis
        .findings
        .iter()
        .find(|f| f.code.as_str() == "MIG701")
        .expect("MIG701");
    harness.get_by_label(&mig701.message);
}

#[test]
fn without_asms_export_the_panel_says_so_and_a_root_near_its_expiry_is_counted_down() {
    let harness = loaded(Lang::En, &["expiring.yaml"], &[]);
    harness.get_by_label(
        "ASM's side not exported: load ASM's export under Inputs to compare its roots and trust domain.",
    );
    harness.get_by_label("Subject: O=expiring-test-root");
    harness.get_by_label("Until 2026-12-20 (19 days left)");
    harness.get_by_label("3 namespaces");
    harness.get_by_label("Unknown: no mesh config in the export.");
    harness.get_by_label(
        "No Secret names in the export: whether a plugged-in CA (cacerts) is used is not known.",
    );
    // One set of roots: no two writers.
    assert!(harness.query_by_label_contains("Two writers").is_none());
    assert!(trust_codes(&harness).contains(&"MIG703"));
    harness.get_by_label("Copy MIG703 command 1");

    let chinese = loaded(Lang::ZhCn, &["expiring.yaml"], &[]);
    chinese
        .get_by_label("未导出 ASM 侧：请在「输入」中加载 ASM 的导出文件，以比较其信任根与信任域。");
    chinese.get_by_label("有效期至 2026-12-20（还剩 19 天）");
}

#[test]
fn a_namespace_list_opens_under_its_root() {
    let mut harness = loaded(Lang::En, &["one-root.yaml"], &[]);
    assert!(harness
        .query_by_label("default, istio-system, shop")
        .is_none());
    harness.get_by_label("3 namespaces").click();
    harness.run();
    harness.get_by_label("default, istio-system, shop");
    harness.get_by_label("No finding about trust.");
}

#[test]
fn every_analysis_is_judged_on_todays_date_which_is_never_persisted() {
    let app = App::default();
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| istio2asm_core::trust::date_of(d.as_secs()))
        .expect("a clock after 1970");
    let analysis = app.analysis().expect("analysis");
    assert!(today.is_some());
    assert_eq!(analysis.settings.today, today);
    assert_eq!(app.settings().today, None, "today is not a kept setting");
    let harness = harness_of(app);
    harness.get_by_label(&format!(
        "Expiry judged as of {} (setting: as-of, else today).",
        today.unwrap_or_default()
    ));
}

/// The Plan tab's settings form of an app with the exports loaded, judging expiry on today.
fn plan_tab(lang: Lang, cluster: Vec<Input>, asm: Vec<Input>) -> Harness<'static, App> {
    let mut app = App::new(Settings {
        lang,
        ..Settings::default()
    });
    app.load(Slot::Cluster, cluster, 0.0);
    if !asm.is_empty() {
        app.load(Slot::Asm, asm, 0.0);
    }
    app.finish_now();
    let mut harness = harness_of(app);
    harness.state_mut().set_view(View::Plan);
    harness.run();
    harness
}

#[test]
fn the_as_of_field_sets_the_day_expiry_is_judged_on() {
    let mut harness = plan_tab(Lang::En, vec![fixture("expiring.yaml")], Vec::new());
    harness.get_by_label("Judge certificate expiry on").click();
    harness.run();
    harness
        .get_by_label("Judge certificate expiry on")
        .type_text("2026-12-01");
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().settings().as_of.as_deref(), Some(AS_OF));
    let analysis = harness.state().analysis().expect("analysis");
    assert_eq!(analysis.settings.judged_on().map(|(d, _)| d), Some(AS_OF));
    harness.state_mut().set_view(View::Overview);
    harness.run();
    harness.get_by_label("Until 2026-12-20 (19 days left)");

    // A day that is not one is shown as an error and not applied.
    harness.state_mut().set_view(View::Plan);
    harness.run();
    harness.get_by_label("Judge certificate expiry on").click();
    harness.run();
    harness
        .get_by_label("Judge certificate expiry on")
        .type_text("x");
    harness.step();
    harness.run();
    harness.get_by_label_contains("Not applied: the date \"2026-12-01x\"");
    assert_eq!(harness.state().settings().as_of.as_deref(), Some(AS_OF));
}

/// The verdict of the roots-of-trust gate of the analysis shown.
fn roots_gate(harness: &Harness<'static, App>) -> Verdict {
    harness
        .state()
        .analysis()
        .expect("analysis")
        .gates
        .iter()
        .find(|g| g.id == GateId::RootsOfTrust)
        .expect("the roots-of-trust gate")
        .verdict
}

#[test]
fn the_trust_handled_box_lets_a_differing_root_pass_its_gate_with_a_warning() {
    // The demo is one step before Migrating, whose gate this is; ASM's side holds another root
    // than the demo's: the gate fails.
    let mut harness = plan_tab(Lang::En, demo::inputs(), vec![fixture("asm-side.yaml")]);
    assert_eq!(roots_gate(&harness), Verdict::Fail);
    let tick = harness.get_by_role_and_label(egui::Role::CheckBox, "Roots of trust handled");
    assert_eq!(tick.accesskit_node().toggled(), Some(Toggled::False));
    tick.click();
    harness.step();
    settle(&mut harness);
    assert!(harness.state().settings().trust_handled);
    assert_eq!(roots_gate(&harness), Verdict::Warn);
    let tick = harness.get_by_role_and_label(egui::Role::CheckBox, "Roots of trust handled");
    assert_eq!(tick.accesskit_node().toggled(), Some(Toggled::True));

    let chinese = plan_tab(Lang::ZhCn, demo::inputs(), vec![fixture("asm-side.yaml")]);
    chinese.get_by_role_and_label(egui::Role::CheckBox, "信任根已处理");
    chinese.get_by_label("证书到期的判断日期");
}
