//! istio2asm's core: everything the CLI, the app and the JavaScript library share.
//!
//! Data flow: inputs → [`load`] → [`model::Bundle`] → [`detect::Facts`] → [`checks`] →
//! findings + [`phase::Migration`] and gates → renderers ([`report`]).
//!
//! The core is pure: it takes text and returns values. It does no IO, reads no clock or
//! environment, starts no threads and prints nothing (enforced by `clippy.toml`).

pub mod analysis;
mod block_yaml;
pub mod checks;
pub mod collect;
pub mod commands;
pub mod demo;
pub mod detect;
pub mod excerpt;
pub mod finding;
pub mod kubectl;
pub mod load;
pub mod model;
pub mod names;
pub mod node;
pub mod phase;
pub mod plan;
pub mod progress;
pub mod render;
pub mod report;
pub mod risk;
pub mod source;

pub use analysis::{analyze, Analysis, Settings};
pub use finding::{Code, Finding, Severity};
pub use load::{Input, Limits};

/// The version of istio2asm, for generated headers and `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
