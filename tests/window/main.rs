//! The editor window driven as a user drives it: clicks, typing and shortcuts on the real editor state,
//! checked by what ends up on disk and on screen. Rendered headless by egui_kittest (no GPU needed).
//! One test program, one file per behaviour; the shared set-up is in `support.rs`.
#![cfg(feature = "window")]

mod cleanup;
mod disk;
mod editing;
mod find;
mod playback;
mod recovery;
mod review;
mod saving;
mod sizes;
mod speakers;
mod spelling;
mod subtitles;
mod support;
mod words_kept;
