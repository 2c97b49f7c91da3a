//! What the user can ask for, as values: widgets push [`Action`]s and the dispatcher carries them out. The
//! save flow's questions and answers are values here too, so dialogs and the flow share one vocabulary.

use super::commands::Command;
pub use super::file_dialog::Purpose;
use crate::model::{SpeakerId, TurnId};
use std::path::PathBuf;

/// Something the user asked for. Widgets push these; [`Editor::dispatch`] carries them out.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// Open a file (asks about unsaved changes first).
    OpenPath(PathBuf),
    /// Save the document to this path, in the format its extension names. `replace_ok` when the user
    /// already agreed to replace an existing file there.
    SaveTo {
        path: PathBuf,
        replace_ok: bool,
    },
    /// Write the clean copy the clean-up window shows to this file (the open transcript stays as it is).
    ExportCleanTo(PathBuf),
    /// Write the subtitles the export window shows to this file (the open transcript stays as it is).
    ExportSubtitlesTo(PathBuf),
    /// Move every time of the turns from this one (from 0) on, as one undoable step.
    Retime {
        from: usize,
        retime: crate::edit::ops::Retime,
    },
    /// Align the open transcript with its recording, on a worker.
    StartAligning,
    /// Say this in the status bar.
    Notify(String),
    /// Remove the fillers the clean-up window shows from the open transcript, as one undoable step.
    RemoveFillers,
    /// Apply the rules the rules window shows, as one undoable step.
    ApplyRules,
    /// The answer to a question asked before saving, with the save that waited for it.
    AnswerSave {
        answer: SaveAnswer,
        question: SaveQuestion,
        pending: PendingSave,
    },
    /// The path field was closed without a path.
    PathCancelled,
    /// Read the open file again, as another program changed it.
    ReloadFromDisk,
    /// Keep the open document although the file changed on disk.
    KeepMineOverDisk,
    /// Show a file dialog, or a path field where none can be shown.
    AskPath(Purpose),
    /// The text of a turn as the user has typed it. Actions name turns by their id, not their place, so
    /// that two actions of one frame (a move and typing) cannot land on the wrong turn.
    SetText {
        turn: TurnId,
        text: String,
    },
    /// New start and end of a turn (`None`: no time).
    SetTimes {
        turn: TurnId,
        start: Option<f64>,
        end: Option<f64>,
    },
    Relabel {
        turn: TurnId,
        speaker: Option<SpeakerId>,
    },
    RelabelToNewSpeaker {
        turn: TurnId,
        name: String,
    },
    RenameSpeaker {
        speaker: SpeakerId,
        name: String,
    },
    MergeSpeakers {
        from: SpeakerId,
        into: SpeakerId,
    },
    AddSpeaker {
        name: String,
    },
    DeleteSpeaker(SpeakerId),
    /// Go to the next turn of this speaker after the current one.
    JumpToSpeaker(SpeakerId),
    /// Start editing a turn, the cursor at this character (or the end).
    EditTurn {
        turn: TurnId,
        cursor: Option<usize>,
    },
    Select(TurnId),
    /// Give a command these keys (`None`: its defaults again).
    SetShortcut {
        command: Command,
        keys: Option<Vec<egui::KeyboardShortcut>>,
    },
    /// Every command's default keys again.
    ResetShortcuts,
    /// Open this recording for the open transcript, and link it.
    OpenRecording(PathBuf),
    /// The recording's loudness (1.0: as recorded).
    SetVolume(f32),
    /// Play the recording at this speed (1: as recorded).
    SetSpeed(f64),
    /// Put a turn's own words back as they were first opened.
    RevertTurn(TurnId),
    /// Join the turns cut from one turn back into it, as it was first opened.
    RevertGroup(TurnId),
    /// Put a spelling suggestion in place of the bytes `range` of a turn's text.
    CorrectWord {
        turn: TurnId,
        range: std::ops::Range<usize>,
        with: String,
    },
    /// Add a word to the user's glossary, or (`beside`) to the one beside the transcript.
    AddToGlossary {
        word: String,
        beside: bool,
    },
    /// Do not mark this word as misspelled again until the editor closes.
    IgnoreWord(String),
    /// Check spelling in this language (`None`: do not check spelling).
    SetSpellLanguage(Option<String>),
    /// Go to this time of the recording.
    Seek(f64),
    /// Lines of a turn's text this many characters long at most (0: as wide as the window).
    SetLineLength(usize),
    /// Show times this finely (frames at this frame rate).
    SetTimePrecision(crate::formats::time::Precision, f64),
    /// Go to a turn by its number or to the turn at a time, as typed.
    GoTo(String),
    ForgetRecent(PathBuf),
    /// The answer to "save changes?" before `guarded`.
    Resolve {
        choice: GuardChoice,
        guarded: Guarded,
    },
    /// Give the bytes `range` of a turn to a speaker as a turn of their own.
    SplitOut {
        turn: TurnId,
        range: std::ops::Range<usize>,
        speaker: Option<SpeakerId>,
    },
    /// Merge every suggested speaker alias (one undo step).
    MergeAliases,
    FindStep {
        forward: bool,
    },
    ReplaceCurrent,
    ReplaceAll,
    /// Open the transcript of recovery snapshot number `n` of the start dialog.
    RestoreSnapshot(usize),
    OpenSavedInsteadOfSnapshot(usize),
    DiscardSnapshot(usize),
}

/// An action that would discard unsaved changes, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded {
    Open(PathBuf),
    OpenDialog,
    Close,
    Quit,
    /// Restore recovery snapshot number `n` of the start dialog.
    Restore(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardChoice {
    Save,
    Discard,
    Cancel,
}

/// A save waiting for an answer, with what has been agreed so far.
#[derive(Debug, Clone)]
pub struct PendingSave {
    pub path: PathBuf,
    pub format: &'static dyn crate::formats::Format,
    pub replace_ok: bool,
    pub changed_ok: bool,
    pub losses_ok: bool,
    /// The user agreed to replace a file whose permissions do not allow writing.
    pub read_only_ok: bool,
}

impl PendingSave {
    /// A save of the document to `path` in `format`, nothing agreed yet but (maybe) replacing the file.
    pub fn new(path: PathBuf, format: &'static dyn crate::formats::Format, replace_ok: bool) -> Self {
        Self {
            path,
            format,
            replace_ok,
            changed_ok: false,
            losses_ok: false,
            read_only_ok: false,
        }
    }
}

/// What the editor asks before saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveQuestion {
    /// Another file of that name exists.
    Replace,
    /// Another program changed the file since it was opened or saved.
    ChangedOnDisk,
    /// The format cannot hold these.
    Losses(Vec<String>),
    /// The file's permissions do not allow writing.
    ReadOnly,
    /// Subtitles need an end for every turn; this many turns have only a start.
    MissingEnds(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAnswer {
    Proceed,
    AsJson,
    Cancel,
}
