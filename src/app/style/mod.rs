//! The theme and text size from the settings, applied to egui's style when they change; the window's own
//! colours (`colours.rs`).

pub mod colours;

use crate::store::{Settings, Theme};

/// The theme and text size last applied, so the style is set only when they change.
#[derive(Default)]
pub struct AppliedStyle(Option<(Theme, u32)>);

impl AppliedStyle {
    pub fn apply(&mut self, ctx: &egui::Context, settings: &Settings) {
        let key = (settings.theme, settings.text_size.to_bits());
        if self.0 == Some(key) {
            return;
        }
        self.0 = Some(key);
        ctx.set_theme(match settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        let size = settings.text_size;
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (TextStyle::Small, FontId::new(size * 0.75, FontFamily::Proportional)),
                (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                (TextStyle::Button, FontId::new(size * 0.93, FontFamily::Proportional)),
                (TextStyle::Heading, FontId::new(size * 1.45, FontFamily::Proportional)),
                (TextStyle::Monospace, FontId::new(size * 0.9, FontFamily::Monospace)),
            ]
            .into();
        });
        // Ctrl+Plus / Ctrl+Minus change the text size setting instead of zooming the whole window.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }
}
