//! Moving through the transcript: Go to a turn or a time, the next doubtful word, the next turn not
//! reviewed, a speaker's next turn, and joining a turn with its neighbour. Where each goes is asked of
//! [`crate::edit::navigate`]; this file says what the window does with the answer.

use super::Editor;
use super::commands::Command;
use crate::edit::{navigate, ops};

impl Editor {
    /// Puts the caret in `turn` with the bytes `range` of its text selected, as a double click on a word does.
    pub fn select_in_turn(&mut self, turn: usize, range: std::ops::Range<usize>) {
        self.turns.edit_selecting(turn, range, self.doc.as_ref());
    }

    /// Marks the current turn reviewed and goes to the next; on a reviewed turn, takes the mark off.
    pub(super) fn mark_reviewed(&mut self) {
        let (Some(turn), Some(doc)) = (self.turns.current, &self.doc) else {
            return;
        };
        let Some(reviewed) = doc.transcript().turns.get(turn).map(|t| t.reviewed) else {
            return;
        };
        let last = doc.transcript().turns.len() - 1;
        self.change(|t| ops::set_reviewed(t, turn, !reviewed));
        if !reviewed && turn < last {
            self.turns.stop_editing();
            self.turns.select(turn + 1);
        }
    }

    /// Selects the next (or previous) doubtful word from the cursor, or from the current turn, going round
    /// the end of the transcript.
    pub(super) fn go_to_doubtful(&mut self, forward: bool) {
        let Some(doc) = &self.doc else { return };
        let turns = &doc.transcript().turns;
        let below = self.settings.doubt_below;
        if turns.is_empty() {
            return;
        }
        let here = self.turns.search_start(doc, forward);
        // A reviewed turn's words have been checked.
        let found = here.first(0..=turns.len(), |_, i| {
            let below = if turns[i].reviewed { 0.0 } else { below };
            crate::model::words::doubtful(&turns[i].text, &turns[i].words, below).collect()
        });
        match found {
            Some((turn, range)) => {
                self.seek_to_word(turn, range.start);
                let doc = self.doc.as_ref();
                self.turns.edit_selecting(turn, range, doc);
            }
            None if below <= 0.0 => self.notify("No words are marked as doubtful (View > Doubtful words)"),
            None => self.notify(format!("No word is under {:.0}% sure", below * 100.0)),
        }
    }

    /// Moves the playhead to the word at byte `at` of turn `turn`, where it has a time and a recording is
    /// open: a word gone to is then heard with Ctrl+Space.
    pub(super) fn seek_to_word(&mut self, turn: usize, at: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(t) = doc.transcript().turns.get(turn) else {
            return;
        };
        if let Some(time) = crate::model::words::time_of_word_at(&t.text, &t.words, at)
            && self.player.is_open()
        {
            self.player.seek(time);
        }
    }

    /// Plays the word at the caret (or the current turn's first timed word) from two seconds before it, as
    /// transcribers check a word they doubt.
    pub(super) fn play_word(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !self.player.is_open() {
            return self.notify("Open the recording first (File → Open the recording…)");
        }
        let Some(turn) = self.turns.current.or_else(|| self.turns.first_in_view()) else {
            return self.notify("Select a turn first");
        };
        let Some(t) = doc.transcript().turns.get(turn) else {
            return;
        };
        let caret = self.turns.caret_byte(doc).unwrap_or(0);
        let time = crate::model::words::time_of_word_at(&t.text, &t.words, caret)
            .or_else(|| t.words.iter().find_map(|w| w.start))
            .or(t.start);
        match time {
            Some(at) => {
                self.turns.select(turn);
                self.player.seek((at - 2.0).max(0.0));
                if !self.player.is_playing() {
                    self.player.play_from_here();
                }
            }
            None => self.notify("This word has no time in the recording"),
        }
    }

    /// Goes to the next turn not marked reviewed after the current one (from the top after the last).
    pub(super) fn next_unreviewed(&mut self) {
        let Some(doc) = &self.doc else { return };
        match navigate::next_turn_where(&doc.transcript().turns, self.turns.current, |t| !t.reviewed) {
            Some(i) => self.turns.select(i),
            None => self.notify("Every turn is reviewed"),
        }
    }

    /// Goes to turn number `target` (from 1), or to the turn being spoken at the time `target`.
    pub(super) fn go_to(&mut self, target: &str) {
        let Some(doc) = &self.doc else { return };
        let t = doc.transcript();
        let found = if target.bytes().all(|b| b.is_ascii_digit()) {
            navigate::turn_numbered(t, target)
        } else {
            match crate::formats::time::parse_typed(target) {
                Ok(Some(at)) => navigate::turn_at_time(t, at).ok_or_else(|| "No turn has a time".to_string()),
                Ok(None) => return,
                Err(e) => Err(e),
            }
        };
        match found {
            Ok(turn) => {
                self.turns.select(turn);
                self.turns.show_in_upper_third();
            }
            Err(e) => self.notify(e),
        }
    }

    /// Joins the current turn with its neighbour. The keys at a turn's edges join only turns of one speaker
    /// (so a Backspace never hides another speaker's words); for two speakers they say how to join.
    pub(super) fn join(&mut self, command: Command) {
        let (Some(turn), Some(doc)) = (self.turns.current, &self.doc) else {
            return;
        };
        let above = matches!(command, Command::JoinWithPrevious | Command::JoinSameSpeakerAbove);
        let Some(other) = (if above { turn.checked_sub(1) } else { Some(turn + 1) }) else {
            return;
        };
        let t = doc.transcript();
        let (Some(this_turn), Some(other_turn)) = (t.turns.get(turn), t.turns.get(other)) else {
            return;
        };
        let same_speaker_only = matches!(command, Command::JoinSameSpeakerAbove | Command::JoinSameSpeakerBelow);
        if same_speaker_only && !ops::keys_may_join(this_turn, other_turn) {
            let name = |x: &crate::model::Turn| t.speaker_name(x.speaker.as_ref()).unwrap_or("no speaker").to_string();
            let menu = if above {
                Command::JoinWithPrevious
            } else {
                Command::JoinWithNext
            };
            return self.notify(format!(
                "Turn {} is {}'s and turn {} is {}'s; to join them, use {} in the Turn menu",
                turn + 1,
                name(this_turn),
                other + 1,
                name(other_turn),
                menu.title()
            ));
        }
        if above {
            self.change(|t| ops::merge_with_previous(t, turn));
        } else {
            self.change(|t| ops::join_with_next(t, turn));
        }
    }
}
