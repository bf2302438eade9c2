//! App benchmarks (a bench binary, not a test): `cargo bench -p istio2asm-app --bench ui`.
//!
//! 1. Time to first results natively: what the app does when an export is loaded (analyse, plan,
//!    build the workloads table) on a generated export of about 10 MB, off the UI thread.
//! 2. Frame time while scrolling the workloads table with 10,000 rows: the egui pass (layout and
//!    tessellation) of each frame, measured headless with egui_kittest (no GPU upload).
//!
//! The export is `bench-data/app-10mb.yaml`, written by this bench when missing (git-ignored).
//! Results are printed as a Markdown table for docs/performance.md.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A bench fails loudly on a broken premise.

use std::path::PathBuf;
use std::time::Instant;

use egui_kittest::Harness;
use istio2asm_app::app::{Outcome, Slot, View};
use istio2asm_app::App;
use istio2asm_core::detect::{Flavor, OwnerKind};
use istio2asm_core::inject::Sidecar;
use istio2asm_core::model::WorkloadKind;
use istio2asm_core::progress::{AgentCoverage, Dataplane, ProxyVersion, Wave, WorkloadRow};
use istio2asm_core::risk::Risks;
use istio2asm_core::{demo, Input};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A kubectl-style List of `n` injected pods in Deployments of five, about 10 KB per pod.
fn generate(n: usize) -> String {
    let mut out = String::from("apiVersion: v1\nitems:\n");
    for i in 0..n {
        let ns = format!("team-{}", i % 40);
        let deploy = format!("svc-{}", i / 5);
        let hash = format!("{:010x}", (i / 5) * 7919 + 17);
        let hash = &hash[..10];
        if i % 5 == 0 {
            out.push_str(&format!(
                "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: {deploy}\n    namespace: {ns}\n    uid: d-{i}\n  spec:\n    replicas: 5\n    selector:\n      matchLabels:\n        app: {deploy}\n    strategy:\n      type: RollingUpdate\n    template:\n      metadata:\n        labels:\n          app: {deploy}\n      spec:\n        containers:\n        - image: registry.example.com/{deploy}:1.0\n          name: app\n          ports:\n          - containerPort: 8080\n            name: http\n"
            ));
        }
        out.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    annotations:\n      sidecar.istio.io/status: '{{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],\"volumes\":[\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],\"imagePullSecrets\":null,\"revision\":\"default\"}}'\n    labels:\n      app: {deploy}\n      pod-template-hash: {hash}\n      security.istio.io/tlsMode: istio\n    name: {deploy}-{hash}-p{i:05}\n    namespace: {ns}\n    ownerReferences:\n    - apiVersion: apps/v1\n      controller: true\n      kind: ReplicaSet\n      name: {deploy}-{hash}\n      uid: rs-{i}\n  spec:\n    containers:\n    - image: registry.example.com/{deploy}:1.0\n      name: app\n      ports:\n      - containerPort: 8080\n        name: http\n        protocol: TCP\n      resources:\n        limits:\n          cpu: '1'\n          memory: 512Mi\n        requests:\n          cpu: 100m\n          memory: 128Mi\n"
        ));
        out.push_str("    - args:\n      - proxy\n      - sidecar\n      - --domain\n      - $(POD_NAMESPACE).svc.cluster.local\n      - --proxyLogLevel=warning\n      env:\n");
        for (name, value) in [
            ("PILOT_CERT_PROVIDER", "istiod"),
            ("CA_ADDR", "istiod.istio-system.svc:15012"),
            ("PROXY_CONFIG", "{}"),
            ("ISTIO_META_CLUSTER_ID", "Kubernetes"),
            ("ISTIO_META_MESH_ID", "cluster.local"),
            ("TRUST_DOMAIN", "cluster.local"),
            ("ISTIO_META_INTERCEPTION_MODE", "REDIRECT"),
            ("ISTIO_META_WORKLOAD_NAME", deploy.as_str()),
        ] {
            out.push_str(&format!(
                "      - name: {name}\n        value: \"{value}\"\n"
            ));
        }
        for field in [
            "metadata.name",
            "metadata.namespace",
            "status.podIP",
            "spec.serviceAccountName",
            "status.hostIP",
        ] {
            out.push_str(&format!("      - name: FIELD_{}\n        valueFrom:\n          fieldRef:\n            fieldPath: {field}\n", field.replace('.', "_").to_uppercase()));
        }
        out.push_str("      image: docker.io/istio/proxyv2:1.22.3\n      name: istio-proxy\n      ports:\n      - containerPort: 15090\n        name: http-envoy-prom\n        protocol: TCP\n      readinessProbe:\n        failureThreshold: 4\n        httpGet:\n          path: /healthz/ready\n          port: 15021\n        periodSeconds: 15\n      resources:\n        limits:\n          cpu: '2'\n          memory: 1Gi\n        requests:\n          cpu: 100m\n          memory: 128Mi\n      securityContext:\n        allowPrivilegeEscalation: false\n        readOnlyRootFilesystem: true\n        runAsGroup: 1337\n        runAsNonRoot: true\n        runAsUser: 1337\n      volumeMounts:\n");
        for (mount, path) in [
            ("workload-socket", "/var/run/secrets/workload-spiffe-uds"),
            ("istiod-ca-cert", "/var/run/secrets/istio"),
            ("istio-data", "/var/lib/istio/data"),
            ("istio-envoy", "/etc/istio/proxy"),
            ("istio-token", "/var/run/secrets/tokens"),
            ("istio-podinfo", "/etc/istio/pod"),
        ] {
            out.push_str(&format!(
                "      - mountPath: {path}\n        name: {mount}\n"
            ));
        }
        out.push_str("    initContainers:\n    - args:\n      - istio-iptables\n      - -p\n      - '15001'\n      - -z\n      - '15006'\n      image: docker.io/istio/proxyv2:1.22.3\n      name: istio-init\n    nodeName: node-1\n    volumes:\n    - emptyDir: {}\n      name: workload-socket\n    - emptyDir:\n        medium: Memory\n      name: istio-envoy\n    - emptyDir: {}\n      name: istio-data\n    - downwardAPI:\n        items:\n        - fieldRef:\n            fieldPath: metadata.labels\n          path: labels\n      name: istio-podinfo\n    - name: istio-token\n      projected:\n        sources:\n        - serviceAccountToken:\n            audience: istio-ca\n            expirationSeconds: 43200\n            path: istio-token\n    - configMap:\n        name: istio-ca-root-cert\n      name: istiod-ca-cert\n  status:\n    conditions:\n    - lastTransitionTime: '2025-06-10T07:15:33Z'\n      status: 'True'\n      type: Ready\n    - lastTransitionTime: '2025-06-10T07:15:33Z'\n      status: 'True'\n      type: ContainersReady\n    hostIP: 10.0.0.1\n    phase: Running\n    podIP: 10.1.0.1\n    qosClass: Burstable\n    startTime: '2025-06-10T07:15:30Z'\n");
    }
    out.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    out
}

fn export() -> (String, Vec<u8>) {
    let path = root().join("bench-data/app-10mb.yaml");
    if let Ok(bytes) = std::fs::read(&path) {
        return (path.display().to_string(), bytes);
    }
    let text = generate(2500);
    let _ = std::fs::create_dir_all(root().join("bench-data"));
    let _ = std::fs::write(&path, &text);
    (path.display().to_string(), text.into_bytes())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--write-export") {
        let (path, bytes) = export();
        println!("{path}: {} bytes", bytes.len());
        return;
    }
    let (path, bytes) = export();
    let megabytes = bytes.len() as f64 / 1e6;

    // 1. Time to first results: load, analyse, plan, build the table (best of 3).
    let mut load = Vec::new();
    for _ in 0..3 {
        let mut app = App::default();
        let start = Instant::now();
        app.load(
            Slot::Cluster,
            vec![Input::new(path.clone(), bytes.clone())],
            0.0,
        );
        app.finish_now();
        load.push(start.elapsed().as_secs_f64());
        assert!(app
            .analysis()
            .is_some_and(|a| a.bundle.object_count() > 1000));
    }
    let first_results = load.iter().copied().fold(f64::INFINITY, f64::min);

    // 2. Frame time while scrolling 10,000 rows.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.ui_contents(ui), App::default());
    {
        let app = harness.state_mut();
        app.set_view(View::Workloads);
        let mut outcome = Outcome::compute(demo::inputs(), Vec::new(), app.settings(), false, None);
        outcome.rows = (0..10_000)
            .map(|i| WorkloadRow {
                namespace: format!("team-{}", i % 40),
                kind: OwnerKind::Workload(WorkloadKind::Deployment),
                name: format!("svc-{i:05}"),
                replicas: Some(3),
                proxy: ProxyVersion::One {
                    flavor: Flavor::Istio,
                    tag: "1.22.3".into(),
                },
                xds_agent: if i % 3 == 0 {
                    AgentCoverage::Missing
                } else {
                    AgentCoverage::All
                },
                risks: Some(Risks {
                    no_pdb: true,
                    no_pre_stop: true,
                    ..Risks::default()
                }),
                wave: Some(Wave {
                    namespace: format!("team-{}", i % 40),
                    number: i / 400 + 1,
                }),
                dataplane: Dataplane::Sidecar,
                next_restart: Sidecar::Istio(None),
                after_switch: Some(Sidecar::Asm),
            })
            .collect();
        app.show_outcome(outcome);
    }
    harness.run();
    harness.hover_at(egui::pos2(640.0, 400.0));
    let mut frames = Vec::new();
    for _ in 0..240 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        let start = Instant::now();
        harness.step();
        frames.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let worst = frames.iter().copied().fold(0.0, f64::max);
    println!("| measurement | value |\n|---|---|");
    println!(
        "| export | {megabytes:.1} MB, {} objects |",
        count_objects(&bytes)
    );
    println!(
        "| native time to first results (load + analyse + plan + table), best of 3 | {:.0} ms |",
        first_results * 1000.0
    );
    println!(
        "| frame time scrolling 10,000 rows, median of 240 frames | {:.2} ms |",
        median(frames.clone())
    );
    println!("| frame time scrolling 10,000 rows, worst frame | {worst:.2} ms |");
}

fn count_objects(bytes: &[u8]) -> usize {
    bytes
        .windows(14)
        .filter(|w| w == b"\n- apiVersion:")
        .count()
}
