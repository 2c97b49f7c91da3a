//! One list of everything a user can ask for by menu or key. Menus, the keyboard handling and the
//! Help → Keyboard shortcuts window are all drawn from [`Command::ALL`], so they cannot disagree: every key
//! the window reads (but a dialog's own Enter and Escape) is a [`Binding`] here, with the [`Scope`] where it
//! acts, and one [`Command::enabled`] decides for menus and keys alike.

pub use super::keymap::{Binding, Keymap};
use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Open,
    OpenSample,
    OpenRecording,
    Save,
    SaveAs,
    Close,
    Quit,
    Undo,
    Redo,
    EditTurn,
    StopEditing,
    PreviousTurn,
    NextTurn,
    PageUp,
    PageDown,
    FirstTurn,
    LastTurn,
    /// Gives the current turn the speaker with this number (1-based) in the speakers panel.
    AssignSpeaker(u8),
    SplitTurn,
    SplitOffSelection,
    JoinWithPrevious,
    JoinWithNext,
    /// Backspace at the start of a turn: joins only a turn of the same speaker.
    JoinSameSpeakerAbove,
    /// Delete at the end of a turn: joins only a turn of the same speaker.
    JoinSameSpeakerBelow,
    InsertTurn,
    DeleteTurn,
    MoveTurnUp,
    MoveTurnDown,
    MarkReviewed,
    NextUnreviewed,
    NextDoubtful,
    PreviousDoubtful,
    DoubtThreshold,
    NextMisspelled,
    PreviousMisspelled,
    SpellingSuggestions,
    ShowChanges,
    RevertTurn,
    ExportCleanCopy,
    RemoveFillers,
    ApplyRules,
    Find,
    Replace,
    FindNext,
    FindPrevious,
    GoTo,
    PlayPause,
    SkipBack,
    SkipForward,
    PlayTurn,
    StartFromPlayhead,
    EndFromPlayhead,
    FollowPlayback,
    LoopTurn,
    ResumeStep,
    Slower,
    Faster,
    TextLarger,
    TextSmaller,
    ToggleTheme,
    ToggleSpeakersPanel,
    CustomiseShortcuts,
    ShowShortcuts,
    About,
    /// Escape outside a text: closes the topmost of a side window (shortcuts, About) and the find bar.
    Dismiss,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Turn,
    Play,
    View,
    Help,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

impl Command {
    pub const ALL: &'static [Command] = &[
        Command::Open,
        Command::OpenSample,
        Command::OpenRecording,
        Command::Save,
        Command::SaveAs,
        Command::ExportCleanCopy,
        Command::Close,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::EditTurn,
        Command::StopEditing,
        Command::PreviousTurn,
        Command::NextTurn,
        Command::PageUp,
        Command::PageDown,
        Command::FirstTurn,
        Command::LastTurn,
        Command::AssignSpeaker(1),
        Command::AssignSpeaker(2),
        Command::AssignSpeaker(3),
        Command::AssignSpeaker(4),
        Command::AssignSpeaker(5),
        Command::AssignSpeaker(6),
        Command::AssignSpeaker(7),
        Command::AssignSpeaker(8),
        Command::AssignSpeaker(9),
        Command::SplitTurn,
        Command::SplitOffSelection,
        Command::JoinWithPrevious,
        Command::JoinWithNext,
        Command::JoinSameSpeakerAbove,
        Command::JoinSameSpeakerBelow,
        Command::InsertTurn,
        Command::DeleteTurn,
        Command::MoveTurnUp,
        Command::MoveTurnDown,
        Command::MarkReviewed,
        Command::NextUnreviewed,
        Command::NextDoubtful,
        Command::PreviousDoubtful,
        Command::RevertTurn,
        Command::Find,
        Command::Replace,
        Command::FindNext,
        Command::FindPrevious,
        Command::GoTo,
        Command::NextMisspelled,
        Command::PreviousMisspelled,
        Command::SpellingSuggestions,
        Command::RemoveFillers,
        Command::ApplyRules,
        Command::PlayPause,
        Command::SkipBack,
        Command::SkipForward,
        Command::PlayTurn,
        Command::StartFromPlayhead,
        Command::EndFromPlayhead,
        Command::FollowPlayback,
        Command::LoopTurn,
        Command::ResumeStep,
        Command::Slower,
        Command::Faster,
        Command::TextLarger,
        Command::TextSmaller,
        Command::ToggleTheme,
        Command::ToggleSpeakersPanel,
        Command::ShowChanges,
        Command::DoubtThreshold,
        Command::CustomiseShortcuts,
        Command::ShowShortcuts,
        Command::About,
        Command::Dismiss,
    ];

    pub fn title(self) -> String {
        match self {
            Command::Open => "Open…".into(),
            Command::OpenSample => "Open the sample transcript".into(),
            Command::OpenRecording => "Open the recording…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::Close => "Close".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::EditTurn => "Edit the current turn".into(),
            Command::StopEditing => "Stop editing".into(),
            Command::PreviousTurn => "Previous turn".into(),
            Command::NextTurn => "Next turn".into(),
            Command::PageUp => "A screen up".into(),
            Command::PageDown => "A screen down".into(),
            Command::FirstTurn => "First turn".into(),
            Command::LastTurn => "Last turn".into(),
            Command::AssignSpeaker(n) => format!("Give the turn to speaker {n}"),
            Command::SplitTurn => "Split the turn at the cursor".into(),
            Command::SplitOffSelection => "Give the selection to another speaker…".into(),
            Command::JoinWithPrevious => "Join with the turn above".into(),
            Command::JoinWithNext => "Join with the turn below".into(),
            Command::JoinSameSpeakerAbove => "Join with the same speaker's turn above".into(),
            Command::JoinSameSpeakerBelow => "Join with the same speaker's turn below".into(),
            Command::InsertTurn => "Insert an empty turn below".into(),
            Command::DeleteTurn => "Delete the turn".into(),
            Command::MoveTurnUp => "Move the turn up".into(),
            Command::MoveTurnDown => "Move the turn down".into(),
            Command::MarkReviewed => "Mark reviewed and go on".into(),
            Command::NextUnreviewed => "Next turn not reviewed".into(),
            Command::NextDoubtful => "Next doubtful word".into(),
            Command::PreviousDoubtful => "Previous doubtful word".into(),
            Command::DoubtThreshold => "Doubtful words".into(),
            Command::NextMisspelled => "Next misspelled word".into(),
            Command::PreviousMisspelled => "Previous misspelled word".into(),
            Command::SpellingSuggestions => "Spelling suggestions".into(),
            Command::ShowChanges => "Changes".into(),
            Command::RevertTurn => "Revert turn to original".into(),
            Command::ExportCleanCopy => "Export clean copy…".into(),
            Command::RemoveFillers => "Remove fillers…".into(),
            Command::ApplyRules => "Apply rules…".into(),
            Command::Find => "Find…".into(),
            Command::Replace => "Replace…".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::GoTo => "Go to a turn or time…".into(),
            Command::PlayPause => "Play or pause".into(),
            Command::SkipBack => "Back 3 seconds".into(),
            Command::SkipForward => "Forward 3 seconds".into(),
            Command::PlayTurn => "Play the turn from its start".into(),
            Command::StartFromPlayhead => "Turn starts at the playhead".into(),
            Command::EndFromPlayhead => "Turn ends at the playhead".into(),
            Command::FollowPlayback => "Stop following the recording".into(),
            Command::LoopTurn => "Loop the turn".into(),
            Command::ResumeStep => "Resume a moment earlier".into(),
            Command::Slower => "Slower".into(),
            Command::Faster => "Faster".into(),
            Command::TextLarger => "Larger text".into(),
            Command::TextSmaller => "Smaller text".into(),
            Command::ToggleTheme => "Dark theme".into(),
            Command::ToggleSpeakersPanel => "Hide the speakers panel".into(),
            Command::CustomiseShortcuts => "Customise keyboard shortcuts…".into(),
            Command::ShowShortcuts => "Keyboard shortcuts".into(),
            Command::About => "About".into(),
            Command::Dismiss => "Close the topmost window or bar".into(),
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::Open => "Open a transcript (plain text or JSON)",
            Command::OpenSample => "Open the sample transcript that comes with the editor",
            Command::OpenRecording => {
                "Choose the recording of this transcript (or drop it on the window); JSON keeps the link"
            }
            Command::Save => "Save to the same file, in the same format",
            Command::SaveAs => "Save to another file; the extension chooses the format",
            Command::Close => "Close the transcript and go back to the start screen",
            Command::Quit => "Close the editor",
            Command::Undo => "Undo the last change, typing included",
            Command::Redo => "Redo the change that was undone",
            Command::EditTurn => "Put the cursor into the current turn's text",
            Command::StopEditing => "Leave the text; the turn stays selected",
            Command::PreviousTurn => "Go to the turn above",
            Command::NextTurn => "Go to the turn below",
            Command::PageUp => "Select the turn a screen above",
            Command::PageDown => "Select the turn a screen below",
            Command::FirstTurn => "Select the first turn",
            Command::LastTurn => "Select the last turn",
            Command::AssignSpeaker(_) => "Relabel the current turn with a speaker from the speakers panel",
            Command::SplitTurn => "The text after the cursor becomes a new turn of the same speaker",
            Command::SplitOffSelection => {
                "The selected words become a turn of another speaker, between the rest of the turn (an interjection)"
            }
            Command::JoinWithPrevious => "Append this turn's text to the turn above and remove this turn",
            Command::JoinWithNext => "Append the text of the turn below to this turn and remove that turn",
            Command::JoinSameSpeakerAbove => {
                "Join with the turn above when it is the same speaker's; for another speaker's, use the Turn menu"
            }
            Command::JoinSameSpeakerBelow => {
                "Join with the turn below when it is the same speaker's; for another speaker's, use the Turn menu"
            }
            Command::InsertTurn => "Add an empty turn of the same speaker below the current one",
            Command::DeleteTurn => "Remove the current turn",
            Command::MoveTurnUp => "Swap the current turn with the one above",
            Command::MoveTurnDown => "Swap the current turn with the one below",
            Command::MarkReviewed => {
                "Mark the current turn as checked against the recording and go to the next (on a reviewed turn: take the mark off)"
            }
            Command::NextUnreviewed => "Go to the next turn that is not marked reviewed",
            Command::NextDoubtful => "Select the next word the recogniser was unsure of (marked with a line under it)",
            Command::PreviousDoubtful => "Select the previous word the recogniser was unsure of",
            Command::DoubtThreshold => {
                "How unsure the recogniser must have been for a word to be marked: 40% to 90%, or none"
            }
            Command::NextMisspelled => {
                "Select the next word the spelling dictionary does not know (red line under it); type to correct it"
            }
            Command::PreviousMisspelled => "Select the previous word the spelling dictionary does not know",
            Command::SpellingSuggestions => {
                "Suggestions for the misspelled word at the cursor, and Add to glossary, Ignore (also by right click)"
            }
            Command::ShowChanges => "Show every turn that differs from the text first opened, word by word",
            Command::RevertTurn => "Put the current turn's text back as it was first opened",
            Command::ExportCleanCopy => {
                "Write a copy for readers without filler words (eh, uhm, um); this transcript stays as it is"
            }
            Command::RemoveFillers => "Remove the filler words from this transcript, as one step you can undo",
            Command::ApplyRules => "Apply a file of house-style rules (FIND => REPLACE), as one step you can undo",
            Command::Find => "Search all turns",
            Command::Replace => "Search and replace in all turns",
            Command::FindNext => "Go to the next match",
            Command::FindPrevious => "Go to the previous match",
            Command::GoTo => "Go to a turn by its number, or to the turn at a time",
            Command::PlayPause => "Play the recording, or pause it (resuming a second earlier)",
            Command::SkipBack => "Go 3 seconds back in the recording",
            Command::SkipForward => "Go 3 seconds forward in the recording",
            Command::PlayTurn => "Play the current turn from its start time",
            Command::StartFromPlayhead => "Set the current turn's start to where the recording is",
            Command::EndFromPlayhead => "Set the current turn's end to where the recording is",
            Command::FollowPlayback => "Keep the turn being heard in view while playing, or not",
            Command::LoopTurn => "Play the current turn again and again (from its start to its end), or stop",
            Command::Slower => "Play the recording more slowly, down to half speed, at the same pitch",
            Command::Faster => "Play the recording faster, up to twice the speed, at the same pitch",
            Command::ResumeStep => {
                "How far back playing resumes after a pause: 0, 1, 2 or 3 seconds (each choice the next)"
            }
            Command::TextLarger => "Make the text larger",
            Command::TextSmaller => "Make the text smaller",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::ToggleSpeakersPanel => "Show or hide the speakers panel, for more room for the turns",
            Command::CustomiseShortcuts => "Give commands other keys (a foot pedal's too); kept in your settings",
            Command::ShowShortcuts => "Show every keyboard shortcut",
            Command::About => "What this editor is",
            Command::Dismiss => "Close the keyboard shortcuts or About window, else the find bar",
        }
    }

    /// The keys that trigger the command unless the user changed them, each with where it acts; the first
    /// is the one shown in menus.
    pub fn default_bindings(self) -> Vec<Binding> {
        use super::keymap::Scope::{
            Editor, Everywhere, List, Typing, TypingAtEnd, TypingAtStart, TypingOnFirstLine, TypingOnLastLine,
        };
        let b = |modifiers: Modifiers, key: Key, scope: super::keymap::Scope| Binding {
            keys: KeyboardShortcut::new(modifiers, key),
            scope,
        };
        match self {
            Command::Open => vec![b(CMD, Key::O, Everywhere)],
            Command::Save => vec![b(CMD, Key::S, Everywhere)],
            Command::SaveAs => vec![b(CMD_SHIFT, Key::S, Everywhere)],
            Command::Close => vec![b(CMD, Key::W, Everywhere)],
            Command::Quit => vec![b(CMD, Key::Q, Everywhere)],
            Command::Undo => vec![b(CMD, Key::Z, Everywhere)],
            Command::Redo => vec![b(CMD_SHIFT, Key::Z, Everywhere), b(CMD, Key::Y, Everywhere)],
            Command::EditTurn => vec![b(NONE, Key::Enter, List), b(NONE, Key::F2, List)],
            Command::StopEditing => vec![b(NONE, Key::Escape, Typing)],
            Command::PreviousTurn => vec![
                b(ALT, Key::ArrowUp, Editor),
                b(NONE, Key::ArrowUp, List),
                b(NONE, Key::ArrowUp, TypingOnFirstLine),
            ],
            Command::NextTurn => vec![
                b(ALT, Key::ArrowDown, Editor),
                b(NONE, Key::ArrowDown, List),
                b(NONE, Key::ArrowDown, TypingOnLastLine),
            ],
            Command::PageUp => vec![b(NONE, Key::PageUp, List)],
            Command::PageDown => vec![b(NONE, Key::PageDown, List)],
            Command::FirstTurn => vec![b(NONE, Key::Home, List), b(CMD, Key::Home, List)],
            Command::LastTurn => vec![b(NONE, Key::End, List), b(CMD, Key::End, List)],
            Command::AssignSpeaker(n @ 1..=9) => vec![b(ALT, DIGITS[n as usize - 1], Editor)],
            Command::AssignSpeaker(_) => vec![],
            Command::SplitTurn => vec![b(CMD, Key::Enter, Everywhere)],
            Command::SplitOffSelection => vec![b(ALT, Key::Enter, Editor)],
            Command::JoinWithPrevious | Command::JoinWithNext => vec![],
            Command::JoinSameSpeakerAbove => vec![b(NONE, Key::Backspace, TypingAtStart)],
            Command::JoinSameSpeakerBelow => vec![b(NONE, Key::Delete, TypingAtEnd)],
            Command::InsertTurn => vec![b(CMD_SHIFT, Key::Enter, Everywhere)],
            Command::DeleteTurn => vec![b(CMD_SHIFT, Key::Backspace, Everywhere)],
            Command::MoveTurnUp => vec![b(ALT_SHIFT, Key::ArrowUp, Editor)],
            Command::MoveTurnDown => vec![b(ALT_SHIFT, Key::ArrowDown, Editor)],
            Command::MarkReviewed => vec![b(CMD, Key::M, Everywhere)],
            Command::NextUnreviewed => vec![b(CMD_SHIFT, Key::M, Everywhere)],
            Command::NextDoubtful => vec![b(NONE, Key::F8, Everywhere)],
            Command::PreviousDoubtful => vec![b(SHIFT, Key::F8, Everywhere)],
            Command::DoubtThreshold => vec![],
            Command::NextMisspelled => vec![b(NONE, Key::F7, Everywhere)],
            Command::PreviousMisspelled => vec![b(SHIFT, Key::F7, Everywhere)],
            Command::SpellingSuggestions => vec![b(CMD, Key::Period, Everywhere)],
            Command::ShowChanges | Command::RevertTurn => vec![],
            Command::ExportCleanCopy | Command::RemoveFillers | Command::ApplyRules => vec![],
            Command::Find => vec![b(CMD, Key::F, Everywhere)],
            Command::Replace => vec![b(CMD, Key::H, Everywhere)],
            Command::FindNext => vec![b(NONE, Key::F3, Everywhere)],
            Command::FindPrevious => vec![b(SHIFT, Key::F3, Everywhere)],
            Command::GoTo => vec![b(CMD, Key::G, Everywhere)],
            Command::PlayPause => vec![b(CMD, Key::Space, Everywhere)],
            Command::SkipBack => vec![b(ALT, Key::ArrowLeft, Editor)],
            Command::SkipForward => vec![b(ALT, Key::ArrowRight, Editor)],
            Command::PlayTurn => vec![b(CMD_SHIFT, Key::Space, Everywhere)],
            Command::StartFromPlayhead => vec![b(CMD, Key::OpenBracket, Everywhere)],
            Command::EndFromPlayhead => vec![b(CMD, Key::CloseBracket, Everywhere)],
            Command::FollowPlayback => vec![],
            Command::LoopTurn => vec![b(CMD, Key::L, Everywhere)],
            Command::ResumeStep => vec![],
            // F8 is doubtful words'; < and > on most layouts.
            Command::Slower => vec![b(ALT, Key::Comma, Everywhere)],
            Command::Faster => vec![b(ALT, Key::Period, Everywhere)],
            Command::TextLarger => vec![b(CMD, Key::Equals, Everywhere), b(CMD, Key::Plus, Everywhere)],
            Command::TextSmaller => vec![b(CMD, Key::Minus, Everywhere)],
            Command::ShowShortcuts => vec![b(NONE, Key::F1, Everywhere)],
            Command::Dismiss => vec![b(NONE, Key::Escape, List)],
            Command::ToggleSpeakersPanel => vec![b(CMD_SHIFT, Key::P, Everywhere)],
            Command::CustomiseShortcuts => vec![b(CMD, Key::Comma, Everywhere)],
            Command::OpenSample | Command::OpenRecording | Command::ToggleTheme | Command::About => vec![],
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
            Command::MarkReviewed => state.has_doc && state.current.is_some(),
            Command::NextDoubtful | Command::PreviousDoubtful => state.has_doc && state.turns > 0,
            Command::DoubtThreshold => true,
            Command::NextMisspelled | Command::PreviousMisspelled | Command::SpellingSuggestions => {
                state.has_doc && state.turns > 0
            }
            Command::ShowChanges => state.has_doc,
            Command::ExportCleanCopy | Command::RemoveFillers | Command::ApplyRules => state.has_doc && state.turns > 0,
            Command::RevertTurn => state.has_doc && state.current.is_some(),
            Command::PlayPause
            | Command::SkipBack
            | Command::SkipForward
            | Command::FollowPlayback
            | Command::ResumeStep
            | Command::Slower
            | Command::Faster => state.recording,
            Command::PlayTurn | Command::StartFromPlayhead | Command::EndFromPlayhead | Command::LoopTurn => {
                state.recording && state.current.is_some()
            }
            Command::AssignSpeaker(n) => has_turn && state.speakers >= n as usize,
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

    pub fn menu(self) -> Option<Menu> {
        match self {
            Command::Open
            | Command::OpenSample
            | Command::OpenRecording
            | Command::Save
            | Command::SaveAs
            | Command::ExportCleanCopy
            | Command::Close
            | Command::Quit => Some(Menu::File),
            Command::Undo | Command::Redo | Command::EditTurn | Command::StopEditing => Some(Menu::Edit),
            Command::PreviousTurn | Command::NextTurn => Some(Menu::Edit),
            Command::PageUp | Command::PageDown | Command::FirstTurn | Command::LastTurn => None,
            Command::JoinSameSpeakerAbove | Command::JoinSameSpeakerBelow => None,
            Command::SplitTurn
            | Command::SplitOffSelection
            | Command::JoinWithPrevious
            | Command::JoinWithNext
            | Command::InsertTurn
            | Command::DeleteTurn
            | Command::MoveTurnUp
            | Command::MoveTurnDown
            | Command::MarkReviewed
            | Command::NextUnreviewed
            | Command::NextDoubtful
            | Command::PreviousDoubtful
            | Command::RevertTurn => Some(Menu::Turn),
            Command::Find
            | Command::Replace
            | Command::FindNext
            | Command::FindPrevious
            | Command::GoTo
            | Command::NextMisspelled
            | Command::PreviousMisspelled
            | Command::SpellingSuggestions
            | Command::RemoveFillers
            | Command::ApplyRules => Some(Menu::Edit),
            Command::PlayPause
            | Command::SkipBack
            | Command::SkipForward
            | Command::PlayTurn
            | Command::StartFromPlayhead
            | Command::EndFromPlayhead
            | Command::FollowPlayback
            | Command::LoopTurn
            | Command::ResumeStep
            | Command::Slower
            | Command::Faster => Some(Menu::Play),
            Command::AssignSpeaker(_) => None,
            Command::TextLarger
            | Command::TextSmaller
            | Command::ToggleTheme
            | Command::ToggleSpeakersPanel
            | Command::DoubtThreshold
            | Command::ShowChanges
            | Command::CustomiseShortcuts => Some(Menu::View),
            Command::ShowShortcuts | Command::About => Some(Menu::Help),
            Command::Dismiss => None,
        }
    }

    /// Human text of the first of the keys in force, for menus and tooltips.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let keymap = Keymap::current(ctx);
        keymap.keys_of(self).first().map(|b| super::wording::keys(ctx, &b.keys))
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
        let readme = include_str!("../../README.md");
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
    fn more_specific_shortcuts_come_first() {
        let keymap = Keymap::default();
        let order = keymap.ordered();
        let pos = |c: Command| order.iter().position(|(x, _)| *x == c).expect("listed");
        assert!(pos(Command::SaveAs) < pos(Command::Save));
        assert!(pos(Command::Redo) < pos(Command::Undo));
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
