//! A cue's time on screen: from its first word to its last, then lengthened into the pause after it to be
//! read at the reading speed and for the shortest time (never over the next cue's speech), and shortened
//! where it would come too close to the next cue without touching it. Cues never overlap.

use super::{Caption, Rules};

/// Times the cues (in order) by the rules.
pub fn settle(cues: &mut [Caption], rules: &Rules) {
    for i in 0..cues.len() {
        let previous_end = if i > 0 { Some(cues[i - 1].end) } else { None };
        let next_start = cues.get(i + 1).map(|c| c.start);
        let c = &mut cues[i];
        // Speech that overlaps (one speaker's turn begins before the last ends) starts when the last cue ends.
        if let Some(previous_end) = previous_end
            && c.start < previous_end
        {
            c.start = previous_end;
            c.end = c.end.max(c.start);
        }
        let wanted = (c.reading_chars() as f64 / rules.max_cps)
            .max(rules.min_duration)
            .min(rules.max_duration);
        let room = next_start.map_or(f64::INFINITY, |n| n - rules.min_gap);
        if c.end - c.start < wanted {
            c.end = (c.start + wanted).min(room).max(c.end);
        }
        let Some(next) = next_start else { continue };
        let gap = next - c.end;
        if gap < 0.0 {
            c.end = next.max(c.start);
        } else if gap > 0.0 && gap < rules.min_gap {
            // Too close to be apart: leave the gap where the cue stays long enough, else touch.
            let pulled = next - rules.min_gap;
            c.end = if pulled - c.start >= rules.min_duration.min(c.end - c.start) {
                pulled
            } else {
                next
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start: f64, end: f64, text: &str) -> Caption {
        Caption {
            start,
            end,
            lines: vec![text.to_string()],
            speaker: None,
            turn: 0,
            dialogue: false,
        }
    }

    fn settled(mut cues: Vec<Caption>) -> Vec<(f64, f64)> {
        settle(&mut cues, &Rules::default());
        cues.iter()
            .map(|c| ((c.start * 1000.0).round() / 1000.0, (c.end * 1000.0).round() / 1000.0))
            .collect()
    }

    #[test]
    fn a_short_cue_stays_for_the_shortest_time_when_the_pause_allows() {
        assert_eq!(
            settled(vec![cue(1.0, 1.3, "Ja."), cue(5.0, 6.0, "Goed.")])[0],
            (1.0, 1.833)
        );
    }

    #[test]
    fn a_fast_cue_is_lengthened_to_the_reading_speed_but_never_over_the_next_speech() {
        // 40 characters want 2 seconds at 20 a second.
        let text = "abcdefghij abcdefghij abcdefghij abcdefg";
        assert_eq!(settled(vec![cue(0.0, 1.0, text), cue(10.0, 11.0, "x")])[0], (0.0, 2.0));
        // The next cue starts at 1.5: the cue ends the shortest gap before it.
        assert_eq!(settled(vec![cue(0.0, 1.0, text), cue(1.5, 3.0, "x")])[0], (0.0, 1.417));
    }

    #[test]
    fn cues_that_almost_touch_are_moved_apart_or_made_to_touch() {
        let cues = settled(vec![
            cue(0.0, 2.96, "Eerste zin die lang genoeg is."),
            cue(3.0, 5.0, "Tweede."),
        ]);
        assert_eq!(cues[0], (0.0, 2.917), "two frames apart");
        let cues = settled(vec![cue(0.0, 0.88, "Ja."), cue(0.9, 3.0, "Tweede zin.")]);
        assert_eq!(cues[0], (0.0, 0.9), "a cue that would get too short touches the next");
    }

    #[test]
    fn overlapping_speech_gives_cues_that_follow_each_other() {
        let cues = settled(vec![
            cue(0.0, 4.0, "Een lange zin van de eerste."),
            cue(3.0, 5.0, "Ja."),
        ]);
        assert_eq!(cues, vec![(0.0, 3.0), (3.0, 5.0)]);
    }
}
