//! WebVTT subtitles (`.vtt`), as browsers, YouTube and meeting tools write them. Read: header with or
//! without a title, NOTE/STYLE/REGION blocks, cue ids, times with or without hours, cue settings, voice spans
//! `<v Mia>` and `<v.loud Mia>` (end tag optional), `Name: text` inside cues (Zoom), entities, and inline tags
//! (`<i>`, `<c>`, `<00:00:01.000>`) stripped. Consecutive cues of one speaker become one turn. Written with
//! hours always, `<v Name>` voice spans, and `&`, `<`, `>` escaped.

use super::cues::{self, Cue};
use super::markup::{decode_entities, escape, strip_tags_and_entities};
use super::text::lines;
use super::time::format_millis;
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;

mod rolling;
mod timing;

use timing::{cue_timings, loose_timings, timestamp};

pub struct WebVtt;

/// Reads decoded WebVTT, merging consecutive cues of one speaker.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    parse_with(text, true)
}

/// Reads decoded WebVTT; `merge` joins consecutive cues of one speaker into one turn.
pub fn parse_with(text: &str, merge: bool) -> Result<Transcript, ParseError> {
    read_lenient(text, merge).map(|(t, _)| t)
}

/// Reads decoded WebVTT as people's files need: as [`read_cues`] does, and where not one timing line is
/// WebVTT's but they are times as older Microsoft Teams exports wrote them (`0:0:0.0 --> 0:0:0.570`), with
/// those (and a warning that says so). A file with text of which no cue can be read is an error that says
/// why, never an empty transcript.
pub fn read_lenient(text: &str, merge: bool) -> Result<(Transcript, Vec<String>), ParseError> {
    read(text, merge, true)
}

/// Reads decoded WebVTT as the WHATWG parsing algorithm does: a cue whose timing line is malformed is
/// dropped (and said, by its line, in the warnings), the rest of the file is read; a line with `-->` inside
/// a cue's text ends that cue and starts the next.
pub fn read_cues(text: &str, merge: bool) -> Result<(Transcript, Vec<String>), ParseError> {
    read(text, merge, false)
}

fn read(text: &str, merge: bool, lenient: bool) -> Result<(Transcript, Vec<String>), ParseError> {
    let all: Vec<&str> = lines(text).collect();
    // One byte order mark (decoding takes it off a file; a string may still have it), not two.
    let first = all.first().map_or("", |l| l.strip_prefix('\u{FEFF}').unwrap_or(l));
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

    let mut raw: Vec<rolling::RawCue> = Vec::new();
    let mut warnings = Vec::new();
    let mut language = None;
    let mut left_out: Vec<(usize, usize)> = Vec::new();
    // Header lines (`Kind: captions`, `Language: en`) run to the first blank line.
    let mut i = 1;
    while i < all.len() && !all[i].trim().is_empty() && !all[i].contains("-->") {
        if let Some(code) = all[i]
            .strip_prefix("Language:")
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            language = Some(code.to_string());
        }
        i += 1;
    }
    while i < all.len() {
        if all[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let first_line = all[i];
        if ["NOTE", "STYLE", "REGION"].iter().any(|k| {
            first_line
                .strip_prefix(k)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        }) && !first_line.contains("-->")
        {
            i = end_of_block(&all, i);
            continue;
        }
        // A line without the arrow is the cue's identifier; the timing line must follow it.
        let timing_at = if first_line.contains("-->") { i } else { i + 1 };
        if timing_at >= all.len() || !all[timing_at].contains("-->") {
            i = end_of_block(&all, i);
            continue;
        }
        // The cue's text runs to an empty line (a line of spaces is text, as the parsing algorithm reads it:
        // YouTube's first cue starts with one), or to a line with the arrow (the next cue's timing line).
        let mut end = timing_at + 1;
        while end < all.len() && !all[end].is_empty() && !all[end].contains("-->") {
            end += 1;
        }
        match cue_timings(all[timing_at]) {
            Some((start, end_s)) => raw.push(rolling::RawCue {
                start,
                end: end_s,
                lines: all[timing_at + 1..end].to_vec(),
            }),
            None => {
                warnings.push(format!(
                    "line {}: the cue there was left out: its timing line is not of the form 00:00:01.000 --> 00:00:04.000",
                    timing_at + 1
                ));
                left_out.push((timing_at, end));
            }
        }
        i = end;
    }
    // Not one timing line is WebVTT's, but they are times as older Microsoft Teams exports wrote them
    // (`0:0:0.0 --> 0:0:0.570`): read them, and say so once.
    let loose: Option<Vec<rolling::RawCue>> = left_out
        .iter()
        .map(|&(at, end)| {
            loose_timings(all[at]).map(|(start, end_s)| rolling::RawCue {
                start,
                end: end_s,
                lines: all[at + 1..end].to_vec(),
            })
        })
        .collect();
    if lenient
        && raw.is_empty()
        && let Some(loose) = loose.filter(|l| !l.is_empty())
    {
        raw = loose;
        warnings = vec![format!(
            "line {}: the times are written as 0:0:1.5, not as WebVTT's 00:00:01.500 (older Microsoft Teams exports are); they were read as times",
            left_out[0].0 + 1
        )];
    }
    let mut t = if rolling::is_rolling(&raw) {
        rolling::transcript(&raw)
    } else {
        let mut out = Vec::new();
        for cue in &raw {
            for (voice, text) in voices(&cue.lines.join("\n")) {
                out.push(Cue::new(cue.start, cue.end, voice, strip_tags_and_entities(&text)));
            }
        }
        cues::take_speaker_prefixes(&mut out);
        cues::into_transcript(out, merge)
    };
    if lenient && t.turns.is_empty() && all.iter().skip(1).any(|l| !l.trim().is_empty()) {
        return Err(match warnings.first() {
            Some(why) if raw.is_empty() && why.starts_with("line ") => {
                let line = why[5..].split(':').next().and_then(|n| n.parse().ok()).unwrap_or(1);
                ParseError::new(
                    line,
                    1,
                    "no cue could be read: the first timing line is not of the form 00:00:01.000 --> 00:00:04.000",
                )
            }
            _ => ParseError::new(
                1,
                1,
                "the file has no cues with text: a cue is a timing line (00:00:01.000 --> 00:00:04.000) and the text under it",
            ),
        });
    }
    if !title.is_empty() {
        t.meta.title = Some(title.to_string());
    }
    t.meta.language = language;
    Ok((t, warnings))
}

/// Where a block that is not a cue (a note, a style, loose text) ends: at a blank line, or before a line
/// with the arrow, which starts a cue of its own.
fn end_of_block(lines: &[&str], start: usize) -> usize {
    let mut i = start + 1;
    while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].contains("-->") {
        i += 1;
    }
    i
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
    let cues = cues::out_cues(t, "WebVTT")?;
    let mut out = String::from("WEBVTT");
    if let Some(title) = &t.meta.title {
        out.push_str(" - ");
        out.push_str(&title.replace(['\n', '\r'], " "));
    }
    out.push_str("\n\n");
    for cue in cues {
        let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
        out.push_str(&format!(
            "{} --> {}\n",
            format_millis(ms(cue.start), '.'),
            format_millis(ms(cue.end), '.')
        ));
        let text = escape(&cues::without_blank_lines(cue.text));
        match cue.speaker {
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
    fn is_lines(&self) -> bool {
        true
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
        // The parsing algorithm reads a NUL as U+FFFD; binary data is still refused.
        let read = super::decode_nul_as_replacement(bytes)?;
        let (t, dropped) = read_lenient(&read.text, true)?;
        let mut loaded = Loaded::new(t, read.encoding, bytes);
        let nuls = read.nuls;
        if let Some((line, column)) = read.first {
            loaded.warnings.push(format!(
                "line {line}, column {column}: {nuls} NUL character{} (U+0000) read as U+FFFD, as WebVTT reads them",
                if nuls == 1 { "" } else { "s" }
            ));
        }
        loaded.warnings.extend(dropped);
        Ok(loaded)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        let mut losses = cues::losses(t, false);
        // Consecutive cues of one voice are read as one turn.
        if t.turns
            .windows(2)
            .any(|w| w[0].speaker.is_some() && w[0].speaker == w[1].speaker)
        {
            losses.push("where one speaker's consecutive turns part (they come back as one turn)".to_string());
        }
        losses
    }
    fn losses_on_resave(&self, t: &Transcript) -> Vec<String> {
        cues::losses(t, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::rows;

    #[test]
    fn what_a_round_trip_would_change_is_said() {
        use crate::formats::{eaf, markdown, text, textgrid, ttml};
        let mut t = text::parse("Mia: Een.\nMia: Twee\tmet  ruimte.\n");
        for (k, turn) in t.turns.iter_mut().enumerate() {
            turn.start = Some(k as f64);
            turn.end = Some(k as f64 + 1.0);
        }
        t.speakers[0].name = String::new();
        let vtt = WebVtt.losses(&t);
        assert!(
            vtt.iter().any(|l| l.starts_with("the speaker with an empty name")),
            "{vtt:?}"
        );
        assert!(
            vtt.iter()
                .any(|l| l.starts_with("where one speaker's consecutive turns part")),
            "{vtt:?}"
        );
        for format in [&eaf::Eaf as &dyn Format, &textgrid::TextGrid, &ttml::Ttml] {
            let losses = format.losses(&t);
            let said = losses.iter().any(|l| l.starts_with("the speaker with an empty name"));
            assert!(said, "{}: {losses:?}", format.name());
        }
        assert!(
            ttml::Ttml
                .losses(&t)
                .iter()
                .any(|l| l.starts_with("tabs and runs of spaces"))
        );
        let mut md = text::parse("Mia: Een.\n");
        md.meta.title = Some("Afl. 3".into());
        md.meta.language = Some("nl".into());
        md.meta.media = Some("talk.mp3".into());
        assert_eq!(markdown::Markdown.losses(&md), ["the language and the media file"]);
    }

    #[test]
    fn youtube_automatic_captions_are_read_once_with_word_times_in_turns_at_pauses() {
        let (t, warnings) = read_lenient(&fixture("youtube-auto.vtt"), true).expect("reads");
        assert!(warnings.is_empty(), "{warnings:?}");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "welcome back to the garden hour today we plant tomatoes in pots on a sunny balcony",
                "first fill the pot with soil and water it well"
            ],
            "each spoken word once; a new turn after the pause of 2.8 s"
        );
        assert_eq!(t.meta.language.as_deref(), Some("en"));
        let words = &t.turns[0].words;
        assert_eq!(words.len(), 16);
        assert_eq!(
            (words[0].text.as_str(), words[0].start, words[0].end),
            ("welcome", Some(0.0), Some(0.4))
        );
        assert_eq!(
            (words[5].text.as_str(), words[5].start, words[5].end),
            ("hour", Some(1.52), Some(2.47))
        );
        assert_eq!((words[6].text.as_str(), words[6].start), ("today", Some(2.48)));
        assert!(crate::model::words::spell(words, &t.turns[0].text));
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(9.8), Some(13.5)));
    }

    #[test]
    fn older_youtube_captions_with_colour_spans_roll_too() {
        let (t, _) = read_lenient(&fixture("youtube-old.vtt"), true).expect("reads");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            ["welcome back to the garden hour today we plant tomatoes in pots on a balcony"]
        );
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(0.5), Some(8.4)));
    }

    #[test]
    fn older_teams_times_are_read_with_a_warning() {
        let src = "WEBVTT\n\n0:0:0.0 --> 0:0:2.570\n<v Mia Bijman>Goedemorgen allemaal.</v>\n\n\
                   0:0:2.570 --> 0:0:4.0\n<v Bram>Morgen.</v>\n";
        let (t, warnings) = read_lenient(src, true).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (Some("Mia Bijman"), "Goedemorgen allemaal.", Some(0.0), Some(2.57)),
                (Some("Bram"), "Morgen.", Some(2.57), Some(4.0))
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("line 3: the times are written as 0:0:1.5"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn a_file_with_text_but_no_cue_that_can_be_read_is_an_error_not_an_empty_transcript() {
        let e = read_lenient("WEBVTT\n\nJust some text.\nMore text.\n", true).expect_err("refused");
        assert!(e.message.starts_with("the file has no cues with text"), "{e}");
        let e = read_lenient("WEBVTT\n\n00:01 --> 00:02\nTekst.\n", true).expect_err("refused");
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.starts_with("no cue could be read"), "{e}");
        let (empty, _) = read_lenient("WEBVTT\n\n", true).expect("an empty file is an empty transcript");
        assert!(empty.turns.is_empty());
    }

    #[test]
    fn cues_are_read_as_the_webvtt_parsing_algorithm_reads_them() {
        let src = "WEBVTT\n\n\
                   1\n00:01.000 --> 00:02.000\nEen.\n\n\
                   00:02,000 --> 00:03,000\nKomma's zijn geen WebVTT.\n\n\
                   00:03.000-->00:04.000align:start position:10%\nTwee.\n\
                   00:04.000 --> 00:05.000\nDrie, zonder witregel ervoor.\n\n\
                   100:00:00.000 --> 100:00:01.000\nVier.\n\n\
                   00:06.00 --> 00:07.000\nTwee cijfers is te weinig.\n";
        let (t, warnings) = read_cues(src, false).expect("reads");
        let cues: Vec<(&str, Option<f64>, Option<f64>)> =
            t.turns.iter().map(|x| (x.text.as_str(), x.start, x.end)).collect();
        assert_eq!(
            cues,
            [
                ("Een.", Some(1.0), Some(2.0)),
                ("Twee.", Some(3.0), Some(4.0)),
                ("Drie, zonder witregel ervoor.", Some(4.0), Some(5.0)),
                ("Vier.", Some(360_000.0), Some(360_001.0)),
            ]
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("line 7:"), "{}", warnings[0]);
        assert!(warnings[1].starts_with("line 18:"), "{}", warnings[1]);
    }

    #[test]
    fn a_file_with_a_bad_cue_opens_with_a_warning_that_names_its_line() {
        let loaded = WebVtt
            .read(b"WEBVTT\n\n00:01.000 --> 00:02.000\nJa.\n\n00:0x.000 --> 00:03.000\nNee.\n")
            .expect("opens");
        assert_eq!(loaded.transcript.turns.len(), 1);
        assert!(
            loaded.warnings.iter().any(|w| w.starts_with("line 6:")),
            "{:?}",
            loaded.warnings
        );
    }

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

    const MEETING: &str = "WEBVTT\n\n\
        00:00:00.500 --> 00:00:03.000\nMia: Goedemorgen allemaal.\n\n\
        00:00:04.250 --> 00:00:06.000\nMia: Zijn we\ncompleet?\n\n\
        00:00:06.000 --> 00:00:07.000\nHakar: Bijna.\n\n\
        00:00:08.000 --> 00:00:09.500\nMia: Dan beginnen we.\n\n\
        00:00:09.500 --> 00:00:12.000\nMia: Punt een.\n";

    fn cues_of(t: &Transcript) -> Vec<(String, Option<f64>, Option<f64>)> {
        t.turns.iter().map(|x| (x.text.clone(), x.start, x.end)).collect()
    }

    #[test]
    fn merged_cues_are_written_back_as_the_cues_they_were() {
        let merged = parse(MEETING).expect("reads");
        assert_eq!(merged.turns.len(), 3, "one turn per run of one speaker");
        let written = render(&merged).expect("writes");
        let as_read = parse_with(MEETING, false).expect("reads");
        let again = parse_with(&written, false).expect("reads back");
        assert_eq!(cues_of(&again), cues_of(&as_read), "{written}");
        assert_eq!(again.turns.len(), 5);
        // Through our JSON, and SRT, the anchors survive too.
        let json = crate::formats::json::render(&merged);
        let from_json = crate::formats::json::parse(std::str::from_utf8(&json).expect("utf-8")).expect("reads");
        assert_eq!(from_json, merged);
        let srt = crate::formats::srt::render(&from_json).expect("writes SRT");
        let srt_cues = crate::formats::srt::parse(&srt).expect("reads SRT");
        assert_eq!(cues_of(&srt_cues), cues_of(&as_read), "{srt}");
    }

    #[test]
    fn splitting_at_a_cue_boundary_uses_the_cue_times() {
        let mut t = parse(MEETING).expect("reads");
        let at = t.turns[0].text.find("Zijn").expect("second cue");
        let split = crate::edit::ops::split_turn(&t, 0, at);
        crate::edit::History::new().apply(&mut t, split).expect("splits");
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(0.5), Some(3.0)));
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(4.25), Some(6.0)));
    }

    #[test]
    fn edits_keep_the_cue_boundaries() {
        let mut t = parse(MEETING).expect("reads");
        // The first word of the second cue is deleted and a word of the first is corrected.
        let edit = crate::edit::ops::set_text(&t, 0, "Goedemorgen iedereen. we compleet?");
        crate::edit::History::new().apply(&mut t, edit).expect("edits");
        let written = render(&t).expect("writes");
        let cues = cues_of(&parse_with(&written, false).expect("reads back"));
        assert_eq!(
            cues[0],
            ("Goedemorgen iedereen.".to_string(), Some(0.5), Some(3.0)),
            "{written}"
        );
        assert_eq!(cues[1].0, "we compleet?");
        assert_eq!(
            (cues[1].1, cues[1].2),
            (Some(3.0), Some(6.0)),
            "starts where the cue before ended"
        );
    }

    #[test]
    fn written_with_hours_voices_and_escapes_and_reads_back() {
        let t = parse(&fixture("voices.vtt")).expect("reads");
        let written = render(&t).expect("writes");
        assert!(written.starts_with("WEBVTT - Aflevering 12\n\n00:00:01.000 --> 00:00:04.000\n<v Mia>Welkom bij de podcast over L&amp;D.</v>\n"), "{written}");
        assert!(written.contains("&lt;fijn&gt;"), "{written}");
        // WebVTT holds speakers, texts and times.
        assert_eq!(
            crate::formats::rows(&parse(&written).expect("reads back")),
            crate::formats::rows(&t)
        );
    }

    #[test]
    fn a_file_that_is_not_webvtt() {
        let e = parse("1\n00:00:01,000 --> 00:00:02,000\nhoi\n").expect_err("not vtt");
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("WEBVTT"), "{}", e.message);
    }
}
