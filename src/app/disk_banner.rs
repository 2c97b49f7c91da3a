//! A bar above the turns: another program changed the open file.

use super::Action;
use egui::RichText;

/// A bar above the turns: another program changed the open file.
pub fn disk_banner(ui: &mut egui::Ui, name: &str, actions: &mut Vec<Action>) {
    egui::Panel::top("disk-changed").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{name} was changed on disk by another program."))
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
            if ui
                .button("Reload")
                .on_hover_text("Read the file again (asks first if you have unsaved changes)")
                .clicked()
            {
                actions.push(Action::ReloadFromDisk);
            }
            if ui
                .button("Keep my version")
                .on_hover_text("Saving will still ask before overwriting the file")
                .clicked()
            {
                actions.push(Action::KeepMineOverDisk);
            }
        });
    });
}
