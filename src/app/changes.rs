//! View → Changes: every turn whose text differs from the text first opened, word by word (what went in
//! green, what went out struck through in red), each with a button that puts the original back (undoable).

use super::Action;
use crate::document::Document;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, TextStyle, Ui};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// The most changed turns listed at once (the count says how many there are).
const LISTED: usize = 200;

/// Draws the window while `open`; closing it sets `open` to false.
pub fn ui(ctx: &egui::Context, open: &mut bool, doc: &Document, actions: &mut Vec<Action>) {
    let turns = &doc.transcript().turns;
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
            let changed: Vec<usize> = (0..turns.len()).filter(|&i| turns[i].is_changed()).collect();
            ui.label(match changed.len() {
                0 => "No turn differs from the text first opened.".to_string(),
                1 => "1 turn differs from the text first opened.".to_string(),
                n => format!("{n} turns differ from the text first opened."),
            });
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                for &i in changed.iter().take(LISTED) {
                    let turn = &turns[i];
                    ui.separator();
                    ui.horizontal(|ui| {
                        let speaker = doc
                            .transcript()
                            .speaker_name(turn.speaker.as_ref())
                            .unwrap_or("(no speaker)");
                        if ui.link(format!("Turn {} · {speaker}", i + 1)).clicked() {
                            actions.push(Action::Select(i));
                        }
                        if ui
                            .small_button("Revert to original")
                            .on_hover_text("Put this turn's text back as it was first opened (undoable)")
                            .clicked()
                        {
                            actions.push(Action::RevertTurn(i));
                        }
                    });
                    let original = turn.original.as_deref().unwrap_or_default();
                    word_diff(ui, original, &turn.text);
                }
                if changed.len() > LISTED {
                    ui.separator();
                    ui.label(RichText::new(format!("… and {} more", changed.len() - LISTED)).weak());
                }
            });
        });
}

/// The words of `now` against `original`: kept plain, removed struck through in red, added in green.
fn word_diff(ui: &mut Ui, original: &str, now: &str) {
    let font = TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font, ui.visuals().text_color());
    let (gone, added) = if ui.visuals().dark_mode {
        (Color32::from_rgb(0xff, 0x8a, 0x80), Color32::from_rgb(0x7e, 0xd3, 0x8f))
    } else {
        (Color32::from_rgb(0xb0, 0x20, 0x20), Color32::from_rgb(0x1f, 0x7a, 0x3f))
    };
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
    let (a, b): (Vec<&str>, Vec<&str>) = (original.split_whitespace().collect(), now.split_whitespace().collect());
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let mut put = |words: &[&str], format: &TextFormat| {
        for w in words {
            job.append(w, 0.0, format.clone());
            job.append(" ", 0.0, plain.clone());
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => put(&a[old_index..old_index + len], &plain),
            DiffOp::Delete { old_index, old_len, .. } => put(&a[old_index..old_index + old_len], &removed),
            DiffOp::Insert { new_index, new_len, .. } => put(&b[new_index..new_index + new_len], &inserted),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                put(&a[old_index..old_index + old_len], &removed);
                put(&b[new_index..new_index + new_len], &inserted);
            }
        }
    }
    let accessible = format!("Was: {original}. Now: {now}");
    let response = ui.label(job);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
}
