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
            let label = ui.label("Path:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if self.focus {
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
