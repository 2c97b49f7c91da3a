//! The window's keys: each key press is matched against the command list's bindings, in the scope of where
//! the focus is (the turn list, typing in a turn, another field). No other code reads keys, but a dialog's
//! own Enter and Escape.

use super::Action;
use super::TurnList;
use super::commands::{self, Caret, CommandState, Focus};

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

/// Turns this frame's key presses into commands. A binding whose command cannot act now leaves its key to
/// the focused field, except that keys with Ctrl or Alt are always taken: a text field must not undo by
/// itself (Ctrl+Z) or type the digit of Alt+2.
pub fn read(ctx: &egui::Context, state: &CommandState, turns: &TurnList, actions: &mut Vec<Action>) {
    let focus = focus(ctx, turns);
    for &(command, binding) in commands::by_specificity() {
        if !binding.scope.applies(focus) {
            continue;
        }
        let m = binding.keys.modifiers;
        let always_taken = m.command || m.ctrl || m.mac_cmd || m.alt;
        let enabled = command.enabled(state);
        if !enabled && !always_taken {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&binding.keys)) && enabled {
            actions.push(Action::Command(command));
        }
    }
}
