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
    /// Whether each turn shows its number in a gutter (View → Turn numbers).
    pub turn_numbers: bool,
    /// The longest line of a turn's text, in characters (View → Line length); 0: as wide as the window.
    pub line_length: usize,
    /// Whether a subtitle file's cues that break a subtitle rule are marked (View → Subtitle rules).
    pub subtitle_rules: bool,
    /// Words typed over timed ones get times from the recording when the turn is left (Play menu).
    pub retime_corrections: bool,
    /// How finely the turn list shows times (View → Time precision).
    pub time_precision: crate::formats::time::Precision,
    /// The frame rate times are shown in frames at (View → Time precision → Frames).
    pub frame_rate: f64,
    /// What was wrong with the settings file when it was read, to say once in the window; not saved.
    #[serde(skip)]
    pub problem: Option<String>,
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
            time_precision: Default::default(),
            subtitle_rules: true,
            retime_corrections: false,
            turn_numbers: true,
            line_length: 100,
            frame_rate: 25.0,
            problem: None,
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

    /// The settings in `path`: each field that reads is kept, one that does not (a word where a number
    /// belongs) takes its default, and every value is brought within its range (a text size of 100000
    /// would stop the window). A file that did not read whole is kept beside as `settings.json.bad`, and
    /// [`Settings::problem`] says so.
    pub fn load_from(path: &Path) -> Self {
        use super::side_file;
        let text = match side_file::read_text(path, "settings", side_file::limits::SETTINGS) {
            Ok(text) => text,
            Err(e) if e.is_missing() => return Self::default(),
            Err(e) => {
                return Self {
                    problem: Some(format!("{e}; the default settings are used")),
                    ..Self::default()
                };
            }
        };
        let (mut settings, bad) = Self::from_fields(&text);
        if !bad.is_empty() {
            let kept = path.with_extension("json.bad");
            let copy = match std::fs::copy(path, &kept) {
                Ok(_) => format!("; the file as it was is kept as {}", kept.display()),
                Err(_) => String::new(),
            };
            settings.problem = Some(format!(
                "{}: {} could not be read and took the default{copy}",
                path.display(),
                bad.join(", ")
            ));
        }
        settings.clamped()
    }

    /// The settings of a settings file's text, each field on its own: with the fields that did not read
    /// (`"text_size"`, or "the file" when it is not a JSON object).
    fn from_fields(text: &str) -> (Self, Vec<String>) {
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(text) else {
            return (Self::default(), vec!["the file (it is not a JSON object)".to_string()]);
        };
        let Ok(serde_json::Value::Object(defaults)) = serde_json::to_value(Self::default()) else {
            return (Self::default(), Vec::new());
        };
        let mut merged = defaults.clone();
        let mut bad = Vec::new();
        for (key, value) in fields {
            let mut one = defaults.clone();
            one.insert(key.clone(), value.clone());
            if serde_json::from_value::<Self>(serde_json::Value::Object(one)).is_ok() {
                merged.insert(key, value);
            } else {
                bad.push(format!("{key:?}"));
            }
        }
        let settings = serde_json::from_value(serde_json::Value::Object(merged)).unwrap_or_default();
        (settings, bad)
    }

    /// Every value within the range the editor works in; one that is not a number takes its default.
    pub fn clamped(mut self) -> Self {
        let d = Self::default();
        let within = |x: f32, lo: f32, hi: f32, default: f32| if x.is_finite() { x.clamp(lo, hi) } else { default };
        let within64 = |x: f64, lo: f64, hi: f64, default: f64| if x.is_finite() { x.clamp(lo, hi) } else { default };
        self.text_size = within(self.text_size, 9.0, 32.0, d.text_size);
        self.window_size = [
            within(self.window_size[0], 640.0, 16384.0, d.window_size[0]),
            within(self.window_size[1], 400.0, 16384.0, d.window_size[1]),
        ];
        self.volume = within(self.volume, 0.0, 2.0, d.volume);
        self.speed = within64(self.speed, 0.5, 2.0, d.speed);
        self.resume_back = within64(self.resume_back, 0.0, 3.0, d.resume_back);
        self.doubt_below = within(self.doubt_below, 0.0, 1.0, d.doubt_below);
        self.frame_rate = within64(self.frame_rate, 1.0, 240.0, d.frame_rate);
        if self.line_length != 0 {
            self.line_length = self.line_length.clamp(40, 400);
        }
        self
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
        let path = super::full_path(path);
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
    fn a_wrong_field_takes_its_default_and_the_others_are_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"text_size": "groot", "theme": "dark", "volume": 0.5}"#).expect("write");
        let s = Settings::load_from(&path);
        assert_eq!((s.text_size, s.theme, s.volume), (15.0, Theme::Dark, 0.5));
        let problem = s.problem.expect("said");
        assert!(
            problem.contains("\"text_size\" could not be read and took the default"),
            "{problem}"
        );
        assert!(problem.contains("settings.json.bad"), "{problem}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.bad")).expect("kept"),
            r#"{"text_size": "groot", "theme": "dark", "volume": 0.5}"#
        );
    }

    #[test]
    fn every_setting_is_brought_within_its_range_when_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.json");
        std::fs::write(
            &path,
            r#"{"text_size": 100000, "window_size": [1e9, -5], "volume": 40, "speed": 0.0001, "resume_back": 99, "doubt_below": -3}"#,
        )
        .expect("write");
        let s = Settings::load_from(&path);
        assert_eq!(s.text_size, 32.0);
        assert_eq!(s.window_size, [16384.0, 400.0]);
        assert_eq!((s.volume, s.speed, s.resume_back, s.doubt_below), (2.0, 0.5, 3.0, 0.0));
        assert_eq!(
            s.problem, None,
            "numbers out of range are brought in, not complained of"
        );
        std::fs::write(&path, "[1, 2]").expect("write");
        assert!(
            Settings::load_from(&path)
                .problem
                .is_some_and(|p| p.contains("not a JSON object"))
        );
    }

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
        let broken = Settings::load_from(&path);
        assert!(
            broken
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("not a JSON object"))
        );
        assert_eq!(
            Settings {
                problem: None,
                ..broken
            },
            Settings::default()
        );
    }
}
