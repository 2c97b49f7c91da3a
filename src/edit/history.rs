//! Undo and redo over [`Change`]s, with typing grouped into steps and the saved point remembered.

use super::{Caret, Change, Edit, EditError, apply_all};
use crate::model::Transcript;
use std::time::{Duration, Instant};

/// How a change joins the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Typing into one turn: joins the previous typing step in the same turn made shortly before.
    Typing {
        turn: usize,
    },
    Other,
}

/// A pause longer than this starts a new undo step while typing.
const TYPING_PAUSE: Duration = Duration::from_millis(1500);
/// A typing step never grows past this many edits, so one undo never throws away minutes of typing.
const TYPING_MAX_EDITS: usize = 64;

#[derive(Debug)]
struct Step {
    id: u64,
    label: String,
    kind: StepKind,
    /// Applied in order, these take the document back to before the step.
    inverse: Vec<Edit>,
    last_touched: Instant,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// Id of the newest step when the document was last saved or opened (0: no step).
    saved: Option<u64>,
}

impl History {
    pub fn new() -> Self {
        Self {
            saved: Some(0),
            ..Self::default()
        }
    }

    fn current(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    /// Whether the document differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current())
    }

    /// The document differs from every saved state (it was restored from a recovery snapshot).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current());
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The edits the next undo would apply (the inverses of the newest step), for views that keep
    /// figures up to date by looking at what changes.
    pub fn next_undo(&self) -> Option<&[Edit]> {
        self.undo.last().map(|s| s.inverse.as_slice())
    }

    /// The edits the next redo would apply.
    pub fn next_redo(&self) -> Option<&[Edit]> {
        self.redo.last().map(|s| s.inverse.as_slice())
    }

    /// Applies a change and records it. An empty change records nothing.
    pub fn apply(&mut self, t: &mut Transcript, change: Change) -> Result<(), EditError> {
        self.apply_at(t, change, Instant::now())
    }

    pub fn apply_at(&mut self, t: &mut Transcript, change: Change, now: Instant) -> Result<(), EditError> {
        if change.is_empty() {
            return Ok(());
        }
        let inverse = apply_all(t, change.edits)?;
        self.redo.clear();
        if let (StepKind::Typing { turn }, Some(top)) = (change.kind, self.undo.last_mut())
            && top.kind == (StepKind::Typing { turn })
            && now.duration_since(top.last_touched) < TYPING_PAUSE
            && top.inverse.len() + inverse.len() <= TYPING_MAX_EDITS
            && self.saved != Some(top.id)
        {
            // Undoing the joined step undoes the new edits first, then the older ones.
            let mut joined = inverse;
            joined.append(&mut top.inverse);
            top.inverse = joined;
            top.last_touched = now;
            return Ok(());
        }
        self.next_id += 1;
        self.undo.push(Step {
            id: self.next_id,
            label: change.label,
            kind: change.kind,
            inverse,
            last_touched: now,
        });
        Ok(())
    }

    /// Undoes the newest step; returns where the caret goes (after the text it put back, or on the turn it
    /// touched), or `None` when there was nothing to undo.
    pub fn undo(&mut self, t: &mut Transcript) -> Result<Option<Caret>, EditError> {
        let Some(mut step) = self.undo.pop() else {
            return Ok(None);
        };
        let caret = Caret::after(&step.inverse);
        step.inverse = apply_all(t, std::mem::take(&mut step.inverse))?;
        step.kind = StepKind::Other;
        self.redo.push(step);
        Ok(caret)
    }

    /// Redoes the step undone last; returns where the caret goes, as [`History::undo`] does.
    pub fn redo(&mut self, t: &mut Transcript) -> Result<Option<Caret>, EditError> {
        let Some(mut step) = self.redo.pop() else {
            return Ok(None);
        };
        let caret = Caret::after(&step.inverse);
        step.inverse = apply_all(t, std::mem::take(&mut step.inverse))?;
        self.undo.push(step);
        Ok(caret)
    }

    /// Ends the current typing step, so the next letter starts a new one (cursor moved, focus left).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.kind = StepKind::Other;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ops;

    fn talk() -> Transcript {
        crate::formats::text::parse("A: Een twee.\nB: Drie.\nA: Vier.\n")
    }

    #[test]
    fn undo_puts_the_caret_where_the_typing_began_and_redo_after_the_text_it_puts_back() {
        let mut t = talk();
        let mut h = History::new();
        let typing = ops::set_text(&t, 1, "Drie vier.");
        h.apply(&mut t, typing).expect("types");
        // "Drie" stays; " vier" is new, before the full stop.
        assert_eq!(h.undo(&mut t).expect("undo"), Some(Caret::at(1, 4)));
        assert_eq!(t.turns[1].text, "Drie.");
        assert_eq!(h.redo(&mut t).expect("redo"), Some(Caret::at(1, 9)));
        assert_eq!(&t.turns[1].text[..9], "Drie vier");
    }

    #[test]
    fn undoing_a_change_without_text_selects_the_first_turn_it_touched() {
        let mut t = talk();
        let mut h = History::new();
        let (a, b) = (t.speakers[0].id.clone(), t.speakers[1].id.clone());
        let merge = ops::merge_speakers(&t, &a, &b);
        h.apply(&mut t, merge).expect("merges");
        assert_eq!(h.undo(&mut t).expect("undo"), Some(Caret::select(0)));
        let rename = ops::rename_speaker(&t, &a, "Anna");
        h.apply(&mut t, rename).expect("renames");
        assert_eq!(h.undo(&mut t).expect("undo"), None, "a name is no turn");
        assert_eq!(h.undo(&mut t).expect("nothing left"), None);
    }

    #[test]
    fn changes_say_where_the_caret_goes() {
        let t = talk();
        assert_eq!(ops::split_turn(&t, 0, 4).caret, Some(Caret::at(1, 0)));
        // Backspace at the start of "Drie." leaves the caret before it; Delete at the end of "Een twee."
        // after "twee.".
        assert_eq!(ops::merge_with_previous(&t, 1).caret, Some(Caret::at(0, 10)));
        assert_eq!(ops::join_with_next(&t, 0).caret, Some(Caret::at(0, 9)));
        assert_eq!(ops::insert_turn(&t, 3, None).caret, Some(Caret::at(3, 0)));
        assert_eq!(ops::delete_turn(&t, 2).caret, Some(Caret::select(1)));
        assert_eq!(ops::delete_turn(&t, 0).caret, Some(Caret::select(0)));
        let single = crate::formats::text::parse("A: Alleen.\n");
        assert_eq!(ops::delete_turn(&single, 0).caret, None, "no turn is left to select");
        let b = t.speakers[1].id.clone();
        assert_eq!(
            ops::split_out(&t, 0, 4..8, Some(b.clone())).caret,
            Some(Caret::select(1))
        );
        assert_eq!(ops::split_out(&t, 0, 0..3, Some(b)).caret, Some(Caret::select(0)));
    }
}
