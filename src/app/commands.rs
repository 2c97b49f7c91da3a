//! One list of everything a user can ask for by menu or shortcut. Menus, the shortcut handling and the
//! Help → Keyboard shortcuts window are all drawn from [`Command::ALL`], so they cannot disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Open,
    OpenSample,
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
    /// Gives the current turn the speaker with this number (1-based) in the speakers panel.
    AssignSpeaker(u8),
    SplitTurn,
    SplitOffSelection,
    InsertTurn,
    DeleteTurn,
    Find,
    Replace,
    FindNext,
    FindPrevious,
    TextLarger,
    TextSmaller,
    ToggleTheme,
    ShowShortcuts,
    About,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Turn,
    View,
    Help,
}

const fn key(modifiers: Modifiers, logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, logical_key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;

impl Command {
    pub const ALL: &'static [Command] = &[
        Command::Open,
        Command::OpenSample,
        Command::Save,
        Command::SaveAs,
        Command::Close,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::EditTurn,
        Command::StopEditing,
        Command::PreviousTurn,
        Command::NextTurn,
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
        Command::InsertTurn,
        Command::DeleteTurn,
        Command::Find,
        Command::Replace,
        Command::FindNext,
        Command::FindPrevious,
        Command::TextLarger,
        Command::TextSmaller,
        Command::ToggleTheme,
        Command::ShowShortcuts,
        Command::About,
    ];

    pub fn title(self) -> String {
        match self {
            Command::Open => "Open…".into(),
            Command::OpenSample => "Open the sample transcript".into(),
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
            Command::AssignSpeaker(n) => format!("Give the turn to speaker {n}"),
            Command::SplitTurn => "Split the turn at the cursor".into(),
            Command::SplitOffSelection => "Give the selection to another speaker…".into(),
            Command::InsertTurn => "Insert an empty turn below".into(),
            Command::DeleteTurn => "Delete the turn".into(),
            Command::Find => "Find…".into(),
            Command::Replace => "Replace…".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::TextLarger => "Larger text".into(),
            Command::TextSmaller => "Smaller text".into(),
            Command::ToggleTheme => "Dark theme".into(),
            Command::ShowShortcuts => "Keyboard shortcuts".into(),
            Command::About => "About".into(),
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::Open => "Open a transcript (plain text or JSON)",
            Command::OpenSample => "Open the sample transcript that comes with the editor",
            Command::Save => "Save to the same file, in the same format",
            Command::SaveAs => "Save to another file; the extension chooses the format",
            Command::Close => "Close the transcript and go back to the start screen",
            Command::Quit => "Close the editor",
            Command::Undo => "Undo the last change, typing included",
            Command::Redo => "Redo the change that was undone",
            Command::EditTurn => "Put the cursor into the current turn's text",
            Command::StopEditing => "Leave the text; the turn stays selected",
            Command::PreviousTurn => "Go to the turn above (Up at the first line does the same)",
            Command::NextTurn => "Go to the turn below (Down at the last line does the same)",
            Command::AssignSpeaker(_) => "Relabel the current turn with a speaker from the speakers panel",
            Command::SplitTurn => "The text after the cursor becomes a new turn of the same speaker",
            Command::SplitOffSelection => {
                "The selected words become a turn of another speaker, between the rest of the turn (an interjection)"
            }
            Command::InsertTurn => "Add an empty turn of the same speaker below the current one",
            Command::DeleteTurn => "Remove the current turn",
            Command::Find => "Search all turns",
            Command::Replace => "Search and replace in all turns",
            Command::FindNext => "Go to the next match",
            Command::FindPrevious => "Go to the previous match",
            Command::TextLarger => "Make the text larger",
            Command::TextSmaller => "Make the text smaller",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::ShowShortcuts => "Show every keyboard shortcut",
            Command::About => "What this editor is",
        }
    }

    /// The shortcuts that trigger the command; the first is the one shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const DIGITS: [Key; 9] = [
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
        match self {
            Command::Open => vec![key(CMD, Key::O)],
            Command::Save => vec![key(CMD, Key::S)],
            Command::SaveAs => vec![key(CMD_SHIFT, Key::S)],
            Command::Close => vec![key(CMD, Key::W)],
            Command::Quit => vec![key(CMD, Key::Q)],
            Command::Undo => vec![key(CMD, Key::Z)],
            Command::Redo => vec![key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            Command::EditTurn => vec![key(NONE, Key::Enter), key(NONE, Key::F2)],
            Command::StopEditing => vec![key(NONE, Key::Escape)],
            Command::PreviousTurn => vec![key(ALT, Key::ArrowUp)],
            Command::NextTurn => vec![key(ALT, Key::ArrowDown)],
            Command::AssignSpeaker(n @ 1..=9) => vec![key(ALT, DIGITS[n as usize - 1])],
            Command::AssignSpeaker(_) => vec![],
            Command::SplitTurn => vec![key(CMD, Key::Enter)],
            Command::SplitOffSelection => vec![key(ALT, Key::Enter)],
            Command::InsertTurn => vec![key(CMD_SHIFT, Key::Enter)],
            Command::DeleteTurn => vec![key(CMD_SHIFT, Key::Backspace)],
            Command::Find => vec![key(CMD, Key::F)],
            Command::Replace => vec![key(CMD, Key::H)],
            Command::FindNext => vec![key(NONE, Key::F3)],
            Command::FindPrevious => vec![key(SHIFT, Key::F3)],
            Command::TextLarger => vec![key(CMD, Key::Equals), key(CMD, Key::Plus)],
            Command::TextSmaller => vec![key(CMD, Key::Minus)],
            Command::ShowShortcuts => vec![key(NONE, Key::F1)],
            Command::OpenSample | Command::ToggleTheme | Command::About => vec![],
        }
    }

    pub fn menu(self) -> Option<Menu> {
        match self {
            Command::Open | Command::OpenSample | Command::Save | Command::SaveAs | Command::Close | Command::Quit => {
                Some(Menu::File)
            }
            Command::Undo | Command::Redo | Command::EditTurn | Command::StopEditing => Some(Menu::Edit),
            Command::PreviousTurn | Command::NextTurn => Some(Menu::Edit),
            Command::SplitTurn | Command::SplitOffSelection | Command::InsertTurn | Command::DeleteTurn => {
                Some(Menu::Turn)
            }
            Command::Find | Command::Replace | Command::FindNext | Command::FindPrevious => Some(Menu::Edit),
            Command::AssignSpeaker(_) => None,
            Command::TextLarger | Command::TextSmaller | Command::ToggleTheme => Some(Menu::View),
            Command::ShowShortcuts | Command::About => Some(Menu::Help),
        }
    }

    /// Commands that act while the cursor is in a turn's text. The others would take keys that the text
    /// needs (Enter, Escape is handled by leaving the text first).
    pub fn works_while_typing(self) -> bool {
        !matches!(self, Command::EditTurn)
    }

    /// Human text of the first shortcut, for menus.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }
}

/// Commands ordered so that a shortcut with more modifiers is tried first: egui matches Ctrl+Shift+S as
/// Ctrl+S too, so Save As must be consumed before Save.
/// Made once: the window reads shortcuts every frame.
pub fn by_specificity() -> &'static [(Command, KeyboardShortcut)] {
    static ORDERED: std::sync::LazyLock<Vec<(Command, KeyboardShortcut)>> = std::sync::LazyLock::new(|| {
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .flat_map(|&c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        let weight = |m: Modifiers| m.alt as u8 + m.shift as u8 + (m.command || m.ctrl || m.mac_cmd) as u8;
        all.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
        all
    });
    &ORDERED
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<(bool, bool, bool, Key), Command> = HashMap::new();
        for &c in Command::ALL {
            for s in c.shortcuts() {
                let m = s.modifiers;
                let k = (m.alt, m.shift, m.command || m.ctrl || m.mac_cmd, s.logical_key);
                if let Some(other) = seen.insert(k, c) {
                    panic!("{c:?} and {other:?} share the shortcut {s:?}");
                }
            }
        }
    }

    #[test]
    fn every_command_is_reachable_by_menu_or_shortcut() {
        for &c in Command::ALL {
            assert!(
                c.menu().is_some() || !c.shortcuts().is_empty(),
                "{c:?} cannot be reached"
            );
        }
    }

    #[test]
    fn the_readme_lists_every_shortcut_as_the_editor_does() {
        let readme = include_str!("../../README.md");
        let format = |s: &KeyboardShortcut| s.format(&egui::ModifierNames::NAMES, false);
        for &c in Command::ALL {
            let keys = c.shortcuts();
            let (title, expected): (String, Vec<String>) = match c {
                Command::AssignSpeaker(1) => ("Give the turn to speaker 1 … 9".into(), vec!["Alt+1 … Alt+9".into()]),
                Command::AssignSpeaker(_) => continue,
                _ if keys.is_empty() => continue,
                _ => (c.title(), keys.iter().map(format).collect()),
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
        let order = by_specificity();
        let pos = |c: Command| order.iter().position(|(x, _)| *x == c).expect("listed");
        assert!(pos(Command::SaveAs) < pos(Command::Save));
        assert!(pos(Command::Redo) < pos(Command::Undo));
    }
}
