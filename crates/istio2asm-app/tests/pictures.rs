//! The Overview's pictures and the Plan's checklist, driven headless with egui_kittest: the
//! legend and bars in both languages, a tick that survives a restart of the app and a newer
//! export of the same cluster, and the exported runbook marking it done.
#![allow(clippy::expect_used, clippy::unwrap_used)] // Tests fail loudly on a broken premise.

use egui::accesskit::Toggled;
use egui::OutputCommand;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use istio2asm_app::app::{Slot, View};
use istio2asm_app::ticks::TICKS_KEY;
use istio2asm_app::App;
use istio2asm_core::i18n::Lang;
use istio2asm_core::{demo, Input, Settings};

fn harness_of(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui_contents(ui), app);
    harness.run();
    harness
}

fn in_lang(lang: Lang) -> App {
    App::new(Settings {
        lang,
        ..Settings::default()
    })
}

/// An in-memory eframe storage.
#[derive(Default)]
struct Memory(std::collections::BTreeMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
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

/// The demo's kube-system uid, which identifies its cluster.
const DEMO_CLUSTER: &str = "kube-system:52943a91-65ed-4014-aeed-a61c89628f19";

#[test]
fn the_overview_draws_the_states_and_the_pods_by_proxy_in_english() {
    let harness = harness_of(in_lang(Lang::En));
    harness.get_by_label("Migration state");
    harness.get_by_label("SetupIstioForMigrate");
    harness.get_by_label("current");
    harness.get_by_label("Pods by proxy, per namespace");
    // The demo's live pods: one on ASM's proxy (reviews-v2), eight on Istio's with the XDS
    // agent, eleven without, three without a proxy.
    harness.get_by_label("ASM proxy: 1");
    harness.get_by_label("Istio proxy with the XDS agent: 8");
    harness.get_by_label("Istio proxy without the XDS agent: 11");
    harness.get_by_label("No proxy: 3");
    assert!(
        harness
            .query_by_label_contains("Unrecognised proxy")
            .is_none(),
        "a part no pod is in stays out of the legend"
    );
    harness.get_by_label(
        "shop: Istio proxy with the XDS agent: 3; Istio proxy without the XDS agent: 6",
    );
    harness.get_by_label("9 pods");
    harness.get_by_label("1 pod");
}

#[test]
fn the_overview_draws_the_states_and_the_pods_by_proxy_in_chinese() {
    let harness = harness_of(in_lang(Lang::ZhCn));
    harness.get_by_label("迁移状态");
    harness.get_by_label("SetupIstioForMigrate");
    harness.get_by_label("当前");
    harness.get_by_label("各命名空间的 Pod（按代理）");
    harness.get_by_label("ASM 网格代理：1");
    harness.get_by_label("Istio 代理（未启用 XDS Agent）：11");
    harness.get_by_label("reviews：ASM 网格代理：1；Istio 代理（已启用 XDS Agent）：1");
    harness.get_by_label("9 个 Pod");
    harness.get_by_label("进入 SetupIstioForMigrate -> Migrating 的门禁");
}

#[test]
fn a_ticked_step_is_remembered_across_runs_and_marked_done_in_the_runbook() {
    let mut harness = harness_of(in_lang(Lang::En));
    harness.get_by_label("Plan").click();
    harness.run();
    let tick = harness.get_by_label("restart-wave-1 done");
    assert_eq!(tick.accesskit_node().toggled(), Some(Toggled::False));
    tick.click();
    harness.run();
    assert!(harness
        .state()
        .ticks()
        .is_done(DEMO_CLUSTER, "restart-wave-1"));
    harness.get_by_label_contains("SetupIstioForMigrate (current, 1 of ");

    // Saved like the settings, under its own key, and read back by a new run.
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let stored = storage.0.get(TICKS_KEY).expect("the ticks are stored");
    assert!(
        stored.contains(DEMO_CLUSTER) && stored.contains("restart-wave-1"),
        "{stored}"
    );
    let mut harness = harness_of(App::from_storage(Some(&storage), None));
    harness.get_by_label("Plan").click();
    harness.run();
    assert_eq!(
        harness
            .get_by_label("restart-wave-1 done")
            .accesskit_node()
            .toggled(),
        Some(Toggled::True)
    );
    assert_eq!(
        harness
            .get_by_label("mesh-config-xds-agent done")
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );

    // The Export's runbook marks it done, and only it.
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Copy runbook.md").click();
    harness.step();
    let runbook = copied(&harness).pop().expect("the runbook is copied");
    assert!(
        runbook.contains("#### - [x] `restart-wave-1` "),
        "{runbook}"
    );
    assert!(runbook.contains("#### - [ ] `mesh-config-xds-agent` "));
    let marked: Vec<&str> = runbook.lines().filter(|l| l.contains("[x]")).collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|l| l.contains("`restart-wave-1`")),
        "{marked:?}"
    );
}

#[test]
fn the_ticks_carry_over_to_a_newer_export_of_the_same_cluster_only() {
    let mut harness = harness_of(App::default());
    harness.get_by_label("Plan").click();
    harness.run();
    harness.get_by_label("restart-wave-1 done").click();
    harness.run();
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    drop(harness);

    // A newer export: the demo with one more namespace. Same kube-system, same cluster.
    let mut app = App::from_storage(Some(&storage), None);
    app.set_view(View::Plan);
    let mut newer = demo::inputs();
    newer.push(Input::new(
        "new.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: added-later, uid: 1234}\n",
    ));
    app.load(Slot::Cluster, newer, 0.0);
    app.finish_now();
    let outcome = app.outcome().expect("outcome");
    assert_eq!(outcome.identity, DEMO_CLUSTER);
    let mut harness = harness_of(app);
    assert_eq!(
        harness
            .get_by_label("restart-wave-1 done")
            .accesskit_node()
            .toggled(),
        Some(Toggled::True)
    );

    // Another cluster (another kube-system uid) starts with nothing ticked.
    let other: Vec<Input> = demo::inputs()
        .into_iter()
        .map(|input| {
            let text = String::from_utf8(input.bytes).expect("utf-8");
            Input::new(
                input.name,
                text.replace("52943a91-65ed-4014-aeed-a61c89628f19", "another-uid"),
            )
        })
        .collect();
    harness.state_mut().load(Slot::Cluster, other, 0.0);
    harness.state_mut().finish_now();
    harness.run();
    assert_eq!(
        harness.state().outcome().expect("outcome").identity,
        "kube-system:another-uid"
    );
    assert_eq!(
        harness
            .get_by_label("restart-wave-1 done")
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );
}
