//! The keys in force: every command's default bindings (from `commands.rs`), as the user changed them in
//! the settings. Menus, tooltips, the shortcuts window and the keyboard handling all read this one map, so
//! a changed key shows everywhere at once.

use super::commands::{Binding, Command, Focus, Scope};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The user's changes to the default keys: a command's id and its keys as text (`"Ctrl+Shift+S"`). A command
/// listed with no keys has none.
pub type Overrides = BTreeMap<String, Vec<String>>;

/// Every binding in force, ordered so that one with more modifiers is tried first: egui matches
/// Ctrl+Shift+S as Ctrl+S too, so Save As must be consumed before Save.
#[derive(Debug, Clone)]
pub struct Keymap {
    ordered: Vec<(Command, Binding)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(&Overrides::new())
    }
}

impl Keymap {
    pub fn new(overrides: &Overrides) -> Self {
        let mut ordered: Vec<(Command, Binding)> = Command::ALL
            .iter()
            .flat_map(|&c| {
                let bindings = match overrides.get(&c.id()) {
                    Some(keys) => rebound(c, keys),
                    None => c.default_bindings(),
                };
                bindings.into_iter().map(move |b| (c, b))
            })
            .collect();
        let weight = |m: Modifiers| m.alt as u8 + m.shift as u8 + (m.command || m.ctrl || m.mac_cmd) as u8;
        ordered.sort_by_key(|(_, b)| std::cmp::Reverse(weight(b.keys.modifiers)));
        Self { ordered }
    }

    pub fn ordered(&self) -> &[(Command, Binding)] {
        &self.ordered
    }

    /// The command's keys in force, in the order they were given.
    pub fn keys_of(&self, command: Command) -> Vec<Binding> {
        let mut keys: Vec<Binding> = self
            .ordered
            .iter()
            .filter(|(c, _)| *c == command)
            .map(|(_, b)| *b)
            .collect();
        let defaults = command.default_bindings();
        keys.sort_by_key(|b| defaults.iter().position(|d| d == b).unwrap_or(usize::MAX));
        keys
    }

    /// Another command that `keys` would take from, if given to `command`: one whose binding of the same keys
    /// acts where this one would.
    pub fn clash(&self, command: Command, keys: KeyboardShortcut) -> Option<Command> {
        let scope = scope_for(command, keys);
        self.ordered.iter().find_map(|&(other, b)| {
            (other != command && same_keys(&b.keys, &keys) && scopes_overlap(b.scope, scope)).then_some(other)
        })
    }

    /// The keys in force for this window, as the editor put them in egui's memory (the defaults before).
    pub fn current(ctx: &egui::Context) -> Arc<Keymap> {
        ctx.data(|d| d.get_temp::<Arc<Keymap>>(Self::memory_id()))
            .unwrap_or_else(|| Arc::new(Keymap::default()))
    }

    /// Makes this the keymap views read with [`Keymap::current`].
    pub fn install(self: &Arc<Self>, ctx: &egui::Context) {
        ctx.data_mut(|d| d.insert_temp(Self::memory_id(), self.clone()));
    }

    fn memory_id() -> egui::Id {
        egui::Id::unique("keymap")
    }
}

/// The bindings of `command` for keys the user gave it, each where the command's first default binding
/// acts; a plain key (no Ctrl or Alt, not a function key) acts only in the list, so it never types.
fn rebound(command: Command, keys: &[String]) -> Vec<Binding> {
    keys.iter()
        .filter_map(|k| parse_keys(k))
        .map(|keys| Binding {
            keys,
            scope: scope_for(command, keys),
        })
        .collect()
}

fn scope_for(command: Command, keys: KeyboardShortcut) -> Scope {
    let default = command.default_bindings().first().map_or(Scope::Editor, |b| b.scope);
    if is_plain(keys) && matches!(default, Scope::Everywhere | Scope::Editor) {
        Scope::List
    } else {
        default
    }
}

/// No Ctrl, Alt or Command, and not a function key: a key that types or edits text.
pub fn is_plain(keys: KeyboardShortcut) -> bool {
    let m = keys.modifiers;
    let function_key = (Key::F1 as u32..=Key::F35 as u32).contains(&(keys.logical_key as u32));
    !(m.command || m.ctrl || m.mac_cmd || m.alt || function_key)
}

pub fn same_keys(a: &KeyboardShortcut, b: &KeyboardShortcut) -> bool {
    let norm = |m: Modifiers| (m.alt, m.shift, m.command || m.ctrl || m.mac_cmd);
    a.logical_key == b.logical_key && norm(a.modifiers) == norm(b.modifiers)
}

fn scopes_overlap(a: Scope, b: Scope) -> bool {
    Focus::every().into_iter().any(|f| a.applies(f) && b.applies(f))
}

/// Keys as the settings file holds them: `Ctrl+Shift+S`, `Alt+2`, `F5` (egui's key names).
pub fn keys_text(keys: KeyboardShortcut) -> String {
    keys.format(&egui::ModifierNames::NAMES, false)
}

/// The keys of [`keys_text`] back; `None` for text that names no key.
pub fn parse_keys(text: &str) -> Option<KeyboardShortcut> {
    let mut modifiers = Modifiers::NONE;
    let mut parts: Vec<&str> = text.split('+').collect();
    // "Ctrl+Plus" names the key; a trailing empty part is the "+" key written as a symbol.
    let key_name = parts.pop()?;
    for part in parts {
        match part.trim() {
            "Ctrl" | "Cmd" | "Command" => modifiers.command = true,
            "Alt" | "Option" => modifiers.alt = true,
            "Shift" => modifiers.shift = true,
            _ => return None,
        }
    }
    Some(KeyboardShortcut::new(modifiers, Key::from_name(key_name.trim())?))
}

impl Command {
    /// Human text of the first of the keys in force, for menus and tooltips.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let keymap = Keymap::current(ctx);
        keymap.keys_of(self).first().map(|b| super::wording::keys(ctx, &b.keys))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_specific_shortcuts_come_first() {
        let keymap = Keymap::default();
        let order = keymap.ordered();
        let pos = |c: Command| order.iter().position(|(x, _)| *x == c).expect("listed");
        assert!(pos(Command::SaveAs) < pos(Command::Save));
        assert!(pos(Command::Redo) < pos(Command::Undo));
    }

    #[test]
    fn no_two_commands_share_a_key_where_both_act() {
        let all: Vec<(Command, Binding)> = Keymap::default().ordered().to_vec();
        for (i, (c1, b1)) in all.iter().enumerate() {
            for (c2, b2) in &all[i + 1..] {
                if !same_keys(&b1.keys, &b2.keys) {
                    continue;
                }
                let clash = Focus::every()
                    .into_iter()
                    .find(|&f| b1.scope.applies(f) && b2.scope.applies(f));
                assert!(
                    clash.is_none(),
                    "{c1:?} and {c2:?} both take {:?} in {clash:?}",
                    b1.keys
                );
            }
        }
    }

    #[test]
    fn plain_keys_never_act_in_other_text_fields() {
        for &(c, b) in Keymap::default().ordered() {
            let m = b.keys.modifiers;
            let plain = !(m.command || m.ctrl || m.mac_cmd || m.alt);
            // Function keys type nothing.
            let function_key = b.keys.logical_key.name().starts_with('F') && b.keys.logical_key.name().len() > 1;
            if plain && !function_key {
                assert!(
                    !b.scope.applies(Focus::OtherField),
                    "{c:?} would take {:?} from a text field",
                    b.keys
                );
            }
        }
    }

    #[test]
    fn keys_read_back_from_the_settings_file() {
        for (_, b) in Keymap::default().ordered() {
            assert_eq!(parse_keys(&keys_text(b.keys)), Some(b.keys), "{}", keys_text(b.keys));
        }
        assert_eq!(
            parse_keys("Ctrl+Shift+S"),
            Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S))
        );
        assert_eq!(parse_keys("Hyper+S"), None);
        assert_eq!(parse_keys("Ctrl+Nonsense"), None);
    }

    #[test]
    fn a_changed_key_is_in_force_and_a_plain_key_acts_only_in_the_list() {
        let mut overrides = Overrides::new();
        overrides.insert(Command::Save.id(), vec!["F5".into(), "K".into()]);
        overrides.insert(Command::Undo.id(), vec![]);
        let keymap = Keymap::new(&overrides);
        let save = keymap.keys_of(Command::Save);
        assert_eq!(save.len(), 2);
        assert_eq!((save[0].keys.logical_key, save[0].scope), (Key::F5, Scope::Everywhere));
        assert_eq!((save[1].keys.logical_key, save[1].scope), (Key::K, Scope::List));
        assert!(keymap.keys_of(Command::Undo).is_empty(), "a command can have no keys");
        assert_eq!(keymap.keys_of(Command::Open), Command::Open.default_bindings());
    }

    #[test]
    fn a_clash_names_the_command_that_has_the_keys() {
        let keymap = Keymap::default();
        let ctrl_o = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        assert_eq!(keymap.clash(Command::Save, ctrl_o), Some(Command::Open));
        assert_eq!(keymap.clash(Command::Open, ctrl_o), None, "its own keys are no clash");
        let f5 = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
        assert_eq!(keymap.clash(Command::Save, f5), None);
        // Up is Previous turn's in the list, but Backspace's place (the start of a turn) is another.
        let up = KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp);
        assert_eq!(keymap.clash(Command::FirstTurn, up), Some(Command::PreviousTurn));
    }
}
