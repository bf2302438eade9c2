//! Replays the fuzzers' saved inputs on stable Rust, in a normal `cargo test`.
//!
//! `tests/fixtures/fuzz/<target>/` holds, for each cargo-fuzz target of `fuzz/`, its minimised
//! corpus (`cargo fuzz cmin`) and any input that once crashed it. Each file goes through the very
//! function the fuzz target calls (`fuzz/src/lib.rs`, compiled in here with `#[path]`), so the
//! checks are the same: no panic, the documented invariants hold, and each input finishes within
//! a time bound. docs/security.md says how the corpus was made and how to refresh it.

// Core's clippy.toml forbids files, clock and printing in the library, which must stay pure.
// This test reads the saved inputs from disk and times each one, so it needs those doors.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Per input, in a debug build on a busy two-core machine; the fuzzers ran with a 10 s timeout
/// on an optimised build and no input came near it.
const TIME_LIMIT: Duration = Duration::from_secs(10);

fn replay(target: &str, check: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/fuzz")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 10,
        "{}: only {} inputs",
        dir.display(),
        paths.len()
    );
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&bytes)));
        let elapsed = started.elapsed();
        if elapsed > slowest.0 {
            slowest = (elapsed, name.clone());
        }
        if outcome.is_err() {
            failures.push(format!("{target}/{name}: panicked (message above)"));
        } else if elapsed > TIME_LIMIT {
            failures.push(format!("{target}/{name}: took {elapsed:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
    println!(
        "{target}: {} inputs replayed; slowest {} in {:?}",
        paths.len(),
        slowest.1,
        slowest.0
    );
}

#[test]
fn load_corpus_replays() {
    replay("load", harness::load);
}

#[test]
fn check_plan_corpus_replays() {
    replay("check_plan", harness::check_plan);
}

#[test]
fn shell_corpus_replays() {
    replay("shell", harness::shell);
}
