//! "Save your changes?" before an action that would throw them away.

use super::Dialog;
use crate::app::Action;
use crate::app::actions::{GuardChoice, Guarded};
use crate::document::Document;
use egui::{Id, Modal, RichText};

/// Asks about unsaved changes before `guarded`; the answer comes back as [`Action::Resolve`] with the
/// action it is about.
pub struct UnsavedChanges {
    pub guarded: Guarded,
}

impl Dialog for UnsavedChanges {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let what = match self.guarded {
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
                if ui.button(RichText::new("Save").strong()).clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter))
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
        match choice {
            Some(choice) => {
                actions.push(Action::Resolve {
                    choice,
                    guarded: self.guarded.clone(),
                });
                false
            }
            None => true,
        }
    }
}
