//! The menu bar, drawn from the command list.

use super::commands::{Command, Menu};
use super::{Action, Editor};
use crate::store::Theme;
use egui::Ui;

fn enabled(editor: &Editor, command: Command) -> bool {
    let doc = editor.doc.as_ref();
    match command {
        Command::Save | Command::SaveAs | Command::Close => doc.is_some(),
        Command::Undo => doc.is_some_and(|d| d.history.can_undo()),
        Command::Redo => doc.is_some_and(|d| d.history.can_redo()),
        Command::EditTurn | Command::PreviousTurn | Command::NextTurn => {
            doc.is_some() && editor.turns.current.is_some()
        }
        Command::StopEditing => editor.turns.editing.is_some(),
        Command::SplitTurn => editor.turns.editing.is_some(),
        Command::SplitOffSelection => editor.turns.selection().is_some(),
        Command::InsertTurn | Command::DeleteTurn => doc.is_some() && editor.turns.current.is_some(),
        Command::Find | Command::Replace | Command::FindNext | Command::FindPrevious => doc.is_some(),
        Command::AssignSpeaker(n) => {
            editor.turns.current.is_some() && doc.is_some_and(|d| d.transcript.speakers.len() >= n as usize)
        }
        _ => true,
    }
}

fn title(editor: &Editor, command: Command) -> String {
    let doc = editor.doc.as_ref();
    match command {
        Command::Undo => match doc.and_then(|d| d.history.undo_label()) {
            Some(label) => format!("Undo {}", label.to_lowercase()),
            None => command.title(),
        },
        Command::Redo => match doc.and_then(|d| d.history.redo_label()) {
            Some(label) => format!("Redo {}", label.to_lowercase()),
            None => command.title(),
        },
        Command::ToggleTheme if editor.settings.theme == Theme::Dark => "Light theme".to_string(),
        _ => command.title(),
    }
}

fn items(ui: &mut Ui, editor: &Editor, menu: Menu, actions: &mut Vec<Action>) {
    for &command in Command::ALL.iter().filter(|c| c.menu() == Some(menu)) {
        let mut button = egui::Button::new(title(editor, command));
        if let Some(keys) = command.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        let response = ui
            .add_enabled(enabled(editor, command), button)
            .on_hover_text(command.tooltip());
        if response.clicked() {
            actions.push(Action::Command(command));
            ui.close();
        }
    }
}

pub fn ui(ui: &mut Ui, editor: &mut Editor) {
    let mut actions = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                items(ui, editor, Menu::File, &mut actions);
                ui.separator();
                ui.menu_button("Recent files", |ui| {
                    if editor.settings.recent.paths().is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in editor.settings.recent.paths() {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Edit", |ui| items(ui, editor, Menu::Edit, &mut actions));
            ui.menu_button("Turn", |ui| items(ui, editor, Menu::Turn, &mut actions));
            ui.menu_button("View", |ui| items(ui, editor, Menu::View, &mut actions));
            ui.menu_button("Help", |ui| items(ui, editor, Menu::Help, &mut actions));
        });
    });
    editor.actions.extend(actions);
}
