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

/// View → Changes: a window beside the turns (not modal), open until it is closed or the transcript is.
pub struct Changes;

impl super::dialogs::Dialog for Changes {
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let mut open = true;
        match doc {
            Some(doc) => ui(ctx, &mut open, doc, actions),
            None => return false,
        }
        open
    }

    fn is_modal(&self) -> bool {
        false
    }
}

/// Draws the window while `open`; closing it sets `open` to false.
fn ui(ctx: &egui::Context, open: &mut bool, doc: &Document, actions: &mut Vec<Action>) {
    let transcript = doc.transcript();
    let turns = &transcript.turns;
    let screen = ctx.content_rect();
    let width = 520.0_f32.min(screen.width() - 32.0);
    egui::Window::new("Changes")
        .open(open)
        // Below the menu bar, over the right of the turns: the turn it names stays in sight on the left.
        .default_pos(egui::pos2(screen.right() - width - 24.0, screen.top() + 48.0))
        .default_width(width)
        .default_height(420.0_f32.min(screen.height() - 80.0))
        .max_width(screen.width() - 32.0)
        .max_height(screen.height() - 80.0)
        .show(ctx, |ui| {
            let listed = entries(turns);
            let changed = turns.iter().filter(|t| t.is_changed()).count();
            ui.label(match changed {
                0 => "No turn differs from the text first opened.".to_string(),
                1 => "1 turn differs from the text first opened.".to_string(),
                n => format!("{n} turns differ from the text first opened."),
            });
            let splits = listed.iter().filter(|e| matches!(e, Entry::Split(_))).count();
            if splits > 0 {
                ui.label(match splits {
                    1 => "1 turn was split; its words are in the turns listed with it.".to_string(),
                    n => format!("{n} turns were split; their words are in the turns listed with them."),
                });
            }
            let name = |i: usize| {
                transcript
                    .speaker_name(turns[i].speaker.as_ref())
                    .unwrap_or("(no speaker)")
                    .to_string()
            };
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                for entry in listed.iter().take(LISTED) {
                    ui.separator();
                    match entry {
                        Entry::Turn(i) => {
                            let turn = &turns[*i];
                            turn_heading(ui, *i, &name(*i), turn, None, actions);
                            word_diff(ui, turn.as_opened(), &turn.text, false);
                        }
                        Entry::Split(parts) => {
                            let numbers: Vec<String> = parts.iter().map(|i| (i + 1).to_string()).collect();
                            ui.horizontal_wrapped(|ui| {
                                ui.label(RichText::new(format!("Turns {} were one turn", numbers.join(", "))).strong());
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
                }
                if listed.len() > LISTED {
                    ui.separator();
                    ui.label(RichText::new(format!("… and {} more", listed.len() - LISTED)).weak());
                }
            });
        });
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
        if ui.link(format!("Turn {} · {speaker}", i + 1)).clicked() {
            actions.push(Action::Select(turn.id));
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
    for (difference, word) in differences(original, now) {
        let format = match difference {
            Difference::Kept => &kept,
            Difference::Removed => &removed,
            Difference::Added => &inserted,
        };
        job.append(word, 0.0, format.clone());
        job.append(" ", 0.0, plain.clone());
    }
    let accessible = format!("Was: {original}. Now: {now}");
    let response = ui.label(job);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
}
