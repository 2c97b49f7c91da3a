//! Ctrl+G: go to a turn by its number or to the turn at a time.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use egui::{Id, Modal, RichText};

#[derive(Default)]
pub struct GoTo {
    text: String,
    focused: bool,
}

impl Dialog for GoTo {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut done = false;
        Modal::new(Id::unique("go-to")).show(ctx, |ui| {
            ui.set_width(340.0);
            ui.heading("Go to");
            ui.label(RichText::new("A turn's number (12), or a time (1:23, 1:02:03, 83 s).").weak());
            ui.add_space(6.0);
            let label = ui.label("Turn or time:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if (ui.button("Go").clicked() || entered) && !self.text.trim().is_empty() {
                    actions.push(Action::GoTo(self.text.trim().to_string()));
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
