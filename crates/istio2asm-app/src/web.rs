//! The browser shell: `WebHandle` starts the app on a canvas and gives the page (and its tests)
//! a few hooks.

use wasm_bindgen::prelude::*;

use istio2asm_core::i18n::Lang;

use crate::app::{App, Slot};

/// The handle the page holds.
#[wasm_bindgen]
pub struct WebHandle {
    runner: eframe::WebRunner,
}

impl std::fmt::Debug for WebHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // eframe's runner has no Debug of its own.
        f.debug_struct("WebHandle").finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl WebHandle {
    /// Creates the handle (installs the panic hook).
    #[wasm_bindgen(constructor)]
    #[expect(clippy::new_without_default)]
    pub fn new() -> Self {
        WebHandle {
            runner: eframe::WebRunner::new(),
        }
    }

    /// Starts the app on the canvas, in the browser's language until the user picks one.
    #[wasm_bindgen]
    pub async fn start(&self, canvas: web_sys::HtmlCanvasElement) -> Result<(), JsValue> {
        let browser = web_sys::window()
            .and_then(|window| window.navigator().language())
            .and_then(|tag| Lang::from_locale(&tag));
        self.runner
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(move |cc| Ok(Box::new(App::from_storage(cc.storage, browser)))),
            )
            .await
    }

    /// Whether the app has crashed.
    #[wasm_bindgen(js_name = hasPanicked)]
    pub fn has_panicked(&self) -> bool {
        self.runner.has_panicked()
    }

    /// The panic message, if any.
    #[wasm_bindgen(js_name = panicMessage)]
    pub fn panic_message(&self) -> Option<String> {
        self.runner.panic_summary().map(|s| s.message())
    }

    /// Opens the app's file dialog (the page's file input), as the Open button does.
    #[wasm_bindgen(js_name = openFiles)]
    pub fn open_files(&self) {
        if let Some(mut app) = self.runner.app_mut::<App>() {
            app.open_files(Slot::Cluster);
        }
    }

    /// Loads the embedded demo again (benchmarks reset with it).
    #[wasm_bindgen(js_name = loadDemo)]
    pub fn load_demo(&self) {
        if let Some(mut app) = self.runner.app_mut::<App>() {
            app.load_demo(0.0);
            if let Some(ctx) = app.egui_ctx() {
                ctx.request_repaint();
            }
        }
    }

    /// Test hook: a JSON summary of what the app shows.
    #[wasm_bindgen]
    pub fn summary(&self) -> String {
        let Some(app) = self.runner.app_mut::<App>() else {
            return "null".into();
        };
        let Some(outcome) = app.outcome() else {
            return "null".into();
        };
        let analysis = &outcome.analysis;
        let (errors, warnings, infos) = analysis.counts();
        let mut codes: Vec<&str> = analysis.findings.iter().map(|f| f.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        serde_json::json!({
            "busy": app.busy(),
            "demo": app.is_demo(),
            "files": analysis.sources.files().iter().map(|f| f.name()).collect::<Vec<_>>(),
            "objects": analysis.bundle.object_count(),
            "state": analysis.migration.state.as_str(),
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "codes": codes,
            "workloads": outcome.rows.len(),
            // The tab's name in code, the same in every language.
            "view": format!("{:?}", app.view()),
            "lang": app.lang().code(),
            // The clusters by name, the selected one's analysis above (several: a mesh).
            "clusters": app.cluster_names(),
            "cluster": app.selected_cluster(),
        })
        .to_string()
    }
}
