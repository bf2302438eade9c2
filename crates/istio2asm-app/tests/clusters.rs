//! Several clusters in the app, driven headless with egui_kittest, on the assembled multi-cluster
//! fixtures of `tests/fixtures/multicluster/` (east and west consistent, central broken on
//! purpose: see its README): each cluster's own tabs, switching between them, the Mesh tab with
//! the order of the runbooks and the cross-cluster findings, renaming and removing, and one
//! cluster looking exactly as before.
#![allow(clippy::expect_used, clippy::unwrap_used)] // Tests fail loudly on a broken premise.

use egui::OutputCommand;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use istio2asm_app::app::{Slot, View};
use istio2asm_app::App;
use istio2asm_core::i18n::Lang;
use istio2asm_core::kubectl::Target;
use istio2asm_core::{Input, Settings};

macro_rules! cluster_files {
    ($dir:literal: $($file:literal),+) => {
        vec![$(Input::new(
            concat!($dir, "/", $file),
            include_str!(concat!("../../../tests/fixtures/multicluster/", $dir, "/", $file)),
        )),+]
    };
}

fn east() -> Vec<Input> {
    cluster_files!("east": "cluster.yaml", "istio-ca-root-cert.yaml", "istio-config.yaml",
        "istio-system-configmaps.yaml", "remote-secrets.yaml", "version.yaml")
}

fn west() -> Vec<Input> {
    cluster_files!("west": "cluster.yaml", "istio-ca-root-cert.yaml", "istio-config.yaml",
        "istio-system-configmaps.yaml", "remote-secrets.yaml", "version.yaml")
}

fn central() -> Vec<Input> {
    cluster_files!("central": "cluster.yaml", "istio-ca-root-cert.yaml",
        "istio-system-configmaps.yaml", "remote-secrets.yaml", "version.yaml")
}

/// Istio's root (east, west) and the other root of the same subject (central), shortened.
const EAST_ROOT: &str = "F8:BA:D2:1E…D6:01";
const CENTRAL_ROOT: &str = "11:39:A5:CA…85:11";

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

/// The app in `lang` with east's export loaded, then central added as a second cluster.
fn east_and_central(lang: Lang) -> Harness<'static, App> {
    let mut harness = harness_of(App::new(Settings {
        lang,
        as_of: Some("2026-12-01".into()),
        ..Settings::default()
    }));
    harness.state_mut().load(Slot::Cluster, east(), 0.0);
    settle(&mut harness);
    harness
        .state_mut()
        .add_cluster("central", central(), 0.0)
        .expect("central is a free cluster name");
    settle(&mut harness);
    harness
}

#[test]
fn one_cluster_shows_no_cluster_bar_and_no_mesh_tab() {
    let mut harness = harness_of(App::default());
    harness.state_mut().load(Slot::Cluster, east(), 0.0);
    settle(&mut harness);
    assert!(!shows(&harness, "Clusters:"));
    assert!(!shows(&harness, "Mesh"));
    assert!(harness.state().mesh().is_none());
    // Its commands use the kubeconfig variable as set, as before.
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(outcome.plan.vars.name(Target::Cluster), "K8S_KUBECONFIG");
}

#[test]
fn two_clusters_are_switched_each_with_its_own_analysis_and_variable() {
    let mut harness = east_and_central(Lang::En);
    // The first cluster took Istio's name for it; the new one is shown.
    assert_eq!(harness.state().cluster_names(), ["east", "central"]);
    assert_eq!(harness.state().selected_cluster(), "central");
    harness.get_by_label("Clusters:");
    harness.get_by_label("Mesh");
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(
        outcome.plan.vars.name(Target::Cluster),
        "K8S_KUBECONFIG_CENTRAL"
    );
    // The Overview's Trust panel shows central's root, not east's.
    harness.get_by_label(CENTRAL_ROOT);
    assert!(!shows(&harness, EAST_ROOT));
    // Its runbook's commands run against central; ASM's, like the next action (the migration
    // resource), against the one ASM instance.
    let cluster_commands: Vec<String> = outcome
        .plan
        .commands()
        .filter(|c| c.target == Target::Cluster)
        .map(|c| c.render(&outcome.plan.vars))
        .collect();
    assert!(!cluster_commands.is_empty());
    for command in &cluster_commands {
        assert!(command.contains("${K8S_KUBECONFIG_CENTRAL}"), "{command}");
    }
    harness.get_by_label("Copy next action").click();
    harness.step();
    let command = copied(&harness);
    assert!(
        command.iter().all(|c| c.contains("${ASM_KUBECONFIG}")),
        "{command:?}"
    );

    harness.get_by_label("east").click();
    harness.run();
    assert_eq!(harness.state().selected_cluster(), "east");
    harness.get_by_label(EAST_ROOT);
    assert!(!shows(&harness, CENTRAL_ROOT));
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(
        outcome.plan.vars.name(Target::Cluster),
        "K8S_KUBECONFIG_EAST"
    );
    // Every tab shows east's: the Inputs tab lists east's files only.
    harness.get_by_label("Inputs").click();
    harness.run();
    harness.get_by_label("east/cluster.yaml");
    assert!(!shows(&harness, "central/cluster.yaml"));
}

#[test]
fn the_mesh_tab_lists_the_order_with_reasons_and_the_cross_cluster_findings() {
    let mut harness = east_and_central(Lang::En);
    harness.get_by_label("Mesh").click();
    harness.run();
    harness.get_by_label("Mesh of 2 clusters");
    harness.get_by_label("Order of the runbooks");
    let mesh = harness.state().mesh().expect("a mesh");
    assert_eq!(mesh.order.len(), 2);
    let (order, findings) = (mesh.order.clone(), mesh.findings.clone());
    // The top bar counts every cluster's findings and those across them.
    let (errors, warnings, _) = mesh.counts;
    harness.get_by_label(&format!("{errors} errors"));
    harness.get_by_label(&format!("{warnings} warnings"));
    for ordered in &order {
        harness.get_by_label(&ordered.reason);
    }
    // Each cluster's place in the mesh, as its export says.
    harness.get_by_label("network3");
    harness.get_by_label("mesh2");
    harness.get_by_label("Across the clusters");
    for cross in &findings {
        assert!(
            shows(&harness, &cross.finding.message),
            "{} is not shown",
            cross.finding.code.as_str()
        );
    }
    let codes: Vec<&str> = findings.iter().map(|f| f.finding.code.as_str()).collect();
    // central is broken on purpose: another mesh ID, another root of trust.
    for code in ["MIG801", "MIG805"] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
    assert!(!shows(&harness, "No cross-cluster finding."));
    // A cross-cluster finding's commands each run against their own cluster.
    let roots = findings
        .iter()
        .find(|f| f.finding.code.as_str() == "MIG805")
        .expect("MIG805");
    let clusters: Vec<&str> = roots.commands.iter().map(|c| c.cluster.as_str()).collect();
    assert!(
        clusters.contains(&"east") && clusters.contains(&"central"),
        "{clusters:?}"
    );
    let label = if codes.iter().filter(|c| **c == "MIG805").count() > 1 {
        "Copy MIG805 #1 command 1"
    } else {
        "Copy MIG805 command 1"
    };
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.step();
    let variable = format!(
        "${{K8S_KUBECONFIG_{}}}",
        roots.commands[0].cluster.to_uppercase()
    );
    assert!(
        copied(&harness).iter().all(|c| c.contains(&variable)),
        "{:?} without {variable}",
        copied(&harness)
    );
    // The mesh's runbooks: the README, then each cluster's files in its folder.
    harness.get_by_label("Copy README.md");
    harness.get_by_label("Copy east/runbook.md");
    harness.get_by_label("Copy central/runbook.md");
    // A cluster's name opens its Overview.
    harness
        .get_all_by_label("east")
        .nth(1)
        .expect("east in the order")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("east")
        .nth(1)
        .expect("east in the order")
        .click();
    harness.run();
    assert_eq!(harness.state().view(), View::Overview);
    assert_eq!(harness.state().selected_cluster(), "east");
}

#[test]
fn the_cluster_bar_and_the_mesh_tab_speak_chinese() {
    let mut harness = east_and_central(Lang::ZhCn);
    harness.get_by_label("集群：");
    harness.get_by_label("网格").click();
    harness.run();
    harness.get_by_label("由 2 个集群组成的网格");
    harness.get_by_label("操作手册的执行顺序");
    harness.get_by_label("跨集群");
    harness.get_by_label("网格的操作手册");
    let order = harness.state().mesh().expect("a mesh").order.clone();
    for ordered in &order {
        harness.get_by_label(&ordered.reason);
    }
    harness.get_by_label("重命名 central");
    harness.get_by_label("移除 central");
    for english in [
        "Clusters:",
        "Mesh",
        "Order of the runbooks",
        "Rename central",
    ] {
        assert!(!shows(&harness, english), "{english} is shown");
    }
}

#[test]
fn a_cluster_is_renamed_and_a_name_that_is_no_label_is_refused() {
    let mut harness = east_and_central(Lang::En);
    harness.get_by_label("Rename central").click();
    harness.run();
    let field = harness.get_by_label("New name of central");
    field.click();
    harness.run();
    // The field holds the old name: select it all and type the new one.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("New name of central")
        .type_text("Central");
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    harness.get_by_label_contains("the cluster name \"Central\" is not a DNS-1123 label");
    assert_eq!(harness.state().cluster_names(), ["east", "central"]);
    // West is another cluster's name.
    harness
        .state_mut()
        .rename_cluster(1, "east", 0.0)
        .expect_err("east is taken");
    harness
        .state_mut()
        .rename_cluster(1, "west", 0.0)
        .expect("west is free");
    settle(&mut harness);
    assert_eq!(harness.state().cluster_names(), ["east", "west"]);
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(
        outcome.plan.vars.name(Target::Cluster),
        "K8S_KUBECONFIG_WEST"
    );
    harness.get_by_label("Rename west");
}

#[test]
fn removing_the_second_cluster_gives_back_the_one_cluster_app() {
    let mut harness = east_and_central(Lang::En);
    harness.get_by_label("Mesh").click();
    harness.run();
    harness.get_by_label("Remove central").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().cluster_names(), ["east"]);
    assert!(harness.state().mesh().is_none());
    assert_eq!(harness.state().view(), View::Overview);
    assert!(!shows(&harness, "Clusters:"));
    assert!(!shows(&harness, "Mesh"));
    let outcome = harness.state().outcome().expect("outcome");
    assert_eq!(outcome.plan.vars.name(Target::Cluster), "K8S_KUBECONFIG");
    harness.get_by_label(EAST_ROOT);
}

#[test]
fn three_clusters_are_one_mesh_and_a_new_name_must_be_free() {
    let mut harness = east_and_central(Lang::En);
    let taken = harness.state_mut().add_cluster("central", west(), 0.0);
    assert!(
        taken.as_ref().is_err_and(|e| e.contains("given twice")),
        "{taken:?}"
    );
    harness
        .state_mut()
        .add_cluster("west", west(), 0.0)
        .expect("west is free");
    settle(&mut harness);
    assert_eq!(harness.state().cluster_names(), ["east", "central", "west"]);
    let mesh = harness.state().mesh().expect("a mesh");
    assert_eq!(mesh.order.len(), 3);
    assert_eq!(harness.state().outcomes().count(), 3);
    harness.get_by_label("Mesh").click();
    harness.run();
    harness.get_by_label("Mesh of 3 clusters");
}

#[test]
fn adding_a_cluster_starts_from_the_inputs_tab_and_checks_its_name_first() {
    let mut harness = harness_of(App::default());
    harness.state_mut().load(Slot::Cluster, east(), 0.0);
    settle(&mut harness);
    harness.state_mut().set_view(View::Inputs);
    harness.run();
    assert!(!shows(&harness, "Clusters:"));
    harness.get_by_label("Add another cluster…").click();
    harness.run();
    // The bar opens with a free name to start from.
    harness.get_by_label("Clusters:");
    let field = harness.get_by_label("Name of the new cluster");
    assert_eq!(field.value().as_deref(), Some("cluster-2"));
    field.click();
    harness.run();
    harness
        .get_by_label("Name of the new cluster")
        .type_text("_x");
    harness.run();
    // A name that is no cluster name is refused before any dialog opens.
    harness.get_by_label("Open its files…").click();
    harness.run();
    harness.get_by_label_contains("is not a DNS-1123 label");
    assert_eq!(harness.state().cluster_names(), ["cluster-1"]);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!shows(&harness, "Clusters:"));
}

#[test]
fn saving_a_meshs_runbooks_writes_each_clusters_folder_and_never_into_an_existing_one() {
    let dir = std::env::temp_dir().join(format!("istio2asm-app-mesh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let files = vec![
        ("README.md".to_string(), "# mesh\n".to_string()),
        ("east/runbook.md".to_string(), "# east\n".to_string()),
        ("east/runbook.sh".to_string(), "#!/bin/sh\n".to_string()),
    ];
    let status = istio2asm_app::files::write_all(&dir, &files);
    assert!(
        matches!(status, istio2asm_app::app::Status::Wrote { count: 3, .. }),
        "{status:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("east/runbook.md")).expect("written"),
        "# east\n"
    );
    // Again: the README and the east folder are there, so nothing is written.
    let status = istio2asm_app::files::write_all(&dir, &files);
    match status {
        istio2asm_app::app::Status::NothingWritten { existing, .. } => {
            assert_eq!(existing, ["README.md", "east"]);
        }
        other => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
