//! The fast YAML reader (`src/block_yaml.rs`) against serde_yaml: on every YAML fixture, the
//! demo cluster, every saved fuzz input and a generated kubectl-style export, each document and
//! each List item the fast reader takes must read the same under serde_yaml. And it must take
//! kubectl's output: the generated export and the demo are read by it whole.

// Core's clippy.toml forbids files in the library, which must stay pure. These tests read their
// fixtures from disk, so they need that door.
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{files_under, repo_fixtures};
use istio2asm_core::load::fast_reader_agrees;
use istio2asm_core::model::SCHEMA;
use istio2asm_core::{demo, Limits};

fn max_depth() -> usize {
    Limits::default().max_depth
}

#[test]
fn agrees_with_serde_yaml_on_every_fixture_and_fuzz_input() {
    let files = files_under(&repo_fixtures());
    let mut taken = 0;
    let mut checked = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        // Fuzz inputs start with a byte that chooses what the harness does; the rest is text too.
        let text = String::from_utf8_lossy(&bytes);
        for text in [&text[..], text.get(1..).unwrap_or("")] {
            match fast_reader_agrees(text, max_depth(), SCHEMA) {
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
        let taken = fast_reader_agrees(&text, max_depth(), SCHEMA).expect("agrees");
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
    assert_eq!(fast_reader_agrees(pod, max_depth(), SCHEMA), Ok(1));
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
    assert_eq!(fast_reader_agrees(&list, max_depth(), SCHEMA), Ok(3));
}

/// Generated documents in the style the fast reader is for, with the scalars that type
/// differently in YAML (numbers, booleans, nulls, leading zeros, infinities), quoting and
/// escapes, block scalars, empty collections, both sequence styles and comment lines: the two
/// readers agree on every one, and the fast reader takes most of them.
mod generated {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    #[derive(Debug, Clone)]
    enum Value {
        Plain(&'static str),
        Double(String),
        Single(String),
        Literal(Vec<String>, bool),
        EmptyMap,
        EmptySeq,
        Map(Vec<(&'static str, Value)>),
        Seq(Vec<Value>),
    }

    const PLAIN: [&str; 28] = [
        "x",
        "true",
        "False",
        "~",
        "null",
        "NULL",
        "0x1F",
        "0o17",
        "0b101",
        "007",
        "-12",
        "+3",
        "1e3",
        "1.10",
        ".inf",
        "-.Inf",
        ".nan",
        "1_000",
        "a b",
        "x:y",
        "http://a.b/c?d=e",
        "--flag=:15014",
        "é€",
        "-x",
        "a#b",
        "99999999999999999999999999999999999999999",
        "2024-01-01",
        "v1.2.3",
    ];
    const KEYS: [&str; 10] = [
        "name",
        "kind",
        "spec",
        "1",
        "true",
        "a.b/c",
        "~",
        "x y",
        "-k",
        "app.kubernetes.io/name",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "plain",
            "with \"quotes\"",
            "it's",
            "tab\there",
            "new\nline",
            "back\\slash",
            "é",
            "# not a comment",
            "a: b",
            "  lead",
            "trail  ",
            "\u{1F600}",
        ])
        .prop_map(String::from)
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            prop::sample::select(PLAIN.to_vec()).prop_map(Value::Plain),
            text().prop_map(Value::Double),
            text().prop_map(Value::Single),
            (
                prop::collection::vec(
                    prop::sample::select(vec!["line", "# hash", "key: v", "  more", "", "- item"]),
                    1..4
                ),
                any::<bool>()
            )
                .prop_map(|(lines, strip)| Value::Literal(
                    lines.into_iter().map(String::from).collect(),
                    strip
                )),
            Just(Value::EmptyMap),
            Just(Value::EmptySeq),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner.clone()), 1..5)
                    .prop_map(|mut entries| {
                        // Keys are unique in a map.
                        let mut seen = std::collections::BTreeSet::new();
                        entries.retain(|(k, _)| seen.insert(*k));
                        Value::Map(entries)
                    }),
                prop::collection::vec(inner, 1..4).prop_map(Value::Seq),
            ]
        })
    }

    fn escape(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if !c.is_ascii() => {
                    out.push_str(&format!("\\u{:04X}", c as u32).replace("\\u1F600", "\\U0001F600"))
                }
                c => out.push(c),
            }
        }
        out
    }

    /// Writes `value` after a key or dash at `indent` (the column its children start at).
    fn write(out: &mut String, value: &Value, indent: usize, compact: bool, comments: bool) {
        let pad = " ".repeat(indent);
        match value {
            Value::Plain(text) => out.push_str(&format!(" {text}\n")),
            Value::Double(text) => out.push_str(&format!(" \"{}\"\n", escape(text))),
            Value::Single(text) if !text.contains('\n') && !text.contains('\t') => {
                out.push_str(&format!(" '{}'\n", text.replace('\'', "''")));
            }
            Value::Single(text) => out.push_str(&format!(" \"{}\"\n", escape(text))),
            Value::Literal(lines, strip) => {
                out.push_str(if *strip { " |-\n" } else { " |\n" });
                for line in lines {
                    // Content lines keep their own leading spaces after the block's indentation.
                    if line.is_empty() {
                        out.push('\n');
                    } else {
                        out.push_str(&format!("{pad}  {line}\n"));
                    }
                }
            }
            Value::EmptyMap => out.push_str(" {}\n"),
            Value::EmptySeq => out.push_str(" []\n"),
            Value::Map(entries) => {
                out.push('\n');
                for (key, value) in entries {
                    if comments {
                        out.push_str(&format!("{pad}# about {key}\n"));
                    }
                    out.push_str(&format!("{pad}{key}:"));
                    write(out, value, indent + 2, compact, comments);
                }
            }
            Value::Seq(items) => {
                out.push('\n');
                let dash = if compact {
                    indent.saturating_sub(2)
                } else {
                    indent
                };
                let dash_pad = " ".repeat(dash);
                for item in items {
                    out.push_str(&format!("{dash_pad}-"));
                    match item {
                        Value::Map(entries) => {
                            for (i, (key, value)) in entries.iter().enumerate() {
                                if i == 0 {
                                    out.push_str(&format!(" {key}:"));
                                } else {
                                    out.push_str(&format!("{dash_pad}  {key}:"));
                                }
                                write(out, value, dash + 4, compact, comments);
                            }
                        }
                        Value::Seq(_) => {
                            // `- - x` is not the style; nest it under a key instead.
                            out.push_str(" wrapped:");
                            write(out, item, dash + 4, compact, comments);
                        }
                        other => write(out, other, dash + 2, compact, comments),
                    }
                }
            }
        }
    }

    fn document(entries: &[(&'static str, Value)], compact: bool, comments: bool) -> String {
        let mut out = String::from("---\n");
        write(
            &mut out,
            &Value::Map(entries.to_vec()),
            0,
            compact,
            comments,
        );
        // The map writer starts with the newline a key would end with.
        out.remove(4);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn both_readers_agree(
            entries in prop::collection::vec((prop::sample::select(KEYS.to_vec()), value()), 1..6),
            compact in any::<bool>(),
            comments in any::<bool>(),
        ) {
            let mut seen = std::collections::BTreeSet::new();
            let entries: Vec<_> = entries.into_iter().filter(|(k, _)| seen.insert(*k)).collect();
            let text = document(&entries, compact, comments);
            prop_assert!(fast_reader_agrees(&text, max_depth(), SCHEMA).is_ok(), "{}", text);
        }
    }

    #[test]
    fn most_generated_documents_are_taken() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = (
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), value()), 1..6),
            any::<bool>(),
            any::<bool>(),
        );
        let mut taken = 0;
        for _ in 0..200 {
            let (entries, compact, comments) =
                strategy.new_tree(&mut runner).expect("a case").current();
            let mut seen = std::collections::BTreeSet::new();
            let entries: Vec<_> = entries
                .into_iter()
                .filter(|(k, _)| seen.insert(*k))
                .collect();
            let text = document(&entries, compact, comments);
            taken +=
                usize::from(fast_reader_agrees(&text, max_depth(), SCHEMA).expect("agrees") > 0);
        }
        // What it leaves to serde_yaml here: block scalars that start with blank lines or whose
        // first line is indented further than the rest (kubectl writes neither).
        assert!(taken > 120, "the fast reader took only {taken} of 200");
    }
}
