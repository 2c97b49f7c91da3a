//! Captions a viewer can read, cut from a transcript by the subtitle style guides' rules (by default
//! Netflix's Timed Text Style Guide for English): at most two lines of 42 characters, 5/6 s to 7 s on screen,
//! 20 characters a second at most where the speech leaves time, a gap between cues that do not touch. Each
//! turn is cut into cues at its best breaks, each cue into balanced lines, and the cues timed from the words'
//! times (or the turn's, shared out by length). Every word of the turns is in the cues once, in order.
//!
//! A layer of its own beside `edit` and `formats`: it reads a transcript and gives cues; the command line and
//! the window write them with the subtitle formats. The document is never changed by it.

pub mod check;
mod lines;
mod timing;
mod units;

pub use check::{Finding, Rule, check};
pub use lines::LANGUAGES;

use crate::model::Transcript;
use lines::{Filling, Measured, Words, joined, lay_out, width};
use units::{Unit, Untimed};

/// The limits a cue keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// Characters on a line.
    pub max_chars: usize,
    pub max_lines: usize,
    /// Seconds on screen.
    pub max_duration: f64,
    pub min_duration: f64,
    /// Characters a second (spaces count, line breaks do not).
    pub max_cps: f64,
    /// Seconds between two cues that do not touch.
    pub min_gap: f64,
}

impl Default for Rules {
    /// Netflix's Timed Text Style Guide for English: 42 characters, 2 lines, 5/6 s to 7 s, 20 characters a
    /// second, 2 frames (at 24 frames a second) between cues.
    fn default() -> Self {
        Self {
            max_chars: 42,
            max_lines: 2,
            max_duration: 7.0,
            min_duration: 0.833,
            max_cps: 20.0,
            min_gap: 0.083,
        }
    }
}

impl Rules {
    /// What is wrong with these limits, if anything (a limit of zero, a minimum above its maximum).
    pub fn problem(&self) -> Option<String> {
        let Rules {
            max_chars,
            max_lines,
            max_duration,
            min_duration,
            max_cps,
            min_gap,
        } = *self;
        if max_chars < 8 {
            return Some(format!("{max_chars} characters a line is too few: 8 at least"));
        }
        if max_lines == 0 {
            return Some("a cue needs one line at least".to_string());
        }
        if !(max_duration.is_finite() && max_duration > 0.0) {
            return Some("the longest time on screen must be more than 0 seconds".to_string());
        }
        if !(min_duration.is_finite() && (0.0..=max_duration).contains(&min_duration)) {
            return Some(format!(
                "the shortest time on screen ({min_duration} s) must be from 0 to the longest ({max_duration} s)"
            ));
        }
        if !(max_cps.is_finite() && max_cps > 0.0) {
            return Some("the reading speed must be more than 0 characters a second".to_string());
        }
        if !(min_gap.is_finite() && min_gap >= 0.0) {
            return Some("the gap between cues cannot be negative".to_string());
        }
        None
    }
}

/// Where the speaker's name goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Names {
    /// Nowhere: a new cue at each change of speaker is all that shows it.
    #[default]
    None,
    /// `Name: ` before the first cue of each turn.
    FirstCue,
    /// As the cue's speaker: WebVTT voice spans (`<v Name>`), ASS's Name field, TTML's agent.
    Voice,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    pub rules: Rules,
    pub names: Names,
    /// Two short turns of different speakers in one cue, a line each, as dialogue (`- Ja.` / `- Nee.`).
    pub dialogue: bool,
    /// The language the break rules' word lists are taken from; the transcript's (said or guessed) when
    /// `None`.
    pub language: Option<String>,
}

/// A cue to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub start: f64,
    pub end: f64,
    pub lines: Vec<String>,
    /// The speaker, with [`Names::Voice`] only.
    pub speaker: Option<String>,
    /// The turn (from 0) the cue's first words are from.
    pub turn: usize,
    /// Two turns, a line each, each line after a dash.
    pub dialogue: bool,
}

impl Caption {
    /// The characters a viewer reads: the lines' characters, spaces included, line breaks not.
    pub fn reading_chars(&self) -> usize {
        self.lines.iter().map(|l| width(l)).sum()
    }
}

/// A turn the captions cannot be timed for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("turn {turn} (\"{text}\") has no {which} time, and captions need each turn's times (or its words' times)")]
pub struct NoTimes {
    /// From 1, as the window and messages number turns.
    pub turn: usize,
    pub text: String,
    /// "start" or "end".
    pub which: &'static str,
}

/// The captions of `t`, each turn cut into cues by `options`. `progress` is told how many turns are done,
/// now and then.
pub fn make(t: &Transcript, options: &Options, progress: &dyn Fn(usize)) -> Result<Vec<Caption>, NoTimes> {
    let language = options
        .language
        .clone()
        .or_else(|| t.meta.language.clone())
        .or_else(|| crate::model::language::guess_of(t).map(str::to_string));
    let words = Words::of(language.as_deref());
    let rules = &options.rules;
    let mut out: Vec<Caption> = Vec::with_capacity(t.turns.len() * 2);
    // The previous turn, when it is one short line that a dialogue cue could start with: its cue's index
    // and its line.
    let mut dialogue_start: Option<(usize, String)> = None;
    for (i, turn) in t.turns.iter().enumerate() {
        if i % 4096 == 0 {
            progress(i);
        }
        let units = units::units(turn).map_err(|why| NoTimes {
            turn: i + 1,
            text: turn.text.chars().take(40).collect(),
            which: match why {
                Untimed::Start => "start",
                Untimed::End => "end",
            },
        })?;
        if units.is_empty() {
            dialogue_start = None;
            continue;
        }
        let name = t.speaker_name(turn.speaker.as_ref()).filter(|n| !n.is_empty());
        let prefix = match (options.names, name) {
            (Names::FirstCue, Some(name)) => format!("{name}: "),
            _ => String::new(),
        };
        let speaker = (options.names == Names::Voice)
            .then(|| name.map(str::to_string))
            .flatten();
        let measured = Measured::new(&units, &words);
        let one_line = options.dialogue && measured.span(0, units.len()) + 2 <= rules.max_chars;
        let line = if one_line { joined(&units) } else { String::new() };
        if one_line && let Some((at, first)) = dialogue_start.take() {
            let before = &out[at];
            let (start, end) = (before.start, units[units.len() - 1].end);
            let other_speaker = t.turns[before.turn].speaker != turn.speaker;
            let close = units[0].start - before.end <= 1.0;
            if rules.max_lines >= 2 && other_speaker && close && end - start <= rules.max_duration {
                out[at] = Caption {
                    start,
                    end,
                    lines: vec![format!("- {first}"), format!("- {line}")],
                    speaker: None,
                    turn: before.turn,
                    dialogue: true,
                };
                continue;
            }
        }
        let first_cue = out.len();
        for (k, range) in segment(&units, &measured, rules, width(&prefix))
            .into_iter()
            .enumerate()
        {
            let (start, end) = (units[range.start].start, units[range.end - 1].end);
            out.push(Caption {
                start,
                end,
                lines: lay_out(
                    &units,
                    &measured,
                    range,
                    rules.max_chars,
                    if k == 0 { &prefix } else { "" },
                ),
                speaker: speaker.clone(),
                turn: i,
                dialogue: false,
            });
        }
        dialogue_start = (one_line && out.len() == first_cue + 1).then_some((first_cue, line));
    }
    progress(t.turns.len());
    timing::settle(&mut out, rules);
    Ok(out)
}

/// A turn's units cut into cues: each as full as it can be up to a good break, within the limits.
fn segment(units: &[Unit], m: &Measured, rules: &Rules, prefix: usize) -> Vec<std::ops::Range<usize>> {
    let n = units.len();
    let capacity = (rules.max_chars * rules.max_lines) as f32;
    let pw = |i: usize| if i == 0 { prefix } else { 0 };
    // Units i..k on one line, the name before the first cue's included.
    let chars = |a: usize, b: usize| (pw(a) + m.span(a, b)) as f32;
    // Whether units i..k fit one cue (a single unit always does).
    let fits = |i: usize, k: usize| {
        if k == i + 1 {
            return true;
        }
        if units[k - 1].end - units[i].start > rules.max_duration {
            return false;
        }
        let mut filling = Filling::new(pw(i));
        for j in i..k {
            filling.add(m, j, rules.max_chars);
            if filling.lines > rules.max_lines {
                return false;
            }
        }
        true
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // The most units from i that fit, the lines filled as they come.
        let mut filling = Filling::new(pw(i));
        filling.add(m, i, rules.max_chars);
        let mut most = i + 1;
        while most < n && units[most].end - units[i].start <= rules.max_duration {
            let mut next = filling;
            next.add(m, most, rules.max_chars);
            if next.lines > rules.max_lines {
                break;
            }
            filling = next;
            most += 1;
        }
        if most == n {
            out.push(i..n);
            break;
        }
        // The rest of the turn would fit one cue after a cut at or past this unit.
        let rest_fits_from = (i + 1..=most).find(|&k| fits(k, n)).unwrap_or(n);
        let score = |k: usize| {
            let quality = m.quality[k];
            let mut s = quality + 3.0 * chars(i, k) / capacity;
            if quality < 2.0 && sentence_ends_soon(&units[k..]) {
                // "… where cities / and nature meet." leaves a sentence's last words alone on screen.
                s -= 1.5;
            }
            if units[k].start - units[i].start < rules.min_duration {
                // The next words follow at once, so this cue could not stay long enough to be read.
                s -= 3.0;
            }
            if k >= rest_fits_from {
                // The last two cues of a turn about even, rather than a full one and a word.
                s -= 2.0 * (chars(i, k) - chars(k, n)).abs() / capacity;
            }
            s
        };
        let mut best = most;
        let mut best_score = score(most);
        for k in (i + 1..most).rev() {
            let s = score(k);
            if s > best_score {
                (best, best_score) = (k, s);
            }
        }
        out.push(i..best);
        i = best;
    }
    out
}

/// Whether a sentence ends within the first few words of `units` (fewer than 25 characters).
fn sentence_ends_soon(units: &[Unit]) -> bool {
    let mut chars = 0;
    for u in units {
        chars += width(u.text) + 1;
        if chars >= 25 {
            return false;
        }
        if u.text.ends_with(['.', '?', '!', '…', '。', '？', '！']) {
            return true;
        }
    }
    false
}

/// The captions as a transcript of one turn per cue (lines as line breaks), for the subtitle writers.
pub fn into_transcript(captions: &[Caption], source: &Transcript) -> Transcript {
    let mut t = Transcript::new();
    t.meta.title = source.meta.title.clone();
    let mut ids: std::collections::HashMap<&str, crate::model::SpeakerId> = std::collections::HashMap::new();
    for c in captions {
        let speaker = c
            .speaker
            .as_deref()
            .map(|name| ids.entry(name).or_insert_with(|| t.intern_speaker(name)).clone());
        let turn = t.push_turn(speaker, c.lines.join("\n"));
        (turn.start, turn.end) = (Some(c.start), Some(c.end));
    }
    t
}

/// The words of captions as the viewer reads them, without the names and dialogue dashes the captions
/// added: what a caption export must give back of the turns.
pub fn words_shown<'a>(captions: &'a [Caption], t: &'a Transcript, options: &Options) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut last_turn = None;
    for c in captions {
        for (k, line) in c.lines.iter().enumerate() {
            let mut line = line.as_str();
            if c.dialogue {
                line = line.strip_prefix("- ").unwrap_or(line);
            } else if k == 0 && options.names == Names::FirstCue && last_turn != Some(c.turn) {
                let name = t.turns.get(c.turn).and_then(|x| t.speaker_name(x.speaker.as_ref()));
                if let Some(name) = name.filter(|n| !n.is_empty()) {
                    line = line.strip_prefix(&format!("{name}: ")).unwrap_or(line);
                }
            }
            out.extend(line.split_whitespace());
        }
        last_turn = Some(c.turn);
    }
    out
}

#[cfg(test)]
mod tests;
