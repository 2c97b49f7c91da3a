//! Reverting a turn that was cut from one turn with others (split, or an interjection given away): join the
//! parts back as the turn was first opened, or revert only this turn's own words.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use crate::model::TurnId;
use egui::{Id, Modal, RichText};

pub struct RevertSplit {
    pub turn: TurnId,
    /// The turn's number, from 1.
    pub number: usize,
    /// The numbers of the turns that were one turn with it, in order.
    pub parts: Vec<usize>,
    /// Whether this turn's own words differ from its share of the original.
    pub own_changed: bool,
}

impl Dialog for RevertSplit {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut done = false;
        Modal::new(Id::unique("revert-split")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(format!("Turn {} was split", self.number));
            ui.add_space(6.0);
            let parts: Vec<String> = self.parts.iter().map(usize::to_string).collect();
            ui.label(format!(
                "Turns {} were one turn when the file was opened. Join them back into that turn, or revert only \
                 the words turn {} holds?",
                and_list(&parts),
                self.number
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let join = ui.button(RichText::new("Join back as first opened").strong());
                if join.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    actions.push(Action::RevertGroup(self.turn));
                    done = true;
                }
                let own = ui
                    .add_enabled(self.own_changed, egui::Button::new("Only this turn's words"))
                    .on_disabled_hover_text("This turn's words are as they were first opened");
                if own.clicked() {
                    actions.push(Action::RevertTurn(self.turn));
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

/// "3, 4 and 5".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
