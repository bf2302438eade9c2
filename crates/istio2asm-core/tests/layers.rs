//! Core's layering: every module uses only the modules before it in the order ARCHITECTURE.md
//! names once (its "Layers" line), so data flows one way and no two modules depend on each other.
//!
//! The test reads each source file's `crate::…` references up to its first `#[cfg(test)]`: unit
//! tests may build whole analyses, which is not a dependency of the module itself.

// A test reads the sources: IO is its job, and a missing file should fail it loudly.
#![allow(clippy::disallowed_methods, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The layer order as ARCHITECTURE.md writes it: the modules after `Layers:` on one line,
/// separated by `→`, each in backticks.
fn layer_order() -> Vec<String> {
    let path = core_dir().join("../../ARCHITECTURE.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Layers: "))
        .expect("ARCHITECTURE.md has a line starting with `Layers: `");
    line.split('→')
        .map(|m| m.trim().trim_matches('`').to_string())
        .collect()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module a file belongs to: `detect/gateways.rs` → `detect`, `load.rs` → `load`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The top-level modules a source text names through `crate::`, including grouped imports
/// (`use crate::{a::X, b}`).
fn references(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn non_test_part(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

#[test]
fn every_module_uses_only_the_layers_before_it() {
    let order = layer_order();
    let src = core_dir().join("src");
    let position = |module: &str| order.iter().position(|m| m == module);
    let mut problems = Vec::new();
    for file in rust_files(&src) {
        let module = module_of(&src, &file);
        if module == "lib" {
            continue;
        }
        let Some(own) = position(&module) else {
            problems.push(format!(
                "{}: module `{module}` is not in the layer order",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("read");
        for used in references(non_test_part(&text)) {
            if used == module || used == "VERSION" {
                continue;
            }
            match position(&used) {
                Some(other) if other < own => {}
                Some(_) => problems.push(format!(
                    "{}: `{module}` uses `{used}`, which comes after it",
                    file.strip_prefix(&src).unwrap_or(&file).display()
                )),
                None => problems.push(format!(
                    "{}: `{module}` uses `{used}`, which is not in the layer order",
                    file.strip_prefix(&src).unwrap_or(&file).display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reference_reader_sees_grouped_and_nested_paths() {
    let text = "use crate::{a::X, b};\nuse crate::c::D;\nfn f() { crate::e::g(); }\n";
    let names: Vec<String> = references(text).into_iter().collect();
    assert_eq!(names, ["a", "b", "c", "e"]);
}

#[test]
fn a_backward_edge_is_seen() {
    // `finding` naming `checks` (as it once re-exported `checks::Code`) must be caught.
    let order = ["codes", "finding", "checks"];
    let refs = references("pub use crate::checks::Code;");
    let own = order.iter().position(|m| *m == "finding");
    let later: Vec<&String> = refs
        .iter()
        .filter(|r| order.iter().position(|m| m == r) > own)
        .collect();
    assert_eq!(later, ["checks"]);
}
