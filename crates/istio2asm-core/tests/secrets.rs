//! No secret retention: values planted in `tests/fixtures/secrets/` (every one contains
//! `planted`, or `cGxhbnRlZC` in base64) must not appear in any output: the check report as text
//! (plain and coloured) and JSON, the plan as Markdown, bash and JSON (with and without
//! `--force`), and every file the plan writes. The plants: a Secret's `data` and `stringData`
//! (alone, as a List item, in a `SecretList`, and in the ASM export), `valueFrom.secretKeyRef`
//! and `envFrom.secretRef` names and keys, token-like literal env values on an application
//! container, Istio's proxy and istiod, annotations carrying a token or a whole kubeconfig on a
//! Namespace, Deployment, pod template, Pod, Service and the migration resource, a ConfigMap
//! value, a token in the mesh config's `proxyMetadata`, and kubeconfig documents (`kind: Config`
//! with `users[].user.token`) with and without a name.
//!
//! The Istio API bundle and the egress files copy Istio objects, minus server fields and minus
//! every annotation outside Istio's domains (where a token or a kubeconfig fits); the import step
//! names the annotation keys left out.

// Core's clippy.toml forbids files and printing in the library, which must stay pure. These
// tests read their fixtures from disk, so they need that door.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

mod common;

use std::collections::BTreeSet;

use common::{fixture_input, settings};
use istio2asm_core::excerpt::excerpt;
use istio2asm_core::{analyze, plan, render, report, Analysis, Code};

/// What every planted value contains, as text and in base64.
const MARKERS: [&str; 2] = ["planted", "cGxhbnRlZC"];

fn analysis() -> Analysis {
    analyze(
        vec![fixture_input("secrets", "cluster.yaml")],
        vec![fixture_input("secrets", "asm.json")],
        &settings(),
    )
}

/// Every output a user can see or save, by name.
fn outputs(analysis: &Analysis) -> Vec<(String, String)> {
    let mut out = vec![
        ("check.txt".to_string(), report::check_text(analysis, false)),
        (
            "check-color.txt".to_string(),
            report::check_text(analysis, true),
        ),
        ("check.json".to_string(), report::check_json(analysis)),
    ];
    for force in [false, true] {
        let plan = plan::plan(analysis, force);
        let suffix = if force { " (--force)" } else { "" };
        out.push((format!("runbook.md{suffix}"), render::markdown(&plan)));
        out.push((format!("runbook.sh{suffix}"), render::shell(&plan)));
        out.push((format!("plan.json{suffix}"), render::json(&plan)));
        for file in plan.files() {
            out.push((format!("{}{suffix}", file.name), file.content.clone()));
        }
    }
    out
}

/// Each planted token found: (output, token). A token is the run of characters around a marker
/// up to the next character that cannot be part of it.
fn leaks(outputs: &[(String, String)]) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (name, text) in outputs {
        for marker in MARKERS {
            for (at, _) in text.match_indices(marker) {
                let is_part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '=';
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !is_part(*c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let end = text[at..]
                    .char_indices()
                    .find(|(_, c)| !is_part(*c))
                    .map_or(text.len(), |(i, _)| at + i);
                found.insert((name.clone(), text[start..end].to_string()));
            }
        }
    }
    found
}

/// The analysis sees the fixture the way the test means it to: the Secrets are counted and
/// dropped, the cluster is in Migrating with restart, ingress, egress and import work to plan.
#[test]
fn the_fixture_exercises_every_output() {
    let analysis = analysis();
    let codes: BTreeSet<Code> = analysis.findings.iter().map(|f| f.code).collect();
    for code in [
        Code::Mig004,
        Code::Mig501,
        Code::Mig504,
        Code::Mig506,
        Code::Mig507,
    ] {
        assert!(codes.contains(&code), "{code:?} missing: {codes:?}");
    }
    let mig004: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::Mig004)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        mig004,
        ["4 Secret(s) in the input were dropped unread; they are never stored or shown"]
    );
    let names: BTreeSet<String> = outputs(&analysis).into_iter().map(|(n, _)| n).collect();
    assert!(names.contains("istio-api-bundle.yaml"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("egress-")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("ingress-")), "{names:?}");
}

#[test]
fn no_planted_value_reaches_any_output() {
    let analysis = analysis();
    let found = leaks(&outputs(&analysis));
    assert!(found.is_empty(), "planted values in outputs: {found:#?}");
    // The Istio objects are in the bundle, without their foreign annotations, and the step
    // names the keys left out (never their values).
    let plan = plan::plan(&analysis, false);
    let bundle = plan
        .files()
        .find(|f| f.name == "istio-api-bundle.yaml")
        .expect("the bundle");
    assert!(
        bundle.content.contains("name: direct-api"),
        "{}",
        bundle.content
    );
    let notes: Vec<&String> = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .filter(|s| s.id == "import-istio-api")
        .flat_map(|s| &s.notes)
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("example.com/token")),
        "{notes:#?}"
    );
}

/// The last-applied annotation is dropped while parsing, so the copy of the object inside it
/// (with every annotation it had) never reaches the bundle.
#[test]
fn last_applied_configuration_never_reaches_the_bundle() {
    let analysis = analysis();
    let all = outputs(&analysis);
    for (name, text) in &all {
        assert!(!text.contains("planted-last-applied-token"), "{name}");
        assert!(
            !text.contains("kubectl.kubernetes.io/last-applied-configuration"),
            "{name}"
        );
    }
}

/// No command carries a Secret's name, a secretKeyRef's name or key, or any env value.
#[test]
fn commands_carry_no_secret_reference() {
    let analysis = analysis();
    let vars = analysis.settings.kubeconfig_vars();
    let mut commands: Vec<String> = analysis
        .findings
        .iter()
        .flat_map(|f| &f.commands)
        .map(|c| c.render(&vars))
        .collect();
    for force in [false, true] {
        let plan = plan::plan(&analysis, force);
        commands.extend(plan.commands().map(|c| c.render(&plan.vars)));
    }
    assert!(commands.len() > 20, "{commands:#?}");
    for command in &commands {
        for marker in MARKERS {
            assert!(!command.contains(marker), "{command}");
        }
        for name in ["DB_PASSWORD", "API_TOKEN", "CA_TOKEN", "secret"] {
            assert!(!command.contains(name), "{command}");
        }
    }
}

/// What the model keeps: no Secret's data (only its header), no env value outside the whitelist,
/// no secret reference.
/// (Annotations and labels are kept for every object, and Istio objects, the migration resource
/// and Istio's ConfigMaps whole; none of those reach an output except through the bundle.)
#[test]
fn the_model_keeps_no_secret_and_no_env_value() {
    let analysis = analysis();
    let model = format!("{:?}\n{:?}", analysis.bundle, analysis.asm);
    for planted in [
        "cGxhbnRlZC1zZWNyZXQtZGF0YQ==",
        "planted-stringdata-value",
        "planted-secret-annotation",
        "planted-secretlist-value",
        "planted-asm-stringdata",
        "planted-token-123",
        "planted-proxy-env-token",
        "planted-istiod-env-token",
        "planted-ref-secret-name",
        "planted-ref-secret-key",
        "planted-proxy-ref-name",
        "planted-envfrom-secret",
        "planted-kubeconfig-token",
        "planted-named-kubeconfig-token",
        "planted-configmap-token",
        "planted-last-applied-token",
    ] {
        assert!(!model.contains(planted), "the model keeps {planted}");
    }
    // A Secret's header is kept (issue 14: `cacerts`, remote secrets), by name and labels only.
    assert!(model.contains("planted-secret-object-name"));
    assert_eq!(analysis.bundle.secrets_dropped, 3);
    assert_eq!(analysis.asm.as_ref().map(|a| a.secrets_dropped), Some(1));
}

/// The inputs' text is kept for the app's excerpts (17 lines around a finding). Secrets are
/// blanked in it as they are loaded (MIG004 still points at the first one), and an excerpt hides
/// every value not known to be harmless: every line of every input, taken as a finding's line,
/// shows no planted value.
#[test]
fn excerpts_show_no_planted_value() {
    let analysis = analysis();
    let mut lines_checked = 0;
    for file in analysis.sources.files() {
        assert!(
            !file.text().contains("cGxhbnRlZC1jYS1rZXk=")
                && !file.text().contains("planted-stringdata-value"),
            "{}: a Secret's text is kept",
            file.name()
        );
        for line in 1..=file.text().lines().count() {
            let shown = excerpt(file, line, 2, 14, analysis.settings.lang)
                .lines
                .join("\n");
            for marker in MARKERS {
                assert!(
                    !shown.contains(marker),
                    "{}:{line} shows {marker}:\n{shown}",
                    file.name()
                );
            }
            lines_checked += 1;
        }
    }
    assert!(lines_checked >= 240, "{lines_checked}");
    let first = analysis
        .findings
        .iter()
        .find(|f| f.code == Code::Mig004)
        .and_then(|f| f.span)
        .and_then(|span| analysis.sources.locate(span))
        .expect("MIG004 has a location");
    assert_eq!((first.path.as_str(), first.line), ("cluster.yaml", 16));
}
