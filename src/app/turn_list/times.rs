//! A turn's start and end under its speaker chip: shown compactly, edited in place. A time that overlaps
//! the turn before is shown, not forbidden (people talk over each other).

use super::TurnList;
use crate::app::Action;
use crate::formats::time::{format_at, format_short, parse_typed};
use egui::{RichText, TextEdit, Ui};

/// The times of one turn being edited.
pub struct TimesEditor {
    pub turn: crate::model::TurnId,
    /// Where the turn stood when its times were clicked.
    pub row: usize,
    start: String,
    end: String,
    focus: bool,
    /// Why the typed times were not taken.
    error: Option<String>,
    /// The field (0 start, 1 end) to give the keyboard back to with its text selected, after a refusal:
    /// the next keys correct it.
    refocus: Option<usize>,
}

impl TurnList {
    /// The times of turn `i`, or their editor when the user clicked them.
    pub(super) fn times(
        &mut self,
        ui: &mut Ui,
        i: usize,
        turn: &crate::model::Turn,
        previous_end: Option<f64>,
        actions: &mut Vec<Action>,
    ) {
        if self.times_editing.as_ref().is_some_and(|e| e.turn == turn.id) {
            return self.times_editor(ui, actions);
        }
        // A turn without times offers to add them only when it is the current one: a file without times
        // is not a column of "add times".
        if turn.start.is_none() && turn.end.is_none() && self.current != Some(i) {
            return;
        }
        let (precision, fps) = self.precision;
        let at = |seconds: f64| format_at(seconds, precision, fps);
        let shown = match (turn.start, turn.end) {
            (Some(s), Some(e)) => format!("{} - {}", at(s), at(e)),
            (Some(s), None) => at(s),
            (None, Some(e)) => format!("? - {}", at(e)),
            (None, None) => "add times".to_string(),
        };
        let overlaps = matches!((turn.start, previous_end), (Some(s), Some(p)) if s < p);
        let mut text = RichText::new(&shown).small();
        text = if overlaps {
            text.color(ui.visuals().warn_fg_color)
        } else {
            text.weak()
        };
        // With a recording open a click goes to the turn in it, as in every player; a double click (or a
        // turn without a start) changes the times.
        let seeks = self.recording && turn.start.is_some();
        let how = if seeks {
            "click to hear it, double-click to change the start and end"
        } else {
            "click to change the start and end"
        };
        let hover = if overlaps {
            format!("Starts before turn {} ends; {how}", i)
        } else {
            format!("{}{}", how[..1].to_uppercase(), &how[1..])
        };
        let label = ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text(hover);
        let accessible = format!("Times of turn {}: {shown}", i + 1);
        label.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
        let hear = (seeks && label.clicked() && !label.double_clicked())
            .then_some(turn.start)
            .flatten();
        if let Some(start) = hear {
            actions.push(Action::Select(turn.id));
            actions.push(Action::Seek(start));
        } else if label.double_clicked() || (!seeks && label.clicked()) {
            actions.push(Action::Select(turn.id));
            self.times_editing = Some(TimesEditor {
                turn: turn.id,
                row: i,
                start: turn.start.map(exact).unwrap_or_default(),
                end: turn.end.map(exact).unwrap_or_default(),
                focus: true,
                error: None,
                refocus: None,
            });
        }
    }

    fn times_editor(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(editor) = &mut self.times_editing else { return };
        let mut done = false;
        ui.vertical(|ui| {
            // One line each: the label column is narrow.
            let field = |ui: &mut Ui, name: &str, text: &mut String| {
                ui.horizontal(|ui| {
                    let label = ui.add_sized([32.0, 16.0], egui::Label::new(RichText::new(name).small()));
                    ui.add(
                        TextEdit::singleline(text)
                            .desired_width(90.0)
                            .font(egui::TextStyle::Small),
                    )
                    .labelled_by(label.id)
                })
                .inner
            };
            let start_field = field(ui, "Start", &mut editor.start);
            let end_field = field(ui, "End", &mut editor.end);
            if editor.focus {
                start_field.request_focus();
                editor.focus = false;
            }
            if let Some(which) = editor.refocus.take() {
                let (field, text) = if which == 0 {
                    (&start_field, &editor.start)
                } else {
                    (&end_field, &editor.end)
                };
                field.request_focus();
                select_all(ui.ctx(), field.id, text);
            }
            let left = start_field.lost_focus() || end_field.lost_focus();
            // The fields' own Enter and Escape, as a dialog's: Enter takes the times, Escape leaves them.
            if left && ui.input(|k| k.key_pressed(egui::Key::Enter)) {
                match (parse_typed(&editor.start), parse_typed(&editor.end)) {
                    (Ok(s), Ok(e)) if matches!((s, e), (Some(s), Some(e)) if e < s) => {
                        editor.error = Some("The end is before the start".to_string());
                        editor.refocus = Some(if end_field.lost_focus() { 1 } else { 0 });
                    }
                    (Ok(start), Ok(end)) => {
                        actions.push(Action::SetTimes {
                            turn: editor.turn,
                            start,
                            end,
                        });
                        done = true;
                    }
                    (Err(e), _) => {
                        editor.error = Some(e);
                        editor.refocus = Some(0);
                    }
                    (_, Err(e)) => {
                        editor.error = Some(e);
                        editor.refocus = Some(1);
                    }
                }
            } else if ui.input(|k| k.key_pressed(egui::Key::Escape)) {
                done = true;
            }
        });
        if let Some(error) = &editor.error {
            ui.label(RichText::new(error).small().color(ui.visuals().error_fg_color));
        }
        if done {
            self.times_editing = None;
        }
    }
}

/// Selects all of a text field's text, so that typing replaces it.
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    let end = egui::text::CCursor::new(text.chars().count());
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(egui::text::CCursor::new(0), end)));
    state.store(ctx, id);
}

/// A time as the editor shows it for changing: minutes and seconds with the milliseconds that are there.
fn exact(seconds: f64) -> String {
    let short = format_short(seconds);
    let millis = ((seconds - seconds.floor()) * 1000.0).round() as u32;
    if millis == 0 {
        short
    } else {
        format!("{short}.{millis:03}")
    }
}
