//! The editor window. [`Editor`] holds the state and draws one frame in [`Editor::ui`]; views never change
//! the document themselves but push an [`Action`], and the dispatcher (`dispatch.rs`) carries every action
//! out in one place, so undo, the unsaved mark, the title and the status all follow from one path.
//!
//! Beside this file: the actions and the command list, dispatch, the save flow, the open flow (with
//! recovery and the disk watch), the keyboard, the style, the eframe shell; and one file per view and per
//! dialog. `docs/architecture.md` is the map.

pub mod actions;
mod aligning;
mod changes;
mod cleanup;
pub mod commands;
pub mod dialogs;
mod disk_banner;
mod dispatch;
mod file_dialog;
mod find_bar;
mod keyboard;
pub mod keymap;
mod menu_bar;
mod messages;
mod navigation;
mod open_flow;
mod palette;
mod player;
mod queries;
mod rules_window;
mod save_flow;
mod setup;
mod shell;
mod speakers_panel;
mod spelling;
mod start_screen;
mod status_bar;
mod style;
mod subtitle_rules;
mod subtitles;
mod turn_list;
mod wording;

pub use actions::Action;
pub use shell::{run, sample_path};
pub use turn_list::TurnList;

use crate::document::Document;
use crate::document::autosave::Autosave;
use crate::store::{self, Settings};
use commands::CommandState;
use dialogs::Dialogs;
use dialogs::recovery::RecoveryDialog;
use file_dialog::FileDialogs;
use palette::SpeakerColours;
use std::time::{Duration, Instant};

pub struct Editor {
    doc: Option<Document>,
    settings: Settings,
    turns: TurnList,
    find: find_bar::FindBar,
    speakers: speakers_panel::SpeakersPanel,
    dialogs: Dialogs,
    file_dialogs: FileDialogs,
    colours: SpeakerColours,
    actions: Vec<Action>,
    open: open_flow::OpenFlow,
    save: save_flow::SaveFlow,
    /// A short message in the status bar ("Saved to …") and when it was set.
    notice: Option<(String, Instant)>,
    /// Whether settings were persisted (tests leave the user's settings alone).
    persist_settings: bool,
    /// Recovery snapshots of unsaved work; `None` where there is no state folder (and in tests).
    autosave: Option<Autosave>,
    recovery: RecoveryDialog,
    style: style::AppliedStyle,
    keys: keyboard::Keyboard,
    /// The recording beside the transcript.
    player: player::Player,
    /// A document was shown: look for its recording in the next frame.
    find_recording: bool,
    /// The keys in force: the defaults as the user changed them.
    keymap: std::sync::Arc<keymap::Keymap>,
    /// Where the user was in each file; `None` where it is not kept (tests).
    places: Option<store::Places>,
    /// The turn edited last frame: when it is left, its corrected words may be re-timed.
    last_edited: Option<crate::model::TurnId>,
    /// An alignment with the recording being made (Play → Align with the recording).
    aligning: Option<aligning::Job>,
    /// Every message of the session, for View → Messages.
    messages: messages::Messages,
    /// The subtitle rules each cue breaks, for View → Subtitle rules.
    subtitle_rules: subtitle_rules::SubtitleRules,
    /// The spelling checker for the open transcript, and F7's search.
    spelling: spelling::Spelling,
    title: String,
}

impl Editor {
    /// Queues an action, as a widget would.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Draws the whole window for one frame and carries out what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.style.apply(&ctx, &self.settings);
        self.keymap.install(&ctx);
        self.poll_workers(&ctx);
        self.poll_aligning(&ctx);
        self.take_dropped_files(&ctx);
        self.watch_close_request(&ctx);
        self.watch_disk(&ctx);
        self.open_recording(&ctx);
        self.player.poll();
        self.spelling_frame(&ctx);
        self.follow_playback();
        let state = self.command_state(&ctx);
        // A file named at start is read first; the snapshots are offered beside it, not in its place.
        let offer_recovery = self.recovery.is_open() && self.open.loading().is_none();
        // Enter restores when that replaces nothing else: no document, or the snapshot's own file.
        let first_file = self.recovery.offers.first().and_then(|o| o.snapshot.file.as_deref());
        self.recovery.enter_restores = self
            .doc
            .as_ref()
            .is_none_or(|d| d.path().is_some() && d.path() == first_file);
        if !self.dialogs.is_modal_open() && !offer_recovery {
            self.keys
                .read(&ctx, &self.keymap, &state, &self.turns, &mut self.actions);
        }
        if let Some(doc) = &mut self.doc {
            doc.stats();
        }
        self.draw(ui, &state);
        self.dialogs.show(&ctx, self.doc.as_ref(), &mut self.actions);
        self.messages.ui(&ctx);
        if offer_recovery {
            dialogs::Dialog::show(&mut self.recovery, &ctx, None, &mut self.actions);
        }

        let had_actions = !self.actions.is_empty();
        for action in std::mem::take(&mut self.actions) {
            self.dispatch(&ctx, action);
        }
        if had_actions {
            ctx.request_repaint();
        }
        self.after_frame(&ctx);
        let edited = self.turns.editing.as_ref().map(|e| e.id);
        if let Some(left) = self.last_edited.filter(|&id| Some(id) != edited) {
            self.retime_after_correction(left);
        }
        self.last_edited = edited;
    }

    /// The views, each given what it draws; what the user does comes back as actions.
    fn draw(&mut self, ui: &mut egui::Ui, state: &CommandState) {
        let spelling = self.spelling_state();
        let mut actions = std::mem::take(&mut self.actions);
        self.menu_bar(state, &spelling).ui(ui, &mut actions);
        self.actions = actions;
        let status = status_bar::StatusBar {
            loading: self.open.loading(),
            doc: self.doc.as_ref(),
            notice: self.notice.as_ref().map(|(n, _)| n.as_str()),
            spelling: self.doc.as_ref().map(|_| &spelling),
            searching: self.spelling.searching(),
            aligning: self.aligning.as_ref().map(aligning::Job::fraction),
            playhead: self.player.position().map(|at| self.shown_time(at)),
        };
        status.ui(ui);
        let Some(doc) = &self.doc else {
            let loading = self.open.loading();
            egui::CentralPanel::default().show(ui, |ui| {
                start_screen::ui(ui, &self.settings, loading, &mut self.actions);
            });
            return;
        };
        if self.open.disk_banner.is_some() {
            disk_banner::disk_banner(ui, &doc.display_name(), &mut self.actions);
        }
        self.colours.sync(&doc.transcript().speakers);
        self.find.ui(ui, doc, &mut self.actions);
        if self.settings.speakers_panel {
            speakers_panel::ui(
                ui,
                &mut self.speakers,
                doc,
                &self.colours,
                self.turns.current,
                &mut self.actions,
            );
        }
        let in_view = self.turns_in_view();
        self.player.bar(ui, doc, self.turns.started, in_view, &mut self.actions);
        // Beside the turns, above the player bar.
        if let Some(changes) = self.dialogs.find_mut::<changes::Changes>() {
            let mut open = true;
            changes.panel(ui, &mut open, doc, &mut self.actions);
            if !open {
                self.actions.push(Action::Command(commands::Command::ShowChanges));
            }
        }
        let current_match = self.find.current;
        let found = if self.find.open {
            self.find.found(doc).ok()
        } else {
            None
        };
        let highlights = turn_list::Highlights {
            matches: found.map_or(&[][..], |f| &f.text[..]),
            current: current_match,
        };
        egui::CentralPanel::default().show(ui, |ui| {
            self.turns.doubt_below = self.settings.doubt_below;
            self.turns.precision = (self.settings.time_precision, self.settings.frame_rate);
            self.turns.numbers = self.settings.turn_numbers;
            self.turns.line_length = self.settings.line_length;
            self.turns.rule_marks = self.subtitle_rules.marks(doc, self.settings.subtitle_rules);
            self.turns.ui(ui, doc, &self.colours, &highlights, &mut self.actions);
        });
    }

    /// The title, recovery snapshots, a requested quit and the fading notice.
    fn after_frame(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // Once the user agreed to close, the changes were saved or discarded: no snapshot is written.
        if let (Some(autosave), Some(doc), false) = (&mut self.autosave, &self.doc, self.save.closing())
            && let Some(wait) = autosave.tick(doc)
        {
            ctx.request_repaint_after(wait);
        }
        if let Some(why) = self.autosave.as_mut().and_then(Autosave::new_failure) {
            let why = format!("{}{}", why[..1].to_uppercase(), &why[1..]);
            self.dialogs.show_error(
                "Unsaved work is not protected",
                format!("{why}. Save your work with Ctrl+S; the editor says so again if snapshots fail after working."),
            );
        }
        if self.save.quit_requested {
            self.save.quit_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some((_, at)) = &self.notice {
            let left = Duration::from_secs(4).saturating_sub(at.elapsed());
            if left.is_zero() {
                self.notice = None;
            } else {
                ctx.request_repaint_after(left);
            }
        }
    }

    fn notify(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.messages.push(&message);
        self.notice = Some((message, Instant::now()));
    }

    fn save_settings(&self) {
        if self.persist_settings
            && let Err(e) = self.settings.save()
        {
            eprintln!("warning: cannot save settings: {e}");
        }
    }
}
