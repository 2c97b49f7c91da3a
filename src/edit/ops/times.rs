//! A turn's times: set by the user, the ends estimated for turns that have a start only, and every time
//! moved at once (shifted, a frame rate changed, or synchronised at two points), words with their turns.

use crate::edit::{Change, Edit};
use crate::model::{Transcript, check_time};

/// A change of every time: `new = scale × old + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Retime {
    pub scale: f64,
    pub offset: f64,
}

impl Retime {
    /// Every time `seconds` later (earlier when negative).
    pub fn shift(seconds: f64) -> Self {
        Self {
            scale: 1.0,
            offset: seconds,
        }
    }

    /// Times of a video played at `from` frames a second, for one played at `to` (25 → 23.976: × 25/23.976).
    pub fn frame_rate(from: f64, to: f64) -> Result<Self, String> {
        if !(from.is_finite() && to.is_finite() && from > 0.0 && to > 0.0) {
            return Err(format!(
                "frame rates are more than 0 frames a second, not {from} and {to}"
            ));
        }
        Ok(Self {
            scale: from / to,
            offset: 0.0,
        })
    }

    /// The change that puts two times where they belong: (old, new) twice, two different old times.
    pub fn synchronise(a: (f64, f64), b: (f64, f64)) -> Result<Self, String> {
        if (a.0 - b.0).abs() < 1e-6 {
            return Err(
                "the two turns start at the same time, so they cannot set a rate; choose two turns apart".into(),
            );
        }
        let scale = (b.1 - a.1) / (b.0 - a.0);
        if scale <= 0.0 {
            return Err("the later turn would start before the earlier one; check the two times".into());
        }
        Ok(Self {
            scale,
            offset: a.1 - scale * a.0,
        })
    }

    pub fn at(&self, seconds: f64) -> f64 {
        // Rounded to the microsecond, so that a shift there and back gives the times back.
        ((self.scale * seconds + self.offset) * 1e6).round() / 1e6
    }

    /// What the change does, for the undo history and messages.
    pub fn describe(&self) -> String {
        if self.scale == 1.0 {
            format!("Shift the times by {:+.3} s", self.offset)
        } else if self.offset == 0.0 {
            format!("Scale the times by {:.6}", self.scale)
        } else {
            "Synchronise the times".to_string()
        }
    }
}

/// Moves every time of the turns from `from` (from 0) on, turns' and words' alike, as one change; or
/// says which time would fall before the start of the recording.
pub fn retime(t: &Transcript, from: usize, r: Retime) -> Result<Change, String> {
    let mut edits = Vec::new();
    let moved = |x: Option<f64>, turn: usize, what: &str| -> Result<Option<f64>, String> {
        let Some(x) = x else { return Ok(None) };
        let new = r.at(x);
        check_time(new).map_err(|why| {
            if new < 0.0 {
                format!(
                    "turn {}'s {what} ({x:.3} s) would be at {new:.3} s, before the recording starts",
                    turn + 1
                )
            } else {
                format!("turn {}'s {what} {why}", turn + 1)
            }
        })?;
        Ok(Some(new))
    };
    for (i, turn) in t.turns.iter().enumerate().skip(from) {
        if turn.start.is_some() || turn.end.is_some() {
            edits.push(Edit::SetTimes {
                turn: i,
                start: moved(turn.start, i, "start")?,
                end: moved(turn.end, i, "end")?,
            });
        }
        if turn.words.iter().any(|w| w.start.is_some() || w.end.is_some()) {
            let mut words = turn.words.to_vec();
            for w in &mut words {
                w.start = moved(w.start, i, "word start")?;
                w.end = moved(w.end, i, "word end")?;
            }
            edits.push(Edit::SetWords { turn: i, words });
        }
    }
    Ok(Change::new(r.describe(), edits))
}

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
    fn a_shift_moves_turns_and_words_from_a_turn_on_and_undoes_in_one_step() {
        let mut t = starts(&[(Some(1.0), Some(2.0), "een"), (Some(3.0), Some(4.5), "twee drie")]);
        t.turns[1].words = vec![
            crate::model::Word::heard("twee", Some(3.0), Some(3.5), Some(0.8)),
            crate::model::Word::heard("drie", Some(3.6), Some(4.5), None),
        ]
        .into();
        let before = t.clone();
        let mut history = History::new();
        let change = retime(&t, 1, Retime::shift(-2.5)).expect("fits");
        history.apply(&mut t, change).expect("applies");
        assert_eq!(
            (t.turns[0].start, t.turns[0].end),
            (Some(1.0), Some(2.0)),
            "before the turn: kept"
        );
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(0.5), Some(2.0)));
        assert_eq!(
            (t.turns[1].words[1].start, t.turns[1].words[1].end),
            (Some(1.1), Some(2.0))
        );
        assert_eq!(t.turns[1].words[0].confidence, Some(0.8));
        history.undo(&mut t).expect("undoes");
        assert_eq!(t, before);
    }

    #[test]
    fn a_shift_before_the_recording_is_refused_with_the_turn() {
        let t = starts(&[(Some(1.0), Some(2.0), "een")]);
        let err = retime(&t, 0, Retime::shift(-2.5)).expect_err("negative");
        assert_eq!(
            err,
            "turn 1's start (1.000 s) would be at -1.500 s, before the recording starts"
        );
    }

    #[test]
    fn frame_rates_and_two_points_map_every_time() {
        let r = Retime::frame_rate(25.0, 23.976).expect("rates");
        assert!((r.at(23.976) - 25.0).abs() < 1e-6);
        // Turn 2 said at 20 s belongs at 21 s, turn 12 said at 118 s at 121 s.
        let s = Retime::synchronise((20.0, 21.0), (118.0, 121.0)).expect("two points");
        assert_eq!((s.at(20.0), s.at(118.0)), (21.0, 121.0));
        assert!((s.at(69.0) - 71.0).abs() < 1e-6, "halfway between stays halfway");
        assert!(Retime::synchronise((5.0, 1.0), (5.0, 2.0)).is_err());
        assert!(Retime::frame_rate(0.0, 25.0).is_err());
    }

    #[test]
    fn a_next_start_no_later_is_not_an_end() {
        let t = starts(&[(Some(3.0), None, "een"), (Some(3.0), Some(4.0), "twee")]);
        assert_eq!(estimated_ends(&t), vec![(0, 4.0)], "one second at least");
    }
}
