//! An open transcript: the data, its history, where it came from, and figures derived from it.

use crate::edit::{Change, Edit, EditError, History};
use crate::formats::{Encoding, Format};
use crate::model::{SpeakerStats, Transcript};
use crate::store::{self, Opened, SaveError};
use std::path::{Path, PathBuf};

pub struct Document {
    pub transcript: Transcript,
    pub history: History,
    /// Where the document is saved; `None` until it is saved for the first time.
    pub path: Option<PathBuf>,
    pub format: &'static dyn Format,
    pub encoding: Encoding,
    /// The file as it was when opened or last saved, to notice changes made by other programs.
    pub disk: Option<store::DiskStamp>,
    /// Things the user agreed to leave out when saving in this format ("the title", …).
    pub accepted_losses: Vec<String>,
    /// Increases with every change, undo and redo, so views can cache what they derive.
    revision: u64,
    stats: Option<(u64, Stats)>,
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub words: usize,
    pub speakers: Vec<SpeakerStats>,
}

impl Document {
    pub fn from_opened(opened: Opened, path: Option<PathBuf>) -> Self {
        Self {
            transcript: opened.loaded.transcript,
            history: History::new(),
            path,
            format: opened.format,
            encoding: opened.loaded.encoding,
            disk: None,
            accepted_losses: Vec::new(),
            revision: 0,
            stats: None,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name for the title bar and status bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "Untitled".to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// Applies a change through the history, the only way the document is changed.
    pub fn apply(&mut self, change: Change) -> Result<(), EditError> {
        if change.is_empty() {
            return Ok(());
        }
        let tracker = StatsTracker::before(self, &change.edits);
        self.history.apply(&mut self.transcript, change)?;
        self.revision += 1;
        tracker.after(self);
        Ok(())
    }

    pub fn undo(&mut self) -> Result<Option<usize>, EditError> {
        let tracker = StatsTracker::before(self, self.history.next_undo().unwrap_or_default());
        let focus = self.history.undo(&mut self.transcript)?;
        self.revision += 1;
        tracker.after(self);
        Ok(focus)
    }

    pub fn redo(&mut self) -> Result<Option<usize>, EditError> {
        let tracker = StatsTracker::before(self, self.history.next_redo().unwrap_or_default());
        let focus = self.history.redo(&mut self.transcript)?;
        self.revision += 1;
        tracker.after(self);
        Ok(focus)
    }

    /// Saves to `path` in `format` and makes that the document's file. On failure nothing changes: the
    /// file on disk is untouched and the document keeps its unsaved mark.
    pub fn save_to(&mut self, path: &Path, format: &'static dyn Format) -> Result<(), SaveError> {
        store::save(path, format, &self.transcript)?;
        self.disk = store::stamp(path);
        self.path = Some(path.to_path_buf());
        self.format = format;
        self.encoding = Encoding::Utf8;
        self.history.mark_saved();
        Ok(())
    }

    /// Whether another program changed the file since it was opened or saved (a removed file is not a
    /// change: saving simply writes it again).
    pub fn changed_on_disk(&self) -> Option<store::DiskStamp> {
        let now = store::stamp(self.path.as_deref()?)?;
        (Some(now) != self.disk).then_some(now)
    }

    /// The figures as last computed by [`Document::stats`], for drawing while the document is borrowed.
    pub fn cached_stats(&self) -> Option<&Stats> {
        self.stats.as_ref().map(|(_, s)| s)
    }

    /// Word and per-speaker counts: kept up to date edit by edit for typing and relabelling, recomputed in
    /// full only after a change to the list of turns or speakers.
    pub fn stats(&mut self) -> &Stats {
        if self.stats.as_ref().is_none_or(|(rev, _)| *rev != self.revision) {
            let stats = Stats {
                words: self.transcript.word_count(),
                speakers: self.transcript.speaker_stats(),
            };
            self.stats = Some((self.revision, stats));
        }
        &self.stats.get_or_insert_with(|| (self.revision, Stats::default())).1
    }
}

/// Keeps [`Stats`] up to date across a change that touches a few turns' text or speaker, so typing into a
/// long transcript never recounts a million words. Other changes leave the figures to be recomputed.
struct StatsTracker {
    /// For each touched turn: its speaker's index and its words, before the change.
    before: Option<Vec<(usize, Option<usize>, usize)>>,
}

/// Past this many edits a full recount is as cheap as tracking.
const TRACK_LIMIT: usize = 256;

impl StatsTracker {
    fn before(doc: &Document, edits: &[Edit]) -> Self {
        let fresh = doc.stats.as_ref().is_some_and(|(rev, _)| *rev == doc.revision);
        let simple = edits.len() <= TRACK_LIMIT
            && edits.iter().all(|e| {
                matches!(
                    e,
                    Edit::ReplaceText { .. }
                        | Edit::SetSpeaker { .. }
                        | Edit::SetTimes { .. }
                        | Edit::RenameSpeaker { .. }
                )
            });
        if !(fresh && simple) {
            return Self { before: None };
        }
        let mut turns: Vec<usize> = edits.iter().filter_map(Edit::turn).collect();
        turns.sort_unstable();
        turns.dedup();
        Self {
            before: Some(
                turns
                    .into_iter()
                    .map(|i| (i, speaker_of(doc, i), words_of(doc, i)))
                    .collect(),
            ),
        }
    }

    fn after(self, doc: &mut Document) {
        let Some(before) = self.before else { return };
        let after: Vec<(Option<usize>, usize)> = before
            .iter()
            .map(|&(i, _, _)| (speaker_of(doc, i), words_of(doc, i)))
            .collect();
        let revision = doc.revision;
        let Some((rev, stats)) = &mut doc.stats else { return };
        for (&(_, old_speaker, old_words), &(new_speaker, new_words)) in before.iter().zip(&after) {
            stats.words = stats.words + new_words - old_words;
            if let Some(s) = old_speaker.and_then(|s| stats.speakers.get_mut(s)) {
                s.turns -= 1;
                s.words -= old_words;
            }
            if let Some(s) = new_speaker.and_then(|s| stats.speakers.get_mut(s)) {
                s.turns += 1;
                s.words += new_words;
            }
        }
        *rev = revision;
    }
}

fn speaker_of(doc: &Document, turn: usize) -> Option<usize> {
    let id = doc.transcript.turns.get(turn)?.speaker.as_ref()?;
    doc.transcript.speaker_index(id)
}

fn words_of(doc: &Document, turn: usize) -> usize {
    doc.transcript.turns.get(turn).map_or(0, crate::model::Turn::word_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ops;
    use crate::formats::{Loaded, text::PlainText};

    fn doc(text: &str) -> Document {
        let opened = Opened {
            loaded: Loaded {
                transcript: crate::formats::text::parse(text),
                encoding: Encoding::Utf8,
                warnings: Vec::new(),
            },
            format: &PlainText,
        };
        Document::from_opened(opened, None)
    }

    /// The tracked figures always equal a full recount, whatever the change.
    fn check(d: &mut Document) {
        let tracked = d.stats().clone();
        assert_eq!(tracked.words, d.transcript.word_count());
        assert_eq!(tracked.speakers, d.transcript.speaker_stats());
    }

    #[test]
    fn figures_follow_typing_relabelling_undo_and_structural_changes() {
        let mut d = doc("A: een twee drie\nB: vier\nA: vijf zes\n");
        check(&mut d);
        let c = ops::set_text(&d.transcript, 1, "vier vijf zes zeven");
        d.apply(c).expect("types");
        check(&mut d);
        let b = d.transcript.speakers[1].id.clone();
        let c = ops::relabel_turn(&d.transcript, 0, Some(b));
        d.apply(c).expect("relabels");
        check(&mut d);
        d.undo().expect("undo");
        check(&mut d);
        d.redo().expect("redo");
        check(&mut d);
        let c = ops::split_turn(&d.transcript, 2, 4);
        d.apply(c).expect("splits");
        check(&mut d);
        d.undo().expect("undo");
        check(&mut d);
    }
}
