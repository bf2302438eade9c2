//! What core's integration tests share: where the fixtures are, the settings an analysis runs
//! with, the migration resource, scratch directories, the tools some tests run, and the inline
//! clusters of the phase fixtures (`cluster`, `phase_fixtures`), documents nested past any limit
//! (`nesting`). `crd_schema` is the validator
//! of Istio objects against Istio's CRDs.
//!
//! A test file uses it with `mod common;`.

// Every file under `tests/` is a crate of its own that includes this module and calls only some
// of its helpers; without this, each would warn about the helpers it does not call.
#![allow(dead_code)]
// Core's clippy.toml forbids files, environment and processes in the library, which must stay
// pure. These helpers read fixtures, write scratch files and run kubectl, bash and shellcheck on
// what the library produced, so they need exactly those doors.
#![allow(clippy::disallowed_methods)]

pub mod cluster;
pub mod crd_schema;
pub mod nesting;
pub mod phase_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use istio2asm_core::kubectl::KubeconfigVars;
use istio2asm_core::{analyze, demo, Analysis, Input, Settings};
use serde::Deserialize;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/// Core's crate directory.
pub fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's `tests/fixtures`.
pub fn repo_fixtures() -> PathBuf {
    core_dir().join("../../tests/fixtures")
}

/// Istio's own test data (`tests/fixtures/upstream-istio`, provenance in its `SOURCES.md`).
pub fn upstream() -> PathBuf {
    repo_fixtures().join("upstream-istio")
}

/// The bytes of one upstream fixture, by its path relative to [`upstream`].
pub fn upstream_bytes(path: &str) -> Vec<u8> {
    std::fs::read(upstream().join(path)).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// `tests/fixtures/DIR/NAME` as an input named `NAME`.
pub fn fixture_input(dir: &str, name: &str) -> Input {
    let path = repo_fixtures().join(dir).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Input::new(name, bytes)
}

/// Every file under `dir`, recursively, sorted by path.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
}

/// A text file; a test fails when it cannot be read.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes a file; a test fails when it cannot be written.
pub fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A fresh, empty directory for one test (under Cargo's per-target temporary directory).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("plan-tests")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

// ---------------------------------------------------------------------------------------------
// Analyses
// ---------------------------------------------------------------------------------------------

/// The default settings with ASM 1.24.6, so that MIG203 (ASM too old) stays out of the way.
pub fn settings() -> Settings {
    Settings {
        asm_version: Some("1.24.6".into()),
        ..Settings::default()
    }
}

/// The default kubeconfig variables (`K8S_KUBECONFIG`, `ASM_KUBECONFIG`).
pub fn vars() -> KubeconfigVars {
    KubeconfigVars::default()
}

/// Analyses `(name, text)` inputs with [`settings`].
pub fn analyze_texts(inputs: &[(&str, &str)]) -> Analysis {
    let inputs = inputs
        .iter()
        .map(|(name, text)| Input::new(*name, *text))
        .collect();
    analyze(inputs, Vec::new(), &settings())
}

/// The embedded demo cluster, analysed with [`settings`].
pub fn demo_analysis() -> Analysis {
    analyze(demo::inputs(), Vec::new(), &settings())
}

/// The demo with its `asm-migrate.yaml` replaced by `cr`.
pub fn demo_with_cr(cr: &str) -> Analysis {
    let inputs: Vec<Input> = demo::FILES
        .iter()
        .map(|(name, text)| {
            if name.ends_with("asm-migrate.yaml") {
                Input::new(*name, cr)
            } else {
                Input::new(*name, *text)
            }
        })
        .collect();
    analyze(inputs, Vec::new(), &settings())
}

/// An `ASMMigrateFromIstio` named `default`: its spec (`desiredState`, `retryCounter`) and its
/// status (`state`, `message`, `retryCounter`).
pub fn cr(desired: &str, retry: &str, state: &str, message: &str, status_retry: &str) -> String {
    format!(
        "apiVersion: istio.alibabacloud.com/v1beta1\nkind: ASMMigrateFromIstio\nmetadata:\n  name: default\nspec:\n  desiredState: {desired}\n  retryCounter: {retry}\nstatus:\n  message: {message:?}\n  retryCounter: {status_retry}\n  state: {state}\n"
    )
}

/// A settled migration resource in `state`: desired and reached, no retry, no message.
pub fn settled_cr(state: &str) -> String {
    cr(state, "0", state, "", "0")
}

// ---------------------------------------------------------------------------------------------
// Tools and text
// ---------------------------------------------------------------------------------------------

/// Fails (never skips) when a tool the test needs is missing.
pub fn require(program: &str, args: &[&str], install: &str) {
    match Process::new(program).args(args).output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!("this test runs `{program}`, which is not on PATH ({e}); {install}"),
    }
}

/// kubectl, offline: no cluster is needed.
pub fn require_kubectl() {
    require(
        "kubectl",
        &["version", "--client"],
        "install kubectl (https://kubernetes.io/docs/tasks/tools/); no cluster is needed",
    );
}

/// shellcheck, the linter every runbook must pass.
pub fn require_shellcheck() {
    require(
        "shellcheck",
        &["--version"],
        "install it with `apt-get install shellcheck`",
    );
}

/// Every YAML document of a text, as JSON values (empty documents left out).
pub fn yaml_documents(text: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|doc| Value::deserialize(doc).unwrap_or_else(|e| panic!("YAML: {e}\n{text}")))
        .filter(|v| !v.is_null())
        .collect()
}

/// Replaces the crate version in generated headers, so snapshots survive a release.
pub fn redact(text: &str) -> String {
    text.replace(
        &format!("istio2asm {}", istio2asm_core::VERSION),
        "istio2asm [VERSION]",
    )
}
