//! Where a command that moves through the transcript goes: the next turn that is something (round the end
//! of the transcript), the turn at a time, the turn with a number. The window's commands and the tests ask
//! here; nothing is changed.

use crate::model::{Transcript, Turn};

/// The first turn after `current` (from the first when there is none) that `wanted` accepts, going round
/// the end of the transcript; `current` itself comes last.
pub fn next_turn_where(turns: &[Turn], current: Option<usize>, wanted: impl Fn(&Turn) -> bool) -> Option<usize> {
    let from = current.map_or(0, |c| c + 1).min(turns.len());
    (from..turns.len()).chain(0..from).find(|&i| wanted(&turns[i]))
}

/// The turn being spoken at `at` seconds: the last that has started by then, else (before every start)
/// the first with a time; `None` when no turn has a time.
pub fn turn_at_time(t: &Transcript, at: f64) -> Option<usize> {
    t.turn_started_by(at, t.turns.len())
        .or_else(|| t.turns.iter().position(|x| x.start.is_some()))
}

/// Turn `number` as people count (from 1), or what to say when there is none.
pub fn turn_numbered(t: &Transcript, number: &str) -> Result<usize, String> {
    match number.parse::<usize>() {
        Ok(n) if (1..=t.turns.len()).contains(&n) => Ok(n - 1),
        _ => Err(format!(
            "There is no turn {number}; the turns are numbered 1 to {}",
            t.turns.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timed(starts: &[Option<f64>]) -> Transcript {
        let mut t = Transcript::new();
        for (i, s) in starts.iter().enumerate() {
            t.push_turn(None, format!("turn {i}")).start = *s;
        }
        t
    }

    #[test]
    fn the_next_turn_goes_round_the_end_and_comes_back_to_the_current_last() {
        let t = timed(&[None, None, None, None]);
        let marked = |i: usize| move |x: &Turn| x.text == format!("turn {i}");
        assert_eq!(next_turn_where(&t.turns, Some(2), marked(3)), Some(3));
        assert_eq!(next_turn_where(&t.turns, Some(2), marked(0)), Some(0), "round the end");
        assert_eq!(
            next_turn_where(&t.turns, Some(2), marked(2)),
            Some(2),
            "the current one last"
        );
        assert_eq!(next_turn_where(&t.turns, None, marked(0)), Some(0), "from the first");
        assert_eq!(
            next_turn_where(&t.turns, Some(9), |_| true),
            Some(0),
            "a current past the end"
        );
        assert_eq!(next_turn_where(&[], None, |_| true), None);
    }

    #[test]
    fn the_turn_at_a_time_is_the_last_started_or_the_first_timed() {
        let t = timed(&[None, Some(2.0), None, Some(5.0), Some(9.0)]);
        assert_eq!(turn_at_time(&t, 6.0), Some(3));
        assert_eq!(turn_at_time(&t, 5.0), Some(3), "a turn has started at its start");
        assert_eq!(turn_at_time(&t, 100.0), Some(4));
        assert_eq!(
            turn_at_time(&t, 1.0),
            Some(1),
            "before every start: the first timed turn"
        );
        assert_eq!(turn_at_time(&timed(&[None, None]), 1.0), None);
    }

    #[test]
    fn turns_are_numbered_from_one() {
        let t = timed(&[None, None, None]);
        assert_eq!(turn_numbered(&t, "1"), Ok(0));
        assert_eq!(turn_numbered(&t, "3"), Ok(2));
        for wrong in ["0", "4", "99999999999999999999999"] {
            let said = turn_numbered(&t, wrong).expect_err("no such turn");
            assert!(said.contains("numbered 1 to 3"), "{said}");
        }
    }
}
