//! Word and speaker counts kept up to date edit by edit.

use super::Document;
use crate::edit::Edit;

/// Keeps [`Stats`] up to date across a change that touches a few turns' text or speaker, so typing into a
/// long transcript never recounts a million words. Other changes leave the figures to be recomputed.
pub(super) struct StatsTracker {
    /// For each touched turn: its number, and what it counted for before the change.
    before: Option<Vec<(usize, Counted)>>,
}

/// What one turn counts for: its speaker's index, its words, whether it is reviewed and whether its text
/// changed.
type Counted = (Option<usize>, usize, bool, bool);

/// Past this many edits a full recount is as cheap as tracking.
const TRACK_LIMIT: usize = 256;

impl StatsTracker {
    pub(super) fn before(doc: &Document, edits: &[Edit]) -> Self {
        let fresh = doc.stats.as_ref().is_some_and(|(rev, _)| *rev == doc.revision);
        let simple = edits.len() <= TRACK_LIMIT
            && edits.iter().all(|e| {
                matches!(
                    e,
                    Edit::ReplaceText { .. }
                        | Edit::RestoreText { .. }
                        | Edit::SetWords { .. }
                        | Edit::SetOrigin { .. }
                        | Edit::SetReviewed { .. }
                        | Edit::SetSpeaker { .. }
                        | Edit::SetTimes { .. }
                        | Edit::RenameSpeaker { .. }
                )
            });
        if !(fresh && simple) {
            return Self { before: None };
        }
        let mut turns: Vec<usize> = edits.iter().filter_map(Edit::turn).collect();
        turns.sort_unstable();
        turns.dedup();
        Self {
            before: Some(turns.into_iter().map(|i| (i, counted(doc, i))).collect()),
        }
    }

    pub(super) fn after(self, doc: &mut Document) {
        let Some(before) = self.before else { return };
        let after: Vec<Counted> = before.iter().map(|&(i, _)| counted(doc, i)).collect();
        let revision = doc.revision;
        let Some((rev, stats)) = &mut doc.stats else { return };
        for (&(_, (old_speaker, old_words, was, had)), &(new_speaker, new_words, is, has)) in before.iter().zip(&after)
        {
            stats.words = stats.words + new_words - old_words;
            stats.reviewed = stats.reviewed + usize::from(is) - usize::from(was);
            stats.changed = stats.changed + usize::from(has) - usize::from(had);
            if let Some(s) = old_speaker.and_then(|s| stats.speakers.get_mut(s)) {
                s.turns -= 1;
                s.words -= old_words;
            }
            if let Some(s) = new_speaker.and_then(|s| stats.speakers.get_mut(s)) {
                s.turns += 1;
                s.words += new_words;
            }
        }
        *rev = revision;
    }
}

fn speaker_of(doc: &Document, turn: usize) -> Option<usize> {
    let id = doc.transcript.turns.get(turn)?.speaker.as_ref()?;
    doc.transcript.speaker_index(id)
}

fn counted(doc: &Document, turn: usize) -> Counted {
    let t = doc.transcript.turns.get(turn);
    (
        speaker_of(doc, turn),
        words_of(doc, turn),
        t.is_some_and(|t| t.reviewed),
        t.is_some_and(crate::model::Turn::is_changed),
    )
}

fn words_of(doc: &Document, turn: usize) -> usize {
    doc.transcript.turns.get(turn).map_or(0, crate::model::Turn::word_count)
}
