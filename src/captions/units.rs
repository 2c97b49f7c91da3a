//! A turn as the pieces a cue is cut from: its words (a Chinese or Japanese word, written without spaces,
//! cut into its characters), each with a time from the recogniser where it has one, else a share of the
//! turn's time by its length.

use crate::model::Turn;
use crate::model::words::{is_cjk, spell};

/// A piece of a turn's text that a cue or a line may start with.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    pub text: &'a str,
    /// Written right after the piece before, without a space (the characters of a Chinese word).
    pub glued: bool,
    pub start: f64,
    pub end: f64,
}

/// Why a turn gives no units: it has no time to share out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untimed {
    Start,
    End,
}

/// The units of `turn`, timed: by its words' times where its words spell its text and have them, the
/// words between shared out by length; else the turn's time shared out by length.
pub fn units(turn: &Turn) -> Result<Vec<Unit<'_>>, Untimed> {
    let tokens: Vec<&str> = turn.text.split_whitespace().collect();
    let words = spell(&turn.words, &turn.text).then_some(&turn.words[..]);
    let word_time = |k: usize, pick: fn(&crate::model::Word) -> Option<f64>| words.and_then(|w| pick(&w[k]));
    let first = (0..tokens.len()).find_map(|k| word_time(k, |w| w.start));
    let last = (0..tokens.len()).rev().find_map(|k| word_time(k, |w| w.end));
    let start = turn.start.or(first).ok_or(Untimed::Start)?;
    let end = turn.end.or(last).ok_or(Untimed::End)?.max(start);
    // Each token's (start, end) where the recogniser gave it, kept within the turn and in order.
    let mut known: Vec<(Option<f64>, Option<f64>)> = (0..tokens.len())
        .map(|k| (word_time(k, |w| w.start), word_time(k, |w| w.end)))
        .collect();
    let mut floor = start;
    for (s, e) in &mut known {
        if let Some(x) = s {
            *x = x.clamp(floor, end);
            floor = *x;
        }
        if let Some(x) = e {
            *x = x.clamp(floor, end);
            floor = *x;
        }
    }
    let times = share_out(&tokens, &known, start, end);
    let mut out = Vec::with_capacity(tokens.len());
    for (token, (s, e)) in tokens.iter().zip(times) {
        let pieces = pieces(token);
        let total: usize = pieces.iter().map(|p| p.chars().count()).sum::<usize>().max(1);
        let mut at = s;
        for (k, piece) in pieces.iter().enumerate() {
            let share = (e - s) * piece.chars().count() as f64 / total as f64;
            let piece_end = if k + 1 == pieces.len() { e } else { at + share };
            out.push(Unit {
                text: piece,
                glued: k > 0,
                start: at,
                end: piece_end,
            });
            at = piece_end;
        }
    }
    Ok(out)
}

/// Every token's (start, end): its own where known, else a share by length (with one more for the space)
/// of the time between the known times around it.
fn share_out(tokens: &[&str], known: &[(Option<f64>, Option<f64>)], start: f64, end: f64) -> Vec<(f64, f64)> {
    let weight = |k: usize| tokens[k].chars().count() as f64 + 1.0;
    let mut out = Vec::with_capacity(tokens.len());
    let mut from = start;
    let mut k = 0;
    while k < tokens.len() {
        if let (Some(s), Some(e)) = known[k] {
            out.push((s.max(from), e.max(s).max(from)));
            from = out[k].1;
            k += 1;
            continue;
        }
        // A run of tokens missing a time, up to the next with a start: shared out from `from` to there.
        let run_end = (k..tokens.len())
            .find(|&j| j > k && known[j].0.is_some())
            .unwrap_or(tokens.len());
        let own_start = known[k].0.unwrap_or(from).max(from);
        let until = if run_end < tokens.len() {
            known[run_end].0.unwrap_or(end)
        } else {
            end
        }
        .max(own_start);
        let total: f64 = (k..run_end).map(weight).sum();
        let mut at = own_start;
        for (j, (_, own_end)) in known.iter().enumerate().take(run_end).skip(k) {
            let next = if j + 1 == run_end {
                until
            } else {
                at + (until - own_start) * weight(j) / total
            };
            let e = own_end.map_or(next, |e| e.clamp(at, until.max(at)));
            out.push((at, e));
            at = e.max(next.min(until));
        }
        from = until;
        k = run_end;
    }
    out
}

/// A token cut where a line may break inside it: before each Chinese character or kana, with the
/// punctuation after one kept on its line.
fn pieces(token: &str) -> Vec<&str> {
    if !token.chars().any(is_cjk) {
        return vec![token];
    }
    let mut out = Vec::new();
    let mut from = 0;
    let mut previous_cjk = false;
    for (at, c) in token.char_indices() {
        let cjk = is_cjk(c);
        if at > from && (cjk || previous_cjk) && (c.is_alphanumeric()) {
            out.push(&token[from..at]);
            from = at;
        }
        previous_cjk = cjk;
    }
    out.push(&token[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Transcript, Word};

    fn turn(text: &str, start: Option<f64>, end: Option<f64>) -> Turn {
        let mut t = Transcript::make_turn(None, text);
        (t.start, t.end) = (start, end);
        t
    }

    #[test]
    fn a_turn_without_word_times_is_shared_out_by_length() {
        let t = turn("aa bbbbbb", Some(10.0), Some(20.0));
        let u = units(&t).expect("timed");
        // 3 and 7 shares of 10 seconds: the longer word takes longer to say.
        assert_eq!((u[0].start, u[0].end), (10.0, 13.0));
        assert_eq!((u[1].start, u[1].end), (13.0, 20.0));
    }

    #[test]
    fn word_times_are_used_and_the_untimed_words_between_share_the_gap() {
        let mut t = turn("een twee drie vier", Some(0.0), Some(4.0));
        t.words = vec![
            Word::heard("een", Some(0.5), Some(0.9), None),
            Word::typed("twee"),
            Word::typed("drie"),
            Word::heard("vier", Some(3.0), Some(3.5), None),
        ]
        .into();
        let u = units(&t).expect("timed");
        assert_eq!((u[0].start, u[0].end), (0.5, 0.9));
        assert_eq!((u[1].start, u[2].end), (0.9, 3.0), "the two typed words fill the gap");
        assert!((u[1].end - 1.95).abs() < 1e-9, "{u:?}");
        assert_eq!((u[3].start, u[3].end), (3.0, 3.5));
    }

    #[test]
    fn a_turn_needs_a_start_and_an_end_from_itself_or_its_words() {
        assert_eq!(units(&turn("ja", None, Some(1.0))), Err(Untimed::Start));
        assert_eq!(units(&turn("ja", Some(1.0), None)), Err(Untimed::End));
        let mut t = turn("ja", None, None);
        t.words = vec![Word::heard("ja", Some(1.0), Some(1.4), None)].into();
        assert_eq!(units(&t).map(|u| (u[0].start, u[0].end)), Ok((1.0, 1.4)));
    }

    #[test]
    fn chinese_is_cut_into_characters_with_punctuation_kept_on_its_character() {
        let t = turn("我们开始吧。 OK", Some(0.0), Some(7.0));
        let u = units(&t).expect("timed");
        let texts: Vec<(&str, bool)> = u.iter().map(|u| (u.text, u.glued)).collect();
        assert_eq!(
            texts,
            vec![
                ("我", false),
                ("们", true),
                ("开", true),
                ("始", true),
                ("吧。", true),
                ("OK", false)
            ]
        );
    }
}
