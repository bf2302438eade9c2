//! What the plan holds in each phase, on the phase fixtures (`common/phase_fixtures.rs`): the
//! steps of the current phase, in order, and the commands that matter in them.

// Core's clippy.toml forbids files in the library, which must stay pure. The egress fixture's
// files are checked against Istio's CRDs, read from disk, so this needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use common::cluster::analyze_fixture;
use common::crd_schema::validate_plan_files;
use common::phase_fixtures::{
    finished_leftovers, init_eastwest, migrating_all_asm, migrating_egress, setup_restarts,
};
use common::vars;
use istio2asm_core::kubectl::Command;
use istio2asm_core::plan::{self, Plan};
use istio2asm_core::state::State;

/// The ids of a phase's steps.
fn step_ids(plan: &Plan, state: State) -> Vec<&str> {
    plan.phase(state)
        .map(|p| p.steps.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn phase_fixtures_plan_what_each_phase_needs() {
    let init = plan::plan(&analyze_fixture(&init_eastwest()), false);
    assert_eq!(init.current, State::Init);
    assert_eq!(
        step_ids(&init, State::Init),
        vec![
            "eastwest-label-reconciliation",
            "istio-system-injection-label",
            "switch-setup-istio-for-migrate"
        ]
    );

    let setup = plan::plan(&analyze_fixture(&setup_restarts()), false);
    assert_eq!(setup.current, State::SetupIstioForMigrate);
    assert_eq!(
        step_ids(&setup, State::SetupIstioForMigrate),
        vec![
            "mesh-config-xds-agent",
            "restart-wave-1",
            "restart-wave-2",
            "restart-manual",
            "roots-of-trust",
            "switch-migrating"
        ]
    );
    let manual = &setup
        .phase(State::SetupIstioForMigrate)
        .unwrap_or_else(|| unreachable!())
        .steps[3];
    let deletes: Vec<String> = manual
        .commands
        .iter()
        .map(|c| c.render(&vars()))
        .filter(|c| c.contains(" delete pod "))
        .collect();
    assert_eq!(
        deletes,
        vec![
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod redis-1"#,
            r#"kubectl --kubeconfig="${K8S_KUBECONFIG}" -n shop delete pod redis-0"#,
        ],
        "highest ordinal first"
    );

    let egress = plan::plan(&analyze_fixture(&migrating_egress()), false);
    assert_eq!(egress.current, State::Migrating);
    let ids = step_ids(&egress, State::Migrating);
    assert!(
        ids.contains(&"egress-shop-direct-cnn-through-egress-gateway-100-asm"),
        "{ids:?}"
    );
    validate_plan_files(&egress);

    let all_asm = plan::plan(&analyze_fixture(&migrating_all_asm()), false);
    assert_eq!(
        step_ids(&all_asm, State::Migrating),
        vec!["uninstall-istio", "switch-finished"]
    );
    let uninstall = &all_asm
        .phase(State::Migrating)
        .unwrap_or_else(|| unreachable!())
        .steps[0];
    assert_eq!(
        uninstall.commands,
        vec![Command::istioctl("x uninstall").args(["--purge", "-y"])],
        "Istio 1.14 needs `istioctl x uninstall`"
    );

    let finished = plan::plan(&analyze_fixture(&finished_leftovers()), false);
    assert_eq!(finished.current, State::Finished);
    let cleanup: Vec<String> = finished
        .phase(State::Finished)
        .into_iter()
        .flat_map(|p| &p.steps)
        .flat_map(|s| &s.commands)
        .map(|c| c.render(&vars()))
        .collect();
    assert!(
        cleanup
            .iter()
            .any(|c| c.contains("delete mutatingwebhookconfiguration istio-sidecar-injector")),
        "{cleanup:#?}"
    );
    assert!(
        cleanup
            .iter()
            .any(|c| c
                .contains("delete validatingwebhookconfiguration istio-validator-istio-system")),
        "{cleanup:#?}"
    );
    assert!(
        cleanup
            .iter()
            .all(|c| !c.contains("customresourcedefinition") && !c.contains(" crd")),
        "never delete the *.istio.io CRDs: {cleanup:#?}"
    );
}
