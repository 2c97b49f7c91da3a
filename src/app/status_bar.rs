//! The status bar: file, format, encoding, counts and whether everything is saved.

use crate::document::Document;
use egui::{RichText, Ui};
use std::path::Path;

/// What the status bar shows.
pub struct StatusBar<'a> {
    /// A file being read.
    pub loading: Option<&'a Path>,
    pub doc: Option<&'a Document>,
    /// A short message ("Saved talk.txt").
    pub notice: Option<&'a str>,
    /// What spelling is checked in, or why it is not.
    pub spelling: Option<&'a super::spelling::SpellingState>,
    /// F7 is looking through a long transcript: how far it is.
    pub searching: Option<f32>,
}

impl StatusBar<'_> {
    pub fn ui(&self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(path) = self.loading {
                    ui.spinner();
                    ui.label(format!("Opening {}…", path.display()));
                    ui.separator();
                }
                match self.doc {
                    Some(doc) => {
                        ui.label(RichText::new(doc.display_name()).strong());
                        ui.separator();
                        ui.label(doc.format().title());
                        ui.separator();
                        ui.label(doc.encoding().label());
                        ui.separator();
                        let turns = doc.transcript().turns.len();
                        ui.label(super::wording::count(turns, "turn", "turns"));
                        if let Some(stats) = doc.cached_stats() {
                            ui.separator();
                            ui.label(super::wording::count(stats.words, "word", "words"));
                            if stats.reviewed > 0 {
                                ui.separator();
                                ui.label(format!("Reviewed {}/{turns}", stats.reviewed));
                            }
                            if stats.changed > 0 {
                                ui.separator();
                                ui.label(super::wording::count(stats.changed, "turn changed", "turns changed"));
                            }
                        }
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
                if let Some(spelling) = self.spelling {
                    ui.separator();
                    let text = RichText::new(&spelling.summary);
                    ui.label(if spelling.lacking { text.weak() } else { text })
                        .on_hover_text("View > Spelling chooses the language");
                }
                if let Some(done) = self.searching {
                    ui.separator();
                    ui.spinner();
                    ui.label(format!(
                        "Looking for a misspelled word… {:.0}% (Esc stops)",
                        done * 100.0
                    ));
                }
                if let Some(notice) = self.notice {
                    ui.separator();
                    ui.label(RichText::new(notice).italics());
                }
            });
        });
    }
}
