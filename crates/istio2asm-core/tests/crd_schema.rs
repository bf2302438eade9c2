//! The CRD schema oracle: every Istio object the plan writes is validated against the schema of
//! the CRD version its apiVersion names (Istio's own `crd-all.gen.yaml`, see
//! `tests/fixtures/upstream-istio`), by the validator in `common/crd_schema.rs`. The validator
//! is tested first on broken objects, so that its acceptance means something.

// Core's clippy.toml forbids files in the library, which must stay pure. These tests read Istio's
// CRDs and the sample manifests from disk, so they need that door.
#![allow(clippy::disallowed_methods)]

mod common;

use common::cluster::{istiod, SERVER_VERSION};
use common::crd_schema::{validate_istio_object, validate_plan_files};
use common::{analyze_texts, demo_analysis, read, settled_cr, upstream, yaml_documents};
use istio2asm_core::phase::State;
use istio2asm_core::plan;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------

/// A VirtualService the validator must accept.
const GOOD_VS: &str = r#"apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
  namespace: shop
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
      uri:
        prefix: /news
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 90
    - destination:
        host: istio-asm-egressgateway.istio-system.svc.cluster.local
        port:
          number: 80
      weight: 10
    timeout: 5s
"#;

/// A change that breaks a valid object.
type Breakage = Box<dyn Fn(&mut Value)>;

#[test]
fn the_validator_rejects_broken_virtual_services() {
    let good = yaml_documents(GOOD_VS).remove(0);
    assert_eq!(validate_istio_object(&good), Vec::<String>::new());
    // Each breakage, and a word the error must contain.
    let broken: Vec<(&str, Breakage, &str)> = vec![
        (
            "unknown field",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["destinaton"] = json!({"host": "x"})
            }),
            "spec.http[0].route[0].destinaton: unknown field",
        ),
        (
            "weight as a string",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["route"][0]["weight"] = json!("90")),
            "spec.http[0].route[0].weight: expected integer",
        ),
        (
            "weight over int32",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["weight"] = json!(4_294_967_296_i64)
            }),
            "is not a valid int32",
        ),
        (
            "hosts as a string",
            Box::new(|vs: &mut Value| vs["spec"]["hosts"] = json!("edition.cnn.com")),
            "spec.hosts: expected array",
        ),
        (
            "destination without host",
            Box::new(|vs: &mut Value| {
                if let Some(d) = vs["spec"]["http"][0]["route"][1]["destination"].as_object_mut() {
                    d.remove("host");
                }
            }),
            "the required field host is missing",
        ),
        (
            "port number over uint32 (the schema's maximum)",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["route"][0]["destination"]["port"]["number"] =
                    json!(4_294_967_296_i64)
            }),
            "above the maximum",
        ),
        (
            "exact and prefix at once",
            Box::new(|vs: &mut Value| {
                vs["spec"]["http"][0]["match"][0]["uri"]["exact"] = json!("/news")
            }),
            "oneOf",
        ),
        (
            "unknown field at the top of spec",
            Box::new(|vs: &mut Value| vs["spec"]["routes"] = json!([])),
            "spec.routes: unknown field",
        ),
        (
            "timeout below 1ms",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["timeout"] = json!("0s")),
            "duration(self)",
        ),
        (
            "timeout not a duration",
            Box::new(|vs: &mut Value| vs["spec"]["http"][0]["timeout"] = json!(5)),
            "expected string",
        ),
        (
            "server-owned metadata",
            Box::new(|vs: &mut Value| vs["metadata"]["resourceVersion"] = json!("42")),
            "metadata.resourceVersion",
        ),
        (
            "status",
            Box::new(|vs: &mut Value| vs["status"] = json!({})),
            "top-level field status",
        ),
        (
            "a version no CRD defines",
            Box::new(|vs: &mut Value| vs["apiVersion"] = json!("networking.istio.io/v2")),
            "no Istio CRD defines",
        ),
    ];
    for (what, breaker, expected) in broken {
        let mut vs = good.clone();
        breaker(&mut vs);
        let errors = validate_istio_object(&vs);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{what}: expected an error containing {expected:?}, got {errors:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The plan's Istio YAML against the schemas
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_plan_istio_yaml_matches_the_crd_schemas() {
    let analysis = demo_analysis();
    let plan = plan::plan(&analysis, false);
    let validated = validate_plan_files(&plan);

    let in_bundle = validated
        .iter()
        .filter(|(file, _, _)| file == "istio-api-bundle.yaml")
        .count();
    assert_eq!(
        in_bundle,
        analysis.bundle.istio.len(),
        "every bundle object"
    );
    assert_eq!(in_bundle, 18);
    let egress: Vec<_> = validated
        .iter()
        .filter(|(file, _, _)| file.starts_with("egress-"))
        .collect();
    let egress_files = plan
        .files()
        .filter(|f| f.name.starts_with("egress-"))
        .count();
    assert_eq!(
        egress.len(),
        egress_files,
        "one Istio object per egress file"
    );
    // 2 rollback originals + 4 weights, for the cluster and for ASM, and the ASM Gateway.
    assert_eq!(egress.len(), 11);
    for (file, api_version, kind) in &egress {
        let expected_kind = if file.ends_with("-asm-gateway.yaml") {
            "Gateway"
        } else {
            "VirtualService"
        };
        assert_eq!(kind, expected_kind, "{file}");
        if file.contains("-asm-") {
            assert_eq!(
                api_version, "networking.istio.io/v1",
                "{file}: ASM serves v1"
            );
        } else {
            assert_eq!(
                api_version, "networking.istio.io/v1beta1",
                "{file}: what the cluster (Istio 1.22) exported"
            );
        }
    }
}

#[test]
fn old_istio_keeps_the_api_version_the_cluster_serves() {
    for sample in [
        "egress-gateway-http.istio-api.v1alpha3.yaml",
        // The same documents as networking.istio.io/v1, which Istio 1.20 does not serve: the
        // cluster-side files must fall back to a version it serves.
        "egress-gateway-http.istio-api.v1.yaml",
    ] {
        let path = upstream().join("samples/egress-gateway").join(sample);
        let text = read(&path);
        let istiod = istiod("1.20.0");
        let cr = settled_cr("Migrating");
        let analysis = analyze_texts(&[
            (sample, text.as_str()),
            ("istiod.yaml", istiod.as_str()),
            ("version.yaml", SERVER_VERSION),
            ("asm-migrate.yaml", cr.as_str()),
        ]);
        assert_eq!(analysis.migration.state, State::Migrating);
        assert_eq!(
            analysis.facts.lowest_istio().map(|v| v.raw.as_str()),
            Some("1.20.0")
        );
        let plan = plan::plan(&analysis, false);
        let validated = validate_plan_files(&plan);
        let egress: Vec<_> = validated
            .iter()
            .filter(|(file, _, _)| file.starts_with("egress-"))
            .collect();
        assert_eq!(egress.len(), 11, "{sample}: {egress:?}");
        for (file, api_version, _) in &egress {
            if file.contains("-cluster-") {
                assert_ne!(
                    api_version, "networking.istio.io/v1",
                    "{sample}: {file}: Istio 1.20 does not serve networking.istio.io/v1"
                );
                assert!(
                    matches!(
                        api_version.as_str(),
                        "networking.istio.io/v1alpha3" | "networking.istio.io/v1beta1"
                    ),
                    "{sample}: {file}: {api_version}"
                );
                if sample.contains("v1alpha3") {
                    assert_eq!(
                        api_version, "networking.istio.io/v1alpha3",
                        "{file}: the version the cluster exported"
                    );
                }
            } else {
                assert_eq!(api_version, "networking.istio.io/v1", "{sample}: {file}");
            }
        }
    }
}
