//! The open transcript: its data, its history, where it came from and figures derived from it. Both the
//! window and the command line change a transcript only through [`Document::apply`], so they cannot drift
//! apart, and every change can be undone.

pub mod autosave;
pub mod house_style;
mod stats;

use crate::edit::{Caret, Change, EditError, History};
use crate::formats::{Encoding, Format};
use crate::model::{SpeakerStats, Transcript};
use crate::store::recovery::Snapshot;
use crate::store::{self, OpenError, Opened, SaveError};
use stats::StatsTracker;
use std::path::{Path, PathBuf};

pub struct Document {
    transcript: Transcript,
    history: History,
    /// Where the document is saved; `None` until it is saved for the first time.
    path: Option<PathBuf>,
    format: &'static dyn Format,
    encoding: Encoding,
    /// What the user should know about the file although it could be read.
    warnings: Vec<String>,
    /// The file as it was when opened or last saved, to notice changes made by other programs.
    disk: Option<store::DiskStamp>,
    /// Things the user agreed to leave out when saving in this format ("the title", …).
    accepted_losses: Vec<String>,
    /// Increases with every change, undo and redo, so views can cache what they derive.
    revision: u64,
    stats: Option<(u64, Stats)>,
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub words: usize,
    /// Turns marked reviewed.
    pub reviewed: usize,
    /// Turns whose text differs from the text first opened.
    pub changed: usize,
    pub speakers: Vec<SpeakerStats>,
}

impl Document {
    /// An untitled document made in memory (generated, or built by a test), to be saved in `format`.
    pub fn new(transcript: Transcript, format: &'static dyn Format) -> Self {
        let loaded = crate::formats::Loaded {
            transcript,
            encoding: Encoding::Utf8,
            warnings: Vec::new(),
        };
        Self::from_opened(Opened { loaded, format }, None)
    }

    /// A document read from `path` (or standard input, with no path), nothing changed yet.
    pub fn from_opened(opened: Opened, path: Option<PathBuf>) -> Self {
        Self {
            disk: path.as_deref().and_then(store::stamp),
            transcript: opened.loaded.transcript,
            history: History::new(),
            path,
            format: opened.format,
            encoding: opened.loaded.encoding,
            warnings: opened.loaded.warnings,
            accepted_losses: Vec::new(),
            revision: 0,
            stats: None,
        }
    }

    /// Reads a file; the format comes from `format`, else from the extension and the content.
    pub fn open(path: &Path, format: Option<&'static dyn Format>) -> Result<Self, OpenError> {
        Ok(Self::from_opened(store::open(path, format)?, Some(path.to_path_buf())))
    }

    /// The work kept in a recovery snapshot: unsaved, belonging to the snapshot's file (if it had one) as
    /// that file is now on disk.
    pub fn restored(snapshot: Snapshot) -> Self {
        let mut history = History::new();
        history.mark_unsaved();
        Self {
            disk: snapshot.file.as_deref().and_then(store::stamp),
            transcript: snapshot.transcript,
            history,
            path: snapshot.file,
            format: snapshot.format,
            encoding: Encoding::Utf8,
            warnings: Vec::new(),
            accepted_losses: Vec::new(),
            revision: 0,
            stats: None,
        }
    }

    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn format(&self) -> &'static dyn Format {
        self.format
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
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

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// What undo would take back ("Typing", "Merge turns"), for the menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Applies a change through the history, the only way the document is changed. Returns where the
    /// caret goes, as the change says.
    pub fn apply(&mut self, change: Change) -> Result<Option<Caret>, EditError> {
        if change.is_empty() {
            return Ok(None);
        }
        let caret = change.caret.clone();
        let tracker = StatsTracker::before(self, &change.edits);
        self.history.apply(&mut self.transcript, change)?;
        self.revision += 1;
        tracker.after(self);
        Ok(caret)
    }

    /// Builds a change from the transcript as it is and applies it.
    pub fn change(&mut self, build: impl FnOnce(&Transcript) -> Change) -> Result<Option<Caret>, EditError> {
        let change = build(&self.transcript);
        self.apply(change)
    }

    /// Undoes the newest step; returns where the caret goes (`None`: nothing to undo, or no turn touched).
    pub fn undo(&mut self) -> Result<Option<Caret>, EditError> {
        self.step(false)
    }

    pub fn redo(&mut self) -> Result<Option<Caret>, EditError> {
        self.step(true)
    }

    fn step(&mut self, redo: bool) -> Result<Option<Caret>, EditError> {
        let next = if redo {
            self.history.next_redo()
        } else {
            self.history.next_undo()
        };
        let tracker = StatsTracker::before(self, next.unwrap_or_default());
        let caret = if redo {
            self.history.redo(&mut self.transcript)?
        } else {
            self.history.undo(&mut self.transcript)?
        };
        self.revision += 1;
        tracker.after(self);
        Ok(caret)
    }

    /// Ends the current typing step: the next letter typed is undone separately.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// What `format` cannot hold of this transcript and the user has not yet agreed to leave out.
    pub fn unaccepted_losses(&self, format: &dyn Format) -> Vec<String> {
        let same_format = format.name() == self.format.name();
        let losses = if same_format {
            format.losses_on_resave(&self.transcript)
        } else {
            format.losses(&self.transcript)
        };
        losses
            .into_iter()
            .filter(|l| !(same_format && self.accepted_losses.contains(l)))
            .collect()
    }

    /// The user agreed to leave these out when saving in `format`: saving in the document's own format
    /// does not ask about them again.
    pub fn accept_losses(&mut self, format: &dyn Format, losses: Vec<String>) {
        if format.name() == self.format.name() {
            self.accepted_losses.extend(losses);
        }
    }

    /// Saves to `path` in `format` and makes that the document's file. On failure nothing changes: the
    /// file on disk is untouched and the document keeps its unsaved mark. `overwrite_read_only`: the user
    /// agreed to replace a file whose permissions do not allow writing.
    pub fn save_to(
        &mut self,
        path: &Path,
        format: &'static dyn Format,
        overwrite_read_only: bool,
    ) -> Result<(), SaveError> {
        store::save(path, format, &self.transcript, overwrite_read_only)?;
        if format.name() != self.format.name() {
            self.accepted_losses.clear();
        }
        self.disk = store::stamp(path);
        self.path = Some(path.to_path_buf());
        self.format = format;
        self.encoding = Encoding::Utf8;
        self.history.mark_saved();
        self.history.seal();
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
                reviewed: self.transcript.turns.iter().filter(|t| t.reviewed).count(),
                changed: self.transcript.turns.iter().filter(|t| t.is_changed()).count(),
                speakers: self.transcript.speaker_stats(),
            };
            self.stats = Some((self.revision, stats));
        }
        &self.stats.get_or_insert_with(|| (self.revision, Stats::default())).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ops;
    use crate::formats::text::PlainText;

    fn doc(text: &str) -> Document {
        Document::new(crate::formats::text::parse(text), &PlainText)
    }

    /// The tracked figures always equal a full recount, whatever the change.
    fn check(d: &mut Document) {
        let tracked = d.stats().clone();
        assert_eq!(tracked.words, d.transcript().word_count());
        assert_eq!(tracked.speakers, d.transcript().speaker_stats());
    }

    #[test]
    fn figures_follow_typing_relabelling_undo_and_structural_changes() {
        let mut d = doc("A: een twee drie\nB: vier\nA: vijf zes\n");
        check(&mut d);
        let c = ops::set_text(d.transcript(), 1, "vier vijf zes zeven");
        d.apply(c).expect("types");
        check(&mut d);
        let b = d.transcript().speakers[1].id.clone();
        let c = ops::relabel_turn(d.transcript(), 0, Some(b));
        d.apply(c).expect("relabels");
        check(&mut d);
        d.undo().expect("undo");
        check(&mut d);
        d.redo().expect("redo");
        check(&mut d);
        let c = ops::split_turn(d.transcript(), 2, 4);
        d.apply(c).expect("splits");
        check(&mut d);
        d.undo().expect("undo");
        check(&mut d);
    }
}
