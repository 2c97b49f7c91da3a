//! Find and replace (Ctrl+F, Ctrl+H): a bar above the turn list. It searches the whole transcript, not only
//! the turns in view; the matches are computed again only when the query or the document changes.

use super::Action;
use super::commands::Command;
use crate::document::Document;
use crate::edit::search::{Match, Query};
use egui::{RichText, TextEdit, Ui};
use std::ops::Range;

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub replace_open: bool,
    pub query: Query,
    pub replacement: String,
    focus: bool,
    /// Matches for (query, document revision): text matches in turn order, and the number in labels.
    cache: Option<(Query, u64, Result<Found, String>)>,
    /// Index of the current text match.
    pub current: Option<usize>,
}

#[derive(Default, Clone)]
pub struct Found {
    pub text: Vec<(usize, Range<usize>)>,
    pub labels: usize,
}

impl FindBar {
    pub fn show(&mut self, replace: bool) {
        self.open = true;
        self.replace_open |= replace;
        self.focus = true;
    }

    pub fn close(&mut self) {
        self.open = false;
        self.replace_open = false;
    }

    /// Another document is shown: the matches are computed again (its revisions count from zero too).
    pub fn forget_matches(&mut self) {
        self.cache = None;
        self.current = None;
    }

    /// The matches for the current query, computed again only after a change.
    pub fn found(&mut self, doc: &Document) -> Result<&Found, &str> {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|(q, rev, _)| *q != self.query || *rev != doc.revision());
        if stale {
            let result = self.query.compile().map_err(|e| e.0).map(|m| {
                let mut found = Found::default();
                for hit in m.find_all(doc.transcript()) {
                    match hit {
                        Match::Text { turn, range } => found.text.push((turn, range)),
                        Match::Label { .. } => found.labels += 1,
                    }
                }
                found
            });
            if let (Ok(found), Some(c)) = (&result, self.current)
                && c >= found.text.len()
            {
                self.current = None;
            }
            self.cache = Some((self.query.clone(), doc.revision(), result));
        }
        match &self.cache {
            Some((_, _, Ok(found))) => Ok(found),
            Some((_, _, Err(e))) => Err(e.as_str()),
            None => Err(""),
        }
    }

    /// Moves to the next (or previous) match after the current one, or after the turn `from`; returns the
    /// turn it is in.
    pub fn step(&mut self, doc: &Document, from: Option<usize>, forward: bool) -> Option<usize> {
        let current = self.current;
        let found = self.found(doc).ok()?;
        let n = found.text.len();
        if n == 0 {
            return None;
        }
        let next = match (current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            (None, true) => {
                let turn = from.unwrap_or(0);
                found.text.iter().position(|(t, _)| *t >= turn).unwrap_or(0)
            }
            (None, false) => {
                let turn = from.unwrap_or(usize::MAX);
                found.text.iter().rposition(|(t, _)| *t <= turn).unwrap_or(n - 1)
            }
        };
        let turn = found.text[next].0;
        self.current = Some(next);
        Some(turn)
    }

    /// The current match as a [`Match`], for replacing it.
    pub fn current_match(&mut self, doc: &Document) -> Option<Match> {
        let c = self.current?;
        let (turn, range) = self.found(doc).ok()?.text.get(c)?.clone();
        Some(Match::Text { turn, range })
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        egui::Panel::top("find-bar").show(ui, |ui| {
            ui.add_space(2.0);
            // Wraps onto a second row in a narrow window: the count and the buttons stay in sight.
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Find:");
                let field = ui
                    .add(TextEdit::singleline(&mut self.query.pattern).desired_width(220.0))
                    .labelled_by(label.id);
                if self.focus {
                    field.request_focus();
                    self.focus = false;
                }
                if field.changed() {
                    self.current = None;
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    let back = ui.input(|i| i.modifiers.shift);
                    actions.push(Action::FindStep { forward: !back });
                    field.request_focus();
                }
                ui.toggle_value(&mut self.query.case_sensitive, "Match case");
                ui.toggle_value(&mut self.query.whole_word, "Whole words");
                ui.toggle_value(&mut self.query.regex, "Regex")
                    .on_hover_text("A regular expression; the replacement may use $1, $2 … for its groups");
                ui.toggle_value(&mut self.query.in_labels, "Speaker names")
                    .on_hover_text("Also search speaker names; replacing there renames the speaker");
                let scope = self
                    .query
                    .speaker
                    .as_ref()
                    .and_then(|id| doc.transcript().speaker(id))
                    .map_or("All turns".to_string(), |s| format!("Turns of {}", s.name));
                egui::ComboBox::from_id_salt("find-scope")
                    .selected_text(scope)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.query.speaker, None, "All turns");
                        for s in &doc.transcript().speakers {
                            ui.selectable_value(
                                &mut self.query.speaker,
                                Some(s.id.clone()),
                                format!("Turns of {}", s.name),
                            );
                        }
                    });
                let current = self.current;
                let empty = self.query.pattern.is_empty();
                let mut full = String::new();
                let status = match self.found(doc) {
                    Ok(found) if found.text.is_empty() && found.labels == 0 => RichText::new("No matches"),
                    Ok(found) => {
                        let position = current.map_or(String::new(), |c| format!("{} of ", c + 1));
                        let labels = if found.labels > 0 {
                            format!(" (+{} in speaker names)", found.labels)
                        } else {
                            String::new()
                        };
                        let matches = super::wording::count(found.text.len(), "match", "matches");
                        RichText::new(format!("{position}{matches}{labels}"))
                    }
                    Err("") => RichText::new(""),
                    Err(e) if empty => RichText::new(e).weak(),
                    Err(e) => {
                        full = e.to_string();
                        RichText::new(e).color(ui.visuals().error_fg_color)
                    }
                };
                // A fixed width: the buttons after it stay where they are whatever the count or error says;
                // a long error is cut, and shown whole on hover.
                let width = 200.0;
                let status = ui.add_sized(
                    [width, ui.spacing().interact_size.y],
                    egui::Label::new(status).truncate(),
                );
                if !full.is_empty() {
                    status.on_hover_text(full);
                }
                let ctx = ui.ctx().clone();
                let keys = |c: Command| c.shortcut_text(&ctx).unwrap_or_default();
                if ui
                    .button("Previous")
                    .on_hover_text(keys(Command::FindPrevious))
                    .clicked()
                {
                    actions.push(Action::FindStep { forward: false });
                }
                if ui.button("Next").on_hover_text(keys(Command::FindNext)).clicked() {
                    actions.push(Action::FindStep { forward: true });
                }
                if ui.button("Close").clicked() {
                    self.close();
                }
            });
            if self.replace_open {
                ui.horizontal(|ui| {
                    let label = ui.label("Replace with:");
                    ui.add(TextEdit::singleline(&mut self.replacement).desired_width(220.0))
                        .labelled_by(label.id);
                    if ui
                        .button("Replace")
                        .on_hover_text("Replace the current match and go to the next")
                        .clicked()
                    {
                        actions.push(Action::ReplaceCurrent);
                    }
                    if ui
                        .button("Replace all")
                        .on_hover_text("Replace every match; one undo step")
                        .clicked()
                    {
                        actions.push(Action::ReplaceAll);
                    }
                });
            }
            ui.add_space(2.0);
        });
    }
}
