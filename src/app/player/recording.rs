//! The recording beside the open transcript: found when the transcript opens (its `media` link or a file of
//! the same name), chosen by the user, followed while it plays, and the commands that tie a turn to it
//! (play the turn, loop it, take its start or end from the playhead, the speed).

use super::super::Editor;
use super::super::commands::Command;
use crate::edit::ops;
use std::path::Path;

impl Editor {
    /// The recording of the document just shown, if one is found: its `media` link or a file of the same
    /// name beside it. A recording that cannot be read is said; the transcript is edited either way.
    pub(in crate::app) fn open_recording(&mut self, ctx: &egui::Context) {
        if !std::mem::take(&mut self.find_recording) {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(path) = doc.path() else { return };
        let link = doc.transcript().meta.media.clone();
        let Some(recording) = crate::media::find_recording(path, link.as_deref()) else {
            if let Some(link) = link.filter(|l| !l.trim().is_empty()) {
                // There, but not a file: say what it is, not that it moved.
                let linked = path.parent().unwrap_or(std::path::Path::new(".")).join(&link);
                let kind = std::fs::metadata(&linked)
                    .ok()
                    .and_then(|m| crate::store::side_file::kind_of(&m));
                let text = match kind {
                    Some(kind) => format!("The recording {link} is {kind}, not a recording file."),
                    None => format!("The recording {link} was not found; it may have moved."),
                };
                self.player.missing(&text);
            }
            return;
        };
        if let Err(e) = self.player.open(&recording, ctx) {
            self.notify(e);
        }
    }

    /// Marks the turn being heard; while playing (and following is on, and no turn is being typed in) keeps
    /// it in view.
    pub(in crate::app) fn follow_playback(&mut self) {
        self.player.keep_looping();
        self.turns.recording = self.player.is_open();
        self.turns.playhead = self.player.position();
        let (Some(doc), Some(at)) = (&self.doc, self.player.position()) else {
            self.turns.hear(None, false);
            return;
        };
        let transcript = doc.transcript();
        // The turn that has started by the playhead, if it has not ended by then.
        self.turns.started = transcript.turn_started_by(at, self.turns.started.unwrap_or(0));
        let spoken = self
            .turns
            .started
            .filter(|&i| transcript.turns[i].end.is_none_or(|e| at < e));
        let follow = self.settings.follow_playback && self.player.is_playing() && self.turns.editing.is_none();
        self.turns.hear(spoken, follow);
    }

    /// Opens a recording the user chose for the open transcript, and links it (an undoable change, saved in
    /// JSON's `media`, relative to the transcript's folder where it can be).
    pub(in crate::app) fn open_chosen_recording(&mut self, ctx: &egui::Context, path: &Path) {
        if self.doc.is_none() {
            return;
        }
        if let Err(e) = self.player.open(path, ctx) {
            return self.dialogs.show_error("Cannot open the recording", e);
        }
        let link = match self.doc.as_ref().and_then(|d| d.path()) {
            Some(transcript) => crate::media::media_field(transcript, path),
            None => path.display().to_string(),
        };
        self.change(|t| crate::edit::ops::set_media(t, Some(link)));
    }

    /// The times the turns on screen span, for marking them on the waveform.
    pub(in crate::app) fn turns_in_view(&self) -> Option<(f64, f64)> {
        let doc = self.doc.as_ref()?;
        let (first, last) = self.turns.visible()?;
        let turns = doc.transcript().turns.get(first..=last)?;
        let start = turns.iter().find_map(|t| t.start)?;
        let end = turns.iter().rev().find_map(|t| t.end.or(t.start))?;
        Some((start, end))
    }

    /// Plays the recording at `speed` from now on, and remembers it.
    pub(in crate::app) fn set_speed(&mut self, speed: f64) {
        self.player.set_speed(speed);
        self.settings.speed = self.player.speed();
        self.save_settings();
    }

    /// Plays the current turn again and again from its start to its end, or stops looping.
    pub(in crate::app) fn loop_turn(&mut self) {
        if self.player.looping().is_some() {
            return self.player.set_looping(None);
        }
        let turn = self
            .turns
            .current
            .and_then(|i| self.doc.as_ref()?.transcript().turns.get(i));
        match turn.and_then(|t| Some((t.start?, t.end?))) {
            Some((start, end)) => {
                self.player.set_looping(Some((start, end)));
                self.player.seek(start);
                if !self.player.is_playing() {
                    self.player.play_from_here();
                }
            }
            None => self.notify("Only a turn with a start and an end can be looped"),
        }
    }

    /// A time as the turn list shows it (View → Time precision).
    pub(in crate::app) fn shown_time(&self, seconds: f64) -> String {
        crate::formats::time::format_at(seconds, self.settings.time_precision, self.settings.frame_rate)
    }

    /// Plays the current turn from its start, or sets its start or end to the playhead (an undoable edit;
    /// an end before the start is refused).
    pub(in crate::app) fn turn_and_playhead(&mut self, command: Command) {
        let (Some(turn), Some(doc), Some(at)) = (self.turns.current, &self.doc, self.player.position()) else {
            return;
        };
        let Some(t) = doc.transcript().turns.get(turn) else {
            return;
        };
        let (start, end) = (t.start, t.end);
        match command {
            Command::PlayTurn => match start {
                Some(s) => {
                    self.player.seek(s);
                    if !self.player.is_playing() {
                        self.player.play_from_here();
                    }
                }
                None => self.notify("This turn has no start time; set it with Ctrl+[ while playing"),
            },
            Command::StartFromPlayhead if end.is_some_and(|e| e < at) => {
                self.notify("The playhead is after the turn's end: set the end first")
            }
            Command::StartFromPlayhead => {
                self.change(|t| ops::set_times(t, turn, Some(at), end));
                self.notify(format!("Turn {} starts at {}", turn + 1, self.shown_time(at)));
            }
            _ if start.is_some_and(|s| at < s) => self.notify("The playhead is before the turn's start"),
            _ => {
                self.change(|t| ops::set_times(t, turn, start, Some(at)));
                self.notify(format!("Turn {} ends at {}", turn + 1, self.shown_time(at)));
            }
        }
    }
}
