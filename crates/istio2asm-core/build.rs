//! Copies each check's pages into OUT_DIR, so that binaries carry the documentation (for
//! `istio2asm explain` and the apps) without the rest of the check files, whose tests alone are
//! several times larger: the English page is the leading `//!` block of `src/checks/<name>.rs`
//! (written out as Markdown, `checks/en/<name>.md`), the Chinese one `src/checks/zh-CN/<name>.md`
//! (copied to `checks/zh-CN/<name>.md`).

// A build script is not core's runtime: it may read files.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::path::{Path, PathBuf};

fn main() {
    let source = PathBuf::from("src/checks");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("checks");
    println!("cargo:rerun-if-changed=src/checks");
    println!("cargo:rerun-if-changed=src/checks/zh-CN");
    for dir in [out.join("en"), out.join("zh-CN")] {
        if let Err(error) = std::fs::create_dir_all(&dir) {
            println!("cargo:warning=cannot create {}: {error}", dir.display());
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(&source) else {
        println!("cargo:warning=cannot read {}", source.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".rs"))
        else {
            continue;
        };
        if stem == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let english: String = text
            .lines()
            .map_while(|line| line.strip_prefix("//!"))
            .map(|rest| format!("{}\n", rest.strip_prefix(' ').unwrap_or(rest)))
            .collect();
        write(&out.join("en").join(format!("{stem}.md")), &english);
        // A check without a Chinese page gets an empty one, so that the build goes on and the
        // test `every_code_has_a_chinese_page_like_its_english_one` names what is missing.
        let page = source.join("zh-CN").join(format!("{stem}.md"));
        let chinese = std::fs::read_to_string(&page).unwrap_or_else(|_| {
            println!("cargo:warning=no Chinese page {}", page.display());
            String::new()
        });
        write(&out.join("zh-CN").join(format!("{stem}.md")), &chinese);
    }
}

/// Writes `text` unless the file already holds it, so that nothing downstream rebuilds for a test
/// edit.
fn write(target: &Path, text: &str) {
    if std::fs::read_to_string(target).ok().as_deref() != Some(text) {
        if let Err(error) = std::fs::write(target, text) {
            println!("cargo:warning=cannot write {}: {error}", target.display());
        }
    }
}
