//! One colour per speaker, stable for the session: a speaker keeps its colour when others are added,
//! merged or deleted.

use crate::model::{Speaker, SpeakerId};
use egui::Color32;
use std::collections::HashMap;

/// Hues that stay apart from each other and readable on light and dark backgrounds: (light theme, dark theme).
const PALETTE: [(Color32, Color32); 10] = [
    (Color32::from_rgb(0x1f, 0x5f, 0xbf), Color32::from_rgb(0x7a, 0xb4, 0xff)),
    (Color32::from_rgb(0xb3, 0x42, 0x00), Color32::from_rgb(0xff, 0xa0, 0x5c)),
    (Color32::from_rgb(0x1b, 0x7f, 0x3b), Color32::from_rgb(0x6f, 0xd8, 0x8c)),
    (Color32::from_rgb(0x8e, 0x24, 0xaa), Color32::from_rgb(0xd4, 0x8c, 0xf0)),
    (Color32::from_rgb(0xa8, 0x1c, 0x3c), Color32::from_rgb(0xff, 0x7f, 0x9c)),
    (Color32::from_rgb(0x00, 0x7a, 0x80), Color32::from_rgb(0x5c, 0xd6, 0xdb)),
    (Color32::from_rgb(0x7a, 0x5c, 0x00), Color32::from_rgb(0xe6, 0xc4, 0x4d)),
    (Color32::from_rgb(0x4a, 0x3c, 0xc8), Color32::from_rgb(0xa5, 0x9c, 0xff)),
    (Color32::from_rgb(0x5c, 0x6b, 0x1a), Color32::from_rgb(0xbd, 0xd4, 0x5c)),
    (Color32::from_rgb(0x9c, 0x3d, 0x6e), Color32::from_rgb(0xf0, 0x8c, 0xc0)),
];

#[derive(Default)]
pub struct SpeakerColours {
    slots: HashMap<SpeakerId, usize>,
    next: usize,
}

impl SpeakerColours {
    /// Gives speakers seen for the first time the next colour.
    pub fn sync(&mut self, speakers: &[Speaker]) {
        // Every frame calls this; a new speaker shows at the end of the list or changes its length.
        let known = speakers.last().is_none_or(|s| self.slots.contains_key(&s.id));
        if known
            && self.slots.len() >= speakers.len()
            && speakers.first().is_none_or(|s| self.slots.contains_key(&s.id))
        {
            return;
        }
        for s in speakers {
            if !self.slots.contains_key(&s.id) {
                self.slots.insert(s.id.clone(), self.next);
                self.next += 1;
            }
        }
    }

    pub fn colour(&self, id: Option<&SpeakerId>, dark: bool) -> Color32 {
        match id.and_then(|id| self.slots.get(id)) {
            Some(&slot) => {
                let (light, dark_variant) = PALETTE[slot % PALETTE.len()];
                if dark { dark_variant } else { light }
            }
            None if dark => Color32::from_gray(160),
            None => Color32::from_gray(100),
        }
    }
}
