//! One row of the turn list: the speaker chip and time on the left, the text on the right, painted (cheap)
//! or, for the turn being edited, the one live text editor.

use super::marks::{Marks, marked_job};
use super::{Highlights, LABEL_WIDTH, ROW_MARGIN, TurnList};
use crate::app::Action;
use crate::app::palette::SpeakerColours;
use crate::app::style::colours::SPOKEN;
use crate::document::Document;
use egui::{Align, Color32, Id, Layout, RichText, Sense, TextEdit, Ui};

/// Every row's outline width, drawn or not: a turn that enters editing keeps its width, so its lines break
/// in the same places.
pub(super) const ROW_STROKE: f32 = 2.0;

/// How a row shows its state: the turn being edited has a text field's background and a strong outline;
/// the selected turn a tinted band without one; the others nothing. Clearly apart in both themes.
pub(super) fn look(visuals: &egui::Visuals, selected: bool, editing: bool) -> (Color32, egui::Stroke) {
    if editing {
        (
            visuals.extreme_bg_color,
            egui::Stroke::new(ROW_STROKE, visuals.selection.stroke.color),
        )
    } else if selected {
        (
            visuals.selection.bg_fill.gamma_multiply(0.35),
            egui::Stroke::new(ROW_STROKE, Color32::TRANSPARENT),
        )
    } else {
        (
            Color32::TRANSPARENT,
            egui::Stroke::new(ROW_STROKE, Color32::TRANSPARENT),
        )
    }
}

impl TurnList {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn row(
        &mut self,
        ui: &mut Ui,
        i: usize,
        doc: &Document,
        colours: &SpeakerColours,
        highlights: &Highlights,
        text_width: f32,
        actions: &mut Vec<Action>,
    ) {
        let turn = &doc.transcript().turns[i];
        let dark = ui.visuals().dark_mode;
        let selected = self.current == Some(i);
        let editing_here = self.editing.as_ref().is_some_and(|e| e.turn == i);
        let (fill, stroke) = look(ui.visuals(), selected, editing_here);
        let mut chip = None;
        let frame = egui::Frame::new()
            .fill(fill)
            .stroke(stroke)
            .corner_radius(4.0)
            .inner_margin(ROW_MARGIN)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    if self.gutter > 0.0 {
                        // The turn's number, as Go to, Changes and messages speak of it.
                        let (rect, response) =
                            ui.allocate_exact_size(egui::vec2(self.gutter, 18.0), egui::Sense::hover());
                        ui.painter().text(
                            egui::pos2(rect.right() - 6.0, rect.top() + 3.0),
                            egui::Align2::RIGHT_TOP,
                            (i + 1).to_string(),
                            egui::TextStyle::Small.resolve(ui.style()),
                            ui.visuals().weak_text_color(),
                        );
                        let accessible = format!("Turn number {}", i + 1);
                        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
                    }
                    ui.allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 0.0), Layout::top_down(Align::Min), |ui| {
                        ui.set_width(LABEL_WIDTH);
                        chip = Some(self.speaker_chip(ui, i, doc, colours, dark, actions).id);
                        let previous_end = i
                            .checked_sub(1)
                            .and_then(|p| doc.transcript().turns.get(p))
                            .and_then(|p| p.end);
                        self.times(ui, i, turn, previous_end, actions);
                        if turn.reviewed {
                            let green = crate::app::style::colours::reviewed(dark);
                            let keys = crate::app::commands::Command::MarkReviewed
                                .shortcut_text(ui.ctx())
                                .map(|k| format!(" ({k} takes the mark off)"))
                                .unwrap_or_default();
                            ui.label(RichText::new("reviewed").small().color(green))
                                .on_hover_text(format!("Checked against the recording{keys}"));
                        }
                        if let Some((short, detail)) = self.rule_marks.as_ref().and_then(|m| m.get(&i)) {
                            ui.label(RichText::new(short).small().color(ui.visuals().warn_fg_color))
                                .on_hover_text(detail);
                        }
                    });
                    if editing_here {
                        self.text_editor(ui, i, turn, text_width, chip, actions);
                    } else {
                        let marks = self.marks(i, turn);
                        let (response, galley, origin) =
                            text_view(ui, i, turn, text_width, highlights, &marks, actions);
                        self.spell_menu_events(i, turn, &response, &galley, origin);
                    }
                });
            });
        // The turn being heard: a bar in the playhead's colour along its left edge.
        if self.spoken == Some(i) {
            let rect = frame.response.rect;
            let bar = egui::Rect::from_min_max(rect.left_top(), egui::pos2(rect.left() + 4.0, rect.bottom()));
            ui.painter().rect_filled(bar, 2.0, SPOKEN);
        }
        ui.add_space(2.0);
    }

    fn speaker_chip(
        &mut self,
        ui: &mut Ui,
        i: usize,
        doc: &Document,
        colours: &SpeakerColours,
        dark: bool,
        actions: &mut Vec<Action>,
    ) -> egui::Response {
        let turn = &doc.transcript().turns[i];
        let colour = colours.colour(turn.speaker.as_ref(), dark);
        let name = doc
            .transcript()
            .speaker_name(turn.speaker.as_ref())
            .unwrap_or("(no speaker)");
        let chip = ui
            .add(
                egui::Button::new(RichText::new(name).color(colour).strong())
                    .fill(colour.gamma_multiply(0.12))
                    .stroke(egui::Stroke::new(1.0, colour.gamma_multiply(0.5)))
                    .truncate(),
            )
            .on_hover_text("Give this turn to another speaker");
        let accessible = format!("Speaker of turn {}: {name}", i + 1);
        chip.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
        egui::Popup::menu(&chip)
            .id(Id::unique(("relabel", turn.id)))
            // A click into the "New speaker" field must not close the menu: only a click outside does.
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                ui.set_min_width(200.0);
                for (n, s) in doc.transcript().speakers.iter().enumerate() {
                    let c = colours.colour(Some(&s.id), dark);
                    let number = if n < 9 { format!("{}", n + 1) } else { " ".into() };
                    let text = RichText::new(format!("{number}  {}", s.name)).color(c);
                    if ui
                        .add(egui::Button::new(text).selected(turn.speaker.as_ref() == Some(&s.id)))
                        .clicked()
                    {
                        actions.push(Action::Relabel {
                            turn: turn.id,
                            speaker: Some(s.id.clone()),
                        });
                        ui.close();
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label("New speaker:");
                    let field = ui
                        .add(TextEdit::singleline(&mut self.new_speaker_name).desired_width(120.0))
                        .labelled_by(label.id);
                    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Add").clicked() || entered) && !self.new_speaker_name.trim().is_empty() {
                        actions.push(Action::RelabelToNewSpeaker {
                            turn: turn.id,
                            name: std::mem::take(&mut self.new_speaker_name),
                        });
                        ui.close();
                    }
                });
            });
        chip
    }
}

/// A turn's text as painted (not edited): search matches on a coloured background, misspelled and doubtful
/// words underlined, the word being heard marked. A click edits the text there; Ctrl+click on a word with a
/// time goes there in the recording. Gives back the text's response, its layout and where it is.
fn text_view(
    ui: &mut Ui,
    i: usize,
    turn: &crate::model::Turn,
    width: f32,
    highlights: &Highlights,
    marks: &Marks,
    actions: &mut Vec<Action>,
) -> (egui::Response, std::sync::Arc<egui::Galley>, egui::Pos2) {
    let text = turn.text.as_str();
    let job = marked_job(ui, text, width, highlights.in_turn(i), highlights.current, marks);
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, galley.size().y), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter().galley(rect.min, galley.clone(), ui.visuals().text_color());
    let response = response.on_hover_cursor(egui::CursorIcon::Text);
    if response.clicked() {
        let cursor = response
            .interact_pointer_pos()
            .map(|p| galley.cursor_from_pos(p - rect.min).index.0)
            .filter(|_| !text.is_empty());
        let at = cursor.map(|c| crate::edit::ops::byte_offset(text, c));
        let time = at.and_then(|b| crate::model::words::time_of_word_at(text, &turn.words, b));
        // A doubtful or misspelled word clicked: the playhead goes to it, so Ctrl+Space plays it.
        let on_marked = at.is_some_and(|b| {
            marks
                .doubtful
                .iter()
                .chain(&marks.misspelled)
                .any(|r| (r.start..=r.end).contains(&b))
        });
        match time {
            Some(at) if ui.input(|i| i.modifiers.command) => {
                actions.push(Action::Select(turn.id));
                actions.push(Action::Seek(at));
            }
            Some(at) if on_marked => {
                actions.push(Action::EditTurn { turn: turn.id, cursor });
                actions.push(Action::Seek(at));
            }
            _ => actions.push(Action::EditTurn { turn: turn.id, cursor }),
        }
    }
    (response, galley, rect.min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_selected_and_plain_rows_look_apart_in_both_themes_and_are_equally_wide() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let (plain, selected, editing) = (
                look(&visuals, false, false),
                look(&visuals, true, false),
                look(&visuals, true, true),
            );
            assert_ne!(selected.0, plain.0, "a selected row is tinted");
            assert_ne!(editing.0, selected.0, "an edited row has the field's background");
            assert_ne!(editing.1.color, Color32::TRANSPARENT, "and an outline");
            assert_eq!(selected.1.color, Color32::TRANSPARENT, "which a selected row lacks");
            assert!([plain, selected, editing].iter().all(|(_, s)| s.width == ROW_STROKE));
        }
    }
}
