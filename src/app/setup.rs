//! How an [`Editor`] is made: from the settings (brought within range, a problem reading them said in a
//! dialog as the window opens), then with the folders the window keeps its state in. The desktop's window
//! keeps them all (`persisting_settings`, `with_recovery`); tests give their own folders or none.

use super::dialogs::recovery::RecoveryDialog;
use super::{Editor, keymap, player};
use crate::document::autosave::Autosave;
use crate::store::{self, Settings};

impl Editor {
    pub fn new(settings: Settings) -> Self {
        let mut settings = settings.clamped();
        settings.recent.drop_missing();
        // A settings file that did not read whole is said once, as the window opens: in a dialog, which a
        // narrow status bar cannot cut short.
        let problem = settings.problem.take();
        let keymap = std::sync::Arc::new(keymap::Keymap::new(&settings.shortcuts));
        let mut player = player::Player::default();
        player.set_volume(settings.volume);
        player.set_speed(settings.speed);
        player.resume_back = settings.resume_back;
        let mut editor = Self {
            keymap,
            doc: None,
            settings,
            turns: Default::default(),
            find: Default::default(),
            speakers: Default::default(),
            dialogs: Default::default(),
            file_dialogs: Default::default(),
            colours: Default::default(),
            actions: Vec::new(),
            open: Default::default(),
            save: Default::default(),
            notice: None,
            persist_settings: false,
            autosave: None,
            recovery: Default::default(),
            style: Default::default(),
            keys: Default::default(),
            player,
            find_recording: false,
            title: String::new(),
            places: None,
            spelling: Default::default(),
            subtitle_rules: Default::default(),
            messages: Default::default(),
            aligning: None,
            last_edited: None,
        };
        if let Some(problem) = problem {
            editor.dialogs.show_error("Some settings could not be read", problem);
        }
        editor
    }

    /// Persist settings and recent files to the user's configuration folder.
    pub fn persisting_settings(mut self) -> Self {
        self.persist_settings = true;
        self.places = Some(store::Places::load());
        self.spelling.user_glossary = crate::spell::glossary::user_file();
        self
    }

    #[cfg(feature = "testing")]
    /// Keeps the user's own glossary in `file` (the settings folder's when settings are kept).
    pub fn with_user_glossary(mut self, file: std::path::PathBuf) -> Self {
        self.spelling.user_glossary = Some(file);
        self
    }

    #[cfg(feature = "testing")]
    /// Keeps where the user was in each file in `file`, and goes back there when a file is opened again.
    pub fn with_places(mut self, file: &std::path::Path) -> Self {
        self.places = Some(store::Places::load_from(file));
        self
    }

    #[cfg(feature = "testing")]
    /// Never opens a native file dialog: asks for paths in the window instead (for tests, which must not wait
    /// for a person to answer a dialog on a developer's desktop).
    pub fn without_file_dialogs(mut self) -> Self {
        self.file_dialogs.disabled = true;
        self
    }

    /// Keeps recovery snapshots in `dir`, and offers those left by an earlier run that did not save.
    pub fn with_recovery(mut self, dir: std::path::PathBuf) -> Self {
        let (snapshots, unreadable) = store::recovery::scan(&dir);
        self.recovery = RecoveryDialog::from_scan(snapshots, unreadable);
        self.autosave = Autosave::start(dir);
        self
    }
}
