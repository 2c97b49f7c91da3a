//! A path typed by hand, where no file dialog can be shown (a bare X server without a desktop portal or
//! zenity), and in tests.

use super::Dialog;
use crate::app::Action;
use crate::app::file_dialog::Purpose;
use crate::document::Document;
use crate::formats;
use egui::{Id, Modal, RichText};
use std::path::PathBuf;

pub struct PathPrompt {
    purpose: Purpose,
    text: String,
    /// Shown because no file dialog could be opened.
    no_dialog: bool,
    focus: bool,
}

impl PathPrompt {
    /// Asks for a path, starting from `start` (a folder gets a trailing separator, ready for a name).
    pub fn new(purpose: Purpose, start: Option<PathBuf>, no_dialog: bool) -> Self {
        let text = start
            .map(|p| {
                let mut s = p.display().to_string();
                if p.is_dir() && !s.ends_with(std::path::MAIN_SEPARATOR) {
                    s.push(std::path::MAIN_SEPARATOR);
                }
                s
            })
            .unwrap_or_default();
        Self {
            purpose,
            text,
            no_dialog,
            focus: true,
        }
    }
}

impl Dialog for PathPrompt {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut done: Option<bool> = None;
        Modal::new(Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            let (title, verb) = match self.purpose {
                Purpose::Open => ("Open a transcript", "Open"),
                Purpose::SaveAs => ("Save the transcript as", "Save"),
                Purpose::Recording => ("Open the recording", "Open"),
                Purpose::ExportClean => ("Export the clean copy as", "Export"),
                Purpose::ExportSubtitles => ("Export the subtitles as", "Export"),
            };
            ui.heading(title);
            if self.no_dialog {
                ui.label(
                    RichText::new(
                        "No file dialog can be shown on this system (no desktop portal or zenity). Type the path instead.",
                    )
                    .weak(),
                );
            }
            if self.purpose == Purpose::ExportSubtitles {
                ui.label(RichText::new("The extension chooses the format: .srt, .vtt, .ttml, .ass or .sbv.").weak());
            } else if self.purpose.saves() {
                let extensions = formats::extension_list(formats::writable());
                ui.label(RichText::new(format!("The extension chooses the format: {extensions}.")).weak());
            }
            ui.add_space(6.0);
            let folder = folder_of(&self.text);
            ui.label(RichText::new(format!("In: {}", folder.display())).weak())
                .on_hover_text("Tab completes the name being typed from this folder's files");
            let label = ui.label("Path:");
            let field_id = Id::unique("path-prompt-field");
            // Tab completes the name, as a shell does, instead of moving the focus.
            let tab = ui.ctx().memory(|m| m.has_focus(field_id))
                && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
            if tab && let Some(completed) = complete(&self.text) {
                self.text = completed;
                let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field_id).unwrap_or_default();
                let end = egui::text::CCursor::new(self.text.chars().count());
                state.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
                state.store(ui.ctx(), field_id);
            }
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(field_id)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if self.focus || tab {
                field.request_focus();
                self.focus = false;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(verb).clicked() || entered {
                    done = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = Some(false);
                }
            });
        });
        match done {
            Some(true) if !self.text.trim().is_empty() => {
                let path = PathBuf::from(self.text.trim());
                actions.push(match self.purpose {
                    Purpose::Open => Action::OpenPath(path),
                    Purpose::Recording => Action::OpenRecording(path),
                    Purpose::SaveAs => Action::SaveTo {
                        path,
                        replace_ok: false,
                    },
                    Purpose::ExportClean => Action::ExportCleanTo(path),
                    Purpose::ExportSubtitles => Action::ExportSubtitlesTo(path),
                });
                false
            }
            Some(false) => {
                actions.push(Action::PathCancelled);
                false
            }
            _ => true,
        }
    }
}

/// The folder a typed path is in: its parent (the folder itself when it ends with a separator), else the
/// working folder.
fn folder_of(typed: &str) -> PathBuf {
    let path = std::path::Path::new(typed);
    let folder = if typed.ends_with(std::path::MAIN_SEPARATOR) || typed.ends_with('/') {
        Some(path)
    } else {
        path.parent()
    };
    match folder.filter(|f| !f.as_os_str().is_empty()) {
        Some(f) => f.to_path_buf(),
        None => std::env::current_dir().unwrap_or_default(),
    }
}

/// `typed` with its last name completed from the folder's entries: to the one that starts with it (a folder
/// gets its separator), or as far as all that start with it agree. `None` when nothing starts with it.
fn complete(typed: &str) -> Option<String> {
    let (dir, stem) = match typed.rfind(['/', std::path::MAIN_SEPARATOR]) {
        Some(at) => (&typed[..=at], &typed[at + 1..]),
        None => ("", typed),
    };
    let folder = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(dir)
    };
    let mut names: Vec<(String, bool)> = std::fs::read_dir(&folder)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (name.starts_with(stem) && (!name.starts_with('.') || stem.starts_with('.'))).then_some((name, is_dir))
        })
        .collect();
    names.sort();
    let first = names.first()?;
    if names.len() == 1 {
        let separator = if first.1 {
            std::path::MAIN_SEPARATOR.to_string()
        } else {
            String::new()
        };
        return Some(format!("{dir}{}{separator}", first.0));
    }
    // As far as every name agrees.
    let mut common = first.0.clone();
    for (name, _) in &names[1..] {
        let agreed = common.chars().zip(name.chars()).take_while(|(a, b)| a == b).count();
        common = common.chars().take(agreed).collect();
    }
    (common.len() > stem.len()).then(|| format!("{dir}{common}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_a_name_from_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("interview-mia.txt"), "").expect("write");
        std::fs::write(dir.path().join("interview-bram.txt"), "").expect("write");
        std::fs::create_dir(dir.path().join("recordings")).expect("mkdir");
        let base = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
        assert_eq!(complete(&format!("{base}int")), Some(format!("{base}interview-")));
        assert_eq!(
            complete(&format!("{base}interview-m")),
            Some(format!("{base}interview-mia.txt"))
        );
        assert_eq!(
            complete(&format!("{base}rec")),
            Some(format!("{base}recordings{}", std::path::MAIN_SEPARATOR))
        );
        assert_eq!(complete(&format!("{base}zzz")), None);
        assert_eq!(folder_of(&format!("{base}interview")), dir.path());
    }
}
