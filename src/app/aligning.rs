//! Play → Align with the recording and Turn → Re-time words: times from the recording (see
//! [`crate::align`]). Aligning a whole transcript runs on a worker thread with its progress in the status
//! bar (Escape stops it), and lands as one step that Undo takes back; re-timing a turn's untimed words (a
//! short stretch) is done at once.

use crate::align::{self, Options, Progress};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

/// An alignment being made.
pub struct Job {
    progress: Arc<Progress>,
    receiver: Receiver<Result<Vec<align::Timed>, String>>,
    /// The document's revision when it started: a changed document is not overwritten with old turns.
    revision: u64,
}

impl Job {
    pub fn fraction(&self) -> f32 {
        self.progress.fraction()
    }
}

impl super::Editor {
    /// Starts aligning the open transcript with its recording.
    pub(super) fn start_aligning(&mut self, ctx: &egui::Context) {
        let (Some(doc), Some(recording)) = (&self.doc, self.player.path()) else {
            return self.notify("Open the recording first (File → Open the recording…)");
        };
        if self.aligning.is_some() {
            return;
        }
        if let Err(e) = align::speech::available() {
            return self
                .dialogs
                .show_error("Cannot align with the recording", capitalised(&e.to_string()));
        }
        let transcript = doc.transcript().clone();
        let recording = recording.to_path_buf();
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = std::sync::mpsc::channel();
        let (worker, ctx) = (Arc::clone(&progress), ctx.clone());
        let spawned = std::thread::Builder::new().name("align".into()).spawn(move || {
            let result = align::align(&transcript, &recording, &Options::default(), &worker).map_err(|e| e.to_string());
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.aligning = Some(Job {
                    progress,
                    receiver,
                    revision: doc.revision(),
                });
                self.notify("Aligning with the recording… (Esc stops)");
            }
            Err(e) => self
                .dialogs
                .show_error("Cannot align with the recording", e.to_string()),
        }
    }

    /// Stops an alignment that runs; whether one did.
    pub(super) fn stop_aligning(&mut self) -> bool {
        match self.aligning.take() {
            Some(job) => {
                job.progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                self.notify("Aligning stopped; nothing was changed");
                true
            }
            None => false,
        }
    }

    /// The end of an alignment: its times as one undoable step.
    pub(super) fn poll_aligning(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.aligning else { return };
        let result = match job.receiver.try_recv() {
            Err(TryRecvError::Empty) => return ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Err(TryRecvError::Disconnected) => Err("the aligner stopped unexpectedly".to_string()),
            Ok(result) => result,
        };
        let revision = job.revision;
        self.aligning = None;
        match result {
            Ok(timed) => {
                if self.doc.as_ref().map(|d| d.revision()) != Some(revision) {
                    return self.notify("The transcript changed while aligning: align again (Play menu)");
                }
                let align::Summary { turns, words, unsure } = align::summary(&timed);
                self.change(|_| align::change(&timed));
                let mut said = format!("Aligned {turns} turns, {words} words (Undo takes the times back)");
                if !unsure.is_empty() {
                    said.push_str(&format!("; to review (matched badly): turns {}", unsure.join(", ")));
                }
                self.notify(said);
            }
            Err(e) if e == "stopped" => {}
            Err(e) => self
                .dialogs
                .show_error("Cannot align with the recording", capitalised(&e)),
        }
    }

    /// With Play → Re-time corrected words automatically on: the words of a turn just left that lost their
    /// times (corrected, typed) get them from the recording, as a step of their own.
    pub(super) fn retime_after_correction(&mut self, id: crate::model::TurnId) {
        if !self.settings.retime_corrections {
            return;
        }
        let (Some(doc), Some(recording)) = (&self.doc, self.player.path()) else {
            return;
        };
        let Some(turn) = doc.transcript().turn_index(id) else {
            return;
        };
        let t = &doc.transcript().turns[turn];
        // Only where a timed word stands beside an untimed one: a turn never timed is left to Align.
        let timed = |w: &crate::model::Word| w.start.is_some() && w.end.is_some();
        let mixed = crate::model::words::spell(&t.words, &t.text)
            && t.words.iter().any(timed)
            && t.words.iter().any(|w| !timed(w));
        if !mixed {
            return;
        }
        let recording = recording.to_path_buf();
        if let Ok(Some(words)) = align::retime_words(
            doc.transcript(),
            turn,
            &recording,
            &Options::default(),
            &Progress::default(),
        ) {
            self.change(|_| {
                crate::edit::Change::new(
                    "Re-time corrected words",
                    vec![crate::edit::Edit::SetWords { turn, words }],
                )
            });
            self.notify(format!("Turn {}: corrected words timed from the recording", turn + 1));
        }
    }

    /// Times for the current turn's words that have none, from the recording between their neighbours.
    pub(super) fn retime_words(&mut self) {
        let (Some(doc), Some(recording)) = (&self.doc, self.player.path()) else {
            return self.notify("Open the recording first (File → Open the recording…)");
        };
        let Some(turn) = self.turns.current else {
            return self.notify("Select a turn first");
        };
        let recording = recording.to_path_buf();
        match align::retime_words(
            doc.transcript(),
            turn,
            &recording,
            &Options::default(),
            &Progress::default(),
        ) {
            Ok(Some(words)) => {
                let n = words
                    .iter()
                    .zip(doc.transcript().turns[turn].words.iter())
                    .filter(|(a, b)| a != b)
                    .count();
                self.change(|_| {
                    crate::edit::Change::new("Re-time words", vec![crate::edit::Edit::SetWords { turn, words }])
                });
                self.notify(format!(
                    "Turn {}: {} timed from the recording",
                    turn + 1,
                    super::wording::count(n.max(1), "word", "words")
                ));
            }
            Ok(None) => self.notify(format!(
                "Turn {} has no untimed word between timed ones (or no times to look between)",
                turn + 1
            )),
            Err(e) => self
                .dialogs
                .show_error("Cannot re-time the words", capitalised(&e.to_string())),
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
