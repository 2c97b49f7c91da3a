//! Writes recovery snapshots of the open document on a worker thread: about 2 s after the last change and
//! at least every 30 s while there are unsaved changes, so typing never waits for the disk.

use super::Document;
use crate::model::Transcript;
use crate::store::recovery;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_secs(2);
const AT_LEAST_EVERY: Duration = Duration::from_secs(30);

enum Job {
    Write {
        name: String,
        file: Option<PathBuf>,
        format: &'static dyn crate::formats::Format,
        transcript: Box<Transcript>,
    },
    Remove(String),
}

pub struct Autosave {
    sender: Sender<Job>,
    /// Why the last snapshot could not be written (`None` once one is written again), from the worker.
    outcomes: Receiver<Option<String>>,
    /// Whether the window was told that snapshots fail, since they last worked.
    failing: bool,
    /// The snapshot file of the open document, once one has been written or adopted.
    written: Option<String>,
    /// The revision last seen, and when it changed.
    seen: Option<(u64, Instant)>,
    /// The revision of the last snapshot, and when it was taken.
    snapshot: Option<(u64, Instant)>,
    untitled_id: u64,
}

impl Autosave {
    /// Starts the worker that writes into `dir`.
    pub fn start(dir: PathBuf) -> Option<Self> {
        let (sender, receiver) = channel::<Job>();
        let (report, outcomes) = channel::<Option<String>>();
        let worker_dir = dir;
        std::thread::Builder::new()
            .name("recovery".into())
            .spawn(move || {
                for job in receiver {
                    let result = match job {
                        Job::Write {
                            name,
                            file,
                            format,
                            transcript,
                        } => recovery::write_snapshot(&worker_dir, &name, file.as_deref(), format, &transcript)
                            .map(|_| ()),
                        Job::Remove(name) => match std::fs::remove_file(worker_dir.join(&name)) {
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                            other => other,
                        },
                    };
                    let outcome = result
                        .err()
                        .map(|e| format!("recovery snapshots cannot be written in {}: {e}", worker_dir.display()));
                    if let Some(why) = &outcome {
                        eprintln!("warning: {why}");
                    }
                    let _ = report.send(outcome);
                }
            })
            .ok()?;
        Some(Self {
            sender,
            outcomes,
            failing: false,
            written: None,
            seen: None,
            snapshot: None,
            untitled_id: 0,
        })
    }

    /// Why snapshots have started to fail, once, until one is written again: the window says it, since
    /// unsaved work is then not protected.
    pub fn new_failure(&mut self) -> Option<String> {
        let mut news = None;
        while let Ok(outcome) = self.outcomes.try_recv() {
            match outcome {
                Some(why) if !self.failing => {
                    self.failing = true;
                    news = Some(why);
                }
                Some(_) => {}
                None => self.failing = false,
            }
        }
        news
    }

    fn name_for(&self, doc: &Document) -> String {
        recovery::snapshot_name(doc.path(), self.untitled_id)
    }

    /// A new document is open: its snapshots start afresh.
    pub fn new_document(&mut self) {
        self.forget();
        self.seen = None;
        self.snapshot = None;
        self.untitled_id += 1;
    }

    /// A restored document keeps the snapshot it came from until it is saved.
    pub fn adopt(&mut self, snapshot_file: &Path) {
        self.new_document();
        self.written = snapshot_file.file_name().map(|n| n.to_string_lossy().into_owned());
    }

    /// The document was saved or closed on purpose: its snapshot is no longer needed.
    pub fn forget(&mut self) {
        if let Some(name) = self.written.take() {
            let _ = self.sender.send(Job::Remove(name));
        }
        self.snapshot = None;
    }

    /// Called every frame: writes a snapshot when one is due; returns how long until the next check.
    pub fn tick(&mut self, doc: &Document) -> Option<Duration> {
        let now = Instant::now();
        let revision = doc.revision();
        if self.seen.is_none_or(|(rev, _)| rev != revision) {
            self.seen = Some((revision, now));
        }
        if !doc.is_dirty() {
            // Undone back to the saved state: nothing to recover.
            self.forget();
            return None;
        }
        if self.snapshot.is_some_and(|(rev, _)| rev == revision) {
            return None;
        }
        let changed_at = self.seen.map_or(now, |(_, at)| at);
        let quiet_for = now.duration_since(changed_at);
        let since_snapshot = self.snapshot.map(|(_, at)| now.duration_since(at));
        let due = quiet_for >= QUIET || since_snapshot.is_some_and(|d| d >= AT_LEAST_EVERY);
        if !due {
            let until_quiet = QUIET - quiet_for;
            let until_forced = since_snapshot.map_or(until_quiet, |d| AT_LEAST_EVERY.saturating_sub(d));
            return Some(until_quiet.min(until_forced));
        }
        let name = self.name_for(doc);
        if let Some(old) = self.written.replace(name.clone())
            && old != name
        {
            // Saved under another name since (Save As): the old snapshot goes.
            let _ = self.sender.send(Job::Remove(old));
        }
        let _ = self.sender.send(Job::Write {
            name,
            file: doc.path().map(Path::to_path_buf),
            format: doc.format(),
            transcript: Box::new(doc.transcript().clone()),
        });
        self.snapshot = Some((revision, now));
        None
    }
}
