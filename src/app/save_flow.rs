//! Saving, and the guard before anything that would throw away unsaved changes. Each question (replace
//! another file, overwrite another program's changes, leave out what the format cannot hold, save first?)
//! is a dialog whose answer comes back as an action; the flow then carries on from where it stopped.

use super::actions::{Action, GuardChoice, Guarded, PendingSave, SaveAnswer, SaveQuestion};
use super::file_dialog::Purpose;
use super::{Editor, TurnList, dialogs};
use crate::document::Document;
use crate::formats::{self, Format};
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct SaveFlow {
    /// What to do once the document has been saved ("Save" in the guard of an untitled document).
    pub after_save: Option<Guarded>,
    /// Set once the user agreed to close the window.
    allow_close: bool,
    /// Quit was chosen; the window closes at the end of the frame.
    pub quit_requested: bool,
}

impl SaveFlow {
    /// Whether the user agreed to close the window (its changes saved or discarded).
    pub fn closing(&self) -> bool {
        self.allow_close
    }
}

impl Editor {
    /// Asks about unsaved changes before `action`, or carries it out at once when there are none.
    pub(super) fn guarded(&mut self, action: Guarded) {
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.dialogs.open(dialogs::UnsavedChanges { guarded: action });
        } else {
            self.perform(action);
        }
    }

    /// The window's close button: ask first when there are unsaved changes.
    pub(super) fn watch_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.save.allow_close {
            if self.doc.as_ref().is_some_and(Document::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.guarded(Guarded::Quit);
            } else {
                self.remember_place();
                self.save.allow_close = true;
            }
        }
    }

    pub(super) fn resolve_guard(&mut self, choice: GuardChoice, action: Guarded) {
        match choice {
            GuardChoice::Cancel => {}
            GuardChoice::Discard => self.perform(action),
            GuardChoice::Save => {
                // Carry on once the document is saved: saving may ask questions first, or need a name.
                self.save.after_save = Some(action);
                self.save();
            }
        }
    }

    /// Carries out an action that throws the document away, once that is agreed.
    pub(super) fn perform(&mut self, action: Guarded) {
        match action {
            Guarded::Open(path) => self.open(&path),
            Guarded::OpenDialog => self.ask_path(Purpose::Open),
            Guarded::Close => {
                self.remember_place();
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.doc = None;
                self.player.close();
                self.turns = TurnList::default();
            }
            Guarded::Quit => {
                self.remember_place();
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.save.allow_close = true;
                self.save.quit_requested = true;
            }
            Guarded::Restore(i) => self.restore(i),
        }
    }

    /// Save: to the document's file in its format; a recogniser's output or an untitled document asks
    /// for a name.
    pub(super) fn save(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !doc.format().can_write() {
            // A recogniser's output is not overwritten: the corrected transcript gets a name of its own.
            self.notify(format!(
                "{} is only read; save the corrected transcript as JSON or text",
                doc.format().title()
            ));
            return self.ask_path(Purpose::SaveAs);
        }
        match doc.path() {
            Some(path) => {
                let (path, format) = (path.to_path_buf(), doc.format());
                self.save_checked(PendingSave::new(path, format, false));
            }
            None => self.ask_path(Purpose::SaveAs),
        }
    }

    /// Saves to a path chosen by the user; the extension chooses the format, a name without a known one
    /// keeps the current format. `replace_ok`: the user already agreed to replace an existing file (the
    /// native save dialog asks).
    pub(super) fn save_to(&mut self, path: &Path, replace_ok: bool) {
        let Some(doc) = &self.doc else { return };
        let format: &'static dyn Format = formats::by_extension(path).unwrap_or(doc.format());
        self.save_checked(PendingSave::new(path.to_path_buf(), format, replace_ok));
    }

    /// Saves after asking what needs asking. Each question waits for the user; the answer comes back
    /// through [`Action::AnswerSave`].
    fn save_checked(&mut self, pending: PendingSave) {
        let Some(doc) = &mut self.doc else { return };
        let same_file = doc.path() == Some(pending.path.as_path());
        let question = if !pending.replace_ok && !same_file && pending.path.exists() {
            Some(SaveQuestion::Replace)
        } else if !pending.changed_ok && same_file && doc.changed_on_disk().is_some() {
            Some(SaveQuestion::ChangedOnDisk)
        } else if let Some(missing) = missing_ends(doc.transcript(), pending.format) {
            Some(SaveQuestion::MissingEnds(missing))
        } else {
            let losses = doc.unaccepted_losses(pending.format);
            (!pending.losses_ok && !losses.is_empty()).then_some(SaveQuestion::Losses(losses))
        };
        if let Some(question) = question {
            self.dialogs.open(dialogs::SaveQuestionDialog { question, pending });
            return;
        }
        match doc.save_to(&pending.path, pending.format, pending.read_only_ok) {
            Ok(()) => {
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.open.disk_banner = None;
                let name = doc.display_name();
                self.remember_file(&pending.path);
                self.notify(format!("Saved {name} ({})", pending.format.title()));
                if let Some(next) = self.save.after_save.take() {
                    self.perform(next);
                }
            }
            Err(crate::store::SaveError::ReadOnly { .. }) => {
                self.dialogs.open(dialogs::SaveQuestionDialog {
                    question: SaveQuestion::ReadOnly,
                    pending,
                });
            }
            Err(e) => {
                self.save.after_save = None;
                self.dialogs.show_error(
                    "Cannot save",
                    format!("{e}\n\nThe file on disk is unchanged and your changes are still open."),
                );
            }
        }
    }

    /// The user's answer to a question asked before saving.
    pub(super) fn answer_save(&mut self, answer: SaveAnswer, question: SaveQuestion, mut pending: PendingSave) {
        match answer {
            SaveAnswer::Cancel => self.save.after_save = None,
            SaveAnswer::Proceed => {
                match question {
                    SaveQuestion::Replace => pending.replace_ok = true,
                    SaveQuestion::ChangedOnDisk => pending.changed_ok = true,
                    SaveQuestion::ReadOnly => pending.read_only_ok = true,
                    SaveQuestion::MissingEnds(_) => self.change(crate::edit::ops::fill_ends),
                    SaveQuestion::Losses(losses) => {
                        pending.losses_ok = true;
                        if let Some(doc) = &mut self.doc {
                            doc.accept_losses(pending.format, losses);
                        }
                    }
                }
                self.save_checked(pending);
            }
            SaveAnswer::AsJson => {
                let path = pending.path.with_extension("json");
                self.save_checked(PendingSave::new(path, &formats::json::Json, false));
            }
        }
    }

    /// Asks for a path: a file dialog, or the path field where none can be shown.
    fn ask_path(&mut self, purpose: Purpose) {
        self.actions.push(Action::AskPath(purpose));
    }

    pub(super) fn show_path_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        if purpose != Purpose::Open && self.doc.is_none() {
            return;
        }
        if self.file_dialogs.available() {
            let start = self.suggested_path(purpose);
            self.file_dialogs.start(purpose, start, ctx);
        } else {
            self.ask_path_in_window(purpose);
        }
    }

    pub(super) fn ask_path_in_window(&mut self, purpose: Purpose) {
        let start = self.suggested_path(purpose);
        self.dialogs.open(dialogs::PathPrompt::new(purpose, start, true));
    }

    /// Where a file dialog starts: the document's file (a recogniser's output gets a name of its own), else
    /// the folder last used.
    fn suggested_path(&self, purpose: Purpose) -> Option<PathBuf> {
        let doc = self.doc.as_ref().filter(|_| purpose.saves());
        if purpose == Purpose::ExportSubtitles
            && let (Some(doc), Some(window)) = (doc, self.dialogs.find::<super::subtitles::ExportSubtitles>())
        {
            return window.suggested_path(doc).or_else(|| self.settings.last_folder.clone());
        }
        let suggestion = doc.and_then(|d| {
            let path = d.path()?;
            if purpose == Purpose::ExportClean {
                // Beside the transcript, in its format where that can be written: `talk-clean.txt`.
                let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
                let ext = if d.format().can_write() {
                    path.extension()
                        .map(|e| e.to_string_lossy().into_owned())
                        .unwrap_or("txt".into())
                } else {
                    "txt".to_string()
                };
                return Some(path.with_file_name(format!("{stem}-clean.{ext}")));
            }
            if d.format().can_write() {
                return Some(path.to_path_buf());
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            Some(path.with_file_name(format!("{stem}-edited.json")))
        });
        suggestion.or_else(|| self.settings.last_folder.clone())
    }
}

/// For subtitles, how many turns have a start and no end, when every turn has a start (the ends can then be
/// estimated; a turn without any time is left to the error that names it).
fn missing_ends(t: &crate::model::Transcript, format: &dyn Format) -> Option<usize> {
    if !matches!(format.name(), "srt" | "vtt") || t.turns.iter().any(|x| x.start.is_none()) {
        return None;
    }
    let missing = t.turns.iter().filter(|x| x.end.is_none()).count();
    (missing > 0).then_some(missing)
}
