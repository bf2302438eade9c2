//! Several clusters in one analysis, on the multi-cluster fixtures (`tests/fixtures/multicluster`,
//! see its README): the three-cluster mesh east/west/central, where central is broken on purpose,
//! and Istio's own multi-cluster analyzer data.

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// fixtures from disk, so it needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use istio2asm_core::clusters::{analyze_clusters, ClusterInput, Mesh};
use istio2asm_core::detect::ClusterRole;
use istio2asm_core::{Code, Input, Settings, Severity};

/// Every file of `tests/fixtures/multicluster/DIR` as one cluster's inputs, named by their path
/// under `tests/fixtures`.
fn cluster(name: &str, dir: &str) -> ClusterInput {
    let root = common::repo_fixtures().join("multicluster").join(dir);
    let files = common::files_under(&root);
    let inputs = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let shown = path
                .strip_prefix(common::repo_fixtures())
                .unwrap_or(path)
                .display()
                .to_string();
            Input::new(shown, bytes)
        })
        .collect();
    ClusterInput {
        name: name.into(),
        inputs,
    }
}

fn three() -> Mesh {
    let settings = Settings {
        asm_version: Some("1.24.6".into()),
        ..Settings::default()
    };
    analyze_clusters(
        vec![
            cluster("east", "east"),
            cluster("west", "west"),
            cluster("central", "central"),
        ],
        Vec::new(),
        &settings,
    )
}

fn codes(mesh: &Mesh) -> Vec<(Code, Severity, Vec<String>)> {
    mesh.findings
        .iter()
        .map(|f| (f.finding.code, f.finding.severity, f.clusters.clone()))
        .collect()
}

#[test]
fn the_three_cluster_mesh_reports_what_is_broken_in_central() {
    let mesh = three();
    for member in &mesh.clusters {
        assert_eq!(
            member.identity.role,
            ClusterRole::Primary,
            "{}",
            member.name
        );
    }
    let ids: Vec<_> = mesh
        .clusters
        .iter()
        .map(|m| m.identity.cluster_id.as_ref().map(|n| n.value.as_str()))
        .collect();
    assert_eq!(ids, [Some("east"), Some("west"), Some("west")]);
    let found = codes(&mesh);
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for expected in [
        (
            Code::Mig801,
            Severity::Warning,
            s(&["east", "west", "central"]),
        ),
        (Code::Mig802, Severity::Error, s(&["west", "central"])),
        (
            Code::Mig803,
            Severity::Error,
            s(&["east", "west", "central"]),
        ),
        (
            Code::Mig805,
            Severity::Error,
            s(&["east", "west", "central"]),
        ),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:#?}");
    }
    // central names east nowhere in its secrets: reported; east and west hold one for central.
    let missing: Vec<&str> = mesh
        .findings
        .iter()
        .filter(|f| f.finding.code == Code::Mig804)
        .map(|f| f.finding.message.as_str())
        .collect();
    assert!(
        missing
            .iter()
            .any(|m| m.starts_with("central holds no remote secret for east")),
        "{missing:#?}"
    );
    let order: Vec<&str> = mesh.order.iter().map(|o| o.cluster.as_str()).collect();
    assert_eq!(order, ["east", "west", "central"]);
}

#[test]
fn istios_inconsistent_service_data_loads_cleanly_as_two_clusters() {
    let dir = "upstream/analyzers/multicluster";
    let mesh = analyze_clusters(
        vec![
            ClusterInput {
                name: "cluster1".into(),
                inputs: vec![common::fixture_input(
                    &format!("multicluster/{dir}"),
                    "inconsistent-service-1.yaml",
                )],
            },
            ClusterInput {
                name: "cluster2".into(),
                inputs: vec![common::fixture_input(
                    &format!("multicluster/{dir}"),
                    "inconsistent-service-2.yaml",
                )],
            },
        ],
        Vec::new(),
        &Settings::default(),
    );
    for member in &mesh.clusters {
        assert!(
            member.analysis.findings.iter().all(|f| !matches!(
                f.code,
                Code::Mig001 | Code::Mig002 | Code::Mig005 | Code::Mig006
            )),
            "{}: {:#?}",
            member.name,
            member.analysis.findings
        );
        assert_eq!(member.analysis.bundle.services.len(), 6);
        assert_eq!(member.identity.role, ClusterRole::Unknown);
    }
    // Services only, no Istio: nothing to compare across the clusters.
    assert_eq!(codes(&mesh), []);
}
