//! The changes a user asks for, built as [`Change`]s from the current document. Each function only reads
//! the transcript; [`super::History::apply`] makes the change.

mod times;
mod turns;

pub use times::{Retime, estimated_ends, fill_ends, retime, set_times};
pub use turns::{
    byte_offset, delete_turn, insert_turn, join_with_next, keys_may_join, merge_with_previous, move_turn, revert_group,
    revert_turn, set_reviewed, split_out, split_turn,
};

use super::{Change, Edit, StepKind};
use crate::model::{Extra, Speaker, SpeakerId, Transcript};

/// The smallest replacement that turns a turn's text into `new`: what typing produces.
pub fn set_text(t: &Transcript, turn: usize, new: &str) -> Change {
    let Some(old) = t.turns.get(turn).map(|x| x.text.as_str()) else {
        return Change::new("Edit text", Vec::new());
    };
    let mut change = Change::new("Typing", Vec::new());
    change.kind = StepKind::Typing { turn };
    if old == new {
        return change;
    }
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    change.edits.push(Edit::ReplaceText {
        turn,
        range: prefix..old.len() - suffix,
        text: new[prefix..new.len() - suffix].to_string(),
    });
    change
}

/// Puts `with` in place of the bytes `range` of a turn's text (a spelling suggestion taken), the caret
/// after it. Nothing when the range is no longer in the text.
pub fn correct_word(t: &Transcript, turn: usize, range: std::ops::Range<usize>, with: &str) -> Change {
    let fits = t.turns.get(turn).is_some_and(|x| x.text.get(range.clone()).is_some());
    if !fits {
        return Change::new("Correct spelling", Vec::new());
    }
    let after = range.start + with.len();
    let edit = Edit::ReplaceText {
        turn,
        range: range.clone(),
        text: with.to_string(),
    };
    Change::new("Correct spelling", vec![edit]).with_caret(super::Caret {
        turn,
        text: Some(after..after),
    })
}

/// Byte length of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
        .min(b.len())
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

/// Gives one turn another speaker (or none).
pub fn relabel_turn(t: &Transcript, turn: usize, speaker: Option<SpeakerId>) -> Change {
    let unchanged = t.turns.get(turn).is_none_or(|x| x.speaker == speaker);
    let name = t.speaker_name(speaker.as_ref()).unwrap_or("no speaker").to_string();
    let edits = if unchanged {
        Vec::new()
    } else {
        vec![Edit::SetSpeaker { turn, speaker }]
    };
    Change::new(format!("Give turn {} to {name}", turn + 1), edits)
}

/// Gives one turn to the speaker called `name`, adding that speaker when there is none: one undo step.
pub fn relabel_to_speaker_named(t: &Transcript, turn: usize, name: &str) -> Change {
    let name = name.trim();
    if name.is_empty() {
        return Change::new("Relabel turn", Vec::new());
    }
    let (mut change, id) = match t.speaker_by_name(name) {
        Some(s) => (Change::new("", Vec::new()), s.id.clone()),
        None => add_speaker(t, name),
    };
    change.label = format!("Give turn {} to {name}", turn + 1);
    change.edits.extend(relabel_turn(t, turn, Some(id)).edits);
    change
}

/// Renames a speaker everywhere: one edit, whatever the number of turns.
pub fn rename_speaker(t: &Transcript, id: &SpeakerId, name: &str) -> Change {
    let name = name.trim();
    let edits = match t.speaker_index(id) {
        Some(i) if !name.is_empty() && t.speakers[i].name != name => vec![Edit::RenameSpeaker {
            speaker: i,
            name: name.to_string(),
        }],
        _ => Vec::new(),
    };
    Change::new(format!("Rename speaker to {name}"), edits)
}

/// Moves every turn of `from` to `into` and removes `from`.
pub fn merge_speakers(t: &Transcript, from: &SpeakerId, into: &SpeakerId) -> Change {
    let (Some(from_index), true) = (t.speaker_index(from), t.speaker(into).is_some()) else {
        return Change::new("Merge speakers", Vec::new());
    };
    if from == into {
        return Change::new("Merge speakers", Vec::new());
    }
    let mut edits: Vec<Edit> = t
        .turns
        .iter()
        .enumerate()
        .filter(|(_, x)| x.speaker.as_ref() == Some(from))
        .map(|(i, _)| Edit::SetSpeaker {
            turn: i,
            speaker: Some(into.clone()),
        })
        .collect();
    edits.push(Edit::RemoveSpeaker { index: from_index });
    let label = format!(
        "Merge {} into {}",
        t.speakers[from_index].name,
        t.speaker_name(Some(into)).unwrap_or_default()
    );
    Change::new(label, edits)
}

/// Links the transcript to its recording (`None`: no recording); the same link makes no change.
pub fn set_media(t: &Transcript, media: Option<String>) -> Change {
    let edits = if t.meta.media == media {
        Vec::new()
    } else {
        vec![Edit::SetMedia { media }]
    };
    Change::new("Link the recording", edits)
}

/// Adds a speaker at the end of the list; returns the change and the new id.
pub fn add_speaker(t: &Transcript, name: &str) -> (Change, SpeakerId) {
    let id = t.unused_speaker_id();
    let speaker = Speaker {
        id: id.clone(),
        name: name.trim().to_string(),
        extra: Extra::new(),
    };
    let edits = vec![Edit::InsertSpeaker {
        index: t.speakers.len(),
        speaker,
    }];
    (Change::new(format!("Add speaker {}", name.trim()), edits), id)
}

/// Removes a speaker who has no turns. Returns `None` while turns still use the speaker.
pub fn delete_speaker(t: &Transcript, id: &SpeakerId) -> Option<Change> {
    let index = t.speaker_index(id)?;
    if t.turns.iter().any(|x| x.speaker.as_ref() == Some(id)) {
        return None;
    }
    Some(Change::new(
        format!("Delete speaker {}", t.speakers[index].name),
        vec![Edit::RemoveSpeaker { index }],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn sample() -> Transcript {
        crate::formats::text::parse(
            "Hakar: Welkom bij de podcast.\nMia: Dank je.\nH: Zeker. Ja.\nMia: Precies.\nH: Tot ziens.\n",
        )
    }

    #[test]
    fn set_text_records_only_the_changed_bytes() {
        let t = sample();
        let c = set_text(&t, 1, "Dank je wel.");
        assert_eq!(
            c.edits,
            [Edit::ReplaceText {
                turn: 1,
                range: 7..7,
                text: " wel".into()
            }]
        );
        let c = set_text(&t, 0, "Welkom bij de podcast!");
        assert_eq!(c.edits.len(), 1);
        assert!(set_text(&t, 0, "Welkom bij de podcast.").is_empty());
    }

    #[test]
    fn a_corrected_word_is_one_step_with_the_caret_after_it_and_a_stale_range_is_nothing() {
        let mut t = crate::formats::text::parse("Mia: De organisatei is groot.\n");
        let c = correct_word(&t, 0, 3..14, "organisatie");
        assert_eq!(c.caret.as_ref().and_then(|c| c.text.clone()), Some(14..14));
        let mut h = History::new();
        h.apply(&mut t, c).expect("applies");
        assert_eq!(t.turns[0].text, "De organisatie is groot.");
        h.undo(&mut t).expect("undo");
        assert_eq!(t.turns[0].text, "De organisatei is groot.");
        assert!(correct_word(&t, 0, 20..40, "x").is_empty());
        assert!(correct_word(&t, 3, 0..1, "x").is_empty());
    }

    #[test]
    fn set_text_handles_multibyte_characters() {
        let mut t = Transcript::new();
        t.push_turn(None, "één ëën");
        let c = set_text(&t, 0, "één ééën");
        let mut h = History::new();
        h.apply(&mut t, c).expect("applies");
        assert_eq!(t.turns[0].text, "één ééën");
        h.undo(&mut t).expect("undo");
        assert_eq!(t.turns[0].text, "één ëën");
    }

    #[test]
    fn merge_moves_all_turns_and_undo_restores_them() {
        let mut t = sample();
        let before = t.clone();
        let mut h = History::new();
        let (from, into) = (t.speakers[2].id.clone(), t.speakers[0].id.clone());
        let c = merge_speakers(&t, &from, &into);
        h.apply(&mut t, c).expect("merges");
        assert_eq!(
            t.speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["Hakar", "Mia"]
        );
        assert_eq!(t.speaker_stats()[0].turns, 3);
        assert!(h.is_dirty());
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
        assert!(!h.is_dirty());
        h.redo(&mut t).expect("redo");
        assert_eq!(t.speakers.len(), 2);
    }

    #[test]
    fn relabel_to_a_new_name_adds_the_speaker_in_the_same_step() {
        let mut t = sample();
        let before = t.clone();
        let mut h = History::new();
        let c = relabel_to_speaker_named(&t, 3, "  Gast ");
        h.apply(&mut t, c).expect("relabels");
        assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("Gast"));
        let c = relabel_to_speaker_named(&t, 0, "Mia");
        h.apply(&mut t, c).expect("relabels to an existing speaker");
        assert_eq!(t.speakers.len(), 4, "no second Mia");
        h.undo(&mut t).expect("undo");
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }

    #[test]
    fn rename_is_one_edit_and_ignores_blank_names() {
        let t = sample();
        let id = t.speakers[2].id.clone();
        assert_eq!(rename_speaker(&t, &id, "Hakar B.").edits.len(), 1);
        assert!(rename_speaker(&t, &id, "   ").is_empty());
        assert!(rename_speaker(&t, &id, "H").is_empty());
    }

    #[test]
    fn a_speaker_with_turns_cannot_be_deleted() {
        let mut t = sample();
        let id = t.speakers[1].id.clone();
        assert!(delete_speaker(&t, &id).is_none());
        let (c, new) = add_speaker(&t, "Gast");
        let mut h = History::new();
        h.apply(&mut t, c).expect("adds");
        let c = delete_speaker(&t, &new).expect("unused speaker can go");
        h.apply(&mut t, c).expect("deletes");
        assert!(t.speaker(&new).is_none());
    }

    #[test]
    fn typing_joins_into_one_step_until_a_pause() {
        let mut t = sample();
        let mut h = History::new();
        let start = std::time::Instant::now();
        let mut text = t.turns[1].text.clone();
        for (i, ch) in " wel".chars().enumerate() {
            text.insert(text.len() - 1, ch);
            let c = set_text(&t, 1, &text);
            h.apply_at(&mut t, c, start + std::time::Duration::from_millis(100 * i as u64))
                .expect("types");
        }
        let c = set_text(&t, 1, "Dank je wel!");
        h.apply_at(&mut t, c, start + std::time::Duration::from_secs(10))
            .expect("types");
        h.undo(&mut t).expect("undo");
        assert_eq!(t.turns[1].text, "Dank je wel.");
        h.undo(&mut t).expect("undo");
        assert_eq!(t.turns[1].text, "Dank je.");
        assert!(!h.is_dirty());
    }
}
