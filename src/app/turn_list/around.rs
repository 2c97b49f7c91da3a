//! Going to the next (or previous) marked word, round the end of the transcript: doubtful words (F8) and
//! misspelled ones (F7) alike.

use std::ops::Range;

/// Where a search for the next or previous marked word starts, and which way it goes.
#[derive(Debug, Clone, Copy)]
pub struct Around {
    /// The turn it starts in, and the byte in it: the edited turn's cursor (the selection's end going
    /// forward, its start going back), else the start of the current turn.
    pub turn: usize,
    pub byte: usize,
    /// The turn is only selected, not edited: its first word counts as next.
    pub whole_turn: bool,
    pub forward: bool,
    /// How many turns there are.
    pub turns: usize,
}

impl Around {
    /// The turn looked at in step `k`: 0 is the starting turn, then the next (or previous) turns round the
    /// end; `turns` is the starting turn again, for what lies on the other side of the cursor.
    pub fn turn_at(&self, k: usize) -> usize {
        let n = self.turns.max(1);
        if self.forward {
            (self.turn + k) % n
        } else {
            (self.turn + n - k % n) % n
        }
    }

    /// The mark step `k` goes to among `found` (the marks of [`Around::turn_at`]`(k)`, in order): in the
    /// starting turn only those past the cursor, in the others the first (the last going back), and at the
    /// end of the round those before the cursor.
    pub fn pick(&self, k: usize, found: &[Range<usize>]) -> Option<Range<usize>> {
        let fresh = k > 0 && k < self.turns;
        let at = self.byte;
        if self.forward {
            let first = k == 0;
            found
                .iter()
                .find(|r| fresh || (first && (r.start > at || self.whole_turn)) || (!first && r.start <= at))
                .cloned()
        } else {
            let first = k == 0;
            found
                .iter()
                .rev()
                .find(|r| fresh || (first && r.end < at) || (!first && r.end >= at))
                .cloned()
        }
    }

    /// The first mark found in `steps` (a part of `0..=turns`), each step's turn's marks given by
    /// `marks(step, turn)`: the turn and the mark.
    pub fn first(
        &self,
        steps: std::ops::RangeInclusive<usize>,
        mut marks: impl FnMut(usize, usize) -> Vec<Range<usize>>,
    ) -> Option<(usize, Range<usize>)> {
        steps.into_iter().find_map(|k| {
            let turn = self.turn_at(k);
            self.pick(k, &marks(k, turn)).map(|r| (turn, r))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three turns with marks at 0..2 and 5..7 in turn 0, none in turn 1, 3..4 in turn 2.
    fn marks(turn: usize) -> Vec<Range<usize>> {
        match turn {
            0 => vec![0..2, 5..7],
            2 => std::iter::once(3..4).collect(),
            _ => vec![],
        }
    }

    fn from(turn: usize, byte: usize, whole_turn: bool, forward: bool) -> Option<(usize, Range<usize>)> {
        let around = Around {
            turn,
            byte,
            whole_turn,
            forward,
            turns: 3,
        };
        around.first(0..=3, |_, t| marks(t))
    }

    #[test]
    fn forward_past_the_cursor_then_round_the_end() {
        assert_eq!(
            from(0, 0, true, true),
            Some((0, 0..2)),
            "a selected turn's first word counts"
        );
        assert_eq!(from(0, 2, false, true), Some((0, 5..7)));
        assert_eq!(from(0, 7, false, true), Some((2, 3..4)), "past a turn without marks");
        assert_eq!(from(2, 4, false, true), Some((0, 0..2)), "round the end");
        assert_eq!(from(2, 4, false, false), Some((0, 5..7)), "back: the one before");
        assert_eq!(from(0, 0, true, false), Some((2, 3..4)), "back round the start");
    }

    #[test]
    fn the_only_mark_is_found_again_from_itself() {
        let around = Around {
            turn: 2,
            byte: 4,
            whole_turn: false,
            forward: true,
            turns: 3,
        };
        let only = |_: usize, t: usize| {
            if t == 2 {
                std::iter::once(3..4).collect()
            } else {
                Vec::new()
            }
        };
        assert_eq!(around.first(0..=3, only), Some((2, 3..4)));
    }
}
