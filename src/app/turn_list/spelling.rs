//! Spelling in the turn list: each drawn turn's misspelled words, found once per turn and text (only the
//! turns in view are ever checked), and the menu on a misspelled word: suggestions, "Add to glossary",
//! "Ignore".

use super::TurnList;
use crate::app::Action;
use crate::model::{Turn, TurnId};
use crate::spell::Speller;
use egui::{Id, Pos2, RichText};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// More turns than this in the cache: it is emptied (a long session scrolling a long transcript).
const MOST_CACHED: usize = 20_000;

#[derive(Default)]
pub struct SpellMarks {
    /// The checker in use; `None`: spelling is not checked.
    speller: Option<Arc<Speller>>,
    /// Each checked turn's misspelled words, with a fingerprint of the text they were found in.
    cache: HashMap<TurnId, (u64, Vec<Range<usize>>)>,
    /// The menu on a misspelled word, while open.
    menu: Option<SpellMenu>,
}

/// The menu on one misspelled word.
struct SpellMenu {
    turn: TurnId,
    range: Range<usize>,
    word: String,
    /// The suggestions, once found: a Dutch word's take tens of milliseconds, found on a worker.
    suggestions: Option<Vec<String>>,
    finding: Option<std::sync::mpsc::Receiver<Vec<String>>>,
    /// Where it opens (the pointer, or below the word when opened by a key; found when the row is drawn).
    at: Option<Pos2>,
    /// Opened by a key: the first suggestion is to take the focus when it comes.
    focus_first: bool,
    /// Opened on the turn being edited: closing the menu without a correction (Ignore, a glossary,
    /// Escape) goes back to editing it, after the word. (A correction puts the caret there itself.)
    back_to_editing: bool,
}

fn fingerprint(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl SpellMarks {
    /// Checks with `speller` from now on (`None`: not at all); a new checker forgets what the old found.
    pub fn set_speller(&mut self, speller: Option<Arc<Speller>>) {
        let same = match (&self.speller, &speller) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.speller = speller;
            self.cache.clear();
        }
    }

    /// The misspelled words of `turn`'s text, checked now if its text is new.
    pub fn misspelled(&mut self, turn: &Turn) -> Vec<Range<usize>> {
        let Some(speller) = &self.speller else {
            return Vec::new();
        };
        let print = fingerprint(&turn.text);
        if let Some((known, found)) = self.cache.get(&turn.id)
            && *known == print
        {
            return found.clone();
        }
        if self.cache.len() > MOST_CACHED {
            self.cache.clear();
        }
        let found = speller.misspelled(&turn.text);
        self.cache.insert(turn.id, (print, found.clone()));
        found
    }

    /// How many turns have been checked since the checker last changed.
    #[cfg(test)]
    pub fn checked(&self) -> usize {
        self.cache.len()
    }
}

impl TurnList {
    /// Opens the menu for the misspelled word of turn `i` at byte `at` (if there is one there), at `pointer`
    /// (`None`: below the word). Whether there was one.
    pub(super) fn open_spell_menu(&mut self, i: usize, turn: &Turn, at: usize, pointer: Option<Pos2>) -> bool {
        let Some(range) = self
            .spelling
            .misspelled(turn)
            .into_iter()
            .find(|r| r.start <= at && at <= r.end)
        else {
            return false;
        };
        let Some(speller) = &self.spelling.speller else {
            return false;
        };
        let word = turn.text[range.clone()].to_string();
        let (sender, finding) = std::sync::mpsc::channel();
        let (speller, asked) = (Arc::clone(speller), word.clone());
        std::thread::spawn(move || {
            let _ = sender.send(speller.suggest(&asked));
        });
        self.spelling.menu = Some(SpellMenu {
            turn: turn.id,
            suggestions: None,
            finding: Some(finding),
            range,
            word,
            at: pointer,
            focus_first: pointer.is_none(),
            back_to_editing: self.editing.as_ref().is_some_and(|e| e.turn == i),
        });
        self.current = Some(i);
        true
    }

    /// For a turn's text as drawn (`galley` at `origin`): a right click on a misspelled word opens its
    /// menu at the pointer; a menu opened by a key is put below its word.
    pub(super) fn spell_menu_events(
        &mut self,
        i: usize,
        turn: &Turn,
        response: &egui::Response,
        galley: &egui::Galley,
        origin: Pos2,
    ) {
        let text = turn.text.as_str();
        if response.secondary_clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let at = crate::edit::ops::byte_offset(text, galley.cursor_from_pos(pointer - origin).index.0);
            self.open_spell_menu(i, turn, at, Some(pointer));
        }
        let to_place = self
            .spelling
            .menu
            .as_mut()
            .filter(|m| m.turn == turn.id && m.at.is_none());
        if let Some(menu) = to_place {
            let chars = text.get(..menu.range.start).map_or(0, |s| s.chars().count());
            let word = galley.pos_from_cursor(egui::text::CCursor::new(chars));
            menu.at = Some(origin + word.left_bottom().to_vec2());
        }
    }

    /// Opens the menu on the misspelled word at the cursor of the edited turn, else on the current turn's
    /// first; says so when there is none.
    pub fn open_spell_menu_here(&mut self, doc: &crate::document::Document) -> bool {
        let (turn, at) = match (self.cursor_byte(), self.current) {
            (Some((turn, at)), _) => (turn, at),
            (None, Some(turn)) => (turn, 0),
            (None, None) => return false,
        };
        let Some(t) = doc.transcript().turns.get(turn) else {
            return false;
        };
        if self.open_spell_menu(turn, t, at, None) {
            return true;
        }
        let first = self.spelling.misspelled(t).first().map(|r| r.start);
        first.is_some_and(|start| self.open_spell_menu(turn, t, start, None))
    }

    /// Draws the open menu on a misspelled word; closes it when it is done with.
    pub(super) fn spell_menu_ui(&mut self, ui: &egui::Ui, doc: &crate::document::Document, actions: &mut Vec<Action>) {
        let Some(menu) = &mut self.spelling.menu else { return };
        if let Some(finding) = &menu.finding {
            match finding.try_recv() {
                Ok(found) => (menu.suggestions, menu.finding) = (Some(found), None),
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ui.ctx().request_repaint_after(std::time::Duration::from_millis(15));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    (menu.suggestions, menu.finding) = (Some(Vec::new()), None)
                }
            }
        }
        let menu = &*menu;
        let Some(i) = doc.transcript().turn_index(menu.turn) else {
            self.spelling.menu = None;
            return;
        };
        let Some(at) = menu.at else { return };
        let id = Id::unique("spell-menu");
        let has_file = doc.path().is_some();
        let mut done = false;
        let mut kept = false;
        let mut focused = false;
        let shown = egui::Popup::new(id, ui.ctx().clone(), at, ui.layer_id())
            .kind(egui::PopupKind::Menu)
            .layout(egui::Layout::top_down_justified(egui::Align::Min))
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                ui.set_min_width(220.0);
                let mut first = true;
                for suggestion in menu.suggestions.iter().flatten() {
                    let button = ui.button(RichText::new(suggestion).strong());
                    if first && menu.focus_first {
                        button.request_focus();
                        focused = true;
                    }
                    first = false;
                    if button.clicked() {
                        actions.push(Action::CorrectWord {
                            turn: menu.turn,
                            range: menu.range.clone(),
                            with: suggestion.clone(),
                        });
                        done = true;
                    }
                }
                match &menu.suggestions {
                    None => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.weak("Looking for suggestions…");
                        });
                    }
                    Some(found) if found.is_empty() => {
                        ui.weak("No suggestions");
                    }
                    Some(_) => {}
                }
                ui.separator();
                let word = &menu.word;
                if ui
                    .button(format!("Add \"{word}\" to my glossary"))
                    .on_hover_text("Your glossary, for every transcript (glossary.txt in the settings folder)")
                    .clicked()
                {
                    actions.push(Action::AddToGlossary {
                        word: word.clone(),
                        beside: false,
                    });
                    kept = true;
                }
                let beside = ui
                    .add_enabled(
                        has_file,
                        egui::Button::new(format!("Add \"{word}\" to this transcript's glossary")),
                    )
                    .on_hover_text("NAME.glossary.txt beside the transcript: it travels with it")
                    .on_disabled_hover_text("Save the transcript first: its glossary is kept beside it");
                if beside.clicked() {
                    actions.push(Action::AddToGlossary {
                        word: word.clone(),
                        beside: true,
                    });
                    kept = true;
                }
                if ui
                    .button(format!("Ignore \"{word}\""))
                    .on_hover_text("Do not mark this word again until the editor is closed")
                    .clicked()
                {
                    actions.push(Action::IgnoreWord(word.clone()));
                    kept = true;
                }
            });
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let clicked_outside = shown.as_ref().is_some_and(|r| {
            ui.input(|i| i.pointer.primary_clicked())
                && !r
                    .response
                    .rect
                    .contains(ui.input(|i| i.pointer.interact_pos()).unwrap_or_default())
        });
        if (kept || escaped) && menu.back_to_editing {
            let text = &doc.transcript().turns[i].text;
            let after = text.get(..menu.range.end).map(|s| s.chars().count());
            actions.push(Action::EditTurn {
                turn: menu.turn,
                cursor: after,
            });
        }
        if done || kept || escaped || clicked_outside || shown.is_none() {
            self.spelling.menu = None;
        } else if let (true, Some(menu)) = (focused, &mut self.spelling.menu) {
            menu.focus_first = false;
        }
    }

    /// Whether the menu on a misspelled word is open.
    pub fn spell_menu_open(&self) -> bool {
        self.spelling.menu.is_some()
    }
}
