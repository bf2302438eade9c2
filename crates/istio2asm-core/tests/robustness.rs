//! Analysis never fails, whatever the input: every fixture under `tests/fixtures` and every demo
//! file, as YAML and as kubectl-style JSON, is mutated at random but reproducibly (a xorshift
//! generator seeded from the file's name): bytes flipped or replaced, the text truncated, ranges
//! duplicated or deleted, bytes inserted (NUL, 0xff, tab and YAML's indicators among them).
//!
//! For every mutant, `analyze` and the text and JSON renderers must return without a panic, and
//! the mutated file must not vanish silently. Precisely, one of these holds:
//! - it contributes at least one object to `bundle.kinds`, or the `kubectl version` document;
//! - a load-time refusal (MIG001 yaml-syntax, MIG002 not-a-kubernetes-object, MIG005 input-limit,
//!   MIG006 invalid-name) is located in it;
//! - it holds no content at all: every line is blank, a comment, a directive or a document
//!   marker.
//!
//! Each mutant is loaded before a small valid file, which must still load: a broken file never
//! takes the next one down. Every finding's location must resolve inside its file.

// These tests read the fixture files; the no-IO rule of `clippy.toml` is about the library.
#![allow(clippy::disallowed_methods)]

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{files_under, repo_fixtures};

use istio2asm_core::{analyze, demo, report, Analysis, Code, Input, Settings};

/// Mutants per file and format.
const MUTANTS: usize = 20;

/// Bytes that mean something to YAML or JSON, or that no text should contain.
const NASTY: &[u8] = b"\x00\xff\t:-&*[{]}|>!%@`?#,'\"\n\r ";

/// The load-time refusals.
const REFUSALS: [Code; 4] = [Code::Mig001, Code::Mig002, Code::Mig005, Code::Mig006];

/// A valid file loaded after each mutant.
const WITNESS: (&str, &str) = (
    "robustness-witness.yaml",
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: robustness-witness\n",
);

/// Marsaglia's xorshift64: small, deterministic, good enough to pick places to break.
struct XorShift(u64);

impl XorShift {
    fn seeded(name: &str) -> Self {
        // FNV-1a of the name, never zero (a zero state stays zero).
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        XorShift(hash | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn byte(&mut self) -> u8 {
        if self.below(4) == 0 {
            self.next().to_le_bytes()[0]
        } else {
            NASTY[self.below(NASTY.len())]
        }
    }
}

/// How many kinds of mutation [`mutate_once`] knows.
const OPERATIONS: usize = 6;

/// Applies one mutation of kind `operation` and says what it did.
fn mutate_once(bytes: &mut Vec<u8>, operation: usize, rng: &mut XorShift) -> String {
    let len = bytes.len();
    match operation {
        0 if len > 0 => {
            let at = rng.below(len);
            let bit = rng.below(8);
            bytes[at] ^= 1 << bit;
            format!("flip bit {bit} at {at}")
        }
        1 if len > 0 => {
            let at = rng.below(len);
            let byte = rng.byte();
            bytes[at] = byte;
            format!("replace at {at} by {byte:#04x}")
        }
        2 => {
            let at = rng.below(len);
            bytes.truncate(at);
            format!("truncate at {at}")
        }
        3 if len > 0 => {
            let from = rng.below(len);
            let count = 1 + rng.below((len - from).min(512));
            let to = rng.below(len + 1);
            let copy = bytes[from..from + count].to_vec();
            bytes.splice(to..to, copy);
            format!("duplicate {from}..{} at {to}", from + count)
        }
        4 if len > 0 => {
            let from = rng.below(len);
            let count = 1 + rng.below((len - from).min(64));
            bytes.drain(from..from + count);
            format!("delete {from}..{}", from + count)
        }
        _ => {
            let at = rng.below(len + 1);
            let count = 1 + rng.below(8);
            let inserted: Vec<u8> = (0..count).map(|_| rng.byte()).collect();
            let shown = format!("{inserted:02x?}");
            bytes.splice(at..at, inserted);
            format!("insert {shown} at {at}")
        }
    }
}

/// A mutant: one to three mutations, the first of kind `first` so every kind is used on every
/// file.
fn mutant(original: &[u8], first: usize, rng: &mut XorShift) -> (Vec<u8>, Vec<String>) {
    let mut bytes = original.to_vec();
    let count = 1 + rng.below(3);
    let log = (0..count)
        .map(|i| {
            let operation = if i == 0 { first } else { rng.below(OPERATIONS) };
            mutate_once(&mut bytes, operation, rng)
        })
        .collect();
    (bytes, log)
}

/// Whether a text holds no content: only blank lines, comments, directives and markers.
fn is_blank(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .all(|line| {
            line.is_empty()
                || line.starts_with('#')
                || line.starts_with('%')
                || line == "---"
                || line == "..."
        })
}

/// Every file under `tests/fixtures`, except the notes beside the data (LICENSE, Markdown) and the
/// fuzzers' saved inputs (`tests/fixtures/fuzz`: arbitrary bytes, replayed by `fuzz_replay.rs`).
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let root = repo_fixtures();
    files_under(&root)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !matches!(name.as_deref(), Some("LICENSE"))
                && p.extension().is_none_or(|e| e != "md")
                && !p.strip_prefix(&root).is_ok_and(|r| r.starts_with("fuzz"))
        })
        .map(|p| {
            let name = p
                .strip_prefix(&root)
                .map_or_else(|_| p.display().to_string(), |r| r.display().to_string());
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytes)
        })
        .collect()
}

/// The same objects as `kubectl get -o json` prints them: one `List` of every document. `None`
/// when the file is not all YAML that JSON can hold (non-string keys, templates).
fn as_json(text: &[u8]) -> Option<Vec<u8>> {
    use serde::Deserialize;
    let text = std::str::from_utf8(text).ok()?;
    let mut items = Vec::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        let value = serde_json::Value::deserialize(document).ok()?;
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::Object(ref map)
                if map
                    .get("kind")
                    .and_then(|k| k.as_str())
                    .is_some_and(|k| k.ends_with("List")) =>
            {
                items.extend(map.get("items")?.as_array()?.iter().cloned());
            }
            other => items.push(other),
        }
    }
    let list = serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    });
    serde_json::to_vec_pretty(&list).ok()
}

/// What went wrong with one mutant, if anything.
fn check_mutant(name: &str, bytes: &[u8]) -> Option<String> {
    let settings = Settings::default();
    let inputs = vec![
        Input::new(name, bytes.to_vec()),
        Input::new(WITNESS.0, WITNESS.1),
    ];
    let run = catch_unwind(AssertUnwindSafe(|| {
        let analysis = analyze(inputs, Vec::new(), &settings);
        let text = report::check_text(&analysis, false);
        let json = report::check_json(&analysis);
        (analysis, text, json)
    }));
    let Ok((analysis, text, json)) = run else {
        return Some("panicked".into());
    };
    if text.is_empty() || json.is_empty() {
        return Some("empty report".into());
    }
    if !analysis
        .bundle
        .namespaces
        .contains_key("robustness-witness")
    {
        return Some("the file after it was not loaded".into());
    }
    if let Some(problem) = bad_location(&analysis) {
        return Some(problem);
    }
    let contributed =
        analysis.bundle.object_count() > 1 || analysis.bundle.server_version.is_some();
    let refused = analysis.findings.iter().any(|f| {
        REFUSALS.contains(&f.code)
            && f.span
                .and_then(|s| analysis.sources.locate(s))
                .is_some_and(|l| l.path == name)
    });
    if contributed || refused || is_blank(bytes) {
        return None;
    }
    let findings: Vec<String> = analysis
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code.as_str(), f.message))
        .collect();
    Some(format!(
        "vanished silently: no object, no refusal; findings {findings:?}"
    ))
}

/// A finding whose location does not resolve inside its file.
fn bad_location(analysis: &Analysis) -> Option<String> {
    for finding in &analysis.findings {
        let Some(span) = finding.span else {
            continue;
        };
        let file = analysis.sources.file(span.file);
        let location = analysis.sources.locate(span);
        let inside = match (file, &location) {
            (Some(file), Some(location)) => {
                span.offset <= file.text().len()
                    && location.line >= 1
                    && location.line <= file.text().lines().count().max(1) + 1
                    && location.column >= 1
            }
            _ => false,
        };
        if !inside {
            return Some(format!(
                "{} located outside its file: {span:?} -> {location:?}",
                finding.code.as_str()
            ));
        }
    }
    None
}

#[test]
fn mutated_inputs_never_panic_and_never_vanish() {
    let mut files = fixture_files();
    assert!(
        files.len() >= 45,
        "{} fixture files found under tests/fixtures",
        files.len()
    );
    files.extend(
        demo::FILES
            .iter()
            .map(|(name, text)| ((*name).to_string(), text.as_bytes().to_vec())),
    );
    let mut variants = Vec::new();
    for (name, bytes) in &files {
        if let Some(json) = as_json(bytes) {
            variants.push((format!("{name}.json"), json));
        }
        variants.push((name.clone(), bytes.clone()));
    }
    let json_variants = variants
        .iter()
        .filter(|(n, _)| n.ends_with(".json"))
        .count();
    assert!(
        json_variants * 2 > files.len(),
        "most files convert to JSON ({json_variants} of {})",
        files.len()
    );

    let mut failures = Vec::new();
    let mut mutants = 0;
    for (name, original) in &variants {
        // The originals hold to the same rule.
        if let Some(problem) = check_mutant(name, original) {
            failures.push(format!("{name} (unmutated): {problem}"));
        }
        let mut rng = XorShift::seeded(name);
        for index in 0..MUTANTS {
            let (bytes, log) = mutant(original, index % OPERATIONS, &mut rng);
            mutants += 1;
            if let Some(problem) = check_mutant(name, &bytes) {
                failures.push(format!(
                    "{name} mutant {index} ({}): {problem}",
                    log.join("; ")
                ));
            }
        }
    }
    assert!(mutants >= 1000, "only {mutants} mutants");
    assert!(
        failures.is_empty(),
        "{} of {mutants} mutants failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_generator_is_deterministic_and_uses_every_operation() {
    let original = b"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n".to_vec();
    let run = || {
        let mut rng = XorShift::seeded("same name");
        (0..MUTANTS)
            .map(|i| mutant(&original, i % OPERATIONS, &mut rng))
            .collect::<Vec<_>>()
    };
    let first = run();
    assert_eq!(first, run());
    for (word, operation) in [
        ("flip", 0),
        ("replace", 1),
        ("truncate", 2),
        ("duplicate", 3),
        ("delete", 4),
        ("insert", 5),
    ] {
        assert!(
            first.iter().any(|(_, log)| log[0].starts_with(word)),
            "operation {operation} ({word}) never used"
        );
    }
    assert!(is_blank(b"# only a comment\n---\n\n%YAML 1.2\n"));
    assert!(!is_blank(b"# a comment\nkind: A\n"));
}

#[test]
fn a_version_document_without_its_git_version_is_reported() {
    // `kubectl version -o yaml` with serverVersion.gitVersion lost (the way a truncated or edited
    // export loses it): the document is no object and was not understood, so it must be refused
    // (MIG002), not dropped without a word.
    let (_, version) = demo::FILES
        .iter()
        .find(|(name, _)| name.ends_with("version.yaml"))
        .unwrap_or_else(|| panic!("demo has a version.yaml"));
    let server = version.find("serverVersion:").unwrap_or(0);
    let broken: String = version[..server].to_string()
        + &version[server..]
            .lines()
            .filter(|line| !line.trim_start().starts_with("gitVersion:"))
            .map(|line| format!("{line}\n"))
            .collect::<String>();
    assert!(broken.contains("serverVersion:") && broken.contains("v1.28.3\n"));
    assert_eq!(check_mutant("version.yaml", broken.as_bytes()), None);
}

/// Several clusters never fail either: each file of the multi-cluster fixtures, mutated, stands
/// in for its cluster's file beside the other clusters' intact exports, and the mesh's analysis,
/// report, plan and runbooks all come back; every cross-cluster finding's location resolves in
/// the export of the cluster it names.
#[test]
fn mutated_clusters_of_a_mesh_never_panic() {
    use istio2asm_core::clusters::{analyze_clusters, ClusterInput};
    use istio2asm_core::{plan, render};
    let root = repo_fixtures().join("multicluster");
    let clusters = ["east", "west", "central"];
    let exports: Vec<Vec<(String, Vec<u8>)>> = clusters
        .iter()
        .map(|c| {
            files_under(&root.join(c))
                .into_iter()
                .map(|p| {
                    let name = p.display().to_string();
                    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
                    (name, bytes)
                })
                .collect()
        })
        .collect();
    let mut failures = Vec::new();
    let mut mutants = 0;
    for (which, files) in exports.iter().enumerate() {
        for (file, (_, original)) in files.iter().enumerate() {
            let mut rng = XorShift::seeded(&files[file].0);
            for index in 0..4 {
                let (bytes, log) = mutant(original, index % OPERATIONS, &mut rng);
                mutants += 1;
                let inputs: Vec<ClusterInput> = clusters
                    .iter()
                    .enumerate()
                    .map(|(c, name)| ClusterInput {
                        name: (*name).to_string(),
                        inputs: exports[c]
                            .iter()
                            .enumerate()
                            .map(|(f, (n, b))| {
                                let b = if c == which && f == file { &bytes } else { b };
                                Input::new(n.clone(), b.clone())
                            })
                            .collect(),
                    })
                    .collect();
                let run = catch_unwind(AssertUnwindSafe(|| {
                    let mesh = analyze_clusters(inputs, Vec::new(), &Settings::default());
                    let text = report::mesh_text(&mesh, false);
                    let json = report::mesh_json(&mesh);
                    let files = render::mesh_files(&plan::plan_mesh(&mesh, true));
                    let unlocated: Vec<String> = mesh
                        .findings
                        .iter()
                        .filter(|f| {
                            f.finding.span.is_some_and(|span| {
                                f.at.as_deref()
                                    .and_then(|at| mesh.member(at))
                                    .and_then(|m| m.analysis.sources.locate(span))
                                    .is_none()
                            })
                        })
                        .map(|f| f.finding.code.as_str().to_string())
                        .collect();
                    (
                        text.is_empty() || json.is_empty() || files.is_empty(),
                        unlocated,
                    )
                }));
                let problem = match run {
                    Err(_) => Some("panicked".to_string()),
                    Ok((true, _)) => Some("empty output".to_string()),
                    Ok((false, unlocated)) if !unlocated.is_empty() => {
                        Some(format!("unlocated {unlocated:?}"))
                    }
                    Ok(_) => None,
                };
                if let Some(problem) = problem {
                    failures.push(format!(
                        "{} mutant {index} ({}): {problem}",
                        files[file].0,
                        log.join("; ")
                    ));
                }
            }
        }
    }
    assert!(mutants >= 60, "only {mutants} mutants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
