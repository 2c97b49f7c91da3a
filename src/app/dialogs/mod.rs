//! The editor's dialogs, each in its own file behind the small [`Dialog`] trait (as `egui_demo_lib` puts each
//! demo behind `View`): a dialog draws itself, pushes what the user chose as an [`Action`], and says whether
//! it stays open. Enter and Escape inside a dialog are the dialog's own.

mod about;
mod error;
mod go_to;
mod interjection;
mod keys;
mod merge_offer;
mod path_prompt;
pub mod recovery;
mod revert_split;
mod save_question;
mod shift_times;
mod shortcuts;
mod unsaved;

pub use about::About;
pub use error::ErrorDialog;
pub use go_to::GoTo;
pub use interjection::Interjection;
pub use keys::KeysSettings;
pub use merge_offer::MergeOffer;
pub use path_prompt::PathPrompt;
pub use revert_split::RevertSplit;
pub use save_question::SaveQuestionDialog;
pub use shift_times::ShiftTimes;
pub use shortcuts::Shortcuts;
pub use unsaved::UnsavedChanges;

use super::Action;
use crate::document::Document;
use std::any::Any;

pub trait Dialog: Any {
    /// Draws the dialog for one frame with the open transcript (for the tool windows that show it) and
    /// pushes what the user chose. Returns whether it stays open.
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool;

    /// Whether the dialog takes the keyboard while it is open: the window's own keys wait.
    fn is_modal(&self) -> bool {
        true
    }
}

/// A window that stays open beside the work (not modal) until its close button is pressed; returns whether
/// it is still open.
fn tool_window(ctx: &egui::Context, title: &str, add_contents: impl FnOnce(&mut egui::Ui)) -> bool {
    let mut open = true;
    // Never wider or taller than the window it is in (an 800×600 window included).
    let screen = ctx.content_rect();
    egui::Window::new(title)
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .max_width(screen.width() - 32.0)
        .max_height(screen.height() - 48.0)
        .show(ctx, add_contents);
    open
}

/// The dialogs open now, drawn in the order they were opened (the newest on top).
#[derive(Default)]
pub struct Dialogs {
    open: Vec<Box<dyn Dialog>>,
}

impl Dialogs {
    pub fn open(&mut self, dialog: impl Dialog) {
        self.open.push(Box::new(dialog));
    }

    /// Opens a dialog of which there is only ever one (the shortcuts, About): a second ask closes nothing
    /// and opens nothing.
    pub fn open_once<D: Dialog>(&mut self, dialog: D) {
        if self.find::<D>().is_none() {
            self.open(dialog);
        }
    }

    /// Shows an error, in place of one already shown.
    pub fn show_error(&mut self, title: impl Into<String>, message: impl Into<String>) {
        self.close::<ErrorDialog>();
        self.open(ErrorDialog::new(title, message));
    }

    pub fn close<D: Dialog>(&mut self) {
        self.open.retain(|d| !(d.as_ref() as &dyn Any).is::<D>());
    }

    /// Closes the newest window that is not modal (the shortcuts, About); whether there was one.
    pub fn close_topmost_window(&mut self) -> bool {
        match self.open.iter().rposition(|d| !d.is_modal()) {
            Some(i) => {
                self.open.remove(i);
                true
            }
            None => false,
        }
    }

    /// Whether a window that is not modal is open.
    pub fn has_window(&self) -> bool {
        self.open.iter().any(|d| !d.is_modal())
    }

    pub fn is_modal_open(&self) -> bool {
        self.open.iter().any(|d| d.is_modal())
    }

    /// The open dialog of this kind, if any.
    pub fn find<D: Dialog>(&self) -> Option<&D> {
        self.open
            .iter()
            .rev()
            .find_map(|d| (d.as_ref() as &dyn Any).downcast_ref::<D>())
    }

    /// The open dialog of this kind, to change.
    pub fn find_mut<D: Dialog>(&mut self) -> Option<&mut D> {
        self.open
            .iter_mut()
            .rev()
            .find_map(|d| (d.as_mut() as &mut dyn Any).downcast_mut::<D>())
    }

    /// Takes the open dialog of this kind out, to act on what it holds (the clean-up window's list).
    pub fn take<D: Dialog>(&mut self) -> Option<D> {
        let i = self.open.iter().rposition(|d| (d.as_ref() as &dyn Any).is::<D>())?;
        let dialog: Box<dyn Any> = self.open.remove(i);
        dialog.downcast::<D>().ok().map(|d| *d)
    }

    pub fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) {
        self.open.retain_mut(|d| d.show(ctx, doc, actions));
    }
}
