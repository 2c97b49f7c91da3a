//! A turn's times: set by the user, or the ends estimated for turns that have a start only.

use crate::edit::{Change, Edit};
use crate::model::Transcript;

/// Gives a turn new times (`None`: none); unchanged times make no change.
pub fn set_times(t: &Transcript, turn: usize, start: Option<f64>, end: Option<f64>) -> Change {
    let unchanged = t.turns.get(turn).is_none_or(|x| (x.start, x.end) == (start, end));
    let edits = if unchanged {
        Vec::new()
    } else {
        vec![Edit::SetTimes { turn, start, end }]
    };
    Change::new(format!("Change the times of turn {}", turn + 1), edits)
}

/// Ends every turn that has a start and no end (see [`estimated_ends`]), so that it can be saved as
/// subtitles. The window and the command line both apply it through `Document`.
pub fn fill_ends(t: &Transcript) -> Change {
    let edits = estimated_ends(t)
        .into_iter()
        .map(|(turn, end)| Edit::SetTimes {
            turn,
            start: t.turns[turn].start,
            end: Some(end),
        })
        .collect();
    Change::new("Estimate end times", edits)
}

/// (turn number from 0, end) for each turn with a start and no end: where the next timed turn starts, or
/// (for the last, or where the next starts no later) after the time its words take to say.
pub fn estimated_ends(t: &Transcript) -> Vec<(usize, f64)> {
    let mut ends = Vec::new();
    let mut next_start: Option<f64> = None;
    for (i, turn) in t.turns.iter().enumerate().rev() {
        if let (Some(start), None) = (turn.start, turn.end) {
            let by_words = start + spoken_seconds(turn.word_count());
            ends.push((i, next_start.filter(|n| *n > start).unwrap_or(by_words)));
        }
        next_start = turn.start.or(next_start);
    }
    ends.reverse();
    ends
}

/// Seconds a turn of `words` words takes to say, at 150 words a minute, and one second at least.
fn spoken_seconds(words: usize) -> f64 {
    (words as f64 / 2.5).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::Transcript;

    fn starts(starts: &[(Option<f64>, Option<f64>, &str)]) -> Transcript {
        let mut t = Transcript::default();
        for (start, end, text) in starts {
            let mut turn = Transcript::make_turn(None, *text);
            turn.start = *start;
            turn.end = *end;
            t.turns.push(turn);
        }
        t
    }

    #[test]
    fn ends_come_from_the_next_start_or_from_the_words() {
        let t = starts(&[
            (Some(1.0), None, "een twee"),
            (None, None, "zonder tijd"),
            (Some(4.0), Some(5.0), "al klaar"),
            (Some(9.0), None, "een twee drie vier vijf"),
        ]);
        // The first ends where the next timed turn starts; the last after five words at 2.5 a second.
        assert_eq!(estimated_ends(&t), vec![(0, 4.0), (3, 11.0)]);
        let mut filled = t.clone();
        History::new().apply(&mut filled, fill_ends(&t)).expect("applies");
        assert_eq!(filled.turns[0].end, Some(4.0));
        assert_eq!(filled.turns[1].end, None, "a turn without a start gets no end");
        assert_eq!(filled.turns[2].end, Some(5.0), "an end the file had is kept");
        assert_eq!(filled.turns[3].end, Some(11.0));
    }

    #[test]
    fn a_next_start_no_later_is_not_an_end() {
        let t = starts(&[(Some(3.0), None, "een"), (Some(3.0), Some(4.0), "twee")]);
        assert_eq!(estimated_ends(&t), vec![(0, 4.0)], "one second at least");
    }
}
