//! View → Customise keyboard shortcuts: every command with its keys in force. "Set" records the next key
//! combination pressed (a foot pedal's too); a clash with another command is shown at once and must be
//! resolved (take the keys from it, or choose others); "Default" and "Reset all" bring the defaults back.

use super::Dialog;
use crate::app::Action;
use crate::app::commands::Command;
use crate::app::keymap::Keymap;
use crate::document::Document;
use egui::{Event, Id, KeyboardShortcut, Modal, RichText};

#[derive(Default)]
pub struct KeysSettings {
    /// The command whose new keys are awaited, and whether they are added to its keys (else they replace
    /// them).
    recording: Option<(Command, bool)>,
    /// Keys pressed that another command has: (for this command, the keys, the other command, add).
    clash: Option<(Command, KeyboardShortcut, Command, bool)>,
}

impl KeysSettings {
    /// Takes the key combination pressed this frame, if any; every key event is the dialog's meanwhile.
    fn record(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some((command, add)) = self.recording else { return };
        let pressed = ctx.input_mut(|i| {
            let found = i.events.iter().find_map(|e| match e {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => Some(KeyboardShortcut::new(*modifiers, *key)),
                _ => None,
            });
            i.events.retain(|e| !matches!(e, Event::Key { .. } | Event::Text(_)));
            found
        });
        let Some(keys) = pressed else { return };
        self.recording = None;
        if keys.logical_key == egui::Key::Escape && keys.modifiers.is_none() {
            return;
        }
        let keymap = Keymap::current(ctx);
        match keymap.clash(command, keys) {
            Some(other) => self.clash = Some((command, keys, other, add)),
            None => actions.push(set(&keymap, command, keys, add)),
        }
    }
}

/// The action giving `command` the keys (added to its keys in force, or in their place).
fn set(keymap: &Keymap, command: Command, keys: KeyboardShortcut, add: bool) -> Action {
    let mut all: Vec<KeyboardShortcut> = if add {
        keymap.keys_of(command).iter().map(|b| b.keys).collect()
    } else {
        Vec::new()
    };
    all.push(keys);
    Action::SetShortcut {
        command,
        keys: Some(all),
    }
}

impl Dialog for KeysSettings {
    fn show(&mut self, ctx: &egui::Context, _doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        self.record(ctx, actions);
        let keymap = Keymap::current(ctx);
        let mut open = true;
        Modal::new(Id::unique("keys-settings")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading("Keyboard shortcuts");
            let status = match (&self.recording, &self.clash) {
                (Some((command, _)), _) => RichText::new(format!(
                    "Press the new keys for \"{}\" (Escape cancels)…",
                    command.title()
                ))
                .strong(),
                _ => RichText::new("Set gives a command the next keys you press; Add adds them to its keys.").weak(),
            };
            ui.label(status);
            if let Some((command, keys, other, add)) = self.clash {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} already belongs to \"{}\".",
                            crate::app::wording::keys(ctx, &keys),
                            other.title()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                    if ui.button(format!("Take them from \"{}\"", other.title())).clicked() {
                        let left: Vec<KeyboardShortcut> = keymap
                            .keys_of(other)
                            .iter()
                            .map(|b| b.keys)
                            .filter(|k| !crate::app::keymap::same_keys(k, &keys))
                            .collect();
                        actions.push(Action::SetShortcut {
                            command: other,
                            keys: Some(left),
                        });
                        actions.push(set(&keymap, command, keys, add));
                        self.clash = None;
                    }
                    if ui.button("Choose other keys").clicked() {
                        self.clash = None;
                        self.recording = Some((command, add));
                    }
                });
            }
            ui.add_space(6.0);
            let height = ctx.content_rect().height() * 0.6;
            egui::ScrollArea::vertical().max_height(height).show(ui, |ui| {
                egui::Grid::new("keys-settings-grid")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for &command in Command::ALL {
                            let keys = super::shortcuts::described(ctx, &keymap.keys_of(command));
                            ui.label(command.title());
                            ui.label(
                                RichText::new(if keys.is_empty() {
                                    "none".to_string()
                                } else {
                                    keys.join("  or  ")
                                })
                                .monospace(),
                            );
                            ui.horizontal(|ui| {
                                let title = command.title();
                                let button = |ui: &mut egui::Ui, text: &str, what: &str| {
                                    let b = ui.small_button(text);
                                    let accessible = format!("{what} {title}");
                                    b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
                                    b.clicked()
                                };
                                if button(ui, "Set", "Set the keys of") {
                                    self.recording = Some((command, false));
                                    self.clash = None;
                                }
                                if button(ui, "Add", "Add keys to") {
                                    self.recording = Some((command, true));
                                    self.clash = None;
                                }
                                if button(ui, "Default", "Default keys for") {
                                    actions.push(Action::SetShortcut { command, keys: None });
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Reset all to the defaults").clicked() {
                    actions.push(Action::ResetShortcuts);
                    self.clash = None;
                }
                let closing = self.recording.is_none() && ui.input(|i| i.key_pressed(egui::Key::Escape));
                if ui.button("Close").clicked() || closing {
                    open = false;
                }
            });
        });
        open
    }
}
