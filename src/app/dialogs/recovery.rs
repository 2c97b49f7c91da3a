//! On start: snapshots of work that was never saved, each with Restore / Open the saved file / Discard.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use crate::store::recovery::{self, Snapshot, Unreadable};
use egui::{Context, Id, Modal, RichText};
use std::time::SystemTime;

pub struct Offer {
    pub snapshot: Snapshot,
    /// "3 turns differ from the saved file", or why there is nothing to compare with.
    pub comparison: String,
}

#[derive(Default)]
pub struct RecoveryDialog {
    pub offers: Vec<Offer>,
    pub unreadable: Vec<Unreadable>,
    /// Enter restores the first offer, when no document would be replaced by it.
    pub enter_restores: bool,
}

impl RecoveryDialog {
    pub fn from_scan(snapshots: Vec<Snapshot>, unreadable: Vec<Unreadable>) -> Self {
        let offers = snapshots
            .into_iter()
            .map(|snapshot| Offer {
                comparison: recovery::compare_with_saved(&snapshot),
                snapshot,
            })
            .collect();
        Self {
            offers,
            unreadable,
            enter_restores: true,
        }
    }

    pub fn is_open(&self) -> bool {
        !self.offers.is_empty() || !self.unreadable.is_empty()
    }
}

impl Dialog for RecoveryDialog {
    fn show(&mut self, ctx: &Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        if !self.is_open() {
            return false;
        }
        let mut dismiss_problems = false;
        Modal::new(Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(560.0);
            if !self.offers.is_empty() {
                ui.heading("Recover unsaved work?");
                ui.label("The editor stopped before these changes were saved. Restore opens the recovered transcript; save it to keep it.");
                ui.add_space(8.0);
            }
            for (i, offer) in self.offers.iter().enumerate() {
                let name = offer.snapshot.file.as_ref().map_or("Untitled transcript".to_string(), |f| f.display().to_string());
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(name).strong());
                    ui.label(format!(
                        "Taken {}; {} turns; {}.",
                        ago(offer.snapshot.taken),
                        offer.snapshot.transcript.turns.len(),
                        offer.comparison
                    ));
                    ui.horizontal(|ui| {
                        let restore = ui.button(RichText::new("Restore").strong());
                        // Enter restores the first offer: the common case is one crash, one file.
                        let enter = i == 0 && self.enter_restores && ui.input(|inp| inp.key_pressed(egui::Key::Enter));
                        if restore.clicked() || enter {
                            actions.push(Action::RestoreSnapshot(i));
                        }
                        if offer.snapshot.file.as_ref().is_some_and(|f| f.exists()) && ui.button("Open the saved file").clicked() {
                            actions.push(Action::OpenSavedInsteadOfSnapshot(i));
                        }
                        if ui.button("Discard").on_hover_text("Delete the recovered changes").clicked() {
                            actions.push(Action::DiscardSnapshot(i));
                        }
                    });
                });
            }
            if !self.unreadable.is_empty() {
                ui.add_space(6.0);
                for bad in &self.unreadable {
                    ui.label(
                        RichText::new(format!(
                            "A recovery file could not be read ({}). It was kept aside in {}.",
                            bad.reason,
                            bad.moved_to.display()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                }
                if self.offers.is_empty() && ui.button("OK").clicked() {
                    dismiss_problems = true;
                }
            }
        });
        if dismiss_problems || (self.offers.is_empty() && ctx.input(|i| i.key_pressed(egui::Key::Escape))) {
            self.unreadable.clear();
        }
        self.is_open()
    }
}

/// "2 minutes ago", "just now".
fn ago(when: SystemTime) -> String {
    let secs = SystemTime::now().duration_since(when).map_or(0, |d| d.as_secs());
    match secs {
        0..=59 => "less than a minute ago".to_string(),
        60..=119 => "a minute ago".to_string(),
        120..=3599 => format!("{} minutes ago", secs / 60),
        3600..=7199 => "an hour ago".to_string(),
        7200..=172_799 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}
