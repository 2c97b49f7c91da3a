//! The eframe application around [`Editor`]: the native window, its size, and saving settings on exit.

use super::Editor;
use crate::store::{self, Settings};
use std::path::{Path, PathBuf};

/// The sample transcript shipped in `assets/`, looked for beside the executable and in the source tree.
pub fn sample_path() -> PathBuf {
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("assets").join("sample.txt")));
    match beside_exe {
        Some(p) if p.exists() => p,
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("sample.txt"),
    }
}

/// The eframe application around [`Editor`].
struct EditorApp {
    editor: Editor,
}

impl eframe::App for EditorApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(rect) = ui.ctx().input(|i| i.viewport().inner_rect) {
            self.editor.settings.window_size = [rect.width(), rect.height()];
        }
        self.editor.ui(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {}

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.editor.save_settings();
    }
}

/// Opens the editor window, with `file` open when given.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let settings = Settings::load();
    let [w, h] = settings.window_size;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Transcript Editor")
            .with_app_id("transcript-editor")
            .with_inner_size([w.max(640.0), h.max(400.0)])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Transcript Editor",
        options,
        Box::new(move |_cc| {
            let mut editor = Editor::new(settings).persisting_settings();
            if let Some(dir) = store::recovery::recovery_dir() {
                editor = editor.with_recovery(dir);
            }
            if let Some(file) = file {
                editor.open(&file);
            }
            Ok(Box::new(EditorApp { editor }))
        }),
    );
    result.map_err(|e| anyhow::anyhow!("cannot open the editor window: {e}"))
}
