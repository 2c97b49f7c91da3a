//! Help → Keyboard shortcuts: every binding of the command list, with where it acts. Nothing here is
//! written by hand, so the window cannot disagree with the keys the editor reads.

use super::Dialog;
use crate::app::Action;
use crate::app::commands::{Binding, Command};
use crate::app::keymap::Keymap;
use crate::document::Document;
use egui::RichText;

pub struct Shortcuts;

/// Each binding's keys in words, with where it acts: "Up (in the list)".
pub(super) fn described(ctx: &egui::Context, bindings: &[Binding]) -> Vec<String> {
    bindings
        .iter()
        .map(|b| {
            let keys = crate::app::wording::keys(ctx, &b.keys);
            match b.scope.describe() {
                Some(place) => format!("{keys} ({place})"),
                None => keys,
            }
        })
        .collect()
}

/// One row of the window: a command's title and its keys in words ("Up (in the list)").
pub fn rows(ctx: &egui::Context) -> Vec<(String, String)> {
    let keys = |bindings: &[Binding]| described(ctx, bindings);
    let keymap = Keymap::current(ctx);
    let mut rows = Vec::new();
    for &command in Command::ALL {
        let bindings = keymap.keys_of(command);
        match command {
            // The nine speaker numbers are one row: "Alt+1 … Alt+9".
            Command::AssignSpeaker(1) => {
                let first = keys(&bindings).join("");
                let last = keys(&keymap.keys_of(Command::AssignSpeaker(9))).join("");
                rows.push((
                    "Give the turn to speaker 1 … 9".to_string(),
                    format!("{first} … {last}"),
                ));
            }
            Command::AssignSpeaker(_) => {}
            _ if bindings.is_empty() => {}
            _ => rows.push((command.title(), keys(&bindings).join("  or  "))),
        }
    }
    rows
}

impl Dialog for Shortcuts {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, _actions: &mut Vec<Action>) -> bool {
        super::tool_window(ctx, "Keyboard shortcuts", |ui| {
            let screen = ctx.content_rect();
            let tall = screen.height() * 0.75;
            // The keys column wraps where the window is narrow.
            let keys_width = (screen.width() - 32.0 - 280.0).clamp(200.0, 520.0);
            egui::ScrollArea::vertical().max_height(tall).show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (title, keys) in rows(ctx) {
                            ui.label(title);
                            ui.scope(|ui| {
                                ui.set_min_width(keys_width);
                                ui.set_max_width(keys_width);
                                ui.add(egui::Label::new(RichText::new(keys).monospace()).wrap());
                            });
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
            });
        })
    }

    fn is_modal(&self) -> bool {
        false
    }
}
