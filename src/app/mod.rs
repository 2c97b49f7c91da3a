//! The editor window. [`Editor`] holds the state and draws it with `ui`; widgets never change the
//! document themselves but push an [`Action`], and [`Editor::dispatch`] carries every action out in one
//! place, so undo, the unsaved mark, the title and the status all follow from one path.

mod autosave;
pub mod commands;
pub mod dialogs;
pub mod document;
mod file_dialog;
mod find_bar;
mod menu_bar;
mod palette;
mod recovery_dialog;
mod speakers_panel;
mod start_screen;
mod status_bar;
mod turn_list;

use crate::edit::ops;
use crate::formats::{self, Format};
use crate::model::SpeakerId;
use crate::store::{self, OpenError, Opened, Settings, Theme};
use commands::Command;
use dialogs::{Dialogs, Guarded};
use document::Document;
use file_dialog::{FileDialogs, Purpose};
use palette::SpeakerColours;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

pub use turn_list::TurnList;

/// Something the user asked for. Widgets push these; [`Editor::dispatch`] carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// Open a file (asks about unsaved changes first).
    OpenPath(PathBuf),
    /// Save the document to this path, in the format its extension names. `replace_ok` when the user
    /// already agreed to replace an existing file there.
    SaveTo {
        path: PathBuf,
        replace_ok: bool,
    },
    AnswerSave(dialogs::SaveAnswer),
    /// Read the open file again, as another program changed it.
    ReloadFromDisk,
    /// Keep the open document although the file changed on disk.
    KeepMineOverDisk,
    /// Show a file dialog, or a path field where none can be shown.
    AskPath(Purpose),
    /// The text of a turn as the user has typed it.
    SetText {
        turn: usize,
        text: String,
    },
    Relabel {
        turn: usize,
        speaker: Option<SpeakerId>,
    },
    RelabelToNewSpeaker {
        turn: usize,
        name: String,
    },
    RenameSpeaker {
        speaker: SpeakerId,
        name: String,
    },
    MergeSpeakers {
        from: SpeakerId,
        into: SpeakerId,
    },
    AddSpeaker {
        name: String,
    },
    DeleteSpeaker(SpeakerId),
    /// Go to the next turn of this speaker after the current one.
    JumpToSpeaker(SpeakerId),
    /// Start editing a turn, the cursor at this character (or the end).
    EditTurn {
        turn: usize,
        cursor: Option<usize>,
    },
    Select(usize),
    ForgetRecent(PathBuf),
    /// The answer to "save changes?".
    Resolve(dialogs::GuardChoice),
    /// Give the bytes `range` of a turn to a speaker as a turn of their own.
    SplitOut {
        turn: usize,
        range: std::ops::Range<usize>,
        speaker: Option<SpeakerId>,
    },
    MergeWithPrevious(usize),
    MergeWithNext(usize),
    /// Merge every suggested speaker alias (one undo step).
    MergeAliases,
    FindStep {
        forward: bool,
    },
    ReplaceCurrent,
    ReplaceAll,
    /// Open the transcript of recovery snapshot number `n` of the start dialog.
    RestoreSnapshot(usize),
    OpenSavedInsteadOfSnapshot(usize),
    DiscardSnapshot(usize),
}

/// A file being read on a worker thread, so a large file never freezes the window.
struct Loading {
    path: PathBuf,
    receiver: Receiver<Result<Opened, OpenError>>,
}

pub struct Editor {
    pub doc: Option<Document>,
    pub settings: Settings,
    pub turns: TurnList,
    pub find: find_bar::FindBar,
    speakers: speakers_panel::SpeakersPanel,
    dialogs: Dialogs,
    file_dialogs: FileDialogs,
    colours: SpeakerColours,
    actions: Vec<Action>,
    loading: Option<Loading>,
    /// A short message in the status bar ("Saved to …") and when it was set.
    notice: Option<(String, Instant)>,
    /// Set once the user agreed to close the window.
    allow_close: bool,
    /// Quit was chosen from the menu or a shortcut; the window closes at the end of the frame.
    quit_requested: bool,
    /// The open file as another program left it, while the user has not yet answered.
    disk_banner: Option<store::DiskStamp>,
    /// A change on disk the user chose to ignore.
    ignored_disk: Option<store::DiskStamp>,
    disk_checked: Option<Instant>,
    /// Whether settings were persisted (tests leave the user's settings alone).
    persist_settings: bool,
    /// Recovery snapshots of unsaved work; `None` where there is no state folder (and in tests).
    autosave: Option<autosave::Autosave>,
    recovery: recovery_dialog::RecoveryDialog,
    applied_style: Option<(Theme, u32)>,
    title: String,
}

/// The sample transcript shipped in `assets/`, looked for beside the executable and in the source tree.
pub fn sample_path() -> PathBuf {
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("assets").join("sample.txt")));
    match beside_exe {
        Some(p) if p.exists() => p,
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("sample.txt"),
    }
}

impl Editor {
    pub fn new(settings: Settings) -> Self {
        let mut settings = settings;
        settings.recent.drop_missing();
        Self {
            doc: None,
            settings,
            turns: TurnList::default(),
            find: Default::default(),
            speakers: Default::default(),
            dialogs: Dialogs::default(),
            file_dialogs: FileDialogs::default(),
            colours: SpeakerColours::default(),
            actions: Vec::new(),
            loading: None,
            notice: None,
            allow_close: false,
            quit_requested: false,
            disk_banner: None,
            ignored_disk: None,
            disk_checked: None,
            persist_settings: false,
            autosave: None,
            recovery: Default::default(),
            applied_style: None,
            title: String::new(),
        }
    }

    /// Persist settings and recent files to the user's configuration folder.
    pub fn persisting_settings(mut self) -> Self {
        self.persist_settings = true;
        self
    }

    /// Never opens a native file dialog: asks for paths in the window instead (for tests, which must not wait
    /// for a person to answer a dialog on a developer's desktop).
    pub fn without_file_dialogs(mut self) -> Self {
        self.file_dialogs.disabled = true;
        self
    }

    /// Keeps recovery snapshots in `dir`, and offers those left by an earlier run that did not save.
    pub fn with_recovery(mut self, dir: std::path::PathBuf) -> Self {
        let (snapshots, unreadable) = store::recovery::scan(&dir);
        self.recovery = recovery_dialog::RecoveryDialog::from_scan(snapshots, unreadable);
        self.autosave = autosave::Autosave::start(dir);
        self
    }

    /// Whether the start dialog offers recovered work.
    pub fn recovery_offers(&self) -> usize {
        self.recovery.offers.len()
    }

    /// Queues an action, as a widget would.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Whether a file is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The message of the error dialog, if one is shown.
    pub fn error_message(&self) -> Option<&str> {
        self.dialogs.error.as_ref().map(|e| e.message.as_str())
    }

    /// Whether the user has agreed to close the window.
    pub fn may_close(&self) -> bool {
        self.allow_close
    }

    /// The question shown before saving, if any.
    pub fn save_question(&self) -> Option<&dialogs::SaveQuestion> {
        self.dialogs.save_question.as_ref().map(|(q, _)| q)
    }

    /// Whether the window offers to reload a file another program changed.
    pub fn offers_reload(&self) -> bool {
        self.disk_banner.is_some()
    }

    /// Whether the "save changes?" question is shown.
    pub fn is_asking_to_save(&self) -> bool {
        self.dialogs.guard.is_some()
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

    /// Draws the whole window for one frame and carries out what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_style(&ctx);
        self.poll_workers(&ctx);
        self.take_dropped_files(&ctx);
        self.watch_close_request(&ctx);
        self.watch_disk(&ctx);
        if !self.dialogs.is_modal_open() && !self.recovery.is_open() {
            self.read_shortcuts(&ctx);
        }

        menu_bar::ui(ui, self);
        status_bar::ui(ui, self);
        if self.disk_banner.is_some() {
            let name = self.doc.as_ref().map(Document::display_name).unwrap_or_default();
            dialogs::disk_banner(ui, &name, &mut self.actions);
        }
        if let Some(doc) = &mut self.doc {
            self.colours.sync(&doc.transcript.speakers);
            self.find.ui(ui, doc, &mut self.actions);
            speakers_panel::ui(
                ui,
                &mut self.speakers,
                doc,
                &self.colours,
                &self.turns,
                &mut self.actions,
            );
            let current = self.find.current;
            let found = if self.find.open {
                self.find.found(doc).ok()
            } else {
                None
            };
            let highlights = turn_list::Highlights {
                matches: found.map_or(&[][..], |f| &f.text[..]),
                current,
            };
            egui::CentralPanel::default().show(ui, |ui| {
                self.turns.ui(ui, doc, &self.colours, &highlights, &mut self.actions);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                start_screen::ui(
                    ui,
                    &self.settings,
                    self.loading.as_ref().map(|l| l.path.as_path()),
                    &mut self.actions,
                );
            });
        }
        let speakers = self.doc.as_ref().map_or(&[][..], |d| &d.transcript.speakers[..]);
        self.dialogs.ui(&ctx, speakers, &mut self.actions);
        self.recovery.ui(&ctx, &mut self.actions);

        let had_actions = !self.actions.is_empty();
        for action in std::mem::take(&mut self.actions) {
            self.dispatch(&ctx, action);
        }
        if had_actions {
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        if let (Some(autosave), Some(doc)) = (&mut self.autosave, &self.doc)
            && let Some(wait) = autosave.tick(doc)
        {
            ctx.request_repaint_after(wait);
        }
        if self.quit_requested {
            self.quit_requested = false;
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

    fn apply_style(&mut self, ctx: &egui::Context) {
        let key = (self.settings.theme, self.settings.text_size.to_bits());
        if self.applied_style == Some(key) {
            return;
        }
        self.applied_style = Some(key);
        ctx.set_theme(match self.settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        let size = self.settings.text_size;
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (TextStyle::Small, FontId::new(size * 0.75, FontFamily::Proportional)),
                (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                (TextStyle::Button, FontId::new(size * 0.93, FontFamily::Proportional)),
                (TextStyle::Heading, FontId::new(size * 1.45, FontFamily::Proportional)),
                (TextStyle::Monospace, FontId::new(size * 0.9, FontFamily::Monospace)),
            ]
            .into();
        });
        // Ctrl+Plus / Ctrl+Minus change the text size setting instead of zooming the whole window.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }

    fn poll_workers(&mut self, ctx: &egui::Context) {
        if let Some((purpose, path, quick)) = self.file_dialogs.poll() {
            match path {
                Some(path) => self.actions.push(match purpose {
                    Purpose::Open => Action::OpenPath(path),
                    Purpose::SaveAs => Action::SaveTo { path, replace_ok: true },
                }),
                // A dialog that "returns" at once was never shown: offer the path field instead.
                None if quick => self.dialogs.ask_path(purpose, self.suggested_path(purpose), true),
                None => self.dialogs.cancel_pending_after_save(),
            }
        }
        if let Some(loading) = &self.loading {
            match loading.receiver.try_recv() {
                Ok(result) => {
                    let path = loading.path.clone();
                    self.loading = None;
                    self.finish_open(&path, result);
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(30)),
                Err(TryRecvError::Disconnected) => {
                    let path = loading.path.clone();
                    self.loading = None;
                    self.dialogs.show_error(
                        "Cannot open the file",
                        format!("{}: reading stopped unexpectedly", path.display()),
                    );
                }
            }
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.actions.push(Action::OpenPath(path));
        }
    }

    fn watch_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.as_ref().is_some_and(Document::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialogs.guard = Some(Guarded::Quit);
            } else {
                self.allow_close = true;
            }
        }
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let typing_in_turn = self.turns.editing.is_some() && ctx.memory(|m| m.focused()) == Some(TurnList::editor_id());
        let typing_elsewhere = ctx.egui_wants_keyboard_input() && !typing_in_turn;
        // Up at the first line and Down at the last line of a turn move to the neighbouring turn.
        if typing_in_turn && let Some(editing) = &self.turns.editing {
            let (first, last) = (editing.at_first_row, editing.at_last_row);
            let no_mods = egui::Modifiers::NONE;
            // Backspace at the very start joins the turn to the one above, Delete at the very end the one below.
            let (at_start, at_end) = match editing.cursor {
                Some((a, b)) if a == b => (a == 0, a == editing.chars),
                _ => (false, false),
            };
            let turn = editing.turn;
            if first && ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::ArrowUp)) {
                self.turns.move_editing(-1, self.doc.as_ref());
            } else if last && ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::ArrowDown)) {
                self.turns.move_editing(1, self.doc.as_ref());
            } else if at_start && turn > 0 && ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::Backspace)) {
                self.actions.push(Action::MergeWithPrevious(turn));
            } else if at_end && ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::Delete)) {
                self.actions.push(Action::MergeWithNext(turn));
            }
        }
        if !typing_elsewhere && !typing_in_turn && self.doc.is_some() {
            let no_mods = egui::Modifiers::NONE;
            if ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::ArrowUp)) {
                self.turns.move_selection(-1, self.doc.as_ref());
            } else if ctx.input_mut(|i| i.consume_key(no_mods, egui::Key::ArrowDown)) {
                self.turns.move_selection(1, self.doc.as_ref());
            }
        }
        for &(command, shortcut) in commands::by_specificity() {
            // In another text field, keys that type or edit text belong to it; Ctrl shortcuts and function
            // keys (F1, F3) still work.
            let plain = !(shortcut.modifiers.command || shortcut.modifiers.ctrl || shortcut.modifiers.mac_cmd);
            let function_key = matches!(shortcut.logical_key, egui::Key::F1 | egui::Key::F2 | egui::Key::F3);
            if typing_elsewhere && plain && !function_key {
                continue;
            }
            if typing_in_turn && !command.works_while_typing() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.push(Action::Command(command));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn suggested_path(&self, purpose: Purpose) -> Option<PathBuf> {
        let doc = match purpose {
            Purpose::Open => None,
            Purpose::SaveAs => self.doc.as_ref(),
        };
        let suggestion = doc.and_then(|d| {
            let path = d.path.as_ref()?;
            if d.format.can_write() {
                return Some(path.clone());
            }
            // A recogniser's output is not overwritten: the corrected transcript gets a name of its own.
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some(path.with_file_name(format!("{stem}-edited.json")))
        });
        suggestion.or_else(|| self.settings.last_folder.clone())
    }

    fn notify(&mut self, message: impl Into<String>) {
        self.notice = Some((message.into(), Instant::now()));
    }

    /// A file was opened or saved: it heads the recent files, and its folder is where dialogs start.
    fn remember_file(&mut self, path: &Path) {
        self.settings.recent.add(path);
        self.settings.last_folder = path.parent().map(Path::to_path_buf);
        self.save_settings();
    }

    fn save_settings(&self) {
        if self.persist_settings
            && let Err(e) = self.settings.save()
        {
            eprintln!("warning: cannot save settings: {e}");
        }
    }

    /// Carries out one action. Every change to the document passes through here.
    pub fn dispatch(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(command) => self.run_command(ctx, command),
            Action::OpenPath(path) => self.guarded(Guarded::Open(path)),
            Action::SaveTo { path, replace_ok } => self.save_to(&path, replace_ok),
            Action::AnswerSave(answer) => self.answer_save(answer),
            Action::ReloadFromDisk => {
                self.disk_banner = None;
                if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
                    self.guarded(Guarded::Open(path));
                }
            }
            Action::KeepMineOverDisk => {
                self.ignored_disk = self.disk_banner.take();
            }
            Action::AskPath(purpose) => {
                let start = self.suggested_path(purpose);
                if self.file_dialogs.available() {
                    self.file_dialogs.start(purpose, start, ctx);
                } else {
                    self.dialogs.ask_path(purpose, start, true);
                }
            }
            Action::SetText { turn, text } => self.change(|t| ops::set_text(t, turn, &text)),
            Action::Relabel { turn, speaker } => {
                self.change(|t| ops::relabel_turn(t, turn, speaker));
            }
            Action::RelabelToNewSpeaker { turn, name } => {
                self.change(|t| ops::relabel_to_speaker_named(t, turn, &name));
            }
            Action::RenameSpeaker { speaker, name } => self.change(|t| ops::rename_speaker(t, &speaker, &name)),
            Action::MergeSpeakers { from, into } => self.change(|t| ops::merge_speakers(t, &from, &into)),
            Action::AddSpeaker { name } => {
                if !name.trim().is_empty() {
                    self.change(|t| ops::add_speaker(t, &name).0);
                }
            }
            Action::DeleteSpeaker(id) => {
                let Some(doc) = &self.doc else { return };
                match ops::delete_speaker(&doc.transcript, &id) {
                    Some(change) => self.apply(change),
                    None => self.notify("A speaker who still has turns cannot be deleted; merge them instead"),
                }
            }
            Action::JumpToSpeaker(id) => {
                if let Some(doc) = &self.doc {
                    let turns = &doc.transcript.turns;
                    let from = self.turns.current.map_or(0, |c| c + 1);
                    let next = (from..turns.len())
                        .chain(0..from)
                        .find(|&i| turns[i].speaker.as_ref() == Some(&id));
                    match next {
                        Some(i) => self.turns.select(i),
                        None => self.notify("This speaker has no turns"),
                    }
                }
            }
            Action::EditTurn { turn, cursor } => {
                let too_long = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.transcript.turns.get(turn))
                    .map(|t| t.text.len());
                if let Some(len) = too_long.filter(|&l| l > turn_list::EDITABLE_BYTES) {
                    self.notify(format!(
                        "This turn is {} KB of text, too long to edit in the window; split the file into paragraphs with a text editor first",
                        len / 1024
                    ));
                }
                self.turns.start_editing(turn, cursor, self.doc.as_ref());
            }
            Action::Select(turn) => self.turns.select(turn),
            Action::ForgetRecent(path) => {
                self.settings.recent.remove(&path);
                self.save_settings();
            }
            Action::Resolve(choice) => self.resolve_guard(ctx, choice),
            Action::SplitOut { turn, range, speaker } => {
                let Some(doc) = &self.doc else { return };
                let before_empty = doc
                    .transcript
                    .turns
                    .get(turn)
                    .is_none_or(|t| t.text[..range.start].trim().is_empty());
                self.change(|t| ops::split_out(t, turn, range, speaker));
                self.turns.stop_editing();
                self.turns.select(if before_empty { turn } else { turn + 1 });
            }
            Action::MergeWithPrevious(turn) => {
                let Some(doc) = &self.doc else { return };
                let (Some(prev), Some(this)) = (
                    turn.checked_sub(1).and_then(|p| doc.transcript.turns.get(p)),
                    doc.transcript.turns.get(turn),
                ) else {
                    return;
                };
                let join = prev.text.chars().count() + usize::from(!prev.text.is_empty() && !this.text.is_empty());
                self.change(|t| ops::merge_with_previous(t, turn));
                self.turns.start_editing(turn - 1, Some(join), self.doc.as_ref());
            }
            Action::MergeWithNext(turn) => {
                let Some(doc) = &self.doc else { return };
                let (Some(this), true) = (doc.transcript.turns.get(turn), turn + 1 < doc.transcript.turns.len()) else {
                    return;
                };
                let end = this.text.chars().count();
                self.change(|t| ops::merge_with_previous(t, turn + 1));
                self.turns.start_editing(turn, Some(end), self.doc.as_ref());
            }
            Action::MergeAliases => self.change(|t| {
                let suggestions = crate::edit::aliases::suggest(t);
                crate::edit::aliases::merge_all(t, &suggestions)
            }),
            Action::FindStep { forward } => {
                let Some(doc) = &self.doc else { return };
                let from = self
                    .turns
                    .current
                    .map(|c| if forward { c } else { c.saturating_sub(0) });
                match self.find.step(doc, from, forward) {
                    Some(turn) => self.turns.select(turn),
                    None => self.notify("No matches"),
                }
            }
            Action::ReplaceCurrent => {
                let Some(doc) = &self.doc else { return };
                let matcher = match self.find.query.compile() {
                    Ok(m) => m,
                    Err(e) => return self.notify(e.0),
                };
                let Some(hit) = self.find.current_match(doc) else {
                    // Nothing chosen yet: go to the first match; the next press replaces it.
                    return self.dispatch(ctx, Action::FindStep { forward: true });
                };
                if let Some(change) = matcher.replace_one(&doc.transcript, &hit, &self.find.replacement) {
                    self.apply(change);
                    // The next match now has the index the replaced one had.
                    let index = self.find.current.unwrap_or(0);
                    self.find.current = index.checked_sub(1);
                    if let Some(doc) = &self.doc
                        && let Some(turn) = self.find.step(doc, hit.turn(), true)
                    {
                        self.turns.select(turn);
                    }
                }
            }
            Action::RestoreSnapshot(i) => self.guarded(Guarded::Restore(i)),
            Action::OpenSavedInsteadOfSnapshot(i) => {
                if i < self.recovery.offers.len() {
                    let offer = self.recovery.offers.remove(i);
                    let _ = std::fs::remove_file(&offer.snapshot.path);
                    if let Some(file) = offer.snapshot.file {
                        self.guarded(Guarded::Open(file));
                    }
                }
            }
            Action::DiscardSnapshot(i) => {
                if i < self.recovery.offers.len() {
                    let offer = self.recovery.offers.remove(i);
                    if let Err(e) = std::fs::remove_file(&offer.snapshot.path) {
                        self.dialogs.show_error(
                            "Cannot discard the recovered changes",
                            format!("{}: {e}", offer.snapshot.path.display()),
                        );
                    }
                }
            }
            Action::ReplaceAll => {
                let Some(doc) = &self.doc else { return };
                match self.find.query.compile() {
                    Ok(m) => {
                        let (change, count) = m.replace_all(&doc.transcript, &self.find.replacement);
                        let turns = change.edits.len();
                        self.apply(change);
                        self.find.current = None;
                        self.notify(format!("Replaced {count} matches in {turns} places"));
                    }
                    Err(e) => self.notify(e.0),
                }
            }
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Open => self.guarded(Guarded::OpenDialog),
            Command::OpenSample => self.guarded(Guarded::Open(sample_path())),
            Command::Save => self.save(),
            Command::SaveAs => {
                if self.doc.is_some() {
                    self.actions.push(Action::AskPath(Purpose::SaveAs));
                }
            }
            Command::Close => self.guarded(Guarded::Close),
            Command::Quit => self.guarded(Guarded::Quit),
            Command::Undo | Command::Redo => {
                let Some(doc) = &mut self.doc else { return };
                let result = if command == Command::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                match result {
                    Ok(Some(turn)) => self.turns.after_undo(turn, doc),
                    Ok(None) => {}
                    Err(e) => self.dialogs.show_error("Cannot undo", e.to_string()),
                }
            }
            Command::EditTurn => {
                if let Some(turn) = self.turns.current {
                    self.turns.start_editing(turn, None, self.doc.as_ref());
                }
            }
            Command::StopEditing => self.turns.stop_editing(),
            Command::PreviousTurn | Command::NextTurn => {
                let step = if command == Command::NextTurn { 1 } else { -1 };
                if self.turns.editing.is_some() {
                    self.turns.move_editing(step, self.doc.as_ref());
                } else {
                    self.turns.move_selection(step, self.doc.as_ref());
                }
            }
            Command::AssignSpeaker(n) => {
                let Some(doc) = &self.doc else { return };
                let (Some(turn), Some(speaker)) = (self.turns.current, doc.transcript.speakers.get(n as usize - 1))
                else {
                    return;
                };
                self.actions.push(Action::Relabel {
                    turn,
                    speaker: Some(speaker.id.clone()),
                });
            }
            Command::TextLarger | Command::TextSmaller => {
                let step = if command == Command::TextLarger { 1.0 } else { -1.0 };
                self.settings.text_size = (self.settings.text_size + step).clamp(9.0, 32.0);
                self.save_settings();
            }
            Command::ToggleTheme => {
                self.settings.theme = match self.settings.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
                self.save_settings();
            }
            Command::SplitTurn => {
                if let Some((turn, at)) = self.turns.cursor_byte() {
                    self.change(|t| ops::split_turn(t, turn, at));
                    self.turns.start_editing(turn + 1, Some(0), self.doc.as_ref());
                }
            }
            Command::SplitOffSelection => match self.turns.selection() {
                Some((turn, range)) => {
                    let text = self
                        .turns
                        .editing
                        .as_ref()
                        .map(|e| e.buffer[range.clone()].to_string())
                        .unwrap_or_default();
                    self.dialogs.interjection = Some((turn, range, text));
                }
                None => self.notify("Select the words to give to another speaker first (inside a turn's text)"),
            },
            Command::InsertTurn => {
                let Some(doc) = &self.doc else { return };
                let index = self.turns.current.map_or(doc.transcript.turns.len(), |c| c + 1);
                let speaker = self
                    .turns
                    .current
                    .and_then(|c| doc.transcript.turns.get(c))
                    .and_then(|t| t.speaker.clone());
                self.change(|t| ops::insert_turn(t, index, speaker));
                self.turns.start_editing(index, None, self.doc.as_ref());
            }
            Command::DeleteTurn => {
                if let Some(turn) = self.turns.current {
                    self.turns.stop_editing();
                    self.change(|t| ops::delete_turn(t, turn));
                    if let Some(doc) = &self.doc
                        && !doc.transcript.turns.is_empty()
                    {
                        self.turns.select(turn.min(doc.transcript.turns.len() - 1));
                    }
                }
            }
            Command::Find | Command::Replace => {
                if self.doc.is_some() {
                    self.find.show(command == Command::Replace);
                }
            }
            Command::FindNext | Command::FindPrevious => {
                if self.doc.is_some() {
                    self.find.open = true;
                    self.actions.push(Action::FindStep {
                        forward: command == Command::FindNext,
                    });
                }
            }
            Command::ShowShortcuts => self.dialogs.shortcuts_open = true,
            Command::About => self.dialogs.about_open = true,
        }
        let _ = ctx;
    }

    /// Applies a change built from the current transcript.
    fn change(&mut self, build: impl FnOnce(&crate::model::Transcript) -> crate::edit::Change) {
        if let Some(doc) = &self.doc {
            let change = build(&doc.transcript);
            self.apply(change);
        }
    }

    fn apply(&mut self, change: crate::edit::Change) {
        let Some(doc) = &mut self.doc else { return };
        if let Err(e) = doc.apply(change) {
            self.dialogs.show_error("Cannot make the change", e.to_string());
        }
    }

    /// Runs an action that would throw away the document, asking first when it has unsaved changes.
    fn guarded(&mut self, action: Guarded) {
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.dialogs.guard = Some(action);
        } else {
            self.perform(action);
        }
    }

    fn resolve_guard(&mut self, ctx: &egui::Context, choice: dialogs::GuardChoice) {
        let Some(action) = self.dialogs.guard.take() else {
            return;
        };
        match choice {
            dialogs::GuardChoice::Cancel => {}
            dialogs::GuardChoice::Discard => self.perform(action),
            dialogs::GuardChoice::Save => {
                // Carry on once the document is saved: saving may ask questions first, or need a name.
                self.dialogs.after_save = Some(action);
                let has_path = self.doc.as_ref().is_some_and(|d| d.path.is_some());
                if has_path {
                    self.save();
                } else {
                    self.dispatch(ctx, Action::AskPath(Purpose::SaveAs));
                }
            }
        }
    }

    fn perform(&mut self, action: Guarded) {
        match action {
            Guarded::Open(path) => self.open(&path),
            Guarded::OpenDialog => self.actions.push(Action::AskPath(Purpose::Open)),
            Guarded::Close => {
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.doc = None;
                self.turns = TurnList::default();
            }
            Guarded::Quit => {
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.allow_close = true;
                self.quit_requested = true;
            }
            Guarded::Restore(i) => self.restore(i),
        }
    }

    fn restore(&mut self, i: usize) {
        if i >= self.recovery.offers.len() {
            return;
        }
        let offer = self.recovery.offers.remove(i);
        let snapshot = offer.snapshot;
        // A file still being read at start is the one being restored over, or another: either way the
        // restored work is what the user asked for now.
        self.loading = None;
        let opened = Opened {
            loaded: crate::formats::Loaded {
                transcript: snapshot.transcript,
                encoding: crate::formats::Encoding::Utf8,
                warnings: Vec::new(),
            },
            format: snapshot.format,
        };
        let mut doc = Document::from_opened(opened, snapshot.file.clone());
        doc.history.mark_unsaved();
        // The file is as the user saw it when choosing to restore over it.
        doc.disk = snapshot.file.as_deref().and_then(store::stamp);
        if let Some(a) = &mut self.autosave {
            a.adopt(&snapshot.path);
        }
        self.colours = SpeakerColours::default();
        self.turns = TurnList::default();
        self.notify(format!(
            "Restored {} from the recovery snapshot; save to keep it",
            doc.display_name()
        ));
        self.doc = Some(doc);
    }

    /// Starts reading a file on a worker thread; the current document stays until it has been read.
    pub fn open(&mut self, path: &Path) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let owned = path.to_path_buf();
        let spawned = std::thread::Builder::new().name("open-file".into()).spawn(move || {
            let _ = sender.send(store::open(&owned, None));
        });
        match spawned {
            Ok(_) => {
                self.loading = Some(Loading {
                    path: path.to_path_buf(),
                    receiver,
                })
            }
            Err(e) => self
                .dialogs
                .show_error("Cannot open the file", format!("{}: {e}", path.display())),
        }
    }

    fn finish_open(&mut self, path: &Path, result: Result<Opened, OpenError>) {
        match result {
            Ok(opened) => {
                let warnings = opened.loaded.warnings.clone();
                let mut doc = Document::from_opened(opened, Some(path.to_path_buf()));
                doc.disk = store::stamp(path);
                self.disk_banner = None;
                self.ignored_disk = None;
                self.colours = SpeakerColours::default();
                self.turns = TurnList::default();
                self.remember_file(path);
                self.notify(format!(
                    "Opened {} ({}, {})",
                    doc.display_name(),
                    doc.format.title(),
                    doc.encoding
                ));
                if !warnings.is_empty() {
                    let title = format!("{} was opened with a warning", doc.display_name());
                    self.dialogs.show_error(title, warnings.join("\n"));
                }
                self.doc = Some(doc);
            }
            Err(e) => {
                if matches!(e, OpenError::Io { .. }) && !path.exists() {
                    self.settings.recent.remove(path);
                }
                self.dialogs.show_error("Cannot open the file", e.to_string());
            }
        }
    }

    fn save(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !doc.format.can_write() {
            // A recogniser's output is not overwritten: the corrected transcript gets a name of its own.
            self.notify(format!(
                "{} is only read; save the corrected transcript as JSON or text",
                doc.format.title()
            ));
            self.actions.push(Action::AskPath(Purpose::SaveAs));
            return;
        }
        match doc.path.clone() {
            Some(path) => {
                let format = doc.format;
                self.save_as(&path, format, false);
            }
            None => self.actions.push(Action::AskPath(Purpose::SaveAs)),
        }
    }

    /// Saves to a path chosen by the user; the extension chooses the format, a name without a known one
    /// keeps the current format. `replace_ok`: the user already agreed to replace an existing file (the
    /// native save dialog asks).
    fn save_to(&mut self, path: &Path, replace_ok: bool) {
        let Some(doc) = &self.doc else { return };
        let format: &'static dyn Format = formats::by_extension(path).unwrap_or(doc.format);
        self.save_as(path, format, replace_ok);
    }

    fn save_as(&mut self, path: &Path, format: &'static dyn Format, replace_ok: bool) {
        self.save_checked(dialogs::PendingSave {
            path: path.to_path_buf(),
            format,
            replace_ok,
            changed_ok: false,
            losses_ok: false,
        });
    }

    /// Saves after asking what needs asking: replacing another file, overwriting changes another program
    /// made, leaving out what the format cannot hold. Each question waits for the user; the answer comes
    /// back through [`Action::AnswerSave`].
    fn save_checked(&mut self, pending: dialogs::PendingSave) {
        let Some(doc) = &mut self.doc else { return };
        let same_file = doc.path.as_deref() == Some(pending.path.as_path());
        let question = if !pending.replace_ok && !same_file && pending.path.exists() {
            Some(dialogs::SaveQuestion::Replace)
        } else if !pending.changed_ok && same_file && doc.changed_on_disk().is_some() {
            Some(dialogs::SaveQuestion::ChangedOnDisk)
        } else {
            let losses: Vec<String> = pending
                .format
                .losses(&doc.transcript)
                .into_iter()
                .filter(|l| !(pending.format.name() == doc.format.name() && doc.accepted_losses.contains(l)))
                .collect();
            (!pending.losses_ok && !losses.is_empty()).then_some(dialogs::SaveQuestion::Losses(losses))
        };
        if let Some(question) = question {
            self.dialogs.save_question = Some((question, pending));
            return;
        }
        let path = pending.path;
        let format = pending.format;
        let keep_accepted = format.name() == doc.format.name();
        match doc.save_to(&path, format) {
            Ok(()) => {
                if !keep_accepted {
                    doc.accepted_losses.clear();
                }
                doc.history.seal();
                if let Some(a) = &mut self.autosave {
                    a.forget();
                }
                self.disk_banner = None;
                let name = doc.display_name();
                self.remember_file(&path);
                self.notify(format!("Saved {name} ({})", format.title()));
                if let Some(next) = self.dialogs.after_save.take() {
                    self.perform(next);
                }
            }
            Err(e) => {
                self.dialogs.after_save = None;
                self.dialogs.show_error(
                    "Cannot save",
                    format!("{e}\n\nThe file on disk is unchanged and your changes are still open."),
                );
            }
        }
    }

    /// The user's answer to a question asked before saving.
    fn answer_save(&mut self, answer: dialogs::SaveAnswer) {
        let Some((question, mut pending)) = self.dialogs.save_question.take() else {
            return;
        };
        match answer {
            dialogs::SaveAnswer::Cancel => self.dialogs.after_save = None,
            dialogs::SaveAnswer::Proceed => {
                match question {
                    dialogs::SaveQuestion::Replace => pending.replace_ok = true,
                    dialogs::SaveQuestion::ChangedOnDisk => pending.changed_ok = true,
                    dialogs::SaveQuestion::Losses(losses) => {
                        pending.losses_ok = true;
                        if let Some(doc) = &mut self.doc
                            && pending.format.name() == doc.format.name()
                        {
                            doc.accepted_losses.extend(losses);
                        }
                    }
                }
                self.save_checked(pending);
            }
            dialogs::SaveAnswer::AsJson => {
                let path = pending.path.with_extension("json");
                self.save_as(&path, &formats::json::Json, false);
            }
        }
    }

    /// Every two seconds: has another program changed the open file?
    fn watch_disk(&mut self, ctx: &egui::Context) {
        let due = self
            .disk_checked
            .is_none_or(|at| at.elapsed() >= Duration::from_secs(2));
        if !due {
            return;
        }
        self.disk_checked = Some(Instant::now());
        ctx.request_repaint_after(Duration::from_secs(2));
        let Some(doc) = &self.doc else { return };
        if let Some(now) = doc.changed_on_disk()
            && self.ignored_disk != Some(now)
        {
            self.disk_banner = Some(now);
        }
    }
}

/// The eframe application around [`Editor`].
struct EditorApp {
    editor: Editor,
}

impl eframe::App for EditorApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(rect) = ui.ctx().input(|i| i.viewport().inner_rect) {
            self.editor.settings.window_size = [rect.width(), rect.height()];
        }
        self.editor.ui(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {}

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.editor.save_settings();
    }
}

/// Opens the editor window, with `file` open when given.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let settings = Settings::load();
    let [w, h] = settings.window_size;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Transcript Editor")
            .with_app_id("transcript-editor")
            .with_inner_size([w.max(640.0), h.max(400.0)])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Transcript Editor",
        options,
        Box::new(move |_cc| {
            let mut editor = Editor::new(settings).persisting_settings();
            if let Some(dir) = store::recovery::recovery_dir() {
                editor = editor.with_recovery(dir);
            }
            if let Some(file) = file {
                editor.open(&file);
            }
            Ok(Box::new(EditorApp { editor }))
        }),
    );
    result.map_err(|e| anyhow::anyhow!("cannot open the editor window: {e}"))
}
