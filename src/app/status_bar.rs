//! The status bar: file, format, encoding, counts, whether everything is saved, where the recording stands,
//! and the last message. In a narrow window the least important items go first (all of them are in the
//! bar's tooltip), and a long message is cut with an ellipsis (View → Messages keeps them whole).

use crate::document::Document;
use egui::{RichText, Ui};
use std::path::Path;

/// What the status bar shows.
pub struct StatusBar<'a> {
    /// A file being read.
    pub loading: Option<&'a Path>,
    pub doc: Option<&'a Document>,
    /// A short message ("Saved talk.txt").
    pub notice: Option<&'a str>,
    /// What spelling is checked in, or why it is not.
    pub spelling: Option<&'a super::spelling::SpellingState>,
    /// F7 is looking through a long transcript: how far it is.
    pub searching: Option<f32>,
    /// An alignment with the recording runs: how far it is.
    pub aligning: Option<f32>,
    /// Where the recording stands, as the turn list shows times.
    pub playhead: Option<String>,
}

/// An item of the bar: how much it matters (0 most), its text, and what its tooltip says.
struct Item {
    rank: u8,
    text: RichText,
    plain: String,
    hover: Option<&'static str>,
}

impl StatusBar<'_> {
    /// The items in the order they are shown, each with its rank: the file's name and whether it is saved
    /// stay longest, the encoding goes first.
    fn items(&self, ui: &Ui) -> Vec<Item> {
        let mut items = Vec::new();
        let mut add = |rank: u8, text: RichText, plain: String, hover: Option<&'static str>| {
            items.push(Item {
                rank,
                text,
                plain,
                hover,
            })
        };
        match self.doc {
            Some(doc) => {
                let name = doc.display_name();
                add(0, RichText::new(&name).strong(), name, None);
                add(
                    8,
                    RichText::new(doc.format().title()),
                    doc.format().title().to_string(),
                    None,
                );
                add(
                    9,
                    RichText::new(doc.encoding().label()),
                    doc.encoding().label().to_string(),
                    None,
                );
                let turns = doc.transcript().turns.len();
                let count = super::wording::count(turns, "turn", "turns");
                add(3, RichText::new(&count), count, None);
                if let Some(stats) = doc.cached_stats() {
                    let words = super::wording::count(stats.words, "word", "words");
                    add(4, RichText::new(&words), words, None);
                    if stats.reviewed > 0 {
                        let reviewed = format!("Reviewed {}/{turns}", stats.reviewed);
                        add(5, RichText::new(&reviewed), reviewed, None);
                    }
                    if stats.changed > 0 {
                        let changed = super::wording::count(stats.changed, "turn changed", "turns changed");
                        add(6, RichText::new(&changed), changed, None);
                    }
                }
                if doc.is_dirty() {
                    let text = RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color);
                    add(1, text, "Unsaved changes".to_string(), None);
                } else {
                    add(1, RichText::new("Saved"), "Saved".to_string(), None);
                }
            }
            None => add(
                0,
                RichText::new("No transcript open"),
                "No transcript open".to_string(),
                None,
            ),
        }
        if let Some(at) = &self.playhead {
            let text = format!("At {at}");
            add(
                2,
                RichText::new(&text).monospace(),
                text,
                Some("Where the recording stands"),
            );
        }
        // Where the message says the same (the first time a language lacks its dictionary), once is enough.
        if let Some(spelling) = self
            .spelling
            .filter(|s| !self.notice.is_some_and(|n| n.starts_with(s.summary.as_str())))
        {
            let text = RichText::new(&spelling.summary);
            let text = if spelling.lacking { text.weak() } else { text };
            add(
                7,
                text,
                spelling.summary.clone(),
                Some("View > Spelling chooses the language"),
            );
        }
        items
    }

    pub fn ui(&self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(path) = self.loading {
                    ui.spinner();
                    ui.label(format!("Opening {}…", path.display()));
                    ui.separator();
                }
                if let Some(done) = self.aligning {
                    ui.spinner();
                    ui.add(
                        egui::ProgressBar::new(done)
                            .desired_width(120.0)
                            .text(format!("Aligning {:.0}% (Esc stops)", done * 100.0)),
                    );
                    ui.separator();
                }
                if let Some(done) = self.searching {
                    ui.spinner();
                    ui.label(format!(
                        "Looking for a misspelled word… {:.0}% (Esc stops)",
                        done * 100.0
                    ));
                    ui.separator();
                }
                let items = self.items(ui);
                // What fits: the items by rank while they do, leaving a message some room.
                let separator = ui.spacing().item_spacing.x * 2.0 + 1.0;
                let reserve = if self.notice.is_some() { 160.0 } else { 0.0 };
                let room = ui.available_width() - reserve;
                let width = |item: &Item| {
                    let galley = egui::WidgetText::from(item.text.clone()).into_galley(
                        ui,
                        Some(egui::TextWrapMode::Extend),
                        f32::INFINITY,
                        egui::TextStyle::Body,
                    );
                    galley.size().x + separator
                };
                let mut order: Vec<usize> = (0..items.len()).collect();
                order.sort_by_key(|&i| items[i].rank);
                let mut shown = vec![false; items.len()];
                let mut used = 0.0;
                for i in order {
                    let w = width(&items[i]);
                    if used + w > room && items[i].rank > 0 {
                        continue;
                    }
                    used += w;
                    shown[i] = true;
                }
                let all: Vec<&str> = items.iter().map(|i| i.plain.as_str()).collect();
                let mut first = true;
                for (item, shown) in items.iter().zip(&shown) {
                    if !*shown {
                        continue;
                    }
                    if !first {
                        ui.separator();
                    }
                    first = false;
                    let label = ui.add(egui::Label::new(item.text.clone()).truncate());
                    match item.hover {
                        Some(hover) => label.on_hover_text(format!("{hover}\n\n{}", all.join(" · "))),
                        None => label.on_hover_text(all.join(" · ")),
                    };
                }
                if let Some(notice) = self.notice {
                    ui.separator();
                    ui.add(egui::Label::new(RichText::new(notice).italics()).truncate())
                        .on_hover_text(format!("{notice}\n\n(View → Messages keeps every message)"));
                }
            });
        });
    }
}
