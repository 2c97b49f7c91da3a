//! Changing a transcript. Every change is a list of [`Edit`] values; applying an edit returns its inverse,
//! which is all [`History`] keeps for undo. Undo therefore costs what the change cost, not what the document
//! weighs. No UI here: the window and the command line build the same edits.

pub mod aliases;
pub mod clean;
mod history;
pub mod navigate;
pub mod ops;
pub mod rules;
pub mod search;

pub use history::{History, StepKind};

use crate::model::{Speaker, SpeakerId, Transcript, Turn, Word, words};
use std::ops::Range;

/// One primitive change. Positions are indices into the transcript as it is when the edit is applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replaces the bytes `range` of a turn's text with `text`.
    ReplaceText {
        turn: usize,
        range: Range<usize>,
        text: String,
    },
    /// Puts back the bytes `range` of a turn's text and the words they had: the undo of a `ReplaceText`
    /// in a turn with words, which keeps every word's time exactly as it was.
    RestoreText {
        turn: usize,
        range: Range<usize>,
        text: String,
        words: words::Realigned,
    },
    /// A turn's words (joining turns hands the second one's words to the first).
    SetWords {
        turn: usize,
        words: Vec<Word>,
    },
    SetSpeaker {
        turn: usize,
        speaker: Option<SpeakerId>,
    },
    SetTimes {
        turn: usize,
        start: Option<f64>,
        end: Option<f64>,
    },
    /// Where a turn's words came from: its share of the text first opened, and the turns it was cut with.
    SetOrigin {
        turn: usize,
        original: Option<Box<str>>,
        group: Option<crate::model::SplitGroup>,
    },
    /// Whether the user has checked the turn.
    SetReviewed {
        turn: usize,
        reviewed: bool,
    },
    RenameSpeaker {
        speaker: usize,
        name: String,
    },
    InsertSpeaker {
        index: usize,
        speaker: Speaker,
    },
    RemoveSpeaker {
        index: usize,
    },
    InsertTurn {
        index: usize,
        turn: Turn,
    },
    RemoveTurn {
        index: usize,
    },
    /// The recording the transcript belongs to (JSON's `media`).
    SetMedia {
        media: Option<String>,
    },
}

/// An edit that does not fit the document: a bug in the caller, reported instead of panicking.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot apply the change: {0}")]
pub struct EditError(pub String);

impl Edit {
    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, t: &mut Transcript) -> Result<Edit, EditError> {
        let no_turn = |i: usize| EditError(format!("there is no turn {}", i + 1));
        Ok(match self {
            Edit::ReplaceText { turn, range, text } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                // The first edit keeps the text as it was opened, for showing what changed.
                if tr.original.is_none() {
                    tr.original = Some(tr.text.as_str().into());
                }
                let old = replace_text(tr, turn, range.clone(), &text)?;
                let range = range.start..range.start + text.len();
                if tr.words.is_empty() {
                    return Ok(Edit::ReplaceText { turn, range, text: old });
                }
                // The words follow the text; the undo puts back exactly the words taken out.
                let change = words::realign(&tr.words, &tr.text);
                let (from, count) = (change.from, change.inserted.len());
                let taken = change.apply(&mut tr.words);
                Edit::RestoreText {
                    turn,
                    range,
                    text: old,
                    words: words::Realigned {
                        from,
                        removed: count,
                        inserted: taken,
                    },
                }
            }
            Edit::RestoreText {
                turn,
                range,
                text,
                words,
            } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                let old = replace_text(tr, turn, range.clone(), &text)?;
                words.apply(&mut tr.words);
                Edit::ReplaceText {
                    turn,
                    range: range.start..range.start + text.len(),
                    text: old,
                }
            }
            Edit::SetReviewed { turn, reviewed } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                Edit::SetReviewed {
                    turn,
                    reviewed: std::mem::replace(&mut tr.reviewed, reviewed),
                }
            }
            Edit::SetOrigin { turn, original, group } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                Edit::SetOrigin {
                    turn,
                    original: std::mem::replace(&mut tr.original, original),
                    group: std::mem::replace(&mut tr.group, group),
                }
            }
            Edit::SetWords { turn, words } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                Edit::SetWords {
                    turn,
                    words: std::mem::replace(&mut tr.words, words.into()).into(),
                }
            }
            Edit::SetSpeaker { turn, speaker } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                let old = std::mem::replace(&mut tr.speaker, speaker);
                Edit::SetSpeaker { turn, speaker: old }
            }
            Edit::SetTimes { turn, start, end } => {
                let tr = t.turns.get_mut(turn).ok_or_else(|| no_turn(turn))?;
                let (old_start, old_end) = (
                    std::mem::replace(&mut tr.start, start),
                    std::mem::replace(&mut tr.end, end),
                );
                Edit::SetTimes {
                    turn,
                    start: old_start,
                    end: old_end,
                }
            }
            Edit::RenameSpeaker { speaker, name } => {
                let s = t
                    .speakers
                    .get_mut(speaker)
                    .ok_or_else(|| EditError(format!("there is no speaker {}", speaker + 1)))?;
                let old = std::mem::replace(&mut s.name, name);
                Edit::RenameSpeaker { speaker, name: old }
            }
            Edit::InsertSpeaker { index, speaker } => {
                if index > t.speakers.len() {
                    return Err(EditError(format!("cannot insert a speaker at {}", index + 1)));
                }
                t.speakers.insert(index, speaker);
                Edit::RemoveSpeaker { index }
            }
            Edit::RemoveSpeaker { index } => {
                if index >= t.speakers.len() {
                    return Err(EditError(format!("there is no speaker {}", index + 1)));
                }
                Edit::InsertSpeaker {
                    index,
                    speaker: t.speakers.remove(index),
                }
            }
            Edit::InsertTurn { index, turn } => {
                if index > t.turns.len() {
                    return Err(EditError(format!("cannot insert a turn at {}", index + 1)));
                }
                t.turns.insert(index, turn);
                Edit::RemoveTurn { index }
            }
            Edit::RemoveTurn { index } => {
                if index >= t.turns.len() {
                    return Err(no_turn(index));
                }
                Edit::InsertTurn {
                    index,
                    turn: t.turns.remove(index),
                }
            }
            Edit::SetMedia { media } => Edit::SetMedia {
                media: std::mem::replace(&mut t.meta.media, media),
            },
        })
    }

    /// The turn this edit concerns, for putting the cursor back after undo.
    pub fn turn(&self) -> Option<usize> {
        match self {
            Edit::ReplaceText { turn, .. }
            | Edit::RestoreText { turn, .. }
            | Edit::SetWords { turn, .. }
            | Edit::SetOrigin { turn, .. }
            | Edit::SetReviewed { turn, .. }
            | Edit::SetSpeaker { turn, .. }
            | Edit::SetTimes { turn, .. } => Some(*turn),
            Edit::InsertTurn { index, .. } | Edit::RemoveTurn { index } => Some(*index),
            _ => None,
        }
    }
}

/// Replaces the bytes `range` of turn number `index`'s text, returning what was there.
fn replace_text(turn: &mut Turn, index: usize, range: Range<usize>, text: &str) -> Result<String, EditError> {
    let s = &mut turn.text;
    if range.start > range.end
        || range.end > s.len()
        || !s.is_char_boundary(range.start)
        || !s.is_char_boundary(range.end)
    {
        return Err(EditError(format!(
            "{range:?} is not a range of turn {}'s text",
            index + 1
        )));
    }
    let old = s[range.clone()].to_string();
    s.replace_range(range, text);
    Ok(old)
}

/// Where the user's attention goes after a change, as helix's transactions carry their selection: a turn,
/// and the bytes of its text that the caret covers (an empty range is a plain caret). Without a text range
/// the turn is selected, not edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caret {
    pub turn: usize,
    pub text: Option<Range<usize>>,
}

impl Caret {
    /// The turn is selected; no text caret.
    pub fn select(turn: usize) -> Self {
        Self { turn, text: None }
    }

    /// A caret at byte `at` of the turn's text.
    pub fn at(turn: usize, at: usize) -> Self {
        Self {
            turn,
            text: Some(at..at),
        }
    }

    /// Where the caret goes after `edits` were applied (undo, redo): after the text the last text edit put
    /// in, else on the first turn they touched. `None` when they touched no turn (a speaker's name).
    pub fn after(edits: &[Edit]) -> Option<Self> {
        let text = edits.iter().rev().find_map(|e| match e {
            Edit::ReplaceText { turn, range, text } | Edit::RestoreText { turn, range, text, .. } => {
                Some(Caret::at(*turn, range.start + text.len()))
            }
            _ => None,
        });
        text.or_else(|| edits.iter().filter_map(Edit::turn).min().map(Caret::select))
    }
}

/// A named group of edits that the user sees as one change and undoes in one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub label: String,
    pub edits: Vec<Edit>,
    pub kind: StepKind,
    /// Where the caret goes once the change is made; `None` leaves it where it is (typing, relabelling).
    pub caret: Option<Caret>,
}

impl Change {
    pub fn new(label: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            label: label.into(),
            edits,
            kind: StepKind::Other,
            caret: None,
        }
    }

    /// The same change, with the caret going to `caret` afterwards.
    pub fn with_caret(mut self, caret: Caret) -> Self {
        self.caret = Some(caret);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// Applies edits in order; when one fails, undoes those already applied so the document is unchanged.
/// Returns the inverses in the order they must be applied to undo.
pub fn apply_all(t: &mut Transcript, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(t) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                for inverse in inverses.into_iter().rev() {
                    // Inverses of edits that just succeeded always fit.
                    let _ = inverse.apply(t);
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}
