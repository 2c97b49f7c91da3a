//! What the window shows, asked in words: for the shell (the title), for the tests (what a user would see),
//! and for the commands (what they may act on). Only reading; nothing here changes the editor.

use super::Editor;
use super::TurnList;
use super::actions::SaveQuestion;
use super::commands::CommandState;
use super::dialogs;
use crate::document::Document;
use crate::store::Settings;

impl Editor {
    /// The open transcript, if any.
    pub fn doc(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The settings as the window holds them (what the user changed included).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The turn list: the selected turn, the one being typed in, the one being heard.
    pub fn turns(&self) -> &TurnList {
        &self.turns
    }

    /// Whether the find bar is open.
    pub fn find_is_open(&self) -> bool {
        self.find.open
    }

    /// Whether a file is still being read.
    pub fn is_loading(&self) -> bool {
        self.open.loading().is_some()
    }

    /// The message of the error dialog, if one is shown.
    pub fn error_message(&self) -> Option<&str> {
        self.dialogs.find::<dialogs::ErrorDialog>().map(|e| e.message.as_str())
    }

    /// The question shown before saving, if any.
    pub fn save_question(&self) -> Option<&SaveQuestion> {
        self.dialogs.find::<dialogs::SaveQuestionDialog>().map(|d| &d.question)
    }

    /// Whether the window offers to reload a file another program changed.
    pub fn offers_reload(&self) -> bool {
        self.open.disk_banner.is_some()
    }

    /// The menu bar as things stand.
    pub(super) fn menu_bar<'a>(
        &'a self,
        state: &'a super::commands::CommandState,
        spelling: &'a super::spelling::SpellingState,
    ) -> super::menu_bar::MenuBar<'a> {
        super::menu_bar::MenuBar {
            state,
            spelling,
            doc: self.doc.as_ref(),
            dark_theme: self.settings.theme == crate::store::Theme::Dark,
            speakers_panel: self.settings.speakers_panel,
            following: self.settings.follow_playback,
            looping: self.player.looping().is_some(),
            resume_back: self.settings.resume_back,
            current_reviewed: self
                .turns
                .current
                .zip(self.doc.as_ref())
                .is_some_and(|(c, d)| d.transcript().turns.get(c).is_some_and(|t| t.reviewed)),
            doubt_below: self.settings.doubt_below,
            changes_shown: self.dialogs.find::<super::changes::Changes>().is_some(),
            recent: self.settings.recent.paths(),
            precision: (self.settings.time_precision, self.settings.frame_rate),
            subtitle_rules: self.settings.subtitle_rules,
            turn_numbers: self.settings.turn_numbers,
            retime_corrections: self.settings.retime_corrections,
            line_length: self.settings.line_length,
        }
    }

    /// Whether spelling is being checked: a dictionary was found and read for the open transcript.
    pub fn spelling_ready(&self) -> bool {
        self.spelling.ready()
    }

    /// Where the recording stands (playing or paused), when one is open.
    pub fn playhead(&self) -> Option<f64> {
        self.player.position()
    }

    /// Whether the recording is playing, and why not if the last try failed ("No audio output: …").
    pub fn playing(&self) -> (bool, Option<&str>) {
        (self.player.is_playing(), self.player.problem())
    }

    /// Whether an alignment with the recording is being made.
    pub fn is_aligning(&self) -> bool {
        self.aligning.is_some()
    }

    /// Every message the status bar showed this session, oldest first (View → Messages).
    pub fn messages(&self) -> Vec<&str> {
        self.messages.all().collect()
    }

    /// Whether the "save changes?" question is shown.
    pub fn is_asking_to_save(&self) -> bool {
        self.dialogs.find::<dialogs::UnsavedChanges>().is_some()
    }

    /// The window title: file name, an unsaved mark, the editor's name.
    pub fn window_title(&self) -> String {
        match &self.doc {
            Some(doc) => format!(
                "{}{} — Transcript Editor",
                if doc.is_dirty() { "● " } else { "" },
                doc.display_name()
            ),
            None => "Transcript Editor".to_string(),
        }
    }

    /// What the commands' `enabled` depends on, now.
    pub(super) fn command_state(&self, ctx: &egui::Context) -> CommandState {
        let doc = self.doc.as_ref();
        CommandState {
            has_doc: doc.is_some(),
            turns: doc.map_or(0, |d| d.transcript().turns.len()),
            speakers: doc.map_or(0, |d| d.transcript().speakers.len()),
            current: self.turns.current,
            editing: self.turns.editing.is_some(),
            has_selection: self.turns.selection().is_some(),
            can_undo: doc.is_some_and(Document::can_undo),
            can_redo: doc.is_some_and(Document::can_redo),
            dismissable: self.dialogs.has_window()
                || self.find.open
                || self.spelling.searching().is_some()
                || self.aligning.is_some(),
            popup_open: egui::Popup::is_any_open(ctx) || self.turns.spell_menu_open(),
            recording: self.player.is_open(),
            subtitles: doc.is_some_and(super::subtitle_rules::is_subtitles),
        }
    }
}
