//! What the editor asks before saving: replace another file, overwrite another program's changes, leave out
//! what the format cannot hold.

use super::Dialog;
use crate::app::Action;
use crate::app::actions::{PendingSave, SaveAnswer, SaveQuestion};
use crate::document::Document;
use egui::{Id, Modal, RichText};

/// A question with the save that waits for it; the answer comes back as [`Action::AnswerSave`].
pub struct SaveQuestionDialog {
    pub question: SaveQuestion,
    pub pending: PendingSave,
}

impl Dialog for SaveQuestionDialog {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let (question, pending) = (&self.question, &self.pending);
        let name = pending
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut answer = None;
        Modal::new(Id::unique("save-question")).show(ctx, |ui| {
            ui.set_width(440.0);
            let format = pending.format.title();
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
                SaveQuestion::ReadOnly => (
                    format!("{name} is read-only"),
                    format!(
                        "The permissions of {} do not allow writing: someone may have locked it on purpose. Overwrite it anyway (it stays read-only), or cancel and save under another name.",
                        pending.path.display()
                    ),
                    "Overwrite".to_string(),
                ),
                SaveQuestion::MissingEnds(missing) => (
                    "Subtitles need end times".to_string(),
                    format!(
                        "{} a start but no end, and {format} cues need both. Estimate the ends: each turn ends where the next one starts, the last after the time its words take. You can undo it.",
                        if *missing == 1 { "1 turn has".to_string() } else { format!("{missing} turns have") }
                    ),
                    "Estimate the end times".to_string(),
                ),
                SaveQuestion::Losses(losses) => (
                    format!("{format} cannot hold everything"),
                    format!("Saving as {format} leaves out: {}.", losses.join("; ")),
                    format!("Save as {format} anyway"),
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
        match answer {
            Some(answer) => {
                actions.push(Action::AnswerSave {
                    answer,
                    question: self.question.clone(),
                    pending: self.pending.clone(),
                });
                false
            }
            None => true,
        }
    }
}
