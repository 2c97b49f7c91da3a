//! An error in words: what failed and what the user can do.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use egui::{Id, Modal};

pub struct ErrorDialog {
    pub title: String,
    pub message: String,
}

impl ErrorDialog {
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            message: message.into(),
        }
    }
}

impl Dialog for ErrorDialog {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, _actions: &mut Vec<Action>) -> bool {
        let mut close = false;
        Modal::new(Id::unique("error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(&self.title);
            ui.add_space(6.0);
            ui.label(&self.message);
            ui.add_space(10.0);
            close = ui.button("OK").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape));
        });
        !close
    }
}
