//! Alt+Enter: give the selected words to another speaker, as a turn of their own.

use super::Dialog;
use crate::app::Action;
use crate::app::commands::DIGITS;
use crate::document::Document;
use crate::model::{SpeakerId, TurnId};
use egui::{Id, Modal, RichText};
use std::ops::Range;

pub struct Interjection {
    pub turn: TurnId,
    /// The selected bytes of the turn's text.
    pub range: Range<usize>,
    /// The selected words, as shown in the title.
    pub words: String,
    /// The speakers the words can go to (all but the turn's own), each with its number in the speakers
    /// panel (from 0), its id and name.
    pub speakers: Vec<(usize, SpeakerId, String)>,
}

impl Dialog for Interjection {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut chosen: Option<SpeakerId> = None;
        let mut cancel = false;
        Modal::new(Id::unique("interjection")).show(ctx, |ui| {
            ui.set_width(360.0);
            let words = self.words.trim();
            let shown: String = if words.chars().count() > 60 {
                words.chars().take(57).chain("…".chars()).collect()
            } else {
                words.to_string()
            };
            ui.heading(format!("Give \"{shown}\" to"));
            ui.label(RichText::new("The words become a turn of their own between the rest of the turn.").weak());
            ui.add_space(6.0);
            for (n, id, name) in &self.speakers {
                let n = *n;
                let key = DIGITS.get(n).copied();
                let label = if key.is_some() {
                    format!("{}  {name}", n + 1)
                } else {
                    name.clone()
                };
                let pressed = key.is_some_and(|k| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k)));
                if ui.button(label).clicked() || pressed {
                    chosen = Some(id.clone());
                }
            }
            ui.add_space(6.0);
            cancel = ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if let Some(speaker) = chosen {
            actions.push(Action::SplitOut {
                turn: self.turn,
                range: self.range.clone(),
                speaker: Some(speaker),
            });
            return false;
        }
        !cancel
    }
}
