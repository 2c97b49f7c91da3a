//! The user's settings and recent files, kept as JSON in the platform's configuration folder
//! (`~/.config/transcript-editor` on Linux). Written atomically like documents.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Overrides the configuration folder (tests, portable installs).
pub const CONFIG_DIR_VAR: &str = "TRANSCRIPT_EDITOR_CONFIG_DIR";

/// How many recent files the File menu and the start screen show.
pub const RECENT_LIMIT: usize = 10;

pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_VAR) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "transcript-editor", "transcript-editor")
        .map(|d| d.config_dir().to_path_buf())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// Points of the body text.
    pub text_size: f32,
    /// Logical pixels.
    pub window_size: [f32; 2],
    pub last_folder: Option<PathBuf>,
    pub recent: RecentFiles,
    /// Whether the speakers panel is shown.
    pub speakers_panel: bool,
    /// The recording's loudness (1.0: as recorded).
    pub volume: f32,
    /// The recording's playing speed (1.0: as recorded; 0.5 … 2).
    pub speed: f64,
    /// Seconds playing resumes before where it was paused.
    pub resume_back: f64,
    /// Words a recogniser was less sure of than this (0 to 1) are marked as doubtful; 0 marks none.
    pub doubt_below: f32,
    /// Whether the turn being heard is kept in view while the recording plays.
    pub follow_playback: bool,
    /// Keys the user changed: a command's name and its keys (`"Save": ["Ctrl+S", "F5"]`).
    pub shortcuts: std::collections::BTreeMap<String, Vec<String>>,
    /// The user's own list of filler words for clean copies (one per line), used instead of the
    /// language's list; `None`: the language's.
    pub fillers_file: Option<PathBuf>,
    /// The house-style rule file last applied (Edit → Apply rules…).
    pub rules_file: Option<PathBuf>,
    /// Whether misspelled words are underlined.
    pub spell_check: bool,
    /// The spelling language for transcripts that do not say theirs (`nl`, `en-GB`), as last chosen in
    /// View → Spelling.
    pub spell_language: Option<String>,
    /// Folders with Hunspell dictionaries (`NAME.aff` and `NAME.dic`), searched before the system's.
    pub dictionary_folders: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            text_size: 15.0,
            window_size: [1280.0, 800.0],
            last_folder: None,
            recent: RecentFiles::default(),
            speakers_panel: true,
            shortcuts: Default::default(),
            follow_playback: true,
            volume: 1.0,
            speed: 1.0,
            resume_back: 1.0,
            doubt_below: 0.6,
            fillers_file: None,
            rules_file: None,
            spell_check: true,
            spell_language: None,
            dictionary_folders: Vec::new(),
        }
    }
}

impl Settings {
    fn file() -> Option<PathBuf> {
        config_dir().map(|d| d.join("settings.json"))
    }

    /// The saved settings, or the defaults when there are none or they cannot be read (a broken settings
    /// file must never keep the editor from starting).
    pub fn load() -> Self {
        Self::file().map(|f| Self::load_from(&f)).unwrap_or_default()
    }

    pub fn load_from(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) -> std::io::Result<()> {
        let Some(file) = Self::file() else {
            return Ok(());
        };
        self.save_to(&file)
    }

    pub fn save_to(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        super::write_atomically(path, &bytes)
    }
}

/// Most recent first, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecentFiles(Vec<PathBuf>);

impl RecentFiles {
    pub fn add(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.0.retain(|p| p != &path);
        self.0.insert(0, path);
        self.0.truncate(RECENT_LIMIT);
    }

    pub fn remove(&mut self, path: &Path) {
        self.0.retain(|p| p != path);
    }

    /// Forgets files that no longer exist.
    pub fn drop_missing(&mut self) {
        self.0.retain(|p| p.exists());
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_unique_and_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut recent = RecentFiles::default();
        let files: Vec<PathBuf> = (0..12).map(|i| dir.path().join(format!("{i}.txt"))).collect();
        for f in &files {
            std::fs::write(f, "x").expect("write");
            recent.add(f);
        }
        recent.add(&files[5]);
        assert_eq!(recent.paths().len(), RECENT_LIMIT);
        assert!(recent.paths()[0].ends_with("5.txt"));
        assert_eq!(recent.paths().iter().filter(|p| p.ends_with("5.txt")).count(), 1);
        std::fs::remove_file(&files[5]).expect("rm");
        recent.drop_missing();
        assert!(!recent.paths().iter().any(|p| p.ends_with("5.txt")));
    }

    #[test]
    fn settings_survive_a_round_trip_and_a_broken_file_gives_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("settings.json");
        let s = Settings {
            theme: Theme::Dark,
            text_size: 18.0,
            ..Settings::default()
        };
        s.save_to(&path).expect("saves");
        assert_eq!(Settings::load_from(&path), s);
        std::fs::write(&path, "{not json").expect("write");
        assert_eq!(Settings::load_from(&path), Settings::default());
    }
}
