//! The one live text editor, in the row of the turn being edited. It lays out with the same width, font
//! and marks (misspelled and doubtful words, the word being heard) as the painted text, and reports the caret so keys at
//! its edges can move between turns.

use super::marks::marked_job;
use super::{SHOWN_BYTES, TurnList};
use crate::app::Action;
use egui::text::{CCursor, CCursorRange};
use egui::{Id, Margin, TextEdit, TextStyle, Ui};

impl TurnList {
    pub(super) fn text_editor(
        &mut self,
        ui: &mut Ui,
        i: usize,
        turn: &crate::model::Turn,
        width: f32,
        label: Option<Id>,
        actions: &mut Vec<Action>,
    ) {
        let marks = self.marks(i, turn);
        let text = turn.text.as_str();
        let Some(editing) = &mut self.editing else { return };
        let id = Self::editor_id();
        if editing.buffer != text {
            editing.buffer = text.to_string();
        }
        if let Some(at) = editing.place_cursor.take() {
            let mut state = TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            let at = at.min(editing.buffer.chars().count());
            state.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(at))));
            state.store(ui.ctx(), id);
        }
        // The marks belong to the turn's text: while the buffer says the same (not in the frame a key
        // changes it), the editor shows them too.
        let marked = !text.is_empty()
            && text.len() <= SHOWN_BYTES
            && (!marks.doubtful.is_empty() || !marks.misspelled.is_empty() || marks.spoken.is_some());
        let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
            let job = if buffer.as_str() == text {
                marked_job(ui, text, wrap, std::iter::empty(), None, &marks)
            } else {
                let font = TextStyle::Body.resolve(ui.style());
                let mut job =
                    egui::text::LayoutJob::simple(buffer.as_str().to_string(), font, ui.visuals().text_color(), wrap);
                job.wrap.max_width = wrap;
                job
            };
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let mut edit = TextEdit::multiline(&mut editing.buffer)
            .id(id)
            .frame(egui::Frame::NONE)
            .margin(Margin::ZERO)
            .desired_width(width)
            .desired_rows(1)
            .font(TextStyle::Body)
            .text_color(ui.visuals().text_color());
        if marked {
            edit = edit.layouter(&mut layouter);
        }
        let output = edit.show(ui);
        if output.galley.job.text == text {
            self.spell_menu_events(i, turn, &output.response.response, &output.galley, output.galley_pos);
        }
        let Some(editing) = &mut self.editing else { return };
        let mut response = output.response.response.clone();
        if let Some(label) = label {
            response = response.labelled_by(label);
        }
        if editing.focus {
            response.request_focus();
            editing.focus = false;
        } else if response.lost_focus() {
            self.editing = None;
            return;
        }
        if response.changed() {
            actions.push(Action::SetText {
                turn: turn.id,
                text: editing.buffer.clone(),
            });
        }
        // A selection is put in once the editor has the focus (gaining it puts the cursor back where it was).
        if output.cursor_range.is_some()
            && let Some(chars) = editing.place_selection.take()
        {
            let mut state = TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            let range = CCursorRange::two(CCursor::new(chars.start), CCursor::new(chars.end));
            state.cursor.set_char_range(Some(range));
            state.store(ui.ctx(), id);
            editing.cursor = Some((chars.end, chars.start));
            ui.ctx().request_repaint();
            return;
        }
        if let Some(range) = output.cursor_range {
            let row = output.galley.layout_from_cursor(range.primary).row;
            editing.at_first_row = row == 0;
            editing.at_last_row = row + 1 >= output.galley.rows.len();
            editing.cursor = Some((range.primary.index.0, range.secondary.index.0));
        }
        editing.chars = editing.buffer.chars().count();
    }
}
