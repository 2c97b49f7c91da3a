//! What the subtitle formats (SRT, WebVTT) share: cues with times, speaker prefixes inside the cue text, and
//! the rule that a transcript becomes cues only when every turn has times.

mod speakers;

pub(crate) use speakers::take_speaker_prefixes;

use super::WriteError;
use crate::model::{Transcript, Turn, Word};
use std::collections::HashMap;

/// A cue as read, before it becomes a turn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cue {
    pub start: f64,
    pub end: f64,
    pub speaker: Option<String>,
    pub text: String,
    /// The cue goes on with the turn before (live captions mark a new speaker with `>>`; the cues between
    /// are one speaker's).
    pub joins: bool,
}

impl Cue {
    pub fn new(start: f64, end: f64, speaker: Option<String>, text: String) -> Self {
        Self {
            start,
            end,
            speaker,
            text,
            joins: false,
        }
    }
}

/// Turns cues into a transcript. With `merge`, consecutive cues of one speaker become one turn (a meeting
/// tool writes a cue every few seconds; a person speaks in turns), joined with a space, first start to last
/// end. Cues without a speaker are never merged. Without `merge`, each cue is a turn, and one that goes on
/// with the turn before (`joins`) is that turn's speaker's.
pub(crate) fn into_transcript(cues: Vec<Cue>, merge: bool) -> Transcript {
    let mut t = Transcript::new();
    let mut ids = HashMap::new();
    let mut last_speaker: Option<String> = None;
    let mut last_times: Option<(f64, f64)> = None;
    for cue in cues {
        if cue.text.trim().is_empty() {
            continue;
        }
        let same = merge && ((cue.speaker.is_some() && cue.speaker == last_speaker) || cue.joins);
        if same && let Some(turn) = t.turns.last_mut() {
            if turn.words.is_empty() {
                turn.words = cue_words(&turn.text, turn.start, turn.end).into();
            }
            let mut words = cue_words(cue.text.trim(), Some(cue.start), Some(cue.end));
            // A cue that holds several voice spans of one speaker comes as pieces with the cue's times:
            // one cue, one anchor, its end on its last word.
            if last_times == Some((cue.start, cue.end)) {
                if let Some(first) = words.first_mut() {
                    (first.cue, first.start) = (false, None);
                }
                if let Some(last) = turn.words.last_mut() {
                    last.end = None;
                }
            }
            turn.words.extend(words);
            last_times = Some((cue.start, cue.end));
            turn.text.push(' ');
            turn.text.push_str(cue.text.trim());
            turn.end = Some(cue.end.max(turn.end.unwrap_or(cue.end)));
            continue;
        }
        // Without merging, a cue that goes on with the turn before is a turn of the same speaker.
        let name = match (&cue.speaker, cue.joins) {
            (None, true) => last_speaker.clone(),
            (name, _) => name.clone(),
        };
        let speaker = name.as_deref().map(|name| {
            ids.entry(name.to_string())
                .or_insert_with(|| t.intern_speaker(name))
                .clone()
        });
        let turn = t.push_turn(speaker, cue.text.trim());
        turn.start = Some(cue.start);
        turn.end = Some(cue.end);
        last_speaker = name;
        last_times = Some((cue.start, cue.end));
    }
    t
}

/// The words of one cue merged into a turn: the first is a timing anchor with the cue's start, the last
/// ends with the cue; the words between have no time of their own.
pub(crate) fn cue_words(text: &str, start: Option<f64>, end: Option<f64>) -> Vec<Word> {
    let mut words: Vec<Word> = text.split_whitespace().map(Word::typed).collect();
    if let Some(first) = words.first_mut() {
        first.cue = true;
        first.start = start;
    }
    if let Some(last) = words.last_mut() {
        last.end = end;
    }
    words
}

/// Every turn's (start, end), or why `what` ("ELAN annotations") cannot be written: they need times, and
/// the editor does not make them up.
pub(crate) fn times_of_all(t: &Transcript, what: &str) -> Result<Vec<(f64, f64)>, WriteError> {
    t.turns
        .iter()
        .enumerate()
        .map(|(i, turn)| match (turn.start, turn.end) {
            (Some(start), Some(end)) => Ok((start, end)),
            _ => Err(WriteError(format!(
                "turn {} (\"{}\") has no {} time, and {what} need both; save as JSON or text instead, add the times, or estimate the ends (--fill-ends)",
                i + 1,
                turn.text.chars().take(40).collect::<String>(),
                if turn.start.is_none() { "start" } else { "end" },
            ))),
        })
        .collect()
}

/// A cue to write: a turn, or the part of one that was a cue of its own when it was read.
pub(crate) struct OutCue<'a> {
    pub start: f64,
    pub end: f64,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
}

/// The cues to write, or why the transcript cannot become cues: subtitles need times, and the editor does
/// not make them up. A turn whose words carry timing anchors becomes a cue per anchor.
pub(crate) fn out_cues<'a>(t: &'a Transcript, format: &str) -> Result<Vec<OutCue<'a>>, WriteError> {
    let times = times_of_all(t, &format!("{format} cues"))?;
    let mut out = Vec::with_capacity(t.turns.len());
    for (turn, (start, end)) in t.turns.iter().zip(times) {
        let speaker = t.speaker_name(turn.speaker.as_ref());
        for (start, end, text) in anchored_parts(turn, start, end) {
            out.push(OutCue {
                start,
                end,
                speaker,
                text,
            });
        }
    }
    Ok(out)
}

/// Each cue of a transcript read from a subtitle file: (turn from 0, start, end, text), a turn cut at its
/// timing anchors as the subtitle writers cut it. Turns without both times are left out.
pub fn cue_parts(t: &Transcript) -> Vec<(usize, f64, f64, String)> {
    let mut out = Vec::with_capacity(t.turns.len());
    for (i, turn) in t.turns.iter().enumerate() {
        let (Some(start), Some(end)) = (turn.start, turn.end) else {
            continue;
        };
        for (start, end, text) in anchored_parts(turn, start, end) {
            out.push((i, start, end, text.to_string()));
        }
    }
    out
}

/// A turn (from `start` to `end`) cut at its timing anchors: (start, end, text) per part. A part starts
/// at its first word's time (else where the part before ended) and ends at its last word's end (else where
/// the next part starts); times stay within the turn and in order.
fn anchored_parts(turn: &Turn, start: f64, end: f64) -> Vec<(f64, f64, &str)> {
    let text = turn.text.as_str();
    let end = end.max(start);
    let cuts: Vec<usize> = crate::model::words::tokens_with_offsets(text)
        .zip(turn.words.iter())
        .skip(1)
        .filter(|(_, w)| w.cue)
        .map(|((at, _), _)| at)
        .collect();
    if cuts.is_empty() {
        return vec![(start, end, text)];
    }
    let ranges: Vec<std::ops::Range<usize>> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(text.len())))
        .map(|(a, b)| a..b)
        .collect();
    let mut parts = Vec::with_capacity(ranges.len());
    let mut from = start;
    for (k, range) in ranges.iter().enumerate() {
        let words = crate::model::words::words_in(text, &turn.words, range.clone());
        let next_start = ranges.get(k + 1).and_then(|next| {
            crate::model::words::words_in(text, &turn.words, next.clone())
                .first()
                .and_then(|w| w.start)
        });
        let own_start = if k == 0 {
            start
        } else {
            words.first().and_then(|w| w.start).unwrap_or(from)
        };
        let part_start = own_start.clamp(from, end);
        let part_end = if k + 1 == ranges.len() {
            end
        } else {
            words.last().and_then(|w| w.end).or(next_start).unwrap_or(part_start)
        }
        .clamp(part_start, end);
        parts.push((part_start, part_end, text[range.clone()].trim()));
        from = part_end;
    }
    parts
}

/// A speaker's name as a prefix of a cue's `text` that the readers take back as a label. Before a
/// quotation a plain label seen once reads as the start of what was said (`Digo: "…"`), so it is bracketed.
pub(crate) fn prefix(name: &str, text: &str) -> String {
    if text.trim_start().starts_with(['"', '“', '«', '„', '\'']) {
        format!("{} ", super::text::bracketed_label(name))
    } else {
        format!("{} ", super::text::write_label(name))
    }
}

/// Cue text cannot hold blank lines (they end a cue): paragraphs become single line breaks.
pub(crate) fn without_blank_lines(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What cue formats cannot hold; `resave`: saving back into the file the transcript came from (which
/// held the original texts, not a record of them).
pub(crate) fn losses(t: &Transcript, resave: bool) -> Vec<String> {
    let mut out = Vec::new();
    let meta = &t.meta;
    if meta.language.is_some() || meta.media.is_some() || !meta.extra.is_empty() {
        out.push("the language, media file and other metadata".to_string());
    }
    if t.turns.iter().any(|x| x.text.split('\n').any(|l| l.trim().is_empty())) {
        out.push("blank lines inside turns".to_string());
    }
    if t.turns.iter().any(|x| x.extra.is_some()) || t.speakers.iter().any(|s| !s.extra.is_empty()) {
        out.push("extra fields of turns and speakers".to_string());
    }
    out.extend(super::unnamed_speaker_loss(t));
    out.extend(super::review_losses(t, true, !resave));
    out
}
