//! The status bar: file, format, encoding, counts and whether everything is saved.

use super::Editor;
use egui::{RichText, Ui};

pub fn ui(ui: &mut Ui, editor: &mut Editor) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(loading) = &editor.loading {
                ui.spinner();
                ui.label(format!("Opening {}…", loading.path.display()));
                ui.separator();
            }
            match &mut editor.doc {
                Some(doc) => {
                    ui.label(RichText::new(doc.display_name()).strong());
                    ui.separator();
                    ui.label(doc.format.title());
                    ui.separator();
                    ui.label(doc.encoding.label());
                    ui.separator();
                    let turns = doc.transcript.turns.len();
                    let words = doc.stats().words;
                    ui.label(format!("{turns} turns"));
                    ui.separator();
                    ui.label(format!("{words} words"));
                    ui.separator();
                    if doc.is_dirty() {
                        ui.label(RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color));
                    } else {
                        ui.label("Saved");
                    }
                }
                None => {
                    ui.label("No transcript open");
                }
            }
            if let Some((notice, _)) = &editor.notice {
                ui.separator();
                ui.label(RichText::new(notice).italics());
            }
        });
    });
}
