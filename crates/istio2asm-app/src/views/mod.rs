//! The views, one module per tab, and the widgets they share. A tab draws the outcome, changes
//! only its own state, and returns a [`Request`] for anything else, which the app carries out.
//!
//! A tab words everything in the outcome's language, `outcome.lang()` (the `Settings::lang` the
//! analysis and the plan were made in): its own labels through `t!(lang, "app-…")`, the
//! widgets' through their `lang` argument, and core's texts come in it already. So a tab never
//! mixes two languages; a switch in the top bar re-analyses, and the tab follows when that
//! outcome lands.

use istio2asm_core::Input;

use crate::app::{Slot, View};

pub mod changes;
pub mod clusters;
pub mod export;
pub mod findings;
pub mod inputs;
pub mod mesh;
pub mod overview;
mod picture;
pub mod plan;
pub mod trust;
mod widgets;
pub mod workloads;

/// What a tab asks the app to do. The app owns the inputs, the settings and the analysis, so a
/// tab asks rather than changes them, and the three cannot drift apart.
#[derive(Debug, Clone)]
pub enum Request {
    /// Switch to another tab.
    Show(View),
    /// The settings form changed: apply it when it validates.
    ApplyForm,
    /// Emit switches whose gates fail, or stop doing so.
    Force(bool),
    /// Open the file dialog for a slot.
    Pick(Slot),
    /// Load the embedded demo again.
    LoadDemo,
    /// Drop every input, the cluster's and the ASM control plane's.
    Clear,
    /// Add inputs to a slot.
    Add(Slot, Vec<Input>),
    /// Save every export file into a folder the user picks.
    #[cfg(not(target_arch = "wasm32"))]
    SaveAll(Vec<(String, String)>),
    /// Open the add-cluster form of the cluster bar.
    StartAddCluster,
    /// Open the dialog for the files (or, natively, the folder) of a new cluster of that name.
    PickNewCluster {
        /// The name the user gave it.
        name: String,
        /// A folder rather than files (native only).
        folder: bool,
    },
    /// Show another cluster's analysis in the tabs.
    SelectCluster(usize),
    /// Show a cluster's Overview.
    OpenCluster(usize),
    /// Rename a cluster.
    RenameCluster(usize, String),
    /// Drop a cluster and its exports.
    RemoveCluster(usize),
    /// Save one export file (a download on the web).
    SaveOne {
        /// The file's name.
        name: String,
        /// Its text.
        content: String,
    },
}
