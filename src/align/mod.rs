//! Times from the recording: every turn and word of a transcript without times (or of the stretches
//! between the turns whose times are trusted) placed where it is said. No model is downloaded: the text is
//! spoken by espeak-ng (`speech.rs`, any of its hundred languages), the synthetic voice and the recording are
//! turned into the same features (`features.rs`, MFCCs every 10 ms), and the two are matched by dynamic time
//! warping in bounded memory (`dtw.rs`). A word's time is where its synthetic start is matched; a turn's
//! sureness is how well a second voice's alignment agrees with the first, so music, crosstalk or text that is
//! not in the recording are marked for review (as doubtful words) rather than given confident wrong times.

pub mod dtw;
pub mod features;
pub mod speech;

use crate::edit::{Change, Edit};
use crate::media::Decoder;
use crate::model::{Transcript, Word};
use features::{Frame, HOP, Mfcc};
use std::path::Path;
use std::sync::atomic::Ordering;

/// Why a transcript could not be aligned.
#[derive(Debug, thiserror::Error)]
pub enum AlignError {
    #[error(transparent)]
    Speech(#[from] speech::SpeechError),
    #[error("{0}")]
    Recording(String),
    #[error("stopped")]
    Cancelled,
}

/// How far an alignment is, for a progress bar, and a flag that stops it.
pub use crate::model::progress::Progress;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language to speak the text in; the transcript's (said or guessed) when `None`, else English.
    pub language: Option<String>,
    /// Re-time every turn, the ones with times too.
    pub all: bool,
}

/// A turn's new times: its words' (with the alignment's sureness as their confidence) and its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    pub turn: usize,
    pub start: f64,
    pub end: f64,
    pub words: Vec<Word>,
    /// How well the turn's stretch matched, 0 to 1.
    pub sure: f32,
}

/// The turns to align, and the stretch of the recording they are in.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    turns: std::ops::Range<usize>,
    from: f64,
    to: Option<f64>,
}

/// The runs of turns to place: all of them (`all`, or none has times), else each run between turns whose
/// start and end are trusted, within the time between those turns.
fn spans(t: &Transcript, all: bool) -> Vec<Span> {
    let anchored = |i: usize| !all && t.turns[i].start.is_some() && t.turns[i].end.is_some();
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.turns.len() {
        if anchored(i) || t.turns[i].text.trim().is_empty() {
            i += 1;
            continue;
        }
        let first = i;
        while i < t.turns.len() && !anchored(i) {
            i += 1;
        }
        let from = first.checked_sub(1).and_then(|p| t.turns[p].end).unwrap_or(0.0);
        let to = t.turns.get(i).and_then(|n| n.start);
        out.push(Span {
            turns: first..i,
            from,
            to,
        });
    }
    out
}

/// The language to speak `t` in.
fn language_of(t: &Transcript, options: &Options) -> String {
    options
        .language
        .clone()
        .or_else(|| t.meta.language.clone())
        .or_else(|| crate::model::language::guess_of(t).map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

/// Frames after where a word's start is matched that its sound is looked for, at most.
const ONSET_SEARCH: usize = 30;

/// Seconds of silence put between the turns of the synthetic voice, and before and after them all (a
/// recording seldom starts with a word).
const TURN_GAP: f64 = 0.3;
const EDGE: f64 = 0.5;

/// Places the turns of `t` in `recording` (see the module's comment).
pub fn align(
    t: &Transcript,
    recording: &Path,
    options: &Options,
    progress: &Progress,
) -> Result<Vec<Timed>, AlignError> {
    speech::available()?;
    let language = language_of(t, options);
    let spans = spans(t, options.all);
    let words: usize = spans.iter().map(|s| s.turns.len()).sum();
    progress.total.store(words * 2 + 1, Ordering::Relaxed);
    let mut out = Vec::new();
    for span in spans {
        out.extend(align_span(t, &span, recording, &language, progress)?);
    }
    rate_sureness(&mut out);
    progress
        .done
        .store(progress.total.load(Ordering::Relaxed), Ordering::Relaxed);
    Ok(out)
}

/// The synthetic voice of some turns: its features, and each turn's words as (first frame, frame after
/// the last).
struct Voice {
    frames: Vec<Frame>,
    turns: Vec<Vec<(usize, usize)>>,
}

/// Seconds of silence between the words of the synthetic voice: where the recording pauses between words,
/// pause meets pause; where it does not, the short silence is passed over.
const WORD_GAP: f64 = 0.12;

/// Speaks the texts word by word, with a short pause between words and a longer one between turns.
fn speak(texts: &[&str], language: &str, progress: &Progress) -> Result<Voice, AlignError> {
    let mut mfcc: Option<Mfcc> = None;
    let mut turns = Vec::with_capacity(texts.len());
    let mut at = 0usize; // samples so far
    let mut rate = 22_050u32;
    for text in texts {
        if progress.cancelled() {
            return Err(AlignError::Cancelled);
        }
        let mut words = Vec::new();
        for token in text.split_whitespace() {
            let spoken = speech::speak(token, language)?;
            rate = spoken.rate;
            let m = mfcc.get_or_insert_with(|| {
                let mut m = Mfcc::new(rate);
                let edge = vec![0.0f32; (EDGE * f64::from(rate)) as usize];
                m.feed(&edge);
                at = edge.len();
                m
            });
            let frame = |sample: usize| (sample as f64 / f64::from(rate) / HOP).round() as usize;
            let sound = trimmed(&spoken.samples);
            words.push((frame(at), frame(at + sound.len()).max(frame(at) + 1)));
            m.feed(sound);
            let gap = vec![0.0f32; (WORD_GAP * f64::from(rate)) as usize];
            m.feed(&gap);
            at += sound.len() + gap.len();
        }
        if let Some(m) = &mut mfcc {
            let gap = vec![0.0f32; (TURN_GAP * f64::from(rate)) as usize];
            m.feed(&gap);
            at += gap.len();
        }
        turns.push(words);
        progress.add(1);
    }
    if let Some(m) = &mut mfcc {
        m.feed(&vec![0.0f32; (EDGE * f64::from(rate)) as usize]);
    }
    Ok(Voice {
        frames: mfcc.map(Mfcc::finish).unwrap_or_default(),
        turns,
    })
}

/// A synthetic word without the silence espeak-ng puts around it.
fn trimmed(samples: &[f32]) -> &[f32] {
    let peak = samples.iter().fold(0f32, |m, s| m.max(s.abs()));
    if peak == 0.0 {
        return samples;
    }
    let loud = |s: &f32| s.abs() > peak * 0.02;
    let first = samples.iter().position(loud).unwrap_or(0);
    let last = samples.iter().rposition(loud).map_or(samples.len(), |l| l + 1);
    &samples[first..last]
}

/// The features of `recording` from `from` to `to` seconds (its end when `None`), mono, and each frame's
/// loudness.
fn listen(
    recording: &Path,
    from: f64,
    to: Option<f64>,
    progress: &Progress,
) -> Result<(Vec<Frame>, Vec<f32>), AlignError> {
    let said = |e: crate::media::MediaError| AlignError::Recording(e.to_string());
    let mut decoder = Decoder::open(recording).map_err(said)?;
    let (rate, channels) = (decoder.sample_rate(), decoder.channels().max(1));
    if from > 0.0 {
        decoder.seek(from).map_err(said)?;
    }
    let mut mfcc = Mfcc::new(rate);
    let last = to.map(|t| ((t - from).max(0.0) * rate as f64) as usize);
    let mut taken = 0usize;
    let mut mono = Vec::new();
    while let Some(block) = decoder.next_block().map_err(said)? {
        if progress.cancelled() {
            return Err(AlignError::Cancelled);
        }
        mono.clear();
        mono.extend(block.chunks(channels).map(|f| f.iter().sum::<f32>() / channels as f32));
        let keep = last.map_or(mono.len(), |l| l.saturating_sub(taken).min(mono.len()));
        mfcc.feed(&mono[..keep]);
        taken += keep;
        if last.is_some_and(|l| taken >= l) {
            break;
        }
    }
    Ok(mfcc.finish_with_loudness())
}

/// One text placed: each word's (start, end) in seconds, and how far a second voice's alignment put its
/// words from these (the mean, in seconds; lower is surer).
type Placed = (Vec<(f64, f64)>, f32);

/// Where each word of `texts` (turns, their words split at white space) is said in `recording` between
/// `from` and `to`: per text, each word's (start, end) in seconds, and how far its part of the match was
/// (the mean distance).
fn place(
    texts: &[&str],
    recording: &Path,
    from: f64,
    to: Option<f64>,
    language: &str,
    progress: &Progress,
) -> Result<Vec<Placed>, AlignError> {
    let voice = speak(texts, language, progress)?;
    let (heard, loudness) = listen(recording, from, to, progress)?;
    let map = dtw::align(&voice.frames, &heard, &|| progress.cancelled()).ok_or(AlignError::Cancelled)?;
    // A second voice (espeak-ng's female variant) aligned on its own: where the text is what the recording
    // says, both voices' words land on the same sounds; where it is not, each lands anywhere.
    let other = speak(texts, &format!("{language}+f3"), progress)?;
    let other_map = dtw::align(&other.frames, &heard, &|| progress.cancelled()).ok_or(AlignError::Cancelled)?;
    progress.add(texts.len());
    let quiet = pause_level(&loudness);
    let at = |frame: usize| map.get(frame.min(map.len().saturating_sub(1)));
    // Where a word's first synthetic frame is heard: the first recording frame matched with it, or, where
    // that is in a pause of the recording, the first loud frame after it (a word starts with its sound),
    // no later than `until`.
    let onset = |frame: usize, until: usize| {
        at(frame).map_or(0, |m| {
            let limit = until.max(m.last).min(m.first + ONSET_SEARCH);
            (m.first..=limit)
                .find(|&j| loudness.get(j).is_some_and(|&l| l > quiet))
                .unwrap_or(m.first)
        })
    };
    // Where a word's last synthetic frame stops being heard.
    let offset = |frame: usize| at(frame).map_or(0, |m| m.last + 1);
    let seconds = |j: usize| from + j as f64 * HOP;
    Ok(voice
        .turns
        .iter()
        .enumerate()
        .map(|(k, said)| {
            let times: Vec<(f64, f64)> = said
                .iter()
                .map(|&(a, b)| {
                    let last = offset(b.saturating_sub(1).max(a));
                    let s = seconds(onset(a, last));
                    (s, seconds(last).max(s))
                })
                .collect();
            // How far the two voices disagree on where the words start: the mean, in seconds.
            let mut apart: Vec<f64> = said
                .iter()
                .zip(other.turns.get(k).map_or(&[][..], |t| &t[..]))
                .map(|(&(a, _), &(b, _))| {
                    let here = map.get(a).map_or(0, |m| m.first) as f64;
                    let there = other_map.get(b).map_or(0, |m| m.first) as f64;
                    (here - there).abs() * HOP
                })
                .collect();
            apart.sort_by(f64::total_cmp);
            let disagreement = (apart.iter().sum::<f64>() / apart.len().max(1) as f64) as f32;
            (times, disagreement)
        })
        .collect())
}

fn align_span(
    t: &Transcript,
    span: &Span,
    recording: &Path,
    language: &str,
    progress: &Progress,
) -> Result<Vec<Timed>, AlignError> {
    let texts: Vec<&str> = t.turns[span.turns.clone()].iter().map(|x| x.text.as_str()).collect();
    let placed = place(&texts, recording, span.from, span.to, language, progress)?;
    Ok(texts
        .iter()
        .zip(placed)
        .enumerate()
        .map(|(k, (text, (times, cost)))| {
            let words: Vec<Word> = text
                .split_whitespace()
                .zip(&times)
                .map(|(token, &(s, e))| Word::heard(token, Some(s), Some(e), None))
                .collect();
            let start = words.first().and_then(|w| w.start).unwrap_or(span.from);
            Timed {
                turn: span.turns.start + k,
                start,
                end: words.last().and_then(|w| w.end).unwrap_or(start),
                words,
                sure: cost,
            }
        })
        .collect())
}

/// Times for the words of turn `turn` that have none (typed, corrected, split off), from the stretch of the
/// recording between the timed words around them (or the turn's own times): the turn's words as they are
/// then, or `None` when it has no untimed word with times around it. A turn without words is timed whole
/// within its start and end.
pub fn retime_words(
    t: &Transcript,
    turn: usize,
    recording: &Path,
    options: &Options,
    progress: &Progress,
) -> Result<Option<Vec<Word>>, AlignError> {
    let Some(x) = t.turns.get(turn) else { return Ok(None) };
    speech::available()?;
    let language = language_of(t, options);
    let mut words: Vec<Word> = if crate::model::words::spell(&x.words, &x.text) {
        x.words.to_vec()
    } else {
        x.text.split_whitespace().map(Word::typed).collect()
    };
    let untimed = |w: &Word| w.start.is_none() || w.end.is_none();
    let mut changed = false;
    let mut k = 0;
    while k < words.len() {
        if !untimed(&words[k]) {
            k += 1;
            continue;
        }
        let run_end = (k..words.len()).find(|&j| !untimed(&words[j])).unwrap_or(words.len());
        let from = k.checked_sub(1).and_then(|p| words[p].end).or(x.start);
        let to = words.get(run_end).and_then(|w| w.start).or(x.end);
        if let (Some(from), Some(to)) = (from, to)
            && to > from
        {
            let text: String = words[k..run_end]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let placed = place(&[text.as_str()], recording, from, Some(to), &language, progress)?;
            if let Some((times, _)) = placed.first() {
                for (w, &(s, e)) in words[k..run_end].iter_mut().zip(times) {
                    (w.start, w.end) = (Some(s.min(to)), Some(e.min(to)));
                }
                changed = true;
            }
        }
        k = run_end;
    }
    Ok(changed.then_some(words))
}

/// The loudness under which a frame of the recording is a pause: a quarter of the way from its quiet
/// (the 5th percentile) to its loud (the 95th).
fn pause_level(loudness: &[f32]) -> f32 {
    if loudness.is_empty() {
        return f32::NEG_INFINITY;
    }
    let mut sorted = loudness.to_vec();
    sorted.sort_by(f32::total_cmp);
    let at = |p: f64| sorted[((sorted.len() - 1) as f64 * p) as usize];
    at(0.05) + 0.25 * (at(0.95) - at(0.05))
}

/// Turns each turn's disagreement between the two voices (in `sure`: the mean, in seconds) into a sureness
/// from 0 to 1, and gives it to the turn's words as their confidence: 0.3 s or less is sure, half a second
/// or more is not; a turn squeezed into far less time than its words take is not either. (Measured in
/// tests/align.rs: turns of the right text disagree by 0.05 to 0.25 s on average, text that is not in the
/// recording by 0.57 s and more.)
fn rate_sureness(timed: &mut [Timed]) {
    for x in timed {
        x.sure = (1.0 - (x.sure - 0.3) / 0.2).clamp(0.0, 1.0);
        let said = x.words.len() as f64 * 0.35;
        if x.end - x.start < said * 0.2 {
            x.sure *= 0.3;
        }
        for w in &mut x.words {
            w.confidence = Some(x.sure);
        }
    }
}

/// Turns less sure than this are marked for review.
pub const UNSURE: f32 = 0.6;

/// What an alignment did, for its report: the turns and words it timed, and the turns (numbered from 1)
/// that matched badly.
pub struct Summary {
    pub turns: usize,
    pub words: usize,
    pub unsure: Vec<String>,
}

pub fn summary(timed: &[Timed]) -> Summary {
    Summary {
        turns: timed.len(),
        words: timed.iter().map(|x| x.words.len()).sum(),
        unsure: timed
            .iter()
            .filter(|x| x.sure < UNSURE)
            .map(|x| (x.turn + 1).to_string())
            .collect(),
    }
}

/// The alignment as one change: each turn's times and its words.
pub fn change(timed: &[Timed]) -> Change {
    let mut edits = Vec::with_capacity(timed.len() * 2);
    for x in timed {
        edits.push(Edit::SetTimes {
            turn: x.turn,
            start: Some(x.start),
            end: Some(x.end),
        });
        edits.push(Edit::SetWords {
            turn: x.turn,
            words: x.words.clone(),
        });
    }
    Change::new("Align with the recording", edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(turns: &[(Option<f64>, Option<f64>, &str)]) -> Transcript {
        let mut t = Transcript::new();
        for (start, end, text) in turns {
            let turn = t.push_turn(None, *text);
            (turn.start, turn.end) = (*start, *end);
        }
        t
    }

    #[test]
    fn turns_with_times_anchor_the_runs_between_them() {
        let t = transcript(&[
            (None, None, "een"),
            (Some(5.0), Some(7.0), "twee"),
            (None, None, "drie"),
            (None, None, "vier"),
            (Some(20.0), Some(21.0), "vijf"),
        ]);
        assert_eq!(
            spans(&t, false),
            vec![
                Span {
                    turns: 0..1,
                    from: 0.0,
                    to: Some(5.0)
                },
                Span {
                    turns: 2..4,
                    from: 7.0,
                    to: Some(20.0)
                },
            ]
        );
        assert_eq!(
            spans(&t, true),
            vec![Span {
                turns: 0..5,
                from: 0.0,
                to: None
            }]
        );
    }
}
