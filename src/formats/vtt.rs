//! WebVTT subtitles (`.vtt`), as browsers, YouTube and meeting tools write them. Read: header with or
//! without a title, NOTE/STYLE/REGION blocks, cue ids, times with or without hours, cue settings, voice spans
//! `<v Mia>` and `<v.loud Mia>` (end tag optional), `Name: text` inside cues (Zoom), entities, and inline tags
//! (`<i>`, `<c>`, `<00:00:01.000>`) stripped. Consecutive cues of one speaker become one turn. Written with
//! hours always, `<v Name>` voice spans, and `&`, `<`, `>` escaped.

use super::cues::{self, Cue};
use super::markup::{decode_entities, escape, strip_tags_and_entities};
use super::text::lines;
use super::time::{format_millis, parse_timing};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;

pub struct WebVtt;

/// Reads decoded WebVTT, merging consecutive cues of one speaker.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    parse_with(text, true)
}

/// Reads decoded WebVTT; `merge` joins consecutive cues of one speaker into one turn.
pub fn parse_with(text: &str, merge: bool) -> Result<Transcript, ParseError> {
    let all: Vec<&str> = lines(text).collect();
    let first = all.first().map_or("", |l| l.trim_start_matches('\u{FEFF}'));
    let Some(after) = first.strip_prefix("WEBVTT") else {
        return Err(ParseError::new(1, 1, "a WebVTT file starts with the line WEBVTT"));
    };
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return Err(ParseError::new(
            1,
            7,
            "a WebVTT file starts with the line WEBVTT, alone or followed by a space",
        ));
    }
    let title = after.trim().trim_start_matches('-').trim();

    let mut out = Vec::new();
    let mut i = 1;
    while i < all.len() {
        // A block runs to the next blank line.
        let start = i;
        while i < all.len() && !all[i].trim().is_empty() {
            i += 1;
        }
        let block = &all[start..i];
        i += 1;
        let Some(first_line) = block.first() else { continue };
        if ["NOTE", "STYLE", "REGION"].iter().any(|k| first_line.starts_with(k)) {
            continue;
        }
        let Some(timing_at) = block.iter().take(2).position(|l| l.contains("-->")) else {
            continue;
        };
        let Some((start_s, end_s, _settings)) = parse_timing(block[timing_at]) else {
            return Err(ParseError::new(
                start + timing_at + 1,
                1,
                "this timing line is not of the form 00:00:01.000 --> 00:00:04.000",
            ));
        };
        let payload = block[timing_at + 1..].join("\n");
        for (voice, text) in voices(&payload) {
            out.push(Cue {
                start: start_s,
                end: end_s,
                speaker: voice,
                text: strip_tags_and_entities(&text),
            });
        }
    }
    cues::take_speaker_prefixes(&mut out);
    let mut t = cues::into_transcript(out, merge);
    if !title.is_empty() {
        t.meta.title = Some(title.to_string());
    }
    Ok(t)
}

/// Splits a cue's payload at its voice spans: `(Some("Mia"), "text")` for `<v Mia>text</v>`, `(None, …)`
/// for text outside any span.
fn voices(payload: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let mut voice: Option<String> = None;
    let mut rest = payload;
    let mut current = String::new();
    while !rest.is_empty() {
        let next_open = rest
            .find("<v")
            .filter(|&at| rest[at + 2..].starts_with([' ', '\t', '.']));
        let next_close = rest.find("</v>");
        match (next_open, next_close) {
            (Some(open), close) if close.is_none_or(|c| open < c) => {
                current.push_str(&rest[..open]);
                let Some(end) = rest[open..].find('>') else {
                    current.push_str(&rest[open..]);
                    break;
                };
                out.push((voice.take(), std::mem::take(&mut current)));
                let tag = &rest[open + 2..open + end];
                // `<v.loud Mia Bijman>`: classes after dots, then the name.
                let name = tag.split_once([' ', '\t']).map_or("", |(_, n)| n).trim();
                voice = (!name.is_empty()).then(|| decode_entities(name));
                rest = &rest[open + end + 1..];
            }
            (_, Some(close)) => {
                current.push_str(&rest[..close]);
                out.push((voice.take(), std::mem::take(&mut current)));
                rest = &rest[close + 4..];
            }
            _ => {
                current.push_str(rest);
                break;
            }
        }
    }
    out.push((voice, current));
    out.into_iter().filter(|(_, text)| !text.trim().is_empty()).collect()
}

pub fn render(t: &Transcript) -> Result<String, WriteError> {
    let times = cues::cue_times(t, "WebVTT")?;
    let mut out = String::from("WEBVTT");
    if let Some(title) = &t.meta.title {
        out.push_str(" - ");
        out.push_str(&title.replace(['\n', '\r'], " "));
    }
    out.push_str("\n\n");
    for (turn, (start, end)) in t.turns.iter().zip(times) {
        let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
        out.push_str(&format!(
            "{} --> {}\n",
            format_millis(ms(start), '.'),
            format_millis(ms(end), '.')
        ));
        let text = escape(&cues::without_blank_lines(&turn.text));
        match t.speaker_name(turn.speaker.as_ref()) {
            Some(name) => out.push_str(&format!("<v {}>{text}</v>", escape(name))),
            None => out.push_str(&text),
        }
        out.push_str("\n\n");
    }
    Ok(out)
}

impl Format for WebVtt {
    fn name(&self) -> &'static str {
        "vtt"
    }
    fn title(&self) -> &'static str {
        "WebVTT subtitles"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["vtt"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        bytes
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .unwrap_or(bytes)
            .starts_with(b"WEBVTT")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        cues::losses(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        String::from_utf8(super::super::fixture(name)).expect("UTF-8 fixture")
    }

    fn turns(t: &Transcript) -> Vec<(String, String)> {
        t.turns
            .iter()
            .map(|x| {
                (
                    t.speaker_name(x.speaker.as_ref()).unwrap_or("-").to_string(),
                    x.text.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn voices_notes_styles_ids_settings_entities_and_tags() {
        let t = parse(&fixture("voices.vtt")).expect("reads");
        assert_eq!(t.meta.title.as_deref(), Some("Aflevering 12"));
        assert_eq!(
            turns(&t),
            [
                ("Mia".into(), "Welkom bij de podcast over L&D.".into()),
                ("Hakar Bijman".into(), "Dank je, <fijn> dat ik er ben. Echt.".into()),
                ("Mia".into(), "Zullen we beginnen? Daarna een vraag over José.".into()),
                ("-".into(), "[muziek]".into()),
            ]
        );
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(1.0), Some(4.0)));
        assert_eq!((t.turns[2].start, t.turns[2].end), (Some(71.0), Some(3675.5)));
    }

    #[test]
    fn zoom_names_inside_cues_and_merging() {
        let t = parse(&fixture("zoom.vtt")).expect("reads");
        assert_eq!(
            turns(&t),
            [
                ("Mia Bijman".into(), "Goedemorgen allemaal. Zijn we compleet?".into()),
                ("Hakar".into(), "Bijna, we wachten op Sanne.".into()),
                ("Mia Bijman".into(), "Oké.".into()),
            ]
        );
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(0.5), Some(6.0)));
        let unmerged = parse_with(&fixture("zoom.vtt"), false).expect("reads");
        assert_eq!(unmerged.turns.len(), 4);
    }

    #[test]
    fn written_with_hours_voices_and_escapes_and_reads_back() {
        let t = parse(&fixture("voices.vtt")).expect("reads");
        let written = render(&t).expect("writes");
        assert!(written.starts_with("WEBVTT - Aflevering 12\n\n00:00:01.000 --> 00:00:04.000\n<v Mia>Welkom bij de podcast over L&amp;D.</v>\n"), "{written}");
        assert!(written.contains("&lt;fijn&gt;"), "{written}");
        assert_eq!(parse(&written).expect("reads back"), t);
    }

    #[test]
    fn a_file_that_is_not_webvtt() {
        let e = parse("1\n00:00:01,000 --> 00:00:02,000\nhoi\n").expect_err("not vtt");
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("WEBVTT"), "{}", e.message);
    }
}
