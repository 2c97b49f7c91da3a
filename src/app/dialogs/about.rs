//! Help → About.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;

pub struct About;

impl Dialog for About {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, _actions: &mut Vec<Action>) -> bool {
        super::tool_window(ctx, "About", |ui| {
            ui.heading("Transcript Editor");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            ui.label("Fix speaker labels and words in speech transcripts; save as JSON or plain text.");
        })
    }

    fn is_modal(&self) -> bool {
        false
    }
}
