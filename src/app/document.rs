//! An open transcript: the data, its history, where it came from, and figures derived from it.

use crate::edit::{Change, EditError, History};
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
        self.history.apply(&mut self.transcript, change)?;
        self.revision += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<Option<usize>, EditError> {
        let focus = self.history.undo(&mut self.transcript)?;
        self.revision += 1;
        Ok(focus)
    }

    pub fn redo(&mut self) -> Result<Option<usize>, EditError> {
        let focus = self.history.redo(&mut self.transcript)?;
        self.revision += 1;
        Ok(focus)
    }

    /// Saves to `path` in `format` and makes that the document's file. On failure nothing changes: the
    /// file on disk is untouched and the document keeps its unsaved mark.
    pub fn save_to(&mut self, path: &Path, format: &'static dyn Format) -> Result<(), SaveError> {
        store::save(path, format, &self.transcript)?;
        self.path = Some(path.to_path_buf());
        self.format = format;
        self.encoding = Encoding::Utf8;
        self.history.mark_saved();
        Ok(())
    }

    /// Word and per-speaker counts, recomputed only after a change.
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
