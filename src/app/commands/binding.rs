//! Keys and where they act: a binding is a key combination with its scope, matched against where the
//! keyboard focus is.

use egui::KeyboardShortcut;

/// A key combination and where it acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: KeyboardShortcut,
    pub scope: Scope,
}

/// Where the keyboard focus is when a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// No text field has the focus: the turn list takes the keys.
    List,
    /// Typing in a turn's text.
    Typing(Caret),
    /// Typing in another field (find, a speaker's name, a dialog's path).
    OtherField,
}

/// Where the caret is in the turn being typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Caret {
    /// At the very start of the text, nothing selected.
    pub at_start: bool,
    /// At the very end of the text, nothing selected.
    pub at_end: bool,
    pub on_first_line: bool,
    pub on_last_line: bool,
}

/// Where a binding acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Wherever the focus is, typing in any field included (Ctrl shortcuts, function keys).
    Everywhere,
    /// In the turn list and while typing in a turn, but not in other fields (Alt shortcuts).
    Editor,
    /// In the turn list, when no text field has the focus (plain keys a text field needs).
    List,
    /// While typing in a turn.
    Typing,
    TypingAtStart,
    TypingAtEnd,
    TypingOnFirstLine,
    TypingOnLastLine,
}

impl Scope {
    pub fn applies(self, focus: Focus) -> bool {
        match (self, focus) {
            (Scope::Everywhere, _) => true,
            (Scope::Editor, f) => f != Focus::OtherField,
            (Scope::List, f) => f == Focus::List,
            (Scope::Typing, Focus::Typing(_)) => true,
            (Scope::TypingAtStart, Focus::Typing(c)) => c.at_start,
            (Scope::TypingAtEnd, Focus::Typing(c)) => c.at_end,
            (Scope::TypingOnFirstLine, Focus::Typing(c)) => c.on_first_line,
            (Scope::TypingOnLastLine, Focus::Typing(c)) => c.on_last_line,
            _ => false,
        }
    }

    /// Where the binding acts, in words for the shortcuts window; `None` for "anywhere in the editor".
    pub fn describe(self) -> Option<&'static str> {
        match self {
            Scope::Everywhere | Scope::Editor => None,
            Scope::List => Some("in the list"),
            Scope::Typing => Some("while typing"),
            Scope::TypingAtStart => Some("at the start of a turn's text"),
            Scope::TypingAtEnd => Some("at the end of a turn's text"),
            Scope::TypingOnFirstLine => Some("on a turn's first line"),
            Scope::TypingOnLastLine => Some("on a turn's last line"),
        }
    }
}

impl Focus {
    /// Every place the focus can be, with every combination of caret positions.
    pub fn every() -> Vec<Focus> {
        let mut all = vec![Focus::List, Focus::OtherField];
        for bits in 0..16u8 {
            all.push(Focus::Typing(Caret {
                at_start: bits & 1 != 0,
                at_end: bits & 2 != 0,
                on_first_line: bits & 4 != 0,
                on_last_line: bits & 8 != 0,
            }));
        }
        all
    }
}
