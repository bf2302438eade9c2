//! What each check reports, for review: one snapshot per finding code (`checks__MIG402.snap`),
//! holding every finding of that code on the demo cluster, the phase fixtures
//! (`common/phase_fixtures.rs`), the secrets fixture and each file of `tests/fixtures/upstream-istio`
//! and `tests/fixtures/hostile` alone. A finding shows its severity (after phase adjustment),
//! message, object, location (`file:line:column`), related places, help, gate and commands
//! (rendered with the default kubeconfig variables). A code that no fixture triggers gets a
//! snapshot saying so, and `checks__codes_no_fixture_triggers.snap` lists them all.
//!
//! The cross-cluster codes (MIG801–MIG805) come from the multi-cluster fixtures
//! (`tests/fixtures/multicluster`): the three-cluster mesh east/west/central analysed together,
//! each finding with its clusters and each command rendered with its cluster's variables.
//!
//! The fuzzers' saved inputs (`tests/fixtures/fuzz`) are left out: they are arbitrary bytes,
//! replayed by `fuzz_replay.rs`. Every analysis runs with the tests' common settings (ASM 1.24.6).

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// fixtures from disk, so it needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use std::fmt::Write as _;

use common::cluster::analyze_fixture;
use common::phase_fixtures::phase_fixtures;
use common::{demo_analysis, files_under, fixture_input, redact, repo_fixtures, settings, vars};
use istio2asm_core::clusters::{analyze_clusters, ClusterInput, Mesh};
use istio2asm_core::finding::CrossFinding;
use istio2asm_core::i18n::Lang;
use istio2asm_core::{analyze, report, Analysis, Code, Finding, Input};

/// Every analysed source, by a name that holds no absolute path: the demo, the phase fixtures,
/// the secrets fixture (cluster export and ASM export together), then every upstream and hostile
/// fixture file alone, by its path from the repository root.
fn sources() -> Vec<(String, Analysis)> {
    let mut sources = vec![("the demo".to_string(), demo_analysis())];
    for (name, fixture) in phase_fixtures() {
        sources.push((format!("phase fixture {name}"), analyze_fixture(&fixture)));
    }
    sources.push((
        "tests/fixtures/secrets".to_string(),
        analyze(
            vec![fixture_input("secrets", "cluster.yaml")],
            vec![fixture_input("secrets", "asm.json")],
            &settings(),
        ),
    ));
    // The generated roots of trust (tests/fixtures/trust), each export alone and Istio's root
    // against ASM's, judged on the fixtures' "now".
    let trust_settings = istio2asm_core::Settings {
        as_of: Some("2026-12-01".into()),
        ..settings()
    };
    for file in [
        "one-root.yaml",
        "two-writers.yaml",
        "expiring.yaml",
        "expired.yaml",
        "bundle.yaml",
        "malformed.yaml",
    ] {
        sources.push((
            format!("tests/fixtures/trust/{file}"),
            analyze(
                vec![fixture_input("trust", file)],
                Vec::new(),
                &trust_settings,
            ),
        ));
    }
    sources.push((
        "tests/fixtures/trust/one-root.yaml, secret-names.yaml and mesh-configs.yaml with asm-mesh-config.yaml".to_string(),
        analyze(
            vec![
                fixture_input("trust", "one-root.yaml"),
                fixture_input("trust", "secret-names.yaml"),
                fixture_input("trust", "mesh-configs.yaml"),
            ],
            vec![fixture_input("trust", "asm-mesh-config.yaml")],
            &trust_settings,
        ),
    ));
    sources.push((
        "tests/fixtures/trust/one-root.yaml with asm-side.yaml".to_string(),
        analyze(
            vec![fixture_input("trust", "one-root.yaml")],
            vec![fixture_input("trust", "asm-side.yaml")],
            &trust_settings,
        ),
    ));
    // Istio's Bookinfo (upstream, namespace-less manifests) with its all-mTLS DestinationRules
    // against a namespace-wide DISABLE policy (MIG707), and with a STRICT policy against a rule
    // that turns TLS off for reviews (MIG706).
    let bookinfo = fixture_input(
        "upstream-istio",
        "samples/bookinfo/platform/kube/bookinfo.yaml",
    );
    let all_mtls = fixture_input(
        "upstream-istio",
        "samples/bookinfo/networking/destination-rule-all-mtls.yaml",
    );
    let policy = |mode: &str| {
        Input::new(
            format!("peer-authentication-{}.yaml", mode.to_lowercase()),
            format!("apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: {mode}\n"),
        )
    };
    sources.push((
        "Bookinfo with destination-rule-all-mtls.yaml and a DISABLE PeerAuthentication".to_string(),
        analyze(
            vec![bookinfo.clone(), all_mtls, policy("DISABLE")],
            Vec::new(),
            &settings(),
        ),
    ));
    let plaintext_rule = Input::new(
        "destination-rule-reviews-plaintext.yaml",
        "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n",
    );
    sources.push((
        "Bookinfo with a STRICT PeerAuthentication and a plaintext rule for reviews".to_string(),
        analyze(
            vec![bookinfo, policy("STRICT"), plaintext_rule],
            Vec::new(),
            &settings(),
        ),
    ));
    let root = repo_fixtures();
    for dir in ["upstream-istio", "hostile"] {
        for path in files_under(&root.join(dir)) {
            let relative = path
                .strip_prefix(&root)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .to_string_lossy()
                .replace('\\', "/");
            if relative.ends_with(".md") || relative.ends_with("/LICENSE") {
                continue;
            }
            let name = format!("tests/fixtures/{relative}");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let analysis = analyze(
                vec![Input::new(name.clone(), bytes)],
                Vec::new(),
                &settings(),
            );
            sources.push((name, analysis));
        }
    }
    sources
}

/// The meshes of the multi-cluster fixtures, each cluster a directory of
/// `tests/fixtures/multicluster`, its files named by their path from the repository root.
fn meshes() -> Vec<(String, Mesh)> {
    let root = repo_fixtures();
    let cluster = |name: &str| {
        let inputs = files_under(&root.join("multicluster").join(name))
            .into_iter()
            .map(|path| {
                let relative = path
                    .strip_prefix(&root)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
                Input::new(format!("tests/fixtures/{relative}"), bytes)
            })
            .collect();
        ClusterInput {
            name: name.to_string(),
            inputs,
        }
    };
    vec![(
        "the mesh east, west, central".to_string(),
        analyze_clusters(
            vec![cluster("east"), cluster("west"), cluster("central")],
            Vec::new(),
            &settings(),
        ),
    )]
}

/// A cross-cluster finding as a reviewer reads it: the clusters, then as [`rendered`], located
/// in its cluster's files, each command with its cluster's variables.
fn rendered_cross(mesh: &Mesh, finding: &CrossFinding) -> String {
    let at = finding.at.as_deref().and_then(|name| mesh.member(name));
    let mut plain = finding.finding.clone();
    plain.commands.clear();
    let mut out = match at.or(mesh.clusters.first()) {
        Some(member) => rendered(&member.analysis, &plain),
        None => String::new(),
    };
    out = format!("clusters: {}\n{out}", finding.clusters.join(", "));
    for command in &finding.commands {
        if let Some(member) = mesh.member(&command.cluster) {
            let vars = member.analysis.settings.kubeconfig_vars();
            let _ = writeln!(out, "  $ {}", command.command.render(&vars));
        }
    }
    report::terminal_safe(&out).into_owned()
}

/// Indents every line after the first by `indent` spaces.
fn indented(text: &str, indent: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(indent)))
}

/// One finding as a reviewer reads it, without the code (the snapshot's title). Control and
/// hiding characters from the input are escaped as the text report escapes them, so the
/// snapshot shows them instead of acting on a terminal.
fn rendered(analysis: &Analysis, finding: &Finding) -> String {
    let mut out = format!(
        "{}: {}\n",
        finding.severity.as_str(),
        indented(&finding.message, 2)
    );
    if let Some(object) = &finding.object {
        let namespace = object
            .namespace
            .as_ref()
            .map_or(String::new(), |ns| format!("{ns}/"));
        let _ = writeln!(
            out,
            "  object: {} {} {namespace}{}",
            object.api_version, object.kind, object.name
        );
    }
    let locate = |span| {
        analysis.sources.locate(span).map_or_else(
            || "(a span outside every file)".to_string(),
            |l| format!("{}:{}:{}", l.path, l.line, l.column),
        )
    };
    if let Some(span) = finding.span {
        let _ = writeln!(out, "  at: {}", locate(span));
    }
    for span in &finding.related {
        let _ = writeln!(out, "  related: {}", locate(*span));
    }
    match &finding.help {
        Some(help) => {
            let _ = writeln!(out, "  help: {}", indented(help, 8));
        }
        None => out.push_str("  help: the code's \"How to fix\"\n"),
    }
    if let Some(gate) = finding.gate {
        let _ = writeln!(out, "  gate: into {}", gate.as_str());
    }
    for command in &finding.commands {
        let _ = writeln!(out, "  $ {}", command.render(&vars()));
    }
    report::terminal_safe(&out).into_owned()
}

/// The snapshot of one code: its name, default severity and "How to fix", then each distinct
/// finding with the sources it came from (a finding without a location, such as "no migration
/// resource", often comes from many files alone).
fn code_report(
    code: Code,
    sources: &[(String, Analysis)],
    meshes: &[(String, Mesh)],
) -> Option<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (name, mesh) in meshes {
        for finding in mesh.findings.iter().filter(|f| f.finding.code == code) {
            let text = rendered_cross(mesh, finding);
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, names)) => names.push(name),
                None => groups.push((text, vec![name])),
            }
        }
    }
    for (name, analysis) in sources {
        for finding in analysis.findings.iter().filter(|f| f.code == code) {
            let text = rendered(analysis, finding);
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, names)) => {
                    if names.last() != Some(&name.as_str()) {
                        names.push(name);
                    }
                }
                None => groups.push((text, vec![name])),
            }
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut out = format!(
        "{} {} (default severity {})\nHow to fix: {}\n",
        code.as_str(),
        code.name(),
        code.severity().as_str(),
        indented(&code.doc(Lang::En).how_to_fix(), 12)
    );
    for (text, names) in &groups {
        out.push('\n');
        for name in names {
            let _ = writeln!(out, "in {name}");
        }
        out.push_str(text);
    }
    Some(redact(&out))
}

#[test]
fn each_codes_findings_on_the_demo_and_the_fixtures_match_their_snapshot() {
    let sources = sources();
    let meshes = meshes();
    let mut untriggered = Vec::new();
    for &code in Code::ALL {
        let report = code_report(code, &sources, &meshes).unwrap_or_else(|| {
            untriggered.push(format!("{} {}", code.as_str(), code.name()));
            format!(
                "{} {} (default severity {})\nNo fixture triggers this code.\n",
                code.as_str(),
                code.name(),
                code.severity().as_str()
            )
        });
        insta::assert_snapshot!(code.as_str(), report);
    }
    insta::assert_snapshot!("codes_no_fixture_triggers", untriggered.join("\n"));
}
