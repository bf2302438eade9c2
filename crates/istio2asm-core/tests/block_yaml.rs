//! The fast YAML reader (`src/block_yaml.rs`) against serde_yaml: on every YAML fixture, the
//! demo cluster, every saved fuzz input and a generated kubectl-style export, each document and
//! each List item the fast reader takes must read the same under serde_yaml. And it must take
//! kubectl's output: the generated export and the demo are read by it whole.

// Core's clippy.toml forbids files in the library, which must stay pure. These tests read their
// fixtures from disk, so they need that door.
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use istio2asm_core::load::fast_reader_agrees;
use istio2asm_core::{demo, Limits};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("{} is missing", dir.display());
    };
    for entry in entries {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn max_depth() -> usize {
    Limits::default().max_depth
}

#[test]
fn agrees_with_serde_yaml_on_every_fixture_and_fuzz_input() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let mut taken = 0;
    let mut checked = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        // Fuzz inputs start with a byte that chooses what the harness does; the rest is text too.
        let text = String::from_utf8_lossy(&bytes);
        for text in [&text[..], text.get(1..).unwrap_or("")] {
            match fast_reader_agrees(text, max_depth()) {
                Ok(n) => taken += n,
                Err(disagreement) => panic!("{}: {disagreement}", path.display()),
            }
        }
        checked += 1;
    }
    assert!(checked > 900, "{checked} files");
    assert!(taken > 200, "the fast reader took only {taken} documents");
}

#[test]
fn reads_the_demo_cluster_whole() {
    for input in demo::inputs() {
        let text = String::from_utf8(input.bytes.clone()).expect("utf-8");
        if text.trim_start().starts_with('{') {
            continue;
        }
        let taken = fast_reader_agrees(&text, max_depth()).expect("agrees");
        let documents = text.matches("\n---").count();
        assert!(
            taken >= documents,
            "{}: took {taken} of about {documents} documents",
            input.name
        );
    }
}

#[test]
fn reads_kubectl_output_whole() {
    // The shapes kubectl prints: compact sequences, quoted strings, block scalars, empty
    // collections, status blocks, the injected sidecar's JSON annotation.
    let pod = r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    istio.io/rev: default
    kubectl.kubernetes.io/default-container: app
    prometheus.io/port: "15020"
    sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket"],"revision":"default"}'
  creationTimestamp: "2025-01-02T03:04:05Z"
  generateName: web-5d9c8b7f6-
  labels:
    app: web
    security.istio.io/tlsMode: istio
  name: web-5d9c8b7f6-abcde
  namespace: shop
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: web-5d9c8b7f6
    uid: 0b1bce67-296a-600c-cbc5-00546f32d78f
spec:
  containers:
  - args:
    - proxy
    - sidecar
    - --domain
    - $(POD_NAMESPACE).svc.cluster.local
    env:
    - name: PROXY_CONFIG
      value: |
        {"holdApplicationUntilProxyStarts":true}
    - name: ISTIO_META_APP_CONTAINERS
      value: app
    image: docker.io/istio/proxyv2:1.22.3
    lifecycle:
      postStart:
        exec:
          command:
          - pilot-agent
          - wait
    resources: {}
    securityContext:
      capabilities:
        drop:
        - ALL
  volumes:
  - emptyDir: {}
    name: workload-socket
  tolerations: []
status:
  conditions:
  - lastProbeTime: null
    status: "True"
    type: Ready
  phase: Running
  podIP: 10.0.16.132
"#;
    assert_eq!(fast_reader_agrees(pod, max_depth()), Ok(1));
    let list = format!(
        "apiVersion: v1\nitems:\n{}kind: List\nmetadata:\n  resourceVersion: \"\"\n",
        [pod, pod]
            .iter()
            .map(|p| {
                let mut item = String::new();
                for (i, line) in p.lines().enumerate() {
                    item.push_str(if i == 0 { "- " } else { "  " });
                    item.push_str(line);
                    item.push('\n');
                }
                item
            })
            .collect::<String>()
    );
    // The List as a whole, and each of its two items.
    assert_eq!(fast_reader_agrees(&list, max_depth()), Ok(3));
}
