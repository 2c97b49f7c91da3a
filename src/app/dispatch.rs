//! One place that acts: every [`Action`] a view or key pushed is carried out here, in order. Changes to the
//! document go through [`Document::apply`] (via [`Editor::change`]), and the caret goes where the change
//! says, so undo, the unsaved mark, the title and recovery all follow from one path.

use super::actions::{Action, Guarded};
use super::commands::Command;
use super::{Editor, dialogs, sample_path, turn_list, wording};
use crate::edit::{Change, aliases, ops};
use crate::model::Transcript;
use crate::store::Theme;

impl Editor {
    /// Carries out one action.
    pub fn dispatch(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::OpenPath(path) => self.guarded(Guarded::Open(path)),
            Action::SaveTo { path, replace_ok } => self.save_to(&path, replace_ok),
            Action::ExportCleanTo(path) => self.export_clean_copy(&path),
            Action::ExportSubtitlesTo(path) => self.export_subtitles(&path, ctx),
            Action::Notify(message) => self.notify(message),
            Action::StartAligning => self.start_aligning(ctx),
            Action::Retime { from, retime } => {
                let Some(doc) = &self.doc else { return };
                match ops::retime(doc.transcript(), from, retime) {
                    Ok(change) => {
                        let what = change.label.clone();
                        self.turns.stop_editing();
                        self.change(|_| change);
                        self.notify(format!("{what} (Undo in the Edit menu puts them back)"));
                    }
                    Err(why) => self.dialogs.show_error("Cannot move the times", why),
                }
            }
            Action::RemoveFillers => self.remove_fillers(),
            Action::ApplyRules => self.apply_rules(),
            Action::AnswerSave {
                answer,
                question,
                pending,
            } => self.answer_save(answer, question, pending),
            Action::PathCancelled => self.save.after_save = None,
            Action::ReloadFromDisk => self.reload_from_disk(),
            Action::KeepMineOverDisk => self.keep_mine_over_disk(),
            Action::AskPath(purpose) => self.show_path_dialog(ctx, purpose),
            Action::SetText { turn, text } => self.change_turn(turn, |t, i| ops::set_text(t, i, &text)),
            Action::SetTimes { turn, start, end } => self.change_turn(turn, |t, i| ops::set_times(t, i, start, end)),
            Action::Relabel { turn, speaker } => self.change_turn(turn, |t, i| ops::relabel_turn(t, i, speaker)),
            Action::RelabelToNewSpeaker { turn, name } => {
                self.change_turn(turn, |t, i| ops::relabel_to_speaker_named(t, i, &name));
            }
            Action::RenameSpeaker { speaker, name } => self.rename_speaker(speaker, &name),
            Action::MergeSpeakers { from, into } => self.change(|t| ops::merge_speakers(t, &from, &into)),
            Action::AddSpeaker { name } => {
                if !name.trim().is_empty() {
                    self.change(|t| ops::add_speaker(t, &name).0);
                }
            }
            Action::DeleteSpeaker(id) => {
                let Some(doc) = &self.doc else { return };
                match ops::delete_speaker(doc.transcript(), &id) {
                    Some(change) => self.change(|_| change),
                    None => self.notify("A speaker who still has turns cannot be deleted; merge them instead"),
                }
            }
            Action::JumpToSpeaker(id) => {
                let Some(doc) = &self.doc else { return };
                let turns = &doc.transcript().turns;
                match crate::edit::navigate::next_turn_where(turns, self.turns.current, |t| {
                    t.speaker.as_ref() == Some(&id)
                }) {
                    Some(i) => self.turns.select(i),
                    None => self.notify("This speaker has no turns"),
                }
            }
            Action::EditTurn { turn, cursor } => {
                if let Some(turn) = self.index_of(turn) {
                    self.edit_turn(turn, cursor);
                }
            }
            Action::Select(turn) => {
                if let Some(turn) = self.index_of(turn) {
                    self.turns.select(turn);
                }
            }
            Action::GoTo(target) => self.go_to(&target),
            Action::Seek(t) => self.player.seek(t),
            Action::SetLineLength(chars) => {
                self.settings.line_length = chars;
                self.save_settings();
            }
            Action::SetTimePrecision(precision, fps) => {
                self.settings.time_precision = precision;
                self.settings.frame_rate = fps;
                self.save_settings();
            }
            Action::SetVolume(v) => {
                self.player.set_volume(v);
                self.settings.volume = self.player.volume();
                self.save_settings();
            }
            Action::SetSpeed(s) => self.set_speed(s),
            Action::RevertTurn(turn) => self.change_turn(turn, ops::revert_turn),
            Action::RevertGroup(turn) => self.change_turn(turn, ops::revert_group),
            Action::CorrectWord { turn, range, with } => {
                self.change_turn(turn, |t, i| ops::correct_word(t, i, range, &with));
            }
            Action::AddToGlossary { word, beside } => self.add_to_glossary(&word, beside),
            Action::IgnoreWord(word) => self.ignore_word(word),
            Action::SetSpellLanguage(language) => self.set_spell_language(language),
            Action::OpenRecording(path) => self.open_chosen_recording(ctx, &path),
            Action::SetShortcut { command, keys } => {
                match keys {
                    Some(keys) => {
                        let texts = keys.into_iter().map(super::keymap::keys_text).collect();
                        self.settings.shortcuts.insert(command.id(), texts);
                    }
                    None => {
                        self.settings.shortcuts.remove(&command.id());
                    }
                }
                self.keymap_changed();
            }
            Action::ResetShortcuts => {
                self.settings.shortcuts.clear();
                self.keymap_changed();
            }
            Action::ForgetRecent(path) => {
                self.settings.recent.remove(&path);
                self.save_settings();
            }
            Action::Resolve { choice, guarded } => self.resolve_guard(choice, guarded),
            Action::SplitOut { turn, range, speaker } => {
                self.change_turn(turn, |t, i| ops::split_out(t, i, range, speaker));
            }
            Action::MergeAliases => self.change(|t| aliases::merge_all(t, &aliases::suggest(t))),
            Action::FindStep { forward } => self.find_step(forward),
            Action::ReplaceCurrent => self.replace_current(),
            Action::ReplaceAll => self.replace_all(),
            Action::RestoreSnapshot(i) => self.guarded(Guarded::Restore(i)),
            Action::OpenSavedInsteadOfSnapshot(i) => self.drop_snapshot(i, true),
            Action::DiscardSnapshot(i) => self.drop_snapshot(i, false),
        }
    }

    fn run_command(&mut self, command: Command) {
        // A command on "the current turn" with none selected acts on the first turn in view, and selects it.
        if command.needs_current_turn() && self.turns.current.is_none() && self.doc.is_some() {
            match self.turns.first_in_view() {
                Some(first) => self.turns.select(first),
                None => return self.notify("Select a turn first"),
            }
        }
        match command {
            Command::Open => self.guarded(Guarded::OpenDialog),
            Command::OpenSample => self.guarded(Guarded::Open(sample_path())),
            Command::Save => self.save(),
            Command::SaveAs => self.actions.push(Action::AskPath(super::file_dialog::Purpose::SaveAs)),
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
                    Ok(Some(caret)) => self.turns.follow(&caret, doc),
                    Ok(None) => {}
                    Err(e) => self.dialogs.show_error("Cannot undo", e.to_string()),
                }
            }
            Command::EditTurn => {
                if let Some(turn) = self.turns.current {
                    self.edit_turn(turn, None);
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
            Command::PageUp | Command::PageDown | Command::FirstTurn | Command::LastTurn => {
                let Some(doc) = &self.doc else { return };
                match command {
                    Command::PageUp => self.turns.page(-1.0, doc),
                    Command::PageDown => self.turns.page(1.0, doc),
                    _ => self.turns.select_end(command == Command::LastTurn, doc),
                }
            }
            Command::AssignSpeaker(n) => {
                let Some(doc) = &self.doc else { return };
                let (Some(turn), Some(speaker)) = (self.turns.current, doc.transcript().speakers.get(n as usize - 1))
                else {
                    return;
                };
                let speaker = Some(speaker.id.clone());
                self.change(|t| ops::relabel_turn(t, turn, speaker));
            }
            Command::TextLarger | Command::TextSmaller => {
                let step = if command == Command::TextLarger { 1.0 } else { -1.0 };
                self.settings.text_size = (self.settings.text_size + step).clamp(9.0, 32.0);
                self.save_settings();
            }
            Command::ToggleSpeakersPanel => {
                self.settings.speakers_panel = !self.settings.speakers_panel;
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
                }
            }
            Command::SplitOffSelection => self.ask_interjection(),
            Command::JoinWithPrevious
            | Command::JoinWithNext
            | Command::JoinSameSpeakerAbove
            | Command::JoinSameSpeakerBelow => self.join(command),
            Command::InsertTurn => {
                let Some(doc) = &self.doc else { return };
                let turns = &doc.transcript().turns;
                let index = self.turns.current.map_or(turns.len(), |c| c + 1);
                let speaker = self
                    .turns
                    .current
                    .and_then(|c| turns.get(c))
                    .and_then(|t| t.speaker.clone());
                self.change(|t| ops::insert_turn(t, index, speaker));
            }
            Command::MarkReviewed => self.mark_reviewed(),
            Command::NextUnreviewed => self.next_unreviewed(),
            Command::ShowChanges => {
                if self.dialogs.find::<super::changes::Changes>().is_some() {
                    self.dialogs.close::<super::changes::Changes>();
                } else {
                    self.dialogs.open(super::changes::Changes::default());
                }
            }
            Command::ApplyRules => {
                self.dialogs.close::<super::rules_window::RulesWindow>();
                let window = super::rules_window::RulesWindow::new(self.settings.rules_file.as_deref());
                self.dialogs.open(window);
            }
            Command::ExportCleanCopy | Command::RemoveFillers => {
                if let Some(doc) = &self.doc {
                    let export = command == Command::ExportCleanCopy;
                    let window = super::cleanup::CleanUp::new(export, doc, self.settings.fillers_file.as_deref());
                    self.dialogs.close::<super::cleanup::CleanUp>();
                    self.dialogs.open(window);
                }
            }
            Command::ExportSubtitles => {
                if let Some(doc) = &self.doc
                    && self.dialogs.find::<super::subtitles::ExportSubtitles>().is_none()
                {
                    self.dialogs.open(super::subtitles::ExportSubtitles::new(doc));
                }
            }
            Command::ShowMessages => self.messages.open = !self.messages.open,
            Command::ShowTurnNumbers => {
                self.settings.turn_numbers = !self.settings.turn_numbers;
                self.save_settings();
            }
            Command::PlayWord => self.play_word(),
            Command::AlignRecording => self.actions.push(Action::StartAligning),
            Command::RetimeWords => self.retime_words(),
            Command::RetimeCorrections => {
                self.settings.retime_corrections = !self.settings.retime_corrections;
                self.save_settings();
                self.notify(if self.settings.retime_corrections {
                    "Corrected words get times from the recording when you leave their turn"
                } else {
                    "Corrected words are no longer re-timed by themselves (Turn → Re-time words does it)"
                });
            }
            Command::ShowSubtitleRules => {
                self.settings.subtitle_rules = !self.settings.subtitle_rules;
                self.save_settings();
            }
            Command::ShiftTimes => {
                if let Some(doc) = &self.doc {
                    let window = dialogs::ShiftTimes::new(doc, self.turns.current);
                    self.dialogs.close::<dialogs::ShiftTimes>();
                    self.dialogs.open(window);
                }
            }
            Command::RevertTurn => {
                if let Some(turn) = self.turns.current {
                    self.turns.stop_editing();
                    self.revert(turn);
                }
            }
            Command::NextDoubtful | Command::PreviousDoubtful => self.go_to_doubtful(command == Command::NextDoubtful),
            Command::NextMisspelled | Command::PreviousMisspelled => {
                self.go_to_misspelled(command == Command::NextMisspelled);
            }
            Command::SpellingSuggestions => {
                let found = self
                    .doc
                    .as_ref()
                    .is_some_and(|doc| self.turns.open_spell_menu_here(doc));
                if !found {
                    self.notify("No misspelled word here (F7 goes to the next)");
                }
            }
            Command::DoubtThreshold => {
                // 40% … 90%, then none, then 40% again.
                let now = (self.settings.doubt_below * 10.0).round() as i32;
                let next = match now {
                    n if n <= 0 => 4,
                    n if n >= 9 => 0,
                    n => n + 1,
                };
                self.settings.doubt_below = next as f32 / 10.0;
                self.save_settings();
            }
            Command::MoveTurnUp | Command::MoveTurnDown => {
                if let Some(turn) = self.turns.current {
                    self.change(|t| ops::move_turn(t, turn, command == Command::MoveTurnUp));
                }
            }
            Command::DeleteTurn => {
                if let Some(turn) = self.turns.current {
                    self.turns.stop_editing();
                    self.change(|t| ops::delete_turn(t, turn));
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
                    self.find_step(command == Command::FindNext);
                }
            }
            Command::GoTo => self.dialogs.open_once(dialogs::GoTo::default()),
            Command::PlayPause => self.player.play_pause(),
            Command::OpenRecording => self
                .actions
                .push(Action::AskPath(super::file_dialog::Purpose::Recording)),
            Command::FollowPlayback => {
                self.settings.follow_playback = !self.settings.follow_playback;
                self.save_settings();
            }
            Command::SkipBack | Command::SkipForward => {
                let step = if command == Command::SkipBack { -3.0 } else { 3.0 };
                let at = self.player.position().unwrap_or(0.0);
                self.player.seek(at + step);
            }
            Command::PlayTurn | Command::StartFromPlayhead | Command::EndFromPlayhead => {
                self.turn_and_playhead(command)
            }
            Command::LoopTurn => self.loop_turn(),
            Command::Slower => self.set_speed(self.player.speed_step(false)),
            Command::Faster => self.set_speed(self.player.speed_step(true)),
            Command::ResumeStep => {
                // 0, 1, 2, 3 seconds, round again.
                let next = (self.settings.resume_back.round() + 1.0) % 4.0;
                self.settings.resume_back = next;
                self.player.resume_back = next;
                self.save_settings();
                self.notify(format!("Playing resumes {next} s before where it was paused"));
            }
            Command::CustomiseShortcuts => self.dialogs.open_once(dialogs::KeysSettings::default()),
            Command::ShowShortcuts => self.dialogs.open_once(dialogs::Shortcuts),
            Command::About => self.dialogs.open_once(dialogs::About),
            Command::Dismiss => {
                if !self.stop_aligning() && !self.stop_spelling_search() && !self.dialogs.close_topmost_window() {
                    self.find.close();
                }
            }
        }
    }

    /// Renames a speaker, or offers to merge when another speaker already has the name.
    fn rename_speaker(&mut self, speaker: crate::model::SpeakerId, name: &str) {
        let Some(doc) = &self.doc else { return };
        let t = doc.transcript();
        let taken = t.speakers.iter().find(|s| s.id != speaker && s.name == name.trim());
        if let (Some(other), Some(this)) = (taken, t.speaker(&speaker)) {
            let offer = dialogs::MergeOffer {
                from: speaker.clone(),
                from_name: this.name.clone(),
                into: other.id.clone(),
                into_name: other.name.clone(),
            };
            return self.dialogs.open(offer);
        }
        self.change(|t| ops::rename_speaker(t, &speaker, name));
    }

    /// Reverts a turn to its original; a turn cut from one with others first asks whether to join them back
    /// or to revert only this turn's own words.
    fn revert(&mut self, turn: usize) {
        let Some(doc) = &self.doc else { return };
        let t = doc.transcript();
        let group = t.group_of(turn);
        if group.len() < 2 {
            return self.change(|t| ops::revert_turn(t, turn));
        }
        self.dialogs.open(dialogs::RevertSplit {
            turn: t.turns[turn].id,
            number: turn + 1,
            parts: group.iter().map(|&i| i + 1).collect(),
            own_changed: t.turns[turn].is_changed(),
        });
    }

    /// The keys in force follow the settings, everywhere at once.
    fn keymap_changed(&mut self) {
        self.keymap = std::sync::Arc::new(super::keymap::Keymap::new(&self.settings.shortcuts));
        self.save_settings();
    }

    /// Where the turn with this id is now (`None`: gone, as after an undo that removed it). The turns being
    /// edited and selected are looked at first: nearly every action names one of them.
    pub(super) fn index_of(&self, id: crate::model::TurnId) -> Option<usize> {
        let turns = &self.doc.as_ref()?.transcript().turns;
        [self.turns.editing.as_ref().map(|e| e.turn), self.turns.current]
            .into_iter()
            .flatten()
            .find(|&i| turns.get(i).is_some_and(|t| t.id == id))
            .or_else(|| turns.iter().position(|t| t.id == id))
    }

    /// Applies a change to the turn with this id, wherever it is now; nothing when it is gone.
    fn change_turn(&mut self, id: crate::model::TurnId, build: impl FnOnce(&Transcript, usize) -> Change) {
        if let Some(turn) = self.index_of(id) {
            self.change(|t| build(t, turn));
        }
    }

    /// Applies a change built from the current transcript, and puts the caret where the change says.
    pub(super) fn change(&mut self, build: impl FnOnce(&Transcript) -> Change) {
        let Some(doc) = &mut self.doc else { return };
        match doc.change(build) {
            Ok(Some(caret)) => self.turns.follow(&caret, doc),
            Ok(None) => {}
            Err(e) => self.dialogs.show_error("Cannot make the change", e.to_string()),
        }
    }

    fn edit_turn(&mut self, turn: usize, cursor: Option<usize>) {
        let len = self
            .doc
            .as_ref()
            .and_then(|d| d.transcript().turns.get(turn))
            .map(|t| t.text.len());
        if let Some(len) = len.filter(|&l| l > turn_list::EDITABLE_BYTES) {
            self.notify(format!(
                "This turn is {} KB of text, too long to edit in the window; split the file into paragraphs with a text editor first",
                len / 1024
            ));
        }
        self.turns.start_editing(turn, cursor, self.doc.as_ref());
    }

    /// Alt+Enter: asks which speaker the selected words go to.
    fn ask_interjection(&mut self) {
        let (Some((turn, range)), Some(doc), Some(editing)) = (self.turns.selection(), &self.doc, &self.turns.editing)
        else {
            return self.notify("Select the words to give to another speaker first (inside a turn's text)");
        };
        // Whole words with their punctuation go (a double click selects "Ja" of "Ja.").
        let words = editing
            .buffer
            .get(crate::model::tokens::whole_tokens(&editing.buffer, range.clone()))
            .unwrap_or_default()
            .to_string();
        let own = doc.transcript().turns.get(turn).and_then(|t| t.speaker.clone());
        let speakers = doc
            .transcript()
            .speakers
            .iter()
            .enumerate()
            .filter(|(_, s)| Some(&s.id) != own.as_ref())
            .map(|(n, s)| (n, s.id.clone(), s.name.clone()))
            .collect();
        let Some(turn) = doc.transcript().turns.get(turn).map(|t| t.id) else {
            return;
        };
        self.dialogs.open(dialogs::Interjection {
            turn,
            range,
            words,
            speakers,
        });
    }

    fn find_step(&mut self, forward: bool) {
        let Some(doc) = &self.doc else { return };
        match self.find.step(doc, self.turns.current, forward) {
            Some(turn) => self.turns.select(turn),
            None => self.notify("No matches"),
        }
    }

    fn replace_current(&mut self) {
        let Some(doc) = &self.doc else { return };
        let matcher = match self.find.query.compile() {
            Ok(m) => m,
            Err(e) => return self.notify(e.0),
        };
        let Some(hit) = self.find.current_match(doc) else {
            // Nothing chosen yet: go to the first match; the next press replaces it.
            return self.find_step(true);
        };
        if let Some(change) = matcher.replace_one(doc.transcript(), &hit, &self.find.replacement) {
            self.change(|_| change);
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

    fn replace_all(&mut self) {
        let Some(doc) = &self.doc else { return };
        match self.find.query.compile() {
            Ok(m) => {
                let (change, count) = m.replace_all(doc.transcript(), &self.find.replacement);
                let mut turns: Vec<usize> = change.edits.iter().filter_map(crate::edit::Edit::turn).collect();
                turns.dedup();
                let (matches, turns) = (
                    wording::count(count, "match", "matches"),
                    wording::count(turns.len(), "turn", "turns"),
                );
                self.change(|_| change);
                self.find.current = None;
                self.notify(format!("Replaced {matches} in {turns}"));
            }
            Err(e) => self.notify(e.0),
        }
    }
}
