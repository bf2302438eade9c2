//! The views, one module per tab, and the widgets they share. Each tab takes the app (for its UI
//! state) and the outcome it shows.

pub mod export;
pub mod findings;
pub mod inputs;
pub mod overview;
pub mod plan;
mod widgets;
pub mod workloads;
