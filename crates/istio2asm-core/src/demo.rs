//! The embedded demo cluster: a realistic export part-way through a migration, exercising every
//! family of checks. `istio2asm demo`, `--demo` and the app's first screen use it.

use crate::load::Input;

/// The demo's files: (name, content).
pub const FILES: &[(&str, &str)] = &[
    ("demo/cluster.yaml", include_str!("../demo/cluster.yaml")),
    (
        "demo/istio-system-configmaps.yaml",
        include_str!("../demo/istio-system-configmaps.yaml"),
    ),
    ("demo/webhooks.yaml", include_str!("../demo/webhooks.yaml")),
    (
        "demo/istio-config.yaml",
        include_str!("../demo/istio-config.yaml"),
    ),
    ("demo/version.yaml", include_str!("../demo/version.yaml")),
    (
        "demo/asm-migrate.yaml",
        include_str!("../demo/asm-migrate.yaml"),
    ),
];

/// The ASM version the demo assumes.
pub const ASM_VERSION: &str = "1.24.6";

/// The demo's inputs.
pub fn inputs() -> Vec<Input> {
    FILES
        .iter()
        .map(|(name, text)| Input::new(*name, *text))
        .collect()
}
