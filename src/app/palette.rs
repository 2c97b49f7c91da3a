//! One colour per speaker, stable for the session: a speaker keeps its colour when others are added,
//! merged or deleted.

use crate::app::style::colours::{SPEAKERS, no_speaker};
use crate::model::{Speaker, SpeakerId};
use egui::Color32;
use std::collections::HashMap;

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
                let (light, dark_variant) = SPEAKERS[slot % SPEAKERS.len()];
                if dark { dark_variant } else { light }
            }
            None => no_speaker(dark),
        }
    }
}
