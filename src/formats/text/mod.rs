//! Plain text: one `Label: text` block per turn, as people and many tools write transcripts.
//!
//! Reading recognises labels in the forms found in the wild (`Mia:`, `Dr. Melissa Ko:`, `[SPEAKER_00]:`,
//! `**Mia:**`, `[00:01:23] Mia:`, `Mia (01:23):` …). A line without a label continues the current turn.
//! Whether `Word:` at the start of a line is a label is decided over the whole file: strong forms (brackets,
//! bold, a timestamp, `SPEAKER_00`, `Speaker 1`) always are; a label seen twice is; a label seen once is only
//! when it looks like a name (`Let op: …` in the middle of a turn is text, `Hakar: …` is a label).
//!
//! Writing follows the layout of the file that was read (a blank line between turns or not, CRLF or LF),
//! writes times as `[HH:MM:SS.mmm - HH:MM:SS.mmm]` before the label, writes each name so that it reads back
//! exactly (`labels.rs`), and escapes with a leading backslash a text line that the reader would take for a
//! label, so what the editor writes reads back to the same transcript. Plain text keeps words and line
//! breaks, not spaces at the ends of lines or blank lines at the start or end of a turn.

mod labels;
mod written_labels;

use super::time::format_clock;
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::{LabelStyle, TextLayout, Transcript};
use labels::{LabelMatch, match_label};
use std::borrow::Cow;
use std::collections::HashMap;

pub(crate) use super::line::{lines, looks_like_name};
pub(crate) use labels::leading_label;
use written_labels::styled_label;
pub(crate) use written_labels::{bracketed_label, write_bold_label, write_label};

pub struct PlainText;

/// The label at the start of a line, unless the line is escaped with a backslash.
fn label_of(line: &str) -> Option<LabelMatch<'_>> {
    if line.starts_with('\\') {
        None
    } else {
        match_label(line)
    }
}

/// Reads plain text that is already decoded.
pub fn parse(text: &str) -> Transcript {
    // First pass: how often each label occurs, to tell `Let op:` from a speaker. Labels are matched again in
    // the second pass rather than kept: for a file of short turns, keeping them costs more than the file.
    let mut seen: HashMap<Cow<str>, usize> = HashMap::new();
    for m in lines(text).filter_map(label_of) {
        *seen.entry(m.name).or_default() += 1;
    }
    let accepted =
        |m: &LabelMatch| m.strong || seen.get(m.name.as_ref()).copied().unwrap_or(0) >= 2 || looks_like_name(&m.name);

    let mut t = Transcript::new();
    // As many turns as there are labels at most: reserved at once, not doubled into (a Vec that grows by
    // doubling holds up to twice what it needs, and a million-word file has a hundred thousand turns).
    t.turns.reserve_exact(seen.values().sum::<usize>() + 1);
    let mut ids: HashMap<Cow<str>, crate::model::SpeakerId> = HashMap::new();
    let mut blank_lines = 0usize;
    let (mut separated, mut adjacent) = (0usize, 0usize);
    // How many labels were written in each style: [Colon, FullwidthColon, Lenticular].
    let mut styles = [0usize; 3];
    for line in lines(text) {
        let label = label_of(line);
        let line = line.trim_end();
        match label.filter(|m| accepted(m)) {
            Some(m) => {
                if !t.turns.is_empty() {
                    if blank_lines > 0 { separated += 1 } else { adjacent += 1 }
                }
                let speaker = match ids.get(m.name.as_ref()) {
                    Some(id) => id.clone(),
                    None => {
                        let id = t.intern_speaker(&m.name);
                        ids.insert(m.name.clone(), id.clone());
                        id
                    }
                };
                let head = line[..m.rest.min(line.len())].trim();
                let style = if head.starts_with('【') && head.ends_with('】') {
                    2
                } else if head.ends_with('：') {
                    1
                } else {
                    0
                };
                styles[style] += 1;
                let turn = t.push_turn(Some(speaker), line[m.rest.min(line.len())..].trim_start());
                turn.start = m.start;
                turn.end = m.end;
                blank_lines = 0;
            }
            None if line.trim().is_empty() => blank_lines += 1,
            None => {
                let line = line.strip_prefix('\\').unwrap_or(line);
                match t.turns.last_mut() {
                    Some(turn) if turn.text.is_empty() => turn.text.push_str(line),
                    Some(turn) => {
                        for _ in 0..=blank_lines {
                            turn.text.push('\n');
                        }
                        turn.text.push_str(line);
                    }
                    None => {
                        t.push_turn(None, line);
                    }
                }
                blank_lines = 0;
            }
        }
    }
    t.layout = TextLayout {
        blank_line_between_turns: separated > adjacent,
        crlf: text.contains("\r\n"),
        final_newline: text.is_empty() || text.ends_with(['\n', '\r']),
        // The style most labels have; colons where as many have another.
        labels: match styles {
            [colon, fullwidth, lenticular] if fullwidth > colon && fullwidth >= lenticular => {
                LabelStyle::FullwidthColon
            }
            [colon, _, lenticular] if lenticular > colon => LabelStyle::Lenticular,
            _ => LabelStyle::Colon,
        },
    };
    t
}

/// A carriage return inside a text reads back as a line break: it is written as one.
fn with_line_feeds(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Decides which text lines get a backslash so that they read back as text: a line the reader would take
/// for a label, judged as the reader judges it, over the whole file that is written.
pub(crate) struct LineEscapes {
    /// How often each name stands at a line's start in the file: written labels and label-like text
    /// lines. `None`: escape every line that looks like a label (formats that do not count).
    seen: Option<HashMap<String, usize>>,
}

impl LineEscapes {
    /// Escapes every text line that looks like a label.
    pub(crate) fn every_label_like_line() -> Self {
        Self { seen: None }
    }

    /// For plain text: a label-like line is escaped only when the reader would take it as a label (a
    /// strong form, a name, or a name seen twice in the file), so `Let op: …` once in a turn stays as it is.
    fn for_plain_text(t: &Transcript) -> Self {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for turn in &t.turns {
            let name = t.speaker_name(turn.speaker.as_ref());
            if let Some(name) = name {
                *seen.entry(name.to_string()).or_default() += 1;
            }
            let text = with_line_feeds(&turn.text);
            let at_line_start = text.split('\n').skip(usize::from(name.is_some()));
            for m in at_line_start.filter_map(match_label) {
                *seen.entry(m.name.into_owned()).or_default() += 1;
            }
        }
        Self { seen: Some(seen) }
    }

    fn needed(&self, line: &str) -> bool {
        // A byte order mark or a PDF signature at the file's start would change how the file is read.
        if line.starts_with(['\\', '\u{FEFF}']) || line.starts_with("%PDF-") {
            return true;
        }
        let Some(m) = match_label(line) else { return false };
        match &self.seen {
            None => true,
            Some(seen) => m.strong || looks_like_name(&m.name) || seen.get(m.name.as_ref()).copied().unwrap_or(0) >= 2,
        }
    }
}

/// Writes a turn's text after its label (`labelled`) or on its own, escaping with a backslash each line that
/// would otherwise read as a label, so that it reads back as text.
pub(crate) fn write_lines(out: &mut String, text: &str, labelled: bool, escapes: &LineEscapes) {
    write_lines_after(out, text, labelled, labelled, escapes);
}

/// [`write_lines`] after a label that may want no space after it (`张伟：text`).
fn write_lines_after(out: &mut String, text: &str, labelled: bool, space: bool, escapes: &LineEscapes) {
    for (j, line) in text.split('\n').enumerate() {
        if j == 0 {
            // A colon first would be taken into a bracketed label (`【A】:)`): a space keeps it text.
            if labelled && !line.is_empty() && (space || line.starts_with([':', '：'])) {
                out.push(' ');
            }
        } else {
            out.push('\n');
        }
        // The first line of a labelled turn follows the label and is never read as one.
        let read_as_line_start = j > 0 || !labelled;
        if read_as_line_start && (escapes.needed(line) || (!labelled && super::line::is_otter_header(line))) {
            out.push('\\');
        }
        out.push_str(line);
    }
}

/// Writes one block per turn, in the layout of the file the transcript was read from.
pub fn render(t: &Transcript) -> String {
    let mut out = String::with_capacity(t.turns.iter().map(|x| x.text.len() + 24).sum());
    // Each speaker's label (and the file's style of it, where it has one), made once per speaker.
    let label: HashMap<&str, (String, Option<String>)> = t
        .speakers
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                (write_label(&s.name), styled_label(&s.name, t.layout.labels)),
            )
        })
        .collect();
    let escapes = LineEscapes::for_plain_text(t);
    for (i, turn) in t.turns.iter().enumerate() {
        if i > 0 && t.layout.blank_line_between_turns {
            out.push('\n');
        }
        let name = t.speaker_name(turn.speaker.as_ref());
        if let (Some(_), Some(start)) = (name, turn.start) {
            out.push('[');
            out.push_str(&format_clock(start));
            if let Some(end) = turn.end {
                out.push_str(" - ");
                out.push_str(&format_clock(end));
            }
            out.push_str("] ");
        }
        let mut space = true;
        if let Some((plain, styled)) = name.and_then(|name| label.get(name)) {
            match styled {
                Some(styled) if turn.start.is_none() => {
                    out.push_str(styled);
                    space = false;
                }
                _ => out.push_str(plain),
            }
        }
        write_lines_after(&mut out, &with_line_feeds(&turn.text), name.is_some(), space, &escapes);
        out.push('\n');
    }
    if !t.layout.final_newline && out.ends_with('\n') {
        out.pop();
    }
    if t.layout.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

impl Format for PlainText {
    fn name(&self) -> &'static str {
        "text"
    }
    fn title(&self) -> &'static str {
        "Plain text"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }
    fn sniff(&self, _bytes: &[u8]) -> bool {
        true
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, |t| Ok(parse(t)))
    }
    fn write(&self, transcript: &Transcript) -> Result<Vec<u8>, WriteError> {
        refuse_nul(transcript, self.title())?;
        Ok(render(transcript).into_bytes())
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        let mut losses = self.losses_on_resave(t);
        let unused: Vec<&str> = t
            .speakers
            .iter()
            .filter(|s| !t.turns.iter().any(|x| x.speaker.as_ref() == Some(&s.id)))
            .map(|s| s.name.as_str())
            .collect();
        if !unused.is_empty() {
            // Plain text knows speakers only by their labels.
            losses.push(format!("speakers without turns ({})", unused.join(", ")));
        }
        if t.turns.iter().any(|x| x.is_changed()) {
            losses.push("the original texts of changed turns".to_string());
        }
        losses
    }
    /// A text file holds no speaker without turns: one the user relabelled away (or added and never used)
    /// is not asked about when saving back as text.
    fn losses_on_resave(&self, t: &Transcript) -> Vec<String> {
        let mut losses = Vec::new();
        losses.extend(super::metadata_loss(&t.meta, false, false));
        if t.turns.iter().any(|x| x.speaker.is_none() && x.start.is_some()) {
            losses.push("the times of turns without a speaker".to_string());
        }
        if t.turns.iter().any(|x| x.start.is_none() && x.end.is_some()) {
            losses.push("end times of turns that have no start time".to_string());
        }
        if t.turns.iter().skip(1).any(|x| x.speaker.is_none()) {
            losses.push("turns without a speaker after the first (they join the turn before)".to_string());
        }
        if t.turns.iter().any(|x| x.extra.is_some()) || t.speakers.iter().any(|s| !s.extra.is_empty()) {
            losses.push("extra fields of turns and speakers".to_string());
        }
        losses.extend(crate::formats::review_losses(t, false, false));
        losses
    }
}

/// A NUL character makes a text file binary data to every reader, this one included: a transcript holding
/// one is not written as text.
pub(crate) fn refuse_nul(t: &Transcript, format: &str) -> Result<(), WriteError> {
    match t.turns.iter().position(|x| x.text.contains('\0')) {
        Some(i) => Err(WriteError(format!(
            "turn {} holds a NUL character (U+0000), which {format} cannot hold; remove it or save as JSON",
            i + 1
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_japanese_label_styles_are_written_as_the_file_had_them() {
        let japanese = String::from_utf8(crate::formats::fixture("taidan-ja.txt")).expect("UTF-8");
        // interview-zh.txt's turns, without its header lines (which plain text keeps as a first turn).
        let chinese = "【访谈者】今天我们聊一聊城市里的公园。\n【受访者】好的。我每天早上都去公园跑步。\n【访谈者】[笑] 每天吗？\n";
        let from_file = String::from_utf8(crate::formats::fixture("interview-zh.txt")).expect("UTF-8");
        assert_eq!(parse(&from_file).layout.labels, LabelStyle::Lenticular);
        for (name, source, style) in [
            ("Japanese", japanese.as_str(), LabelStyle::FullwidthColon),
            ("Chinese", chinese, LabelStyle::Lenticular),
        ] {
            let t = parse(source);
            assert_eq!(t.layout.labels, style, "{name}");
            assert_eq!(render(&t), source, "{name}: saved unchanged, it is the same file");
            // A new speaker, named in Latin letters, is labelled in the file's style too, and reads back.
            let mut t = t;
            let id = t.intern_speaker("Mia");
            t.turns[2].speaker = Some(id);
            let written = render(&t);
            let mia_label = if style == LabelStyle::Lenticular {
                "【Mia】"
            } else {
                "Mia："
            };
            assert!(written.contains(mia_label), "{name}: {written}");
            assert_eq!(parse(&written), t, "{name}");
        }
    }

    #[test]
    fn the_label_style_most_labels_have_wins_and_colons_win_a_tie() {
        assert_eq!(
            parse("张伟：好。\n李娜：对。\nMia: ja\n").layout.labels,
            LabelStyle::FullwidthColon
        );
        assert_eq!(parse("张伟：好。\nMia: ja\n").layout.labels, LabelStyle::Colon);
        assert_eq!(
            parse("【张伟】好。\n【李娜】对。\n").layout.labels,
            LabelStyle::Lenticular
        );
        assert_eq!(parse("Mia: ja\nBram: nee\n").layout.labels, LabelStyle::Colon);
    }

    #[test]
    fn a_text_that_starts_with_a_colon_after_a_bracketed_label_keeps_it() {
        let mut t = parse("【张伟】好。\n【李娜】对。\n");
        t.turns[0].text = ":) 好。".to_string();
        t.turns[1].text = "：对。".to_string();
        let written = render(&t);
        assert_eq!(written, "【张伟】 :) 好。\n【李娜】 ：对。\n");
        assert_eq!(parse(&written), t);
    }

    fn labels(t: &Transcript) -> Vec<&str> {
        t.turns
            .iter()
            .map(|x| t.speaker_name(x.speaker.as_ref()).unwrap_or("-"))
            .collect()
    }

    #[test]
    fn the_seed_transcript_has_14_turns_and_4_labels() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seeds/000_837b87a00f6f00a1.txt"
        ));
        // The seed lives beside the repository (as in CI), not in it; a bare clone skips this test.
        let bytes = match bytes {
            Ok(b) => b,
            Err(_) if std::env::var_os("CI").is_none() => return eprintln!("seed transcript not found; skipped"),
            Err(e) => panic!("CI must have the seed transcript beside the repository: {e}"),
        };
        let t = PlainText.read(&bytes).expect("reads").transcript;
        assert_eq!(t.turns.len(), 14);
        let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Hakar", "Mia", "H", "M"]);
        assert!(t.turns[0].text.starts_with("Leuk dat je luistert"));
    }

    #[test]
    fn continuation_lines_and_text_before_the_first_label() {
        let t = parse("Recorded on Monday.\n\nMia: Hello\nthere.\n\nStill Mia.\nHakar: Hi.\n");
        assert_eq!(labels(&t), ["-", "Mia", "Hakar"]);
        assert_eq!(t.turns[0].text, "Recorded on Monday.");
        assert_eq!(t.turns[1].text, "Hello\nthere.\n\nStill Mia.");
    }

    #[test]
    fn label_forms_found_in_the_wild() {
        let cases = [
            ("Dr. Melissa Ko: hi", "Dr. Melissa Ko", None),
            ("SPEAKER_00: hi", "SPEAKER_00", None),
            ("[SPEAKER_00]: hi", "SPEAKER_00", None),
            ("Speaker 1: hi", "Speaker 1", None),
            ("**Mia:** hi", "Mia", None),
            ("**Mia**: hi", "Mia", None),
            ("[00:01:23] Mia: hi", "Mia", Some(83.0)),
            ("Mia [00:01:23]: hi", "Mia", Some(83.0)),
            ("(01:23) Mia: hi", "Mia", Some(83.0)),
            ("Mia (01:23): hi", "Mia", Some(83.0)),
        ];
        for (line, name, start) in cases {
            let t = parse(line);
            assert_eq!(t.turns.len(), 1, "{line}");
            assert_eq!(labels(&t), [name], "{line}");
            assert_eq!(t.turns[0].text, "hi", "{line}");
            assert_eq!(t.turns[0].start, start, "{line}");
        }
    }

    #[test]
    fn time_ranges_fill_start_and_end() {
        let t = parse("[00:00:01.500 - 00:00:04.250] Mia: hi");
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(1.5), Some(4.25)));
    }

    #[test]
    fn things_that_are_not_labels() {
        for line in [
            "at 10:30: ok",
            "http://example.org",
            "see https://example.org/a:b for more",
        ] {
            let t = parse(&format!("Mia: first\n{line}"));
            assert_eq!(labels(&t), ["Mia"], "{line}");
            assert_eq!(t.turns[0].text, format!("first\n{line}"));
        }
        let t = parse("Mia: Eerst dit.\nLet op: dit is belangrijk.\nHakar: Goed.");
        assert_eq!(labels(&t), ["Mia", "Hakar"]);
        assert_eq!(t.turns[0].text, "Eerst dit.\nLet op: dit is belangrijk.");
        let long =
            "Het belangrijkste dat ik vandaag wil zeggen over leren en ontwikkelen is eigenlijk dit: begin klein.";
        let t = parse(&format!("Mia: Nou.\n{long}"));
        assert_eq!(t.turns.len(), 1);
    }

    #[test]
    fn a_lower_case_label_used_twice_is_a_speaker() {
        let t = parse("interviewer: Hoe gaat het?\nrespondent: Goed.\ninterviewer: Mooi.\nrespondent: Ja.");
        assert_eq!(labels(&t), ["interviewer", "respondent", "interviewer", "respondent"]);
    }

    #[test]
    fn crlf_and_lone_cr_line_ends() {
        let crlf = parse("Mia: a\r\nb\r\nHakar: c\r\n");
        let cr = parse("Mia: a\rb\rHakar: c\r");
        let lf = parse("Mia: a\nb\nHakar: c\n");
        assert_eq!(crlf, lf);
        assert_eq!(cr, lf);
        assert_eq!(lf.turns[0].text, "a\nb");
    }

    #[test]
    fn legacy_encodings_are_decoded_and_reported() {
        let loaded = PlainText
            .read(b"J\xFCrgen: Sch\xF6n, da\xDF Sie da sind.\nMia: Dank je, \xE9\xE9n moment.")
            .expect("reads");
        assert_eq!(loaded.encoding, super::super::Encoding::Windows1252);
        let t = loaded.transcript;
        assert_eq!(labels(&t), ["Jürgen", "Mia"]);
        assert_eq!(t.turns[0].text, "Schön, daß Sie da sind.");
        assert_eq!(t.turns[1].text, "Dank je, één moment.");
    }

    #[test]
    fn writing_escapes_lines_that_would_read_as_labels() {
        let mut t = Transcript::new();
        let mia = t.intern_speaker("Mia");
        let odd = t.intern_speaker("de interviewer");
        t.push_turn(Some(mia), "Ik zei:\nHakar: kom hier\n\\ backslash");
        t.push_turn(Some(odd), "ja").start = Some(1.5);
        let text = render(&t);
        assert_eq!(
            text,
            "Mia: Ik zei:\n\\Hakar: kom hier\n\\\\ backslash\n[00:00:01.500] [de interviewer]: ja\n"
        );
        assert_eq!(parse(&text), t);
    }

    #[test]
    fn found_by_fuzzing_text_that_starts_like_a_wav_file_round_trips() {
        let t = PlainText.read(b"\\RIFF").expect("reads").transcript;
        let written = PlainText.write(&t).expect("writes");
        assert_eq!(PlainText.read(&written).expect("reads back").transcript, t);
    }

    #[test]
    fn saving_keeps_the_layout_of_the_file_that_was_read() {
        for source in [
            "Mia: a\nHakar: b\n\nc\n",
            "Mia: a\nHakar: b",
            "Mia: a\n\nHakar: b\n",
            "Mia: a\r\nHakar: b\r\n",
            "Mia: a\r\n\r\nHakar: b\r\n",
        ] {
            assert_eq!(render(&parse(source)), source, "{source:?}");
        }
    }
}
