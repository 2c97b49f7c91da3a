//! What the window shows when no transcript is open.

use super::Action;
use super::commands::Command;
use crate::store::Settings;
use egui::{RichText, Ui};
use std::path::Path;

pub fn ui(ui: &mut Ui, settings: &Settings, loading: Option<&Path>, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading("Transcript Editor");
        ui.label("Fix speaker labels and words, then save as JSON or plain text.");
        ui.add_space(18.0);
        if let Some(path) = loading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Opening {}…", path.display()));
            });
            return;
        }
        let open =
            ui.add(egui::Button::new(RichText::new("Open a transcript…").size(16.0)).min_size(egui::vec2(240.0, 32.0)));
        if open.clicked() {
            actions.push(Action::Command(Command::Open));
        }
        if ui
            .add(egui::Button::new("Open the sample transcript").min_size(egui::vec2(240.0, 28.0)))
            .clicked()
        {
            actions.push(Action::Command(Command::OpenSample));
        }
        ui.add_space(6.0);
        ui.label(RichText::new("or drop a file onto this window").weak());
        ui.add_space(24.0);
        if !settings.recent.paths().is_empty() {
            ui.label(RichText::new("Recent files").strong());
            ui.add_space(4.0);
            for path in settings.recent.paths() {
                // The folder too: two recordings' transcripts are often both called "transcript.txt".
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let folder = path.parent().map(|f| f.display().to_string()).unwrap_or_default();
                let text = egui::text::LayoutJob::single_section(
                    name,
                    egui::TextFormat::simple(egui::TextStyle::Button.resolve(ui.style()), ui.visuals().text_color()),
                );
                let mut job = text;
                job.append(
                    &format!("  in {folder}"),
                    0.0,
                    egui::TextFormat::simple(
                        egui::TextStyle::Small.resolve(ui.style()),
                        ui.visuals().weak_text_color(),
                    ),
                );
                let button = ui
                    .add(egui::Button::new(job).frame(false))
                    .on_hover_text(path.display().to_string());
                if button.clicked() {
                    actions.push(Action::OpenPath(path.clone()));
                }
                button.context_menu(|ui| {
                    if ui.button("Remove from this list").clicked() {
                        actions.push(Action::ForgetRecent(path.clone()));
                    }
                });
            }
        }
    });
}
