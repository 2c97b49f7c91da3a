//! One list of everything a user can ask for by menu or key. Menus, the keyboard handling and the
//! Help → Keyboard shortcuts window are all drawn from [`Command::ALL`], so they cannot disagree: every key
//! the window reads (but a dialog's own Enter and Escape) is a [`Binding`] here, with the [`Scope`] where it
//! acts, and one [`Command::enabled`] decides for menus and keys alike. The list is one table (below): a
//! command is one row, with its title, tooltip, menu and default keys, and the enum, [`Command::ALL`] and
//! [`Command::info`] are made from it, so none of them can miss a command.

mod binding;

pub use binding::{Binding, Caret, Focus, Scope};
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Turn,
    Play,
    View,
    Help,
}

/// What the table says of a command.
#[derive(Debug, Clone, Copy)]
pub struct Info {
    /// The menu entry's text (for `AssignSpeaker`, the text for all nine; see [`Command::title`]).
    pub title: &'static str,
    pub tooltip: &'static str,
    /// The menu the command is in; `None` for commands reached by keys only.
    pub menu: Option<Menu>,
    /// The keys that trigger the command unless the user changed them, each with where it acts; the first
    /// is the one shown in menus.
    pub keys: &'static [(Modifiers, Key, Scope)],
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

macro_rules! menu {
    (None) => {
        None
    };
    ($menu:ident) => {
        Some(Menu::$menu)
    };
}

/// `_` in a pattern, for a command with a value.
macro_rules! any_value {
    ($ty:ty) => {
        _
    };
}

/// The table: `Name => "title", "tooltip", Menu, [MODIFIERS Key Scope, …];`, in the order of the menus and
/// the shortcuts window.
macro_rules! commands {
    ($( $(#[$doc:meta])* $name:ident $(($value:ty))? => $title:literal, $tooltip:literal, $menu:ident,
        [$($mods:ident $key:ident $scope:ident),*]; )*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[$doc])* $name $(($value))?, )*
        }

        /// The table's rows in order, a command with a value once (with 0).
        const ROWS: &[Command] = &[$( Command::$name $((0 as $value))?, )*];

        impl Command {
            /// What the table says of the command.
            pub fn info(self) -> Info {
                use Scope::*;
                match self {
                    $( Command::$name $((any_value!($value)))? => Info {
                        title: $title,
                        tooltip: $tooltip,
                        menu: menu!($menu),
                        keys: &[$(($mods, Key::$key, $scope)),*],
                    }, )*
                }
            }
        }
    };
}

commands! {
    Open => "Open…",
        "Open a transcript (plain text or JSON)",
        File, [CMD O Everywhere];
    OpenSample => "Open the sample transcript",
        "Open the sample transcript that comes with the editor",
        File, [];
    OpenRecording => "Open the recording…",
        "Choose the recording of this transcript (or drop it on the window); JSON keeps the link",
        File, [];
    Save => "Save",
        "Save to the same file, in the same format",
        File, [CMD S Everywhere];
    SaveAs => "Save as…",
        "Save to another file; the extension chooses the format",
        File, [CMD_SHIFT S Everywhere];
    ExportCleanCopy => "Export clean copy…",
        "Write a copy for readers without filler words (eh, uhm, um); this transcript stays as it is",
        File, [];
    ExportSubtitles => "Export subtitles…",
        "Write subtitles a viewer can read: the turns cut into short cues of one or two lines, timed from the words; this transcript stays as it is",
        File, [];
    Close => "Close",
        "Close the transcript and go back to the start screen",
        File, [CMD W Everywhere];
    Quit => "Quit",
        "Close the editor",
        File, [CMD Q Everywhere];
    Undo => "Undo",
        "Undo the last change, typing included",
        Edit, [CMD Z Everywhere];
    Redo => "Redo",
        "Redo the change that was undone",
        Edit, [CMD_SHIFT Z Everywhere, CMD Y Everywhere];
    EditTurn => "Edit the current turn",
        "Put the cursor into the current turn's text",
        Edit, [NONE Enter List, NONE F2 List];
    StopEditing => "Stop editing",
        "Leave the text; the turn stays selected",
        Edit, [NONE Escape Typing];
    PreviousTurn => "Previous turn",
        "Go to the turn above",
        Edit, [ALT ArrowUp Editor, NONE ArrowUp List, NONE ArrowUp TypingOnFirstLine];
    NextTurn => "Next turn",
        "Go to the turn below",
        Edit, [ALT ArrowDown Editor, NONE ArrowDown List, NONE ArrowDown TypingOnLastLine];
    PageUp => "A screen up",
        "Select the turn a screen above",
        None, [NONE PageUp List];
    PageDown => "A screen down",
        "Select the turn a screen below",
        None, [NONE PageDown List];
    FirstTurn => "First turn",
        "Select the first turn",
        None, [NONE Home List, CMD Home List];
    LastTurn => "Last turn",
        "Select the last turn",
        None, [NONE End List, CMD End List];
    /// Gives the current turn the speaker with this number (1-based) in the speakers panel.
    AssignSpeaker(u8) => "Give the turn to speaker 1 … 9",
        "Relabel the current turn with a speaker from the speakers panel",
        None, [];
    SplitTurn => "Split the turn at the cursor",
        "The text after the cursor becomes a new turn of the same speaker",
        Turn, [CMD Enter Everywhere];
    SplitOffSelection => "Give the selection to another speaker…",
        "The selected words become a turn of another speaker, between the rest of the turn (an interjection)",
        Turn, [ALT Enter Editor];
    JoinWithPrevious => "Join with the turn above",
        "Append this turn's text to the turn above and remove this turn",
        Turn, [];
    JoinWithNext => "Join with the turn below",
        "Append the text of the turn below to this turn and remove that turn",
        Turn, [];
    /// Backspace at the start of a turn: joins only a turn of the same speaker.
    JoinSameSpeakerAbove => "Join with the same speaker's turn above",
        "Join with the turn above when it is the same speaker's; for another speaker's, use the Turn menu",
        None, [NONE Backspace TypingAtStart];
    /// Delete at the end of a turn: joins only a turn of the same speaker.
    JoinSameSpeakerBelow => "Join with the same speaker's turn below",
        "Join with the turn below when it is the same speaker's; for another speaker's, use the Turn menu",
        None, [NONE Delete TypingAtEnd];
    InsertTurn => "Insert an empty turn below",
        "Add an empty turn of the same speaker below the current one",
        Turn, [CMD_SHIFT Enter Everywhere];
    DeleteTurn => "Delete the turn",
        "Remove the current turn",
        Turn, [CMD_SHIFT Backspace Everywhere];
    MoveTurnUp => "Move the turn up",
        "Swap the current turn with the one above",
        Turn, [ALT_SHIFT ArrowUp Editor];
    MoveTurnDown => "Move the turn down",
        "Swap the current turn with the one below",
        Turn, [ALT_SHIFT ArrowDown Editor];
    MarkReviewed => "Mark reviewed and go on",
        "Mark the current turn as checked against the recording and go to the next (on a reviewed turn: take the mark off)",
        Turn, [CMD M Everywhere];
    NextUnreviewed => "Next turn not reviewed",
        "Go to the next turn that is not marked reviewed",
        Turn, [CMD_SHIFT M Everywhere];
    NextDoubtful => "Next doubtful word",
        "Select the next word the recogniser was unsure of (marked with a line under it)",
        Turn, [NONE F8 Everywhere];
    PreviousDoubtful => "Previous doubtful word",
        "Select the previous word the recogniser was unsure of",
        Turn, [SHIFT F8 Everywhere];
    RevertTurn => "Revert turn to original",
        "Put the current turn's text back as it was first opened",
        Turn, [];
    RetimeWords => "Re-time words",
        "Give the current turn's words that have no time (typed, corrected) their times from the recording between their neighbours",
        Turn, [];
    ShiftTimes => "Shift times…",
        "Move every time (or those from the current turn on) by an offset, to another frame rate, or by two turns' right starts",
        Turn, [];
    Find => "Find…",
        "Search all turns",
        Edit, [CMD F Everywhere];
    Replace => "Replace…",
        "Search and replace in all turns",
        Edit, [CMD H Everywhere];
    FindNext => "Find next",
        "Go to the next match",
        Edit, [NONE F3 Everywhere];
    FindPrevious => "Find previous",
        "Go to the previous match",
        Edit, [SHIFT F3 Everywhere];
    GoTo => "Go to a turn or time…",
        "Go to a turn by its number, or to the turn at a time",
        Edit, [CMD G Everywhere];
    NextMisspelled => "Next misspelled word",
        "Select the next word the spelling dictionary does not know (red line under it); type to correct it",
        Edit, [NONE F7 Everywhere];
    PreviousMisspelled => "Previous misspelled word",
        "Select the previous word the spelling dictionary does not know",
        Edit, [SHIFT F7 Everywhere];
    SpellingSuggestions => "Spelling suggestions",
        "Suggestions for the misspelled word at the cursor, and Add to glossary, Ignore (also by right click)",
        Edit, [CMD Period Everywhere];
    RemoveFillers => "Remove fillers…",
        "Remove the filler words from this transcript, as one step you can undo",
        Edit, [];
    ApplyRules => "Apply rules…",
        "Apply a file of house-style rules (FIND => REPLACE), as one step you can undo",
        Edit, [];
    PlayPause => "Play or pause",
        "Play the recording, or pause it (resuming a second earlier)",
        Play, [CMD Space Everywhere];
    SkipBack => "Back 3 seconds",
        "Go 3 seconds back in the recording",
        Play, [ALT ArrowLeft Editor];
    SkipForward => "Forward 3 seconds",
        "Go 3 seconds forward in the recording",
        Play, [ALT ArrowRight Editor];
    PlayTurn => "Play the turn from its start",
        "Play the current turn from its start time",
        Play, [CMD_SHIFT Space Everywhere];
    PlayWord => "Play the word with two seconds before it",
        "Hear the word at the cursor (or the turn's first) from two seconds before it, as when checking a doubtful word",
        Play, [CMD_SHIFT K Everywhere];
    AlignRecording => "Align with the recording",
        "Give every turn and word without times its times from the recording (turns with times anchor the rest); Esc stops, Undo takes them back",
        Play, [];
    RetimeCorrections => "Re-time corrected words automatically",
        "When you leave a turn whose corrected words lost their times, give them times from the recording (on or off)",
        Play, [];
    StartFromPlayhead => "Turn starts at the playhead",
        "Set the current turn's start to where the recording is",
        Play, [CMD OpenBracket Everywhere];
    EndFromPlayhead => "Turn ends at the playhead",
        "Set the current turn's end to where the recording is",
        Play, [CMD CloseBracket Everywhere];
    FollowPlayback => "Stop following the recording",
        "Keep the turn being heard in view while playing, or not",
        Play, [];
    LoopTurn => "Loop the turn",
        "Play the current turn again and again (from its start to its end), or stop",
        Play, [CMD L Everywhere];
    ResumeStep => "Resume a moment earlier",
        "How far back playing resumes after a pause: 0, 1, 2 or 3 seconds (each choice the next)",
        Play, [];
    // F8 is doubtful words'; < and > on most layouts.
    Slower => "Slower",
        "Play the recording more slowly, down to half speed, at the same pitch",
        Play, [ALT Comma Everywhere];
    Faster => "Faster",
        "Play the recording faster, up to twice the speed, at the same pitch",
        Play, [ALT Period Everywhere];
    TextLarger => "Larger text",
        "Make the text larger",
        View, [CMD Equals Everywhere, CMD Plus Everywhere];
    TextSmaller => "Smaller text",
        "Make the text smaller",
        View, [CMD Minus Everywhere];
    ToggleTheme => "Dark theme",
        "Switch between the light and the dark theme",
        View, [];
    ToggleSpeakersPanel => "Hide the speakers panel",
        "Show or hide the speakers panel, for more room for the turns",
        View, [CMD_SHIFT P Everywhere];
    ShowTurnNumbers => "Hide turn numbers",
        "Show or hide each turn's number in a gutter before it",
        View, [];
    ShowMessages => "Messages",
        "Every message the status bar showed, whole, newest first",
        View, [];
    ShowSubtitleRules => "Subtitle rules",
        "Mark each cue of a subtitle file that breaks a subtitle rule (too long or short on screen, too fast, too many lines or characters, overlapping)",
        View, [];
    ShowChanges => "Changes",
        "Show every turn that differs from the text first opened, word by word",
        View, [];
    DoubtThreshold => "Doubtful words",
        "How unsure the recogniser must have been for a word to be marked: 40% to 90%, or none",
        View, [];
    CustomiseShortcuts => "Customise keyboard shortcuts…",
        "Give commands other keys (a foot pedal's too); kept in your settings",
        View, [CMD Comma Everywhere];
    ShowShortcuts => "Keyboard shortcuts",
        "Show every keyboard shortcut",
        Help, [NONE F1 Everywhere];
    About => "About",
        "What this editor is",
        Help, [];
    /// Escape outside a text: closes the topmost of a side window (shortcuts, About) and the find bar.
    Dismiss => "Close the topmost window or bar",
        "Close the keyboard shortcuts or About window, else the find bar",
        None, [NONE Escape List];
}

impl Command {
    /// Every command in the table's order, "give the turn to speaker n" for n = 1 … 9.
    pub const ALL: &'static [Command] = &all();

    pub fn title(self) -> String {
        match self {
            Command::AssignSpeaker(n) => format!("Give the turn to speaker {n}"),
            _ => self.info().title.to_string(),
        }
    }

    pub fn tooltip(self) -> &'static str {
        self.info().tooltip
    }

    pub fn menu(self) -> Option<Menu> {
        self.info().menu
    }

    /// The keys that trigger the command unless the user changed them, each with where it acts; the first
    /// is the one shown in menus.
    pub fn default_bindings(self) -> Vec<Binding> {
        let binding = |(modifiers, key, scope): (Modifiers, Key, Scope)| Binding {
            keys: KeyboardShortcut::new(modifiers, key),
            scope,
        };
        match self {
            Command::AssignSpeaker(n @ 1..=9) => vec![binding((ALT, DIGITS[n as usize - 1], Scope::Editor))],
            Command::AssignSpeaker(_) => vec![],
            _ => self.info().keys.iter().copied().map(binding).collect(),
        }
    }

    /// Whether the command can act now: menus grey it out, and its keys pass to the focused field.
    pub fn enabled(self, state: &CommandState) -> bool {
        let has_turn = state.has_doc && state.current.is_some();
        match self {
            Command::Save | Command::SaveAs | Command::Close | Command::OpenRecording => state.has_doc,
            Command::Undo => state.can_undo,
            Command::Redo => state.can_redo,
            Command::EditTurn | Command::InsertTurn | Command::DeleteTurn => has_turn,
            Command::PreviousTurn
            | Command::NextTurn
            | Command::PageUp
            | Command::PageDown
            | Command::FirstTurn
            | Command::LastTurn => state.has_doc && state.turns > 0,
            Command::StopEditing | Command::SplitTurn => state.editing,
            Command::SplitOffSelection => state.has_selection,
            Command::JoinWithPrevious | Command::JoinSameSpeakerAbove | Command::MoveTurnUp => {
                state.current.is_some_and(|c| c > 0)
            }
            Command::JoinWithNext | Command::JoinSameSpeakerBelow | Command::MoveTurnDown => {
                state.current.is_some_and(|c| c + 1 < state.turns)
            }
            Command::Find | Command::Replace | Command::FindNext | Command::FindPrevious => state.has_doc,
            Command::GoTo | Command::NextUnreviewed => state.has_doc && state.turns > 0,
            Command::MarkReviewed => state.has_doc && state.turns > 0,
            Command::NextDoubtful | Command::PreviousDoubtful => state.has_doc && state.turns > 0,
            Command::DoubtThreshold => true,
            Command::NextMisspelled | Command::PreviousMisspelled | Command::SpellingSuggestions => {
                state.has_doc && state.turns > 0
            }
            Command::ShowChanges => state.has_doc,
            Command::ShowSubtitleRules => state.subtitles,
            Command::ShowMessages | Command::ShowTurnNumbers | Command::RetimeCorrections => true,
            Command::ExportCleanCopy
            | Command::RemoveFillers
            | Command::ApplyRules
            | Command::ExportSubtitles
            | Command::ShiftTimes => state.has_doc && state.turns > 0,
            Command::RevertTurn => state.has_doc && state.turns > 0,
            Command::PlayPause
            | Command::SkipBack
            | Command::SkipForward
            | Command::FollowPlayback
            | Command::ResumeStep
            | Command::Slower
            | Command::Faster => state.recording,
            Command::PlayTurn | Command::StartFromPlayhead | Command::EndFromPlayhead | Command::LoopTurn => {
                state.recording && state.turns > 0
            }
            Command::PlayWord | Command::AlignRecording => state.recording && state.turns > 0,
            Command::RetimeWords => state.recording && state.current.is_some(),
            Command::AssignSpeaker(n) => state.has_doc && state.turns > 0 && state.speakers >= n as usize,
            Command::Open
            | Command::OpenSample
            | Command::Quit
            | Command::TextLarger
            | Command::TextSmaller
            | Command::ToggleTheme
            | Command::ToggleSpeakersPanel
            | Command::CustomiseShortcuts
            | Command::ShowShortcuts
            | Command::About => true,
            // An open menu or popup closes on Escape by itself: it is the topmost.
            Command::Dismiss => state.dismissable && !state.popup_open,
        }
    }

    /// Whether the command acts on the current turn, and with none selected on the first turn in view.
    /// (Deleting and moving are not among them: they act only on a turn the user chose.)
    pub fn needs_current_turn(self) -> bool {
        matches!(
            self,
            Command::MarkReviewed
                | Command::RetimeWords
                | Command::StartFromPlayhead
                | Command::EndFromPlayhead
                | Command::PlayTurn
                | Command::LoopTurn
                | Command::RevertTurn
                | Command::AssignSpeaker(_)
        )
    }

    /// A name for the settings file that stays the same across versions: `Undo`, `AssignSpeaker(3)`.
    pub fn id(self) -> String {
        format!("{self:?}")
    }
}

/// The digit keys 1 … 9, for "give the turn to speaker n".
pub const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// [`Command::ALL`]: the table's rows, with a row for each speaker number where the table has its one.
const fn all() -> [Command; ROWS.len() + 8] {
    let mut out = [Command::Dismiss; ROWS.len() + 8];
    let (mut row, mut at) = (0, 0);
    while row < ROWS.len() {
        if let Command::AssignSpeaker(_) = ROWS[row] {
            let mut n = 1;
            while n <= 9 {
                out[at] = Command::AssignSpeaker(n);
                at += 1;
                n += 1;
            }
        } else {
            out[at] = ROWS[row];
            at += 1;
        }
        row += 1;
    }
    out
}

/// What the commands' `enabled` depends on, gathered once a frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct CommandState {
    pub has_doc: bool,
    pub turns: usize,
    pub speakers: usize,
    /// The selected turn.
    pub current: Option<usize>,
    pub editing: bool,
    pub has_selection: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// A side window or the find bar is open, which Escape closes.
    pub dismissable: bool,
    /// A menu or popup is open.
    pub popup_open: bool,
    /// A recording is open beside the transcript.
    pub recording: bool,
    /// The open transcript is a subtitle file.
    pub subtitles: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_reachable_by_menu_or_key() {
        for &c in Command::ALL {
            assert!(
                c.menu().is_some() || !c.default_bindings().is_empty(),
                "{c:?} cannot be reached"
            );
        }
    }

    #[test]
    fn the_readme_lists_every_key_as_the_editor_does() {
        let readme = include_str!("../../../README.md");
        let format =
            |s: &KeyboardShortcut| super::super::wording::readable(s.format(&egui::ModifierNames::NAMES, false));
        for &c in Command::ALL {
            let keys = c.default_bindings();
            let (title, expected): (String, Vec<String>) = match c {
                Command::AssignSpeaker(1) => ("Give the turn to speaker 1 … 9".into(), vec!["Alt+1 … Alt+9".into()]),
                Command::AssignSpeaker(_) => continue,
                _ if keys.is_empty() => continue,
                _ => (c.title(), keys.iter().map(|b| format(&b.keys)).collect()),
            };
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| {title} |")))
                .unwrap_or_else(|| panic!("README has no row for {title}"));
            for key in expected {
                assert!(row.contains(&key), "README row for {title} lacks {key}: {row}");
            }
        }
    }

    #[test]
    fn joins_need_a_neighbour_and_undo_something_to_undo() {
        let state = CommandState {
            has_doc: true,
            turns: 3,
            current: Some(0),
            editing: true,
            ..CommandState::default()
        };
        assert!(!Command::JoinWithPrevious.enabled(&state));
        assert!(!Command::JoinSameSpeakerAbove.enabled(&state));
        assert!(Command::JoinWithNext.enabled(&state));
        assert!(!Command::Undo.enabled(&state));
        let last = CommandState {
            current: Some(2),
            can_undo: true,
            ..state
        };
        assert!(Command::JoinWithPrevious.enabled(&last));
        assert!(!Command::JoinWithNext.enabled(&last));
        assert!(Command::Undo.enabled(&last));
    }
}
