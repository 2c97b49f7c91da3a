//! YouTube's SubViewer captions (`.sbv`), as YouTube Studio downloads them: a timing line
//! `0:00:01.000,0:00:04.200`, the caption's lines, a blank line. Speakers as the captions write them
//! (`>> MIA:`, `Mia:`); written with `Name: ` before each caption, as SRT is.

use super::cues::{self, Cue};
use super::line::lines;
use super::time::parse_clock;
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;
use regex::Regex;
use std::sync::LazyLock;

pub struct Sbv;

/// `H:MM:SS.mmm,H:MM:SS.mmm`, spaces forgiven around it.
static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,3}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?)\s*,\s*(\d{1,3}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?)\s*$")
        .expect("the SBV timing pattern is valid")
});

/// The start and end of a timing line.
fn timing(line: &str) -> Option<(f64, f64)> {
    let caps = TIMING.captures(line)?;
    Some((parse_clock(&caps[1])?, parse_clock(&caps[2])?))
}

/// Reads decoded SBV text. A caption runs from its timing line to the next one.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let all: Vec<&str> = lines(text).collect();
    let timings: Vec<(usize, (f64, f64))> = all
        .iter()
        .enumerate()
        .filter_map(|(i, l)| timing(l).map(|t| (i, t)))
        .collect();
    if timings.is_empty() {
        if text.trim().is_empty() {
            return Ok(Transcript::new());
        }
        return Err(ParseError::new(
            1,
            1,
            "no captions found: an SBV file has timing lines like 0:00:01.000,0:00:04.000",
        ));
    }
    if let Some(first) = all[..timings[0].0].iter().position(|l| !l.trim().is_empty()) {
        return Err(ParseError::new(
            first + 1,
            1,
            "text before the first timing line: an SBV file starts with one, like 0:00:01.000,0:00:04.000",
        ));
    }
    let mut out = Vec::with_capacity(timings.len());
    for (k, &(line, (start, end))) in timings.iter().enumerate() {
        if end < start {
            return Err(ParseError::new(
                line + 1,
                1,
                format!("this caption ends ({end} s) before it starts ({start} s)"),
            ));
        }
        let next = timings.get(k + 1).map_or(all.len(), |&(n, _)| n);
        let text = all[line + 1..next]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        out.push(Cue::new(start, end, None, text));
    }
    cues::take_speaker_prefixes(&mut out);
    // A speaker's captions are one turn, as live captions' `>>` marks say; written back as those captions.
    Ok(cues::into_transcript(out, true))
}

/// `H:MM:SS.mmm` from seconds, rounded to the millisecond.
fn clock(seconds: f64) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, ms) = (rest / 1000, rest % 1000);
    format!("{h}:{m:02}:{s:02}.{ms:03}")
}

pub fn render(t: &Transcript) -> Result<String, WriteError> {
    // Like SRT, SBV has no escapes: a line that reads as a timing line would come back as a caption.
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(line) = turn.text.lines().find(|l| timing(l).is_some()) {
            return Err(WriteError(format!(
                "turn {} holds the line {line:?}, which SBV would read back as a caption's times (SBV has no way \
                 to escape it); save as WebVTT or JSON, or change the line",
                i + 1
            )));
        }
    }
    let mut out = String::new();
    for cue in cues::out_cues(t, "SBV")? {
        out.push_str(&format!("{},{}\n", clock(cue.start), clock(cue.end)));
        if let Some(name) = cue.speaker {
            out.push_str(&cues::prefix(name, cue.text));
        }
        out.push_str(&cues::without_blank_lines(cue.text));
        out.push_str("\n\n");
    }
    Ok(out)
}

/// What SBV cannot hold: what no cue format holds, and a title.
fn losses(t: &Transcript, resave: bool) -> Vec<String> {
    let title = t.meta.title.as_ref().map(|_| "the title".to_string());
    title.into_iter().chain(cues::losses(t, resave)).collect()
}

impl Format for Sbv {
    fn name(&self) -> &'static str {
        "sbv"
    }
    fn title(&self) -> &'static str {
        "YouTube SubViewer captions"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["sbv"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
        head.trim_start_matches('\u{FEFF}')
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| timing(l).is_some())
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        losses(t, false)
    }
    fn losses_on_resave(&self, t: &Transcript) -> Vec<String> {
        losses(t, true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fixture, rows};
    use super::*;

    #[test]
    fn youtube_studio_captions_with_live_speaker_marks() {
        let t = Sbv.read(&fixture("studio.sbv")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("MIA"), "Welkom bij de podcast.", Some(0.599), Some(4.16)),
                (
                    Some("HAKAR"),
                    "Dank je, fijn dat ik er ben. Ik woon in Utrecht.",
                    Some(4.16),
                    Some(9.0)
                ),
                (Some("MIA"), "Zullen we beginnen?\nHet is tijd.", Some(9.5), Some(12.0)),
            ],
            "a caption without >> goes on with the speaker before"
        );
    }

    #[test]
    fn writes_captions_that_read_back() {
        let t = Sbv.read(&fixture("studio.sbv")).expect("reads").transcript;
        let written = render(&t).expect("writes");
        assert!(
            written.starts_with("0:00:00.599,0:00:04.160\nMIA: Welkom bij de podcast.\n\n"),
            "{written}"
        );
        assert!(
            written.contains("0:00:06.770,0:00:09.000\nHAKAR: Ik woon in Utrecht.\n"),
            "{written}"
        );
        assert_eq!(parse(&written).expect("reads back"), t);
        assert!(Sbv.sniff(written.as_bytes()));
    }

    #[test]
    fn mistakes_are_named_where_they_are() {
        let e = parse("gewoon tekst\n").expect_err("no captions");
        assert!(e.message.contains("no captions found"), "{e}");
        let e = parse("Titel\n0:00:01.000,0:00:02.000\nHallo\n").expect_err("text first");
        assert_eq!(e.line, 1);
        let e = parse("0:00:01.000,0:00:02.000\nHallo\n\n0:00:05.000,0:00:04.000\nTerug\n").expect_err("backwards");
        assert_eq!(e.line, 4, "{e}");
        assert!(parse("").expect("empty").turns.is_empty());
        let mut t = crate::formats::text::parse("Mia: Kijk:\n0:00:01.000,0:00:02.000\n");
        (t.turns[0].start, t.turns[0].end) = (Some(0.0), Some(1.0));
        assert!(render(&t).is_err_and(|e| e.0.starts_with("turn 1 holds the line")));
    }
}
