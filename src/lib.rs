//! A desktop editor for speech transcripts. The layers, from the bottom: [`model`] (plain data), [`formats`]
//! (bytes to and from a transcript), [`edit`] (changes, undo, search), [`store`] (the disk), then the window
//! ([`app`]) and the command line ([`cli`]) on top. Dependencies point down only.

#[cfg(feature = "window")]
pub mod app;
pub mod cli;
pub mod edit;
pub mod formats;
pub mod generate;
pub mod model;
pub mod store;
