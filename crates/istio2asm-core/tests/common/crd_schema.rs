//! A validator of Istio objects against Istio's own CRDs (`crd-all.gen.yaml` under
//! `tests/fixtures/upstream-istio/crds`): the OpenAPI v3 structural schema of the CRD version an
//! object's apiVersion names, and the CEL rules (`x-kubernetes-validations`) Istio repeats most.
//! What it understands, and what it leaves out, is written at [`KEYWORDS`]; `tests/crd_schema.rs`
//! tests it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use istio2asm_core::plan::Plan;
use serde_json::Value;

use super::{read, upstream, yaml_documents};

/// One version of one CRD.
pub struct CrdVersion {
    pub served: bool,
    pub schema: Value,
}

/// Istio's CRDs by (group, kind, version).
pub fn crds() -> &'static BTreeMap<(String, String, String), CrdVersion> {
    static CRDS: OnceLock<BTreeMap<(String, String, String), CrdVersion>> = OnceLock::new();
    CRDS.get_or_init(|| {
        let text = read(&upstream().join("crds/crd-all.gen.yaml"));
        let mut out = BTreeMap::new();
        for crd in yaml_documents(&text) {
            assert_eq!(crd["kind"], "CustomResourceDefinition");
            let group = crd["spec"]["group"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let kind = crd["spec"]["names"]["kind"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            for version in crd["spec"]["versions"].as_array().into_iter().flatten() {
                let name = version["name"].as_str().unwrap_or_default().to_string();
                out.insert(
                    (group.clone(), kind.clone(), name),
                    CrdVersion {
                        served: version["served"] == true,
                        schema: version["schema"]["openAPIV3Schema"].clone(),
                    },
                );
            }
        }
        assert!(out.len() > 30, "{} CRD versions", out.len());
        out
    })
}

/// The schema keywords the validator understands. Meeting any other keyword fails the test, so
/// nothing in a schema is ignored without saying so here.
///
/// Checked: `type` (integer, number, string, boolean, object, array), `properties` with unknown
/// fields rejected unless `additionalProperties` or `x-kubernetes-preserve-unknown-fields` allow
/// them, `required`, `enum`, `items`, `minimum`/`maximum`, `format` (int32, uint32, int64,
/// double, float, date-time, byte), `minLength`/`maxLength`, `pattern` (the four patterns Istio's
/// CRDs use, each written out below; another pattern fails the test), `minItems`/`maxItems`,
/// `minProperties`/`maxProperties`, `nullable`, `x-kubernetes-int-or-string`,
/// `x-kubernetes-list-type` (`map` keys and `set` items unique), `oneOf`/`anyOf`/`allOf`/`not`
/// with full JSON Schema meaning (Istio's "at most one of" is `oneOf: [not: anyOf: [required:
/// a, required: b]], required: a, required: b]`, which this evaluates exactly).
///
/// `x-kubernetes-validations` (CEL): the rules that Istio repeats most are evaluated by
/// [`cel_rule`]: durations of at least 1ms, port ranges, no `*`, empty lists, "at most one of"
/// sums, `has(a) || has(b)`, unique port numbers. The other rules (unix-socket addresses, URL
/// schemes, ServiceEntry resolution rules, header operations and the like) are not evaluated:
/// none of them concerns what the plan rewrites (routes, weights, gateways, apiVersions).
/// A `null` is rejected unless `nullable`: the API server would prune it, but a null in generated
/// YAML is a mistake all the same.
pub const KEYWORDS: &[&str] = &[
    "type",
    "description",
    "properties",
    "required",
    "items",
    "minimum",
    "maximum",
    "format",
    "enum",
    "nullable",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "additionalProperties",
    "x-kubernetes-int-or-string",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-validations",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
];

/// The name a schema's `type` gives a JSON value (`null` for null, which no `type` names).
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A number without a fraction, whatever its size.
pub fn is_integer(value: &Value) -> bool {
    value.is_i64() || value.is_u64()
}

/// A Go duration (`1h2m3.5s`, `100ms`, `0`), in nanoseconds.
pub fn go_duration(text: &str) -> Option<f64> {
    if text == "0" {
        return Some(0.0);
    }
    let mut rest = text.strip_prefix('-').unwrap_or(text);
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
            .into_iter()
            .filter(|u| rest.starts_with(u))
            .max_by_key(|u| u.len())?;
        let scale = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            _ => 3600e9,
        };
        total += number * scale;
        rest = &rest[unit.len()..];
    }
    Some(if text.starts_with('-') { -total } else { total })
}

/// The "at most one of" rules: `(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 1`.
pub fn at_most_one_of(rule: &str) -> Option<Vec<&str>> {
    let sum = rule.strip_suffix(" <= 1")?;
    sum.split(" + ")
        .map(|term| term.strip_prefix("(has(self.")?.strip_suffix(") ? 1 : 0)"))
        .collect()
}

/// Evaluates the CEL rules Istio uses most; `None` for a rule this validator does not evaluate.
pub fn cel_rule(rule: &str, value: &Value) -> Option<bool> {
    let ports = |v: &Value| v.as_i64().is_some_and(|p| 0 < p && p <= 65535);
    let keys_or_items = |v: &Value| -> Vec<String> {
        match v {
            Value::Object(map) => map.keys().cloned().collect(),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_string())
                .collect(),
            _ => Vec::new(),
        }
    };
    Some(match rule {
        "duration(self) >= duration('1ms')" => value
            .as_str()
            .and_then(go_duration)
            .is_some_and(|ns| ns >= 1e6),
        "0 < self && self <= 65535" => ports(value),
        "!self.contains(\"*\")" => !value.as_str().unwrap_or_default().contains('*'),
        "self != \"*\"" => value.as_str() != Some("*"),
        "self.size() == 0" => match value {
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::String(s) => s.is_empty(),
            _ => false,
        },
        "self.all(key, !key.contains(\"*\"))" => {
            keys_or_items(value).iter().all(|k| !k.contains('*'))
        }
        "self.all(key, key.size() != 0)" => keys_or_items(value).iter().all(|k| !k.is_empty()),
        "self.all(key, 0 < int(key) && int(key) <= 65535)" => keys_or_items(value)
            .iter()
            .all(|k| k.parse::<i64>().is_ok_and(|p| 0 < p && p <= 65535)),
        "has(self.address) || has(self.network)" => {
            value.get("address").is_some() || value.get("network").is_some()
        }
        "self.all(l1, self.exists_one(l2, l1.number == l2.number))" => {
            let numbers: Vec<&Value> = value
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| &p["number"])
                .collect();
            let unique: BTreeSet<String> = numbers.iter().map(|n| n.to_string()).collect();
            unique.len() == numbers.len()
        }
        "self in [\"\", \"HTTP\", \"HTTPS\"]" => {
            matches!(value.as_str(), Some("" | "HTTP" | "HTTPS"))
        }
        _ => {
            let fields = at_most_one_of(rule)?;
            fields.iter().filter(|f| value.get(**f).is_some()).count() <= 1
        }
    })
}

/// The `pattern`s of Istio's CRDs, written out (no regex engine among the dependencies).
pub fn pattern_matches(pattern: &str, text: &str) -> bool {
    let dns_label = |label: &str, upper: bool, first_alpha: bool| {
        let ok = |c: char| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || (upper && c.is_ascii_uppercase())
        };
        let bytes: Vec<char> = label.chars().collect();
        !bytes.is_empty()
            && (if first_alpha {
                bytes[0].is_ascii_alphabetic()
            } else {
                ok(bytes[0])
            })
            && ok(bytes[bytes.len() - 1])
            && bytes.iter().all(|&c| ok(c) || c == '-')
    };
    match pattern {
        r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" => {
            text.is_empty() || text.split('.').all(|l| dns_label(l, false, false))
        }
        r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$" => dns_label(text, true, true),
        r"^[-_A-Za-z0-9]+$" => {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
        r"(^$|^[a-f0-9]{64}$)" => {
            text.is_empty()
                || (text.len() == 64
                    && text
                        .chars()
                        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)))
        }
        other => panic!(
            "the validator does not know the pattern {other:?}: write it out in pattern_matches"
        ),
    }
}

/// The `date-time` format: RFC 3339, with a zone.
pub fn is_date_time(text: &str) -> bool {
    // RFC 3339: 2006-01-02T15:04:05[.frac](Z|±hh:mm).
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (text.ends_with('Z') || text.ends_with('z') || text[19..].contains(['+', '-']))
}

/// The `byte` format: standard base64 with its padding.
pub fn is_base64(text: &str) -> bool {
    text.len() % 4 == 0
        && text.trim_end_matches('=').len() + 2 >= text.len()
        && text
            .trim_end_matches('=')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
}

/// Validates `value` against a structural schema, appending one message per violation.
pub fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        panic!("the schema at {path} is not an object");
    };
    for keyword in schema.keys() {
        assert!(
            KEYWORDS.contains(&keyword.as_str()),
            "the validator does not know the schema keyword {keyword:?} (at {path})"
        );
    }
    let flag = |name: &str| schema.get(name) == Some(&Value::Bool(true));
    let mut fail = |message: String| errors.push(format!("{path}: {message}"));
    if value.is_null() {
        if !flag("nullable") {
            fail("null where the schema does not allow it".into());
        }
        return;
    }
    if flag("x-kubernetes-int-or-string") && !(is_integer(value) || value.is_string()) {
        fail(format!(
            "expected an integer or a string, found {}",
            type_name(value)
        ));
        return;
    }
    if let Some(expected) = schema.get("type").and_then(Value::as_str) {
        let ok = match expected {
            "integer" => is_integer(value),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            other => panic!("unknown type {other:?} at {path}"),
        };
        if !ok {
            fail(format!(
                "expected {expected}, found {} {value}",
                type_name(value)
            ));
            return;
        }
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        let ok = match format {
            "int32" => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            "uint32" => value.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            "int64" => value.is_i64(),
            "double" | "float" => value.is_number(),
            "date-time" => value.as_str().is_some_and(is_date_time),
            "byte" => value.as_str().is_some_and(is_base64),
            other => panic!("the validator does not know the format {other:?} (at {path})"),
        };
        if !ok {
            fail(format!("{value} is not a valid {format}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            fail(format!(
                "{value} is not one of {}",
                Value::Array(options.clone())
            ));
        }
    }
    if let Some(number) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if number < min {
                fail(format!("{value} is below the minimum {min}"));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if number > max {
                fail(format!("{value} is above the maximum {max}"));
            }
        }
    }
    let count = |name: &str| schema.get(name).and_then(Value::as_u64).map(|n| n as usize);
    if let Some(text) = value.as_str() {
        let length = text.chars().count();
        if count("minLength").is_some_and(|min| length < min) {
            fail(format!("{value} is shorter than {:?}", count("minLength")));
        }
        if count("maxLength").is_some_and(|max| length > max) {
            fail(format!("{value} is longer than {:?}", count("maxLength")));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            if !pattern_matches(pattern, text) {
                fail(format!("{value} does not match {pattern:?}"));
            }
        }
    }
    if let Some(items) = value.as_array() {
        if count("minItems").is_some_and(|min| items.len() < min) {
            fail(format!("fewer than {:?} items", count("minItems")));
        }
        if count("maxItems").is_some_and(|max| items.len() > max) {
            fail(format!("more than {:?} items", count("maxItems")));
        }
        match schema.get("x-kubernetes-list-type").and_then(Value::as_str) {
            Some("map") => {
                let keys: Vec<&str> = schema
                    .get("x-kubernetes-list-map-keys")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let tuples: Vec<String> = items
                    .iter()
                    .map(|i| {
                        keys.iter()
                            .map(|k| i[*k].to_string())
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .collect();
                if tuples.iter().collect::<BTreeSet<_>>().len() != tuples.len() {
                    fail(format!("duplicate list-map keys {keys:?}"));
                }
            }
            Some("set") => {
                let unique: BTreeSet<String> = items.iter().map(Value::to_string).collect();
                if unique.len() != items.len() {
                    fail("duplicate items in a set".into());
                }
            }
            _ => {}
        }
        if let Some(item_schema) = schema.get("items") {
            for (index, item) in items.iter().enumerate() {
                validate(item_schema, item, &format!("{path}[{index}]"), errors);
            }
        }
    }
    if let Some(object) = value.as_object() {
        if count("minProperties").is_some_and(|min| object.len() < min) {
            errors.push(format!(
                "{path}: fewer than {:?} fields",
                count("minProperties")
            ));
        }
        if count("maxProperties").is_some_and(|max| object.len() > max) {
            errors.push(format!(
                "{path}: more than {:?} fields",
                count("maxProperties")
            ));
        }
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().unwrap_or_default();
            if !object.contains_key(key) {
                errors.push(format!("{path}: the required field {key} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        // Only a node that declares structure prunes unknown fields; the branches of
        // oneOf/anyOf/allOf/not only constrain values (`required: [exact]`), as in any
        // structural schema.
        let structural = ["type", "properties", "additionalProperties"]
            .iter()
            .any(|k| schema.contains_key(*k));
        let preserve = flag("x-kubernetes-preserve-unknown-fields") || !structural;
        for (key, field) in object {
            let at = format!("{path}.{key}");
            if let Some(field_schema) = properties.and_then(|p| p.get(key)) {
                validate(field_schema, field, &at, errors);
                continue;
            }
            match schema.get("additionalProperties") {
                Some(Value::Bool(true)) => {}
                Some(extra @ Value::Object(_)) => validate(extra, field, &at, errors),
                _ if preserve => {}
                _ => errors.push(format!("{at}: unknown field")),
            }
        }
    }
    // The combinators: a branch matches when it yields no error.
    let matches = |branch: &Value| {
        let mut scratch = Vec::new();
        validate(branch, value, path, &mut scratch);
        scratch.is_empty()
    };
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let hits = branches.iter().filter(|b| matches(b)).count();
        if hits != 1 {
            errors.push(format!("{path}: matches {hits} of the oneOf alternatives, not exactly one (mutually exclusive fields?)"));
        }
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        if !branches.iter().any(matches) {
            errors.push(format!("{path}: matches none of the anyOf alternatives"));
        }
    }
    if let Some(branches) = schema.get("allOf").and_then(Value::as_array) {
        for branch in branches {
            validate(branch, value, path, errors);
        }
    }
    if let Some(branch) = schema.get("not") {
        if matches(branch) {
            errors.push(format!("{path}: matches a `not` schema"));
        }
    }
    for rule in schema
        .get("x-kubernetes-validations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = rule["rule"].as_str().unwrap_or_default();
        if cel_rule(text, value) == Some(false) {
            errors.push(format!(
                "{path}: fails the rule {text:?} ({})",
                rule["message"].as_str().unwrap_or_default()
            ));
        }
    }
}

/// Validates one Istio object: the CRD version its apiVersion names must exist and be served,
/// only apiVersion/kind/metadata/spec at the top, no server-owned metadata, and `spec` valid
/// against the version's `openAPIV3Schema.properties.spec`.
pub fn validate_istio_object(doc: &Value) -> Vec<String> {
    let api_version = doc["apiVersion"].as_str().unwrap_or_default();
    let kind = doc["kind"].as_str().unwrap_or_default();
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let Some(crd) = crds().get(&(group.to_string(), kind.to_string(), version.to_string())) else {
        return vec![format!("no Istio CRD defines {api_version} {kind}")];
    };
    let mut errors = Vec::new();
    if !crd.served {
        errors.push(format!("{api_version} {kind} is not served"));
    }
    for key in doc.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !matches!(key.as_str(), "apiVersion" | "kind" | "metadata" | "spec") {
            errors.push(format!("top-level field {key} in generated YAML"));
        }
    }
    let metadata = doc["metadata"].as_object().cloned().unwrap_or_default();
    if !metadata.get("name").is_some_and(Value::is_string) {
        errors.push("metadata.name is missing".into());
    }
    for (key, value) in &metadata {
        match key.as_str() {
            "name" | "namespace" => {}
            "labels" | "annotations" => {
                if !value
                    .as_object()
                    .is_some_and(|m| m.values().all(Value::is_string))
                {
                    errors.push(format!("metadata.{key} is not a map of strings"));
                }
            }
            other => errors.push(format!("metadata.{other} is server-owned or unknown")),
        }
    }
    let spec_schema = &crd.schema["properties"]["spec"];
    assert!(
        spec_schema.is_object(),
        "{api_version} {kind} has a spec schema"
    );
    validate(spec_schema, &doc["spec"], "spec", &mut errors);
    errors
}

/// An apiVersion of one of Istio's `*.istio.io` groups.
pub fn is_istio_api(api_version: &str) -> bool {
    api_version
        .split_once('/')
        .is_some_and(|(group, _)| group.ends_with(".istio.io"))
}

/// Validates every Istio document of every plan file; returns (file, apiVersion, kind) of each.
pub fn validate_plan_files(plan: &Plan) -> Vec<(String, String, String)> {
    let mut validated = Vec::new();
    let mut failures = Vec::new();
    for file in plan.files() {
        for doc in yaml_documents(&file.content) {
            let api_version = doc["apiVersion"].as_str().unwrap_or_default().to_string();
            let kind = doc["kind"].as_str().unwrap_or_default().to_string();
            if !is_istio_api(&api_version) {
                // Only the Namespaces of the bundle, ASM's IstioGateway (no CRD published) and the
                // Service merge patch are not Istio API objects.
                let allowed = (api_version == "v1" && kind == "Namespace")
                    || (api_version == "istio.alibabacloud.com/v1beta1" && kind == "IstioGateway")
                    || (api_version.is_empty() && file.name.ends_with("-service-patch.yaml"));
                assert!(allowed, "{}: unexpected {api_version} {kind}", file.name);
                continue;
            }
            let errors = validate_istio_object(&doc);
            if !errors.is_empty() {
                failures.push(format!(
                    "{} ({api_version} {kind} {}):\n  {}",
                    file.name,
                    doc["metadata"]["name"],
                    errors.join("\n  ")
                ));
            }
            validated.push((file.name.clone(), api_version, kind));
        }
    }
    assert!(
        failures.is_empty(),
        "schema violations:\n{}",
        failures.join("\n")
    );
    validated
}
