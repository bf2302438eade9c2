//! The CRD schema oracle: every Istio object the plan writes is validated against the schema of
//! the CRD version its apiVersion names (Istio's own `crd-all.gen.yaml`, see
//! `tests/fixtures/upstream-istio`), by the validator in `common/crd_schema.rs`. The validator
//! is tested first, piece by piece and on broken objects, so that its acceptance means something.

// Core's clippy.toml forbids files in the library, which must stay pure. These tests read Istio's
// CRDs and the sample manifests from disk, so they need that door.
#![allow(clippy::disallowed_methods)]

mod common;

use common::cluster::{istiod, SERVER_VERSION};
use common::crd_schema::{
    at_most_one_of, cel_rule, go_duration, is_base64, is_date_time, is_integer, pattern_matches,
    type_name, validate, validate_istio_object, validate_plan_files,
};
use common::{analyze_texts, demo_analysis, read, settled_cr, upstream, yaml_documents};
use istio2asm_core::plan;
use istio2asm_core::state::State;
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

/// Each JSON type by the name a schema's `type` gives it; integers are numbers without a
/// fraction, whatever their size.
#[test]
fn values_are_typed_as_the_schema_names_them() {
    let cases = [
        (json!(null), "null", false),
        (json!(true), "boolean", false),
        (json!(7), "integer", true),
        (json!(-7), "integer", true),
        (json!(u64::MAX), "integer", true),
        (json!(1.5), "number", false),
        (json!(1.0), "number", false),
        (json!("7"), "string", false),
        (json!([7]), "array", false),
        (json!({"a": 7}), "object", false),
    ];
    for (value, name, integer) in cases {
        assert_eq!(type_name(&value), name, "{value}");
        assert_eq!(is_integer(&value), integer, "{value}");
    }
}

/// Validates each value against `schema`: `None` expects no error, `Some(fragment)` an error
/// containing the fragment (errors are prefixed with the path, here `x`).
fn check_schema(schema: Value, cases: &[(Value, Option<&str>)]) {
    for (value, expected) in cases {
        let mut errors = Vec::new();
        validate(&schema, value, "x", &mut errors);
        match expected {
            None => assert_eq!(errors, Vec::<String>::new(), "{value} against {schema}"),
            Some(fragment) => assert!(
                errors.iter().any(|e| e.contains(fragment)),
                "{value} against {schema}: expected an error containing {fragment:?}, got {errors:?}"
            ),
        }
    }
}

#[test]
fn type_checks_accept_their_type_and_refuse_others() {
    check_schema(
        json!({"type": "integer"}),
        &[
            (json!(3), None),
            (json!(3.5), Some("x: expected integer, found number 3.5")),
            (json!("3"), Some("expected integer, found string")),
        ],
    );
    check_schema(
        json!({"type": "number"}),
        &[(json!(3), None), (json!(3.5), None)],
    );
    check_schema(
        json!({"type": "string"}),
        &[
            (json!("a"), None),
            (json!(1), Some("expected string, found integer")),
            (
                json!(null),
                Some("x: null where the schema does not allow it"),
            ),
        ],
    );
    check_schema(
        json!({"type": "string", "nullable": true}),
        &[(json!(null), None)],
    );
    check_schema(
        json!({"type": "boolean"}),
        &[
            (json!(false), None),
            (json!("false"), Some("expected boolean")),
        ],
    );
    check_schema(
        json!({"type": "object"}),
        &[
            (json!({}), None),
            (json!([]), Some("expected object, found array")),
        ],
    );
    check_schema(
        json!({"type": "array"}),
        &[
            (json!([]), None),
            (json!("a"), Some("expected array, found string")),
        ],
    );
    check_schema(
        json!({"x-kubernetes-int-or-string": true}),
        &[
            (json!(8080), None),
            (json!("http"), None),
            (
                json!(1.5),
                Some("expected an integer or a string, found number"),
            ),
        ],
    );
}

#[test]
fn formats_bounds_and_enums_are_checked() {
    check_schema(
        json!({"type": "integer", "format": "int32"}),
        &[
            (json!(2_147_483_647), None),
            (json!(-2_147_483_648_i64), None),
            (json!(2_147_483_648_i64), Some("is not a valid int32")),
        ],
    );
    check_schema(
        json!({"type": "integer", "format": "uint32"}),
        &[
            (json!(4_294_967_295_u64), None),
            (json!(-1), Some("is not a valid uint32")),
        ],
    );
    check_schema(
        json!({"type": "integer", "format": "int64"}),
        &[
            (json!(-1), None),
            (json!(u64::MAX), Some("is not a valid int64")),
        ],
    );
    check_schema(
        json!({"type": "number", "format": "double"}),
        &[(json!(0.5), None)],
    );
    check_schema(
        json!({"type": "string", "format": "date-time"}),
        &[
            (json!("2024-05-01T12:00:00Z"), None),
            (json!("2024-05-01"), Some("is not a valid date-time")),
        ],
    );
    check_schema(
        json!({"type": "string", "format": "byte"}),
        &[
            (json!("aGVsbG8="), None),
            (json!("hello"), Some("is not a valid byte")),
        ],
    );
    check_schema(
        json!({"type": "integer", "minimum": 1, "maximum": 3}),
        &[
            (json!(1), None),
            (json!(3), None),
            (json!(0), Some("below the minimum 1")),
            (json!(4), Some("above the maximum 3")),
        ],
    );
    check_schema(
        json!({"type": "string", "enum": ["A", "B"]}),
        &[
            (json!("B"), None),
            (json!("a"), Some(r#""a" is not one of ["A","B"]"#)),
        ],
    );
    check_schema(
        json!({"type": "string", "minLength": 2, "maxLength": 3}),
        &[
            (json!("ab"), None),
            (json!("a"), Some("is shorter than")),
            (json!("abcd"), Some("is longer than")),
        ],
    );
    // Lengths count characters, not bytes.
    check_schema(
        json!({"type": "string", "maxLength": 1}),
        &[(json!("中"), None)],
    );
    check_schema(
        json!({"type": "array", "minItems": 1, "maxItems": 1}),
        &[
            (json!([1]), None),
            (json!([]), Some("fewer than Some(1) items")),
            (json!([1, 2]), Some("more than Some(1) items")),
        ],
    );
    check_schema(
        json!({"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": true}),
        &[
            (json!({"a": 1}), None),
            (json!({}), Some("fewer than Some(1) fields")),
            (json!({"a": 1, "b": 2}), Some("more than Some(1) fields")),
        ],
    );
}

#[test]
fn objects_lists_and_combinators_follow_structural_schemas() {
    check_schema(
        json!({"type": "object", "properties": {"a": {"type": "string"}}}),
        &[
            (json!({"a": "x"}), None),
            (json!({"b": "x"}), Some("x.b: unknown field")),
            (json!({"a": 1}), Some("x.a: expected string")),
        ],
    );
    check_schema(
        json!({"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}),
        &[
            (json!({"a": 1}), None),
            (json!({}), Some("x: the required field a is missing")),
        ],
    );
    check_schema(
        json!({"type": "object", "additionalProperties": true}),
        &[(json!({"b": 1}), None)],
    );
    check_schema(
        json!({"type": "object", "additionalProperties": {"type": "string"}}),
        &[
            (json!({"b": "x"}), None),
            (json!({"b": 1}), Some("x.b: expected string")),
        ],
    );
    check_schema(
        json!({"type": "object", "x-kubernetes-preserve-unknown-fields": true}),
        &[(json!({"b": 1}), None)],
    );
    // A node without structure only constrains values; it does not prune unknown fields.
    check_schema(
        json!({"required": ["a"]}),
        &[(json!({"a": 1, "b": 2}), None)],
    );
    check_schema(
        json!({"type": "array", "items": {"type": "integer"}}),
        &[
            (json!([1, 2]), None),
            (json!([1, "2"]), Some("x[1]: expected integer")),
        ],
    );
    check_schema(
        json!({"type": "array", "x-kubernetes-list-type": "set"}),
        &[
            (json!(["a", "b"]), None),
            (json!(["a", "a"]), Some("duplicate items in a set")),
        ],
    );
    check_schema(
        json!({"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}),
        &[
            (json!([{"name": "a"}, {"name": "b"}]), None),
            (
                json!([{"name": "a"}, {"name": "a"}]),
                Some("duplicate list-map keys"),
            ),
        ],
    );
    // Istio's "at most one of", exactly as its CRDs write it.
    check_schema(
        json!({
            "type": "object",
            "properties": {"exact": {"type": "string"}, "prefix": {"type": "string"}},
            "oneOf": [
                {"not": {"anyOf": [{"required": ["exact"]}, {"required": ["prefix"]}]}},
                {"required": ["exact"]},
                {"required": ["prefix"]},
            ],
        }),
        &[
            (json!({}), None),
            (json!({"exact": "/a"}), None),
            (json!({"prefix": "/a"}), None),
            (
                json!({"exact": "/a", "prefix": "/b"}),
                Some("matches 2 of the oneOf alternatives"),
            ),
        ],
    );
    check_schema(
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
        &[
            (json!(1), None),
            (json!(true), Some("matches none of the anyOf alternatives")),
        ],
    );
    check_schema(
        json!({"allOf": [{"type": "integer"}, {"minimum": 2}]}),
        &[(json!(2), None), (json!(1), Some("below the minimum 2"))],
    );
    check_schema(
        json!({"not": {"type": "string"}}),
        &[
            (json!(1), None),
            (json!("a"), Some("matches a `not` schema")),
        ],
    );
}

#[test]
#[should_panic(expected = "the validator does not know the schema keyword \"patternProperties\"")]
fn an_unknown_schema_keyword_fails_the_test() {
    validate(
        &json!({"type": "object", "patternProperties": {}}),
        &json!({}),
        "x",
        &mut Vec::new(),
    );
}

#[test]
fn go_durations_are_read_in_nanoseconds() {
    let cases: &[(&str, Option<f64>)] = &[
        ("0", Some(0.0)),
        ("1ns", Some(1.0)),
        ("1us", Some(1e3)),
        ("1µs", Some(1e3)),
        ("1ms", Some(1e6)),
        ("100ms", Some(1e8)),
        ("5s", Some(5e9)),
        ("1.5s", Some(1.5e9)),
        ("1m", Some(60e9)),
        ("1m30s", Some(90e9)),
        ("1h2m3.5s", Some(3723.5e9)),
        ("-1s", Some(-1e9)),
        ("", None),
        ("-", None),
        ("5", None),
        ("s", None),
        ("1d", None),
        ("1s ", None),
    ];
    for (text, expected) in cases {
        assert_eq!(go_duration(text), *expected, "{text:?}");
    }
}

#[test]
fn the_four_patterns_of_istios_crds_are_written_out() {
    let dns = r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    let label = r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";
    let word = r"^[-_A-Za-z0-9]+$";
    let sha256 = r"(^$|^[a-f0-9]{64}$)";
    let cases: &[(&str, &str, bool)] = &[
        (dns, "", true),
        (dns, "a", true),
        (dns, "istio-system.svc.cluster.local", true),
        (dns, "9a-b.c0", true),
        (dns, "-a", false),
        (dns, "a-", false),
        (dns, "a..b", false),
        (dns, "A", false),
        (dns, "a_b", false),
        (label, "Http-80", true),
        (label, "a", true),
        (label, "", false),
        (label, "8080", false),
        (label, "a-", false),
        (label, "a.b", false),
        (word, "a-b_C9", true),
        (word, "", false),
        (word, "a b", false),
        (sha256, "", true),
        (sha256, &"0123456789abcdef".repeat(4), true),
        (sha256, &"0123456789ABCDEF".repeat(4), false),
        (sha256, "abc", false),
    ];
    for (pattern, text, expected) in cases {
        assert_eq!(
            pattern_matches(pattern, text),
            *expected,
            "{text:?} against {pattern}"
        );
    }
}

#[test]
#[should_panic(expected = "the validator does not know the pattern")]
fn an_unknown_pattern_fails_the_test() {
    pattern_matches("^[a-z]+$", "abc");
}

#[test]
fn date_times_are_rfc_3339() {
    let cases = [
        ("2006-01-02T15:04:05Z", true),
        ("2006-01-02t15:04:05z", true),
        ("2006-01-02T15:04:05.999999999Z", true),
        ("2006-01-02T15:04:05+08:00", true),
        ("2006-01-02T15:04:05-07:00", true),
        ("2006-01-02T15:04:05", false),
        ("2006-01-02 15:04:05Z", false),
        ("2006-1-02T15:04:05Z", false),
        ("2006-01-02T15:04Z", false),
        ("yesterday", false),
    ];
    for (text, expected) in cases {
        assert_eq!(is_date_time(text), expected, "{text:?}");
    }
}

#[test]
fn base64_is_the_standard_alphabet_with_padding() {
    let cases = [
        ("", true),
        ("aGVsbG8=", true),
        ("aGk=", true),
        ("aA==", true),
        ("YWJj", true),
        ("a+/b", true),
        ("aGVsbG8", false),
        ("a===", false),
        ("====", false),
        ("a-b_", false),
        ("aGV bG8=", false),
    ];
    for (text, expected) in cases {
        assert_eq!(is_base64(text), expected, "{text:?}");
    }
}

#[test]
fn the_cel_rules_istio_repeats_most_are_evaluated() {
    let cases: Vec<(&str, Value, Option<bool>)> = vec![
        (
            "duration(self) >= duration('1ms')",
            json!("1ms"),
            Some(true),
        ),
        ("duration(self) >= duration('1ms')", json!("5s"), Some(true)),
        (
            "duration(self) >= duration('1ms')",
            json!("999us"),
            Some(false),
        ),
        (
            "duration(self) >= duration('1ms')",
            json!("0s"),
            Some(false),
        ),
        (
            "duration(self) >= duration('1ms')",
            json!("soon"),
            Some(false),
        ),
        ("0 < self && self <= 65535", json!(80), Some(true)),
        ("0 < self && self <= 65535", json!(0), Some(false)),
        ("0 < self && self <= 65535", json!(65536), Some(false)),
        ("!self.contains(\"*\")", json!("a.example.com"), Some(true)),
        ("!self.contains(\"*\")", json!("*.example.com"), Some(false)),
        ("self != \"*\"", json!("*.example.com"), Some(true)),
        ("self != \"*\"", json!("*"), Some(false)),
        ("self.size() == 0", json!([]), Some(true)),
        ("self.size() == 0", json!({}), Some(true)),
        ("self.size() == 0", json!(""), Some(true)),
        ("self.size() == 0", json!(["a"]), Some(false)),
        ("self.size() == 0", json!(0), Some(false)),
        (
            "self.all(key, !key.contains(\"*\"))",
            json!({"a": 1}),
            Some(true),
        ),
        (
            "self.all(key, !key.contains(\"*\"))",
            json!(["a", "*b"]),
            Some(false),
        ),
        (
            "self.all(key, key.size() != 0)",
            json!({"a": 1}),
            Some(true),
        ),
        (
            "self.all(key, key.size() != 0)",
            json!({"": 1}),
            Some(false),
        ),
        (
            "self.all(key, 0 < int(key) && int(key) <= 65535)",
            json!({"80": 1, "443": 2}),
            Some(true),
        ),
        (
            "self.all(key, 0 < int(key) && int(key) <= 65535)",
            json!({"0": 1}),
            Some(false),
        ),
        (
            "self.all(key, 0 < int(key) && int(key) <= 65535)",
            json!({"http": 1}),
            Some(false),
        ),
        (
            "has(self.address) || has(self.network)",
            json!({"network": "n1"}),
            Some(true),
        ),
        (
            "has(self.address) || has(self.network)",
            json!({"weight": 1}),
            Some(false),
        ),
        (
            "self.all(l1, self.exists_one(l2, l1.number == l2.number))",
            json!([{"number": 80}, {"number": 443}]),
            Some(true),
        ),
        (
            "self.all(l1, self.exists_one(l2, l1.number == l2.number))",
            json!([{"number": 80}, {"number": 80}]),
            Some(false),
        ),
        (
            "self in [\"\", \"HTTP\", \"HTTPS\"]",
            json!("HTTPS"),
            Some(true),
        ),
        (
            "self in [\"\", \"HTTP\", \"HTTPS\"]",
            json!("TCP"),
            Some(false),
        ),
        (
            "(has(self.exact) ? 1 : 0) + (has(self.prefix) ? 1 : 0) <= 1",
            json!({"exact": "/"}),
            Some(true),
        ),
        (
            "(has(self.exact) ? 1 : 0) + (has(self.prefix) ? 1 : 0) <= 1",
            json!({"exact": "/", "prefix": "/"}),
            Some(false),
        ),
        // Rules about what the plan never rewrites are left to the API server.
        ("self.startsWith('unix://')", json!("tcp://x"), None),
    ];
    for (rule, value, expected) in cases {
        assert_eq!(cel_rule(rule, &value), expected, "{rule} on {value}");
    }
    assert_eq!(
        at_most_one_of(
            "(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) + (has(self.c) ? 1 : 0) <= 1"
        ),
        Some(vec!["a", "b", "c"])
    );
    assert_eq!(at_most_one_of("has(self.a) <= 1"), None);
}

#[test]
fn failed_cel_rules_are_reported_with_their_message() {
    let schema = json!({
        "type": "string",
        "x-kubernetes-validations": [
            {"rule": "duration(self) >= duration('1ms')", "message": "must be at least 1ms"},
            {"rule": "self.startsWith('x')", "message": "not evaluated"},
        ],
    });
    check_schema(schema, &[
        (json!("10ms"), None),
        (json!("0s"), Some("x: fails the rule \"duration(self) >= duration('1ms')\" (must be at least 1ms)")),
    ]);
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
