//! The native app: `istio2asm-app` opens with the demo cluster loaded.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("istio2asm")
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "istio2asm",
        options,
        Box::new(|cc| Ok(Box::new(istio2asm_app::App::from_storage(cc.storage)))),
    )
}

#[cfg(target_arch = "wasm32")]
fn main() {}
