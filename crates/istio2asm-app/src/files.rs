//! Opening and saving files: rfd dialogs natively, the browser's file input and downloads on the
//! web. Picked files reach the app through its inbox, since web dialogs finish later.

use istio2asm_core::i18n::Lang;
use istio2asm_core::{t, Input};

use crate::app::{Inbox, Slot, Status};

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The target is a symbolic link, which the app does not write through.
    SymbolicLink,
    /// The system refused; its own text.
    Io(String),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e.to_string())
    }
}

impl WriteError {
    /// Why, in `lang` (the system's text as it is).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            WriteError::SymbolicLink => t!(lang, "app-status-symbolic-link"),
            WriteError::Io(text) => text.clone(),
        }
    }
}

/// Opens the file dialog (several files at once) for a slot. The files go to the inbox, since on
/// the web the dialog finishes after this returns; what could not be read is returned as a
/// status. `lang` words the dialog's filters.
pub fn pick(inbox: &Inbox, slot: Slot, ctx: &egui::Context, lang: Lang) -> Option<Status> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ctx;
        let paths = rfd::FileDialog::new()
            .add_filter(t!(lang, "app-dialog-exports"), &["yaml", "yml", "json"])
            .add_filter(t!(lang, "app-dialog-all-files"), &["*"])
            .pick_files()?;
        read_into(inbox, slot, paths)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let inbox = inbox.clone();
        let ctx = ctx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(handles) = rfd::AsyncFileDialog::new()
                .add_filter(t!(lang, "app-dialog-exports"), &["yaml", "yml", "json"])
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

/// Opens the folder dialog (native): every `.yaml`, `.yml` and `.json` file under the folder
/// picked, its subfolders included, in name order, goes to the inbox for `slot`, as the CLI reads
/// a directory given as input. What could not be read is returned as a status.
#[cfg(not(target_arch = "wasm32"))]
pub fn pick_folder(inbox: &Inbox, slot: Slot) -> Option<Status> {
    let dir = rfd::FileDialog::new().pick_folder()?;
    let mut paths = Vec::new();
    if let Err(e) = exports_under(&dir, &mut paths) {
        return Some(Status::CannotRead {
            name: dir.display().to_string(),
            error: e.to_string(),
        });
    }
    read_into(inbox, slot, paths)
}

/// Reads each path into the inbox under `slot`; the last file that could not be read is the
/// status returned.
#[cfg(not(target_arch = "wasm32"))]
fn read_into(inbox: &Inbox, slot: Slot, paths: Vec<std::path::PathBuf>) -> Option<Status> {
    let mut inputs = Vec::new();
    let mut problem = None;
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => inputs.push(Input::new(path.display().to_string(), bytes)),
            Err(e) => {
                problem = Some(Status::CannotRead {
                    name: path.display().to_string(),
                    error: e.to_string(),
                })
            }
        }
    }
    if let Ok(mut inbox) = inbox.lock() {
        inbox.extend(inputs.into_iter().map(|i| (slot, i)));
    }
    problem
}

/// The export files under `dir`, depth first in name order.
#[cfg(not(target_arch = "wasm32"))]
fn exports_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            exports_under(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Saves one file: a save dialog natively, a download on the web. Returns the status, or
/// nothing when the dialog was cancelled.
pub fn save_one(name: &str, content: &str) -> Option<Status> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let path = rfd::FileDialog::new().set_file_name(name).save_file()?;
        let shown = path.display().to_string();
        Some(match write_atomically(&path, content) {
            Ok(()) => Status::Saved { path: shown },
            Err(error) => Status::CannotSave { path: shown, error },
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let name = name.to_string();
        let bytes = content.as_bytes().to_vec();
        let status = Status::Downloading { name: name.clone() };
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
pub fn write_atomically(path: &std::path::Path, content: &str) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError::SymbolicLink);
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
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        WriteError::from(e)
    })
}

/// Writes every file into `dir`, refusing to overwrite; returns the status. A file in a
/// subfolder (a mesh's `east/runbook.md`) is refused when that subfolder is there already, so
/// nothing is ever written through an existing folder or link.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_all(dir: &std::path::Path, files: &[(String, String)]) -> Status {
    let mut existing: Vec<String> = files
        .iter()
        .map(|(name, _)| name.split('/').next().unwrap_or(name).to_string())
        .filter(|top| std::fs::symlink_metadata(dir.join(top)).is_ok())
        .collect();
    existing.dedup();
    if !existing.is_empty() {
        return Status::NothingWritten {
            dir: dir.display().to_string(),
            existing,
        };
    }
    for (name, content) in files {
        // A mesh's files are in a folder per cluster (`east/runbook.md`).
        let path = dir.join(name);
        if let Some(parent) = path.parent().filter(|p| *p != dir) {
            if let Err(error) = std::fs::create_dir_all(parent) {
                return Status::CannotWrite {
                    path: parent.display().to_string(),
                    error: error.into(),
                };
            }
        }
        if let Err(error) = write_atomically(&path, content) {
            return Status::CannotWrite {
                path: dir.join(name).display().to_string(),
                error,
            };
        }
    }
    Status::Wrote {
        count: files.len(),
        dir: dir.display().to_string(),
    }
}
