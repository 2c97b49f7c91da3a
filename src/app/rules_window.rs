//! Edit → Apply rules…: a house-style rule file's rules, each with the number of matches it would replace,
//! before they are applied all at once as one undoable step. A bad rule is shown with its line, and then
//! nothing can be applied.

use super::Action;
use crate::document::Document;
use crate::edit::rules::{self, Rule};
use egui::RichText;
use std::path::PathBuf;

pub struct RulesWindow {
    /// The rule file, a path as typed.
    pub path: String,
    /// What was last read and counted, and for what: the document's revision and the path.
    preview: Option<((u64, String), Counted)>,
}

/// The rules read and each one's matches, or why they cannot be used.
type Counted = Result<(Vec<Rule>, Vec<usize>), String>;

impl RulesWindow {
    pub fn new(path: Option<&std::path::Path>) -> Self {
        Self {
            path: path.map(|p| p.display().to_string()).unwrap_or_default(),
            preview: None,
        }
    }

    /// The rules of the file as it is now, or why they cannot be used.
    pub fn rules(&self) -> Result<Vec<Rule>, String> {
        let path = self.path.trim();
        if path.is_empty() {
            return Err("Give a rule file: one FIND => REPLACE per line.".to_string());
        }
        crate::document::house_style::read_rules(path.as_ref())
    }

    /// The file as a path to remember.
    pub fn path_buf(&self) -> Option<PathBuf> {
        Some(PathBuf::from(self.path.trim())).filter(|p| !p.as_os_str().is_empty())
    }

    /// Draws the window; false once it is closed.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) -> bool {
        let key = (doc.revision(), self.path.clone());
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            let counted = self.rules().and_then(|rules| {
                let counts = rules::apply(doc.transcript(), &rules)
                    .map_err(|e| format!("{}:{}: {}", self.path.trim(), e.line, e.message))?
                    .1;
                Ok((rules, counts))
            });
            self.preview = Some((key, counted));
        }
        let screen = ctx.content_rect();
        let (mut open, mut close) = (true, false);
        egui::Window::new("Apply rules")
            .default_pos(egui::pos2(screen.left() + 48.0, screen.top() + 48.0))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.label("House-style rules, all applied as one step you can undo.");
                ui.horizontal(|ui| {
                    let label = ui.label("Rule file:");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.path)
                            .hint_text("one FIND => REPLACE per line")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                });
                ui.separator();
                let mut total = 0;
                match self.preview.as_ref().map(|(_, p)| p) {
                    Some(Ok((rules, counts))) => {
                        for (rule, count) in rules.iter().zip(counts) {
                            total += count;
                            ui.label(format!(
                                "line {}: {} => {}: {count} match{}",
                                rule.line,
                                rule.find,
                                rule.replace,
                                if *count == 1 { "" } else { "es" }
                            ));
                        }
                        ui.label(RichText::new(format!("{total} in all")).strong());
                    }
                    Some(Err(why)) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                    None => {}
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.add_enabled(total > 0, egui::Button::new("Apply")).clicked() {
                        actions.push(Action::ApplyRules);
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        close = true;
                    }
                });
            });
        open && !close
    }
}

impl super::dialogs::Dialog for RulesWindow {
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        doc.is_some_and(|doc| self.ui(ctx, doc, actions))
    }

    fn is_modal(&self) -> bool {
        false
    }
}

impl super::Editor {
    /// Applies the rules the rules window shows, as one undoable step, and says what each did.
    pub(in crate::app) fn apply_rules(&mut self) {
        let Some(window) = self.dialogs.take::<RulesWindow>() else {
            return;
        };
        let rules = match window.rules() {
            Ok(rules) => rules,
            Err(why) => return self.dialogs.show_error("Cannot apply the rules", why),
        };
        self.settings.rules_file = window.path_buf();
        self.save_settings();
        self.turns.stop_editing();
        let Some(doc) = &self.doc else { return };
        let (change, counts) = match crate::edit::rules::apply(doc.transcript(), &rules) {
            Ok(applied) => applied,
            Err(e) => {
                let file = window.path_buf().map(|p| p.display().to_string()).unwrap_or_default();
                return self
                    .dialogs
                    .show_error("Cannot apply the rules", format!("{file}:{}: {}", e.line, e.message));
            }
        };
        let total = counts.iter().sum::<usize>();
        self.change(|_| change);
        self.notify(format!(
            "Rules applied: {total} replacement{} (Undo in the Edit menu takes them back)",
            if total == 1 { "" } else { "s" }
        ));
    }
}
