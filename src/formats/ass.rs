//! (Advanced) SubStation Alpha subtitles (`.ass`, `.ssa`), as Aegisub writes them: a `[Script Info]`
//! section, styles, and `[Events]` whose `Dialogue:` lines carry the cues. The fields are named by the
//! section's `Format:` line; the text is the last field and may hold commas. The Name field (Aegisub's
//! "Actor") is the speaker. Override blocks (`{\i1}`) are styling and are left out, `\N` is a line break,
//! `\h` a space; drawings (`{\p1}m 0 0 l …`), comments and a line repeated on another layer (a glow under
//! the text) are not speech. Written as ASS with one Default style.

use super::cues::{self, Cue};
use super::line::lines;
use super::time::parse_clock;
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;

pub struct Ass;

/// The fields of an event when the section has no `Format:` line: ASS's order (SSA has `Marked` for
/// `Layer`; the fields that matter are in the same places).
const DEFAULT_FIELDS: [&str; 10] = [
    "layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text",
];

/// The title Aegisub gives a new file: no title of the user's.
const PLACEHOLDER_TITLES: [&str; 2] = ["Default Aegisub file", "<untitled>"];

/// Where a `Dialogue:` line's fields are.
struct Fields {
    count: usize,
    start: usize,
    end: usize,
    name: Option<usize>,
    text: usize,
}

impl Fields {
    fn from_names(names: &[String]) -> Option<Self> {
        let at = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
        Some(Self {
            count: names.len(),
            start: at(&["start"])?,
            end: at(&["end"])?,
            name: at(&["name", "actor"]),
            text: at(&["text"]).filter(|&t| t + 1 == names.len())?,
        })
    }
}

/// The seconds of an ASS time, `H:MM:SS.cc` (any number of digits after the dot is taken).
fn time(field: &str) -> Option<f64> {
    let field = field.trim();
    (!field.contains(',')).then(|| parse_clock(field)).flatten()
}

/// An event's text as it is seen: override blocks left out, `\N` a line break, `\n` a space (a line break
/// only where the script says `WrapStyle: 2`), `\h` a space, and a drawing's commands left out until
/// `{\p0}`. A `{` that no `}` closes is text.
fn plain(text: &str, soft_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut drawing = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '{'
            && let Some(close) = rest.find('}')
        {
            let block = &rest[1..close];
            if let Some(level) = drawing_level(block) {
                drawing = level > 0;
            }
            rest = &rest[close + 1..];
            continue;
        }
        if c == '\\' {
            let replacement = match rest[1..].chars().next() {
                Some('N') => Some('\n'),
                Some('n') => Some(if soft_breaks { '\n' } else { ' ' }),
                Some('h') => Some(' '),
                _ => None,
            };
            if let Some(r) = replacement {
                if !drawing {
                    out.push(r);
                }
                rest = &rest[2..];
                continue;
            }
        }
        if !drawing {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The last `\p<level>` of an override block: 0 ends a drawing, more starts one.
fn drawing_level(block: &str) -> Option<u32> {
    block
        .split('\\')
        .filter_map(|tag| tag.strip_prefix('p'))
        .filter_map(|n| n.trim().parse().ok())
        .next_back()
}

/// A name and value of a `Key: value` line.
fn key_value(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    Some((key.trim().to_ascii_lowercase(), value.trim()))
}

/// Reads decoded ASS or SSA text.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut section = String::new();
    let mut title = None;
    let mut soft_breaks = false;
    let mut fields: Option<Fields> = None;
    let mut events: Vec<(Cue, bool)> = Vec::new();
    let mut seen_events = false;
    for (i, line) in lines(text).enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') && trimmed.ends_with(']') {
            section = trimmed[1..trimmed.len() - 1].trim().to_ascii_lowercase();
            seen_events |= section == "events";
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with(';') || trimmed.starts_with("!:") {
            continue;
        }
        let Some((key, value)) = key_value(trimmed) else {
            continue;
        };
        match (section.as_str(), key.as_str()) {
            ("script info", "title") if !value.is_empty() && !PLACEHOLDER_TITLES.contains(&value) => {
                title = Some(value.to_string());
            }
            ("script info", "wrapstyle") => soft_breaks = value == "2",
            ("events", "format") => {
                let names: Vec<String> = value.split(',').map(|n| n.trim().to_ascii_lowercase()).collect();
                fields = Some(Fields::from_names(&names).ok_or_else(|| {
                    ParseError::new(
                        i + 1,
                        1,
                        "this Format line does not name Start, End and Text (last) fields, so the events cannot be read",
                    )
                })?);
            }
            ("events", "dialogue") => {
                let f = fields.get_or_insert_with(|| {
                    let names: Vec<String> = DEFAULT_FIELDS.iter().map(|s| s.to_string()).collect();
                    Fields::from_names(&names).unwrap_or(Fields {
                        count: 10,
                        start: 1,
                        end: 2,
                        name: Some(4),
                        text: 9,
                    })
                });
                let value_at = line.len() - line.trim_start().len() + trimmed.len() - value.len();
                events.push(dialogue(line, value_at, i, f, soft_breaks)?);
            }
            _ => {}
        }
    }
    if !seen_events && !text.trim().is_empty() {
        return Err(ParseError::new(
            1,
            1,
            "no [Events] section: an ASS or SSA file has its subtitles as Dialogue lines under [Events]",
        ));
    }
    // Subtitles are shown by time, whatever order the lines are in; a line repeated on another layer is
    // drawn twice, not said twice.
    events.sort_by(|a, b| a.0.start.total_cmp(&b.0.start));
    let mut seen = std::collections::HashSet::new();
    events.retain(|(cue, _)| {
        seen.insert((
            cue.start.to_bits(),
            cue.end.to_bits(),
            cue.speaker.clone(),
            cue.text.clone(),
        ))
    });
    let named = events.iter().any(|(_, named)| *named);
    let mut cues: Vec<Cue> = events.into_iter().map(|(cue, _)| cue).collect();
    // A file that names nobody in the Name field may name speakers in the text, as other subtitles do.
    if !named {
        cues::take_speaker_prefixes(&mut cues);
    }
    let mut t = cues::into_transcript(cues, true);
    t.meta.title = title;
    Ok(t)
}

/// One `Dialogue:` line (`value_at`: the byte where its fields begin) as a cue, and whether it names
/// its speaker.
fn dialogue(line: &str, value_at: usize, i: usize, f: &Fields, soft_breaks: bool) -> Result<(Cue, bool), ParseError> {
    let value = &line[value_at..];
    let parts: Vec<&str> = value.splitn(f.count, ',').collect();
    let column = |k: usize| {
        let before: usize = parts[..k.min(parts.len())].iter().map(|p| p.len() + 1).sum();
        line[..value_at].chars().count() + value[..before.min(value.len())].chars().count() + 1
    };
    if parts.len() < f.count {
        return Err(ParseError::new(
            i + 1,
            column(parts.len()),
            format!(
                "this Dialogue line has {} fields where the Format line names {}",
                parts.len(),
                f.count
            ),
        ));
    }
    let clock = |k: usize| {
        time(parts[k]).ok_or_else(|| {
            ParseError::new(
                i + 1,
                column(k),
                format!("{:?} is not a time; ASS writes times as 0:00:01.50", parts[k].trim()),
            )
        })
    };
    let (start, end) = (clock(f.start)?, clock(f.end)?);
    if end < start {
        return Err(ParseError::new(
            i + 1,
            column(f.end),
            format!("this line ends ({end} s) before it starts ({start} s)"),
        ));
    }
    let speaker = f
        .name
        .map(|k| parts[k].trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let named = speaker.is_some();
    Ok((Cue::new(start, end, speaker, plain(parts[f.text], soft_breaks)), named))
}

/// `H:MM:SS.cc` from seconds, rounded to the hundredth.
fn clock(seconds: f64) -> String {
    let cs = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (cs / 360_000, cs % 360_000);
    let (m, rest) = (rest / 6000, rest % 6000);
    let (s, cs) = (rest / 100, rest % 100);
    format!("{h}:{m:02}:{s:02}.{cs:02}")
}

/// Whether a time needs more than hundredths.
fn finer_than_hundredths(seconds: f64) -> bool {
    ((seconds * 100.0).round() - seconds * 100.0).abs() > 1e-6
}

/// What in a turn's text ASS would read as its own codes: braces (override blocks) and `\N`, `\n`, `\h`.
fn code_in(text: &str) -> Option<&'static str> {
    if text.contains(['{', '}']) {
        return Some("a brace, which ASS reads as the start or end of a style code");
    }
    ["\\N", "\\n", "\\h"]
        .iter()
        .any(|code| text.contains(code))
        .then_some("a backslash before N, n or h, which ASS reads as a line break or a space")
}

const HEADER: &str = "[Script Info]\n\
; Written by transcript-editor\n\
ScriptType: v4.00+\n\
WrapStyle: 0\n\
ScaledBorderAndShadow: yes\n\
PlayResX: 1920\n\
PlayResY: 1080\n";

const STYLES: &str = "\n[V4+ Styles]\n\
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, \
MarginR, MarginV, Encoding\n\
Style: Default,Arial,64,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,80,80,60,1\n\
\n[Events]\n\
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";

pub fn render(t: &Transcript) -> Result<String, WriteError> {
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(why) = code_in(&turn.text) {
            return Err(WriteError(format!(
                "turn {} holds {why} (ASS has no way to escape it); save as WebVTT or JSON, or change the text",
                i + 1
            )));
        }
        if let Some(name) = t.speaker_name(turn.speaker.as_ref()).filter(|n| n.contains(',')) {
            return Err(WriteError(format!(
                "turn {} is {name:?}'s, and ASS cannot hold a comma in a speaker's name (commas separate its \
                 fields); rename the speaker, or save as WebVTT or JSON",
                i + 1
            )));
        }
    }
    let cues = cues::out_cues(t, "ASS")?;
    let mut out = String::from(HEADER);
    if let Some(title) = &t.meta.title {
        out.push_str(&format!("Title: {}\n", title.replace(['\n', '\r'], " ")));
    }
    out.push_str(STYLES);
    for cue in cues {
        let text = cues::without_blank_lines(cue.text)
            .split('\n')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\\N");
        out.push_str(&format!(
            "Dialogue: 0,{},{},Default,{},0,0,0,,{text}\n",
            clock(cue.start),
            clock(cue.end),
            cue.speaker.unwrap_or("").replace(['\n', '\r'], " ").trim()
        ));
    }
    Ok(out)
}

/// What ASS cannot hold: what no cue format holds, and times finer than a hundredth of a second.
fn losses(t: &Transcript, resave: bool) -> Vec<String> {
    let mut out = cues::losses(t, resave);
    let fine = cues::out_cues(t, "ASS")
        .map(|cues| {
            cues.iter()
                .any(|c| finer_than_hundredths(c.start) || finer_than_hundredths(c.end))
        })
        .unwrap_or(false);
    if fine {
        out.push("times finer than a hundredth of a second".to_string());
    }
    out
}

impl Format for Ass {
    fn name(&self) -> &'static str {
        "ass"
    }
    fn title(&self) -> &'static str {
        "SubStation Alpha subtitles"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["ass", "ssa"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        head.trim_start_matches('\u{FEFF}')
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.trim().eq_ignore_ascii_case("[Script Info]"))
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
    fn aegisub_file_with_styles_override_tags_layers_comments_and_drawings() {
        let t = Ass.read(&fixture("aegisub.ass")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (
                    Some("Mia"),
                    "Welkom bij de podcast.\nVandaag: ondertitels.",
                    Some(1.0),
                    Some(4.2)
                ),
                (Some("Hakar"), "Dank je, fijn dat ik er ben.", Some(4.5), Some(7.25)),
                (Some("Mia"), "Zullen we beginnen?", Some(7.5), Some(9.0)),
            ],
            "the comment, the sign's drawing and the glow layer's copy are not speech; the lines are in time order"
        );
        assert_eq!(t.meta.title.as_deref(), Some("Podcast aflevering 12"));
    }

    #[test]
    fn override_blocks_line_breaks_hard_spaces_and_drawings() {
        assert_eq!(
            plain(r"{\an8\i1}Ja{\i0}, zeker.\NTweede\hregel", false),
            "Ja, zeker.\nTweede regel"
        );
        assert_eq!(plain(r"een\nzin", false), "een zin");
        assert_eq!(plain(r"een\nzin", true), "een\nzin");
        assert_eq!(plain(r"{\p1}m 0 0 l 100 0 100 100{\p0}Bord", false), "Bord");
        assert_eq!(plain("open { zonder sluiten", false), "open { zonder sluiten");
        assert_eq!(plain(r"{\k20}Ka{\k35}ra{\k40}o{\k50}ke", false), "Karaoke");
    }

    #[test]
    fn ssa_v4_with_marked_field_and_no_names_takes_labels_from_the_text() {
        let src = "[Script Info]\nScriptType: v4.00\n\n[V4 Styles]\nFormat: Name, Fontname\nStyle: Default,Arial\n\n\
                   [Events]\nFormat: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
                   Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,Mia: Hallo, hoe gaat het?\n\
                   Dialogue: Marked=0,0:00:02.50,0:00:03.00,Default,,0000,0000,0000,,Hakar: Goed.\n\
                   Dialogue: Marked=0,0:00:03.00,0:00:04.00,Default,,0000,0000,0000,,Mia: Mooi.\n";
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (Some("Mia"), "Hallo, hoe gaat het?", Some(1.0), Some(2.0)),
                (Some("Hakar"), "Goed.", Some(2.5), Some(3.0)),
                (Some("Mia"), "Mooi.", Some(3.0), Some(4.0)),
            ]
        );
    }

    #[test]
    fn a_bad_time_is_named_at_its_line_and_column() {
        let src = "[Script Info]\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
                   Dialogue: 0,0:00:01.00,soon,Default,,0,0,0,,Hallo\n";
        let e = parse(src).expect_err("bad time");
        assert_eq!((e.line, e.column), (5, 24), "{e}");
        assert!(e.message.contains("\"soon\" is not a time"), "{e}");
        let short = "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default\n";
        let e = parse(short).expect_err("too few fields");
        assert!(e.message.contains("4 fields where the Format line names 10"), "{e}");
        let e = parse("[Script Info]\nTitle: x\n").expect_err("no events");
        assert!(e.message.contains("no [Events] section"), "{e}");
    }

    #[test]
    fn writes_what_it_reads_back_with_speakers_in_the_name_field() {
        let t = Ass.read(&fixture("aegisub.ass")).expect("reads").transcript;
        let written = render(&t).expect("writes");
        assert!(written.starts_with("[Script Info]\n"), "{written}");
        assert!(
            written.contains(
                "Dialogue: 0,0:00:01.00,0:00:04.20,Default,Mia,0,0,0,,Welkom bij de podcast.\\NVandaag: ondertitels.\n"
            ),
            "{written}"
        );
        assert!(written.contains("Title: Podcast aflevering 12\n"), "{written}");
        assert_eq!(parse(&written).expect("reads back"), t);
        assert!(Ass.sniff(written.as_bytes()));
    }

    #[test]
    fn what_ass_cannot_hold_is_refused_or_named() {
        let mut t = crate::formats::text::parse("Mia: Een {code}.\n");
        t.turns[0].start = Some(1.0);
        t.turns[0].end = Some(2.0);
        let e = render(&t).expect_err("brace");
        assert!(e.0.starts_with("turn 1 holds a brace"), "{}", e.0);
        t.turns[0].text = r"C:\new".into();
        assert!(render(&t).is_err_and(|e| e.0.contains("backslash before N, n or h")));
        t.turns[0].text = "Gewoon.".into();
        assert!(Ass.losses(&t).is_empty(), "{:?}", Ass.losses(&t));
        t.turns[0].end = Some(2.005);
        assert_eq!(Ass.losses(&t), ["times finer than a hundredth of a second"]);
        let mut named = Transcript::new();
        let smith = named.intern_speaker("Smith, J.");
        let turn = named.push_turn(Some(smith), "Hallo.");
        (turn.start, turn.end) = (Some(0.0), Some(1.0));
        let e = render(&named).expect_err("comma");
        assert!(
            e.0.starts_with("turn 1 is \"Smith, J.\"'s") && e.0.contains("comma in a speaker's name"),
            "{}",
            e.0
        );
    }
}
