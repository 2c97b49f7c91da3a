//! The list of turns: the centre of the window. Only the turns in view are drawn (row heights are estimated,
//! then measured when a row is first drawn, and kept as prefix sums for the scroll position), and only the
//! turn being edited has a live text editor; the others are painted text.

mod around;
mod marks;
mod row;

pub use around::Around;

mod row_heights;
mod spelling;
mod text_editor;
mod times;

use super::Action;
use super::palette::SpeakerColours;
use crate::document::Document;
use crate::edit::Caret;
use egui::{Align, Id, Layout, Margin, Rect, ScrollArea, TextStyle, Ui, UiBuilder};
use row_heights::RowHeights;

/// The most of one turn's text that is shown; longer turns are kept whole but shown in part.
const SHOWN_BYTES: usize = 20_000;
/// The longest turn that can be edited in the window (a live text editor lays out all of it every frame).
pub const EDITABLE_BYTES: usize = 200_000;

/// Width of the column with the speaker label and time.
const LABEL_WIDTH: f32 = 150.0;
const ROW_MARGIN: Margin = Margin::symmetric(10, 6);

#[derive(Default)]
pub struct TurnList {
    /// The selected turn: where shortcuts act.
    pub current: Option<usize>,
    pub editing: Option<Editing>,
    scroll_to: Option<usize>,
    rows: RowHeights,
    /// The part of the list in view last frame, in list coordinates.
    last_viewport: Option<Rect>,
    /// A scroll position to set next frame (keeps the view still when rows above it change height).
    pending_offset: Option<f32>,
    new_speaker_name: String,
    /// The turn being heard in the recording, marked and (while following) kept in view.
    pub spoken: Option<usize>,
    /// The turn that has started by the playhead (it may have ended): where the search starts next frame.
    pub started: Option<usize>,
    /// A recording is open: a click on a turn's times goes there, a double click changes them.
    pub recording: bool,
    /// Words with a confidence under this are marked as doubtful (0: none).
    pub doubt_below: f32,
    /// Where the recording stands, when one is open: the word said there is marked in the turn heard.
    pub playhead: Option<f64>,
    /// The subtitle rules each cue of a subtitle file breaks, by turn (View → Subtitle rules).
    pub rule_marks: Option<std::sync::Arc<crate::app::subtitle_rules::RuleMarks>>,
    /// How finely times are shown, and the frame rate for frames (View → Time precision).
    pub precision: (crate::formats::time::Precision, f64),
    /// The first and last turn drawn in view last frame.
    visible: Option<(usize, usize)>,
    /// The width of the turn-number gutter this frame (0 without numbers).
    gutter: f32,
    /// Each turn's number in a gutter before it (View → Turn numbers).
    pub numbers: bool,
    /// The longest line of text in characters; 0: as wide as there is room.
    pub line_length: usize,
    /// The next scroll puts its turn in the upper third of the view.
    upper_third: bool,
    /// The times being changed in place, if any.
    times_editing: Option<times::TimesEditor>,
    /// Misspelled words: the checker, what it found in each turn drawn, the menu on a word.
    pub spelling: spelling::SpellMarks,
}

pub struct Editing {
    pub turn: usize,
    /// The identity of the edited turn: when edits above it move it, the editor follows it.
    pub id: crate::model::TurnId,
    /// The text as typed; checked against the document every frame, so undo shows at once.
    pub buffer: String,
    focus: bool,
    /// Where to put the cursor when the editor appears: a character index, `usize::MAX` for the end.
    place_cursor: Option<usize>,
    /// Characters to select when the editor appears (a doubtful word gone to).
    place_selection: Option<std::ops::Range<usize>>,
    pub at_first_row: bool,
    pub at_last_row: bool,
    /// The cursor as character indices (where it is, where the selection started), as of the last frame.
    pub cursor: Option<(usize, usize)>,
    /// Characters in the text, for telling whether the cursor is at the end.
    pub chars: usize,
}

/// Search matches to highlight: byte ranges per turn, in turn order, and the one that is current.
#[derive(Default)]
pub struct Highlights<'a> {
    pub matches: &'a [(usize, std::ops::Range<usize>)],
    pub current: Option<usize>,
}

impl Highlights<'_> {
    /// The matches in one turn, with their index in the list.
    fn in_turn(&self, turn: usize) -> impl Iterator<Item = (usize, &std::ops::Range<usize>)> {
        let start = self.matches.partition_point(|(t, _)| *t < turn);
        self.matches[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, (t, _))| *t == turn)
            .map(move |(k, (_, r))| (start + k, r))
    }
}

impl TurnList {
    /// The one live text editor's id: the same whichever turn it edits.
    pub fn editor_id() -> Id {
        Id::unique("turn-editor")
    }

    /// Makes `turn` the current one and scrolls to it; editing another turn stops.
    pub fn select(&mut self, turn: usize) {
        if self.times_editing.as_ref().is_some_and(|e| e.row != turn) {
            self.times_editing = None;
        }
        self.current = Some(turn);
        self.scroll_to = Some(turn);
        if self.editing.as_ref().is_some_and(|e| e.turn != turn) {
            self.editing = None;
        }
    }

    pub fn start_editing(&mut self, turn: usize, cursor: Option<usize>, doc: Option<&Document>) {
        let Some(t) = doc.and_then(|d| d.transcript().turns.get(turn)) else {
            return;
        };
        if t.text.len() > EDITABLE_BYTES {
            self.select(turn);
            return;
        }
        self.current = Some(turn);
        self.scroll_to = Some(turn);
        self.editing = Some(Editing {
            turn,
            id: t.id,
            buffer: t.text.clone(),
            focus: true,
            place_cursor: Some(cursor.unwrap_or(usize::MAX)),
            place_selection: None,
            at_first_row: true,
            at_last_row: true,
            cursor: None,
            chars: t.text.chars().count(),
        });
    }

    /// The turn scrolled to next goes to the upper third of the view (a jump: Go to, F7, F8), not just into
    /// view at an edge.
    pub fn show_in_upper_third(&mut self) {
        self.upper_third = true;
    }

    /// The first turn drawn in view, if any.
    pub fn first_in_view(&self) -> Option<usize> {
        self.visible.map(|(first, _)| first)
    }

    /// The caret's byte in the edited turn's text, while a turn is edited.
    pub fn caret_byte(&self, doc: &Document) -> Option<usize> {
        let e = self.editing.as_ref()?;
        let text = &doc.transcript().turns.get(e.turn)?.text;
        let (at, from) = e.cursor?;
        let chars = at.min(from);
        Some(text.char_indices().nth(chars).map_or(text.len(), |(b, _)| b))
    }

    /// Edits turn `turn` with the bytes `range` of its text selected (a word to check).
    pub fn edit_selecting(&mut self, turn: usize, range: std::ops::Range<usize>, doc: Option<&Document>) {
        self.upper_third = true;
        let Some(text) = doc
            .and_then(|d| d.transcript().turns.get(turn))
            .map(|t| t.text.as_str())
        else {
            return;
        };
        let chars = |b: usize| text.get(..b).map_or(0, |s| s.chars().count());
        self.start_editing(turn, Some(chars(range.end)), doc);
        if let Some(e) = &mut self.editing {
            e.place_selection = Some(chars(range.start)..chars(range.end));
        }
    }

    /// The selected text of the edited turn as a byte range, when something is selected.
    pub fn selection(&self) -> Option<(usize, std::ops::Range<usize>)> {
        let e = self.editing.as_ref()?;
        let (a, b) = e.cursor?;
        if a == b {
            return None;
        }
        let (from, to) = (a.min(b), a.max(b));
        Some((
            e.turn,
            crate::edit::ops::byte_offset(&e.buffer, from)..crate::edit::ops::byte_offset(&e.buffer, to),
        ))
    }

    /// Where the cursor is in the edited turn, as a byte offset.
    pub fn cursor_byte(&self) -> Option<(usize, usize)> {
        let e = self.editing.as_ref()?;
        let (a, _) = e.cursor?;
        Some((e.turn, crate::edit::ops::byte_offset(&e.buffer, a)))
    }

    /// Where a search for the next (`forward`) or previous marked word starts: the edited turn's cursor,
    /// else the start of the current turn.
    pub fn search_start(&self, doc: &Document, forward: bool) -> Around {
        let turns = &doc.transcript().turns;
        let (turn, byte, whole_turn) = match (&self.editing, self.current) {
            (Some(e), _) if e.turn < turns.len() => {
                let chars = e.cursor.map_or(0, |(a, b)| if forward { a.max(b) } else { a.min(b) });
                let text = &turns[e.turn].text;
                (
                    e.turn,
                    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i),
                    false,
                )
            }
            (_, Some(c)) => (c.min(turns.len().saturating_sub(1)), 0, true),
            (_, None) => (0, 0, true),
        };
        Around {
            turn,
            byte,
            whole_turn,
            forward,
            turns: turns.len(),
        }
    }

    pub fn stop_editing(&mut self) {
        self.editing = None;
    }

    /// Moves the editor to the turn above (cursor at its end) or below (cursor at its start).
    pub fn move_editing(&mut self, step: isize, doc: Option<&Document>) {
        let (Some(editing), Some(doc)) = (&self.editing, doc) else {
            return;
        };
        let Some(next) = editing
            .turn
            .checked_add_signed(step)
            .filter(|&i| i < doc.transcript().turns.len())
        else {
            return;
        };
        self.start_editing(next, Some(if step < 0 { usize::MAX } else { 0 }), Some(doc));
    }

    pub fn move_selection(&mut self, step: isize, doc: Option<&Document>) {
        let Some(n) = doc.map(|d| d.transcript().turns.len()).filter(|&n| n > 0) else {
            return;
        };
        let next = match self.current {
            Some(c) => c.saturating_add_signed(step).min(n - 1),
            None => 0,
        };
        self.select(next);
    }

    /// Marks `turn` as the one being heard; `follow` scrolls it into view when it changes.
    pub fn hear(&mut self, turn: Option<usize>, follow: bool) {
        if turn != self.spoken {
            self.spoken = turn;
            if let (Some(t), true) = (turn, follow) {
                self.scroll_to = Some(t);
            }
        }
    }

    /// The first and last turn in view.
    pub fn visible(&self) -> Option<(usize, usize)> {
        self.visible
    }

    /// Goes where a change put the caret: into the text at the caret, or onto the turn.
    pub fn follow(&mut self, caret: &Caret, doc: &Document) {
        let turns = &doc.transcript().turns;
        let Some(last) = turns.len().checked_sub(1) else {
            self.current = None;
            self.editing = None;
            return;
        };
        let turn = caret.turn.min(last);
        match &caret.text {
            Some(range) => {
                let text = &turns[turn].text;
                let at = text.get(..range.end).map(|before| before.chars().count());
                self.start_editing(turn, at, Some(doc));
            }
            None => {
                self.editing = None;
                self.select(turn);
            }
        }
    }

    /// Selects the turn about a screen above (`pages` < 0) or below the selected one.
    pub fn page(&mut self, pages: f32, doc: &Document) {
        let n = doc.transcript().turns.len();
        let Some(viewport) = self.last_viewport.filter(|_| n > 0) else {
            return;
        };
        let current = self.current.unwrap_or(0);
        let y = self.rows.top(current.min(n - 1)) + pages * viewport.height();
        let target = self.rows.index_at(y.max(0.0));
        self.editing = None;
        self.select(target.min(n - 1));
    }

    /// Selects the first (`to_end` false) or the last turn.
    pub fn select_end(&mut self, to_end: bool, doc: &Document) {
        if let Some(last) = doc.transcript().turns.len().checked_sub(1) {
            self.editing = None;
            self.select(if to_end { last } else { 0 });
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        colours: &SpeakerColours,
        highlights: &Highlights,
        actions: &mut Vec<Action>,
    ) {
        let n = doc.transcript().turns.len();
        if n == 0 {
            ui.centered_and_justified(|ui| {
                ui.weak("This transcript has no turns. Insert an empty turn in the Turn menu adds one.")
            });
            return;
        }
        // Turns inserted or removed above the edited one move it: follow it by its id, or stop editing it.
        if let Some(e) = &mut self.editing
            && doc.transcript().turns.get(e.turn).is_none_or(|t| t.id != e.id)
        {
            match doc.transcript().turn_index(e.id) {
                Some(i) => e.turn = i,
                None => self.editing = None,
            }
        }
        if self.current.is_some_and(|c| c >= n) {
            self.current = Some(n - 1);
        }

        let font = TextStyle::Body.resolve(ui.style());
        let row_width = ui.available_width();
        self.gutter = if self.numbers { gutter_width(ui, n) } else { 0.0 };
        let gutter_space = if self.gutter > 0.0 {
            self.gutter + ui.spacing().item_spacing.x
        } else {
            0.0
        };
        let room = row_width
            - gutter_space
            - LABEL_WIDTH
            - ROW_MARGIN.sum().x
            - 2.0 * row::ROW_STROKE
            - ui.spacing().item_spacing.x;
        // A readable line: about `line_length` characters of the body text at most.
        let longest = if self.line_length == 0 {
            f32::INFINITY
        } else {
            let ten = ui.fonts_mut(|f| f.layout_no_wrap("nnnnnnnnnn".into(), font.clone(), egui::Color32::WHITE));
            ten.size().x / 10.0 * self.line_length as f32
        };
        let text_width = room.min(longest).max(80.0);
        let line_height = ui.fonts_mut(|f| f.row_height(&font));
        let label_height = line_height * 2.2 + ui.spacing().button_padding.y * 2.0;
        self.rows.sync(doc, text_width, font.size, line_height, label_height);

        let mut area = ScrollArea::vertical().id_salt("turn-list").auto_shrink([false, false]);
        if let Some(offset) = self.pending_offset.take() {
            area = area.vertical_scroll_offset(offset);
        } else if let Some(target) = self.scroll_to.take().filter(|&t| t < n) {
            let (top, bottom) = (self.rows.top(target), self.rows.top(target) + self.rows.height(target));
            let jump = std::mem::take(&mut self.upper_third);
            match self.last_viewport {
                // A jump puts the turn a third down the view, unless it is in the upper two thirds already.
                Some(v) if jump && (top < v.min.y || bottom > v.max.y || top > v.min.y + v.height() * 2.0 / 3.0) => {
                    area = area.vertical_scroll_offset((top - v.height() / 3.0).max(0.0))
                }
                Some(v) if top < v.min.y => area = area.vertical_scroll_offset(top),
                Some(v) if bottom > v.max.y => area = area.vertical_scroll_offset((bottom - v.height()).max(0.0)),
                Some(_) => {}
                None => area = area.vertical_scroll_offset(top),
            }
        }

        let mut measured: Vec<(usize, f32)> = Vec::new();
        let mut first_visible = 0;
        let output = area.show_viewport(ui, |ui, viewport| {
            self.last_viewport = Some(viewport);
            let origin = ui.max_rect().min;
            ui.set_min_height(self.rows.total());
            first_visible = self.rows.index_at(viewport.min.y);
            let last_visible = self.rows.index_at(viewport.max.y);
            self.visible = Some((first_visible, last_visible));
            let mut to_draw: Vec<usize> = (first_visible..=last_visible).collect();
            // The edited turn is drawn even out of view: a text field that is not drawn loses the focus.
            if let Some(e) = &self.editing
                && !(first_visible..=last_visible).contains(&e.turn)
            {
                to_draw.push(e.turn);
            }
            for i in to_draw {
                let rect = Rect::from_min_size(
                    origin + egui::vec2(0.0, self.rows.top(i)),
                    egui::vec2(row_width, self.rows.height(i)),
                );
                let turn_id = doc.transcript().turns[i].id;
                let row_area = ui.interact(rect, ui.scope_id().with(("row", turn_id)), egui::Sense::hover());
                row_area
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, format!("Turn {}", i + 1)));
                let actions_before = actions.len();
                let builder = UiBuilder::new()
                    .max_rect(rect)
                    .id_salt(("turn", turn_id))
                    .layout(Layout::top_down(Align::Min));
                let height = ui
                    .scope_builder(builder, |ui| {
                        self.row(ui, i, doc, colours, highlights, text_width, actions)
                    })
                    .response
                    .rect
                    .height();
                // A click anywhere on the row (margin, padding, the space between turns, the chip) selects the
                // turn, unless what was clicked asked for something itself (the text: edit it there), or lay
                // over the row (a menu, a window: the pointer is then on their layer, not the list's).
                let visible = rect.intersect(ui.clip_rect());
                let clicked_here = ui.input(|inp| inp.pointer.primary_clicked()) && ui.rect_contains_pointer(visible);
                if clicked_here && actions.len() == actions_before && self.current != Some(i) {
                    actions.push(Action::Select(turn_id));
                }
                measured.push((i, height));
            }
        });

        let mut shift_above = 0.0;
        for (i, height) in measured {
            let delta = self.rows.set_measured(i, height);
            if i < first_visible {
                shift_above += delta;
            }
        }
        if shift_above != 0.0 {
            self.pending_offset = Some(output.state.clamped_offset().y + shift_above);
        }
        if self.rows.prefix_stale {
            ui.ctx().request_repaint();
        }
        self.spell_menu_ui(ui, doc, actions);
    }
}

/// The width of a gutter that holds turn numbers up to `n`, in the small text.
fn gutter_width(ui: &Ui, n: usize) -> f32 {
    let digits = n.max(1).ilog10() as f32 + 1.0;
    let font = TextStyle::Small.resolve(ui.style());
    digits * font.size * 0.62 + 10.0
}
