//! View → Changes: every turn whose text differs from the text first opened, word by word (what went in
//! green, what went out struck through in red), each with a button that puts its original back (undoable);
//! and the turns cut from one turn together, the words that moved to the later parts marked as moved, with
//! a button that joins them back as first opened.

use super::Action;
use crate::document::Document;
use crate::model::words::{Difference, differences};
use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, TextStyle, Ui};

/// The most changed turns listed at once (the count says how many there are).
const LISTED: usize = 200;

/// What the window lists: a turn whose text changed, or the turns cut from one turn, together.
enum Entry {
    Turn(usize),
    /// The turns of one split group, in order.
    Split(Vec<usize>),
}

/// The entries in order: each group where its first turn is, each changed turn not in a group.
fn entries(turns: &[crate::model::Turn]) -> Vec<Entry> {
    let mut members: std::collections::HashMap<crate::model::SplitGroup, Vec<usize>> = std::collections::HashMap::new();
    for (i, t) in turns.iter().enumerate() {
        if let Some(g) = t.group {
            members.entry(g).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, t) in turns.iter().enumerate() {
        match t.group.and_then(|g| members.get(&g)).filter(|m| m.len() > 1) {
            Some(m) if m[0] == i => out.push(Entry::Split(m.clone())),
            Some(_) => {}
            None if t.is_changed() => out.push(Entry::Turn(i)),
            None => {}
        }
    }
    out
}

/// View → Changes: a panel beside the turns, open until it is closed or the transcript is. An entry that is
/// reverted leaves a note of the same height in its place while the panel is open, so the entries below
/// (and their buttons) do not move under the pointer.
#[derive(Default)]
pub struct Changes {
    /// Each entry's height when last drawn, by its first turn's id.
    heights: std::collections::HashMap<crate::model::TurnId, f32>,
}

impl super::dialogs::Dialog for Changes {
    /// Drawn by the window as a side panel ([`Changes::panel`]); as a dialog it only stays open.
    fn show(&mut self, _ctx: &egui::Context, doc: Option<&Document>, _actions: &mut Vec<Action>) -> bool {
        doc.is_some()
    }

    fn is_modal(&self) -> bool {
        false
    }
}

/// What the panel lists at a place: an entry, or the note left by one that was reverted.
enum Listed {
    Entry(Entry),
    Reverted(usize, crate::model::TurnId),
}

impl Changes {
    /// The panel at the right of the turns; `open` is set to false when its Close button is pressed.
    pub fn panel(&mut self, ui: &mut Ui, open: &mut bool, doc: &Document, actions: &mut Vec<Action>) {
        let transcript = doc.transcript();
        let turns = &transcript.turns;
        let window = ui.ctx().content_rect().width();
        egui::Panel::right("changes")
            .resizable(true)
            .default_size((window * 0.3).clamp(240.0, 480.0))
            .min_size(200.0)
            .max_size(window * 0.5)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.heading("Changes");
                    if ui
                        .small_button("Close")
                        .on_hover_text("View → Changes hides it too")
                        .clicked()
                    {
                        *open = false;
                    }
                });
                let current = entries(turns);
                let changed = turns.iter().filter(|t| t.is_changed()).count();
                ui.label(match changed {
                    0 => "No turn differs from the text first opened.".to_string(),
                    1 => "1 turn differs from the text first opened.".to_string(),
                    n => format!("{n} turns differ from the text first opened."),
                });
                let splits = current.iter().filter(|e| matches!(e, Entry::Split(_))).count();
                if splits > 0 {
                    ui.label(match splits {
                        1 => "1 turn was split; its words are in the turns listed with it.".to_string(),
                        n => format!("{n} turns were split; their words are in the turns listed with them."),
                    });
                }
                // The entries now, and in their places the notes of those reverted since the panel opened.
                let first = |e: &Entry| match e {
                    Entry::Turn(i) => *i,
                    Entry::Split(parts) => parts[0],
                };
                let listed_ids: std::collections::HashSet<crate::model::TurnId> =
                    current.iter().map(|e| turns[first(e)].id).collect();
                let mut listed: Vec<(usize, Listed)> =
                    current.into_iter().map(|e| (first(&e), Listed::Entry(e))).collect();
                for id in self.heights.keys() {
                    if !listed_ids.contains(id)
                        && let Some(i) = transcript.turn_index(*id)
                    {
                        listed.push((i, Listed::Reverted(i, *id)));
                    }
                }
                listed.sort_by_key(|(i, _)| *i);
                let name = |i: usize| {
                    transcript
                        .speaker_name(turns[i].speaker.as_ref())
                        .unwrap_or("(no speaker)")
                        .to_string()
                };
                let total = listed.len();
                egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                    for (at, item) in listed.into_iter().take(LISTED) {
                        ui.separator();
                        let top = ui.cursor().top();
                        let id = turns[at].id;
                        match item {
                            Listed::Reverted(i, id) => {
                                // The entry's height less the spacing that follows any widget.
                                let height =
                                    self.heights.get(&id).copied().unwrap_or(0.0) - ui.spacing().item_spacing.y;
                                ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
                                    ui.set_min_height(height);
                                    ui.weak(format!("Turn {} is as first opened (Undo puts the change back)", i + 1));
                                });
                                continue;
                            }
                            Listed::Entry(Entry::Turn(i)) => {
                                let turn = &turns[i];
                                turn_heading(ui, i, &name(i), turn, None, actions);
                                word_diff(ui, turn.as_opened(), &turn.text, false);
                            }
                            Listed::Entry(Entry::Split(parts)) => {
                                let numbers: Vec<String> = parts.iter().map(|i| (i + 1).to_string()).collect();
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(
                                        RichText::new(format!("Turns {} were one turn", numbers.join(", "))).strong(),
                                    );
                                    if ui
                                        .small_button("Join back as first opened")
                                        .on_hover_text("Make these turns the one turn first opened again (undoable)")
                                        .clicked()
                                    {
                                        actions.push(Action::RevertGroup(turns[parts[0]].id));
                                    }
                                });
                                for (k, &i) in parts.iter().enumerate() {
                                    let turn = &turns[i];
                                    let moved = (k > 0).then_some(parts[0]);
                                    ui.indent(("part", turn.id), |ui| {
                                        turn_heading(ui, i, &name(i), turn, moved, actions);
                                        word_diff(ui, turn.as_opened(), &turn.text, moved.is_some());
                                    });
                                }
                            }
                        }
                        // Kept for the note that takes its place once it is reverted.
                        self.heights.insert(id, ui.cursor().top() - top);
                    }
                    if total > LISTED {
                        ui.separator();
                        ui.label(RichText::new(format!("… and {} more", total - LISTED)).weak());
                    }
                });
            });
    }
}

/// A turn's line: its number and speaker (a link to it), where its words came from, and a button that
/// reverts its own words where they changed.
fn turn_heading(
    ui: &mut Ui,
    i: usize,
    speaker: &str,
    turn: &crate::model::Turn,
    moved_from: Option<usize>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .link(format!("Turn {} · {speaker}", i + 1))
            .on_hover_text("Go to the turn; with the recording open, the playhead goes to its first changed word")
            .clicked()
        {
            actions.push(Action::Select(turn.id));
            if let Some(at) = first_changed_time(turn) {
                actions.push(Action::Seek(at));
            }
        }
        if let Some(from) = moved_from {
            ui.label(
                RichText::new(format!("words moved here from turn {}", from + 1))
                    .color(crate::app::style::colours::moved(ui.visuals().dark_mode)),
            );
        }
        if turn.is_changed()
            && ui
                .small_button("Revert to original")
                .on_hover_text("Put this turn's own words back as they were first opened (undoable)")
                .clicked()
        {
            actions.push(Action::RevertTurn(turn.id));
        }
    });
}

/// The words of `now` against `original`: kept plain (or, `moved`, in the colour of words that moved here
/// from another turn), removed struck through in red, added in green.
fn word_diff(ui: &mut Ui, original: &str, now: &str, moved: bool) {
    let font = TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font, ui.visuals().text_color());
    let kept = if moved {
        TextFormat {
            color: crate::app::style::colours::moved(ui.visuals().dark_mode),
            italics: true,
            ..plain.clone()
        }
    } else {
        plain.clone()
    };
    let (gone, added) = crate::app::style::colours::removed_and_added(ui.visuals().dark_mode);
    let removed = TextFormat {
        color: gone,
        strikethrough: egui::Stroke::new(1.0, gone),
        ..plain.clone()
    };
    let inserted = TextFormat {
        color: added,
        underline: egui::Stroke::new(1.0, added),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let words = differences(original, now);
    let weak = TextFormat {
        color: ui.visuals().weak_text_color(),
        ..plain.clone()
    };
    for shown in in_context(&words, CONTEXT) {
        match shown {
            Some((difference, word)) => {
                let format = match difference {
                    Difference::Kept => &kept,
                    Difference::Removed => &removed,
                    Difference::Added => &inserted,
                };
                job.append(word, 0.0, format.clone());
                job.append(" ", 0.0, plain.clone());
            }
            None => job.append("… ", 0.0, weak.clone()),
        }
    }
    let accessible = format!("Was: {original}. Now: {now}");
    let response = ui.label(job);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
}

/// When the first changed word of `turn` is said: the time of the first word that differs from the text
/// first opened (or of the word after a removal), else the turn's start.
fn first_changed_time(turn: &crate::model::Turn) -> Option<f64> {
    let mut k = 0;
    for (difference, _) in differences(turn.as_opened(), &turn.text) {
        match difference {
            Difference::Kept => k += 1,
            Difference::Removed | Difference::Added => break,
        }
    }
    let words = &turn.words;
    let timed = crate::model::words::spell(words, &turn.text);
    timed
        .then(|| words.get(k).and_then(|w| w.start))
        .flatten()
        .or(turn.start)
}

/// Kept words shown on each side of a change.
const CONTEXT: usize = 4;

/// The words to show of a turn's differences: every changed word with `context` kept words on each side,
/// `None` where kept words are left out (an ellipsis). Words that moved here (all kept) are shown whole.
fn in_context<'a>(words: &[(Difference, &'a str)], context: usize) -> Vec<Option<(Difference, &'a str)>> {
    let changed: Vec<usize> = (0..words.len()).filter(|&k| words[k].0 != Difference::Kept).collect();
    if changed.is_empty() {
        return words.iter().copied().map(Some).collect();
    }
    let near = |k: usize| changed.iter().any(|&c| c.abs_diff(k) <= context);
    let mut out = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        if near(k) {
            out.push(Some(*word));
        } else if out.last().is_none_or(|w| w.is_some()) {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_shown_with_a_few_words_around_it() {
        let original = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien";
        let now = "een twee drie vier vijf zes zevven acht negen tien elf twaalf dertien";
        let words = differences(original, now);
        let shown: Vec<String> = in_context(&words, 2)
            .into_iter()
            .map(|w| w.map_or("…".to_string(), |(_, w)| w.to_string()))
            .collect();
        assert_eq!(shown, ["…", "vijf", "zes", "zeven", "zevven", "acht", "negen", "…"]);
    }

    #[test]
    fn words_that_only_moved_are_shown_whole() {
        let words = differences("a b c", "a b c");
        assert_eq!(in_context(&words, 1).len(), 3);
    }
}
