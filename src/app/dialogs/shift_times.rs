//! Turn → Shift times…: every time moved at once, words with their turns, as one undoable step. By an
//! offset (all turns, or from the current one on), from one frame rate to another, or by two turns' right
//! starts (two-point synchronisation), as subtitle tools do.

use super::Dialog;
use crate::app::Action;
use crate::document::Document;
use crate::edit::ops::{self, Retime};
use crate::formats::time::{format_short, parse_typed};
use egui::{Id, Modal, RichText};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shift,
    FrameRate,
    Synchronise,
}

pub struct ShiftTimes {
    pub mode: Mode,
    /// Seconds, as typed (`-2.5`, `1:02`).
    pub offset: String,
    /// Shift only from the current turn on.
    pub from_current: bool,
    current: Option<usize>,
    pub rates: (String, String),
    /// Two turns (numbered from 1, as typed) and the times they start at.
    pub points: [(String, String); 2],
    error: Option<String>,
}

impl ShiftTimes {
    pub fn new(doc: &Document, current: Option<usize>) -> Self {
        let turns = &doc.transcript().turns;
        // The current turn and the last timed one, with their times now, to be corrected.
        let first = current.unwrap_or(0);
        let last = turns.iter().rposition(|t| t.start.is_some()).filter(|&l| l != first);
        let point = |i: Option<usize>| match i.and_then(|i| turns.get(i).map(|t| (i, t))) {
            Some((i, t)) => ((i + 1).to_string(), t.start.map(exact).unwrap_or_default()),
            None => (String::new(), String::new()),
        };
        Self {
            mode: Mode::Shift,
            offset: String::new(),
            from_current: false,
            current,
            rates: ("25".to_string(), "23.976".to_string()),
            points: [point(Some(first)), point(last)],
            error: None,
        }
    }

    /// The change asked for, and from which turn (from 0), or what is wrong with what was typed.
    pub fn retime(&self, doc: &Document) -> Result<(usize, Retime), String> {
        match self.mode {
            Mode::Shift => {
                let (sign, rest) = match self.offset.trim().strip_prefix('-') {
                    Some(rest) => (-1.0, rest),
                    None => (1.0, self.offset.trim().trim_start_matches('+')),
                };
                let seconds = parse_typed(rest)?.ok_or("Type the seconds to shift by: 2.5 later, -2.5 earlier")?;
                let from = if self.from_current {
                    self.current.unwrap_or(0)
                } else {
                    0
                };
                Ok((from, Retime::shift(sign * seconds)))
            }
            Mode::FrameRate => {
                let rate = |s: &str| {
                    s.trim()
                        .replace(',', ".")
                        .parse::<f64>()
                        .map_err(|_| format!("\"{}\" is not a frame rate (25, 23.976 …)", s.trim()))
                };
                Ok((0, Retime::frame_rate(rate(&self.rates.0)?, rate(&self.rates.1)?)?))
            }
            Mode::Synchronise => {
                let turns = &doc.transcript().turns;
                let mut points = Vec::with_capacity(2);
                for (turn, time) in &self.points {
                    let n: usize = turn
                        .trim()
                        .parse()
                        .ok()
                        .filter(|n| (1..=turns.len()).contains(n))
                        .ok_or_else(|| format!("\"{}\" is not a turn number (1 to {})", turn.trim(), turns.len()))?;
                    let old = turns[n - 1]
                        .start
                        .ok_or_else(|| format!("Turn {n} has no start time to move"))?;
                    let new = parse_typed(time)?.ok_or_else(|| format!("Type the time turn {n} starts at"))?;
                    points.push((old, new));
                }
                Ok((0, Retime::synchronise(points[0], points[1])?))
            }
        }
    }
}

/// A time as it is typed back: `1:23.456`.
fn exact(seconds: f64) -> String {
    let millis = ((seconds - seconds.floor()) * 1000.0).round() as u32;
    if millis == 0 {
        format_short(seconds)
    } else {
        format!("{}.{millis:03}", format_short(seconds.floor()))
    }
}

impl Dialog for ShiftTimes {
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        let Some(doc) = doc else { return false };
        let mut done = false;
        Modal::new(Id::unique("shift-times")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Shift times");
            ui.label(RichText::new("Words move with their turns; Undo puts every time back.").weak());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.mode, Mode::Shift, "By an offset");
                ui.selectable_value(&mut self.mode, Mode::FrameRate, "Frame rate");
                ui.selectable_value(&mut self.mode, Mode::Synchronise, "Synchronise");
            });
            ui.add_space(6.0);
            match self.mode {
                Mode::Shift => {
                    ui.horizontal(|ui| {
                        let label = ui.label("Seconds:");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.offset)
                                .hint_text("2.5 later, -2.5 earlier")
                                .desired_width(160.0),
                        )
                        .labelled_by(label.id);
                    });
                    let from = match self.current {
                        Some(c) => format!("Only from turn {} on", c + 1),
                        None => "Only from the current turn on (select one first)".to_string(),
                    };
                    ui.add_enabled(self.current.is_some(), egui::Checkbox::new(&mut self.from_current, from));
                }
                Mode::FrameRate => {
                    ui.label("Times made for one frame rate, for a video at another: each time × FROM / TO.");
                    ui.horizontal(|ui| {
                        let label = ui.label("From");
                        ui.add(egui::TextEdit::singleline(&mut self.rates.0).desired_width(70.0))
                            .labelled_by(label.id);
                        let label = ui.label("fps to");
                        ui.add(egui::TextEdit::singleline(&mut self.rates.1).desired_width(70.0))
                            .labelled_by(label.id);
                        ui.label("fps");
                    });
                }
                Mode::Synchronise => {
                    ui.label("Give two turns, far apart, the times they really start at; every time is moved and stretched to fit.");
                    for (k, (turn, time)) in self.points.iter_mut().enumerate() {
                        ui.horizontal(|ui| {
                            let label = ui.label("Turn");
                            ui.add(egui::TextEdit::singleline(turn).desired_width(60.0))
                                .labelled_by(label.id)
                                .on_hover_text(format!("The {} turn's number", if k == 0 { "first" } else { "second" }));
                            let label = ui.label("starts at");
                            ui.add(egui::TextEdit::singleline(time).desired_width(100.0).hint_text("0:21"))
                                .labelled_by(label.id);
                        });
                    }
                }
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let verb = match self.mode {
                    Mode::Synchronise => "Synchronise",
                    _ => "Shift",
                };
                let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(verb).clicked() || entered {
                    // Checked here, so that a time before the recording's start is said where it was typed.
                    match self
                        .retime(doc)
                        .and_then(|(from, r)| ops::retime(doc.transcript(), from, r).map(|_| (from, r)))
                    {
                        Ok((from, retime)) => {
                            actions.push(Action::Retime { from, retime });
                            done = true;
                        }
                        Err(why) => {
                            let mut chars = why.chars();
                            self.error = chars.next().map(|c| c.to_uppercase().chain(chars).collect());
                        }
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = true;
                }
            });
        });
        !done
    }
}
