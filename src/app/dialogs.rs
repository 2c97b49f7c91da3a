//! Dialogs: "save changes?", errors, the path field used where no file dialog can be shown, the keyboard
//! shortcuts and about windows.

use super::Action;
use super::commands::Command;
use super::file_dialog::Purpose;
use egui::{Context, Id, Modal, RichText};
use std::path::PathBuf;

/// An action that would discard unsaved changes, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded {
    Open(PathBuf),
    OpenDialog,
    Close,
    Quit,
    /// Restore recovery snapshot number `n` of the start dialog.
    Restore(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardChoice {
    Save,
    Discard,
    Cancel,
}

/// A save waiting for an answer, with what has been agreed so far.
#[derive(Debug, Clone)]
pub struct PendingSave {
    pub path: PathBuf,
    pub format: &'static dyn crate::formats::Format,
    pub replace_ok: bool,
    pub changed_ok: bool,
    pub losses_ok: bool,
}

/// What the editor asks before saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveQuestion {
    /// Another file of that name exists.
    Replace,
    /// Another program changed the file since it was opened or saved.
    ChangedOnDisk,
    /// The format cannot hold these.
    Losses(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAnswer {
    Proceed,
    AsJson,
    Cancel,
}

/// A bar above the turns: another program changed the open file.
pub fn disk_banner(ui: &mut egui::Ui, name: &str, actions: &mut Vec<Action>) {
    egui::Panel::top("disk-changed").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{name} was changed on disk by another program."))
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
            if ui
                .button("Reload")
                .on_hover_text("Read the file again (asks first if you have unsaved changes)")
                .clicked()
            {
                actions.push(Action::ReloadFromDisk);
            }
            if ui
                .button("Keep my version")
                .on_hover_text("Saving will still ask before overwriting the file")
                .clicked()
            {
                actions.push(Action::KeepMineOverDisk);
            }
        });
    });
}

pub struct ErrorDialog {
    pub title: String,
    pub message: String,
}

pub struct PathPrompt {
    purpose: Purpose,
    text: String,
    /// Shown because no file dialog could be opened.
    no_dialog: bool,
    focus: bool,
}

#[derive(Default)]
pub struct Dialogs {
    pub guard: Option<Guarded>,
    /// What to do once an untitled document has been saved ("Save" in the guard of an untitled document).
    pub after_save: Option<Guarded>,
    pub error: Option<ErrorDialog>,
    pub path_prompt: Option<PathPrompt>,
    pub shortcuts_open: bool,
    pub about_open: bool,
    /// A selection to give to another speaker: the turn, the bytes, the words.
    pub interjection: Option<(usize, std::ops::Range<usize>, String)>,
    /// A question asked before saving, with the save that waits for it.
    pub save_question: Option<(SaveQuestion, PendingSave)>,
}

impl Dialogs {
    pub fn is_modal_open(&self) -> bool {
        self.guard.is_some()
            || self.error.is_some()
            || self.path_prompt.is_some()
            || self.interjection.is_some()
            || self.save_question.is_some()
    }

    pub fn show_error(&mut self, title: impl Into<String>, message: impl Into<String>) {
        self.error = Some(ErrorDialog {
            title: title.into(),
            message: message.into(),
        });
    }

    pub fn ask_path(&mut self, purpose: Purpose, start: Option<PathBuf>, no_dialog: bool) {
        let text = start
            .map(|p| {
                let mut s = p.display().to_string();
                if p.is_dir() && !s.ends_with(std::path::MAIN_SEPARATOR) {
                    s.push(std::path::MAIN_SEPARATOR);
                }
                s
            })
            .unwrap_or_default();
        self.path_prompt = Some(PathPrompt {
            purpose,
            text,
            no_dialog,
            focus: true,
        });
    }

    pub fn cancel_pending_after_save(&mut self) {
        self.after_save = None;
    }

    pub fn ui(&mut self, ctx: &Context, speakers: &[crate::model::Speaker], actions: &mut Vec<Action>) {
        if let Some((question, pending)) = &self.save_question {
            let name = pending
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut answer = None;
            Modal::new(Id::unique("save-question")).show(ctx, |ui| {
                ui.set_width(440.0);
                let (title, body, proceed) = match question {
                    SaveQuestion::Replace => (
                        format!("Replace {name}?"),
                        format!("{} already exists. Saving replaces it.", pending.path.display()),
                        "Replace".to_string(),
                    ),
                    SaveQuestion::ChangedOnDisk => (
                        format!("{name} changed on disk"),
                        "Another program changed the file since you opened or saved it. Saving overwrites those changes with yours.".to_string(),
                        "Overwrite".to_string(),
                    ),
                    SaveQuestion::Losses(losses) => (
                        format!("{} cannot hold everything", pending.format.title()),
                        format!("Saving as {} leaves out: {}.", pending.format.title(), losses.join("; ")),
                        format!("Save as {} anyway", pending.format.title()),
                    ),
                };
                ui.heading(title);
                ui.add_space(4.0);
                ui.label(body);
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new(proceed).strong()).clicked() {
                        answer = Some(SaveAnswer::Proceed);
                    }
                    if matches!(question, SaveQuestion::Losses(_)) && pending.format.name() != "json" {
                        let json = pending.path.with_extension("json");
                        let name = json.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        if ui.button(format!("Save as JSON instead ({name})")).clicked() {
                            answer = Some(SaveAnswer::AsJson);
                        }
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        answer = Some(SaveAnswer::Cancel);
                    }
                });
            });
            if let Some(answer) = answer {
                actions.push(Action::AnswerSave(answer));
            }
        }
        if let Some((turn, range, words)) = &self.interjection {
            let mut chosen: Option<Option<crate::model::SpeakerId>> = None;
            let mut cancel = false;
            Modal::new(Id::unique("interjection")).show(ctx, |ui| {
                ui.set_width(360.0);
                let shown: String = if words.chars().count() > 60 {
                    words.chars().take(57).chain("…".chars()).collect()
                } else {
                    words.clone()
                };
                ui.heading(format!("Give \"{shown}\" to"));
                ui.label(RichText::new("The words become a turn of their own between the rest of the turn.").weak());
                ui.add_space(6.0);
                let digits = [
                    egui::Key::Num1,
                    egui::Key::Num2,
                    egui::Key::Num3,
                    egui::Key::Num4,
                    egui::Key::Num5,
                    egui::Key::Num6,
                    egui::Key::Num7,
                    egui::Key::Num8,
                    egui::Key::Num9,
                ];
                for (n, s) in speakers.iter().enumerate() {
                    let key = digits.get(n).copied();
                    let label = if key.is_some() {
                        format!("{}  {}", n + 1, s.name)
                    } else {
                        s.name.clone()
                    };
                    let pressed = key.is_some_and(|k| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k)));
                    if ui.button(label).clicked() || pressed {
                        chosen = Some(Some(s.id.clone()));
                    }
                }
                ui.add_space(6.0);
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
            });
            if let Some(speaker) = chosen {
                actions.push(Action::SplitOut {
                    turn: *turn,
                    range: range.clone(),
                    speaker,
                });
                self.interjection = None;
            } else if cancel {
                self.interjection = None;
            }
        }

        if let Some(guard) = &self.guard {
            let what = match guard {
                Guarded::Open(_) | Guarded::OpenDialog => "opening another file",
                Guarded::Close => "closing it",
                Guarded::Quit => "quitting",
                Guarded::Restore(_) => "restoring the recovered work",
            };
            let mut choice = None;
            Modal::new(Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.set_width(380.0);
                ui.heading("Save your changes?");
                ui.add_space(6.0);
                ui.label(format!(
                    "The transcript has changes that are not saved. Save them before {what}?"
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Save").strong()).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Enter))
                    {
                        choice = Some(GuardChoice::Save);
                    }
                    if ui.button("Discard changes").clicked() {
                        choice = Some(GuardChoice::Discard);
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        choice = Some(GuardChoice::Cancel);
                    }
                });
            });
            if let Some(choice) = choice {
                actions.push(Action::Resolve(choice));
            }
        }

        if let Some(error) = &self.error {
            let mut close = false;
            Modal::new(Id::unique("error")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(&error.title);
                ui.add_space(6.0);
                ui.label(&error.message);
                ui.add_space(10.0);
                if ui.button("OK").clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
            if close {
                self.error = None;
            }
        }

        if let Some(prompt) = &mut self.path_prompt {
            let mut done: Option<bool> = None;
            Modal::new(Id::unique("path-prompt")).show(ctx, |ui| {
                ui.set_width(520.0);
                let (title, verb) = match prompt.purpose {
                    Purpose::Open => ("Open a transcript", "Open"),
                    Purpose::SaveAs => ("Save the transcript as", "Save"),
                };
                ui.heading(title);
                if prompt.no_dialog {
                    ui.label(
                        RichText::new(
                            "No file dialog can be shown on this system (no desktop portal or zenity). Type the path instead.",
                        )
                        .weak(),
                    );
                }
                if prompt.purpose == Purpose::SaveAs {
                    ui.label(RichText::new("The extension chooses the format: .json or .txt.").weak());
                }
                ui.add_space(6.0);
                let label = ui.label("Path:");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if prompt.focus {
                    field.request_focus();
                    prompt.focus = false;
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
                Some(true) if !prompt.text.trim().is_empty() => {
                    let path = PathBuf::from(prompt.text.trim());
                    actions.push(match prompt.purpose {
                        Purpose::Open => Action::OpenPath(path),
                        Purpose::SaveAs => Action::SaveTo {
                            path,
                            replace_ok: false,
                        },
                    });
                    self.path_prompt = None;
                }
                Some(false) => {
                    self.path_prompt = None;
                    self.after_save = None;
                }
                _ => {}
            }
        }

        let mut open = self.shortcuts_open;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for &command in Command::ALL {
                            let keys: Vec<String> =
                                command.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
                            // The nine speaker numbers are one line: "Alt+1 … Alt+9".
                            let (title, keys) = match command {
                                Command::AssignSpeaker(1) => {
                                    let last: Vec<String> = Command::AssignSpeaker(9)
                                        .shortcuts()
                                        .iter()
                                        .map(|s| ctx.format_shortcut(s))
                                        .collect();
                                    (
                                        "Give the turn to speaker 1 … 9".to_string(),
                                        [keys, last].concat().join(" … "),
                                    )
                                }
                                Command::AssignSpeaker(_) => continue,
                                _ if keys.is_empty() => continue,
                                _ => (command.title(), keys.join("  or  ")),
                            };
                            ui.label(title);
                            ui.label(RichText::new(keys).monospace());
                            ui.end_row();
                        }
                        ui.label("Previous / next turn while typing");
                        ui.label(RichText::new("Up at the first line / Down at the last line").monospace());
                        ui.end_row();
                    });
            });
        self.shortcuts_open = open;

        let mut open = self.about_open;
        egui::Window::new("About")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.heading("Transcript Editor");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Fix speaker labels and words in speech transcripts; save as JSON or plain text.");
            });
        self.about_open = open;
    }
}
