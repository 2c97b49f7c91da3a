//! Changes to the list of turns: splitting, giving words to another speaker, joining, inserting, moving,
//! deleting, and a turn's times. Each says where the caret goes afterwards.

use crate::edit::{Caret, Change, Edit};
use crate::model::words::{original_cut, realign, words_in};
use crate::model::{SpeakerId, SplitGroup, Transcript, Turn, Word};
use std::ops::Range;

/// Each part's share of a turn's original when its text is cut at the bytes `cuts` (in order): the parts'
/// originals, one more than the cuts. Every original word is in exactly one part.
fn shares_of_original(turn: &Turn, cuts: &[usize]) -> Vec<Box<str>> {
    let original = turn.as_opened();
    let mut bounds: Vec<usize> = cuts.iter().map(|&at| original_cut(original, &turn.text, at)).collect();
    // A later cut never falls before an earlier one in the original.
    for i in 1..bounds.len() {
        bounds[i] = bounds[i].max(bounds[i - 1]);
    }
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for to in bounds.into_iter().chain(std::iter::once(original.len())) {
        parts.push(original[from..to].trim().into());
        from = to;
    }
    parts
}

/// The edit that records what a turn now holds of the original, and that it was cut from one turn with others.
fn set_origin(turn: usize, original: Box<str>, group: SplitGroup) -> Edit {
    Edit::SetOrigin {
        turn,
        original: Some(original),
        group: Some(group),
    }
}

/// Splits the time span of a turn at a share of its characters: `(start, end)` of the two parts, or `None`
/// when the turn does not have both times.
fn split_times(start: Option<f64>, end: Option<f64>, before_chars: usize, total_chars: usize) -> Option<f64> {
    let (start, end) = (start?, end?);
    if total_chars == 0 {
        return Some(start);
    }
    let share = before_chars as f64 / total_chars as f64;
    Some(start + (end - start) * share)
}

/// Where a turn is cut at byte `at`: the end of the part before and the start of the part after. From the
/// words' times where the turn has them (the last word before the cut ends, the first after it starts),
/// else a share of the span by characters.
fn cut_times(turn: &Turn, at: usize) -> (Option<f64>, Option<f64>) {
    let before = words_in(&turn.text, &turn.words, 0..at);
    let after = words_in(&turn.text, &turn.words, at..turn.text.len());
    let end = before.iter().rev().find_map(|w| w.end);
    let start = after.iter().find_map(|w| w.start);
    let share = split_times(
        turn.start,
        turn.end,
        turn.text[..at].chars().count(),
        turn.text.chars().count(),
    );
    // Words can lie outside the turn's span (joined from elsewhere): a cut is within it.
    let within = |x: Option<f64>| match (x, turn.start, turn.end) {
        (Some(x), Some(s), Some(e)) if s <= e => Some(x.clamp(s, e)),
        (Some(x), Some(s), None) => Some(x.max(s)),
        (Some(x), None, Some(e)) => Some(x.min(e)),
        _ => x,
    };
    (within(end.or(start).or(share)), within(start.or(end).or(share)))
}

/// Byte offset of a character index in `s` (clamped to the end).
pub fn byte_offset(s: &str, char_index: usize) -> usize {
    s.char_indices().nth(char_index).map_or(s.len(), |(i, _)| i)
}

/// Splits a turn at byte `at`: the text after it becomes a new turn of the same speaker, right below.
/// Spaces at the cut are dropped. Times are shared by the number of characters on each side.
pub fn split_turn(t: &Transcript, turn: usize, at: usize) -> Change {
    let mut change = Change::new("Split turn", Vec::new());
    let Some(original) = t.turns.get(turn) else {
        return change;
    };
    let text = &original.text;
    if !text.is_char_boundary(at.min(text.len())) {
        return change;
    }
    let at = at.min(text.len());
    let left_end = text[..at].trim_end().len();
    let right_start = at + (text[at..].len() - text[at..].trim_start().len());
    let (left_ends, right_starts) = cut_times(original, at);
    let group = original.group.unwrap_or_else(SplitGroup::fresh);
    let [left_original, right_original]: [Box<str>; 2] = shares_of_original(original, &[at])
        .try_into()
        .unwrap_or_else(|_| [Box::from(""), Box::from("")]);
    let mut new_turn = Transcript::make_turn(original.speaker.clone(), &text[right_start..]);
    new_turn.words = words_in(text, &original.words, right_start..text.len()).into();
    // Each part keeps its own share of what was first opened, and both know they were one turn.
    new_turn.original = Some(right_original);
    new_turn.group = Some(group);
    new_turn.start = right_starts;
    new_turn.end = crate::model::end_not_before(right_starts, right_starts.and(original.end));
    change.edits.push(Edit::ReplaceText {
        turn,
        range: left_end..text.len(),
        text: String::new(),
    });
    change.edits.push(set_origin(turn, left_original, group));
    if left_ends.is_some() {
        change.edits.push(Edit::SetTimes {
            turn,
            start: original.start,
            end: crate::model::end_not_before(original.start, left_ends),
        });
    }
    change.edits.push(Edit::InsertTurn {
        index: turn + 1,
        turn: new_turn,
    });
    change.with_caret(Caret::at(turn + 1, 0))
}

/// Gives the bytes `range` of a turn to `speaker` as a turn of their own: the turn becomes up to three
/// (before, the interjection, after), as for a "Ja." inside another speaker's turn. The range is taken
/// to whole words with their punctuation (a double click selects `Ja` of `Ja.`: the full stop goes with
/// it). The speaker may be the turn's own (a turn split in three).
pub fn split_out(t: &Transcript, turn: usize, range: std::ops::Range<usize>, speaker: Option<SpeakerId>) -> Change {
    let mut change = Change::new("Split off an interjection", Vec::new());
    let Some(original) = t.turns.get(turn) else {
        return change;
    };
    let text = &original.text;
    if range.start >= range.end
        || range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return change;
    }
    let range = crate::model::tokens::whole_tokens(text, range);
    let before = text[..range.start].trim_end();
    let middle = text[range.clone()].trim();
    let after = text[range.end..].trim_start();
    if middle.is_empty() {
        return change;
    }
    let (before_ends, middle_starts) = cut_times(original, range.start);
    let (middle_ends, after_starts) = cut_times(original, range.end);
    let group = original.group.unwrap_or_else(SplitGroup::fresh);
    let mut shares = shares_of_original(original, &[range.start, range.end]).into_iter();
    let (mut before_share, mut middle_share, mut after_share) = (
        shares.next().unwrap_or_default().into_string(),
        shares.next().unwrap_or_default().into_string(),
        shares.next().unwrap_or_default().into_string(),
    );
    // A part left without words hands its share of the original to the interjection beside it.
    if before.is_empty() {
        middle_share = joined(&before_share, &middle_share);
        before_share.clear();
    }
    if after.is_empty() {
        middle_share = joined(&middle_share, &after_share);
        after_share.clear();
    }
    let make = |speaker: Option<SpeakerId>, part: Range<usize>, share: &str, start: Option<f64>, end: Option<f64>| {
        let mut piece = Transcript::make_turn(speaker, text[part.clone()].trim());
        piece.words = words_in(text, &original.words, part).into();
        piece.original = Some(share.into());
        piece.group = Some(group);
        piece.start = start;
        piece.end = crate::model::end_not_before(start, end);
        piece
    };
    let (first_start, first_end) = (original.start, before_ends.or(original.end));
    let mut pieces = Vec::new();
    if !before.is_empty() {
        pieces.push(make(
            original.speaker.clone(),
            0..range.start,
            &before_share,
            first_start,
            first_end,
        ));
    }
    let name = t.speaker_name(speaker.as_ref()).unwrap_or("no speaker").to_string();
    pieces.push(make(speaker, range.clone(), &middle_share, middle_starts, middle_ends));
    if !after.is_empty() {
        pieces.push(make(
            original.speaker.clone(),
            range.end..text.len(),
            &after_share,
            after_starts,
            after_starts.and(original.end),
        ));
    }
    // The first piece keeps the original turn (its id and extra fields); the rest are inserted after it.
    let first = pieces.remove(0);
    change.edits.push(Edit::ReplaceText {
        turn,
        range: 0..text.len(),
        text: first.text,
    });
    if !original.words.is_empty() {
        change.edits.push(Edit::SetWords {
            turn,
            words: first.words.into(),
        });
    }
    change.edits.push(Edit::SetOrigin {
        turn,
        original: first.original,
        group: first.group,
    });
    if first.speaker != original.speaker {
        change.edits.push(Edit::SetSpeaker {
            turn,
            speaker: first.speaker,
        });
    }
    if (first.start, first.end) != (original.start, original.end) {
        change.edits.push(Edit::SetTimes {
            turn,
            start: first.start,
            end: first.end,
        });
    }
    // The interjection is selected: the first piece unless words came before it.
    let interjection = if before.is_empty() { turn } else { turn + 1 };
    for (k, piece) in pieces.into_iter().enumerate() {
        change.edits.push(Edit::InsertTurn {
            index: turn + 1 + k,
            turn: piece,
        });
    }
    change.label = format!("Give \"{middle}\" to {name}");
    change.with_caret(Caret::select(interjection))
}

/// Two texts one after the other, a space between where both have words.
fn joined(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} {b}"),
    }
}

/// Joins a turn onto the one before it: the text is appended, the first start and the last end are kept.
/// The caret goes to the start of the joined text (as Backspace at the start of a turn leaves it).
pub fn merge_with_previous(t: &Transcript, turn: usize) -> Change {
    join(t, turn, false)
}

/// Joins the turn below onto this one; the caret stays at the end of this turn's text (as Delete at the end
/// of a turn leaves it).
pub fn join_with_next(t: &Transcript, turn: usize) -> Change {
    join(t, turn + 1, true)
}

fn join(t: &Transcript, turn: usize, caret_before_joint: bool) -> Change {
    let mut change = Change::new("Merge turns", Vec::new());
    let (Some(prev_index), Some(this)) = (turn.checked_sub(1), t.turns.get(turn)) else {
        return change;
    };
    let prev = &t.turns[prev_index];
    let joiner = if prev.text.is_empty() || this.text.is_empty() {
        ""
    } else {
        " "
    };
    change.edits.push(Edit::ReplaceText {
        turn: prev_index,
        range: prev.text.len()..prev.text.len(),
        text: format!("{joiner}{}", this.text),
    });
    // The joined turn's words come along with their times, after the words before them (or typed ones,
    // where the turn before had words and this one had none).
    if !prev.words.is_empty() || !this.words.is_empty() {
        let words_of = |turn: &Turn| {
            if turn.words.is_empty() {
                turn.text.split_whitespace().map(crate::model::Word::typed).collect()
            } else {
                turn.words.to_vec()
            }
        };
        let mut words = words_of(prev);
        words.extend(words_of(this));
        change.edits.push(Edit::SetWords {
            turn: prev_index,
            words,
        });
    }
    // What each held when first opened goes with the words: the joined turn holds both shares.
    let original = joined(prev.as_opened(), this.as_opened());
    let group = prev.group.or(this.group);
    change.edits.push(Edit::SetOrigin {
        turn: prev_index,
        original: Some(original.into()),
        group,
    });
    let start = prev.start.or(this.start);
    let end = crate::model::end_not_before(start, this.end.or(prev.end));
    if (start, end) != (prev.start, prev.end) {
        change.edits.push(Edit::SetTimes {
            turn: prev_index,
            start,
            end,
        });
    }
    change.edits.push(Edit::RemoveTurn { index: turn });
    let caret = if caret_before_joint {
        prev.text.len()
    } else {
        prev.text.len() + joiner.len()
    };
    change.with_caret(Caret::at(prev_index, caret))
}

/// Whether the keys at a turn's edges (Backspace at its start, Delete at its end) may join turns `a` and
/// `b`: only when they are one speaker's, or neither names one, so that a key never hides another
/// speaker's words inside a turn. The Turn menu joins any two.
pub fn keys_may_join(a: &Turn, b: &Turn) -> bool {
    a.speaker == b.speaker
}

/// Inserts an empty turn at `index` for `speaker`.
pub fn insert_turn(t: &Transcript, index: usize, speaker: Option<SpeakerId>) -> Change {
    let index = index.min(t.turns.len());
    let turn = Transcript::make_turn(speaker, "");
    Change::new("Insert turn", vec![Edit::InsertTurn { index, turn }]).with_caret(Caret::at(index, 0))
}

/// Puts a turn's text back as it was first opened.
pub fn revert_turn(t: &Transcript, turn: usize) -> Change {
    let edits = match t.turns.get(turn) {
        Some(x) if x.is_changed() => vec![Edit::ReplaceText {
            turn,
            range: 0..x.text.len(),
            text: x.original.as_deref().unwrap_or_default().to_string(),
        }],
        _ => Vec::new(),
    };
    Change::new("Revert turn to original", edits).with_caret(Caret::select(turn))
}

/// Joins the turns cut from one turn (split, or an interjection given away) back into that turn as it was
/// first opened: each part's own share of the original, in order, in the place of the first part, given
/// to the speaker who held most of its words, from the first start to the last end. Words keep their
/// times where they were not changed. A turn never cut is reverted alone ([`revert_turn`]).
pub fn revert_group(t: &Transcript, turn: usize) -> Change {
    let members = t.group_of(turn);
    let Some(&first) = members.first() else {
        return Change::new("Join back as first opened", Vec::new());
    };
    if members.len() < 2 {
        return revert_turn(t, turn);
    }
    let parts: Vec<&Turn> = members.iter().map(|&i| &t.turns[i]).collect();
    let text = parts.iter().fold(String::new(), |acc, x| joined(&acc, x.as_opened()));
    let mut words = Vec::new();
    if parts.iter().any(|x| !x.words.is_empty()) {
        for x in &parts {
            let mut own: Vec<Word> = if x.words.is_empty() {
                x.text.split_whitespace().map(Word::typed).collect()
            } else {
                x.words.to_vec()
            };
            if x.is_changed() {
                realign(&own, x.as_opened()).apply(&mut own);
            }
            words.extend(own);
        }
    }
    // The speaker who said most of it (the first of them on a tie).
    let mut said: Vec<(Option<&SpeakerId>, usize)> = Vec::new();
    for x in &parts {
        let n = crate::model::words::count_words(x.as_opened());
        match said.iter_mut().find(|(s, _)| *s == x.speaker.as_ref()) {
            Some((_, count)) => *count += n,
            None => said.push((x.speaker.as_ref(), n)),
        }
    }
    let speaker = said.iter().rev().max_by_key(|(_, n)| *n).and_then(|(s, _)| s.cloned());
    let start = parts.iter().filter_map(|x| x.start).min_by(f64::total_cmp);
    let end = crate::model::end_not_before(start, parts.iter().filter_map(|x| x.end).max_by(f64::total_cmp));
    let head = parts[0];
    let mut edits: Vec<Edit> = members[1..]
        .iter()
        .rev()
        .map(|&index| Edit::RemoveTurn { index })
        .collect();
    edits.push(Edit::ReplaceText {
        turn: first,
        range: 0..head.text.len(),
        text: text.clone(),
    });
    if !words.is_empty() {
        edits.push(Edit::SetWords { turn: first, words });
    }
    edits.push(Edit::SetOrigin {
        turn: first,
        original: Some(text.into()),
        group: None,
    });
    if head.speaker != speaker {
        edits.push(Edit::SetSpeaker { turn: first, speaker });
    }
    if (head.start, head.end) != (start, end) {
        edits.push(Edit::SetTimes {
            turn: first,
            start,
            end,
        });
    }
    let label = format!("Join {} turns back as first opened", members.len());
    Change::new(label, edits).with_caret(Caret::select(first))
}

/// Marks a turn as checked against the recording, or not.
pub fn set_reviewed(t: &Transcript, turn: usize, reviewed: bool) -> Change {
    let edits = if t.turns.get(turn).is_some_and(|x| x.reviewed != reviewed) {
        vec![Edit::SetReviewed { turn, reviewed }]
    } else {
        Vec::new()
    };
    let label = if reviewed { "Mark reviewed" } else { "Mark not reviewed" };
    Change::new(label, edits)
}

/// Moves a turn one place up (`up`) or down, past its neighbour; the moved turn stays selected.
pub fn move_turn(t: &Transcript, index: usize, up: bool) -> Change {
    let other = if up { index.checked_sub(1) } else { Some(index + 1) };
    let (Some(turn), Some(other)) = (t.turns.get(index), other.filter(|&o| o < t.turns.len())) else {
        return Change::new("Move turn", Vec::new());
    };
    let edits = vec![
        Edit::RemoveTurn { index },
        Edit::InsertTurn {
            index: other,
            turn: turn.clone(),
        },
    ];
    let label = if up { "Move turn up" } else { "Move turn down" };
    Change::new(label, edits).with_caret(Caret::select(other))
}

/// Removes a turn; the turn that takes its place (or the new last one) is selected.
pub fn delete_turn(t: &Transcript, index: usize) -> Change {
    if index >= t.turns.len() {
        return Change::new("Delete turn", Vec::new());
    }
    let change = Change::new("Delete turn", vec![Edit::RemoveTurn { index }]);
    match t.turns.len() - 1 {
        0 => change,
        left => change.with_caret(Caret::select(index.min(left - 1))),
    }
}

#[cfg(test)]
mod move_tests {
    use super::*;
    use crate::edit::History;

    #[test]
    fn a_turn_moves_past_its_neighbour_and_back_with_undo() {
        let mut t = crate::formats::text::parse("A: een\nB: twee\nA: drie\n");
        let original = t.clone();
        let mut h = History::new();
        let up = move_turn(&t, 2, true);
        assert_eq!(up.caret, Some(Caret::select(1)));
        h.apply(&mut t, up).expect("moves");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["een", "drie", "twee"]);
        h.undo(&mut t).expect("undo");
        assert_eq!(t, original);
        assert!(move_turn(&t, 0, true).is_empty(), "the first turn cannot go up");
        assert!(move_turn(&t, 2, false).is_empty(), "the last cannot go down");
    }
}

#[cfg(test)]
mod turn_tests {
    use super::*;
    use crate::edit::History;

    fn timed() -> Transcript {
        let mut t = Transcript::new();
        let h = t.intern_speaker("H");
        t.intern_speaker("Mia");
        let turn = t.push_turn(Some(h), "Zeker. Ja. In de praktijk");
        turn.start = Some(10.0);
        turn.end = Some(35.0);
        t
    }

    #[test]
    fn split_at_the_cursor_shares_times_by_characters() {
        let mut t = timed();
        let before = t.clone();
        let mut h = History::new();
        let c = split_turn(&t, 0, 7);
        h.apply(&mut t, c).expect("splits");
        assert_eq!(t.turns.len(), 2);
        assert_eq!(t.turns[0].text, "Zeker.");
        assert_eq!(t.turns[1].text, "Ja. In de praktijk");
        assert_eq!(t.turns[1].speaker, t.turns[0].speaker);
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(10.0), Some(17.0)));
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(17.0), Some(35.0)));
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }

    #[test]
    fn an_interjection_becomes_its_own_turn() {
        let mut t = timed();
        let before = t.clone();
        let mia = t.speakers[1].id.clone();
        let text = t.turns[0].text.clone();
        let start = text.find("Ja.").expect("Ja.");
        let mut h = History::new();
        let c = split_out(&t, 0, start..start + 3, Some(mia.clone()));
        assert_eq!(c.label, "Give \"Ja.\" to Mia");
        h.apply(&mut t, c).expect("splits");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Zeker.", "Ja.", "In de praktijk"]);
        assert_eq!(t.turns[1].speaker, Some(mia));
        assert_eq!(t.turns[2].speaker, t.turns[0].speaker);
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(17.0), Some(20.0)));
        assert_eq!((t.turns[2].start, t.turns[2].end), (Some(20.0), Some(35.0)));
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }

    #[test]
    fn an_interjection_at_the_start_keeps_the_first_turn() {
        let mut t = timed();
        let mia = t.speakers[1].id.clone();
        let c = split_out(&t, 0, 0..6, Some(mia.clone()));
        let mut h = History::new();
        h.apply(&mut t, c).expect("splits");
        assert_eq!(t.turns.len(), 2);
        assert_eq!(
            (t.turns[0].text.as_str(), t.turns[0].speaker.clone()),
            ("Zeker.", Some(mia))
        );
    }

    #[test]
    fn merging_keeps_the_first_start_and_the_last_end() {
        let mut t = timed();
        let c = split_turn(&t, 0, 7);
        let mut h = History::new();
        h.apply(&mut t, c).expect("splits");
        let c = merge_with_previous(&t, 1);
        h.apply(&mut t, c).expect("merges");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].text, "Zeker. Ja. In de praktijk");
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(10.0), Some(35.0)));
        assert!(merge_with_previous(&t, 0).is_empty());
    }

    #[test]
    fn insert_and_delete_turns() {
        let mut t = timed();
        let before = t.clone();
        let mut h = History::new();
        let c = insert_turn(&t, 1, None);
        h.apply(&mut t, c).expect("inserts");
        assert_eq!(t.turns.len(), 2);
        assert_ne!(t.turns[1].id, t.turns[0].id);
        let c = delete_turn(&t, 0);
        h.apply(&mut t, c).expect("deletes");
        assert_eq!(t.turns.len(), 1);
        assert!(t.turns[0].text.is_empty());
        h.undo(&mut t).expect("undo");
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }
}
