//! istio2asm's core: everything the CLI, the app and the JavaScript library share.
//!
//! Data flow: inputs → [`load`] → [`model::Bundle`] → [`detect::Facts`] → [`checks`] →
//! findings + [`phase::Migration`] and gates → renderers ([`report`]).
//!
//! The core is pure: it takes text and returns values. It does no IO, reads no clock or
//! environment, starts no threads and prints nothing (enforced by `clippy.toml`).

// First, so that every module can use `t!`.
#[macro_use]
pub mod i18n;

// Each module uses only those before it in the layer order of ARCHITECTURE.md (`tests/layers.rs`).
pub mod analysis;
mod block_yaml;
pub mod changes;
pub mod checks;
pub mod clusters;
pub mod codes;
pub mod collect;
pub mod commands;
pub mod demo;
pub mod detect;
pub mod excerpt;
pub mod finding;
pub mod gate;
pub mod inject;
pub mod kubectl;
pub mod load;
pub mod model;
pub mod names;
pub mod node;
pub mod phase;
pub mod plan;
pub mod preview;
pub mod progress;
pub mod render;
pub mod report;
pub mod risk;
pub mod selector;
pub mod settings;
pub mod source;
pub mod state;
pub mod trust;

pub use analysis::{analyze, Analysis};
pub use clusters::{analyze_clusters, ClusterInput, Mesh};
pub use codes::{Code, Severity};
pub use finding::Finding;
pub use load::{Input, Limits};
pub use settings::Settings;

/// The version of istio2asm, for generated headers and `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
