//! istio2asm's planning app: one egui app, native (`main.rs`) and in the browser (`web.rs`). All
//! logic is in `istio2asm-core`; this crate only shows it.

pub mod app;
pub mod clusters;
pub mod files;
pub mod fonts;
pub mod state;
pub mod ticks;
pub mod views;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use app::App;
