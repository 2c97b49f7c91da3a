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

/// The window's icon (the task bar and the title bar show it): the 256-pixel PNG of `assets/icon`.
pub fn icon() -> egui::IconData {
    // The PNG is ours and built in; a broken one would show no icon rather than stop the editor.
    eframe::icon_data::from_png_bytes(include_bytes!(
        "../../assets/icon/hicolor/256x256/apps/transcript-editor.png"
    ))
    .unwrap_or_default()
}

/// Opens the editor window, with the first of `files` open (the others offered) when given.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let settings = Settings::load();
    let [w, h] = settings.window_size;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Transcript Editor")
            .with_app_id("transcript-editor")
            .with_inner_size([w.max(640.0), h.max(400.0)])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true)
            .with_icon(std::sync::Arc::new(icon())),
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
            editor.open_files(&files);
            Ok(Box::new(EditorApp { editor }))
        }),
    );
    result.map_err(|e| anyhow::anyhow!("cannot open the editor window: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_256_pixel_picture() {
        let icon = super::icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Transparent corners, the blue square inside.
        assert_eq!(icon.rgba[3], 0, "the top left corner is transparent");
        let centre_left = ((128 * 256) + 16) * 4;
        assert_eq!(&icon.rgba[centre_left..centre_left + 4], &[0x1f, 0x5f, 0xa8, 0xff]);
    }
}
