//! Opening and saving files: rfd dialogs natively, the browser's file input and downloads on the
//! web. Picked files reach the app through its inbox, since web dialogs finish later.

use istio2asm_core::Input;

use crate::app::{Inbox, Slot};

/// Opens the file dialog (several files at once) for a slot. The files go to the inbox, since on
/// the web the dialog finishes after this returns; what could not be read is returned as a
/// status line.
pub fn pick(inbox: &Inbox, slot: Slot, ctx: &egui::Context) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ctx;
        let paths = rfd::FileDialog::new()
            .add_filter("Kubernetes exports", &["yaml", "yml", "json"])
            .add_filter("All files", &["*"])
            .pick_files()?;
        let mut inputs = Vec::new();
        let mut problem = None;
        for path in paths {
            match std::fs::read(&path) {
                Ok(bytes) => inputs.push(Input::new(path.display().to_string(), bytes)),
                Err(e) => problem = Some(format!("Cannot read {}: {e}", path.display())),
            }
        }
        if let Ok(mut inbox) = inbox.lock() {
            inbox.extend(inputs.into_iter().map(|i| (slot, i)));
        }
        problem
    }
    #[cfg(target_arch = "wasm32")]
    {
        let inbox = inbox.clone();
        let ctx = ctx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(handles) = rfd::AsyncFileDialog::new()
                .add_filter("Kubernetes exports", &["yaml", "yml", "json"])
                .pick_files()
                .await
            else {
                return;
            };
            let mut inputs = Vec::new();
            for handle in handles {
                inputs.push((slot, Input::new(handle.file_name(), handle.read().await)));
            }
            if let Ok(mut inbox) = inbox.lock() {
                inbox.extend(inputs);
            }
            ctx.request_repaint();
        });
        None
    }
}

/// Saves one file: a save dialog natively, a download on the web. Returns the status line, or
/// nothing when the dialog was cancelled.
pub fn save_one(name: &str, content: &str) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let path = rfd::FileDialog::new().set_file_name(name).save_file()?;
        Some(match write_atomically(&path, content) {
            Ok(()) => format!("Saved {}", path.display()),
            Err(e) => format!("Cannot save {}: {e}", path.display()),
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let name = name.to_string();
        let bytes = content.as_bytes().to_vec();
        let status = format!("Downloading {name}");
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(handle) = rfd::AsyncFileDialog::new()
                .set_file_name(&name)
                .save_file()
                .await
            {
                let _ = handle.write(&bytes).await;
            }
        });
        Some(status)
    }
}

/// Writes to a temporary name next to the target, then renames: never a half-written file.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_atomically(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(
            "it is a symbolic link; not writing through it",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, content)?;
    if name.ends_with(".sh") {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o755))?;
    }
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Writes every file into `dir`, refusing to overwrite; returns a status line.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_all(dir: &std::path::Path, files: &[(String, String)]) -> String {
    let existing: Vec<&str> = files
        .iter()
        .filter(|(name, _)| std::fs::symlink_metadata(dir.join(name)).is_ok())
        .map(|(name, _)| name.as_str())
        .collect();
    if !existing.is_empty() {
        return format!(
            "Nothing written: {} already holds {}. Pick an empty folder.",
            dir.display(),
            existing.join(", ")
        );
    }
    for (name, content) in files {
        if let Err(e) = write_atomically(&dir.join(name), content) {
            return format!("Cannot write {}: {e}", dir.join(name).display());
        }
    }
    format!("Wrote {} files into {}", files.len(), dir.display())
}
