//! Renaming a speaker to a name another speaker has: one person under two labels. Offer to merge them
//! instead of making two speakers with one name.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use crate::model::SpeakerId;
use egui::{Id, Modal, RichText};

pub struct MergeOffer {
    pub from: SpeakerId,
    pub from_name: String,
    pub into: SpeakerId,
    pub into_name: String,
}

impl Dialog for MergeOffer {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut done = false;
        Modal::new(Id::unique("merge-offer")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(format!("There is already a speaker called {}", self.into_name));
            ui.add_space(6.0);
            ui.label(format!(
                "Two speakers cannot share a name. Merge {} into {}? All of {}'s turns become {}'s.",
                self.from_name, self.into_name, self.from_name, self.into_name
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let merge =
                    ui.button(RichText::new(format!("Merge {} into {}", self.from_name, self.into_name)).strong());
                if merge.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    actions.push(Action::MergeSpeakers {
                        from: self.from.clone(),
                        into: self.into.clone(),
                    });
                    done = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = true;
                }
            });
        });
        !done
    }
}
