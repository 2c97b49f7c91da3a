//! The list of turns: the centre of the window. Only the turns in view are drawn (row heights are estimated,
//! then measured when a row is first drawn, and kept as prefix sums for the scroll position), and only the
//! turn being edited has a live text editor; the others are painted text.

use super::palette::SpeakerColours;
use super::{Action, document::Document};
use crate::formats::time::format_short;
use egui::text::{CCursor, CCursorRange};
use egui::{Align, Color32, Id, Layout, Margin, Rect, RichText, ScrollArea, Sense, TextEdit, TextStyle, Ui, UiBuilder};

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

    pub fn select(&mut self, turn: usize) {
        self.current = Some(turn);
        self.scroll_to = Some(turn);
        if self.editing.as_ref().is_some_and(|e| e.turn != turn) {
            self.editing = None;
        }
    }

    pub fn start_editing(&mut self, turn: usize, cursor: Option<usize>, doc: Option<&Document>) {
        let Some(t) = doc.and_then(|d| d.transcript.turns.get(turn)) else {
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
            at_first_row: true,
            at_last_row: true,
            cursor: None,
            chars: t.text.chars().count(),
        });
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
            .filter(|&i| i < doc.transcript.turns.len())
        else {
            return;
        };
        self.start_editing(next, Some(if step < 0 { usize::MAX } else { 0 }), Some(doc));
    }

    pub fn move_selection(&mut self, step: isize, doc: Option<&Document>) {
        let Some(n) = doc.map(|d| d.transcript.turns.len()).filter(|&n| n > 0) else {
            return;
        };
        let next = match self.current {
            Some(c) => c.saturating_add_signed(step).min(n - 1),
            None => 0,
        };
        self.select(next);
    }

    /// After undo or redo: go to the turn that changed.
    pub fn after_undo(&mut self, turn: usize, doc: &Document) {
        let n = doc.transcript.turns.len();
        if n == 0 {
            self.current = None;
            self.editing = None;
            return;
        }
        self.select(turn.min(n - 1));
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        colours: &SpeakerColours,
        highlights: &Highlights,
        actions: &mut Vec<Action>,
    ) {
        let n = doc.transcript.turns.len();
        if n == 0 {
            ui.centered_and_justified(|ui| {
                ui.weak("This transcript has no turns. Turn → Insert an empty turn adds one.")
            });
            return;
        }
        // Turns inserted or removed above the edited one move it: follow it by its id, or stop editing it.
        if let Some(e) = &mut self.editing
            && doc.transcript.turns.get(e.turn).is_none_or(|t| t.id != e.id)
        {
            match doc.transcript.turn_index(e.id) {
                Some(i) => e.turn = i,
                None => self.editing = None,
            }
        }
        if self.current.is_some_and(|c| c >= n) {
            self.current = Some(n - 1);
        }

        let font = TextStyle::Body.resolve(ui.style());
        let row_width = ui.available_width();
        let text_width = (row_width - LABEL_WIDTH - ROW_MARGIN.sum().x - ui.spacing().item_spacing.x).max(80.0);
        let line_height = ui.fonts_mut(|f| f.row_height(&font));
        let label_height = line_height * 2.2 + ui.spacing().button_padding.y * 2.0;
        self.rows.sync(doc, text_width, font.size, line_height, label_height);

        let mut area = ScrollArea::vertical().id_salt("turn-list").auto_shrink([false, false]);
        if let Some(offset) = self.pending_offset.take() {
            area = area.vertical_scroll_offset(offset);
        } else if let Some(target) = self.scroll_to.take().filter(|&t| t < n) {
            let (top, bottom) = (self.rows.top(target), self.rows.top(target) + self.rows.height(target));
            match self.last_viewport {
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
                let builder = UiBuilder::new()
                    .max_rect(rect)
                    .id_salt(("turn", doc.transcript.turns[i].id))
                    .layout(Layout::top_down(Align::Min));
                let height = ui
                    .scope_builder(builder, |ui| {
                        self.row(ui, i, doc, colours, highlights, text_width, actions)
                    })
                    .response
                    .rect
                    .height();
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
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        ui: &mut Ui,
        i: usize,
        doc: &Document,
        colours: &SpeakerColours,
        highlights: &Highlights,
        text_width: f32,
        actions: &mut Vec<Action>,
    ) {
        let turn = &doc.transcript.turns[i];
        let dark = ui.visuals().dark_mode;
        let selected = self.current == Some(i);
        let editing_here = self.editing.as_ref().is_some_and(|e| e.turn == i);
        let fill = if editing_here {
            ui.visuals().extreme_bg_color
        } else if selected {
            ui.visuals().faint_bg_color
        } else {
            Color32::TRANSPARENT
        };
        let stroke = if selected {
            egui::Stroke::new(1.0, ui.visuals().selection.bg_fill)
        } else {
            egui::Stroke::NONE
        };
        let mut chip = None;
        egui::Frame::new()
            .fill(fill)
            .stroke(stroke)
            .corner_radius(4.0)
            .inner_margin(ROW_MARGIN)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 0.0), Layout::top_down(Align::Min), |ui| {
                        ui.set_width(LABEL_WIDTH);
                        chip = Some(self.speaker_chip(ui, i, doc, colours, dark, actions).id);
                        if let Some(start) = turn.start {
                            ui.label(RichText::new(format_short(start)).small().weak());
                        }
                    });
                    if editing_here {
                        self.text_editor(ui, i, &turn.text, text_width, chip, actions);
                    } else {
                        text_view(ui, i, &turn.text, text_width, highlights, actions);
                    }
                });
            });
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
        let turn = &doc.transcript.turns[i];
        let colour = colours.colour(turn.speaker.as_ref(), dark);
        let name = doc
            .transcript
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
            .show(|ui| {
                ui.set_min_width(200.0);
                for (n, s) in doc.transcript.speakers.iter().enumerate() {
                    let c = colours.colour(Some(&s.id), dark);
                    let number = if n < 9 { format!("{}", n + 1) } else { " ".into() };
                    let text = RichText::new(format!("{number}  {}", s.name)).color(c);
                    if ui
                        .add(egui::Button::new(text).selected(turn.speaker.as_ref() == Some(&s.id)))
                        .clicked()
                    {
                        actions.push(Action::Relabel {
                            turn: i,
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
                            turn: i,
                            name: std::mem::take(&mut self.new_speaker_name),
                        });
                        ui.close();
                    }
                });
            });
        chip
    }

    fn text_editor(
        &mut self,
        ui: &mut Ui,
        i: usize,
        text: &str,
        width: f32,
        label: Option<Id>,
        actions: &mut Vec<Action>,
    ) {
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
        let output = TextEdit::multiline(&mut editing.buffer)
            .id(id)
            .frame(egui::Frame::NONE)
            .margin(Margin::ZERO)
            .desired_width(width)
            .desired_rows(1)
            .font(TextStyle::Body)
            .show(ui);
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
                turn: i,
                text: editing.buffer.clone(),
            });
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

/// A turn's text as painted text, search matches highlighted: cheap to draw; a click starts editing at the
/// clicked character.
fn text_view(ui: &mut Ui, i: usize, text: &str, width: f32, highlights: &Highlights, actions: &mut Vec<Action>) {
    use egui::text::{LayoutJob, TextFormat};
    let font = TextStyle::Body.resolve(ui.style());
    let (shown, colour) = if text.is_empty() {
        ("(empty)", ui.visuals().weak_text_color())
    } else {
        (text, ui.visuals().text_color())
    };
    // A turn of megabytes (a file without line breaks) would take seconds to lay out: show its beginning.
    let cut = (0..=SHOWN_BYTES.min(shown.len()))
        .rev()
        .find(|&i| shown.is_char_boundary(i))
        .unwrap_or(0);
    let shown = &shown[..cut];
    let plain = TextFormat::simple(font, colour);
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut at = 0;
    let (hit, current_hit) = if ui.visuals().dark_mode {
        (Color32::from_rgb(0x6b, 0x55, 0x00), Color32::from_rgb(0xb0, 0x6a, 0x00))
    } else {
        (Color32::from_rgb(0xff, 0xec, 0x8a), Color32::from_rgb(0xff, 0xb0, 0x3a))
    };
    for (k, range) in highlights.in_turn(i) {
        if range.start < at
            || range.end > shown.len()
            || !shown.is_char_boundary(range.start)
            || !shown.is_char_boundary(range.end)
        {
            continue;
        }
        job.append(&shown[at..range.start], 0.0, plain.clone());
        let background = if highlights.current == Some(k) {
            current_hit
        } else {
            hit
        };
        job.append(
            &shown[range.clone()],
            0.0,
            TextFormat {
                background,
                ..plain.clone()
            },
        );
        at = range.end;
    }
    job.append(&shown[at..], 0.0, plain.clone());
    if cut < text.len() {
        let rest = text[cut..].chars().count();
        let note = TextFormat::simple(TextStyle::Body.resolve(ui.style()), ui.visuals().weak_text_color());
        job.append(&format!(" … and {rest} more characters, kept but not shown"), 0.0, note);
    }
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, galley.size().y), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter().galley(rect.min, galley.clone(), colour);
    let response = response.on_hover_cursor(egui::CursorIcon::Text);
    if response.clicked() {
        let cursor = response
            .interact_pointer_pos()
            .map(|p| galley.cursor_from_pos(p - rect.min).index.0)
            .filter(|_| !text.is_empty());
        actions.push(Action::EditTurn { turn: i, cursor });
    }
}

/// Heights of all rows, estimated from the text length and corrected when a row is drawn, with prefix sums
/// so that the row at a scroll position is found by binary search.
#[derive(Default)]
struct RowHeights {
    heights: Vec<f32>,
    prefix: Vec<f32>,
    prefix_stale: bool,
    key: Option<(u32, u32, usize)>,
}

impl RowHeights {
    fn sync(&mut self, doc: &Document, text_width: f32, font_size: f32, line_height: f32, label_height: f32) {
        let turns = &doc.transcript.turns;
        let key = (text_width.round() as u32, font_size.to_bits(), turns.len());
        if self.key != Some(key) {
            self.key = Some(key);
            let chars_per_line = (text_width / (font_size * 0.5)).max(1.0) as usize;
            let chrome = ROW_MARGIN.sum().y + 2.0;
            self.heights = turns
                .iter()
                .map(|t| {
                    let lines: usize = t
                        .text
                        .split('\n')
                        .map(|p| p.len().div_ceil(chars_per_line).max(1))
                        .sum();
                    (lines as f32 * line_height).max(label_height) + chrome
                })
                .collect();
            self.prefix_stale = true;
        }
        if self.prefix_stale {
            self.prefix.clear();
            self.prefix.reserve(self.heights.len() + 1);
            let mut sum = 0.0;
            self.prefix.push(0.0);
            for h in &self.heights {
                sum += h;
                self.prefix.push(sum);
            }
            self.prefix_stale = false;
        }
    }

    fn top(&self, i: usize) -> f32 {
        self.prefix.get(i).copied().unwrap_or(0.0)
    }

    fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    fn total(&self) -> f32 {
        self.prefix.last().copied().unwrap_or(0.0)
    }

    /// The row at list position `y`.
    fn index_at(&self, y: f32) -> usize {
        let n = self.heights.len();
        self.prefix
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    /// Records a drawn row's real height; returns how much it changed.
    fn set_measured(&mut self, i: usize, height: f32) -> f32 {
        let Some(h) = self.heights.get_mut(i) else { return 0.0 };
        let delta = height - *h;
        if delta.abs() > 0.5 {
            *h = height;
            self.prefix_stale = true;
            delta
        } else {
            0.0
        }
    }
}
