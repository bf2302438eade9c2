//! Copies each check's leading `//!` documentation into OUT_DIR, so that binaries carry the
//! documentation (for `istio2asm explain` and the apps) without the rest of the check files, whose
//! tests alone are several times larger.

// A build script is not core's runtime: it may read files.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::path::PathBuf;

fn main() {
    let source = PathBuf::from("src/checks");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("checks");
    println!("cargo:rerun-if-changed=src/checks");
    if let Err(error) = std::fs::create_dir_all(&out) {
        println!("cargo:warning=cannot create {}: {error}", out.display());
        return;
    }
    let Ok(entries) = std::fs::read_dir(&source) else {
        println!("cargo:warning=cannot read {}", source.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".rs") || name == "mod.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let doc: String = text
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .map(|line| format!("{line}\n"))
            .collect();
        let target = out.join(format!("{name}.doc"));
        // Unchanged docs are not rewritten, so nothing downstream rebuilds for a test edit.
        if std::fs::read_to_string(&target).ok().as_deref() != Some(doc.as_str()) {
            if let Err(error) = std::fs::write(&target, doc) {
                println!("cargo:warning=cannot write {}: {error}", target.display());
            }
        }
    }
}
