//! The window's keys: each key press is matched against the command list's bindings, in the scope of where
//! the focus is (the turn list, typing in a turn, another field). No other code reads keys, but a dialog's
//! own Enter and Escape.

use super::Action;
use super::TurnList;
use super::commands::{Caret, CommandState, Focus};
use super::keymap::Keymap;

/// Where the keyboard focus is now.
fn focus(ctx: &egui::Context, turns: &TurnList) -> Focus {
    let typing_in_turn = ctx.memory(|m| m.focused()) == Some(TurnList::editor_id());
    match &turns.editing {
        Some(editing) if typing_in_turn => {
            // Only a plain caret is at the start or end: with a selection, Backspace deletes it.
            let (at_start, at_end) = match editing.cursor {
                Some((a, b)) if a == b => (a == 0, a == editing.chars),
                _ => (false, false),
            };
            Focus::Typing(Caret {
                at_start,
                at_end,
                on_first_line: editing.at_first_row,
                on_last_line: editing.at_last_row,
            })
        }
        _ if ctx.egui_wants_keyboard_input() => Focus::OtherField,
        _ => Focus::List,
    }
}

/// What the keyboard handling remembers from one frame to the next.
#[derive(Default)]
pub struct Keyboard {
    /// The text a shortcut's key types ("2" for Alt+2), when it may still arrive: a platform can deliver
    /// it in the frame after the key.
    swallow: Option<&'static str>,
    /// Where the focus was last frame: egui drops a text field's focus on Escape before the frame is
    /// drawn, and that Escape still belongs to the field (or the turn) it left.
    last_focus: Option<Focus>,
}

impl Keyboard {
    /// Turns this frame's key presses into commands. A binding whose command cannot act now leaves its key
    /// to the focused field, except that keys with Ctrl or Alt are always taken: a text field must not undo
    /// by itself (Ctrl+Z) or type the digit of Alt+2.
    pub fn read(
        &mut self,
        ctx: &egui::Context,
        keymap: &Keymap,
        state: &CommandState,
        turns: &TurnList,
        actions: &mut Vec<Action>,
    ) {
        if let Some(text) = self.swallow.take() {
            // Waits through frames with no typing (a modifier let go); the next thing typed decides.
            let typed = ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Text(_) | egui::Event::Key { pressed: true, .. }))
            });
            if !remove_text(ctx, text) && !typed {
                self.swallow = Some(text);
            }
        }
        let mut focus = focus(ctx, turns);
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if let (true, Focus::List, Some(before)) = (escape, focus, self.last_focus) {
            focus = before;
        }
        self.last_focus = Some(focus);
        for command in read_keys(ctx, keymap, state, focus, &mut self.swallow) {
            actions.push(Action::Command(command));
        }
    }
}

fn read_keys(
    ctx: &egui::Context,
    keymap: &Keymap,
    state: &CommandState,
    focus: Focus,
    swallow: &mut Option<&'static str>,
) -> Vec<super::commands::Command> {
    let mut commands = Vec::new();
    for &(command, binding) in keymap.ordered() {
        if !binding.scope.applies(focus) {
            continue;
        }
        let m = binding.keys.modifiers;
        let always_taken = m.command || m.ctrl || m.mac_cmd || m.alt;
        let enabled = command.enabled(state);
        if !enabled && !always_taken {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&binding.keys)) {
            // Alt+2 also arrives as the text "2": the key was the command's, so its text goes too, in this
            // frame or the next.
            if let Some(text) = typed_text(binding.keys.logical_key)
                && !remove_text(ctx, text)
            {
                *swallow = Some(text);
            }
            if enabled {
                commands.push(command);
            }
        }
    }
    commands
}

/// The text a key types on its own (a digit or a letter), if any.
fn typed_text(key: egui::Key) -> Option<&'static str> {
    let symbol = key.symbol_or_name();
    let mut chars = symbol.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphanumeric()).then_some(symbol)
}

/// Removes this frame's text input `text` (either case); whether there was any.
fn remove_text(ctx: &egui::Context, text: &str) -> bool {
    ctx.input_mut(|i| {
        let before = i.events.len();
        i.events
            .retain(|e| !matches!(e, egui::Event::Text(t) if t.eq_ignore_ascii_case(text)));
        i.events.len() != before
    })
}
