//! The menu bar, drawn from the command list.

use super::Action;
use super::commands::{Command, CommandState, Menu};
use crate::document::Document;
use egui::{RichText, Ui};
use std::path::PathBuf;

/// What the menus show.
pub struct MenuBar<'a> {
    pub state: &'a CommandState,
    pub doc: Option<&'a Document>,
    pub dark_theme: bool,
    pub speakers_panel: bool,
    pub following: bool,
    pub looping: bool,
    /// Seconds playing resumes before where it was paused.
    pub resume_back: f64,
    /// The current turn is marked reviewed.
    pub current_reviewed: bool,
    /// Words less sure than this are marked.
    pub doubt_below: f32,
    /// View → Changes is open.
    pub changes_shown: bool,
    pub recent: &'a [PathBuf],
    /// The spelling language in use and the dictionaries there are.
    pub spelling: &'a super::spelling::SpellingState,
    /// How finely times are shown, and the frame rate for frames.
    pub precision: (crate::formats::time::Precision, f64),
    /// The cues that break a subtitle rule are marked.
    pub subtitle_rules: bool,
    /// Each turn shows its number.
    pub turn_numbers: bool,
    /// Corrected words are re-timed when their turn is left.
    pub retime_corrections: bool,
    /// The longest line of text in characters (0: the window's width).
    pub line_length: usize,
}

impl MenuBar<'_> {
    fn title(&self, command: Command) -> String {
        match command {
            Command::Undo => match self.doc.and_then(Document::undo_label) {
                Some(label) => format!("Undo {}", label.to_lowercase()),
                None => command.title(),
            },
            Command::Redo => match self.doc.and_then(Document::redo_label) {
                Some(label) => format!("Redo {}", label.to_lowercase()),
                None => command.title(),
            },
            Command::ToggleTheme if self.dark_theme => "Light theme".to_string(),
            Command::ToggleSpeakersPanel if !self.speakers_panel => "Show the speakers panel".to_string(),
            Command::FollowPlayback if !self.following => "Follow the recording".to_string(),
            Command::LoopTurn if self.looping => "Stop looping the turn".to_string(),
            Command::MarkReviewed if self.current_reviewed => "Mark not reviewed".to_string(),
            Command::ShowChanges if self.changes_shown => "Hide changes".to_string(),
            Command::ShowTurnNumbers if !self.turn_numbers => "Show turn numbers".to_string(),
            Command::RetimeCorrections if self.retime_corrections => {
                "Stop re-timing corrected words automatically".to_string()
            }
            Command::ShowSubtitleRules if self.subtitle_rules && self.state.subtitles => {
                "Hide the subtitle rule marks".to_string()
            }
            Command::ResumeStep => format!("Resume {} s earlier", self.resume_back),
            Command::DoubtThreshold if self.doubt_below <= 0.0 => "Doubtful words: none marked".to_string(),
            Command::DoubtThreshold => format!("Doubtful words: under {:.0}% sure", self.doubt_below * 100.0),
            _ => command.title(),
        }
    }

    fn items(&self, ui: &mut Ui, menu: Menu, actions: &mut Vec<Action>) {
        for &command in Command::ALL.iter().filter(|c| c.menu() == Some(menu)) {
            let mut button = egui::Button::new(self.title(command));
            if let Some(keys) = command.shortcut_text(ui.ctx()) {
                button = button.shortcut_text(keys);
            }
            let response = ui
                .add_enabled(command.enabled(self.state), button)
                .on_hover_text(command.tooltip());
            if response.clicked() {
                actions.push(Action::Command(command));
                ui.close();
            }
        }
    }

    /// View → Spelling: the language to check in (each dictionary there is), or none.
    fn spelling_menu(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let spelling = self.spelling;
        let summary = RichText::new(&spelling.summary);
        ui.label(if spelling.lacking { summary.weak() } else { summary });
        ui.separator();
        let off = ui.add(egui::Button::new("Do not check spelling").selected(!spelling.on));
        if off.clicked() {
            actions.push(Action::SetSpellLanguage(None));
            ui.close();
        }
        if spelling.dictionaries.is_empty() {
            ui.weak(
                "No Hunspell dictionaries found.\nDebian and Ubuntu: apt install hunspell-nl\n(or hunspell-en-gb, …)",
            );
        }
        for (language, name) in &spelling.dictionaries {
            let chosen = spelling.on
                && spelling
                    .language
                    .as_deref()
                    .is_some_and(|l| l.replace('_', "-") == *language);
            let button = egui::Button::new(format!("{name}  ({language})")).selected(chosen);
            if ui.add(button).clicked() {
                actions.push(Action::SetSpellLanguage(Some(language.clone())));
                ui.close();
            }
        }
    }

    /// View → Time precision: how finely the turn list shows times, and the frame rate of frames.
    fn precision_menu(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        use crate::formats::time::Precision;
        let (now, fps) = self.precision;
        for precision in Precision::ALL {
            if ui
                .add(egui::Button::new(precision.title()).selected(precision == now))
                .clicked()
            {
                actions.push(Action::SetTimePrecision(precision, fps));
                ui.close();
            }
        }
        ui.separator();
        ui.weak("Frames a second:");
        for rate in [23.976, 24.0, 25.0, 29.97, 30.0, 50.0, 60.0] {
            let chosen = now == Precision::Frames && (rate - fps).abs() < 1e-6;
            if ui
                .add(egui::Button::new(format!("{rate} fps")).selected(chosen))
                .clicked()
            {
                actions.push(Action::SetTimePrecision(Precision::Frames, rate));
                ui.close();
            }
        }
    }

    pub fn ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    self.items(ui, Menu::File, actions);
                    ui.separator();
                    ui.menu_button("Recent files", |ui| {
                        if self.recent.is_empty() {
                            ui.weak("No recent files");
                        }
                        for path in self.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                actions.push(Action::OpenPath(path.clone()));
                                ui.close();
                            }
                        }
                    });
                });
                ui.menu_button("Edit", |ui| self.items(ui, Menu::Edit, actions));
                ui.menu_button("Turn", |ui| self.items(ui, Menu::Turn, actions));
                ui.menu_button("Play", |ui| self.items(ui, Menu::Play, actions));
                ui.menu_button("View", |ui| {
                    self.items(ui, Menu::View, actions);
                    ui.separator();
                    ui.menu_button("Spelling", |ui| self.spelling_menu(ui, actions));
                    ui.menu_button("Time precision", |ui| self.precision_menu(ui, actions));
                    ui.menu_button("Line length", |ui| {
                        for (chars, title) in [
                            (80, "80 characters"),
                            (100, "100 characters"),
                            (120, "120 characters"),
                            (0, "As wide as the window"),
                        ] {
                            if ui
                                .add(egui::Button::new(title).selected(self.line_length == chars))
                                .clicked()
                            {
                                actions.push(Action::SetLineLength(chars));
                                ui.close();
                            }
                        }
                    });
                });
                ui.menu_button("Help", |ui| self.items(ui, Menu::Help, actions));
            });
        });
    }
}
