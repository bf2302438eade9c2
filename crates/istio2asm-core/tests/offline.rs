//! Offline by construction: the core depends only on pure parsing crates and its source names no
//! door to the network or to other processes. `clippy.toml` closes the doors to files, the
//! environment, the clock, threads and printing; it does not list `std::net` or `std::process`,
//! so this test watches those (docs/security.md).

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// core's own manifest and sources, so it needs that door.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

/// The only crates core may depend on (SPEC §1: serde, serde_yaml, serde_json, semver, small
/// pure crates).
const ALLOWED: [&str; 5] = ["serde", "serde_json", "serde_yaml", "semver", "memchr"];

/// Paths that would reach the network or start a process.
const DOORS: [&str; 7] = [
    "std::net",
    "TcpStream",
    "UdpSocket",
    "TcpListener",
    "std::process",
    "Command::new(",
    "std::os::unix::net",
];

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn core_depends_only_on_pure_crates() {
    let manifest = std::fs::read_to_string(core_dir().join("Cargo.toml")).expect("Cargo.toml");
    let mut section = "";
    let mut found = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[dependencies]" && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.']).next().unwrap_or("").trim();
            found.push(name.to_string());
        }
        assert!(
            !section.starts_with("[dependencies."),
            "unexpected table {section}"
        );
    }
    assert!(!found.is_empty());
    for name in &found {
        assert!(
            ALLOWED.contains(&name.as_str()),
            "core depends on {name}; only {ALLOWED:?} are allowed"
        );
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_source_opens_no_network_or_process() {
    let mut files = Vec::new();
    sources(&core_dir().join("src"), &mut files);
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        for door in DOORS {
            assert!(!text.contains(door), "{} mentions {door}", file.display());
        }
    }
}
