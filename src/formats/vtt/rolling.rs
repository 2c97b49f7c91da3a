//! Rolling captions, as YouTube's automatic captions come when downloaded (yt-dlp's `.vtt`): each cue shows
//! the line before it again above the new one, a cue of a few milliseconds repeats the finished line, and
//! each word of the new line carries its time (`welcome<00:00:00.400><c> back</c>`); older downloads colour
//! spans (`<c.colorE5E5E5>`) instead. Read as people heard it: each spoken word once, with its time where
//! the file gives one, in turns that end at a pause, at a sentence's end once a turn is long enough, or at a
//! change of speaker (`>>`, live captions' mark, with the name when one follows: `>> MIRA:`).

use super::super::markup::decode_entities;
use super::timestamp;
use crate::model::{Transcript, Word};

/// A cue as read, its text lines still with their tags.
pub(super) struct RawCue<'a> {
    pub start: f64,
    pub end: f64,
    pub lines: Vec<&'a str>,
}

/// A pause this long between two words ends a turn.
const PAUSE: f64 = 1.5;
/// A turn this many words long ends at the next sentence's end.
const SENTENCE_TURN: usize = 15;
/// A turn without punctuation or pauses ends at this many words.
const LONGEST_TURN: usize = 120;

/// A line's text as a reader sees it: tags out, entities decoded, white space trimmed.
fn shown(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    decode_entities(out.trim())
}

/// Whether the line holds a word's time (`<00:00:01.520>`).
fn has_time_tag(line: &str) -> bool {
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        if timestamp(after).is_some_and(|(_, tail)| tail.starts_with('>')) {
            return true;
        }
        rest = after;
    }
    false
}

/// The last line of a cue that shows text.
fn last_shown(cue: &RawCue) -> Option<String> {
    cue.lines.iter().rev().map(|l| shown(l)).find(|l| !l.is_empty())
}

/// Whether these cues roll: words carry their own times (and no voice spans say who speaks, which the
/// ordinary reading keeps), or most cues begin with the line the cue before ended with.
pub(super) fn is_rolling(cues: &[RawCue]) -> bool {
    let voices = cues
        .iter()
        .any(|c| c.lines.iter().any(|l| l.contains("<v ") || l.contains("<v.")));
    if voices {
        return false;
    }
    if cues.iter().any(|c| c.lines.iter().any(|l| has_time_tag(l))) {
        return true;
    }
    let repeats = cues
        .windows(2)
        .filter(|w| {
            let first = w[1].lines.iter().map(|l| shown(l)).find(|l| !l.is_empty());
            first.is_some() && first == last_shown(&w[0])
        })
        .count();
    cues.len() >= 3 && repeats * 2 >= cues.len() - 1
}

/// A word as heard, and whether a change of speaker comes before it (with the name, when one is given).
struct Heard {
    text: String,
    start: Option<f64>,
    end: Option<f64>,
    change: Option<Option<String>>,
}

/// The words of one new line: each with the time of the tag before it (the first with the cue's start).
fn words_of_line(line: &str, start: f64) -> Vec<(String, Option<f64>)> {
    let mut out = Vec::new();
    let mut time = Some(start);
    let mut text = String::new();
    let mut rest = line;
    let flush = |text: &mut String, time: Option<f64>, out: &mut Vec<(String, Option<f64>)>| {
        for (k, word) in decode_entities(text).split_whitespace().enumerate() {
            out.push((word.to_string(), if k == 0 { time } else { None }));
        }
        text.clear();
    };
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some((at, "")) = timestamp(tag) {
            flush(&mut text, time, &mut out);
            time = Some(at);
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    flush(&mut text, time, &mut out);
    out
}

/// Each spoken word once, in order.
fn heard(cues: &[RawCue]) -> Vec<Heard> {
    let mut out: Vec<Heard> = Vec::new();
    let mut before: Option<String> = None;
    for cue in cues {
        let lines: Vec<&str> = cue.lines.iter().copied().filter(|l| !shown(l).is_empty()).collect();
        // The line the cue before ended with is shown again above the new one.
        let skip = usize::from(lines.first().is_some_and(|l| Some(shown(l)) == before));
        let new = &lines[skip..];
        if let Some(last) = last_shown(cue) {
            before = Some(last);
        }
        let first_new = out.len();
        for line in new {
            for (text, start) in words_of_line(line, cue.start) {
                out.push(Heard {
                    text,
                    start,
                    end: None,
                    change: None,
                });
            }
        }
        // A word ends where the next begins; the cue's last where the cue does.
        let words = &mut out[first_new..];
        for k in 0..words.len() {
            let next = words.get(k + 1).and_then(|w| w.start);
            words[k].end = next.or(if k + 1 == words.len() { Some(cue.end) } else { None });
        }
    }
    mark_speaker_changes(out)
}

/// `>>` marks a change of speaker (live captions); `>> MIRA MURATI:` names who speaks now.
fn mark_speaker_changes(words: Vec<Heard>) -> Vec<Heard> {
    let mut out: Vec<Heard> = Vec::with_capacity(words.len());
    let mut pending: Option<Option<String>> = None;
    let mut words = words.into_iter().peekable();
    while let Some(mut word) = words.next() {
        if word.text == ">>" || word.text == "&gt;&gt;" {
            // The name is the words up to one that ends with a colon, when they are few and look like one.
            let mut name: Vec<Heard> = Vec::new();
            while let Some(next) = words.peek() {
                if name.len() == 5 || next.text == ">>" {
                    break;
                }
                let ends = next.text.ends_with(':');
                name.extend(words.next());
                if ends {
                    break;
                }
            }
            let label = name.last().is_some_and(|w| w.text.ends_with(':')).then(|| {
                let joined = name.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
                joined.trim_end_matches(':').trim().to_string()
            });
            let times = (word.start, word.end);
            match label.filter(|l| super::super::line::looks_like_name(l)) {
                Some(label) => pending = Some(Some(label)),
                None => {
                    pending = Some(None);
                    // Not a name: the words are speech after the mark.
                    for mut w in name {
                        w.change = pending.take();
                        out.push(w);
                    }
                }
            }
            if pending.is_some()
                && let Some(next) = words.peek_mut()
                && next.start.is_none()
            {
                next.start = times.0;
            }
            continue;
        }
        word.change = pending.take().or(word.change);
        out.push(word);
    }
    out
}

/// The transcript of rolling cues.
pub(super) fn transcript(cues: &[RawCue]) -> Transcript {
    let mut t = Transcript::new();
    let mut turn_words: Vec<Word> = Vec::new();
    let mut speaker: Option<String> = None;
    let finish = |t: &mut Transcript, words: &mut Vec<Word>, speaker: &Option<String>| {
        if words.is_empty() {
            return;
        }
        let id = speaker.as_deref().map(|name| match t.speaker_by_name(name) {
            Some(s) => s.id.clone(),
            None => t.intern_speaker(name),
        });
        let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        let start = words.first().and_then(|w| w.start);
        let end = words.iter().rev().find_map(|w| w.end);
        let turn = t.push_turn(id, text);
        turn.start = start;
        turn.end = end;
        turn.words = std::mem::take(words).into();
    };
    for word in heard(cues) {
        let last = turn_words.last();
        let pause = match (last.and_then(|w| w.end), word.start) {
            (Some(end), Some(start)) => start - end >= PAUSE,
            _ => false,
        };
        let sentence = last.is_some_and(|w| w.text.ends_with(['.', '?', '!']));
        let long = turn_words.len() >= LONGEST_TURN;
        if word.change.is_some() || pause || long || (sentence && turn_words.len() >= SENTENCE_TURN) {
            finish(&mut t, &mut turn_words, &speaker);
        }
        if let Some(change) = word.change {
            speaker = change;
        }
        turn_words.push(Word::heard(&word.text, word.start, word.end, None));
    }
    finish(&mut t, &mut turn_words, &speaker);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue<'a>(start: f64, end: f64, text: &'a str) -> RawCue<'a> {
        RawCue {
            start,
            end,
            lines: text.split('\n').collect(),
        }
    }

    #[test]
    fn a_line_shown_again_and_the_short_repeats_are_read_once_with_word_times() {
        let cues = [
            cue(0.0, 2.0, " \nso<00:00:00.500><c> today</c><00:00:01.000><c> we</c>"),
            cue(2.0, 2.01, "so today we\n "),
            cue(2.01, 4.0, "so today we\nplant<00:00:02.500><c> tomatoes</c>"),
        ];
        assert!(is_rolling(&cues));
        let t = transcript(&cues);
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].text, "so today we plant tomatoes");
        let times: Vec<(Option<f64>, Option<f64>)> = t.turns[0].words.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(
            times,
            [
                (Some(0.0), Some(0.5)),
                (Some(0.5), Some(1.0)),
                (Some(1.0), Some(2.0)),
                (Some(2.01), Some(2.5)),
                (Some(2.5), Some(4.0))
            ]
        );
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(0.0), Some(4.0)));
    }

    #[test]
    fn turns_end_at_pauses_and_at_speaker_marks_with_their_names() {
        let cues = [
            cue(0.0, 1.0, ">> MIRA MURATI: we<00:00:00.500><c> start</c>"),
            cue(
                3.0,
                4.0,
                ">> MIRA MURATI: we start\nafter<00:00:03.500><c> the</c><00:00:03.700><c> pause</c>",
            ),
            cue(
                4.0,
                5.0,
                "after the pause\n>> and<00:00:04.500><c> who</c><00:00:04.700><c> is</c><00:00:04.800><c> this</c>",
            ),
        ];
        let t = transcript(&cues);
        let rows: Vec<(Option<&str>, &str)> = t
            .turns
            .iter()
            .map(|x| (t.speaker_name(x.speaker.as_ref()), x.text.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("MIRA MURATI"), "we start"),
                (Some("MIRA MURATI"), "after the pause"),
                (None, "and who is this")
            ]
        );
        assert_eq!(t.turns[0].start, Some(0.0), "the name's time is the first word's");
    }

    #[test]
    fn ordinary_cues_do_not_roll() {
        let cues = [cue(0.0, 1.0, "Een."), cue(1.0, 2.0, "Twee."), cue(2.0, 3.0, "Drie.")];
        assert!(!is_rolling(&cues));
        let voiced = [cue(0.0, 1.0, "<v Mia>een<00:00:00.500> twee")];
        assert!(!is_rolling(&voiced), "voice spans are read the ordinary way");
    }
}
