//! Native file dialogs on a worker thread, so the window keeps drawing while one is open. Where no dialog
//! can be shown (a bare X server without a desktop portal or zenity) the editor asks for a path instead.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    /// The recording that belongs to the open transcript.
    Recording,
    /// Where to write a clean copy (File → Export clean copy…).
    ExportClean,
    /// Where to write subtitles (File → Export subtitles…).
    ExportSubtitles,
}

impl Purpose {
    /// Whether the path chosen is written to.
    pub fn saves(self) -> bool {
        matches!(self, Purpose::SaveAs | Purpose::ExportClean | Purpose::ExportSubtitles)
    }
}

/// A dialog that comes back sooner than this was never shown: no person answers that fast.
const TOO_QUICK: Duration = Duration::from_millis(250);

#[derive(Default)]
pub struct FileDialogs {
    pending: Option<(Purpose, Instant, Receiver<Option<PathBuf>>)>,
    /// Never show a native dialog (tests; a desktop's dialog would wait for a person).
    pub disabled: bool,
}

impl FileDialogs {
    /// Whether this system can show a native dialog at all.
    pub fn available(&self) -> bool {
        if self.disabled {
            return false;
        }
        if cfg!(any(target_os = "windows", target_os = "macos")) {
            return true;
        }
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity") || on_path("kdialog")
    }

    pub fn start(&mut self, purpose: Purpose, start: Option<PathBuf>, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            dialog = match purpose {
                Purpose::Open => {
                    // Every extension any format reads, once.
                    let mut all: Vec<&str> = Vec::new();
                    for ext in crate::formats::REGISTRY.iter().flat_map(|f| f.extensions()) {
                        if !all.contains(ext) {
                            all.push(ext);
                        }
                    }
                    dialog.add_filter("Transcripts and subtitles", &all)
                }
                Purpose::SaveAs | Purpose::ExportClean => dialog,
                Purpose::ExportSubtitles => dialog.add_filter("Subtitles", &["srt", "vtt", "ttml", "ass", "sbv"]),
                Purpose::Recording => dialog.add_filter("Recordings", crate::media::AUDIO_EXTENSIONS),
            };
            for format in crate::formats::REGISTRY.iter().filter(|f| {
                purpose == Purpose::Open || (purpose.saves() && f.can_write() && purpose != Purpose::ExportSubtitles)
            }) {
                dialog = dialog.add_filter(format.title(), format.extensions());
            }
            dialog = dialog.add_filter("All files", &["*"]);
            if let Some(start) = &start {
                let folder = if start.is_dir() {
                    Some(start.as_path())
                } else {
                    start.parent()
                };
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                if purpose.saves()
                    && let Some(name) = start.file_name().filter(|_| !start.is_dir())
                {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
            }
            let chosen = match purpose {
                Purpose::Open | Purpose::Recording => dialog.pick_file(),
                Purpose::SaveAs | Purpose::ExportClean | Purpose::ExportSubtitles => dialog.save_file(),
            };
            let _ = sender.send(chosen);
            ctx.request_repaint();
        });
        if spawned.is_ok() {
            self.pending = Some((purpose, Instant::now(), receiver));
        }
    }

    /// The answer of a finished dialog: its purpose, the path chosen, and whether it came back too quickly
    /// to have been shown.
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>, bool)> {
        let (purpose, started, receiver) = self.pending.as_ref()?;
        let answer = match receiver.try_recv() {
            Ok(path) => Some((*purpose, path.clone(), path.is_none() && started.elapsed() < TOO_QUICK)),
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Some((*purpose, None, true)),
        };
        self.pending = None;
        answer
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| is_executable(&dir.join(program))))
}

fn is_executable(path: &Path) -> bool {
    path.is_file()
}
