//! The real app driven headless with egui_kittest: what a user clicks, what they see, what lands
#![allow(clippy::expect_used, clippy::unwrap_used)] // Tests fail loudly on a broken premise.
//! on the clipboard.

use eframe::Storage as _;
use egui::OutputCommand;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use istio2asm_app::app::{Outcome, Slot, View};
use istio2asm_app::state::WorkloadColumn;
use istio2asm_app::App;
use istio2asm_core::detect::{Flavor, OwnerKind};
use istio2asm_core::gate::Verdict;
use istio2asm_core::i18n::Lang;
use istio2asm_core::inject::Sidecar;
use istio2asm_core::progress::{next_action, AgentCoverage, ProxyVersion};
use istio2asm_core::state::State;
use istio2asm_core::{Input, Settings};

fn harness() -> Harness<'static, App> {
    harness_of(App::default())
}

/// The app as a user sees it, after its first frames.
fn harness_of(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.ui_contents(ui), app);
    harness.run();
    harness
}

/// Lets a background analysis finish and shows its result.
fn settle(harness: &mut Harness<'static, App>) {
    harness.state_mut().finish_now();
    harness.run();
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

#[test]
fn opens_with_the_demo_loaded() {
    let harness = harness();
    let app = harness.state();
    assert!(app.is_demo());
    let analysis = app.analysis().expect("the demo is analysed");
    assert_eq!(analysis.migration.state, State::SetupIstioForMigrate);
    harness.get_by_label("SetupIstioForMigrate");
    harness.get_by_label("Next action");
    harness.get_by_label_contains("Gates for SetupIstioForMigrate -> Migrating");
}

#[test]
fn filters_findings_and_opens_one() {
    let mut harness = harness();
    harness.get_by_label("Findings").click();
    harness.run();
    let total = harness.state().analysis().expect("analysis").findings.len();
    harness.get_by_label(&format!("{total} of {total} findings"));
    harness.get_by_label("Warnings").click();
    harness.get_by_label("Infos").click();
    harness.run();
    let errors = harness.state().analysis().expect("analysis").counts().0;
    assert!(errors > 0 && errors < total);
    harness.get_by_label(&format!("{errors} of {total} findings"));
    assert!(
        harness.query_by_label_contains("finding MIG503").is_none(),
        "warnings are hidden"
    );

    harness
        .get_by_label_contains("finding MIG402 deployment/cart")
        .click();
    harness.run();
    let finding = harness
        .state()
        .selected_finding()
        .expect("a finding is selected");
    assert_eq!(finding.code.as_str(), "MIG402");
    harness.get_by_label("How to fix");
    harness.get_by_label_contains("demo/cluster.yaml:");
}

#[test]
fn copy_puts_the_exact_command_on_the_clipboard() {
    let mut harness = harness();
    harness.get_by_label("Findings").click();
    harness.run();
    harness
        .get_by_label_contains("finding MIG402 deployment/cart")
        .click();
    harness.run();
    harness.get_by_label("Copy MIG402 command 1").click();
    // The copy is in the output of the frame that handles the click.
    harness.step();
    assert_eq!(
        copied(&harness),
        [r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop rollout restart deployment/cart"#]
    );
}

#[test]
fn a_patching_step_shows_what_it_changes_under_its_command() {
    let mut harness = harness();
    harness.get_by_label("Plan").click();
    harness.run();
    harness
        .get_by_label_contains("istio-system-injection-label:")
        .click();
    harness.run();
    harness.get_by_label("What it changes (computed offline from the export)");
    harness.get_by_label("Namespace istio-system");
    harness.get_by_label(r#"- metadata.labels.istio-injection: "disabled""#);
}

#[test]
fn a_setting_change_replans_at_once() {
    let mut harness = harness();
    harness.get_by_label("Plan").click();
    harness.run();
    let field = harness.get_by_label("Cluster kubeconfig variable");
    field.click();
    harness.run();
    harness
        .get_by_label("Cluster kubeconfig variable")
        .type_text("_PROD");
    // The change starts an analysis in the background: step, then let it finish.
    harness.step();
    settle(&mut harness);
    assert_eq!(
        harness.state().settings().cluster_kubeconfig_var,
        "K8S_KUBECONFIG_PROD"
    );
    let outcome = harness.state().outcome().expect("outcome");
    let vars = harness.state().settings().kubeconfig_vars();
    let restart = outcome
        .plan
        .phases
        .iter()
        .flat_map(|p| p.steps.iter())
        .find(|s| s.id == "restart-wave-1")
        .expect("a restart wave");
    assert!(restart.commands[0]
        .render(&vars)
        .contains(r#"--kubeconfig="${K8S_KUBECONFIG_PROD}""#));

    // An invalid value is shown as an error and not applied.
    harness
        .get_by_label("Cluster kubeconfig variable")
        .type_text("-bad");
    harness.step();
    harness.run();
    assert!(harness.state().form_error().is_some());
    assert_eq!(
        harness.state().settings().cluster_kubeconfig_var,
        "K8S_KUBECONFIG_PROD"
    );
    harness.get_by_label_contains("Not applied:");
}

#[test]
fn a_syntax_error_shows_as_mig001_not_a_crash() {
    let mut harness = harness();
    harness.state_mut().load(
        Slot::Cluster,
        vec![Input::new(
            "broken.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: value: other\n",
        )],
        0.0,
    );
    settle(&mut harness);
    harness.state_mut().set_view(View::Findings);
    harness.run();
    harness.get_by_label_contains("finding MIG001");
    let analysis = harness.state().analysis().expect("analysis");
    assert_eq!(
        analysis.bundle.object_count(),
        1,
        "the valid document still loads"
    );
}

#[test]
fn the_excerpt_of_a_finding_shows_no_secret() {
    let mut harness = harness();
    let cluster = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {password: cGxhbnRlZA==}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata:\n  token: planted-configmap-token\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: cart\n  namespace: shop\n  annotations:\n    example.com/kubeconfig: planted-annotation\nspec:\n  containers:\n  - name: cart\n    image: shop/cart:1\n    env:\n    - name: API_TOKEN\n      value: planted-token\n";
    harness.state_mut().load(
        Slot::Cluster,
        vec![Input::new("cluster.yaml", cluster)],
        0.0,
    );
    settle(&mut harness);
    harness.state_mut().set_view(View::Findings);
    harness.run();
    let codes: Vec<String> = harness
        .state()
        .analysis()
        .expect("analysis")
        .findings
        .iter()
        .filter(|f| f.span.is_some())
        .map(|f| f.code.as_str().to_string())
        .collect();
    assert!(codes.contains(&"MIG004".to_string()), "{codes:?}");
    for code in codes {
        harness
            .get_all_by_label_contains(&format!("finding {code}"))
            .next()
            .expect("a row")
            .click();
        harness.run();
        harness.get_by_label_contains("cluster.yaml:");
        // The excerpt is there, its values hidden.
        harness.get_by_label_contains("<hidden>");
        for planted in ["planted", "cGxhbnRlZA"] {
            assert!(
                harness.query_by_label_contains(planted).is_none(),
                "{code}'s detail shows {planted}"
            );
        }
    }
}

#[test]
fn workloads_table_lists_every_workload() {
    let mut harness = harness();
    harness.get_by_label("Workloads").click();
    harness.run();
    let rows = harness.state().outcome().expect("outcome").rows.clone();
    assert!(
        rows.iter().any(|r| r.name == "reviews-v2"
            && matches!(
                r.proxy,
                ProxyVersion::One {
                    flavor: Flavor::Asm,
                    ..
                }
            )),
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r.name == "cart" && r.xds_agent == AgentCoverage::Missing));
    assert!(rows
        .iter()
        .any(|r| r.name == "debug-shell" && r.kind == OwnerKind::Bare));
    harness.get_by_label("cart");
    harness.get_by_label("Filter workloads").click();
    harness.run();
    harness.get_by_label("Filter workloads").type_text("redis");
    harness.run();
    assert!(harness.query_by_label("cart").is_none());
    harness.get_by_label("redis");
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

#[test]
fn settings_persist_and_inputs_do_not() {
    let mut app = App::new(Settings {
        wave_size: 3,
        asm_version: Some("1.25.1".into()),
        ..Settings::default()
    });
    app.load(
        Slot::Cluster,
        vec![Input::new(
            "secret-cluster.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: planted-namespace}\n",
        )],
        0.0,
    );
    app.finish_now();
    let mut storage = Memory::default();
    eframe::App::save(&mut app, &mut storage);
    let stored: String = storage.0.values().cloned().collect();
    assert!(
        !stored.contains("planted-namespace") && !stored.contains("secret-cluster.yaml"),
        "{stored}"
    );
    let restored = App::from_storage(Some(&storage), None);
    assert_eq!(restored.settings().wave_size, 3);
    assert_eq!(restored.settings().asm_version.as_deref(), Some("1.25.1"));
    assert!(
        restored.is_demo(),
        "a new run opens with the demo, not the last inputs"
    );
    // Storage that does not validate is ignored, not trusted.
    let mut bad = Memory::default();
    bad.set_string(
        istio2asm_app::app::SETTINGS_KEY,
        r#"{"clusterKubeconfigVar":"$(id)"}"#.into(),
    );
    assert_eq!(
        App::from_storage(Some(&bad), None)
            .settings()
            .cluster_kubeconfig_var,
        "K8S_KUBECONFIG"
    );
}

#[test]
fn the_next_action_names_a_blocking_gate_without_a_command() {
    let mut app = App::default();
    let old = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: istiod, namespace: istio-system}\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.9.5\n";
    app.load(Slot::Cluster, vec![Input::new("old.yaml", old)], 0.0);
    app.finish_now();
    let outcome = app.outcome().expect("outcome");
    let action = next_action(&outcome.analysis, &outcome.plan);
    assert!(
        action
            .text(outcome.plan.lang)
            .starts_with("MIG202 istio-too-old"),
        "{}",
        action.text(outcome.plan.lang)
    );
    assert!(action.command().is_none());
}

#[test]
fn clear_drops_the_asm_export_and_the_next_analysis_does_not_use_it() {
    let mut harness = harness();
    let asm = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews, namespace: shop}\nspec:\n  hosts: [reviews]\n";
    harness
        .state_mut()
        .load(Slot::Asm, vec![Input::new("asm.yaml", asm)], 0.0);
    settle(&mut harness);
    assert!(
        harness.state().analysis().expect("analysis").asm.is_some(),
        "the ASM export is analysed before Clear"
    );
    harness.state_mut().set_view(View::Inputs);
    harness.run();
    harness.get_by_label("Clear").click();
    // The click starts an analysis in the background: step, then let it finish.
    harness.step();
    settle(&mut harness);
    let app = harness.state();
    assert!(app.inputs().is_empty(), "no cluster input remains");
    assert!(app.asm_inputs().is_empty(), "no ASM input remains");
    let analysis = app.analysis().expect("analysis");
    assert!(analysis.asm.is_none(), "the analysis used the ASM export");
    assert!(
        analysis.sources.files().is_empty(),
        "{:?}",
        analysis
            .sources
            .files()
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
    );
}

/// The address an outcome is kept at (what the Workloads tab's row order used to be keyed on).
fn outcome_address(harness: &Harness<'static, App>) -> *const Outcome {
    std::ptr::from_ref(harness.state().outcome().expect("outcome"))
}

#[test]
fn a_new_outcome_with_fewer_rows_never_reuses_the_old_row_order() {
    let mut harness = harness();
    let settings = harness.state().settings().clone();
    let one = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: lonely, namespace: solo}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n";
    let small = || {
        Outcome::compute(
            vec![Input::new("one.yaml", one)],
            Vec::new(),
            &settings,
            false,
            None,
        )
    };
    // A freed outcome's memory is often handed to the next one, but not always: try until an
    // outcome with fewer rows lands where the table's last outcome was.
    let mut reused = false;
    for _ in 0..50 {
        let demo = Outcome::compute(
            istio2asm_core::demo::inputs(),
            Vec::new(),
            &settings,
            false,
            None,
        );
        let many = demo.rows.len();
        harness.state_mut().show_outcome(demo);
        harness.state_mut().set_view(View::Workloads);
        harness.run();
        harness.get_by_label(&format!("{many} workloads"));
        let ordered = outcome_address(&harness);
        // Another tab, so the table does not order the outcome in between.
        harness.state_mut().set_view(View::Overview);
        harness.run();
        let (between, after) = (small(), small());
        harness.state_mut().show_outcome(between);
        harness.state_mut().show_outcome(after);
        reused = outcome_address(&harness) == ordered;
        harness.state_mut().set_view(View::Workloads);
        harness.run();
        harness.get_by_label("1 workloads");
        harness.get_by_label("lonely");
        assert!(
            harness.query_by_label("cart").is_none(),
            "a row of the old outcome is shown"
        );
        if reused {
            break;
        }
    }
    assert!(
        reused,
        "no outcome was kept at a freed outcome's address, so this test proved nothing"
    );
}

#[test]
fn the_workloads_table_words_its_typed_cells_as_before() {
    let mut harness = harness();
    harness.get_by_label("Workloads").click();
    harness.run();
    let rows = harness.state().outcome().expect("outcome").rows.clone();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no row {name} in {rows:?}"))
    };
    let cell = |name: &str, column: WorkloadColumn| column.cell(row(name), Lang::En).into_owned();
    assert_eq!(cell("cart", WorkloadColumn::XdsAgent), "no");
    assert_eq!(cell("cart", WorkloadColumn::Kind), "Deployment");
    assert_eq!(cell("debug-shell", WorkloadColumn::Kind), "Pod");
    assert_eq!(cell("debug-shell", WorkloadColumn::Risk), "");
    let proxy = cell("reviews-v2", WorkloadColumn::Proxy);
    assert!(proxy.starts_with("ASM v"), "{proxy}");
    // The table draws those words: the ASM proxy's cell is there.
    harness.get_by_label(&proxy);
}

/// The Workloads tab of the demo.
fn workloads() -> Harness<'static, App> {
    let mut harness = harness();
    harness.get_by_label("Workloads").click();
    harness.run();
    harness
}

#[test]
fn the_workloads_table_shows_the_sidecar_of_the_next_restart_and_after_the_switch() {
    let mut harness = workloads();
    harness.get_by_label("Next restart");
    harness.get_by_label("After switch");
    let rows = harness.state().outcome().expect("outcome").rows.clone();
    let cart = rows.iter().find(|r| r.name == "cart").expect("cart");
    // cart runs Istio's sidecar in a namespace labelled istio-injection=enabled.
    assert!(
        matches!(cart.next_restart, Sidecar::Istio(_)),
        "{:?}",
        cart.next_restart
    );
    assert!(
        cart.after_switch.is_some(),
        "cart runs Istio's sidecar, so it is switched"
    );
    // The cells are core's words for the typed values.
    let next = WorkloadColumn::NextRestart
        .cell(cart, Lang::En)
        .into_owned();
    assert_eq!(next, cart.next_restart.label(Lang::En));
    harness
        .get_all_by_label(&next)
        .next()
        .expect("a Next restart cell");
    // The columns sort like the others.
    harness.get_by_label("Next restart").click();
    harness.run();
    harness.get_by_label("Next restart ^");
    harness.get_by_label("After switch").click();
    harness.run();
    harness.get_by_label("After switch ^");
}

#[test]
fn selecting_a_workload_lists_the_webhooks_of_its_next_restart() {
    let mut harness = workloads();
    harness.get_by_label("cart").click();
    harness.run();
    // The panel's heading, and the preview's object under "Switch patch".
    assert_eq!(harness.get_all_by_label("Deployment shop/cart").count(), 2);
    harness.get_by_label("Next restart:");
    // Each configuration as check-inject prints it, then each webhook called: the demo's
    // `default` tag injects, the deactivated default does not.
    harness.get_by_label("next restart configuration ✔ istio-revision-tag-default");
    harness.get_by_label("next restart configuration ✘ istio-sidecar-injector");
    harness.get_by_label_contains("next restart webhook istio-revision-tag-default");
    harness.get_by_label("After switch:");
    harness.get_by_label("after switch configuration ✔ sidecar-injector-asm");
    // The switch wave's patch, before and after, as core computed it.
    harness.get_by_label("Switch patch");
    harness.get_by_label_contains(
        "+ spec.template.metadata.labels[\"sidecar.asm.aliyun.com/inject\"]",
    );
    // A second click on the name closes the panel.
    harness.get_by_label("cart").click();
    harness.run();
    assert!(harness.query_by_label("Deployment shop/cart").is_none());
}

/// A namespace labelled for Istio's default revision, Istio's injector configuration, and one
/// Deployment whose pod runs Istio's sidecar: no ASM injector configuration.
const WITHOUT_ASM: &str = r#"apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled}
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
- name: namespace.sidecar-injector.istio.io
  clientConfig:
    service: {name: istiod, namespace: istio-system, path: /inject}
  rules:
  - {operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods]}
  namespaceSelector:
    matchExpressions:
    - {key: istio-injection, operator: In, values: [enabled]}
  objectSelector:
    matchExpressions:
    - {key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}
  sideEffects: None
  admissionReviewVersions: [v1]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 1
  template:
    metadata:
      labels: {app: cart}
    spec:
      containers:
      - {name: cart, image: shop/cart:1}
---
apiVersion: v1
kind: Pod
metadata:
  name: cart-5d4f8b7c9-x2x7q
  namespace: shop
  labels: {app: cart, pod-template-hash: 5d4f8b7c9}
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: cart-5d4f8b7c9, uid: a1, controller: true}
spec:
  containers:
  - {name: cart, image: shop/cart:1}
  - {name: istio-proxy, image: docker.io/istio/proxyv2:1.22.3}
"#;

#[test]
fn without_asms_webhook_in_the_export_the_after_switch_is_unknown() {
    // The demo's cart is selected first: loading other inputs forgets it.
    let mut harness = workloads();
    harness.get_by_label("cart").click();
    harness.run();
    assert_eq!(harness.get_all_by_label("Deployment shop/cart").count(), 2);
    harness.state_mut().load(
        Slot::Cluster,
        vec![Input::new("cluster.yaml", WITHOUT_ASM)],
        0.0,
    );
    settle(&mut harness);
    let outcome = harness.state().outcome().expect("outcome");
    assert!(!outcome.analysis.injection.asm_exported);
    let cart = outcome
        .rows
        .iter()
        .find(|r| r.name == "cart")
        .expect("cart");
    assert_eq!(cart.next_restart, Sidecar::Istio(Some("default".into())));
    assert_eq!(cart.after_switch, Some(Sidecar::Unknown));
    harness.run();
    assert!(
        harness.query_by_label("Deployment shop/cart").is_none(),
        "the other cluster's cart opens no panel until selected"
    );
    harness.get_by_label("cart").click();
    harness.run();
    harness.get_by_label_contains("ASM's injector webhook is not in the export");
    // What the exported configurations alone do is still listed.
    harness.get_by_label("after switch configuration ✔ istio-sidecar-injector");
}

/// The app opened in `lang`, the demo analysed and planned in it.
fn harness_in(lang: Lang) -> Harness<'static, App> {
    harness_of(App::new(Settings {
        lang,
        ..Settings::default()
    }))
}

/// Whether some widget is named exactly `label` (several may be).
fn shows(harness: &Harness<'static, App>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// The word of the first gate of the next transition, in English and in Chinese: the verdict
/// the Overview's and the Plan's gate lists start with.
fn first_gate_words(harness: &Harness<'static, App>) -> (&'static str, &'static str) {
    let analysis = harness.state().analysis().expect("analysis");
    let gate = analysis
        .next_gates()
        .next()
        .expect("the demo has a next transition");
    match gate.verdict {
        Verdict::Pass => ("pass", "通过"),
        Verdict::Warn => ("warn", "警告"),
        Verdict::Manual => ("manual", "人工确认"),
        Verdict::Fail => ("FAIL", "未通过"),
    }
}

/// Each tab of the demo with a label only that tab shows, in English and in Chinese.
const TAB_LABELS: [(View, &str, &str); 5] = [
    (View::Findings, "Search", "搜索"),
    (View::Workloads, "Filter workloads", "筛选工作负载"),
    (View::Export, "Save all into a folder…", "全部保存到文件夹…"),
    (View::Inputs, "Load the demo", "加载演示集群"),
    (View::Inputs, "Paste YAML or JSON", "粘贴 YAML 或 JSON"),
];

#[test]
fn every_view_speaks_english_and_chinese() {
    for lang in Lang::ALL {
        let mut harness = harness_in(lang);
        assert_eq!(harness.state().lang(), lang);
        assert_eq!(harness.state().outcome().expect("outcome").lang(), lang);
        let pick = |en: &'static str, zh: &'static str| match lang {
            Lang::En => (en, zh),
            Lang::ZhCn => (zh, en),
        };
        // The top bar and the status bar.
        for (en, zh) in [
            ("Overview", "概览"),
            ("Findings", "检查结果"),
            ("Workloads", "工作负载"),
            ("Plan", "迁移计划"),
            ("Export", "导出"),
            ("Inputs", "输入"),
            (
                "Showing the embedded demo cluster. Load your own export under Inputs.",
                "正在显示内置的演示集群。请在「输入」中加载您自己的导出文件。",
            ),
        ] {
            let (shown, other) = pick(en, zh);
            harness.get_by_label(shown);
            assert!(!shows(&harness, other), "{lang}: {other} is shown");
        }
        let errors = harness.state().analysis().expect("analysis").counts().0;
        let (shown, other) = pick("errors", "个错误");
        harness.get_by_label(&format!("{errors} {shown}"));
        assert!(!shows(&harness, &format!("{errors} {other}")));
        // The Overview and the Plan word their gates' verdicts with the shared widget.
        let (en, zh) = first_gate_words(&harness);
        let (shown, other) = pick(en, zh);
        for view in [View::Overview, View::Plan] {
            harness.state_mut().set_view(view);
            harness.run();
            assert!(shows(&harness, shown), "{lang} {view:?}: no {shown}");
            assert!(!shows(&harness, other), "{lang} {view:?}: {other} is shown");
        }
        for (view, en, zh) in TAB_LABELS {
            harness.state_mut().set_view(view);
            harness.run();
            let (shown, other) = pick(en, zh);
            harness.get_by_label(shown);
            assert!(!shows(&harness, other), "{lang} {view:?}: {other} is shown");
        }
    }
}

#[test]
fn the_findings_tab_in_chinese_counts_filters_and_details() {
    let mut harness = harness_in(Lang::ZhCn);
    harness.get_by_label("检查结果").click();
    harness.run();
    let total = harness.state().analysis().expect("analysis").findings.len();
    harness.get_by_label(&format!("共 {total} 条检查结果，显示 {total} 条"));
    // The severities are words of each row too: the filter is the check box.
    harness
        .get_by_role_and_label(egui::Role::CheckBox, "警告")
        .click();
    harness
        .get_by_role_and_label(egui::Role::CheckBox, "提示")
        .click();
    harness.run();
    let errors = harness.state().analysis().expect("analysis").counts().0;
    harness.get_by_label(&format!("共 {total} 条检查结果，显示 {errors} 条"));
    harness.get_by_label("选择一条检查结果，查看修复方法、它在输入中的位置及相关命令。");
    harness
        .get_all_by_label_contains("检查结果 MIG402")
        .next()
        .expect("a MIG402 row")
        .click();
    harness.run();
    harness.get_by_label("修复方法");
    harness.get_by_label("命令");
    harness.get_by_label("复制 MIG402 命令 1");
    for english in ["How to fix", "Commands", "Copy MIG402 command 1"] {
        assert!(!shows(&harness, english), "{english} is shown");
    }
}

#[test]
fn the_workloads_tab_in_chinese_words_its_table_and_panel() {
    let mut harness = harness_in(Lang::ZhCn);
    harness.get_by_label("工作负载").click();
    harness.run();
    let rows = harness.state().outcome().expect("outcome").rows.clone();
    harness.get_by_label(&format!("{} 个工作负载", rows.len()));
    harness.get_by_label("下次重启");
    harness.get_by_label("XDS 代理");
    assert!(!shows(&harness, "Next restart") && !shows(&harness, "XDS agent"));
    let cart = rows.iter().find(|r| r.name == "cart").expect("cart");
    assert_eq!(WorkloadColumn::XdsAgent.cell(cart, Lang::ZhCn), "否");
    assert_eq!(WorkloadColumn::XdsAgent.cell(cart, Lang::En), "no");
    // The panel, down to the accessible names of its lines.
    harness.get_by_label("cart").click();
    harness.run();
    harness.get_by_label("下次重启：");
    harness.get_by_label("切换后：");
    harness.get_by_label("下次重启的注入配置 ✔ istio-revision-tag-default");
    harness.get_by_label("切换补丁");
    harness.get_by_label("关闭");
    assert!(!shows(&harness, "Next restart:") && !shows(&harness, "Switch patch"));
}

#[test]
fn the_language_switch_rewords_the_app_replans_and_persists() {
    let mut harness = harness();
    harness.get_by_label("Findings");
    harness.get_by_label("简体中文").click();
    // The click starts an analysis in Chinese in the background: step, then let it finish.
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().lang(), Lang::ZhCn);
    assert_eq!(harness.state().settings().lang, Lang::ZhCn);
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(
        outcome.plan.lang,
        Lang::ZhCn,
        "the plan is made again in Chinese"
    );
    harness.get_by_label("检查结果");
    assert!(!shows(&harness, "Findings"));
    // The status line is worded when drawn, so the switch rewords it too.
    let files = outcome.analysis.sources.files().len();
    harness.get_by_label_contains(&format!("已分析 {files} 个文件"));

    // Saved with the settings, it wins over the system's language at the next start.
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let restored = App::from_storage(Some(&storage), Some(Lang::En));
    assert_eq!(restored.lang(), Lang::ZhCn);
    let mut restored = harness_of(restored);
    restored.get_by_label("检查结果");

    // And back.
    restored.get_by_label("English").click();
    restored.step();
    settle(&mut restored);
    assert_eq!(restored.state().lang(), Lang::En);
    restored.get_by_label("Findings");
    assert!(!shows(&restored, "检查结果"));
}

#[test]
fn with_nothing_saved_the_app_starts_in_the_systems_language() {
    for (locale, lang) in [
        ("zh_CN.UTF-8", Lang::ZhCn),
        ("zh-CN", Lang::ZhCn),
        ("en_US.UTF-8", Lang::En),
        ("C.UTF-8", Lang::En),
        // A language the app does not have: English.
        ("de_DE.UTF-8", Lang::En),
    ] {
        let app = App::from_storage(None, Lang::from_locale(locale));
        assert_eq!(app.lang(), lang, "{locale}");
        assert_eq!(app.outcome().expect("outcome").lang(), lang, "{locale}");
    }
    let harness = harness_of(App::from_storage(None, Lang::from_locale("zh_CN.UTF-8")));
    harness.get_by_label("概览");
    // Storage without the app's settings is nothing saved.
    let empty = Memory::default();
    assert_eq!(
        App::from_storage(Some(&empty), Some(Lang::ZhCn)).lang(),
        Lang::ZhCn
    );
}

/// The demo's files as a user's export, and a newer export of it: `ledger` on ASM's proxy and
/// istio-system without `istio-injection=disabled` (MIG302 fixed).
fn export_and_newer() -> (Vec<Input>, Vec<Input>) {
    let asm = "registry-cn-hangzhou.ack.aliyuncs.com/acs/proxyv2:v1.24.6.52-ge8ff3daa-aliyun";
    let older = istio2asm_core::demo::inputs();
    let newer = istio2asm_core::demo::FILES
        .iter()
        .map(|(name, text)| {
            if *name != "demo/cluster.yaml" {
                return Input::new(*name, *text);
            }
            let text: String = text
                .split_inclusive("\n- apiVersion:")
                .map(|item| {
                    if item.contains("kind: Pod\n") && item.contains("name: ledger-78bd7d8599-") {
                        item.replace("docker.io/istio/proxyv2:1.22.3", asm)
                    } else {
                        item.to_string()
                    }
                })
                .collect::<String>()
                .replacen(
                    "      istio-injection: disabled\n      kubernetes.io/metadata.name: istio-system\n",
                    "      kubernetes.io/metadata.name: istio-system\n",
                    1,
                );
            Input::new(*name, text)
        })
        .collect();
    (older, newer)
}

#[test]
fn a_newer_export_shows_what_changed_since_the_one_before_in_both_languages() {
    let mut harness = harness();
    let (older, newer) = export_and_newer();
    harness.state_mut().load(Slot::Cluster, older, 0.0);
    settle(&mut harness);
    assert!(
        harness
            .state()
            .outcome()
            .and_then(|o| o.changes.as_ref())
            .is_none(),
        "the first export has nothing to compare with"
    );
    harness.state_mut().load(Slot::Cluster, newer, 0.0);
    settle(&mut harness);
    let changes = harness
        .state()
        .outcome()
        .and_then(|o| o.changes.clone())
        .expect("changes");
    assert_eq!(changes.switched_to_asm.len(), 1);
    assert!(changes.fixed.iter().any(|f| f.code == "MIG302"));
    harness.state_mut().set_view(View::Overview);
    harness.run();
    harness.get_by_label("Changes since the previous export");
    harness.get_by_label("switched to ASM's proxy: Deployment payments/ledger");
    // A language switch re-analyses the same inputs and keeps the baseline.
    harness.state_mut().set_lang(Lang::ZhCn, 0.0);
    settle(&mut harness);
    harness.get_by_label("自上一次导出以来的变化");
    harness.get_by_label("已切换为 ASM 网格代理：Deployment payments/ledger");
    // Loading the demo drops the baseline.
    harness.state_mut().load_demo(0.0);
    settle(&mut harness);
    assert!(harness
        .state()
        .outcome()
        .and_then(|o| o.changes.as_ref())
        .is_none());
}
