//! View → Messages: every message the status bar showed this session, whole and newest first, since the bar
//! shows only the last, for four seconds, and cuts a long one short.

use std::time::Instant;

/// The messages kept, at most this many.
const KEPT: usize = 500;

#[derive(Default)]
pub struct Messages {
    said: Vec<(String, Instant)>,
    pub open: bool,
}

impl Messages {
    pub fn push(&mut self, message: &str) {
        if self.said.len() == KEPT {
            self.said.remove(0);
        }
        self.said.push((message.to_string(), Instant::now()));
    }

    /// The messages, oldest first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.said.iter().map(|(m, _)| m.as_str())
    }

    /// The window, while it is open.
    pub fn ui(&mut self, ctx: &egui::Context) {
        if !self.open {
            return;
        }
        let screen = ctx.content_rect();
        let mut open = true;
        egui::Window::new("Messages")
            .open(&mut open)
            .collapsible(false)
            .default_pos(egui::pos2(screen.right() - 520.0, screen.top() + 48.0))
            .default_width(480.0)
            .max_width(screen.width() - 32.0)
            .max_height(screen.height() - 96.0)
            .show(ctx, |ui| {
                if self.said.is_empty() {
                    ui.weak("No messages yet.");
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (message, at) in self.said.iter().rev() {
                        ui.horizontal_top(|ui| {
                            ui.label(egui::RichText::new(ago(at.elapsed().as_secs())).small().weak());
                            ui.add(egui::Label::new(message.as_str()).wrap());
                        });
                    }
                });
            });
        self.open = open;
    }
}

/// "12 s ago", "3 min ago", "2 h ago".
fn ago(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s ago"),
        s if s < 3600 => format!("{} min ago", s / 60),
        s => format!("{} h ago", s / 3600),
    }
}
