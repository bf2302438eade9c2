//! Offline by construction: the core depends only on pure parsing crates and its source names no
//! door to the network or to other processes. `clippy.toml` closes the doors to files, the
//! environment, the clock, threads and printing; it does not list `std::net` or `std::process`,
//! so this test watches those (docs/security.md).

// Core's clippy.toml forbids files in the library, which must stay pure. This test reads the
// core's own manifest and sources, so it needs that door.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{core_dir, files_under};

/// The only crates core may depend on (SPEC §1: serde, serde_yaml, serde_json, semver, small
/// pure crates). `json-patch` applies the plan's merge patches for their previews; it depends on
/// serde, serde_json, jsonptr and thiserror only. `fluent-bundle` and `unic-langid` format the
/// message catalogs (Project Fluent; their dependencies are pure: fluent-syntax, intl-memoizer,
/// intl_pluralrules, type-map, self_cell, smallvec, rustc-hash, tinystr). `x509-cert` and `sha2`
/// (RustCrypto) read the roots of trust's PEM and DER and fingerprint them; their dependencies are
/// pure: der, spki, const-oid, pem-rfc7468, base64ct, digest, block-buffer, cpufeatures.
const ALLOWED: [&str; 10] = [
    "serde",
    "serde_json",
    "serde_yaml",
    "semver",
    "memchr",
    "json-patch",
    "fluent-bundle",
    "unic-langid",
    "x509-cert",
    "sha2",
];

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

#[test]
fn core_source_opens_no_network_or_process() {
    let files: Vec<_> = files_under(&core_dir().join("src"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        for door in DOORS {
            assert!(!text.contains(door), "{} mentions {door}", file.display());
        }
    }
}
