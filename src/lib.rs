//! A desktop editor for speech transcripts. The layers, from the bottom: [`model`] (plain data), [`formats`]
//! (bytes to and from a transcript), [`edit`] (changes, undo, search), [`store`] (the disk), [`document`]
//! (the open transcript and its history: the one way edits are applied), [`media`] (recordings: decoding,
//! peaks, the playback clock), [`spell`] (Hunspell dictionaries, glossaries, misspelled words), then the window ([`app`]) and the command line ([`cli`]) on top. Dependencies point down only; `docs/architecture.md` is the map.

pub mod align;
#[cfg(feature = "window")]
pub mod app;
pub mod captions;
pub mod cli;
pub mod compare;
pub mod document;
pub mod edit;
pub mod formats;
pub mod generate;
pub mod media;
pub mod model;
pub mod spell;
pub mod store;
