//! Opening: files read on a worker thread, dropped files, recovery snapshots restored or discarded, and the
//! watch for changes another program makes to the open file.

use super::actions::{Action, Guarded};
use super::file_dialog::Purpose;
use super::{Editor, TurnList};
use crate::document::Document;
use crate::store::{self, OpenError};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A file being read on a worker thread, so a large file never freezes the window.
struct Loading {
    path: PathBuf,
    receiver: Receiver<Result<Document, OpenError>>,
}

#[derive(Default)]
pub struct OpenFlow {
    loading: Option<Loading>,
    /// The open file as another program left it, while the user has not yet answered.
    pub disk_banner: Option<store::DiskStamp>,
    /// A change on disk the user chose to ignore.
    ignored_disk: Option<store::DiskStamp>,
    disk_checked: Option<Instant>,
    /// Files given beside the one being opened (a desktop passes every file chosen): offered once it is.
    offered: Vec<PathBuf>,
}

impl OpenFlow {
    /// The file being read, if any.
    pub fn loading(&self) -> Option<&Path> {
        self.loading.as_ref().map(|l| l.path.as_path())
    }
}

impl Editor {
    /// Starts reading a file on a worker thread; the current document stays until it has been read.
    /// Opens the first of `files` (as the command line or a desktop gives them); the others are offered
    /// in File → Recent files, and said so once the first is open.
    pub fn open_files(&mut self, files: &[PathBuf]) {
        let Some((first, others)) = files.split_first() else {
            return;
        };
        for other in others.iter().rev() {
            self.settings.recent.add(other);
        }
        self.open.offered = others.to_vec();
        self.open(first);
    }

    pub fn open(&mut self, path: &Path) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let owned = path.to_path_buf();
        let spawned = std::thread::Builder::new().name("open-file".into()).spawn(move || {
            let _ = sender.send(Document::open(&owned, None));
        });
        match spawned {
            Ok(_) => {
                self.open.loading = Some(Loading {
                    path: path.to_path_buf(),
                    receiver,
                })
            }
            Err(e) => self
                .dialogs
                .show_error("Cannot open the file", format!("{}: {e}", path.display())),
        }
    }

    /// Answers from the workers: a file dialog closed, a file read.
    pub(super) fn poll_workers(&mut self, ctx: &egui::Context) {
        if let Some((purpose, path, quick)) = self.file_dialogs.poll() {
            match path {
                Some(path) => self.actions.push(match purpose {
                    Purpose::Open => Action::OpenPath(path),
                    Purpose::SaveAs => Action::SaveTo { path, replace_ok: true },
                    Purpose::Recording => Action::OpenRecording(path),
                    Purpose::ExportClean => Action::ExportCleanTo(path),
                    Purpose::ExportSubtitles => Action::ExportSubtitlesTo(path),
                }),
                // A dialog that "returns" at once was never shown: offer the path field instead.
                None if quick => self.ask_path_in_window(purpose),
                None => self.save.after_save = None,
            }
        }
        let Some(loading) = &self.open.loading else { return };
        let result = match loading.receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return ctx.request_repaint_after(Duration::from_millis(30)),
            Err(TryRecvError::Disconnected) => Err(OpenError::Io {
                path: loading.path.clone(),
                reason: std::io::Error::other("reading stopped unexpectedly"),
            }),
        };
        let path = loading.path.clone();
        self.open.loading = None;
        self.finish_open(&path, result);
    }

    fn finish_open(&mut self, path: &Path, result: Result<Document, OpenError>) {
        match result {
            Ok(doc) => {
                self.open.disk_banner = None;
                self.open.ignored_disk = None;
                self.remember_file(path);
                let offered: Vec<String> = std::mem::take(&mut self.open.offered)
                    .iter()
                    .map(|p| {
                        p.file_name()
                            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
                    })
                    .collect();
                let also = match offered.len() {
                    0 => String::new(),
                    _ => format!(
                        "; also given: {} (in Recent files, in the File menu)",
                        offered.join(", ")
                    ),
                };
                self.notify(format!(
                    "Opened {} ({}, {}){also}",
                    doc.display_name(),
                    doc.format().title(),
                    doc.encoding()
                ));
                if !doc.warnings().is_empty() {
                    let title = format!("{} was opened with a warning", doc.display_name());
                    self.dialogs.show_error(title, doc.warnings().join("\n"));
                }
                self.show_document(doc);
            }
            Err(e) => {
                if matches!(e, OpenError::Io { .. }) && !path.exists() {
                    self.settings.recent.remove(path);
                }
                self.dialogs.show_error("Cannot open the file", e.to_string());
            }
        }
    }

    /// A document takes the window: views start afresh, at the turn the user was at when the file was last
    /// left. (Opening a file ends here; so does a transcript made in memory, as the benchmarks make one.)
    pub fn show_document(&mut self, doc: Document) {
        self.remember_place();
        self.colours = Default::default();
        self.turns = TurnList::default();
        let back_to = doc
            .path()
            .and_then(|p| self.places.as_ref()?.turn(p))
            .filter(|&t| t < doc.transcript().turns.len());
        if let Some(turn) = back_to {
            self.turns.select(turn);
        }
        self.speakers = Default::default();
        self.find.forget_matches();
        self.player.close();
        self.find_recording = true;
        self.doc = Some(doc);
    }

    /// Keeps the current turn of the open file, for opening it again.
    pub(super) fn remember_place(&mut self) {
        let (Some(places), Some(doc), Some(turn)) = (&mut self.places, &self.doc, self.turns.current) else {
            return;
        };
        let Some(path) = doc.path() else { return };
        places.remember(path, turn);
        if let Err(e) = places.save() {
            eprintln!("warning: cannot keep your place in {}: {e}", path.display());
        }
    }

    /// Restores recovery snapshot number `i` of the start dialog as an unsaved document.
    pub(super) fn restore(&mut self, i: usize) {
        if i >= self.recovery.offers.len() {
            return;
        }
        let snapshot = self.recovery.offers.remove(i).snapshot;
        // A file still being read at start is the one being restored over, or another: either way the
        // restored work is what the user asked for now.
        self.open.loading = None;
        if let Some(a) = &mut self.autosave {
            a.adopt(&snapshot.path);
        }
        let doc = Document::restored(snapshot);
        self.notify(format!(
            "Restored {} from the recovery snapshot; save to keep it",
            doc.display_name()
        ));
        self.show_document(doc);
    }

    /// The start dialog's "Open the saved file" (`open_saved`) or "Discard" for snapshot number `i`: the
    /// snapshot is deleted either way.
    pub(super) fn drop_snapshot(&mut self, i: usize, open_saved: bool) {
        if i >= self.recovery.offers.len() {
            return;
        }
        let snapshot = self.recovery.offers.remove(i).snapshot;
        if let Err(e) = store::recovery::discard(&snapshot) {
            self.dialogs.show_error(
                "Cannot discard the recovered changes",
                format!("{}: {e}", snapshot.path.display()),
            );
        }
        if let Some(file) = snapshot.file.filter(|_| open_saved) {
            self.guarded(Guarded::Open(file));
        }
    }

    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            // A recording dropped on an open transcript is its recording; anything else is opened.
            let audio = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| crate::media::AUDIO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            self.actions.push(if audio && self.doc.is_some() {
                Action::OpenRecording(path)
            } else {
                Action::OpenPath(path)
            });
        }
    }

    /// Every two seconds: has another program changed the open file?
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        let due = self
            .open
            .disk_checked
            .is_none_or(|at| at.elapsed() >= Duration::from_secs(2));
        if !due {
            return;
        }
        self.open.disk_checked = Some(Instant::now());
        ctx.request_repaint_after(Duration::from_secs(2));
        let Some(doc) = &self.doc else { return };
        if let Some(now) = doc.changed_on_disk()
            && self.open.ignored_disk != Some(now)
        {
            self.open.disk_banner = Some(now);
        }
    }

    /// "Reload" on the disk banner: read the file again, asking first about unsaved changes.
    pub(super) fn reload_from_disk(&mut self) {
        self.open.disk_banner = None;
        if let Some(path) = self.doc.as_ref().and_then(|d| d.path()).map(Path::to_path_buf) {
            self.guarded(Guarded::Open(path));
        }
    }

    /// "Keep my version": the change on disk is not mentioned again (saving still asks).
    pub(super) fn keep_mine_over_disk(&mut self) {
        self.open.ignored_disk = self.open.disk_banner.take();
    }

    /// A file was opened or saved: it heads the recent files, and its folder is where dialogs start.
    pub(super) fn remember_file(&mut self, path: &Path) {
        self.settings.recent.add(path);
        self.settings.last_folder = path.parent().map(Path::to_path_buf);
        self.save_settings();
    }
}
