//! File → Export clean copy… and Edit → Remove fillers…: one window that shows what a clean-up would remove
//! (each filler and how often, the turns dropped and joined) before anything is written or changed.
//! Exporting writes a new file and leaves the open transcript as it is; removing is one undoable step.

use super::Action;
use crate::document::Document;
use crate::edit::clean::{CopyOptions, FILLER_LANGUAGES, Fillers, Report, filler_language, remove_fillers};
use crate::formats;
use crate::model::language;
use egui::RichText;
use std::path::Path;
use std::path::PathBuf;

pub struct CleanUp {
    /// Export a copy (else: remove from the open transcript).
    pub export: bool,
    /// The language whose list is used when the user has none of their own: the transcript's (said or
    /// guessed from its words) where there is a list for it; `None` until the user chooses one.
    pub language: Option<String>,
    /// The user's own list, a path as typed ("" for the language's list).
    pub own_list: String,
    pub options: CopyOptions,
    /// What was last counted, and for what: the document's revision and the list's inputs.
    preview: Option<(PreviewKey, Result<Report, String>)>,
}

/// What a preview was counted for: the document's revision, the language, the user's list.
type PreviewKey = (u64, Option<String>, String);

impl CleanUp {
    pub fn new(export: bool, doc: &Document, own_list: Option<&std::path::Path>) -> Self {
        let language = filler_language(doc.transcript())
            .map(|l| l.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
            .filter(|l| FILLER_LANGUAGES.contains(&l.as_str()));
        Self {
            export,
            language,
            own_list: own_list.map(|p| p.display().to_string()).unwrap_or_default(),
            options: CopyOptions::default(),
            preview: None,
        }
    }

    /// The fillers to remove: the user's list where one is given, else the language's.
    pub fn fillers(&self) -> Result<Fillers, String> {
        let path = self.own_list.trim();
        if !path.is_empty() {
            return crate::document::house_style::read_fillers(path.as_ref());
        }
        match &self.language {
            Some(language) => Ok(Fillers::for_language(language)),
            None => Err("Which language are the fillers in? Choose it above, or give your own list.".to_string()),
        }
    }

    /// The user's own list as a path to remember, if one is given.
    pub fn own_list_path(&self) -> Option<PathBuf> {
        Some(PathBuf::from(self.own_list.trim())).filter(|p| !p.as_os_str().is_empty())
    }

    /// What a clean-up would remove from `doc` now, counted again only when the document or the list
    /// changed.
    fn preview(&mut self, doc: &Document) -> &Result<Report, String> {
        let key = (doc.revision(), self.language.clone(), self.own_list.clone());
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            let report = self.fillers().map(|f| remove_fillers(doc.transcript(), &f).1);
            self.preview = Some((key.clone(), report));
        }
        &self.preview.as_ref().expect("just counted").1
    }

    /// Draws the window; false once it is closed.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) -> bool {
        let mut open = true;
        let mut close = false;
        let title = if self.export {
            "Export clean copy"
        } else {
            "Remove fillers"
        };
        let screen = ctx.content_rect();
        egui::Window::new(title)
            // Below the menu bar, left of the middle: the turns stay in sight beside it.
            .default_pos(egui::pos2(screen.left() + 48.0, screen.top() + 48.0))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                ui.label(if self.export {
                    "A copy for readers without filler words; this transcript stays as it is."
                } else {
                    "The filler words go from this transcript, as one step you can undo."
                });
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let label = ui.label("Fillers of:");
                    let name = self.language.as_deref().map_or("Choose…".to_string(), language::name);
                    egui::ComboBox::from_id_salt("filler-language")
                        .selected_text(name)
                        .show_ui(ui, |ui| {
                            for code in FILLER_LANGUAGES {
                                ui.selectable_value(&mut self.language, Some(code.to_string()), language::name(code));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Or your own list:");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.own_list)
                            .hint_text("a file, one filler per line")
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                });
                if self.export {
                    ui.checkbox(&mut self.options.drop_times, "Leave out the times");
                    ui.checkbox(&mut self.options.merge_runs, "Join every run of one speaker's turns");
                }
                ui.separator();
                let ready = match self.preview(doc) {
                    Err(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                        false
                    }
                    Ok(report) if report.fillers_removed() == 0 => {
                        ui.label("No fillers found.");
                        self.export
                    }
                    Ok(report) => {
                        ui.label(RichText::new(format!("{} to remove:", report.fillers_removed())).strong());
                        for (filler, n) in &report.removed {
                            ui.label(format!("  {filler}: {n}"));
                        }
                        if report.turns_dropped > 0 {
                            ui.label(format!(
                                "{} turn{} of nothing but fillers dropped, {} joined",
                                report.turns_dropped,
                                if report.turns_dropped == 1 { "" } else { "s" },
                                report.turns_joined
                            ));
                        }
                        true
                    }
                };
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let verb = if self.export { "Export…" } else { "Remove" };
                    if ui.add_enabled(ready, egui::Button::new(verb)).clicked() {
                        actions.push(if self.export {
                            Action::AskPath(super::file_dialog::Purpose::ExportClean)
                        } else {
                            Action::RemoveFillers
                        });
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        close = true;
                    }
                });
            });
        open && !close
    }
}

impl super::dialogs::Dialog for CleanUp {
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        doc.is_some_and(|doc| self.ui(ctx, doc, actions))
    }

    fn is_modal(&self) -> bool {
        false
    }
}

impl super::Editor {
    /// Writes the clean copy the clean-up window shows to `path`, in the format its extension names; the
    /// open transcript stays as it is.
    pub(in crate::app) fn export_clean_copy(&mut self, path: &Path) {
        let (Some(doc), Some(cleanup)) = (&self.doc, self.dialogs.find::<CleanUp>()) else {
            return;
        };
        let (options, own_list) = (cleanup.options, cleanup.own_list_path());
        let fillers = match cleanup.fillers() {
            Ok(fillers) => fillers,
            Err(why) => return self.dialogs.show_error("Cannot make the clean copy", why),
        };
        let Some(format) = formats::by_extension(path) else {
            let known = formats::extension_list(formats::writable());
            return self.dialogs.show_error(
                "Cannot export the clean copy",
                format!(
                    "{}: the extension names no format the editor writes ({known})",
                    path.display()
                ),
            );
        };
        let (copy, report) = crate::edit::clean::clean_copy(doc.transcript(), &fillers, options);
        match crate::store::save(path, format, &copy, false) {
            Ok(()) => {
                self.settings.fillers_file = own_list;
                self.save_settings();
                self.dialogs.close::<CleanUp>();
                let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                self.notify(format!("Clean copy written to {name}: {}", report.summary()));
            }
            Err(e) => self.dialogs.show_error("Cannot export the clean copy", e.to_string()),
        }
    }

    /// Removes the fillers the clean-up window shows from the open transcript, as one undoable step.
    pub(in crate::app) fn remove_fillers(&mut self) {
        let Some(cleanup) = self.dialogs.take::<CleanUp>() else {
            return;
        };
        let fillers = match cleanup.fillers() {
            Ok(fillers) => fillers,
            Err(why) => return self.dialogs.show_error("Cannot remove the fillers", why),
        };
        self.settings.fillers_file = cleanup.own_list_path();
        self.save_settings();
        self.turns.stop_editing();
        let mut summary = String::new();
        self.change(|t| {
            let (change, report) = crate::edit::clean::remove_fillers(t, &fillers);
            summary = report.summary();
            change
        });
        self.notify(format!("Fillers: {summary} (Undo in the Edit menu puts them back)"));
    }
}
